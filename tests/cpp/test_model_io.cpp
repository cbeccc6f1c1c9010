// Model files: parsing, round trip, and every problem reported with its path.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "impactchain/io.hpp"
#include "support.hpp"

using namespace impactchain;

namespace {
std::string error_of(const std::string& json) {
  try {
    io::parse_model(json);
  } catch (const ValidationError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("a full model loads with every section") {
  Model m = io::load_model(test_data("model_basic.json"));
  CHECK(m.info.name == "Market cleaning with job coaching");
  CHECK(*m.info.period_start == 2024);
  CHECK(m.stakeholders.size() == 2);
  CHECK(m.stakeholders[1].name == "municipality");  // a bare id names itself
  CHECK(m.indicators[1].scale->max == 10);
  CHECK(m.indicators[1].kind == IndicatorKind::soft);
  CHECK(*m.chain.quantities()["off_welfare"] == doctest::Approx(40 * 0.3 * 0.5));
  REQUIRE(m.valuation.outcomes.size() == 1);
  const auto& o = m.valuation.outcomes[0];
  CHECK(o.proxy->value.kind() == Distribution::normal);
  CHECK(o.proxy->price_year == 2022);
  CHECK(o.attribution->kind() == Distribution::uniform);
  CHECK(!o.displacement.has_value());  // not given: the valuation reports its assumption
  CHECK(m.valuation.price_index.at(2024) == 111.5);
  CHECK(m.valuation.discount->schedule == "nl_2021");
  CHECK(m.soft_outcomes[0].reliability == 0.8);
  CHECK(m.soft_outcomes[0].id_column == "respondent");
  CHECK(m.soft_outcomes[0].effect_size == "dz");
}

TEST_CASE("dump and parse round-trip exactly") {
  Model m = io::load_model(test_data("model_basic.json"));
  Model back = io::parse_model(io::dump_model(m));
  CHECK(back == m);
  CHECK(io::parse<Parameter>(io::dump(Parameter::discrete({1, 2, 3}, {0.2, 0.3, 0.5}))) ==
        Parameter::discrete({1, 2, 3}, {0.2, 0.3, 0.5}));
  CHECK(io::parse<Parameter>(io::dump(Parameter::normal(1, 2, 0, Parameter::inf))) ==
        Parameter::normal(1, 2, 0, Parameter::inf));
}

TEST_CASE("every problem of a file is listed at once, with paths") {
  std::ifstream in(test_data("model_errors.json"));
  std::stringstream ss;
  ss << in.rdbuf();
  try {
    io::parse_model(ss.str());
    FAIL("expected ValidationError");
  } catch (const ValidationError& e) {
    const std::string m = e.what();
    CHECK(has(m, "chain.edges[0].rate.triangular: triangular needs low <= mode <= high"));
    CHECK(has(m, "outcomes[0].dedweight: unknown key 'dedweight' (did you mean 'deadweight'?)"));
    CHECK(has(m, "outcomes[0].attribution: outcome 'employed': attribution must be in [0, 1], got 1.3"));
    CHECK(has(m, "outcomes[0].stakeholder: outcome 'employed': unknown stakeholder 'participant' (did you mean 'participants'?)"));
    CHECK(has(m, "outcomes[0].proxy.currency: outcome 'employed': currency USD differs from the model currency EUR"));
    CHECK(e.issues().size() == 5);
  }
}

TEST_CASE("a field the reader refused is not refused again, and an element without a name is not ''") {
  // A required key left out: the reader says so, and the checks that run afterwards would refuse
  // the same field once more for the empty value it was left with (a funder "must not be empty",
  // an edge to "unknown node ''"). One problem per field, and messages name an outcome without an
  // id as such.
  const std::string json = R"({"name": "x", "currency": "EUR", "price_year": 2024,
    "chain": {"nodes": [{"id": "a", "level": "activity", "quantity": 4}, {"level": "outcome"}],
              "edges": [{"from": "a"}]},
    "investments": [{"amount": 100}],
    "outcomes": [{"quantity": 1, "proxy": {"value": 10, "currency": "EUR"}}]})";
  try {
    io::parse_model(json);
    FAIL("expected ValidationError");
  } catch (const ValidationError& e) {
    std::vector<std::string> seen;
    for (const auto& i : e.issues()) seen.push_back(i.path + ": " + i.message);
    const std::vector<std::string> expected{
        "chain.nodes[1].id: required key 'id' is missing",
        "chain.edges[0].to: required key 'to' is missing",
        "investments[0].funder: required key 'funder' is missing",
        "outcomes[0].id: required key 'id' is missing",
    };
    CHECK(seen == expected);
  }
  const std::string shares = error_of(R"({"name": "x", "currency": "EUR", "price_year": 2024,
    "outcomes": [{"quantity": 1, "proxy": {"value": 10, "currency": "EUR"}, "beneficiaries": 3}]})");
  CHECK(has(shares, "outcomes[0].beneficiaries: outcome without an id: expected a mapping of stakeholder: share"));
  CHECK_FALSE(has(shares, "outcome ''"));
}

