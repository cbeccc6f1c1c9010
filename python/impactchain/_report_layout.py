"""The report laid out as one list of sections of blocks (``_report_blocks``), from
the report's results only, in one language (``_i18n.Words``); the templates draw the
same list as HTML and Markdown. Here: the document, its summary and the comparison; the
section of each model is laid out in ``_report_intervention``, the appendix in
``_report_appendix``. The plain-language sentences of the executive summary
(payback, switching values, how sure, effect sizes) are in ``_report_plain``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from impactchain._i18n import N_, Words
from impactchain._report_appendix import _appendix
from impactchain._report_blocks import (
    Card,
    Cards,
    Figure,
    Heading,
    Missing,
    Paragraph,
    ReportDocument,
    ReportSection,
    Table,
    _items,
    _kv,
)
from impactchain._report_currency import one_unit, ratio_as_money, report_currency
from impactchain._report_intervention import _anchor, _model
from impactchain._report_model import ModelSection, ReportView
from impactchain._report_plain import brief_lines, part_key, ratio_band, ratio_rows, simulated_spread
from impactchain._report_text import _finite, _soft_line, in_language

#: Navigation labels of the keyed sections (the templates look up "nav_" + the section's key).
_NAV = (N_("nav_summary"), N_("nav_comparison"), N_("nav_appendix"))


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
        stream=int(st["stream_version"]),
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
        ratio = _finite(v["sroi_ratio"]) if v and not sec.values_no_outcome else None
        cur = sec.info.get("currency") or ""
        soft = tuple(_soft_line(so, w) for so in sec.soft)
        cards.append(
            Card(
                title=sec.name,
                anchor=_anchor(i),
                comparator=sec.role == "comparator",
                ratio="" if ratio is None else ratio_as_money(w, ratio, cur),  # "€1.58" of social value per €1
                low=ratio is not None and ratio < 1,
                lines=brief_lines(sec, rep.settings, w),
                soft=soft,
                ratio_values=_kv(one=one_unit(w, cur)),
            )
        )
    one = one_unit(w, report_currency(rep.sections))
    blocks: list[Any] = [Paragraph(key=N_("summary_intro"), values=_kv(k=k, n=n, one=one)), Cards(tuple(cards))]
    if rep.summary_charts.get("ratios"):
        described = tuple(_ratio_row(sec, rep.settings, w) for sec in rep.sections)
        blocks.append(
            Figure(rep.summary_charts["ratios"], N_("ratios_caption"), values=_kv(k=k, n=n), described=described)
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


def _ratio_row(sec: ModelSection, settings: Mapping[str, Any], w: Words) -> str:
    """A model's row of the summary's ratio chart in words: ``name: ratio (lower – upper)``; a
    model whose simulation drew no assumption (every one a fixed number) has no interval, and says
    that no uncertainty was given (as the portfolio's chart says it of a member)."""
    ratio = sec.value["sroi_ratio"] if sec.value else None
    if sec.simulation and not simulated_spread(sec.simulation) and _finite(ratio) is not None:
        return w(N_("ratios_fixed"), name=sec.name, ratio=w.num(ratio))
    lo, hi, _ = ratio_band(sec.simulation, settings)
    return ratio_rows([(sec.name, ratio, lo, hi)], w)[0]


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
    one = one_unit(w, report_currency(rep.sections))  # the models compared share one currency
    b.append(Paragraph(key=N_("comparison_intro"), values=_kv(comparator=c["comparator"], one=one)))
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
    b.append(Paragraph(key=N_("status_legend"), values=_kv(one=one), style="small"))
    if c.get("icer_warnings"):
        b.append(_items(c["icer_warnings"], w, style="warnings"))
    if c.get("psa"):
        b.append(Figure(rep.comparison_charts.get("ce_plane"), N_("ce_plane_caption")))
        b.append(Figure(rep.comparison_charts.get("ceac"), N_("ceac_caption"), values=_kv(one=one)))
        pb = c["psa"]["prob_best_at_1"]
        chances = w("list_sep").join(f"{k} {p}" for k, p in zip(pb, w.pcts(list(pb.values()))))
        b.append(Paragraph(key=N_("prob_best"), values=_kv(chances=chances, one=one)))
        evpi = c["psa"].get("evpi_at_1")  # absent from a report written before it was added
        if evpi is not None:
            certain = any(x == 1.0 for x in pb.values())  # one option best in every draw: EVPI 0
            said = N_("comparison_evpi_none") if certain else N_("comparison_evpi")
            amount = w.money(evpi, report_currency(rep.sections))
            b.append(Paragraph(key=said, values=_kv(evpi=amount, one=one, draws=w.integer(c["psa"]["draws"]))))
    else:
        b.append(Missing(N_("psa"), in_language(c.get("psa_not_computed", w("unknown_reason")), w)))
    return ReportSection("comparison", "", tuple(b), key=N_("comparison"))
