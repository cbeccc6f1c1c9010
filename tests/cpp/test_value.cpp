// Monetised value (SROI) against hand calculations written out step by step.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <random>
#include <thread>

#include "impactchain/io.hpp"
#include "impactchain/switching.hpp"
#include "impactchain/value.hpp"
#include "support.hpp"

using namespace impactchain;

namespace {

bool has(const std::vector<Notice>& v, const std::string& part) {
  return std::any_of(v.begin(), v.end(), [&](const Notice& s) { return s.text.find(part) != std::string::npos; });
}

// Every golden model file, for tests that run over all of them.
const char* const kGoldenModels[] = {"model_basic.json", "value_two_outcomes.json", "value_green_book_long.json",
                                     "value_wellby.json", "value_warnings.json"};

// The plan of a golden model with options o, or nothing where the options make the model invalid
// (e.g. additive adjustments above 1).
std::optional<ValuePlan> try_compile(const char* file, ParameterTable& table, const ValueOptions& o) {
  try {
    return compile_value(golden(file), table, o);
  } catch (const ValidationError&) {
    return std::nullopt;
  }
}

const OutcomeValue& outcome(const ValueResult& r, const std::string& id) {
  for (const auto& o : r.outcomes)
    if (o.id == id) return o;
  throw std::runtime_error("no outcome " + id);
}

// value_two_outcomes.json, by hand (discount 5 %, year 1 discounted):
// employed:       Q = 40 trained × 0.3 = 12; P = 10,000 (2024 prices)
//                 I = 12 × 10,000 × (1−0.25)(1−0.1)(1−0.2) = 120,000 × 0.54 = 64,800
//                 years 1..3 with drop-off 50 %: 64,800; 32,400; 16,200
// benefits_saved: P = 5,000 in 2020 prices × 120/100 = 6,000 (2024 prices)
//                 I = 8 × 6,000 × (1−0.5)(1−0)(1−0.1) = 48,000 × 0.45 = 21,600
//                 starts after the 1-year period: years 2, 3, 4; duration 2.5 → year 4 counts half
//                 drop-off 20 %: 21,600; 17,280; 21,600 × 0.8² × 0.5 = 6,912
// investment:     60,000 + 40,000 = 100,000 in year 0, not discounted
const double kEmployedPV = 64800 / 1.05 + 32400 / std::pow(1.05, 2) + 16200 / std::pow(1.05, 3);
const double kBenefitsPV = 21600 / std::pow(1.05, 2) + 17280 / std::pow(1.05, 3) + 6912 / std::pow(1.05, 4);

}  // namespace

TEST_CASE("value: two outcomes, drop-off, price index, fractional last year") {
  const auto r = value(golden("value_two_outcomes.json"));
  CHECK(r.currency == "EUR");
  CHECK(r.price_year == 2024);
  CHECK(outcome(r, "employed").quantity == doctest::Approx(12));
  CHECK(outcome(r, "employed").impact == doctest::Approx(64800));
  CHECK(outcome(r, "benefits_saved").unit_proxy == doctest::Approx(6000));
  CHECK(outcome(r, "benefits_saved").first_year == 2);
  CHECK(outcome(r, "employed").present_value == doctest::Approx(kEmployedPV).epsilon(1e-12));
  CHECK(outcome(r, "benefits_saved").present_value == doctest::Approx(kBenefitsPV).epsilon(1e-12));
  CHECK(r.present_value == doctest::Approx(kEmployedPV + kBenefitsPV).epsilon(1e-12));
  CHECK(r.investment == 100000);
  CHECK(r.investment_pv == 100000);
  CHECK(r.npv == doctest::Approx(kEmployedPV + kBenefitsPV - 100000).epsilon(1e-12));
  REQUIRE(r.sroi_ratio);
  CHECK(*r.sroi_ratio == doctest::Approx((kEmployedPV + kBenefitsPV) / 100000).epsilon(1e-12));
  CHECK(*r.net_sroi == doctest::Approx((kEmployedPV + kBenefitsPV - 100000) / 100000).epsilon(1e-12));
  // Payback: 100,000 / ((64,800 + 21,600) / 12) = 100,000 / 7,200 = 13.888… months.
  REQUIRE(r.payback_months);
  CHECK(*r.payback_months == doctest::Approx(100000.0 / 7200.0));
  CHECK(r.payback_method.find("simple") != std::string::npos);

  // The year table: gross, after each adjustment, after drop-off, discounted.
  REQUIRE(r.yearly.size() == 6);
  const auto& y = r.yearly[5];  // benefits_saved, year 4
  CHECK(y.outcome == "benefits_saved");
  CHECK(y.stakeholder == "municipality");
  CHECK(y.year == 4);
  CHECK(y.gross == doctest::Approx(8 * 6000 * 0.5));           // half a year: 24,000
  CHECK(y.after_deadweight == doctest::Approx(12000));
  CHECK(y.after_displacement == doctest::Approx(12000));
  CHECK(y.after_attribution == doctest::Approx(10800));
  CHECK(y.after_drop_off == doctest::Approx(10800 * 0.64));     // 6,912
  CHECK(y.discount_factor == doctest::Approx(std::pow(1.05, -4)));
  CHECK(y.discounted == doctest::Approx(6912 / std::pow(1.05, 4)));

  // By stakeholder and funder.
  REQUIRE(r.by_stakeholder.size() == 2);
  CHECK(r.by_stakeholder[0].stakeholder == "participants");
  CHECK(r.by_stakeholder[0].present_value == doctest::Approx(kEmployedPV));
  CHECK(r.by_stakeholder[1].undiscounted == doctest::Approx(21600 + 17280 + 6912));
  REQUIRE(r.by_funder.size() == 2);
  CHECK(r.by_funder[0].funder == "municipality");
  CHECK(r.by_funder[0].share == doctest::Approx(0.6));
  CHECK(has(r.assumptions, "value in 2020 prices brought to 2024 prices: × index[2024] / index[2020] = 1.2"));
  CHECK(has(r.assumptions, "discount: constant 5%"));
  CHECK(r.discount == "constant 5%");
}

