// Indicator and Stakeholder: what is measured, and for whom.
#pragma once

#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

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
