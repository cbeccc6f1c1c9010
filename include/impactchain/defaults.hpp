// The defaults, in one place: every option struct of the core takes an omitted
// seed, number of draws, thread count or interval level from here, and the
// Python package reads the same values (impactchain.DEFAULTS, through
// _core.defaults), so C++ tools, Python scripts, the command line and the
// report give the same numbers for the same model. docs/defaults.md gives
// the reason for each value.
#pragma once

#include <cstddef>
#include <cstdint>

namespace impactchain::defaults {

/// Seed of every random stream when none is given (Philox key).
inline constexpr std::uint64_t seed = 2026;
/// Monte Carlo draws of a simulation when none are given.
inline constexpr std::size_t draws = 5000;
/// Worker threads: 0 = all hardware threads. Results do not depend on it.
inline constexpr unsigned threads = 0;
/// Level of every interval: confidence intervals of estimates (bootstrap,
/// effect size, Cronbach's alpha, distance travelled) and the Monte Carlo
/// interval of a simulation's outputs (the central 95 % of the draws).
inline constexpr double level = 0.95;
/// Random stream of a Monte Carlo's parameter draws (MonteCarloOptions::stream_version): 2, the
/// Philox4x32 words of vector lanes; 1 reproduces the results of impactchain 0.2 and earlier.
inline constexpr unsigned stream_version = 2;

}  // namespace impactchain::defaults
