// A run computed in pieces (simulate_part / simulate_parts, as on several machines) equals the
// run computed at once, bit for bit, whatever the pieces; pieces that do not fit are refused.
// The cases of millions of draws (whole segments) are in the test suite "large": .ci/isa leaves
// them out under instruction-set emulation unless IMPACTCHAIN_LONG_CHECKS=1 (their vector code is
// that of the smaller runs here, which it runs; docs/development.md, "Other processors").
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "impactchain/io.hpp"
#include "impactchain/simulate.hpp"

using namespace impactchain;

namespace {
const char* kModel = R"(impactchain: 1
name: parts
currency: EUR
price_year: 2024
stakeholders: [city, residents]
discount: {rate: {uniform: [0.01, 0.05]}}
investments:
  - {funder: city, amount: {triangular: [900, 1000, 1300]}}
outcomes:
  - {id: a, quantity: {uniform: [5, 15]}, stakeholder: city, proxy: {value: {lognormal: {mean: 100, sd: 30}}, currency: EUR, source: s},
     deadweight: {pert: [0.1, 0.2, 0.4]}, duration: {uniform: [1, 4]}, drop_off: 0.2}
  - {id: b, quantity: 3, beneficiaries: {city: 0.5, residents: 0.5}, proxy: {value: {normal: [200, 40]}, currency: EUR, source: s}}
)";

bool bit_equal(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }  // bit for bit (NaN too)

void check_same(const ModelSimulation& a, const ModelSimulation& b) {
  REQUIRE(a.result.summaries.size() == b.result.summaries.size());
  for (std::size_t q = 0; q < a.result.summaries.size(); ++q) {
    const auto &x = a.result.summaries[q], &y = b.result.summaries[q];
    for (auto [u, v] : {std::pair{x.mean, y.mean}, {x.sd, y.sd}, {x.min, y.min}, {x.max, y.max}, {x.p05, y.p05},
                        {x.p50, y.p50}, {x.p95, y.p95}, {x.lower, y.lower}, {x.upper, y.upper}})
      CHECK(bit_equal(u, v));
    CHECK(x.quantile_method == y.quantile_method);
  }
  CHECK(bit_equal(a.p_ratio_above_1, b.p_ratio_above_1));
  REQUIRE(a.ledger.size() == b.ledger.size());
  for (std::size_t p = 0; p < a.ledger.size(); ++p) {
    CHECK(bit_equal(a.ledger[p].net.mean, b.ledger[p].net.mean));
    CHECK(bit_equal(a.ledger[p].net.sd, b.ledger[p].net.sd));
    CHECK(bit_equal(a.ledger[p].net.upper, b.ledger[p].net.upper));
    CHECK(bit_equal(a.ledger[p].p_net_positive, b.ledger[p].p_net_positive));
  }
  CHECK(a.result.output_draws == b.result.output_draws);
  CHECK(a.result.parameter_draws == b.result.parameter_draws);
  CHECK(a.result.nonfinite_draws == b.result.nonfinite_draws);
}

ModelSimulation in_pieces(const Model& m, const SimulateOptions& o, const std::vector<std::size_t>& sizes) {
  std::vector<SimulationPart> parts;
  std::size_t b = 0;
  for (std::size_t n : sizes) {
    parts.push_back(simulate_model_part(m, o, b, n));
    b += n;
  }
  return simulate_model_parts(m, o, parts);
}
}  // namespace

TEST_CASE("simulation parts: exact quantiles, kept draws and parameters, any split") {
  const Model m = io::parse_model(kModel, io::Format::yaml);
  SimulateOptions o;
  o.draws = 5000;  // 5 blocks, the last one short
  o.seed = 17;
  o.threads = 2;
  o.keep_draws = true;
  o.keep_parameters = true;
  const auto whole = simulate_model(m, o);
  REQUIRE(simulation_blocks(o.draws) == 5);
  check_same(whole, in_pieces(m, o, {5}));
  o.threads = 1;  // a worker's thread count changes nothing
  check_same(whole, in_pieces(m, o, {5}));
}

TEST_CASE("simulation parts: outputs summarised without quantiles not kept, parts keeping every output still finish") {
  const Model m = io::parse_model(kModel, io::Format::yaml);
  SimulateOptions o;
  o.draws = 5000;
  o.seed = 23;
  o.threads = 2;
  o.switching_values = false;
  o.ledger_quantiles = false;  // the parties' gains, pays and net: moments only
  const auto whole = simulate_model(m, o);
  // The model's outputs keep their quantiles; the ledger (3 lines per party) has moments only.
  const std::size_t quantiled = whole.result.summaries.size(), outputs = quantiled + 3 * whole.ledger.size();
  for (const auto& s : whole.result.summaries) CHECK(s.quantile_method == "exact");
  REQUIRE(whole.ledger.size() == 2);
  CHECK(std::isnan(whole.ledger[0].net.upper));
  const SimulationPart p = simulate_model_part(m, o, 0, simulation_blocks(o.draws));
  CHECK(p.kept_outputs.size() == o.draws * quantiled);  // the moments-only outputs' draws stay out
  check_same(whole, simulate_model_parts(m, o, {p}));
  // Parts computed keeping every output (keep_draws, as a cluster keeps them) finish under the
  // options without keep_draws to the same summaries.
  SimulateOptions keep = o;
  keep.keep_draws = true;
  const SimulationPart wide = simulate_model_part(m, keep, 0, simulation_blocks(o.draws));
  CHECK(wide.kept_outputs.size() == o.draws * outputs);
  check_same(whole, simulate_model_parts(m, o, {wide}));
}

