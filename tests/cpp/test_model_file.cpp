// Model files as text: YAML and JSON read by one bounded parser, the number,
// tag and duplicate rules, the limits, and line/column in every message.
// tests/data/model_files/cases.tsv lists bad files with the expected message
// and position; tests/python/test_model_file.py reads the same table.
#include <doctest/doctest.h>

#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "impactchain/io.hpp"
#include "support.hpp"

using namespace impactchain;

namespace {

std::string case_dir() { return test_data("model_files/"); }

struct Refusal {
  std::string what;
  Issue first;
};

// The refusal of a text (what() and the first issue); empty `what` if accepted.
Refusal refusal(const std::string& text, io::Format f, const io::Limits& limits = {}) {
  try {
    io::parse_model(text, f, limits);
  } catch (const ValidationError& e) {
    return {e.what(), e.issues().front()};
  }
  return {};
}

Refusal refusal_of_file(const std::string& path) {
  try {
    io::load_model(path);
  } catch (const ValidationError& e) {
    return {e.what(), e.issues().front()};
  }
  return {};
}


const char* kMinimalYaml =
    "name: Market cleaning\n"
    "currency: EUR\n"
    "price_year: 2024\n"
    "chain:\n"
    "  nodes:\n"
    "    - {id: coaching, level: activity, quantity: 1.5e2}\n"
    "    - {id: employed, level: outcome}\n"
    "  edges:\n"
    "    - {from: coaching, to: employed, rate: 0.25}\n";

}  // namespace

TEST_CASE("every bad file of the shared table is refused with its message and position") {
  std::ifstream table(case_dir() + "cases.tsv");
  REQUIRE(table);
  std::string row;
  int rows = 0;
  while (std::getline(table, row)) {
    if (row.empty() || row[0] == '#') continue;
    std::istringstream fields(row);
    std::string file, line, column, expected;
    std::getline(fields, file, '\t');
    std::getline(fields, line, '\t');
    std::getline(fields, column, '\t');
    std::getline(fields, expected);
    CAPTURE(file);
    const Refusal r = refusal_of_file(case_dir() + file);
    CHECK(has(r.what, expected));
    CHECK(r.first.line == std::stoul(line));
    CHECK(r.first.column == std::stoul(column));
    ++rows;
  }
  CHECK(rows >= 30);
}

TEST_CASE("a YAML model and its JSON twin give the same model") {
  const Model y = io::parse_model(kMinimalYaml, io::Format::yaml);
  const Model j = io::parse_model(io::dump_model(y), io::Format::json);
  CHECK(y == j);
  CHECK(y.info.price_year == 2024);
  // 1.5e2 is a number in JSON's form: 150 coached, 150 × 0.25 = 37.5 employed.
  CHECK(*y.chain.quantities()["employed"] == doctest::Approx(37.5));
  // JSON is read by the JSON parser when the format says so, YAML otherwise.
  CHECK(io::format_of("m.yml", "") == io::Format::yaml);
  CHECK(io::format_of("m.JSON", "") == io::Format::json);
  CHECK(io::format_of("m.txt", "  {\"name\": 1}") == io::Format::json);
}