TEST_CASE("value: year-1 undiscounted convention") {
  ValueOptions opt;
  opt.discount_first_year = false;
  const auto r = value(golden("value_two_outcomes.json"), opt);
  // Every year uses D_{y-1}: employed 64,800 + 32,400/1.05 + 16,200/1.05²; benefits years 2..4 → D_1..D_3.
  const double employed = 64800 + 32400 / 1.05 + 16200 / std::pow(1.05, 2);
  const double benefits = 21600 / 1.05 + 17280 / std::pow(1.05, 2) + 6912 / std::pow(1.05, 3);
  CHECK(r.present_value == doctest::Approx(employed + benefits).epsilon(1e-12));
  CHECK(has(r.assumptions, "year-1 values are not discounted"));
}

TEST_CASE("value: additive adjustments and discounted investments") {
  ValueOptions opt;
  opt.adjustments = Adjustments::additive;
  const auto r = value(golden("value_two_outcomes.json"), opt);
  // employed: 120,000 × (1 − 0.25 − 0.1 − 0.2) = 54,000; benefits: 48,000 × (1 − 0.5 − 0 − 0.1) = 19,200.
  const double employed = 54000 / 1.05 + 27000 / std::pow(1.05, 2) + 13500 / std::pow(1.05, 3);
  const double benefits = 19200 / std::pow(1.05, 2) + 19200 * 0.8 / std::pow(1.05, 3) + 19200 * 0.64 * 0.5 / std::pow(1.05, 4);
  CHECK(r.present_value == doctest::Approx(employed + benefits).epsilon(1e-12));
  CHECK(r.yearly[0].after_displacement == doctest::Approx(120000 * (1 - 0.25 - 0.1)));

  // Investments in year 0 are not discounted either way; move one to year 2.
  auto m = golden("value_two_outcomes.json");
  m.valuation.investments[1].year = 2;
  ValueOptions di;
  di.discount_investments = true;
  const auto r2 = value(m, di);
  CHECK(r2.investment_pv == doctest::Approx(60000 + 40000 / std::pow(1.05, 2)));
  CHECK(r2.investment == 100000);
  CHECK(value(m).investment_pv == 100000);
  CHECK(has(value(m).assumptions, "investment 'foundation' in year 2 is counted undiscounted"));
}

TEST_CASE("value: additive adjustments above 1 are refused, naming the outcome") {
  auto m = golden("value_two_outcomes.json");
  m.valuation.outcomes[0].attribution = Parameter(0.7);  // 0.25 + 0.1 + 0.7 = 1.05
  ValueOptions opt;
  opt.adjustments = Adjustments::additive;
  CHECK_THROWS_WITH_AS(value(m, opt), doctest::Contains("outcomes[0]: outcome 'employed': with additive adjustments deadweight + displacement + attribution = 1.05 exceeds 1"),
                       ValidationError);
  CHECK_NOTHROW(value(m));  // multiplicative: 0.75 × 0.9 × 0.3 > 0
}

TEST_CASE("value: drop-off from the first year after the activity period") {
  auto m = golden("value_two_outcomes.json");
  ValueOptions opt;
  opt.drop_off_start = DropOffStart::after_period;
  const auto r = value(m, opt);
  // Period = 1 year. employed (during): years 1..3 exponents 0, 1, 2 — as by default.
  // benefits_saved (after): years 2..4 exponents 1, 2, 3: 21,600 × 0.8; × 0.64; × 0.512 × 0.5.
  const double benefits = 21600 * 0.8 / std::pow(1.05, 2) + 21600 * 0.64 / std::pow(1.05, 3) +
                          21600 * 0.512 * 0.5 / std::pow(1.05, 4);
  CHECK(outcome(r, "benefits_saved").present_value == doctest::Approx(benefits).epsilon(1e-12));
  CHECK(outcome(r, "employed").present_value == doctest::Approx(kEmployedPV).epsilon(1e-12));
}

TEST_CASE("value: a Green Book schedule crossing the 30-year band boundary") {
  const auto r = value(golden("value_green_book_long.json"));
  // I = 1 × 1,000 × (1 − 0.2) = 800 a year for 32 years, no drop-off.
  // Years 1..30 at 3.5 %: Σ 1.035^−t = (1 − 1.035^−30) / 0.035; years 31, 32 at 3 % on top of 1.035^−30.
  const double annuity30 = (1 - std::pow(1.035, -30)) / 0.035;
  const double tail = std::pow(1.035, -30) * (1 / 1.03 + 1 / (1.03 * 1.03));
  CHECK(r.present_value == doctest::Approx(800 * (annuity30 + tail)).epsilon(1e-12));
  CHECK(r.discount == "green_book: 3.5% years 0-30, 3% years 31-75, 2.5% years 76-125, 2% years 126-200, 1.5% years 201-300, 1% years 301+");
  CHECK(r.yearly[30].discount_factor == doctest::Approx(std::pow(1.035, -30) / 1.03).epsilon(1e-13));
  CHECK(*r.sroi_ratio == doctest::Approx(800 * (annuity30 + tail) / 20000).epsilon(1e-12));
  CHECK(has(r.warnings, "outcome 'housing': lasts 32 years with no drop-off"));
  // Year-1 undiscounted: year t uses D_{t−1}: 1 + Σ_{t=1..30} 1.035^−t + 1.035^−30 / 1.03 (years 2..32).
  ValueOptions opt;
  opt.discount_first_year = false;
  CHECK(value(golden("value_green_book_long.json"), opt).present_value ==
        doctest::Approx(800 * (1 + annuity30 + std::pow(1.035, -30) / 1.03)).epsilon(1e-12));
}

