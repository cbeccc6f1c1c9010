// Composite rank uncertainty against a brute-force oracle written here
// (S = X·W, stable sort by descending score, order statistics of every unit).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

#include "impactchain/error.hpp"
#include "impactchain/montecarlo.hpp"
#include "impactchain/rank_uncertainty.hpp"

using namespace impactchain;

namespace {
struct Oracle {
  std::vector<std::vector<int>> ranks;     // per unit, over draws
  std::vector<std::vector<double>> scores; // per unit, over draws
};

Oracle brute_force(const Eigen::MatrixXd& X, const Eigen::MatrixXd& W) {
  const auto U = static_cast<std::size_t>(X.rows());
  Oracle o;
  o.ranks.assign(U, {});
  o.scores.assign(U, {});
  const Eigen::MatrixXd S = X * W;
  for (Eigen::Index d = 0; d < W.cols(); ++d) {
    std::vector<std::size_t> idx(U);
    std::iota(idx.begin(), idx.end(), 0);
    // Tie rule: numpy argsort(-score, kind="stable") -> equal scores keep index order.
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
      return -S(static_cast<Eigen::Index>(a), d) < -S(static_cast<Eigen::Index>(b), d);
    });
    for (std::size_t p = 0; p < U; ++p) {
      o.ranks[idx[p]].push_back(static_cast<int>(p + 1));
      o.scores[idx[p]].push_back(S(static_cast<Eigen::Index>(idx[p]), d));
    }
  }
  for (auto& v : o.ranks) std::sort(v.begin(), v.end());
  for (auto& v : o.scores) std::sort(v.begin(), v.end());
  return o;
}

Eigen::MatrixXd random_weights(std::size_t I, std::size_t D, unsigned seed) {
  std::mt19937_64 g(seed);
  std::uniform_real_distribution<double> u(0.05, 1.0);
  Eigen::MatrixXd W(static_cast<Eigen::Index>(I), static_cast<Eigen::Index>(D));
  for (Eigen::Index d = 0; d < W.cols(); ++d) {
    for (Eigen::Index j = 0; j < W.rows(); ++j) W(j, d) = u(g);
    W.col(d) /= W.col(d).sum();
  }
  return W;
}
/// Every unit's best, worst, 5th/50th/95th percentile rank and P(rank ≤ k) against the oracle's.
void check_ranks_against(const RankUncertaintyResult& r, const Oracle& oracle, const std::vector<std::size_t>& top) {
  const std::size_t D = oracle.ranks.front().size();
  REQUIRE(r.draws == D);
  const auto lo5 = static_cast<std::size_t>(std::floor(0.05 * static_cast<double>(D - 1)));
  const auto mid = static_cast<std::size_t>(std::floor(0.5 * static_cast<double>(D - 1)));
  const auto hi95 = static_cast<std::size_t>(std::floor(0.95 * static_cast<double>(D - 1)));
  for (std::size_t i = 0; i < oracle.ranks.size(); ++i) {
    const auto ui = static_cast<Eigen::Index>(i);
    const auto& rk = oracle.ranks[i];
    INFO("unit " << i);
    CHECK(r.rank_best[ui] == rk.front());
    CHECK(r.rank_worst[ui] == rk.back());
    CHECK(r.rank_p05[ui] == rk[lo5]);
    CHECK(r.rank_median[ui] == rk[mid]);
    CHECK(r.rank_p95[ui] == rk[hi95]);
    for (std::size_t k = 0; k < top.size(); ++k) {
      const auto c = std::count_if(rk.begin(), rk.end(), [&](int v) { return static_cast<std::size_t>(v) <= top[k]; });
      CHECK(r.p_top(ui, static_cast<Eigen::Index>(k)) == static_cast<double>(c) / static_cast<double>(D));
    }
  }
}

}  // namespace