TEST_CASE("plain YAML scalars: JSON's numbers, true/false, null - quoted text stays text") {
  const std::string head = "name: x\ncurrency: EUR\nprice_year: 2024\noutcomes:\n  - {id: o, proxy: {value: 5, currency: EUR}, ";
  auto quantity_of = [&](const std::string& q) {
    const Model m = io::parse_model(head + "quantity: " + q + "}\n", io::Format::yaml);
    return m.valuation.outcomes[0].quantity->central();
  };
  CHECK(quantity_of("1.5e5") == 150000.0);
  CHECK(quantity_of("0.25") == 0.25);
  CHECK(quantity_of("3") == 3.0);
  CHECK(quantity_of("1E2") == 100.0);
  // -3 is a number (refused by the range check, not as text).
  CHECK(has(refusal(head + "quantity: -3}\n", io::Format::yaml).what, "quantity must be in [0, inf], got -3"));
  // Quoted: always a string, so not a quantity.
  CHECK(has(refusal(head + "quantity: '3'}\n", io::Format::yaml).what, "outcomes[0].quantity: expected a number or a one-key mapping"));
  // A date stays text (no timestamps), and a bare year used as an id is text too.
  CHECK(io::parse_model("name: 2024-05-01\n", io::Format::yaml).info.name == "2024-05-01");
  CHECK(io::parse_model("name: 2024\n", io::Format::yaml).info.name == "2024");
  CHECK(has(refusal("name: x\nnotes: on\n", io::Format::yaml).what,
            "`on` is ambiguous (YAML 1.1 reads it as a boolean, YAML 1.2 as text): write true or false, or quote it"));
  CHECK(io::parse_model("name: x\nnotes: 'on'\n", io::Format::yaml).info.notes == "on");
  CHECK(has(refusal("name: x\nprice_year: 1:30:00\n", io::Format::yaml).what, "write 5400 or quote it"));  // 1·3600 + 30·60
  CHECK(has(refusal("name: x\nprice_year: 1_000\n", io::Format::yaml).what, "write 1000 or quote it"));
  CHECK(has(refusal("name: x\nprice_year: 1.\n", io::Format::yaml).what, "write 1.0 or quote it"));
  CHECK(has(refusal("name: x\nprice_year: -.5\n", io::Format::yaml).what, "write -0.5 or quote it"));
  CHECK(has(refusal("name: x\nnotes: true\n", io::Format::yaml).what, "notes: expected a string, got a boolean"));
}

TEST_CASE("deep nesting is refused before it can exhaust the stack, in both formats") {
  const std::string deep = std::string(10000, '[') + std::string(10000, ']');
  for (io::Format f : {io::Format::json, io::Format::yaml}) {
    const Refusal r = refusal(deep, f);
    CHECK(has(r.what, "nests mappings and lists deeper than 64 levels (limit max_depth)"));
    // The 65th '[' opens level 65.
    CHECK(r.first.line == 1);
    CHECK(r.first.column == 65);
  }
  std::string block;  // the same in YAML's block style: "- - - … x"
  for (int i = 0; i < 10000; ++i) block += "- ";
  block += "x\n";
  CHECK(has(refusal(block, io::Format::yaml).what, "deeper than 64 levels"));
}

TEST_CASE("the alias bomb is refused quickly, and an alias shares its node") {
  const auto t0 = std::chrono::steady_clock::now();
  const Refusal r = refusal_of_file(case_dir() + "alias_bomb.yaml");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(has(r.what, "expands to more than 10000000 values (limit max_values"));
  CHECK(seconds < 5.0);
  // Below the budget an alias is read as the node it names.
  const Model m = io::parse_model(
      "name: x\ncurrency: EUR\nprice_year: 2024\noutcomes:\n"
      "  - {id: a, quantity: 2, proxy: &p {value: 5, currency: EUR}, deadweight: &d {uniform: [0.1, 0.3]}}\n"
      "  - {id: b, quantity: 4, proxy: *p, deadweight: *d}\n",
      io::Format::yaml);
  CHECK(m.valuation.outcomes[1].proxy->value == Parameter(5));
  CHECK(m.valuation.outcomes[1].deadweight == Parameter::uniform(0.1, 0.3));
  // A tighter budget and alias count are honoured.
  io::Limits tight;
  tight.max_aliases = 1;
  CHECK(has(refusal("name: x\nnotes: &n hello\ndescription: *n\norganisation: *n\n", io::Format::yaml, tight).what,
            "more than 1 aliases (limit max_aliases)"));
}

TEST_CASE("limits are configurable and named in the refusal") {
  io::Limits small;
  small.max_file_bytes = 10;
  CHECK(has(refusal("{\"name\": \"longer than ten\"}", io::Format::json, small).what,
            "larger than 10 bytes (limit max_file_bytes), got 27"));
  small = io::Limits{};
  small.max_string_bytes = 4;
  const Refusal r = refusal("{\"name\":\n \"hello\"}", io::Format::json, small);
  CHECK(has(r.what, "a string is longer than 4 bytes (limit max_string_bytes)"));
  CHECK(r.first.line == 2);
  CHECK(r.first.column == 2);
}

