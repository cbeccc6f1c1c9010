// The tests' oracle for exact quantiles, written out: Hyndman & Fan (1996) type 7 of the sorted
// finite values, h = p (n − 1), x_(⌊h⌋) + (h − ⌊h⌋)(x_(⌊h⌋+1) − x_(⌊h⌋)) (numpy.quantile's
// default "linear"); NaN for no finite value.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

inline double sorted_type7(const std::vector<double>& v, double p) {
  std::vector<double> f;
  for (double x : v)
    if (std::isfinite(x)) f.push_back(x);
  std::sort(f.begin(), f.end());
  if (f.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double h = p * static_cast<double>(f.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, f.size() - 1);
  return f[lo] + (h - static_cast<double>(lo)) * (f[hi] - f[lo]);
}
