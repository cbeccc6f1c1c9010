// Reading a model file's soft outcomes (`soft_outcomes:`): the scale, the data source and its
// columns, the analysis options. Values and ranges are checked by Model::validate.
#include "model_json.hpp"

namespace impactchain::io::detail {

// The data source options of a soft outcome: `sheet` (a name, or a 0-based
// position) and `csv: {sep, decimal, encoding}`; their values are checked by Model::validate.
static void read_data_source(Reader& r, Ref j, const std::string& p, SoftOutcome& s) {
  if (Ref sh = j.find("sheet"); sh && !sh.is_null()) {
    if (sh.is_integer()) s.sheet_index = r.integer(j, p, "sheet");
    else if (sh.is_string()) s.sheet = sh.str();
    else r.error(Reader::join(p, "sheet"), "expected a sheet name or a 0-based sheet position, got " + detail::type_name(sh));
  }
  if (Ref cj = j.find("csv"); cj && !cj.is_null()) {
    const std::string cp = Reader::join(p, "csv");
    if (!r.object(cj, cp, {"sep", "decimal", "encoding"})) return;
    s.csv.sep = r.str(cj, cp, "sep");
    s.csv.decimal = r.str(cj, cp, "decimal");
    s.csv.encoding = r.str(cj, cp, "encoding");
  }
}

// `v` (the value at `path`) when it is of `kind`; an empty Ref when absent (or null, an optional
// key left empty, unless `null_is_absent` is false), and with an error naming what was `expected`
// when it is of another kind.
static Ref given_as(Reader& r, Ref v, const std::string& path, doc::Kind kind, const std::string& expected,
                    bool null_is_absent = true) {
  if (!v || (null_is_absent && v.is_null())) return Ref();
  if (v.kind() == kind) return v;
  r.error(path, "expected " + expected + ", got " + detail::type_name(v));
  return Ref();
}

// `missing`: the codes a survey writes for "no answer", each a non-empty text or a number (kept as
// the text it is written as: 99, -1, 9.5).
static std::vector<std::string> read_missing_codes(Reader& r, Ref j, const std::string& p) {
  std::vector<std::string> codes;
  const std::string lp = Reader::join(p, "missing");
  Ref list = given_as(r, j.find("missing"), lp, doc::Kind::seq,
                      "a list of the codes that mean no answer (texts or numbers, e.g. [n.v.t., 99])");
  if (!list) return codes;
  for (std::size_t i = 0; i < list.size(); ++i) {
    Ref c = list[i];
    if (c.is_string() && !c.str().empty()) codes.push_back(c.str());
    else if (c.is_integer()) codes.push_back(std::to_string(c.integer()));
    else if (c.is_number()) codes.push_back(impactchain::detail::num(c.number()));
    else r.error(impactchain::detail::element(lp, i), "expected a code (a text or a number), got " +
                                                          (c.is_string() ? std::string("an empty string") : detail::type_name(c)));
  }
  return codes;
}

// `answers`: the labels a survey exports instead of numbers, each with the number it stands for
// ({nooit: 1, zelden: 2, …}), in the order given.
static std::vector<std::pair<std::string, double>> read_answers(Reader& r, Ref j, const std::string& p) {
  std::vector<std::pair<std::string, double>> answers;
  const std::string mp = Reader::join(p, "answers");
  Ref m = given_as(r, j.find("answers"), mp, doc::Kind::map,
                   "a mapping of answer labels to the numbers they stand for (e.g. {nooit: 1, zelden: 2})");
  if (!m) return answers;
  for (const auto& e : m.entries()) {
    Ref v = m.value(e);
    if (e.key.empty()) r.error(mp, "an answer label must not be empty");
    else if (!v.is_number())
      r.error(Reader::join(mp, e.key), "expected the number the answer '" + e.key + "' stands for, got " +
                                           detail::type_name(v));
    else answers.emplace_back(e.key, v.number());
  }
  return answers;
}

// `group_names`: per report language, a name for each of the group column's labels
// ({en: {oudere bewoner: older resident}}), in the order given.
static std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> read_group_names(
    Reader& r, Ref j, const std::string& p) {
  std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> out;
  const std::string mp = Reader::join(p, "group_names");
  Ref m = given_as(r, j.find("group_names"), mp, doc::Kind::map,
                   "a mapping of language to the group labels' names (e.g. {en: {oudere bewoner: older resident}})");
  if (!m) return out;
  for (const auto& e : m.entries()) {
    const std::string lp = Reader::join(mp, e.key);
    if (!is_language_code(e.key)) {
      r.error(lp, "expected a language code such as nl or en (two or three lower-case letters, optionally a region as "
                  "in en-GB), got '" + e.key + "'");
      continue;
    }
    Ref names = given_as(r, m.value(e), lp, doc::Kind::map, "a mapping of group label to its name in " + e.key, false);
    if (!names) continue;
    std::vector<std::pair<std::string, std::string>> named;
    for (const auto& g : names.entries()) {
      Ref v = names.value(g);
      if (v.is_string() && !v.str().empty()) named.emplace_back(g.key, v.str());
      else r.error(Reader::join(lp, g.key), "expected the name of group '" + g.key + "' in " + e.key + ", got " +
                                                (v.is_string() ? std::string("an empty string") : detail::type_name(v)));
    }
    out.emplace_back(e.key, std::move(named));
  }
  return out;
}

// A list of names (item columns, items): each a non-empty string (a whole number is read as its digits).
static std::vector<std::string> read_names(Reader& r, Ref list, const std::string& lp, const char* what) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < list.size(); ++i) {
    Ref c = list[i];
    if (c.is_string() && !c.str().empty()) names.push_back(c.str());
    else if (c.is_integer()) names.push_back(std::to_string(c.integer()));
    else r.error(impactchain::detail::element(lp, i), std::string("expected the name of ") + what + ", got " + (c.is_string() ? std::string("an empty string") : detail::type_name(c)));
  }
  return names;
}

