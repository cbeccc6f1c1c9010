"""The report laid out as one list of sections of blocks (``_report_blocks``), from
the report's results only, in one language (``_i18n.Words``); the templates draw the
same list as HTML and Markdown. The plain-language sentences of the executive summary
(payback, switching values, how sure, effect sizes) are in ``_report_plain``."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from impactchain._i18n import N_, Words
from impactchain._report_blocks import (
    Card,
    Cards,
    Figure,
    Heading,
    Items,
    KeyValues,
    Missing,
    Paragraph,
    ReportDocument,
    ReportSection,
    Table,
)
from impactchain._report_model import ModelSection, ReportView, plots
from impactchain._report_plain import (
    GLOSSARY,
    brief_lines,
    effect_size_words,
    part_key,
    payback_words,
    ratio_band,
    switching_words,
    top_assumptions,
)
from impactchain._report_results import _waterfall_steps
from impactchain._report_text import (
    _finite,
    _friendly,
    _period,
    _proxies,
    _rate_label,
    _rows_not_used_line,
    _soft_line,
    in_language,
    is_foreign,
)

#: Navigation labels of the keyed sections (the templates look up "nav_" + the section's key).
_NAV = (N_("nav_summary"), N_("nav_comparison"), N_("nav_appendix"))


def _anchor(i: int) -> str:
    return f"model-{i + 1}"


def _kv(**values: Any) -> tuple[tuple[str, Any], ...]:
    return tuple(values.items())


def _items(xs: Any, w: Words, style: str = "") -> Items:
    xs = list(xs)
    return Items(tuple(in_language(x, w) for x in xs), style=style, foreign=tuple(is_foreign(x, w) for x in xs))


def document(rep: ReportView, w: Words) -> ReportDocument:
    """The report's sections in the language of ``w``: summary, one per model, the comparison
    (several models), the appendix (methods, settings, defaults, glossary)."""
    st = rep.settings
    sections = [_summary(rep, w)] + [_model(rep, i, s, w) for i, s in enumerate(rep.sections)]
    if len(rep.sections) > 1:
        sections.append(_comparison(rep, w))
    sections.append(_appendix(rep, w))
    return ReportDocument(
        title=in_language(rep.title, w),
        generated=w.date(str(st["generated"])),
        version=str(st["impactchain_version"]),
        draws=w.integer(st["draws"]),
        seed=int(st["seed"]),
        illustrative=rep.illustrative,
        sections=tuple(sections),
        lang=w.lang,
    )


def _summary(rep: ReportView, w: Words) -> ReportSection:
    cards = []
    level = ratio_band(rep.sections[0].simulation, rep.settings)[2] if rep.sections else 0.9
    k, n = w.odds(level)
    for i, sec in enumerate(rep.sections):
        v = sec.value
        ratio = _finite(v["sroi_ratio"]) if v else None
        soft = tuple(_soft_line(so, w) for so in sec.soft)
        cards.append(
            Card(
                title=sec.name,
                anchor=_anchor(i),
                comparator=sec.role == "comparator",
                ratio="" if ratio is None else w.num(ratio),
                low=ratio is not None and ratio < 1,
                lines=brief_lines(sec, rep.settings, w),
                soft=soft,
            )
        )
    blocks: list[Any] = [Paragraph(key=N_("summary_intro"), values=_kv(k=k, n=n)), Cards(tuple(cards))]
    if rep.summary_charts.get("ratios"):
        described = []
        for sec in rep.sections:
            lo, hi, _ = ratio_band(sec.simulation, rep.settings)
            described.append(
                f"{sec.name}: {w.num(sec.value['sroi_ratio'] if sec.value else None)} ({w.interval(lo, hi)})"
            )
        blocks.append(
            Figure(rep.summary_charts["ratios"], N_("ratios_caption"), values=_kv(k=k, n=n), described=tuple(described))
        )
    blocks += [Heading(N_("keep_in_mind")), _items(rep.caveats, w, style="caveats")]
    nc = rep.not_computed()
    if nc:
        blocks += [
            Heading(N_("not_computed")),
            Table(
                pd.DataFrame(
                    [
                        (x["model"] or w("all_models"), w(part_key(x["section"])), in_language(x["reason"], w))
                        for x in nc
                    ],
                    columns=[N_("model"), N_("section"), N_("reason")],
                )
            ),
        ]
    return ReportSection("summary", "", tuple(blocks), key=N_("summary"))


def _value_part(s: ModelSection, w: Words) -> list[Any]:
    cur = s.info.get("currency") or ""
    v = s.value
    if v is None:
        return [Missing(N_("valuation"), in_language(s.not_computed.get("value", w("unknown_reason")), w))]
    key, values = payback_words(s, w)
    # A payback that never comes is not shown as a number of months (the simple form would give one).
    months = w(N_("payback_never_short")) if key == "payback_never" else w.num(v["payback_months"], 1)
    b: list[Any] = [
        KeyValues(
            (
                (N_("pv_outcomes"), w.money(v["present_value"], cur)),
                (N_("pv_investment"), w.money(v["investment_pv"], cur)),
                (N_("npv"), w.money(v["npv"], cur)),
                (N_("sroi_ratio"), w.num(v["sroi_ratio"])),
                (N_("net_sroi"), w.num(v["net_sroi"])),
                (N_("payback_months"), months),
            )
        )
    ]
    b.append(Paragraph(key=key, values=values, style="small"))
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
                    for x in _proxies(s.model, w)
                ],
                columns=[N_("outcome"), N_("proxy_value"), N_("currency"), N_("price_year"), N_("source")],
            )
        )
    )
    sv = v["switching_values"]
    if sv:
        head, intro = switching_words(v["sroi_ratio"])
        b += [Heading(head, level=4), Paragraph(key=intro, style="small")]
        found = [(_friendly(k, s.model, w), w.plain(x)) for k, x in sv.items() if x is not None]
        if found:
            b.append(KeyValues(tuple(found), key_label=N_("assumption"), value_label=N_("switching_value")))
        none = [_friendly(k, s.model, w) for k, x in sv.items() if x is None]
        if none:
            b.append(Paragraph(key=N_("no_switching"), values=_kv(names=w("list_sep").join(none)), style="small"))
    return b


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
        if sim:
            row[N_("ledger_net_interval")] = (
                f"{w.money(one['net_lower'], cur)} – {w.money(one['net_upper'], cur)}" if one else ""
            )
            row[N_("ledger_p_positive")] = one["p_net_positive"] if one else None
        rows.append(row)
    b.append(
        Table(
            pd.DataFrame(rows),
            money=tuple(money_cols),
            percent=(N_("ledger_p_positive"),) if sim else (),
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
    lo, hi, level = ratio_band(sim, rep.settings)
    k, n = w.odds(level)
    b: list[Any] = [
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
        )
    ]
    b.append(Figure(s.charts.get("ratio"), N_("ratio_caption")))
    b.append(
        Figure(
            s.charts.get("tornado"),
            N_("tornado_caption"),
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
        b.append(Paragraph(key=N_("measure_none"), values=_kv(evpi=w.money(m["evpi"], cur)), style="small"))
        return b
    b.append(Paragraph(key=N_("measure_intro"), values=_kv(evpi=w.money(m["evpi"], cur)), style="small"))
    b.append(
        KeyValues(
            tuple((_friendly(r["parameter"], s.model, w), w.money(r["evppi"], cur)) for r in worth[:3]),
            key_label=N_("assumption"),
            value_label=N_("measure_worth"),
        )
    )
    rest = [_friendly(r["parameter"], s.model, w) for r in m["parameters"] if r not in worth[:3]]
    if rest:
        b.append(Paragraph(key=N_("measure_rest"), values=_kv(names=w("list_sep").join(rest)), style="small"))
    return b


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
        if gr:
            b.append(
                Table(
                    pd.DataFrame(
                        [
                            (
                                g.get("group"),
                                g.get("n"),
                                _finite(g.get("mean_pre")),
                                _finite(g.get("mean_post")),
                                _finite(g.get("mean_change")),
                                w.interval(g.get("change_ci_low"), g.get("change_ci_high")),
                            )
                            for g in gr
                        ],
                        columns=[
                            N_("group"),
                            N_("n"),
                            N_("mean_pre"),
                            N_("mean_post"),
                            N_("mean_change"),
                            # the entry's own interval level, written out (a column of words, not a key)
                            w("ci_at_level", level=w.pct(so.get("level", 0.95))),
                        ],
                    ),
                    numeric=("n", "mean_pre", "mean_post", "mean_change"),
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
        + (f" ({_rate_label(e.rate.to_dict(), w)})" if e.rate is not None else "")
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


_ICER_COLUMNS = {
    "strategy": N_("option"),
    "cost": N_("cost_pv"),
    "effect": N_("value_pv"),
    "inc_cost": N_("extra_cost"),
    "inc_effect": N_("extra_value"),
    "icer": N_("icer"),
    "status": N_("status"),
    "note": N_("icer_note"),
}
_ICER_MONEY = ("cost_pv", "value_pv", "extra_cost", "extra_value")
_STATUS = {"ND": N_("status_nd"), "D": N_("status_d"), "ED": N_("status_ed")}


def _comparison(rep: ReportView, w: Words) -> ReportSection:
    c = rep.comparison
    b: list[Any] = []
    if c is None:
        b.append(Missing(N_("comparison"), in_language(rep.comparison_not_computed or w("unknown_reason"), w)))
        return ReportSection("comparison", "", tuple(b), key=N_("comparison"))
    b.append(Paragraph(key=N_("comparison_intro"), values=_kv(comparator=c["comparator"])))
    frame = pd.DataFrame(c["icers"])
    if "note" in frame:  # the core's notes are notices: each in the reader's language (read from the
        # records: a DataFrame's string column keeps a notice's text only, not its code)
        frame["note"] = [in_language(r["note"], w) if r.get("note") else "" for r in c["icers"]]
    if not frame.empty:
        if "status" in frame:
            frame["status"] = [w(_STATUS[x]) if x in _STATUS else x for x in frame["status"]]
        frame = frame.rename(columns=lambda k: _ICER_COLUMNS.get(k, k))
        numeric = tuple(
            k
            for k in frame.columns
            if k not in _ICER_MONEY and all(isinstance(x, (int, float)) or x is None for x in frame[k].tolist())
        )
        money = tuple(k for k in _ICER_MONEY if k in frame.columns)
        b.append(Table(frame, money=money, numeric=numeric, currency=rep.sections[0].info.get("currency") or ""))
    b.append(Paragraph(key=N_("status_legend"), style="small"))
    if c.get("icer_warnings"):
        b.append(_items(c["icer_warnings"], w, style="warnings"))
    if c.get("psa"):
        b.append(Figure(rep.comparison_charts.get("ce_plane"), N_("ce_plane_caption")))
        b.append(Figure(rep.comparison_charts.get("ceac"), N_("ceac_caption")))
        pb = c["psa"]["prob_best_at_1"]
        b.append(
            Paragraph(
                key=N_("prob_best"), values=_kv(chances=w("list_sep").join(f"{k} {w.pct(x)}" for k, x in pb.items()))
            )
        )
    else:
        b.append(Missing(N_("psa"), in_language(c.get("psa_not_computed", w("unknown_reason")), w)))
    return ReportSection("comparison", "", tuple(b), key=N_("comparison"))


def _central_table(rep: ReportView, w: Words) -> list[Any]:
    """The central value beside the simulations' median and mean, per model (methods only)."""
    rows = []
    for s in rep.sections:
        r = (s.simulation or {}).get("sroi_ratio") or {}
        rows.append(
            (s.name, _finite(s.value["sroi_ratio"]) if s.value else None, _finite(r.get("p50")), _finite(r.get("mean")))
        )
    if not any(x[2] is not None for x in rows):
        return []
    return [
        Heading(N_("central_vs_simulation"), level=4),
        Paragraph(key=N_("central_vs_simulation_text"), style="small"),
        Table(
            pd.DataFrame(rows, columns=[N_("model"), N_("central_value"), N_("sim_median"), N_("sim_mean")]),
            numeric=("central_value", "sim_median", "sim_mean"),
        ),
    ]


