// Distance travelled (change.hpp): paired change per person and group, its effect size and
// interval, the reliable change index, groups too small or too uniform for an effect size, and
// cancellation. tests/python/test_bootstrap.py mirrors these.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "impactchain/bootstrap.hpp"
#include "impactchain/change.hpp"
#include "impactchain/error.hpp"
#include "support.hpp"

using namespace impactchain;

TEST_CASE("distance_travelled: per-group change, RCI shares, hand calculation") {
  // pre/post for 6 people in 2 groups; reliability 0.75, sd_pre given as 4:
  // SE_diff = 4 * sqrt(2) * sqrt(0.25) = 2 * sqrt(2) = 2.828427; RCI = change / 2.828427
  Eigen::VectorXd pre(6), post(6);
  pre << 10, 12, 14, 20, 22, NaN;
  post << 16, 13, 8, 21, 30, 25;
  const std::vector<std::string> grp = {"A", "A", "A", "B", "B", "B"};
  ChangeOptions o;
  o.reliability = 0.75;
  o.sd_pre = 4;
  o.resamples = 0;
  const DistanceTravelled r = distance_travelled(pre, post, grp, o);
  CHECK(r.se_difference == doctest::Approx(2 * std::sqrt(2.0)).epsilon(1e-14));
  // changes 6, 1, -6, 1, 8: RCI 2.12, 0.35, -2.12, 0.35, 2.83
  REQUIRE(r.groups.size() == 3);
  const GroupChange& all = r.groups[0];
  CHECK(all.group == "all");
  CHECK(all.n == 5);
  CHECK(all.n_incomplete == 1);
  CHECK(all.mean_change == doctest::Approx(2.0));
  CHECK(all.n_improved == 2);
  CHECK(all.n_deteriorated == 1);
  CHECK(all.share_improved == doctest::Approx(0.4));
  const GroupChange& a = r.groups[1];
  CHECK(a.group == "A");
  CHECK(a.mean_change == doctest::Approx(1.0 / 3));
  // changes 6, 1, -6: mean 1/3, SD sqrt(((17/3)^2 + (2/3)^2 + (19/3)^2)/2) = sqrt(654/18)
  CHECK(a.sd_change == doctest::Approx(std::sqrt(654.0 / 18)).epsilon(1e-13));
  CHECK(a.effect.kind == EffectSizeKind::dz);
  CHECK(a.effect.value == doctest::Approx((1.0 / 3) / std::sqrt(654.0 / 18)).epsilon(1e-13));
  CHECK(a.share_deteriorated == doctest::Approx(1.0 / 3));
  CHECK(r.groups[2].n == 2);
  CHECK(r.groups[2].n_incomplete == 1);
  // lower is better: improvement and deterioration swap
  o.higher_is_better = false;
  const DistanceTravelled s = distance_travelled(pre, post, grp, o);
  CHECK(s.groups[0].n_improved == 1);
  CHECK(s.groups[0].n_deteriorated == 2);
}

TEST_CASE("distance_travelled: a person without a group label is counted in all only") {
  // Two people of group A (changes 2 and 4), one of B without an after score, and two whose group
  // is not known (""): one without an after score, one without a before score.
  Eigen::VectorXd pre(5), post(5);
  pre << 10, 10, 20, 30, NaN;
  post << 12, 14, NaN, NaN, 40;
  const std::vector<std::string> grp = {"A", "A", "B", "", ""};
  ChangeOptions o;
  o.resamples = 200;
  o.seed = 3;
  const DistanceTravelled r = distance_travelled(pre, post, grp, o);
  REQUIRE(r.groups.size() == 3);  // all, A, B: no group named ""
  CHECK(r.groups[0].group == "all");
  CHECK(r.groups[0].n == 2);
  CHECK(r.groups[0].n_incomplete == 3);  // B's and the two not known
  CHECK(r.groups[0].mean_change == doctest::Approx(3.0));
  CHECK(r.groups[1].group == "A");
  CHECK(r.groups[2].group == "B");
  CHECK(r.groups[2].n_incomplete == 1);
  // The groups keep their bootstrap streams: as without the people not known.
  Eigen::VectorXd pre3 = pre.head(3), post3 = post.head(3);
  const DistanceTravelled known = distance_travelled(pre3, post3, {"A", "A", "B"}, o);
  CHECK(r.groups[1].change_ci.ci_low == known.groups[1].change_ci.ci_low);
  CHECK(r.groups[1].change_ci.stream == known.groups[1].change_ci.stream);
}

