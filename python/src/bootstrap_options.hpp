// BootstrapOptions from the keyword arguments the bindings take, and their documentation.
#pragma once

#include <cstdint>
#include <string>

#include "bindings.hpp"
#include "cancel_hook.hpp"
#include "impactchain/bootstrap.hpp"

namespace impactchain::python {

inline BootstrapOptions make_options(int resamples, std::uint64_t seed, std::uint32_t stream, int threads, double level,
                                     const std::string& method, bool keep) {
  BootstrapOptions o;
  o.resamples = resamples;
  o.seed = seed;
  o.stream = stream;
  o.threads = threads;
  o.level = level;
  o.method = from_string<BootstrapCi>(method);
  o.keep_replicates = keep;
  o.cancelled = python_cancel_hook();
  return o;
}

inline constexpr const char* boot_doc =
    "resamples : int in [100, 10^7]\nseed : int (required)\n    Philox key; same seed -> same result for any thread count.\n"
    "stream : int\n    Independent sub-stream.\nthreads : int\n    0 = all hardware threads.\n"
    "level : float in (0, 1)\nmethod : {'bca', 'percentile'}\nkeep_replicates : bool";

}  // namespace impactchain::python
