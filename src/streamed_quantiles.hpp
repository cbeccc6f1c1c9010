// Private to src/: exact quantiles of a long Monte Carlo run without keeping its draws.
#pragma once

#include <atomic>
#include <cstddef>
#include <optional>
#include <vector>

#include "impactchain/detail/column_quantiles.hpp"

namespace impactchain::detail {

/// Exact type-7 quantiles of a run's outputs (`columns` of them, `draws` draws each) without
/// keeping every draw: the first `pilot` draws (in random order, as a run's draws are) are kept
/// and give each column its brackets (QuantileBrackets, 5 binomial SDs); every later block adds
/// its values to its worker's share of the brackets while they are in the cache, and the pilot
/// is added once. The quantiles are the exact ones of the finite draws (non-finite draws are
/// left out, as a kept column's are); a bracket that misses its order statistic, or a pilot with
/// fewer than 4,096 finite values in a column, says that the run must be computed again keeping
/// its draws.
/// Pieces may arrive on any worker in any order: counts add up and the values inside are only
/// selected among.
class StreamedQuantiles {
 public:
  StreamedQuantiles(std::size_t columns, std::size_t draws, std::size_t pilot, std::vector<double> levels);

  std::size_t pilot() const { return pilot_; }

  /// Column c's values of the pilot's draws [d0, d0 + n) (d0 + n ≤ pilot).
  void pilot_values(std::size_t c, std::size_t d0, const double* v, std::size_t n);

  /// After the pilot's draws: each column's brackets from its finite pilot values (a column per
  /// task on `threads`) and an empty share of them per worker.
  void start(std::size_t workers, unsigned threads);

  /// A later block's values of column c, on worker w (after start); `finite`: all of them are
  /// (else only the finite ones are added).
  void add(unsigned w, std::size_t c, const double* v, std::size_t n, bool finite);

  /// After every draw: the workers' shares merged, each column's quantiles at the levels, or
  /// nothing when the run must be computed again keeping its draws.
  std::optional<std::vector<std::vector<double>>> quantiles(unsigned threads);

 private:
  std::size_t columns_, draws_, pilot_;
  std::vector<double> levels_;
  std::vector<double> pilot_values_;                          // pilot × columns, column by column
  std::vector<std::size_t> pilot_finite_;                     // per column: its finite pilot values
  static constexpr std::size_t min_finite_pilot_ = 4096;      // fewer: brackets from the run kept whole
  std::vector<std::optional<QuantileBrackets>> brackets_;     // per column
  std::vector<std::vector<std::optional<QuantileBrackets>>> shares_;  // [worker][column]
  std::atomic<bool> spoilt_{false};
};

}  // namespace impactchain::detail