TEST_CASE("distance_travelled: bootstrap per group uses separate streams and reports missing RCI inputs") {
  std::mt19937_64 g(5);
  std::normal_distribution<double> z;
  Eigen::VectorXd pre(400), post(400);
  std::vector<std::string> grp;
  for (int i = 0; i < 400; ++i) {
    pre[i] = 40 + 5 * z(g);
    post[i] = pre[i] + 2 + 3 * z(g);
    grp.push_back(i % 2 ? "x" : "y");
  }
  ChangeOptions o;
  o.resamples = 400;
  o.seed = 1;
  const DistanceTravelled r = distance_travelled(pre, post, grp, o);
  CHECK(r.groups[0].has_bootstrap);
  CHECK_FALSE(r.groups[0].has_rci);
  CHECK(r.groups[0].change_ci.ci_low < r.groups[0].mean_change);
  CHECK(r.groups[0].change_ci.ci_high > r.groups[0].mean_change);
  CHECK(r.groups[1].change_ci.stream == 1);
  bool warned = false;
  for (const auto& w : r.warnings) warned = warned || w.text.find("reliability") != std::string::npos;
  CHECK(warned);
  o.threads = 2;
  const DistanceTravelled r2 = distance_travelled(pre, post, grp, o);
  CHECK(r2.groups[2].change_ci.ci_low == r.groups[2].change_ci.ci_low);
}

TEST_CASE("distance_travelled: a spread of 0 leaves the effect size undefined, the change stands") {
  // Group x: everyone +1 (4→5, 5→6, 6→7): mean change 1, SD of the changes 0, so d_z = 1 / 0 is
  // not defined; every resample of the changes has mean 1, so the interval is [1, 1]. Group y:
  // changes +1, +3: mean 2, SD sqrt(2), d_z = 2 / sqrt(2) = sqrt(2).
  Eigen::VectorXd pre(5), post(5);
  pre << 4, 5, 6, 10, 10;
  post << 5, 6, 7, 11, 13;
  const std::vector<std::string> grp{"x", "x", "x", "y", "y"};
  ChangeOptions o;
  o.resamples = 200;
  const DistanceTravelled r = distance_travelled(pre, post, grp, o);
  REQUIRE(r.groups.size() == 3);  // all, x, y
  const GroupChange& x = r.groups[1];
  CHECK(x.group == "x");
  CHECK(x.mean_change == doctest::Approx(1.0));
  CHECK(x.sd_change == 0.0);
  CHECK(std::isnan(x.effect.value));
  CHECK(std::isnan(x.effect.ci_low));
  CHECK(x.effect.kind == EffectSizeKind::dz);
  CHECK(x.change_ci.ci_low == doctest::Approx(1.0));
  CHECK(x.change_ci.ci_high == doctest::Approx(1.0));
  CHECK(r.groups[2].effect.value == doctest::Approx(std::sqrt(2.0)));
  int undefined = 0;
  for (const auto& w : r.warnings)
    if (w.code == "change.effect_size_undefined") {
      ++undefined;
      CHECK(w.text.find("group 'x': effect size dz not defined") == 0);
    }
  CHECK(undefined == 1);
  // d_av divides by the SDs of the scores: with every score equal before and after, it is undefined too.
  Eigen::VectorXd same = Eigen::VectorXd::Constant(3, 5.0);
  o.kind = EffectSizeKind::dav;
  const DistanceTravelled flat = distance_travelled(same, same, {}, o);
  CHECK(std::isnan(flat.groups[0].effect.value));
  CHECK(flat.groups[0].mean_change == 0.0);
}

TEST_CASE("distance_travelled: d_av of a group of two pairs has no interval, with the group named") {
  // Group x: pre 10, 14, post 13, 20 (r = 1: two pairs always lie on a line). Group y: pre 10, 14,
  // 12, post 13, 20, 14 (r = 7 / sqrt(4 * 43/3) < 1): its interval stands.
  Eigen::VectorXd pre(5), post(5);
  pre << 10, 14, 10, 14, 12;
  post << 13, 20, 13, 20, 14;
  const std::vector<std::string> grp{"x", "x", "y", "y", "y"};
  ChangeOptions o;
  o.kind = EffectSizeKind::dav;
  o.resamples = 0;
  const DistanceTravelled r = distance_travelled(pre, post, grp, o);
  REQUIRE(r.groups.size() == 3);  // all, x, y
  const GroupChange& x = r.groups[1];
  CHECK(x.effect.value == doctest::Approx(4.5 / std::sqrt(16.25)).epsilon(1e-14));
  CHECK(std::isnan(x.effect.ci_low));
  CHECK(std::isnan(x.effect.ci_high));
  CHECK(x.mean_change == doctest::Approx(4.5));
  CHECK(std::isfinite(r.groups[2].effect.ci_low));
  CHECK(r.groups[2].effect.ci_low < r.groups[2].effect.ci_high);
  int said = 0;
  for (const auto& w : r.warnings)
    if (w.code == "change.dav_perfect_correlation") {
      ++said;
      CHECK(w.text.rfind("group 'x': effect size d_av has no interval: post and pre are perfectly correlated over 2 "
                         "pairs (r = 1)", 0) == 0);
    }
  CHECK(said == 1);
}

