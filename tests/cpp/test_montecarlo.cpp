// Monte Carlo engine: analytic summaries, sampling accuracy, determinism
// across thread counts, non-finite draws, correlation, tornado and bad input.
//
// Tolerances come from the Monte Carlo standard error (SE) of each estimate:
//   mean:        SE = σ/√N                      -> |m − μ| ≤ 5·SE
//   variance:    SE(s²) = σ²·√((κ − 1)/N), κ = kurtosis; a sum of uniforms has
//                κ ≤ 3 (uniform: 1.8), so SE ≤ σ²·√(2/N) -> |s² − σ²| ≤ 5·σ²·√(2/N)
//   quantile q:  SE = √(q(1−q)/N) / f(x_q)       (asymptotic, e.g. Serfling 1980 2.3.3)
//   proportion:  SE = √(p(1−p)/N)
// 5·SE makes a false failure ~6e-7 likely for a random seed; the seed is fixed.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <numeric>
#include <vector>

#include <boost/math/distributions/normal.hpp>

#include "impactchain/montecarlo.hpp"
#include "sampler.hpp"

using namespace impactchain;

namespace {
// Y = Σ a_i X_i with X_i ~ U(l_i, h_i).
struct LinearModel {
  ParameterTable table;
  std::vector<double> a = {2.0, -1.0, 0.5};
  std::vector<double> lo = {0.0, 1.0, -4.0}, hi = {10.0, 3.0, 4.0};
  LinearModel() {
    for (std::size_t i = 0; i < a.size(); ++i) table.add("x" + std::to_string(i), Parameter::uniform(lo[i], hi[i]));
    table.add("constant", Parameter(7.0));
  }
  std::function<void(const double*, double*)> f() const {
    return [a = a](const double* x, double* out) {
      out[0] = a[0] * x[0] + a[1] * x[1] + a[2] * x[2] + x[3];
      out[1] = x[0];
    };
  }
  double mean() const {
    double m = 7.0;  // the fixed term
    for (std::size_t i = 0; i < a.size(); ++i) m += a[i] * (lo[i] + hi[i]) / 2;
    return m;
  }
  double variance() const {
    double v = 0;  // Var U(l, h) = (h − l)²/12
    for (std::size_t i = 0; i < a.size(); ++i) v += a[i] * a[i] * (hi[i] - lo[i]) * (hi[i] - lo[i]) / 12;
    return v;
  }
};
}  // namespace

TEST_CASE("normal_quantile (AS241) agrees with Boost.Math to 1e-14") {
  boost::math::normal_distribution<double> z;
  for (double p : {1e-300, 1e-20, 1e-10, 1e-4, 0.01, 0.025, 0.2, 0.5, 0.7, 0.975, 0.999, 1 - 1e-12}) {
    const double want = boost::math::quantile(z, p);
    CHECK(normal_quantile(p) == doctest::Approx(want).epsilon(1e-14));
  }
  CHECK(normal_quantile(0.5) == 0.0);
  CHECK(std::isinf(normal_quantile(0.0)));
  CHECK(std::isnan(normal_quantile(1.5)));
}

TEST_CASE("normal_quantile_block: the scalar normal_quantile's numbers bit for bit, tails and edges included") {
  std::vector<double> p = {0.0, 1.0, 0.5, 0.075, 0.925, std::nextafter(0.075, 0.0), std::nextafter(0.925, 1.0),
                           1e-300, 1e-20, 1 - 1e-12, std::nan(""), -0.1, 1.1, 0.0000001, 0.9999999};
  for (int i = 0; i < 4097; ++i) p.push_back((i + 0.5) / 4097.0);  // every region, odd length (the vector tail)
  std::vector<double> z(p.size());
  detail::normal_quantile_block(p.data(), z.data(), p.size());
  for (std::size_t i = 0; i < p.size(); ++i) {
    CAPTURE(p[i]);
    const double want = normal_quantile(p[i]);
    CHECK((std::memcmp(&z[i], &want, sizeof want) == 0 || (std::isnan(z[i]) && std::isnan(want))));
  }
}

TEST_CASE("normal_quantile_block: a whole block gives each value what the value alone gives, either stream") {
  // A block collects its tail draws eight at a time where the processor can (AVX-512), one at a
  // time otherwise and for a block shorter than eight; the two must give the same bits, with
  // tails, edges, NaN and out-of-range values at every position of the vector and across the
  // block's chunks of 256 tail draws.
  std::vector<double> p;
  std::uint64_t x = 88172645463325252ull;  // xorshift64: positions and values at random
  const double edges[] = {0.0, 1.0, 0.5, 0.075, 0.925, std::nextafter(0.075, 0.0), std::nextafter(0.925, 1.0),
                          1e-300, 5e-324, 1 - 1e-12, std::nan(""), -0.1, 1.1, -0.0, 0.0000001, 0.9999999};
  for (int i = 0; i < 5003; ++i) {  // not a multiple of eight
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    p.push_back(x % 37 == 0 ? edges[(x >> 8) % 16] : static_cast<double>(x >> 11) * 0x1p-53);
  }
  for (unsigned version : {detail::stream_version_1, detail::stream_version_2}) {
    CAPTURE(version);
    std::vector<double> z(p.size());
    detail::normal_quantile_block(p.data(), z.data(), p.size(), version);
    for (std::size_t i = 0; i < p.size(); ++i) {
      CAPTURE(i);
      CAPTURE(p[i]);
      double alone = 0;
      detail::normal_quantile_block(&p[i], &alone, 1, version);
      CHECK((std::memcmp(&z[i], &alone, sizeof alone) == 0 || (std::isnan(z[i]) && std::isnan(alone))));
    }
  }
}

