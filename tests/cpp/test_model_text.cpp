// Text fields given in several languages (name: {nl: …, en: …}) and the
// model's `language`: reading, the model in another language, writing back.
// tests/python/test_model_text.py checks the same through the Python loader.
#include <doctest/doctest.h>

#include <string>

#include "impactchain/io.hpp"
#include "support.hpp"

using namespace impactchain;

namespace {

const char* kBilingual =
    "impactchain: 1\n"
    "language: nl\n"
    "name: {nl: Marktschoonmaak, en: Market cleaning}\n"
    "notes: Illustratief\n"
    "currency: EUR\n"
    "price_year: 2024\n"
    "stakeholders:\n"
    "  - {id: city, name: {nl: Gemeente, en: Municipality}}\n"
    "chain:\n"
    "  nodes:\n"
    "    - {id: coaching, name: {en: Job coaching, nl: Jobcoaching}, level: activity, quantity: 30,\n"
    "       unit: {nl: deelnemers, en: participants}}\n"
    "    - {id: employed, level: outcome}\n"
    "  edges: [{from: coaching, to: employed, rate: 0.25}]\n"
    "outcomes:\n"
    "  - id: welfare\n"
    "    name: {nl: Minder uitkeringen, en: Fewer benefits}\n"
    "    node: employed\n"
    "    stakeholder: city\n"
    "    proxy: {value: 15000, currency: EUR, source: {nl: Uitkeringsnormen, en: Benefit rates}}\n"
    "investments: [{funder: city, amount: 1000, description: {nl: subsidie, en: grant}}]\n";

}  // namespace

TEST_CASE("text fields: read in the model's language, every language kept by path") {
  const Model m = io::parse_model(kBilingual, io::Format::yaml);
  CHECK(m.info.language == "nl");
  CHECK(m.info.name == "Marktschoonmaak");
  CHECK(m.info.notes == "Illustratief");
  CHECK(m.stakeholders[0].name == "Gemeente");
  CHECK(m.chain.nodes()[0].name == "Jobcoaching");
  CHECK(m.chain.nodes()[0].unit == "deelnemers");
  CHECK(m.chain.nodes()[1].name == "employed");  // no name: the id, as before
  CHECK(m.valuation.outcomes[0].name == "Minder uitkeringen");
  CHECK(m.valuation.outcomes[0].proxy->source == "Uitkeringsnormen");
  CHECK(m.valuation.investments[0].description == "subsidie");
  REQUIRE(m.texts.size() == 7);
  const LanguageTexts node_name{{"en", "Job coaching"}, {"nl", "Jobcoaching"}};  // file order kept
  CHECK(m.texts.at("chain.nodes[0].name") == node_name);
  CHECK(m.texts.count("outcomes[0].proxy.source") == 1);
  CHECK(m.texts.count("notes") == 0);  // a plain string is no translation
  CHECK(model_languages(m) == std::vector<std::string>{"nl", "en"});
}

TEST_CASE("text fields: localised gives the model in another of its languages, losing nothing") {
  const Model m = io::parse_model(kBilingual, io::Format::yaml);
  const Model en = localised(m, "en");
  CHECK(en.info.language == "en");
  CHECK(en.info.name == "Market cleaning");
  CHECK(en.stakeholders[0].name == "Municipality");
  CHECK(en.chain.nodes()[0].name == "Job coaching");
  CHECK(en.chain.nodes()[0].unit == "participants");
  CHECK(en.chain.edges().size() == 1);
  CHECK(en.valuation.outcomes[0].name == "Fewer benefits");
  CHECK(en.valuation.outcomes[0].proxy->source == "Benefit rates");
  CHECK(en.info.notes == "Illustratief");  // given in one language only: as given
  CHECK(en.texts == m.texts);
  CHECK(localised(en, "nl") == m);
  // A language the model lacks: English, the documented fallback.
  CHECK(localised(m, "de").info.name == "Market cleaning");
  // A region of a given language: that language.
  CHECK(localised(m, "nl-BE").info.name == "Marktschoonmaak");
}

TEST_CASE("text fields: written back as the mappings they were given as") {
  const Model m = io::parse_model(kBilingual, io::Format::yaml);
  const std::string json = io::dump_model(m);
  CHECK(has(json, "\"language\": \"nl\""));
  CHECK(has(json, "\"en\": \"Job coaching\""));
  CHECK(has(json, "\"nl\": \"Uitkeringsnormen\""));
  CHECK(io::parse_model(json) == m);
  const Model en = localised(m, "en");
  CHECK(io::parse_model(io::dump_model(en)) == en);
}

