// detail/stats.hpp: the mean, SD, running moments, median and type-7 quantile
// every engine uses, against hand calculations (numpy's values in comments).
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <random>
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
  // Several levels at once, by selection: the same hand-calculated values.
  std::vector<double> u = {11, 1, 7, 2, 4};
  const std::vector<double> q = detail::quantiles_type7(u, {0.95, 0.0, 0.3, 1.0, 0.5});
  CHECK(q[0] == doctest::Approx(10.2));
  CHECK(q[1] == 1);
  CHECK(q[2] == doctest::Approx(2.4));
  CHECK(q[3] == 11);
  CHECK(q[4] == 4);
  std::vector<double> none;
  CHECK(std::isnan(detail::quantiles_type7(none, {0.5})[0]));
  CHECK(detail::median({7, 1, 4, 2}) == 3);  // (2 + 4) / 2
  CHECK(detail::median({7, 1, 4}) == 4);
}

TEST_CASE("type-7 quantiles by selection equal the sorted values' quantiles bit for bit, ties included") {
  std::mt19937_64 gen(7);
  std::uniform_int_distribution<int> small(0, 20);  // many ties
  std::normal_distribution<double> normal(0.0, 1.0);
  const std::vector<double> levels = {0.05, 0.5, 0.95, 0.025, 0.975, 0.0, 1.0, 0.1, 0.9, 0.5};
  for (std::size_t n : {1u, 2u, 3u, 10u, 101u, 10000u}) {
    for (int tied = 0; tied < 2; ++tied) {
      std::vector<double> v(n);
      for (auto& x : v) x = tied ? small(gen) : normal(gen);
      std::vector<double> sorted = v;
      std::sort(sorted.begin(), sorted.end());
      const std::vector<double> q = detail::quantiles_type7(v, levels);
      for (std::size_t l = 0; l < levels.size(); ++l) CHECK(q[l] == detail::quantile_type7_sorted(sorted, levels[l]));
    }
  }
  // Many levels at once (deep multiple selection, adjacent and repeated order statistics).
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (std::size_t n : {2u, 7u, 64u, 1000u, 4097u}) {
    for (int tied = 0; tied < 2; ++tied) {
      std::vector<double> many(40);
      for (auto& p : many) p = unit(gen);
      many.push_back(0.0);
      many.push_back(1.0);
      many.push_back(static_cast<double>(n - 2) / static_cast<double>(n - 1));  // the last two order statistics
      std::vector<double> v(n);
      for (auto& x : v) x = tied ? small(gen) : normal(gen);
      std::vector<double> sorted = v;
      std::sort(sorted.begin(), sorted.end());
      const std::vector<double> q = detail::quantiles_type7(v, many);
      for (std::size_t l = 0; l < many.size(); ++l) CHECK(q[l] == detail::quantile_type7_sorted(sorted, many[l]));
      std::vector<double> w = v;  // v reordered: the same multiset
      std::sort(w.begin(), w.end());
      CHECK(w == sorted);
    }
  }
}
