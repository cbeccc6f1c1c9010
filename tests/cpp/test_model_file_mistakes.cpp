// Mistakes made typing a model file, refused or warned where they are made: a quoted text never
// closed, a number beyond a double, a tab or a no-break space where YAML needs a plain space, a
// decimal comma in a flow mapping or in a distribution's list, money written as text ("€ 150.000"), a
// funder that is a stakeholder id in other capitals, a share written as a percentage, and the range of
// a duration. tests/python/test_model_file_mistakes.py
// mirrors these.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "impactchain/detail/check.hpp"
#include "impactchain/detail/suggest.hpp"
#include "impactchain/io.hpp"
#include "support.hpp"

using namespace impactchain;

namespace {

const std::string kMistakeHead = "name: x\ncurrency: EUR\nprice_year: 2024\n";

}  // namespace

TEST_CASE("a quoted text never closed is refused where it opens, not read to the end of the file") {
  // Without the check yaml-cpp reads line 4 to the end as the notes, and outcomes is gone.
  const std::string rest = "outcomes:\n  - {id: o, quantity: 3, proxy: {value: 5, currency: EUR}}\n";
  CHECK(has(yaml_refusal(kMistakeHead + "notes: \"Illustrative figures, not real data\n" + rest),
            "line 4, column 8: a quoted text (\"Illustrative figures, not real…) is never closed: its closing \" is "
            "missing"));
  CHECK(has(yaml_refusal(kMistakeHead + "notes: 'it''s illustrative\n" + rest),
            "line 4, column 8: a quoted text ('it''s illustrative…) is never closed: its closing ' is missing"));
  // An escaped quote does not close a "…" text; in a flow mapping, in a list, as a key, after an anchor.
  CHECK(has(yaml_refusal(kMistakeHead + "notes: \"a \\\"b\\\"\n" + rest), "line 4, column 8: a quoted text"));
  CHECK(has(yaml_refusal(kMistakeHead + "investments: [{funder: \"city, amount: 5}]\n"), "line 4, column 24: a quoted text (\"city, amount: 5}]…)"));
  CHECK(has(yaml_refusal(kMistakeHead + "notes: [\"a\", \"b]\n"), "line 4, column 14: a quoted text (\"b]…)"));
  CHECK(has(yaml_refusal(kMistakeHead + "\"notes: a\n"), "line 4, column 1: a quoted text (\"notes: a…)"));
  CHECK(has(yaml_refusal(kMistakeHead + "notes: &n \"a\n"), "line 4, column 8: a quoted text (\"a…)"));
  // Closed texts over several lines stay YAML: folded, '' and \" as quotes.
  const Model m = io::parse_model(kMistakeHead + "notes: \"one\n  two \\\"three\\\"\"\norganisation: 'it''s\n  ours'\n" + rest,
                                  io::Format::yaml);
  CHECK(m.info.notes == "one two \"three\"");
  CHECK(m.info.organisation == "it's ours");
  CHECK(m.valuation.outcomes.size() == 1);
  // A later quote can close the text that lost its own: the syntax error that follows names where it began.
  CHECK(has(yaml_refusal("name: \"x\ncurrency: EUR\nnotes: \"y\"\n"),
            "(the quoted text that starts at line 1, column 7 runs on to line 3: is its closing \" missing?)"));
  // A block scalar's quotes are its text.
  CHECK(io::parse_model(kMistakeHead + "notes: |\n  \"not closed\n" + rest, io::Format::yaml).info.notes == "\"not closed\n");
}

