// Indicator and Stakeholder: what is measured, and for whom.
#pragma once

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "impactchain/detail/check.hpp"
#include "impactchain/detail/enum_names.hpp"
#include "impactchain/error.hpp"

namespace impactchain {

/// Hard: counted or monetised (jobs, euros saved). Soft: wellbeing, social capital.
enum class IndicatorKind { hard, soft };
/// Whether a higher value of the indicator is better (jobs) or worse (anxiety).
enum class Direction { higher, lower };

template <>
struct EnumSpellings<IndicatorKind> {
  static constexpr const char* field = "kind";
  static constexpr std::pair<IndicatorKind, const char*> names[] = {
      {IndicatorKind::hard, "hard"},
      {IndicatorKind::soft, "soft"}};
};
inline const char* to_string(IndicatorKind v) { return detail::spelling(v); }
template <>
struct EnumSpellings<Direction> {
  static constexpr const char* field = "direction";
  static constexpr std::pair<Direction, const char*> names[] = {
      {Direction::higher, "higher"},
      {Direction::lower, "lower"}};
};
inline const char* to_string(Direction v) { return detail::spelling(v); }

/// Bounds of a rating scale (e.g. 0–10 life satisfaction, 14–70 WEMWBS).
struct ScaleBounds {
  double min = 0;
  double max = 0;
  bool operator==(const ScaleBounds& o) const { return min == o.min && max == o.max; }
};

/// A group of people or organisations that experiences outcomes or pays for them.
struct Stakeholder {
  std::string id;
  std::string name;         ///< display name; defaults to the id
  std::string description;

  /// Problems with this stakeholder, paths relative to it.
  std::vector<Issue> problems() const {
    std::vector<Issue> out;
    if (id.empty()) out.push_back({"id", "stakeholder id must not be empty"});
    return out;
  }
  void validate() const { detail::IssueList l; l.append(problems()); l.throw_if_any(); }

  bool operator==(const Stakeholder& o) const {
    return id == o.id && name == o.name && description == o.description;
  }
};

/// Whether a catalogue reference names IRIS+ ("IRIS+ PI4060", "iris+:PI4060", any case of the
/// prefix), and its metric id in capitals ("PI4060"); `malformed` is set when it names IRIS+ but
/// the id is not two letters and four digits.
struct IrisReference {
  bool names_iris = false;
  bool malformed = false;
  std::string metric;  ///< e.g. "PI4060"
};
inline IrisReference iris_reference(const std::string& catalogue) {
  IrisReference ref;
  std::size_t b = catalogue.find_first_not_of(" \t");
  if (b == std::string::npos || catalogue.size() < b + 5) return ref;
  std::string prefix = catalogue.substr(b, 5);
  for (auto& c : prefix) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (prefix != "IRIS+") return ref;
  ref.names_iris = true;
  std::string rest = catalogue.substr(b + 5);
  const std::size_t s = rest.find_first_not_of(" \t:");
  rest = s == std::string::npos ? std::string() : rest.substr(s);
  while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t')) rest.pop_back();
  for (auto& c : rest) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  ref.malformed = !(rest.size() == 6 && std::isalpha(static_cast<unsigned char>(rest[0])) &&
                    std::isalpha(static_cast<unsigned char>(rest[1])) &&
                    std::all_of(rest.begin() + 2, rest.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }));
  if (!ref.malformed) ref.metric = rest;
  return ref;
}

/// What is measured: unit, kind, direction, scale, for whom, how, and an
/// optional reference to a standard catalogue (IRIS+ code, Impactpad theme).
struct Indicator {
  std::string id;
  std::string name;
  std::string unit;
  IndicatorKind kind = IndicatorKind::hard;
  Direction direction = Direction::higher;
  std::optional<ScaleBounds> scale;
  std::string stakeholder;  ///< id of a Stakeholder of the model, or empty
  std::string source;       ///< data source or measurement method
  std::string catalogue;    ///< e.g. "IRIS+ PI4060"

  std::vector<Issue> problems() const {
    std::vector<Issue> out;
    const std::string who = "indicator '" + id + "'";
    if (id.empty()) out.push_back({"id", "indicator id must not be empty"});
    if (unit.empty()) out.push_back({"unit", who + ": unit must not be empty (e.g. 'persons', 'EUR', 'points 0-10')"});
    if (iris_reference(catalogue).malformed)
      out.push_back({"catalogue", who + ": catalogue " + detail::quote(catalogue) +
                                      " is not an IRIS+ metric id (two letters and four digits, e.g. 'IRIS+ PI4060')"});
    if (scale) {
      if (!std::isfinite(scale->min) || !std::isfinite(scale->max) || !(scale->min < scale->max))
        out.push_back({"scale", who + ": scale needs finite min < max, got [" + detail::num(scale->min) + ", " +
                                    detail::num(scale->max) + "]"});
    }
    return out;
  }
  void validate() const { detail::IssueList l; l.append(problems()); l.throw_if_any(); }

  bool operator==(const Indicator& o) const {
    return id == o.id && name == o.name && unit == o.unit && kind == o.kind && direction == o.direction &&
           scale == o.scale && stakeholder == o.stakeholder && source == o.source && catalogue == o.catalogue;
  }
};

}  // namespace impactchain
