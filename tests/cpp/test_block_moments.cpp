// BlockMoments (block_moments.hpp): the moments of a block's outputs, computed with the outputs
// in vector lanes, are bit for bit those of Moments::add one value at a time.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "block_moments.hpp"

using impactchain::detail::BlockMoments;
using impactchain::detail::Moments;

namespace {

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

}  // namespace

TEST_CASE("block moments: each output's moments are those of Moments::add, non-finite values left out") {
  constexpr double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
  std::mt19937_64 rng(11);
  std::normal_distribution<double> z;
  BlockMoments bm;
  // Output counts around the vector widths, draws not a multiple of the 64-draw chunk.
  for (std::size_t outputs : {1u, 3u, 8u, 34u, 37u}) {
    for (std::size_t draws : {1u, 63u, 64u, 1000u, 1024u}) {
      const std::size_t stride = draws + 5;
      std::vector<double> y(outputs * stride, 123.0);  // the padding beyond `draws` is never read
      for (std::size_t q = 0; q < outputs; ++q)
        for (std::size_t i = 0; i < draws; ++i) {
          double v = std::exp(6 * z(rng)) * (q % 2 ? -1 : 1) + 1e3 * static_cast<double>(q);
          if ((i * 7 + q) % 97 == 0) v = nan;
          if ((i * 5 + q) % 131 == 0) v = (i % 2 ? inf : -inf);
          if ((i + q) % 211 == 0) v = -0.0;
          y[q * stride + i] = v;
        }
      // Running moments from an earlier block (a block's moments start fresh; a caller may carry them).
      std::vector<Moments> want(outputs), got(outputs);
      for (std::size_t q = 0; q < outputs; ++q)
        if (q % 3 == 1) {
          want[q].add(2.5);
          want[q].add(-7.0);
        }
      got = want;
      std::vector<std::uint64_t> want_bad(outputs, 1), got_bad(outputs, 1);
      std::uint64_t want_draws = 0;
      for (std::size_t i = 0; i < draws; ++i) {
        bool bad = false;
        for (std::size_t q = 0; q < outputs; ++q) {
          const double v = y[q * stride + i];
          if (!std::isfinite(v)) {
            ++want_bad[q];
            bad = true;
            continue;
          }
          want[q].add(v);
        }
        want_draws += bad;
      }
      CAPTURE(outputs);
      CAPTURE(draws);
      CHECK(bm.add(y.data(), stride, draws, outputs, got.data(), got_bad.data()) == want_draws);
      for (std::size_t q = 0; q < outputs; ++q) {
        CAPTURE(q);
        CHECK(got_bad[q] == want_bad[q]);
        CHECK(same_bits(got[q].n, want[q].n));
        CHECK(same_bits(got[q].mean, want[q].mean));
        CHECK(same_bits(got[q].m2, want[q].m2));
        CHECK(same_bits(got[q].min, want[q].min));
        CHECK(same_bits(got[q].max, want[q].max));
      }
    }
  }
}

TEST_CASE("block moments: an output with no finite value keeps the empty moments") {
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> y = {inf, -inf, std::nan(""), 1.0, 2.0, 4.0};  // output 0: none finite; output 1: 1, 2, 4
  std::vector<Moments> m(2);
  std::vector<std::uint64_t> bad(2, 0);
  BlockMoments bm;
  CHECK(bm.add(y.data(), 3, 3, 2, m.data(), bad.data()) == 3);
  CHECK(m[0].n == 0);
  CHECK(m[0].min == inf);
  CHECK(m[0].max == -inf);
  CHECK(bad[0] == 3);
  CHECK(bad[1] == 0);
  // By hand: mean 7/3, squared deviations 16/9 + 1/9 + 25/9 = 42/9 = 14/3.
  CHECK(m[1].n == 3);
  CHECK(m[1].mean == doctest::Approx(7.0 / 3).epsilon(1e-15));
  CHECK(m[1].m2 == doctest::Approx(14.0 / 3).epsilon(1e-14));
  CHECK(m[1].min == 1.0);
  CHECK(m[1].max == 4.0);
}
