// Soft outcomes in model files: item columns and analysis options are read, written back,
// and checked at their paths (docs/soft.md, "Model files: soft outcomes").
#include <doctest/doctest.h>

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "impactchain/io.hpp"
#include "support.hpp"

using namespace impactchain;

namespace {

// Every issue of a refused text; empty if accepted.
std::vector<Issue> issues_of(const std::string& text) {
  try {
    io::parse_model(text, io::Format::yaml);
  } catch (const ValidationError& e) {
    return e.issues();
  }
  return {};
}

const std::string kHead = "name: x\nsoft_outcomes:\n  - {id: wb, data: s.csv, ";

// Each (rest of the entry, path of the first issue, a part of its message) is refused so.
void check_refused(const std::vector<std::array<std::string, 3>>& refused) {
  for (const auto& [rest, path, message] : refused) {
    CAPTURE(rest);
    const auto found = issues_of(kHead + rest + "}\n");
    REQUIRE_FALSE(found.empty());
    CHECK(found.front().path.rfind(path, 0) == 0);
    CHECK(has(found.front().message, message));
  }
}
}  // namespace

TEST_CASE("item columns and the analysis options of a soft outcome load and round-trip") {
  const Model m = io::parse_model(kHead +
                                      "scale: swemwbs, pre: [p1, p2, p3, p4, p5, p6, p7], "
                                      "post: [n1, n2, n3, n4, n5, n6, 7], max_missing: 1, sd_pre: 4.2, "
                                      "higher_is_better: false, resamples: 0, seed: 9007199254740992, "
                                      "method: percentile, level: 0.9}\n",
                                  io::Format::yaml);
  const SoftOutcome& s = m.soft_outcomes.at(0);
  CHECK(s.pre.empty());
  CHECK(s.pre_items == std::vector<std::string>{"p1", "p2", "p3", "p4", "p5", "p6", "p7"});
  CHECK(s.post_items.back() == "7");  // a bare number names a column, as ids do
  CHECK(s.max_missing == 1);
  CHECK(s.sd_pre == 4.2);
  CHECK(s.higher_is_better == false);
  CHECK(s.resamples == 0);
  CHECK(s.seed == 9007199254740992ULL);  // 2^53, the largest whole number a model file holds
  CHECK(s.method == "percentile");
  CHECK(s.level == 0.9);
  const std::string dumped = io::dump_model(m);
  CHECK(io::parse_model(dumped, io::Format::json) == m);

  // One column of scores stays a string, and no option is invented.
  const Model one = io::parse_model(kHead + "pre: a, post: b}\n", io::Format::yaml);
  CHECK(one.soft_outcomes.at(0).pre == "a");
  CHECK(one.soft_outcomes.at(0).pre_items.empty());
  CHECK_FALSE(one.soft_outcomes.at(0).max_missing.has_value());
  CHECK_FALSE(one.soft_outcomes.at(0).seed.has_value());
  CHECK(io::parse_model(io::dump_model(one), io::Format::json) == one);
}

TEST_CASE("a soft outcome's codes for no answer load as texts and round-trip") {
  const Model m = io::parse_model(kHead + "pre: a, post: b, missing: [n.v.t., weet niet, 99, -1, 9.5]}\n",
                                  io::Format::yaml);
  // A number is kept as the text it is written as, so that a CSV's '99' and a sheet's 99 both match it.
  CHECK(m.soft_outcomes.at(0).missing == std::vector<std::string>{"n.v.t.", "weet niet", "99", "-1", "9.5"});
  CHECK(io::parse_model(io::dump_model(m), io::Format::json) == m);
  const Model none = io::parse_model(kHead + "pre: a, post: b}\n", io::Format::yaml);
  CHECK(none.soft_outcomes.at(0).missing.empty());
  check_refused({
      {"pre: a, post: b, missing: n.v.t.", "soft_outcomes[0].missing", "expected a list of the codes that mean no answer"},
      {"pre: a, post: b, missing: [a, '']", "soft_outcomes[0].missing[1]", "expected a code (a text or a number), got an empty string"},
      {"pre: a, post: b, missing: [a, [b]]", "soft_outcomes[0].missing[1]", "got a list"},
      {"pre: a, post: b, missing: [a, b, a]", "soft_outcomes[0].missing[2]", "code 'a' is listed twice (also missing[0])"},
      // One code as a cell is compared (case and white space aside), though not as written.
      {"pre: a, post: b, missing: [n.v.t., N.V.T.]", "soft_outcomes[0].missing[1]",
       "codes 'N.V.T.' and 'n.v.t.' are one code of missing (codes are compared in any case, with white space aside): "
       "give it once"},
      {"pre: a, post: b, missing: [weet niet, 'weet  niet ']", "soft_outcomes[0].missing[1]",
       "codes 'weet  niet ' and 'weet niet' are one code of missing"},
  });
}

