// Private to src/: a rank-uncertainty run checked and set up (rank_setup.cpp): the options with
// their default ks, and the weight draws generated around given weights or given as a matrix.
#pragma once

#include <Eigen/Dense>

#include "impactchain/rank_uncertainty.hpp"
#include "rank_accumulate.hpp"

namespace impactchain::detail::ranks {

/// The options with an empty `top` filled in: each of 1, 3 and 10 below the number of units
/// (P(rank <= units) is always 1), as the Python API's default.
RankUncertaintyOptions with_top(const RankUncertaintyOptions& o, Eigen::Index units);

/// A validated generated-weights run: the weight draws around `weights` (normalised to sum 1).
/// Throws ValidationError naming every problem.
Setup setup_generated(const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::VectorXd& weights,
                      const RankUncertaintyOptions& o);

/// A validated given-weights run (the Setup reads W, which must outlive it).
Setup setup_given(const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::Ref<const Eigen::MatrixXd>& W,
                  const RankUncertaintyOptions& o);

}  // namespace impactchain::detail::ranks
