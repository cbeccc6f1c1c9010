// Parameter: construction rules, central values, quantiles (hand calculations
// and published table values), range checks.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "impactchain/montecarlo.hpp"
#include "impactchain/parameter.hpp"

using impactchain::Distribution;
using impactchain::Parameter;
using impactchain::ParameterTable;
using impactchain::MonteCarloOptions;
using impactchain::ValidationError;

TEST_CASE("fixed parameter") {
  Parameter p(0.25);
  CHECK(p.is_fixed());
  CHECK(p.central() == 0.25);
  CHECK(p.quantile(0.1) == 0.25);
  CHECK(p.lower() == 0.25);
  CHECK(p.upper() == 0.25);
  CHECK_THROWS_AS(Parameter(std::nan("")), ValidationError);
  CHECK_THROWS_AS(Parameter(Parameter::inf), ValidationError);
}

TEST_CASE("uniform") {
  auto p = Parameter::uniform(2, 6);
  CHECK(p.central() == 4);           // mean (2 + 6) / 2
  CHECK(p.quantile(0.25) == 3);      // 2 + 0.25 * 4
  CHECK_THROWS_WITH_AS(Parameter::uniform(3, 3), "uniform needs low < high, got low=3, high=3", ValidationError);
}

TEST_CASE("triangular: central is the mode, quantile in closed form") {
  auto p = Parameter::triangular(0.2, 0.3, 0.45);
  CHECK(p.central() == 0.3);
  CHECK(p.mean() == doctest::Approx((0.2 + 0.3 + 0.45) / 3));
  // F(mode) = (0.3 - 0.2) / (0.45 - 0.2) = 0.4; below it x = a + sqrt(u (b - a)(c - a)).
  CHECK(p.quantile(0.4) == doctest::Approx(0.3));
  CHECK(p.quantile(0.1) == doctest::Approx(0.2 + std::sqrt(0.1 * 0.25 * 0.1)));
  // Above: x = b - sqrt((1 - u)(b - a)(b - c)).
  CHECK(p.quantile(0.9) == doctest::Approx(0.45 - std::sqrt(0.1 * 0.25 * 0.15)));
  CHECK_THROWS_AS(Parameter::triangular(0.5, 0.3, 0.45), ValidationError);
  CHECK_THROWS_AS(Parameter::triangular(0.3, 0.3, 0.3), ValidationError);
}

TEST_CASE("pert: mean (a + λm + b) / (λ + 2), symmetric median is the mode") {
  auto p = Parameter::pert(0, 3, 10);
  CHECK(p.central() == 3);
  CHECK(p.mean() == doctest::Approx((0 + 4 * 3 + 10) / 6.0));
  auto s = Parameter::pert(0, 5, 10);
  CHECK(s.quantile(0.5) == doctest::Approx(5).epsilon(1e-12));
  CHECK_THROWS_AS(Parameter::pert(0, 3, 10, 0), ValidationError);
}

TEST_CASE("normal: table values and truncation") {
  auto z = Parameter::normal(0, 1);
  // Standard normal table: Φ⁻¹(0.975) = 1.959963984540054.
  CHECK(z.quantile(0.975) == doctest::Approx(1.959963984540054).epsilon(1e-13));
  CHECK(z.central() == 0);
  auto t = Parameter::normal(0, 1, 0, Parameter::inf);  // half-normal
  // Mean of a half-normal: sqrt(2 / π).
  CHECK(t.mean() == doctest::Approx(std::sqrt(2 / M_PI)));
  CHECK(t.lower() == 0);
  // Median of the half-normal: Φ⁻¹(0.75) = 0.6744897501960817.
  CHECK(t.quantile(0.5) == doctest::Approx(0.6744897501960817).epsilon(1e-12));
  CHECK_THROWS_AS(Parameter::normal(0, 0), ValidationError);
  CHECK_THROWS_AS(Parameter::normal(0, 1, 1, 0), ValidationError);
  CHECK_THROWS_AS(Parameter::normal(0, 1, 50, 60), ValidationError);  // no mass there
}