TEST_CASE("a number beyond a double is refused in YAML as in JSON, one below the smallest reads as 0 in both") {
  const std::string inv = kMistakeHead + "investments: [{funder: city, amount: ";
  CHECK(has(yaml_refusal(inv + "1e400}]\n"), "line 4, column 38: the number 1e400 is too large (not a finite number)"));
  CHECK(has(yaml_refusal(inv + "-2e308}]\n"), "the number -2e308 is too large"));
  CHECK(has(yaml_refusal(kMistakeHead + "chain:\n  nodes: [{id: a, level: activity, quantity: 1e999}]\n"), "the number 1e999 is too large"));
  CHECK(has(yaml_refusal(inv + "1e99999999999999999999}]\n"), "is too large"));
  // 0.00001e313 is 1e308: it fits (the decimal exponent of the first digit decides, not the written one).
  CHECK(io::parse_model(inv + "0.00001e313}]\n", io::Format::yaml).valuation.investments[0].amount.central() == 1e308);
  // Underflow: 1e-400 is below the smallest double (about 4.9e-324); JSON's reader reads it as 0, so does YAML.
  for (const char* tiny : {"1e-400", "123e-330", "0.0001e-321", "1e-99999999999999999999"}) {
    CAPTURE(tiny);
    const double y = io::parse_model(inv + tiny + "}]\n", io::Format::yaml).valuation.investments[0].amount.central();
    const double j = io::parse_model(R"({"name": "x", "currency": "EUR", "price_year": 2024, "investments": [{"funder": "city", "amount": )" + std::string(tiny) + "}]}",
                                     io::Format::json)
                         .valuation.investments[0]
                         .amount.central();
    CHECK(y == 0.0);
    CHECK(j == 0.0);
  }
  CHECK(io::parse_model(inv + "1e-310}]\n", io::Format::yaml).valuation.investments[0].amount.central() == 1e-310);
}

TEST_CASE("a tab in the indentation and a no-break space after ':' are named in yaml-cpp's syntax error") {
  CHECK(has(yaml_refusal(kMistakeHead + "chain:\n  nodes:\n\t- {id: a, level: activity}\n"),
            "line 6, column 2: illegal block entry: a tab is used for indentation on line 6; YAML indents with spaces"));
  CHECK(has(yaml_refusal("name: x\nchain:\n\tnodes: []\n"), "a tab is used for indentation on line 3; YAML indents with spaces"));
  // "price_year:\u00A02024" is one plain text (':' needs a plain space after it), so the error comes a line later.
  CHECK(has(yaml_refusal("name: x\nprice_year:\xC2\xA0" "2024\ncurrency: EUR\n"),
            "line 3, column 9: illegal map value: a no-break space (U+00A0) after ':' on line 2; use a plain space"));
  // Other syntax errors keep yaml-cpp's words alone.
  const std::string other = yaml_refusal("name: x\nnotes: [a, b\n");
  CHECK(has(other, "end of sequence flow not found"));
  CHECK_FALSE(has(other, "tab"));
}

TEST_CASE("a no-break space in an id is shown as <U+00A0> where messages quote it") {
  const std::string chain = kMistakeHead + "chain:\n  nodes:\n    - {id: a, level: activity, quantity: 3}\n"
                                    "    - {id: \"done\xC2\xA0\", level: outcome}\n  edges: [{from: a, to: done}]\n";
  CHECK(has(yaml_refusal(chain), "unknown node 'done' (did you mean 'done<U+00A0>'?)"));
  CHECK(detail::quote("a\xC2\xA0" "b\xE2\x80\xAF" "c\xE3\x80\x80") == "'a<U+00A0>b<U+202F>c<U+3000>'");
  CHECK(detail::quote("café – ok") == "'café – ok'");  // other text as it is
}

TEST_CASE("a decimal comma in a flow mapping: the unknown key of digits says what to write") {
  CHECK(has(yaml_refusal(kMistakeHead + "investments: [{funder: city, amount: 0,35}]\n"),
            "investments[0].35: unknown key '35' (after amount: 0; a decimal comma? write 0.35)"));
  CHECK(has(yaml_refusal(kMistakeHead + "investments: [{funder: city, amount: 150,000}]\n"),
            "unknown key '000' (after amount: 150; a decimal comma? write 150.000, or 150000 without a thousands separator)"));
  // A key of digits after a text is only unknown.
  const std::string plain = yaml_refusal(kMistakeHead + "investments: [{funder: city, 35}]\n");
  CHECK(has(plain, "unknown key '35'"));
  CHECK_FALSE(has(plain, "decimal comma"));
}

