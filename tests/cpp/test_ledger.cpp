// Who pays, who gains (ValuePlan::Ledger): parties, beneficiaries' shares, volunteer time,
// the deterministic ledger against a hand calculation and the simulated ledger.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "impactchain/io.hpp"
#include "impactchain/simulate.hpp"
#include "impactchain/value.hpp"

using namespace impactchain;

namespace {
// Two stakeholders that gain, one of them also pays; a fund that only pays; residents give time.
const char* kTwoParties = R"(impactchain: 1
name: ledger
currency: EUR
price_year: 2024
stakeholders: [municipality, insurer, residents]
discount: {rate: 0.1}
investments:
  - {funder: municipality, amount: 100000}
  - {funder: Fonds X, kind: in_kind, amount: 20000}
  - {funder: residents, kind: volunteer_time, hours: 1000, hourly_value: 15}
  - {funder: residents, kind: volunteer_time, hours: 200}
outcomes:
  - {id: work, quantity: 10, beneficiaries: {municipality: 0.7, insurer: 0.3},
     proxy: {value: 20000, currency: EUR, source: s}, deadweight: 0.25, duration: 2, drop_off: 0.5}
  - {id: health, quantity: 5, stakeholder: residents, proxy: {value: {triangular: [1000, 2000, 3000]}, currency: EUR, source: s}}
)";

Model two_parties() { return io::parse_model(kTwoParties, io::Format::yaml); }

const PartyLedger& line(const ValueResult& r, const std::string& party) {
  for (const auto& l : r.ledger)
    if (l.party == party) return l;
  FAIL("no ledger line for " << party);
  return r.ledger.front();
}