TEST_CASE("rank and score intervals equal a brute-force computation") {
  std::mt19937_64 g(42);
  std::uniform_real_distribution<double> u(0, 1);
  const std::size_t U = 60, I = 6, D = 700;
  Eigen::MatrixXd X(U, I);
  for (Eigen::Index i = 0; i < X.rows(); ++i)
    for (Eigen::Index j = 0; j < X.cols(); ++j) X(i, j) = std::round(u(g) * 20) / 20;  // coarse values: real ties
  X.row(7) = X.row(3);  // identical units: unit 3 always ranks just before unit 7
  const Eigen::MatrixXd W = random_weights(I, D, 7);
  RankUncertaintyOptions o;
  o.top = {1, 10, 60};
  o.threads = 2;
  const auto r = rank_uncertainty_given(X, W, o);
  const auto oracle = brute_force(X, W);
  check_ranks_against(r, oracle, o.top);
  const std::size_t lo5 = static_cast<std::size_t>(std::floor(0.05 * (D - 1)));
  const std::size_t mid = static_cast<std::size_t>(std::floor(0.5 * (D - 1)));
  const std::size_t hi95 = static_cast<std::size_t>(std::floor(0.95 * (D - 1)));
  for (std::size_t i = 0; i < U; ++i) {
    const auto ui = static_cast<Eigen::Index>(i);
    const auto& sc = oracle.scores[i];
    INFO("unit " << i);
    // Score quantiles: within one bin, at most 2·(observed spread)/1024 (see the header).
    const double tol = 2 * (sc.back() - sc.front()) / 1024 + 1e-12;
    CHECK(std::fabs(r.score_p05[ui] - sc[lo5]) <= tol);
    CHECK(std::fabs(r.score_p50[ui] - sc[mid]) <= tol);
    CHECK(std::fabs(r.score_p95[ui] - sc[hi95]) <= tol);
    CHECK(r.score_mean[ui] == doctest::Approx(std::accumulate(sc.begin(), sc.end(), 0.0) / D).epsilon(1e-12));
  }
  CHECK(r.rank_worst[3] < r.rank_worst[7]);
  CHECK(r.p_top(static_cast<Eigen::Index>(0), 2) == 1.0);
}

TEST_CASE("rank intervals over 65,541 draws (32-bit counts, many rounds) and exact ties equal brute force") {
  // 12 units, 3 indicators. Units 0 and 1 are identical (a tie in every draw: 0 ranks first);
  // units 2 and 3 score −0 and +0 in every draw (numpy's -S compares them equal: 2 first);
  // unit 4 is far ahead. D ≥ 65536 switches the histograms to 32-bit counts.
  Eigen::MatrixXd X(12, 3);
  X << 0.3, 0.6, 0.1,  0.3, 0.6, 0.1,  -0.0, -0.0, -0.0,  0.0, 0.0, 0.0,  5, 5, 5,  0.2, 0.1, 0.9,
       0.5, 0.5, 0.4,  0.9, 0.0, 0.2,  0.1, 0.8, 0.3,  0.4, 0.3, 0.2,  0.35, 0.45, 0.05,  0.6, 0.1, 0.5;
  const std::size_t D = 65541;
  const Eigen::MatrixXd W = random_weights(3, D, 11);
  RankUncertaintyOptions o;
  o.top = {1, 3};
  o.threads = 3;
  const auto r = rank_uncertainty_given(X, W, o);
  check_ranks_against(r, brute_force(X, W), o.top);
  CHECK(r.rank_best[4] == 1);
  CHECK(r.rank_worst[4] == 1);
  CHECK(r.rank_best[1] == r.rank_best[0] + 1);  // identical units: 0 always just ahead of 1
  CHECK(r.rank_worst[1] == r.rank_worst[0] + 1);
  o.threads = 1;
  const auto r1 = rank_uncertainty_given(X, W, o);
  CHECK((r1.rank_median.array() == r.rank_median.array()).all());
  CHECK((r1.score_p95.array() == r.score_p95.array()).all());
  // Every score equal: everyone keeps their index order.
  const auto same = rank_uncertainty_given(Eigen::MatrixXd::Ones(5, 3), W.leftCols(10), o);
  for (Eigen::Index i = 0; i < 5; ++i) {
    CHECK(same.rank_best[i] == i + 1);
    CHECK(same.rank_worst[i] == i + 1);
  }
}