TEST_CASE("decimal commas in a distribution's list: twice the numbers expected say what to write") {
  // [0,1, 0,2, 0,3] is read as 0, 1, 0, 2, 0, 3: six whole numbers where three are expected, and the pairs
  // (0, 1), (0, 2), (0, 3) are 0.1, 0.2 and 0.3 written with a decimal comma.
  const std::string o =
      kMistakeHead + "outcomes:\n  - {id: o, quantity: 3, proxy: {value: 5, currency: EUR}, deadweight: ";
  CHECK(has(yaml_refusal(o + "{triangular: [0,1, 0,2, 0,3]}}\n"),
            "outcomes[0].deadweight.triangular: expected 3 numbers [low, mode, high], got 6 "
            "(decimal commas? write [0.1, 0.2, 0.3])"));
  CHECK(has(yaml_refusal(o + "{uniform: [0,2, 0,3]}}\n"),
            "expected 2 numbers [low, high], got 4 (decimal commas? write [0.2, 0.3])"));
  // Three to four numbers expected: six or eight, the fractions as written (0,15 is 0.15).
  CHECK(has(yaml_refusal(o + "{pert: [0,15, 0,25, 0,35]}}\n"),
            "expected 3 to 4 numbers [low, mode, high, lambda], got 6 (decimal commas? write [0.15, 0.25, 0.35])"));
  CHECK(has(yaml_refusal(o + "{pert: [0,1, 0,2, 0,3, 4,0]}}\n"), "got 8 (decimal commas? write [0.1, 0.2, 0.3, 4.0])"));
  CHECK(has(yaml_refusal(o + "{normal: [0,5, 0,1, 0,2]}}\n"),
            "expected 2 to 4 numbers [mean, sd, lower, upper], got 6 (decimal commas? write [0.5, 0.1, 0.2])"));
  CHECK(has(yaml_refusal(o + "{beta: [2,5, 5,5, 0,1, 0,9]}}\n"), "got 8 (decimal commas? write [2.5, 5.5, 0.1, 0.9])"));
  CHECK(has(yaml_refusal(o + "{lognormal: [5,3, 0,25]}}\n"),
            "expected 2 numbers [meanlog, sdlog], got 4 (decimal commas? write [5.3, 0.25])"));
  // Discrete weights: one per value is expected, so six for three values are decimal commas too.
  CHECK(has(yaml_refusal(o + "{discrete: {values: [0.1, 0.2, 0.3], weights: [0,2, 0,5, 0,3]}}}\n"),
            "discrete needs one weight per value, got 3 values and 6 weights (decimal commas? write [0.2, 0.5, 0.3])"));
  // A count that fits, read as another distribution: [2,5, 5,5] is alpha 2, beta 5, low 5, high 5. Said after
  // the reason the distribution refuses it when the pairs are written as one number each.
  CHECK(has(yaml_refusal(o + "{beta: [2,5,5,5]}}\n"),
            "beta needs low < high, got low=5, high=5 (decimal commas? write [2.5, 5.5])"));
  CHECK(has(yaml_refusal(o + "{beta: [2,5, 5,5]}}\n"),
            "the list [2,5, 5,5] reads as 4 numbers: 2, 5, 5, 5 (decimal commas? write [2.5, 5.5];"));
  // JSON reads [0,1, 0,2, 0,3] as the same six numbers.
  const std::string json =
      R"({"name": "x", "currency": "EUR", "price_year": 2024, "outcomes": [{"id": "o", "quantity": 3,
      "proxy": {"value": 5, "currency": "EUR"}, "deadweight": {"triangular": [0,1, 0,2, 0,3]}}]})";
  try {
    io::parse_model(json, io::Format::json);
    FAIL("the JSON model was not refused");
  } catch (const ValidationError& e) {
    CHECK(has(e.what(), "got 6 (decimal commas? write [0.1, 0.2, 0.3])"));
  }
  // No guess: a count other than twice, a pair whose first number has a fraction or whose second has a sign,
  // and discrete values (no count is expected of them).
  for (const char* other : {"{triangular: [0,1, 0,2, 0,3, 4]}", "{triangular: [1, 2, 3, 4, 5, 6.5]}",
                            "{triangular: [0, 1, 0, -2, 0, 3]}", "{uniform: [0, 1, 2]}"}) {
    CAPTURE(other);
    const std::string said = yaml_refusal(o + other + "}\n");
    CHECK(has(said, "numbers ["));
    CHECK_FALSE(has(said, "decimal comma"));
  }
  // Discrete values written compactly or spaced are values (no count is expected of them).
  for (const char* values : {"[2,5,3,5]", "[2, 5, 3, 5]"})
    CHECK(yaml_refusal(kMistakeHead + "outcomes:\n  - {id: o, quantity: {discrete: " + values +
                       "}, proxy: {value: 5, currency: EUR}}\n")
              .empty());
}

