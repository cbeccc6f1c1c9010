#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "impactchain/effect_size.hpp"
#include "support.hpp"

using namespace impactchain;
namespace {
const double z975 = 1.959963984540054;  // standard normal 97.5% quantile
Eigen::VectorXd vec(std::initializer_list<double> v) {
  Eigen::VectorXd out(static_cast<Eigen::Index>(v.size()));
  Eigen::Index i = 0;
  for (double x : v) out[i++] = x;
  return out;
}
}  // namespace

TEST_CASE("effect sizes: hand calculation") {
  // a = 2, 4, 6 (mean 4, var 4); b = 1, 2, 3 (mean 2, var 1); pooled var = (2*4 + 2*1)/4 = 2.5
  const Eigen::VectorXd a = vec({2, 4, 6}), b = vec({1, 2, 3});
  const EffectSize d = effect_size(a, b, EffectSizeKind::d);
  CHECK(d.value == doctest::Approx(2 / std::sqrt(2.5)).epsilon(1e-14));
  CHECK(d.kind == EffectSizeKind::d);
  CHECK(d.convention.find("pooled SD") != std::string::npos);
  // var(d) = (3+3)/(3*3) + d^2/(2*6) = 2/3 + 1.6/12 = 0.8
  CHECK(d.se == doctest::Approx(std::sqrt(0.8)).epsilon(1e-14));
  CHECK(d.ci_low == doctest::Approx(2 / std::sqrt(2.5) - z975 * std::sqrt(0.8)).epsilon(1e-12));
  CHECK(d.ci_high == doctest::Approx(2 / std::sqrt(2.5) + z975 * std::sqrt(0.8)).epsilon(1e-12));
  // J = 1 - 3/(4*6 - 9) = 0.8
  const EffectSize g = effect_size(a, b, EffectSizeKind::g);
  CHECK(g.value == doctest::Approx(0.8 * 2 / std::sqrt(2.5)).epsilon(1e-14));
  CHECK(g.se == doctest::Approx(0.8 * std::sqrt(0.8)).epsilon(1e-14));
  // differences 1, 2, 3: mean 2, SD 1
  const EffectSize dz = effect_size(a, b, EffectSizeKind::dz);
  CHECK(dz.value == doctest::Approx(2.0).epsilon(1e-14));
  CHECK(dz.se == doctest::Approx(std::sqrt(1.0 / 3 + 4.0 / 6)).epsilon(1e-14));
  CHECK(dz.paired);
  // d_av = 2 / sqrt((4 + 1)/2); a = 2b so r = 1 and the approximate variance is 0
  const EffectSize dav = effect_size(a, b, EffectSizeKind::dav);
  CHECK(dav.value == doctest::Approx(2 / std::sqrt(2.5)).epsilon(1e-14));
  CHECK(dav.r == doctest::Approx(1.0));
  CHECK(std::isnan(dav.ci_low));  // no zero-width interval: see the d_av cases below
}

TEST_CASE("effect sizes: d_av of two pairs, perfectly correlated, has no interval and says why") {
  // pre 10, 14; post 13, 20: post = 1.75 pre - 4.5, so r = 1. Means 12 and 16.5, variances 8 and
  // 24.5, d_av = 4.5 / sqrt((24.5 + 8) / 2) = 4.5 / sqrt(16.25); eq 4.28 would give a variance of 0.
  const EffectSize e = effect_size(vec({13, 20}), vec({10, 14}), EffectSizeKind::dav, 0.95, {"post", "pre"});
  CHECK(e.value == doctest::Approx(4.5 / std::sqrt(16.25)).epsilon(1e-14));
  CHECK(e.r == doctest::Approx(1.0).epsilon(1e-12));
  CHECK(std::isnan(e.ci_low));
  CHECK(std::isnan(e.ci_high));
  CHECK(std::isnan(e.se));
  REQUIRE(e.warnings.size() == 1);
  CHECK(e.warnings[0].code == "effect_size.dav_perfect_correlation");
  CHECK(e.warnings[0].text ==
        "d_av has no interval: post and pre are perfectly correlated over 2 pairs (r = 1), and its "
        "normal-approximation variance (Borenstein et al. 2009 eq 4.28) is undefined then");
  // r = -1 (post falls as pre rises, on a line): no interval either.
  const EffectSize neg = effect_size(vec({6, 4, 2}), vec({1, 2, 3}), EffectSizeKind::dav);
  CHECK(std::isnan(neg.ci_low));
  REQUIRE(neg.warnings.size() == 1);
  CHECK(neg.warnings[0].text.find("over 3 pairs (r = -1)") != std::string::npos);
  // d_z of the same two pairs keeps its interval: its variance 1/n + d_z^2/(2n) does not use r.
  CHECK(std::isfinite(effect_size(vec({13, 20}), vec({10, 14}), EffectSizeKind::dz).ci_low));
}

