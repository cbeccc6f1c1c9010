// lane_math.hpp: the logarithm of stream version 2's samplers against the C library's (glibc's
// log, itself within one unit in the last place).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

#include "lane_math.hpp"

using namespace impactchain;

namespace {
/// Distance in units in the last place between two positive finite doubles.
std::uint64_t ulps(double a, double b) {
  const std::uint64_t x = detail::double_to_bits(a), y = detail::double_to_bits(b);
  return x > y ? x - y : y - x;
}
}  // namespace

TEST_CASE("log_lanes is within one unit in the last place of the C library's log") {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::uint64_t worst = 0;
  for (int i = 0; i < 200000; ++i) {
    // Tail probabilities of the normal quantile (2^-64 to 0.075), then any positive normal double.
    const double x = i % 2 ? 0.075 * std::pow(u(rng), 8.0) + 0x1.0p-64
                           : std::ldexp(1.0 + u(rng), static_cast<int>(u(rng) * 2040) - 1020);
    worst = std::max(worst, ulps(detail::log_lanes(x), std::log(x)));
  }
  CHECK(worst <= 1);
  // Mantissas at fdlibm's split and the powers of two (k·ln 2 exactly as fdlibm forms it).
  for (double x : {0x1.6a09cp0, 0x1.6a09bffffffffp0, 0x1.6a09e667f3bcdp-5, 0.5, 0.25, 0x1.0p-1022, 0.075, 1.0})
    CHECK(ulps(detail::log_lanes(x), std::log(x)) <= 1);
}