TEST_CASE("a soft outcome's answer labels load in their order and round-trip") {
  const Model m = io::parse_model(kHead + "pre: a, post: b, answers: {Nooit: 1, Zelden: 2, Soms: 2.5}, "
                                          "missing: [n.v.t.]}\n",
                                  io::Format::yaml);
  const std::vector<std::pair<std::string, double>> given = {{"Nooit", 1}, {"Zelden", 2}, {"Soms", 2.5}};
  CHECK(m.soft_outcomes.at(0).answers == given);
  CHECK(io::parse_model(io::dump_model(m), io::Format::json) == m);
  CHECK(io::parse_model(kHead + "pre: a, post: b}\n", io::Format::yaml).soft_outcomes.at(0).answers.empty());
  check_refused({
      {"pre: a, post: b, answers: [1, 2]", "soft_outcomes[0].answers", "expected a mapping of answer labels"},
      {"pre: a, post: b, answers: {Nooit: vaak}", "soft_outcomes[0].answers.Nooit",
       "expected the number the answer 'Nooit' stands for, got a string"},
      {"pre: a, post: b, answers: {Nooit: 1, NOOIT: 2}", "soft_outcomes[0].answers.NOOIT",
       "answer 'NOOIT' is given twice (also 'Nooit'; labels are compared in any case, with white space aside)"},
      // A run of white space inside a label is one space, a no-break space (U+00A0) one too.
      {"pre: a, post: b, answers: {Mee eens: 4, 'mee  eens': 5}", "soft_outcomes[0].answers.mee  eens",
       "answer 'mee  eens' is given twice (also 'Mee eens'"},
      {"pre: a, post: b, answers: {Mee eens: 4, \"Mee\\u00a0eens\": 5}", "soft_outcomes[0].answers.Mee\xC2\xA0" "eens",
       "is given twice (also 'Mee eens'"},
      {"pre: a, post: b, missing: [weet niet], answers: {'Weet  niet': 0}", "soft_outcomes[0].answers.Weet  niet",
       "'Weet  niet' is both an answer and a code of missing ('weet niet')"},
      {"pre: a, post: b, missing: [n.v.t.], answers: {N.V.T.: 0}", "soft_outcomes[0].answers.N.V.T.",
       "'N.V.T.' is both an answer and a code of missing ('n.v.t.')"},
      {"pre: a, post: b, missing: [nvt], answers: {nvt: 0}", "soft_outcomes[0].answers.nvt",
       "'nvt' is both an answer and a code of missing"},
  });
}

