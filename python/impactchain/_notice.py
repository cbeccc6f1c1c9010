"""Notices: the warnings and assumptions results carry, each a ``str`` (its English
text, so results compare, join and search as before) with a stable ``code``, named
``params`` and their ``kinds`` (text, integer, real, money), so the report draws it
from the catalogue of its language (message ``note.<code>``).

The C++ core's codes and English templates come from ``_core.notice_codes()``
(``include/impactchain/notice.hpp``); the codes Python writes itself are in
:data:`PY_CODES`. docs/messages.md lists them all: users may filter on codes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from impactchain import _core

if TYPE_CHECKING:
    from impactchain._i18n import Words


def N_(key: str) -> str:  # the catalogue's marker (as impactchain._i18n.N_), without importing Babel here
    return key


__all__ = ["Notice", "notice", "notice_codes", "notice_singulars", "PY_CODES"]

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
    "effect_size.convention": "effect size: {convention}",
    "effect_size.interval": "interval: {method}",
    "reliability.missing_pairwise": "missing values: pairwise (each covariance from the respondents who answered both items)",
    "reliability.missing_listwise": "missing values: listwise (only respondents who answered every item)",
    "reliability.interval": "interval: {method}",
    "scale.scoring": "scoring: {scoring} of the items, missing items pro-rated up to {max_missing}",
    "composite.weights_equal": "level '{level}': weights not given, equal within each parent",
    "composite.direction_default": "direction not given: every indicator taken as higher-is-better (+1)",
    "composite.direction_partial": "direction not given for {indicators}: taken as +1",
    "composite.levels_default": "levels not given: one equal-weight arithmetic level 'index' over all indicators",
    "composite.level_name_default": "levels[{index}]: name not given, called '{level}'",
    "composite.power_default": (
        "level '{level}': power not given, taken as 1 (a generalised mean with power 1 is the arithmetic mean)"
    ),
    "rank_uncertainty.top_default": (
        "top: not given, taken as ({ks}): each of 1, 3 and 10 below the number of units ({units})"
    ),
    "portfolio.forecast_warning": "member '{member}': {warning}",
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
        "composite index: {measures} min-max normalised to 0-100, equal weights "
        "(Dirichlet weight uncertainty, {draws} draws, for the rank intervals)"
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
    N_("note.change.paired_as_independent"),
    N_("note.scale.rounded"),
    N_("note.scale.prorated"),
    N_("note.scale.no_score"),
    N_("note.composite.imputed"),
    N_("note.composite.winsorised"),
    N_("note.composite.missing_after_imputation"),
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
    N_("note.effect_size.convention"),
    N_("note.effect_size.interval"),
    N_("note.reliability.missing_pairwise"),
    N_("note.reliability.missing_listwise"),
    N_("note.reliability.interval"),
    N_("note.scale.scoring"),
    N_("note.composite.weights_equal"),
    N_("note.composite.direction_default"),
    N_("note.composite.direction_partial"),
    N_("note.composite.levels_default"),
    N_("note.composite.level_name_default"),
    N_("note.composite.power_default"),
    N_("note.rank_uncertainty.top_default"),
    N_("note.portfolio.forecast_warning"),
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
    N_("note.rank_uncertainty.binned.one"),
)


# The grammar of DiscountSchedule::describe() (include/impactchain/discount.hpp): "constant R%",
# "NAME (R%)", or "NAME: R% years A-B, …, R% years A+", NAME a schedule's id or one of the
# generic names below. Its English words are put in the reader's language; ids stay as they are.
_DISCOUNT_NAMES = {"rates by year": N_("discount_rates_by_year"), "bands": N_("discount_bands")}
_BAND = re.compile(r"(\d+(?:\.\d+)?)% years (\d+)(?:-(\d+)|\+)")
_CONSTANT = re.compile(r"constant (\d+(?:\.\d+)?)%")


#: The adjustments a notice may name (param ``adjustment``), by their model-file keys.
_ADJUSTMENTS = {
    "deadweight": N_("adjustment_deadweight"),
    "displacement": N_("adjustment_displacement"),
    "attribution": N_("adjustment_attribution"),
    "leakage": N_("adjustment_leakage"),
    "drop_off": N_("adjustment_drop_off"),
}

#: The settings a default is most often taken for (the ``name`` of a ``defaults.*`` notice), in the
#: reader's words; the notice still names the field of impactchain.DEFAULTS.
_DEFAULT_NAMES = {
    "seed": N_("default_name_seed"),
    "stream_version": N_("default_name_stream_version"),
    "threads": N_("default_name_threads"),
    "draws": N_("default_name_draws"),
    "level": N_("default_name_level"),
    "resamples": N_("default_name_resamples"),
}

#: The defaults the model report lists in its own words (report.py: "startgetal 2026 voor het toeval
#: (standaard)"): a ``defaults.taken`` notice of one of them reads so in a report too, by the same
#: message (the setting's name -> the message and the field its value fills, written as it is: an id).
_DEFAULT_WORDS = {"seed": (N_("default_seed"), "seed"), "stream_version": (N_("default_stream"), "version")}

#: Integer params that count things, written with the language's thousands separator ("2.000
#: trekkingen"); other integers (years, a seed) are written as they are.
_COUNTS = frozenset({"count", "draws", "resamples", "reports", "rows"})

#: Params written other than by their kind, per code: ``decimal`` at the precision the English text
#: gives (a rate as the user wrote it, 0.8625), in the reader's number format.
_PARAM_KINDS = {"portfolio.fx_conversion": {"rate": "decimal"}}

#: How a scale's items make its score (``scale.scoring``'s ``scoring``), in the reader's words.
_SCORINGS = {"sum": N_("scoring_sum"), "mean": N_("scoring_mean")}

#: The name a survey's core gives to everyone together (group "all" of a change), in the reader's words.
_EVERYONE = N_("group_all")

#: The measures a portfolio's composite index may name (param ``measures``, comma-separated), by
#: their column names.
_MEASURES = {
    "sroi_ratio": N_("pf_col_ratio"),
    "p_ratio_above_1": N_("pf_col_p_above_1"),
    "present_value": N_("pf_col_pv"),
}


def _default_value(v: Any, w: Words) -> str:
    """The value of a default as ``default_note`` wrote it (``str`` of the value, ``repr`` of a
    text), in the reader's number format: a whole number as a count, another number at its own
    precision, anything else as it is."""
    text = str(v)
    try:
        return w.integer(int(text))
    except ValueError:
        pass
    try:
        return w.plain(float(text))
    except ValueError:
        return text


def _default_in_words(params: Mapping[str, Any], w: Words) -> str:
    """A default a result took (``defaults.taken``, ``defaults.taken_threads``) in the words the
    model report lists its defaults with: "startgetal 2026 voor het toeval (standaard)". The
    attribute of impactchain.DEFAULTS it came from stays in the notice's English text (the API's),
    not in a report."""
    name, value = params.get("name"), params.get("value")
    if name in _DEFAULT_WORDS:
        key, field = _DEFAULT_WORDS[name]
        return w(key, **{field: str(value)})
    if name == "threads" and str(value) == "0":  # 0 asks for every core: a bare 0 would read as none
        return w(N_("default_threads_all"))
    label = w(_DEFAULT_NAMES[name]) if name in _DEFAULT_NAMES else str(name)
    return w(N_("default_taken"), name=label, value=_default_value(value, w))


def _discount_text(v: str, w: Words) -> str:
    """A discount schedule's description in the words and number format of ``w``."""

    def rate(x: str) -> str:
        return w.plain(float(x))

    def band(m: re.Match) -> str:
        if m.group(3) is None:
            return w("discount_band_from", rate=rate(m.group(1)), start=m.group(2))
        return w("discount_band_span", rate=rate(m.group(1)), start=m.group(2), end=m.group(3))

    out = _CONSTANT.sub(lambda m: w("discount_constant_named", rate=rate(m.group(1))), v)
    out = _BAND.sub(band, out)
    for english, key in _DISCOUNT_NAMES.items():
        if out.startswith(english + ":"):
            out = w(key) + out[len(english) :]
    return re.sub(r"\((\d+\.\d+)%\)", lambda m: f"({rate(m.group(1))}%)", out)