TEST_CASE("a stakeholder referred to by its name is pointed at") {
  // Outcomes refer to stakeholders by id. Written by name instead, "unknown stakeholder" alone
  // leaves the user to find out why: the message says whose name it is.
  auto model = [](const std::string& stakeholders, const std::string& who) {
    return R"({"name": "x", "currency": "EUR", "price_year": 2024, "stakeholders": [)" + stakeholders +
           R"(], "outcomes": [{"id": "o", "quantity": 1, "stakeholder": ")" + who +
           R"(", "proxy": {"value": 10, "currency": "EUR"}}]})";
  };
  const std::string nameless = error_of(model(R"({"id": "gemeente"}, {"name": "Bewoners"})", "Bewoners"));
  CHECK(has(nameless, "stakeholders[1].id: required key 'id' is missing"));
  CHECK(has(nameless, "outcomes[0].stakeholder: outcome 'o': unknown stakeholder 'Bewoners'; stakeholders[1] is "
                      "named 'Bewoners' but has no id (give it one and refer to it by that id)"));
  CHECK(has(error_of(model(R"({"id": "residents", "name": "Bewoners"})", "Bewoners")),
            "outcome 'o': unknown stakeholder 'Bewoners'; that is the name of stakeholder 'residents': refer to it "
            "by its id"));
  // Neither an id nor a name: the nearest id is suggested, as before.
  CHECK(has(error_of(model(R"({"id": "residents", "name": "Bewoners"})", "resident")),
            "outcome 'o': unknown stakeholder 'resident' (did you mean 'residents'?)"));
}

TEST_CASE("syntax errors give line and column") {
  const std::string m = error_of("{\n  \"name\": \"x\",\n  \"currency\" \"EUR\"\n}");
  CHECK(has(m, "line 3, column"));
  CHECK(has(m, "syntax error"));
}

