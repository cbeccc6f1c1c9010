// Switching values: grid scan for a sign change of SROI − 1, refined with
// TOMS 748 (Alefeld, Potra & Shi 1995; boost::math::tools::toms748_solve).
#include "impactchain/switching.hpp"

#include "impactchain/error.hpp"
#include "impactchain/detail/parallel.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

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

/// What every slot's search shares, computed once in O(outcomes + slots): the
/// node quantities and each outcome's present value at the central values, and
/// the term that reads each slot. A slot's search then re-evaluates only that
/// term, so all switching values together take time linear in the model size.
struct SearchContext {
  std::vector<double> qn;                   // node quantities at x0
  std::vector<double> pv_before, pv_after;  // sum of outcome PVs before / after outcome k (x0)
  std::vector<char> ok;                     // outcome k is valid at x0
  std::size_t bad = 0;                      // outcomes not valid at x0
  double inv_pv0 = 0, inv_total = 0;
  std::vector<Scope> scope;                 // per slot

  SearchContext(const ValuePlan& plan, const std::vector<double>& x0) : qn(plan.chain_nodes()) {
    if (plan.uses_chain()) plan.chain_quantities(x0.data(), qn.data());
    const auto& outs = plan.outcome_terms();
    const std::size_t n = outs.size();
    std::vector<double> pv(n, 0.0);
    ok.assign(n, 1);
    for (std::size_t k = 0; k < n; ++k) {
      double first = 0;
      ValuePlan::FactorMemo memo;
      ok[k] = plan.add_outcome(k, x0.data(), qn.data(), pv[k], first, memo) ? 1 : 0;
      if (!ok[k]) ++bad;
    }
    pv_before.assign(n + 1, 0.0);
    pv_after.assign(n + 1, 0.0);
    for (std::size_t k = 0; k < n; ++k) pv_before[k + 1] = pv_before[k] + pv[k];
    for (std::size_t k = n; k-- > 0;) pv_after[k] = pv_after[k + 1] + pv[k];
    plan.investment_totals(x0.data(), inv_pv0, inv_total);

    // Which term reads each slot: one outcome, one investment, or several (then none).
    scope.assign(x0.size(), Scope{});
    std::vector<char> shared(x0.size(), 0);
    auto mark_outcome = [&](std::size_t slot, std::size_t k) {
      if (slot >= scope.size() || shared[slot]) return;
      if (scope[slot].outcome && *scope[slot].outcome == k) return;  // the same outcome twice
      if (scope[slot].outcome || scope[slot].investment) {
        shared[slot] = 1;
        scope[slot] = Scope{};
        return;
      }
      scope[slot].outcome = k;
    };
    for (std::size_t k = 0; k < n; ++k) {
      const auto& o = outs[k];
      if (!o.node) mark_outcome(o.quantity, k);
      mark_outcome(o.proxy, k);
      if (o.life_satisfaction) mark_outcome(*o.life_satisfaction, k);
      for (std::size_t sl : {o.deadweight, o.displacement, o.attribution, o.drop_off, o.duration}) mark_outcome(sl, k);
    }
    const auto& invs = plan.investment_terms();
    for (std::size_t i = 0; i < invs.size(); ++i) {
      const std::size_t slot = invs[i].amount;
      if (slot >= scope.size() || shared[slot]) continue;
      if (scope[slot].outcome || scope[slot].investment) {
        shared[slot] = 1;
        scope[slot] = Scope{};
        continue;
      }
      scope[slot].investment = i;
    }
    if (const auto r = plan.discount_rate_slot(); r && *r < scope.size()) {
      scope[*r] = Scope{};  // every outcome's discounting
      shared[*r] = 1;
    }
  }
  double pv_rest(std::size_t k) const { return pv_before[k] + pv_after[k + 1]; }
  bool rest_ok(std::size_t k) const { return bad == (ok[k] ? 0u : 1u); }
};

struct Found {
  std::optional<double> value;
  std::string note;  // why value is empty
};

std::string range_text(double lo, double hi) {
  auto b = [](double v) { return std::isinf(v) ? std::string(v > 0 ? "inf" : "-inf") : detail::num(v); };
  return "[" + b(lo) + ", " + b(hi) + "]";
}

/// x holds the central values on entry and on return (only x[slot] moves while searching):
/// one vector per worker, so a search costs no copy of every slot.
Found search(const ValuePlan& plan, const SearchContext& ctx, std::vector<double>& x, std::size_t slot, double lo,
             double hi);

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
  const SearchContext ctx(plan, x0);
  std::vector<double> x = x0;
  return search(plan, ctx, x, slot, lo, hi).value;
}

namespace {

Found search(const ValuePlan& plan, const SearchContext& ctx, std::vector<double>& x, std::size_t slot, double lo,
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
  // A slot read by one outcome or one investment changes only that term: the
  // others are summed once at x0 (the same steps as ValuePlan::totals, added in
  // another order, so g may differ from a full evaluation in the last bits).
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double>& qn = ctx.qn;
  double pv_rest = 0;
  bool rest_ok = true;
  const double inv_pv0 = ctx.inv_pv0;
  double inv_total = ctx.inv_total;
  if (scope.outcome) {
    pv_rest = ctx.pv_rest(*scope.outcome);
    rest_ok = ctx.rest_ok(*scope.outcome);
  } else if (scope.investment) {
    pv_rest = ctx.pv_before.back();
    rest_ok = ctx.bad == 0;
  }
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
  Found none;
  if (plan.investment_terms().empty()) {
    none.note = "none in range: the SROI ratio is not defined without an investment";
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
    none.note = any_defined ? "none in range: the SROI ratio does not reach 1 for any value in " + range_text(lo, hi)
                            : "none in range: the SROI ratio is not defined for any value in " + range_text(lo, hi);
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
  none.note = "none in range: the SROI ratio crosses 1 between " + detail::num(grid[i]) + " and " +
              detail::num(grid[i + 1]) + " but is not defined at every value there, so the crossing cannot be located";
  return none;
}

}  // namespace

std::vector<SwitchingValue> switching_values(const ValuePlan& plan, const ParameterTable& table, unsigned threads,
                                             const CancelHook& cancelled) {
  if (table.size() != plan.parameters())
    throw std::invalid_argument("switching_values: the table has " + std::to_string(table.size()) +
                                " slots but the plan was compiled with " + std::to_string(plan.parameters()));
  if (threads > 1024)
    throw ValidationError("threads", "must be in [0, 1024] (0 = all hardware threads), got " + std::to_string(threads));
  const auto x = table.centrals();
  const SearchContext ctx(plan, x);
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
