// Hierarchical omega: group factors by minimum residuals, oblimin rotation, the Schmid–Leiman
// general factor, and omega_h, omega total and the explained common variance from them.
#include "impactchain/omega_hierarchical.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <utility>

#include "impactchain/detail/check.hpp"
#include "impactchain/detail/minres.hpp"
#include "impactchain/error.hpp"

namespace impactchain {
namespace {

/// The smallest unique variance, as a share of the item's variance, below which an item is
/// reported as a Heywood case (as omega's one-factor fit).
constexpr double group_heywood_share = 0.005;
const char* const undefined = "hierarchical omega is undefined";
/// How far above the rotation's tolerance its gradient may stop where rounding stops every step.
constexpr double rounding_floor = 100;

/// The quartimin criterion (oblimin with gamma 0) of pattern loadings L and its gradient:
/// f = sum over items of the products of squared loadings on different factors / 4,
/// gradient L * (L^2 (11' - I)) (Jennrich 2002; GPArotation's vgQ.oblimin).
double quartimin(const Eigen::MatrixXd& l, Eigen::MatrixXd& gradient) {
  const Eigen::MatrixXd l2 = l.cwiseProduct(l);
  const Eigen::Index m = l.cols();
  const Eigen::MatrixXd off = Eigen::MatrixXd::Ones(m, m) - Eigen::MatrixXd::Identity(m, m);
  const Eigen::MatrixXd x = l2 * off;
  gradient = l.cwiseProduct(x);
  return l2.cwiseProduct(x).sum() / 4;
}

struct Rotation {
  Eigen::MatrixXd pattern, phi;
  int iterations = 0;
  bool converged = false;
  double gradient = 0;  ///< the norm of the last projected gradient
};

/// Oblique rotation of loadings A by the gradient projection algorithm (Jennrich 2002;
/// Bernaards and Jennrich 2005, GPFoblq) from the identity: T with unit-length columns, pattern
/// L = A (T')^-1, factor correlations T'T; the step halves until the criterion falls by half the
/// projected gradient's squared norm times the step, and doubles at each iteration.
/// It stops when the projected gradient's norm is below the tolerance, or below rounding_floor
/// times it where no step lowers the criterion any more (its changes are lost to rounding).
Rotation oblimin(const Eigen::MatrixXd& a, const HierarchicalOmegaOptions& o) {
  const Eigen::Index m = a.cols();
  Eigen::MatrixXd t = Eigen::MatrixXd::Identity(m, m), gq, l = a;
  double f = quartimin(l, gq);
  Eigen::MatrixXd g = -(l.transpose() * gq * t.inverse()).transpose();
  double alpha = 1;
  Rotation r;
  for (; r.iterations < o.rotation_iterations; ++r.iterations) {
    const Eigen::MatrixXd gp = g - t * (t.cwiseProduct(g).colwise().sum()).asDiagonal();
    r.gradient = gp.norm();
    if (r.gradient < o.rotation_tolerance) {
      r.converged = true;
      break;
    }
    alpha *= 2;
    Eigen::MatrixXd tt, lt, gqt;
    double ft = f;
    bool lowered = false;
    for (int i = 0; i <= 10 && !lowered; ++i) {
      const Eigen::MatrixXd x = t - alpha * gp;
      tt = x * x.colwise().norm().cwiseInverse().asDiagonal();
      lt = a * tt.inverse().transpose();
      ft = quartimin(lt, gqt);
      lowered = f - ft > 0.5 * r.gradient * r.gradient * alpha;
      if (!lowered) alpha /= 2;
    }
    if (!lowered && r.gradient < rounding_floor * o.rotation_tolerance) {  // no step lowers the criterion: rounding
      r.converged = true;
      break;
    }
    t = std::move(tt);
    l = std::move(lt);
    gq = std::move(gqt);
    f = ft;
    g = -(l.transpose() * gq * t.inverse()).transpose();
  }
  r.pattern = std::move(l);
  r.phi = t.transpose() * t;
  return r;
}

/// Each factor signed so that its pattern loadings sum to >= 0, the factors in order of their
/// sums of squared pattern loadings, largest first (ties keep the rotation's order).
void sign_and_order(Rotation& r) {
  const Eigen::Index m = r.pattern.cols();
  for (Eigen::Index f = 0; f < m; ++f)
    if (r.pattern.col(f).sum() < 0) {
      r.pattern.col(f) *= -1;
      r.phi.row(f) *= -1;
      r.phi.col(f) *= -1;
    }
  std::vector<Eigen::Index> order(static_cast<std::size_t>(m));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  const Eigen::VectorXd ss = r.pattern.colwise().squaredNorm();
  std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return ss[a] > ss[b]; });
  Eigen::MatrixXd pattern(r.pattern.rows(), m), phi(m, m);
  for (Eigen::Index i = 0; i < m; ++i) {
    pattern.col(i) = r.pattern.col(order[static_cast<std::size_t>(i)]);
    for (Eigen::Index j = 0; j < m; ++j) phi(i, j) = r.phi(order[static_cast<std::size_t>(i)], order[static_cast<std::size_t>(j)]);
  }
  r.pattern = std::move(pattern);
  r.phi = std::move(phi);
}

