// Private to src/: where a Monte Carlo run keeps the outputs of its draws (montecarlo_run.cpp).
#pragma once

#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

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
struct KeptBuffer {
  struct Free {
    void operator()(double* p) const { std::free(p); }
  };
  std::unique_ptr<double[], Free> data;
  explicit KeptBuffer(std::size_t count) {
    constexpr std::size_t page = std::size_t{2} << 20;
    const std::size_t bytes = (count * sizeof(double) + page - 1) / page * page;
    data.reset(static_cast<double*>(std::aligned_alloc(page, bytes)));
    if (!data) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    madvise(data.get(), bytes, MADV_HUGEPAGE);  // a hint: without it the pages are 4 KiB
#endif
  }
};

}  // namespace impactchain::detail
