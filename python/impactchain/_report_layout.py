"""The report laid out as one list of sections of blocks (``_report_blocks``), from
the report's results only; the templates draw the same list as HTML and Markdown."""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

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
from impactchain._report_results import _waterfall_steps
from impactchain._report_text import (
    _finite,
    _interval,
    _money,
    _num,
    _pct,
    _period,
    _plainnum,
    _proxies,
    _rate_label,
    _rows_not_used_line,
    _soft_line,
)


def _anchor(i: int) -> str:
    return f"model-{i + 1}"


def _kv(**values: Any) -> tuple[tuple[str, Any], ...]:
    return tuple(values.items())


def document(rep: ReportView) -> ReportDocument:
    """The report's sections: summary, one per model, the comparison (several models), the appendix."""
    st = rep.settings
    sections = [_summary(rep)] + [_model(rep, i, s) for i, s in enumerate(rep.sections)]
    if len(rep.sections) > 1:
        sections.append(_comparison(rep))
    sections.append(_appendix(rep))
    return ReportDocument(title=rep.title, generated=str(st["generated"]), version=str(st["impactchain_version"]),
                          draws=int(st["draws"]), seed=int(st["seed"]), illustrative=rep.illustrative,
                          sections=tuple(sections))


def _summary(rep: ReportView) -> ReportSection:
    cards = []
    for i, r in enumerate(rep.summary_rows()):
        sec = rep.sections[i]
        soft = tuple(_soft_line({**so, **next(x for x in sec.soft if x["id"] == so["id"])}) for so in r["soft_outcomes"])
        cards.append(Card(
            title=r["name"], anchor=_anchor(i), comparator=r["role"] == "comparator", ratio=_finite(r["sroi_ratio"]),
            interval=_interval(r["ratio_lower"], r["ratio_upper"]), p_above_1=_pct(r["p_ratio_above_1"]),
            present_value=_money(r["present_value"], r["currency"]), investment=_money(r["investment_pv"], r["currency"]),
            not_computed=sec.not_computed.get("value", "no valuation"), soft=soft))
    blocks: list[Any] = [Paragraph(key="summary_intro"), Cards(tuple(cards))]
    if rep.summary_charts.get("ratios"):
        rows = rep.summary_rows()
        blocks.append(Figure(rep.summary_charts["ratios"], "ratios_caption", described=tuple(
            f"{r['name']}: {_num(r['sroi_ratio'])} ({_interval(r['ratio_lower'], r['ratio_upper'])})" for r in rows)))
    blocks += [Heading("keep_in_mind"), Items(tuple(rep.caveats), style="caveats")]
    nc = rep.not_computed()
    if nc:
        blocks += [Heading("not_computed"), Table(pd.DataFrame(
            [(x["model"] or "all", x["section"], x["reason"]) for x in nc], columns=["model", "section", "reason"]))]
    return ReportSection("summary", "", tuple(blocks), key="summary")


