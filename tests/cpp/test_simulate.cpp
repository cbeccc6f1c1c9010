// simulate_model: the Monte Carlo engine over a model's valuation, checked
// against hand-calculated distributions.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "central_terms.hpp"  // white-box: the terms the tornado re-evaluates
#include "impactchain/io.hpp"
#include "impactchain/simulate.hpp"
#include "impactchain/value.hpp"
#include "support.hpp"

using namespace impactchain;

namespace {
// One outcome: quantity Q ~ U(5, 15), proxy 100 per unit per year, no
// adjustments, 1 year, discount rate 0, investment 1000 in year 0.
//   PV = 100·Q  -> mean 1000, SD 100·10/√12 = 288.675
//   SROI = PV/1000 = Q/10 -> P(SROI > 1) = P(Q > 10) = 0.5
//   P(PV > 1200) = P(Q > 12) = 0.3
Model one_outcome() {
  Model m;
  m.info.name = "hand";
  m.info.currency = "EUR";
  m.info.price_year = 2024;
  MonetisedOutcome o;
  o.id = "employed";
  o.name = "employed";
  o.quantity = Parameter::uniform(5, 15);
  o.proxy = Proxy{Parameter(100.0), "EUR", 2024, "hand", ""};
  o.deadweight = Parameter(0.0);
  o.displacement = Parameter(0.0);
  o.attribution = Parameter(0.0);
  o.drop_off = Parameter(0.0);
  o.duration = Parameter(1.0);
  m.valuation.outcomes.push_back(o);
  Discount d;
  d.rate = Parameter(0.0);
  m.valuation.discount = d;
  Investment inv;
  inv.funder = "municipality";
  inv.amount = Parameter(1000.0);
  inv.currency = "EUR";
  inv.price_year = 2024;
  m.valuation.investments.push_back(inv);
  return m;
}
}  // namespace

TEST_CASE("simulate_model matches the hand-calculated distribution of a one-outcome model") {
  const Model m = one_outcome();
  SimulateOptions o;
  o.draws = 100000;
  o.seed = 8;
  o.threads = 2;
  o.value_targets = {1200};
  o.sobol_draws = 2000;
  const auto s = simulate_model(m, o);
  const double n = static_cast<double>(o.draws), sd = 1000 / std::sqrt(12.0);
  const auto& pv = s.result.summary("present_value");
  CHECK(std::fabs(pv.mean - 1000) <= 5 * sd / std::sqrt(n));              // 5·SE of the mean
  CHECK(std::fabs(pv.sd - sd) <= 5 * sd * std::sqrt(2.0 / n) / 2 + 1e-9);  // SE(s) ≈ SE(s²)/(2σ)
  CHECK(std::fabs(s.p_ratio_above_1 - 0.5) <= 5 * std::sqrt(0.25 / n));
  REQUIRE(s.value_targets.size() == 1);
  CHECK(std::fabs(s.value_targets[0].probability - 0.3) <= 5 * std::sqrt(0.21 / n));
  CHECK(s.result.summary("investment_pv").sd == 0.0);
  CHECK(s.result.summary("sroi_ratio").mean == doctest::Approx(pv.mean / 1000).epsilon(1e-12));
  CHECK(s.result.nonfinite_draws == 0);
  CHECK(s.central.present_value == doctest::Approx(1000));
  // Tornado on sroi_ratio and present_value: only the quantity is uncertain;
  // its 5th/95th percentiles are 5.5 and 14.5 -> SROI 0.55 and 1.45, swing 0.9.
  REQUIRE(s.result.tornado.size() == 2);
  CHECK(s.result.tornado[0].output == "sroi_ratio");
  REQUIRE(s.result.tornado[0].rows.size() == 1);
  CHECK(s.result.tornado[0].rows[0].name == "outcomes[employed].quantity");
  CHECK(s.result.tornado[0].rows[0].swing == doctest::Approx(0.9));
  CHECK(s.result.tornado[1].rows[0].swing == doctest::Approx(900));
  // One uncertain input: it explains all the variance.
  REQUIRE(s.result.sobol.size() == 2);
  CHECK(s.result.sobol[0].rows[0].first == doctest::Approx(1.0).epsilon(0.02));
  CHECK(s.result.sobol[0].rows[0].total == doctest::Approx(1.0).epsilon(0.02));
  // Switching value: SROI = 1 at Q = 10.
  bool found = false;
  for (const auto& sv : s.switching_values)
    if (sv.name == "outcomes[employed].quantity") {
      found = true;
      REQUIRE(sv.value.has_value());
      CHECK(*sv.value == doctest::Approx(10));
    }
  CHECK(found);
  // Same seed, other thread count: identical.
  o.threads = 1;
  const auto s1 = simulate_model(m, o);
  CHECK(s1.result.summary("present_value").mean == pv.mean);
  CHECK(s1.result.summary("sroi_ratio").p95 == s.result.summary("sroi_ratio").p95);
  CHECK(s1.result.sobol[0].rows[0].first == s.result.sobol[0].rows[0].first);
}

