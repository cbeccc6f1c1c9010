"""The portfolio report's first part, the members side by side (impactchain._report_portfolio):
the table of each member's forecast and actual (n/a where no uncertainty was given), the chart of
their SROI ratios with their intervals, where each member stands in its group, and the composite
index (impactchain._report_portfolio_composite)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from impactchain._defaults import DEFAULTS
from impactchain._i18n import N_, Words
from impactchain._report_blocks import Figure, Paragraph, ReportSection, Table, _kv
from impactchain._report_currency import one_unit
from impactchain._report_plain import ratio_rows
from impactchain._report_portfolio_blocks import BASIS, interval_cell, named, section, titled
from impactchain._report_portfolio_composite import composite_blocks
from impactchain._report_text import Count, Said, in_language


def _fixed(r: Mapping[str, Any], actual: bool = False) -> bool:
    """Whether every assumption of a member's forecast (``actual``: of its actuals) is a fixed
    number: no uncertainty given, its interval one value and its P(ratio > 1) 0 or 1."""
    v = r.get("actual_fixed_inputs" if actual else "fixed_inputs")
    return isinstance(v, (bool, np.bool_)) and bool(v)  # None (no actuals) or missing: not said


def _ratio_rows(res: Any, w: Words) -> list[tuple[str, Any, Any, Any, bool]]:
    """The rows of the ratio chart: (label, ratio, lower, upper, no uncertainty given) of each
    member's forecast and, below it, of its actual where it has actuals (each label then names
    its basis)."""
    records = res.members.to_dict("records")
    both = any(pd.notna(r["actual_present_value"]) for r in records)
    rows = []
    for r in records:
        name = r["member"]
        label = w(N_("pf_ratio_chart_row"), member=name, basis=w(BASIS["forecast"])) if both else name
        rows.append((label, r["sroi_ratio"], r["ratio_lower"], r["ratio_upper"], _fixed(r)))
        if pd.notna(r["actual_present_value"]):
            label = w(N_("pf_ratio_chart_row"), member=name, basis=w(BASIS["actual"]))
            rows.append(
                (label, r["actual_sroi_ratio"], r["actual_ratio_lower"], r["actual_ratio_upper"], _fixed(r, True))
            )
    return rows


def _ratio_chart(res: Any, w: Words) -> list[Any]:
    """The members' SROI ratios side by side: each central ratio with its simulation interval, as
    the summary of a report of several models draws them, the forecast's and, beside it, the
    actual's where there are actuals (none when no member has a ratio)."""
    from impactchain import plots

    m = res.members
    if not len(m) or m["sroi_ratio"].isna().all():
        return []
    level = DEFAULTS.level  # of every member's simulation (the portfolio sets no other)
    k, n = w.odds(level)
    rows = _ratio_rows(res, w)
    both = m["actual_present_value"].notna().any()
    title = w(N_("pf_ratio_chart_title") if both else N_("pf_ratio_chart_title_forecast"), level=w.pct(level))
    svg = plots.ratio_intervals(
        [r[0] for r in rows],
        [float(r[1]) for r in rows],
        [float(r[2]) for r in rows],
        [float(r[3]) for r in rows],
        xlabel=w("chart_ratio_axis_per", one=one_unit(w, res.currency)),
        level=level,
        title=title,
        lang=w,
    )
    described = [
        w(N_("pf_ratio_chart_fixed"), name=name, ratio=w.num(x)) if fixed else ratio_rows([(name, x, lo, hi)], w)[0]
        for name, x, lo, hi, fixed in rows
    ]
    caption = N_("pf_ratio_chart_caption") if both else N_("pf_ratio_chart_caption_forecast")
    return [Figure(svg, caption, values=_kv(k=k, n=n), described=tuple(described))]