std::string problems_of(const std::string& text) {
  try {
    io::parse_model(text, io::Format::yaml);
  } catch (const ValidationError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("ledger: a two-party model matches the hand calculation") {
  const ValueResult r = value(two_parties());
  // work: impact 10 x 20,000 x (1 - 0.25) = 150,000 in year 1, 75,000 in year 2 (drop-off 50 %),
  // discounted at 10 %: 150,000 / 1.1 + 75,000 / 1.21 = 136,363.64 + 61,983.47 = 198,347.107...
  const double work = 150000 / 1.1 + 75000 / 1.21;
  // health: 5 x 2,000 (the triangle's mean) for one year: 10,000 / 1.1.
  const double health = 10000 / 1.1;
  REQUIRE(r.ledger.size() == 4);  // the three stakeholders in order, then the fund
  CHECK(r.ledger[0].party == "municipality");
  CHECK(r.ledger[3].party == "Fonds X");
  const auto& mun = line(r, "municipality");
  CHECK(mun.stakeholder);
  CHECK(mun.funder);  // a funder named like a stakeholder id is that stakeholder
  CHECK(mun.gains == doctest::Approx(0.7 * work).epsilon(1e-12));
  CHECK(mun.pays == 100000);  // investments are not discounted by default
  CHECK(mun.net == doctest::Approx(0.7 * work - 100000).epsilon(1e-12));
  const auto& ins = line(r, "insurer");
  CHECK(!ins.funder);
  CHECK(ins.pays == 0);
  CHECK(ins.gains == doctest::Approx(0.3 * work).epsilon(1e-12));
  const auto& res = line(r, "residents");
  CHECK(res.gains == doctest::Approx(health).epsilon(1e-12));
  CHECK(res.pays == 15000);  // 1,000 hours x 15; the 200 hours without a value count 0
  CHECK(res.volunteer_hours == 1200);
  CHECK(res.unvalued_hours == 200);
  const auto& fund = line(r, "Fonds X");
  CHECK(!fund.stakeholder);
  CHECK(fund.funder);
  CHECK(fund.gains == 0);
  CHECK(fund.pays == 20000);
  // The parties together hold the whole valuation.
  CHECK(mun.gains + ins.gains + res.gains == doctest::Approx(r.present_value).epsilon(1e-12));
  CHECK(mun.pays + res.pays + fund.pays == doctest::Approx(r.investment_pv).epsilon(1e-12));
  // The split outcome splits the value by stakeholder too.
  CHECK(r.by_stakeholder.at(0).stakeholder == "municipality");
  CHECK(r.by_stakeholder.at(0).present_value == doctest::Approx(0.7 * work).epsilon(1e-12));
  // Unvalued volunteer time is reported, never silently left out.
  bool warned = false;
  for (const auto& w : r.warnings) warned = warned || w.code == "value.volunteer_time_unvalued";
  CHECK(warned);
}

TEST_CASE("ledger: discounted investments are paid in present value by their funder") {
  ValueOptions o;
  o.discount_investments = true;
  const Model m = io::parse_model(std::string(kTwoParties).replace(std::string(kTwoParties).find("amount: 100000}"),
                                                                   15, "amount: 100000, year: 2}"),
                                  io::Format::yaml);
  const ValueResult r = value(m, o);
  CHECK(line(r, "municipality").pays == doctest::Approx(100000 / 1.21).epsilon(1e-12));
}

TEST_CASE("ledger: the simulated ledger is that of every draw, the same for any thread count") {
  const Model m = two_parties();
  SimulateOptions o;
  o.draws = 3000;
  o.seed = 11;
  o.keep_draws = true;
  o.threads = 1;
  const auto one = simulate_model(m, o);
  o.threads = 2;
  const auto two = simulate_model(m, o);
  REQUIRE(one.ledger.size() == 4);
  CHECK(one.result.output_names.size() == 4);  // the ledger's outputs are moved out
  CHECK(one.result.output_draws.cols() == 4);
  for (std::size_t p = 0; p < 4; ++p) {
    CHECK(one.ledger[p].net.mean == two.ledger[p].net.mean);
    CHECK(one.ledger[p].net.lower == two.ledger[p].net.lower);
    CHECK(one.ledger[p].p_net_positive == two.ledger[p].p_net_positive);
  }
  // Only the health proxy is uncertain: the residents' gains vary, everything else is fixed.
  const ValueResult r = value(m);
  CHECK(one.ledger[0].gains.sd == 0);
  CHECK(one.ledger[0].net.mean == doctest::Approx(line(r, "municipality").net).epsilon(1e-12));
  CHECK(one.ledger[0].p_net_positive == (line(r, "municipality").net > 0 ? 1.0 : 0.0));
  CHECK(one.ledger[3].net.mean == -20000);
  CHECK(one.ledger[3].p_net_positive == 0);
  // Residents: gains = 5 x proxy / 1.1 in every draw; the draws' present value minus the fixed
  // parts is the same sum, so the means agree to rounding.
  const double fixed = line(r, "municipality").gains + line(r, "insurer").gains;
  CHECK(one.ledger[2].gains.mean == doctest::Approx(one.result.summaries[0].mean - fixed).epsilon(1e-9));
  CHECK(one.ledger[2].gains.sd > 0);
  // P(net > 0) for residents: 5 x proxy / 1.1 > 15,000 needs proxy > 3,300, beyond the triangle.
  CHECK(one.ledger[2].p_net_positive == 0);
  o.ledger = false;
  CHECK(simulate_model(m, o).ledger.empty());
}

TEST_CASE("ledger: without the parties' quantiles, every other number is unchanged") {
  const Model m = two_parties();
  SimulateOptions o;
  o.draws = 3000;
  o.seed = 11;
  o.threads = 2;
  const auto full = simulate_model(m, o);
  o.ledger_quantiles = false;
  const auto lean = simulate_model(m, o);
  REQUIRE(lean.ledger.size() == full.ledger.size());
  for (std::size_t p = 0; p < lean.ledger.size(); ++p) {
    for (auto part : {&PartySimulation::gains, &PartySimulation::pays, &PartySimulation::net}) {
      const OutputSummary &a = lean.ledger[p].*part, &b = full.ledger[p].*part;
      CHECK(a.quantile_method == "none");
      CHECK(std::isnan(a.p05));
      CHECK(std::isnan(a.p50));
      CHECK(std::isnan(a.lower));
      CHECK(std::isnan(a.upper));
      CHECK(a.mean == b.mean);
      CHECK(a.sd == b.sd);
      CHECK(a.min == b.min);
      CHECK(a.max == b.max);
    }
    CHECK(lean.ledger[p].p_net_positive == full.ledger[p].p_net_positive);
  }
  for (std::size_t q = 0; q < full.result.summaries.size(); ++q) {  // the model's own outputs keep their quantiles
    CHECK(lean.result.summaries[q].quantile_method == "exact");
    CHECK(lean.result.summaries[q].lower == full.result.summaries[q].lower);
    CHECK(lean.result.summaries[q].p50 == full.result.summaries[q].p50);
  }
  CHECK(lean.p_ratio_above_1 == full.p_ratio_above_1);
}

TEST_CASE("ledger: beneficiaries and volunteer time are checked with the field named") {
  const std::string head =
      "impactchain: 1\nname: x\ncurrency: EUR\nprice_year: 2024\nstakeholders: [a, b]\n"
      "investments: [{funder: a, amount: 1}]\noutcomes:\n  - {id: o, quantity: 1, proxy: {value: 1, currency: EUR, "
      "source: s}, ";
  CHECK(problems_of(head + "beneficiaries: {a: 0.7, b: 0.4}}\n").find("beneficiaries' shares must sum to 1, got 1.1") !=
        std::string::npos);
  CHECK(problems_of(head + "stakeholder: a, beneficiaries: {a: 0.5, b: 0.5}}\n").find("not both") != std::string::npos);
  CHECK(problems_of(head + "beneficiaries: {a: 0.5, c: 0.5}}\n").find("unknown stakeholder 'c'") != std::string::npos);
  CHECK(problems_of(head + "beneficiaries: {a: 1.5, b: -0.5}}\n").find("the share of 'a' must be in [0, 1], got 1.5") !=
        std::string::npos);
  CHECK(problems_of(head + "beneficiaries: [a, b]}\n").find("expected a mapping of stakeholder: share") !=
        std::string::npos);
  const std::string money =
      "impactchain: 1\nname: x\ncurrency: EUR\nprice_year: 2024\noutcomes:\n  - {id: o, quantity: 1, proxy: {value: 1, "
      "currency: EUR, source: s}}\ninvestments:\n  - ";
  CHECK(problems_of(money + "{funder: a, kind: volunteer_time, amount: 5, hours: 3}\n")
            .find("volunteer time takes hours and an optional hourly_value, not an amount") != std::string::npos);
  CHECK(problems_of(money + "{funder: a, kind: volunteer_time}\n").find("hours") != std::string::npos);
  CHECK(problems_of(money + "{funder: a, kind: cash, amount: 5, hours: 3}\n")
            .find("hours belongs to kind: volunteer_time") != std::string::npos);
  CHECK(problems_of(money + "{funder: a, kind: gift, amount: 5}\n").find("kind") != std::string::npos);
  CHECK(problems_of(money + "{funder: a, kind: volunteer_time, hours: -3}\n").find("hours") != std::string::npos);
}

TEST_CASE("ledger: kind, hours, hourly_value and beneficiaries are written back") {
  const Model m = two_parties();
  CHECK(io::parse_model(io::dump_model(m), io::Format::json) == m);
  CHECK(m.valuation.investments[2].kind == InvestmentKind::volunteer_time);
  CHECK(m.valuation.outcomes[0].beneficiaries.size() == 2);
  CHECK(m.valuation.outcomes[0].beneficiaries[1].first == "insurer");
}

TEST_CASE("ledger: each party is named as the model names it, in the model's language") {
  std::string text = kTwoParties;
  const std::string plain = "stakeholders: [municipality, insurer, residents]";
  text.replace(text.find(plain), plain.size(),
               "language: nl\nstakeholders:\n  - {id: municipality, name: {nl: Gemeente, en: Municipality}}\n"
               "  - {id: insurer, name: Zorgverzekeraar}\n  - residents");
  const Model m = io::parse_model(text, io::Format::yaml);
  const ValueResult r = value(m);
  REQUIRE(r.ledger.size() == 4);
  CHECK(r.ledger[0].party == "municipality");
  CHECK(r.ledger[0].name == "Gemeente");
  CHECK(r.ledger[1].name == "Zorgverzekeraar");
  CHECK(r.ledger[2].name == "residents");  // no name: its id
  CHECK(r.ledger[3].name == "Fonds X");    // a funder that is not a stakeholder: as the model writes it
  CHECK(value(localised(m, "en")).ledger[0].name == "Municipality");
  SimulateOptions o;
  o.draws = 200;
  const auto sim = simulate_model(m, o);
  REQUIRE(sim.ledger.size() == 4);
  for (std::size_t p = 0; p < 4; ++p) CHECK(sim.ledger[p].name == r.ledger[p].name);
}
