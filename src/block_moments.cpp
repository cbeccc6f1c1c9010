// BlockMoments (block_moments.hpp): Welford's update of every output of a draw in vector
// lanes. Compiled without contraction into fused multiply-adds and without trapping math
// (CMakeLists), so the AVX-512, AVX2 and baseline versions give every lane what Moments::add
// gives, and a lane whose value is not finite may compute and discard its update.
#include "block_moments.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "simd_clones.hpp"

namespace impactchain::detail {
namespace {

constexpr std::size_t chunk = 64;  // draws transposed at a time (64 × outputs doubles stay in L1)

/// Draws r < rows of x (draw-major, `outputs` values each) into the per-output state; returns
/// the draws with a non-finite value.
IMPACTCHAIN_SIMD_CLONES
std::uint64_t update(const double* __restrict x, std::size_t rows, std::size_t outputs, double* __restrict n,
                     double* __restrict mean, double* __restrict m2, double* __restrict lo, double* __restrict hi,
                     double* __restrict bad) {
  constexpr double largest = std::numeric_limits<double>::max();
  std::uint64_t bad_draws = 0;
  for (std::size_t r = 0; r < rows; ++r, x += outputs) {
    std::uint64_t any = 0;  // an integer OR: a reduction the compiler may reorder
    for (std::size_t q = 0; q < outputs; ++q) {
      const double v = x[q];
      const bool finite = std::fabs(v) <= largest;
      // Moments::add: n += 1; d = x − mean; mean += d / n; m2 += d·(x − mean); min, max.
      const double n1 = n[q] + 1.0, d = v - mean[q], mean1 = mean[q] + d / n1, m21 = m2[q] + d * (v - mean1);
      n[q] = finite ? n1 : n[q];
      mean[q] = finite ? mean1 : mean[q];
      m2[q] = finite ? m21 : m2[q];
      lo[q] = finite && v < lo[q] ? v : lo[q];  // std::min(min, x)
      hi[q] = finite && hi[q] < v ? v : hi[q];  // std::max(max, x)
      bad[q] += finite ? 0.0 : 1.0;
      any |= finite ? 0 : 1;
    }
    bad_draws += any;
  }
  return bad_draws;
}

}  // namespace

std::uint64_t BlockMoments::add(const double* y, std::size_t stride, std::size_t draws, std::size_t outputs, Moments* m,
                                std::uint64_t* nonfinite) {
  state_.resize(6 * outputs);
  double* n = state_.data();
  double *mean = n + outputs, *m2 = mean + outputs, *lo = m2 + outputs, *hi = lo + outputs, *bad = hi + outputs;
  for (std::size_t q = 0; q < outputs; ++q) {
    n[q] = m[q].n, mean[q] = m[q].mean, m2[q] = m[q].m2, lo[q] = m[q].min, hi[q] = m[q].max;
    bad[q] = 0;
  }
  rows_.resize(chunk * outputs);
  std::uint64_t bad_draws = 0;
  for (std::size_t i0 = 0; i0 < draws; i0 += chunk) {
    const std::size_t rows = std::min(chunk, draws - i0);
    for (std::size_t q = 0; q < outputs; ++q) {
      const double* from = y + q * stride + i0;
      for (std::size_t r = 0; r < rows; ++r) rows_[r * outputs + q] = from[r];
    }
    bad_draws += update(rows_.data(), rows, outputs, n, mean, m2, lo, hi, bad);
  }
  for (std::size_t q = 0; q < outputs; ++q) {
    m[q].n = n[q], m[q].mean = mean[q], m[q].m2 = m2[q], m[q].min = lo[q], m[q].max = hi[q];
    nonfinite[q] += static_cast<std::uint64_t>(bad[q]);
  }
  return bad_draws;
}

}  // namespace impactchain::detail
