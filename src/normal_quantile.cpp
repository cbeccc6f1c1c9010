// The normal quantile: Wichura's AS 241 (normal_quantile, public) and its block form
// for the samplers (detail::normal_quantile_block, vectorised, the tails' logarithm
// by the C library or, in stream version 2, in vector lanes).
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "impactchain/montecarlo.hpp"
#include "sampler.hpp"
#include "simd_clones.hpp"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define IMPACTCHAIN_TAILS_LANES 1
#endif

namespace impactchain {

// ---------------------------------------------------------------------------
// Normal quantile: Wichura (1988), Algorithm AS 241 (PPND16), Appl. Statist. 37, 477–484.
namespace {

// Wichura (1988), algorithm AS241 (PPND16): the rational approximations' coefficients.
constexpr double as241_a[8] = {3.3871328727963666080e0, 1.3314166789178437745e+2, 1.9715909503065514427e+3,
                               1.3731693765509461125e+4, 4.5921953931549871457e+4, 6.7265770927008700853e+4,
                               3.3430575583588128105e+4, 2.5090809287301226727e+3};
constexpr double as241_b[8] = {1.0, 4.2313330701600911252e+1, 6.8718700749205790830e+2, 5.3941960214247511077e+3,
                               2.1213794301586595867e+4, 3.9307895800092710610e+4, 2.8729085735721942674e+4,
                               5.2264952788528545610e+3};
constexpr double as241_c[8] = {1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0,
                               3.64784832476320460504e0, 1.27045825245236838258e0, 2.41780725177450611770e-1,
                               2.27238449892691845833e-2, 7.74545014278341407640e-4};
constexpr double as241_d[8] = {1.0, 2.05319162663775882187e0, 1.67638483018380384940e0, 6.89767334985100004550e-1,
                               1.48103976427480074590e-1, 1.51986665636164571966e-2, 5.47593808499534494600e-4,
                               1.05075007164441684324e-9};
constexpr double as241_e[8] = {6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0,
                               2.96560571828504891230e-1, 2.65321895265761230930e-2, 1.24266094738807843860e-3,
                               2.71155556874348757815e-5, 2.01033439929228813265e-7};
constexpr double as241_f[8] = {1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2,
                               7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7,
                               2.04426310338993978564e-15};

inline double horner7(const double* c, double x) {
  double acc = c[7];
  for (int k = 6; k >= 0; --k) acc = acc * x + c[k];
  return acc;
}

/// AS241's central region, |p − 1/2| ≤ 0.425: the one formula normal_quantile and
/// normal_quantile_block share (the same operations in the same order: the same bits), as are
/// the tails' formulas below.
inline double as241_central(double q) {
  const double r = 0.180625 - q * q;
  return q * horner7(as241_a, r) / horner7(as241_b, r);
}

/// AS241's tails, r = √(−log(min(p, 1 − p))): for r ≤ 5, and beyond (p below about 10⁻¹¹).
inline double as241_tail(double r) {
  r -= 1.6;
  return horner7(as241_c, r) / horner7(as241_d, r);
}
inline double as241_far(double r) {
  r -= 5.0;
  return horner7(as241_e, r) / horner7(as241_f, r);
}

#ifdef IMPACTCHAIN_TAILS_LANES
/// The tail draws among p[i, n), eight at a time with AVX-512's compress: their indices into
/// `at` and tail probabilities min(p, 1 − p) into `t` from position 0, while eight more fit in
/// `room`; `i` moves past the draws looked at. What the scalar loop in normal_quantile_block
/// collects, in the same order (a NaN counts as a tail, as there).
// GCC 12's avx512fintrin.h starts _mm512_min_pd's result from an undefined register, which
// -Wmaybe-uninitialized reports; the instruction writes every lane.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
__attribute__((target("avx512f"))) std::size_t collect_tails_avx512(const double* p, std::size_t& i, std::size_t n,
                                                                    std::size_t room, std::size_t* at, double* t) {
  static_assert(sizeof(std::size_t) == sizeof(long long), "indices in 64-bit lanes");
  const __m512d half = _mm512_set1_pd(0.5), one = _mm512_set1_pd(1.0), edge = _mm512_set1_pd(0.425);
  const __m512i eight = _mm512_set1_epi64(8);
  __m512i index =
      _mm512_add_epi64(_mm512_set1_epi64(static_cast<long long>(i)), _mm512_set_epi64(7, 6, 5, 4, 3, 2, 1, 0));
  std::size_t m = 0;
  for (; i + 8 <= n && m + 8 <= room; i += 8) {
    const __m512d x = _mm512_loadu_pd(p + i);
    // Not |p − 1/2| ≤ 0.425 (unordered: a NaN is a tail); vminpd(1 − p, p) is (1 − p < p ? 1 − p : p),
    // exactly std::min(p, 1 − p), a NaN too.
    const __mmask8 tail = _mm512_cmp_pd_mask(_mm512_abs_pd(_mm512_sub_pd(x, half)), edge, _CMP_NLE_UQ);
    _mm512_storeu_pd(t + m, _mm512_maskz_compress_pd(tail, _mm512_min_pd(_mm512_sub_pd(one, x), x)));
    _mm512_storeu_si512(at + m, _mm512_maskz_compress_epi64(tail, index));
    m += static_cast<std::size_t>(__builtin_popcount(static_cast<unsigned>(tail)));
    index = _mm512_add_epi64(index, eight);
  }
  return m;
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

/// For each 4-bit mask of tail lanes, the 32-bit lane order that moves the marked 64-bit lanes
/// to the front, in order (AVX2 has no compress; vpermd with this order does it).
struct CompressOrder {
  alignas(32) std::int32_t lanes[16][8];
};
constexpr CompressOrder compress_order() {
  CompressOrder c{};
  for (int mask = 0; mask < 16; ++mask) {
    int out = 0;
    for (int j = 0; j < 4; ++j)
      if (mask & (1 << j)) {
        c.lanes[mask][2 * out] = 2 * j;
        c.lanes[mask][2 * out + 1] = 2 * j + 1;
        ++out;
      }
  }
  return c;
}
constexpr CompressOrder compress_order4 = compress_order();

/// collect_tails_avx512 with AVX2: four draws at a time, the marked lanes moved to the front
/// by a permutation from a table of the 16 masks, then stored whole (the lanes past the tails
/// are overwritten by the next store or ignored). The same draws, values and order.
__attribute__((target("avx2"))) std::size_t collect_tails_avx2(const double* p, std::size_t& i, std::size_t n,
                                                                std::size_t room, std::size_t* at, double* t) {
  static_assert(sizeof(std::size_t) == sizeof(long long), "indices in 64-bit lanes");
  const __m256d half = _mm256_set1_pd(0.5), one = _mm256_set1_pd(1.0), edge = _mm256_set1_pd(0.425);
  const __m256d sign = _mm256_set1_pd(-0.0);
  const __m256i four = _mm256_set1_epi64x(4);
  __m256i index = _mm256_add_epi64(_mm256_set1_epi64x(static_cast<long long>(i)), _mm256_set_epi64x(3, 2, 1, 0));
  std::size_t m = 0;
  for (; i + 4 <= n && m + 4 <= room; i += 4) {
    const __m256d x = _mm256_loadu_pd(p + i);
    // Not |p − 1/2| ≤ 0.425 (unordered: a NaN is a tail); vminpd(1 − p, p) is std::min(p, 1 − p).
    const __m256d tail = _mm256_cmp_pd(_mm256_andnot_pd(sign, _mm256_sub_pd(x, half)), edge, _CMP_NLE_UQ);
    const int mask = _mm256_movemask_pd(tail);
    const __m256i order =
        _mm256_load_si256(reinterpret_cast<const __m256i*>(compress_order4.lanes[mask]));
    const __m256d tp = _mm256_min_pd(_mm256_sub_pd(one, x), x);
    _mm256_storeu_pd(t + m, _mm256_castps_pd(_mm256_permutevar8x32_ps(_mm256_castpd_ps(tp), order)));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(at + m), _mm256_permutevar8x32_epi32(index, order));
    m += static_cast<std::size_t>(__builtin_popcount(static_cast<unsigned>(mask)));
    index = _mm256_add_epi64(index, four);
  }
  return m;
}
#endif

}  // namespace

double normal_quantile(double p) {
  if (std::isnan(p) || p < 0 || p > 1) return std::numeric_limits<double>::quiet_NaN();
  if (p == 0) return -std::numeric_limits<double>::infinity();
  if (p == 1) return std::numeric_limits<double>::infinity();
  const double q = p - 0.5;
  if (std::fabs(q) <= 0.425) return as241_central(q);
  const double r = std::sqrt(-std::log(q < 0 ? p : 1.0 - p));
  const double val = r <= 5.0 ? as241_tail(r) : as241_far(r);
  return q < 0 ? -val : val;
}

namespace detail {

IMPACTCHAIN_SIMD_CLONES
void normal_quantile_block(const double* p, double* z, std::size_t n, unsigned stream_version) {
  // The central formula for every value, in a loop the compiler vectorises (no branch; a
  // value outside the region gets a number that is replaced below); then the tails, scalar.
  std::size_t tails = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double q = p[i] - 0.5;
    z[i] = as241_central(q);
    tails += std::fabs(q) <= 0.425 ? 0 : 1;  // NaN too: not in the region
  }
  if (tails == 0) return;
  // The tails (about 15 % of uniform draws) in chunks: r = √(−log t) of each tail probability t,
  // then AS241's tail formula over the chunk at once (it vectorises); the far tail (r > 5) and
  // the ends (0, 1, outside [0, 1], NaN) as normal_quantile gives them. Stream version 2 takes
  // the logarithms in vector lanes (log_lanes; the library's for a subnormal t), version 1 the
  // library's, one by one.
  constexpr std::size_t chunk = 256;
  constexpr double smallest_normal = std::numeric_limits<double>::min();
  const bool lanes = stream_version != stream_version_1;
#ifdef IMPACTCHAIN_TAILS_LANES
  const bool compress = __builtin_cpu_supports("avx512f");
  const bool compress4 = !compress && __builtin_cpu_supports("avx2");
#endif
  std::size_t at[chunk];
  double r[chunk], v[chunk];
  for (std::size_t i = 0; i < n;) {
    // The chunk's tail draws, collected without a branch that goes either way (a draw is in the
    // tails about 15 % of the time, at random): with AVX-512, eight draws at a time compressed,
    // with AVX2 four at a time moved to the front by a permutation; else (and for the last few)
    // every index is written, the count moves on a tail.
    std::size_t m = 0;
#ifdef IMPACTCHAIN_TAILS_LANES
    if (compress) m = collect_tails_avx512(p, i, n, chunk, at, r);
    if (compress4) m = collect_tails_avx2(p, i, n, chunk, at, r);
#endif
    for (; i < n && m < chunk; ++i) {
      const double q = p[i] - 0.5;
      at[m] = i;
      r[m] = std::min(p[i], 1.0 - p[i]);  // the tail probability t (p itself below 1/2, 1 − p exact above)
      m += std::fabs(q) <= 0.425 ? 0 : 1;  // NaN too: not in the central region
    }
    if (lanes) {
      for (std::size_t k = 0; k < m; ++k) v[k] = -log_lanes(std::max(r[k], smallest_normal));
      for (std::size_t k = 0; k < m; ++k)
        if (r[k] < smallest_normal) v[k] = -std::log(r[k]);  // subnormal t (and p outside (0, 1), redone below)
    } else {
      for (std::size_t k = 0; k < m; ++k) v[k] = -std::log(r[k]);
    }
    for (std::size_t k = 0; k < m; ++k) r[k] = std::sqrt(v[k]);
    for (std::size_t k = 0; k < m; ++k) v[k] = as241_tail(r[k]);
    for (std::size_t k = 0; k < m; ++k) {
      const double pk = p[at[k]];
      if (!(pk > 0 && pk < 1)) {  // 0, 1, outside [0, 1], NaN: as normal_quantile gives them
        z[at[k]] = normal_quantile(pk);
        continue;
      }
      const double val = r[k] <= 5.0 ? v[k] : as241_far(r[k]);
      z[at[k]] = pk - 0.5 < 0 ? -val : val;
    }
  }
}

}  // namespace detail
}  // namespace impactchain
