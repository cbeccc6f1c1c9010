// A rank-uncertainty run cut into parts (as on a cluster) and merged gives the whole run's
// result bit for bit; histograms merged in any grouping equal one histogram of all the keys.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "impactchain/error.hpp"
#include "impactchain/rank_uncertainty.hpp"
#include "rank_sort.hpp"

using namespace impactchain;

namespace {

template <class A>
bool same(const A& a, const A& b) {
  return a.size() == b.size() && (a.size() == 0 || (a.array() == b.array()).all());
}

void require_equal(const RankUncertaintyResult& a, const RankUncertaintyResult& b) {
  CHECK(a.draws == b.draws);
  CHECK(same(a.score_mean, b.score_mean));
  CHECK(same(a.score_p05, b.score_p05));
  CHECK(same(a.score_p50, b.score_p50));
  CHECK(same(a.score_p95, b.score_p95));
  CHECK(same(a.rank_best, b.rank_best));
  CHECK(same(a.rank_worst, b.rank_worst));
  CHECK(same(a.rank_p05, b.rank_p05));
  CHECK(same(a.rank_median, b.rank_median));
  CHECK(same(a.rank_p95, b.rank_p95));
  CHECK(same(a.reference_score, b.reference_score));
  CHECK(same(a.reference_rank, b.reference_rank));
  CHECK(same(a.p_top, b.p_top));
  CHECK(same(a.mean_weights, b.mean_weights));
  CHECK(same(a.choice_draws, b.choice_draws));
  CHECK(same(a.treatment_draws, b.treatment_draws));
  CHECK(same(a.draw_choice, b.draw_choice));
  REQUIRE(a.warnings.size() == b.warnings.size());
  for (std::size_t i = 0; i < a.warnings.size(); ++i) CHECK(a.warnings[i].code == b.warnings[i].code);
}

Eigen::MatrixXd indicators(Eigen::Index U, Eigen::Index I, unsigned seed) {
  std::mt19937_64 g(seed);
  std::uniform_real_distribution<double> u(1, 50);
  Eigen::MatrixXd X(U, I);
  for (Eigen::Index i = 0; i < U; ++i)
    for (Eigen::Index j = 0; j < I; ++j) X(i, j) = u(g);
  return X;
}

}  // namespace

TEST_CASE("a run of two segments in parts equals the whole run, with drawn choices") {
  const Eigen::MatrixXd X = indicators(9, 3, 5);
  Eigen::VectorXd w(3);
  w << 2, 1, 1;  // normalised: the run says so in its warnings
  RankUncertaintyOptions o;
  o.draws = rank_segment_draws + 3001;
  o.seed = 77;
  o.threads = 2;
  o.top = {1, 3};
  o.choices.normalisations = {Normalisation::minmax, Normalisation::rank};
  o.choices.aggregations = {Aggregation::arithmetic, Aggregation::geometric};
  o.choices.normalisation.lower = 1;
  const RankUncertaintyResult whole = rank_uncertainty(X, w, o);

  RankUncertaintyOptions one = o;
  one.threads = 1;  // the parts' thread count changes nothing
  const RankUncertaintyPart a = rank_uncertainty_part(X, w, one, 0, rank_segment_draws);
  const RankUncertaintyPart b = rank_uncertainty_part(X, w, o, rank_segment_draws, 3001);
  CHECK(a.score_sums.size() == 9);
  CHECK(a.weight_sums.size() == 3);
  CHECK(a.draw_choice.size() == rank_segment_draws);
  require_equal(rank_uncertainty_from_parts(X, w, o, {a, b}), whole);
  require_equal(rank_uncertainty_from_parts(X, w, o, {join_rank_uncertainty_parts({a, b})}), whole);
}