TEST_CASE("a soft outcome's group names per language load in their order and round-trip") {
  const Model m = io::parse_model(kHead + "pre: a, post: b, group: g, group_names: {en: {oudere bewoner: older resident, "
                                          "jongere: younger resident}, en-GB: {jongere: young resident}}}\n",
                                  io::Format::yaml);
  const auto& named = m.soft_outcomes.at(0).group_names;
  REQUIRE(named.size() == 2);
  CHECK(named[0].first == "en");
  CHECK(named[0].second == std::vector<std::pair<std::string, std::string>>{{"oudere bewoner", "older resident"},
                                                                            {"jongere", "younger resident"}});
  CHECK(named[1].first == "en-GB");
  CHECK(io::parse_model(io::dump_model(m), io::Format::json) == m);
  // A model built in code is held to the same by Model::validate.
  Model built = m;
  built.soft_outcomes.at(0).group_names.push_back({"English", {{"jongere", ""}}});
  const auto issues = built.problems();
  REQUIRE(issues.size() == 2);
  CHECK(has(issues[0].message, "group_names: 'English' is not a language code such as nl or en"));
  CHECK(issues[1].path == "soft_outcomes[0].group_names.English.jongere");
  check_refused({
      {"pre: a, post: b, group: g, group_names: [en]", "soft_outcomes[0].group_names", "expected a mapping of language"},
      {"pre: a, post: b, group: g, group_names: {EN: {a: b}}", "soft_outcomes[0].group_names.EN",
       "expected a language code such as nl or en"},
      {"pre: a, post: b, group: g, group_names: {en: older}", "soft_outcomes[0].group_names.en",
       "expected a mapping of group label to its name in en, got a string"},
      {"pre: a, post: b, group: g, group_names: {en: }", "soft_outcomes[0].group_names.en",
       "expected a mapping of group label to its name in en, got null"},
      {"pre: a, post: b, group: g, group_names: {en: {a: ''}}", "soft_outcomes[0].group_names.en.a",
       "expected the name of group 'a' in en, got an empty string"},
      {"pre: a, post: b, group_names: {en: {a: b}}", "soft_outcomes[0].group_names",
       "group_names names the labels of the group column, so group is required"},
  });
}

TEST_CASE("a follow-up in its own file loads, round-trips and needs the ids to join on") {
  const Model m = io::parse_model(kHead + "data_post: nameting.xlsx, id_column: respondent, pre: [a, b], post: [a, b], "
                                          "scale: {items: [i1, i2], item_min: 1, item_max: 5}, sheet: Blad1}\n",
                                  io::Format::yaml);
  const SoftOutcome& s = m.soft_outcomes.at(0);
  CHECK(s.data == "s.csv");
  CHECK(s.data_post == "nameting.xlsx");
  CHECK(s.pre_items == s.post_items);  // the same column names, each in its own file
  CHECK(io::parse_model(io::dump_model(m), io::Format::json) == m);
  CHECK(has(io::dump_model(m), "\"data_post\": \"nameting.xlsx\""));
  // A model built in code is held to the same by Model::validate.
  Model built = m;
  built.soft_outcomes.at(0).id_column.clear();
  built.soft_outcomes.at(0).data_post = "s.csv";
  built.soft_outcomes.at(0).sheet.clear();  // else refused too: no workbook is left
  const auto issues = built.problems();
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].path == "soft_outcomes[0].data_post");
  CHECK(has(issues[0].message, "data_post is joined to data by the respondents' ids, so id_column"));
  CHECK(has(issues[1].message, "data_post names the same file as data ('s.csv')"));
  check_refused({
      {"data_post: n.csv, pre: a, post: b", "soft_outcomes[0].data_post", "so id_column (the column both files"},
      {"data_post: [n.csv], id_column: r, pre: a, post: b", "soft_outcomes[0].data_post", "expected a string, got a list"},
      {"data_post: n.csv, id_column: r, pre: a, post: b, sheet: Blad1", "soft_outcomes[0].sheet",
       "sheet applies to .xlsx workbooks only; data is 's.csv' and data_post 'n.csv'"},
  });
  // A sheet applies to the workbook of the two, csv options to the CSV file.
  CHECK(issues_of(kHead + "data_post: n.xlsx, id_column: r, pre: a, post: b, sheet: Blad1, csv: {sep: ';'}}\n").empty());
}