TEST_CASE("simulate_model's default options are seed 2026 and 5000 draws on all threads") {
  const Model m = one_outcome();
  const SimulateOptions d;
  CHECK(d.seed == 2026);
  CHECK(d.draws == 5000);
  CHECK(d.threads == 0);  // all hardware threads; the numbers do not depend on it
  SimulateOptions given;
  given.seed = 2026;
  given.draws = 5000;
  given.threads = 1;
  SimulateOptions seed0 = given;
  seed0.seed = 0;
  const auto a = simulate_model(m), b = simulate_model(m, given), c = simulate_model(m, seed0);
  CHECK(a.result.seed == 2026);
  CHECK(a.result.draws == 5000);
  REQUIRE(a.result.summaries.size() == b.result.summaries.size());
  for (std::size_t q = 0; q < a.result.summaries.size(); ++q) {
    const auto &x = a.result.summaries[q], &y = b.result.summaries[q];
    CAPTURE(x.name);
    CHECK(x.mean == y.mean);  // bit for bit
    CHECK(x.sd == y.sd);
    CHECK(x.p05 == y.p05);
    CHECK(x.p50 == y.p50);
    CHECK(x.p95 == y.p95);
  }
  CHECK(a.p_ratio_above_1 == b.p_ratio_above_1);
  // Another seed gives other draws: PV = 100·Q with Q ~ U(5, 15) differs in its sample mean.
  CHECK(a.result.summary("present_value").mean != c.result.summary("present_value").mean);
}

TEST_CASE("simulate_model: no investment makes the ratio non-finite, counted and reported") {
  Model m = one_outcome();
  m.valuation.investments.clear();
  SimulateOptions o;
  o.draws = 1000;
  o.switching_values = false;
  const auto s = simulate_model(m, o);
  CHECK(s.result.summary("sroi_ratio").nonfinite == 1000);
  CHECK(s.result.nonfinite_draws == 1000);
  CHECK(std::isnan(s.p_ratio_above_1));
  CHECK(s.result.summary("present_value").finite == 1000);
  bool warned = false;
  for (const auto& w : s.result.warnings) warned = warned || w.text.find("no investment") != std::string::npos;
  CHECK(warned);
}

TEST_CASE("simulate_model: a model without monetised outcomes warns as value() does") {
  // Investments only: every draw's ratio is 0 / investment = 0, which says nothing of the outcomes.
  Model m = one_outcome();
  SimulateOptions o;
  o.draws = 200;
  o.switching_values = false;
  CHECK_FALSE(has_code(simulate_model(m, o).result.warnings, "value.no_outcomes"));
  m.valuation.outcomes.clear();
  const auto s = simulate_model(m, o);
  CHECK(has_code(s.result.warnings, "value.no_outcomes"));
  CHECK(s.result.summary("sroi_ratio").mean == 0.0);
}

TEST_CASE("simulate_model: bad options and correlation over model parameters") {
  Model m = one_outcome();
  m.valuation.outcomes[0].deadweight = Parameter::uniform(0, 0.5);
  SimulateOptions o;
  o.draws = 0;
  CHECK_THROWS_WITH_AS(simulate_model(m, o), doctest::Contains("draws: must be at least 1"), ValidationError);
  o.draws = 100;
  CHECK(o.level == defaults::level);
  o.level = 1.5;
  CHECK_THROWS_WITH_AS(simulate_model(m, o), doctest::Contains("level: must be in (0, 1)"), ValidationError);
  o.level = 0.9;
  CHECK(simulate_model(m, o).result.summaries[0].level == 0.9);
  o.correlation = {RankCorrelation{{"outcomes[employed].quantity", "outcomes[employed].deadweight"},
                                   (Eigen::MatrixXd(2, 2) << 1, 0.5, 0.5, 1).finished()}};
  CHECK_NOTHROW(simulate_model(m, o));
  o.correlation[0].names[1] = "outcomes[employed].deadwieght";
  CHECK_THROWS_WITH_AS(simulate_model(m, o), doctest::Contains("unknown parameter 'outcomes[employed].deadwieght'"),
                       ValidationError);
}

