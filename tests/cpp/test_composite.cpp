#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "impactchain/composite.hpp"
#include "support.hpp"

using namespace impactchain;

TEST_CASE("composite: hand-computed two-level example (mean imputation, minmax, direction, weights)") {
  Eigen::MatrixXd x(3, 4);
  x << 10, 2, 50, 5,
       20, 4, 70, 3,
       30, NaN, 60, 1;
  CompositeOptions o;
  o.imputation = Imputation::mean;  // i2 of u3 -> (2 + 4)/2 = 3
  CompositeLevel dim{"dimension", {"A", "A", "B", "B"}, {0.25, 0.75, 0.5, 0.5}, Aggregation::arithmetic, 1};
  CompositeLevel idx{"index", {"I", "I"}, {}, Aggregation::arithmetic, 1};
  const CompositeResult r = composite(x, {"u1", "u2", "u3"}, {"i1", "i2", "i3", "i4"}, {1, 1, 1, -1}, {dim, idx}, o);
  CHECK(r.imputed(2, 1) == doctest::Approx(3.0));
  CHECK(r.n_imputed == 1);
  // minmax to [0, 100]; i4 is lower-is-better: -5, -3, -1 -> 0, 50, 100
  Eigen::MatrixXd expect_norm(3, 4);
  expect_norm << 0, 0, 0, 0,
                 50, 100, 100, 50,
                 100, 50, 50, 100;
  CHECK((r.normalised - expect_norm).cwiseAbs().maxCoeff() < 1e-12);
  // A = 0.25 i1 + 0.75 i2: 0, 87.5, 62.5; B = (i3 + i4)/2: 0, 75, 75
  REQUIRE(r.aggregated.size() == 2);
  CHECK(r.level_nodes[0] == std::vector<std::string>{"A", "B"});
  CHECK(r.aggregated[0](1, 0) == doctest::Approx(87.5));
  CHECK(r.aggregated[0](2, 0) == doctest::Approx(62.5));
  CHECK(r.aggregated[0](1, 1) == doctest::Approx(75));
  // index = (A + B)/2: 0, 81.25, 68.75
  CHECK(r.aggregated[1](0, 0) == doctest::Approx(0));
  CHECK(r.aggregated[1](1, 0) == doctest::Approx(81.25));
  CHECK(r.aggregated[1](2, 0) == doctest::Approx(68.75));
  CHECK(r.options.size() >= 6);
}

TEST_CASE("weighted means: hand calculation") {
  const std::vector<double> v{4, 9}, w{0.5, 0.5};
  CHECK(weighted_mean(v, w, Aggregation::arithmetic, 1, "t") == doctest::Approx(6.5));
  CHECK(weighted_mean(v, w, Aggregation::geometric, 1, "t") == doctest::Approx(6.0));
  CHECK(weighted_mean(v, w, Aggregation::harmonic, 1, "t") == doctest::Approx(72.0 / 13));
  CHECK(weighted_mean(v, w, Aggregation::generalised, 2, "t") == doctest::Approx(std::sqrt(48.5)));
  CHECK_THROWS_WITH_AS(weighted_mean({0, 9}, w, Aggregation::geometric, 1, "unit 'u1', node 'A'"),
                       doctest::Contains("unit 'u1', node 'A': geometric mean is undefined for values <= 0, got 0"), ValidationError);
  CHECK_THROWS_AS(weighted_mean({-1, 9}, w, Aggregation::harmonic, 1, "t"), ValidationError);
  CHECK_THROWS_WITH_AS(weighted_mean(v, w, Aggregation::generalised, 0, "t"), doctest::Contains("p != 0"), ValidationError);
}

