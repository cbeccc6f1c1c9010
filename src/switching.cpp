// Switching values: grid scan for a sign change of SROI − 1, refined with
// TOMS 748 (Alefeld, Potra & Shi 1995; boost::math::tools::toms748_solve).
#include "impactchain/switching.hpp"

#include "impactchain/error.hpp"
#include "impactchain/detail/parallel.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <boost/math/tools/roots.hpp>

namespace impactchain {

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kTinyDuration = 1e-9;  // durations are > 0

/// The one term of the plan that reads a slot, when there is one.
struct Scope {
  std::optional<std::size_t> outcome, investment;
};

Scope scope_of(const ValuePlan& plan, std::size_t slot) {
  Scope s;
  if (plan.discount_rate_slot() == slot) return s;  // every outcome's discounting
  const auto& outs = plan.outcome_terms();
  for (std::size_t k = 0; k < outs.size(); ++k) {
    const auto& o = outs[k];
    const bool mine = (!o.node && o.quantity == slot) || o.proxy == slot || o.life_satisfaction == slot ||
                      o.deadweight == slot || o.displacement == slot || o.attribution == slot ||
                      o.drop_off == slot || o.duration == slot;
    if (mine) {
      if (s.outcome) return Scope{};  // read by more than one outcome
      s.outcome = k;
    }
  }
  const auto& invs = plan.investment_terms();
  for (std::size_t i = 0; i < invs.size(); ++i)
    if (invs[i].amount == slot) {
      if (s.outcome || s.investment) return Scope{};
      s.investment = i;
    }
  return s;
}

}  // namespace

std::pair<double, double> natural_domain(const std::string& name) {
  for (const char* s : {".deadweight", ".displacement", ".attribution", ".drop_off", ".rate"})
    if (ends_with(name, s)) return {0.0, 1.0};
  if (ends_with(name, ".duration")) return {kTinyDuration, 300.0};
  for (const char* s : {".quantity", ".amount", ".value_per_wellby"})
    if (ends_with(name, s)) return {0.0, kInf};
  if (ends_with(name, ".life_satisfaction_change")) return {-10.0, 10.0};
  return {-kInf, kInf};
}

