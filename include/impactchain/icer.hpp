// Deterministic comparison of strategies: efficiency frontier, ICERs with strong
// (D) and extended (ED) dominance, net monetary benefit and cost per unit of outcome.
//
// Conventions follow dampack's calculate_icers() (DARTH-git/dampack, R/icers.R):
// order by cost (then effect, descending); a strategy that costs at least as much
// as an earlier one and is no more effective is strongly dominated ("D", so equal
// effect at a higher cost is D); extended dominance ("ED") is removed iteratively
// by dropping every frontier strategy whose ICER exceeds the next one's; the first
// frontier strategy has no ICER. Rows come back ND, ED, D, each by cost.
#pragma once

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "impactchain/detail/enum_names.hpp"
#include "impactchain/detail/check.hpp"
#include "impactchain/error.hpp"
#include "impactchain/notice.hpp"

namespace impactchain {

enum class DominanceStatus { ND, ED, D };

template <>
struct EnumSpellings<DominanceStatus> {
  static constexpr const char* field = "status";
  static constexpr std::pair<DominanceStatus, const char*> names[] = {
      {DominanceStatus::ND, "ND"},
      {DominanceStatus::ED, "ED"},
      {DominanceStatus::D, "D"}};
};
inline const char* to_string(DominanceStatus v) { return detail::spelling(v); }

/// One strategy in an ICER table. Incremental values are against the previous
/// non-dominated strategy; empty (None / NA) for the first one and for D/ED rows.
struct IcerRow {
  std::string strategy;
  double cost = 0.0;
  double effect = 0.0;
  std::optional<double> inc_cost;
  std::optional<double> inc_effect;
  std::optional<double> icer;
  DominanceStatus status = DominanceStatus::ND;
  Notice note;  ///< why D/ED (which strategy dominates) or why the ICER is undefined; empty (no code) otherwise
};

struct IcerTable {
  std::vector<IcerRow> rows;          ///< ND rows, then ED, then D; each by cost, then effect desc
  std::vector<Notice> warnings;  ///< ties and other situations the user should know about