TEST_CASE("linear model with uniform inputs: mean, SD, quantiles, P(Y > t) match the analytic values") {
  LinearModel m;
  MonteCarloOptions o;
  o.draws = 200000;
  o.seed = 2024;
  o.thresholds = {{"x0", 8.0}};
  const auto r = simulate(m.table, m.f(), {"y", "x0"}, o);
  const auto& y = r.summary("y");
  const double n = static_cast<double>(o.draws), var = m.variance(), sd = std::sqrt(var);
  CHECK(y.finite == o.draws);
  CHECK(std::fabs(y.mean - m.mean()) <= 5 * sd / std::sqrt(n));
  CHECK(std::fabs(y.sd * y.sd - var) <= 5 * var * std::sqrt(2.0 / n));
  // x0 ~ U(0, 10): quantile q is 10q, density 1/10 -> SE = 10·√(q(1−q)/N) (exact: 2·10^5 ≤ 10^6 draws).
  const auto& x0 = r.summary("x0");
  CHECK(x0.quantile_method == "exact");
  for (auto [q, got] : {std::pair{0.05, x0.p05}, {0.5, x0.p50}, {0.95, x0.p95}})
    CHECK(std::fabs(got - 10 * q) <= 5 * 10 * std::sqrt(q * (1 - q) / n) + 5e-4 * 10 * q);
  // P(x0 > 8) = 0.2.
  REQUIRE(r.exceedances.size() == 1);
  CHECK(std::fabs(r.exceedances[0].probability - 0.2) <= 5 * std::sqrt(0.2 * 0.8 / n));
  CHECK(r.nonfinite_draws == 0);
  CHECK(r.parameter_names == std::vector<std::string>{"x0", "x1", "x2"});
}

TEST_CASE("lower/upper: the central `level` interval of the draws, by the same quantile rule") {
  // x0 ~ U(0, 10): the central 95 % is [0.25, 9.75] and the central 80 % [1, 9]; each end q has
  // SE = 10·√(q(1−q)/N) (density 1/10). Level defaults to defaults::level (0.95).
  LinearModel m;
  MonteCarloOptions o;
  o.draws = 100000;
  o.seed = 11;
  CHECK(o.level == defaults::level);
  for (double level : {0.95, 0.8}) {
    o.level = level;
    const auto r = simulate(m.table, m.f(), {"y", "x0"}, o);
    const auto& x0 = r.summary("x0");
    const double n = static_cast<double>(o.draws), q = (1 - level) / 2;
    CHECK(x0.level == level);
    CHECK(std::fabs(x0.lower - 10 * q) <= 5 * 10 * std::sqrt(q * (1 - q) / n));
    CHECK(std::fabs(x0.upper - 10 * (1 - q)) <= 5 * 10 * std::sqrt(q * (1 - q) / n));
    CHECK(x0.lower < x0.p50);
    CHECK(x0.p50 < x0.upper);
  }
  // The sketch gives the interval too (the same rule as p05/p95), within its relative accuracy.
  o.level = 0.9;
  o.exact_quantile_draws = 0;
  const auto s = simulate(m.table, m.f(), {"y", "x0"}, o).summary("x0");
  CHECK(s.quantile_method == "sketch");
  CHECK(std::fabs(s.lower - s.p05) <= 1e-3 * s.p05);
  CHECK(std::fabs(s.upper - s.p95) <= 1e-3 * s.p95);
  for (double bad : {0.0, 1.0, -0.5, std::nan("")}) {
    o.level = bad;
    CHECK_THROWS_WITH_AS(simulate(m.table, m.f(), {"y", "x0"}, o), doctest::Contains("level: must be in (0, 1)"),
                         ValidationError);
  }
}

