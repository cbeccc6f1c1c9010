// Switching values: grid scan for a sign change of SROI − 1, refined with
// TOMS 748 (Alefeld, Potra & Shi 1995; boost::math::tools::toms748_solve).
#include "impactchain/switching.hpp"

#include "impactchain/detail/check.hpp"
#include "impactchain/error.hpp"
#include "impactchain/detail/parallel.hpp"
#include "central_terms.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <boost/math/tools/roots.hpp>

namespace impactchain {

namespace {

using detail::CentralTerms;
using detail::Scope;

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kTinyDuration = 1e-9;  // durations are > 0

struct Found {
  std::optional<double> value;
  Notice note;  // why value is empty
};

/// x holds the central values on entry and on return (only x[slot] moves while searching):
/// one vector per worker, so a search costs no copy of every slot.
Found search(const ValuePlan& plan, const CentralTerms& ctx, std::vector<double>& x, std::size_t slot, double lo,
             double hi);

}  // namespace

std::pair<double, double> natural_domain(const std::string& name) {
  for (const char* s : {".deadweight", ".displacement", ".attribution", ".leakage", ".drop_off", ".rate"})
    if (ends_with(name, s)) return {0.0, 1.0};
  if (ends_with(name, ".duration")) return {kTinyDuration, 300.0};
  for (const char* s : {".quantity", ".amount", ".hours", ".hourly_value", ".value_per_wellby"})
    if (ends_with(name, s)) return {0.0, kInf};
  if (ends_with(name, ".life_satisfaction_change")) return {-10.0, 10.0};
  return {-kInf, kInf};
}

std::optional<double> switching_value(const ValuePlan& plan, const std::vector<double>& x0, std::size_t slot,
                                      double lo, double hi) {
  if (slot >= x0.size()) throw std::invalid_argument("switching_value: slot " + std::to_string(slot) + " out of range");
  const CentralTerms ctx(plan, x0);
  std::vector<double> x = x0;
  return search(plan, ctx, x, slot, lo, hi).value;
}

namespace {

Found search(const ValuePlan& plan, const CentralTerms& ctx, std::vector<double>& x, std::size_t slot, double lo,
             double hi) {
  const double central = x[slot];
  struct Restore {
    std::vector<double>& x;
    std::size_t slot;
    double v;
    ~Restore() { x[slot] = v; }
  } restore{x, slot, central};
  const Scope scope = ctx.scope[slot];
  // g(v) = SROI(v) − 1, NaN where the ratio is undefined (no investment, invalid additive draw).
  // A slot read by one outcome or one investment changes only that term
  // (CentralTerms::one_term): the others were summed once at x0.
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double>& qn = ctx.qn;
  const double inv_pv0 = ctx.inv_pv0;
  const double pv_rest = scope.outcome ? ctx.pv_rest(*scope.outcome) : 0.0;
  const bool rest_ok = scope.outcome ? ctx.rest_ok(*scope.outcome) : true;
  // The duration of one outcome: its value for any duration from the per-year
  // values at the longest one (prefix sums; a fractional last year counts its
  // share), instead of a year loop per grid point.
  std::vector<double> year_value, prefix;
  const bool by_years = scope.outcome && plan.outcome_terms()[*scope.outcome].duration == slot && rest_ok;
  bool outcome_ok = true;
  if (by_years) {
    x[slot] = natural_domain(".duration").second;  // an integer: every year whole
    double pv = 0, f1 = 0;
    ValuePlan::FactorMemo memo;
    outcome_ok = plan.add_outcome(*scope.outcome, x.data(), qn.data(), pv, f1, memo);
    prefix.push_back(0.0);
    for (const auto& row : plan.years(*scope.outcome, x.data(), qn.data())) {
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
    if (scope.single()) {
      const auto t1 = ctx.one_term(x.data(), slot);
      return t1.ok && t1.inv_pv != 0 ? t1.pv / t1.inv_pv - 1.0 : nan;
    }
    plan.totals(x.data(), t, scratch);
    return t.ok() ? t.sroi_ratio - 1.0 : nan;
  };
  Found none;
  if (plan.investment_terms().empty()) {
    none.note = Notice("switching.no_investment", {});
    return none;
  }
  const double c = std::min(std::max(central, lo), hi);
  const double gc = g(c);
  if (gc == 0) return Found{c, {}};

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
  bool any_defined = false;
  for (std::size_t i = 0; i < grid.size(); ++i) {
    gv[i] = g(grid[i]);
    any_defined = any_defined || std::isfinite(gv[i]);
  }

  // The bracket nearest to the central value.
  std::optional<std::pair<std::size_t, double>> best;
  for (std::size_t i = 0; i + 1 < grid.size(); ++i) {
    const double ga = gv[i], gb = gv[i + 1];
    if (!std::isfinite(ga) || !std::isfinite(gb)) continue;
    if (!((ga <= 0 && gb >= 0) || (ga >= 0 && gb <= 0))) continue;
    if (ga == 0 && gb == 0) continue;
    const double dist = c < grid[i] ? grid[i] - c : (c > grid[i + 1] ? c - grid[i + 1] : 0.0);
    if (!best || dist < best->second) best = std::make_pair(i, dist);
  }
  if (!best) {
    none.note = Notice(any_defined ? "switching.not_reached" : "switching.not_defined",
                       {real_param("low", lo), real_param("high", hi)});
    return none;
  }
  const std::size_t i = best->first;
  if (gv[i] == 0) return Found{grid[i], {}};
  if (gv[i + 1] == 0) return Found{grid[i + 1], {}};
  boost::uintmax_t iters = 200;
  try {
    const auto root = boost::math::tools::toms748_solve(g, grid[i], grid[i + 1], gv[i], gv[i + 1],
                                                        boost::math::tools::eps_tolerance<double>(52), iters);
    const double r = 0.5 * (root.first + root.second);
    if (std::isfinite(r)) return Found{r, {}};
  } catch (const std::exception&) {
    // reported below
  }
  none.note = Notice("switching.not_located", {real_param("low", grid[i]), real_param("high", grid[i + 1])});
  return none;
}

}  // namespace

std::vector<SwitchingValue> switching_values(const ValuePlan& plan, const ParameterTable& table, unsigned threads,
                                             const CancelHook& cancelled) {
  if (table.size() != plan.parameters())
    throw std::invalid_argument("switching_values: the table has " + std::to_string(table.size()) +
                                " slots but the plan was compiled with " + std::to_string(plan.parameters()));
  detail::require(detail::check_threads, "threads", threads);
  const auto x = table.centrals();
  const CentralTerms ctx(plan, x);
  std::vector<SwitchingValue> out(table.size());
  const unsigned workers = std::max(1u, std::min<unsigned>(detail::resolve_threads(threads),
                                                           static_cast<unsigned>(std::max<std::size_t>(table.size(), 1))));
  std::vector<std::vector<double>> xs(workers, x);  // one vector of central values per worker
  detail::parallel_items(table.size(), workers, [&](unsigned w, std::size_t i) {
    SwitchingValue& sv = out[i];
    sv.name = table[i].name;
    sv.central = x[i];
    std::tie(sv.domain_low, sv.domain_high) = natural_domain(sv.name);
    Found f = search(plan, ctx, xs[w], i, sv.domain_low, sv.domain_high);
    sv.value = f.value;
    sv.note = std::move(f.note);
  }, &cancelled);
  return out;
}

}  // namespace impactchain
