// detail/stats.hpp: the mean, SD, running moments, median and type-7 quantile
// every engine uses, against hand calculations (numpy's values in comments).
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "impactchain/detail/stats.hpp"

using namespace impactchain;

TEST_CASE("mean and sample SD: hand calculation") {
  // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32, SD = sqrt(32/7).
  const std::vector<double> v = {2, 4, 4, 4, 5, 5, 7, 9};
  double m = 0, s = 0;
  detail::mean_sd(v, m, s);
  CHECK(m == 5);
  CHECK(s == doctest::Approx(std::sqrt(32.0 / 7)).epsilon(1e-15));
  CHECK(detail::mean(v) == 5);
  detail::mean_sd({3.0}, m, s);  // one value: the SD is undefined
  CHECK(m == 3);
  CHECK(std::isnan(s));
}

TEST_CASE("running moments: one at a time and merged give the two-pass mean and variance") {
  // 1, 2, 3, 4: mean 2.5, variance (2.25 + 0.25 + 0.25 + 2.25) / 3 = 5/3.
  detail::Moments all, lo, hi;
  for (double x : {1.0, 2.0, 3.0, 4.0}) all.add(x);
  for (double x : {1.0, 2.0}) lo.add(x);
  for (double x : {3.0, 4.0}) hi.add(x);
  lo.merge(hi);
  for (const auto& m : {all, lo}) {
    CHECK(m.n == 4);
    CHECK(m.mean == doctest::Approx(2.5).epsilon(1e-15));
    CHECK(m.variance() == doctest::Approx(5.0 / 3).epsilon(1e-15));
    CHECK(m.sd() == doctest::Approx(std::sqrt(5.0 / 3)).epsilon(1e-15));
    CHECK(m.min == 1);
    CHECK(m.max == 4);
  }
  detail::Moments one;
  one.add(7);
  CHECK(std::isnan(one.sd()));
  detail::Moments empty;
  empty.merge(one);  // merging into an empty set copies
  CHECK(empty.mean == 7);
}

TEST_CASE("type-7 quantile and median: hand calculation (numpy.quantile's default)") {
  // Sorted 1, 2, 4, 7, 11 (n = 5): h = (n − 1)·p; Q = x[floor h] + (h − floor h)·(x[floor h + 1] − x[floor h]).
  const std::vector<double> s = {1, 2, 4, 7, 11};
  CHECK(detail::quantile_type7_sorted(s, 0.0) == 1);
  CHECK(detail::quantile_type7_sorted(s, 1.0) == 11);
  CHECK(detail::quantile_type7_sorted(s, 0.5) == 4);                        // h = 2
  CHECK(detail::quantile_type7_sorted(s, 0.3) == doctest::Approx(2.4));     // h = 1.2: 2 + 0.2·2
  CHECK(detail::quantile_type7_sorted(s, 0.95) == doctest::Approx(10.2));   // h = 3.8: 7 + 0.8·4
  CHECK(detail::quantile_type7({11, 1, 7, 2, 4}, 0.3) == doctest::Approx(2.4));  // unsorted input
  CHECK(std::isnan(detail::quantile_type7_sorted({}, 0.5)));
  CHECK(detail::median({7, 1, 4, 2}) == 3);  // (2 + 4) / 2
  CHECK(detail::median({7, 1, 4}) == 4);
}
