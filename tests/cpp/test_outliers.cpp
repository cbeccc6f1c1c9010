// COINr's default outlier treatment (outliers.hpp): sample skewness and kurtosis by closed
// form and COINr's published numbers, each branch (pass, winsorise k points, log transform,
// undefined) with the decision derived by hand, and bad input.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "impactchain/composite.hpp"
#include "impactchain/outliers.hpp"
#include "support.hpp"

using namespace impactchain;

namespace {

Eigen::VectorXd seq(std::initializer_list<double> v) {
  Eigen::VectorXd x(static_cast<Eigen::Index>(v.size()));
  Eigen::Index i = 0;
  for (double d : v) x[i++] = d;
  return x;
}

// 1, 2, …, n followed by `tail`.
Eigen::VectorXd ramp(int n, std::initializer_list<double> tail) {
  Eigen::VectorXd x(n + static_cast<int>(tail.size()));
  for (int i = 0; i < n; ++i) x[i] = i + 1;
  int i = n;
  for (double d : tail) x[i++] = d;
  return x;
}
}  // namespace

TEST_CASE("sample skewness and kurtosis (e1071 type 2): closed form of a single spike and COINr's example") {
  // n − 1 zeros and a single 1: p = 1/n, Σd² = (n − 1)/n, Σd³ = (n − 1)(n − 2)/n²,
  // Σd⁴ = (n − 1)(n² − 3n + 3)/n², so g1 = (n − 2)/√(n − 1) and G1 = g1·√(n(n − 1))/(n − 2) = √n;
  // g2 = (n² − 6n + 6)/(n − 1) and G2 = ((n + 1)g2 + 6)(n − 1)/((n − 2)(n − 3)) = n.
  std::vector<double> v(10, 0.0);
  v[9] = 1;
  CHECK(detail::sample_skewness(v) == doctest::Approx(std::sqrt(10.0)).epsilon(1e-13));
  CHECK(detail::sample_kurtosis(v) == doctest::Approx(10.0).epsilon(1e-13));
  // COINr's treat vignette: x = c(1:10, 30, 100) has skew 3.063241 and kurtosis 9.741391.
  std::vector<double> c;
  for (int i = 1; i <= 10; ++i) c.push_back(i);
  c.push_back(30);
  c.push_back(100);
  CHECK(detail::sample_skewness(c) == doctest::Approx(3.063241).epsilon(1e-6));
  CHECK(detail::sample_kurtosis(c) == doctest::Approx(9.741391).epsilon(1e-6));
  CHECK(std::isnan(detail::sample_skewness({1, 2})));
  CHECK(std::isnan(detail::sample_kurtosis({1, 2, 3})));
  CHECK(std::isnan(detail::sample_kurtosis({4, 4, 4, 4})));
}

TEST_CASE("COINr treatment, pass: a symmetric indicator and one with low kurtosis are unchanged") {
  // 1..10 is symmetric: skewness 0 < 2, so it passes whatever its kurtosis.
  Eigen::VectorXd x = ramp(10, {});
  const auto r = treat_outliers_coinr(x, "even", {});
  CHECK(r.decision == OutlierDecision::pass);
  CHECK(r.skew_before == doctest::Approx(0.0));
  CHECK(r.points_tried == 0);
  CHECK(std::isnan(r.skew_winsorised));
  CHECK(!r.log_transform);
  CHECK(r.passes_after);
  CHECK(x == ramp(10, {}));
  // A single spike among 9 zeros has skewness √10 ≈ 3.16 >= 2 but kurtosis 10: with the
  // kurtosis threshold at 11 the check passes (10 < 11), skewness alone does not fail it.
  Eigen::VectorXd s = Eigen::VectorXd::Zero(10);
  s[9] = 1;
  OutlierOptions o;
  o.kurtosis_threshold = 11;
  CHECK(treat_outliers_coinr(s, "spike", o).decision == OutlierDecision::pass);
}

