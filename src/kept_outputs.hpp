// Private to src/: where a Monte Carlo run keeps the outputs of its draws (montecarlo_run.cpp).
#pragma once

#include <cstddef>
#include <vector>

#include "huge_buffer.hpp"

namespace impactchain::detail {

/// Kept::column of an output that is not kept.
inline constexpr std::size_t not_kept = static_cast<std::size_t>(-1);

/// Where a run's kept outputs live: draw d of output q at base[d·row_stride + column[q]·col_stride]
/// (column[q] = not_kept: not kept). The result's draws × outputs when it returns them, else one
/// contiguous column per output, which the quantiles read in one pass.
struct Kept {
  double* base = nullptr;
  std::size_t row_stride = 0, col_stride = 0;
  std::vector<std::size_t> column;
};

/// Memory for a run's kept outputs (up to max_memory_bytes): uninitialised, since the run writes
/// every element (its pages are first touched on the run's threads), and on Linux in 2 MiB pages
/// where the kernel offers them on request, which spares ~500 page faults per MiB.
using KeptBuffer = HugeBuffer<double>;

}  // namespace impactchain::detail