TEST_CASE("decimal commas in a list of a count that fits: pairs written so are refused, not read as other numbers") {
  // {normal: [0,5, 0,1]} was read as mean 0, sd 5, bounds [0, 1]: a valid normal, loaded without a word. Each
  // second number is written right after the one before and its comma, the pairs a space apart: 0.5 and 0.1.
  const std::string o =
      kMistakeHead + "outcomes:\n  - {id: o, quantity: 3, proxy: {value: 5, currency: EUR}, deadweight: ";
  CHECK(has(yaml_refusal(o + "{normal: [0,5, 0,1]}}\n"),
            "outcomes[0].deadweight.normal: the list [0,5, 0,1] reads as 4 numbers: 0, 5, 0, 1 (decimal commas? "
            "write [0.5, 0.1]; for 4 numbers, put a space after every comma: [0, 5, 0, 1])"));
  // A minus before 0 is kept: -0,5 is -0.5, not 0.5.
  CHECK(has(yaml_refusal(o + "{normal: [-0,5, 0,1]}}\n"),
            "the list [-0,5, 0,1] reads as 4 numbers: -0, 5, 0, 1 (decimal commas? write [-0.5, 0.1];"));
  CHECK(has(yaml_refusal(o + "{triangular: [-0,5, 0,1, 0,2]}}\n"), "got 6 (decimal commas? write [-0.5, 0.1, 0.2])"));
  // Discrete and empirical values and weights, whatever their count.
  CHECK(has(yaml_refusal(o + "{empirical: [0,5, 0,7, 0,9]}}\n"),
            "outcomes[0].deadweight.empirical: the list [0,5, 0,7, 0,9] reads as 6 numbers: 0, 5, 0, 7, 0, 9 "
            "(decimal commas? write [0.5, 0.7, 0.9];"));
  CHECK(has(yaml_refusal(o + "{discrete: {values: [0.1, 0.2, 0.3, 0.4], weights: [0,4, 0,6]}}}\n"),
            "outcomes[0].deadweight.discrete.weights: the list [0,4, 0,6] reads as 4 numbers"));
  // On several lines of a block list, the pairs are still on one line each.
  CHECK(has(yaml_refusal(kMistakeHead + "outcomes:\n  - id: o\n    quantity: 3\n    proxy: {value: 5, currency: EUR}\n"
                                        "    deadweight:\n      normal: [0,5,\n               0,1]\n"),
            "the list [0,5, 0,1] reads as 4 numbers"));
  // JSON reads the same list the same way.
  const std::string json =
      R"({"name": "x", "currency": "EUR", "price_year": 2024, "outcomes": [{"id": "o", "quantity": 3,
      "proxy": {"value": 5, "currency": "EUR"}, "deadweight": {"normal": [0,5, 0,1]}}]})";
  try {
    io::parse_model(json, io::Format::json);
    FAIL("the JSON model was not refused");
  } catch (const ValidationError& e) {
    CHECK(has(e.what(), "the list [0,5, 0,1] reads as 4 numbers"));
  }
  // Four numbers written with the same spacing throughout are four numbers: compact (machine-written JSON),
  // spaced, a pair apart on its own, or a second number that is not a fraction's digits.
  for (const char* four : {"[0,5,0,1]", "[0, 5, 0, 1]", "[0, 5,0, 1]", "[0,5, 0, 1]", "[0,-5, 0,1]", "[0,5, 0.5,1]"}) {
    CAPTURE(four);
    CHECK_FALSE(has(yaml_refusal(o + "{normal: " + four + "}}\n"), "decimal comma"));
  }
  const Model m = io::parse_model(o + "{normal: [0,5,0,1]}}\n", io::Format::yaml);
  CHECK(m.valuation.outcomes[0].deadweight->mean() > 0.0);  // mean 0, sd 5 truncated to [0, 1]: loaded
}

TEST_CASE("a minus before 0 and a decimal comma in a flow mapping keeps its sign in what to write") {
  CHECK(has(yaml_refusal(kMistakeHead + "investments: [{funder: city, amount: -0,35}]\n"),
            "investments[0].35: unknown key '35' (after amount: -0; a decimal comma? write -0.35)"));
}

