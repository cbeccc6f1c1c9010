// Ceilings for reading model files, the same for YAML and JSON, and for the
// seed, thread count and random stream version of every run.
//
// A model file is input from outside: a file of any size or shape can arrive.
// The reader refuses a file beyond these limits with a ValidationError naming
// the limit, its value and where (line, column) it was reached, instead of
// running out of time, memory or stack. The defaults are far above any real
// model (the largest real models have some thousands of outcomes).
#pragma once

#include <cstddef>
#include <cstdint>

namespace impactchain::io {

struct Limits {
  /// Largest file (bytes) load_model reads, and largest text parse_model takes.
  std::size_t max_file_bytes = std::size_t{64} << 20;  // 64 MiB
  /// Deepest nesting of mappings and lists (the top-level mapping is depth 1).
  std::size_t max_depth = 64;
  /// Most YAML aliases (`*name`) in one file.
  std::size_t max_aliases = 10'000;
  /// Most values the document expands to, counting each alias as the whole
  /// node it refers to (an alias shares that node, it is never copied) and a
  /// string as one value per 16 bytes. A model with 100,000 outcomes of some
  /// 20 values each expands to about 2,000,000.
  std::size_t max_values = 10'000'000;
  /// Longest string or key (bytes, after unescaping).
  std::size_t max_string_bytes = std::size_t{1} << 20;  // 1 MiB
  /// Largest magnitude of an integer written without fraction or exponent:
  /// 2^53, the largest from which every smaller integer is exact in a double.
  std::int64_t max_integer = std::int64_t{1} << 53;
};

}  // namespace impactchain::io

namespace impactchain {

/// Largest accepted seed: 2^63 − 1, so a seed fits a signed 64-bit integer
/// (JSON, pandas, R bit64) everywhere it is reported.
inline constexpr std::uint64_t max_seed = 9223372036854775807ULL;

/// Most worker threads a run accepts (0 = all hardware threads).
inline constexpr unsigned max_threads = 1024;

/// Newest random stream of a Monte Carlo's parameter draws: MonteCarloOptions::stream_version
/// is 1 to this (docs/uncertainty.md, "Random streams"); defaults::stream_version is the default.
inline constexpr unsigned newest_stream_version = 2;

}  // namespace impactchain
