// The one pass of the exact quantiles (column_quantiles.hpp) over a chunk of values: per
// bracket group, the values below its lower end and at its ends counted, and those inside
// collected in order, without a branch on the values (SSE2 on every x86-64, AVX2 where the
// processor has it; comparisons only, so every instruction set gives the same result).
#pragma once

#include <cstddef>
#include <cstdint>

#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace impactchain::detail {

/// A group's counts over a column: values below lo, equal to lo and equal to hi (ties at the
/// ends are counted, not collected: a column of many equal values, such as a party that never
/// pays, would otherwise be collected whole).
struct BracketCounts {
  std::size_t below = 0, at_lo = 0, at_hi = 0;
};

/// bracket_chunk one value at a time, for c[i, len) (in[k] next): the new k.
inline std::size_t bracket_values(const double* c, std::size_t i, std::size_t len, double lo, double hi,
                                  BracketCounts& n, double* in, std::size_t k) {
  for (; i < len; ++i) {
    const double v = c[i];
    n.below += v < lo ? 1 : 0;
    n.at_lo += v == lo ? 1 : 0;
    n.at_hi += v == hi ? 1 : 0;
    in[k] = v;
    k += static_cast<std::size_t>((v > lo) & (v < hi));
  }
  return k;
}

/// Adds to `n` the counts of c[0, len) and writes the values in the open interval (lo, hi) to
/// in[0, …) (in order; room for len), returning how many, without a branch on the values: each
/// is written after the last one kept and the end moves on when it is inside (a branch would be
/// mispredicted for values near a group). lo < hi. SSE2 (every x86-64): two values per compare.
inline std::size_t bracket_chunk(const double* c, std::size_t len, double lo, double hi, BracketCounts& n, double* in) {
  std::size_t i = 0, k = 0;
#if defined(__SSE2__)
  const __m128d l = _mm_set1_pd(lo), h = _mm_set1_pd(hi);
  __m128i lt = _mm_setzero_si128(), le = lt, eq = lt;  // a true lane is all ones: −1 per count
  for (; i + 2 <= len; i += 2) {
    const __m128d v = _mm_loadu_pd(c + i);
    const __m128d at_or_below = _mm_cmple_pd(v, l);
    lt = _mm_sub_epi64(lt, _mm_castpd_si128(_mm_cmplt_pd(v, l)));
    le = _mm_sub_epi64(le, _mm_castpd_si128(at_or_below));
    eq = _mm_sub_epi64(eq, _mm_castpd_si128(_mm_cmpeq_pd(v, h)));
    const int mask = _mm_movemask_pd(_mm_andnot_pd(at_or_below, _mm_cmplt_pd(v, h)));
    in[k] = c[i];
    k += static_cast<std::size_t>(mask & 1);
    in[k] = c[i + 1];
    k += static_cast<std::size_t>(mask >> 1);
  }
  std::int64_t lanes[6];
  _mm_storeu_si128(reinterpret_cast<__m128i*>(lanes), lt);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(lanes + 2), le);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(lanes + 4), eq);
  n.below += static_cast<std::size_t>(lanes[0] + lanes[1]);
  n.at_lo += static_cast<std::size_t>(lanes[2] + lanes[3] - lanes[0] - lanes[1]);
  n.at_hi += static_cast<std::size_t>(lanes[4] + lanes[5]);
#endif
  return bracket_values(c, i, len, lo, hi, n, in, k);
}

#if defined(__GNUC__) && defined(__x86_64__)
#define IMPACTCHAIN_BRACKET_AVX2 1
/// For each 4-bit mask of lanes, the 32-bit element indices that move those lanes of four
/// doubles, in order, to the front (the rest: lane 0, written after the last one kept).
struct CompressTable {
  alignas(32) std::int32_t idx[16][8] = {};
  constexpr CompressTable() {
    for (int m = 0; m < 16; ++m) {
      int s = 0;
      for (int j = 0; j < 4; ++j)
        if ((m >> j) & 1) {
          idx[m][2 * s] = 2 * j;
          idx[m][2 * s + 1] = 2 * j + 1;
          ++s;
        }
    }
  }
};
inline constexpr CompressTable compress_table{};