TEST_CASE("effect sizes: d_av of three pairs with r below 1 keeps its interval, hand calculation") {
  // pre 10, 14, 12 (mean 12, ss 8, var 4); post 13, 20, 14 (mean 47/3, ss 258/9, var 43/3);
  // cov = ((-2)(-8/3) + 2(13/3) + 0)/2 = 7, r = 7 / sqrt(4 * 43/3).
  const EffectSize e = effect_size(vec({13, 20, 14}), vec({10, 14, 12}), EffectSizeKind::dav);
  const double r = 7 / std::sqrt(4 * 43.0 / 3), dav = (11.0 / 3) / std::sqrt((43.0 / 3 + 4) / 2);
  const double se = std::sqrt((1.0 / 3 + dav * dav / 6) * 2 * (1 - r));
  CHECK(e.r == doctest::Approx(r).epsilon(1e-14));
  CHECK(e.value == doctest::Approx(dav).epsilon(1e-14));
  CHECK(e.se == doctest::Approx(se).epsilon(1e-12));
  CHECK(e.ci_low == doctest::Approx(dav - z975 * se).epsilon(1e-12));
  CHECK(e.ci_high == doctest::Approx(dav + z975 * se).epsilon(1e-12));
  CHECK(e.warnings.empty());
}

TEST_CASE("effect sizes: d_av with imperfect correlation, hand calculation") {
  // a = 3, 5, 4, 8 (mean 5, ss 14, var 14/3); b = 1, 4, 3, 4 (mean 3, ss 6, var 2)
  // cov = ((-2)(-2) + 0*1 + (-1)*0 + 3*1)/3 = 7/3, r = (7/3)/sqrt(14/3 * 2)
  const Eigen::VectorXd a = vec({3, 5, 4, 8}), b = vec({1, 4, 3, 4});
  const EffectSize e = effect_size(a, b, EffectSizeKind::dav);
  const double dav = 2 / std::sqrt((14.0 / 3 + 2) / 2);
  const double r = (7.0 / 3) / std::sqrt(14.0 / 3 * 2);
  CHECK(e.value == doctest::Approx(dav).epsilon(1e-14));
  CHECK(e.r == doctest::Approx(r).epsilon(1e-14));
  CHECK(e.se == doctest::Approx(std::sqrt((0.25 + dav * dav / 8) * 2 * (1 - r))).epsilon(1e-12));
}

TEST_CASE("effect sizes: missing values are dropped and counted") {
  const Eigen::VectorXd a = vec({2, 4, NaN, 6}), b = vec({1, 2, 5, 3});
  const EffectSize dz = effect_size(a, b, EffectSizeKind::dz);
  CHECK(dz.n_dropped == 1);
  CHECK(dz.n_a == 3);
  CHECK(dz.value == doctest::Approx(2.0));
  CHECK(dz.warnings.size() == 1);
  const EffectSize d = effect_size(a, b, EffectSizeKind::d);
  CHECK(d.n_a == 3);
  CHECK(d.n_b == 4);
}

