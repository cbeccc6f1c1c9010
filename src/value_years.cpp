// The years of one outcome over a chunk of draws (value_years.hpp): a group of draws at a time
// in GCC's vector extensions (the group as wide as the path's registers), the rest one at a
// time. One template body for every width; per lane the operations of ValuePlan::totals in its
// order (this file is compiled without contraction into fused multiply-adds), so every path
// gives each draw the same bits.
#include "value_years.hpp"

#include <cstring>

#if defined(__GNUC__) && defined(__x86_64__)
#define IMPACTCHAIN_YEARS_X86 1
#endif

namespace impactchain::detail {

namespace {

/// A group of lanes of type V (a vector of doubles, or double itself) starting at draw i.
template <class V, bool Own>
#if defined(__GNUC__)
__attribute__((always_inline))  // into each path's function, compiled for its registers
#endif
inline void group(const OutcomeYears& y, std::size_t i) {
  const V zero{}, one = zero + 1.0;
  V p, ow = zero, keep, f, impact, dur, keep_rate, step;
  std::memcpy(&p, y.pv + i, sizeof p);
  if constexpr (Own) std::memcpy(&ow, y.own + i, sizeof ow);
  std::memcpy(&keep, y.keep + i, sizeof keep);
  std::memcpy(&f, y.f + i, sizeof f);
  std::memcpy(&impact, y.impact + i, sizeof impact);
  std::memcpy(&dur, y.dur + i, sizeof dur);
  std::memcpy(&keep_rate, y.keep_rate + i, sizeof keep_rate);
  std::memcpy(&step, y.step + i, sizeof step);
  for (int t = 1; t <= y.T; ++t) {
    const double tm1 = t - 1;
    // Keep and f first, then the value (totals()' order).
    if (t > 1 && y.grow[t]) keep = keep * keep_rate;
    if (t > 1 && y.rate) f = f * step;
    const V factor = t == 1 || y.rate ? f : zero + y.fixed_f[t];
    const V x = dur - tm1;
    const V w = x < one ? x : one;  // std::min(1.0, x), a NaN included
    const V c = impact * w * keep * factor;
    const V counted = dur > zero + tm1 ? c : zero;
    p = p + counted;
    if constexpr (Own) ow = ow + counted;
  }
  std::memcpy(y.pv + i, &p, sizeof p);
  if constexpr (Own) std::memcpy(y.own + i, &ow, sizeof ow);
}

/// Groups of Lanes draws as vectors V (Lanes > 1), the rest one at a time.
template <class V, std::size_t Lanes, bool Own>  // Lanes: the doubles in a V
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
inline void groups(const OutcomeYears& y) {
  static_assert(sizeof(V) == Lanes * sizeof(double), "a group is one V");
  std::size_t i = 0;
  if constexpr (Lanes > 1)
    for (; i + Lanes <= y.m; i += Lanes) group<V, Own>(y, i);
  for (; i < y.m; ++i) group<double, Own>(y, i);
}
template <class V, std::size_t Lanes>
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
inline void all_groups(const OutcomeYears& y) {
  if (y.own)
    groups<V, Lanes, true>(y);
  else
    groups<V, Lanes, false>(y);
}

#if defined(__GNUC__)
// Vectors of 2, 4 and 8 doubles. (Not one alias template: GCC drops vector_size with a
// dependent size there.)
typedef double Doubles2 __attribute__((vector_size(2 * sizeof(double))));
typedef double Doubles4 __attribute__((vector_size(4 * sizeof(double))));
typedef double Doubles8 __attribute__((vector_size(8 * sizeof(double))));
#endif

void years_baseline(const OutcomeYears& y) {
#if defined(__GNUC__)
  all_groups<Doubles2, 2>(y);  // one SSE2 (or NEON) register
#else
  all_groups<double, 1>(y);
#endif
}

#ifdef IMPACTCHAIN_YEARS_X86
__attribute__((target("avx2"))) void years_avx2(const OutcomeYears& y) { all_groups<Doubles4, 4>(y); }
__attribute__((target("avx512f"))) void years_avx512(const OutcomeYears& y) { all_groups<Doubles8, 8>(y); }
#endif

}  // namespace

YearsPath years_best_path() {
#ifdef IMPACTCHAIN_YEARS_X86
  if (__builtin_cpu_supports("avx512f")) return YearsPath::avx512;
  if (__builtin_cpu_supports("avx2")) return YearsPath::avx2;
#endif
  return YearsPath::baseline;
}

void add_years(const OutcomeYears& y, YearsPath path) {
  if (path == YearsPath::best) path = years_best_path();
#ifdef IMPACTCHAIN_YEARS_X86
  if (path == YearsPath::avx512) return years_avx512(y);
  if (path == YearsPath::avx2) return years_avx2(y);
#endif
  years_baseline(y);
}

}  // namespace impactchain::detail
