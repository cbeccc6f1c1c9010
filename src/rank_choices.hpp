// Private to src/: the score matrices of composite rank uncertainty, one per
// (normalisation, aggregation) choice, and the choice of each draw.
#pragma once

#include <Eigen/Dense>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "impactchain/rank_uncertainty.hpp"

namespace impactchain::detail {

/// The matrices the scores come from: one per (treatment, normalisation, aggregation)
/// combination c = (t·N + n)·A + a. Arithmetic: the normalised values N_n (score = N_n·w);
/// geometric: log N_n (score = exp(log N_n · w), the weighted geometric mean).
struct ScoreMatrices {
  std::vector<Eigen::MatrixXd> normalised;  // N_{t,n} at t·N + n (one: X itself without choices)
  std::vector<Eigen::MatrixXd> M;           // per combination
  std::vector<char> geometric;              // per combination
  std::size_t n_treat = 1, n_norm = 1, n_agg = 1;
  bool active = false;
  std::uint64_t seed = 0;
  /// Combination of draw d: treatment, normalisation and aggregation each drawn uniformly
  /// from their own Philox stream (StreamDomain::rank_treatment, rank_normalisation and
  /// rank_aggregation); a dimension with one choice draws nothing.
  std::size_t choose(std::size_t d) const;
};

/// The matrices of every (treatment, normalisation, aggregation) choice of o.choices
/// (validated here; ValidationError names the bad entry); `active[j]`:
/// indicator j can get weight.
ScoreMatrices score_matrices(const Eigen::Ref<const Eigen::MatrixXd>& X, const RankUncertaintyOptions& o,
                             const std::vector<bool>& active);

}  // namespace impactchain::detail