TEST_CASE("JSON: a decimal comma before a leading zero says the number meant after the syntax error") {
  // [0,05] is 0 and then 05, which JSON refuses: no number starts with 0.
  auto refusal = [](const std::string& deadweight) {
    try {
      io::parse_model(R"({"name": "x", "currency": "EUR", "price_year": 2024, "outcomes": [{"id": "o",
        "quantity": 3, "proxy": {"value": 5, "currency": "EUR"}, "deadweight": )" + deadweight + "}]}",
                      io::Format::json);
    } catch (const ValidationError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(has(refusal(R"({"uniform": [0,05, 0,1]})"),
            "syntax error while parsing array - unexpected number literal; expected ']' (`0,05` reads as 0 and "
            "`05`, which is not a number in JSON: a decimal comma? write 0.05)"));
  CHECK(has(refusal(R"({"uniform": [-1,005, 0,1]})"), "(`-1,005` reads as -1 and `005`"));
  CHECK(has(refusal("0,05"), "a decimal comma? write 0.05"));
  // With a space after the comma, 05 is an item of its own: the syntax error alone.
  const std::string spaced = refusal(R"({"uniform": [0, 05]})");
  CHECK(has(spaced, "syntax error"));
  CHECK_FALSE(has(spaced, "decimal comma"));
}

TEST_CASE("a number with words is refused with the number to write alone, and each field shows its own example") {
  const std::string o = kMistakeHead + "outcomes:\n  - {id: o, proxy: {value: 5, currency: EUR}, quantity: ";
  CHECK(has(yaml_refusal(o + "150.000 ongeveer}\n"),
            "outcomes[0].quantity: expected a number or a one-key mapping naming a distribution (e.g. {triangular: "
            "[80, 100, 130]}), got the text '150.000 ongeveer' (write the number alone: 150000; a note goes after a "
            "# in YAML)"));
  CHECK(has(yaml_refusal(o + "ca. 12}\n"), "got the text 'ca. 12' (write the number alone: 12;"));
  // The quantity refused is not refused once more as missing; one missing, or given beside a node, is.
  CHECK_FALSE(has(yaml_refusal(o + "ca. 12}\n"), "give exactly one"));
  CHECK(has(yaml_refusal(kMistakeHead + "outcomes:\n  - {id: o, proxy: {value: 5, currency: EUR}}\n"),
            "outcomes[0].quantity: outcome 'o': give exactly one of 'node' (a chain node) and 'quantity'"));
  CHECK(has(yaml_refusal(kMistakeHead + "chain:\n  nodes: [{id: n, level: outcome, quantity: 2}]\noutcomes:\n"
                                        "  - {id: o, node: n, quantity: 3, proxy: {value: 5, currency: EUR}}\n"),
            "outcomes[0]: outcome 'o': give exactly one of 'node' (a chain node) and 'quantity'"));
  CHECK(has(yaml_refusal(o + "12 mensen}\n"), "(write the number alone: 12;"));
  // Two numbers (a range?) or none: no number to write.
  for (const char* two : {"100 tot 200", "veel"}) {
    CAPTURE(two);
    const std::string said = yaml_refusal(o + two + "}\n");
    CHECK(has(said, "[80, 100, 130]}), got a string"));
  }
  CHECK(has(yaml_refusal(o + "3, duration: lang}\n"),
            "outcomes[0].duration: expected a number or a one-key mapping naming a distribution (e.g. {triangular: "
            "[2, 3, 5]}), got a string"));
  CHECK(has(yaml_refusal(kMistakeHead + "outcomes:\n  - {id: o, quantity: 3, wellbeing: {life_satisfaction_change: "
                                        "veel, value_per_wellby: 15000, currency: EUR}}\n"),
            "(e.g. {normal: [0.2, 0.05]}), got a string"));
}