TEST_CASE("value: WELLBY conversion (HM Treasury 2021 example)") {
  const auto r = value(golden("value_wellby.json"));
  const auto& o = outcome(r, "life_satisfaction");
  // +0.2 points × £13,000 per WELLBY = £2,600 per person per year (2019 prices), for 2 years.
  CHECK(o.unit_proxy == doctest::Approx(2600));
  CHECK(o.valuation == "wellby");
  // 5 people × 2,600 × (1 − 0.3) = 9,100 a year, Green Book 3.5 %.
  CHECK(r.present_value == doctest::Approx(9100 / 1.035 + 9100 / (1.035 * 1.035)).epsilon(1e-12));
  CHECK(has(r.assumptions, "wellbeing valuation (a proxy, not a market price): 0.2 points of life satisfaction × 13000 per WELLBY = 2600 per person per year"));
  CHECK(has(r.assumptions, "published range GBP 10,000\u201316,000"));
  // In 2024 prices it needs an index for 2019 and 2024.
  auto m = golden("value_wellby.json");
  m.info.price_year = 2024;
  m.valuation.investments[0].price_year = 2024;
  CHECK_THROWS_WITH_AS(value(m), doctest::Contains("outcomes[0].wellbeing.value_per_wellby: outcome 'life_satisfaction': the default value per WELLBY is in 2019 prices"),
                       ValidationError);
  m.valuation.price_index = {{2019, 100.0}, {2024, 125.0}};
  CHECK(outcome(value(m), "life_satisfaction").unit_proxy == doctest::Approx(2600 * 1.25));
}

TEST_CASE("value: warnings for over-claiming, negative outcomes shown") {
  const auto r = value(golden("value_warnings.json"));
  // jobs: Q = 50 × 0.4 = 20, I = 20 × 3,000 = 60,000 for 5 years; benefits: Q = 20 × 0.5 = 10,
  // I = 10 × 2,000 × 0.9 = 18,000 then 14,400; displaced_hiring: 4 × −1,500 × 0.5 = −3,000 in year 3
  // (period 2024–2025 = 2 years). No discount section, currency EUR → nl_2021 2.25 %.
  double jobs = 0;
  for (int t = 1; t <= 5; ++t) jobs += 60000 / std::pow(1.0225, t);
  const double benefits = 18000 / 1.0225 + 14400 / std::pow(1.0225, 2);
  const double displaced = -3000 / std::pow(1.0225, 3);
  CHECK(r.present_value == doctest::Approx(jobs + benefits + displaced).epsilon(1e-12));
  CHECK(outcome(r, "displaced_hiring").negative);
  CHECK(outcome(r, "displaced_hiring").present_value == doctest::Approx(displaced));
  CHECK(outcome(r, "displaced_hiring").first_year == 3);
  CHECK_FALSE(outcome(r, "jobs").negative);
  CHECK(has(r.warnings, "outcome 'jobs': no adjustments"));
  CHECK(has(r.warnings, "outcome 'jobs': lasts 5 years with no drop-off"));
  CHECK(has(r.warnings, "outcome 'jobs': the financial proxy has no source"));
  CHECK(has(r.warnings, "double counting: outcome 'jobs' (node 'employed') and outcome 'benefits' (node 'off_benefits')"));
  CHECK(has(r.warnings, "every assumption is a fixed number"));
  CHECK_FALSE(has(r.warnings, "deadweight is 0 for every outcome"));
  CHECK(has(r.assumptions, "discount: not given; using nl_2021 (2.25%) because the model currency is EUR"));
  CHECK(has(r.assumptions, "outcome 'jobs': deadweight not given, taken as 0"));
  CHECK(has(r.assumptions, "outcome 'benefits': price year of the value not given, taken as the model's 2024"));
  auto m = golden("value_warnings.json");
  m.valuation.outcomes[2].deadweight = Parameter(0.0);
  CHECK(has(value(m).warnings, "deadweight is 0 for every outcome"));
  m.valuation.investments.clear();
  const auto none = value(m);
  CHECK_FALSE(none.sroi_ratio);
  CHECK_FALSE(none.payback_months);
  CHECK(has(none.warnings, "no investments"));
}

