// Survey scales: scoring item responses (reverse keying, item range, missing-item
// rules, sum or mean) and built-in definitions (WEMWBS, SWEMWBS, ONS4).
#pragma once

#include "impactchain/detail/eigen.hpp"

#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "impactchain/detail/enum_names.hpp"
#include "impactchain/detail/suggest.hpp"
#include "impactchain/error.hpp"
#include "impactchain/notice.hpp"

namespace impactchain {

namespace detail {
/// The licences the built-in scales name, by their code (ScaleDefinition::licence_code): the code
/// lets a report give the licence in its reader's language; "" for none.
inline const char* scale_licence_text(const std::string& code) {
  if (code == "warwick")
    return "WEMWBS and SWEMWBS are copyright of the University of Warwick, NHS Health Scotland and the "
           "University of Edinburgh; free for non-commercial use after registration with Warwick Medical "
           "School; commercial use needs a licence (https://warwick.ac.uk/wemwbs).";
  if (code == "ons_ogl") return "ONS questions are Crown copyright, reusable under the Open Government Licence v3.0";
  return "";
}
inline std::vector<std::string> scale_licence_codes() { return {"warwick", "ons_ogl"}; }

}  // namespace detail

enum class ScaleScoring { sum, mean };

template <>
struct EnumSpellings<ScaleScoring> {
  static constexpr const char* field = "scoring";
  static constexpr std::pair<ScaleScoring, const char*> names[] = {
      {ScaleScoring::sum, "sum"},
      {ScaleScoring::mean, "mean"}};
};
inline const char* to_string(ScaleScoring v) { return detail::spelling(v); }

/// A scale: items answered on [item_min, item_max]; reverse-keyed items are
/// rescored as item_min + item_max - x. A respondent missing at most
/// `max_missing` items is pro-rated (mean of the answered items, times k for a
/// sum); with more missing items the score is missing (NaN) and counted.
struct ScaleDefinition {
  std::string id;
  std::string name;
  std::vector<std::string> items;
  double item_min = 1;
  double item_max = 5;
  std::vector<std::string> reverse_items;  ///< subset of `items`
  ScaleScoring scoring = ScaleScoring::sum;
  int max_missing = 0;                     ///< items that may be pro-rated
  bool higher_is_better = true;
  std::string conversion;                  ///< "" or "swemwbs_rasch" (raw sum -> metric)
  std::string licence;                     ///< licence note ("" = none known)
  std::string licence_code;                ///< the licence's identity ("warwick", "ons_ogl"; "" = the text as given)
  std::string source;                      ///< citation

  /// Range [low, high] of a respondent's final score (after conversion): the item
  /// range for a mean, k times it for a sum (the SWEMWBS metric keeps 7-35).
  std::pair<double, double> score_range() const {
    if (scoring == ScaleScoring::mean) return {item_min, item_max};
    const double k = static_cast<double>(items.size());
    return {k * item_min, k * item_max};
  }

