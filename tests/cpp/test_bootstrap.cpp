#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

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

TEST_CASE("bootstrap_omega: estimate equals listwise omega, thread-invariant, a resample without a fit refused") {
  Eigen::MatrixXd x = likert(400, 5, 12);
  x(7, 1) = NaN;
  BootstrapOptions o;
  o.resamples = 200;
  o.seed = 4;
  o.keep_replicates = true;
  OmegaOptions fit;
  fit.missing = MissingPolicy::listwise;
  const BootstrapResult a = bootstrap_omega(x, fit, o);
  const OmegaResult ref = mcdonald_omega(x, fit);
  CHECK(a.estimate == ref.omega);
  CHECK(a.statistic == "mcdonald_omega (listwise, ml)");
  CHECK(a.n == 399);
  CHECK(has_code(a.warnings, "reliability.listwise"));
  o.threads = 2;
  const BootstrapResult b = bootstrap_omega(x, fit, o);
  CHECK(a.replicates == b.replicates);
  CHECK(a.ci_low < a.estimate);
  CHECK(a.ci_high > a.estimate);
  // Six respondents, five items: most resamples repeat respondents until the covariances are
  // singular, which the likelihood cannot fit; the run says how many, not an interval of the rest.
  o.method = BootstrapCi::percentile;
  CHECK_THROWS_WITH_AS(bootstrap_omega(likert(6, 5, 3), fit, o),
                       doctest::Contains("resamples have no omega ("), ValidationError);
}

TEST_CASE("bootstrap_hierarchical_omega: estimate, thread invariance and the jackknife's acceleration by hand") {
  // 300 respondents: a general trait, three group traits, three items each (0.6 g + 0.5 f + e).
  std::mt19937_64 gen(21);
  std::normal_distribution<double> z;
  Eigen::MatrixXd x(300, 9);
  for (int i = 0; i < 300; ++i) {
    const double g = z(gen), f[3] = {z(gen), z(gen), z(gen)};
    for (int j = 0; j < 9; ++j) x(i, j) = 0.6 * g + 0.5 * f[j / 3] + z(gen);
  }
  x(3, 4) = NaN;
  BootstrapOptions o;
  o.resamples = 200;
  o.seed = 9;
  o.keep_replicates = true;
  HierarchicalOmegaOptions fit;
  fit.missing = MissingPolicy::listwise;
  const BootstrapResult a = bootstrap_hierarchical_omega(x, fit, o);
  CHECK(a.estimate == hierarchical_omega(x, fit).omega_hierarchical);
  CHECK(a.statistic == "hierarchical_omega (listwise, 3 groups)");
  CHECK(a.n == 299);
  CHECK(has_code(a.warnings, "reliability.listwise"));
  // BCa's acceleration from the leave-one-out estimates: sum d^3 / (6 (sum d^2)^1.5), d = mean - each.
  Eigen::MatrixXd complete(299, 9);
  for (int i = 0, r = 0; i < 300; ++i)
    if (i != 3) complete.row(r++) = x.row(i);
  std::vector<double> jack;
  for (int i = 0; i < 299; ++i) {
    Eigen::MatrixXd without(298, 9);
    without << complete.topRows(i), complete.bottomRows(298 - i);
    jack.push_back(hierarchical_omega(without, fit).omega_hierarchical);
  }
  double mean = 0, d2 = 0, d3 = 0;
  for (double v : jack) mean += v / 299.0;
  for (double v : jack) {
    d2 += (mean - v) * (mean - v);
    d3 += (mean - v) * (mean - v) * (mean - v);
  }
  CHECK(a.acceleration == doctest::Approx(d3 / (6 * std::pow(d2, 1.5))).epsilon(1e-6));
  o.threads = 2;
  const BootstrapResult b = bootstrap_hierarchical_omega(x, fit, o);
  CHECK(a.replicates == b.replicates);
  CHECK(a.ci_low < a.estimate);
  CHECK(a.ci_high > a.estimate);
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