TEST_CASE("units that do not fill the last cache line of a row, over several rounds, equal brute force") {
  // 37 units: chunks of 16, 16 and 5 units in the per-unit pass (rows padded to 48); 2,600 draws:
  // rounds of 1,024, 1,024 and 552 draws, the last block of 40. Scores spread widely enough
  // that ranks move over many places (wide histograms) and close enough for frequent ties.
  std::mt19937_64 g(5);
  std::uniform_real_distribution<double> u(0, 1);
  Eigen::MatrixXd X(37, 4);
  for (Eigen::Index i = 0; i < X.rows(); ++i)
    for (Eigen::Index j = 0; j < X.cols(); ++j) X(i, j) = std::round(u(g) * 40) / 40;
  const Eigen::MatrixXd W = random_weights(4, 2600, 13);
  RankUncertaintyOptions o;
  o.top = {1, 5, 36};
  for (const unsigned threads : {1U, 2U}) {
    o.threads = threads;
    INFO("threads " << threads);
    check_ranks_against(rank_uncertainty_given(X, W, o), brute_force(X, W), o.top);
  }
}

TEST_CASE("rank uncertainty defaults to seed 2026 and 5000 draws on all threads") {
  std::mt19937_64 g(5);
  std::normal_distribution<double> n(0, 1);
  Eigen::MatrixXd X(20, 3);
  for (Eigen::Index i = 0; i < X.rows(); ++i)
    for (Eigen::Index j = 0; j < X.cols(); ++j) X(i, j) = n(g);
  Eigen::VectorXd w(3);
  w << 0.5, 0.3, 0.2;
  const RankUncertaintyOptions d;
  CHECK(d.seed == 2026);
  CHECK(d.draws == 5000);
  CHECK(d.threads == 0);
  RankUncertaintyOptions given;
  given.seed = 2026;
  given.draws = 5000;
  given.threads = 1;
  RankUncertaintyOptions seed0 = given;
  seed0.seed = 0;
  const auto a = rank_uncertainty(X, w, d), b = rank_uncertainty(X, w, given), c = rank_uncertainty(X, w, seed0);
  CHECK(a.seed == 2026);
  CHECK(a.draws == 5000);
  CHECK((a.score_mean.array() == b.score_mean.array()).all());  // bit for bit
  CHECK((a.score_p05.array() == b.score_p05.array()).all());
  CHECK((a.mean_weights.array() == b.mean_weights.array()).all());
  CHECK(!(a.mean_weights.array() == c.mean_weights.array()).all());
}