  /// Throws ValidationError naming every problem with the definition.
  void validate() const {
    detail::IssueList issues;
    const std::string p = "scale '" + id + "'";
    if (items.empty()) issues.add(p + ".items", "a scale needs at least one item");
    if (!(std::isfinite(item_min) && std::isfinite(item_max) && item_min < item_max))
      issues.add(p + ".item_range", "item_min must be < item_max (both finite), got [" + detail::num(item_min) +
                                        ", " + detail::num(item_max) + "]");
    if (max_missing < 0 || (!items.empty() && max_missing >= static_cast<int>(items.size())))
      issues.add(p + ".max_missing", "must be in [0, " + std::to_string(items.empty() ? 0 : items.size() - 1) +
                                         "], got " + std::to_string(max_missing));
    for (std::size_t i = 0; i < items.size(); ++i)
      for (std::size_t j = i + 1; j < items.size(); ++j)
        if (items[i] == items[j]) issues.add(p + ".items", "item '" + items[i] + "' is listed twice");
    for (const auto& r : reverse_items) {
      bool found = false;
      for (const auto& it : items) found = found || it == r;
      if (!found)
        issues.add(p + ".reverse_items",
                   "'" + r + "' is not one of the scale's items" + detail::did_you_mean_one(r, items));
    }
    if (!licence_code.empty()) {
      const auto codes = detail::scale_licence_codes();
      const std::string text = detail::scale_licence_text(licence_code);
      if (text.empty())
        issues.add(p + ".licence_code", "unknown licence code '" + licence_code + "' (known: " + codes[0] + ", " +
                                            codes[1] + "; \"\" for a licence given as text)");
      else if (licence != text)
        issues.add(p + ".licence", "licence code '" + licence_code + "' stands for the licence \"" + text +
                                       "\", and licence gives " + (licence.empty() ? std::string("none") : "another text") +
                                       " (give the code with its text, or a text of your own without a code)");
    }
    if (!conversion.empty() && conversion != "swemwbs_rasch")
      issues.add(p + ".conversion", "unknown conversion '" + conversion + "' (known: swemwbs_rasch)");
    if (conversion == "swemwbs_rasch" &&
        (items.size() != 7 || item_min != 1 || item_max != 5 || scoring != ScaleScoring::sum))
      issues.add(p + ".conversion", "swemwbs_rasch needs 7 items scored 1-5 and summed");
    issues.throw_if_any();
  }
};

/// Scores per respondent plus what the missing-item rule did.
struct ScaleScores {
  Eigen::VectorXd score;        ///< final score (after conversion); NaN = too many items missing
  Eigen::VectorXd raw;          ///< sum or mean before conversion (pro-rated where allowed)
  Eigen::VectorXi n_missing;    ///< missing items per respondent
  /// (n x k) the item scores the raw score is made of: each response as given, a reverse-keyed
  /// item's as item_min + item_max - response; NaN = missing (not pro-rated).
  Eigen::MatrixXd keyed;
  int n_prorated = 0;           ///< respondents whose score was pro-rated
  int n_missing_score = 0;      ///< respondents without a score
  std::vector<Notice> warnings;
};

/// Stewart-Brown et al. (2009) SWEMWBS Rasch conversion table: raw total 7..35 -> metric score
/// (as published by Warwick Medical School, "SWEMWBS conversion table").
inline const std::array<double, 29>& swemwbs_table() {
  static const std::array<double, 29> t = {7.00,  9.51,  11.25, 12.40, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36,
                                           16.88, 17.43, 17.98, 18.59, 19.25, 19.98, 20.73, 21.54, 22.35, 23.21,
                                           24.11, 25.03, 26.02, 27.03, 28.13, 29.31, 30.70, 32.55, 35.00};
  return t;
}

/// SWEMWBS raw total (integer 7..35) -> metric score; NaN passes through as NaN (missing).
inline Eigen::VectorXd swemwbs_metric(const Eigen::Ref<const Eigen::VectorXd>& raw) {
  Eigen::VectorXd out(raw.size());
  for (Eigen::Index i = 0; i < raw.size(); ++i) {
    const double r = raw[i];
    if (std::isnan(r)) { out[i] = r; continue; }
    if (!(r >= 7 && r <= 35) || r != std::floor(r))
      throw ValidationError("raw[" + std::to_string(i) + "]",
                            "SWEMWBS raw total must be an integer in [7, 35], got " + detail::num(r));
    out[i] = swemwbs_table()[static_cast<std::size_t>(r) - 7];
  }
  return out;
}

/// Scores an (n respondents x k items) matrix whose columns follow `def.items`; NaN = missing.
/// Responses outside [item_min, item_max] are an error naming row and item.
inline ScaleScores score_scale(const ScaleDefinition& def, const Eigen::Ref<const Eigen::MatrixXd>& responses) {
  def.validate();
  const Eigen::Index n = responses.rows(), k = responses.cols();
  if (k != static_cast<Eigen::Index>(def.items.size()))
    throw ValidationError("scale '" + def.id + "'", "expected " + std::to_string(def.items.size()) +
                                                        " item columns, got " + std::to_string(k));
  std::vector<char> rev(static_cast<std::size_t>(k), 0);
  for (Eigen::Index j = 0; j < k; ++j)
    for (const auto& r : def.reverse_items) rev[j] = rev[j] || r == def.items[j];
  // Responses outside the item range in the file's order (row by row, the items in order), the
  // first kListedResponses named and the rest counted; then the items nobody answered.
  constexpr std::size_t kListedResponses = 20;
  const std::string range = "[" + detail::num(def.item_min) + ", " + detail::num(def.item_max) + "]";
  detail::IssueList issues;
  std::size_t outside = 0;
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < k; ++j) {
      const double x = responses(i, j);
      if (std::isnan(x) || (x >= def.item_min && x <= def.item_max)) continue;
      if (++outside <= kListedResponses)
        issues.add("row " + std::to_string(i) + ", item '" + def.items[j] + "'",
                   "response " + detail::num(x) + " is outside the item range " + range);
    }
  if (outside > kListedResponses)
    issues.add("items", "and " + std::to_string(outside - kListedResponses) + " more responses outside the item range " +
                            range + " (" + std::to_string(outside) + " in all)");
  std::size_t unanswered = 0;
  for (Eigen::Index j = 0; j < k; ++j)
    if (n > 0 && responses.col(j).array().isNaN().all()) {
      issues.add("item '" + def.items[j] + "'", "all responses are missing");
      ++unanswered;
    }
  // every response outside the range, listed or only counted, and every item nobody answered
  if (!issues.empty()) throw ValidationError(issues.issues(), outside + unanswered);

