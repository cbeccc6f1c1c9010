// A probabilistic comparison computed in parts over ranges of blocks (as on a cluster) and folded
// in block order gives the whole run's numbers bit for bit; empty parts change nothing; a bad
// draw in a later part is named as the whole run names it.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "impactchain/error.hpp"
#include "impactchain/psa.hpp"

using namespace impactchain;

namespace {

struct Draws {
  std::vector<double> c, e;
  std::size_t n, s;
  PsaDraws view(std::size_t first = 0, std::size_t rows = std::size_t(-1)) const {
    rows = std::min(rows, n - first);
    return PsaDraws{c.data() + first * s, e.data() + first * s, rows, s, {}};
  }
};

Draws make(std::size_t n, std::size_t s, unsigned seed) {
  std::mt19937_64 g(seed);
  std::normal_distribution<double> cost(1000, 300), effect(1, 0.4);
  Draws d{std::vector<double>(n * s), std::vector<double>(n * s), n, s};
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < s; ++j) {
      d.c[i * s + j] = cost(g) + 150.0 * j;  // costlier and more effective with j: the winner changes with wtp
      d.e[i * s + j] = effect(g) + 0.1 * j;
    }
  return d;
}

// Bit-for-bit equality (NaN equal to NaN), not closeness.
bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::memcmp(&a[i], &b[i], sizeof(double)) != 0) return false;
  return true;
}

// Parts over [bounds[k], bounds[k+1]) blocks; the last bound past the draws ends the run mid-block.
struct Split {
  std::vector<std::size_t> bounds;
};

template <class Make>
auto parts_of(const Draws& d, const PsaOptions& o, const Split& sp, Make make_part) {
  std::vector<decltype(make_part(d.view(), std::size_t{0}))> out;
  for (std::size_t k = 0; k + 1 < sp.bounds.size(); ++k) {
    const std::size_t lo = std::min(d.n, sp.bounds[k] * o.block_size);
    const std::size_t hi = std::min(d.n, sp.bounds[k + 1] * o.block_size);
    out.push_back(make_part(d.view(lo, hi - lo), sp.bounds[k]));
  }
  return out;
}

void check_split(const Draws& d, const PsaOptions& o, const Split& sp) {
  const PsaSummary whole = psa_summary(d.view(), o);
  const std::vector<double> wtp{20000, 0, 1500, 500, 1e9, 750, 1500, -300};

  auto sums = parts_of(d, o, sp, [&](const PsaDraws& v, std::size_t b) { return psa_sums_part(v, b, o); });
  PsaSummary means = psa_means_from_parts(sums);
  auto squares = parts_of(d, o, sp, [&](const PsaDraws& v, std::size_t b) { return psa_squares_part(v, b, means, o); });
  const PsaSummary s = psa_summary_from_parts(means, squares);
  CHECK(s.draws == whole.draws);
  CHECK(same_bits(s.mean_cost, whole.mean_cost));
  CHECK(same_bits(s.mean_effect, whole.mean_effect));
  CHECK(same_bits(s.sd_cost, whole.sd_cost));
  CHECK(same_bits(s.sd_effect, whole.sd_effect));
  // Joined first (as a cluster's tree of joins does), then folded: the same.
  const PsaSummary joined = psa_summary_from_parts(means, {join_psa_parts(squares)});
  CHECK(same_bits(joined.sd_cost, whole.sd_cost));

  const Acceptability a_whole = acceptability(d.view(), whole, wtp, o);
  auto acc = parts_of(d, o, sp, [&](const PsaDraws& v, std::size_t b) { return acceptability_part(v, b, wtp, o); });
  for (const Acceptability& a : {acceptability_from_parts(s, wtp, acc), acceptability_from_parts(s, wtp, {join_psa_parts(acc)})}) {
    CHECK(same_bits(a.ceac, a_whole.ceac));
    CHECK(same_bits(a.expected_nmb, a_whole.expected_nmb));
    CHECK(same_bits(a.evpi, a_whole.evpi));
    CHECK(same_bits(a.frontier_probability, a_whole.frontier_probability));
    CHECK(a.optimal == a_whole.optimal);
  }

  auto ranks = parts_of(d, o, sp, [&](const PsaDraws& v, std::size_t b) { return rank_probabilities_part(v, b, wtp, o); });
  const std::vector<double> r = rank_probabilities_from_parts(ranks, wtp);
  const std::size_t S = d.s;
  for (std::size_t w = 0; w < wtp.size(); ++w) {
    const std::vector<double> one = rank_probabilities(d.view(), wtp[w], o);
    CHECK(same_bits(std::vector<double>(r.begin() + static_cast<std::ptrdiff_t>(w * S * S),
                                        r.begin() + static_cast<std::ptrdiff_t>((w + 1) * S * S)),
                    one));
  }
}

}  // namespace

TEST_CASE("psa parts over block ranges folded in order equal the whole run bit for bit") {
  const Draws d = make(5 * 64 + 37, 4, 11);  // five whole blocks of 64 and a short sixth
  for (unsigned threads : {1u, 3u}) {
    PsaOptions o;
    o.block_size = 64;
    o.threads = threads;
    CAPTURE(threads);
    check_split(d, o, Split{{0, 6}});              // one part: the local run itself
    check_split(d, o, Split{{0, 1, 2, 3, 4, 5, 6}});  // one block each, the last ending mid-draws
    check_split(d, o, Split{{0, 2, 5, 6}});
    check_split(d, o, Split{{0, 3, 3, 6, 6}});     // empty ranges between and after
    check_split(d, o, Split{{0, 0, 4, 6}});        // an empty range first
  }
}