TEST_CASE("COINr treatment, winsorise 1 point: COINr's documented example c(1:10, 30, 100)") {
  // Before: skew 3.063 >= 2 and kurtosis 9.741 >= 3.5: fails. Skew > 0: the high end; the
  // maximum 100 gets the next highest value, 30. Then (COINr's vignette) skew 1.712038 < 2:
  // passes after one point.
  Eigen::VectorXd x = ramp(10, {30, 100});
  const auto r = treat_outliers_coinr(x, "x", {});
  CHECK(r.decision == OutlierDecision::winsorised);
  CHECK(r.points_tried == 1);
  REQUIRE(r.points.size() == 1);
  CHECK(r.points[0].unit == 11);
  CHECK(r.points[0].value == 100);
  CHECK(r.points[0].winsorised_to == 30);
  CHECK(r.points[0].high);
  CHECK(x[11] == 30);
  CHECK(x.head(11) == ramp(10, {30}));
  CHECK(r.skew_after == doctest::Approx(1.712038).epsilon(1e-6));
  CHECK(r.kurtosis_after == doctest::Approx(1.815781).epsilon(1e-6));
  CHECK(r.skew_winsorised == r.skew_after);
  CHECK(r.passes_after);
}

TEST_CASE("COINr treatment, winsorise 2 points one at a time - ties move together, the low side") {
  // 1..20, 40, 60, 200 (skew and kurtosis below from scipy.stats.skew/kurtosis(bias=False)).
  // Before: skew 4.1019, kurtosis 18.004: fails; high end: 200 -> 60.
  // After one point: skew 2.000859 >= 2 and kurtosis 3.5719 >= 3.5: still fails; the two 60s
  // -> 40 (COINr moves every value equal to the maximum). After: skew 1.3511 < 2: passes.
  // Points winsorised: 2 (200 and the original 60), both now 40.
  Eigen::VectorXd x = ramp(20, {40, 60, 200});
  const auto r = treat_outliers_coinr(x, "x", {});
  CHECK(r.skew_before == doctest::Approx(4.101862753865442).epsilon(1e-12));
  CHECK(r.kurtosis_before == doctest::Approx(18.004262068941788).epsilon(1e-12));
  CHECK(r.decision == OutlierDecision::winsorised);
  CHECK(r.points_tried == 2);
  REQUIRE(r.points.size() == 2);
  CHECK(r.points[0].unit == 21);
  CHECK(r.points[0].value == 60);
  CHECK(r.points[1].value == 200);
  CHECK(r.points[1].winsorised_to == 40);
  CHECK(x.tail(3) == seq({40, 40, 40}));
  CHECK(r.skew_after == doctest::Approx(1.3510987154300258).epsilon(1e-12));
  CHECK(r.kurtosis_after == doctest::Approx(1.248590017916288).epsilon(1e-12));
  // Mirrored (−x): skew −4.10 < 0, so the low end is winsorised: −200 -> −60, then −60s -> −40.
  Eigen::VectorXd m = -ramp(20, {40, 60, 200});
  const auto rm = treat_outliers_coinr(m, "m", {});
  CHECK(rm.decision == OutlierDecision::winsorised);
  CHECK(rm.points.size() == 2);
  CHECK(!rm.points[0].high);
  CHECK(m.tail(3) == seq({-40, -40, -40}));
  // NaN cells are ignored and left as they are.
  Eigen::VectorXd n = ramp(20, {40, 60, 200, NaN});
  const auto rn = treat_outliers_coinr(n, "n", {});
  CHECK(rn.points.size() == 2);
  CHECK(std::isnan(n[23]));
  CHECK(rn.skew_after == doctest::Approx(r.skew_after).epsilon(1e-12));
}