  ScaleScores out;
  out.score.resize(n);
  out.raw.resize(n);
  out.n_missing.resize(n);
  out.keyed.resize(n, k);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (Eigen::Index i = 0; i < n; ++i) {
    double s = 0;
    int miss = 0;
    for (Eigen::Index j = 0; j < k; ++j) {
      const double x = responses(i, j);
      if (std::isnan(x)) {
        out.keyed(i, j) = nan;
        ++miss;
        continue;
      }
      out.keyed(i, j) = rev[j] ? def.item_min + def.item_max - x : x;
      s += out.keyed(i, j);
    }
    out.n_missing[i] = miss;
    if (miss > def.max_missing) {
      out.raw[i] = nan;
      ++out.n_missing_score;
    } else {
      const double mean = s / static_cast<double>(k - miss);  // pro-rating: mean of answered items
      out.raw[i] = def.scoring == ScaleScoring::mean ? mean : (miss ? mean * static_cast<double>(k) : s);
      if (miss) ++out.n_prorated;
    }
  }
  out.score = out.raw;
  if (def.conversion == "swemwbs_rasch") {
    Eigen::VectorXd rounded = out.raw;
    int n_rounded = 0;
    for (Eigen::Index i = 0; i < n; ++i)
      if (!std::isnan(rounded[i]) && rounded[i] != std::floor(rounded[i])) {
        rounded[i] = std::floor(rounded[i] + 0.5);
        ++n_rounded;
      }
    if (n_rounded)
      out.warnings.push_back(Notice("scale.rounded", {int_param("count", n_rounded)}));
    out.score = swemwbs_metric(rounded);
  }
  if (out.n_prorated)
    out.warnings.push_back(Notice("scale.prorated", {int_param("count", out.n_prorated), int_param("max_missing", def.max_missing)}));
  if (out.n_missing_score)
    out.warnings.push_back(Notice("scale.no_score", {int_param("count", out.n_missing_score), int_param("max_missing", def.max_missing)}));
  return out;
}

// ---------------------------------------------------------------- built-in scales
namespace detail {
inline std::vector<std::string> wemwbs_items() {
  return {"optimistic", "useful",        "relaxed",        "interested_in_people", "energy",
          "dealing_with_problems", "thinking_clearly", "good_about_myself", "close_to_others", "confident",
          "own_mind",   "loved",         "interested_in_new_things", "cheerful"};
}
}  // namespace detail

/// Names of the built-in scales.
inline std::vector<std::string> builtin_scale_names() {
  return {"wemwbs", "swemwbs", "ons4_life_satisfaction", "ons4_worthwhile", "ons4_happiness", "ons4_anxiety"};
}

/// "unknown scale 'x'; did you mean 'y'? known: …" for a name that is not built in.
inline std::string unknown_scale_message(const std::string& name) {
  const auto names = builtin_scale_names();
  std::string known;
  for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
  const std::string near = detail::nearest(name, names);
  return "unknown scale '" + name + "'" + (near.empty() ? std::string() : "; did you mean '" + near + "'?") +
         (near.empty() ? "; known: " : " known: ") + known;
}

/// A built-in definition by name (see builtin_scale_names()). max_missing is 0 (no
/// pro-rating) unless the caller changes it.
inline ScaleDefinition builtin_scale(const std::string& name) {
  ScaleDefinition d;
  d.id = name;
  if (name == "wemwbs") {
    d.name = "Warwick-Edinburgh Mental Wellbeing Scale (14 items, 1-5, total 14-70)";
    d.items = detail::wemwbs_items();
    d.licence_code = "warwick";
    d.licence = detail::scale_licence_text(d.licence_code);
    d.source = "Tennant et al. (2007), Health and Quality of Life Outcomes 5:63";
    return d;
  }
  if (name == "swemwbs") {
    d.name = "Short WEMWBS (7 items, 1-5, raw 7-35, Rasch metric score 7.00-35.00)";
    const auto w = detail::wemwbs_items();
    d.items = {w[0], w[1], w[2], w[5], w[6], w[8], w[10]};
    d.conversion = "swemwbs_rasch";
    d.licence_code = "warwick";
    d.licence = detail::scale_licence_text(d.licence_code);
    d.source = "Stewart-Brown et al. (2009), Health and Quality of Life Outcomes 7:15; Rasch conversion table "
               "published by Warwick Medical School";
    return d;
  }
  struct Ons { const char* id; const char* item; const char* text; bool better_high; };
  static const Ons ons[] = {
      {"ons4_life_satisfaction", "life_satisfaction", "Overall, how satisfied are you with your life nowadays?", true},
      {"ons4_worthwhile", "worthwhile", "Overall, to what extent do you feel that the things you do in your life are worthwhile?", true},
      {"ons4_happiness", "happiness", "Overall, how happy did you feel yesterday?", true},
      {"ons4_anxiety", "anxiety", "Overall, how anxious did you feel yesterday? (lower is better)", false}};
  for (const auto& o : ons)
    if (name == o.id) {
      d.name = std::string("ONS personal wellbeing (ONS4): ") + o.text + " (0-10)";
      d.items = {o.item};
      d.item_min = 0;
      d.item_max = 10;
      d.higher_is_better = o.better_high;
      d.source = "Office for National Statistics, Personal well-being user guidance (ONS4, 0-10 items)";
      d.licence_code = "ons_ogl";
      d.licence = detail::scale_licence_text(d.licence_code);
      return d;
    }
  throw ValidationError("scale", unknown_scale_message(name));
}

}  // namespace impactchain