TEST_CASE("value: switching values bring the ratio to 1") {
  auto m = golden("value_two_outcomes.json");
  ParameterTable table;
  const ValuePlan plan = compile_value(m, table, {});
  const auto x = table.centrals();
  const auto svs = switching_values(plan, table);
  REQUIRE(svs.size() == table.size());
  int found = 0;
  for (std::size_t i = 0; i < svs.size(); ++i) {
    CAPTURE(svs[i].name);
    CHECK(svs[i].name == table[i].name);
    if (!svs[i].value) continue;
    ++found;
    auto xs = x;
    xs[i] = *svs[i].value;
    ValueTotals t;
    plan.totals(xs.data(), t);
    CHECK(t.sroi_ratio == doctest::Approx(1.0).epsilon(1e-9));
    CHECK(*svs[i].value >= svs[i].domain_low);
    CHECK(*svs[i].value <= svs[i].domain_high);
  }
  CHECK(found >= 8);
  auto find = [&](const std::string& n) {
    for (const auto& s : svs)
      if (s.name == n) return s;
    throw std::runtime_error(n);
  };
  // The investment at which SROI = 1 equals the PV: 60,000 → PV − 40,000.
  CHECK(*find("investments[0].amount").value == doctest::Approx(kEmployedPV + kBenefitsPV - 40000).epsilon(1e-9));
  // Linear in the employed proxy: PV(P) = kBenefitsPV + kEmployedPV · P / 10,000 = 100,000.
  CHECK(*find("outcomes[employed].proxy.value").value == doctest::Approx((100000 - kBenefitsPV) / kEmployedPV * 10000).epsilon(1e-9));
  // Drop-off of benefits_saved cannot bring the ratio to 1: at drop-off 1 only year 2 remains and
  // PV = kEmployedPV + 21,600/1.05² = 124,688 > 100,000.
  CHECK_FALSE(find("outcomes[benefits_saved].drop_off").value);
  CHECK(find("outcomes[benefits_saved].drop_off").domain_high == 1.0);
  CHECK(find("chain.edges[training->employed].rate").value);
  CHECK(find("discount.rate").value);
  // value() reports the same, and so does a search on 3 threads (or all hardware threads).
  const auto r = value(m);
  CHECK(r.switching_values.size() == svs.size());
  for (unsigned threads : {3u, 0u}) {
    const auto par = switching_values(plan, table, threads);
    REQUIRE(par.size() == svs.size());
    for (std::size_t i = 0; i < svs.size(); ++i) {
      CHECK(par[i].name == svs[i].name);
      CHECK(par[i].value == svs[i].value);
      CHECK(r.switching_values[i].value == svs[i].value);
    }
  }
  CHECK_THROWS_WITH_AS(switching_values(plan, table, 2000), doctest::Contains("threads"), ValidationError);
}

TEST_CASE("value: plan slots, totals without a chain, and concurrent use") {
  auto m = golden("value_two_outcomes.json");
  ParameterTable table;
  const ValuePlan plan = compile_value(m, table, {});
  std::vector<std::string> names;
  for (const auto& e : table.entries()) names.push_back(e.name);
  CHECK(std::find(names.begin(), names.end(), "outcomes[employed].deadweight") != names.end());
  CHECK(std::find(names.begin(), names.end(), "outcomes[benefits_saved].quantity") != names.end());
  CHECK(std::find(names.begin(), names.end(), "investments[1].amount") != names.end());
  CHECK(std::find(names.begin(), names.end(), "discount.rate") != names.end());
  CHECK(std::find(names.begin(), names.end(), "chain.nodes[training].quantity") != names.end());
  CHECK(plan.parameters() == table.size());
  const auto x = table.centrals();
  std::vector<double> results(4);
  std::vector<std::thread> threads;
  for (int k = 0; k < 4; ++k)
    threads.emplace_back([&, k] {
      ValueScratch s(plan.chain_nodes());
      ValueTotals t;
      for (int rep = 0; rep < 200; ++rep) plan.totals(x.data(), t, s);
      results[k] = t.present_value;
    });
  for (auto& th : threads) th.join();
  for (double v : results) CHECK(v == doctest::Approx(kEmployedPV + kBenefitsPV).epsilon(1e-12));
  // An additive draw above 1 is flagged, not silently computed.
  ValueOptions add;
  add.adjustments = Adjustments::additive;
  ParameterTable t2;
  const ValuePlan p2 = compile_value(m, t2, add);
  auto bad = t2.centrals();
  for (std::size_t i = 0; i < t2.size(); ++i)
    if (t2[i].name == "outcomes[benefits_saved].deadweight") bad[i] = 0.95;
  ValueTotals tt;
  p2.totals(bad.data(), tt);
  CHECK_FALSE(tt.ok());
  CHECK(tt.invalid_outcome == 1);
  CHECK(std::isnan(tt.sroi_ratio));
}

