// Notices: every warning and assumption a result carries, as a stable code,
// named typed parameters and the English sentence made from them. The English
// templates of all codes live in one table (notice_codes()); a notice's text is
// always that template filled with its parameters, so each sentence is spelled
// once. Python renders a notice in the report's language from a catalogue
// message per code (docs/messages.md lists the codes: they are a promise).
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "impactchain/error.hpp"

namespace impactchain {

/// What a parameter is, so a renderer can format it: `money` is an amount in
/// the currency named by the notice's `currency` parameter (or plain when absent);
/// `discount` a discount schedule as DiscountSchedule::describe() writes it (text
/// whose words and rates a renderer puts in the reader's language).
enum class ParamKind { text, integer, real, money, discount };

struct NoticeParam {
  std::string name;
  std::variant<std::string, long long, double> value;
  ParamKind kind = ParamKind::text;

  bool operator==(const NoticeParam& o) const { return name == o.name && value == o.value && kind == o.kind; }

  /// The value as the English text writes it: integers in full, reals and money
  /// to 15 significant digits (detail::num), text as it is.
  std::string english() const {
    if (const auto* s = std::get_if<std::string>(&value)) return *s;
    if (const auto* i = std::get_if<long long>(&value)) return std::to_string(*i);
    return detail::num(std::get<double>(value));
  }
};

inline NoticeParam text_param(std::string name, std::string v) { return {std::move(name), std::move(v), ParamKind::text}; }
template <class Int>
NoticeParam int_param(std::string name, Int v) { return {std::move(name), static_cast<long long>(v), ParamKind::integer}; }
inline NoticeParam real_param(std::string name, double v) { return {std::move(name), v, ParamKind::real}; }
inline NoticeParam money_param(std::string name, double v) { return {std::move(name), v, ParamKind::money}; }
inline NoticeParam discount_param(std::string name, std::string described) {
  return {std::move(name), std::move(described), ParamKind::discount};
}

/// One code of the table: its stable dotted identifier and English template,
/// whose `{name}` fields are the notice's parameters. A code that counts things
/// has a second template for a count of one (`english_one`, used when the integer
/// parameter `count` is 1: "1 value winsorised", not "1 values"); nullptr for the others.
struct NoticeCode {
  const char* code;
  const char* english;
  const char* english_one = nullptr;
};

/// Every code the core writes, with its English template (the table at the end of this header).
const std::vector<NoticeCode>& notice_codes();

/// A warning or assumption: `code` (e.g. "value.deadweight_default"), its
/// parameters and `text`, the English template of the code filled with them.
struct Notice {
  std::string code;
  std::vector<NoticeParam> params;
  std::string text;

  Notice() = default;
  /// Throws std::logic_error for a code not in the table or a `{field}` with no
  /// parameter (a mistake in the core, not in the user's input).
  Notice(std::string code_, std::vector<NoticeParam> params_) : code(std::move(code_)), params(std::move(params_)) {
    const char* tpl = nullptr;
    for (const auto& c : notice_codes())
      if (code == c.code) tpl = c.english_one && counts_one() ? c.english_one : c.english;
    if (!tpl) throw std::logic_error("notice code '" + code + "' is not in the table of notice codes");
    text = fill(tpl);
  }

  /// True for the empty notice (no code): a note that has nothing to say.
  bool empty() const noexcept { return code.empty(); }

  const NoticeParam* param(const std::string& name) const {
    for (const auto& p : params)
      if (p.name == name) return &p;
    return nullptr;
  }

  bool operator==(const Notice& o) const { return code == o.code && params == o.params && text == o.text; }
  bool operator==(const std::string& s) const { return text == s; }

 private:
  bool counts_one() const {
    const NoticeParam* n = param("count");
    const auto* i = n ? std::get_if<long long>(&n->value) : nullptr;
    return i && *i == 1;
  }

