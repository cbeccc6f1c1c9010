"""The report's plain-language sentences, chosen case by case from the results: the
executive summary of a model (what was put in, what came back per unit invested, how sure in
words, what it rests on most, what was not valued in money), payback (within the
activity period, after it, never), switching values (ratio above or already below 1),
effect sizes in words (Cohen 1988; a paired d_z by the d_av of its pairs), and the glossary's terms. Each sentence is a message
key with its values formatted for the report's language."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from impactchain._defaults import DEFAULTS
from impactchain._i18n import N_, Words
from impactchain._report_blocks import _kv
from impactchain._report_currency import one_unit, ratio_as_money
from impactchain._report_text import _finite, _friendly, effect_kind_shown, in_language

Sentence = tuple[str, tuple[tuple[str, Any], ...]]

#: Cohen (1988) thresholds of |d| for small, medium and large effects; below the first, negligible.
COHEN_THRESHOLDS = (0.2, 0.5, 0.8)
_SIZE_WORDS = (N_("size_negligible"), N_("size_small"), N_("size_medium"), N_("size_large"))
_KIND_WORDS = {
    "d": N_("effect_kind_d"),
    "g": N_("effect_kind_g"),
    "dz": N_("effect_kind_dz"),
    "dav": N_("effect_kind_dav"),
}

#: The glossary: (term, its meaning), in the report's language; a meaning may name the report's
#: interval (``k``, ``n``, ``level``), its unit of money (``one``) and its discounting (``rates``).
GLOSSARY = (
    (N_("term_sroi_ratio"), N_("term_sroi_ratio_def")),
    (N_("term_social_return"), N_("term_social_return_def")),
    (N_("term_present_value"), N_("term_present_value_def")),
    (N_("term_npv"), N_("term_npv_def")),
    (N_("term_net_sroi"), N_("term_net_sroi_def")),
    (N_("term_discounting"), N_("term_discounting_def")),
    (N_("term_deadweight"), N_("term_deadweight_def")),
    (N_("term_displacement"), N_("term_displacement_def")),
    (N_("term_attribution"), N_("term_attribution_def")),
    (N_("term_leakage"), N_("term_leakage_def")),
    (N_("term_drop_off"), N_("term_drop_off_def")),
    (N_("term_proxy"), N_("term_proxy_def")),
    (N_("term_outcome_chain"), N_("term_outcome_chain_def")),
    (N_("term_soft"), N_("term_soft_def")),
    (N_("term_effect_size"), N_("term_effect_size_def")),
    (N_("term_wellby"), N_("term_wellby_def")),
    (N_("term_simulation"), N_("term_simulation_def")),
    (N_("term_interval"), N_("term_interval_def")),
    (N_("term_switching_value"), N_("term_switching_value_def")),
    (N_("term_payback"), N_("term_payback_def")),
    (N_("term_comparator"), N_("term_comparator_def")),
    (N_("term_icer"), N_("term_icer_def")),
    (N_("term_dominated"), N_("term_dominated_def")),
)


#: Parts of a model that may not be computed (``ModelSection.not_computed`` keys), as the report names them.
_PARTS = {
    "value": N_("part_value"),
    "simulation": N_("part_simulation"),
    "by stakeholder": N_("part_by_stakeholder"),
    "tornado": N_("part_tornado"),
    "comparison": N_("part_comparison"),
    "chain diagram": N_("part_chain_diagram"),
}


def part_key(part: str) -> str:
    """The message key naming a part of the report that could not be computed."""
    return _PARTS[part]


def ratio_band(sim: Mapping[str, Any] | None, settings: Mapping[str, Any]) -> tuple[float | None, float | None, float]:
    """The simulation interval of the ratio (``lower`` to ``upper``) and its level: the
    simulation's own, else the report's setting, else ``DEFAULTS.level``; a simulation of an
    earlier release without ``lower``/``upper`` gives its 5th and 95th percentiles (level 0.90)."""
    return output_band(sim, "sroi_ratio", settings)


def output_band(
    sim: Mapping[str, Any] | None, output: str, settings: Mapping[str, Any]
) -> tuple[float | None, float | None, float]:
    """The simulation interval of one output (``sroi_ratio``, ``present_value``, ``npv``) and its
    level, by the one rule of :func:`ratio_band`: the quantiles the simulation summarised."""
    r = (sim or {}).get(output) or {}
    if sim and "lower" not in r and "p05" in r:
        return _finite(r.get("p05")), _finite(r.get("p95")), 0.9
    level = round(float(r.get("level") or (sim or {}).get("level") or settings.get("level") or DEFAULTS.level), 4)
    if not sim:
        return None, None, level
    return _finite(r.get("lower")), _finite(r.get("upper")), level


def simulated_spread(sim: Mapping[str, Any] | None) -> bool:
    """Whether the simulation drew some assumption from a distribution: without one (every
    assumption a fixed number) each draw is the central valuation, and the report gives no
    interval of the present values and no chance of a negative NPV. A section of an earlier
    release without the count: whether the present value or the NPV varied over the draws."""
    if not sim:
        return False
    n = sim.get("uncertain_assumptions")
    if n is not None:
        return int(n) > 0
    return any((_finite((sim.get(k) or {}).get("sd")) or 0.0) > 0 for k in ("present_value", "npv"))


def ratio_rows(rows: Iterable[tuple[str, Any, Any, Any]], w: Words) -> tuple[str, ...]:
    """The chart of ratios and intervals without pictures: ``name: ratio (lower – upper)`` per
    (name, ratio, lower, upper)."""
    return tuple(f"{name}: {w.num(ratio)} ({w.interval(lo, hi)})" for name, ratio, lo, hi in rows)


def top_assumptions(sim: Mapping[str, Any] | None, n: int) -> list[dict]:
    """The ``n`` tornado rows that move the ratio most."""
    rows = [
        t for t in (sim or {}).get("tornado") or [] if _finite(t["low"]) is not None and _finite(t["high"]) is not None
    ]
    return sorted(rows, key=lambda t: -abs(t["high"] - t["low"]))[:n]


#: What the tornado's low and high values are, by its range (``simulate(..., tornado_range=)``):
#: the summary's "what it rests on most" and the tornado's caption.
_RESTS = {
    "p05_p95": N_("brief_rests"),
    "p10_p90": N_("brief_rests_p10_p90"),
    "support": N_("brief_rests_support"),
}
_TORNADO_ENDS = {
    "p05_p95": N_("tornado_ends_p05_p95"),
    "p10_p90": N_("tornado_ends_p10_p90"),
    "support": N_("tornado_ends_support"),
}


def tornado_ends(sim: Mapping[str, Any]) -> str | None:
    """The message key saying what the simulation's tornado took as each assumption's low and
    high value (its 5th and 95th percentiles, 10th and 90th, or the ends of its range); None for
    a simulation without tornado rows (its range is then not recorded)."""
    return _TORNADO_ENDS[sim["tornado_range"]] if sim.get("tornado") else None


def switching_words(ratio: Any) -> tuple[str, str]:
    """Heading and explanation of the switching values: where the ratio would fall to 1
    (ratio at or above 1), rise to 1 (already below 1), or reach 1 (ratio not defined)."""
    r = _finite(ratio)
    if r is None:
        return N_("switching_values"), N_("switching_intro")
    if r >= 1:
        return N_("switching_values_fall"), N_("switching_intro_fall")
    return N_("switching_values_rise"), N_("switching_intro_rise")


def never_paid_back(value: Mapping[str, Any]) -> bool:
    """Whether a valuation's payback never comes (its months defined, but the effects over every
    year they last bring back less than the investment): the report then shows no months."""
    return _finite(value.get("payback_months")) is not None and value.get("payback_reached") is False


def _about_months(months: float, w: Words) -> str:
    """Months as the payback sentences give them: whole (the simple form's one decimal claimed a
    precision the central assumptions do not have), one decimal below one month."""
    return w.num(months, 0 if months >= 1 else 1)


def payback_chance(sec: Any, w: Words) -> Sentence | None:
    """The share of the simulations in which the present value of the outcomes stays below the
    investment (P(NPV < 0), ``simulation.p_npv_below_0``), in words; None where nothing was drawn
    (every assumption fixed) or the share is not known."""
    sim = getattr(sec, "simulation", None) or {}
    p = _finite(sim.get("p_npv_below_0"))
    if p is None or not simulated_spread(sim):
        return None
    if p == 0:
        return N_("payback_chance_none"), _kv(draws=w.integer(sim["draws"]))
    if p == 1:
        return N_("payback_chance_all"), _kv(draws=w.integer(sim["draws"]))
    return N_("payback_chance"), _kv(share=w.pct(p))


def payback_words(sec: Any, w: Words) -> Sentence:
    """Payback in words, correct in every case: not defined; never (the effects, summed
    over every year they last, bring back less than the investment); within the
    activity period; after it; each said as what the central assumptions give ("would be paid
    back after about 26 months"). The months are the SROI guide's simple form, said as such
    ("at the first year's pace"), in whole months; where the effects added up year by year (after
    drop-off, undiscounted) reach the investment at another whole month, that month is said too.
    Where the model was simulated, the share of simulations whose NPV is below 0 follows
    (:func:`payback_chance`)."""
    key, values = _payback_central(sec, w)
    chance = payback_chance(sec, w) if key != N_("payback_undefined") else None
    if chance is None:
        return key, values
    return N_("payback_with_chance"), _kv(payback=w(key, **dict(values)), chance=w(chance[0], **dict(chance[1])))


def _payback_central(sec: Any, w: Words) -> Sentence:
    """The payback at the central assumptions (:func:`payback_words` without the simulations)."""
    v = sec.value
    months = _finite(v.get("payback_months"))
    if months is None:
        return N_("payback_undefined"), ()
    if never_paid_back(v):  # the effects end or fade before they bring the investment back
        years, cur = int(v["effect_years"]), sec.info.get("currency") or ""
        key = N_("payback_never_one") if years == 1 else N_("payback_never")  # "the one year", "the 3 years"
        return key, _kv(
            years=years, total=w.money(float(v["payback_effects"]), cur), investment=w.money(v["investment"], cur)
        )
    by_year = _finite(v.get("payback_months_by_year"))
    about = _about_months(months, w)
    # Only a month the reader can tell from the simple form's (at the whole months shown).
    later = about if by_year is None else _about_months(by_year, w)
    other = later != about
    shown = _kv(months=about, by_year=later) if other else _kv(months=about)
    period = sec.info.get("period")
    if not period:
        return (N_("payback_plain_by_year") if other else N_("payback_plain")), shown
    period_months = 12 * (int(period["end"] or period["start"]) - int(period["start"]) + 1)
    if months <= period_months:
        key = N_("payback_within_by_year") if other else N_("payback_within")
    else:
        key = N_("payback_after_by_year") if other else N_("payback_after")
    return key, shown + _kv(period=w.integer(period_months))


def _size_word(d: float, w: Words) -> str:
    """|d| in words by Cohen's (1988) thresholds 0.2 / 0.5 / 0.8."""
    return w(_SIZE_WORDS[sum(abs(d) >= t for t in COHEN_THRESHOLDS)])


def d_av_of(so: Mapping[str, Any]) -> float | None:
    """d_av of a soft outcome's pairs, as ``effect_size(kind="dav")`` defines it: the mean change
    over √((sd_pre² + sd_post²)/2), the SDs of the before and the after scores of the same pairs
    (the summary's ``sd_pre``, ``sd_post``); None where they are not known or both are 0."""
    change, a, b = (_finite(so.get(k)) for k in ("mean_change", "sd_pre", "sd_post"))
    if change is None or a is None or b is None or a == b == 0:
        return None
    return change / ((a * a + b * b) / 2) ** 0.5


def effect_size_words(so: Mapping[str, Any], w: Words) -> dict[str, str]:
    """An effect size with its kind, its value, its formula and its size in words by Cohen's
    (1988) thresholds 0.2 / 0.5 / 0.8 of |d|; ``effect`` says it all in one clause. The thresholds
    are defined for the standardised mean difference (d, g, d_av), not for a paired d_z, whose
    standardiser, the SD of the changes, shrinks as before and after correlate (d_z = d_av/√(2(1 − r))
    when the two SDs are equal):
    a d_z is worded by the d_av of the same pairs (:func:`d_av_of`), said as such, and not at all
    where that is not known."""
    d = _finite(so.get("effect_size"))
    kind = so.get("effect_size_kind") or ""
    said = {
        "kind": effect_kind_shown(kind),
        "size": w.num(d),
        "convention": w(_KIND_WORDS[kind]) if kind in _KIND_WORDS else str(so.get("effect_size_convention") or ""),
    }
    if d is None or kind != "dz":
        said["size_word"] = w("n_a") if d is None else _size_word(d, w)
        return {**said, "effect": w(N_("effect_by_cohen"), **said)}
    dav = d_av_of(so)
    if dav is None:
        said["size_word"] = w("n_a")
        return {**said, "effect": w(N_("effect_dz_not_worded"), **said, dav_kind=effect_kind_shown("dav"))}
    said |= {"size_word": _size_word(dav, w), "dav": w.num(dav), "dav_kind": effect_kind_shown("dav")}
    return {**said, "effect": w(N_("effect_dz_by_dav"), **said)}


def _brief_back(sec: Any, ratio: float, settings: Mapping[str, Any], w: Words) -> Sentence:
    """What came back, from the central assumptions: the ratio as money per unit invested and the
    present value of the outcomes; where some assumption was drawn, the present value's interval
    too ("in 19 of 20 simulations between € 98,347 and € 199,343"), the summary's ``pv_lower`` and
    ``pv_upper`` (:func:`output_band`, the value table's)."""
    v, cur = sec.value, sec.info.get("currency") or ""
    said = _kv(ratio=ratio_as_money(w, ratio, cur), one=one_unit(w, cur), pv=w.money(v["present_value"], cur))
    lo, hi, level = output_band(sec.simulation, "present_value", settings)
    if not simulated_spread(sec.simulation) or lo is None or hi is None:
        return (N_("brief_back") if ratio >= 1 else N_("brief_back_below")), said
    k, n = w.odds(level)
    key = N_("brief_back_spread") if ratio >= 1 else N_("brief_back_below_spread")
    return key, said + _kv(k=k, n=n, lo=w.money(lo, cur), hi=w.money(hi, cur))


def brief_lines(sec: Any, settings: Mapping[str, Any], w: Words) -> tuple[Sentence, ...]:
    """A model's executive summary in plain sentences, headline from the central assumptions."""
    v = sec.value
    cur = sec.info.get("currency") or ""
    if v is None:
        return ((N_("card_not_computed"), _kv(why=in_language(sec.not_computed.get("value", w("unknown_reason")), w))),)
    # The investment as the valuation counts it: said plainly when its amounts are not discounted.
    undiscounted = not (v.get("discount") or {}).get("investments_discounted", False)
    invested = N_("brief_invested_sum") if undiscounted else N_("brief_invested")
    out: list[Sentence] = [(invested, _kv(investment=w.money(v["investment_pv"], cur)))]
    if sec.values_no_outcome:  # a ratio of 0 and its interval would say nothing of the outcomes
        out.append((N_("brief_no_money_outcome"), ()))
        if sec.soft:
            out.append((N_("brief_not_money"), _kv(names=w("list_sep").join(so["name"] for so in sec.soft))))
        return (*out, payback_words(sec, w))
    ratio = _finite(v["sroi_ratio"])
    sim = sec.simulation
    if ratio is not None:
        out.append(_brief_back(sec, ratio, settings, w))
    if sim is None:
        out.append((N_("brief_sure_missing"), _kv(why=in_language(sec.not_computed.get("simulation", ""), w))))
    elif not simulated_spread(sim):  # every assumption fixed: no interval or chance to speak of
        out.append((N_("brief_sure_fixed"), ()))
    else:
        lo, hi, level = ratio_band(sim, settings)
        k, n = w.odds(level)
        said = _kv(k=k, n=n, lo=w.num(lo), hi=w.num(hi))
        p = _finite(sim["p_ratio_above_1"])
        if p == 0 or p == 1:  # none or all: in words, as the payback sentence says its share
            key = N_("brief_sure_none") if p == 0 else N_("brief_sure_all")
            out.append((key, said + _kv(draws=w.integer(sim["draws"]))))
        else:
            out.append((N_("brief_sure"), said + _kv(share=w.pct(p))))
        top = top_assumptions(sim, 1)
        if top:
            t = top[0]
            lo, hi = sorted((t["low"], t["high"]))
            out.append(
                (
                    _RESTS[sim["tornado_range"]],
                    _kv(assumption=_friendly(t["name"], sec.model, w), low=w.num(lo), high=w.num(hi)),
                )
            )
    soft = [so["name"] for so in sec.soft]
    if soft:
        out.append((N_("brief_not_money"), _kv(names=w("list_sep").join(soft))))
    else:
        out.append((N_("brief_all_money"), ()))
    out.append(payback_words(sec, w))
    return tuple(out)
