#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <random>

#include "impactchain/streaming.hpp"

using namespace impactchain;

TEST_CASE("streaming: chunks merged give the moments of the whole (hand calculation)") {
  // data 1, 2, 3, 4, 5, 6 in chunks {1, 2}, {3, 4, 5}, {6}: mean 3.5, sample variance 3.5
  StreamingStats a = StreamingStats::discrete(1, 6), b = StreamingStats::discrete(1, 6), c = StreamingStats::discrete(1, 6);
  Eigen::VectorXd x1(2), x2(3), x3(1);
  x1 << 1, 2;
  x2 << 3, 4, 5;
  x3 << 6;
  a.add(x1);
  b.add(x2);
  c.add(x3);
  a.merge(b);
  a.merge(c);
  CHECK(a.sum_of_weights() == 6);
  CHECK(a.mean() == doctest::Approx(3.5).epsilon(1e-15));
  CHECK(a.variance() == doctest::Approx(3.5).epsilon(1e-14));
  CHECK(a.min() == 1);
  CHECK(a.max() == 6);
  // inverse-CDF quantiles: F(3) = 0.5 -> median 3; p = 0.51 -> 4
  CHECK(a.quantile(0.5) == 3);
  CHECK(a.quantile(0.51) == 4);
}

TEST_CASE("streaming: weighted chunks equal the weighted whole, and the order of merging does not matter") {
  std::mt19937_64 g(3);
  std::uniform_int_distribution<int> d(14, 70);
  std::uniform_real_distribution<double> u(0.5, 2.0);
  Eigen::VectorXd x(1000), w(1000);
  for (int i = 0; i < 1000; ++i) { x[i] = d(g); w[i] = u(g); }
  StreamingStats whole = StreamingStats::discrete(14, 70);
  whole.add(x, w);
  StreamingStats parts = StreamingStats::discrete(14, 70);
  for (int s = 0; s < 1000; s += 137) {
    const int len = std::min(137, 1000 - s);
    StreamingStats p = StreamingStats::discrete(14, 70);
    p.add(x.segment(s, len), w.segment(s, len));
    parts.merge(p);
  }
  const double wm = (x.array() * w.array()).sum() / w.sum();
  const double m2 = (w.array() * (x.array() - wm).square()).sum();
  CHECK(parts.mean() == doctest::Approx(wm).epsilon(1e-12));
  CHECK(parts.variance() == doctest::Approx(m2 / (w.sum() - 1)).epsilon(1e-12));
  CHECK(whole.mean() == doctest::Approx(parts.mean()).epsilon(1e-13));
  for (double p : {0.1, 0.25, 0.5, 0.9}) CHECK(whole.quantile(p) == parts.quantile(p));
}

TEST_CASE("streaming: continuous grid quantile within one bin width, missing counted") {
  StreamingStats s = StreamingStats::continuous(0, 1, 1000);
  Eigen::VectorXd x(1001);
  for (int i = 0; i <= 1000; ++i) x[i] = i / 1000.0;
  x[10] = std::numeric_limits<double>::quiet_NaN();
  s.add(x);
  CHECK(s.n_missing() == 1);
  CHECK(std::abs(s.quantile(0.5) - 0.5) <= 0.001 + 1e-12);
}

TEST_CASE("streaming bad input") {
  StreamingStats s = StreamingStats::discrete(1, 5);
  Eigen::VectorXd x(2);
  x << 1, 7;
  CHECK_THROWS_WITH_AS(s.add(x), doctest::Contains("value 7 is outside the grid [1, 5]"), ValidationError);
  CHECK(s.sum_of_weights() == 0);  // nothing added from the rejected chunk
  x << 1, 2.5;
  CHECK_THROWS_WITH_AS(s.add(x), doctest::Contains("not an integer"), ValidationError);
  CHECK_THROWS_WITH_AS(s.mean(), doctest::Contains("total weight"), ValidationError);
  Eigen::VectorXd w(2);
  w << 1, -1;
  x << 1, 2;
  CHECK_THROWS_WITH_AS(s.add(x, w), doctest::Contains("weight must be finite and >= 0"), ValidationError);
  StreamingStats t = StreamingStats::discrete(1, 6);
  CHECK_THROWS_WITH_AS(s.merge(t), doctest::Contains("different grids"), ValidationError);
  CHECK_THROWS_AS(StreamingStats::continuous(1, 0, 10), ValidationError);
}

TEST_CASE("streaming: histogram bins beyond the ceiling are refused before allocating, naming bins") {
  CHECK(StreamingStats::continuous(0, 1, max_histogram_bins).counts().size() == 1000000);  // at the ceiling: accepted
  CHECK_THROWS_WITH_AS(StreamingStats::continuous(0, 1, max_histogram_bins + 1),
                       doctest::Contains("bins: at most 1000000 bins are accepted, got 1000001"), ValidationError);
  // 2^40 bins would be 8 TiB of counters: refused, not attempted
  CHECK_THROWS_WITH_AS(StreamingStats::continuous(0, 1, 1LL << 40),
                       doctest::Contains("bins: at most 1000000 bins are accepted, got 1099511627776"), ValidationError);
  // discrete: one bin per integer, hi - lo + 1 = 1,000,000 for [0, 999999]
  CHECK(StreamingStats::discrete(0, 999999).counts().size() == 1000000);
  CHECK_THROWS_WITH_AS(StreamingStats::discrete(0, 1000000),
                       doctest::Contains("bins: a discrete grid has one bin per integer in [lo, hi]: at most 1000000 bins are accepted, got 1000001 for [0, 1000000]"),
                       ValidationError);
  // the widest span of 64-bit integers neither overflows nor allocates
  CHECK_THROWS_WITH_AS(StreamingStats::discrete(std::numeric_limits<long long>::min(), std::numeric_limits<long long>::max()),
                       doctest::Contains("bins: a discrete grid has one bin per integer"), ValidationError);
}