std::optional<double> switching_value(const ValuePlan& plan, const std::vector<double>& x0, std::size_t slot,
                                      double lo, double hi) {
  if (slot >= x0.size()) throw std::invalid_argument("switching_value: slot " + std::to_string(slot) + " out of range");
  std::vector<double> x = x0;
  const Scope scope = scope_of(plan, slot);
  // g(v) = SROI(v) − 1, NaN where the ratio is undefined (no investment, invalid additive draw).
  // A slot read by one outcome or one investment changes only that term: the
  // others are summed once at x0 (the same steps as ValuePlan::totals, added in
  // another order, so g may differ from a full evaluation in the last bits).
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> qn(plan.chain_nodes());
  if (plan.uses_chain()) plan.chain_quantities(x0.data(), qn.data());
  double pv_rest = 0, first = 0, inv_pv0 = 0, inv_total = 0;
  bool rest_ok = true;
  if (scope.outcome || scope.investment) {
    ValuePlan::FactorMemo memo;
    for (std::size_t k = 0; k < plan.outcome_terms().size() && rest_ok; ++k)
      if (!scope.outcome || k != *scope.outcome) rest_ok = plan.add_outcome(k, x0.data(), qn.data(), pv_rest, first, memo);
    plan.investment_totals(x0.data(), inv_pv0, inv_total);
  }
  // The duration of one outcome: its value for any duration from the per-year
  // values at the longest one (prefix sums; a fractional last year counts its
  // share), instead of a year loop per grid point.
  std::vector<double> year_value, prefix;
  const bool by_years = scope.outcome && plan.outcome_terms()[*scope.outcome].duration == slot && rest_ok;
  bool outcome_ok = true;
  if (by_years) {
    std::vector<double> xh = x0;
    xh[slot] = natural_domain(".duration").second;  // an integer: every year whole
    double pv = 0, f1 = 0;
    ValuePlan::FactorMemo memo;
    outcome_ok = plan.add_outcome(*scope.outcome, xh.data(), qn.data(), pv, f1, memo);
    prefix.push_back(0.0);
    for (const auto& row : plan.years(*scope.outcome, xh.data(), qn.data())) {
      year_value.push_back(row.discounted);
      prefix.push_back(prefix.back() + row.discounted);
    }
  }
  ValueScratch scratch(plan.chain_nodes());
  ValueTotals t;
  auto g = [&](double v) {
    x[slot] = v;
    if (by_years) {
      if (!outcome_ok || !(v <= static_cast<double>(year_value.size()))) return nan;
      const double n = v > 0 ? std::ceil(v) : 0.0;  // years with a value
      const auto whole = static_cast<std::size_t>(n > 0 ? n - 1 : 0);
      const double pv = pv_rest + prefix[whole] + (n > 0 ? std::min(1.0, v - (n - 1)) * year_value[whole] : 0.0);
      return inv_pv0 != 0 ? pv / inv_pv0 - 1.0 : nan;
    }
    if (scope.outcome) {
      double pv = pv_rest, f1 = 0;
      ValuePlan::FactorMemo memo;
      if (!rest_ok || !plan.add_outcome(*scope.outcome, x.data(), qn.data(), pv, f1, memo)) return nan;
      return inv_pv0 != 0 ? pv / inv_pv0 - 1.0 : nan;
    }
    if (scope.investment) {
      double inv_pv = 0;
      plan.investment_totals(x.data(), inv_pv, inv_total);
      return rest_ok && inv_pv != 0 ? pv_rest / inv_pv - 1.0 : nan;
    }
    plan.totals(x.data(), t, scratch);
    return t.ok() ? t.sroi_ratio - 1.0 : nan;
  };
  const double c = std::min(std::max(x0[slot], lo), hi);
  const double gc = g(c);
  if (gc == 0) return c;

  // Grid: linear over the finite part around the central value, geometric on an unbounded side.
  std::vector<double> grid{c};
  const double s = std::max(std::abs(c), 1.0);
  const double a = std::isfinite(lo) ? lo : c - s, b = std::isfinite(hi) ? hi : c + s;
  constexpr int kLinear = 600;
  for (int i = 0; i <= kLinear; ++i) grid.push_back(a + (b - a) * i / kLinear);
  for (int k = 1; k <= 80; ++k) {
    const double step = s * std::ldexp(1.0, k);
    if (!std::isfinite(hi)) grid.push_back(c + step);
    if (!std::isfinite(lo)) grid.push_back(c - step);
  }
  std::sort(grid.begin(), grid.end());
  grid.erase(std::unique(grid.begin(), grid.end()), grid.end());
  std::vector<double> gv(grid.size());
  for (std::size_t i = 0; i < grid.size(); ++i) gv[i] = g(grid[i]);

  // The bracket nearest to the central value.
  std::optional<std::pair<std::size_t, double>> best;
  for (std::size_t i = 0; i + 1 < grid.size(); ++i) {
    const double ga = gv[i], gb = gv[i + 1];
    if (std::isnan(ga) || std::isnan(gb)) continue;
    if (!((ga <= 0 && gb >= 0) || (ga >= 0 && gb <= 0))) continue;
    if (ga == 0 && gb == 0) continue;
    const double dist = c < grid[i] ? grid[i] - c : (c > grid[i + 1] ? c - grid[i + 1] : 0.0);
    if (!best || dist < best->second) best = std::make_pair(i, dist);
  }
  if (!best) return std::nullopt;
  const std::size_t i = best->first;
  if (gv[i] == 0) return grid[i];
  if (gv[i + 1] == 0) return grid[i + 1];
  boost::uintmax_t iters = 200;
  const auto root = boost::math::tools::toms748_solve(g, grid[i], grid[i + 1], gv[i], gv[i + 1],
                                                      boost::math::tools::eps_tolerance<double>(52), iters);
  return 0.5 * (root.first + root.second);
}

std::vector<SwitchingValue> switching_values(const ValuePlan& plan, const ParameterTable& table, unsigned threads) {
  if (table.size() != plan.parameters())
    throw std::invalid_argument("switching_values: the table has " + std::to_string(table.size()) +
                                " slots but the plan was compiled with " + std::to_string(plan.parameters()));
  if (threads > 1024)
    throw ValidationError("threads", "must be in [0, 1024] (0 = all hardware threads), got " + std::to_string(threads));
  const auto x = table.centrals();
  std::vector<SwitchingValue> out(table.size());
  detail::parallel_items(table.size(), detail::resolve_threads(threads), [&](unsigned, std::size_t i) {
    SwitchingValue& sv = out[i];
    sv.name = table[i].name;
    sv.central = x[i];
    std::tie(sv.domain_low, sv.domain_high) = natural_domain(sv.name);
    sv.value = switching_value(plan, x, i, sv.domain_low, sv.domain_high);
  });
  return out;
}

}  // namespace impactchain