TEST_CASE("value: bad input is refused, naming the outcome and field") {
  const std::string head = R"({"name": "x", "currency": "EUR", "price_year": 2024,
    "investments": [{"funder": "f", "amount": 100}], )";
  auto outcome_with = [&](const std::string& fields) {
    return head + R"("outcomes": [{"id": "o", "quantity": 10, "proxy": {"value": 5, "currency": "EUR", "source": "s"}, )" +
           fields + "}]}";
  };
  CHECK_THROWS_WITH_AS(io::parse_model(outcome_with(R"("deadweight": 1.3)")),
                       doctest::Contains("outcomes[0].deadweight: outcome 'o': deadweight must be in [0, 1], got 1.3"), ValidationError);
  CHECK_THROWS_WITH_AS(io::parse_model(outcome_with(R"("attribution": -0.1)")),
                       doctest::Contains("outcomes[0].attribution: outcome 'o': attribution must be in [0, 1]"), ValidationError);
  CHECK_THROWS_WITH_AS(io::parse_model(outcome_with(R"("duration": -2)")),
                       doctest::Contains("outcomes[0].duration: outcome 'o': duration must be in (0, 300] years, got -2"), ValidationError);
  CHECK_THROWS_WITH_AS(io::parse_model(outcome_with(R"("duration": 0)")),
                       doctest::Contains("outcomes[0].duration: outcome 'o': duration must be in (0, 300] years, got 0"), ValidationError);
  // A quantity that is not finite: refused by Parameter itself; in a JSON file 1e999 overflows the
  // parser, which the loader reports as a ValidationError.
  CHECK_THROWS_WITH_AS(Parameter::fixed(std::nan("")), "fixed value must be finite, got nan", ValidationError);
  CHECK_THROWS_WITH_AS(Parameter::fixed(std::numeric_limits<double>::infinity()), "fixed value must be finite, got inf", ValidationError);
  CHECK_THROWS_WITH_AS(io::parse_model(head + R"("outcomes": [{"id": "o", "quantity": 1e999, "proxy": {"value": 5, "currency": "EUR"}}]})"),
                       doctest::Contains("the file could not be read"), ValidationError);
  CHECK_THROWS_WITH_AS(io::parse_model(head + R"("outcomes": [{"id": "o", "quantity": -3, "proxy": {"value": 5, "currency": "EUR"}}]})"),
                       doctest::Contains("outcomes[0].quantity: outcome 'o': quantity must be in [0, inf], got -3"), ValidationError);
  CHECK_THROWS_WITH_AS(io::parse_model(head + R"("outcomes": [{"id": "o", "quantity": 3, "proxy": {"value": 5}}]})"),
                       doctest::Contains("outcomes[0].proxy.currency: outcome 'o': proxy currency is missing"), ValidationError);
  CHECK_THROWS_WITH_AS(io::parse_model(head + R"("outcomes": [{"id": "o", "quantity": 3, "proxy": {"value": 5, "currency": "USD"}}]})"),
                       doctest::Contains("outcomes[0].proxy.currency: outcome 'o': currency USD differs from the model currency EUR"), ValidationError);
  CHECK_THROWS_WITH_AS(io::parse_model(head + R"("outcomes": [{"id": "o", "quantity": 3, "proxy": {"value": 5, "currency": "EUR", "price_year": 2019}}]})"),
                       doctest::Contains("outcomes[0].proxy.price_year: outcome 'o': price year 2019 differs from the model's 2024 and price_index has no entry for 2019"),
                       ValidationError);
  CHECK_THROWS_WITH_AS(io::parse_model(head + R"("discount": {"bands": [{"from": 0, "to": 30, "rate": 0.035}, {"from": 32, "rate": 0.03}]}})"),
                       doctest::Contains("discount.bands[1].from: bands leave a gap or overlap: expected a band starting at year 31, got 32"),
                       ValidationError);
  CHECK_THROWS_WITH_AS(io::parse_model(head + R"("discount": {"rate": 1.5}})"),
                       doctest::Contains("discount.rate: discount rate must be in [0, 1], got 1.5"), ValidationError);
  CHECK_THROWS_WITH_AS(io::parse_model(head + R"("discount": {"rates": [0.03, -0.01]}})"),
                       doctest::Contains("discount.rates[1]: discount rate must be in [0, 1]"), ValidationError);
  // A model built in C++ without the loader is validated by compile_value too.
  auto m = golden("value_two_outcomes.json");
  m.valuation.outcomes[0].drop_off = Parameter(1.2);
  CHECK_THROWS_WITH_AS(value(m), doctest::Contains("outcomes[0].drop_off: outcome 'employed': drop_off must be in [0, 1], got 1.2"),
                       ValidationError);
  ValueOptions opt;
  opt.long_duration_years = -1;
  CHECK_THROWS_WITH_AS(value(golden("value_two_outcomes.json"), opt), doctest::Contains("long_duration_years"), ValidationError);
}

TEST_CASE("value: totals_block gives each draw exactly what totals() gives") {
  // The Monte Carlo engine evaluates blocks of draws with totals_block; its
  // numbers must be totals()' numbers (and, with the ledger, ledger_totals'),
  // bit for bit, for every model feature:
  // chains, WELLBYs, schedules and uncertain rates, additive adjustments
  // (including a refused draw), drop-off after the period, both first-year
  // conventions, discounted investments, fractional and zero durations.
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> jitter(0.6, 1.4), unit(0.0, 1.0);
  for (const char* file : kGoldenModels) {
    for (int variant = 0; variant < 4; ++variant) {
      ValueOptions o;
      o.adjustments = variant & 1 ? Adjustments::additive : Adjustments::multiplicative;
      o.discount_first_year = variant != 2;
      o.discount_investments = variant >= 2;
      o.drop_off_start = variant == 3 ? DropOffStart::after_period : DropOffStart::second_year;
      ParameterTable table;
      const auto compiled = try_compile(file, table, o);
      if (!compiled) continue;
      const ValuePlan& plan = *compiled;
      INFO(file << ", variant " << variant);
      const std::size_t B = 300, n = 293, slots = table.size();  // n < B: a partial block
      std::vector<double> cols(slots * B), out(4 * B, -1.0);
      const auto central = table.centrals();
      for (std::size_t s = 0; s < slots; ++s) {
        const std::string& name = table[s].name;
        const bool share = name.find("deadweight") != std::string::npos || name.find("displacement") != std::string::npos ||
                           name.find("attribution") != std::string::npos || name.find("drop_off") != std::string::npos;
        for (std::size_t i = 0; i < n; ++i) {
          double v = central[s] * jitter(rng);
          if (share) v = std::min(0.6, unit(rng) * 0.6);  // additive sums above 1 happen
          if (name.find("duration") != std::string::npos) v = i % 37 == 0 ? 0.0 : 0.5 + 6.5 * unit(rng);
          if (name == "discount.rate") v = 0.01 + 0.05 * unit(rng);
          cols[s * B + i] = v;
        }
      }
      ValueBlockScratch scratch;
      plan.totals_block(cols.data(), B, n, out.data(), scratch);
      // Again with the ledger: the same four outputs, and each party's gains, pays and net.
      const std::size_t np = plan.ledger().parties.size();
      std::vector<double> out2(4 * B, -1.0), ledger(3 * np * B, -1.0);
      plan.totals_block(cols.data(), B, n, out2.data(), scratch, ledger.data());
      std::vector<double> x(slots), gains(np), pays(np);
      ValueScratch ledger_scratch(plan.chain_nodes());
      std::size_t refused = 0;
      for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t s = 0; s < slots; ++s) x[s] = cols[s * B + i];
        ValueTotals t;
        plan.totals(x.data(), t);
        const double want[4] = {t.present_value, t.investment_pv, t.npv, t.sroi_ratio};
        for (int q = 0; q < 4; ++q) {
          const double got = out[static_cast<std::size_t>(q) * B + i];
          const double got2 = out2[static_cast<std::size_t>(q) * B + i];
          if (std::isnan(want[q])) {
            CHECK(std::isnan(got));
            CHECK(std::isnan(got2));
          } else {
            CHECK(got == want[q]);  // bit-identical, not approximately equal
            CHECK(got2 == want[q]);
          }
        }
        plan.ledger_totals(x.data(), gains.data(), pays.data(), ledger_scratch);
        for (std::size_t p = 0; p < np; ++p) {
          const double want_l[3] = {gains[p], pays[p], gains[p] - pays[p]};
          for (std::size_t j = 0; j < 3; ++j) {
            const double got = ledger[(3 * p + j) * B + i];
            if (std::isnan(want_l[j]))
              CHECK(std::isnan(got));
            else
              CHECK(got == want_l[j]);
          }
        }
        refused += t.ok() ? 0 : 1;
      }
      if (o.adjustments == Adjustments::additive) CHECK(refused > 0);  // the refused path was exercised
      for (int q = 0; q < 4; ++q) CHECK(out[static_cast<std::size_t>(q) * B + n] == -1.0);  // nothing written past n
    }
  }
}

