// Private to src/: elementary functions written for vector lanes, for stream version 2's
// samplers (sampler.cpp). Each is a sequence of multiplies, adds, one division and integer
// operations on the bits, without branches, so a loop over draws vectorises and
// every instruction set gives the same numbers (the files using them are compiled without
// contraction into fused multiply-adds, CMakeLists). Their accuracy is checked against the C
// library in tests/cpp/test_lane_math.cpp.
#pragma once

#include <cstdint>
#include <cstring>

namespace impactchain::detail {

inline double bits_to_double(std::uint64_t b) {
  double x;
  std::memcpy(&x, &b, sizeof x);
  return x;
}
inline std::uint64_t double_to_bits(double x) {
  std::uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}

/// Natural logarithm of a positive normal double (not 0, a subnormal, ∞ or NaN): the reduction
/// and polynomial of fdlibm's e_log.c (Sun Microsystems 1993, error below one unit in the last
/// place), its branches replaced by selects. x = 2^k·(1 + f) with 1 + f in about [√2/2, √2),
/// s = f/(2 + f), log(1 + f) = f − (f²/2 − s·(f²/2 + R(s²))).
inline double log_lanes(double x) {
  constexpr double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10;
  constexpr double lg1 = 6.666666666666735130e-01, lg2 = 3.999999999940941908e-01, lg3 = 2.857142874366239149e-01,
                   lg4 = 2.222219843214978396e-01, lg5 = 1.818357216161805012e-01, lg6 = 1.531383769920937332e-01,
                   lg7 = 1.479819860511658591e-01;
  const std::uint64_t b = double_to_bits(x);
  const std::uint64_t mant = b & 0x000FFFFFFFFFFFFFULL;
  // fdlibm's split: a mantissa whose top 20 bits reach 0x6A09C (1 + f ≥ 1.41420…) is halved.
  const std::uint64_t up = (mant >> 32) >= 0x6A09CULL ? 1 : 0;
  // k = biased exponent + up − 1023, converted through the exponent of 2^52 (exact: the integer
  // is below 2^12), not by an integer conversion, which vectorises only with AVX-512DQ.
  const double k = (bits_to_double(0x4330000000000000ULL | ((b >> 52) + up)) - 0x1.0p52) - 1023.0;
  const double m = bits_to_double(mant | ((0x3FFULL - up) << 52));
  const double f = m - 1.0;
  const double s = f / (2.0 + f);
  const double z = s * s, w = z * z;
  const double t1 = w * (lg2 + w * (lg4 + w * lg6));
  const double t2 = z * (lg1 + w * (lg3 + w * (lg5 + w * lg7)));
  const double r = t2 + t1, hfsq = 0.5 * f * f;
  return k * ln2_hi - ((hfsq - (s * (hfsq + r) + k * ln2_lo)) - f);
}

}  // namespace impactchain::detail