TEST_CASE("generalised mean: negative values only with p = 1, zero not with p below 0") {
  const std::vector<double> w{0.5, 0.5};
  // p = 2 on (-3, -3) would be sqrt(0.5 * 9 + 0.5 * 9) = 3, the sign lost: refused, naming the place.
  CHECK_THROWS_WITH_AS(weighted_mean({-3, -3}, w, Aggregation::generalised, 2, "unit 'worst', node 'index'"),
                       doctest::Contains("unit 'worst', node 'index': generalised mean with p = 2 is undefined for values < 0, got -3"),
                       ValidationError);
  // p = 3 on (-3, -1): the cube root of 0.5 * (-27) + 0.5 * (-1) = -14 is no number in pow: refused, never NaN.
  CHECK_THROWS_AS(weighted_mean({-3, -1}, w, Aggregation::generalised, 3, "t"), ValidationError);
  CHECK_THROWS_AS(weighted_mean({2, -1}, w, Aggregation::generalised, 0.5, "t"), ValidationError);
  // p = 1 is the arithmetic mean: (-3 + 1) / 2 = -1.
  CHECK(weighted_mean({-3, 1}, w, Aggregation::generalised, 1, "t") == doctest::Approx(-1));
  // 0 with p > 0: (0.5 * 0^2 + 0.5 * 4^2)^(1/2) = sqrt(8); with p = 0.5: (0.5 * 0 + 0.5 * 2)^2 = 1.
  CHECK(weighted_mean({0, 4}, w, Aggregation::generalised, 2, "t") == doctest::Approx(std::sqrt(8.0)));
  CHECK(weighted_mean({0, 4}, w, Aggregation::generalised, 0.5, "t") == doctest::Approx(1.0));
  // 0 with p < 0: 0^-1 is infinite: refused.
  CHECK_THROWS_WITH_AS(weighted_mean({0, 4}, w, Aggregation::generalised, -1, "t"),
                       doctest::Contains("p = -1 is undefined for values <= 0, got 0"), ValidationError);
  // A child of weight 0 is not part of the mean: its value is not checked.
  CHECK(weighted_mean({-5, 4}, {0, 1}, Aggregation::generalised, 2, "t") == doctest::Approx(4.0));
}

TEST_CASE("normalisations: z-score, rank, goalposts, distance to target") {
  Eigen::MatrixXd x(4, 1);
  x << 1, 2, 2, 5;
  NormalisationOptions o;
  o.method = Normalisation::rank;
  Eigen::MatrixXd r = normalise(x, {1}, o, {"a"});
  CHECK(r(0, 0) == 1);
  CHECK(r(1, 0) == 2.5);
  CHECK(r(3, 0) == 4);
  o.method = Normalisation::zscore;  // mean 2.5, sd sqrt((2.25 + 0.25 + 0.25 + 6.25)/3) = sqrt(3)
  r = normalise(x, {1}, o, {"a"});
  CHECK(r(3, 0) == doctest::Approx(2.5 / std::sqrt(3.0)));
  o.method = Normalisation::goalposts;
  o.goal_low = {0};
  o.goal_high = {4};
  r = normalise(x, {1}, o, {"a"});
  CHECK(r(0, 0) == doctest::Approx(25));
  CHECK(r(3, 0) == doctest::Approx(100));  // clamped
  r = normalise(x, {-1}, o, {"a"});        // lower is better: 0 -> 100, 4 -> 0
  CHECK(r(0, 0) == doctest::Approx(75));
  CHECK(r(3, 0) == doctest::Approx(0));
  o.method = Normalisation::distance_to_target;
  o.targets = {4};  // (x - 1)/(4 - 1), capped
  r = normalise(x, {1}, o, {"a"});
  CHECK(r(1, 0) == doctest::Approx(1.0 / 3));
  CHECK(r(3, 0) == doctest::Approx(1.0));
  o.method = Normalisation::minmax;
  CHECK_THROWS_WITH_AS(normalise(Eigen::MatrixXd::Ones(3, 1), {1}, o, {"c"}), doctest::Contains("indicator 'c': is constant"), ValidationError);
  CHECK_THROWS_WITH_AS(normalise(x, {2}, o, {"a"}), doctest::Contains("must be 1 or -1"), ValidationError);
}

