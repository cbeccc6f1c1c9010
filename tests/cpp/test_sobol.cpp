// Sobol indices (Saltelli 2010 first order, Jansen 1999 total) against
// analytic values: the Ishigami function and a linear model with uniform inputs.
//
// Tolerance: each index comes with its Monte Carlo standard error (SD of the
// per-row estimator terms / √N, divided by V); we accept |est − exact| ≤ 5·se
// plus 0.005 for the bias of the ratio estimator with the estimated V
// (O(1/N), far below 0.005 at N = 2^15). We also require se < 0.02 so the
// check is not vacuous.
#include <doctest/doctest.h>

#include <cmath>

#include "impactchain/montecarlo.hpp"

using namespace impactchain;

TEST_CASE("Sobol indices of the Ishigami function (a = 7, b = 0.1)") {
  // f = sin x1 + a sin² x2 + b x3⁴ sin x1, x_i ~ U(−π, π) (Ishigami & Homma 1990).
  // Analytic partial variances (Sobol & Levitan 1999; Saltelli et al. 2008, §4.7):
  //   V1 = ½(1 + bπ⁴/5)²,  V2 = a²/8,  V13 = b²π⁸(1/18 − 1/50) = 8b²π⁸/225,  V3 = V12 = V23 = V123 = 0
  //   V = V1 + V2 + V13 = a²/8 + bπ⁴/5 + b²π⁸/18 + ½
  //   S1 = V1/V = 0.3139, S2 = V2/V = 0.4424, S3 = 0,
  //   ST1 = (V1 + V13)/V = 0.5576, ST2 = 0.4424, ST3 = V13/V = 0.2437.
  const double a = 7, b = 0.1, pi = M_PI;
  const double V1 = 0.5 * std::pow(1 + b * std::pow(pi, 4) / 5, 2), V2 = a * a / 8,
               V13 = 8 * b * b * std::pow(pi, 8) / 225, V = V1 + V2 + V13;
  CHECK(V == doctest::Approx(a * a / 8 + b * std::pow(pi, 4) / 5 + b * b * std::pow(pi, 8) / 18 + 0.5));
  const double S[3] = {V1 / V, V2 / V, 0}, ST[3] = {(V1 + V13) / V, V2 / V, V13 / V};
  CHECK(S[0] == doctest::Approx(0.3139).epsilon(1e-3));
  CHECK(ST[2] == doctest::Approx(0.2437).epsilon(1e-3));

  ParameterTable t;
  for (int i = 1; i <= 3; ++i) t.add("x" + std::to_string(i), Parameter::uniform(-pi, pi));
  auto f = [&](const double* x, double* out) {
    out[0] = std::sin(x[0]) + a * std::pow(std::sin(x[1]), 2) + b * std::pow(x[2], 4) * std::sin(x[0]);
  };
  MonteCarloOptions o;
  o.draws = 100;
  o.seed = 77;
  o.threads = 2;
  o.sobol_draws = 1 << 15;
  auto r = simulate(t, f, {"f"}, o);
  REQUIRE(r.sobol.size() == 1);
  const auto& tab = r.sobol[0];
  CHECK(tab.used_rows == o.sobol_draws);
  // Var(f) itself: SE of a variance ≈ V·√((κ−1)/2N); Ishigami's kurtosis is below 10 -> 5·V·√(9/2N).
  CHECK(std::fabs(tab.variance - V) <= 5 * V * std::sqrt(9.0 / (2.0 * o.sobol_draws)));
  for (int i = 0; i < 3; ++i) {
    const auto& row = tab.rows[static_cast<std::size_t>(i)];
    INFO(row.name);
    CHECK(row.first_se < 0.02);
    CHECK(row.total_se < 0.02);
    CHECK(std::fabs(row.first - S[i]) <= 5 * row.first_se + 0.005);
    CHECK(std::fabs(row.total - ST[i]) <= 5 * row.total_se + 0.005);
  }
}

TEST_CASE("Sobol indices of a linear model: S_i = ST_i = a_i² var_i / Σ_j a_j² var_j") {
  // Y = 3 x1 + 1 x2 − 2 x3 with x1 ~ U(0,1) (var 1/12), x2 ~ U(0,4) (var 16/12), x3 ~ U(−1,1) (var 4/12):
  // a_i² var_i = 9/12, 16/12, 16/12; Σ = 41/12 -> S = 9/41, 16/41, 16/41; no interactions so ST = S.
  ParameterTable t;
  t.add("x1", Parameter::uniform(0, 1));
  t.add("fixed", Parameter(4.0));
  t.add("x2", Parameter::uniform(0, 4));
  t.add("x3", Parameter::uniform(-1, 1));
  auto f = [](const double* x, double* out) {
    out[0] = 3 * x[0] + x[2] - 2 * x[3] + x[1];
    out[1] = x[1];  // constant: zero variance
  };
  MonteCarloOptions o;
  o.draws = 10;
  o.sobol_draws = 20000;
  o.sobol_outputs = {"y"};
  auto r = simulate(t, f, {"y", "c"}, o);
  REQUIRE(r.sobol.size() == 1);
  const double S[3] = {9.0 / 41, 16.0 / 41, 16.0 / 41};
  REQUIRE(r.sobol[0].rows.size() == 3);  // fixed parameters get no index
  CHECK(r.sobol[0].variance == doctest::Approx(41.0 / 12).epsilon(0.05));
  for (int i = 0; i < 3; ++i) {
    const auto& row = r.sobol[0].rows[static_cast<std::size_t>(i)];
    CHECK(std::fabs(row.first - S[i]) <= 5 * row.first_se + 0.005);
    CHECK(std::fabs(row.total - S[i]) <= 5 * row.total_se + 0.005);
  }
  CHECK(r.sobol[0].rows[0].name == "x1");
  // Sobol over a zero-variance output: NaN indices and a warning.
  o.sobol_outputs = {"c"};
  r = simulate(t, f, {"y", "c"}, o);
  CHECK(std::isnan(r.sobol[0].rows[0].first));
  CHECK(r.warnings.back().text.find("zero variance") != std::string::npos);
}

TEST_CASE("Sobol options are checked") {
  ParameterTable t;
  t.add("x", Parameter::uniform(0, 1));
  auto f = [](const double* x, double* out) { out[0] = x[0]; };
  MonteCarloOptions o;
  o.sobol_outputs = {"y"};
  CHECK_THROWS_WITH_AS(simulate(t, f, {"y"}, o), doctest::Contains("sobol_draws: must be at least 1"), ValidationError);
  o.sobol_draws = 1;
  CHECK_THROWS_WITH_AS(simulate(t, f, {"y"}, o), doctest::Contains("sobol_draws: must be at least 2"), ValidationError);
  o.sobol_draws = 10;
  o.sobol_outputs = {"z"};
  CHECK_THROWS_WITH_AS(simulate(t, f, {"y"}, o), doctest::Contains("sobol_outputs[0]: unknown output 'z'"), ValidationError);
}
