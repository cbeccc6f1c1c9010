"""The codes of the notices the Python package writes itself, with their English templates
(:data:`PY_CODES`), and the catalogue key of every notice code, the core's included (``_KEYS``:
marked for extraction, so the catalogues hold a message ``note.<code>`` for each). The notice
itself and how it reads in a report's language: :mod:`impactchain._notice`."""

from __future__ import annotations


def N_(key: str) -> str:  # the catalogue's marker (as impactchain._i18n.N_), without importing Babel here
    return key


#: Codes written by the Python package -> English template (``{name}`` fields are params).
PY_CODES: dict[str, str] = {
    "defaults.taken": "{name}: not given, taken as {value} (impactchain.DEFAULTS.{field})",
    "defaults.taken_threads": (
        "{name}: not given, taken as {value} (impactchain.DEFAULTS.{field}; 0 = all cores; results do not depend on it)"
    ),
    "compare.comparator_default": "no comparator given and no model has role 'comparator': '{model}' (the first model)",
    "compare.wtp_default": "wtp not given: 1 (effects are already money)",
    "compare.seed_streams": (
        "model i of the list is simulated with seed {seed} + i (independent streams) on random stream version {stream_version}"
    ),
    "compare.independent_draws": (
        "each model is simulated on its own random stream: uncertainty the models share (e.g. a financial "
        "proxy they both use) is drawn independently for each model, so EVPI, the CEAC and the probability "
        "best can overstate the decision uncertainty between similar models"
    ),
    "psa.names_from_columns": "strategy names taken from the columns of costs",
    "psa.names_default": "strategies not named: called Strategy_1 … Strategy_n",
    "psa.reference_default": "no reference given: '{strategy}' (the first strategy) is the reference",
    "defaults.function_default": "{name}: not given, taken as {value} ({function}'s default)",
    "bootstrap.interval_bca": "interval: BCa (bias-corrected and accelerated) bootstrap, {resamples} resamples",
    "bootstrap.interval_percentile": "interval: percentile bootstrap, {resamples} resamples",
    "change.interval_bca": (
        "interval: BCa (bias-corrected and accelerated) bootstrap, {resamples} resamples "
        "(interval of the mean change; group g uses Philox stream g)"
    ),
    "change.interval_percentile": (
        "interval: percentile bootstrap, {resamples} resamples (interval of the mean change; group g uses Philox stream g)"
    ),
    "change.reliable_change": (
        "reliable change: |RCI| > {threshold} (Jacobson & Truax 1991), RCI = change / "
        "(s_pre sqrt(2 (1 - reliability))), s_pre = sd_pre or the SD of the pre scores"
    ),
    "soft.aligned_by_index": "{what} paired with {reference} by index (respondent labels), not by position",
    "soft.internal_consistency": (
        "internal consistency of the scale as answered: Cronbach's alpha (missing answers pairwise; Feldt "
        "interval, level {level}), McDonald's omega (one factor fitted by minimum residuals to the same "
        "covariances) and each item's item-rest correlation, per measurement of item columns, of "
        "the item scores its scale scores are made of (answer labels and codes of missing read, reverse-keyed "
        "items rescored), from every respondent who answered that measurement; not used for the reliable "
        "change index (that takes reliability)"
    ),
    "soft.item_rest_negative": (
        "{measurement}: item '{item}' (column '{column}') correlates negatively with the rest of the scale "
        "(r = {r}): is it reverse-keyed? (check the scale's reverse_items)"
    ),
    "soft.internal_consistency_undefined": "{measurement}: Cronbach's alpha of the scale as answered not computed: {reason}",
    "soft.omega_undefined": "{measurement}: McDonald's omega of the scale as answered not computed: {reason}",
    "effect_size.convention": "effect size: {convention}",
    "effect_size.interval": "interval: {method}",
    "reliability.missing_pairwise": "missing values: pairwise (each covariance from the respondents who answered both items)",
    "reliability.missing_pairwise_correlations": (
        "missing values: pairwise (each correlation from the respondents who answered both items, with their own "
        "means and SDs)"
    ),
    "reliability.missing_listwise": "missing values: listwise (only respondents who answered every item)",
    "reliability.interval": "interval: {method}",
    "reliability.omega_ml": "one factor fitted by maximum likelihood",
    "reliability.omega_minres": "one factor fitted by minimum residuals (unweighted least squares of the off-diagonal residuals)",
    "reliability.omega_covariances": "fitted to the items' covariances: the reliability of their total as scored",
    "reliability.omega_correlations": "fitted to the items' correlations: each item standardised",
    "reliability.omega_observed": "omega's denominator: the observed variance of the total",
    "reliability.omega_model": "omega's denominator: the variance the model implies, (sum of loadings)² + sum of unique variances",
    "reliability.omega_h_fit": (
        "{groups} group factors fitted to the items' correlations by minimum residuals and rotated by oblimin "
        "(quartimin: oblique, without Kaiser normalisation)"
    ),
    "reliability.omega_h_schmid_leiman": (
        "the general factor found from the group factors' correlations by the Schmid–Leiman transformation; "
        "omega's denominator: the variance of the standardised total"
    ),
    "scale.scoring": "scoring: {scoring} of the items, missing items pro-rated up to {max_missing}",
    "scale.rounded_not_whole": (
        "SWEMWBS raw totals that were not whole numbers because an answer was not a whole number (nothing "
        "pro-rated), rounded to the nearest integer (halves up) before the Rasch conversion: {count}"
    ),
    "composite.weights_equal": "level '{level}': weights not given, equal within each parent",
    "composite.direction_default": "direction not given: every indicator taken as higher-is-better (+1)",
    "composite.direction_partial": "direction not given for {indicators}: taken as +1",
    "composite.levels_default": "levels not given: one equal-weight arithmetic level 'index' over all indicators",
    "composite.level_name_default": "levels[{index}]: name not given, called '{level}'",
    "composite.power_default": (
        "level '{level}': power not given, taken as 1 (a generalised mean with power 1 is the arithmetic mean)"
    ),
    "composite.unit_all_imputed": (
        "{count} of {units} units had every indicator missing and imputed ({method}): {names}; their scores and "
        "ranks rest on imputed values alone"
    ),
    "composite.unit_mostly_imputed": (
        "{count} of {units} units had more than half of their {indicators} indicators imputed ({method}): "
        "{names}; their scores rest mostly on imputed values"
    ),
    "rank_uncertainty.reference_ties": (
        "{count} of {units} units tie exactly on their reference score ({groups}): ties are ranked by row order "
        "(the lower index first), so the rank intervals and P(rank <= k) of tied units differ only by their "
        "order in the data"
    ),
    "rank_uncertainty.top_default": (
        "top: not given, taken as ({ks}): each of 1, 3 and 10 below the number of units ({units})"
    ),
    "portfolio.forecast_warning": "member '{member}': {warning}",
    "portfolio.composite_warning": "composite index of the members (units are members): {warning}",
    "portfolio.composite_tie": (
        "composite index: {members} have the same score ({score}); they share places {low} to {high}"
    ),
    "portfolio.composite_fixed_chance": (
        "composite index: the chance that the ratio is above 1 of {members} is 0 or 1 only because every "
        "assumption is a fixed number (no uncertainty given); the index counts it as it is"
    ),
    "portfolio.actual_warning": "member '{member}', with its actuals ({file}): {warning}",
    "portfolio.actuals_period": (
        "member '{member}' is of period {period}, but its actuals ({file}) state period {actuals_period} "
        "(its model: {model_period}): are they the actuals of another period?"
    ),
    "portfolio.actuals_period_no_model": (
        "member '{member}' is of period {period}, but its actuals ({file}) state period {actuals_period}: "
        "are they the actuals of another period?"
    ),
    "portfolio.actuals_shared": (
        "members {members} use the same actuals ({file}): a file of actuals is what happened in one member's period"
    ),
    "portfolio.currency_first_member": "currency: {currency}, the first member's (the portfolio gives none)",
    "portfolio.price_year_first_member": "price year: {year}, the first member's (the portfolio gives none)",
    "portfolio.discount_members_own": "discounting: each member's own (the portfolio gives no discount)",
    "portfolio.discount_replaced": "discounting: the portfolio's {schedule} instead of the model's",
    "portfolio.language_members": (
        "report language: the one the members' model files name (language: {language}); --lang chooses another"
    ),
    "portfolio.language_default": (
        "report language: English, the default, as the members' model files name no one language; "
        "--lang chooses another"
    ),
    "portfolio.fx_conversion": "{from_currency} × {rate} to {currency} ({source}, {date})",
    "portfolio.price_conversion": "{from_year} prices × {factor} to {to_year} prices (the portfolio's price index)",
    "portfolio.composite_undefined": "composite index: {members} left out (a measure is not defined)",
    "portfolio.composite_too_few": "composite index: not computed (fewer than 3 members)",
    "portfolio.composite_constant": "composite index: {measures} left out (the same for every member)",
    "portfolio.composite_no_measure": "composite index: not computed (no measure differs)",
    "portfolio.composite_method": (
        "composite index: {measures} min-max normalised to 0–100, equal weights "
        "(Dirichlet weight uncertainty, {draws} draws, for the rank intervals)"
    ),
    "portfolio.periods_as_labels": (
        "periods of {organisations}: ordered as labels, as they are not all numbers (digits as numbers: 2024Q2 "
        "before 2024Q10); their soft outcomes' trend is per step from one period to the next"
    ),
    "portfolio.trend_per_number": (
        "soft outcomes' trend: the slope of the mean change per 1 of the period's number (per year where the "
        "periods are years; a period not in the portfolio is a gap, not a step)"
    ),
    "weights.names_default": "names not given: the criteria are called 0, 1, … in the order of the matrix",
    "weights.method": "weights: {method}",
    "weights.ahp_eigenvector": "weights: principal eigenvector of the comparison matrix, scaled to sum 1 (Saaty 1980)",
    "weights.ahp_consistency": (
        "consistency: CR = CI / RI with Saaty's random index RI = {random_index} for {criteria} criteria; "
        "consistent when CR <= 0.1"
    ),
}