TEST_CASE("the two measurements as rows of one file load, round-trip and are checked") {
  const Model m = io::parse_model(kHead + "id_column: r, wave: {column: meting, pre: voormeting, post: 2}, pre: a, post: a}\n",
                                  io::Format::yaml);
  const auto& w = m.soft_outcomes.at(0).wave;
  REQUIRE(w.has_value());
  CHECK(w->column == "meting");
  CHECK(w->pre == "voormeting");
  CHECK(w->post == "2");  // a sheet's measurement numbers 1 and 2
  CHECK(io::parse_model(io::dump_model(m), io::Format::json) == m);
  Model built = m;
  built.soft_outcomes.at(0).wave->post = "voormeting";
  built.soft_outcomes.at(0).id_column.clear();
  built.soft_outcomes.at(0).data_post = "n.csv";
  const auto issues = built.problems();
  REQUIRE(issues.size() == 4);  // and data_post without id_column
  CHECK(issues[0].path == "soft_outcomes[0].data_post");
  CHECK(issues[1].path == "soft_outcomes[0].wave.post");
  CHECK(has(issues[1].message, "wave.post must differ from wave.pre (both are 'voormeting')"));
  CHECK(has(issues[2].message, "wave joins the before's and the after's rows by the respondents' ids, so id_column"));
  CHECK(has(issues[3].message, "data_post names a second file: give one of them"));
  check_refused({
      {"id_column: r, wave: meting, pre: a, post: b", "soft_outcomes[0].wave", "expected a mapping of the measurement column"},
      {"id_column: r, wave: {column: m, pre: v}, pre: a, post: b", "soft_outcomes[0].wave.post", ""},
      {"id_column: r, wave: {column: m, pre: v, post: n, when: x}, pre: a, post: b", "soft_outcomes[0].wave.when", "unknown key"},
      {"id_column: r, wave: {column: r, pre: v, post: n}, pre: a, post: b", "soft_outcomes[0].wave.column",
       "wave.column 'r' is also the id_column"},
      {"id_column: r, group: g, wave: {column: g, pre: v, post: n}, pre: a, post: b", "soft_outcomes[0].wave.column",
       "is also the group"},
  });
}

TEST_CASE("rows that are not answers load in their order, round-trip and are checked") {
  const Model m = io::parse_model(kHead + "skip_rows: [3, 2], pre: a, post: b}\n", io::Format::yaml);
  CHECK(m.soft_outcomes.at(0).skip_rows == std::vector<int>{3, 2});
  CHECK(io::parse_model(io::dump_model(m), io::Format::json) == m);
  Model built = m;
  built.soft_outcomes.at(0).skip_rows = {1, 3, 3};
  const auto issues = built.problems();
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].path == "soft_outcomes[0].skip_rows[0]");
  CHECK(has(issues[0].message, "skip_rows: row 1 is not below the header (row 1)"));
  CHECK(issues[1].path == "soft_outcomes[0].skip_rows[2]");
  CHECK(has(issues[1].message, "row 3 is listed twice (also skip_rows[1])"));
  // With the header lower down, rows below it may be skipped; rows above it are not data anyway.
  const Model titled = io::parse_model(kHead + "header_row: 3, skip_rows: [4], pre: a, post: b}\n", io::Format::yaml);
  CHECK(titled.soft_outcomes.at(0).header_row == 3);
  CHECK(io::parse_model(io::dump_model(titled), io::Format::json) == titled);
  check_refused({
      {"header_row: 3, skip_rows: [3], pre: a, post: b", "soft_outcomes[0].skip_rows[0]",
       "row 3 is not below the header (row 3)"},
      {"header_row: 0, pre: a, post: b", "soft_outcomes[0].header_row", "header_row must be from 1 to 1000"},
      {"header_row: 2.5, pre: a, post: b", "soft_outcomes[0].header_row", ""},
      {"skip_rows: 2, pre: a, post: b", "soft_outcomes[0].skip_rows", "expected a list of row numbers"},
      {"skip_rows: [2, 2.5], pre: a, post: b", "soft_outcomes[0].skip_rows[1]", "expected a row number (a whole number from 2), got 2.5"},
      {"skip_rows: [two], pre: a, post: b", "soft_outcomes[0].skip_rows[0]", "got a string"},
      {"skip_rows: [0], pre: a, post: b", "soft_outcomes[0].skip_rows[0]", "row 0 is not below the header"},
  });
}