// `wave: {column, pre, post}`: the column telling the two measurements' rows apart and its labels
// for each (a whole number is read as its digits: a sheet's 1 and 2).
static std::optional<SoftWaves> read_wave(Reader& r, Ref j, const std::string& p) {
  const std::string wp = Reader::join(p, "wave");
  Ref w = given_as(r, j.find("wave"), wp, doc::Kind::map,
                   "a mapping of the measurement column and its labels (e.g. {column: meting, pre: voormeting, post: nameting})");
  if (!w || !r.object(w, wp, {"column", "pre", "post"})) return std::nullopt;
  SoftWaves out;
  for (auto [key, into] : {std::pair<const char*, std::string*>{"column", &out.column}, {"pre", &out.pre}, {"post", &out.post}}) {
    Ref v = w.find(key);
    if (v && v.is_integer()) *into = std::to_string(v.integer());
    else *into = r.str(w, wp, key, true);
  }
  return out;
}

// `skip_rows`: row numbers of the data file(s) that are not answers, each a whole number (checked by
// Model::validate: from 2, each once).
static std::vector<int> read_skip_rows(Reader& r, Ref j, const std::string& p) {
  std::vector<int> rows;
  const std::string lp = Reader::join(p, "skip_rows");
  Ref list = given_as(r, j.find("skip_rows"), lp, doc::Kind::seq, "a list of row numbers (e.g. [2, 3])");
  if (!list) return rows;
  for (std::size_t i = 0; i < list.size(); ++i) {
    Ref v = list[i];
    if (v.is_integer() && v.integer() >= 0 && v.integer() <= 100000000) rows.push_back(static_cast<int>(v.integer()));
    else r.error(impactchain::detail::element(lp, i), "expected a row number (a whole number from 2), got " +
                                                          (v.is_number() ? impactchain::detail::num(v.number()) : detail::type_name(v)));
  }
  return rows;
}

// `pre`/`post`: one column of scores, or a list of the scale's item columns (in its item order).
static void read_columns(Reader& r, Ref j, const std::string& p, const char* key, std::string& one,
                         std::vector<std::string>& items) {
  Ref it = j.find(key);
  if (!it || !it.is_seq()) {
    one = r.str(j, p, key, true);
    return;
  }
  const std::string lp = Reader::join(p, key);
  if (it.size() == 0) r.error(lp, "expected a column of scores or a list of item columns, got an empty list");
  items = read_names(r, it, lp, "an item column");
}

