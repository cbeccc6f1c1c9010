// detail/column_quantiles.hpp: type-7 quantiles of a column of kept draws by bracketing and
// selection, against the oracle of sorting every finite value (Hyndman & Fan 1996 type 7,
// numpy.quantile's default "linear"), bit for bit, on columns chosen to defeat the
// brackets: ties at and between the ends, constant columns, sorted and periodic orders,
// non-finite values and strided (row-major) columns.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "type7_oracle.hpp"
#include "impactchain/detail/column_quantiles.hpp"

using namespace impactchain;

namespace {

bool equal_or_both_nan(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

const std::vector<double> levels = {0.05, 0.5, 0.95, 0.025, 0.975, 0.0, 1.0, 0.1, 0.9, 0.5, 0.999};

/// Checks column c (n values) at every level, contiguous and as column 1 of a 3-wide row-major matrix.
void check_column(const std::vector<double>& c, const std::string& what) {
  CAPTURE(what);
  const std::size_t n = c.size();
  std::vector<double> rows(3 * n, -1e300);
  for (std::size_t i = 0; i < n; ++i) rows[3 * i + 1] = c[i];
  const std::vector<double> contiguous = detail::quantiles_type7_column(c.data(), n, 1, levels);
  const std::vector<double> strided = detail::quantiles_type7_column(rows.data() + 1, n, 3, levels);
  std::size_t finite = 0;
  for (double x : c) finite += std::isfinite(x) ? 1 : 0;
  const std::vector<double> counted = detail::quantiles_type7_column(c.data(), n, 1, levels, finite);
  const SortedType7 oracle(c);
  for (std::size_t l = 0; l < levels.size(); ++l) {
    CAPTURE(levels[l]);
    const double want = oracle(levels[l]);
    CHECK(equal_or_both_nan(contiguous[l], want));
    CHECK(equal_or_both_nan(strided[l], want));
    CHECK(equal_or_both_nan(counted[l], want));
  }
}

}  // namespace

TEST_CASE("column quantiles equal the sorted values' type-7 quantiles bit for bit") {
  std::mt19937_64 gen(11);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_int_distribution<int> small(0, 5);
  std::lognormal_distribution<double> skewed(0.0, 2.0);
  const std::size_t big = detail::column_quantiles_small * 3 + 17;  // the bracketed path
  for (std::size_t n : {std::size_t{1}, std::size_t{2}, std::size_t{1000}, big}) {
    CAPTURE(n);
    std::vector<double> v(n);
    for (auto& x : v) x = normal(gen);
    check_column(v, "normal");
    for (auto& x : v) x = skewed(gen);
    check_column(v, "lognormal, sigma 2");
    for (auto& x : v) x = small(gen);
    check_column(v, "six values, many ties at every bracket end");
    std::fill(v.begin(), v.end(), 2.5);
    check_column(v, "constant (a party that never pays)");
    for (auto& x : v) x = std::bernoulli_distribution(0.3)(gen) ? 0.0 : normal(gen);
    check_column(v, "30 % zeros among normal values");
    for (auto& x : v) x = std::bernoulli_distribution(0.97)(gen) ? 0.0 : 1 + normal(gen);
    check_column(v, "97 % zeros: the upper tail alone varies");
    for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<double>(i);
    check_column(v, "ascending");
    std::reverse(v.begin(), v.end());
    check_column(v, "descending");
    for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<double>(i % 8 == 0 ? 1000 + i : i % 8);  // the sample's runs see the peaks
    check_column(v, "periodic with the sample's run length");
    for (std::size_t i = 0; i < n; ++i) v[i] = (i / 8) % 2 ? -1.0 * static_cast<double>(i) : static_cast<double>(i);
    check_column(v, "alternating runs of eight");
    for (auto& x : v) x = normal(gen);
    v[0] = std::numeric_limits<double>::quiet_NaN();
    v[n / 2] = std::numeric_limits<double>::infinity();
    v[n - 1] = -std::numeric_limits<double>::infinity();
    check_column(v, "non-finite values skipped");
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> none = {nan, nan};
  CHECK(std::isnan(detail::quantiles_type7_column(none.data(), 2, 1, {0.5})[0]));
  CHECK(std::isnan(detail::quantiles_type7_column(none.data(), 0, 1, {0.5})[0]));
}

TEST_CASE("column quantiles: hand-calculated values, and the column is not changed") {
  // 11, 1, 7, 2, 4 sorted: 1, 2, 4, 7, 11. p = 0.3: h = 1.2, 2 + 0.2·(4 − 2) = 2.4; p = 0.95:
  // h = 3.8, 7 + 0.8·4 = 10.2 (numpy.quantile gives 2.4 and 10.2).
  const std::vector<double> v = {11, 1, 7, 2, 4};
  const std::vector<double> q = detail::quantiles_type7_column(v.data(), v.size(), 1, {0.3, 0.95, 0.5});
  CHECK(q[0] == doctest::Approx(2.4));
  CHECK(q[1] == doctest::Approx(10.2));
  CHECK(q[2] == 4);
  // A long column of those five values repeated: its quantiles are those of the five (ties).
  std::vector<double> many;
  for (int r = 0; r < 60000; ++r) many.insert(many.end(), v.begin(), v.end());
  const std::vector<double> before = many;
  const std::vector<double> m = detail::quantiles_type7_column(many.data(), many.size(), 1, {0.0, 0.5, 1.0, 0.2, 0.4});
  CHECK(m[0] == 1);
  CHECK(m[1] == 4);
  CHECK(m[2] == 11);
  CHECK(m[3] == doctest::Approx(1.8));  // h = 0.2·299999 = 59999.8: ranks 59999, 60000 are 1 and 2: 1 + 0.8
  CHECK(m[4] == sorted_type7(many, 0.4));
  CHECK(many == before);
}

TEST_CASE("column quantiles: the pass's SSE2, AVX2 and one-at-a-time versions count and collect the same") {
  std::mt19937_64 gen(5);
  std::uniform_int_distribution<int> small(0, 9);  // ties at both ends
  for (std::size_t len : {std::size_t{0}, std::size_t{1}, std::size_t{3}, std::size_t{7}, std::size_t{512}}) {
    std::vector<double> c(len);
    for (auto& x : c) x = small(gen);
    const double lo = 3, hi = 7;
    std::vector<double> a(len + 1), b(len + 1), d(len + 1);
    detail::BracketCounts na, nb, nd;
    const std::size_t ka = detail::bracket_chunk(c.data(), len, lo, hi, na, a.data());
    const std::size_t kd = detail::bracket_values(c.data(), 0, len, lo, hi, nd, d.data(), 0);
    // The oracle written out: counts below 3, equal to 3, equal to 7; values 4, 5, 6 in order.
    std::size_t below = 0, at_lo = 0, at_hi = 0;
    std::vector<double> inside;
    for (double x : c) {
      below += x < 3;
      at_lo += x == 3;
      at_hi += x == 7;
      if (x > 3 && x < 7) inside.push_back(x);
    }
    for (auto [n, k, v] : {std::tuple{na, ka, a}, std::tuple{nd, kd, d}}) {
      CHECK(n.below == below);
      CHECK(n.at_lo == at_lo);
      CHECK(n.at_hi == at_hi);
      REQUIRE(k == inside.size());
      CHECK(std::equal(inside.begin(), inside.end(), v.begin()));
    }
#if defined(IMPACTCHAIN_BRACKET_AVX2)
    if (__builtin_cpu_supports("avx2")) {
      const std::size_t kb = detail::bracket_chunk_avx2(c.data(), len, lo, hi, nb, b.data());
      CHECK(nb.below == below);
      CHECK(nb.at_lo == at_lo);
      CHECK(nb.at_hi == at_hi);
      REQUIRE(kb == inside.size());
      CHECK(std::equal(inside.begin(), inside.end(), b.begin()));
    }
#endif
  }
}

TEST_CASE("column quantiles: every pattern of values inside a group of four is collected in order") {
  // Group m of four holds value 5 (inside (3, 7)) in lane j when bit j of m is set, else 1 (below):
  // the sixteen groups give every mask of the AVX2 pass's table once.
  std::vector<double> c;
  std::vector<double> inside;
  for (int m = 0; m < 16; ++m)
    for (int j = 0; j < 4; ++j) {
      c.push_back(((m >> j) & 1) ? 3.5 + 0.2 * m + 0.05 * j : 1.0);  // inside ones distinct: order checked
    }
  std::size_t below = 0;
  for (double x : c) {
    below += x < 3;
    if (x > 3 && x < 7) inside.push_back(x);
  }
  REQUIRE(inside.size() == 32);  // 16 masks x 4 lanes / 2
  for (int version = 0; version < 2; ++version) {
    std::vector<double> out(c.size());
    detail::BracketCounts n;
    std::size_t k = 0;
    if (version == 0) k = detail::bracket_chunk(c.data(), c.size(), 3, 7, n, out.data());
#if defined(IMPACTCHAIN_BRACKET_AVX2)
    if (version == 1) {
      if (!__builtin_cpu_supports("avx2")) continue;
      k = detail::bracket_chunk_avx2(c.data(), c.size(), 3, 7, n, out.data());
    }
#else
    if (version == 1) continue;
#endif
    CHECK(n.below == below);
    REQUIRE(k == inside.size());
    CHECK(std::equal(inside.begin(), inside.end(), out.begin()));
  }
}

TEST_CASE("column quantiles: a group whose ends are one value counts the values below and at it") {
  std::mt19937_64 gen(7);
  std::uniform_int_distribution<int> small(0, 4);
  for (std::size_t len : {std::size_t{0}, std::size_t{1}, std::size_t{3}, std::size_t{512}, std::size_t{1001}}) {
    std::vector<double> c(len);
    for (auto& x : c) x = small(gen);
    std::size_t below = 0, at = 0;  // the oracle written out
    for (double x : c) {
      below += x < 2;
      at += x == 2;
    }
    detail::BracketCounts n;
    n.below = 10;  // counts add to what the group holds
    detail::point_chunk(c.data(), len, 2.0, n);
    CHECK(n.below == below + 10);
    CHECK(n.at_lo == at);
    CHECK(n.at_hi == 0);
  }
}

TEST_CASE("ranked values: the order statistics of a vector equal the sorted vector's, by bracketing or selection") {
  std::mt19937_64 gen(23);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_int_distribution<int> small(0, 3);
  const std::size_t above = detail::column_quantiles_small / 8 + 1;  // the smallest bracketed size
  for (std::size_t n : {std::size_t{1}, std::size_t{900}, above, std::size_t{65536}, std::size_t{100003}}) {
    CAPTURE(n);
    std::vector<std::vector<double>> columns(5, std::vector<double>(n));
    for (auto& x : columns[0]) x = normal(gen);
    for (auto& x : columns[1]) x = small(gen);  // ties at every bracket end
    std::fill(columns[2].begin(), columns[2].end(), -4.0);
    for (std::size_t i = 0; i < n; ++i) columns[3][i] = static_cast<double>(i);  // ascending
    // Period 16, the sub-sample's step at 65,536 values: the sub-sample sees one phase only.
    for (std::size_t i = 0; i < n; ++i) columns[4][i] = i % 16 == 0 ? 100.0 + normal(gen) : normal(gen);
    const std::vector<std::size_t> ranks = n == 1 ? std::vector<std::size_t>{0}
                                                  : std::vector<std::size_t>{0, n / 20, n / 20 + 1, n / 2, n - 2, n - 1};
    for (std::size_t c = 0; c < columns.size(); ++c) {
      CAPTURE(c);
      std::vector<double> sorted = columns[c];
      std::sort(sorted.begin(), sorted.end());
      std::vector<double> v = columns[c];
      const std::vector<double> got = detail::ranked_values(v, ranks, 5.0);
      REQUIRE(got.size() == ranks.size());
      for (std::size_t i = 0; i < ranks.size(); ++i) CHECK(got[i] == sorted[ranks[i]]);
      std::sort(v.begin(), v.end());
      CHECK(v == sorted);  // reordered at most: no value lost or changed
    }
  }
}

TEST_CASE("quantile brackets for order statistics: pieces in any order, and nothing until every value is added") {
  std::mt19937_64 gen(29);
  std::exponential_distribution<double> expo(1.0);
  const std::size_t m = 200000;
  std::vector<double> x(m);
  for (auto& v : x) v = expo(gen);
  std::vector<double> sorted = x;
  std::sort(sorted.begin(), sorted.end());
  const std::vector<std::size_t> need = {10, 99999, 100000, 199990};
  detail::QuantileBrackets whole(std::vector<double>(x.begin(), x.begin() + 8192), m, need, 5.0);
  detail::QuantileBrackets first = whole.empty_copy(), second = whole.empty_copy();
  CHECK_FALSE(whole.order_statistics().has_value());  // no value added yet
  first.add(x.data() + 120000, m - 120000);
  second.add(x.data(), 120000);
  whole.merge(second);
  CHECK_FALSE(whole.order_statistics().has_value());  // 120,000 of 200,000
  whole.merge(first);
  const std::optional<std::vector<double>> got = whole.order_statistics();
  REQUIRE(got.has_value());
  for (std::size_t i = 0; i < need.size(); ++i) CHECK((*got)[i] == sorted[need[i]]);
}