TEST_CASE("value: switching values of every golden model recompute to a ratio of 1") {
  // The search re-evaluates only the outcome or investment that reads the slot;
  // each value is checked with a full evaluation of the plan.
  for (const char* file : kGoldenModels) {
    for (auto adj : {Adjustments::multiplicative, Adjustments::additive}) {
      ValueOptions o;
      o.adjustments = adj;
      o.discount_investments = adj == Adjustments::additive;
      ParameterTable table;
      const auto plan = try_compile(file, table, o);
      if (!plan) continue;
      const auto x = table.centrals();
      std::size_t found = 0;
      for (const auto& sv : switching_values(*plan, table)) {
        if (!sv.value) continue;
        ++found;
        INFO(file << ": " << sv.name << " = " << *sv.value);
        auto xs = x;
        for (std::size_t i = 0; i < table.size(); ++i)
          if (table[i].name == sv.name) xs[i] = *sv.value;
        ValueTotals t;
        plan->totals(xs.data(), t);
        CHECK(t.sroi_ratio == doctest::Approx(1.0).epsilon(1e-9));
      }
      CHECK(found > 0);
    }
  }
}

TEST_CASE("value: model years outside the documented range are refused before anything is sized by them") {
  const std::string money = R"("outcomes": [{"id": "o", "quantity": 10, "proxy": {"value": 5, "currency": "EUR", "source": "s"}}])";
  auto model = [&](const std::string& head, const std::string& inv = R"([{"funder": "f", "amount": 100}])") {
    return R"({"name": "x", "currency": "EUR", )" + head + R"(, "investments": )" + inv + ", " + money + "}";
  };
  // One discount factor per year up to the latest investment year: 999999999 would allocate ~8 GB.
  CHECK_THROWS_WITH_AS(io::parse_model(model(R"("price_year": 2024)", R"([{"funder": "f", "amount": 100, "year": 999999999}])")),
                       doctest::Contains("investments[0].year: investment 'f': year must be in [0, 300]"), ValidationError);
  CHECK_THROWS_WITH_AS(io::parse_model(model(R"("price_year": 99999)")),
                       doctest::Contains("price_year: price_year must be a year in [1900, 2200], got 99999"), ValidationError);
  CHECK_THROWS_WITH_AS(io::parse_model(model(R"("price_year": 2024, "period": {"start": -1000000000, "end": 1000000000})")),
                       doctest::Contains("period.start: period start must be a year in [1900, 2200], got -1000000000"),
                       ValidationError);
  // 1900..2200 inclusive is 301 years.
  CHECK_THROWS_WITH_AS(io::parse_model(model(R"("price_year": 2024, "period": {"start": 1900, "end": 2200})")),
                       doctest::Contains("period: the activity period may last at most 300 years, got 301"), ValidationError);
  CHECK_THROWS_WITH_AS(io::parse_model(model(R"("price_year": 2024, "price_index": {"2024": 100, "3000": 120})")),
                       doctest::Contains("price_index.3000: price index year must be in [1900, 2200], got 3000"), ValidationError);
  // The limits themselves are accepted: 300 years of period, an investment in year 300.
  CHECK_NOTHROW(io::parse_model(model(R"("price_year": 2024, "period": {"start": 1901, "end": 2200})",
                                      R"([{"funder": "f", "amount": 100, "year": 300}])")));
  // A model built in C++ is checked by compile_value before the plan sizes its discount factors.
  auto m = golden("value_two_outcomes.json");
  m.valuation.investments[0].year = 999999999;
  CHECK_THROWS_WITH_AS(value(m), doctest::Contains("investments[0].year"), ValidationError);
}