  const IcerRow& at(const std::string& strategy) const {
    for (const auto& r : rows)
      if (r.strategy == strategy) return r;
    throw std::invalid_argument("icers: no strategy named '" + strategy + "'");
  }
  /// Names of the frontier (ND) strategies in order of cost.
  std::vector<std::string> frontier() const {
    std::vector<std::string> out;
    for (const auto& r : rows)
      if (r.status == DominanceStatus::ND) out.push_back(r.strategy);
    return out;
  }
};

namespace detail {

inline void check_strategy_inputs(const std::string& what, const std::vector<std::string>& strategies,
                                  const std::vector<double>& costs, const std::vector<double>& effects,
                                  std::size_t min_strategies = 2) {
  IssueList issues;
  if (costs.size() != strategies.size() || effects.size() != strategies.size()) {
    issues.add(what, "strategies, costs and effects must have the same length, got " +
                         std::to_string(strategies.size()) + ", " + std::to_string(costs.size()) + " and " +
                         std::to_string(effects.size()));
    issues.throw_if_any();
  }
  if (strategies.size() < min_strategies)
    issues.add(what, "at least " + std::to_string(min_strategies) + " strategies are needed to compare, got " +
                         std::to_string(strategies.size()));
  std::set<std::string> seen;
  for (std::size_t i = 0; i < strategies.size(); ++i) {
    const std::string p = what + "[" + std::to_string(i) + "] '" + strategies[i] + "'";
    check_non_empty(issues, element(what, i), "strategy name", strategies[i]);
    if (!seen.insert(strategies[i]).second) issues.add(p, "strategy name appears more than once");
    check_finite(issues, p, "cost", costs[i]);
    check_finite(issues, p, "effect", effects[i]);
  }
  issues.throw_if_any();
}

}  // namespace detail

/// ICER table with dominance, dampack's algorithm (R/icers.R, calculate_icers): strong
/// dominance by pairwise scan after sorting by cost asc / effect desc, then iterative
/// removal of extended dominance (ICER_i > ICER_{i+1}) until the ICERs increase.
/// Throws ValidationError for < 2 strategies, unequal lengths, duplicate names or
/// non-finite numbers. Identical cost and effect: the later one (in input order) is D,
/// with a note and a warning naming both.
inline IcerTable icers(const std::vector<std::string>& strategies, const std::vector<double>& costs,
                       const std::vector<double>& effects) {
  detail::check_strategy_inputs("icers", strategies, costs, effects);
  const std::size_t n = strategies.size();
  IcerTable out;

  // Order by cost ascending, effect descending; stable so ties keep input order.
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (costs[a] != costs[b]) return costs[a] < costs[b];
    return effects[a] > effects[b];
  });

  std::vector<DominanceStatus> status(n, DominanceStatus::ND);
  std::vector<Notice> note(n);
  const auto against = [&](std::size_t i) { return text_param("strategy", strategies[i]); };
  // Strong dominance: j after i in that order (so cost_j >= cost_i) with effect_j <= effect_i.
  for (std::size_t a = 0; a + 1 < n; ++a) {
    const std::size_t i = order[a];
    for (std::size_t b = a + 1; b < n; ++b) {
      const std::size_t j = order[b];
      if (effects[j] <= effects[i] && status[j] != DominanceStatus::D) {
        status[j] = DominanceStatus::D;
        if (costs[j] == costs[i] && effects[j] == effects[i]) {
          note[j] = Notice("icer.same_cost_and_effect", {against(i)});
          out.warnings.push_back(Notice("icer.tie", {text_param("strategy", strategies[i]), text_param("strategy_b", strategies[j])}));
        } else if (costs[j] == costs[i]) {
          note[j] = Notice("icer.same_cost_less_effect", {against(i)});
        } else if (effects[j] == effects[i]) {
          note[j] = Notice("icer.same_effect_higher_cost", {against(i)});
        } else {
          note[j] = Notice("icer.dominated", {against(i)});
        }
      }
    }
  }

  // Extended dominance, iterated as in dampack: all kinks of one pass are removed together.
  auto nd_list = [&] {
    std::vector<std::size_t> v;
    for (std::size_t k : order)
      if (status[k] == DominanceStatus::ND) v.push_back(k);
    return v;
  };
  for (;;) {
    const auto nd = nd_list();
    if (nd.size() <= 2) break;
    std::vector<double> r(nd.size(), 0.0);
    for (std::size_t a = 1; a < nd.size(); ++a)
      r[a] = (costs[nd[a]] - costs[nd[a - 1]]) / (effects[nd[a]] - effects[nd[a - 1]]);  // effects strictly increase here
    bool any = false;
    for (std::size_t a = 1; a + 1 < nd.size(); ++a) {
      if (r[a] > r[a + 1]) {
        status[nd[a]] = DominanceStatus::ED;
        // The ICERs to 6 significant digits, as the note has always shown them.
        // Read back with from_chars: std::stod follows the C locale, which may take ',' for the point.
        const auto six = [](double x) {
          const std::string t = detail::num(x, 6);
          double v = x;
          std::from_chars(t.data(), t.data() + t.size(), v);
          return v;
        };
        note[nd[a]] = Notice("icer.extendedly_dominated",
                             {against(nd[a - 1]), real_param("icer", six(r[a])),
                              text_param("strategy_b", strategies[nd[a + 1]]), real_param("icer_b", six(r[a + 1]))});
        any = true;
      }
    }
    if (!any) break;
  }

  const auto nd = nd_list();
  for (std::size_t a = 0; a < nd.size(); ++a) {
    IcerRow row{strategies[nd[a]], costs[nd[a]], effects[nd[a]], {}, {}, {}, DominanceStatus::ND, {}};
    if (a > 0) {
      row.inc_cost = costs[nd[a]] - costs[nd[a - 1]];
      row.inc_effect = effects[nd[a]] - effects[nd[a - 1]];
      if (*row.inc_effect != 0.0)
        row.icer = *row.inc_cost / *row.inc_effect;
      else
        row.note = Notice("icer.zero_effect_difference", {against(nd[a - 1])});
    } else {
      row.note = Notice("icer.reference", {});
    }
    out.rows.push_back(std::move(row));
  }
  for (DominanceStatus s : {DominanceStatus::ED, DominanceStatus::D})
    for (std::size_t k : order)
      if (status[k] == s) out.rows.push_back(IcerRow{strategies[k], costs[k], effects[k], {}, {}, {}, s, note[k]});
  return out;
}

/// Net monetary benefit and cost per unit of outcome for each strategy at one
/// willingness to pay k (money per unit of effect).
struct NetBenefitRow {
  std::string strategy;
  double cost = 0.0;
  double effect = 0.0;
  double nmb = 0.0;                        ///< k·E − C
  std::optional<double> cost_per_effect;   ///< C / E; empty when E <= 0 (see note)
  Notice note;                             ///< why cost_per_effect is empty; empty (no code) otherwise
};

/// NMB = k·E − C (Stinnett & Mullahy 1998); cost per unit of outcome C/E, undefined
/// (empty, with a note) when the effect is zero or negative. Rows in input order.
inline std::vector<NetBenefitRow> net_benefit(const std::vector<std::string>& strategies, const std::vector<double>& costs,
                                              const std::vector<double>& effects, double wtp) {
  detail::check_strategy_inputs("net_benefit", strategies, costs, effects, 1);
  detail::require(detail::check_finite, "net_benefit.wtp", "willingness to pay", wtp);
  std::vector<NetBenefitRow> out;
  for (std::size_t i = 0; i < strategies.size(); ++i) {
    NetBenefitRow r{strategies[i], costs[i], effects[i], wtp * effects[i] - costs[i], {}, {}};
    if (effects[i] > 0.0)
      r.cost_per_effect = costs[i] / effects[i];
    else if (effects[i] == 0.0)
      r.note = Notice("net_benefit.zero_effect", {});
    else
      r.note = Notice("net_benefit.negative_effect", {});
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace impactchain