TEST_CASE("lognormal") {
  auto p = Parameter::lognormal(1, 0.5);
  CHECK(p.mean() == doctest::Approx(std::exp(1 + 0.125)));
  CHECK(p.quantile(0.5) == doctest::Approx(std::exp(1.0)));
  auto m = Parameter::lognormal_from_moments(100, 20);
  CHECK(m.mean() == doctest::Approx(100));
  // sdlog² = ln(1 + (20/100)²) = ln 1.04
  CHECK(m.args()[1] == doctest::Approx(std::sqrt(std::log(1.04))));
  CHECK_THROWS_AS(Parameter::lognormal(0, -1), ValidationError);
  CHECK_THROWS_AS(Parameter::lognormal_from_moments(-1, 1), ValidationError);
}

TEST_CASE("beta: mean and uniform special case") {
  auto p = Parameter::beta(2, 6);
  CHECK(p.central() == doctest::Approx(0.25));
  auto u = Parameter::beta(1, 1, 10, 20);  // Beta(1,1) is uniform
  CHECK(u.quantile(0.3) == doctest::Approx(13));
  // Beta(2,1): F(x) = x², so Q(u) = sqrt(u).
  CHECK(Parameter::beta(2, 1).quantile(0.49) == doctest::Approx(0.7));
  CHECK_THROWS_AS(Parameter::beta(0, 1), ValidationError);
}

TEST_CASE("discrete: weights, sorting and quantile steps") {
  auto p = Parameter::discrete({3, 1, 2}, {1, 1, 2});
  CHECK(p.args() == std::vector<double>{1, 2, 3});
  CHECK(p.mean() == doctest::Approx((1 * 1 + 2 * 2 + 3 * 1) / 4.0));
  CHECK(p.quantile(0.2) == 1);   // P(X <= 1) = 0.25
  CHECK(p.quantile(0.5) == 2);   // P(X <= 2) = 0.75
  CHECK(p.quantile(0.8) == 3);
  CHECK_THROWS_AS(Parameter::discrete({}), ValidationError);
  CHECK_THROWS_AS(Parameter::discrete({1, 2}, {1}), ValidationError);
  CHECK_THROWS_AS(Parameter::discrete({1, 2}, {0, 0}), ValidationError);
  CHECK_THROWS_AS(Parameter::discrete({1, 2}, {-1, 2}), ValidationError);
}

TEST_CASE("discrete: weights count in proportion, however large (their sum as given would overflow)") {
  // 1e308 + 1e308 is infinite in doubles; the two weights are equal, so the mean is (0.1 + 0.2) / 2.
  const auto p = Parameter::discrete({0.1, 0.2}, {1e308, 1e308});
  CHECK(p.mean() == doctest::Approx(0.15));
  CHECK(p.central() == doctest::Approx(0.15));
  CHECK(p.quantile(0.49) == 0.1);
  CHECK(p.quantile(0.51) == 0.2);
  CHECK(p.weights() == std::vector<double>{1e308, 1e308});  // as given, for the file written back
  // The same proportions at any scale: {3e307, 1e308, 6e307} is {3, 10, 6} / 19.
  const auto q = Parameter::discrete({1, 2, 3}, {3e307, 1e308, 6e307});
  CHECK(q.mean() == doctest::Approx((1 * 3 + 2 * 10 + 3 * 6) / 19.0));
  CHECK(q.quantile(3.0 / 19 - 1e-9) == 1);
  CHECK(q.quantile(13.0 / 19 - 1e-9) == 2);
  CHECK(q.quantile(13.0 / 19 + 1e-9) == 3);
  // Tiny weights too (subnormal): the proportions stay.
  CHECK(Parameter::discrete({1, 2}, {1e-320, 3e-320}).mean() == doctest::Approx(1.75).epsilon(1e-3));
  // Ordinary weights give the numbers they always gave (scaling by a power of two is exact).
  CHECK(Parameter::discrete({3, 1, 2}, {1, 1, 2}).mean() == (1 * 1 + 2 * 2 + 3 * 1) / 4.0);
  // Draws follow the weights: half of them 0.1 (before, every draw was 0.2: u·∞ is ∞).
  ParameterTable t;
  t.add("w", p);
  MonteCarloOptions o;
  o.draws = 20000;
  o.seed = 5;
  o.keep_parameters = true;
  const auto r = impactchain::simulate(t, [](const double*, double* out) { out[0] = 0; }, {"zero"}, o);
  const auto col = r.parameter_draws.col(0);
  const double share = static_cast<double>((col.array() == 0.1).count()) / static_cast<double>(o.draws);
  CHECK(std::fabs(share - 0.5) <= 5 * std::sqrt(0.25 / o.draws));
  CHECK((col.array() == 0.1 || col.array() == 0.2).all());
}