def _model(rep: ReportView, i: int, s: ModelSection) -> ReportSection:
    cur = s.info.get("currency") or ""
    b: list[Any] = []
    meta = [x for x in (s.info.get("organisation"), _period(s.info.get("period"))) if x]
    if meta:
        b.append(Paragraph(text=" · ".join(meta), style="sub"))
    if s.info.get("description"):
        b.append(Paragraph(text=s.info["description"]))
    if s.info.get("notes"):
        b.append(Paragraph(text=s.info["notes"], lead="note", style="small"))
    b.append(Heading("outcome_chain"))
    chain = s.model.chain
    node = {n.id: n.name or n.id for n in chain.nodes}
    described = tuple(f"{node.get(e.source, e.source)} → {node.get(e.target, e.target)}"
                      + (f" ({_rate_label(e.rate.to_dict())})" if e.rate is not None else "") for e in chain.edges)
    if "chain" in s.charts:
        b.append(Figure(s.charts["chain"], "chain_caption", described=described))
    else:
        b.append(Paragraph(key="no_chain", style="small"))
    b.append(Heading("social_value"))
    v = s.value
    if v is None:
        b.append(Missing("valuation", s.not_computed.get("value", "unknown reason")))
    else:
        b.append(KeyValues((("pv_outcomes", _money(v["present_value"], cur)),
                            ("pv_investment", _money(v["investment_pv"], cur)),
                            ("npv", _money(v["npv"], cur)),
                            ("sroi_ratio", _num(v["sroi_ratio"])),
                            ("net_sroi", _num(v["net_sroi"])),
                            ("payback_months", _num(v["payback_months"], 1)))))
        b.append(Figure(s.charts.get("waterfall"), "waterfall_caption", described=(
            " → ".join(f"{lab} {_money(x, cur)}" for lab, x in _waterfall_steps(v["yearly"])),)))
        if v["by_stakeholder"]:
            b.append(Figure(s.charts.get("stakeholders"), "stakeholders_caption", described=tuple(
                f"{k}: {_money(x, cur)}" for k, x in v["by_stakeholder"].items())))
        if "by stakeholder" in s.not_computed:
            b.append(Missing("by_stakeholder", s.not_computed["by stakeholder"]))
        if v["by_funder"]:
            b.append(Figure(s.charts.get("funders"), "funders_caption", described=tuple(
                f"{k}: {_money(x, cur)}" for k, x in v["by_funder"].items())))
        b.append(Heading("proxies", level=4))
        b.append(Table(pd.DataFrame(
            [(x["outcome"], x["value"], x["currency"] or "", x["price_year"] or s.info.get("price_year") or "", x["source"])
             for x in _proxies(s.model)], columns=["outcome", "proxy_value", "currency", "price_year", "source"])))
        sv = v["switching_values"]
        if sv:
            labels = v.get("switching_value_labels") or {}
            b += [Heading("switching_values", level=4), Paragraph(key="switching_intro", style="small")]
            found = [(labels.get(k, k), _plainnum(x)) for k, x in sv.items() if x is not None]
            if found:
                b.append(KeyValues(tuple(found), key_label="assumption", value_label="switching_value"))
            none = [labels.get(k, k) for k, x in sv.items() if x is None]
            if none:
                b.append(Paragraph(key="no_switching", values=_kv(names=", ".join(none)), style="small"))
    b.append(Heading("uncertainty"))
    sim = s.simulation
    if sim is None:
        b.append(Missing("simulation", s.not_computed.get("simulation", "unknown reason")))
    else:
        r = sim["sroi_ratio"]
        b.append(Paragraph(key="uncertainty_text", values=_kv(
            draws=f"{sim['draws']:,}", median=_num(r["p50"]), interval=_interval(r["lower"], r["upper"]),
            share=_pct(sim["p_ratio_above_1"]))))
        b.append(Figure(s.charts.get("ratio"), "ratio_caption"))
        tor = sorted(sim["tornado"] or [], key=lambda t: -abs(t["high"] - t["low"]))[:10]
        b.append(Figure(s.charts.get("tornado"), "tornado_caption", described=tuple(
            f"{t['assumption']}: {_num(t['low'])} to {_num(t['high'])}" for t in tor)))
        if "tornado" in s.not_computed:
            b.append(Missing("tornado", s.not_computed["tornado"]))
    b.append(Heading("soft_outcomes"))
    if not s.soft:
        b.append(Paragraph(key="no_soft", style="small"))
    for so in s.soft:
        b.append(Heading(text=so["name"], level=4))
        if so.get("error"):
            b.append(Missing("soft_outcome", so["error"], name=so["name"]))
            continue
        b.append(Paragraph(key="soft_text", values=_kv(line=_soft_line(so), kind=so["effect_size_kind"],
                                                       size=_num(so.get("effect_size")),
                                                       convention=so["effect_size_convention"])))
        n_points = max(int(np.isfinite(so["_pre"]).sum()), int(np.isfinite(so["_post"]).sum())) if "_pre" in so else 0
        cap = plots.MAX_POINTS  # matplotlib is imported only once a chart is drawn
        b.append(Figure(s.charts.get(f"soft:{so['id']}"), "soft_caption" if n_points <= cap else "soft_caption_sample",
                        values=_kv(cap=f"{cap:,}", n=f"{n_points:,}")))
        gr = [g for g in so.get("groups", []) if g.get("group") != "all"]
        if gr:
            b.append(Table(pd.DataFrame(
                [(g.get("group"), g.get("n"), _finite(g.get("mean_pre")), _finite(g.get("mean_post")),
                  _finite(g.get("mean_change")), _interval(g.get("change_ci_low"), g.get("change_ci_high"))) for g in gr],
                columns=["group", "n", "mean_pre", "mean_post", "mean_change", "ci95"]),
                numeric=("n", "mean_pre", "mean_post", "mean_change")))
        if so.get("n_rows_not_used"):
            b.append(Paragraph(key="rows_not_used_count", values=_kv(n=so["n_rows_not_used"]), style="small"))
    if s.warnings:
        b += [Heading("warnings", level=4), Items(tuple(s.warnings), style="warnings")]
    return ReportSection(_anchor(i), s.name, tuple(b), comparator=s.role == "comparator")


