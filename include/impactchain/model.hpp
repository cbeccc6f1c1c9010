// Model: one intervention or organisation — metadata, stakeholders,
// indicators, the outcome chain, and the sections later capabilities use
// (monetised valuation, soft outcomes).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "impactchain/chain.hpp"
#include "impactchain/detail/suggest.hpp"
#include "impactchain/error.hpp"
#include "impactchain/indicator.hpp"
#include "impactchain/text.hpp"
#include "impactchain/notice.hpp"
#include "impactchain/valuation.hpp"

namespace impactchain {

/// Current version of the model-file schema (`impactchain: 1` in a file).
inline constexpr int model_schema_version = 1;

struct ModelInfo {
  std::string name;
  std::string organisation;
  std::string description;
  std::optional<int> period_start;  ///< first year of the activity period
  std::optional<int> period_end;    ///< last year of the activity period
  std::string currency;             ///< ISO 4217 code all money is reported in
  std::optional<int> price_year;    ///< prices all money is brought to
  std::string role = "intervention";  ///< "intervention" or "comparator" (status quo, traditional provider)
  std::string notes;                ///< e.g. "figures are illustrative"
  /// Language of the model's own text (`language: nl`): text fields given in
  /// several languages are read in it; "" when not given (then English, else
  /// the first language a field gives).
  std::string language;

  bool operator==(const ModelInfo& o) const {
    return name == o.name && organisation == o.organisation && description == o.description &&
           period_start == o.period_start && period_end == o.period_end && currency == o.currency &&
           price_year == o.price_year && role == o.role && notes == o.notes && language == o.language;
  }
};

/// How a CSV data file is read (the `csv:` mapping of a soft outcome); an empty
/// field is detected when the file is read (docs/soft.md says how, and the
/// result states what was detected).
struct CsvFormat {
  std::string sep;       ///< field separator: "," ";" "\t" or "|"
  std::string decimal;   ///< decimal mark: "." or ","
  std::string encoding;  ///< utf-8, utf-8-sig, cp1252, windows-1252, latin-1, iso-8859-1, iso-8859-15

  bool empty() const { return sep.empty() && decimal.empty() && encoding.empty(); }
  bool operator==(const CsvFormat& o) const {
    return sep == o.sep && decimal == o.decimal && encoding == o.encoding;
  }
};

/// The encodings a CSV data file may name in `csv.encoding` (lower case; `_` is read as `-`).
std::vector<std::string> csv_encodings();

/// A soft outcome's two measurements as rows of one file (one form filled in twice, the answers in
/// one sheet): the column that says which measurement a row is, and its labels for the before and
/// the after (`wave: {column: meting, pre: voormeting, post: nameting}`); rows are joined on id_column.
struct SoftWaves {
  std::string column;
  std::string pre;
  std::string post;
  bool operator==(const SoftWaves& o) const { return column == o.column && pre == o.pre && post == o.post; }
};

/// A scale of the model's own, written inline as a soft outcome's `scale:` mapping: `items` answered on
/// [item_min, item_max], `reverse_items` rescored as item_min + item_max - x, then summed or averaged.
/// `pre`/`post` item columns follow `items` in order.
struct SoftScale {
  std::string id;                          ///< default: the soft outcome's id
  std::string name;
  std::vector<std::string> items;          ///< item names, in the order of the item columns
  std::optional<double> item_min;          ///< lowest answer (required)
  std::optional<double> item_max;          ///< highest answer (required)
  std::vector<std::string> reverse_items;  ///< subset of `items`
  std::string scoring;                     ///< sum or mean (empty: sum, stated in the scores' assumptions)