TEST_CASE("rank uncertainty is identical for any thread count, and generated weights follow the model") {
  std::mt19937_64 g(1);
  std::normal_distribution<double> n(0, 1);
  Eigen::MatrixXd X(300, 8);
  for (Eigen::Index i = 0; i < X.rows(); ++i)
    for (Eigen::Index j = 0; j < X.cols(); ++j) X(i, j) = n(g);
  Eigen::VectorXd w(8);
  w << 1, 2, 1, 1, 3, 0, 1, 1;  // sum 10: normalised, with a warning
  RankUncertaintyOptions o;
  o.draws = 2000;
  o.seed = 17;
  o.concentration = 50;
  std::vector<RankUncertaintyResult> rs;
  for (unsigned t : {1u, 2u, 4u}) {
    o.threads = t;
    rs.push_back(rank_uncertainty(X, w, o));
  }
  for (std::size_t i = 1; i < rs.size(); ++i) {
    CHECK((rs[0].score_p50.array() == rs[i].score_p50.array()).all());
    CHECK((rs[0].score_p05.array() == rs[i].score_p05.array()).all());
    CHECK((rs[0].rank_median.array() == rs[i].rank_median.array()).all());
    CHECK((rs[0].rank_best.array() == rs[i].rank_best.array()).all());
    CHECK((rs[0].p_top.array() == rs[i].p_top.array()).all());
    CHECK((rs[0].mean_weights.array() == rs[i].mean_weights.array()).all());
  }
  REQUIRE(!rs[0].warnings.empty());
  CHECK(rs[0].warnings.back().text.find("normalised") != std::string::npos);
  // Dirichlet(c·w): E[w_j] = w_j, Var = w_j(1 − w_j)/(c + 1); 5·SE of the mean of D draws.
  const Eigen::VectorXd wn = w / w.sum();
  for (Eigen::Index j = 0; j < 8; ++j) {
    const double se = std::sqrt(wn[j] * (1 - wn[j]) / (o.concentration + 1) / o.draws);
    CHECK(std::fabs(rs[0].mean_weights[j] - wn[j]) <= 5 * se + 1e-15);
  }
  CHECK(rs[0].mean_weights[5] == 0.0);  // a zero weight stays zero
  // The reference is the nominal composite X·w at the central weights, not at the draws' mean.
  const Eigen::VectorXd nominal = X * wn;
  for (Eigen::Index u = 0; u < X.rows(); ++u) CHECK(rs[0].reference_score[u] == doctest::Approx(nominal[u]).epsilon(1e-12));
  CHECK((rs[0].mean_weights.array() != wn.array()).any());
  // Uniform ±20 %: each w_j(1 + U(−0.2, 0.2)) renormalised; the mean stays within 2 % of w_j
  // (renormalisation bias is O(p²) ≈ 0.4 %, sampling SE ≈ 0.2·w/√(3D) ≈ 0.26 %·w).
  o.weight_model = WeightModel::uniform;
  o.perturbation = 0.2;
  o.threads = 2;
  const auto ru = rank_uncertainty(X, w, o);
  for (Eigen::Index j = 0; j < 8; ++j) CHECK(std::fabs(ru.mean_weights[j] - wn[j]) <= 0.02 * wn[j] + 1e-15);
  // With perturbation 0 every draw is w: the rank interval collapses to the reference rank.
  o.perturbation = 0;
  const auto r0 = rank_uncertainty(X, w, o);
  CHECK((r0.rank_best.array() == r0.reference_rank.array()).all());
  CHECK((r0.rank_worst.array() == r0.reference_rank.array()).all());
}

TEST_CASE("rank uncertainty without top gives P(rank <= k) for each of 1, 3 and 10 below the units, as Python") {
  // Five units (five neighbourhoods): k = 1 and 3 (10 is above the units, 5 would always be 1);
  // twelve: 1, 3 and 10. Each column counts the draws in which the unit's rank is at most k.
  RankUncertaintyOptions o;
  o.draws = 200;
  o.threads = 1;
  const Eigen::MatrixXd five = Eigen::MatrixXd::Random(5, 3), twelve = Eigen::MatrixXd::Random(12, 3);
  const RankUncertaintyResult r5 = rank_uncertainty(five, Eigen::VectorXd::Ones(3), o);
  CHECK(r5.top == std::vector<std::size_t>{1, 3});
  CHECK(r5.p_top.cols() == 2);
  CHECK(r5.p_top.col(0).sum() == doctest::Approx(1.0));  // exactly one unit ranks first in each draw
  CHECK(r5.p_top.col(1).sum() == doctest::Approx(3.0));
  CHECK(rank_uncertainty(twelve, Eigen::VectorXd::Ones(3), o).top == std::vector<std::size_t>{1, 3, 10});
  o.top = {2};  // given: as given
  CHECK(rank_uncertainty(five, Eigen::VectorXd::Ones(3), o).top == std::vector<std::size_t>{2});
}

