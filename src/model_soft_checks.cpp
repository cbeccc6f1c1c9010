// Checks of a soft outcome (`soft_outcomes:`): its scale, data source and columns, and analysis options.
#include "model_soft_checks.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

#include "impactchain/bootstrap.hpp"
#include "impactchain/effect_size.hpp"
#include "impactchain/scale.hpp"
#include "label_fold.hpp"

namespace impactchain::detail {

namespace {

/// The highest header_row: the column names are near the top of a sheet, never far below it.
constexpr int kMaxHeaderRow = 1000;

/// The file type of a data path by its extension (lower case): "xlsx", "sav" or "csv" (anything else).
std::string data_kind(const std::string& data) {
  const auto dot = data.find_last_of('.');
  std::string ext = dot == std::string::npos ? "" : data.substr(dot + 1);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == "xlsx" || ext == "xlsm") return "xlsx";
  if (ext == "sav") return "sav";
  return "csv";
}

std::string shown_sep(const std::string& s) { return detail::quote(s == "\t" ? "\\t" : s); }

/// A soft outcome's data source options: `sheet` for workbooks only, `csv` for CSV files only (with
/// `data_post`, each applies to the files of its kind), with a separator, decimal mark and encoding
/// the readers know.
void check_data_source(const SoftOutcome& s, const std::string& path, const std::string& who,
                       detail::IssueList& out) {
  const std::string kind = data_kind(s.data), kind_post = s.data_post.empty() ? kind : data_kind(s.data_post);
  const std::string files = s.data_post.empty() ? "data is " + detail::quote(s.data)
                                                : "data is " + detail::quote(s.data) + " and data_post " + detail::quote(s.data_post);
  if ((!s.sheet.empty() || s.sheet_index) && kind != "xlsx" && kind_post != "xlsx")
    out.add(path + ".sheet", who + ": sheet applies to .xlsx workbooks only; " + files);
  if (s.sheet_index && *s.sheet_index < 0)
    out.add(path + ".sheet", who + ": sheet must be a name or a 0-based position, got " + std::to_string(*s.sheet_index));
  if (s.csv.empty()) return;
  const std::string cp = path + ".csv";
  if (kind != "csv" && kind_post != "csv")
    out.add(cp, who + ": csv options apply to CSV files only; " + files);
  const std::vector<std::string> seps = {",", ";", "\t", "|"}, marks = {".", ","};
  if (!s.csv.sep.empty() && std::find(seps.begin(), seps.end(), s.csv.sep) == seps.end())
    out.add(cp + ".sep", who + ": csv.sep must be one of ',', ';', '\\t' (tab) or '|', got " + shown_sep(s.csv.sep));
  if (!s.csv.decimal.empty() && std::find(marks.begin(), marks.end(), s.csv.decimal) == marks.end())
    out.add(cp + ".decimal", who + ": csv.decimal must be '.' or ',', got " + shown_sep(s.csv.decimal));
  // sep ',' with decimal ',' is allowed: the decimal commas are then inside quoted fields ("6,5").
  if (!s.csv.encoding.empty()) {
    std::string e = s.csv.encoding;
    for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::replace(e.begin(), e.end(), '_', '-');
    const auto known = csv_encodings();
    if (std::find(known.begin(), known.end(), e) == known.end())
      out.add(cp + ".encoding", who + ": csv.encoding must be one of " + detail::quoted_list(known) + ", got " +
                                    detail::quote(s.csv.encoding) + detail::did_you_mean(e, known));
  }
}

/// Each name of `names` (at `list_path`, written `key` in messages) once only.
void check_listed_twice(const std::vector<std::string>& names, const std::string& list_path, const std::string& key,
                        const std::string& what, detail::IssueList& out) {
  for (std::size_t i = 0; i < names.size(); ++i)
    for (std::size_t k = 0; k < i; ++k)
      if (names[i] == names[k]) {
        out.add(detail::element(list_path, i), what + detail::quote(names[i]) + " is listed twice (also " + key +
                                                   "[" + std::to_string(k) + "])");
        break;
      }
}

/// `pre`/`post` item columns (scored with the built-in `scale`, one column per item of it) and the
/// analysis options of a soft outcome: max_missing (item columns only), sd_pre, bootstrap options.
void check_items(const SoftOutcome& s, const std::vector<std::string>& items, const char* key,
                 const std::string& path, const std::string& who, detail::IssueList& out) {
  if (items.empty()) return;
  const std::string kp = path + "." + key;
  check_listed_twice(items, kp, key, who + ": item column ", out);
  const auto known = builtin_scale_names();
  if (s.own_scale) {
    const std::size_t k = s.own_scale->items.size();
    if (k > 0 && items.size() != k)
      out.add(kp, who + ": " + key + " lists " + std::to_string(items.size()) + " item columns, the scale has " +
                      std::to_string(k) + " items (" + detail::quoted_list(s.own_scale->items) + ")");
  } else if (s.scale.empty()) {
    out.add(kp, who + ": " + key + " lists item columns, so scale (a built-in scale: " + detail::quoted_list(known) +
                    ", or a scale of the model's own: {items, item_min, item_max}) is required to score them");
  } else if (std::find(known.begin(), known.end(), s.scale) != known.end()) {
    const std::size_t k = builtin_scale(s.scale).items.size();
    if (items.size() != k)
      out.add(kp, who + ": " + key + " lists " + std::to_string(items.size()) + " item columns, scale " +
                      detail::quote(s.scale) + " has " + std::to_string(k) + " items");
  }
}

/// A scale of the model's own (`scale: {items, item_min, item_max, reverse_items, scoring}`).
void check_own_scale(const SoftScale& sc, const std::string& path, const std::string& who, detail::IssueList& out) {
  const std::string sp = path + ".scale";
  if (sc.items.empty())
    out.add(sp + ".items", who + ": a scale of the model's own needs its items (a list of item names, in the order "
                                 "of the pre and post item columns)");
  check_listed_twice(sc.items, sp + ".items", "items", who + ": item ", out);
  check_listed_twice(sc.reverse_items, sp + ".reverse_items", "reverse_items", who + ": reverse item ", out);
  for (std::size_t i = 0; i < sc.reverse_items.size(); ++i)
    if (std::find(sc.items.begin(), sc.items.end(), sc.reverse_items[i]) == sc.items.end())
      out.add(detail::element(sp + ".reverse_items", i),
              who + ": reverse item " + detail::quote(sc.reverse_items[i]) + " is not one of the scale's items (" +
                  detail::quoted_list(sc.items) + ")" + detail::did_you_mean_one(sc.reverse_items[i], sc.items));
  for (const auto& [key, v, what] : {std::tuple{"item_min", sc.item_min, "the lowest answer"},
                                     std::tuple{"item_max", sc.item_max, "the highest answer"}})
    if (!v) out.add(sp + "." + key, who + ": " + key + " (" + what + " an item may have) is missing");
    else if (!std::isfinite(*v)) out.add(sp + "." + key, who + ": " + key + " must be a finite number, got " + detail::num(*v));
  if (sc.item_min && sc.item_max && std::isfinite(*sc.item_min) && std::isfinite(*sc.item_max) &&
      !(*sc.item_min < *sc.item_max))
    out.add(sp + ".item_max", who + ": item_max must be above item_min, got [" + detail::num(*sc.item_min) + ", " +
                                  detail::num(*sc.item_max) + "]");
  const auto scorings = detail::spellings<ScaleScoring>();
  if (!sc.scoring.empty() && std::find(scorings.begin(), scorings.end(), sc.scoring) == scorings.end())
    out.add(sp + ".scoring", who + ": scoring must be one of " + detail::quoted_list(scorings) + ", got " +
                                 detail::quote(sc.scoring) + detail::did_you_mean(sc.scoring, scorings));
}

/// `answers`: finite numbers, each label once (in any case, white space aside: label_key) and none also
/// a code of `missing`.
void check_answers(const SoftOutcome& s, const std::string& path, const std::string& who, detail::IssueList& out) {
  const std::string ap = path + ".answers";
  for (std::size_t i = 0; i < s.answers.size(); ++i) {
    const auto& [label, number] = s.answers[i];
    const std::string lp = ap + "." + label;
    if (detail::label_key(label).empty()) {
      out.add(ap, who + ": an answer label must not be empty");
      continue;
    }
    if (!std::isfinite(number))
      out.add(lp, who + ": answer " + detail::quote(label) + " must stand for a finite number, got " + detail::num(number));
    for (std::size_t k = 0; k < i; ++k)
      if (detail::label_key(s.answers[k].first) == detail::label_key(label)) {
        out.add(lp, who + ": answer " + detail::quote(label) + " is given twice (also " +
                        detail::quote(s.answers[k].first) + "; labels are compared in any case, with white space aside)");
        break;
      }
    for (const auto& code : s.missing)
      if (detail::label_key(code) == detail::label_key(label)) {
        out.add(lp, who + ": " + detail::quote(label) + " is both an answer and a code of missing" +
                        (code == label ? std::string() : " (" + detail::quote(code) + ")"));
        break;
      }
  }
}

void check_soft_options(const SoftOutcome& s, const std::string& path, const std::string& who,
                        detail::IssueList& out) {
  check_items(s, s.pre_items, "pre", path, who, out);
  check_items(s, s.post_items, "post", path, who, out);
  check_listed_twice(s.missing, path + ".missing", "missing", who + ": code ", out);
  for (std::size_t i = 0; i < s.missing.size(); ++i)  // one code as a cell is compared, not as written
    for (std::size_t k = 0; k < i; ++k)
      if (s.missing[i] != s.missing[k] && detail::label_key(s.missing[i]) == detail::label_key(s.missing[k])) {
        out.add(detail::element(path + ".missing", i),
                who + ": codes " + detail::quote(s.missing[i]) + " and " + detail::quote(s.missing[k]) +
                    " are one code of missing (codes are compared in any case, with white space aside): give it once");
        break;
      }
  for (std::size_t i = 0; i < s.missing.size(); ++i)
    if (s.missing[i].empty())  // a model built in code; the file reader refuses it at its place
      out.add(detail::element(path + ".missing", i), who + ": a code of missing must not be empty");
  check_answers(s, path, who, out);
  if (!s.group_names.empty() && s.group.empty())
    out.add(path + ".group_names", who + ": group_names names the labels of the group column, so group is required");
  for (const auto& [lang, named] : s.group_names) {  // a model built in code; the file reader checks these as it reads
    if (!is_language_code(lang))
      out.add(path + ".group_names", who + ": group_names: " + detail::quote(lang) + " is not a language code such as nl or en");
    for (const auto& [label, name] : named)
      if (name.empty())
        out.add(path + ".group_names." + lang + "." + label, who + ": the name of group " + detail::quote(label) + " is empty");
  }
  if (s.max_missing) {
    const std::size_t k = std::max(s.pre_items.size(), s.post_items.size());
    if (k == 0)
      out.add(path + ".max_missing", who + ": max_missing applies to item columns (pre and post as lists of items)");
    else if (*s.max_missing < 0 || static_cast<std::size_t>(*s.max_missing) >= k)
      out.add(path + ".max_missing", who + ": max_missing must be from 0 to " + std::to_string(k - 1) +
                                         " (fewer than the " + std::to_string(k) + " items), got " +
                                         std::to_string(*s.max_missing));
  }
  if (s.sd_pre && !(*s.sd_pre > 0))
    out.add(path + ".sd_pre", who + ": sd_pre must be greater than 0, got " + detail::num(*s.sd_pre));
  if (s.resamples && *s.resamples != 0 && (*s.resamples < 100 || *s.resamples > max_resamples))
    out.add(path + ".resamples", who + ": resamples must be 0 (no interval) or from 100 to " +
                                     std::to_string(max_resamples) + ", got " + std::to_string(*s.resamples));
  if (s.seed && *s.seed > (std::uint64_t{1} << 53))  // a model built in code; the file reader stops there too
    out.add(path + ".seed", who + ": seed must be from 0 to 2^53, got " + std::to_string(*s.seed));
  const auto methods = detail::spellings<BootstrapCi>();
  if (!s.method.empty() && std::find(methods.begin(), methods.end(), s.method) == methods.end())
    out.add(path + ".method", who + ": method must be one of " + detail::quoted_list(methods) + ", got " +
                                  detail::quote(s.method) + detail::did_you_mean(s.method, methods));
  if (s.level && !(*s.level > 0 && *s.level < 1))
    out.add(path + ".level", who + ": level must be in (0, 1), got " + detail::num(*s.level));
}

/// `wave`: the measurement column and two different labels, with the ids to join the rows on, in
/// the one file (not with data_post).
void check_wave(const SoftOutcome& s, const std::string& path, const std::string& who, detail::IssueList& out) {
  const SoftWaves& w = *s.wave;
  const std::string wp = path + ".wave";
  if (w.column.empty()) out.add(wp + ".column", who + ": wave.column (the column that says which measurement a row is) is missing");
  if (w.pre.empty()) out.add(wp + ".pre", who + ": wave.pre (the label of the before's rows) is missing");
  if (w.post.empty()) out.add(wp + ".post", who + ": wave.post (the label of the after's rows) is missing");
  // The reader matches a measurement's label with capitals and white space aside (label_key), so
  // labels that differ only in those are one measurement.
  if (!w.pre.empty() && w.pre == w.post)
    out.add(wp + ".post", who + ": wave.post must differ from wave.pre (both are " + detail::quote(w.pre) + ")");
  else if (!w.pre.empty() && !w.post.empty() && detail::label_key(w.pre) == detail::label_key(w.post))
    out.add(wp + ".post", who + ": wave.pre " + detail::quote(w.pre) + " and wave.post " + detail::quote(w.post) +
                              " differ only in capitals or white space, and a measurement's label is matched with both aside: "
                              "give labels that differ otherwise");
  if (s.id_column.empty())
    out.add(wp, who + ": wave joins the before's and the after's rows by the respondents' ids, so id_column is required");
  if (!s.data_post.empty())
    out.add(wp, who + ": wave reads both measurements from the rows of data; data_post names a second file: give one of them");
  if (!w.column.empty() && (w.column == s.id_column || w.column == s.group))
    out.add(wp + ".column", who + ": wave.column " + detail::quote(w.column) + " is also the " +
                                (w.column == s.id_column ? "id_column" : "group") + "; the measurement needs a column of its own");
}

/// `post` names other columns than `pre` unless the after comes from a file of its own (data_post) or
/// from rows of its own (wave): in one row the same column cannot hold the before and the after. A
/// group column other than the respondents' ids.
void check_columns(const SoftOutcome& s, const std::string& path, const std::string& who, detail::IssueList& out) {
  if (s.data_post.empty() && !s.wave) {
    const std::vector<std::string> pre = s.pre.empty() ? s.pre_items : std::vector<std::string>{s.pre};
    const std::vector<std::string> post = s.post.empty() ? s.post_items : std::vector<std::string>{s.post};
    std::vector<std::string> shared;
    for (const auto& c : post)
      if (!c.empty() && std::find(pre.begin(), pre.end(), c) != pre.end()) shared.push_back(c);
    if (!shared.empty())
      out.add(path + ".post", who + ": post names the same column" + (shared.size() > 1 ? "s" : "") + " as pre (" +
                                  detail::quoted_list(shared) + "); in one row a column holds one measurement (a "
                                  "follow-up in a file of its own is data_post, in rows of their own wave)");
  }
  if (!s.group.empty() && s.group == s.id_column)
    out.add(path + ".group", who + ": group " + detail::quote(s.group) + " is also the id_column; group names a "
                                   "column that puts respondents together (a site, a cohort), not their ids");
}

}  // namespace

