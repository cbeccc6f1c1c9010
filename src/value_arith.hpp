// Private to src/: arithmetic shared by ValuePlan::totals and totals_block, so
// both give the same numbers for a draw.
#pragma once

#include <algorithm>
#include <cmath>

#include "impactchain/value.hpp"

namespace impactchain::detail {

/// b^e for an integer exponent, exactly std::pow(b, e): the cases e = 0 and
/// e = 1 (nearly every call in a Monte Carlo draw) skip the library call.
inline double int_pow(double b, int e) {
  if (e == 0) return 1.0;
  if (e == 1) return b;
  return std::pow(b, e);
}

/// Drop-off exponent of the outcome's t-th year (valuation year c).
inline int drop_exponent(DropOffStart mode, int t, int c, int period) {
  return mode == DropOffStart::second_year ? t - 1 : std::max(0, c - period);
}

}  // namespace impactchain::detail