TEST_CASE("check_within names the range and the offending reach") {
  CHECK(Parameter(0.3).check_within(0, 1).empty());
  CHECK(Parameter(1.3).check_within(0, 1) == "must be in [0, 1], got 1.3");
  CHECK(Parameter::normal(0.5, 0.1).check_within(0, 1) ==
        "must be in [0, 1], but the normal distribution reaches [-inf, inf] (truncate it with lower/upper)");
  CHECK(Parameter::normal(0.5, 0.1, 0, 1).check_within(0, 1).empty());
  // A share's range written in percentages gets the percentage hint a fixed 30 gets; 1.5 is a slip.
  CHECK(Parameter::uniform(10, 30).check_within(0, 1) ==
        "must be in [0, 1], but the uniform distribution reaches [10, 30] (percentages? write its numbers as shares: "
        "30 % is 0.3)");
  CHECK(Parameter::triangular(0.1, 0.2, 1.5).check_within(0, 1) ==
        "must be in [0, 1], but the triangular distribution reaches [0.1, 1.5]");
  CHECK(Parameter::uniform(10, 300).check_within(0, 1).find("percentages?") == std::string::npos);
}

TEST_CASE("parameter table") {
  ParameterTable t;
  CHECK(t.add("a", Parameter(1)) == 0);
  CHECK(t.add("b", Parameter::uniform(0, 2)) == 1);
  CHECK(t.centrals() == std::vector<double>{1, 1});
  CHECK(t.uncertain() == std::vector<std::size_t>{1});
  CHECK(t[1].name == "b");
}

