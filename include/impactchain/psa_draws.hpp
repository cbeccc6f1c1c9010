// What a probabilistic comparison reads and returns (psa.hpp computes it, psa_parts.hpp in parts):
// the row-major view of the draws, the options, the summary and the acceptability results, and
// the checks every entry point shares.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "impactchain/defaults.hpp"
#include "impactchain/detail/check.hpp"
#include "impactchain/detail/parallel.hpp"
#include "impactchain/error.hpp"

namespace impactchain {

/// Row-major view of draws: cost[i * strategies + j] is the cost of strategy j in draw i.
struct PsaDraws {
  const double* cost = nullptr;
  const double* effect = nullptr;
  std::size_t draws = 0;
  std::size_t strategies = 0;
  std::vector<std::string> names;  ///< one per strategy (used in messages and results)

  double c(std::size_t i, std::size_t j) const { return cost[i * strategies + j]; }
  double e(std::size_t i, std::size_t j) const { return effect[i * strategies + j]; }
};

/// Longest willingness-to-pay grid acceptability() and expected_incremental_benefit()
/// accept (10^5 values), checked before their wtp × strategies arrays are allocated.
inline constexpr std::size_t max_wtp_grid = 100000;

struct PsaOptions {
  unsigned threads = defaults::threads;  ///< 0: all hardware threads
  std::size_t block_size = 32768; ///< draws per block; results depend on it only in the last bits, never on threads
  CancelHook cancelled = {};      ///< asked from the calling thread between blocks; true stops with Cancelled
};

/// Means and standard deviations (n − 1) of each strategy's cost and effect.
struct PsaSummary {
  std::size_t draws = 0;
  std::vector<std::string> names;
  std::vector<double> mean_cost, mean_effect, sd_cost, sd_effect;
};

/// Acceptability results on a willingness-to-pay grid (in the caller's order).
/// Matrices are row-major wtp × strategies.
struct Acceptability {
  std::vector<double> wtp;
  std::size_t strategies = 0;
  std::vector<double> ceac;          ///< share of draws in which the strategy has the highest NMB
  std::vector<double> expected_nmb;  ///< mean over draws of k·E − C
  std::vector<std::size_t> optimal;  ///< strategy with the highest expected NMB (the CEAF strategy)
  std::vector<double> frontier_probability;  ///< ceac of the optimal strategy (the CEAF curve)
  std::vector<double> evpi;          ///< E[max_j NMB_j] − max_j E[NMB_j]
};

/// The first value of a range of draws that cannot be used: the cost or effect of a strategy in
/// a draw is not finite, or (rank probabilities) its net benefit k·E − C is not.
struct PsaBadDraw {
  enum class Field : int { cost = 0, effect = 1, net_benefit = 2 };
  std::size_t draw = 0;  ///< index in the whole run
  std::size_t strategy = 0;
  Field field = Field::cost;
  double value = 0.0;
};

/// Where a part lies in its run.
struct PsaPartRange {
  std::size_t first_block = 0;  ///< the run's block its row 0 starts
  std::size_t blocks = 0;       ///< blocks it covers (the last one may be short in the run's last part)
  std::size_t draws = 0;        ///< draws it covers
  std::size_t block_size = 0;
  std::size_t strategies = 0;
};

namespace detail {

/// Shapes and names of the draws; `whole` (a whole run, not a part of one) needs at least one draw.
inline void check_draws(const PsaDraws& d, bool whole = true) {
  IssueList issues;
  if (d.strategies < 2)
    issues.add("psa", "at least 2 strategies are needed to compare, got " + std::to_string(d.strategies));
  if (whole && d.draws < 1) issues.add("psa", "at least 1 draw is needed, got 0");
  if (!d.names.empty() && d.names.size() != d.strategies)
    issues.add("psa.strategies", std::to_string(d.names.size()) + " names for " + std::to_string(d.strategies) +
                                     " strategies (columns)");
  if (d.draws > 0 && d.strategies > 0 && (d.cost == nullptr || d.effect == nullptr))
    issues.add("psa", "cost and effect draws must both be given");
  issues.throw_if_any();
}

/// A willingness-to-pay grid: at most max_wtp_grid values, each finite (`field` names it in errors).
inline void check_wtp_grid(const std::string& field, const std::vector<double>& wtp) {
  if (wtp.size() > max_wtp_grid)
    throw ValidationError(field, "at most " + std::to_string(max_wtp_grid) + " willingness-to-pay values are accepted, got " +
                                     std::to_string(wtp.size()));
  for (std::size_t w = 0; w < wtp.size(); ++w) require(check_finite, element(field, w), "willingness to pay", wtp[w]);
}

inline std::string strategy_label(const std::vector<std::string>& names, std::size_t j) {
  return names.empty() ? "column " + std::to_string(j) : "'" + names[j] + "'";
}

/// Runs f(block, worker) over all blocks on the PSA's threads (parallel.hpp's pool).
template <class F>
void for_blocks(std::size_t blocks, const PsaOptions& o, F&& f) {
  parallel_items(blocks, resolve_threads(o.threads), [&](unsigned worker, std::size_t b) { f(b, worker); },
                 &o.cancelled);
}

/// Workers for_blocks uses (at most one per block).
inline unsigned thread_count(const PsaOptions& o, std::size_t blocks) {
  return static_cast<unsigned>(std::min<std::size_t>(resolve_threads(o.threads), std::max<std::size_t>(blocks, 1)));
}

/// Index of the largest k·e_j − c_j in draw i; the first index wins ties (as numpy.argmax).
inline std::size_t best_at(const PsaDraws& d, std::size_t i, double k) {
  const double* c = d.cost + i * d.strategies;
  const double* e = d.effect + i * d.strategies;
  std::size_t b = 0;
  double m = k * e[0] - c[0];
  for (std::size_t j = 1; j < d.strategies; ++j) {
    const double v = k * e[j] - c[j];
    if (v > m) { m = v; b = j; }
  }
  return b;
}

}  // namespace detail
}  // namespace impactchain
