// The deterministic monetised-value result: tables, warnings, assumptions and
// switching values around ValuePlan (value_plan.cpp).
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "impactchain/switching.hpp"
#include "impactchain/detail/check.hpp"
#include "impactchain/value.hpp"

namespace impactchain {

namespace {


bool all_zero_or_absent(const std::optional<Parameter>& p) { return !p || p->central() == 0.0; }

std::string join(const std::vector<std::string>& xs) {
  std::string s;
  for (const auto& x : xs) s += (s.empty() ? "" : ", ") + x;
  return s;
}

/// Refuses totals that are not finite numbers (a value beyond the range of
/// double), naming the outcomes or investments whose own value overflows.
void check_finite(const ValueResult& r, const ValueTotals& tot, const Model& model, const ValuePlan& plan,
                  const std::vector<double>& x) {
  std::vector<std::string> bad;
  for (const auto& ov : r.outcomes)
    if (!std::isfinite(ov.present_value) || !std::isfinite(ov.undiscounted) || !std::isfinite(ov.impact))
      bad.push_back(detail::quote(ov.id));
  if (!bad.empty())
    throw ValidationError("outcomes", "the value of outcome " + join(bad) +
                                          " is not a finite number (it exceeds the range of floating point); "
                                          "check the quantity, proxy value and duration");
  if (!std::isfinite(tot.present_value) || !std::isfinite(tot.first_year_impact))
    throw ValidationError("outcomes", "the present value of all outcomes together is not a finite number (the sum "
                                      "exceeds the range of floating point); check the largest quantities and proxies");
  const auto& inv = plan.investment_terms();
  for (std::size_t i = 0; i < inv.size(); ++i)
    if (!std::isfinite(x[inv[i].amount] * inv[i].price_factor))
      bad.push_back("investments[" + std::to_string(i) + "] (" + detail::quote(model.valuation.investments[i].funder) + ")");
  if (!bad.empty())
    throw ValidationError("investments", "the amount of " + join(bad) +
                                             " is not a finite number after price indexing; check the amount");
  if (!std::isfinite(tot.investment_pv) || !std::isfinite(tot.investment_total))
    throw ValidationError("investments", "the investments together are not a finite number (the sum exceeds the "
                                         "range of floating point); check the amounts");
  if (!std::isfinite(tot.npv))
    throw ValidationError("outcomes", "the net present value (present value - investment) is not a finite number "
                                      "(it exceeds the range of floating point)");
}

}  // namespace

ValueResult value(const Model& model, const ValueOptions& options, const CancelHook& cancelled) {
  ParameterTable table;
  const ValuePlan plan = compile_value(model, table, options);
  const auto x = table.centrals();
  ValueScratch scratch(plan.chain_nodes());
  ValueTotals tot;
  plan.totals(x.data(), tot, scratch);  // valid: compile_value refuses additive sums > 1 at central values

  const auto& v = model.valuation;
  ValueResult r;
  r.options = options;
  r.currency = model.info.currency;
  r.price_year = model.info.price_year.value_or(0);
  r.period_years = plan.period_years();
  r.present_value = tot.present_value;
  r.investment = tot.investment_total;
  r.investment_pv = tot.investment_pv;
  r.npv = tot.npv;
  r.payback_method =
      "simple (SROI Guide 2012): total investment, undiscounted / (first-year impact of all outcomes after "
      "adjustments, undiscounted / 12)";

  // Node quantities at central values, for outcomes that take them from the chain.
  std::vector<double> qn(plan.chain_nodes());
  if (plan.uses_chain()) plan.chain_quantities(x.data(), qn.data());

  // Per outcome and per year.
  std::vector<std::string> order_stakeholders;
  std::map<std::string, StakeholderValue> by_sh;
  const auto& terms = plan.outcome_terms();
  for (std::size_t k = 0; k < v.outcomes.size(); ++k) {
    const auto& o = v.outcomes[k];
    const auto& t = terms[k];
    OutcomeValue ov;
    ov.id = o.id;
    ov.name = o.name;
    ov.stakeholder = o.stakeholder;
    ov.node = o.node;
    ov.valuation = o.wellbeing ? "wellby" : "proxy";
    ov.quantity = t.node ? qn[*t.node] : x[t.quantity];
    ov.unit_proxy = plan.unit_proxy(k, x.data());
    ov.proxy_source = o.proxy ? o.proxy->source
                              : (o.wellbeing->value_per_wellby ? o.wellbeing->source
                                                               : "HM Treasury Wellbeing Guidance for Appraisal (2021)");
    ov.deadweight = x[t.deadweight];
    ov.displacement = x[t.displacement];
    ov.attribution = x[t.attribution];
    ov.drop_off = x[t.drop_off];
    ov.duration = x[t.duration];
    ov.first_year = t.offset + 1;
    auto rows = plan.years(k, x.data(), qn.data());
    const std::string sh = o.stakeholder.empty() ? "(none)" : o.stakeholder;
    for (auto& row : rows) {
      row.stakeholder = sh;
      ov.undiscounted += row.after_drop_off;
      ov.present_value += row.discounted;
    }
    ov.impact = ov.quantity * ov.unit_proxy *
                (options.adjustments == Adjustments::additive
                     ? 1 - ov.deadweight - ov.displacement - ov.attribution
                     : (1 - ov.deadweight) * (1 - ov.displacement) * (1 - ov.attribution));
    ov.negative = ov.present_value < 0;
    if (!by_sh.count(sh)) order_stakeholders.push_back(sh), by_sh[sh].stakeholder = sh;
    by_sh[sh].undiscounted += ov.undiscounted;
    by_sh[sh].present_value += ov.present_value;
    r.yearly.insert(r.yearly.end(), rows.begin(), rows.end());
    r.outcomes.push_back(std::move(ov));
  }
  check_finite(r, tot, model, plan, x);

  // Ratios only where they mean something: an investment of ~0 gives a ratio of
  // any size, which is not computed (a warning below says why).
  const bool tiny_investment =
      tot.investment_pv != 0 && (tot.investment_pv < kMinInvestmentForRatio ||
                                 tot.investment_pv < kMinInvestmentShare * std::abs(tot.present_value));
  if (v.investments.empty()) {
    r.sroi_note = "not defined: no investments";
  } else if (tot.investment_pv == 0) {
    r.sroi_note = "not defined: the investment is 0";
  } else if (tiny_investment) {
    r.sroi_note = "not computed: investment is ~0";
  } else {
    r.sroi_ratio = tot.sroi_ratio;
    r.net_sroi = tot.net_sroi;
  }
  bool payback_overflow = false;
  if (tot.investment_total > 0 && tot.first_year_impact > 0) {
    const double months = tot.investment_total / (tot.first_year_impact / 12.0);
    if (std::isfinite(months)) r.payback_months = months;
    else payback_overflow = true;
  }
  for (const auto& sh : order_stakeholders) {
    auto s = by_sh[sh];
    s.share = r.present_value != 0 ? s.present_value / r.present_value : std::numeric_limits<double>::quiet_NaN();
    r.by_stakeholder.push_back(s);
  }

  // Per funder.
  std::vector<std::string> order_funders;
  std::map<std::string, FunderValue> by_f;
  const auto& inv_terms = plan.investment_terms();
  for (std::size_t i = 0; i < v.investments.size(); ++i) {
    const auto& it = inv_terms[i];
    const double amount = x[it.amount] * it.price_factor;
    const std::string& f = v.investments[i].funder;
    if (!by_f.count(f)) order_funders.push_back(f), by_f[f].funder = f;
    by_f[f].amount += amount;
    by_f[f].present_value += options.discount_investments ? amount * plan.factor(it.year, x.data()) : amount;
  }
  for (const auto& f : order_funders) {
    auto fv = by_f[f];
    fv.share = r.investment_pv != 0 ? fv.present_value / r.investment_pv : std::numeric_limits<double>::quiet_NaN();
    r.by_funder.push_back(fv);
  }

  // Assumptions: every default filled in, and every conversion made.
  auto& as = r.assumptions;
  const auto& d = plan.discount();
  r.discount = d.describe();  // a constant `rate` Parameter: its central value
  if (v.discount) {
    as.push_back("discount: " + (v.discount->rate ? "constant " + detail::num(v.discount->rate->central() * 100) + " %"
                                                  : d.describe()));
  } else {
    const std::string why = model.info.currency == "EUR"   ? "the model currency is EUR (Dutch MKBA standard rate)"
                            : model.info.currency == "GBP" ? "the model currency is GBP (HM Treasury Green Book 2022)"
                                                           : "no discount section was given";
    as.push_back("discount: not given; using " + d.describe() + " because " + why);
  }
  as.push_back(options.discount_first_year
                   ? "discounting: year-1 values are discounted once (discount_first_year = true)"
                   : "discounting: year-1 values are not discounted (discount_first_year = false)");
  as.push_back(options.discount_investments
                   ? "investments: an amount in year y (0 = start of the activity period) is discounted by D_y"
                   : "investments: not discounted; PV(investment) is the sum of the amounts (discount_investments = false)");
  as.push_back(std::string("adjustments: ") +
               (options.adjustments == Adjustments::multiplicative ? "multiplicative (1-DW)(1-DS)(1-AT)"
                                                                   : "additive 1-DW-DS-AT"));
  as.push_back(std::string("drop-off: ") + (options.drop_off_start == DropOffStart::second_year
                                                 ? "from each outcome's second year"
                                                 : "from the first year after the activity period"));
  const bool uses_period = options.drop_off_start == DropOffStart::after_period ||
                           std::any_of(v.outcomes.begin(), v.outcomes.end(),
                                       [](const auto& o) { return o.start == OutcomeStart::after; });
  if (uses_period && !(model.info.period_start && model.info.period_end))
    as.push_back("activity period: not given, taken as 1 year");
  for (std::size_t k = 0; k < v.outcomes.size(); ++k) {
    const auto& o = v.outcomes[k];
    const std::string who = "outcome " + detail::quote(o.id) + ": ";
    if (!o.deadweight) as.push_back(who + "deadweight not given, taken as 0");
    if (!o.displacement) as.push_back(who + "displacement not given, taken as 0");
    if (!o.attribution) as.push_back(who + "attribution not given, taken as 0");
    if (!o.drop_off) as.push_back(who + "drop_off not given, taken as 0");
    if (!o.duration) as.push_back(who + "duration not given, taken as 1 year");
    const std::optional<int> py = o.proxy ? o.proxy->price_year
                                  : o.wellbeing->value_per_wellby ? o.wellbeing->price_year
                                                                  : std::optional<int>(2019);
    if ((o.proxy || o.wellbeing->value_per_wellby) && !py)
      as.push_back(who + "price year of the value not given, taken as the model's " + std::to_string(r.price_year));
    if (terms[k].price_factor != 1.0)
      as.push_back(who + "value in " + std::to_string(*py) + " prices brought to " + std::to_string(r.price_year) +
                   " prices: x index[" + std::to_string(r.price_year) + "] / index[" + std::to_string(*py) + "] = " +
                   detail::num(terms[k].price_factor));
    if (o.wellbeing) {
      const auto& w = *o.wellbeing;
      const double ls = x[*terms[k].life_satisfaction], per = x[terms[k].proxy];
      std::string s = who + "wellbeing valuation (a proxy, not a market price): " + detail::num(ls) +
                      " points of life satisfaction x " + detail::num(per) + " per WELLBY = " + detail::num(ls * per) +
                      " per person per year";
      if (!w.value_per_wellby)
        s += "; value per WELLBY GBP 13,000 (2019 prices) from HM Treasury Wellbeing Guidance for Appraisal (2021), "
             "published range GBP 10,000-16,000 (give value_per_wellby as a distribution to use the range)";
      as.push_back(s);
    }
  }
  for (std::size_t i = 0; i < v.investments.size(); ++i) {
    if (inv_terms[i].price_factor != 1.0)
      as.push_back("investment " + detail::quote(v.investments[i].funder) + ": amount in " + std::to_string(*v.investments[i].price_year) +
                   " prices x " + detail::num(inv_terms[i].price_factor) + " to " + std::to_string(r.price_year) + " prices");
    if (!options.discount_investments && v.investments[i].year > 0)
      as.push_back("investment " + detail::quote(v.investments[i].funder) + " in year " + std::to_string(v.investments[i].year) +
                   " is counted undiscounted (discount_investments = false)");
  }

  // Warnings: the field's known ways of over-claiming, never silent.
  auto& wn = r.warnings;
  {
    const auto read = model.read_warning_texts();  // how the file was read comes first
    wn.insert(wn.begin(), read.begin(), read.end());
  }
  for (const auto& o : v.outcomes) {
    const std::string who = "outcome " + detail::quote(o.id) + ": ";
    if (all_zero_or_absent(o.deadweight) && all_zero_or_absent(o.displacement) && all_zero_or_absent(o.attribution))
      wn.push_back(who + "no adjustments (deadweight, displacement and attribution are all 0): nothing is deducted "
                         "for what would have happened anyway, displacement or others' contribution");
    const double dur = o.duration ? o.duration->central() : 1.0;
    if (dur > options.long_duration_years && all_zero_or_absent(o.drop_off))
      wn.push_back(who + "lasts " + detail::num(dur) + " years with no drop-off");
    if (o.proxy && o.proxy->source.empty()) wn.push_back(who + "the financial proxy has no source");
    if (o.wellbeing && o.wellbeing->value_per_wellby && o.wellbeing->source.empty())
      wn.push_back(who + "the value per WELLBY has no source");
  }
  if (!v.outcomes.empty() &&
      std::all_of(v.outcomes.begin(), v.outcomes.end(), [](const auto& o) { return all_zero_or_absent(o.deadweight); }))
    wn.push_back("deadweight is 0 for every outcome: nothing is deducted for what would have happened anyway");
  for (std::size_t a = 0; a < v.outcomes.size(); ++a) {
    const auto& oa = v.outcomes[a];
    if (oa.node.empty()) continue;
    const auto down = model.chain.downstream(oa.node);
    for (std::size_t b = 0; b < v.outcomes.size(); ++b) {
      const auto& ob = v.outcomes[b];
      if (b == a || ob.node.empty()) continue;
      if (ob.node == oa.node && b > a)
        wn.push_back("double counting: outcomes " + detail::quote(oa.id) + " and " + detail::quote(ob.id) + " both value chain node " + detail::quote(oa.node));
      else if (std::find(down.begin(), down.end(), ob.node) != down.end())
        wn.push_back("double counting: outcome " + detail::quote(oa.id) + " (node " + detail::quote(oa.node) + ") and outcome " + detail::quote(ob.id) +
                     " (node " + detail::quote(ob.node) + ") are both monetised, but " + detail::quote(ob.node) + " is downstream of " +
                     detail::quote(oa.node) + " in the chain");
    }
  }
  if (v.investments.empty())
    wn.push_back("no investments: the SROI ratio, net SROI and payback are not defined");
  else if (tot.investment_pv == 0)
    wn.push_back("the investment is 0: the SROI ratio and net SROI are not defined");
  else if (tiny_investment)
    wn.push_back("the investment (PV " + detail::num(tot.investment_pv) + ") is ~0 next to the present value (" +
                 detail::num(tot.present_value) + "): the SROI ratio and net SROI are not computed (they need an "
                 "investment PV of at least " + detail::num(kMinInvestmentForRatio) + " and at least " +
                 detail::num(kMinInvestmentShare) + " of the present value)");
  if (payback_overflow)
    wn.push_back("the first-year impact is ~0 next to the investment: the payback period is not computed (it is "
                 "beyond the range of floating point)");
  if (!v.outcomes.empty() && table.uncertain().empty())
    wn.push_back("every assumption is a fixed number: no sensitivity analysis; see the switching values and give "
                 "distributions for an uncertainty analysis");
  if (options.adjustments == Adjustments::additive)
    for (const auto& t : terms)
      if (table[t.deadweight].parameter.upper() + table[t.displacement].parameter.upper() +
              table[t.attribution].parameter.upper() > 1.0)
        wn.push_back("outcome " + detail::quote(t.id) + ": with additive adjustments, draws of deadweight + displacement + "
                     "attribution can exceed 1 (such draws are invalid in an uncertainty analysis)");

  if (options.switching_values) {
    r.switching_values = switching_values(plan, table, 1, cancelled);
    for (auto& sv : r.switching_values) {
      if (sv.value && !std::isfinite(*sv.value)) sv.value.reset();
      if (sv.value) continue;
      sv.note = v.investments.empty() || tot.investment_pv == 0
                    ? "none in range: the SROI ratio is not defined without an investment"
                    : "none in range: the SROI ratio does not reach 1 for any value in [" + detail::num(sv.domain_low) +
                          ", " + detail::num(sv.domain_high) + "]";
    }
  }
  return r;
}

}  // namespace impactchain