TEST_CASE("sketch quantiles are within the stated relative accuracy of the order statistic") {
  ParameterTable t;
  t.add("v", Parameter::lognormal(1.0, 0.8));
  t.add("w", Parameter::normal(0.0, 1.0));
  auto f = [](const double* x, double* out) { out[0] = x[0]; out[1] = x[1] - 0.3; };
  MonteCarloOptions o;
  o.draws = 30000;
  o.seed = 5;
  o.quantiles = {0.01, 0.25, 0.75, 0.99};
  o.exact_quantile_draws = 0;  // the sketch on a small run
  auto sketch = simulate(t, f, {"v", "w"}, o);
  CHECK(sketch.summaries[0].quantile_method == "sketch");
  o.exact_quantile_draws = exact_quantile_max_draws;
  o.keep_draws = true;
  auto exact = simulate(t, f, {"v", "w"}, o);
  CHECK(exact.summaries[0].quantile_method == "exact");
  for (std::size_t q = 0; q < 2; ++q) {
    std::vector<double> col(o.draws);
    for (std::size_t d = 0; d < o.draws; ++d) col[d] = exact.output_draws(static_cast<Eigen::Index>(d), static_cast<Eigen::Index>(q));
    std::sort(col.begin(), col.end());
    for (std::size_t l = 0; l < o.quantiles.size(); ++l) {
      const double level = o.quantiles[l];
      const double lower = col[static_cast<std::size_t>(std::floor(level * (o.draws - 1)))];  // x_(⌊q(n−1)⌋)
      CHECK(std::fabs(sketch.summaries[q].quantiles[l] - lower) <= 5e-4 * std::fabs(lower) + 1e-300);
      // exact: linear interpolation (numpy's default, type 7)
      const double h = level * (o.draws - 1);
      const auto lo = static_cast<std::size_t>(std::floor(h));
      CHECK(exact.summaries[q].quantiles[l] == doctest::Approx(col[lo] + (h - lo) * (col[lo + 1] - col[lo])).epsilon(1e-15));
    }
    // Streamed mean equals the mean of the kept draws up to rounding.
    const double mean = std::accumulate(col.begin(), col.end(), 0.0) / o.draws;
    CHECK(sketch.summaries[q].mean == doctest::Approx(mean).epsilon(1e-12));
  }
}

TEST_CASE("every distribution is sampled with the right CDF") {
  // For each parameter: the share of draws ≤ quantile(p) must be p within 5·√(p(1−p)/N),
  // and the sample mean must be Parameter::mean() within 5·SD/√N (SD from the draws).
  ParameterTable t;
  t.add("uniform", Parameter::uniform(-1, 3));
  t.add("triangular", Parameter::triangular(0, 0.2, 1));
  t.add("pert", Parameter::pert(0.1, 0.25, 0.9));
  t.add("pert_small_lambda", Parameter::pert(0, 0.5, 1, 0.5));  // shapes 1.25
  t.add("normal", Parameter::normal(10, 2));
  t.add("truncnormal", Parameter::normal(0.3, 0.2, 0.0, 1.0));
  t.add("lognormal", Parameter::lognormal(0.5, 0.4));
  t.add("beta", Parameter::beta(0.7, 3.5, 2, 6));
  t.add("discrete", Parameter::discrete({3, 1, 2}, {0.2, 0.5, 0.3}));
  const std::size_t k = t.size();
  MonteCarloOptions o;
  o.draws = 100000;
  o.seed = 99;
  o.keep_parameters = true;
  auto r = simulate(t, [](const double*, double* out) { out[0] = 0; }, {"zero"}, o);
  REQUIRE(r.parameter_draws.cols() == static_cast<Eigen::Index>(k));
  for (std::size_t j : {2, 3, 6, 7})  // PERT, beta and lognormal: table inversion (test_inverse_table.cpp)
    CHECK(r.sampling_methods[j].rfind("numerical inversion", 0) == 0);
  const double n = static_cast<double>(o.draws);
  for (std::size_t j = 0; j < k; ++j) {
    const Parameter& p = t[j].parameter;
    auto col = r.parameter_draws.col(static_cast<Eigen::Index>(j));
    const double mean = col.mean();
    const double sd = std::sqrt((col.array() - mean).square().sum() / (n - 1));
    INFO(t[j].name);
    CHECK(std::fabs(mean - p.mean()) <= 5 * sd / std::sqrt(n));
    for (double prob : {0.1, 0.5, 0.9}) {
      const double x = p.quantile(prob);
      double share = 0;
      for (Eigen::Index d = 0; d < col.size(); ++d) share += col(d) <= x ? 1 : 0;
      share /= n;
      if (p.kind() == Distribution::discrete) {
        // P(X ≤ quantile(p)) ≥ p for a step CDF; the exact value is the cumulative weight.
        const double cum = prob <= 0.5 ? 0.5 : (prob <= 0.8 ? 0.8 : 1.0);
        CHECK(std::fabs(share - cum) <= 5 * std::sqrt(cum * (1 - cum) / n) + 1e-12);
      } else {
        CHECK(std::fabs(share - prob) <= 5 * std::sqrt(prob * (1 - prob) / n));
      }
    }
    CHECK(col.minCoeff() >= p.lower());
    CHECK(col.maxCoeff() <= p.upper());
  }
}