TEST_CASE("text fields: without a language, English, else the first language given") {
  const Model m = io::parse_model(
      "name: {fr: Nettoyage, en: Cleaning}\ndescription: {nl: Schoonmaak, fy: Skjinmeitsjen}\n", io::Format::yaml);
  CHECK(m.info.language.empty());
  CHECK(m.info.name == "Cleaning");
  CHECK(m.info.description == "Schoonmaak");
  CHECK(model_languages(m) == std::vector<std::string>{"en", "fr", "fy", "nl"});
}

TEST_CASE("text fields: bad language codes and values are refused with their path") {
  CHECK(has(yaml_refusal("name: {NL: Schoonmaak}\n"), "name.NL"));
  CHECK(has(yaml_refusal("name: {NL: Schoonmaak}\n"), "expected a language code such as nl or en"));
  CHECK(has(yaml_refusal("name: {nl: 3}\n"), "name.nl"));
  CHECK(has(yaml_refusal("name: {nl: [a]}\n"), "expected a string, got a list"));
  CHECK(has(yaml_refusal("name: {}\n"), "expected a string or a mapping of language: text"));
  CHECK(has(yaml_refusal("name: x\nlanguage: dutch\n"), "language must be a code such as 'nl' or 'en'"));
  CHECK(has(yaml_refusal("name: x\ncurrency: {nl: EUR}\n"), "currency"));  // not a text field
  CHECK(has(yaml_refusal("name: x\nlangauge: nl\n"), "did you mean 'language'"));
}

TEST_CASE("text fields: a part that fails to load is reported once, not once more per text in it") {
  // A chain whose edge is wrong does not load; its nodes' names and units in two languages
  // then have no field. The edge's problem is the one problem, as without translations.
  auto problems = [](const std::string& from, const std::string& to) {
    std::string text = kBilingual;
    text.replace(text.find(from), from.size(), to);
    try {
      io::parse_model(text, io::Format::yaml);
    } catch (const ValidationError& e) {
      return e.issues();
    }
    return std::vector<Issue>{};
  };
  const auto edge = problems("rate: 0.25", "rate: {triangular: [0.3, 0.2, 0.1]}");
  REQUIRE(edge.size() == 1);
  CHECK(edge[0].path == "chain.edges[0].rate.triangular");
  // A node that cannot be read (its own problem, not the chain's): the same.
  const auto node = problems("level: outcome}", "level: outcomes}");
  REQUIRE(node.size() == 1);
  CHECK(node[0].path == "chain.nodes[1].level");
}

TEST_CASE("text fields: texts at a path with no text field are refused in a model built in code") {
  Model m = io::parse_model(kBilingual, io::Format::yaml);
  CHECK(m.problems().empty());
  m.texts["chain.nodes[5].name"] = LanguageTexts{{"nl", "Zesde"}, {"en", "Sixth"}};
  const std::vector<Issue> issues = m.problems();
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].path == "chain.nodes[5].name");
  CHECK(has(issues[0].message, "no text field of the model is at this path"));
}

TEST_CASE("language codes and the text of a language") {
  CHECK(is_language_code("nl"));
  CHECK(is_language_code("fy"));
  CHECK(is_language_code("pap"));
  CHECK(is_language_code("en-GB"));
  CHECK_FALSE(is_language_code("NL"));
  CHECK_FALSE(is_language_code("n"));
  CHECK_FALSE(is_language_code("dutch"));
  CHECK_FALSE(is_language_code("en-gb"));
  CHECK_FALSE(is_language_code("en_GB"));
  CHECK_FALSE(is_language_code(""));
  const LanguageTexts t{{"fr", "Bonjour"}, {"nl-BE", "Goeiedag"}, {"en", "Hello"}};
  CHECK(text_in(t, "nl-BE") == "Goeiedag");
  CHECK(text_in(t, "nl") == "Goeiedag");
  CHECK(text_in(t, "de") == "Hello");
  CHECK(text_in(LanguageTexts{{"fr", "Bonjour"}, {"de", "Hallo"}}, "nl") == "Bonjour");
}