TEST_CASE("distance_travelled bad input") {
  Eigen::VectorXd pre(3), post(2);
  pre << 1, 2, 3;
  post << 1, 2;
  CHECK_THROWS_WITH_AS(distance_travelled(pre, post), doctest::Contains("post: has 2 values, pre has 3"), ValidationError);
  Eigen::VectorXd post3(3);
  post3 << 2, 3, 5;
  ChangeOptions o;
  o.reliability = 1.0;
  CHECK_THROWS_WITH_AS(distance_travelled(pre, post3, {}, o), doctest::Contains("reliability: must be in (0, 1)"), ValidationError);
  o.reliability = 0.8;
  o.resamples = 50;
  CHECK_THROWS_WITH_AS(distance_travelled(pre, post3, {}, o), doctest::Contains("resamples"), ValidationError);
  o.resamples = 0;
  CHECK_THROWS_WITH_AS(distance_travelled(pre, post3, {"a"}, o), doctest::Contains("groups: has 1 labels"), ValidationError);
  // "all" is everyone together, the result's first group: a group of that name would be a second "all".
  CHECK_THROWS_WITH_AS(distance_travelled(pre, post3, {"a", "all", "all"}, o),
                       doctest::Contains("groups[1]: 'all' is the name of everyone together"), ValidationError);
}

TEST_CASE("distance_travelled: a cancellation hook stops the group loop and each group's bootstrap") {
  // 4·10^5 people, every pair its own group (2·10^5 groups), no bootstrap: grouping and
  // the group loop take longer than the first question (after 20 ms) and stop there.
  const Eigen::Index many = 400000;
  const Eigen::VectorXd pre4 = Eigen::VectorXd::LinSpaced(many, 0, 1), post4 = pre4.array() * 1.5 + 0.5;  // changes that vary (a constant change has no d_z)
  std::vector<std::string> grp(static_cast<std::size_t>(many));
  for (Eigen::Index i = 0; i < many; ++i) grp[static_cast<std::size_t>(i)] = "g" + std::to_string(i / 2);
  ChangeOptions o;
  o.resamples = 0;
  int asked = 0;
  o.cancelled = [&asked] { return ++asked >= 1; };
  CHECK_THROWS_AS(distance_travelled(pre4, post4, grp, o), Cancelled);
  CHECK(asked == 1);
  // One group, 10^7 resamples of 10^5 changes (10^12 index draws): the bootstrap stops.
  const Eigen::Index n = 100000;
  const Eigen::VectorXd pre = Eigen::VectorXd::LinSpaced(n, 0, 1), post = pre.array() * 1.5 + 0.5;
  o.resamples = max_resamples;
  for (int threads : {1, 2}) {
    o.threads = threads;
    asked = 0;
    CHECK_THROWS_AS(distance_travelled(pre, post, {}, o), Cancelled);
    CHECK(asked == 1);
  }
  // A hook that never cancels changes nothing, and the result does not keep it.
  ChangeOptions a;
  a.resamples = 200;
  ChangeOptions b = a;
  b.cancelled = [] { return false; };
  const DistanceTravelled ra = distance_travelled(pre, post, {}, a), rb = distance_travelled(pre, post, {}, b);
  CHECK(ra.groups[0].change_ci.ci_low == rb.groups[0].change_ci.ci_low);
  CHECK_FALSE(rb.options.cancelled);
}

TEST_CASE("distance_travelled: a group of fewer than 2 pairs has its means and no effect size, never a 0") {
  // Group x: one pair, 4 -> 7: means 4 and 7, change 3, no spread. Group y: no complete pair (its post
  // is missing): no means. Group z: 2 -> 3, 2 -> 5: change 1 and 3, mean 2, SD sqrt(2), d_z sqrt(2).
  const double na = std::numeric_limits<double>::quiet_NaN();
  Eigen::VectorXd pre(4), post(4);
  pre << 4, 5, 2, 2;
  post << 7, na, 3, 5;
  ChangeOptions o;
  o.resamples = 0;
  const DistanceTravelled r = distance_travelled(pre, post, {"x", "y", "z", "z"}, o);
  REQUIRE(r.groups.size() == 4);  // all, x, y, z
  const GroupChange &x = r.groups[1], &y = r.groups[2];
  CHECK(x.n == 1);
  CHECK(x.mean_pre == 4.0);
  CHECK(x.mean_post == 7.0);
  CHECK(x.mean_change == 3.0);
  CHECK(std::isnan(x.sd_change));
  for (double v : {x.effect.value, x.effect.ci_low, x.effect.ci_high, x.effect.se}) CHECK(std::isnan(v));
  CHECK(x.effect.kind == EffectSizeKind::dz);
  CHECK(y.n == 0);
  CHECK(y.n_incomplete == 1);
  for (double v : {y.mean_pre, y.mean_post, y.mean_change, y.sd_change, y.effect.value}) CHECK(std::isnan(v));
  CHECK(r.groups[3].effect.value == doctest::Approx(std::sqrt(2.0)).epsilon(1e-14));
  int few = 0;
  for (const auto& w : r.warnings) few += w.code == "change.too_few_pairs";
  CHECK(few == 2);
}