TEST_CASE("ziggurat normals follow the standard normal CDF, tails included") {
  // N(0, 1) through the ziggurat (Marsaglia & Tsang 2000). Oracle: Boost.Math's Φ.
  // At each z the share of draws ≤ z must be Φ(z) within 5·√(Φ(1 − Φ)/N). z = ±3.6541528853610088
  // is the base-strip edge r: draws beyond it come only from the tail algorithm, so the check
  // P(Z > r) = Φ(−r) ≈ 1.29e-4 (≈ 258 of 2·10⁶ draws, SE ≈ 16) tests that path too.
  ParameterTable t;
  t.add("z", Parameter::normal(0.0, 1.0));
  MonteCarloOptions o;
  o.draws = 2000000;
  o.seed = 31;
  o.threads = 2;
  o.keep_parameters = true;
  auto r = simulate(t, [](const double*, double* out) { out[0] = 0; }, {"zero"}, o);
  CHECK(r.sampling_methods[0] == "ziggurat normal (Marsaglia-Tsang 2000)");
  std::vector<double> z(r.parameter_draws.col(0).data(), r.parameter_draws.col(0).data() + o.draws);
  std::sort(z.begin(), z.end());
  const double n = static_cast<double>(o.draws), rr = 3.6541528853610088;
  boost::math::normal_distribution<double> nd;
  for (double x : {-4.5, -rr, -3.0, -2.0, -1.5, -1.0, -0.5, -0.1, 0.0, 0.3, 1.0, 2.5, 3.0, rr, 4.5}) {
    const double p = boost::math::cdf(nd, x);
    const double share = static_cast<double>(std::upper_bound(z.begin(), z.end(), x) - z.begin()) / n;
    INFO("z = " << x);
    CHECK(std::fabs(share - p) <= 5 * std::sqrt(p * (1 - p) / n));
  }
  // Mean (SE 1/√N) and variance (SE √(2/N), kurtosis 3).
  const double mean = std::accumulate(z.begin(), z.end(), 0.0) / n;
  double ss = 0;
  for (double v : z) ss += (v - mean) * (v - mean);
  CHECK(std::fabs(mean) <= 5 / std::sqrt(n));
  CHECK(std::fabs(ss / (n - 1) - 1) <= 5 * std::sqrt(2 / n));
  CHECK(z.front() < -rr);  // the tail algorithm did run on both sides
  CHECK(z.back() > rr);
}

TEST_CASE("P(output > threshold): strictly above, over the finite draws, counted from the kept draws") {
  // The output takes the values 1, 2, 3, +inf, -inf and NaN (a discrete parameter); a threshold
  // equal to a value does not count it, and the non-finite draws count in neither the numerator
  // nor the denominator. The oracle counts the kept draws themselves.
  ParameterTable table;
  table.add("k", Parameter::discrete({0, 1, 2, 3, 4, 5}));
  auto f = [](const double* x, double* out) {
    const double inf = std::numeric_limits<double>::infinity();
    const double v[6] = {1.0, 2.0, 3.0, inf, -inf, std::numeric_limits<double>::quiet_NaN()};
    out[0] = v[static_cast<int>(x[0])];
  };
  MonteCarloOptions o;
  o.draws = 5000;  // several blocks, the last one short
  o.seed = 11;
  o.threads = 2;
  o.keep_draws = true;
  o.thresholds = {{"y", 2.0}, {"y", 1.0}, {"y", -1e300}, {"y", 0.5}};  // thresholds are finite
  const SimulationResult r = simulate(table, f, {"y"}, o);
  REQUIRE(r.exceedances.size() == 4);
  for (const Exceedance& e : r.exceedances) {
    CAPTURE(e.threshold);
    std::size_t finite = 0, above = 0;
    for (Eigen::Index d = 0; d < r.output_draws.rows(); ++d) {
      const double y = r.output_draws(d, 0);
      if (!std::isfinite(y)) continue;
      ++finite;
      above += y > e.threshold ? 1 : 0;
    }
    CHECK(e.finite == finite);
    CHECK(e.probability == static_cast<double>(above) / static_cast<double>(finite));
  }
  CHECK(r.exceedances[2].probability == 1.0);  // every finite draw is above -1e300
  CHECK(r.exceedances[0].probability < r.exceedances[1].probability);  // 3 only, then 2 and 3
}

