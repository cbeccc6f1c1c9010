// McDonald's omega: the one-factor fits (maximum likelihood, minimum residuals) and omega from them.
#include "impactchain/omega.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "impactchain/detail/check.hpp"
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

/// The fixed point of `step` from x, accelerated by SQUAREM (Varadhan and Roland 2008, scheme
/// S3, its step length at most -1): from x, two steps give r = F(x) - x and v = F(F(x)) - F(x)
/// - r; the point x - 2 a r + a^2 v with a = -|r| / |v|, kept within [lo, hi], takes one more
/// step. Stops where one step moves no coordinate j more than tolerance * scale_j; `iterations`
/// counts the steps taken.
template <class Step>
Fit fixed_point(const Step& step, Eigen::VectorXd x, double lo, double hi, const Eigen::VectorXd& scale, const OmegaOptions& o) {
  Fit f;
  auto moved = [&](const Eigen::VectorXd& a, const Eigen::VectorXd& b) { return ((a - b).array() / scale.array()).abs().maxCoeff(); };
  while (f.iterations < o.max_iterations) {
    const Eigen::VectorXd x1 = step(x);
    ++f.iterations;
    f.change = moved(x1, x);
    if (f.change <= o.tolerance) {
      f.converged = true;
      x = x1;
      break;
    }
    if (f.iterations == o.max_iterations) {
      x = x1;
      break;
    }
    const Eigen::VectorXd x2 = step(x1);
    ++f.iterations;
    const Eigen::VectorXd r = x1 - x, v = x2 - x1 - r;
    const double nv = v.norm();
    if (!(nv > 0)) {
      x = x2;
      continue;
    }
    const double a = std::min(-r.norm() / nv, -1.0);
    x = (x - 2 * a * r + a * a * v).cwiseMax(lo).cwiseMin(hi);
  }
  f.uniquenesses = x;  // the state: unique variances (likelihood) or communalities (minres)
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

/// Minimum residuals by iterated principal axes on a matrix A (covariances or correlations):
/// the diagonal replaced by the communalities h, the loadings sqrt(theta) u of the largest
/// eigenpair, then h = loadings^2, until h stops moving. Its fixed point is where the squared
/// off-diagonal residuals are least (Harman 1976). The start is the squared multiple
/// correlations (times the item's variance); where A is singular, each item's largest absolute
/// correlation.
Fit fit_minres(const Eigen::MatrixXd& a, const Eigen::MatrixXd* a_inverse, const OmegaOptions& o) {
  const Eigen::Index k = a.rows();
  const Eigen::VectorXd var = a.diagonal();
  Eigen::VectorXd h(k);
  for (Eigen::Index j = 0; j < k; ++j) {
    if (a_inverse) {
      h[j] = var[j] - 1.0 / (*a_inverse)(j, j);
    } else {
      double most = 0;
      for (Eigen::Index i = 0; i < k; ++i)
        if (i != j) most = std::max(most, std::abs(a(i, j)) / std::sqrt(var[i] * var[j]));
      h[j] = most * var[j];
    }
  }
  auto loadings_for = [&](const Eigen::VectorXd& communalities) {
    Eigen::MatrixXd reduced = a;
    reduced.diagonal() = communalities;
    const auto [theta, u] = top_eigen(reduced);
    if (!(theta > 0))
      throw ValidationError("items", "the items share no variance (no positive eigenvalue with communalities on the diagonal): omega is undefined");
    return Eigen::VectorXd(u * std::sqrt(theta));
  };
  auto step = [&](const Eigen::VectorXd& communalities) {
    const Eigen::VectorXd lambda = loadings_for(communalities);
    return Eigen::VectorXd(lambda.cwiseProduct(lambda));
  };
  Fit f = fixed_point(step, h, 0.0, std::numeric_limits<double>::infinity(), var, o);
  f.loadings = loadings_for(f.uniquenesses);
  f.uniquenesses = var - f.loadings.cwiseProduct(f.loadings);
  return f;
}

/// The inverse of a symmetric positive definite matrix; false where it is not positive definite.
bool spd_inverse(const Eigen::MatrixXd& m, Eigen::MatrixXd& inverse) {
  Eigen::LLT<Eigen::MatrixXd> llt(m);
  if (llt.info() != Eigen::Success) return false;
  inverse = llt.solve(Eigen::MatrixXd::Identity(m.rows(), m.cols()));
  return inverse.allFinite() && (inverse.diagonal().array() > 0).all();
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
  const bool definite = spd_inverse(o.method == FactorMethod::ml ? corr : r.matrix, inverse);
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
    f = fit_minres(r.matrix, definite ? &inverse : nullptr, o);
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
  r.n = c.n;
  r.n_rows = c.n_rows;
  r.min_pair_n = c.min_pair_n;
  notes.insert(notes.end(), r.warnings.begin(), r.warnings.end());
  r.warnings = std::move(notes);
  return r;
}

OmegaResult omega_from_covariance(const Eigen::Ref<const Eigen::MatrixXd>& covariance, const OmegaOptions& options,
                                  std::vector<std::string> names) {
  const Eigen::Index k = covariance.rows();
  if (covariance.cols() != k)
    throw ValidationError("covariance", "must be square, got " + std::to_string(k) + " x " + std::to_string(covariance.cols()));
  names = checked_names(k, std::move(names));
  check_options(options);
  detail::IssueList issues;
  for (Eigen::Index i = 0; i < k; ++i)
    for (Eigen::Index j = 0; j < k; ++j) {
      const double v = covariance(i, j);
      if (!std::isfinite(v))
        issues.add("covariance[" + std::to_string(i) + "][" + std::to_string(j) + "]", "must be finite, got " + detail::num(v));
      else if (j > i && v != covariance(j, i))
        issues.add("covariance[" + std::to_string(i) + "][" + std::to_string(j) + "]",
                   "must equal covariance[" + std::to_string(j) + "][" + std::to_string(i) + "] (a covariance matrix is symmetric), got " +
                       detail::num(v) + " and " + detail::num(covariance(j, i)));
    }
  for (Eigen::Index j = 0; j < k; ++j)
    if (std::isfinite(covariance(j, j)) && !(covariance(j, j) > 0))
      issues.add("item " + detail::quote(names[static_cast<std::size_t>(j)]),
                 "its variance must be > 0, got " + detail::num(covariance(j, j)) + ": omega is undefined");
  issues.throw_if_any();
  return fit_omega(covariance, options, std::move(names), "covariance matrix");
}

}  // namespace impactchain