TEST_CASE("effect sizes bad input") {
  CHECK_THROWS_WITH_AS(effect_size(vec({1, 2, 3}), vec({1, 2}), EffectSizeKind::dz), doctest::Contains("equal length"), ValidationError);
  CHECK_THROWS_WITH_AS(effect_size(vec({1, 1}), vec({2, 2}), EffectSizeKind::d), doctest::Contains("pooled standard deviation is 0"), ValidationError);
  CHECK_THROWS_WITH_AS(effect_size(vec({1, 2, 3}), vec({0, 1, 2}), EffectSizeKind::dz), doctest::Contains("constant (SD 0)"), ValidationError);
  CHECK_THROWS_WITH_AS(effect_size(vec({1}), vec({0, 1, 2}), EffectSizeKind::d), doctest::Contains("at least 2"), ValidationError);
  // A change of exactly 1 on paper from item means (14/3 - 11/3 = 1.0000000000000004 in doubles):
  // the SD of the changes is rounding noise (about 2e-16), not a spread to divide by.
  const Eigen::VectorXd post = vec({14.0 / 3, 4.0, 17.0 / 3, 2.0 / 3 + 5, 0.1 + 0.2 + 1}),
                        pre = vec({11.0 / 3, 3.0, 14.0 / 3, 2.0 / 3 + 4, 0.1 + 0.2});
  const Eigen::VectorXd change = post - pre;
  REQUIRE(change.maxCoeff() != change.minCoeff());  // the noise is there, so the check below can fail
  CHECK_THROWS_WITH_AS(effect_size(post, pre, EffectSizeKind::dz), doctest::Contains("constant (SD 0)"), ValidationError);
  CHECK_THROWS_WITH_AS(effect_size(vec({1.1, 1.1 + 1e-15}), vec({2, 2}), EffectSizeKind::d),
                       doctest::Contains("pooled standard deviation is 0"), ValidationError);
  CHECK_THROWS_WITH_AS(from_string<EffectSizeKind>("cohen"), "kind: must be one of 'd', 'g', 'dz', 'dav', got 'cohen'", ValidationError);
  CHECK_THROWS_AS(effect_size(vec({1, 2}), vec({0, 1}), EffectSizeKind::d, 1.5), ValidationError);
  // Errors say a and b until the caller names them.
  CHECK_THROWS_WITH_AS(effect_size(vec({1, 2, 3}), vec({0, 1, 2}), EffectSizeKind::dz),
                       "a, b: the differences a - b are constant (SD 0): d_z is undefined", ValidationError);
  const EffectSizeNames named{"post", "pre"};
  CHECK_THROWS_WITH_AS(effect_size(vec({1, 2, 3}), vec({0, 1, 2}), EffectSizeKind::dz, 0.95, named),
                       "post, pre: the differences post - pre are constant (SD 0): d_z is undefined", ValidationError);
  CHECK_THROWS_WITH_AS(effect_size(vec({1, 2, 3}), vec({1, 2}), EffectSizeKind::dz, 0.95, named),
                       "pre: paired effect size 'dz' needs post and pre of equal length, got 3 and 2", ValidationError);
}

TEST_CASE("a constant side of a pair is named in the notice") {
  // pre all 5, post 1, 2, 3: changes -4, -3, -2 (mean -3, SD 1), so d_z = -3; r cannot be
  // computed with a constant side and is set to 0.
  const EffectSize e = effect_size(vec({1, 2, 3}), vec({5, 5, 5}), EffectSizeKind::dz, 0.95, EffectSizeNames{"post", "pre"});
  CHECK(e.value == doctest::Approx(-3.0));
  CHECK(e.r == 0.0);
  REQUIRE(e.warnings.size() == 1);
  CHECK(e.warnings[0].code == "effect_size.constant");
  CHECK(e.warnings[0].text == "pre is constant: correlation r set to 0");
  const EffectSize f = effect_size(vec({7, 7, 7}), vec({5, 6, 8}), EffectSizeKind::dz);
  REQUIRE(f.warnings.size() == 1);
  CHECK(f.warnings[0].text == "a is constant: correlation r set to 0");
}