def _percentiles(res: Any, w: Words) -> list[Any]:
    """Where each member stands in its group: its forecast's ratio among the group's forecasts
    and, where there are actuals, its actual's among the group's actuals."""
    ms = res.measures
    pct = ms[ms["measure"] == "sroi_ratio"]
    if not len(pct):
        return []

    def whole(measure: str) -> pd.Series:  # whole numbers (a half up, 62.5 is 63), n/a where a member has none
        x = ms[ms["measure"] == measure].set_index("member")["percentile_in_group"].reindex(pct["member"])
        shown = [w(N_("n_a")) if pd.isna(v) else int(np.floor(float(v) + 0.5)) for v in x]
        return pd.Series(shown, index=pct.index, dtype=object)

    columns = {
        N_("pf_col_member"): pct["member"],
        N_("pf_col_group"): named(res, w, None, "text", pct["group"]),
        N_("pf_percentiles_col_forecast"): whole("sroi_ratio"),
    }
    if res.members["actual_present_value"].notna().any() and (ms["measure"] == "actual_sroi_ratio").any():
        columns[N_("pf_percentiles_col_actual")] = whole("actual_sroi_ratio")
    numeric = (N_("pf_percentiles_col_forecast"), N_("pf_percentiles_col_actual"))
    return titled(N_("pf_percentiles"), columns, text=N_("pf_percentiles_text"), numeric=numeric)


def intro(res: Any, w: Words) -> Paragraph:
    """The section's opening sentence: how many members, on which footing. "1 project", not "1
    projecten" (the catalogue's wording for a count of one, ``_i18n.SINGULARS``), the count with
    the language's thousands separator (1,000; the price year as it is written)."""
    said = Said(N_("pf_intro"), n=Count(len(res.members)), currency=res.currency, price_year=str(res.price_year))
    return Paragraph(text=in_language(said, w))


def members_section(res: Any, w: Words) -> ReportSection:
    m = res.members
    rows = []
    none = w(N_("pf_no_uncertainty"))  # a member without uncertainty: no interval, no chance
    for r in m.to_dict("records"):
        # The actual's ratio, interval and chance (the index uses them) beside the forecast's;
        # n/a for a member without actuals, as its actual ratio.
        actual = pd.notna(r["actual_present_value"])
        fixed, actual_fixed = _fixed(r), actual and _fixed(r, True)
        rows.append(
            {
                N_("pf_col_member"): r["member"],
                N_("pf_col_group"): named(res, w, None, "text", [r["group"]])[0],
                N_("pf_col_pv"): r["present_value"],
                N_("pf_col_npv"): r["npv"],
                N_("pf_col_ratio"): float("nan") if pd.isna(r["sroi_ratio"]) else float(r["sroi_ratio"]),
                N_("pf_col_interval"): none if fixed else interval_cell(r["ratio_lower"], r["ratio_upper"]),
                N_("pf_col_p_above_1"): none if fixed else r["p_ratio_above_1"],
                # NaN, not None: n/a also where no member has actuals (a column of None only shows nothing)
                N_("pf_col_actual_ratio"): float("nan")
                if pd.isna(r["actual_sroi_ratio"])
                else float(r["actual_sroi_ratio"]),
                N_("pf_col_actual_interval"): none
                if actual_fixed
                else (actual and interval_cell(r["actual_ratio_lower"], r["actual_ratio_upper"])) or w(N_("n_a")),
                N_("pf_col_actual_p_above_1"): none
                if actual_fixed
                else (r["actual_p_ratio_above_1"] if actual else None),
            }
        )
    blocks: list[Any] = [
        intro(res, w),
        Table(
            pd.DataFrame(rows),
            money=(N_("pf_col_pv"), N_("pf_col_npv")),
            percent=(N_("pf_col_p_above_1"), N_("pf_col_actual_p_above_1")),
            numeric=(N_("pf_col_ratio"), N_("pf_col_actual_ratio")),  # n/a where not defined or without actuals
            intervals=(N_("pf_col_interval"), N_("pf_col_actual_interval")),
            currency=res.currency,
        ),
    ]
    return section("members", blocks + _ratio_chart(res, w) + _percentiles(res, w) + composite_blocks(res, w))
