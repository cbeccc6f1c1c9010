// A value plan's terms at the central values (central_terms.hpp).
#include "central_terms.hpp"

namespace impactchain::detail {

CentralTerms::CentralTerms(const ValuePlan& p, const std::vector<double>& x0) : plan(&p), qn(p.chain_nodes()) {
  if (p.uses_chain()) p.chain_quantities(x0.data(), qn.data());
  const auto& outs = p.outcome_terms();
  const std::size_t n = outs.size();
  std::vector<double> pv(n, 0.0);
  ok.assign(n, 1);
  for (std::size_t k = 0; k < n; ++k) {
    double first = 0;
    ValuePlan::FactorMemo memo;
    ok[k] = p.add_outcome(k, x0.data(), qn.data(), pv[k], first, memo) ? 1 : 0;
    if (!ok[k]) ++bad;
  }
  pv_before.assign(n + 1, 0.0);
  pv_after.assign(n + 1, 0.0);
  for (std::size_t k = 0; k < n; ++k) pv_before[k + 1] = pv_before[k] + pv[k];
  for (std::size_t k = n; k-- > 0;) pv_after[k] = pv_after[k + 1] + pv[k];
  p.investment_totals(x0.data(), inv_pv0, inv_total);

  // Which term reads each slot: one outcome, one investment, or several (then none).
  scope.assign(x0.size(), Scope{});
  std::vector<char> shared(x0.size(), 0);
  auto mark = [&](std::size_t slot, std::optional<std::size_t> outcome, std::optional<std::size_t> investment) {
    if (slot >= scope.size() || shared[slot]) return;
    if (outcome && scope[slot].outcome == outcome) return;  // the same outcome twice
    if (scope[slot].single()) {
      shared[slot] = 1;
      scope[slot] = Scope{};
      return;
    }
    scope[slot] = Scope{outcome, investment};
  };
  for (std::size_t k = 0; k < n; ++k) {
    const auto& o = outs[k];
    if (!o.node) mark(o.quantity, k, {});
    mark(o.proxy, k, {});
    if (o.life_satisfaction) mark(*o.life_satisfaction, k, {});
    for (std::size_t sl : {o.deadweight, o.displacement, o.attribution, o.drop_off, o.duration}) mark(sl, k, {});
    if (o.leakage) mark(*o.leakage, k, {});
  }
  const auto& invs = p.investment_terms();
  for (std::size_t i = 0; i < invs.size(); ++i) {
    if (!invs[i].valued) continue;
    mark(invs[i].amount, {}, i);
    if (invs[i].hourly) mark(*invs[i].hourly, {}, i);
  }
  if (const auto r = p.discount_rate_slot(); r && *r < scope.size()) {
    scope[*r] = Scope{};  // every outcome's discounting
    shared[*r] = 1;
  }
}

CentralTerms::Totals CentralTerms::one_term(const double* x, std::size_t slot) const {
  const Scope& s = scope[slot];
  Totals t;
  if (s.outcome) {
    const std::size_t k = *s.outcome;
    double first = 0;
    ValuePlan::FactorMemo memo;
    t.pv = pv_rest(k);
    t.ok = rest_ok(k) && plan->add_outcome(k, x, qn.data(), t.pv, first, memo);
    t.inv_pv = inv_pv0;
  } else {
    double total = 0;
    plan->investment_totals(x, t.inv_pv, total);
    t.pv = pv_before.back();
    t.ok = bad == 0;
  }
  return t;
}

}  // namespace impactchain::detail