TEST_CASE("rank uncertainty rejects bad input") {
  Eigen::MatrixXd X = Eigen::MatrixXd::Random(5, 3);
  Eigen::VectorXd w = Eigen::VectorXd::Ones(3);
  RankUncertaintyOptions o;
  o.top = {2};
  o.draws = 0;
  CHECK_THROWS_WITH_AS(rank_uncertainty(X, w, o), doctest::Contains("draws: must be at least 1"), ValidationError);
  o.draws = 10;
  CHECK_THROWS_WITH_AS(rank_uncertainty(X, Eigen::VectorXd::Ones(2), o), doctest::Contains("one weight per indicator (3)"), ValidationError);
  Eigen::VectorXd neg = w;
  neg[1] = -1;
  CHECK_THROWS_WITH_AS(rank_uncertainty(X, neg, o), doctest::Contains("weights[1]: must be finite and >= 0"), ValidationError);
  CHECK_THROWS_WITH_AS(rank_uncertainty(X, Eigen::VectorXd::Zero(3), o), doctest::Contains("must not all be zero"), ValidationError);
  o.concentration = 0;
  CHECK_THROWS_WITH_AS(rank_uncertainty(X, w, o), doctest::Contains("concentration: must be > 0"), ValidationError);
  o.concentration = 10;
  o.weight_model = WeightModel::uniform;
  o.perturbation = 1;
  CHECK_THROWS_WITH_AS(rank_uncertainty(X, w, o), doctest::Contains("perturbation: must be in [0, 1)"), ValidationError);
  o.perturbation = 0.1;
  o.top = {6};
  CHECK_THROWS_WITH_AS(rank_uncertainty(X, w, o), doctest::Contains("top[0]: must be in [1, 5]"), ValidationError);
  o.top = {1};
  o.seed = max_seed + 1;
  CHECK_THROWS_WITH_AS(rank_uncertainty(X, w, o), doctest::Contains("seed: must be in [0, 2^63-1]"), ValidationError);
  o.seed = 0;
  Eigen::MatrixXd Xn = X;
  Xn(2, 1) = std::nan("");
  CHECK_THROWS_WITH_AS(rank_uncertainty(Xn, w, o), doctest::Contains("X[2][1]: must be finite"), ValidationError);
  Eigen::MatrixXd W = Eigen::MatrixXd::Constant(3, 4, 1.0 / 3);
  W(0, 2) = 0.5;
  CHECK_THROWS_WITH_AS(rank_uncertainty_given(X, W, o), doctest::Contains("W[:, 2]: weights of a draw must sum to 1"), ValidationError);
  CHECK_THROWS_WITH_AS(rank_uncertainty_given(X, Eigen::MatrixXd::Constant(2, 4, 0.5), o), doctest::Contains("one row per indicator (3)"), ValidationError);
  W = Eigen::MatrixXd::Constant(3, 4, 1.0 / 3);
  W(1, 1) = -0.1;
  CHECK_THROWS_WITH_AS(rank_uncertainty_given(X, W, o), doctest::Contains("W[1][1]: weights must be finite and >= 0"), ValidationError);
}