/// The fewest items that identify `groups` factors: (k - groups)^2 >= k + groups.
int fewest_items(int groups) {
  int k = groups + 1;
  while ((k - groups) * (k - groups) < k + groups) ++k;
  return k;
}

void check(Eigen::Index k, const HierarchicalOmegaOptions& o) {
  detail::IssueList issues;
  if (o.groups < 2)
    issues.add("groups", "must be >= 2 (with one factor, omega hierarchical is omega: use mcdonald_omega), got " + std::to_string(o.groups));
  else if (k < fewest_items(o.groups))
    issues.add("items", "hierarchical omega with " + std::to_string(o.groups) + " group factors needs at least " +
                            std::to_string(fewest_items(o.groups)) +
                            " items (a factor model must not have more parameters than the items have correlations), got " + std::to_string(k));
  if (o.max_iterations < 1) issues.add("max_iterations", "must be >= 1, got " + std::to_string(o.max_iterations));
  if (!(o.tolerance > 0) || !std::isfinite(o.tolerance)) issues.add("tolerance", "must be finite and > 0, got " + detail::num(o.tolerance));
  if (o.rotation_iterations < 1) issues.add("rotation_iterations", "must be >= 1, got " + std::to_string(o.rotation_iterations));
  if (!(o.rotation_tolerance > 0) || !std::isfinite(o.rotation_tolerance))
    issues.add("rotation_tolerance", "must be finite and > 0, got " + detail::num(o.rotation_tolerance));
  issues.throw_if_any();
}

/// The general factor's loadings on the group factors: with two, sqrt of their correlation for
/// both; with more, one factor fitted to their correlations by minimum residuals, each
/// communality at most 1 and a loading beyond 1 (a Heywood case) kept at 1, with a warning.
Eigen::VectorXd second_order(const Eigen::MatrixXd& phi, const HierarchicalOmegaOptions& o, std::vector<Notice>& warnings) {
  const Eigen::Index m = phi.rows();
  Eigen::VectorXd gamma(m);
  if (m == 2) {
    if (!(phi(0, 1) > 0))
      throw ValidationError("groups", "the two group factors correlate " + detail::num(phi(0, 1)) +
                                          ": without a positive correlation they share no general factor, so " + undefined);
    gamma.setConstant(std::sqrt(phi(0, 1)));
    warnings.push_back(Notice("reliability.two_groups", {real_param("correlation", phi(0, 1))}));
    return gamma;
  }
  Eigen::MatrixXd inverse;
  const bool definite = detail::spd_inverse(phi, inverse);
  const detail::MinresFit f = detail::minres_fit(phi, definite ? &inverse : nullptr, 1, o.max_iterations, o.tolerance, undefined, 1.0);
  gamma = f.loadings.col(0);
  if (gamma.sum() < 0) gamma = -gamma;
  if (!f.converged)
    warnings.push_back(Notice("reliability.general_not_converged", {int_param("iterations", f.iterations), real_param("change", f.change)}));
  for (Eigen::Index j = 0; j < m; ++j)
    if (std::abs(gamma[j]) > 1) {  // at the communality's bound: the group factor is all general
      warnings.push_back(Notice("reliability.general_heywood", {int_param("factor", j + 1), real_param("loading", gamma[j])}));
      gamma[j] = gamma[j] > 0 ? 1.0 : -1.0;
    }
  return gamma;
}