TEST_CASE("AHP: consistent matrix returns its weights, and the Saaty 3x3 example by closed form") {
  Eigen::MatrixXd a(3, 3);
  a << 1, 5.0 / 3, 2.5,
       0.6, 1, 1.5,
       0.4, 2.0 / 3, 1;  // a_ij = w_i/w_j for w = (0.5, 0.3, 0.2)
  AhpResult r = ahp_weights(a);
  CHECK(r.weights[0] == doctest::Approx(0.5).epsilon(1e-12));
  CHECK(r.weights[2] == doctest::Approx(0.2).epsilon(1e-12));
  CHECK(r.lambda_max == doctest::Approx(3.0).epsilon(1e-12));
  CHECK(std::abs(r.consistency_ratio) < 1e-10);
  a << 1, 3, 5,
       1.0 / 3, 1, 3,
       0.2, 1.0 / 3, 1;
  r = ahp_weights(a);
  // 3x3 reciprocal: lambda_max = 1 + c^(1/3) + c^(-1/3), c = a12 a23 / a13 = 1.8; the principal
  // eigenvector equals the row geometric means (15^(1/3), 1, 15^(-1/3)), normalised.
  const double lmax = 1 + std::cbrt(1.8) + 1 / std::cbrt(1.8);
  CHECK(r.lambda_max == doctest::Approx(lmax).epsilon(1e-12));
  CHECK(r.consistency_index == doctest::Approx((lmax - 3) / 2).epsilon(1e-10));
  CHECK(r.consistency_ratio == doctest::Approx((lmax - 3) / 2 / 0.58).epsilon(1e-10));
  const double g = std::cbrt(15.0), s = g + 1 + 1 / g;
  CHECK(r.weights[0] == doctest::Approx(g / s).epsilon(1e-12));
  CHECK(r.weights[1] == doctest::Approx(1 / s).epsilon(1e-12));
  CHECK(r.consistent);
}

TEST_CASE("AHP and weights bad input") {
  Eigen::MatrixXd a(2, 2);
  a << 1, 3, 0.5, 1;
  CHECK_THROWS_WITH_AS(ahp_weights(a, {"jobs", "health"}),
                       doctest::Contains("ahp[jobs, health]: matrix is not reciprocal: a[jobs, health] = 3 but a[health, jobs] = 0.5"),
                       ValidationError);
  a << 1, -3, 0.5, 1;
  CHECK_THROWS_WITH_AS(ahp_weights(a), doctest::Contains("must be a positive number"), ValidationError);
  CHECK_THROWS_WITH_AS(check_weights({0.5, 0.6}, "w"), doctest::Contains("weights must sum to 1, got 1.1"), ValidationError);
  CHECK_THROWS_WITH_AS(check_weights({1.2, -0.2}, "w"), doctest::Contains("w[1]: weight must be finite and >= 0"), ValidationError);
  Eigen::MatrixXd x(3, 2);
  x << 1, 2, 2, 3, 3, 5;
  CompositeLevel lv{"index", {"I", "I"}, {0.7, 0.7}, Aggregation::arithmetic, 1};
  CHECK_THROWS_WITH_AS(composite(x, {"a", "b", "c"}, {"p", "q"}, {1, 1}, {lv}), doctest::Contains("weights of 'I'"), ValidationError);
  lv.weights = {};
  lv.parents = {"I"};
  CHECK_THROWS_WITH_AS(composite(x, {"a", "b", "c"}, {"p", "q"}, {1, 1}, {lv}), doctest::Contains("one parent per node below (2)"), ValidationError);
  lv.parents = {"I", "I"};
  lv.method = Aggregation::geometric;  // minmax to [0, 100] gives a 0
  CHECK_THROWS_WITH_AS(composite(x, {"a", "b", "c"}, {"p", "q"}, {1, 1}, {lv}), doctest::Contains("unit 'a', node 'I': geometric"), ValidationError);
}

TEST_CASE("PCA weights: non-negative, sum to 1, more weight to the indicators of the dominant component") {
  Eigen::MatrixXd x(6, 3);
  x << 1, 2, 5,
       2, 3, 1,
       3, 5, 4,
       4, 6, 2,
       5, 8, 6,
       6, 9, 3;
  const PcaWeights p = pca_weights(x);
  CHECK(p.weights.sum() == doctest::Approx(1.0));
  CHECK((p.weights.array() >= 0).all());
  CHECK(p.eigenvalues[0] >= p.eigenvalues[1]);
  CHECK(p.eigenvalues.sum() == doctest::Approx(3.0));  // trace of a correlation matrix
  Eigen::MatrixXd y = x;
  y(0, 0) = NaN;
  CHECK_THROWS_WITH_AS(pca_weights(y), doctest::Contains("impute"), ValidationError);
}