TEST_CASE("normalisation and aggregation choices: rank and score intervals equal a brute force over the drawn choices") {
  // 9 units x 4 raw indicators (indicator 1: lower is better). Each draw picks minmax to
  // [1, 100] or rank normalisation, and the arithmetic or geometric mean. Oracle: per draw,
  // normalise() with the drawn method, aggregate each unit with aggregate.hpp's weighted_mean
  // (a plain loop; the engine uses a GEMM, on logs for the geometric mean), stable sort.
  Eigen::MatrixXd X(9, 4);
  X << 3.1, 20, 0.5, 7,   2.2, 35, 0.9, 4,   5.7, 28, 0.1, 9,   1.3, 12, 0.7, 2,   4.4, 40, 0.3, 6,
       6.9, 22, 0.8, 1,   0.6, 31, 0.2, 8,   3.8, 17, 0.6, 3,   2.9, 26, 0.4, 5;
  const std::vector<int> dir = {1, -1, 1, 1};
  const std::vector<std::string> names = {"a", "b", "c", "d"};
  const std::size_t D = 3000;
  const Eigen::MatrixXd W = random_weights(4, D, 5);
  RankUncertaintyOptions o;
  o.top = {1, 3};
  o.seed = 77;
  o.threads = 2;
  o.choices.normalisations = {Normalisation::minmax, Normalisation::rank};
  o.choices.aggregations = {Aggregation::arithmetic, Aggregation::geometric};
  o.choices.normalisation.lower = 1;
  o.choices.normalisation.upper = 100;
  o.choices.directions = dir;
  o.choices.indicator_names = names;
  const auto r = rank_uncertainty_given(X, W, o);
  REQUIRE(r.draw_choice.size() == static_cast<Eigen::Index>(D));
  CHECK(r.normalisation_choices == std::vector<std::string>{"minmax", "rank"});
  CHECK(r.aggregation_choices == std::vector<std::string>{"arithmetic", "geometric"});
  // Each of the 4 combinations is drawn with probability 1/4: 5·SE = 5·√(D·3/16) ≈ 119 draws.
  CHECK(r.choice_draws.sum() == static_cast<int>(D));
  for (Eigen::Index i = 0; i < 2; ++i)
    for (Eigen::Index j = 0; j < 2; ++j) CHECK(std::fabs(r.choice_draws(i, j) - D / 4.0) <= 5 * std::sqrt(D * 3.0 / 16));
  std::vector<Eigen::MatrixXd> N;
  for (auto m : {Normalisation::minmax, Normalisation::rank}) {
    NormalisationOptions no = o.choices.normalisation;
    no.method = m;
    N.push_back(normalise(X, dir, no, names));
  }
  std::vector<std::vector<int>> ranks(9);
  std::vector<std::vector<double>> scores(9);
  std::vector<double> sums(9, 0.0);
  for (std::size_t d = 0; d < D; ++d) {
    const int c = r.draw_choice[static_cast<Eigen::Index>(d)];
    const Eigen::MatrixXd& M = N[static_cast<std::size_t>(c / 2)];
    const Aggregation agg = c % 2 ? Aggregation::geometric : Aggregation::arithmetic;
    std::vector<double> w(4), s(9);
    for (int j = 0; j < 4; ++j) w[static_cast<std::size_t>(j)] = W(j, static_cast<Eigen::Index>(d));
    for (int u = 0; u < 9; ++u) {
      std::vector<double> v(4);
      for (int j = 0; j < 4; ++j) v[static_cast<std::size_t>(j)] = M(u, j);
      s[static_cast<std::size_t>(u)] = weighted_mean(v, w, agg, 1.0, "oracle");
    }
    std::vector<std::size_t> idx(9);
    std::iota(idx.begin(), idx.end(), 0);
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return s[a] > s[b]; });
    for (std::size_t p = 0; p < 9; ++p) ranks[idx[p]].push_back(static_cast<int>(p + 1));
    for (std::size_t u = 0; u < 9; ++u) {
      scores[u].push_back(s[u]);
      sums[u] += s[u];
    }
  }
  Oracle oracle{ranks, scores};
  for (auto& v : oracle.ranks) std::sort(v.begin(), v.end());
  for (auto& v : oracle.scores) std::sort(v.begin(), v.end());
  check_ranks_against(r, oracle, o.top);
  const std::size_t lo5 = static_cast<std::size_t>(std::floor(0.05 * (D - 1)));
  const std::size_t mid = static_cast<std::size_t>(std::floor(0.5 * (D - 1)));
  const std::size_t hi95 = static_cast<std::size_t>(std::floor(0.95 * (D - 1)));
  for (std::size_t u = 0; u < 9; ++u) {
    const auto ui = static_cast<Eigen::Index>(u);
    const auto& sc = oracle.scores[u];
    INFO("unit " << u);
    // Score quantiles: within one bin of the histogram on the unit's value range (≤ 2·spread/1024).
    const double tol = 2 * (sc.back() - sc.front()) / 1024 + 1e-12;
    CHECK(std::fabs(r.score_p05[ui] - sc[lo5]) <= tol);
    CHECK(std::fabs(r.score_p50[ui] - sc[mid]) <= tol);
    CHECK(std::fabs(r.score_p95[ui] - sc[hi95]) <= tol);
    CHECK(r.score_mean[ui] == doctest::Approx(sums[u] / D).epsilon(1e-12));
    // Reference: minmax (first listed) and the arithmetic mean at the mean weights.
    double ref = 0;
    for (int j = 0; j < 4; ++j) ref += N[0](ui, j) * r.mean_weights[j];
    CHECK(r.reference_score[ui] == doctest::Approx(ref).epsilon(1e-12));
  }
  REQUIRE(!r.warnings.empty());
  CHECK(r.warnings.back().text.find("different scales") != std::string::npos);
  o.threads = 1;
  const auto r1 = rank_uncertainty_given(X, W, o);
  CHECK((r1.draw_choice.array() == r.draw_choice.array()).all());
  CHECK((r1.rank_median.array() == r.rank_median.array()).all());
  CHECK((r1.score_p50.array() == r.score_p50.array()).all());
  CHECK((r1.score_mean.array() == r.score_mean.array()).all());
  // Generated weights with choices: same draws for any thread count, too.
  RankUncertaintyOptions g = o;
  g.draws = 700;
  g.threads = 3;
  const auto a = rank_uncertainty(X, Eigen::VectorXd::Ones(4), g);
  g.threads = 1;
  const auto b = rank_uncertainty(X, Eigen::VectorXd::Ones(4), g);
  CHECK((a.draw_choice.array() == b.draw_choice.array()).all());
  CHECK((a.rank_p95.array() == b.rank_p95.array()).all());
}