TEST_CASE("value: a present value beyond the range of double is an error naming the outcome") {
  const std::string head = R"({"name": "x", "currency": "EUR", "price_year": 2024, "discount": {"rate": 0},
    "investments": [{"funder": "f", "amount": 100}], "outcomes": [)";
  // 10 × 1.7e308 overflows to inf in the impact of the outcome.
  const Model big = io::parse_model(head + R"({"id": "big", "quantity": 10, "proxy": {"value": 1.7e308, "currency": "EUR", "source": "s"}}]})");
  CHECK_THROWS_WITH_AS(value(big), doctest::Contains("outcomes: the value of outcome 'big' is not a finite number"), ValidationError);
  // Two outcomes of +inf and -inf would give a NaN total: both are named.
  const Model both = io::parse_model(
      head + R"({"id": "up", "quantity": 2, "proxy": {"value": 1.7e308, "currency": "EUR", "source": "s"}},
                {"id": "down", "quantity": 2, "proxy": {"value": -1.7e308, "currency": "EUR", "source": "s"}}]})");
  CHECK_THROWS_WITH_AS(value(both), doctest::Contains("outcome 'up', 'down' is not a finite number"), ValidationError);
  // Each outcome finite (1.7e308 with quantity 1), their sum not: 2 × 1.7e308 = inf.
  const Model sum = io::parse_model(
      head + R"({"id": "a", "quantity": 1, "proxy": {"value": 1.7e308, "currency": "EUR", "source": "s"}},
                {"id": "b", "quantity": 1, "proxy": {"value": 1.7e308, "currency": "EUR", "source": "s"}}]})");
  CHECK_THROWS_WITH_AS(value(sum), doctest::Contains("the present value of all outcomes together is not a finite number"),
                       ValidationError);
}

TEST_CASE("value: the SROI ratio is not computed for an investment of ~0, with a warning") {
  auto model = [](const std::string& proxy, const std::string& amount) {
    return io::parse_model(R"({"name": "x", "currency": "EUR", "price_year": 2024, "discount": {"rate": 0},
      "investments": [{"funder": "f", "amount": )" + amount + R"(}],
      "outcomes": [{"id": "o", "quantity": 10, "deadweight": 0.5, "proxy": {"value": )" + proxy +
                           R"(, "currency": "EUR", "source": "s"}}]})");
  };
  // PV = 10 × 5 × (1 − 0.5) = 25 (rate 0, one year). An investment of 1e-300 would give a 300-digit ratio.
  const auto tiny = value(model("5", "1e-300"));
  CHECK(tiny.present_value == doctest::Approx(25.0));
  CHECK_FALSE(tiny.sroi_ratio.has_value());
  CHECK_FALSE(tiny.net_sroi.has_value());
  CHECK(tiny.sroi_note.text == "not computed: investment is ~0");
  CHECK(has(tiny.warnings, "is ~0 next to the present value"));
  // At the absolute threshold (0.01) the ratio is computed: 25 / 0.01 = 2500.
  const auto cent = value(model("5", "0.01"));
  REQUIRE(cent.sroi_ratio.has_value());
  CHECK(*cent.sroi_ratio == doctest::Approx(2500.0));
  CHECK(cent.sroi_note.empty());
  // Relative threshold: PV = 10 × 2e9 × 0.5 = 1e10; 1e-9 × PV = 10, so 5 is ~0 and 20 is not (ratio 5e8).
  CHECK_FALSE(value(model("2e9", "5")).sroi_ratio.has_value());
  const auto rel = value(model("2e9", "20"));
  REQUIRE(rel.sroi_ratio.has_value());
  CHECK(*rel.sroi_ratio == doctest::Approx(5e8));
  // No investment at all: a note, and switching values say why there is none.
  auto none = golden("value_two_outcomes.json");
  none.valuation.investments.clear();
  const auto r = value(none);
  CHECK(r.sroi_note.text == "not defined: no investments");
  REQUIRE_FALSE(r.switching_values.empty());
  for (const auto& sv : r.switching_values) {
    CHECK_FALSE(sv.value.has_value());
    CHECK(sv.note.text == "none in range: the SROI ratio is not defined without an investment");
  }
}

TEST_CASE("value: a switching value that does not exist carries the reason and the range searched") {
  // value_two_outcomes.json has a ratio well above 1; its switching values are found, except where the
  // ratio never reaches 1 in the parameter's domain: those say so, with the domain.
  const auto r = value(golden("value_two_outcomes.json"));
  for (const auto& sv : r.switching_values) {
    if (sv.value) {
      CHECK(std::isfinite(*sv.value));
      CHECK(sv.note.empty());
    } else {
      CHECK(sv.note.text == "none in range: the SROI ratio does not reach 1 for any value in [" + detail::num(sv.domain_low) +
                           ", " + detail::num(sv.domain_high) + "]");
    }
  }
}

TEST_CASE("value: an unknown scale of a soft outcome is refused with a suggestion") {
  const auto text = R"({"name": "x", "soft_outcomes": [{"id": "wb", "data": "d.csv", "pre": "pre", "post": "post",
                        "scale": "swembws"}]})";
  CHECK_THROWS_WITH_AS(io::parse_model(text),
                       doctest::Contains("soft_outcomes[0].scale: soft outcome 'wb': unknown scale 'swembws'; did you mean "
                                         "'swemwbs'? known: wemwbs, swemwbs"),
                       ValidationError);
}

