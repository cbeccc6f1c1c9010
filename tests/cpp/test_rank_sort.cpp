// rank_sort.hpp: the units in rank order (descending score, equal scores in index order) against
// std::stable_sort of the indices by descending score, on inputs that reach every path of the
// sorter: one value, signed zeros, ties, scores a few ulps apart across a wide range (keys that
// differ only in the bits cut to fit the index), infinities and all-equal scores.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <vector>

#include "rank_sort.hpp"

using namespace impactchain;

namespace {

std::vector<std::size_t> stable_descending(const std::vector<double>& s) {
  std::vector<std::size_t> idx(s.size());
  std::iota(idx.begin(), idx.end(), std::size_t{0});
  std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return s[a] > s[b]; });
  return idx;
}

std::vector<std::size_t> sorted_units(detail::KeySorter& ks, const std::vector<double>& s) {
  ks.sort(s.data(), s.size());
  std::vector<std::size_t> out(s.size());
  for (std::size_t p = 0; p < s.size(); ++p) out[p] = ks.unit(p);
  return out;
}

}  // namespace

TEST_CASE("key sorter: the stable descending order of the scores") {
  std::mt19937_64 gen(5);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::normal_distribution<double> z(0.0, 1.0);
  detail::KeySorter ks;  // reused, as a worker reuses its scratch
  std::vector<std::vector<double>> cases = {{0.5}, {1.0, 1.0, 1.0}, {-0.0, 0.0, -0.0, 1e-300, -1e-300}};
  for (std::size_t n : {2u, 3u, 17u, 1000u, 13000u}) {
    std::vector<double> a(n), b(n), c(n), d(n);
    for (std::size_t i = 0; i < n; ++i) {
      a[i] = 0.5 + 0.05 * z(gen);             // concentrated near a mode: crowded buckets
      b[i] = std::round(u(gen) * 7) / 7;      // many ties
      c[i] = std::nextafter(1.0, 2.0 * static_cast<double>(i % 3));  // 1 and its neighbours ...
      d[i] = std::ldexp(u(gen), static_cast<int>(i % 600) - 300);    // magnitudes over 600 binades
    }
    c[0] = 1e300;  // ... with a wide range: their keys differ only in the bits cut beside the index
    c[n - 1] = -1e300;
    d[n / 2] = std::numeric_limits<double>::infinity();
    d[0] = -std::numeric_limits<double>::infinity();
    cases.insert(cases.end(), {a, b, c, d});
  }
  // Units 0 and 2 differ only in bits cut beside the index (a wide range: ±1e300) and unit 1 lies
  // between them in their bucket, so 2 meets 0 only when it is moved past 1: the tie between
  // their cut keys must still be found, or 0 (the lower index) would stay ahead of 2's higher score.
  cases.push_back({1.0, 1.0 - std::ldexp(1.0, -40), std::nextafter(1.0, 2.0), 1e300, -1e300});
  for (const auto& s : cases) {
    CAPTURE(s.size());
    CHECK(sorted_units(ks, s) == stable_descending(s));
  }
  // Fewer buckets than the units need (the path of more than about 2^30 units): the same order.
  detail::KeySorter few;
  few.bucket_limit = 300;
  for (const auto& s : cases) {
    CAPTURE(s.size());
    CHECK(sorted_units(few, s) == stable_descending(s));
    CHECK(few.count.size() <= 300);
  }
}
