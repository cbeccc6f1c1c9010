// streamed_quantiles.hpp: exact type-7 quantiles of columns that arrive block by block on
// several workers, against the oracle of sorting every (finite) value, and the signals that
// make a run compute again (a bracket that misses, a pilot with too few finite values).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <random>
#include <vector>

#include "type7_oracle.hpp"
#include "streamed_quantiles.hpp"

using namespace impactchain;

namespace {

constexpr std::size_t pilot = 65536, block = 1024;
const std::vector<double> streamed_levels = {0.05, 0.5, 0.95, 0.025, 0.975};

/// Feeds columns (each of the same length) as a run does: the pilot's blocks, start, then the
/// later blocks dealt to `workers` workers in an order that is not the draws' order.
std::optional<std::vector<std::vector<double>>> stream(const std::vector<std::vector<double>>& cols, unsigned workers) {
  const std::size_t n = cols[0].size();
  detail::StreamedQuantiles s(cols.size(), n, pilot, streamed_levels);
  for (std::size_t d0 = 0; d0 < pilot; d0 += block)
    for (std::size_t c = 0; c < cols.size(); ++c) s.pilot_values(c, d0, cols[c].data() + d0, block);
  s.start(workers, 1);
  std::vector<std::size_t> starts;
  for (std::size_t d0 = pilot; d0 < n; d0 += block) starts.push_back(d0);
  std::reverse(starts.begin(), starts.end());
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const std::size_t d0 = starts[i], len = std::min(block, n - d0);
    for (std::size_t c = 0; c < cols.size(); ++c) {
      const double* v = cols[c].data() + d0;
      const bool finite = std::all_of(v, v + len, [](double x) { return std::isfinite(x); });
      s.add(static_cast<unsigned>(i % workers), c, v, len, finite);
    }
  }
  return s.quantiles(2);
}

}  // namespace

TEST_CASE("streamed quantiles equal the sorted columns' type-7 quantiles, on any number of workers") {
  std::mt19937_64 gen(41);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_int_distribution<int> small(0, 4);
  const std::size_t n = 4 * pilot + 777;  // a short last block
  std::vector<std::vector<double>> cols(3, std::vector<double>(n));
  for (auto& x : cols[0]) x = normal(gen);
  for (auto& x : cols[1]) x = small(gen);  // ties at every end
  for (auto& x : cols[2]) x = std::bernoulli_distribution(0.97)(gen) ? 0.0 : std::exp(normal(gen));  // 97 % zeros
  for (unsigned workers : {1u, 2u, 3u}) {
    CAPTURE(workers);
    const auto got = stream(cols, workers);
    REQUIRE(got.has_value());
    for (std::size_t c = 0; c < cols.size(); ++c) {
      const SortedType7 type7(cols[c]);
      for (std::size_t l = 0; l < streamed_levels.size(); ++l) {
        CAPTURE(c);
        CAPTURE(streamed_levels[l]);
        CHECK((*got)[c][l] == type7(streamed_levels[l]));
      }
    }
  }
}

TEST_CASE("streamed quantiles: a pilot unlike the rest, or one with too few finite values, asks for the run again") {
  std::mt19937_64 gen(43);
  std::normal_distribution<double> normal(0.0, 1.0);
  const std::size_t n = 4 * pilot;
  std::vector<std::vector<double>> cols(1, std::vector<double>(n));
  for (std::size_t i = 0; i < n; ++i) cols[0][i] = normal(gen) + (i < pilot ? 0.0 : 3.0);  // the pilot's median is not the run's
  CHECK_FALSE(stream(cols, 2).has_value());
  for (std::size_t i = 0; i < n; ++i) cols[0][i] = i < pilot - 4095 ? std::numeric_limits<double>::quiet_NaN() : normal(gen);
  CHECK_FALSE(stream(cols, 2).has_value());  // 4,095 finite pilot values: too few for brackets
  cols[0][0] = 0.5;  // 4,096
  CHECK(stream(cols, 2).has_value());
}

TEST_CASE("streamed quantiles leave non-finite values out, as a kept column's are") {
  std::mt19937_64 gen(47);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  const std::size_t n = 4 * pilot + 333;
  std::vector<std::vector<double>> cols(3, std::vector<double>(n));
  for (std::size_t i = 0; i < n; ++i) {
    cols[0][i] = normal(gen);
    cols[1][i] = u(gen) < 0.2 ? nan : normal(gen);  // a fifth of the draws NaN, in and after the pilot
    const double r = u(gen);
    cols[2][i] = r < 0.01 ? inf : r < 0.02 ? -inf : r < 0.03 ? nan : std::exp(normal(gen));
  }
  cols[0][10] = nan;      // one in the pilot
  cols[0][n - 5] = -inf;  // one after it
  for (unsigned workers : {1u, 3u}) {
    CAPTURE(workers);
    const auto got = stream(cols, workers);
    REQUIRE(got.has_value());
    for (std::size_t c = 0; c < cols.size(); ++c) {
      const SortedType7 type7(cols[c]);  // the oracle: the sorted finite values' type-7 quantiles
      for (std::size_t l = 0; l < streamed_levels.size(); ++l) {
        CAPTURE(c);
        CAPTURE(streamed_levels[l]);
        CHECK((*got)[c][l] == type7(streamed_levels[l]));
      }
    }
  }
}