TEST_CASE("value rules of the model file") {
  CHECK(has(error_of(R"({"name": "x", "chain": {"nodes": [{"id": "a", "level": "activity", "quantity": {"triangle": [1, 2, 3]}}]}})"),
            "chain.nodes[0].quantity: unknown distribution 'triangle' (did you mean 'triangular'?)"));
  CHECK(has(error_of(R"({"name": "x", "chain": {"nodes": [{"id": "a", "level": "activity", "quantity": {"uniform": [1]}}]}})"),
            "chain.nodes[0].quantity.uniform: expected 2 numbers [low, high], got 1"));
  CHECK(has(error_of(R"({"name": "x", "chain": {"nodes": [{"id": "a", "level": "activity", "quantity": "many"}]}})"),
            "expected a number or a one-key mapping naming a distribution"));
  CHECK(has(error_of(R"({"name": "x", "impactchain": 7})"), "impactchain: this file needs impactchain format 7; this version reads 1"));
  CHECK(has(error_of(R"({"nam": "x"})"), "nam: unknown key 'nam' (did you mean 'name'?)"));
  CHECK(has(error_of(R"({"name": "x", "soft_outcomes": [{"id": "w", "data": "s.csv", "pre": "a", "post": "b", "effect_size": "dzz"}]})"),
            "soft_outcomes[0].effect_size: soft outcome 'w': effect_size must be one of 'd', 'g', 'dz', 'dav', got 'dzz' (did you mean 'dz'?)"));
  CHECK(has(error_of(R"({"name": "x", "outcomes": [{"id": "o", "quantity": 1e999}]})"), "the file could not be read"));
  CHECK(error_of(R"({"name": "x"})").empty());
  CHECK(has(error_of(R"({"name": "x", "currency": "EUR", "price_year": 2024, "discount": {"bands": [{"from": 0, "to": 30, "rate": 0.035}, {"from": 32, "rate": 0.03}]}})"),
            "discount.bands[1].from: bands leave a gap or overlap: expected a band starting at year 31, got 32"));
  CHECK(has(error_of(R"({"name": "x", "currency": "EUR", "price_year": 2024, "outcomes": [{"id": "o", "quantity": 3, "proxy": {"value": 5}, "duration": -1}]})"),
            "outcomes[0].proxy.currency: outcome 'o': proxy currency is missing"));
  CHECK(has(error_of(R"({"name": "x", "currency": "EUR", "price_year": 2024, "outcomes": [{"id": "o", "quantity": 3, "proxy": {"value": 5, "currency": "EUR"}, "duration": -1}]})"),
            "outcomes[0].duration: outcome 'o': duration must be in (0, 300] years, got -1"));
  CHECK(has(error_of(R"({"name": "x", "currency": "EUR", "price_year": 2024, "outcomes": [{"id": "o", "quantity": 3, "proxy": {"value": 5, "currency": "EUR", "price_year": 2019}}]})"),
            "price year 2019 differs from the model's 2024 and price_index has no entry for 2019"));
}

TEST_CASE("parse_model(text) reads JSON: YAML text is refused with the overload that takes the format") {
  const std::string yaml = "# a YAML model read by the tool itself\nimpactchain: 1\nname: x\n";
  CHECK_THROWS_WITH_AS(io::parse_model(yaml), doctest::Contains("parse_model(text) reads JSON; for YAML give the format"),
                       ValidationError);
  CHECK(io::parse_model(yaml + "currency: EUR\n", io::Format::yaml).info.name == "x");
  // Broken JSON is said as JSON, without the hint.
  try {
    io::parse_model("{\"impactchain\": 1, \"name\": }");
    FAIL("broken JSON was read");
  } catch (const ValidationError& e) {
    CHECK(std::string(e.what()).find("reads JSON") == std::string::npos);
  }
}

namespace {
// The problems of a YAML model file, as "path: message" in the order reported.
std::vector<std::string> issues_said(const std::string& yaml) {
  try {
    io::parse_model(yaml, io::Format::yaml);
  } catch (const ValidationError& e) {
    std::vector<std::string> seen;
    for (const auto& i : e.issues()) seen.push_back(i.path + ": " + i.message);
    return seen;
  }
  return {};
}
const std::string kMoneyHead = "name: x\ncurrency: EUR\nprice_year: 2024\n";
const std::string kOneOutcome = "outcomes:\n  - id: o\n    quantity: 3\n";
}  // namespace