TEST_CASE("imputation by group and winsorising") {
  Eigen::MatrixXd x(4, 1);
  x << 1, NaN, 10, 30;
  std::vector<Notice> w;
  int n = 0;
  const Eigen::MatrixXd g = impute(x, Imputation::group_mean, {"a", "a", "b", "b"}, {"i"}, w, n);
  CHECK(g(1, 0) == 1);
  CHECK(n == 1);
  const Eigen::MatrixXd m = impute(x, Imputation::median, {}, {"i"}, w, n);
  CHECK(m(1, 0) == 10);
  Eigen::MatrixXd y(5, 1);
  y << 1, 2, 3, 4, 100;
  Eigen::VectorXi clipped;
  const Eigen::MatrixXd t = winsorise(y, 0.0, 0.75, clipped);  // 75 % quantile (type 7) = 4
  CHECK(t(4, 0) == 4);
  CHECK(clipped[0] == 1);
  CHECK_THROWS_AS(winsorise(y, 0.8, 0.2, clipped), ValidationError);
  CHECK_THROWS_WITH_AS(impute(x, Imputation::group_mean, {"a"}, {"i"}, w, n), doctest::Contains("one group per unit"), ValidationError);
}

TEST_CASE("composite and normalise: too few names or too many directions are refused, nothing read past them") {
  // An infinite cell with one unit name for two rows: the cell cannot be named, the count is said.
  Eigen::MatrixXd x(2, 2);
  x << 1, std::numeric_limits<double>::infinity(),
       2, 3;
  const CompositeLevel idx{"index", {"I", "I"}, {}, Aggregation::arithmetic, 1};
  CHECK_THROWS_WITH_AS(composite(x, {"u1"}, {"a", "b"}, {1, 1}, {idx}), doctest::Contains("units: got 1 names for 2 rows"),
                       ValidationError);
  CHECK_THROWS_WITH_AS(composite(x, {"u1", "u2"}, {"a"}, {1, 1}, {idx}), doctest::Contains("indicators: got 1 names for 2 columns"),
                       ValidationError);
  // Named: the infinite cell is said by unit and indicator.
  CHECK_THROWS_WITH_AS(composite(x, {"u1", "u2"}, {"a", "b"}, {1, 1}, {idx}), doctest::Contains("unit 'u1', indicator 'b': is infinite"),
                       ValidationError);
  // Three directions for two indicators, the third invalid: it is named by its position.
  NormalisationOptions o;
  const Eigen::MatrixXd y = (Eigen::MatrixXd(2, 2) << 1, 2, 3, 4).finished();
  CHECK_THROWS_WITH_AS(normalise(y, {1, 1, 2}, o, {"a", "b"}), doctest::Contains("direction[2]: must be 1 or -1, got 2"), ValidationError);
  CHECK_THROWS_WITH_AS(normalise(y, {1, 1, 2}, o, {"a", "b"}), doctest::Contains("needs one value per indicator (2), got 3"), ValidationError);
}

TEST_CASE("normalise: values near the ends of double give the shares of ordinary ones") {
  // min-max of (-1e308, 0, 1e308): the range 2e308 passes double's; the shares are those of (-1, 0, 1):
  // 0, 0.5, 1, so 0, 50 and 100 on [0, 100].
  NormalisationOptions o;
  const Eigen::MatrixXd wide = (Eigen::MatrixXd(3, 1) << -1e308, 0, 1e308).finished();
  const Eigen::MatrixXd m = normalise(wide, {1}, o, {"a"});
  CHECK(m(0, 0) == 0);
  CHECK(m(1, 0) == doctest::Approx(50));
  CHECK(m(2, 0) == 100);
  // z-scores of (1, 2, 3, 4) x 1e200 are those of (1, 2, 3, 4): (x - 2.5) / sd, sd = sqrt(5/3), so
  // -1.5 / 1.2909944 = -1.1618950 first (the squares of 1e200 pass double's range).
  o.method = Normalisation::zscore;
  const Eigen::MatrixXd big = (Eigen::MatrixXd(4, 1) << 1e200, 2e200, 3e200, 4e200).finished();
  const Eigen::MatrixXd z = normalise(big, {1}, o, {"b"});
  CHECK(z(0, 0) == doctest::Approx(-1.5 / std::sqrt(5.0 / 3)));
  CHECK(z(3, 0) == doctest::Approx(1.5 / std::sqrt(5.0 / 3)));
  // Ordinary values keep their bits: the scaled path is taken only past double's range.
  const Eigen::MatrixXd small = (Eigen::MatrixXd(4, 1) << 1, 2, 3, 4).finished();
  CHECK(normalise(small, {1}, o, {"c"})(0, 0) == (1 - 2.5) / std::sqrt(5.0 / 3));
}

