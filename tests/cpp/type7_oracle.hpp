// The tests' oracle for exact quantiles, written out: Hyndman & Fan (1996) type 7 of the sorted
// finite values, h = p (n − 1), x_(⌊h⌋) + (h − ⌊h⌋)(x_(⌊h⌋+1) − x_(⌊h⌋)) (numpy.quantile's
// default "linear"); NaN for no finite value. A column is sorted once for all its levels
// (SortedType7): the suites also run under instruction-set emulation, where sorting a column
// of 400,000 values per level would be most of their time.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

/// The finite values of a column, sorted once; operator() gives the type-7 quantile at p.
class SortedType7 {
 public:
  explicit SortedType7(const std::vector<double>& v) {
    for (double x : v)
      if (std::isfinite(x)) f_.push_back(x);
    std::sort(f_.begin(), f_.end());
  }
  double operator()(double p) const {
    if (f_.empty()) return std::numeric_limits<double>::quiet_NaN();
    const double h = p * static_cast<double>(f_.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, f_.size() - 1);
    return f_[lo] + (h - static_cast<double>(lo)) * (f_[hi] - f_[lo]);
  }

 private:
  std::vector<double> f_;
};

inline double sorted_type7(const std::vector<double>& v, double p) { return SortedType7(v)(p); }