TEST_CASE("a decimal comma before a leading zero in a list says the number meant, not the octal reading") {
  // [0,05, ...] splits into 0 and 05; 05 alone is refused for its leading zero ("write 5"), which misleads.
  const std::string o =
      kMistakeHead + "outcomes:\n  - {id: o, quantity: 3, proxy: {value: 5, currency: EUR}, deadweight: ";
  CHECK(
      has(yaml_refusal(o + "{triangular: [0,05, 0,1, 0,2]}}\n"),
          "`0,05` in a list reads as 0 and `05`, which is not a number (a leading zero); a decimal comma? write 0.05"));
  CHECK(has(yaml_refusal(o + "{uniform: [1, 12,050]}}\n"), "`12,050` in a list reads as 12 and `050`"));
  // With a space after the comma, 05 is an item of its own.
  CHECK(has(yaml_refusal(o + "{uniform: [0, 05]}}\n"),
            "`05` is not a number (a leading zero: YAML 1.1 reads it as octal); write 5"));
}

TEST_CASE("money written as text says how to write the amount, with the number when it reads one way only") {
  const std::string inv = kMistakeHead + "investments:\n  - funder: city\n    amount: ";
  const std::string refused =
      "investments[0].amount: expected a number or a one-key mapping naming a distribution "
      "(e.g. {triangular: [800, 1000, 1300]}), got the text ";
  // 150.000 in Dutch notation: the point separates thousands, 150 × 1000 = 150000.
  CHECK(has(yaml_refusal(inv + "€ 150.000\n"), refused + "'€ 150.000': write an amount as a plain number: 150000"));
  CHECK(has(yaml_refusal(inv + "\"€ 150.000\"\n"), refused + "'€ 150.000': write an amount as a plain number: 150000"));
  CHECK(has(yaml_refusal(inv + "150000 euro\n"), refused + "'150000 euro': write an amount as a plain number: 150000"));
  CHECK(has(yaml_refusal(inv + "EUR 1.250,50\n"), "'EUR 1.250,50': write an amount as a plain number: 1250.50"));
  CHECK(has(yaml_refusal(inv + "€ 150.000,-\n"), "'€ 150.000,-': write an amount as a plain number: 150000"));
  CHECK(has(yaml_refusal(inv + "150 000 €\n"), "'150 000 €': write an amount as a plain number: 150000"));
  CHECK(has(yaml_refusal(inv + "\"€\xC2\xA0"
                               "150.000\"\n"),
            "'€<U+00A0>150.000': write an amount as a plain number: 150000"));
  // Dots not in groups of three, or a comma before three digits (1,500: thousands or a decimal comma?): no number.
  for (const char* text : {"€ 12.5", "$ 1,500", "ca. 150.000 euro"}) {
    CAPTURE(text);
    const std::string said = yaml_refusal(inv + text + "\n");
    CHECK(has(said, std::string("'") + text + "': write an amount as a plain number"));
    CHECK_FALSE(has(said, "plain number:"));
  }
  // The proxy's value is money too; a share keeps a share's example; a text without a currency is a string.
  CHECK(has(yaml_refusal(kMistakeHead + "outcomes:\n  - {id: o, quantity: 3, proxy: {value: £ 15, currency: GBP}}\n"),
            "outcomes[0].proxy.value: expected a number or a one-key mapping naming a distribution "
            "(e.g. {triangular: [800, 1000, 1300]}), got the text '£ 15': write an amount as a plain number: 15"));
  CHECK(has(yaml_refusal(kMistakeHead +
                         "outcomes:\n  - {id: o, quantity: 3, proxy: {value: 5, currency: EUR}, deadweight: low}\n"),
            "outcomes[0].deadweight: expected a number or a one-key mapping naming a distribution "
            "(e.g. {triangular: [0.2, 0.3, 0.45]}), got a string"));
  CHECK(has(yaml_refusal(inv + "veel\n"), "(e.g. {triangular: [800, 1000, 1300]}), got a string"));
  // ",-" marks whole euros: 150.000,- is 150000.
  CHECK(has(yaml_refusal(inv + "150.000,-\n"), "'150.000,-': write an amount as a plain number: 150000"));
  // In a flow mapping the comma ends the value: € 12,50 is the text € 12 and a key 50. The number to write
  // (12.50) is said at the key; the text's own refusal does not give 12.
  const std::string flow = kMistakeHead + "investments: [{funder: city, amount: ";
  const std::string cut = yaml_refusal(flow + "€ 12,50}]\n");
  CHECK(has(cut,
            "investments[0].50: unknown key '50' (after amount: '€ 12'; '€ 12,50' was cut at its comma: "
            "write an amount as a plain number: 12.50)"));
  CHECK(has(cut, "got the text '€ 12': write an amount as a plain number"));
  CHECK_FALSE(has(cut, "'€ 12': write an amount as a plain number:"));
  CHECK(has(
      yaml_refusal(flow + "150000,-}]\n"),
      "unknown key '-' (after amount: '150000'; '150000,-' was cut at its comma: write an amount as a plain number: "
      "150000)"));
  // JSON, read by the same builder.
  try {
    io::parse_model(R"({"name": "x", "currency": "EUR", "investments": [{"funder": "city", "amount": "€ 150.000"}]})",
                    io::Format::json);
    FAIL("the JSON model was not refused");
  } catch (const ValidationError& e) {
    CHECK(has(e.what(), refused + "'€ 150.000': write an amount as a plain number: 150000"));
  }
}

