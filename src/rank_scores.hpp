// Private to src/: the composite's scores of a block of weight draws (rank_uncertainty.cpp).
#pragma once

#include <Eigen/Dense>

namespace impactchain::detail {

/// S = M · W (units × draws): each score summed over the indicators in their order, a multiply
/// then an add (Σ_k M(u, k)·W(k, j), k = 0, 1, …, from 0); the same on every instruction set
/// (vectorised across units, AVX-512 or AVX2 chosen at run time, never a fused multiply-add).
/// Eigen's product gives these numbers too, except at the edges of its tiles for some unit
/// counts (two units of 1,003 summed in another grouping) and with other vector widths.
void composite_scores(const Eigen::MatrixXd& M, const Eigen::MatrixXd& W, Eigen::MatrixXd& S);

}  // namespace impactchain::detail