TEST_CASE("simulation parts: sketched quantiles merge to the same numbers" * doctest::test_suite("large")) {
  const Model m = io::parse_model(kModel, io::Format::yaml);
  SimulateOptions o;
  // Two segments and 5 blocks (2.1 million draws): above the exact-quantile limit, so the streamed
  // sketch; three segments' parts, the smallest number that joins as a tree and out of order.
  o.draws = 2 * segment_blocks * 1024 + 5000;
  o.seed = 3;
  o.threads = 2;
  o.switching_values = false;
  const auto whole = simulate_model(m, o);
  CHECK(whole.result.summaries[0].quantile_method == "sketch");
  const std::size_t n = simulation_blocks(o.draws);
  REQUIRE(n == 2 * segment_blocks + 5);
  // Parts joined where they were computed (a reduction on the cluster) merge the same, one part
  // spanning two segments or three parts joined pairwise.
  std::vector<SimulationPart> parts;
  for (std::size_t b = 0; b < n; b += segment_blocks)
    parts.push_back(simulate_model_part(m, o, b, std::min(segment_blocks, n - b)));
  REQUIRE(parts.size() == 3);
  check_same(whole, simulate_model_parts(m, o, {parts[0], join_parts({parts[1], parts[2]}, 5e-4)}));
  check_same(whole, simulate_model_parts(m, o, {join_parts({join_parts({parts[0], parts[1]}, 5e-4), parts[2]}, 5e-4)}));
  check_same(whole, in_pieces(m, o, {segment_blocks, n - segment_blocks}));  // the second piece spans two segments
  CHECK_THROWS_WITH_AS(join_parts({parts[0], parts[2]}, 5e-4), doctest::Contains("expected block 1024, got 2048"),
                       ValidationError);
}

TEST_CASE("simulation parts: parts that do not cover the run, or belong to another, are refused") {
  const Model m = io::parse_model(kModel, io::Format::yaml);
  SimulateOptions o;
  o.draws = 3000;
  o.seed = 1;
  CHECK_THROWS_WITH_AS(simulate_model_part(m, o, 2, 2), doctest::Contains("[2, 4)"), ValidationError);
  CHECK_THROWS_WITH_AS(simulate_model_part(m, o, 1, 2), doctest::Contains("starts and ends at a segment"),
                       ValidationError);
  o.draws = segment_blocks * 1024 + 10;  // two segments, the second of one block
  const auto a = simulate_model_part(m, o, 0, segment_blocks), c = simulate_model_part(m, o, segment_blocks, 1);
  CHECK_THROWS_WITH_AS(simulate_model_parts(m, o, {a}), doctest::Contains("cover blocks 0 to 1024 of the run's 1025"),
                       ValidationError);
  CHECK_THROWS_WITH_AS(simulate_model_parts(m, o, {c, a}), doctest::Contains("expected block 0, got 1024"),
                       ValidationError);
  SimulateOptions other = o;
  other.ledger = false;  // fewer outputs: not this run's parts
  CHECK_THROWS_WITH_AS(simulate_model_parts(m, other, {a, c}), doctest::Contains("does not belong to this run"),
                       ValidationError);
  CHECK(simulate_model_parts(m, o, {a, c}).result.draws == o.draws);
}

TEST_CASE("simulation parts: a part holds its own draws, so a run kept in parts may keep more than one machine" * doctest::test_suite("large")) {
  const Model m = io::parse_model(kModel, io::Format::yaml);
  SimulateOptions o;
  o.draws = 30'000'000;  // 30 million draws of the model's 10 outputs: 2.24 GiB kept, above the 2 GiB ceiling
  o.seed = 1;
  o.threads = 2;
  o.keep_draws = true;
  CHECK_THROWS_WITH_AS(simulate_model(m, o), doctest::Contains("keeping 30000000 draws of 10 outputs needs 2.24 GiB"),
                       ValidationError);
  // One segment of it (1,048,576 draws, 80 MiB) is within the ceiling on the machine that computes it, and its
  // draws are those of the same segment of any run with that seed.
  const SimulationPart part = simulate_model_part(m, o, 0, segment_blocks);
  SimulateOptions one = o;
  one.draws = segment_blocks * 1024;
  const SimulationPart alone = simulate_model_part(m, one, 0, segment_blocks);
  REQUIRE(part.kept_outputs.size() == one.draws * 10);
  REQUIRE(alone.kept_outputs.size() == part.kept_outputs.size());
  CHECK(std::memcmp(part.kept_outputs.data(), alone.kept_outputs.data(), part.kept_outputs.size() * sizeof(double)) == 0);
}