TEST_CASE("a funder that is a stakeholder id in other capitals or spaces is a warning, an outside funder is not") {
  const std::string model = kMistakeHead + "stakeholders: [{id: municipality}, {id: fund}]\ninvestments:\n"
                                    "  - {funder: Municipality, amount: 10}\n"                 // line 6
                                    "  - {funder: \"fund\xC2\xA0\", amount: 5}\n"             // line 7
                                    "  - {funder: municipality, amount: 1}\n"
                                    "  - {funder: lottery, amount: 2}\n";
  const Model m = io::parse_model(model, io::Format::yaml);
  REQUIRE(m.read_warnings.size() == 2);
  CHECK(m.read_warnings[0].code == "model.funder_like_stakeholder");
  CHECK(m.read_warnings[0].text ==
        "investments[0].funder (line 6, column 6): 'Municipality' is not a stakeholder id but differs from "
        "stakeholder 'municipality' only in capitals or spaces; it is counted as a party of its own");
  CHECK(has(m.read_warnings[1].text, "investments[1].funder (line 7, column 6): 'fund<U+00A0>' is not a stakeholder id"));
  CHECK(io::parse_model(kMistakeHead + "investments: [{funder: Municipality, amount: 1}]\n", io::Format::yaml).read_warnings.empty());
}

TEST_CASE("a discount written as a bare number is shown the mapping it needs") {
  CHECK(has(yaml_refusal(kMistakeHead + "discount: 0.035\n"),
            "discount: expected a mapping, got a number (a constant rate is written discount: {rate: 0.035})"));
  CHECK(has(yaml_refusal(kMistakeHead + "discount: 3.5\n"),
            "discount: expected a mapping, got a number (a constant rate is written discount: {rate: 0.035}; 3.5 % is 0.035)"));
  CHECK(has(yaml_refusal(kMistakeHead + "discount: nl_2021\n"), "discount: expected a mapping, got a string"));
}

TEST_CASE("beneficiaries' shares written in percentages are said to be percentages") {
  const std::string model = kMistakeHead +
                            "stakeholders: [city, insurer]\n"
                            "outcomes:\n"
                            "  - {id: o, quantity: 3, proxy: {value: 5, currency: EUR}, beneficiaries: {city: 70, insurer: 30}}\n";
  const std::string why = yaml_refusal(model);
  CHECK(has(why, "outcome 'o': the share of 'city' must be in [0, 1], got 70 (a percentage? 70 % is written 0.7)"));
  CHECK(has(why, "beneficiaries' shares must sum to 1, got 100 (percentages? write each as a share: 70 % is 0.7)"));
  const std::string slip = kMistakeHead + "stakeholders: [city, insurer]\noutcomes:\n"
                           "  - {id: o, quantity: 3, proxy: {value: 5, currency: EUR}, beneficiaries: {city: 0.7, insurer: 0.4}}\n";
  CHECK(has(yaml_refusal(slip), "beneficiaries' shares must sum to 1, got 1.1"));
  CHECK_FALSE(has(yaml_refusal(slip), "percentages?"));
}