// Domains: every distribution's arguments are checked when the parameter is
// made, so that sampling and the inverse CDF always end quickly and stay finite.
TEST_CASE("domains: each distribution names the argument and the accepted range") {
  using Catch = ValidationError;
  // Beta shapes in (0, 1e6]: at 1e50 Boost's ibeta_inv does not return.
  CHECK_THROWS_WITH_AS(Parameter::beta(1e50, 1e50), "beta alpha must be in (0, 1000000], got 1e+50", Catch);
  CHECK_THROWS_WITH_AS(Parameter::beta(2, 2e6), "beta beta must be in (0, 1000000], got 2000000", Catch);
  CHECK_THROWS_WITH_AS(Parameter::beta(0, 1), "beta alpha must be in (0, 1000000], got 0", Catch);
  CHECK_THROWS_WITH_AS(Parameter::beta(1, 1, -1e308, 1e308), doctest::Contains("high - low must be finite"), Catch);
  // PERT lambda in (0, 1e3]: at 1e300 the beta shapes overflow.
  CHECK_THROWS_WITH_AS(Parameter::pert(0, 1, 2, 1e300), "pert lambda must be in (0, 1000], got 1e+300", Catch);
  CHECK_THROWS_WITH_AS(Parameter::pert(0, 1, 2, -1), "pert lambda must be in (0, 1000], got -1", Catch);
  // Lognormal: sdlog in (0, 10] (sdlog = 50 gives exp(1250): infinite), |meanlog| <= 500.
  CHECK_THROWS_WITH_AS(Parameter::lognormal(0, 50), doctest::Contains("lognormal sdlog must be in (0, 10], got 50"), Catch);
  CHECK_THROWS_WITH_AS(Parameter::lognormal(800, 1), doctest::Contains("lognormal meanlog must be in [-500, 500], got 800"), Catch);
  CHECK_THROWS_WITH_AS(Parameter::lognormal_from_moments(1, 1e30), doctest::Contains("lognormal needs sd/mean <="), Catch);
  // Normal: sd > 0 and |mean| + 40 sd finite.
  CHECK_THROWS_WITH_AS(Parameter::normal(0, 1e307), doctest::Contains("|mean| + 40*sd must be finite"), Catch);
  CHECK_THROWS_WITH_AS(Parameter::normal(0, -1), "normal needs sd > 0, got -1", Catch);
  CHECK_THROWS_WITH_AS(Parameter::normal(std::nan(""), 1), "normal mean must be finite, got nan", Catch);
  // Uniform and triangular: ordered bounds, finite width.
  CHECK_THROWS_WITH_AS(Parameter::uniform(-1e308, 1e308), doctest::Contains("uniform range is too wide"), Catch);
  CHECK_THROWS_WITH_AS(Parameter::triangular(-1e308, 0, 1e308), doctest::Contains("triangular range is too wide"), Catch);
  CHECK_THROWS_WITH_AS(Parameter::uniform(2, 1), "uniform needs low < high, got low=2, high=1", Catch);
}

TEST_CASE("domains: the largest accepted arguments give finite quantiles") {
  // Beta(1e6, 1e6) is symmetric: its median is exactly 1/2; its SD is
  // sqrt(ab / ((a + b)^2 (a + b + 1))) = sqrt(1 / (4 (2e6 + 1))) = 3.5355e-4,
  // so the 0.975 quantile is about 0.5 + 1.96 * 3.5355e-4 = 0.500693.
  const auto b = Parameter::beta(Parameter::max_beta_shape, Parameter::max_beta_shape);
  CHECK(b.quantile(0.5) == doctest::Approx(0.5).epsilon(1e-12));
  CHECK(b.quantile(0.975) == doctest::Approx(0.5 + 1.959964 * std::sqrt(1 / (4 * (2e6 + 1)))).epsilon(1e-5));
  // PERT(0, 1, 2, 1000): Beta(501, 501) on [0, 2], median 1.
  CHECK(Parameter::pert(0, 1, 2, Parameter::max_pert_lambda).quantile(0.5) == doctest::Approx(1).epsilon(1e-12));
  // Lognormal(500, 10): the mean exp(500 + 50) and the quantile at 1 - 2^-53
  // (z = 8.2924) exp(500 + 82.92) are finite.
  const auto ln = Parameter::lognormal(Parameter::max_abs_meanlog, Parameter::max_sdlog);
  CHECK(std::isfinite(ln.mean()));
  CHECK(ln.mean() == doctest::Approx(std::exp(550.0)));
  CHECK(std::isfinite(ln.quantile(1 - 0x1.0p-53)));
  CHECK(ln.quantile(0.5) == doctest::Approx(std::exp(500.0)));
  // Tiny beta shapes stay finite too.
  const auto t = Parameter::beta(1e-8, 1e-8);
  for (double u : {1e-12, 0.25, 0.5, 0.75, 1 - 1e-12}) {
    const double x = t.quantile(u);
    CHECK(std::isfinite(x));
    CHECK(x >= 0);
    CHECK(x <= 1);
  }
}

TEST_CASE("describe names the distribution and its arguments") {
  CHECK(Parameter::beta(2, 5).describe() == "beta(alpha=2, beta=5, low=0, high=1)");
  CHECK(Parameter::pert(0, 1, 3).describe() == "pert(low=0, mode=1, high=3, lambda=4)");
  CHECK(Parameter::discrete({1, 2, 3}).describe() == "discrete(3 values)");
}
