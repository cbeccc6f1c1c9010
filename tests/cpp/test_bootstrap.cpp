#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <random>

#include "impactchain/bootstrap.hpp"
#include "impactchain/change.hpp"
#include "impactchain/error.hpp"
#include "impactchain/reliability.hpp"
#include "support.hpp"

using namespace impactchain;
namespace {

Eigen::MatrixXd likert(int n, int k, unsigned seed) {
  std::mt19937_64 g(seed);
  std::normal_distribution<double> z;
  Eigen::MatrixXd x(n, k);
  for (int i = 0; i < n; ++i) {
    const double t = z(g);
    for (int j = 0; j < k; ++j) x(i, j) = std::min(5.0, std::max(1.0, std::round(3 + t + 0.8 * z(g))));
  }
  return x;
}
}  // namespace

TEST_CASE("bootstrap_mean: same seed gives bit-identical output for any thread count") {
  std::mt19937_64 g(1);
  std::normal_distribution<double> z;
  Eigen::VectorXd x(3000);
  for (auto& v : x) v = z(g);
  BootstrapOptions o;
  o.resamples = 500;
  o.seed = 42;
  o.keep_replicates = true;
  o.threads = 1;
  const BootstrapResult a = bootstrap_mean(x, o);
  o.threads = 2;
  const BootstrapResult b = bootstrap_mean(x, o);
  o.threads = 3;
  const BootstrapResult c = bootstrap_mean(x, o);
  CHECK(a.replicates == b.replicates);
  CHECK(a.replicates == c.replicates);
  CHECK(a.ci_low == c.ci_low);
  CHECK(a.ci_high == c.ci_high);
  o.seed = 43;
  const BootstrapResult d = bootstrap_mean(x, o);
  CHECK(d.replicates != a.replicates);
}

TEST_CASE("bootstrap and distance travelled default to seed 2026, all threads and 95 % intervals") {
  std::mt19937_64 g(3);
  std::normal_distribution<double> z;
  Eigen::VectorXd x(200);
  for (auto& v : x) v = z(g);
  const BootstrapOptions d;
  CHECK(d.seed == 2026);
  CHECK(d.threads == 0);
  CHECK(d.level == 0.95);
  BootstrapOptions given;
  given.seed = 2026;
  given.threads = 1;
  given.level = 0.95;
  BootstrapOptions seed0 = given;
  seed0.seed = 0;
  const BootstrapResult a = bootstrap_mean(x, d), b = bootstrap_mean(x, given), c = bootstrap_mean(x, seed0);
  CHECK(a.seed == 2026);
  CHECK(a.ci_low == b.ci_low);  // bit for bit
  CHECK(a.ci_high == b.ci_high);
  CHECK(a.ci_low != c.ci_low);
  const ChangeOptions co;
  CHECK(co.seed == 2026);
  CHECK(co.threads == 0);
  CHECK(co.ci_level == 0.95);
  CHECK(effect_size(x, x.array() + 1.0).ci_level == 0.95);
}

TEST_CASE("bootstrap_mean: interval close to the normal-theory interval for a large normal sample") {
  std::mt19937_64 g(7);
  std::normal_distribution<double> z(10.0, 2.0);
  Eigen::VectorXd x(5000);
  for (auto& v : x) v = z(g);
  BootstrapOptions o;
  o.resamples = 2000;
  o.seed = 3;
  for (auto m : {BootstrapCi::percentile, BootstrapCi::bca}) {
    o.method = m;
    const BootstrapResult r = bootstrap_mean(x, o);
    const double sd = std::sqrt((x.array() - x.mean()).square().sum() / 4999.0);
    const double half = 1.959963984540054 * sd / std::sqrt(5000.0);  // t ~ z for n = 5000
    CHECK(r.estimate == doctest::Approx(x.mean()).epsilon(1e-13));
    CHECK(r.se == doctest::Approx(sd / std::sqrt(5000.0)).epsilon(0.08));  // MC error of an SD from B = 2000: ~1.6 %
    CHECK(r.ci_low == doctest::Approx(x.mean() - half).epsilon(0.002));
    CHECK(r.ci_high == doctest::Approx(x.mean() + half).epsilon(0.002));
  }
}