#: Report-level defaults (``settings["defaults_used"]`` keys) as the appendix names them.
_DEFAULT_PREFIX = {"draws": N_("prefix_draws"), "seed": N_("prefix_seed"), "language": N_("prefix_language")}


def _appendix(rep: ReportView, w: Words) -> ReportSection:
    st = rep.settings
    level = ratio_band(rep.sections[0].simulation if rep.sections else None, st)[2]
    k, n = w.odds(level)
    b: list[Any] = [Paragraph(key=N_("methods"), values=_kv(level=w.pct(level), k=k, n=n))]
    b += _central_table(rep, w)
    b.append(Heading(N_("settings")))
    b.append(
        KeyValues(
            (
                (N_("setting_draws"), w.integer(st["draws"])),
                (N_("setting_seed"), str(st["seed"])),
                (N_("setting_threads"), str(st["threads"])),
                (N_("setting_interval"), w("interval_setting", level=w.pct(level), k=k, n=n)),
                (N_("setting_resamples"), w.integer(st["soft_resamples"])),
                (N_("setting_language"), w("language_name")),
                (N_("setting_files"), "; ".join(s.source or w("in_memory") for s in rep.sections)),
            ),
            key_label=N_("setting"),
            value_label=N_("value"),
        )
    )
    b += [Heading(N_("defaults_used")), Paragraph(key=N_("defaults_intro"), style="small")]
    # Each item keeps what it belongs to in front ("Market cleaning: ...", as in the JSON).
    groups = [
        (
            Heading(N_("defaults_report"), level=4),
            [(w(_DEFAULT_PREFIX.get(k, k)), x) for k, x in st.get("defaults_used", {}).items()],
        )
    ]
    groups += [(Heading(text=s.name, level=4), [(s.name, x) for x in s.defaults]) for s in rep.sections]
    if rep.comparison:
        groups.append(
            (
                Heading(N_("defaults_comparison"), level=4),
                [(w(N_("prefix_comparison")), x) for x in rep.comparison.get("assumptions", [])],
            )
        )
    shown = 0
    for head, items in groups:
        if items:
            shown += len(items)
            b += [
                head,
                Items(
                    tuple(f"{p}: {in_language(x, w)}" for p, x in items),
                    foreign=tuple(is_foreign(x, w) for _, x in items),
                ),
            ]
    if not shown:
        b.append(Paragraph(key=N_("no_defaults")))
    unused = [(s.name, so) for s in rep.sections for so in s.soft if so.get("n_rows_not_used")]
    if unused:
        b += [
            Heading(N_("data_appendix"), anchor="data-appendix"),
            Items(tuple(f"{nm}, {so['name']}: {_rows_not_used_line(so, w)}" for nm, so in unused)),
        ]
    b += [
        Heading(N_("glossary"), anchor="glossary"),
        Paragraph(key=N_("glossary_intro"), style="small"),
        Table(pd.DataFrame([(w(term), w(meaning)) for term, meaning in GLOSSARY], columns=[N_("term"), N_("meaning")])),
    ]
    return ReportSection("appendix", "", tuple(b), key=N_("appendix"))