TEST_CASE("effect sizes: d and g of paired measurements keep their value and take the paired interval") {
  // pre 1, 2, 3, 4 (mean 2.5, var 5/3); post 2, 4, 3, 7 (mean 4, var 14/3); cov 7/3, so
  // r = (7/3) / sqrt(14/3 * 5/3) = 7 / sqrt(70). Pooled SD sqrt((14/3 + 5/3)/2) = sqrt(19/6),
  // d = 1.5 / sqrt(19/6). Borenstein et al. (2009) eq 4.28 with n = 4 pairs:
  // var = (1/4 + d^2/8) * 2(1 - r); g = d * J, J = 1 - 3/(4*8 - 9) = 20/23, var(g) = J^2 var(d).
  const Eigen::VectorXd post = vec({2, 4, 3, 7}), pre = vec({1, 2, 3, 4});
  const double d = 1.5 / std::sqrt(19.0 / 6), r = 7 / std::sqrt(70.0);
  const double var_d = (0.25 + d * d / 8) * 2 * (1 - r), j = 20.0 / 23;
  const EffectSize ed = effect_size(post, pre, EffectSizeKind::d, 0.95, {"post", "pre"}, EffectSizeDesign::paired);
  CHECK(ed.value == doctest::Approx(d).epsilon(1e-14));
  CHECK(ed.paired);
  CHECK(ed.r == doctest::Approx(r).epsilon(1e-14));
  CHECK(ed.se == doctest::Approx(std::sqrt(var_d)).epsilon(1e-13));
  CHECK(ed.ci_low == doctest::Approx(d - z975 * std::sqrt(var_d)).epsilon(1e-12));
  CHECK(ed.ci_method.find("paired measurements") != std::string::npos);
  CHECK(ed.ci_method.find("4.28") != std::string::npos);
  const EffectSize eg = effect_size(post, pre, EffectSizeKind::g, 0.95, {"post", "pre"}, EffectSizeDesign::paired);
  CHECK(eg.value == doctest::Approx(j * d).epsilon(1e-14));
  CHECK(eg.se == doctest::Approx(j * std::sqrt(var_d)).epsilon(1e-13));
  CHECK(eg.ci_method.find("times J^2") != std::string::npos);
  // The independent interval of the same numbers (eq 4.20, 2n people) is wider here (r > 0).
  const EffectSize ind = effect_size(post, pre, EffectSizeKind::d);
  CHECK(ind.value == doctest::Approx(d).epsilon(1e-14));
  CHECK(ind.se == doctest::Approx(std::sqrt(8.0 / 16 + d * d / 16)).epsilon(1e-13));
  CHECK(ind.se > ed.se);
  CHECK_FALSE(ind.paired);
}

TEST_CASE("effect sizes: paired d drops incomplete pairs, and has no interval when perfectly correlated") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // The pair (nan, 9) is dropped as a pair: the values and interval are those of the four others.
  const EffectSize e = effect_size(vec({2, 4, 3, 7, nan}), vec({1, 2, 3, 4, 9}), EffectSizeKind::d, 0.95, {"post", "pre"},
                                   EffectSizeDesign::paired);
  CHECK(e.n_a == 4);
  CHECK(e.n_dropped == 1);
  CHECK(e.mean_b == doctest::Approx(2.5).epsilon(1e-14));
  REQUIRE_FALSE(e.warnings.empty());
  CHECK(e.warnings[0].code == "effect_size.pairs_dropped");
  // post = 1.75 pre - 4.5: r = 1, eq 4.28's variance is 0: no interval, said with the kind.
  const EffectSize g = effect_size(vec({13, 20}), vec({10, 14}), EffectSizeKind::g, 0.95, {"post", "pre"},
                                   EffectSizeDesign::paired);
  CHECK(std::isnan(g.ci_low));
  CHECK(std::isnan(g.se));
  REQUIRE(g.warnings.size() == 1);
  CHECK(g.warnings[0].code == "effect_size.dav_perfect_correlation");
  CHECK(g.warnings[0].text.rfind("g has no interval: post and pre are perfectly correlated over 2 pairs (r = 1)", 0) == 0);
  CHECK_THROWS_WITH_AS(effect_size(vec({1, 2, 3}), vec({1, 2}), EffectSizeKind::d, 0.95, {"post", "pre"},
                                   EffectSizeDesign::paired),
                       doctest::Contains("equal length"), ValidationError);
}