TEST_CASE("wrong item columns and options are refused at their paths") {
  const std::string items7 = "scale: swemwbs, pre: [a, b, c, d, e, f, g], post: [h, i, j, k, l, m, n], ";
  // (the rest of the entry, the path of the issue, a part of its message)
  const std::vector<std::array<std::string, 3>> refused = {
      {"scale: swemwbs, pre: [a, b, c, {x: 1}, e, f, g], post: b", "soft_outcomes[0].pre[3]",
       "expected the name of an item column, got a mapping"},
      {"scale: swemwbs, pre: [a, b, c, d, e, f, g], post: [h, '', j, k, l, m, n]", "soft_outcomes[0].post[1]",
       "expected the name of an item column, got an empty string"},
      {"scale: swemwbs, pre: [], post: b", "soft_outcomes[0].pre", "got an empty list"},
      {"scale: swemwbs, pre: [a, b, c, b, e, f, g], post: x", "soft_outcomes[0].pre[3]",
       "item column 'b' is listed twice (also pre[1])"},
      {"pre: [a, b], post: x", "soft_outcomes[0].pre", "pre lists item columns, so scale"},
      {"scale: swemwbs, pre: [a, b, c], post: x", "soft_outcomes[0].pre",
       "pre lists 3 item columns, scale 'swemwbs' has 7 items"},
      {items7 + "max_missing: 7", "soft_outcomes[0].max_missing", "max_missing must be from 0 to 6"},
      {"pre: a, post: b, max_missing: 1", "soft_outcomes[0].max_missing", "max_missing applies to item columns"},
      {"pre: a, post: b, sd_pre: 0", "soft_outcomes[0].sd_pre", "sd_pre must be greater than 0, got 0"},
      {"pre: a, post: b, higher_is_better: yes", "", "ambiguous"},
      {"pre: a, post: b, higher_is_better: 1", "soft_outcomes[0].higher_is_better", "expected true or false"},
      {"pre: a, post: b, resamples: 99", "soft_outcomes[0].resamples",
       "resamples must be 0 (no interval) or from 100 to 10000000, got 99"},
      {"pre: a, post: b, seed: -1", "soft_outcomes[0].seed", "expected a whole number from 0 to 2^53, got -1"},
      {"pre: a, post: b, seed: 1.5", "soft_outcomes[0].seed", "got 1.5"},
      {"pre: a, post: b, method: bcaa", "soft_outcomes[0].method", "got 'bcaa' (did you mean 'bca'?)"},
      {"pre: a, post: b, level: 95", "soft_outcomes[0].level", "level must be in (0, 1), got 95"},
      {"pre: a, post: b, ci_level: 0.9", "soft_outcomes[0].ci_level", "unknown key 'ci_level'"},
  };
  check_refused(refused);
}

TEST_CASE("a scale of the model's own, with reverse-keyed items, loads and round-trips") {
  const Model m = io::parse_model(kHead +
                                      "scale: {items: [q1, q2, q3], item_min: 1, item_max: 5, reverse_items: [q2], "
                                      "scoring: mean, name: {nl: Vertrouwen, en: Trust}}, pre: [a1, a2, a3], "
                                      "post: [b1, b2, b3], max_missing: 1}\n",
                                  io::Format::yaml);
  const SoftOutcome& s = m.soft_outcomes.at(0);
  CHECK(s.scale.empty());
  REQUIRE(s.own_scale.has_value());
  CHECK(s.own_scale->id == "wb");  // not given: the soft outcome's id
  CHECK(s.own_scale->name == "Trust");
  CHECK(s.own_scale->items == std::vector<std::string>{"q1", "q2", "q3"});
  CHECK(s.own_scale->item_min == 1.0);
  CHECK(s.own_scale->item_max == 5.0);
  CHECK(s.own_scale->reverse_items == std::vector<std::string>{"q2"});
  CHECK(s.own_scale->scoring == "mean");
  const std::string dumped = io::dump_model(m);
  CHECK(has(dumped, "Vertrouwen"));  // the name per language is written back as given
  CHECK(io::parse_model(dumped, io::Format::json) == m);
}

