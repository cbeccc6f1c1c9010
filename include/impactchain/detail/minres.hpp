// Minimum residuals (unweighted least squares) factor fits by iterated principal axes: the
// one factor of omega, the group factors of hierarchical omega.
#pragma once

#include "impactchain/detail/eigen.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "impactchain/detail/squarem.hpp"
#include "impactchain/error.hpp"

namespace impactchain::detail {

/// The inverse of a symmetric positive definite matrix; false where it is not positive definite.
inline bool spd_inverse(const Eigen::MatrixXd& m, Eigen::MatrixXd& inverse) {
  Eigen::LLT<Eigen::MatrixXd> llt(m);
  if (llt.info() != Eigen::Success) return false;
  inverse = llt.solve(Eigen::MatrixXd::Identity(m.rows(), m.cols()));
  return inverse.allFinite() && (inverse.diagonal().array() > 0).all();
}

struct MinresFit {
  Eigen::MatrixXd loadings;      ///< k x factors, unrotated (principal axes), in the units of the matrix
  Eigen::VectorXd uniquenesses;  ///< the matrix's diagonal less the communalities
  int iterations = 0;
  bool converged = false;
  double change = 0;  ///< the last step's largest move of a communality, as a share of its item's variance
};

/// `factors` factors of a symmetric matrix A (covariances or correlations) by iterated principal
/// axes: the diagonal replaced by the communalities h, the loadings U sqrt(Theta) of the
/// `factors` largest eigenpairs, then h = the rows' sums of squared loadings, until h stops
/// moving (SQUAREM, detail::squarem). Its fixed point is where the squared off-diagonal residuals
/// are least (Harman 1976). The start is the squared multiple correlations (times the item's
/// variance) where `a_inverse` is given, else each item's largest absolute correlation. Each
/// step keeps the communalities at most `max_communality` (1 on a correlation matrix: no
/// negative unique variance, where an unbounded fit can run off to an ultra-Heywood case).
/// Refused (naming `undefined`, "omega is undefined") where a factor's eigenvalue is not positive.
inline MinresFit minres_fit(const Eigen::MatrixXd& a, const Eigen::MatrixXd* a_inverse, int factors, int max_iterations,
                            double tolerance, const std::string& undefined,
                            double max_communality = std::numeric_limits<double>::infinity()) {
  const Eigen::Index k = a.rows(), m = factors;
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
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(reduced);
    Eigen::MatrixXd l(k, m);
    for (Eigen::Index f = 0; f < m; ++f) {
      const double theta = es.eigenvalues()[k - 1 - f];
      if (!(theta > 0))
        throw ValidationError("items", m == 1 ? "the items share no variance (no positive eigenvalue with communalities on the diagonal): " + undefined
                                              : "the items share too little variance for " + std::to_string(m) +
                                                    " factors (eigenvalue " + std::to_string(f + 1) + " with communalities on the diagonal is " +
                                                    num(theta) + "): " + undefined + "; give fewer factors");
      l.col(f) = es.eigenvectors().col(k - 1 - f) * std::sqrt(theta);
    }
    return l;
  };
  auto step = [&](const Eigen::VectorXd& communalities) {
    return Eigen::VectorXd(loadings_for(communalities).rowwise().squaredNorm().cwiseMin(max_communality));
  };
  const FixedPoint p = squarem(step, h.cwiseMin(max_communality), 0.0, max_communality, var, max_iterations, tolerance);
  MinresFit f;
  f.loadings = loadings_for(p.x);
  f.uniquenesses = var - f.loadings.rowwise().squaredNorm();
  f.iterations = p.iterations;
  f.converged = p.converged;
  f.change = p.change;
  return f;
}

}  // namespace impactchain::detail
