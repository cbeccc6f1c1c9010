// Composite indicators: weights — checks of user weights, AHP pairwise comparison
// (principal eigenvector, consistency ratio) and PCA-based weights.
#pragma once

#include "impactchain/detail/eigen.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "impactchain/detail/check.hpp"
#include "impactchain/error.hpp"
#include "impactchain/notice.hpp"

namespace impactchain {

/// Throws unless the weights are finite, non-negative and sum to 1 (within 1e-9).
inline void check_weights(const std::vector<double>& w, const std::string& where) {
  detail::IssueList issues;
  double s = 0;
  for (std::size_t i = 0; i < w.size(); ++i) {
    detail::check_non_negative(issues, detail::element(where, i), "weight", w[i]);
    s += w[i];
  }
  if (w.empty()) issues.add(where, "no weights given");
  else if (std::abs(s - 1) > 1e-9) issues.add(where, "weights must sum to 1, got " + detail::num(s));
  issues.throw_if_any();
}

struct AhpResult {
  Eigen::VectorXd weights;       ///< principal right eigenvector, normalised to sum 1
  double lambda_max = 0;
  double consistency_index = 0;  ///< CI = (lambda_max - n)/(n - 1)
  double random_index = 0;       ///< Saaty's RI for n
  double consistency_ratio = 0;  ///< CR = CI/RI (0 for n <= 2)
  bool consistent = true;        ///< CR <= 0.1 (Saaty's rule of thumb)
  std::vector<Notice> warnings;
};

/// Saaty (1980) random consistency index RI for n = 1..10.
inline double saaty_random_index(int n) {
  static const double ri[] = {0, 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49};
  if (n < 1 || n > 10) throw ValidationError("ahp", "Saaty's random index is tabulated for 1 to 10 criteria, got " + std::to_string(n));
  return ri[n];
}

/// AHP (Saaty 1980): weights = principal eigenvector of the positive reciprocal pairwise
/// comparison matrix A (a_ij = importance of i over j, a_ji = 1/a_ij, a_ii = 1).
inline AhpResult ahp_weights(const Eigen::MatrixXd& a, const std::vector<std::string>& names = {}) {
  const Eigen::Index n = a.rows();
  auto nm = [&](Eigen::Index i) { return names.size() == static_cast<std::size_t>(n) ? names[static_cast<std::size_t>(i)] : std::to_string(i); };
  if (a.cols() != n || n < 1) throw ValidationError("ahp", "the comparison matrix must be square, got " + std::to_string(a.rows()) + " x " + std::to_string(a.cols()));
  detail::IssueList issues;
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) {
      const std::string cell = "ahp[" + nm(i) + ", " + nm(j) + "]";
      if (!(std::isfinite(a(i, j)) && a(i, j) > 0)) { issues.add(cell, "must be a positive number, got " + detail::num(a(i, j))); continue; }
      if (i == j && std::abs(a(i, j) - 1) > 1e-9) issues.add(cell, "diagonal must be 1, got " + detail::num(a(i, j)));
      if (i < j && std::isfinite(a(j, i)) && a(j, i) > 0 && std::abs(a(i, j) * a(j, i) - 1) > 1e-6)
        issues.add(cell, "matrix is not reciprocal: a[" + nm(i) + ", " + nm(j) + "] = " + detail::num(a(i, j)) + " but a[" + nm(j) + ", " +
                             nm(i) + "] = " + detail::num(a(j, i)) + " (expected " + detail::num(1 / a(i, j)) + ")");
    }
  issues.throw_if_any();
  AhpResult r;
  Eigen::EigenSolver<Eigen::MatrixXd> es(a);
  Eigen::Index best = 0;
  for (Eigen::Index i = 1; i < n; ++i)
    if (es.eigenvalues()[i].real() > es.eigenvalues()[best].real()) best = i;
  r.lambda_max = es.eigenvalues()[best].real();
  Eigen::VectorXd v = es.eigenvectors().col(best).real().cwiseAbs();  // Perron vector: one sign
  r.weights = v / v.sum();
  r.random_index = saaty_random_index(static_cast<int>(n));
  if (n > 2) {
    r.consistency_index = (r.lambda_max - static_cast<double>(n)) / (static_cast<double>(n) - 1);
    r.consistency_ratio = r.consistency_index / r.random_index;
  }
  r.consistent = r.consistency_ratio <= 0.1;
  if (!r.consistent)
    r.warnings.push_back(Notice("weights.ahp_inconsistent", {real_param("ratio", r.consistency_ratio)}));
  return r;
}

struct PcaWeights {
  Eigen::VectorXd weights;        ///< sum 1
  Eigen::VectorXd eigenvalues;    ///< of the correlation matrix, descending
  int n_components = 0;           ///< retained (eigenvalue > 1)
  Eigen::MatrixXd loadings;       ///< k x retained: eigenvector * sqrt(eigenvalue)
  std::vector<int> component;     ///< component each indicator is assigned to
  std::string method =
      "PCA on the correlation matrix, components with eigenvalue > 1 (Kaiser), no rotation; squared loadings "
      "scaled to sum 1 per component; each indicator weighted by its largest scaled squared loading times the "
      "component's share of retained variance; rescaled to sum 1 (OECD/JRC Handbook 2008, sec. 6.1, without varimax)";
};

/// PCA-based weights from a complete units x indicators matrix (see PcaWeights::method).
inline PcaWeights pca_weights(const Eigen::MatrixXd& x) {
  const Eigen::Index n = x.rows(), k = x.cols();
  if (x.array().isNaN().any()) throw ValidationError("pca", "PCA weights need complete data: impute missing values first");
  if (n < 3 || k < 2) throw ValidationError("pca", "PCA weights need at least 3 units and 2 indicators");
  const Eigen::MatrixXd c = x.rowwise() - x.colwise().mean();
  Eigen::MatrixXd cov = c.transpose() * c / static_cast<double>(n - 1);
  for (Eigen::Index j = 0; j < k; ++j)
    if (!(cov(j, j) > 0)) throw ValidationError("pca", "indicator " + std::to_string(j) + " is constant: correlation undefined");
  const Eigen::VectorXd sd = cov.diagonal().cwiseSqrt();
  const Eigen::MatrixXd corr = cov.array() / (sd * sd.transpose()).array();
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(corr);
  PcaWeights p;
  p.eigenvalues = es.eigenvalues().reverse();
  const Eigen::MatrixXd vecs = es.eigenvectors().rowwise().reverse();
  for (Eigen::Index i = 0; i < k; ++i) p.n_components += p.eigenvalues[i] > 1 ? 1 : 0;
  if (p.n_components == 0) p.n_components = 1;
  const Eigen::Index m = p.n_components;
  p.loadings = vecs.leftCols(m) * p.eigenvalues.head(m).cwiseSqrt().asDiagonal();
  const Eigen::MatrixXd sq = p.loadings.array().square();
  const Eigen::RowVectorXd col_sum = sq.colwise().sum();
  const double total = p.eigenvalues.head(m).sum();
  p.weights.resize(k);
  p.component.resize(static_cast<std::size_t>(k));
  for (Eigen::Index j = 0; j < k; ++j) {
    Eigen::Index best = 0;
    double bv = -1;
    for (Eigen::Index f = 0; f < m; ++f) {
      const double s = sq(j, f) / col_sum[f];
      if (s > bv) { bv = s; best = f; }
    }
    p.component[static_cast<std::size_t>(j)] = static_cast<int>(best);
    p.weights[j] = bv * p.eigenvalues[best] / total;
  }
  p.weights /= p.weights.sum();
  return p;
}

}  // namespace impactchain