TEST_CASE("results are bit-identical for 1, 2 and 4 threads") {
  LinearModel m;
  m.table.add("pert", Parameter::pert(0, 0.3, 1));
  auto f = [a = m.a](const double* x, double* out) {
    out[0] = a[0] * x[0] + a[1] * x[1] + a[2] * x[2] + x[3] * x[4];
    out[1] = x[4] > 0.8 ? std::numeric_limits<double>::quiet_NaN() : x[0] / (x[4] + 0.01);
  };
  MonteCarloOptions o;
  o.draws = 70001;  // not a multiple of the block size
  o.seed = 123456789;
  o.thresholds = {{"y", 10.0}};
  o.tornado_outputs = {"y"};
  o.sobol_draws = 3000;
  o.correlation = {RankCorrelation{{"x0", "x1"}, (Eigen::MatrixXd(2, 2) << 1, 0.6, 0.6, 1).finished()}};
  std::vector<SimulationResult> rs;
  for (unsigned th : {1u, 2u, 4u}) {
    o.threads = th;
    rs.push_back(simulate(m.table, f, {"y", "z"}, o));
  }
  o.keep_draws = true;
  o.keep_parameters = true;
  std::vector<SimulationResult> kept;
  for (unsigned th : {1u, 3u}) {
    o.threads = th;
    kept.push_back(simulate(m.table, f, {"y", "z"}, o));
  }
  for (std::size_t i = 1; i < rs.size(); ++i) {
    for (std::size_t q = 0; q < 2; ++q) {
      const auto &a = rs[0].summaries[q], &b = rs[i].summaries[q];
      CHECK(a.mean == b.mean);
      CHECK(a.sd == b.sd);
      CHECK(a.p05 == b.p05);
      CHECK(a.p50 == b.p50);
      CHECK(a.p95 == b.p95);
      CHECK(a.min == b.min);
      CHECK(a.nonfinite == b.nonfinite);
    }
    CHECK(rs[0].exceedances[0].probability == rs[i].exceedances[0].probability);
    CHECK(rs[0].nonfinite_draws == rs[i].nonfinite_draws);
    for (std::size_t j = 0; j < rs[0].sobol[0].rows.size(); ++j) {
      CHECK(rs[0].sobol[0].rows[j].first == rs[i].sobol[0].rows[j].first);
      CHECK(rs[0].sobol[0].rows[j].total == rs[i].sobol[0].rows[j].total);
    }
  }
  {
    const auto a = kept[0].output_draws.array(), b = kept[1].output_draws.array();
    CHECK(((a == b) || (a.isNaN() && b.isNaN())).all());
  }
  CHECK((kept[0].parameter_draws.array() == kept[1].parameter_draws.array()).all());
  CHECK(kept[0].summaries[0].mean == kept[1].summaries[0].mean);
  CHECK(kept[0].summaries[0].p50 == kept[1].summaries[0].p50);
  // The streamed mean does not depend on keeping draws either.
  CHECK(kept[0].summaries[0].mean == rs[0].summaries[0].mean);
  // A single draw can be reproduced for audit (first, last and inner draws of blocks of 1024,
  // and the last, partial block).
  for (std::size_t d : {std::size_t{0}, std::size_t{1023}, std::size_t{1024}, std::size_t{4242}, std::size_t{69631},
                        std::size_t{69632}, o.draws - 1}) {
    const auto x = sample_draw(m.table, o, d);
    INFO("draw " << d);
    for (std::size_t j = 0; j < kept[0].parameter_slots.size(); ++j)
      CHECK(x[kept[0].parameter_slots[j]] == kept[0].parameter_draws(static_cast<Eigen::Index>(d), static_cast<Eigen::Index>(j)));
  }
  // A different seed gives different numbers.
  o.seed = 1;
  o.threads = 1;
  CHECK(simulate(m.table, f, {"y", "z"}, o).summaries[0].mean != kept[0].summaries[0].mean);
}

TEST_CASE("non-finite draws are counted, reported and left out of the summaries") {
  ParameterTable t;
  t.add("u", Parameter::uniform(0, 1));
  auto f = [](const double* x, double* out) {
    out[0] = x[0] > 0.9 ? std::numeric_limits<double>::infinity() : x[0];
    out[1] = 2 * x[0];
  };
  MonteCarloOptions o;
  o.draws = 20000;
  o.seed = 11;
  o.keep_parameters = true;
  o.thresholds = {{"a", 0.5}};
  auto r = simulate(t, f, {"a", "b"}, o);
  std::size_t expected = 0;
  double sum = 0;
  for (Eigen::Index d = 0; d < r.parameter_draws.rows(); ++d) {
    const double u = r.parameter_draws(d, 0);
    if (u > 0.9) ++expected; else sum += u;
  }
  CHECK(expected > 0);
  CHECK(r.nonfinite_draws == expected);
  CHECK(r.summary("a").nonfinite == expected);
  CHECK(r.summary("a").finite == o.draws - expected);
  CHECK(r.summary("b").nonfinite == 0);
  CHECK(r.summary("a").mean == doctest::Approx(sum / static_cast<double>(o.draws - expected)).epsilon(1e-12));
  CHECK(r.summary("a").max <= 0.9);
  CHECK(r.exceedances[0].finite == o.draws - expected);
  REQUIRE(!r.warnings.empty());
  CHECK(r.warnings[0].text.find("were not finite") != std::string::npos);
}