TEST_CASE("normalisation and aggregation choices: bad input") {
  Eigen::MatrixXd X(4, 2);
  X << 1, -2, 2, 3, 3, 1, 4, 5;
  const Eigen::VectorXd w = Eigen::VectorXd::Ones(2);
  RankUncertaintyOptions o;
  o.top = {1};
  o.draws = 20;
  o.choices.normalisations = {Normalisation::zscore};
  o.choices.aggregations = {Aggregation::geometric};
  CHECK_THROWS_WITH_AS(rank_uncertainty(X, w, o), doctest::Contains("geometric aggregation after 'zscore' normalisation is undefined"),
                       ValidationError);
  o.choices.normalisations = {Normalisation::none};
  CHECK_THROWS_WITH_AS(rank_uncertainty(X, w, o), doctest::Contains("indicator '1' is -2 (<= 0)"), ValidationError);
  // The refusal names the choice's field and the unit: by its position from 0, or by its name.
  CHECK_THROWS_WITH_AS(rank_uncertainty(X, w, o),
                       doctest::Contains("choices.aggregations: geometric aggregation after 'none' normalisation is "
                                         "undefined: unit 0, indicator '1' is -2 (<= 0)"),
                       ValidationError);
  o.choices.unit_names = {"Noord", "Zuid", "Oost", "West"};
  CHECK_THROWS_WITH_AS(rank_uncertainty(X, w, o), doctest::Contains("undefined: unit 'Noord', indicator '1' is -2"),
                       ValidationError);
  o.choices.unit_names = {"Noord", "Zuid", "Oost"};
  CHECK_THROWS_WITH_AS(rank_uncertainty(X, w, o), doctest::Contains("choices.unit_names: needs one name per unit (4), got 3"),
                       ValidationError);
  o.choices.unit_names.clear();
  o.choices.aggregations = {Aggregation::harmonic};
  CHECK_THROWS_WITH_AS(rank_uncertainty(X, w, o), doctest::Contains("'harmonic' is not supported as an uncertain choice"),
                       ValidationError);
  o.choices.aggregations = {Aggregation::arithmetic, Aggregation::arithmetic};
  CHECK_THROWS_WITH_AS(rank_uncertainty(X, w, o), doctest::Contains("'arithmetic' is listed twice"), ValidationError);
  o.choices.aggregations = {};
  o.choices.normalisations = {Normalisation::goalposts};
  CHECK_THROWS_WITH_AS(rank_uncertainty(X, w, o), doctest::Contains("'goalposts' is not supported as an uncertain choice"),
                       ValidationError);
  o.choices.normalisations = {Normalisation::minmax};
  o.choices.directions = {1};
  CHECK_THROWS_WITH_AS(rank_uncertainty(X, w, o), doctest::Contains("one direction per indicator (2)"), ValidationError);
  o.choices.directions = {};
  X.col(1).setConstant(2.0);
  CHECK_THROWS_WITH_AS(rank_uncertainty(X, w, o), doctest::Contains("is constant across units"), ValidationError);
  // A weight that is always 0 makes its indicator irrelevant, also for the geometric mean.
  X.col(1) << -1, 0, -3, 2;
  o.choices.aggregations = {Aggregation::geometric};
  Eigen::VectorXd w0(2);
  w0 << 1, 0;
  o.choices.normalisations = {Normalisation::none};
  const auto r = rank_uncertainty(X, w0, o);
  CHECK(r.rank_best[3] == 1);  // geometric mean of column 0 alone: unit 3 (value 4) first
  CHECK(r.reference_score[3] == doctest::Approx(4.0));
}