TEST_CASE("a wrong scale of the model's own is refused at its path") {
  const std::string cols = ", pre: [a, b, c], post: [d, e, f]";
  const std::vector<std::array<std::string, 3>> refused = {
      {"scale: {item_min: 1, item_max: 5}" + cols, "soft_outcomes[0].scale.items",
       "a scale of the model's own needs its items"},
      {"scale: {items: [q1, q2, q3], item_max: 5}" + cols, "soft_outcomes[0].scale.item_min", "item_min"},
      {"scale: {items: [q1, q2, q3], item_min: 5, item_max: 1}" + cols, "soft_outcomes[0].scale.item_max",
       "item_max must be above item_min, got [5, 1]"},
      {"scale: {items: [q1, q2, q1], item_min: 1, item_max: 5}" + cols, "soft_outcomes[0].scale.items[2]",
       "item 'q1' is listed twice (also items[0])"},
      {"scale: {items: [q1, q2, q3], item_min: 1, item_max: 5, reverse_items: [q4]}" + cols,
       "soft_outcomes[0].scale.reverse_items[0]", "reverse item 'q4' is not one of the scale's items"},
      {"scale: {items: [optimistic, useful, relaxed], item_min: 1, item_max: 5, reverse_items: [usefull]}" + cols,
       "soft_outcomes[0].scale.reverse_items[0]", "is not one of the scale's items ('optimistic', 'useful', "
       "'relaxed') (did you mean 'useful'?)"},
      {"scale: {items: [q1, q2, q3], item_min: 1, item_max: 5, reverse_items: q2}" + cols,
       "soft_outcomes[0].scale.reverse_items", "expected a list of item names"},
      {"scale: {items: [q1, q2, q3], item_min: 1, item_max: 5, scoring: average}" + cols,
       "soft_outcomes[0].scale.scoring", "scoring must be one of 'sum', 'mean', got 'average'"},
      {"scale: {items: [q1, q2, q3], item_min: 1, item_max: 5, reversed: [q2]}" + cols,
       "soft_outcomes[0].scale.reversed", "unknown key 'reversed'"},
      {"scale: {items: [q1, q2], item_min: 1, item_max: 5}" + cols, "soft_outcomes[0].pre",
       "pre lists 3 item columns, the scale has 2 items"},
  };
  check_refused(refused);
  // q4 is one character from each of q1, q2, q3: no item is clearly the one meant, so none is guessed.
  const auto q4 = issues_of(kHead + refused[4][0] + "}\n");
  REQUIRE_FALSE(q4.empty());
  CHECK_FALSE(has(q4.front().message, "did you mean"));
}

TEST_CASE("post naming pre's column is refused unless the after is in its own file or rows, and group is not the ids") {
  // In one row one column cannot hold the before and the after: every change would be 0.
  check_refused({
      {"pre: swemwbs_pre, post: swemwbs_pre", "soft_outcomes[0].post",
       "soft outcome 'wb': post names the same column as pre ('swemwbs_pre')"},
      {"scale: swemwbs, pre: [a1, a2, a3, a4, a5, a6, a7], post: [b1, b2, a3, b4, b5, b6, a7]", "soft_outcomes[0].post",
       "post names the same columns as pre ('a3', 'a7')"},
      {"pre: a, post: b, id_column: r, group: r", "soft_outcomes[0].group",
       "soft outcome 'wb': group 'r' is also the id_column"},
  });
  // The same names are the rule when the after is a second file or rows of its own.
  CHECK(issues_of(kHead + "data_post: n.csv, id_column: r, pre: score, post: score}\n").empty());
  CHECK(issues_of(kHead + "id_column: r, wave: {column: t, pre: '0', post: '1'}, pre: score, post: score}\n").empty());
  CHECK(issues_of(kHead + "pre: a, post: b, id_column: r, group: site}\n").empty());
}