TEST_CASE("rank correlation through the Gaussian copula") {
  // Uniform(0,1) margins: Pearson of the draws = Spearman of the draws. SE of a
  // sample correlation ≈ (1 − ρ²)/√N = 0.51/√50000 ≈ 0.0023; tolerance 5·SE.
  ParameterTable t;
  t.add("a", Parameter::uniform(0, 1));
  t.add("b", Parameter::uniform(0, 1));
  t.add("c", Parameter::uniform(0, 1));
  MonteCarloOptions o;
  o.draws = 50000;
  o.seed = 3;
  o.keep_parameters = true;
  o.correlation = {RankCorrelation{{"a", "c"}, (Eigen::MatrixXd(2, 2) << 1, 0.7, 0.7, 1).finished()}};
  auto r = simulate(t, [](const double*, double* out) { out[0] = 0; }, {"zero"}, o);
  auto corr = [&](int i, int j) {
    Eigen::ArrayXd x = r.parameter_draws.col(i).array() - r.parameter_draws.col(i).mean();
    Eigen::ArrayXd y = r.parameter_draws.col(j).array() - r.parameter_draws.col(j).mean();
    return (x * y).sum() / std::sqrt((x * x).sum() * (y * y).sum());
  };
  CHECK(std::fabs(corr(0, 2) - 0.7) <= 5 * 0.51 / std::sqrt(50000.0));
  CHECK(std::fabs(corr(0, 1)) <= 5 / std::sqrt(50000.0));
  CHECK(r.sampling_methods[0] == "Gaussian copula + exact inverse CDF (Parameter::quantile)");
  CHECK(r.sampling_methods[1] == "inverse CDF (closed form)");
}

TEST_CASE("tornado: each parameter at its 5th/95th percentile, sorted by swing") {
  // Y = 2·x0 − x1 + 0.5·x2 + 7 with x0 ~ U(0,10), x1 ~ U(1,3), x2 ~ U(−4,4).
  // Percentiles 5/95: x0 0.5/9.5 (swing 2·9 = 18), x1 1.1/2.9 (swing 1.8), x2 −3.6/3.6 (swing 3.6).
  // Base (all central): 2·5 − 2 + 0 + 7 = 15.
  LinearModel m;
  MonteCarloOptions o;
  o.draws = 10;
  o.tornado_outputs = {"y"};
  auto r = simulate(m.table, m.f(), {"y", "x0"}, o);
  REQUIRE(r.tornado.size() == 1);
  const auto& tb = r.tornado[0];
  CHECK(tb.base == doctest::Approx(15));
  REQUIRE(tb.rows.size() == 3);
  CHECK(tb.rows[0].name == "x0");
  CHECK(tb.rows[0].low_value == doctest::Approx(0.5));
  CHECK(tb.rows[0].output_low == doctest::Approx(15 - 9));
  CHECK(tb.rows[0].swing == doctest::Approx(18));
  CHECK(tb.rows[1].name == "x2");
  CHECK(tb.rows[1].swing == doctest::Approx(3.6));
  CHECK(tb.rows[2].name == "x1");
  CHECK(tb.rows[2].output_low == doctest::Approx(15 + 0.9));  // x1 low raises Y (coefficient −1)
  CHECK(tb.rows[2].swing == doctest::Approx(1.8));
  o.tornado_range = TornadoRange::support;
  r = simulate(m.table, m.f(), {"y", "x0"}, o);
  CHECK(r.tornado[0].rows[0].swing == doctest::Approx(20));
  CHECK(r.tornado[0].range == "support");
}