TEST_CASE("outlier treatment choices: 'coinr' alone equals the pre-treated indicators, two treatments split draws") {
  // Indicator 0 fails COINr's check (1..10, 30, 100: 100 -> 30, one point); indicator 1 passes.
  Eigen::MatrixXd X(12, 2);
  for (int i = 0; i < 10; ++i) X(i, 0) = i + 1;
  X(10, 0) = 30;
  X(11, 0) = 100;
  for (int i = 0; i < 12; ++i) X(i, 1) = (i * 7) % 12;
  const std::vector<std::string> names = {"a", "b"};
  const Eigen::MatrixXd W = random_weights(2, 500, 9);
  RankUncertaintyOptions o;
  o.top = {1};
  o.seed = 5;
  o.choices.indicator_names = names;
  o.choices.normalisations = {Normalisation::minmax};
  o.choices.treatments = {OutlierTreatment::coinr};
  const auto r = rank_uncertainty_given(X, W, o);
  RankUncertaintyOptions p = o;
  p.choices.treatments = {};
  const Eigen::MatrixXd T = treat_outliers_coinr(X, names).treated;
  CHECK(T(11, 0) == 30);
  const auto q = rank_uncertainty_given(T, W, p);
  CHECK(r.treatment_choices == std::vector<std::string>{"coinr"});
  REQUIRE(r.treatment_draws.size() == 1);
  CHECK(r.treatment_draws[0] == 500);
  CHECK((r.rank_median.array() == q.rank_median.array()).all());
  CHECK((r.reference_score.array() == q.reference_score.array()).all());
  CHECK(q.treatment_draws.size() == 0);
  // none and coinr: each drawn with probability 1/2 (5·SE = 5·√(500/4) ≈ 56 draws); a draw's
  // combination is (t·1 + 0)·1 + 0 = t.
  o.choices.treatments = {OutlierTreatment::none, OutlierTreatment::coinr};
  const auto b = rank_uncertainty_given(X, W, o);
  CHECK(b.treatment_draws.sum() == 500);
  CHECK(std::fabs(b.treatment_draws[0] - 250.0) <= 56);
  CHECK(b.choice_draws(0, 0) == 500);
  CHECK((b.draw_choice.array() <= 1).all());
  CHECK(b.draw_choice.sum() == b.treatment_draws[1]);
  // Reference: the first treatment (none) at the mean weights.
  const auto n = rank_uncertainty_given(X, W, p);
  CHECK((b.reference_score.array() == n.reference_score.array()).all());
  o.choices.treatments = {OutlierTreatment::coinr, OutlierTreatment::coinr};
  CHECK_THROWS_WITH_AS(rank_uncertainty_given(X, W, o), doctest::Contains("choices.treatments[1]: 'coinr' is listed twice"), ValidationError);
  o.choices.treatments = {OutlierTreatment::coinr};
  o.choices.outliers.max_points = -2;
  CHECK_THROWS_WITH_AS(rank_uncertainty_given(X, W, o), doctest::Contains("choices.outliers.max_points: must be >= 0"), ValidationError);
}