namespace {
// One outcome: 10 people x 100, deadweight 20 %, attribution 25 %, leakage 10 %, one year,
// discount rate 0, an investment of 270.
Model leakage_model(const std::string& leakage = "0.1") {
  return io::parse_model(
      "impactchain: 1\nname: leak\ncurrency: EUR\nprice_year: 2024\ndiscount: {rate: 0}\n"
      "investments: [{funder: city, amount: 270}]\n"
      "outcomes:\n  - {id: o, quantity: 10, proxy: {value: 100, currency: EUR, source: s}, deadweight: 0.2, "
      "attribution: 0.25, leakage: " + leakage + "}\n",
      io::Format::yaml);
}
}  // namespace

TEST_CASE("value: leakage is a fifth adjustment in both modes, with its own switching value") {
  const Model m = leakage_model();
  const ValueResult r = value(m);
  // 10 x 100 x (1 - 0.2)(1 - 0)(1 - 0.25)(1 - 0.1) = 1000 x 0.54 = 540
  CHECK(r.present_value == doctest::Approx(540.0).epsilon(1e-12));
  CHECK(outcome(r, "o").leakage == 0.1);
  const ValueYear& y = r.yearly.at(0);
  CHECK(y.after_attribution == doctest::Approx(600.0).epsilon(1e-12));
  CHECK(y.after_leakage == doctest::Approx(540.0).epsilon(1e-12));
  // The ratio is 540 / 270 = 2; it falls to 1 where 1000 x 0.6 x (1 - LK) = 270: LK = 0.55.
  const auto sv = std::find_if(r.switching_values.begin(), r.switching_values.end(),
                               [](const SwitchingValue& s) { return s.name == "outcomes[o].leakage"; });
  REQUIRE(sv != r.switching_values.end());
  CHECK(sv->value.value() == doctest::Approx(0.55).epsilon(1e-9));
  ValueOptions additive;
  additive.adjustments = Adjustments::additive;
  // 1000 x (1 - 0.2 - 0 - 0.25 - 0.1) = 450
  CHECK(value(m, additive).present_value == doctest::Approx(450.0).epsilon(1e-12));
  // An outcome without leakage deducts none, and says so.
  const ValueResult none = value(io::parse_model(
      "impactchain: 1\nname: x\ncurrency: EUR\nprice_year: 2024\ndiscount: {rate: 0}\n"
      "outcomes: [{id: o, quantity: 10, proxy: {value: 100, currency: EUR, source: s}}]\n",
      io::Format::yaml));
  CHECK(none.present_value == doctest::Approx(1000.0));
  CHECK(has(none.assumptions, "outcome 'o': leakage not given, taken as 0"));
  // Out of [0, 1]: refused at its path.
  try {
    leakage_model("1.3");
    FAIL("a leakage of 1.3 was accepted");
  } catch (const ValidationError& e) {
    CHECK(e.issues().front().path.rfind("outcomes[0].leakage", 0) == 0);
  }
}

TEST_CASE("value: a model that values no outcome in money says so, and its ratio is the formula's 0") {
  // Investments only (a model whose outcomes are all soft): PV = 0, PV(investment) = 50,000 (year 0,
  // not discounted), so the ratio is 0 / 50,000 = 0, NPV = -50,000; the warning says why it means nothing.
  const auto r = value(io::parse_model(R"({"name": "x", "currency": "EUR", "price_year": 2024,
      "investments": [{"funder": "city", "amount": 50000}]})"));
  CHECK(r.present_value == 0.0);
  CHECK(r.npv == doctest::Approx(-50000.0));
  REQUIRE(r.sroi_ratio.has_value());
  CHECK(*r.sroi_ratio == 0.0);
  CHECK(has_code(r.warnings, "value.no_outcomes"));
  // A model with an outcome does not carry it.
  CHECK_FALSE(has_code(value(golden("value_two_outcomes.json")).warnings, "value.no_outcomes"));
}

TEST_CASE("value: each outcome without a stakeholder is named in an assumption, as the '(none)' party") {
  const std::string head = "name: x\ncurrency: EUR\nprice_year: 2024\nstakeholders: [city, insurer]\noutcomes:\n";
  const std::string proxy = "proxy: {value: 10, currency: EUR}";
  const auto r = value(io::parse_model(head + "  - {id: o1, quantity: 2, " + proxy + "}\n" +
                                           "  - {id: o2, quantity: 3, stakeholder: city, " + proxy + "}\n" +
                                           "  - {id: o3, quantity: 4, beneficiaries: {city: 0.5, insurer: 0.5}, " +
                                           proxy + "}\n" + "  - {id: o4, quantity: 5, " + proxy + "}\n",
                                       io::Format::yaml));
  std::vector<std::string> said;
  for (const auto& a : r.assumptions)
    if (a.code == "value.no_stakeholder") said.push_back(a.text);
  CHECK(said == std::vector<std::string>{"outcome 'o1': no stakeholder given; its value is shown under '(none)'",
                                         "outcome 'o4': no stakeholder given; its value is shown under '(none)'"});
  // The party it names: o1 and o4 (2 × 10 + 5 × 10 = 70 before discounting) under "(none)".
  const auto none = std::find_if(r.by_stakeholder.begin(), r.by_stakeholder.end(),
                                 [](const auto& s) { return s.stakeholder == "(none)"; });
  REQUIRE(none != r.by_stakeholder.end());
  CHECK(none->undiscounted == doctest::Approx(70.0));
  // Every outcome with a party: nothing said.
  const auto all = value(io::parse_model(head + "  - {id: o2, quantity: 3, stakeholder: city, " + proxy + "}\n",
                                         io::Format::yaml));
  CHECK_FALSE(has_code(all.assumptions, "value.no_stakeholder"));
}