HierarchicalOmegaResult fit(const Eigen::MatrixXd& s, const HierarchicalOmegaOptions& o, std::vector<std::string> names) {
  const Eigen::Index k = s.rows();
  const Eigen::VectorXd sd = s.diagonal().cwiseSqrt();
  HierarchicalOmegaResult r;
  r.options = o;
  r.n_items = static_cast<int>(k);
  r.items = std::move(names);
  r.correlations = sd.cwiseInverse().asDiagonal() * s * sd.cwiseInverse().asDiagonal();
  r.correlations.diagonal().setOnes();
  const Eigen::MatrixXd& c = r.correlations;
  Eigen::MatrixXd inverse;
  const bool definite = detail::spd_inverse(c, inverse);
  const detail::MinresFit f = detail::minres_fit(c, definite ? &inverse : nullptr, o.groups, o.max_iterations, o.tolerance, undefined, 1.0);
  r.fit_iterations = f.iterations;
  r.fit_converged = f.converged;
  if (!f.converged)
    r.warnings.push_back(Notice("reliability.groups_not_converged",
                                {int_param("groups", o.groups), int_param("iterations", f.iterations), real_param("change", f.change)}));
  for (Eigen::Index j = 0; j < k; ++j)
    if (f.uniquenesses[j] <= group_heywood_share)
      r.warnings.push_back(Notice("reliability.groups_heywood",
                                  {text_param("item", r.items[static_cast<std::size_t>(j)]), real_param("uniqueness", f.uniquenesses[j])}));
  double squares = 0;
  const Eigen::MatrixXd implied = f.loadings * f.loadings.transpose();
  for (Eigen::Index i = 0; i < k; ++i)
    for (Eigen::Index j = i + 1; j < k; ++j) squares += (c(i, j) - implied(i, j)) * (c(i, j) - implied(i, j));
  r.rmsr = std::sqrt(squares / static_cast<double>(k * (k - 1) / 2));

  Rotation rot = oblimin(f.loadings, o);
  sign_and_order(rot);
  r.rotation_iterations = rot.iterations;
  r.rotation_converged = rot.converged;
  if (!rot.converged)
    r.warnings.push_back(Notice("reliability.rotation_not_converged", {int_param("iterations", rot.iterations), real_param("gradient", rot.gradient)}));
  r.pattern = std::move(rot.pattern);
  r.factor_correlations = std::move(rot.phi);

  r.general_factor_loadings = second_order(r.factor_correlations, o, r.warnings);
  const Eigen::VectorXd& gamma = r.general_factor_loadings;
  r.general_loadings = r.pattern * gamma;
  r.group_loadings = r.pattern * (1.0 - gamma.array().square()).sqrt().matrix().asDiagonal();
  r.communalities = r.general_loadings.cwiseProduct(r.general_loadings) + r.group_loadings.rowwise().squaredNorm();
  r.uniquenesses = 1.0 - r.communalities.array();
  r.total_variance = c.sum();
  if (!(r.total_variance > 0))
    throw ValidationError("items", "the variance of the standardised total is " + detail::num(r.total_variance) + ": " + undefined);
  const double gsum = r.general_loadings.sum();
  r.omega_hierarchical = gsum * gsum / r.total_variance;
  r.omega_total = 1.0 - r.uniquenesses.sum() / r.total_variance;
  r.omega_limit = r.omega_hierarchical / r.omega_total;
  r.explained_common_variance = r.general_loadings.squaredNorm() / r.communalities.sum();
  for (Eigen::Index j = 0; j < k; ++j)
    if (r.general_loadings[j] < 0)
      r.warnings.push_back(Notice("reliability.negative_general_loading", {text_param("item", r.items[static_cast<std::size_t>(j)]),
                                                                           real_param("loading", r.general_loadings[j])}));
  return r;
}

std::vector<std::string> checked_names(Eigen::Index k, std::vector<std::string> names, const HierarchicalOmegaOptions& o) {
  names = detail::item_names(k, std::move(names));
  check(k, o);
  return names;
}

}  // namespace

HierarchicalOmegaResult hierarchical_omega(const Eigen::Ref<const Eigen::MatrixXd>& x, const HierarchicalOmegaOptions& options,
                                           std::vector<std::string> names) {
  names = checked_names(x.cols(), std::move(names), options);
  ItemCovariance c = item_covariance(x, options.missing, names, undefined);
  std::vector<Notice> notes = std::move(c.warnings);
  if (options.missing == MissingPolicy::pairwise) detail::note_not_psd(c.correlation, notes);
  HierarchicalOmegaResult r = fit(c.correlation, options, std::move(names));
  detail::with_counts(r, c, std::move(notes));
  return r;
}

HierarchicalOmegaResult hierarchical_omega_from_covariance(const Eigen::Ref<const Eigen::MatrixXd>& covariance,
                                                           const HierarchicalOmegaOptions& options, std::vector<std::string> names) {
  detail::check_square(covariance);
  const Eigen::Index k = covariance.rows();
  names = checked_names(k, std::move(names), options);
  detail::check_covariance(covariance, names, undefined);
  return fit(covariance, options, std::move(names));
}

}  // namespace impactchain