void check_soft_scale(const SoftOutcome& s, const std::string& path, const std::string& who, IssueList& out) {
  if (s.own_scale) check_own_scale(*s.own_scale, path, who, out);
  if (!s.scale.empty()) {
    const auto known = builtin_scale_names();
    if (std::find(known.begin(), known.end(), s.scale) == known.end())
      out.add(path + ".scale", who + ": " + unknown_scale_message(s.scale));
  }
}

void check_soft_data(const SoftOutcome& s, const std::string& path, const std::string& who, IssueList& out) {
  if (s.data.empty()) out.add(path + ".data", who + ": data (a .csv, .xlsx or .sav file relative to the model file) is missing");
  if (s.pre.empty() && s.pre_items.empty()) out.add(path + ".pre", who + ": pre (the baseline column) is missing");
  if (s.post.empty() && s.post_items.empty()) out.add(path + ".post", who + ": post (the follow-up column) is missing");
  if (!s.data_post.empty() && s.id_column.empty())
    out.add(path + ".data_post", who + ": data_post is joined to data by the respondents' ids, so id_column (the column "
                                       "both files identify respondents by) is required");
  if (s.wave) check_wave(s, path, who, out);
  check_columns(s, path, who, out);
  if (s.header_row && (*s.header_row < 1 || *s.header_row > kMaxHeaderRow))
    out.add(path + ".header_row", who + ": header_row must be from 1 to " + std::to_string(kMaxHeaderRow) +
                                      " (the row of the column names), got " + std::to_string(*s.header_row));
  if (s.header_row && data_kind(s.data) == "sav")
    out.add(path + ".header_row", who + ": header_row applies to CSV files and workbooks; an SPSS file has no header rows");
  const int header = s.header_row.value_or(1);
  for (std::size_t i = 0; i < s.skip_rows.size(); ++i) {
    const std::string rp = detail::element(path + ".skip_rows", i);
    if (s.skip_rows[i] <= header)
      out.add(rp, who + ": skip_rows: row " + std::to_string(s.skip_rows[i]) + " is not below the header (row " +
                      std::to_string(header) + "); rows are numbered as in messages");
    for (std::size_t k = 0; k < i; ++k)
      if (s.skip_rows[k] == s.skip_rows[i]) {
        out.add(rp, who + ": skip_rows: row " + std::to_string(s.skip_rows[i]) + " is listed twice (also skip_rows[" +
                        std::to_string(k) + "])");
        break;
      }
  }
  if (!s.data_post.empty() && s.data_post == s.data)
    out.add(path + ".data_post", who + ": data_post names the same file as data (" + detail::quote(s.data) +
                                       "); leave data_post out when one file holds both measurements");
  check_soft_options(s, path, who, out);
  const auto kinds = detail::spellings<EffectSizeKind>();
  if (!s.effect_size.empty() && std::find(kinds.begin(), kinds.end(), s.effect_size) == kinds.end())
    out.add(path + ".effect_size", who + ": effect_size must be one of " + detail::quoted_list(kinds) + ", got " +
                                       detail::quote(s.effect_size) + detail::did_you_mean(s.effect_size, kinds));
  if (s.reliability && !(*s.reliability >= 0 && *s.reliability < 1))
    out.add(path + ".reliability", who + ": reliability must be in [0, 1), got " + detail::num(*s.reliability));
  check_data_source(s, path, who, out);
}

}  // namespace impactchain::detail
