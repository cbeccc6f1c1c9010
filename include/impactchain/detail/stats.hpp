// Descriptive statistics the core computes in many places, once: mean, sample
// SD, running (mergeable) moments, median and the type-7 quantile. Every
// engine (soft outcomes, composite, bootstrap, Monte Carlo, Sobol, streaming)
// uses these, so a mean or a quantile means the same everywhere.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

namespace impactchain::detail {

/// Arithmetic mean, summed in order (NaN for no values).
inline double mean(const std::vector<double>& v) {
  double m = 0;
  for (double x : v) m += x;
  return m / static_cast<double>(v.size());
}

/// m = mean of v, s = its sample SD (n − 1), two passes (NaN for fewer than two values).
inline void mean_sd(const std::vector<double>& v, double& m, double& s) {
  m = mean(v);
  double ss = 0;
  for (double x : v) ss += (x - m) * (x - m);
  s = std::sqrt(ss / static_cast<double>(v.size() - 1));
}

/// True when an SD computed from `v` is rounding noise: at most 64 ulps of the largest |value|.
/// Values that are equal on paper (a change of 1 from item means such as 14/3 - 11/3) differ in
/// their last bits, and an effect size divided by that noise would be a meaningless 10^15.
inline bool sd_is_rounding(double sd, const std::vector<double>& v) {
  double top = 0;
  for (double x : v) top = std::max(top, std::abs(x));
  return !(sd > 64 * std::numeric_limits<double>::epsilon() * top);
}

/// Running count (or total frequency weight), mean, sum of squared deviations,
/// min and max: Welford (1962) one value at a time, Chan, Golub & LeVeque
/// (1979) to merge two sets. Merging in a fixed order gives the same bits for
/// any number of threads.
struct Moments {
  double n = 0, mean = 0, m2 = 0;
  double min = std::numeric_limits<double>::infinity(), max = -std::numeric_limits<double>::infinity();
  void add(double x) {
    n += 1;
    const double d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
    min = std::min(min, x);
    max = std::max(max, x);
  }
  void merge(const Moments& o) {
    if (o.n == 0) return;
    if (n == 0) { *this = o; return; }
    const double nn = n + o.n, d = o.mean - mean;
    mean += d * o.n / nn;
    m2 += o.m2 + d * d * n * o.n / nn;
    n = nn;
    min = std::min(min, o.min);
    max = std::max(max, o.max);
  }
  /// Sample (frequency-weight) variance m2 / (n − 1); NaN for n ≤ 1.
  double variance() const { return n > 1 ? m2 / (n - 1) : std::numeric_limits<double>::quiet_NaN(); }
  double sd() const { return n > 1 ? std::sqrt(m2 / (n - 1)) : std::numeric_limits<double>::quiet_NaN(); }
};

/// Median: the middle value, or the mean of the two middle values (numpy.median).
inline double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/// Quantile p of sorted values with linear interpolation between order
/// statistics (Hyndman & Fan 1996 type 7, numpy's default); NaN for no values.
inline double quantile_type7_sorted(const std::vector<double>& s, double p) {
  if (s.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double h = (static_cast<double>(s.size()) - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, s.size() - 1);
  return s[lo] + (h - static_cast<double>(lo)) * (s[hi] - s[lo]);
}

/// Puts the order statistics `need[a, b)` (sorted, distinct indices into v) in place, given that
/// [first, last) holds exactly the order statistics first..last − 1 of v in some order: the
/// middle needed index by std::nth_element, then each side with the indices on that side, so
/// the ranges shrink geometrically (Hoare's multiple selection). An index right after a placed
/// one is the minimum of the rest of its range: a scan, not another selection.
inline void select_order_statistics(std::vector<double>& v, std::size_t first, std::size_t last,
                                    const std::vector<std::size_t>& need, std::size_t a, std::size_t b) {
  while (a < b) {
    if (need[a] == first) {  // the smallest of the range: one scan
      std::iter_swap(v.begin() + static_cast<std::ptrdiff_t>(first),
                     std::min_element(v.begin() + static_cast<std::ptrdiff_t>(first), v.begin() + static_cast<std::ptrdiff_t>(last)));
      ++first;
      ++a;
      continue;
    }
    const std::size_t m = a + (b - a) / 2, at = need[m];
    std::nth_element(v.begin() + static_cast<std::ptrdiff_t>(first), v.begin() + static_cast<std::ptrdiff_t>(at),
                     v.begin() + static_cast<std::ptrdiff_t>(last));
    select_order_statistics(v, first, at, need, a, m);  // the left side: smaller ranges, fewer indices
    first = at + 1;  // the right side, iteratively
    a = m + 1;
  }
}

/// The 0-based order statistics (ascending, distinct) that type-7 quantiles at `levels` (each in
/// [0, 1]) of n ≥ 1 values need: ⌊h⌋ and ⌊h⌋ + 1 for each h = (n − 1)·p.
inline std::vector<std::size_t> type7_order_statistics(std::size_t n, const std::vector<double>& levels) {
  std::vector<std::size_t> need;
  need.reserve(2 * levels.size());
  for (double p : levels) {
    const auto lo = static_cast<std::size_t>(std::floor((static_cast<double>(n) - 1) * p));
    need.push_back(lo);
    need.push_back(std::min(lo + 1, n - 1));
  }
  std::sort(need.begin(), need.end());
  need.erase(std::unique(need.begin(), need.end()), need.end());
  return need;
}

/// Type-7 quantiles at `levels` of n ≥ 1 values from their order statistics: at(r) is the value
/// of 0-based rank r (asked only for ranks type7_order_statistics lists).
template <class At>
std::vector<double> type7_from_order_statistics(std::size_t n, const std::vector<double>& levels, At at) {
  std::vector<double> out(levels.size());
  for (std::size_t l = 0; l < levels.size(); ++l) {
    const double h = (static_cast<double>(n) - 1) * levels[l];
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, n - 1);
    const double vlo = at(lo);
    out[l] = vlo + (h - static_cast<double>(lo)) * (at(hi) - vlo);
  }
  return out;
}

/// Type-7 quantiles of v at each of `levels` (each in [0, 1]), the same numbers as
/// quantile_type7_sorted on the sorted values, but only the order statistics they need are put
/// in place (select_order_statistics: about 2–3 passes over v for the usual five levels), not
/// the whole vector sorted. v is reordered; NaN for no values.
inline std::vector<double> quantiles_type7(std::vector<double>& v, const std::vector<double>& levels) {
  if (v.empty()) return std::vector<double>(levels.size(), std::numeric_limits<double>::quiet_NaN());
  const std::vector<std::size_t> need = type7_order_statistics(v.size(), levels);
  select_order_statistics(v, 0, v.size(), need, 0, need.size());
  return type7_from_order_statistics(v.size(), levels, [&v](std::size_t r) { return v[r]; });
}

/// Type-7 quantile of unsorted values.
inline double quantile_type7(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return quantile_type7_sorted(v, p);
}

}  // namespace impactchain::detail