// missing = available (COINr's default aggregation): each aggregate over the children a unit has, the weights
// re-normalised over them; min_available the share of children (counted) below which it is NaN.
static bool said(const std::vector<Notice>& notices, const std::string& text) {
  return std::any_of(notices.begin(), notices.end(), [&](const Notice& n) { return n.text == text; });
}

static CompositeResult available_example(MissingAggregation missing, std::optional<double> min_available = {}) {
  Eigen::MatrixXd x(3, 4);
  x << 10, NaN, 50, 30,
       NaN, NaN, 20, NaN,
       40, 80, 60, 20;
  CompositeOptions o;
  o.normalisation.method = Normalisation::none;
  o.missing = missing;
  if (min_available) o.min_available = {min_available, std::nullopt};  // dimension only
  CompositeLevel dim{"dimension", {"A", "A", "B", "B"}, {0.25, 0.75, 0.5, 0.5}, Aggregation::arithmetic, 1};
  CompositeLevel idx{"index", {"I", "I"}, {}, Aggregation::arithmetic, 1};
  return composite(x, {"u1", "u2", "u3"}, {"i1", "i2", "i3", "i4"}, {1, 1, 1, 1}, {dim, idx}, o);
}

TEST_CASE("composite: missing = available averages the children a unit has, weights re-normalised (hand example)") {
  const CompositeResult r = available_example(MissingAggregation::available);
  // u1: A = 10 (i1 alone, 0.25 / 0.25 = 1), B = (50 + 30) / 2 = 40, index = (10 + 40) / 2 = 25
  CHECK(r.aggregated[0](0, 0) == doctest::Approx(10));
  CHECK(r.aggregated[0](0, 1) == doctest::Approx(40));
  CHECK(r.aggregated[1](0, 0) == doctest::Approx(25));
  // u2: A has no child (NaN), B = 20 (i3 alone), index = 20 (B alone)
  CHECK(std::isnan(r.aggregated[0](1, 0)));
  CHECK(r.aggregated[0](1, 1) == doctest::Approx(20));
  CHECK(r.aggregated[1](1, 0) == doctest::Approx(20));
  // u3 complete: A = 0.25 * 40 + 0.75 * 80 = 70, B = 40, index = 55
  CHECK(r.aggregated[1](2, 0) == doctest::Approx(55));
  // dimension: 2 aggregates over fewer children (u1 A, u2 B) of 2 units, 1 with none (u2 A); index: 1 (u2)
  CHECK(has_code(r.warnings, "composite.missing_available"));
  CHECK_FALSE(has_code(r.warnings, "composite.missing_after_imputation"));
  CHECK(said(r.warnings, "level 'dimension': 2 aggregates of 2 units are taken over fewer than all their children, the weights "
                        "re-normalised over those they have"));
  CHECK(said(r.warnings, "level 'dimension': 1 aggregate of 1 unit is missing: none of its children with a weight above 0 has a value"));
  CHECK(said(r.warnings, "level 'index': 1 aggregate of 1 unit is taken over fewer than all its children, the weights re-normalised "
                        "over those it has"));
  bool named = false;
  for (const auto& [k, v] : r.options) named = named || (k == "missing" && v.rfind("available", 0) == 0);
  CHECK(named);
}

