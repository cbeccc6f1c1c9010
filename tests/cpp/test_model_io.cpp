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