_ICER_COLUMNS = {"strategy": "option", "cost": "cost_pv", "effect": "value_pv", "inc_cost": "extra_cost",
                 "inc_effect": "extra_value", "icer": "icer", "status": "status", "note": "icer_note"}
_ICER_MONEY = ("cost_pv", "value_pv", "extra_cost", "extra_value")


def _comparison(rep: ReportView) -> ReportSection:
    c = rep.comparison
    b: list[Any] = []
    if c is None:
        b.append(Missing("comparison", rep.comparison_not_computed or "unknown reason"))
        return ReportSection("comparison", "", tuple(b), key="comparison")
    b.append(Paragraph(key="comparison_intro", values=_kv(comparator=c["comparator"], cost=c["cost"],
                                                          measure=c["measure"])))
    frame = pd.DataFrame(c["icers"])
    if not frame.empty:
        frame = frame.rename(columns=lambda k: _ICER_COLUMNS.get(k, k))
        numeric = tuple(k for k in frame.columns if k not in _ICER_MONEY
                        and all(isinstance(x, (int, float)) or x is None for x in frame[k].tolist()))
        money = tuple(k for k in _ICER_MONEY if k in frame.columns)
        b.append(Table(frame, money=money, numeric=numeric, currency=rep.sections[0].info.get("currency") or ""))
    b.append(Paragraph(key="status_legend", style="small"))
    b += [Paragraph(text=w, style="small") for w in c.get("icer_warnings", [])]
    if c.get("psa"):
        b.append(Figure(rep.comparison_charts.get("ce_plane"), "ce_plane_caption"))
        b.append(Figure(rep.comparison_charts.get("ceac"), "ceac_caption"))
        pb = c["psa"]["prob_best_at_1"]
        b.append(Paragraph(key="prob_best", values=_kv(chances=", ".join(f"{k} {_pct(x)}" for k, x in pb.items()))))
    else:
        b.append(Missing("psa", c.get("psa_not_computed", "unknown reason")))
    return ReportSection("comparison", "", tuple(b), key="comparison")


def _appendix(rep: ReportView) -> ReportSection:
    st = rep.settings
    b: list[Any] = [Paragraph(key="methods"), Heading("settings")]
    b.append(KeyValues((("setting_draws", str(st["draws"])), ("setting_seed", str(st["seed"])),
                        ("setting_threads", str(st["threads"])), ("setting_interval", st["interval"]),
                        ("setting_resamples", str(st["soft_resamples"])),
                        ("setting_files", "; ".join(s.source or "(in memory)" for s in rep.sections))),
                       key_label="setting", value_label="value"))
    b += [Heading("defaults_used"), Paragraph(key="defaults_intro", style="small")]
    groups = [(Heading("defaults_report", level=4), [f"{k}: {v}" for k, v in st.get("defaults_used", {}).items()])]
    groups += [(Heading(text=s.name, level=4), [f"{s.name}: {x}" for x in s.defaults]) for s in rep.sections]
    if rep.comparison:
        groups.append((Heading("defaults_comparison", level=4),
                       [f"comparison: {x}" for x in rep.comparison.get("assumptions", [])]))
    shown = 0
    for head, items in groups:
        if items:  # the full text (with the model name) stays in each item, as in the JSON
            shown += len(items)
            b += [head, Items(tuple(items))]
    if not shown:
        b.append(Paragraph(key="no_defaults"))
    unused = [(s.name, so) for s in rep.sections for so in s.soft if so.get("n_rows_not_used")]
    if unused:
        b += [Heading("data_appendix", anchor="data-appendix"),
              Items(tuple(f"{n}, {so['name']}: {_rows_not_used_line(so)}" for n, so in unused))]
    return ReportSection("appendix", "", tuple(b), key="appendix")
