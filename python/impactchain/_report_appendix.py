"""The appendix of the report's layout (``_report_layout``): the methods with the central value
beside the simulations' median and mean, the settings of the run, every default used, the
survey rows not used (the data appendix) and the glossary."""

from __future__ import annotations

from typing import Any

import pandas as pd

from impactchain._i18n import N_, Words
from impactchain._report_blocks import Heading, Items, KeyValues, Paragraph, ReportSection, Table, _kv
from impactchain._report_currency import one_unit, report_currency
from impactchain._report_discount import discounts_in_report
from impactchain._report_model import ReportView, below_central
from impactchain._report_plain import GLOSSARY, ratio_band
from impactchain._report_text import _finite, _rows_not_used_line, in_language, is_foreign


def _central_table(rep: ReportView, w: Words) -> list[Any]:
    """The central value beside the simulations' median and mean, and the share of the simulations
    below it (where it sits among them), per model (methods only)."""
    rows: list[tuple[str, Any, Any, Any, Any]] = []
    for s in rep.sections:
        sim = s.simulation or {}
        r = sim.get("sroi_ratio") or {}
        if s.values_no_outcome and r:  # a ratio of 0 in every draw says nothing of the outcomes
            rows.append((s.name, w("n_a"), w("n_a"), w("n_a"), w("n_a")))
            continue
        rows.append(
            (
                s.name,
                _finite(s.value["sroi_ratio"]) if s.value else None,
                _finite(r.get("p50")),
                _finite(r.get("mean")),
                below_central(s),
            )
        )
    if not any(isinstance(x[2], float) for x in rows):  # no model with simulated ratios
        return []
    columns = [N_("model"), N_("central_value"), N_("sim_median"), N_("sim_mean"), N_("sim_share_below")]
    return [
        Heading(N_("central_vs_simulation"), level=4),
        Paragraph(key=N_("central_vs_simulation_text"), style="small"),
        Table(
            pd.DataFrame(rows, columns=columns),
            numeric=("central_value", "sim_median", "sim_mean"),
            percent=("sim_share_below",),
        ),
    ]


def _methods(rep: ReportView, level: float, w: Words) -> Paragraph:
    """The method in one paragraph, with the discounting the models used (the one rate all share, or
    each model's) and its conventions, which the report's valuations share."""
    k, n = w.odds(level)
    d = next((s.value["discount"] for s in rep.sections if s.value and s.value.get("discount")), None)
    first_year = d["first_year_discounted"] if d else True
    discounted = d["investments_discounted"] if d else False
    values = _kv(
        level=w.pct(level),
        k=k,
        n=n,
        discount=discounts_in_report(rep.sections, w),
        first_year=w(N_("pv_first_year_once") if first_year else N_("pv_first_year_not")),
        investments=w(N_("pv_investment_discounted") if discounted else N_("pv_investment_sum")),
    )
    return Paragraph(key=N_("methods"), values=values)


#: Report-level defaults (``settings["defaults_used"]`` keys) as the appendix names them.
_DEFAULT_PREFIX = {
    "draws": N_("prefix_draws"),
    "seed": N_("prefix_seed"),
    "stream": N_("prefix_stream"),
    "language": N_("prefix_language"),
}


def _appendix(rep: ReportView, w: Words) -> ReportSection:
    st = rep.settings
    level = ratio_band(rep.sections[0].simulation if rep.sections else None, st)[2]
    k, n = w.odds(level)
    b: list[Any] = [_methods(rep, level, w)]
    b += _central_table(rep, w)
    b.append(Heading(N_("settings")))
    b.append(
        KeyValues(
            (
                (N_("setting_draws"), w.integer(st["draws"])),
                (N_("setting_seed"), str(st["seed"])),
                (N_("setting_stream"), str(st["stream_version"])),
                # 0 asks for every core: a reader would take a bare 0 for none
                (N_("setting_threads"), w("threads_all") if st["threads"] == 0 else str(st["threads"])),
                (N_("setting_interval"), w("interval_setting", level=w.pct(level), k=k, n=n)),
                (N_("setting_resamples"), w.integer(st["soft_resamples"])),
                (N_("setting_language"), w("language_name")),
                (N_("setting_files"), "; ".join(s.source or w("in_memory") for s in rep.sections)),
            ),
            key_label=N_("setting"),
            value_label=N_("value"),
            # the numbers as numbers (Excel): counts with their thousands separator, ids as written
            numbers=(
                (st["draws"], "count"),
                (st["seed"], "whole"),
                (st["stream_version"], "whole"),
                (None if st["threads"] == 0 else st["threads"], "whole"),
                (None, ""),
                (st["soft_resamples"], "count"),
                (None, ""),
                (None, ""),
            ),
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
    level = ratio_band(None, rep.settings)[2]  # the interval the report's figures give
    k, n = w.odds(level)
    # What a meaning may name: the interval, the report's unit of money, the discounting it used.
    named = {
        "k": k,
        "n": n,
        "level": w.pct(level),
        "one": one_unit(w, report_currency(rep.sections)),
        "rates": discounts_in_report(rep.sections, w),
    }
    b += [
        Heading(N_("glossary"), anchor="glossary"),
        Paragraph(key=N_("glossary_intro"), style="small"),
        Table(
            pd.DataFrame(
                [(w(term), w(meaning, **named)) for term, meaning in GLOSSARY],
                columns=[N_("term"), N_("meaning")],
            )
        ),
    ]
    return ReportSection("appendix", "", tuple(b), key=N_("appendix"))