TEST_CASE("a value the reader refused is not said to be missing, empty or absent as well") {
  // The name in a language code the reader refuses is not also "empty".
  CHECK(issues_said("name: {NL: x}\ncurrency: EUR\n") ==
        std::vector<std::string>{"name.NL: expected a language code such as nl or en (two or three lower-case letters, "
                                 "optionally a region as in en-GB) for a text in several languages, got 'NL'"});
  // A proxy written as a bare number is refused; "give exactly one of 'proxy' and 'wellbeing'" would be false.
  CHECK(issues_said(kMoneyHead + kOneOutcome + "    proxy: 15000\n") ==
        std::vector<std::string>{"outcomes[0].proxy: expected a mapping, got a number"});
  CHECK(issues_said(kMoneyHead + kOneOutcome + "    wellbeing: 0.5\n") ==
        std::vector<std::string>{"outcomes[0].wellbeing: expected a mapping, got a number"});
  // Both given, one of them refused: both problems are true.
  CHECK(issues_said(kMoneyHead + kOneOutcome +
                    "    proxy: 15000\n    wellbeing: {life_satisfaction_change: 0.5, value_per_wellby: 13000, "
                    "currency: EUR}\n") ==
        std::vector<std::string>{"outcomes[0].proxy: expected a mapping, got a number",
                                 "outcomes[0]: outcome 'o': give exactly one of 'proxy' and 'wellbeing'"});
  // Neither given is still said.
  CHECK(issues_said(kMoneyHead + kOneOutcome) ==
        std::vector<std::string>{"outcomes[0]: outcome 'o': give exactly one of 'proxy' and 'wellbeing'"});
  // A node refused (a list), a quantity refused (a distribution short of numbers): not "give exactly one of".
  const std::string proxy = "    proxy: {value: 5, currency: EUR}\n";
  CHECK(issues_said(kMoneyHead + "outcomes:\n  - id: o\n    node: [a]\n" + proxy) ==
        std::vector<std::string>{"outcomes[0].node: expected a string, got a list"});
  CHECK(issues_said(kMoneyHead + "outcomes:\n  - id: o\n    quantity: {triangular: [1, 2]}\n" + proxy) ==
        std::vector<std::string>{"outcomes[0].quantity.triangular: expected 3 numbers [low, mode, high], got 2"});
  // A discount rate refused is not "give exactly one of rate, schedule, rates and bands".
  CHECK(issues_said(kMoneyHead + "discount: {rate: {uniform: 0.03}}\n") ==
        std::vector<std::string>{"discount.rate.uniform: expected a list or mapping of numbers, got a number"});
  CHECK(issues_said(kMoneyHead + "discount: {rate: 0.03, rates: 5}\n") ==
        std::vector<std::string>{"discount.rates: expected a list, got a number",
                                 "discount: give exactly one of rate, schedule, rates and bands"});
}

TEST_CASE("an investment of a kind the reader refused is not judged by the kind it defaults to") {
  // kind: volunteer (for volunteer_time): not "hours belongs to kind: volunteer_time" nor "'amount' is missing".
  CHECK(issues_said(kMoneyHead + "investments:\n  - {funder: p, kind: volunteer, hours: 600, hourly_value: 15}\n") ==
        std::vector<std::string>{"investments[0].kind: expected one of cash, in_kind, volunteer_time, got 'volunteer' "
                                 "(did you mean 'volunteer_time'?)"});
  CHECK(issues_said(kMoneyHead + "investments:\n  - {funder: p, kind: kash, amount: 100}\n") ==
        std::vector<std::string>{"investments[0].kind: expected one of cash, in_kind, volunteer_time, got 'kash' "
                                 "(did you mean 'cash'?)"});
  // What was given is still read: a refused amount is said, besides the kind.
  CHECK(issues_said(kMoneyHead + "investments:\n  - {funder: p, kind: kash, amount: lots}\n") ==
        std::vector<std::string>{"investments[0].kind: expected one of cash, in_kind, volunteer_time, got 'kash' "
                                 "(did you mean 'cash'?)",
                                 "investments[0].amount: expected a number or a one-key mapping naming a distribution "
                                 "(e.g. {triangular: [800, 1000, 1300]}), got a string"});
  // A kind that reads still judges: an amount on volunteer time is refused.
  CHECK(issues_said(kMoneyHead + "investments:\n  - {funder: p, kind: volunteer_time, amount: 5, hours: 3}\n") ==
        std::vector<std::string>{"investments[0].amount: investment 'p': volunteer time takes hours and an optional "
                                 "hourly_value, not an amount"});
}