TEST_CASE("switching values of many outcomes: each one found, never NaN, the reason given where none exists") {
  // n identical outcomes (Q = 5, proxy 100, deadweight 0.1, one year, rate 0) and an investment of
  // 1000·n/2: PV = 450·n, ratio 0.9. One outcome's quantity must make up 100·n:
  // 100·Q·0.9 = 1000·n/2 − 450·(n − 1)  ->  Q = (500 n − 450 n + 450) / 90 = (50 n + 450) / 90.
  // Its deadweight cannot: at 0 the ratio is (450 (n − 1) + 500) / (500 n) < 1.
  const std::size_t n = 300;
  Model m = one_outcome();
  m.valuation.outcomes.clear();
  for (std::size_t k = 0; k < n; ++k) {
    MonetisedOutcome o = one_outcome().valuation.outcomes[0];
    o.id = o.name = "o" + std::to_string(k);
    o.quantity = Parameter::uniform(4, 6);
    o.deadweight = Parameter::uniform(0, 0.2);
    m.valuation.outcomes.push_back(o);
  }
  m.valuation.investments[0].amount = Parameter(1000.0 * n / 2);
  SimulateOptions so;
  so.draws = 1;
  const auto s = simulate_model(m, so);
  const double q = (50.0 * n + 450) / 90;
  std::size_t quantities = 0, deadweights = 0;
  for (const auto& sv : s.switching_values) {
    if (sv.value) CHECK(std::isfinite(*sv.value));
    if (sv.name.find(".quantity") != std::string::npos) {
      ++quantities;
      REQUIRE(sv.value.has_value());
      CHECK(*sv.value == doctest::Approx(q).epsilon(1e-9));
      CHECK(sv.note.empty());
    } else if (sv.name.find(".deadweight") != std::string::npos) {
      ++deadweights;
      CHECK_FALSE(sv.value.has_value());
      CHECK(sv.note.text == "none in range: the SROI ratio does not reach 1 for any value in [0, 1]");
    }
  }
  CHECK(quantities == n);
  CHECK(deadweights == n);
}

TEST_CASE("value(): a cancellation hook stops its switching-value search") {
  // 300 outcomes, about 2,100 parameters, each searched on a 600-point grid: far longer
  // than the first question to the hook (after 20 ms).
  Model m = one_outcome();
  m.valuation.outcomes.clear();
  for (std::size_t k = 0; k < 300; ++k) {
    MonetisedOutcome o = one_outcome().valuation.outcomes[0];
    o.id = o.name = "o" + std::to_string(k);
    o.quantity = Parameter(10.0);
    m.valuation.outcomes.push_back(o);
  }
  int asked = 0;
  CHECK_THROWS_AS(value(m, {}, [&asked] { return ++asked >= 1; }), Cancelled);
  CHECK(asked == 1);
  // Without switching values there is no long loop; a hook that never cancels changes nothing.
  ValueOptions no_sv;
  no_sv.switching_values = false;
  // PV = 300 outcomes × quantity 10 × proxy 100 (one year, no adjustments, rate 0)
  CHECK(value(m, no_sv, [] { return true; }).present_value == doctest::Approx(300 * 10 * 100.0).epsilon(1e-14));
  m.valuation.outcomes.resize(20);  // the whole search, with and without a hook: 20 outcomes show it
  const ValueResult a = value(m), b = value(m, {}, [] { return false; });
  REQUIRE(a.switching_values.size() > 20);
  REQUIRE(a.switching_values.size() == b.switching_values.size());
  for (std::size_t i = 0; i < a.switching_values.size(); ++i) CHECK(a.switching_values[i].value == b.switching_values[i].value);
}