TEST_CASE("a duration must be above 0 and at most 300 years, in one wording for 0 and for too long") {
  const std::string o = kMistakeHead + "outcomes:\n  - {id: o, quantity: 3, proxy: {value: 5, currency: EUR}, duration: ";
  CHECK(has(yaml_refusal(o + "0}\n"), "outcome 'o': duration must be in (0, 300] years, got 0"));
  CHECK(has(yaml_refusal(o + "1e308}\n"), "outcome 'o': duration must be in (0, 300] years, got 1e+308"));
  CHECK(has(yaml_refusal(o + "{uniform: [0, 3]}}\n"),
            "duration must be in (0, 300] years, but the uniform distribution reaches [0, 3]"));
  CHECK(has(yaml_refusal(o + "{uniform: [1, 301]}}\n"),
            "duration must be in (0, 300] years, but the uniform distribution reaches [1, 301]"));
  CHECK(yaml_refusal(o + "300}\n").empty());
}

TEST_CASE("a share written as a percentage is refused with the number to write") {
  const std::string o = kMistakeHead + "outcomes:\n  - {id: o, quantity: 3, proxy: {value: 5, currency: EUR}, deadweight: ";
  // 25 (meant as 25 %) is 25 / 100 = 0.25; 7,5 % is 7.5 / 100 = 0.075; 150% is 1.5 (then out of range).
  CHECK(has(yaml_refusal(o + "25}\n"), "deadweight must be in [0, 1], got 25 (a percentage? 25 % is written 0.25)"));
  CHECK(has(yaml_refusal(o + "25%}\n"), "got the text '25%' (a share is written as a number: 25% is 0.25)"));
  CHECK(has(yaml_refusal(o + "\"7,5 %\"}\n"), "(a share is written as a number: 7,5 % is 0.075)"));
  CHECK(has(yaml_refusal(o + "150%}\n"), "150% is 1.5)"));
  // 1.3 is no percentage that a share would be written as: only the range is said.
  const std::string plain = yaml_refusal(o + "1.3}\n");
  CHECK(has(plain, "deadweight must be in [0, 1], got 1.3"));
  CHECK_FALSE(has(plain, "percentage"));
}

TEST_CASE("a no-break space in the indentation makes a key of its own, shown so in the refusal") {
  // YAML indents with plain spaces only: "\u00A0 currency" is the key " currency" of the top mapping.
  CHECK(has(yaml_refusal("name: x\n\xC2\xA0 currency: EUR\n"), "unknown key '<U+00A0> currency'"));
}

TEST_CASE("a price index cut at a decimal comma gets the number to write") {
  // {2024: 104,1} in a flow mapping reads as 2024: 104 and a year 1 without an index.
  CHECK(has(yaml_refusal(kMistakeHead + "price_index: {2023: 100, 2024: 104,1}\n"),
            "price_index.1: expected a number, got null (after 2024: 104; a decimal comma? write 104.1)"));
  // Three digits after the comma may be a thousands separator: 104,100 is 104.1 or 104100.
  CHECK(has(yaml_refusal(kMistakeHead + "price_index: {2023: 100, 2024: 104,100}\n"),
            "(after 2024: 104; a decimal comma? write 104.100, or 104100 without a thousands separator)"));
  // The first entry has nothing before it to have been cut from.
  const std::string first = yaml_refusal(kMistakeHead + "price_index: {2023: , 2024: 104}\n");
  CHECK(has(first, "price_index.2023: expected a number, got null"));
  CHECK_FALSE(has(first, "decimal comma"));
}

TEST_CASE("a name cut short at its underscore gets the one name it starts") {
  // 'volunteer' is 5 edits from 'volunteer_time' (too far for a typo), and the start of that name only.
  CHECK(has(yaml_refusal(kMistakeHead + "stakeholders: [city]\ninvestments:\n  - {funder: city, kind: volunteer, hours: 5, "
                                        "hourly_value: 10}\n"),
            "investments[0].kind: expected one of cash, in_kind, volunteer_time, got 'volunteer' (did you mean "
            "'volunteer_time'?)"));
  // 'price' is 5 edits from 'price_year', more than a typo's 2; a typo still wins over a start.
  CHECK(detail::nearest("price", {"price_year", "currency"}) == "price_year");
  CHECK(detail::nearest("hourly", {"hours", "hourly_value"}) == "hours");
  // Two names start so: a guess, not a name cut short; and too short a start suggests nothing.
  CHECK(detail::nearest("price", {"price_year", "price_index"}).empty());
  CHECK(detail::nearest("pr", {"pr_x"}).empty());
}
