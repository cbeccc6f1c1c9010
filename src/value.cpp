// The deterministic monetised-value result: tables, warnings, assumptions and
// switching values around ValuePlan (value_plan.cpp).
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "impactchain/price_series.hpp"
#include "impactchain/practice.hpp"
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
    if (!std::isfinite(plan.investment_amount(i, x.data())))
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

/// The ledger at the central values x: ValuePlan::ledger_totals per party, with the volunteer hours.
std::vector<PartyLedger> ledger_lines(const Model& model, const ValuePlan& plan, const std::vector<double>& x) {
  const auto& l = plan.ledger();
  const std::size_t np = l.parties.size();
  std::vector<double> gains(np), pays(np);
  ValueScratch scratch(plan.chain_nodes());
  plan.ledger_totals(x.data(), gains.data(), pays.data(), scratch);
  std::vector<PartyLedger> out(np);
  for (std::size_t p = 0; p < np; ++p) {
    out[p].party = l.parties[p];
    out[p].name = l.names[p];
    out[p].stakeholder = l.is_stakeholder[p] != 0;
    out[p].funder = l.is_funder[p] != 0;
    out[p].gains = gains[p];
    out[p].pays = pays[p];
    out[p].net = gains[p] - pays[p];
  }
  const auto& invs = model.valuation.investments;
  for (std::size_t i = 0; i < invs.size(); ++i) {
    if (invs[i].kind != InvestmentKind::volunteer_time) continue;
    const double h = invs[i].hours->central();
    out[l.pays[i]].volunteer_hours += h;
    if (!invs[i].valued()) out[l.pays[i]].unvalued_hours += h;
  }
  return out;
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
    ov.beneficiaries = o.beneficiaries;
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
    ov.leakage = t.leakage ? x[*t.leakage] : 0.0;
    ov.duration = x[t.duration];
    ov.first_year = t.offset + 1;
    auto rows = plan.years(k, x.data(), qn.data());
    const std::string sh = o.stakeholder.empty() ? "(none)" : o.stakeholder;
    for (auto& row : rows) {
      row.stakeholder = o.beneficiaries.empty() ? sh : "";
      ov.undiscounted += row.after_drop_off;
      ov.present_value += row.discounted;
    }
    ov.impact = ov.quantity * ov.unit_proxy *
                (options.adjustments == Adjustments::additive
                     ? 1 - ov.deadweight - ov.displacement - ov.attribution - ov.leakage
                     : (1 - ov.deadweight) * (1 - ov.displacement) * (1 - ov.attribution) * (1 - ov.leakage));
    ov.negative = ov.present_value < 0;
    const std::vector<std::pair<std::string, double>> split =
        o.beneficiaries.empty() ? std::vector<std::pair<std::string, double>>{{sh, 1.0}} : o.beneficiaries;
    for (const auto& [who, share] : split) {
      if (!by_sh.count(who)) order_stakeholders.push_back(who), by_sh[who].stakeholder = who;
      by_sh[who].undiscounted += share * ov.undiscounted;
      by_sh[who].present_value += share * ov.present_value;
    }
    r.yearly.insert(r.yearly.end(), rows.begin(), rows.end());
    r.outcomes.push_back(std::move(ov));
  }
  check_finite(r, tot, model, plan, x);

  // Ratios only where they mean something: an investment of ~0 gives a ratio of
  // any size, which is not computed (a warning below says why).
  const bool tiny_investment = investment_too_small_for_ratio(tot.investment_pv, tot.present_value);
  if (v.investments.empty()) {
    r.sroi_note = Notice("value.ratio_no_investments", {});
  } else if (tot.investment_pv == 0) {
    r.sroi_note = Notice("value.ratio_zero_investment", {});
  } else if (tiny_investment) {
    r.sroi_note = Notice("value.ratio_tiny_investment", {});
  } else {
    r.sroi_ratio = tot.sroi_ratio;
    r.net_sroi = tot.net_sroi;
  }
  bool payback_overflow = false;
  // Neumaier's compensated sum: the rows' order (outcome by outcome) does not round the total away
  // from what the years add up to.
  double effects = 0, lost = 0;
  for (const auto& y : r.yearly) {
    const double t = effects + y.after_drop_off;
    lost += std::abs(effects) >= std::abs(y.after_drop_off) ? (effects - t) + y.after_drop_off
                                                            : (y.after_drop_off - t) + effects;
    effects = t;
  }
  r.payback_effects = effects + lost;
  if (tot.investment_total > 0 && tot.first_year_impact > 0) {
    const double months = tot.investment_total / (tot.first_year_impact / 12.0);
    if (std::isfinite(months)) {
      r.payback_months = months;
      r.payback_reached = r.payback_effects >= tot.investment_total;
    } else {
      payback_overflow = true;
    }
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
    const double amount = plan.investment_amount(i, x.data());
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

  r.ledger = ledger_lines(model, plan, x);

  // Assumptions: every default filled in, and every conversion made.
  auto& as = r.assumptions;
  const auto currency = text_param("currency", model.info.currency);  // the unit of the money parameters
  const auto& d = plan.discount();
  r.discount = d.describe();  // a constant `rate` Parameter: its central value
  if (v.discount) {
    as.push_back(v.discount->rate ? Notice("value.discount_constant", {real_param("rate", v.discount->rate->central() * 100)})
                                  : Notice("value.discount_given", {discount_param("discount", d.describe())}));
  } else {
    const char* why = model.info.currency == "EUR"   ? "value.discount_default_eur"
                      : model.info.currency == "GBP" ? "value.discount_default_gbp"
                                                     : "value.discount_default";
    as.push_back(Notice(why, {discount_param("discount", d.describe())}));
  }
  as.push_back(Notice(options.discount_first_year ? "value.first_year_discounted" : "value.first_year_not_discounted", {}));
  as.push_back(Notice(options.discount_investments ? "value.investments_discounted" : "value.investments_not_discounted", {}));
  as.push_back(Notice(options.adjustments == Adjustments::multiplicative ? "value.adjustments_multiplicative"
                                                                         : "value.adjustments_additive", {}));
  as.push_back(Notice(options.drop_off_start == DropOffStart::second_year ? "value.drop_off_second_year"
                                                                         : "value.drop_off_after_period", {}));
  const bool uses_period = options.drop_off_start == DropOffStart::after_period ||
                           std::any_of(v.outcomes.begin(), v.outcomes.end(),
                                       [](const auto& o) { return o.start == OutcomeStart::after; });
  if (uses_period && !(model.info.period_start && model.info.period_end))
    as.push_back(Notice("value.period_default", {}));
  const bool practice_defaults = v.defaults == AdjustmentDefaults::practice;
  if (practice_defaults) as.push_back(Notice("value.practice_no_displacement", {}));
  for (std::size_t k = 0; k < v.outcomes.size(); ++k) {
    const auto& o = v.outcomes[k];
    const auto who = text_param("outcome", o.id);
    const std::pair<const char*, bool> unstated[] = {{"deadweight", !o.deadweight},
                                                     {"displacement", !o.displacement},
                                                     {"attribution", !o.attribution},
                                                     {"drop_off", !o.drop_off}};
    for (const auto& [name, missing] : unstated) {
      if (!missing) continue;
      const practice::Figure* f = practice_defaults ? practice::figure(name) : nullptr;
      if (!f) {
        as.push_back(Notice(std::string("value.") + name + "_default", {who}));
        continue;
      }
      const double mean = practice::default_parameter(*f).central();
      as.push_back(Notice("value.practice_default",
                          {who, text_param("adjustment", name), real_param("low", f->low),
                           real_param("median", f->median * 100), real_param("p10", f->p10 * 100),
                           real_param("p90", f->p90 * 100), int_param("reports", f->reports),
                           real_param("mean", mean * 100)}));
    }
    if (!o.leakage) as.push_back(Notice("value.leakage_default", {who}));
    if (!o.duration) as.push_back(Notice("value.duration_default", {who}));
    const std::optional<int> py = o.proxy ? o.proxy->price_year
                                  : o.wellbeing->value_per_wellby ? o.wellbeing->price_year
                                                                  : std::optional<int>(2019);
    if ((o.proxy || o.wellbeing->value_per_wellby) && !py)
      as.push_back(Notice("value.price_year_default", {who, int_param("price_year", r.price_year)}));
    if (terms[k].price_factor != 1.0)
      as.push_back(Notice("value.price_indexed", {who, int_param("from_year", *py), int_param("to_year", r.price_year),
                                                  real_param("factor", terms[k].price_factor)}));
    if (o.wellbeing) {
      const auto& w = *o.wellbeing;
      const double ls = x[*terms[k].life_satisfaction], per = x[terms[k].proxy];
      as.push_back(Notice(w.value_per_wellby ? "value.wellbeing" : "value.wellbeing_default_wellby",
                          {who, real_param("points", ls), money_param("per_wellby", per),
                           money_param("per_person", ls * per), currency}));
    }
  }
  {  // outcomes credited to no party: one line naming them all
    std::vector<std::string> unnamed;
    for (const auto& o : v.outcomes)
      if (o.stakeholder.empty() && o.beneficiaries.empty()) unnamed.push_back(o.id);
    for (const auto& id : unnamed) as.push_back(Notice("value.no_stakeholder", {text_param("outcome", id)}));
  }
  for (std::size_t i = 0; i < v.investments.size(); ++i) {
    if (inv_terms[i].price_factor != 1.0)
      as.push_back(Notice("value.investment_price_indexed",
                          {text_param("funder", v.investments[i].funder), int_param("from_year", *v.investments[i].price_year),
                           real_param("factor", inv_terms[i].price_factor), int_param("to_year", r.price_year)}));
    if (!options.discount_investments && v.investments[i].year > 0)
      as.push_back(Notice("value.investment_undiscounted",
                          {text_param("funder", v.investments[i].funder), int_param("year", v.investments[i].year)}));
  }

  if (const auto& src = v.price_index_source) {  // where the price index came from, for the reader to check
    const PriceSeriesInfo info = price_series_info(src->series);
    std::vector<NoticeParam> ps = {text_param("series", src->series), text_param("publisher", info.publisher),
                                   text_param("title", info.title), text_param("base", src->base),
                                   text_param("file", src->file), text_param("licence", info.licence)};
    ps.push_back(text_param(src->retrieved.empty() ? "file_date" : "retrieved",
                            src->retrieved.empty() ? src->file_date : src->retrieved));
    as.push_back(Notice(src->retrieved.empty() ? "value.price_index_file_date" : "value.price_index_source", ps));
    if (!src->provisional.empty()) {
      std::string years;
      for (int y : src->provisional) years += (years.empty() ? "" : ", ") + std::to_string(y);
      as.push_back(Notice("value.price_index_provisional",
                          {text_param("years", years), text_param("publisher", info.publisher)}));
    }
  }

  // Warnings: the field's known ways of over-claiming, never silent.
  auto& wn = r.warnings;
  {
    const auto read = model.read_warning_texts();  // how the file was read comes first
    wn.insert(wn.begin(), read.begin(), read.end());
  }
  // Zero as valued: absent is 0 unless `defaults: practice` gives it a figure.
  auto zero = [&](const std::optional<Parameter>& p, const char* name) {
    return practice_defaults && practice::figure(name) ? p && all_zero_or_absent(p) : all_zero_or_absent(p);
  };
  for (const auto& o : v.outcomes) {
    const auto who = text_param("outcome", o.id);
    if (zero(o.deadweight, "deadweight") && zero(o.displacement, "displacement") && zero(o.attribution, "attribution"))
      wn.push_back(Notice("value.no_adjustments", {who}));
    const double dur = o.duration ? o.duration->central() : 1.0;
    if (dur > options.long_duration_years && zero(o.drop_off, "drop_off"))
      wn.push_back(Notice("value.no_drop_off", {who, real_param("years", dur)}));
    if (o.proxy && o.proxy->source.empty()) wn.push_back(Notice("value.proxy_no_source", {who}));
    if (o.wellbeing && o.wellbeing->value_per_wellby && o.wellbeing->source.empty())
      wn.push_back(Notice("value.wellby_no_source", {who}));
  }
  {
    const auto lint = practice::lints(model);  // stated adjustments against what practice reports
    wn.insert(wn.end(), lint.begin(), lint.end());
  }
  if (!v.outcomes.empty() &&
      std::all_of(v.outcomes.begin(), v.outcomes.end(), [&](const auto& o) { return zero(o.deadweight, "deadweight"); }))
    wn.push_back(Notice("value.deadweight_all_zero", {}));
  for (std::size_t a = 0; a < v.outcomes.size(); ++a) {
    const auto& oa = v.outcomes[a];
    if (oa.node.empty()) continue;
    const auto down = model.chain.downstream(oa.node);
    for (std::size_t b = 0; b < v.outcomes.size(); ++b) {
      const auto& ob = v.outcomes[b];
      if (b == a || ob.node.empty()) continue;
      if (ob.node == oa.node && b > a)
        wn.push_back(Notice("value.double_counting_node",
                            {text_param("outcome", oa.id), text_param("outcome_b", ob.id), text_param("node", oa.node)}));
      else if (std::find(down.begin(), down.end(), ob.node) != down.end())
        wn.push_back(Notice("value.double_counting_downstream", {text_param("outcome", oa.id), text_param("node", oa.node),
                                                                 text_param("outcome_b", ob.id), text_param("node_b", ob.node)}));
    }
  }
  for (const auto& inv : v.investments)
    if (!inv.valued())
      wn.push_back(Notice("value.volunteer_time_unvalued",
                          {text_param("funder", inv.funder), real_param("hours", inv.hours->central())}));
  if (v.outcomes.empty())
    wn.push_back(Notice("value.no_outcomes", {}));
  if (v.investments.empty())
    wn.push_back(Notice("value.no_investments", {}));
  else if (tot.investment_pv == 0)
    wn.push_back(Notice("value.zero_investment", {}));
  else if (tiny_investment)
    wn.push_back(Notice("value.tiny_investment",
                        {money_param("investment_pv", tot.investment_pv), money_param("present_value", tot.present_value),
                         money_param("min_investment", kMinInvestmentForRatio), real_param("min_share", kMinInvestmentShare),
                         currency}));
  if (payback_overflow)
    wn.push_back(Notice("value.payback_overflow", {}));
  if (!v.outcomes.empty() && table.uncertain().empty())
    wn.push_back(Notice("value.all_fixed", {}));
  if (options.adjustments == Adjustments::additive)
    for (const auto& t : terms)
      if (table[t.deadweight].parameter.upper() + table[t.displacement].parameter.upper() +
              table[t.attribution].parameter.upper() + (t.leakage ? table[*t.leakage].parameter.upper() : 0.0) >
          1.0)
        wn.push_back(Notice("value.additive_over_one", {text_param("outcome", t.id)}));

  if (options.switching_values) {
    r.switching_values = switching_values(plan, table, 1, cancelled);
    for (auto& sv : r.switching_values) {
      if (sv.value && !std::isfinite(*sv.value)) sv.value.reset();
      if (sv.value) continue;
      sv.note = v.investments.empty() || tot.investment_pv == 0
                    ? Notice("switching.no_investment", {})
                    : Notice("switching.not_reached", {real_param("low", sv.domain_low), real_param("high", sv.domain_high)});
    }
  }
  return r;
}

}  // namespace impactchain
