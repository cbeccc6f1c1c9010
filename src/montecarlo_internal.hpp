// Private to src/: what the Monte Carlo engine (montecarlo*.cpp) shares with
// the sensitivity analyses (sensitivity.cpp). Includes Random123 through
// sampler.hpp, so only src/*.cpp may include it.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "sampler.hpp"
#include "impactchain/detail/stats.hpp"
#include "impactchain/montecarlo.hpp"

namespace impactchain::detail {

static_assert(sample_block_size == simulation_block_draws, "montecarlo.hpp states the block size");
inline constexpr std::size_t block_size = sample_block_size;  // draws per block (fixed: part of the reproducibility contract)

/// Draws a worker's block arrays hold (their stride): a block, or every draw
/// when there are fewer, so a short run of a large model needs no full block of
/// every parameter. The numbers do not depend on it.
inline std::size_t block_stride(std::size_t draws) { return std::max<std::size_t>(1, std::min(block_size, draws)); }

/// The output names, comma-separated (for messages).
inline std::string output_list(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

/// The workers that get a block (no more than there are blocks).
inline unsigned block_workers(unsigned threads, std::size_t draws) {
  return static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(threads, (draws + block_size - 1) / block_size)));
}

/// An output the options summarise without quantiles.
inline bool moments_only(const MonteCarloOptions& o, const std::string& name) {
  return std::find(o.moments_only_outputs.begin(), o.moments_only_outputs.end(), name) != o.moments_only_outputs.end();
}

/// The options, names and sizes of a run checked before anything is allocated; every problem
/// in one ValidationError (montecarlo_checks.cpp). A part of a run (`part_draws` of its draws)
/// holds only its own draws: the ceilings on kept draws apply to those, so that a run kept on a
/// cluster, one part per worker, may keep more than one machine could.
void validate_run(const ParameterTable& table, const Evaluator& f, const std::vector<std::string>& out,
                  const MonteCarloOptions& o, std::optional<std::size_t> part_draws = std::nullopt);

/// Index of output `n` in `names`, names.size() when absent (montecarlo.cpp).
std::size_t find_output(const std::vector<std::string>& names, const std::string& n);

/// One-at-a-time swings of each uncertain parameter for o.tornado_outputs (sensitivity.cpp).
void run_tornado(const ParameterTable& table, const Evaluator& f, const std::vector<std::string>& out,
                 const MonteCarloOptions& o, SimulationResult& r);

/// Sobol first-order and total indices for o.sobol_outputs (sensitivity.cpp).
void run_sobol(const ParameterTable& table, const detail::TableSampler& sampler, const Evaluator& f,
               const std::vector<std::string>& out, const MonteCarloOptions& o, unsigned threads, SimulationResult& r);

}  // namespace impactchain::detail