#: The catalogue key of every code (marked for extraction; a test checks it covers every code).
_KEYS = (
    N_("note.model.dotted_thousands"),
    N_("note.model.funder_like_stakeholder"),
    N_("note.model.implausible_magnitude"),
    N_("note.value.discount_constant"),
    N_("note.value.discount_given"),
    N_("note.value.discount_default_eur"),
    N_("note.value.discount_default_gbp"),
    N_("note.value.discount_default"),
    N_("note.value.first_year_discounted"),
    N_("note.value.first_year_not_discounted"),
    N_("note.value.investments_discounted"),
    N_("note.value.investments_not_discounted"),
    N_("note.value.adjustments_multiplicative"),
    N_("note.value.adjustments_additive"),
    N_("note.value.drop_off_second_year"),
    N_("note.value.drop_off_after_period"),
    N_("note.value.period_default"),
    N_("note.value.deadweight_default"),
    N_("note.value.displacement_default"),
    N_("note.value.attribution_default"),
    N_("note.value.drop_off_default"),
    N_("note.value.leakage_default"),
    N_("note.value.practice_default"),
    N_("note.value.practice_no_displacement"),
    N_("note.practice.outside_band"),
    N_("note.practice.no_adjustments"),
    N_("note.value.duration_default"),
    N_("note.value.no_stakeholder"),
    N_("note.value.price_year_default"),
    N_("note.value.price_indexed"),
    N_("note.value.wellbeing"),
    N_("note.value.wellbeing_default_wellby"),
    N_("note.value.price_index_source"),
    N_("note.value.price_index_file_date"),
    N_("note.value.price_index_provisional"),
    N_("note.value.investment_price_indexed"),
    N_("note.value.investment_undiscounted"),
    N_("note.value.no_adjustments"),
    N_("note.value.no_drop_off"),
    N_("note.value.proxy_no_source"),
    N_("note.value.wellby_no_source"),
    N_("note.value.deadweight_all_zero"),
    N_("note.value.double_counting_node"),
    N_("note.value.double_counting_downstream"),
    N_("note.value.no_investments"),
    N_("note.value.no_outcomes"),
    N_("note.value.volunteer_time_unvalued"),
    N_("note.value.zero_investment"),
    N_("note.value.tiny_investment"),
    N_("note.value.payback_overflow"),
    N_("note.value.all_fixed"),
    N_("note.value.additive_over_one"),
    N_("note.simulate.no_positive_investment"),
    N_("note.simulate.tiny_investment"),
    N_("note.montecarlo.nonfinite_draws"),
    N_("note.sensitivity.sobol_independent"),
    N_("note.sensitivity.sobol_nonfinite_rows"),
    N_("note.sensitivity.sobol_zero_variance"),
    N_("note.bootstrap.jackknife_equal"),
    N_("note.bootstrap.bca_tail"),
    N_("note.bootstrap.multinomial"),
    N_("note.reliability.listwise"),
    N_("note.reliability.pairwise_ignored"),
    N_("note.reliability.pairwise_n"),
    N_("note.reliability.two_items"),
    N_("note.reliability.negative_alpha"),
    N_("note.reliability.not_psd"),
    N_("note.reliability.heywood"),
    N_("note.reliability.not_converged"),
    N_("note.reliability.negative_loading"),
    N_("note.reliability.groups_not_converged"),
    N_("note.reliability.groups_heywood"),
    N_("note.reliability.rotation_not_converged"),
    N_("note.reliability.two_groups"),
    N_("note.reliability.general_not_converged"),
    N_("note.reliability.general_heywood"),
    N_("note.reliability.negative_general_loading"),
    N_("note.effect_size.pairs_dropped"),
    N_("note.effect_size.values_dropped"),
    N_("note.effect_size.constant"),
    N_("note.effect_size.dav_perfect_correlation"),
    N_("note.change.rci_sample_sd"),
    N_("note.change.effect_size_undefined"),
    N_("note.change.dav_perfect_correlation"),
    N_("note.change.no_reliability"),
    N_("note.change.incomplete"),
    N_("note.change.too_few_pairs"),
    N_("note.scale.rounded"),
    N_("note.scale.prorated"),
    N_("note.scale.no_score"),
    N_("note.composite.imputed"),
    N_("note.composite.winsorised"),
    N_("note.composite.missing_after_imputation"),
    N_("note.composite.missing_available"),
    N_("note.composite.available_partial"),
    N_("note.composite.available_below"),
    N_("note.composite.available_none"),
    N_("note.normalise.group_no_value_median"),
    N_("note.normalise.group_no_value_mean"),
    N_("note.weights.ahp_inconsistent"),
    N_("note.rank_uncertainty.mixed_scales"),
    N_("note.rank_uncertainty.binned"),
    N_("note.rank_uncertainty.weights_normalised"),
    N_("note.icer.tie"),
    N_("note.icer.reference"),
    N_("note.icer.zero_effect_difference"),
    N_("note.icer.same_cost_and_effect"),
    N_("note.icer.same_cost_less_effect"),
    N_("note.icer.same_effect_higher_cost"),
    N_("note.icer.dominated"),
    N_("note.icer.extendedly_dominated"),
    N_("note.net_benefit.zero_effect"),
    N_("note.net_benefit.negative_effect"),
    N_("note.switching.no_investment"),
    N_("note.switching.not_reached"),
    N_("note.switching.not_defined"),
    N_("note.switching.not_located"),
    N_("note.value.ratio_no_investments"),
    N_("note.value.ratio_zero_investment"),
    N_("note.value.ratio_tiny_investment"),
    N_("note.lenses.tie"),
    N_("note.lenses.correlation_undefined"),
    N_("note.sustainability.no_municipality"),
    N_("note.sustainability.no_dimension"),
    N_("note.defaults.taken"),
    N_("note.defaults.taken_threads"),
    N_("note.compare.comparator_default"),
    N_("note.compare.wtp_default"),
    N_("note.compare.seed_streams"),
    N_("note.compare.independent_draws"),
    N_("note.psa.names_from_columns"),
    N_("note.psa.names_default"),
    N_("note.psa.reference_default"),
    N_("note.defaults.function_default"),
    N_("note.bootstrap.interval_bca"),
    N_("note.bootstrap.interval_percentile"),
    N_("note.change.interval_bca"),
    N_("note.change.interval_percentile"),
    N_("note.change.reliable_change"),
    N_("note.soft.aligned_by_index"),
    N_("note.soft.internal_consistency"),
    N_("note.soft.item_rest_negative"),
    N_("note.soft.internal_consistency_undefined"),
    N_("note.soft.omega_undefined"),
    N_("note.effect_size.convention"),
    N_("note.effect_size.interval"),
    N_("note.reliability.missing_pairwise"),
    N_("note.reliability.missing_pairwise_correlations"),
    N_("note.reliability.missing_listwise"),
    N_("note.reliability.interval"),
    N_("note.reliability.omega_ml"),
    N_("note.reliability.omega_minres"),
    N_("note.reliability.omega_covariances"),
    N_("note.reliability.omega_correlations"),
    N_("note.reliability.omega_observed"),
    N_("note.reliability.omega_model"),
    N_("note.reliability.omega_h_fit"),
    N_("note.reliability.omega_h_schmid_leiman"),
    N_("note.scale.scoring"),
    N_("note.scale.rounded_not_whole"),
    N_("note.composite.weights_equal"),
    N_("note.composite.direction_default"),
    N_("note.composite.direction_partial"),
    N_("note.composite.levels_default"),
    N_("note.composite.level_name_default"),
    N_("note.composite.power_default"),
    N_("note.composite.unit_all_imputed"),
    N_("note.composite.unit_mostly_imputed"),
    N_("note.rank_uncertainty.reference_ties"),
    N_("note.rank_uncertainty.top_default"),
    N_("note.portfolio.forecast_warning"),
    N_("note.portfolio.composite_warning"),
    N_("note.portfolio.composite_tie"),
    N_("note.portfolio.composite_fixed_chance"),
    N_("note.portfolio.actual_warning"),
    N_("note.portfolio.actuals_period"),
    N_("note.portfolio.actuals_period_no_model"),
    N_("note.portfolio.actuals_shared"),
    N_("note.portfolio.currency_first_member"),
    N_("note.portfolio.price_year_first_member"),
    N_("note.portfolio.discount_members_own"),
    N_("note.portfolio.discount_replaced"),
    N_("note.portfolio.language_members"),
    N_("note.portfolio.language_default"),
    N_("note.portfolio.fx_conversion"),
    N_("note.portfolio.price_conversion"),
    N_("note.portfolio.composite_undefined"),
    N_("note.portfolio.composite_too_few"),
    N_("note.portfolio.composite_constant"),
    N_("note.portfolio.composite_no_measure"),
    N_("note.portfolio.composite_method"),
    N_("note.portfolio.periods_as_labels"),
    N_("note.portfolio.trend_per_number"),
    N_("note.weights.names_default"),
    N_("note.weights.method"),
    N_("note.weights.ahp_eigenvector"),
    N_("note.weights.ahp_consistency"),
    # The messages of counting codes for a count of one (notice_singulars()).
    N_("note.montecarlo.nonfinite_draws.one"),
    N_("note.sensitivity.sobol_nonfinite_rows.one"),
    N_("note.bootstrap.multinomial.one"),
    N_("note.reliability.pairwise_ignored.one"),
    N_("note.effect_size.pairs_dropped.one"),
    N_("note.effect_size.values_dropped.one"),
    N_("note.change.too_few_pairs.one"),
    N_("note.scale.rounded.one"),
    N_("note.scale.prorated.one"),
    N_("note.scale.no_score.one"),
    N_("note.composite.imputed.one"),
    N_("note.composite.winsorised.one"),
    N_("note.composite.missing_after_imputation.one"),
    N_("note.composite.missing_available.one"),
    N_("note.composite.available_partial.one"),
    N_("note.composite.available_below.one"),
    N_("note.composite.available_none.one"),
    N_("note.rank_uncertainty.binned.one"),
)