TEST_CASE("COINr treatment, log transform when winsorising up to the limit does not pass") {
  // Same indicator with a limit of 1 point: after 200 -> 60 it still fails (skew 2.0009,
  // kurtosis 3.572), the limit is reached: the winsorising is undone and log_CT applied to
  // the untreated values: log(x − min + 0.01 (max − min)) = log(x − 1 + 1.99) = log(x + 0.99).
  OutlierOptions o;
  o.max_points = 1;
  Eigen::VectorXd x = ramp(20, {40, 60, 200});
  const auto r = treat_outliers_coinr(x, "x", o);
  CHECK(r.decision == OutlierDecision::log);
  CHECK(r.log_transform);
  CHECK(r.points_tried == 1);
  CHECK(r.points.empty());
  CHECK(r.skew_winsorised == doctest::Approx(2.000859212678042).epsilon(1e-12));
  CHECK(r.kurtosis_winsorised == doctest::Approx(3.5719218985474708).epsilon(1e-12));
  CHECK(x[0] == doctest::Approx(std::log(1.99)));
  CHECK(x[22] == doctest::Approx(std::log(200.99)));
  CHECK(x[21] == doctest::Approx(std::log(60.99)));
  // Limit 0 (COINr's winmax = 0): no winsorising at all, straight to the log transform.
  o.max_points = 0;
  Eigen::VectorXd y = ramp(10, {30, 100});
  const auto r0 = treat_outliers_coinr(y, "y", o);
  CHECK(r0.decision == OutlierDecision::log);
  CHECK(r0.points_tried == 0);
  CHECK(r0.skew_winsorised == r0.skew_before);
  CHECK(y[11] == doctest::Approx(std::log(99 + 0.99)));
  CHECK(r0.passes_after == passes_skew_kurtosis(r0.skew_after, r0.kurtosis_after, o));
}

TEST_CASE("COINr treatment, undefined: too few values, or winsorising leaves no spread") {
  // A single spike among 9 zeros fails (skew √10, kurtosis 10); winsorising the 1 to 0 leaves
  // a constant, whose skewness is undefined: COINr stops with an error and keeps the
  // indicator untreated, and so does this.
  Eigen::VectorXd s = Eigen::VectorXd::Zero(10);
  s[9] = 1;
  const auto r = treat_outliers_coinr(s, "spike", {});
  CHECK(r.decision == OutlierDecision::undefined);
  CHECK(s[9] == 1);
  CHECK(!r.passes_after);
  Eigen::VectorXd t = seq({1, 2, 50});
  CHECK(treat_outliers_coinr(t, "three", {}).decision == OutlierDecision::undefined);
  CHECK(t == seq({1, 2, 50}));
}

TEST_CASE("COINr treatment: options and the composite step") {
  OutlierOptions o;
  o.skew_threshold = 0;
  o.max_points = -1;
  Eigen::MatrixXd x(4, 1);
  x << 1, 2, 3, 4;
  CHECK_THROWS_WITH_AS(treat_outliers_coinr(x, {"a"}, o), doctest::Contains("outliers.skew_threshold: must be a finite number > 0, got 0"),
                       ValidationError);
  CHECK_THROWS_WITH_AS(treat_outliers_coinr(x, {"a"}, o), doctest::Contains("outliers.max_points: must be >= 0, got -1"), ValidationError);
  CHECK_THROWS_WITH_AS(treat_outliers_coinr(x, {"a", "b"}, {}), doctest::Contains("got 2 names for 1 columns"), ValidationError);
  // In composite(): treated = the treatment of the imputed data; the table per indicator.
  Eigen::MatrixXd y(12, 2);
  y.col(0) = ramp(10, {30, 100});
  y.col(1) = ramp(12, {});
  CompositeOptions co;
  co.outliers = OutlierTreatment::coinr;
  std::vector<std::string> units;
  for (int i = 0; i < 12; ++i) units.push_back("u" + std::to_string(i));
  CompositeLevel idx{"index", {"I", "I"}, {}, Aggregation::arithmetic, 1};
  const auto r = composite(y, units, {"a", "b"}, {1, 1}, {idx}, co);
  REQUIRE(r.outliers.size() == 2);
  CHECK(r.outliers[0].decision == OutlierDecision::winsorised);
  CHECK(r.outliers[1].decision == OutlierDecision::pass);
  CHECK(r.treated(11, 0) == 30);
  CHECK(r.n_clipped[0] == 1);
  CHECK(r.normalised(11, 0) == doctest::Approx(100));
  CHECK(r.normalised(10, 0) == doctest::Approx(100));
  co.winsorise = true;
  CHECK_THROWS_WITH_AS(composite(y, units, {"a", "b"}, {1, 1}, {idx}, co), doctest::Contains("exclude each other"), ValidationError);
}
