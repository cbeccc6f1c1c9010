"""The section of one intervention (one model) in the report's layout (``_report_layout``):
its description and outcome chain, its social value (totals, payback, waterfall, who pays and
who gains in ``_report_ledger``, proxies, switching values in ``_report_switching``), its
uncertainty (interval, tornado, what is worth measuring next in ``_report_measure``) and its soft
outcomes (``_report_soft_part``)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from impactchain._i18n import N_, Words
from impactchain._report_blocks import (
    Figure,
    Heading,
    KeyValues,
    Missing,
    Paragraph,
    ReportSection,
    Table,
    _items,
    _kv,
)
from impactchain._report_currency import one_unit
from impactchain._report_discount import discount_sentence
from impactchain._report_ledger import _ledger_part
from impactchain._report_measure import _measure_part
from impactchain._report_model import ModelSection, ReportView, below_central
from impactchain._report_plain import (
    never_paid_back,
    output_band,
    payback_words,
    ratio_band,
    simulated_spread,
    top_assumptions,
    tornado_ends,
)
from impactchain._report_results import _waterfall_steps
from impactchain._report_soft_part import _soft_part
from impactchain._report_switching import _switching_part
from impactchain._report_text import _finite, _friendly, _names, _period, _proxies, _rate_label, in_language


def _anchor(i: int) -> str:
    return f"model-{i + 1}"


def _value_interval(s: ModelSection, output: str, key: str, w: Words) -> tuple[tuple[str, str], tuple[Any, str]]:
    """A row of the value table: the simulation interval of ``output`` (``present_value``, ``npv``)
    at its level, said as the ratio's ("95% interval (19 of 20 simulations)"), by the quantiles the
    simulation summarised (:func:`output_band`); its numbers (for Excel) are the two bounds, each
    money (None where a bound is not known: the row is its text there too)."""
    lo, hi, level = output_band(s.simulation, output, {})
    k, n = w.odds(level)
    cur = s.info.get("currency") or ""
    label = w(key, level=w.pct(level), k=k, n=n)
    if lo is None or hi is None:
        return (label, w("n_a")), (None, "money")
    return (label, f"{w.money(lo, cur)} – {w.money(hi, cur)}"), ((lo, hi), "money")


def _value_part(s: ModelSection, w: Words) -> list[Any]:
    cur = s.info.get("currency") or ""
    v = s.value
    if v is None:
        return [Missing(N_("valuation"), in_language(s.not_computed.get("value", w("unknown_reason")), w))]
    key, values = payback_words(s, w)
    # A payback that never comes is not shown as a number of months (the simple form would give one).
    never = never_paid_back(v)
    months = w(N_("payback_never_short")) if never else w.num(v["payback_months"], 1)
    # Nothing valued in money: a ratio of 0 (and a net SROI of -1) would say nothing of what the
    # model achieved, and its waterfall and switching values would be steps from 0 to 0.
    unvalued = s.values_no_outcome
    ratios = (None, None) if unvalued else (v["sroi_ratio"], v["net_sroi"])
    discount = v.get("discount")
    # The investment's row says plainly when its amounts are added up, not discounted.
    invested = (
        N_("pv_investment_undiscounted") if discount and not discount["investments_discounted"] else N_("pv_investment")
    )
    rows: list[tuple[str, str]] = [(N_("pv_outcomes"), w.money(v["present_value"], cur))]
    numbers: list[tuple[Any, str]] = [(v["present_value"], "money")]
    # The intervals of the present value and the NPV where assumptions were drawn (none where
    # every assumption is fixed: each draw is then the central value).
    spread = not unvalued and simulated_spread(s.simulation)
    if spread:
        row, number = _value_interval(s, "present_value", N_("pv_outcomes_interval"), w)
        rows.append(row)
        numbers.append(number)
    rows += [(invested, w.money(v["investment_pv"], cur)), (N_("npv"), w.money(v["npv"], cur))]
    numbers += [(v["investment_pv"], "money"), (v["npv"], "money")]
    if spread:
        row, number = _value_interval(s, "npv", N_("npv_interval"), w)
        rows.append(row)
        numbers.append(number)
    rows += [
        (w(N_("sroi_ratio"), one=one_unit(w, cur)), w("n_a") if unvalued else w.num(v["sroi_ratio"])),
        (N_("net_sroi"), w("n_a") if unvalued else w.num(v["net_sroi"])),
        (N_("payback_months"), months),
    ]
    numbers += [
        (ratios[0], "number"),
        (ratios[1], "number"),
        (None if never else v["payback_months"], "months"),
    ]
    b: list[Any] = [KeyValues(tuple(rows), numbers=tuple(numbers), currency=cur)]
    if unvalued:
        b.append(Paragraph(key=N_("value_no_money_outcome"), style="small"))
    b.append(Paragraph(key=key, values=values, style="small"))
    if discount:  # the rate and conventions every present value above rests on
        dkey, dvalues = discount_sentence(discount, w)
        b.append(Paragraph(key=dkey, values=_kv(**dvalues), style="small"))
    if not unvalued:
        steps = [(w(key), x) for key, x in _waterfall_steps(v["yearly"])]
        b.append(
            Figure(
                s.charts.get("waterfall"),
                N_("waterfall_caption"),
                described=(" → ".join(f"{lab} {w.money(x, cur)}" for lab, x in steps),),
            )
        )
    if v["by_stakeholder"]:
        b.append(
            Figure(
                s.charts.get("stakeholders"),
                N_("stakeholders_caption"),
                described=tuple(f"{in_language(k, w)}: {w.money(x, cur)}" for k, x in v["by_stakeholder"].items()),
            )
        )
    if "by stakeholder" in s.not_computed:
        b.append(Missing(N_("by_stakeholder"), in_language(s.not_computed["by stakeholder"], w)))
    if v["by_funder"]:
        b.append(
            Figure(
                s.charts.get("funders"),
                N_("funders_caption"),
                described=tuple(f"{in_language(k, w)}: {w.money(x, cur)}" for k, x in v["by_funder"].items()),
            )
        )
        b += _investments_table(s, w)
    b += _ledger_part(s, w)
    proxies = _proxies(s.model, w)
    if proxies:  # a model without monetised outcomes has none: no table of headings only
        b.append(Heading(N_("proxies"), level=4))
        b.append(
            Table(
                pd.DataFrame(
                    [
                        (
                            x["outcome"],
                            x["value"],
                            x["currency"] or "",
                            x["price_year"] or s.info.get("price_year") or "",
                            x["source"],
                        )
                        for x in proxies
                    ],
                    columns=[N_("outcome"), N_("proxy_value"), N_("currency"), N_("price_year"), N_("source")],
                )
            )
        )
    b += _switching_part(s, w)
    return b


def investment_descriptions(model: Any) -> dict[str, list[str]]:
    """The descriptions the model file gives its investments (``description: client fees``), by the
    name of the funder as the report shows it (its stakeholder's name), in the model's order."""
    names = _names(model)["stakeholder"]
    out: dict[str, list[str]] = {}
    for inv in model.investments or []:
        text = inv.get("description")
        if text:
            who = inv.get("funder")
            out.setdefault(names.get(who, who) if who else "", []).append(str(text))
    return out


def _investments_table(s: ModelSection, w: Words) -> list[Any]:
    """Who put the money in, with what each amount is as the model file describes it (client fees, a
    grant); only when the model describes an investment (the funders' chart says the rest)."""
    told = investment_descriptions(s.model)
    if not told:
        return []
    by_funder = s.value["by_funder"] if s.value else {}
    rows = [(in_language(k, w), x, "; ".join(told.get(str(k), []))) for k, x in by_funder.items()]
    return [
        Table(
            pd.DataFrame(rows, columns=[N_("funder"), N_("put_in"), N_("investment_description")]),
            money=(N_("put_in"),),
            currency=s.info.get("currency") or "",
        )
    ]


def _uncertainty_part(rep: ReportView, s: ModelSection, w: Words) -> list[Any]:
    sim = s.simulation
    if sim is None:
        return [Missing(N_("simulation"), in_language(s.not_computed.get("simulation", w("unknown_reason")), w))]
    b: list[Any]
    if s.values_no_outcome:  # a ratio of 0 in every draw: no interval to show
        b = [Paragraph(key=N_("uncertainty_no_money_outcome"), values=_kv(draws=w.integer(sim["draws"])))]
    elif not simulated_spread(sim):
        # Every assumption a fixed number: each draw is the central ratio, so an interval ("1.22 –
        # 1.22") or a chance of 100% or 0% would pretend an uncertainty nobody gave (the histogram too).
        central = w.num(s.value["sroi_ratio"] if s.value else None)
        b = [Paragraph(key=N_("uncertainty_fixed"), values=_kv(central=central, draws=w.integer(sim["draws"])))]
    else:
        lo, hi, level = ratio_band(sim, rep.settings)
        k, n = w.odds(level)
        p = _finite(sim["p_ratio_above_1"])
        # above 1 in none or all of the simulations: in words, as the summary and the payback say it
        key = (
            N_("uncertainty_text_none") if p == 0 else N_("uncertainty_text_all") if p == 1 else N_("uncertainty_text")
        )
        b = [
            Paragraph(
                key=key,
                values=_kv(
                    central=w.num(s.value["sroi_ratio"] if s.value else None),
                    draws=w.integer(sim["draws"]),
                    k=k,
                    n=n,
                    lo=w.num(lo),
                    hi=w.num(hi),
                    share=w.pct(sim["p_ratio_above_1"]),
                    below=w.pct(below_central(s)),
                ),
            ),
            Figure(s.charts.get("ratio"), N_("ratio_caption")),
        ]
    ends = tornado_ends(sim)
    b.append(
        Figure(
            s.charts.get("tornado"),
            N_("tornado_caption"),
            values=_kv(ends=w(ends) if ends else ""),
            described=tuple(
                w(
                    "tornado_row",
                    assumption=_friendly(t["name"], s.model, w),
                    low=w.num(t["low"]),
                    high=w.num(t["high"]),
                )
                for t in top_assumptions(sim, 10)
            ),
        )
    )
    if "tornado" in s.not_computed:
        b.append(Missing(N_("tornado"), in_language(s.not_computed["tornado"], w)))
    return b + _measure_part(s, w)


def _model(rep: ReportView, i: int, s: ModelSection, w: Words) -> ReportSection:
    b: list[Any] = []
    meta = [x for x in (s.info.get("organisation"), _period(s.info.get("period"), w)) if x]
    if meta:
        b.append(Paragraph(text=" · ".join(meta), style="sub"))
    if s.info.get("description"):
        b.append(Paragraph(text=s.info["description"]))
    if s.info.get("notes"):
        b.append(Paragraph(text=s.info["notes"], lead=N_("note"), style="small"))
    b.append(Heading(N_("outcome_chain")))
    chain = s.model.chain
    node = {n.id: n.name or n.id for n in chain.nodes}
    described = tuple(
        f"{node.get(e.source, e.source)} → {node.get(e.target, e.target)}"
        + (f": {_rate_label(e.rate.to_dict(), w)}" if e.rate is not None else "")  # "25% (range)", not nested
        for e in chain.edges
    )
    if "chain" in s.charts:
        b.append(Figure(s.charts["chain"], N_("chain_caption"), described=described))
    elif "chain diagram" in s.not_computed:  # no Graphviz: the steps as text, and why there is no picture
        b += [
            Missing(N_("chain_diagram"), s.not_computed["chain diagram"]),
            Figure(None, N_("chain_caption"), described=described),
        ]
    else:
        b.append(Paragraph(key=N_("no_chain"), style="small"))
    b.append(Heading(N_("social_value")))
    b += _value_part(s, w)
    b.append(Heading(N_("uncertainty")))
    b += _uncertainty_part(rep, s, w)
    b.append(Heading(N_("soft_outcomes")))
    b += _soft_part(s, w)
    if s.warnings:
        b += [Heading(N_("warnings"), level=4), _items(s.warnings, w, style="warnings")]
    return ReportSection(_anchor(i), s.name, tuple(b), comparator=s.role == "comparator")