TEST_CASE("bad input gives clear errors") {
  LinearModel m;
  auto f = m.f();
  MonteCarloOptions o;
  o.draws = 0;
  CHECK_THROWS_WITH_AS(simulate(m.table, f, {"y", "x0"}, o), doctest::Contains("draws: must be at least 1"), ValidationError);
  o.draws = 10;
  o.seed = max_seed + 1;
  CHECK_THROWS_WITH_AS(simulate(m.table, f, {"y", "x0"}, o), doctest::Contains("seed: must be in [0, 2^63-1]"), ValidationError);
  o.seed = max_seed;
  CHECK_NOTHROW(simulate(m.table, f, {"y", "x0"}, o));
  CHECK_THROWS_WITH_AS(simulate(m.table, FunctionEvaluator(2, f), {"y"}, o), doctest::Contains("evaluator gives 2 outputs but 1 names"), ValidationError);
  CHECK_THROWS_WITH_AS(simulate(m.table, f, {"y", "y"}, o), doctest::Contains("duplicate output name 'y'"), ValidationError);
  o.thresholds = {{"nope", 1}};
  CHECK_THROWS_WITH_AS(simulate(m.table, f, {"y", "x0"}, o), doctest::Contains("unknown output 'nope'"), ValidationError);
  o.thresholds.clear();
  o.moments_only_outputs = {"x0", "z"};
  CHECK_THROWS_WITH_AS(simulate(m.table, f, {"y", "x0"}, o), doctest::Contains("moments_only_outputs[1]: unknown output 'z'"),
                       ValidationError);
  o.moments_only_outputs.clear();
  o.threads = 5000;
  CHECK_THROWS_WITH_AS(simulate(m.table, f, {"y", "x0"}, o), doctest::Contains("threads: must be in [0, 1024]"), ValidationError);
  o.threads = 1;
  for (unsigned bad : {0u, newest_stream_version + 1}) {
    o.stream_version = bad;
    CHECK_THROWS_WITH_AS(simulate(m.table, f, {"y", "x0"}, o), doctest::Contains("stream_version: must be in [1, 2]"),
                         ValidationError);
  }
  for (unsigned version = 1; version <= newest_stream_version; ++version) {
    o.stream_version = version;
    CHECK(simulate(m.table, f, {"y", "x0"}, o).stream_version == version);
  }
  o.stream_version = defaults::stream_version;
  // Not PSD: a~b 0.9, b~c 0.9, a~c −0.9 is impossible.
  o.correlation = {RankCorrelation{{"x0", "x1", "x2"},
                                   (Eigen::MatrixXd(3, 3) << 1, 0.9, -0.9, 0.9, 1, 0.9, -0.9, 0.9, 1).finished()}};
  CHECK_THROWS_WITH_AS(simulate(m.table, f, {"y", "x0"}, o), doctest::Contains("not positive semi-definite"), ValidationError);
  o.correlation = {RankCorrelation{{"x0", "x1"}, (Eigen::MatrixXd(2, 2) << 1, 0.5, 0.4, 1).finished()}};
  CHECK_THROWS_WITH_AS(simulate(m.table, f, {"y", "x0"}, o), doctest::Contains("symmetric"), ValidationError);
  o.correlation = {RankCorrelation{{"x0", "x1"}, (Eigen::MatrixXd(2, 2) << 1, 1.5, 1.5, 1).finished()}};
  CHECK_THROWS_WITH_AS(simulate(m.table, f, {"y", "x0"}, o), doctest::Contains("must be in [-1, 1], got 1.5"), ValidationError);
  o.correlation = {RankCorrelation{{"x0", "x1"}, (Eigen::MatrixXd(2, 2) << 0.9, 0.5, 0.5, 1).finished()}};
  CHECK_THROWS_WITH_AS(simulate(m.table, f, {"y", "x0"}, o), doctest::Contains("diagonal must be 1"), ValidationError);
  o.correlation = {RankCorrelation{{"x0", "ghost"}, Eigen::MatrixXd::Identity(2, 2)}};
  CHECK_THROWS_WITH_AS(simulate(m.table, f, {"y", "x0"}, o), doctest::Contains("unknown parameter 'ghost'"), ValidationError);
  o.correlation = {RankCorrelation{{"x0", "constant"}, Eigen::MatrixXd::Identity(2, 2)}};
  CHECK_THROWS_WITH_AS(simulate(m.table, f, {"y", "x0"}, o), doctest::Contains("'constant' is fixed"), ValidationError);
  o.correlation = {RankCorrelation{{"x0", "x1"}, Eigen::MatrixXd::Identity(3, 3)}};
  CHECK_THROWS_WITH_AS(simulate(m.table, f, {"y", "x0"}, o), doctest::Contains("must be 2 x 2"), ValidationError);
  o.correlation.clear();
  o.sketch_accuracy = 0;
  CHECK_THROWS_AS(simulate(m.table, f, {"y", "x0"}, o), ValidationError);
  o.sketch_accuracy = 5e-4;
  o.quantiles = {1.2};
  CHECK_THROWS_WITH_AS(simulate(m.table, f, {"y", "x0"}, o), doctest::Contains("quantiles[0]: must be in [0, 1]"), ValidationError);
  o.quantiles = {};
  ParameterTable un;
  un.add("ln", Parameter::lognormal(0, 1));
  o.tornado_outputs = {"v"};
  o.tornado_range = TornadoRange::support;
  CHECK_THROWS_WITH_AS(simulate(un, [](const double* x, double* out) { out[0] = x[0]; }, {"v"}, o),
                       doctest::Contains("'ln' (lognormal) is unbounded"), ValidationError);
  // Invalid distribution shapes are refused when the parameter is made.
  CHECK_THROWS_AS(Parameter::pert(1, 0, 2), ValidationError);
  CHECK_THROWS_AS(Parameter::beta(-1, 2), ValidationError);
  CHECK_THROWS_AS(Parameter::normal(0, 0), ValidationError);
  // An evaluator that throws: the error reaches the caller, also from worker threads.
  o = MonteCarloOptions{};
  o.draws = 5000;
  o.threads = 2;
  CHECK_THROWS_WITH_AS(simulate(m.table, [](const double* x, double*) { if (x[0] > 9.99) throw std::runtime_error("boom"); },
                                {"y", "x0"}, o), "boom", std::runtime_error);
}

