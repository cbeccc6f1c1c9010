"""The section of one intervention (one model) in the report's layout (``_report_layout``):
its description and outcome chain, its social value (totals, payback, waterfall, who pays and
who gains, proxies, switching values), its uncertainty (interval, tornado, what is worth
measuring next) and its soft outcomes."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
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
from impactchain._report_model import ModelSection, ReportView, plots
from impactchain._report_plain import (
    effect_size_words,
    payback_words,
    ratio_band,
    switching_words,
    top_assumptions,
    tornado_ends,
)
from impactchain._report_ranges import model_ranges, outside
from impactchain._report_results import _waterfall_steps
from impactchain._report_text import (
    _finite,
    _friendly,
    _period,
    _proxies,
    _rate_label,
    _soft_line,
    in_language,
)
from impactchain._uncertainty_result import no_money


def _anchor(i: int) -> str:
    return f"model-{i + 1}"


def _value_part(s: ModelSection, w: Words) -> list[Any]:
    cur = s.info.get("currency") or ""
    v = s.value
    if v is None:
        return [Missing(N_("valuation"), in_language(s.not_computed.get("value", w("unknown_reason")), w))]
    key, values = payback_words(s, w)
    # A payback that never comes is not shown as a number of months (the simple form would give one).
    months = w(N_("payback_never_short")) if key.startswith("payback_never") else w.num(v["payback_months"], 1)
    # Nothing valued in money: a ratio of 0 (and a net SROI of -1) would say nothing of what the
    # model achieved, and its waterfall and switching values would be steps from 0 to 0.
    unvalued = s.values_no_outcome
    ratios = (None, None) if unvalued else (v["sroi_ratio"], v["net_sroi"])
    b: list[Any] = [
        KeyValues(
            (
                (N_("pv_outcomes"), w.money(v["present_value"], cur)),
                (N_("pv_investment"), w.money(v["investment_pv"], cur)),
                (N_("npv"), w.money(v["npv"], cur)),
                (N_("sroi_ratio"), w("n_a") if unvalued else w.num(v["sroi_ratio"])),
                (N_("net_sroi"), w("n_a") if unvalued else w.num(v["net_sroi"])),
                (N_("payback_months"), months),
            ),
            numbers=(
                (v["present_value"], "money"),
                (v["investment_pv"], "money"),
                (v["npv"], "money"),
                (ratios[0], "number"),
                (ratios[1], "number"),
                (None if key.startswith("payback_never") else v["payback_months"], "months"),
            ),
            currency=cur,
        )
    ]
    if unvalued:
        b.append(Paragraph(key=N_("value_no_money_outcome"), style="small"))
    b.append(Paragraph(key=key, values=values, style="small"))
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
    sv = v["switching_values"]
    if sv and not unvalued:  # no value to bring to the investment's: the ratio stays 0 whatever changes
        head, intro = switching_words(v["sroi_ratio"])
        b += [Heading(head, level=4), Paragraph(key=intro, style="small")]
        ranges = model_ranges(s.model)
        found = [
            (_friendly(k, s.model, w), _switching_text(x, ranges.get(k), w)) for k, x in sv.items() if x is not None
        ]
        if found:
            plain = tuple((x, "plain") for x in sv.values() if x is not None)
            b.append(
                KeyValues(tuple(found), key_label=N_("assumption"), value_label=N_("switching_value"), numbers=plain)
            )
        # A switching value below zero (a proxy's, an investment's): the ratio reaches 1 only there,
        # which a bare "-7.881" does not say (each such value enters the ratio linearly).
        below = [_friendly(k, s.model, w) for k, x in sv.items() if x is not None and x < 0]
        if below:
            b.append(
                Paragraph(key=N_("switching_below_zero"), values=_kv(names=w("list_sep").join(below)), style="small")
            )
        none = [_friendly(k, s.model, w) for k, x in sv.items() if x is None]
        if none:
            b.append(Paragraph(key=N_("no_switching"), values=_kv(names=w("list_sep").join(none)), style="small"))
    return b


def _switching_text(x: float, bounds: tuple[float, float] | None, w: Words) -> str:
    """A switching value, marked when it lies outside the range the model gives the assumption
    (its distribution's lowest to highest value): a value the model does not expect it to take."""
    if not outside(x, bounds):
        return w.plain(x)
    assert bounds is not None
    lo, hi = bounds
    if math.isfinite(lo) and math.isfinite(hi):
        span = f"{w.plain(lo)} – {w.plain(hi)}"
    elif math.isfinite(lo):
        span = w(N_("range_from"), low=w.plain(lo))
    else:
        span = w(N_("range_up_to"), high=w.plain(hi))
    mark = w(N_("switching_outside_range"), range=span)
    return f"{w.plain(x)} {mark}"


def _ledger_part(s: ModelSection, w: Words) -> list[Any]:
    """Who pays, who gains: per party its investments against the outcomes it receives (present
    values), the net with its interval and the chance it is positive when the model was simulated."""
    v = s.value
    lines = (v or {}).get("ledger") or []
    if not v or not lines:
        return []
    cur = v["currency"]
    sim = (s.simulation or {}).get("ledger") or {}
    b: list[Any] = [Heading(N_("who_pays_who_gains"), level=4)]
    level = next(iter(sim.values()))["level"] if sim else None
    b.append(
        Paragraph(
            key=N_("ledger_intro_simulated") if sim else N_("ledger_intro"),
            values=_kv(level=w.pct(level)) if level else (),
            style="small",
        )
    )
    rows, money_cols = [], [N_("ledger_pays"), N_("ledger_gains"), N_("ledger_net")]
    for line in lines:
        row = {
            N_("party"): in_language(line["party"], w),
            N_("ledger_pays"): line["pays"],
            N_("ledger_gains"): line["gains"],
            N_("ledger_net"): line["net"],
        }
        one = sim.get(line["id"])
        # A party no money reaches or leaves in any draw: no interval and no chance of a positive
        # net to show, rather than "€ 0 – € 0" and "0%".
        moneyless = one is not None and no_money(one.get("pays_mean"), one.get("gains_mean"), one.get("net_sd"))
        if sim:
            row[N_("ledger_net_interval")] = (
                w(N_("n_a")) if moneyless else None if one is None else (one["net_lower"], one["net_upper"])
            )
            row[N_("ledger_p_positive")] = one["p_net_positive"] if one and not moneyless else None
        rows.append(row)
    b.append(
        Table(
            pd.DataFrame(rows),
            money=tuple(money_cols) + ((N_("ledger_net_interval"),) if sim else ()),
            percent=(N_("ledger_p_positive"),) if sim else (),
            intervals=(N_("ledger_net_interval"),) if sim else (),
            currency=cur,
        )
    )
    b.append(
        Figure(
            s.charts.get("ledger"),
            N_("ledger_caption"),
            described=tuple(
                w(
                    "ledger_row",
                    party=in_language(x["party"], w),
                    pays=w.money(x["pays"], cur),
                    gains=w.money(x["gains"], cur),
                    net=w.money(x["net"], cur),
                )
                for x in lines
            ),
        )
    )
    hours = [x for x in lines if x["volunteer_hours"]]
    for x in hours:
        b.append(
            Paragraph(
                key=N_("ledger_hours_unvalued") if x["unvalued_hours"] else N_("ledger_hours"),
                values=_kv(
                    party=in_language(x["party"], w),
                    hours=w.integer(round(x["volunteer_hours"])),
                    unvalued=w.integer(round(x["unvalued_hours"])),
                ),
                style="small",
            )
        )
    return b


def _uncertainty_part(rep: ReportView, s: ModelSection, w: Words) -> list[Any]:
    sim = s.simulation
    if sim is None:
        return [Missing(N_("simulation"), in_language(s.not_computed.get("simulation", w("unknown_reason")), w))]
    b: list[Any]
    if s.values_no_outcome:  # a ratio of 0 in every draw: no interval to show
        b = [Paragraph(key=N_("uncertainty_no_money_outcome"), values=_kv(draws=w.integer(sim["draws"])))]
    else:
        lo, hi, level = ratio_band(sim, rep.settings)
        k, n = w.odds(level)
        b = [
            Paragraph(
                key=N_("uncertainty_text"),
                values=_kv(
                    central=w.num(s.value["sroi_ratio"] if s.value else None),
                    draws=w.integer(sim["draws"]),
                    k=k,
                    n=n,
                    lo=w.num(lo),
                    hi=w.num(hi),
                    share=w.pct(sim["p_ratio_above_1"]),
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


def _measure_part(s: ModelSection, w: Words) -> list[Any]:
    """What is worth measuring next: the assumptions whose value, known before deciding to fund,
    would pay (EVPPI above twice its standard error), the largest three, and those to leave alone."""
    m = (s.simulation or {}).get("measure")
    if not m or not s.value:
        return []
    cur = s.value["currency"]
    b: list[Any] = [Heading(N_("measure_next"), level=4)]
    worth = [r for r in m["parameters"] if r["evppi"] > 2 * r["se"] and r["evppi"] > 0]
    if m["evpi"] <= 2 * m["evpi_se"] or not worth:
        b.append(_measure_not_worth(m, int((s.simulation or {})["draws"]), cur, w))
        return b
    b.append(Paragraph(key=N_("measure_intro"), values=_kv(evpi=w.money(m["evpi"], cur)), style="small"))
    b.append(
        KeyValues(
            tuple((_friendly(r["parameter"], s.model, w), w.money(r["evppi"], cur)) for r in worth[:3]),
            key_label=N_("assumption"),
            value_label=N_("measure_worth"),
            numbers=tuple((r["evppi"], "money") for r in worth[:3]),
            currency=cur,
        )
    )
    rest = [_friendly(r["parameter"], s.model, w) for r in m["parameters"] if r not in worth[:3]]
    if rest:
        b.append(Paragraph(key=N_("measure_rest"), values=_kv(names=w("list_sep").join(rest)), style="small"))
    return b


#: At most this share of draws in which the other funding decision would have been better,
#: further measuring "would hardly ever change" the decision (1 in 20).
RARELY_CHANGES = 0.05


def _measure_not_worth(m: dict, draws: int, cur: str, w: Words) -> Paragraph:
    """Why no assumption is listed as worth measuring, from the numbers: the decision is the same
    in every draw; it changes in few (``RARELY_CHANGES`` or fewer); or it changes in more, but
    neither everything together nor any one assumption is clearly (twice its standard error)
    worth knowing."""
    changes = m["decision_changes"]
    values = _kv(
        evpi=w.money(m["evpi"], cur),
        draws=w.integer(draws),
        changed=w.integer(round(changes * draws)),
        other=w(N_("measure_other_not_fund") if m["funds"] else N_("measure_other_fund")),
    )
    if changes == 0:
        return Paragraph(key=N_("measure_none"), values=values, style="small")
    if changes <= RARELY_CHANGES:
        return Paragraph(key=N_("measure_rarely"), values=values, style="small")
    return Paragraph(key=N_("measure_not_clear"), values=values, style="small")


def _soft_part(s: ModelSection, w: Words) -> list[Any]:
    b: list[Any] = []
    if not s.soft:
        b.append(Paragraph(key=N_("no_soft"), style="small"))
    for so in s.soft:
        b.append(Heading(text=so["name"], level=4))
        if so.get("error"):
            b.append(Missing(N_("soft_outcome"), so["error"], name=so["name"]))
            continue
        b.append(Paragraph(key=N_("soft_text"), values=_kv(line=_soft_line(so, w), **effect_size_words(so, w))))
        if so.get("n_improved") is not None and so.get("n_used"):  # reliable change: the model gives a reliability
            counts = {k: w.integer(so[k]) for k in ("n_improved", "n_deteriorated", "n_used")}
            b.append(Paragraph(key=N_("soft_reliable_change"), values=_kv(**counts)))
        n_points = max(int(np.isfinite(so["_pre"]).sum()), int(np.isfinite(so["_post"]).sum())) if "_pre" in so else 0
        cap = plots.MAX_POINTS  # matplotlib is imported only once a chart is drawn
        b.append(
            Figure(
                s.charts.get(f"soft:{so['id']}"),
                N_("soft_caption") if n_points <= cap else N_("soft_caption_sample"),
                values=_kv(cap=w.integer(cap), n=w.integer(n_points), level=w.pct(so.get("level", 0.95))),
            )
        )
        gr = [g for g in so.get("groups", []) if g.get("group") != "all"]
        named = (so.get("group_names") or {}).get(w.lang, {})  # a label not named there shows as it is
        if gr:
            # the entry's own interval level, written out (a column of words, not a key)
            ci = w("ci_at_level", level=w.pct(so.get("level", 0.95)))
            b.append(
                Table(
                    pd.DataFrame(
                        [
                            (
                                named.get(g.get("group"), g.get("group")),
                                g.get("n"),
                                _finite(g.get("mean_pre")),
                                _finite(g.get("mean_post")),
                                _finite(g.get("mean_change")),
                                (g.get("change_ci_low"), g.get("change_ci_high")),
                            )
                            for g in gr
                        ],
                        columns=[
                            N_("group"),
                            N_("n"),
                            N_("mean_pre"),
                            N_("mean_post"),
                            N_("mean_change"),
                            ci,
                        ],
                    ),
                    numeric=("n", "mean_pre", "mean_post", "mean_change"),
                    intervals=(ci,),
                )
            )
        if so.get("n_rows_not_used"):
            b.append(Paragraph(key=N_("rows_not_used_count"), values=_kv(n=so["n_rows_not_used"]), style="small"))
    return b


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