TEST_CASE("an amount, proxy, quantity or value per WELLBY above a trillion is read with a warning") {
  // 1e12 (a trillion) is the limit: at it nothing is said, above it the path, line, column and number.
  const std::string at = kMoneyHead + "investments:\n  - {funder: city, amount: 1e12}\n";
  CHECK(io::parse_model(at, io::Format::yaml).read_warnings.empty());
  CHECK(io::parse_model(kMoneyHead + "investments:\n  - {funder: city, amount: 999999999999}\n", io::Format::yaml)
            .read_warnings.empty());
  const Model above = io::parse_model(kMoneyHead + "investments:\n  - {funder: city, amount: 1000000000001}\n", io::Format::yaml);
  REQUIRE(above.read_warnings.size() == 1);
  CHECK(above.read_warnings[0].code == "model.implausible_magnitude");
  CHECK(above.read_warnings[0].text ==
        "investments[0].amount (line 5, column 20): 1000000000001 is larger in size than a trillion (1e12), more than "
        "any municipal or fund budget or count of people: a typo or a pasted cell? It is used as written");
  CHECK(above.valuation.investments[0].amount.central() == 1000000000001.0);  // used as written
  const std::string yaml =
      kMoneyHead +                                                                     // lines 1-3
      "chain:\n"                                                                  // line 4
      "  nodes: [{id: a, level: activity, quantity: 1e200}]\n"                    // line 5
      "investments:\n"                                                            // line 6
      "  - {funder: city, amount: 1e300}\n"                                       // line 7
      "  - {funder: p, kind: volunteer_time, hours: 2e12, hourly_value: 15}\n"    // line 8
      "outcomes:\n"                                                               // line 9
      "  - {id: o, node: a, proxy: {value: -1e30, currency: EUR}}\n"              // line 10: a disbenefit
      "  - {id: t, quantity: 5e12, proxy: {value: {triangular: [1, 2, 1e15]}, currency: EUR}}\n"  // line 11
      "  - id: w\n"                                                               // line 12
      "    quantity: {discrete: {values: [1, 2], weights: [2e13, 1]}}\n"          // line 13: weights are no amounts
      "    wellbeing: {life_satisfaction_change: 0.5, value_per_wellby: {uniform: [1, 2e13]}, currency: EUR}\n";
  const Model m = io::parse_model(yaml, io::Format::yaml);
  std::vector<std::string> said;
  for (const auto& w : m.read_warnings) said.push_back(w.param("path")->english() + " " + w.param("value")->english());
  CHECK(said == std::vector<std::string>{"chain.nodes[0].quantity 1e+200", "investments[0].amount 1e+300",
                                         "investments[1].hours 2000000000000", "outcomes[0].proxy.value -1e+30",
                                         "outcomes[1].quantity 5000000000000",
                                         "outcomes[1].proxy.value.triangular[2] 1e+15",
                                         "outcomes[2].wellbeing.value_per_wellby.uniform[1] 20000000000000"});
  // Written to 15 significant digits, as every number in a message: 2e12 in full, 1e15 with an exponent.
  CHECK(m.read_warnings[5].param("line")->english() == "11");
}

TEST_CASE("field_positions: where the loader would place a problem at each field") {
  // Line 3: "  - id: a" (the entry's first key at column 5); line 4: "  - {id: b, quantity: 2}" (its
  // '{' at column 5, quantity's key at column 13).
  const std::string text = "name: m\noutcomes:\n  - id: a\n  - {id: b, quantity: 2}\n";
  const auto at = io::field_positions(text, io::Format::yaml,
                                      {"outcomes[0]", "outcomes[1]", "outcomes[1].quantity", "outcomes[1].proxy",
                                       "outcomes[7]", "investments"});
  REQUIRE(at.size() == 6);
  const auto is = [](const io::FieldPosition& p, std::size_t line, std::size_t column) {
    return p.line == line && p.column == column;
  };
  CHECK(is(at[0], 3, 5));
  CHECK(is(at[1], 4, 5));
  CHECK(is(at[2], 4, 13));
  CHECK(is(at[3], 4, 5));  // a key the entry lacks: the entry
  CHECK(is(at[4], 2, 1));  // an entry the list lacks: the list's key
  CHECK(is(at[5], 1, 1));  // a key the file lacks: the document
  // The loader places the same fields alike: outcome b lacks its proxy.
  try {
    io::parse_model(text, io::Format::yaml);
    FAIL("refused");
  } catch (const ValidationError& e) {
    for (const auto& i : e.issues())
      if (i.path == "outcomes[1]") CHECK((i.line == 4 && i.column == 5));
  }
  CHECK_THROWS_AS(io::field_positions("a: [1,\n", io::Format::yaml, {"a"}), ValidationError);
}