TEST_CASE("psa parts at the default block size: two whole blocks and a few draws") {
  const Draws d = make(2 * 32768 + 5, 3, 3);
  PsaOptions o;
  o.threads = 2;
  check_split(d, o, Split{{0, 1, 2, 3}});
  check_split(d, o, Split{{0, 2, 3}});
}

TEST_CASE("psa parts: a non-finite draw in a later part is named as the whole run names it") {
  Draws d = make(4 * 64 + 10, 3, 5);
  PsaOptions o;
  o.block_size = 64;
  const std::size_t bad = 2 * 64 + 7;
  d.e[bad * 3 + 1] = std::numeric_limits<double>::quiet_NaN();
  d.c[(3 * 64 + 1) * 3 + 2] = std::numeric_limits<double>::infinity();  // later still: not the one named
  std::string local;
  try {
    psa_summary(d.view(), o);
  } catch (const ValidationError& e) {
    local = e.what();
  }
  CHECK(local.find("psa.effects[135, 1]") != std::string::npos);
  CHECK(local.find("draw 135") != std::string::npos);
  CHECK(local.find("column 1") != std::string::npos);
  const auto sums = parts_of(d, o, Split{{0, 2, 3, 5}},
                             [&](const PsaDraws& v, std::size_t b) { return psa_sums_part(v, b, o); });
  CHECK_FALSE(sums[0].bad.has_value());
  REQUIRE(sums[1].bad.has_value());
  CHECK(sums[1].bad->draw == bad);
  CHECK_THROWS_WITH_AS(psa_means_from_parts(sums), local.c_str(), ValidationError);
  CHECK_THROWS_WITH_AS(psa_means_from_parts({join_psa_parts(sums)}), local.c_str(), ValidationError);
  // With names, the strategy's name.
  CHECK_THROWS_WITH_AS(psa_means_from_parts(sums, {"a", "b", "c"}), doctest::Contains("strategy 'b' in draw 135"),
                       ValidationError);
}

TEST_CASE("psa parts: a non-finite net benefit in a later part is named by rank probabilities") {
  Draws d = make(3 * 64, 3, 8);
  PsaOptions o;
  o.block_size = 64;
  d.e[(2 * 64 + 3) * 3 + 2] = 1e300;  // finite, but 1e10 · 1e300 overflows
  const std::vector<double> wtp{1.0, 1e10};
  const auto parts = parts_of(d, o, Split{{0, 1, 3}},
                              [&](const PsaDraws& v, std::size_t b) { return rank_probabilities_part(v, b, wtp, o); });
  CHECK_THROWS_WITH_AS(rank_probabilities_from_parts(parts, wtp),
                       "rank_probabilities: non-finite net benefit for strategy column 2 in draw 131 (draws must be finite)",
                       ValidationError);
  CHECK_THROWS_WITH_AS(rank_probabilities(d.view(), 1e10, o), doctest::Contains("column 2 in draw 131"), ValidationError);
}

TEST_CASE("psa parts must cover the run's blocks in order") {
  const Draws d = make(3 * 64, 2, 1);
  PsaOptions o;
  o.block_size = 64;
  auto p0 = psa_sums_part(d.view(0, 64), 0, o);
  auto p1 = psa_sums_part(d.view(64, 64), 1, o);
  auto p2 = psa_sums_part(d.view(128, 64), 2, o);
  CHECK_THROWS_WITH_AS(psa_means_from_parts({p0, p2, p1}), doctest::Contains("part 1 starts at block 2, expected 1"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(psa_means_from_parts({p1, p2}), doctest::Contains("part 0 starts at block 1, expected 0"),
                       std::invalid_argument);
  auto short0 = psa_sums_part(d.view(0, 40), 0, o);  // ends inside block 0: nothing may follow
  CHECK_THROWS_AS(psa_means_from_parts({short0, p1}), std::invalid_argument);
  const auto empty = psa_sums_part(d.view(0, 0), 0, o);
  CHECK(empty.blocks == 0);
  CHECK(empty.cost.empty());
  CHECK_THROWS_WITH_AS(psa_means_from_parts({empty}), doctest::Contains("at least 1 draw is needed, got 0"), ValidationError);
  CHECK_THROWS_AS(psa_means_from_parts({}), std::invalid_argument);
  // Adjacent parts from the middle of a run join; a gap does not.
  CHECK(join_psa_parts(std::vector<PsaSumsPart>{p1, p2}).blocks == 2);
  CHECK_THROWS_AS(join_psa_parts(std::vector<PsaSumsPart>{p0, p2}), std::invalid_argument);
  // A part on another grid is refused by the fold.
  const auto a = acceptability_part(d.view(), 0, {1.0, 2.0}, o);
  const PsaSummary s = psa_summary(d.view(), o);
  CHECK_THROWS_WITH_AS(acceptability_from_parts(s, {1.0, 3.0}, {a}), doctest::Contains("another wtp grid"),
                       std::invalid_argument);
}