TEST_CASE("line and column of an issue found after parsing, and of a syntax error") {
  // deadweight.yaml line 8 is "    deadweight: 1.3": the key starts in column 5.
  const Refusal y = refusal_of_file(case_dir() + "deadweight.yaml");
  CHECK(y.first.path == "outcomes[0].deadweight");
  CHECK(y.first.line == 8);
  CHECK(y.first.column == 5);
  CHECK(has(y.what, "line 8, column 5: outcomes[0].deadweight: outcome 'o': deadweight must be in [0, 1], got 1.3"));
  // deadweight.json line 5 is '     "deadweight": 1.3}': the key's quote is in column 6.
  const Refusal j = refusal_of_file(case_dir() + "deadweight.json");
  CHECK(j.first.line == 5);
  CHECK(j.first.column == 6);
  // Columns count characters, not bytes: "é" is one column.
  const Refusal u = refusal("{\"name\": \"café\", \"x\": 1}", io::Format::json);
  CHECK(u.first.path == "x");
  CHECK(u.first.column == 18);
  // In YAML too ("café €" is 6 characters, 9 bytes), and a byte order mark is no column in either.
  const Refusal yn = refusal("name: x\nstakeholders: [{id: a, name: \"Wijkcoöperatie €\", foo: 1}]\n", io::Format::yaml);
  CHECK(yn.first.path == "stakeholders[0].foo");
  CHECK(yn.first.line == 2);
  CHECK(yn.first.column == 50);  // "stakeholders: [{id: a, name: \"Wijkcoöperatie €\", " is 49 characters (56 bytes)
  const Refusal jb = refusal("\xEF\xBB\xBF{\"x\": 1}", io::Format::json);
  CHECK(jb.first.path == "x");
  CHECK(jb.first.column == 2);
  const Refusal yb = refusal("\xEF\xBB\xBFx: 1\n", io::Format::yaml);
  CHECK(yb.first.path == "x");
  CHECK(yb.first.column == 1);
}

