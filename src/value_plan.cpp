// Compiling a model's valuation into a ValuePlan and evaluating it (SROI Guide
// 2012 stage 5 arithmetic; discount factors per discount.hpp).
#include <algorithm>
#include <cmath>
#include <limits>

#include "impactchain/value.hpp"
#include "impactchain/detail/check.hpp"
#include "impactchain/practice.hpp"
#include "value_arith.hpp"

namespace impactchain {

using detail::drop_exponent;
using detail::int_pow;

namespace {

constexpr int kMaxDuration = 300;  // Model::problems bounds durations to (0, 300]
constexpr double kWellbyValue = 13000.0;  // HM Treasury Wellbeing Guidance (2021): GBP per WELLBY, 2019 prices
constexpr int kWellbyYear = 2019;


double price_factor(const Model& m, std::optional<int> year) {
  if (!year || !m.info.price_year || *year == *m.info.price_year) return 1.0;
  const auto& pi = m.valuation.price_index;
  return pi.at(*m.info.price_year) / pi.at(*year);
}

ValuePlan::Ledger build_ledger(const Model& model) {
  ValuePlan::Ledger l;
  const auto& v = model.valuation;
  auto party = [&](const std::string& name) {
    const auto it = std::find(l.parties.begin(), l.parties.end(), name);
    if (it != l.parties.end()) return static_cast<std::size_t>(it - l.parties.begin());
    l.parties.push_back(name);
    l.names.push_back(name);
    l.is_stakeholder.push_back(0);
    l.is_funder.push_back(0);
    return l.parties.size() - 1;
  };
  for (const auto& s : model.stakeholders) {
    const std::size_t p = party(s.id);
    l.is_stakeholder[p] = 1;
    if (!s.name.empty()) l.names[p] = s.name;
  }
  for (const auto& inv : v.investments) {  // a funder named like a stakeholder id is that stakeholder
    const std::size_t p = party(inv.funder);
    l.is_funder[p] = 1;
    l.pays.push_back(p);
  }
  for (const auto& o : v.outcomes) {
    std::vector<std::pair<std::size_t, double>> shares;
    if (!o.beneficiaries.empty())
      for (const auto& [sid, share] : o.beneficiaries) shares.emplace_back(party(sid), share);
    else
      shares.emplace_back(party(o.stakeholder.empty() ? "(none)" : o.stakeholder), 1.0);
    l.gains.push_back(std::move(shares));
  }
  return l;
}

}  // namespace

ValuePlan compile_value(const Model& model, ParameterTable& table, const ValueOptions& options) {
  detail::IssueList issues;
  issues.append(model.problems());
  issues.throw_if_any();
  const auto& v = model.valuation;
  if (!(options.long_duration_years >= 0) || !std::isfinite(options.long_duration_years))
    throw ValidationError("options.long_duration_years", "long_duration_years must be a finite number >= 0, got " +
                                                             detail::num(options.long_duration_years));

  ValuePlan plan;
  plan.options_ = options;
  if (model.info.period_start && model.info.period_end)
    plan.period_ = *model.info.period_end - *model.info.period_start + 1;

  const bool practice = v.defaults == AdjustmentDefaults::practice;
  const bool any_node = std::any_of(v.outcomes.begin(), v.outcomes.end(), [](const auto& o) { return !o.node.empty(); });
  if (any_node) {
    plan.chain_ = model.chain.compile(table, "chain");
    plan.uses_chain_ = true;
  }

  for (std::size_t i = 0; i < v.outcomes.size(); ++i) {
    const auto& o = v.outcomes[i];
    const std::string pre = "outcomes[" + o.id + "]", path = "outcomes[" + std::to_string(i) + "]";
    ValuePlan::OutcomeTerm t;
    t.id = o.id;
    if (!o.node.empty()) t.node = model.chain.index_of(o.node);
    else t.quantity = table.add(pre + ".quantity", *o.quantity);
    if (o.proxy) {
      t.proxy = table.add(pre + ".proxy.value", o.proxy->value);
      t.price_factor = price_factor(model, o.proxy->price_year);
    } else {
      const auto& w = *o.wellbeing;
      t.life_satisfaction = table.add(pre + ".wellbeing.life_satisfaction_change", w.life_satisfaction_change);
      if (w.value_per_wellby) {
        t.proxy = table.add(pre + ".wellbeing.value_per_wellby", *w.value_per_wellby);
        t.price_factor = price_factor(model, w.price_year);
      } else {
        // The default is in 2019 prices; Model::problems (checked above) refuses a
        // model whose price year differs without the index entries to convert it.
        t.proxy = table.add(pre + ".wellbeing.value_per_wellby", Parameter(kWellbyValue));
        t.price_factor = price_factor(model, kWellbyYear);
      }
    }
    // An unstated adjustment is 0, or under `defaults: practice` the practice figure (practice.hpp).
    auto adjustment = [&](const std::optional<Parameter>& given, const char* name) {
      if (given) return *given;
      const practice::Figure* f = practice ? practice::figure(name) : nullptr;
      return f ? practice::default_parameter(*f) : Parameter(0.0);
    };
    t.deadweight = table.add(pre + ".deadweight", adjustment(o.deadweight, "deadweight"));
    t.displacement = table.add(pre + ".displacement", adjustment(o.displacement, "displacement"));
    t.attribution = table.add(pre + ".attribution", adjustment(o.attribution, "attribution"));
    t.drop_off = table.add(pre + ".drop_off", adjustment(o.drop_off, "drop_off"));
    t.duration = table.add(pre + ".duration", o.duration.value_or(Parameter(1.0)));
    // Only a stated leakage takes a slot: a model without one keeps its slots, and its draws.
    if (o.leakage) t.leakage = table.add(pre + ".leakage", *o.leakage);
    t.offset = o.start == OutcomeStart::after ? plan.period_ : 0;
    if (options.adjustments == Adjustments::additive) {
      const double sum = table[t.deadweight].parameter.central() + table[t.displacement].parameter.central() +
                         table[t.attribution].parameter.central() +
                         (t.leakage ? table[*t.leakage].parameter.central() : 0.0);
      if (sum > 1.0)
        issues.add(path, "outcome " + detail::quote(o.id) +
                             ": with additive adjustments deadweight + displacement + attribution" +
                             (t.leakage ? " + leakage" : "") + " = " +
                             detail::num(sum) + " exceeds 1, which would make the impact negative; lower them or use multiplicative adjustments");
    }
    plan.outcomes_.push_back(std::move(t));
  }

  int max_inv_year = 0;
  for (std::size_t i = 0; i < v.investments.size(); ++i) {
    const auto& inv = v.investments[i];
    const std::string pre = "investments[" + std::to_string(i) + "]";
    ValuePlan::InvestmentTerm t;
    if (inv.kind != InvestmentKind::volunteer_time) {
      t.amount = table.add(pre + ".amount", inv.amount);
    } else if (inv.hourly_value) {  // hours valued at the hourly value
      t.amount = table.add(pre + ".hours", *inv.hours);
      t.hourly = table.add(pre + ".hourly_value", *inv.hourly_value);
    } else {  // reported, not counted: no slot, so it changes no draw
      t.valued = false;
    }
    t.year = inv.year;
    t.price_factor = price_factor(model, inv.price_year);
    max_inv_year = std::max(max_inv_year, inv.year);
    plan.investments_.push_back(t);
  }

  plan.ledger_ = build_ledger(model);

  // Discounting: the model's choice, else a documented default by currency.
  if (v.discount) {
    plan.schedule_ = DiscountSchedule::from_model(*v.discount);
    if (v.discount->rate) plan.rate_slot_ = table.add("discount.rate", *v.discount->rate);
  } else if (model.info.currency == "EUR") {
    plan.schedule_ = DiscountSchedule::nl_2021();
  } else if (model.info.currency == "GBP") {
    plan.schedule_ = DiscountSchedule::green_book();
  } else {
    plan.schedule_ = DiscountSchedule::constant(0.035);
  }
  issues.throw_if_any();
  plan.factors_ = plan.schedule_.factors(std::max(plan.period_ + kMaxDuration + 1, max_inv_year + 1));
  plan.slots_ = table.size();
  return plan;
}

double ValuePlan::factor(int t, const double* x) const {
  if (rate_slot_) return int_pow(1.0 + x[*rate_slot_], -t);
  return factors_[static_cast<std::size_t>(t)];
}

double ValuePlan::unit_proxy(std::size_t k, const double* x) const {
  const OutcomeTerm& o = outcomes_[k];
  const double p = o.life_satisfaction ? x[*o.life_satisfaction] * x[o.proxy] : x[o.proxy];
  return p * o.price_factor;
}

bool ValuePlan::add_outcome(std::size_t k, const double* x, const double* qn, double& pv, double& first,
                            FactorMemo& memo) const {
  const OutcomeTerm& o = outcomes_[k];
  const bool additive = options_.adjustments == Adjustments::additive;
  const double qty = o.node ? qn[*o.node] : x[o.quantity];
  const double dw = x[o.deadweight], ds = x[o.displacement], at = x[o.attribution];
  const double lk = o.leakage ? x[*o.leakage] : 0.0;
  const double adj = additive ? 1.0 - dw - ds - at - lk : (1.0 - dw) * (1.0 - ds) * (1.0 - at) * (1.0 - lk);
  if (additive && adj < 0) return false;
  const double impact = qty * unit_proxy(k, x) * adj;
  const double dur = x[o.duration], keep_rate = 1.0 - x[o.drop_off];
  const int n = static_cast<int>(std::ceil(dur));
  int e = drop_exponent(options_.drop_off_start, 1, o.offset + 1, period_);
  double keep = int_pow(keep_rate, e);
  int tau = o.offset + 1 - (options_.discount_first_year ? 0 : 1);
  // Outcomes mostly share their first discounting year: the memo keeps the last factor.
  if (!memo.valid || tau != memo.tau) {
    memo.valid = true;
    memo.tau = tau;
    memo.f = factor(tau, x);
  }
  double f = memo.f;
  const double step = 1.0 / (1.0 + (rate_slot_ ? x[*rate_slot_] : 0.0));
  for (int t = 1; t <= n; ++t) {
    if (t > 1) {
      const int e2 = drop_exponent(options_.drop_off_start, t, o.offset + t, period_);
      if (e2 > e) keep *= keep_rate;
      e = e2;
      ++tau;
      f = rate_slot_ ? f * step : factors_[static_cast<std::size_t>(tau)];
    }
    const double w = std::min(1.0, dur - (t - 1));
    const double value = impact * w * keep;
    if (t == 1) first += value;
    pv += value * f;
  }
  return true;
}

void ValuePlan::investment_totals(const double* x, double& pv, double& total) const {
  pv = 0;
  total = 0;
  for (std::size_t i = 0; i < investments_.size(); ++i) {
    if (!investments_[i].valued) continue;
    const double amount = investment_amount(i, x);
    total += amount;
    pv += options_.discount_investments ? amount * factor(investments_[i].year, x) : amount;
  }
}

bool ValuePlan::ledger_totals(const double* x, double* gains, double* pays, ValueScratch& scratch) const {
  const std::size_t np = ledger_.parties.size();
  std::fill(gains, gains + np, 0.0);
  std::fill(pays, pays + np, 0.0);
  double* qn = nullptr;
  if (uses_chain_) {
    qn = scratch.data(chain_.size());
    chain_.evaluate(x, qn);
  }
  FactorMemo memo;
  for (std::size_t k = 0; k < outcomes_.size(); ++k) {
    double own = 0, first = 0;  // the outcome's present value, in totals()' steps
    if (!add_outcome(k, x, qn, own, first, memo)) {
      std::fill(gains, gains + np, std::numeric_limits<double>::quiet_NaN());
      std::fill(pays, pays + np, std::numeric_limits<double>::quiet_NaN());
      return false;
    }
    for (const auto& [p, share] : ledger_.gains[k]) gains[p] += share * own;
  }
  for (std::size_t i = 0; i < investments_.size(); ++i) {
    if (!investments_[i].valued) continue;
    const double amount = investment_amount(i, x);
    pays[ledger_.pays[i]] += options_.discount_investments ? amount * factor(investments_[i].year, x) : amount;
  }
  return true;
}

void ValuePlan::totals(const double* x, ValueTotals& out, ValueScratch& scratch) const {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  out = ValueTotals{};
  double* qn = nullptr;
  if (uses_chain_) {
    qn = scratch.data(chain_.size());
    chain_.evaluate(x, qn);
  }
  double pv = 0, first = 0;
  FactorMemo memo;
  for (std::size_t k = 0; k < outcomes_.size(); ++k) {
    if (!add_outcome(k, x, qn, pv, first, memo)) {
      out.present_value = out.investment_pv = out.npv = out.sroi_ratio = out.net_sroi = nan;
      out.first_year_impact = out.investment_total = nan;
      out.invalid_outcome = k;
      return;
    }
  }
  double inv_pv, inv_total;
  investment_totals(x, inv_pv, inv_total);
  out.present_value = pv;
  out.investment_pv = inv_pv;
  out.investment_total = inv_total;
  out.first_year_impact = first;
  out.npv = pv - inv_pv;
  out.sroi_ratio = inv_pv != 0 ? pv / inv_pv : nan;
  out.net_sroi = inv_pv != 0 ? out.npv / inv_pv : nan;
}

std::vector<ValueYear> ValuePlan::years(std::size_t k, const double* x, const double* qn) const {
  const OutcomeTerm& o = outcomes_[k];
  const bool additive = options_.adjustments == Adjustments::additive;
  const double qty = o.node ? qn[*o.node] : x[o.quantity];
  const double unit = qty * unit_proxy(k, x);
  const double dw = x[o.deadweight], ds = x[o.displacement], at = x[o.attribution];
  const double lk = o.leakage ? x[*o.leakage] : 0.0;
  const double dur = x[o.duration], keep_rate = 1.0 - x[o.drop_off];
  const int n = static_cast<int>(std::ceil(dur));
  std::vector<ValueYear> rows;
  for (int t = 1; t <= n; ++t) {
    const int c = o.offset + t;
    ValueYear y;
    y.outcome = o.id;
    y.year = c;
    y.gross = unit * std::min(1.0, dur - (t - 1));
    y.after_deadweight = y.gross * (1 - dw);
    y.after_displacement = additive ? y.gross * (1 - dw - ds) : y.after_deadweight * (1 - ds);
    y.after_attribution = additive ? y.gross * (1 - dw - ds - at) : y.after_displacement * (1 - at);
    y.after_leakage = additive ? y.gross * (1 - dw - ds - at - lk) : y.after_attribution * (1 - lk);
    y.after_drop_off = y.after_leakage * std::pow(keep_rate, drop_exponent(options_.drop_off_start, t, c, period_));
    y.discount_factor = factor(options_.discount_first_year ? c : c - 1, x);
    y.discounted = y.after_drop_off * y.discount_factor;
    rows.push_back(std::move(y));
  }
  return rows;
}

}  // namespace impactchain