  bool operator==(const SoftScale& o) const {
    return id == o.id && name == o.name && items == o.items && item_min == o.item_min && item_max == o.item_max &&
           reverse_items == o.reverse_items && scoring == o.scoring;
  }
};

/// A soft (non-monetised) outcome measured in its own units from survey or
/// indicator data: a data file (relative to the model file: CSV, .xlsx or SPSS
/// .sav) with pre/post columns.
struct SoftOutcome {
  std::string id;
  std::string name;
  std::string indicator;    ///< id of an Indicator of the model
  std::string scale;        ///< built-in scale (wemwbs, swemwbs, ons4_life_satisfaction …) or empty
  std::optional<SoftScale> own_scale;  ///< a scale of the model's own (then `scale` is empty)
  std::string data;         ///< data file path relative to the model file (.csv, .xlsx/.xlsm, .sav)
  /// The follow-up's data file when the two measurements are separate files (a voormeting and a
  /// nameting): `post` names its columns, `pre` those of `data`; rows are joined on `id_column`.
  std::string data_post;
  std::optional<SoftWaves> wave;  ///< the before and the after as rows of `data`, told apart by a column
  /// Rows of the data file(s) below the header that are not answers (a Qualtrics export's question
  /// texts and import ids on rows 2 and 3), by their row number (the header is row 1).
  std::vector<int> skip_rows;
  /// The row of the column names when rows above them are not data (a title on row 1 of a sheet made
  /// by hand); empty: row 1. Rows keep their numbers in messages.
  std::optional<int> header_row;
  std::string sheet;        ///< .xlsx: sheet name (empty: see sheet_index)
  std::optional<int> sheet_index;  ///< .xlsx: 0-based sheet position (neither: the first sheet)
  CsvFormat csv;            ///< .csv: separator, decimal mark, encoding (empty fields: detected)
  std::string pre;          ///< column with the baseline score (empty when pre_items are given)
  std::string post;         ///< column with the follow-up score (empty when post_items are given)
  std::vector<std::string> pre_items;   ///< item columns of the baseline, scored with `scale`
  std::vector<std::string> post_items;  ///< item columns of the follow-up, in the scale's item order
  std::string group;        ///< optional column to summarise by
  /// The group column's labels named per report language: language → (label, name) pairs, in the
  /// order given (`en: {oudere bewoner: older resident}`); a label not named shows as it is.
  std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> group_names;
  std::string stakeholder;  ///< id of a Stakeholder of the model, or empty
  std::optional<double> reliability;  ///< r_xx of the scale, for the reliable change index
  std::string id_column;    ///< optional column identifying respondents (duplicates refused)
  /// Codes a survey writes for "no answer" (`n.v.t.`, `weet niet`, 99), read as missing answers in
  /// the pre and post columns, besides an empty cell and NA, N/A, NaN: texts compared in any case,
  /// numbers (kept as their text) also as numbers.
  std::vector<std::string> missing;
  /// Answer labels a survey exports instead of numbers (`nooit: 1, zelden: 2`), read as those
  /// numbers in the pre and post columns (labels compared in any case), in the order given.
  std::vector<std::pair<std::string, double>> answers;
  std::string effect_size;  ///< d, g, dz (default) or dav
  std::optional<int> max_missing;        ///< item columns: items a respondent may miss (pro-rated)
  std::optional<double> sd_pre;          ///< reference SD of the baseline, for the reliable change index
  std::optional<bool> higher_is_better;  ///< direction of the scale (default: the scale's or indicator's)
  std::optional<int> resamples;          ///< bootstrap resamples of the mean change (0: no interval)
  std::optional<std::uint64_t> seed;     ///< bootstrap seed, 0 to 2^53 (the largest whole number a model file holds exactly)
  std::string method;                    ///< bootstrap interval: percentile or bca
  std::optional<double> level;           ///< interval level, in (0, 1)

  bool operator==(const SoftOutcome& o) const {
    return id == o.id && name == o.name && indicator == o.indicator && scale == o.scale && own_scale == o.own_scale && data == o.data &&
           data_post == o.data_post && wave == o.wave && skip_rows == o.skip_rows && header_row == o.header_row &&
           pre == o.pre && post == o.post && pre_items == o.pre_items && post_items == o.post_items &&
           group == o.group && group_names == o.group_names && stakeholder == o.stakeholder && reliability == o.reliability &&
           id_column == o.id_column && missing == o.missing && answers == o.answers && effect_size == o.effect_size && sheet == o.sheet &&
           sheet_index == o.sheet_index && csv == o.csv && max_missing == o.max_missing && sd_pre == o.sd_pre &&
           higher_is_better == o.higher_is_better && resamples == o.resamples && seed == o.seed &&
           method == o.method && level == o.level;
  }
};

struct Model {
  ModelInfo info;
  std::vector<Stakeholder> stakeholders;
  std::vector<Indicator> indicators;
  OutcomeChain chain;
  Valuation valuation;
  std::vector<SoftOutcome> soft_outcomes;
  /// Text fields given in several languages, by path; each field itself holds
  /// its text in `info.language` (text_in). See localised().
  Translations texts;
  /// Plausibility warnings from reading the model file (with path, line and
  /// column), e.g. an amount written `150.000` that the file format reads as
  /// 150. Not part of the model itself: not written by dump_model, not compared
  /// by ==; value() and simulate_model() repeat them in their warnings.
  std::vector<Notice> read_warnings;
  /// The file the model was read from (absolute; set by io::load_model and by
  /// Python's impactchain.load), "" for a model built in code or from text.
  /// Data paths of soft outcomes are relative to its directory. Like
  /// read_warnings, not part of the model (not written, not compared).
  std::string source_path;

  /// read_warnings as results show them ("path (line L, column C): …"); kept
  /// for callers of the former Issue list.
  const std::vector<Notice>& read_warning_texts() const { return read_warnings; }

  const Stakeholder* find_stakeholder(const std::string& id) const {
    for (const auto& s : stakeholders) if (s.id == id) return &s;
    return nullptr;
  }
  const Indicator* find_indicator(const std::string& id) const {
    for (const auto& i : indicators) if (i.id == id) return &i;
    return nullptr;
  }

  /// Cross-references and per-object problems, with paths into the model file.
  std::vector<Issue> problems() const;
  /// As problems(), for a loader that refused some fields it was given: `unread(path)` is true for such a field
  /// (or one with a refused part). A check that would call it missing or empty, or leave it out of a "give exactly
  /// one of" count, is not made: the loader's refusal is the true problem.
  std::vector<Issue> problems(const std::function<bool(const std::string&)>& unread) const;
  void validate() const { detail::IssueList l; l.append(problems()); l.throw_if_any(); }

  bool operator==(const Model& o) const {  // read_warnings, source_path: how it was read, not what it is
    return info == o.info && stakeholders == o.stakeholders && indicators == o.indicators && chain == o.chain &&
           valuation == o.valuation && soft_outcomes == o.soft_outcomes && texts == o.texts;
  }
};

/// The same model with `lang` as its language: every text field given in
/// several languages holds its text in `lang` (text_in's fallbacks where the
/// field lacks it); `texts` is kept, so nothing is lost.
Model localised(const Model& model, const std::string& lang);

/// The languages a model's text is given in: its `language` first, then every
/// other language of a translated field, in alphabetical order.
std::vector<std::string> model_languages(const Model& model);

}  // namespace impactchain