TEST_CASE("bootstrap_alpha: estimate equals listwise alpha, thread-invariant, missing rows counted") {
  Eigen::MatrixXd x = likert(800, 6, 11);
  x(3, 2) = NaN;
  BootstrapOptions o;
  o.resamples = 300;
  o.seed = 9;
  o.keep_replicates = true;
  const BootstrapResult a = bootstrap_alpha(x, o);
  const AlphaResult ref = cronbach_alpha(x, MissingPolicy::listwise);
  CHECK(a.estimate == doctest::Approx(ref.alpha).epsilon(1e-12));
  CHECK(a.n == 799);
  CHECK(a.warnings.size() >= 1);
  o.threads = 2;
  const BootstrapResult b = bootstrap_alpha(x, o);
  CHECK(a.replicates == b.replicates);
  CHECK(a.ci_low < a.estimate);
  CHECK(a.ci_high > a.estimate);
  // Feldt and bootstrap intervals agree roughly for well-behaved data
  CHECK(std::abs((a.ci_high - a.ci_low) - (ref.ci_high - ref.ci_low)) < 0.5 * (ref.ci_high - ref.ci_low));
}

TEST_CASE("bootstrap bad input") {
  BootstrapOptions o;
  o.resamples = 10;
  CHECK_THROWS_WITH_AS(bootstrap_mean(Eigen::VectorXd::LinSpaced(10, 0, 1), o), doctest::Contains("resamples"), ValidationError);
  o.resamples = 200;
  Eigen::VectorXd x = Eigen::VectorXd::LinSpaced(10, 0, 1);
  x[4] = NaN;
  CHECK_THROWS_WITH_AS(bootstrap_mean(x, o), doctest::Contains("x[4]"), ValidationError);
  o.level = 1.2;
  CHECK_THROWS_WITH_AS(bootstrap_mean(Eigen::VectorXd::LinSpaced(10, 0, 1), o), doctest::Contains("level"), ValidationError);
  o.level = 0.95;
  Eigen::MatrixXd c(5, 2);
  c << 1, 2, 1, 3, 1, 4, 1, 5, 1, 1;
  CHECK_THROWS_WITH_AS(bootstrap_alpha(c, o), doctest::Contains("constant"), ValidationError);
  CHECK_THROWS_WITH_AS(from_string<BootstrapCi>("normal"), "method: must be one of 'percentile', 'bca', got 'normal'", ValidationError);
  CHECK(from_string<BootstrapCi>("BCa") == BootstrapCi::bca);  // an accepted alias
  CHECK(std::string(to_string(BootstrapCi::bca)) == "bca");
}

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

TEST_CASE("bootstrap_mean on few distinct values (multinomial path): thread-invariant, matches normal theory") {
  std::mt19937_64 g(21);
  std::uniform_int_distribution<int> d(-5, 5);
  Eigen::VectorXd x(20000);
  for (auto& v : x) v = d(g);
  BootstrapOptions o;
  o.resamples = 2000;
  o.seed = 4;
  o.keep_replicates = true;
  o.method = BootstrapCi::percentile;
  const BootstrapResult a = bootstrap_mean(x, o);
  o.threads = 2;
  const BootstrapResult b = bootstrap_mean(x, o);
  CHECK(a.replicates == b.replicates);
  REQUIRE_FALSE(a.warnings.empty());
  CHECK(a.warnings[0].text.find("multinomial") != std::string::npos);
  const double sd = std::sqrt((x.array() - x.mean()).square().sum() / (x.size() - 1.0));
  const double se = sd / std::sqrt(static_cast<double>(x.size()));
  CHECK(a.se == doctest::Approx(se).epsilon(0.08));
  CHECK(std::abs(a.ci_low - (x.mean() - 1.959963984540054 * se)) < 0.2 * se);
  CHECK(std::abs(a.ci_high - (x.mean() + 1.959963984540054 * se)) < 0.2 * se);
}

TEST_CASE("bootstrap: resamples ceiling and cancellation") {
  Eigen::VectorXd x(50);
  for (int i = 0; i < 50; ++i) x[i] = i;  // 50 distinct values: resampled by index
  BootstrapOptions o;
  o.resamples = max_resamples + 1;
  CHECK_THROWS_WITH_AS(bootstrap_mean(x, o), doctest::Contains("resamples: must be in [100, 10000000], got 10000001"),
                       ValidationError);
  // 10^7 resamples of 10^5 observations (10^12 index draws) cannot finish
  // before the hook is first asked (after 20 ms), which stops the run.
  Eigen::VectorXd big = Eigen::VectorXd::LinSpaced(100000, 0, 1);
  o.resamples = max_resamples;
  for (int threads : {1, 2}) {
    o.threads = threads;
    int asked = 0;
    o.cancelled = [&asked] { return ++asked >= 1; };
    CHECK_THROWS_AS(bootstrap_mean(big, o), Cancelled);
    CHECK(asked == 1);
  }
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
