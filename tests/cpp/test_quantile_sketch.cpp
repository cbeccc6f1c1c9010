// The quantile sketch (sampler.hpp, quantile_sketch.cpp): add_block, which keys a block's values
// with logarithms in vector lanes, gives exactly the counts of add() one value at a time.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "sampler.hpp"

using namespace impactchain;

TEST_CASE("quantile sketch: add_block keeps the counts add gives, bucket edges and odd values included") {
  const double alpha = 5e-4, gamma = (1 + alpha) / (1 - alpha), log_gamma = std::log(gamma);
  std::vector<double> x;
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  // Values over many magnitudes, both signs.
  for (int i = 0; i < 100000; ++i) x.push_back(std::copysign(std::exp(300 * u(rng)), u(rng)));
  // The bucket edges γ^k and their neighbours: where log(a)·c lies next to an integer.
  for (int k = -20000; k <= 20000; k += 7) {
    const double edge = std::exp(k * log_gamma);
    for (double v : {edge, std::nextafter(edge, 0.0), std::nextafter(edge, 1e300)}) {
      x.push_back(v);
      x.push_back(-v);
    }
  }
  // Zero, values counted as zero, the smallest normal ones above them, and values skipped.
  const double inf = std::numeric_limits<double>::infinity();
  for (double v : {0.0, -0.0, 1e-300, 1e-290, 2e-290, 1e300, -1e300, inf, -inf, std::nan("")}) x.push_back(v);
  std::shuffle(x.begin(), x.end(), rng);

  detail::QuantileSketch one(alpha), block(alpha);
  for (double v : x)
    if (std::isfinite(v)) one.add(v);
  for (std::size_t i = 0; i < x.size(); i += 1000) block.add_block(x.data() + i, std::min<std::size_t>(1000, x.size() - i));
  CHECK(block.count() == one.count());
  CHECK(block.count() == x.size() - 3);  // ±∞ and NaN skipped
  CHECK(block.state() == one.state());
  for (double q : {0.001, 0.05, 0.5, 0.95, 0.999}) CHECK(block.quantile(q) == one.quantile(q));
}
