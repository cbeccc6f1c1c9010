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

TEST_CASE("quantile sketch: a block of one value gives the counts of add, value by value") {
  // A chunk of 256 equal values is keyed once; chunks that differ in one value, or only in the
  // sign of a zero, are keyed value by value. Either way the counts are add()'s.
  const double inf = std::numeric_limits<double>::infinity();
  for (double v : {0.0, -0.0, 1e-300, 3.5, -3.5, 1e300, 0.0050000000000000001, inf, -inf, std::nan("")}) {
    CAPTURE(v);
    std::vector<double> x(1000, v);  // three whole chunks of 256 and a short one
    x[700] = 2.0;                    // the third chunk is not one value
    x[900] = std::signbit(v) ? 0.0 : -0.0;  // nor the fourth (a zero of the other sign)
    detail::QuantileSketch one(5e-4), block(5e-4);
    for (double w : x)
      if (std::isfinite(w)) one.add(w);
    block.add_block(x.data(), x.size());
    CHECK(block.count() == one.count());
    CHECK(block.state() == one.state());
    const std::size_t finite = std::isfinite(v) ? 1000 : 2;
    CHECK(block.count() == finite);
  }
  // add_same itself: c equal values at once, a non-finite one not counted.
  detail::QuantileSketch same(5e-4), each(5e-4);
  same.add_same(-7.25, 300);
  same.add_same(0.0, 5);
  same.add_same(std::nan(""), 9);
  for (int i = 0; i < 300; ++i) each.add(-7.25);
  for (int i = 0; i < 5; ++i) each.add(0.0);
  CHECK(same.state() == each.state());
  CHECK(same.count() == 305);
}