TEST_CASE("given weight draws over two segments in parts equal the whole run") {
  const Eigen::MatrixXd X = indicators(7, 3, 9);
  const std::size_t D = rank_segment_draws + 17;
  Eigen::MatrixXd W(3, static_cast<Eigen::Index>(D));
  std::mt19937_64 g(3);
  std::uniform_real_distribution<double> u(0.1, 1);
  for (Eigen::Index d = 0; d < W.cols(); ++d) {
    for (Eigen::Index j = 0; j < 3; ++j) W(j, d) = u(g);
    W.col(d) /= W.col(d).sum();
  }
  RankUncertaintyOptions o;
  o.threads = 2;
  o.top = {2};
  const RankUncertaintyResult whole = rank_uncertainty_given(X, W, o);
  const RankUncertaintyPart a = rank_uncertainty_given_part(X, W, o, 0, rank_segment_draws);
  const RankUncertaintyPart b = rank_uncertainty_given_part(X, W, o, rank_segment_draws, 17);
  CHECK(a.weight_sums.empty());  // the mean of given weights is W's own
  require_equal(rank_uncertainty_given_from_parts(X, W, o, {a, b}), whole);
}

TEST_CASE("parts that do not fit their run are refused with the part named") {
  const Eigen::MatrixXd X = indicators(4, 2, 1);
  const Eigen::VectorXd w = Eigen::VectorXd::Constant(2, 0.5);
  RankUncertaintyOptions o;
  o.draws = 1000;
  o.top = {1};
  CHECK_THROWS_WITH_AS(rank_uncertainty_part(X, w, o, 500, 500), doctest::Contains("first_draw"), ValidationError);
  CHECK_THROWS_WITH_AS(rank_uncertainty_part(X, w, o, 0, 999), doctest::Contains("at the run's end"), ValidationError);
  CHECK_THROWS_WITH_AS(rank_uncertainty_part(X, w, o, 0, 1001), doctest::Contains("within the run's 1000"),
                       ValidationError);
  const RankUncertaintyPart p = rank_uncertainty_part(X, w, o, 0, 1000);
  RankUncertaintyOptions more = o;
  more.draws = 2000;
  CHECK_THROWS_WITH_AS(rank_uncertainty_from_parts(X, w, more, {p}), doctest::Contains("cover 1000 draws, the run has 2000"),
                       ValidationError);
  CHECK_THROWS_WITH_AS(join_rank_uncertainty_parts({p, p}), doctest::Contains("parts[1]"), ValidationError);
  CHECK_THROWS_AS(rank_uncertainty_from_parts(X, w, o, {}), ValidationError);
}

TEST_CASE("histograms merged in any grouping equal one histogram of all their keys") {
  std::mt19937_64 g(11);
  for (const std::size_t cap : {std::size_t{4}, std::size_t{16}, std::size_t{4096}}) {
    std::vector<std::uint32_t> keys(5000);
    std::uniform_int_distribution<std::uint32_t> k(0, 3000);
    for (auto& x : keys) x = k(g);
    keys[17] = 70000;  // one far key: the shift grows late
    auto add = [cap](auto& h, const std::uint32_t* k, std::size_t n) {  // the batch's extremes, as a run gives them
      const auto [lo, hi] = std::minmax_element(k, k + n);
      h.add_batch(k, n, cap, *lo, *hi);
    };
    detail::AlignedHistogram<std::uint32_t> all;
    add(all, keys.data(), keys.size());
    // Random batches, each its own histogram, merged left to right and as a tree.
    std::vector<detail::AlignedHistogram<std::uint16_t>> parts;
    std::size_t at = 0;
    std::uniform_int_distribution<std::size_t> len(1, 700);
    while (at < keys.size()) {
      const std::size_t n = std::min(len(g), keys.size() - at);
      parts.emplace_back();
      add(parts.back(), keys.data() + at, n);
      at += n;
    }
    detail::AlignedHistogram<std::uint32_t> left;
    for (const auto& p : parts) left.merge(p, cap);
    detail::AlignedHistogram<std::uint32_t> odd, even;
    for (std::size_t i = 0; i < parts.size(); ++i) (i % 2 ? odd : even).merge(parts[i], cap);
    odd.merge(even, cap);
    for (const auto* h : {&left, &odd}) {
      CHECK(h->shift == all.shift);
      CHECK(h->lo == all.lo);
      CHECK(h->c == all.c);
    }
  }
}
