// Mean and sample standard deviation (n − 1) of a set of values, two passes;
// shared by the soft-impact statistics and the bootstrap.
#pragma once

#include <cmath>
#include <vector>

namespace impactchain::detail {

/// m = mean of v, s = its sample SD (NaN for fewer than two values).
inline void mean_sd(const std::vector<double>& v, double& m, double& s) {
  m = 0;
  for (double x : v) m += x;
  m /= static_cast<double>(v.size());
  double ss = 0;
  for (double x : v) ss += (x - m) * (x - m);
  s = std::sqrt(ss / static_cast<double>(v.size() - 1));
}

}  // namespace impactchain::detail
