// Private to src/: the running summaries of a composite rank uncertainty run
// (rank_uncertainty.cpp): weight draws in blocks, scores, ranks by sorting, and per-unit
// histograms, accumulated over a range of draws (accumulate, rank_accumulate.cpp).
#pragma once

#include <Eigen/Dense>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "impactchain/rank_uncertainty.hpp"
#include "rank_choices.hpp"
#include "rank_sort.hpp"

namespace impactchain::detail::ranks {

constexpr std::size_t draw_block = 64;
constexpr std::size_t rank_cap = 4096;   // bins per unit before rank bins are widened
constexpr std::size_t score_cap = 1024;  // bins per unit for scores
constexpr int score_grid_bits = 24;      // finest score grid: (hi − lo)/2^24

constexpr std::size_t unit_chunk = 16;  // units per task of the per-unit pass (one cache line of each row of ranks)

using WeightFill = std::function<void(std::size_t draw, double* w)>;

/// The validated input of a run: its score matrices, its weight draws and their count.
struct Setup {
  detail::ScoreMatrices cons;
  std::size_t draws = 0;
  WeightFill fill;
  bool generated = true;       // weights drawn here (their mean from the segments' sums)
  Eigen::VectorXd given_mean;  // given weights: the mean of W's columns
  double weight_total = 1;     // generated: the sum of the central weights before normalising
  Eigen::VectorXd central;     // generated: the central weights (normalised), the reference's
};

/// The running summaries of a piece of a run (RankUncertaintyPart with Count-typed histograms).
template <class Count>
struct Accumulator {
  std::size_t first = 0, draws = 0;
  std::vector<double> score_sums, weight_sums;
  std::vector<AlignedHistogram<Count>> rank_h, score_h;
  std::vector<std::int32_t> best, worst;
  std::vector<std::uint64_t> top_count;
  std::vector<std::int32_t> draw_choice;
};

/// Score-grid bounds per unit: any weighted arithmetic or geometric mean of a unit's values
/// lies within their range.
struct ScoreGrid {
  Eigen::VectorXd lo, hi, inv_width;
  double grid = std::ldexp(1.0, score_grid_bits);
  explicit ScoreGrid(const detail::ScoreMatrices& cons) {
    const Eigen::MatrixXd& X = cons.normalised[0];
    lo = X.rowwise().minCoeff();
    hi = X.rowwise().maxCoeff();
    for (const auto& N : cons.normalised) {
      lo = lo.cwiseMin(N.rowwise().minCoeff());
      hi = hi.cwiseMax(N.rowwise().maxCoeff());
    }
    inv_width.resize(lo.size());
    for (Eigen::Index u = 0; u < inv_width.size(); ++u) inv_width[u] = hi[u] > lo[u] ? grid / (hi[u] - lo[u]) : 0.0;
  }
};

/// Draws [first, first + n) are processed segment by segment, each in rounds: (1) blocks of
/// 64 draws in parallel: scores (rank_scores.hpp), ranks by sorting, kept for the round as ranks and
/// score-grid keys (units × round); (2) units in parallel: extremes, top-k counts and both
/// histograms updated once per round. Every statistic is an integer count or an extreme, so
/// neither the round length nor the thread count changes a result; the score sums (with
/// choices) and the weight sums (generated weights) add up in draw order within a segment.
template <class Count>
Accumulator<Count> accumulate(const Setup& st, const RankUncertaintyOptions& o, std::size_t first, std::size_t n);

extern template Accumulator<std::uint16_t> accumulate<std::uint16_t>(const Setup&, const RankUncertaintyOptions&,
                                                                     std::size_t, std::size_t);
extern template Accumulator<std::uint32_t> accumulate<std::uint32_t>(const Setup&, const RankUncertaintyOptions&,
                                                                     std::size_t, std::size_t);

}  // namespace impactchain::detail::ranks