  std::string fill(const std::string& tpl) const {
    std::string out;
    for (std::size_t i = 0; i < tpl.size(); ++i) {
      if (tpl[i] != '{') {
        out += tpl[i];
        continue;
      }
      const auto end = tpl.find('}', i);
      const std::string name = tpl.substr(i + 1, end - i - 1);
      const NoticeParam* p = param(name);
      if (!p) throw std::logic_error("notice '" + code + "': no parameter '" + name + "' for its template");
      out += p->english();
      i = end;
    }
    return out;
  }
};

inline const std::vector<NoticeCode>& notice_codes() {
  static const std::vector<NoticeCode> table = {
      // How the model file was read (the loader's plausibility warnings).
      {"model.dotted_thousands",
       "{path} (line {line}, column {column}): {written} is read as {read} (a decimal point); if {plain} was meant, "
       "write {plain} (numbers take no thousands separator)"},
      {"model.funder_like_stakeholder",
       "{path} (line {line}, column {column}): '{funder}' is not a stakeholder id but differs from stakeholder "
       "'{stakeholder}' only in capitals or spaces; it is counted as a party of its own"},
      {"model.implausible_magnitude",
       "{path} (line {line}, column {column}): {value} is larger in size than a trillion (1e12), more than any "
       "municipal or fund budget or count of people: a typo or a pasted cell? It is used as written"},
      // Assumptions of value(): every default filled in, every conversion made.
      {"value.discount_constant", "discount: constant {rate}%"},
      {"value.discount_given", "discount: {discount}"},
      {"value.discount_default_eur",
       "discount: not given; using {discount} because the model currency is EUR (Dutch MKBA standard rate)"},
      {"value.discount_default_gbp",
       "discount: not given; using {discount} because the model currency is GBP (HM Treasury Green Book 2022)"},
      {"value.discount_default", "discount: not given; using {discount} because no discount section was given"},
      {"value.first_year_discounted", "discounting: year-1 values are discounted once (discount_first_year = true)"},
      {"value.first_year_not_discounted",
       "discounting: year-1 values are not discounted (discount_first_year = false)"},
      {"value.investments_discounted",
       "investments: an amount in year y (0 = start of the activity period) is discounted by D_y"},
      {"value.investments_not_discounted",
       "investments: not discounted; PV(investment) is the sum of the amounts (discount_investments = false)"},
      {"value.adjustments_multiplicative", "adjustments: multiplicative (1-DW)(1-DS)(1-AT)"},
      {"value.adjustments_additive", "adjustments: additive 1-DW-DS-AT"},
      {"value.drop_off_second_year", "drop-off: from each outcome's second year"},
      {"value.drop_off_after_period", "drop-off: from the first year after the activity period"},
      {"value.period_default", "activity period: not given, taken as 1 year"},
      {"value.deadweight_default", "outcome '{outcome}': deadweight not given, taken as 0"},
      {"value.displacement_default", "outcome '{outcome}': displacement not given, taken as 0"},
      {"value.attribution_default", "outcome '{outcome}': attribution not given, taken as 0"},
      {"value.drop_off_default", "outcome '{outcome}': drop_off not given, taken as 0"},
      {"value.leakage_default", "outcome '{outcome}': leakage not given, taken as 0"},
      {"value.duration_default", "outcome '{outcome}': duration not given, taken as 1 year"},
      {"value.no_stakeholder", "outcome '{outcome}': no stakeholder given; its value is shown under '(none)'"},
      {"value.practice_default",
       "outcome '{outcome}': {adjustment} not given, taken from practice (defaults: practice): a beta distribution "
       "on [{low}, 1] with median {median}% and the middle 80% of reports between {p10}% and {p90}%, as {reports} "
       "SROI reports state it (Mu\u00f1oz-Mora, Measuring Without Accounting, 2026); central value (its mean) {mean}%"},
      {"value.practice_no_displacement",
       "defaults: practice: practice reports no figure for displacement or leakage; they stay 0 where not given, "
       "and the discount rate keeps its own default"},
      {"value.price_year_default",
       "outcome '{outcome}': price year of the value not given, taken as the model's {price_year}"},
      {"value.price_indexed",
       "outcome '{outcome}': value in {from_year} prices brought to {to_year} prices: \u00d7 index[{to_year}] / "
       "index[{from_year}] = {factor}"},
      {"value.wellbeing",
       "outcome '{outcome}': wellbeing valuation (a proxy, not a market price): {points} points of life "
       "satisfaction \u00d7 {per_wellby} per WELLBY = {per_person} per person per year"},
      {"value.wellbeing_default_wellby",
       "outcome '{outcome}': wellbeing valuation (a proxy, not a market price): {points} points of life "
       "satisfaction \u00d7 {per_wellby} per WELLBY = {per_person} per person per year; value per WELLBY GBP 13,000 "
       "(2019 prices) from HM Treasury Wellbeing Guidance for Appraisal (2021), published range GBP 10,000\u201316,000 "
       "(give value_per_wellby as a distribution to use the range)"},
      {"value.price_index_source",
       "price index: {series} ({publisher}: '{title}', {base}), read from {file}, retrieved {retrieved}; "
       "licence {licence}"},
      {"value.price_index_file_date",
       "price index: {series} ({publisher}: '{title}', {base}), read from {file} dated {file_date} (the file's "
       "date: the download date was not given as retrieved); licence {licence}"},
      {"value.price_index_provisional",
       "price index: the figures for {years} are provisional ({publisher} may still revise them)"},
      {"value.investment_price_indexed",
       "investment '{funder}': amount in {from_year} prices \u00d7 {factor} to {to_year} prices"},
      {"value.investment_undiscounted",
       "investment '{funder}' in year {year} is counted undiscounted (discount_investments = false)"},
      // Warnings of value(): the field's known ways of over-claiming.
      {"value.no_adjustments",
       "outcome '{outcome}': no adjustments (deadweight, displacement and attribution are all 0): nothing is "
       "deducted for what would have happened anyway, displacement or others' contribution"},
      {"value.no_drop_off", "outcome '{outcome}': lasts {years} years with no drop-off"},
      {"value.proxy_no_source", "outcome '{outcome}': the financial proxy has no source"},
      {"value.wellby_no_source", "outcome '{outcome}': the value per WELLBY has no source"},
      {"value.deadweight_all_zero",
       "deadweight is 0 for every outcome: nothing is deducted for what would have happened anyway"},
      {"value.double_counting_node",
       "double counting: outcomes '{outcome}' and '{outcome_b}' both value chain node '{node}'"},
      {"value.double_counting_downstream",
       "double counting: outcome '{outcome}' (node '{node}') and outcome '{outcome_b}' (node '{node_b}') are both "
       "monetised, but '{node_b}' is downstream of '{node}' in the chain"},
      {"value.no_investments", "no investments: the SROI ratio, net SROI and payback are not defined"},
      {"value.no_outcomes",
       "no monetised outcomes: no outcome is valued in money, so the present value is 0 and the SROI ratio says "
       "nothing of the outcomes (soft outcomes are reported in their own units)"},
      {"value.volunteer_time_unvalued",
       "investment '{funder}': {hours} volunteer hours are not valued (no hourly_value): they count in no money "
       "figure, so the investment and the SROI ratio leave them out"},
      {"value.zero_investment", "the investment is 0: the SROI ratio and net SROI are not defined"},
      {"value.tiny_investment",
       "the investment (PV {investment_pv}) is ~0 next to the present value ({present_value}): the SROI ratio and "
       "net SROI are not computed (they need an investment PV of at least {min_investment} and at least {min_share} "
       "of the present value)"},
      {"value.payback_overflow",
       "the first-year impact is ~0 next to the investment: the payback period is not computed (it is beyond the "
       "range of floating point)"},
      {"value.all_fixed",
       "every assumption is a fixed number: no sensitivity analysis; see the switching values and give "
       "distributions for an uncertainty analysis"},
      {"value.additive_over_one",
       "outcome '{outcome}': with additive adjustments, draws of deadweight + displacement + attribution + leakage "
       "can exceed 1 (such draws are invalid in an uncertainty analysis)"},
      // The plausibility lint against practice (practice.hpp).
      {"practice.outside_band",
       "outcome '{outcome}': {adjustment} {value}% lies outside what SROI practice reports (the middle 80% of "
       "reports {p10}-{p90}%, median {median}%, {reports} reports; Mu\u00f1oz-Mora, Measuring Without Accounting, "
       "2026, figures extracted with language models): check the evidence for it"},
      {"practice.no_adjustments",
       "outcome '{outcome}': states none of deadweight, displacement, attribution and drop-off, as {share}% of "
       "{reports} SROI reports do (Mu\u00f1oz-Mora, Measuring Without Accounting, 2026): give them, or opt in to "
       "defaults: practice"},
      // Simulation and sensitivity.
      {"simulate.no_positive_investment",
       "the model has no investment with a positive present value: the SROI ratio and P(ratio > 1) are undefined "
       "(NaN) and every draw of sroi_ratio is counted as non-finite"},
      {"simulate.tiny_investment",
       "the investment (PV {investment_pv} at central values) is ~0 next to the present value ({present_value}): "
       "the simulated SROI ratio and P(ratio > 1) divide by almost nothing and mean nothing; the valuation does not "
       "compute the ratio (it needs an investment PV of at least {min_investment} and at least {min_share} of the "
       "present value)"},
      {"montecarlo.nonfinite_draws",
       "output '{output}': {count} of {draws} draws were not finite and are left out of its summary",
       "output '{output}': {count} of {draws} draws was not finite and is left out of its summary"},
      {"sensitivity.sobol_independent",
       "Sobol indices use independent inputs: the rank correlation is ignored for them (variance-based indices "
       "assume independent inputs)"},
      {"sensitivity.sobol_nonfinite_rows",
       "Sobol: {count} of {rows} design rows gave a non-finite output and were left out",
       "Sobol: {count} of {rows} design rows gave a non-finite output and was left out"},
      {"sensitivity.sobol_zero_variance",
       "Sobol: output '{output}' has zero variance; its indices are undefined (NaN)"},
      // Bootstrap, reliability, effect sizes and change.
      {"bootstrap.jackknife_equal", "jackknife estimates are all equal: BCa acceleration set to 0"},
      {"bootstrap.bca_tail", "BCa percentiles {p_low}, {p_high} reach the tail of the replicates; increase resamples"},
      {"bootstrap.multinomial", "resampled as multinomial counts over {count} distinct values",
       "resampled as multinomial counts over {count} distinct value"},
      {"reliability.listwise", "listwise: {dropped} of {rows} rows dropped for missing items"},
      {"reliability.pairwise_ignored", "pairwise: {count} rows with no responses ignored",
       "pairwise: {count} row with no responses ignored"},
      {"reliability.pairwise_n",
       "pairwise: covariances rest on {min_n} to {n} respondents; the CI uses n = {n}"},
      {"reliability.two_items", "alpha_if_dropped is not defined for 2 items (NaN)"},
      {"reliability.negative_alpha", "alpha is negative: check for reverse-keyed items that were not rescored"},
      {"reliability.not_psd",
       "pairwise covariance matrix is not positive semi-definite (smallest eigenvalue {eigenvalue})"},
      {"reliability.heywood",
       "a Heywood case: item '{item}' keeps a unique variance of {uniqueness}, {share} of its own variance; the "
       "one-factor fit, and omega with it, are doubtful"},
      {"reliability.not_converged",
       "the one-factor fit did not converge in {iterations} iterations (last change {change}): omega is approximate"},
      {"reliability.negative_loading",
       "item '{item}' loads negatively on the factor ({loading}): rescore reverse-keyed items before the total is "
       "taken"},
      {"reliability.groups_not_converged",
       "the {groups}-factor fit did not converge in {iterations} iterations (last change {change}): omega hierarchical is "
       "approximate"},
      {"reliability.groups_heywood",
       "a Heywood case: item '{item}' keeps a unique variance of {uniqueness} of its variance 1 in the group-factor fit; the "
       "fit, and omega hierarchical with it, are doubtful"},
      {"reliability.rotation_not_converged",
       "the oblimin rotation did not converge in {iterations} iterations (gradient {gradient}): the group factors, and omega "
       "hierarchical with them, are approximate"},
      {"reliability.two_groups",
       "two group factors: the general factor loads equally on both, the square root of their correlation {correlation} (a "
       "general factor of two is not identified); three or more identify it"},
      {"reliability.general_not_converged",
       "the general factor's fit to the group factors' correlations did not converge in {iterations} iterations (last "
       "change {change}): omega hierarchical is approximate"},
      {"reliability.general_heywood",
       "a Heywood case: the general factor's loading on group factor F{factor} came out {loading}, beyond 1, and is kept "
       "at 1: that group factor keeps no variance of its own, and omega hierarchical is doubtful"},
      {"reliability.negative_general_loading",
       "item '{item}' loads negatively on the general factor ({loading}): rescore reverse-keyed items before the total is "
       "taken"},
      {"effect_size.pairs_dropped", "{count} pairs with missing data dropped", "{count} pair with missing data dropped"},
      {"effect_size.values_dropped", "{count} values with missing data dropped",
       "{count} value with missing data dropped"},
      {"effect_size.constant", "{name} is constant: correlation r set to 0"},
      {"effect_size.dav_perfect_correlation",
       "{kind} has no interval: {a} and {b} are perfectly correlated over {pairs} pairs (r = {r}), and its "
       "normal-approximation variance (Borenstein et al. 2009 eq 4.28) is undefined then"},
      {"change.rci_sample_sd",
       "RCI uses the SD of all {count} pre scores in the data ({sd}); pass sd_pre for a reference-population SD"},
      {"change.no_reliability", "reliable change not computed: give reliability (r_xx) of the measure"},
      {"change.incomplete", "group '{group}': respondents without both pre and post, not used: {count}"},
      {"change.too_few_pairs", "group '{group}': only {count} complete pairs; no statistics",
       "group '{group}': only {count} complete pair; no statistics"},
      {"change.effect_size_undefined",
       "group '{group}': effect size {kind} not defined: the spread it divides by is 0 (everyone changed by the "
       "same amount, or every score is the same); the mean change and its interval stand"},
      {"change.dav_perfect_correlation",
       "group '{group}': effect size {kind} has no interval: post and pre are perfectly correlated over {pairs} pairs "
       "(r = {r}), and its normal-approximation variance (Borenstein et al. 2009 eq 4.28) is undefined then"},
      {"scale.rounded",
       "{count} pro-rated SWEMWBS raw totals were rounded to the nearest integer (halves up) before the Rasch "
       "conversion",
       "{count} pro-rated SWEMWBS raw total was rounded to the nearest integer (halves up) before the Rasch "
       "conversion"},
      {"scale.prorated", "{count} respondents pro-rated (missing items allowed: at most {max_missing} per respondent)",
       "{count} respondent pro-rated (missing items allowed: at most {max_missing} per respondent)"},
      {"scale.no_score", "{count} respondents have no score (missing items: more than {max_missing})",
       "{count} respondent has no score (missing items: more than {max_missing})"},
      // Composite indicators, weights and rank uncertainty.
      {"composite.imputed", "{count} missing cells imputed ({method})", "{count} missing cell imputed ({method})"},
      {"composite.winsorised", "{count} values winsorised", "{count} value winsorised"},
      {"composite.missing_after_imputation",
       "{count} cells are missing after imputation '{method}'; aggregates that depend on them are missing",
       "{count} cell is missing after imputation '{method}'; aggregates that depend on it are missing"},
      {"composite.missing_available",
       "{count} cells are missing after imputation '{method}'; each aggregate is taken over the children a unit has, "
       "their weights re-normalised (missing = available)",
       "{count} cell is missing after imputation '{method}'; each aggregate is taken over the children a unit has, "
       "their weights re-normalised (missing = available)"},
      {"composite.available_partial",
       "level '{level}': {count} aggregates of {units} units are taken over fewer than all their children, the "
       "weights re-normalised over those they have",
       "level '{level}': {count} aggregate of {units} unit is taken over fewer than all its children, the weights "
       "re-normalised over those it has"},
      {"composite.available_below",
       "level '{level}': {count} aggregates of {units} units are missing: the share of their children with a value "
       "is below min_available = {min_available}",
       "level '{level}': {count} aggregate of {units} unit is missing: the share of its children with a value is "
       "below min_available = {min_available}"},
      {"composite.available_none",
       "level '{level}': {count} aggregates of {units} units are missing: none of their children with a weight "
       "above 0 has a value",
       "level '{level}': {count} aggregate of {units} unit is missing: none of its children with a weight above 0 "
       "has a value"},
      {"normalise.group_no_value_median",
       "indicator '{indicator}': group '{group}' has no observed value; imputed with the overall median"},
      {"normalise.group_no_value_mean",
       "indicator '{indicator}': group '{group}' has no observed value; imputed with the overall mean"},
      {"weights.ahp_inconsistent",
       "AHP consistency ratio {ratio} exceeds 0.1: revise the pairwise judgements"},
      {"rank_uncertainty.mixed_scales",
       "scores under different normalisations are on different scales: the score intervals mix them; compare "
       "units by their rank intervals"},
      {"rank_uncertainty.binned",
       "{count} of {units} units have ranks spread over more than {places} places: their rank quantiles are binned "
       "(best and worst stay exact)",
       "{count} of {units} units has ranks spread over more than {places} places: its rank quantiles are binned "
       "(best and worst stay exact)"},
      {"rank_uncertainty.weights_normalised", "weights did not sum to 1 and were normalised (sum {sum})"},
      // Comparing strategies and lenses; sustainability profiles.
      {"icer.tie", "strategies '{strategy}' and '{strategy_b}' tie in cost and effect; '{strategy_b}' is marked D"},
      // Notes of single rows and values (IcerRow::note, NetBenefitRow::note, SwitchingValue::note,
      // ValueResult::sroi_note): why a strategy is dominated or a number is undefined.
      {"icer.reference", "cheapest option on the efficient frontier: no ICER"},
      {"icer.zero_effect_difference", "ICER undefined: zero effect difference to '{strategy}'"},
      {"icer.same_cost_and_effect", "same cost and effect as '{strategy}'; marked D (dampack keeps the first in cost order)"},
      {"icer.same_cost_less_effect", "same cost as '{strategy}' and less effect"},
      {"icer.same_effect_higher_cost", "same effect as '{strategy}' at a higher cost"},
      {"icer.dominated", "costs more and is less effective than '{strategy}'"},
      {"icer.extendedly_dominated",
       "extendedly dominated: its ICER against '{strategy}' ({icer}) exceeds that of the next strategy "
       "'{strategy_b}' ({icer_b})"},
      {"net_benefit.zero_effect", "cost per unit of outcome undefined: zero effect"},
      {"net_benefit.negative_effect", "cost per unit of outcome undefined: negative effect"},
      {"switching.no_investment", "none in range: the SROI ratio is not defined without an investment"},
      {"switching.not_reached", "none in range: the SROI ratio does not reach 1 for any value in [{low}, {high}]"},
      {"switching.not_defined", "none in range: the SROI ratio is not defined for any value in [{low}, {high}]"},
      {"switching.not_located",
       "none in range: the SROI ratio crosses 1 between {low} and {high} but is not defined at every value there, "
       "so the crossing cannot be located"},
      {"value.ratio_no_investments", "not defined: no investments"},
      {"value.ratio_zero_investment", "not defined: the investment is 0"},
      {"value.ratio_tiny_investment", "not computed: investment is ~0"},
      {"lenses.tie", "lens '{lens}': tie for the best place between {strategies}"},
      {"lenses.correlation_undefined",
       "rank correlation of '{lens}' and '{lens_b}' undefined: a lens gives every strategy the same value"},
      {"sustainability.no_municipality", "no source has type '{type}': municipality share is 0"},
      {"sustainability.no_dimension", "no {dimension} indicators: that dimension has no score"},
  };
  return table;
}

}  // namespace impactchain