TEST_CASE("a cancellation hook stops a run between blocks") {
  LinearModel m;
  std::atomic<std::size_t> evaluated{0};
  auto f = [&evaluated](const double* x, double* out) {
    ++evaluated;
    out[0] = x[0];
    out[1] = x[1];
  };
  MonteCarloOptions o;
  o.draws = 100000000;  // far more than can run before the first question (after 20 ms)
  for (unsigned threads : {1u, 2u}) {
    evaluated = 0;
    o.threads = threads;
    std::size_t asked = 0;
    o.cancelled = [&asked] { return ++asked >= 2; };
    CHECK_THROWS_AS(simulate(m.table, f, {"y", "x0"}, o), Cancelled);
    CHECK(asked == 2);
    CHECK(evaluated.load() < o.draws);
  }
  // The hook may throw its own exception: it reaches the caller unchanged.
  o.threads = 2;
  o.cancelled = [] () -> bool { throw std::runtime_error("interrupted"); };
  CHECK_THROWS_WITH_AS(simulate(m.table, f, {"y", "x0"}, o), "interrupted", std::runtime_error);
  // A hook that never cancels leaves the results as they are without it.
  MonteCarloOptions a, b;
  a.draws = b.draws = 5000;
  b.cancelled = [] { return false; };
  CHECK(simulate(m.table, m.f(), {"y", "x0"}, a).summary("y").mean == simulate(m.table, m.f(), {"y", "x0"}, b).summary("y").mean);
}

TEST_CASE("ceilings on sizes derived from the options are checked before allocating") {
  LinearModel m;
  auto f = m.f();
  MonteCarloOptions o;
  o.draws = max_draws + 1;
  CHECK_THROWS_WITH_AS(simulate(m.table, f, {"y", "x0"}, o), doctest::Contains("draws: must be at most 1000000000, got 1000000001"),
                       ValidationError);
  // 10^9 draws x 2 outputs x 8 bytes = 14.9 GiB of kept draws > 2 GiB.
  o.draws = max_draws;
  o.keep_draws = true;
  CHECK_THROWS_WITH_AS(simulate(m.table, f, {"y", "x0"}, o),
                       doctest::Contains("keep_draws: keeping 1000000000 draws of 2 outputs needs 14.9 GiB, more than the ceiling of 2 GiB"),
                       ValidationError);
  o.keep_draws = false;
  o.keep_parameters = true;  // 10^9 x 3 uncertain x 8 bytes = 22.4 GiB
  CHECK_THROWS_WITH_AS(simulate(m.table, f, {"y", "x0"}, o), doctest::Contains("keep_parameters: keeping 1000000000 draws of 3"),
                       ValidationError);
  o.keep_parameters = false;
  o.draws = 10;
  // Sobol: N (k + 2) = 3e8 x 5 = 1.5e9 evaluations > 10^9.
  o.sobol_outputs = {"y"};
  o.sobol_draws = 300000000;
  CHECK_THROWS_WITH_AS(simulate(m.table, f, {"y", "x0"}, o), doctest::Contains("sobol_draws: the Sobol design needs sobol_draws x (k + 2)"),
                       ValidationError);
}

TEST_CASE("a short run holds only its draws per parameter: the block memory ceiling counts min(draws, 1024)") {
  // 300,000 slots (one uncertain): a block of 1024 draws of every slot and 2 outputs is
  // (300,000 + 2) x 1024 x 8 bytes = 2.29 GiB > 2 GiB; 100 draws need 0.22 GiB.
  ParameterTable big;
  big.add("u", Parameter::uniform(0, 1));
  for (int i = 1; i < 300000; ++i) big.add("fixed" + std::to_string(i), Parameter(1.0));
  auto f = [](const double* x, double* out) {
    out[0] = x[0];
    out[1] = x[0] + x[299999];
  };
  MonteCarloOptions o;
  o.draws = 1024;
  CHECK_THROWS_WITH_AS(simulate(big, f, {"u", "u_plus_1"}, o),
                       doctest::Contains("threads: sampling blocks of 1024 draws over 300000 parameters on 1 threads need 2.29 GiB"),
                       ValidationError);
  o.draws = 100;
  o.threads = 2;  // one block: one worker holds it
  const auto r = simulate(big, f, {"u", "u_plus_1"}, o);
  CHECK(r.summary("u_plus_1").mean == doctest::Approx(r.summary("u").mean + 1).epsilon(1e-12));
  // The numbers do not depend on how many draws a block array holds: the first 100
  // draws of a 1,500-draw run are those of a 100-draw run.
  LinearModel m;
  MonteCarloOptions a, b;
  a.draws = 100;
  b.draws = 1500;
  a.keep_draws = b.keep_draws = a.keep_parameters = b.keep_parameters = true;
  a.seed = b.seed = 42;
  const auto ra = simulate(m.table, m.f(), {"y", "x0"}, a), rb = simulate(m.table, m.f(), {"y", "x0"}, b);
  CHECK(ra.output_draws == rb.output_draws.topRows(100));
  CHECK(ra.parameter_draws == rb.parameter_draws.topRows(100));
}