namespace {
// Equal to rounding: 1e-12 relative (NaN only where the other is NaN too).
bool close_or_both_nan(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return std::fabs(a - b) <= 1e-12 * std::max(std::fabs(a), std::fabs(b));
}

// simulate_model's tornado re-evaluates only the term that reads a slot. The oracle is
// the generic tornado over a plain function of ValuePlan::totals: every point a full
// evaluation of the model. Each row (matched by slot) must agree to rounding; and, white
// box, every single-term slot's present value, investment PV and NPV at its low and high
// value must equal the full evaluation's.
void check_tornado_against_full_evaluation(const Model& m, TornadoRange range, const ValueOptions& vo = {}) {
  SimulateOptions so;
  so.value = vo;
  so.draws = 2;
  so.switching_values = false;
  so.tornado_range = range;
  const ModelSimulation fast = simulate_model(m, so);
  ParameterTable table;
  const ValuePlan plan = compile_value(m, table, vo);
  MonteCarloOptions mo;
  mo.draws = 2;
  mo.tornado_outputs = {"sroi_ratio", "present_value"};
  mo.tornado_range = range;
  const SimulationResult full = simulate(table, [&plan](const double* x, double* y) {
    ValueTotals t;
    plan.totals(x, t);
    y[0] = t.present_value;
    y[1] = t.investment_pv;
    y[2] = t.npv;
    y[3] = t.sroi_ratio;
  }, model_outputs(), mo);
  const auto unc = table.uncertain();
  REQUIRE(fast.result.tornado.size() == 2);
  for (std::size_t t = 0; t < 2; ++t) {
    const TornadoTable &a = fast.result.tornado[t], &b = full.tornado[t];
    CHECK(a.output == b.output);
    CHECK(close_or_both_nan(a.base, b.base));
    REQUIRE(a.rows.size() == unc.size());
    REQUIRE(b.rows.size() == unc.size());
    for (const TornadoRow& ra : a.rows) {
      const auto rb = std::find_if(b.rows.begin(), b.rows.end(), [&](const TornadoRow& r) { return r.slot == ra.slot; });
      REQUIRE(rb != b.rows.end());
      CAPTURE(ra.name);
      CHECK(ra.low_value == rb->low_value);
      CHECK(ra.high_value == rb->high_value);
      CHECK(close_or_both_nan(ra.output_low, rb->output_low));
      CHECK(close_or_both_nan(ra.output_high, rb->output_high));
    }
  }
  const auto x0 = table.centrals();
  const detail::CentralTerms terms(plan, x0);
  std::size_t single = 0;
  for (const std::size_t s : unc) {
    if (!terms.scope[s].single()) continue;
    ++single;
    for (const double v : {table[s].parameter.quantile(0.05), table[s].parameter.quantile(0.95)}) {
      auto x = x0;
      x[s] = v;
      ValueTotals t;
      plan.totals(x.data(), t);
      const auto one = terms.one_term(x.data(), s);
      CAPTURE(table[s].name);
      CHECK(one.ok == t.ok());
      CHECK(close_or_both_nan(one.pv, t.present_value));
      CHECK(close_or_both_nan(one.inv_pv, t.investment_pv));
      CHECK(close_or_both_nan(one.pv - one.inv_pv, t.npv));
    }
  }
  CHECK(single > 0);
}

Model example(const std::string& name) { return golden("../../examples/data/" + name); }
}  // namespace

TEST_CASE("simulate_model's tornado equals a full evaluation per point: many outcomes, uncertain rate, two investments") {
  // 40 outcomes with every assumption uncertain, a discount rate Parameter (read by every
  // outcome: full evaluation) and two uncertain investments in different years.
  Model m = one_outcome();
  m.valuation.outcomes.clear();
  for (int k = 0; k < 40; ++k) {
    MonetisedOutcome o = one_outcome().valuation.outcomes[0];
    o.id = o.name = "o" + std::to_string(k);
    o.quantity = Parameter::triangular(5 + k, 10 + k, 20 + k);
    o.proxy->value = Parameter::uniform(50 + k, 150 + 2 * k);
    o.deadweight = Parameter::uniform(0, 0.3);
    o.displacement = Parameter::pert(0, 0.1, 0.2);
    o.attribution = Parameter::uniform(0.05, 0.25);
    o.drop_off = Parameter::uniform(0, 0.4);
    o.duration = Parameter::uniform(1, 2 + k % 5);
    if (k % 3 == 0) o.start = OutcomeStart::after;
    m.valuation.outcomes.push_back(o);
  }
  m.info.period_start = 2024;
  m.info.period_end = 2025;
  m.valuation.discount->rate = Parameter::uniform(0.01, 0.06);
  m.valuation.investments[0].amount = Parameter::uniform(20000, 40000);
  Investment second = m.valuation.investments[0];
  second.funder = "foundation";
  second.amount = Parameter::triangular(5000, 8000, 12000);
  second.year = 1;
  m.valuation.investments.push_back(second);
  for (TornadoRange r : {TornadoRange::p05_p95, TornadoRange::p10_p90, TornadoRange::support})
    check_tornado_against_full_evaluation(m, r);
  ValueOptions other;  // additive adjustments, discounted investments, first year undiscounted
  other.adjustments = Adjustments::additive;
  other.discount_investments = true;
  other.discount_first_year = false;
  check_tornado_against_full_evaluation(m, TornadoRange::p05_p95, other);
}

TEST_CASE("simulate_model's tornado equals a full evaluation per point: a chain and three investments") {
  // Outcome quantities from the chain (its rates are read through the chain: full
  // evaluation); proxies and adjustments re-evaluate one outcome; three investments.
  Model m = example("market_cleaning.yaml");
  m.valuation.investments[0].amount = Parameter::uniform(60000, 100000);
  m.valuation.investments[1].amount = Parameter::triangular(20000, 25000, 35000);
  m.valuation.investments[2].year = 2;
  m.valuation.investments[2].amount = Parameter::uniform(30000, 40000);
  check_tornado_against_full_evaluation(m, TornadoRange::p05_p95);
  check_tornado_against_full_evaluation(m, TornadoRange::p10_p90);
}