@cache
def notice_codes() -> dict[str, str]:
    """Every notice code (the core's and Python's) -> its English template."""
    return {**dict(_core.notice_codes()), **PY_CODES}


@cache
def notice_singulars() -> dict[str, str]:
    """The codes that count things -> their English template when the integer param ``count`` is 1
    ("1 value winsorised"); their catalogue message is ``note.<code>.one``."""
    return dict(_core.notice_singulars())


def _english(v: Any) -> str:
    """A parameter as the English text writes it: the core's way (reals to 15 significant digits)."""
    if isinstance(v, float):
        return format(v, ".15g")
    return str(v)


def _kind(v: Any) -> str:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return "text"
    return "integer" if isinstance(v, int) else "real"


class Notice(str):
    """A warning or assumption: its English text, with ``code``, ``params`` and ``kinds``.

    Behaves as the ``str`` of its text (``==``, ``in``, ``join``, JSON); ``to_dict()`` gives
    the machine-readable form ``{"code", "params", "text"}``; pickles keep code and params."""

    code: str
    params: dict[str, Any]
    kinds: dict[str, str]

    def __new__(
        cls, text: str, code: str, params: Mapping[str, Any] | None = None, kinds: Mapping[str, str] | None = None
    ) -> Notice:
        obj = super().__new__(cls, text)
        obj.code = code
        obj.params = dict(params or {})
        obj.kinds = {k: (kinds or {}).get(k) or _kind(v) for k, v in obj.params.items()}
        return obj

    def __reduce__(self) -> tuple:
        return (Notice, (str(self), self.code, self.params, self.kinds))

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params), "text": str(self)}

    def renamed(self, names: Mapping[str, Mapping[str, str]]) -> Notice:
        """The notice with text params replaced (``{"outcome": {id: name}}``), its English text filled
        again; a notice it holds as a param (a portfolio member's warning) renamed the same way."""
        params = {
            k: v.renamed(names)
            if isinstance(v, Notice)
            else names.get(k.removesuffix("_b"), {}).get(v, v)
            if isinstance(v, str)
            else v
            for k, v in self.params.items()
        }
        if params == self.params:
            return self
        return Notice(
            self._template().format(**{k: _english(v) for k, v in params.items()}),
            self.code,
            params,
            self.kinds,
        )

    def _one(self) -> bool:
        """True when the text counts one thing and the code has a wording for that."""
        from impactchain._i18n import is_one  # the one rule of a count of one, as the report's messages

        return is_one(self.params.get("count")) and self.code in notice_singulars()

    def _template(self) -> str:
        """The English template the text was filled from (the singular for a count of one)."""
        return notice_singulars()[self.code] if self._one() else notice_codes()[self.code]

    def in_language(self, w: Words) -> str:
        """The notice in the words of ``w``: its catalogue message, params in that language's formats."""

        def real(v: Any) -> str:
            small = isinstance(v, (int, float)) and 0 < abs(v) < 0.001  # 1e-9 is not "0"
            from babel.numbers import format_scientific  # Babel on first drawing: not at import

            return format_scientific(v, "0.##E0", locale=w.locale) if small else w.plain(v)

        def one(name: str, v: Any) -> Any:
            kind = _PARAM_KINDS.get(self.code, {}).get(name) or self.kinds.get(name, "text")
            if name == "factor" and kind == "real":  # a price index's factor: 3 decimals, to check by hand
                return w.num(v, 3)
            if kind == "decimal" and isinstance(v, (int, float)):
                return w.decimal(v)
            if kind == "integer" and name in _COUNTS:
                return w.integer(v)
            if kind == "real":
                return real(v)
            if kind == "discount" and isinstance(v, str):  # a schedule as the core describes it
                return _discount_text(v, w)
            if name == "group" and v == "all" and self.code.startswith("change."):  # everyone together
                return w(_EVERYONE)
            if name == "adjustment" and v in _ADJUSTMENTS:  # an adjustment's name, in the reader's words
                return w(_ADJUSTMENTS[v])
            if name == "name" and self.code.startswith("defaults.") and v in _DEFAULT_NAMES:
                return w(_DEFAULT_NAMES[v])
            if name == "scoring" and self.code == "scale.scoring" and str(v) in _SCORINGS:  # sum, mean
                return w(_SCORINGS[str(v)])
            if name == "measures" and isinstance(v, str):  # the composite's measures, in the reader's words
                return ", ".join(w(_MEASURES[m]) if m in _MEASURES else m for m in v.split(", "))
            if kind == "money":
                cur = self.params.get("currency") or None
                if isinstance(v, (int, float)) and abs(v) < 100 and v != round(v):  # cents are not rounded away
                    return f"{real(v)} {cur}" if cur else real(v)
                return w.money(v, cur)
            return v.in_language(w) if hasattr(v, "in_language") else str(v)

        if self.code in ("defaults.taken", "defaults.taken_threads"):
            return _default_in_words(self.params, w)
        key = f"note.{self.code}.one" if self._one() else f"note.{self.code}"
        return w.text(key).format(**{k: one(k, v) for k, v in self.params.items()})


def notice(code: str, kinds: Mapping[str, str] | None = None, /, **params: Any) -> Notice:
    """A notice written by Python: the English text from :data:`PY_CODES` filled with ``params``;
    ``kinds`` names a param's kind where its value does not tell (``{"schedule": "discount"}``)."""
    return Notice(PY_CODES[code].format(**{k: _english(v) for k, v in params.items()}), code, params, kinds)