TEST_CASE("load_model refuses what is not a regular file before reading it") {
  CHECK_THROWS_WITH_AS(io::load_model("/dev/zero"), doctest::Contains("not a regular file"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(io::load_model(case_dir()), doctest::Contains("not a regular file"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(io::load_model(case_dir() + "missing.yaml"), doctest::Contains("no such file"), std::invalid_argument);
}

TEST_CASE("load_model records the file it read (absolute), which is not part of the model") {
  const std::string path = test_data("model_basic.json");
  const Model m = io::load_model(path);
  CHECK(std::filesystem::path(m.source_path).is_absolute());
  CHECK(std::filesystem::equivalent(m.source_path, path));
  Model text_model = io::parse_model(io::dump_model(m));
  CHECK(text_model.source_path.empty());
  CHECK(text_model == m);  // how a model was read is not what it is
}

TEST_CASE("money written with a Dutch thousands separator: a warning with its place, or a hint in the refusal") {
  // 150.000 is a valid number (150), so the model loads; each amount of money
  // written that way is named, with its line and column, in read_warnings.
  const std::string yaml =
      "name: x\n"                                                               // line 1
      "currency: EUR\n"                                                         // line 2
      "price_year: 2024\n"                                                      // line 3
      "outcomes:\n"                                                             // line 4
      "  - id: o\n"                                                             // line 5
      "    quantity: 10.000\n"                                                  // line 6: a count, not money
      "    proxy: {value: {triangular: [1.200, 1.500, 2.000]}, currency: EUR}\n"  // line 7
      "investments:\n"                                                          // line 8
      "  - {funder: city, amount: 150.000}\n";                                  // line 9
  const Model m = io::parse_model(yaml, io::Format::yaml);
  CHECK(m.valuation.investments[0].amount.central() == 150.0);
  REQUIRE(m.read_warnings.size() == 4);
  CHECK(m.read_warnings[0].code == "model.dotted_thousands");
  CHECK(m.read_warnings[0].param("path")->english() == "outcomes[0].proxy.value.triangular[0]");
  CHECK(m.read_warnings[0].param("line")->english() == "7");
  CHECK(m.read_warnings[0].param("written")->english() == "1.200");
  CHECK(m.read_warnings[0].param("plain")->english() == "1200");
  CHECK(std::get<double>(m.read_warnings[0].param("read")->value) == 1.2);
  CHECK(m.read_warnings[3].param("path")->english() == "investments[0].amount");
  CHECK(m.read_warnings[3].param("line")->english() == "9");
  CHECK(m.read_warnings[3].param("column")->english() == "20");  // the key `amount` starts at character 20
  const auto texts = m.read_warning_texts();
  CHECK(texts[3] == "investments[0].amount (line 9, column 20): 150.000 is read as 150 (a decimal point); if 150000 "
                    "was meant, write 150000 (numbers take no thousands separator)");
  // The same in JSON; and value() repeats the warnings first.
  const Model j = io::parse_model(
      R"({"name": "x", "currency": "EUR", "price_year": 2024, "investments": [{"funder": "city", "amount": 47.205}]})",
      io::Format::json);
  REQUIRE(j.read_warnings.size() == 1);
  CHECK(j.read_warnings[0].param("path")->english() == "investments[0].amount");
  CHECK(j == io::parse_model(R"({"name": "x", "currency": "EUR", "price_year": 2024,
                                 "investments": [{"funder": "city", "amount": 47.205}]})"));
  // Not warned: a leading 0, other than three decimals, shape parameters, amounts written plainly.
  const Model quiet = io::parse_model(
      "name: x\ncurrency: EUR\nprice_year: 2024\noutcomes:\n"
      "  - {id: o, quantity: 3, proxy: {value: {lognormal: {meanlog: 5.300, sdlog: 0.250}}, currency: EUR}}\n"
      "investments:\n  - {funder: a, amount: 0.500}\n  - {funder: b, amount: 1500.00}\n  - {funder: c, amount: 150000}\n",
      io::Format::yaml);
  CHECK(quiet.read_warnings.empty());
  // Text in Dutch notation where a number is needed: refused, with the number to write.
  CHECK(
      has(refusal("name: x\ncurrency: EUR\ninvestments:\n  - {funder: a, amount: 1.500.000}\n", io::Format::yaml).what,
          "investments[0].amount: expected a number or a one-key mapping naming a distribution (e.g. {triangular: "
          "[800, 1000, 1300]}), got the text '1.500.000' (numbers take no thousands separators and a decimal point: "
          "write 1500000)"));
  CHECK(has(refusal("name: x\ncurrency: EUR\ninvestments:\n  - {funder: a, amount: '1.250,50'}\n", io::Format::yaml).what,
            "write 1250.50)"));
  CHECK(has(refusal("name: x\ncurrency: EUR\ninvestments:\n  - funder: a\n    amount: 0,35\n", io::Format::yaml).what,
            "write 0.35)"));
}

TEST_CASE("a role written empty is refused, not taken for the default") {
  CHECK(io::parse_model("name: x\n", io::Format::yaml).info.role == "intervention");
  CHECK(io::parse_model("name: x\nrole: null\n", io::Format::yaml).info.role == "intervention");
  CHECK(has(refusal("name: x\nrole: ''\n", io::Format::yaml).what, "role must be 'intervention' or 'comparator', got ''"));
}

TEST_CASE("a soft outcome's data source: csv options and sheet are read, written back, and checked by path") {
  const std::string head =
      "name: x\nsoft_outcomes:\n  - {id: w, pre: a, post: b, ";
  const Model m = io::parse_model(head + "data: s.csv, csv: {sep: ';', decimal: ',', encoding: CP1252}}\n",
                                  io::Format::yaml);
  const SoftOutcome& s = m.soft_outcomes.at(0);
  CHECK(s.csv.sep == ";");
  CHECK(s.csv.decimal == ",");
  CHECK(s.csv.encoding == "CP1252");  // any case; the reader lower-cases it
  CHECK(io::parse_model(io::dump_model(m), io::Format::json) == m);

  const Model named = io::parse_model(head + "data: s.xlsx, sheet: Enquete}\n", io::Format::yaml);
  CHECK(named.soft_outcomes.at(0).sheet == "Enquete");
  CHECK_FALSE(named.soft_outcomes.at(0).sheet_index.has_value());
  const Model placed = io::parse_model(head + "data: s.XLSX, sheet: 1}\n", io::Format::yaml);
  CHECK(placed.soft_outcomes.at(0).sheet_index == 1);
  CHECK(io::parse_model(io::dump_model(placed), io::Format::json) == placed);

  // (the entry's data source, the path of the first issue, a part of its message)
  const std::vector<std::array<std::string, 3>> refused = {
      {"data: s.csv, csv: {sep: ':'}", "soft_outcomes[0].csv.sep",
       "csv.sep must be one of ',', ';', '\\t' (tab) or '|', got ':'"},
      {"data: s.csv, csv: {decimal: ';'}", "soft_outcomes[0].csv.decimal", "csv.decimal must be '.' or ',', got ';'"},
      {"data: s.csv, id_column: id, wave: {column: m, pre: Voor, post: voor}", "soft_outcomes[0].wave.post",
       "wave.pre 'Voor' and wave.post 'voor' differ only in capitals"},
      {"data: s.csv, id_column: id, wave: {column: m, pre: Voor meting, post: 'voor  meting'}", "soft_outcomes[0].wave.post",
       "wave.pre 'Voor meting' and wave.post 'voor  meting' differ only in capitals or white space"},
      {"data: s.csv, csv: {encoding: utf8}", "soft_outcomes[0].csv.encoding", "got 'utf8' (did you mean 'utf-8'?)"},
      {"data: s.csv, csv: {quote: x}", "soft_outcomes[0].csv.quote", "unknown key 'quote'"},
      {"data: s.xlsx, csv: {sep: ';'}", "soft_outcomes[0].csv", "csv options apply to CSV files only; data is 's.xlsx'"},
      {"data: s.csv, sheet: 0", "soft_outcomes[0].sheet", "sheet applies to .xlsx workbooks only"},
      {"data: s.xlsx, sheet: [1]", "soft_outcomes[0].sheet", "expected a sheet name or a 0-based sheet position, got a list"},
      {"data: s.xlsx, sheet: -1", "soft_outcomes[0].sheet", "sheet must be a name or a 0-based position, got -1"},
  };
  for (const auto& [rest, path, message] : refused) {
    CAPTURE(rest);
    const Issue i = refusal(head + rest + "}\n", io::Format::yaml).first;
    CHECK(i.path == path);
    CHECK(has(i.message, message));
  }
}

TEST_CASE("an IRIS+ catalogue reference is read as its metric id, and a malformed one is refused") {
  CHECK(iris_reference("IRIS+ PI4060").metric == "PI4060");
  CHECK(iris_reference("iris+:pi4060").metric == "PI4060");
  CHECK(iris_reference("  IRIS+   OI1479 ").metric == "OI1479");
  CHECK_FALSE(iris_reference("Impactpad wonen").names_iris);  // another catalogue stays free text
  CHECK(iris_reference("IRIS+ P4060").malformed);
  CHECK(iris_reference("IRIS+").malformed);
  Indicator i;
  i.id = "jobs";
  i.unit = "persons";
  i.catalogue = "IRIS+ PI406";
  const auto problems = i.problems();
  REQUIRE(problems.size() == 1);
  CHECK(problems.front().path == "catalogue");
  CHECK(problems.front().message ==
        "indicator 'jobs': catalogue 'IRIS+ PI406' is not an IRIS+ metric id (two letters and four digits, e.g. "
        "'IRIS+ PI4060')");
}

TEST_CASE("plain_json: a document beside the model files, read by their parser under their rules") {
  // Whole numbers stay integers, the rest is plain data in file order.
  CHECK(io::plain_json("b: 2\na: [1.5, x, {c: null, d: true}]\n", io::Format::yaml) ==
        R"({"b":2,"a":[1.5,"x",{"c":null,"d":true}]})");
  CHECK(io::plain_json(R"({"members": [{"period": 2024}]})", io::Format::json) == R"({"members":[{"period":2024}]})");
  // The model files' rules: no duplicate keys, no tags, no YAML 1.1 booleans.
  CHECK_THROWS_WITH_AS(io::plain_json("a: 1\na: 2\n", io::Format::yaml), doctest::Contains("duplicate key 'a'"),
                       ValidationError);
  CHECK_THROWS_WITH_AS(io::plain_json("a: !!set {x}\n", io::Format::yaml), doctest::Contains("not allowed"),
                       ValidationError);
  CHECK_THROWS_WITH_AS(io::plain_json("a: yes\n", io::Format::yaml), doctest::Contains("yes"), ValidationError);
}

TEST_CASE("plain_document: the plain JSON, and every number written like 150.000 named with its line") {
  const io::PlainDocument d = io::plain_document(
      "outcomes:\n  - id: a\n    proxy: {value: 150.000}\n    deadweight: 0.250\ninvestments:\n  - amount: -2.500\n"
      "  - amount: 12.50\n",
      io::Format::yaml);
  CHECK(d.json == io::plain_json("outcomes:\n  - id: a\n    proxy: {value: 150.000}\n    deadweight: 0.250\n"
                                 "investments:\n  - amount: -2.500\n  - amount: 12.50\n",
                                 io::Format::yaml));
  // 150.000 and -2.500 look like thousands; 0.250 (a leading zero) and 12.50 (two decimals) do not.
  REQUIRE(d.warnings.size() == 2);
  CHECK(d.warnings[0].code == "model.dotted_thousands");
  CHECK(d.warnings[0].text ==
        "outcomes[0].proxy.value (line 3, column 13): 150.000 is read as 150 (a decimal point); if 150000 was meant, "
        "write 150000 (numbers take no thousands separator)");
  CHECK(d.warnings[1].text.rfind("investments[0].amount (line 6, column 5): -2.500 is read as -2.5", 0) == 0);
  CHECK(io::plain_document(R"({"a": [1.000]})", io::Format::json).warnings.size() == 1);
}

TEST_CASE("slips with their hint: a range written as text, an empty empirical list, a file saved as UTF-16") {
  const std::string o = "name: x\ncurrency: EUR\nprice_year: 2024\noutcomes:\n  - id: o\n    quantity: 3\n"
                        "    proxy: {value: 5, currency: EUR}\n    attribution: ";
  const std::string any = "outcomes[0].attribution: expected a number or a one-key mapping naming a distribution "
                          "(e.g. {triangular: [0.2, 0.3, 0.45]}), got the text ";
  // 10-30% as shares: 10 / 100 = 0.1, 30 / 100 = 0.3; 0,1 with a decimal comma is 0.1.
  CHECK(has(yaml_refusal(o + "0.1 - 0.3\n"), any + "'0.1 - 0.3' (a range? write {uniform: [0.1, 0.3]})"));
  CHECK(has(yaml_refusal(o + "10-30%\n"), any + "'10-30%' (a range? write {uniform: [0.1, 0.3]})"));
  CHECK(has(yaml_refusal(o + "0,1-0,3\n"), any + "'0,1-0,3' (a range? write {uniform: [0.1, 0.3]})"));
  CHECK(has(yaml_refusal(o + "{uniform: 0.1-0.3}\n"),
            "outcomes[0].attribution.uniform: expected a list or mapping of numbers, got the text '0.1-0.3' (a range? "
            "write {uniform: [0.1, 0.3]})"));
  CHECK(has(yaml_refusal(o + "{empirical: []}\n"),
            "outcomes[0].attribution.empirical: empirical needs at least one value"));
  CHECK(has(yaml_refusal(o + "{discrete: []}\n"), "outcomes[0].attribution.discrete: discrete needs at least one value"));
  CHECK_FALSE(has(yaml_refusal("name: x\ncurrency: EUR\nprice_year: 2023-2024\n"), "a range?"));  // a year: no uniform
  // UTF-16 LE and BE, with and without the byte order mark, in both formats and as a portfolio's plain document.
  const auto utf16 = [](const std::string& ascii, bool big, bool mark) {
    std::string out = mark ? (big ? "\xFE\xFF" : "\xFF\xFE") : "";
    for (char c : ascii) out += big ? std::string{'\0', c} : std::string{c, '\0'};
    return out;
  };
  const std::string says = "the file is UTF-16 ('Unicode' in Notepad/Excel): save it as UTF-8";
  for (bool big : {false, true})
    for (bool mark : {false, true}) {
      CHECK(refusal(utf16("name: x\ncurrency: EUR\n", big, mark), io::Format::yaml).first.message == says);
      CHECK(refusal(utf16("{\"name\": \"x\"}", big, mark), io::Format::json).first.message == says);
      CHECK_THROWS_WITH_AS(io::plain_document(utf16("members: []\n", big, mark), io::Format::yaml), says.c_str(),
                           ValidationError);
    }
  // A stray NUL in UTF-8 text is still named where it is.
  CHECK(refusal(std::string("name: x\ncurrency: EUR\x00\n", 22), io::Format::yaml).what ==
        "line 2, column 14: control character U+0000 is not allowed in a model file");
}