TEST_CASE("composite: min_available as COINr's dat_thresh (a share equal to it is kept, below it NaN)") {
  // 0.5: u1 A (1 of 2) and u2 B (1 of 2) are kept; u2 A (0 of 2) is below it
  const CompositeResult half = available_example(MissingAggregation::available, 0.5);
  CHECK(half.aggregated[0](0, 0) == doctest::Approx(10));
  CHECK(half.aggregated[0](1, 1) == doctest::Approx(20));
  CHECK(std::isnan(half.aggregated[0](1, 0)));
  // 0.6: every partial dimension aggregate is NaN; index u1 = B alone = 40, u2 has nothing
  const CompositeResult r = available_example(MissingAggregation::available, 0.6);
  CHECK(std::isnan(r.aggregated[0](0, 0)));
  CHECK(std::isnan(r.aggregated[0](1, 1)));
  CHECK(r.aggregated[1](0, 0) == doctest::Approx(40));
  CHECK(std::isnan(r.aggregated[1](1, 0)));
  CHECK(r.aggregated[1](2, 0) == doctest::Approx(55));
  CHECK(said(r.warnings, "level 'dimension': 3 aggregates of 2 units are missing: the share of their children with a value is below "
                        "min_available = 0.6"));
}

TEST_CASE("composite: missing = propagate keeps a missing child's aggregate missing") {
  const CompositeResult r = available_example(MissingAggregation::propagate);
  CHECK(std::isnan(r.aggregated[0](0, 0)));
  CHECK(std::isnan(r.aggregated[1](0, 0)));
  CHECK(r.aggregated[1](2, 0) == doctest::Approx(55));
  CHECK(has_code(r.warnings, "composite.missing_after_imputation"));
  CHECK_FALSE(has_code(r.warnings, "composite.available_partial"));
}

TEST_CASE("available_mean: geometric and harmonic over the values there, weights re-normalised (COINr's a_gmean, a_hmean)") {
  const std::vector<double> v{4, NaN, 9}, w{0.2, 0.5, 0.3};  // re-normalised: 0.4, 0.6
  CHECK(available_mean(v, w, Aggregation::arithmetic, 1, "t") == doctest::Approx(0.4 * 4 + 0.6 * 9));
  CHECK(available_mean(v, w, Aggregation::geometric, 1, "t") == doctest::Approx(std::pow(4, 0.4) * std::pow(9, 0.6)));
  CHECK(available_mean(v, w, Aggregation::harmonic, 1, "t") == doctest::Approx(1 / (0.4 / 4 + 0.6 / 9)));
  CHECK(available_mean(v, w, Aggregation::generalised, 2, "t") == doctest::Approx(std::sqrt(0.4 * 16 + 0.6 * 81)));
  CHECK(std::isnan(available_mean({NaN, NaN}, {0.5, 0.5}, Aggregation::arithmetic, 1, "t")));
  CHECK(std::isnan(available_mean({NaN, 3}, {1, 0}, Aggregation::arithmetic, 1, "t")));  // only a weight of 0 is there
}

TEST_CASE("composite: missing and min_available checked, named") {
  CHECK_THROWS_WITH_AS(from_string<MissingAggregation>("availabel"),
                       doctest::Contains("missing: must be one of 'propagate', 'available', got 'availabel' (did you mean 'available'?)"),
                       ValidationError);
  for (double bad : {0.0, 1.5, -0.2, NaN})
    CHECK_THROWS_WITH_AS(available_example(MissingAggregation::available, bad),
                         doctest::Contains("min_available[0]: must be a share of the children in (0, 1]"), ValidationError);
  CHECK_THROWS_WITH_AS(available_example(MissingAggregation::propagate, 0.5),
                       doctest::Contains("min_available[0]: applies only to missing = available"), ValidationError);
  Eigen::MatrixXd x(2, 2);
  x << 1, 2, 3, NaN;
  CompositeOptions o;
  o.missing = MissingAggregation::available;
  o.min_available = {0.5, 0.5, 0.5};
  const CompositeLevel idx{"index", {"I", "I"}, {}, Aggregation::arithmetic, 1};
  CHECK_THROWS_WITH_AS(composite(x, {"u1", "u2"}, {"a", "b"}, {1, 1}, {idx}, o),
                       doctest::Contains("min_available: needs one share for every level or one per level (1), got 3"), ValidationError);
  o.min_available = {0.5};  // one for every level: named without an index
  o.missing = MissingAggregation::propagate;
  CHECK_THROWS_WITH_AS(composite(x, {"u1", "u2"}, {"a", "b"}, {1, 1}, {idx}, o),
                       doctest::Contains("min_available: applies only to missing = available"), ValidationError);
  CHECK_NOTHROW(available_example(MissingAggregation::available, 1.0));
}
