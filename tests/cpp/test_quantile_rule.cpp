// The quantile rule of the Monte Carlo engine depends only on the number of
// draws: exact type-7 quantiles up to exact_quantile_max_draws (10^6), the
// streamed sketch above, whatever keep_draws and the thread count are.
//
// Oracle for "exact": Hyndman & Fan (1996) type 7 (type7_oracle.hpp) of the
// kept draws: h = q (n − 1), x_(⌊h⌋) + (h − ⌊h⌋)(x_(⌊h⌋+1) − x_(⌊h⌋)) on the
// sorted finite draws (numpy.quantile's default "linear").
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "type7_oracle.hpp"
#include "impactchain/error.hpp"
#include "impactchain/montecarlo.hpp"

using namespace impactchain;

namespace {

/// Output q of run r (draws not kept) against type 7 of the same run's kept draws, bit for bit.
void check_type7(const SimulationResult& kept, const SimulationResult& r, const MonteCarloOptions& o, std::size_t q) {
  std::vector<double> col;
  for (Eigen::Index d = 0; d < kept.output_draws.rows(); ++d) {
    const double y = kept.output_draws(d, static_cast<Eigen::Index>(q));
    if (std::isfinite(y)) col.push_back(y);
  }
  const auto& s = r.summaries[q];
  CHECK(s.quantile_method == "exact");
  CHECK(s.finite == col.size());
  const SortedType7 type7(col);
  CHECK(s.p05 == type7(0.05));
  CHECK(s.p50 == type7(0.5));
  CHECK(s.p95 == type7(0.95));
  CHECK(s.lower == type7((1 - o.level) / 2));  // 0.025 as the run computes it: (1 − 0.95)/2
  CHECK(s.upper == type7((1 + o.level) / 2));
  for (std::size_t l = 0; l < o.quantiles.size(); ++l) CHECK(s.quantiles[l] == type7(o.quantiles[l]));
  CHECK(s.mean == kept.summaries[q].mean);
  CHECK(s.p50 == kept.summaries[q].p50);
}

struct Tiny {
  ParameterTable table;
  Tiny() {
    table.add("v", Parameter::lognormal(1.0, 0.8));
    table.add("w", Parameter::normal(0.0, 1.0));
  }
  static void f(const double* x, double* out) {
    out[0] = x[0];
    out[1] = x[1] > 2.5 ? std::numeric_limits<double>::quiet_NaN() : x[1] - 0.3;  // some draws not finite
  }
};

}  // namespace

TEST_CASE("without keep_draws, quantiles are exact type 7 of the same draws, for any thread count") {
  Tiny m;
  MonteCarloOptions o;
  o.draws = 20001;  // not a multiple of the block size
  o.seed = 77;
  o.quantiles = {0.0, 0.01, 0.25, 0.5, 0.9, 1.0};
  o.keep_draws = true;
  const auto kept = simulate(m.table, Tiny::f, {"v", "w"}, o);
  REQUIRE(kept.output_draws.rows() == 20001);
  o.keep_draws = false;
  for (unsigned threads : {1u, 2u, 3u}) {
    o.threads = threads;
    const auto r = simulate(m.table, Tiny::f, {"v", "w"}, o);
    CHECK(r.output_draws.size() == 0);  // kept only during the run
    for (std::size_t q = 0; q < 2; ++q) {
      INFO("threads " << threads << ", output " << q);
      check_type7(kept, r, o, q);
    }
  }
}

TEST_CASE("long runs find the exact quantiles during the run (brackets from a pilot): type 7 of the same draws, bit for bit") {
  // 300,001 draws: more than four pilot rounds of 65,536, so the draws are not kept but
  // bracketed as they come. Output 0 (lognormal) and 2 (a constant) are finite: the bracketed
  // path; with `w` (output 1, non-finite draws) the run is computed again keeping the outputs.
  Tiny m;
  auto finite_only = [](const double* x, double* out) {
    out[0] = x[0];
    out[1] = x[1];
    out[2] = 4.0;  // every draw equal: one point bracket
  };
  for (int with_nonfinite = 0; with_nonfinite < 2; ++with_nonfinite) {
    CAPTURE(with_nonfinite);
    const std::vector<std::string> names = {"v", "w", "c"};
    auto f = [&](const double* x, double* out) {
      finite_only(x, out);
      if (with_nonfinite) Tiny::f(x, out);
    };
    MonteCarloOptions o;
    o.draws = 300001;
    o.seed = 5;
    o.quantiles = {0.0, 0.001, 0.25, 0.5, 0.999, 1.0};
    o.keep_draws = true;
    const auto kept = simulate(m.table, f, names, o);
    o.keep_draws = false;
    for (unsigned threads : {1u, 2u}) {
      o.threads = threads;
      const auto r = simulate(m.table, f, names, o);
      CHECK(r.output_draws.size() == 0);
      for (std::size_t q = 0; q < names.size(); ++q) {
        INFO("threads " << threads << ", output " << q);
        check_type7(kept, r, o, q);
      }
    }
  }
}

TEST_CASE("the threshold: exact up to 10^6 draws, the sketch from 10^6 + 1, kept draws or not") {
  CHECK(exact_quantile_max_draws == 1000000);
  CHECK(MonteCarloOptions{}.exact_quantile_draws == exact_quantile_max_draws);
  ParameterTable t;
  t.add("u", Parameter::uniform(0.0, 1.0));
  auto f = [](const double* x, double* out) { out[0] = x[0]; };
  MonteCarloOptions o;
  o.seed = 3;
  o.threads = 2;
  o.draws = exact_quantile_max_draws;
  CHECK(simulate(t, f, {"u"}, o).summaries[0].quantile_method == "exact");
  o.draws = exact_quantile_max_draws + 1;
  const auto above = simulate(t, f, {"u"}, o);
  CHECK(above.summaries[0].quantile_method == "sketch");
  // Keeping the draws does not change the rule.
  o.keep_draws = true;
  const auto kept = simulate(t, f, {"u"}, o);
  CHECK(kept.summaries[0].quantile_method == "sketch");
  CHECK(kept.summaries[0].p50 == above.summaries[0].p50);
  CHECK(kept.output_draws.rows() == static_cast<Eigen::Index>(o.draws));
  // The threshold is an option (tests use it to reach the sketch on a small run).
  o.keep_draws = false;
  o.draws = 500;
  o.exact_quantile_draws = 499;
  CHECK(simulate(t, f, {"u"}, o).summaries[0].quantile_method == "sketch");
  o.exact_quantile_draws = 500;
  CHECK(simulate(t, f, {"u"}, o).summaries[0].quantile_method == "exact");
}

TEST_CASE("exact quantiles keep the outputs: a run that would pass the memory ceiling is refused before allocating") {
  ParameterTable t;
  t.add("u", Parameter::uniform(0.0, 1.0));
  // 10^6 draws x 300 outputs x 8 bytes = 2.24 GiB > 2 GiB.
  std::vector<std::string> names;
  for (int i = 0; i < 300; ++i) names.push_back("y" + std::to_string(i));
  FunctionEvaluator f(names.size(), [](const double* x, double* out) { std::fill_n(out, 300, x[0]); });
  MonteCarloOptions o;
  o.draws = exact_quantile_max_draws;
  CHECK_THROWS_WITH_AS(simulate(t, f, names, o),
                       doctest::Contains("draws: exact quantiles (up to 1000000 draws) keep the outputs during the run: "
                                         "1000000 draws of 300 outputs need 2.24 GiB"),
                       ValidationError);
}