/// bracket_chunk four values per compare (AVX2, chosen at run time where the processor has it):
/// the same counts and the same values appended in the same order. Comparisons only, so every
/// instruction set gives the same result. The values inside are moved to the front of their
/// group of four by a permutation from a table and stored at the end of those kept, without a
/// branch (a group of four near a bracket holds one often enough that a branch mispredicts).
/// The store of four values at in[k] stays within in[0, len): k ≤ i before each group.
__attribute__((target("avx2"))) inline std::size_t bracket_chunk_avx2(const double* c, std::size_t len, double lo,
                                                                       double hi, BracketCounts& n, double* in) {
  std::size_t i = 0, k = 0;
  const __m256d l = _mm256_set1_pd(lo), h = _mm256_set1_pd(hi);
  __m256i lt = _mm256_setzero_si256(), le = lt, eq = lt;  // a true lane is all ones: −1 per count
  for (; i + 4 <= len; i += 4) {
    const __m256d v = _mm256_loadu_pd(c + i);
    const __m256d at_or_below = _mm256_cmp_pd(v, l, _CMP_LE_OQ);
    lt = _mm256_sub_epi64(lt, _mm256_castpd_si256(_mm256_cmp_pd(v, l, _CMP_LT_OQ)));
    le = _mm256_sub_epi64(le, _mm256_castpd_si256(at_or_below));
    eq = _mm256_sub_epi64(eq, _mm256_castpd_si256(_mm256_cmp_pd(v, h, _CMP_EQ_OQ)));
    const int mask = _mm256_movemask_pd(_mm256_andnot_pd(at_or_below, _mm256_cmp_pd(v, h, _CMP_LT_OQ)));
    const __m256i perm = _mm256_load_si256(reinterpret_cast<const __m256i*>(compress_table.idx[mask]));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(in + k),
                        _mm256_permutevar8x32_epi32(_mm256_castpd_si256(v), perm));
    k += static_cast<std::size_t>(__builtin_popcount(static_cast<unsigned>(mask)));
  }
  std::int64_t lanes[12];
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(lanes), lt);
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(lanes + 4), le);
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(lanes + 8), eq);
  const std::int64_t below = lanes[0] + lanes[1] + lanes[2] + lanes[3];
  n.below += static_cast<std::size_t>(below);
  n.at_lo += static_cast<std::size_t>(lanes[4] + lanes[5] + lanes[6] + lanes[7] - below);
  n.at_hi += static_cast<std::size_t>(lanes[8] + lanes[9] + lanes[10] + lanes[11]);
  return bracket_values(c, i, len, lo, hi, n, in, k);
}
#endif

/// The counts of c[0, len) for a group whose ends are one value (lo = hi): nothing lies inside.
/// (A column that is mostly one value, such as a party that never pays, has such groups only.)
/// SSE2: two values per compare.
inline void point_chunk(const double* c, std::size_t len, double lo, BracketCounts& n) {
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128d l = _mm_set1_pd(lo);
  __m128i lt = _mm_setzero_si128(), eq = lt;  // a true lane is all ones: −1 per count
  for (; i + 2 <= len; i += 2) {
    const __m128d v = _mm_loadu_pd(c + i);
    lt = _mm_sub_epi64(lt, _mm_castpd_si128(_mm_cmplt_pd(v, l)));
    eq = _mm_sub_epi64(eq, _mm_castpd_si128(_mm_cmpeq_pd(v, l)));
  }
  std::int64_t lanes[4];
  _mm_storeu_si128(reinterpret_cast<__m128i*>(lanes), lt);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(lanes + 2), eq);
  n.below += static_cast<std::size_t>(lanes[0] + lanes[1]);
  n.at_lo += static_cast<std::size_t>(lanes[2] + lanes[3]);
#endif
  for (; i < len; ++i) {
    n.below += c[i] < lo ? 1 : 0;
    n.at_lo += c[i] == lo ? 1 : 0;
  }
}

}  // namespace impactchain::detail