// `scale:` a built-in scale's name, or a scale of the model's own:
// {id, name, items, item_min, item_max, reverse_items, scoring}; its values are checked by Model::validate.
static void read_scale(Reader& r, Ref j, const std::string& p, SoftOutcome& s) {
  Ref sj = j.find("scale");
  if (!sj || !sj.is_map()) {
    s.scale = r.str(j, p, "scale");
    return;
  }
  const std::string sp = Reader::join(p, "scale");
  if (!r.object(sj, sp, {"id", "name", "items", "item_min", "item_max", "reverse_items", "scoring"})) return;
  SoftScale sc;
  sc.id = r.str(sj, sp, "id");
  if (sc.id.empty()) sc.id = s.id;
  sc.name = r.text(sj, sp, "name");
  for (const char* key : {"items", "reverse_items"}) {
    Ref list = sj.find(key);
    const std::string lp = Reader::join(sp, key);
    if (!list || list.is_null()) continue;  // items missing: Model::validate says so
    if (!list.is_seq()) {
      r.error(lp, "expected a list of item names, got " + detail::type_name(list));
      continue;
    }
    (std::string(key) == "items" ? sc.items : sc.reverse_items) = read_names(r, list, lp, "an item");
  }
  sc.item_min = r.number(sj, sp, "item_min");
  sc.item_max = r.number(sj, sp, "item_max");
  sc.scoring = r.str(sj, sp, "scoring");
  s.own_scale = sc;
}

// The analysis options of a soft outcome (item scoring, direction, bootstrap); ranges are checked by Model::validate.
static void read_soft_options(Reader& r, Ref j, const std::string& p, SoftOutcome& s) {
  s.max_missing = r.integer(j, p, "max_missing");
  s.sd_pre = r.number(j, p, "sd_pre");
  if (Ref h = j.find("higher_is_better"); h && !h.is_null()) {
    if (h.is_boolean()) s.higher_is_better = h.boolean();
    else r.error(Reader::join(p, "higher_is_better"), "expected true or false, got " + detail::type_name(h));
  }
  s.resamples = r.integer(j, p, "resamples");
  if (Ref sd = j.find("seed"); sd && !sd.is_null()) {
    if (sd.is_integer() && sd.integer() >= 0) s.seed = static_cast<std::uint64_t>(sd.integer());
    else r.error(Reader::join(p, "seed"), "expected a whole number from 0 to 2^53, got " +
                                              (sd.is_number() ? impactchain::detail::num(sd.number()) : detail::type_name(sd)));
  }
  s.method = r.str(j, p, "method");
  s.level = r.number(j, p, "level");
}

SoftOutcome read_soft(Reader& r, Ref j, const std::string& p) {
  SoftOutcome s;
  if (!r.object(j, p, {"id", "name", "indicator", "scale", "data", "data_post", "wave", "skip_rows", "header_row", "pre", "post", "group", "group_names", "stakeholder", "reliability",
                       "id_column", "missing", "answers", "effect_size", "sheet", "csv", "max_missing", "sd_pre", "higher_is_better",
                       "resamples", "seed", "method", "level"}))
    return s;
  s.id = r.str(j, p, "id", true);
  s.name = r.text(j, p, "name");
  if (s.name.empty()) s.name = s.id;
  s.indicator = r.str(j, p, "indicator");
  read_scale(r, j, p, s);
  s.data = r.str(j, p, "data", true);
  s.data_post = r.str(j, p, "data_post");
  s.wave = read_wave(r, j, p);
  s.skip_rows = read_skip_rows(r, j, p);
  s.header_row = r.integer(j, p, "header_row");
  read_columns(r, j, p, "pre", s.pre, s.pre_items);
  read_columns(r, j, p, "post", s.post, s.post_items);
  s.group = r.str(j, p, "group");
  s.group_names = read_group_names(r, j, p);
  s.stakeholder = r.str(j, p, "stakeholder");
  if (auto v = r.number(j, p, "reliability")) s.reliability = *v;
  s.id_column = r.str(j, p, "id_column");
  s.missing = read_missing_codes(r, j, p);
  s.answers = read_answers(r, j, p);
  s.effect_size = r.str(j, p, "effect_size");
  read_data_source(r, j, p, s);
  read_soft_options(r, j, p, s);
  return s;
}

}  // namespace impactchain::io::detail
