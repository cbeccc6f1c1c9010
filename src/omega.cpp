// McDonald's omega: the one-factor fits (maximum likelihood, minimum residuals) and omega from them.
#include "impactchain/omega.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "impactchain/detail/check.hpp"
#include "impactchain/detail/minres.hpp"
#include "impactchain/detail/squarem.hpp"
#include "impactchain/error.hpp"

namespace impactchain {
namespace {

/// The smallest unique variance maximum likelihood allows, as a share of the item's variance
/// (R factanal's lower bound): at it, an item is a Heywood case.
constexpr double heywood_share = 0.005;

struct Fit {
  Eigen::VectorXd loadings, uniquenesses;  // in the units of the matrix fitted
  int iterations = 0;
  bool converged = false;
  double change = 0;  // the last step's largest move
};

/// The largest eigenvalue of a symmetric matrix and its eigenvector.
std::pair<double, Eigen::VectorXd> top_eigen(const Eigen::MatrixXd& m) {
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(m);
  const Eigen::Index k = m.rows();
  return {es.eigenvalues()[k - 1], es.eigenvectors().col(k - 1)};
}

/// The fixed point of `step` (unique variances or communalities) as a fit.
template <class Step>
Fit fixed_point(const Step& step, Eigen::VectorXd x, double lo, double hi, const Eigen::VectorXd& scale, const OmegaOptions& o) {
  detail::FixedPoint p = detail::squarem(step, std::move(x), lo, hi, scale, o.max_iterations, o.tolerance);
  Fit f;
  f.uniquenesses = std::move(p.x);  // the state: unique variances (likelihood) or communalities (minres)
  f.iterations = p.iterations;
  f.converged = p.converged;
  f.change = p.change;
  return f;
}

/// Maximum likelihood on a correlation matrix R (positive definite), at the fixed point of
/// Lawley and Maxwell (1971): for given unique variances psi, the likelihood's best loadings are
/// psi^(1/2) u sqrt(theta - 1), with (theta, u) the largest eigenpair of psi^(-1/2) R psi^(-1/2);
/// then psi = 1 - loadings^2, kept in [heywood_share, 1]. The start is factanal's: (1 - 0.5/k) /
/// diag(R^-1).
Fit fit_ml(const Eigen::MatrixXd& r, const Eigen::MatrixXd& r_inverse, const OmegaOptions& o) {
  const Eigen::Index k = r.rows();
  auto loadings_for = [&](const Eigen::VectorXd& psi) {
    const Eigen::VectorXd s = psi.array().sqrt();
    const Eigen::MatrixXd scaled = s.cwiseInverse().asDiagonal() * r * s.cwiseInverse().asDiagonal();
    const auto [theta, u] = top_eigen(scaled);
    return Eigen::VectorXd(s.cwiseProduct(u) * std::sqrt(std::max(theta - 1.0, 0.0)));
  };
  auto step = [&](const Eigen::VectorXd& psi) {
    const Eigen::VectorXd lambda = loadings_for(psi);
    return Eigen::VectorXd((1.0 - lambda.array().square()).cwiseMax(heywood_share).cwiseMin(1.0));
  };
  Eigen::VectorXd start(k);
  for (Eigen::Index j = 0; j < k; ++j)
    start[j] = std::clamp((1.0 - 0.5 / static_cast<double>(k)) / r_inverse(j, j), heywood_share, 1.0);
  Fit f = fixed_point(step, start, heywood_share, 1.0, Eigen::VectorXd::Ones(k), o);
  f.loadings = loadings_for(f.uniquenesses);
  return f;
}

void check_options(const OmegaOptions& o) {
  detail::IssueList issues;
  if (o.max_iterations < 1)
    issues.add("max_iterations", "must be >= 1, got " + std::to_string(o.max_iterations));
  if (!(o.tolerance > 0) || !std::isfinite(o.tolerance))
    issues.add("tolerance", "must be finite and > 0, got " + detail::num(o.tolerance));
  issues.throw_if_any();
}

std::vector<std::string> checked_names(Eigen::Index k, std::vector<std::string> names) {
  names = detail::item_names(k, std::move(names));
  if (k < 3)
    throw ValidationError("items", "McDonald's omega needs at least 3 items (a one-factor model of 2 is not identified), got " +
                                       std::to_string(k));
  return names;
}

/// The fit and omega of an item covariance matrix s (symmetric, positive diagonal).
OmegaResult fit_omega(const Eigen::MatrixXd& s, const OmegaOptions& o, std::vector<std::string> names,
                      const std::string& matrix_name) {
  const Eigen::Index k = s.rows();
  const Eigen::VectorXd sd = s.diagonal().cwiseSqrt();
  const Eigen::MatrixXd corr = sd.cwiseInverse().asDiagonal() * s * sd.cwiseInverse().asDiagonal();
  OmegaResult r;
  r.options = o;
  r.n_items = static_cast<int>(k);
  r.items = std::move(names);
  r.matrix = o.standardised ? corr : s;
  Eigen::MatrixXd inverse;
  const bool definite = detail::spd_inverse(o.method == FactorMethod::ml ? corr : r.matrix, inverse);
  Fit f;
  if (o.method == FactorMethod::ml) {
    if (!definite) {
      Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(corr, Eigen::EigenvaluesOnly);
      throw ValidationError("items", "the " + matrix_name + " is not positive definite (smallest eigenvalue of the correlations " +
                                         detail::num(es.eigenvalues()[0]) +
                                         "): maximum likelihood needs it; fit by minres, or give more respondents than items");
    }
    f = fit_ml(corr, inverse, o);
    if (!o.standardised) {  // maximum likelihood is scale-free: the correlations' fit in the items' units
      f.loadings = f.loadings.cwiseProduct(sd);
      f.uniquenesses = f.uniquenesses.cwiseProduct(s.diagonal());
    }
  } else {
    detail::MinresFit m = detail::minres_fit(r.matrix, definite ? &inverse : nullptr, 1, o.max_iterations, o.tolerance, "omega is undefined");
    f.loadings = m.loadings.col(0);
    f.uniquenesses = std::move(m.uniquenesses);
    f.iterations = m.iterations;
    f.converged = m.converged;
    f.change = m.change;
  }
  if (f.loadings.sum() < 0) f.loadings = -f.loadings;
  r.loadings = f.loadings;
  r.uniquenesses = f.uniquenesses;
  r.iterations = f.iterations;
  r.converged = f.converged;
  r.standardised_loadings = f.loadings.cwiseQuotient(r.matrix.diagonal().cwiseSqrt());
  r.common_variance = f.loadings.sum() * f.loadings.sum();
  r.unique_variance = f.uniquenesses.sum();
  r.observed_variance = r.matrix.sum();
  r.model_variance = r.common_variance + r.unique_variance;
  if (!(r.observed_variance > 0))
    throw ValidationError("items", "the variance of the total score is " + detail::num(r.observed_variance) + ": omega is undefined");
  r.omega = r.common_variance / (o.total_variance == OmegaVariance::observed ? r.observed_variance : r.model_variance);
  double squares = 0;
  for (Eigen::Index i = 0; i < k; ++i)
    for (Eigen::Index j = i + 1; j < k; ++j) {
      const double e = corr(i, j) - r.standardised_loadings[i] * r.standardised_loadings[j];
      squares += e * e;
    }
  r.rmsr = std::sqrt(squares / static_cast<double>(k * (k - 1) / 2));
  if (!f.converged)
    r.warnings.push_back(Notice("reliability.not_converged", {int_param("iterations", f.iterations), real_param("change", f.change)}));
  for (Eigen::Index j = 0; j < k; ++j) {
    const double share = r.uniquenesses[j] / r.matrix(j, j);
    if (share <= heywood_share * (1 + 1e-9))
      r.warnings.push_back(Notice("reliability.heywood", {text_param("item", r.items[static_cast<std::size_t>(j)]),
                                                          real_param("uniqueness", r.uniquenesses[j]), real_param("share", share)}));
  }
  for (Eigen::Index j = 0; j < k; ++j)
    if (r.loadings[j] < 0)
      r.warnings.push_back(Notice("reliability.negative_loading", {text_param("item", r.items[static_cast<std::size_t>(j)]),
                                                                   real_param("loading", r.standardised_loadings[j])}));
  return r;
}

}  // namespace

OmegaResult mcdonald_omega(const Eigen::Ref<const Eigen::MatrixXd>& x, const OmegaOptions& options, std::vector<std::string> names) {
  names = checked_names(x.cols(), std::move(names));
  check_options(options);
  ItemCovariance c = item_covariance(x, options.missing, names, "omega is undefined");
  std::vector<Notice> notes = std::move(c.warnings);
  if (options.missing == MissingPolicy::pairwise) detail::note_not_psd(c.covariance, notes);
  OmegaResult r = fit_omega(c.covariance, options,  std::move(names),
                            options.missing == MissingPolicy::pairwise ? "pairwise covariance matrix" : "covariance matrix");
  detail::with_counts(r, c, std::move(notes));
  return r;
}

OmegaResult omega_from_covariance(const Eigen::Ref<const Eigen::MatrixXd>& covariance, const OmegaOptions& options,
                                  std::vector<std::string> names) {
  detail::check_square(covariance);
  const Eigen::Index k = covariance.rows();
  names = checked_names(k, std::move(names));
  check_options(options);
  detail::check_covariance(covariance, names, "omega is undefined");
  return fit_omega(covariance, options, std::move(names), "covariance matrix");
}

}  // namespace impactchain
