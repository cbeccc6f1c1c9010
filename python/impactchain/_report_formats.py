"""The computed report, :class:`Report` (``impactchain.report.Report``, public as
``impactchain.Report``), and what it is written as: HTML and Markdown drawn from the one
layout (``_report_layout``, ``_report_render``), the PDF from the HTML (``_report_pdf``) and
JSON from ``to_dict`` (:data:`REPORT_RENDERERS`), in the report's language or, with
:meth:`Report.in_language`, in another. ``impactchain.report`` builds a report and writes it."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Callable

import pandas as pd

from impactchain._defaults import DEFAULTS
from impactchain._i18n import parse_languages, words
from impactchain._problems import counted
from impactchain._report_compare import comparison_charts
from impactchain._report_currency import one_unit, report_currency
from impactchain._report_layout import document
from impactchain._report_localise import swap_texts, text_swaps
from impactchain._report_model import ModelSection, ReportView, any_illustrative, draw_charts, plots
from impactchain._report_plain import output_band, ratio_band, simulated_spread
from impactchain._report_render import render
from impactchain._report_text import _esc, _names, _num, _pct, _proxies
from impactchain._result import Result, public
from impactchain._result_json import json_ready
from impactchain._summary import Section, interval_words


def _interval_text(level: float = DEFAULTS.level) -> str:
    """The interval in words for the JSON and the notebook, percentages written as the report writes
    them (``95%``, no space)."""
    lo, hi = 50 * (1 - level), 50 * (1 + level)
    return f"{interval_words(level)} (the central {100 * level:g}% of the simulations: {lo:g}th to {hi:g}th percentile)"


# --------------------------------------------------------------------------- the report


@public
@dataclass(frozen=True, eq=False, repr=False)
class Report(ReportView, Result):
    """A computed report; render it with :meth:`to_html`, :meth:`to_markdown`, :meth:`to_pdf`,
    :meth:`to_xlsx`, :meth:`to_dict`.

    ``summary()`` is the :class:`Summary` of the models' headline numbers (``table``, one row
    per model); ``summary_rows()`` the same rows as plain dicts.
    """

    # ---------------------------------------------------------------- data
    @property
    def illustrative(self) -> bool:
        return any_illustrative(self.sections)

    def summary_rows(self) -> list[dict]:
        """One dict per model: its headline numbers and soft outcomes."""
        rows = []
        for s in self.sections:
            v, sim = s.value or {}, s.simulation or {}
            r = sim.get("sroi_ratio") or {}
            # The intervals of the ratio, the present value and the NPV (at interval_level, by the
            # quantiles the simulation summarised), P(ratio > 1) and P(NPV < 0): None where nothing
            # was drawn (every draw is the central valuation: a one-point interval, a 0 or 1 chance).
            spread = simulated_spread(sim)
            pv, npv = (
                output_band(sim, k, self.settings) if spread else (None, None, None) for k in ("present_value", "npv")
            )
            rows.append(
                {
                    "name": s.name,
                    "role": s.role,
                    "currency": s.info.get("currency"),
                    "sroi_ratio": v.get("sroi_ratio"),
                    "interval_level": r.get("level"),
                    "ratio_lower": r.get("lower") if spread else None,
                    "ratio_upper": r.get("upper") if spread else None,
                    "p_ratio_above_1": sim.get("p_ratio_above_1") if spread else None,
                    "present_value": v.get("present_value"),
                    "investment_pv": v.get("investment_pv"),
                    "npv": v.get("npv"),
                    "pv_lower": pv[0],
                    "pv_upper": pv[1],
                    "npv_lower": npv[0],
                    "npv_upper": npv[1],
                    "p_npv_below_0": sim.get("p_npv_below_0") if spread else None,
                    # a payback that never comes has no months (here and in the model's value block,
                    # as the text says "never"); payback_reached says which
                    "payback_months": None if v.get("payback_reached") is False else v.get("payback_months"),
                    "payback_reached": v.get("payback_reached"),
                    "soft_outcomes": [
                        {
                            k: so.get(k)
                            for k in (
                                "id",
                                "name",
                                "unit",
                                "n_used",
                                "mean_pre",
                                "mean_post",
                                "mean_change",
                                "change_ci_low",
                                "change_ci_high",
                                "effect_size",
                                "effect_size_kind",
                                "error",
                            )
                        }
                        for so in s.soft
                    ],
                }
            )
        return rows

    def defaults(self) -> list[str]:
        out = [f"{k}: {v}" for k, v in self.settings.get("defaults_used", {}).items()]
        for s in self.sections:
            out += [f"{s.name}: {d}" for d in s.defaults]
        if self.comparison:
            out += [f"comparison: {a}" for a in self.comparison.get("assumptions", [])]
        return out

    def not_computed(self) -> list[dict]:
        out: list[dict[str, Any]] = [
            {"model": s.name, "section": k, "reason": v} for s in self.sections for k, v in s.not_computed.items()
        ]
        if self.comparison_not_computed:
            out.append({"model": None, "section": "comparison", "reason": self.comparison_not_computed})
        return out

    def _table(self) -> pd.DataFrame:
        """One row per model: the SROI ratio, its interval, P(ratio > 1), present values."""
        rows = [{k: v for k, v in r.items() if k != "soft_outcomes"} for r in self.summary_rows()]
        return pd.DataFrame(rows).set_index("name").rename_axis("model")

    def _sections(self) -> list[Section]:
        return [Section(f"Summary (interval: {_interval_text()})", table=self._table())]

    def _heading(self) -> str:
        return self.title

    def _notes(self) -> list[str]:
        return [f"caveat: {c}" for c in self.caveats] + [f"default: {d}" for d in self.defaults()]

    def __repr__(self) -> str:
        return (
            f"<Report {self.title!r}: {counted(len(self.sections), 'model')}, {counted(len(self.caveats), 'caveat')}>"
        )

    def to_dict(self) -> dict:
        """The report's content as JSON-ready data (numbers unrounded)."""
        models = []
        for s in self.sections:
            v = dict(s.value or {})
            y = v.pop("yearly", None)
            if y is not None:
                v["yearly"] = json_ready(y)
            if v.get("payback_reached") is False:  # never paid back: no months, as in the summary and the text
                v["payback_months"] = None
            sim = {k: val for k, val in (s.simulation or {}).items() if not k.startswith("_")} if s.simulation else None
            models.append(
                {
                    "name": s.name,
                    "role": s.role,
                    "source": s.source,
                    **{k: s.info.get(k) for k in s.info},
                    "value": json_ready(v) if s.value else None,
                    "simulation": json_ready(sim),
                    "soft_outcomes": [
                        json_ready({k: x for k, x in so.items() if not k.startswith("_")}) for so in s.soft
                    ],
                    "unadjusted_outcomes": s.unadjusted,
                    "defaults": s.defaults,
                    "warnings": s.warnings,
                    "not_computed": s.not_computed,
                    "proxies": _proxies(s.model),
                    "investments": _investments(s.model),
                }
            )
        return {
            "type": type(self).__name__,
            "version": self._version,
            "impactchain_report": 1,
            "title": self.title,
            "language": self.lang,
            "illustrative": self.illustrative,
            "settings": json_ready(self.settings),
            "summary": json_ready(self.summary_rows()),
            "caveats": self.caveats,
            "defaults": self.defaults(),
            "not_computed": self.not_computed(),
            "models": models,
            "comparison": json_ready(self.comparison),
        }

    def to_json(self, indent: int = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False, allow_nan=False)

    # ---------------------------------------------------------------- HTML
    def to_html(self) -> str:
        """A self-contained HTML page (inline CSS and SVG, nothing loaded from the network), in the report's language."""
        return render(document(self, words(self.lang)), "html")

    def in_language(self, lang: str) -> Report:
        """The same report (same numbers) in another language: its charts redrawn with labels in ``lang``."""
        langs = parse_languages(lang)
        if len(langs) != 1:
            raise ValueError(f"Report.in_language: give one language ('en' or 'nl'), got {lang!r}")
        lang = langs[0]
        if lang == self.lang:
            return self
        w = words(lang)
        # The model's own text (names, notes …) in that language where the model file gives it.
        swaps = {k: v for s in self.sections for k, v in text_swaps(s.model, lang).items()}
        sections = [_section_in(s, lang, swaps) for s in self.sections]
        for s in sections:
            draw_charts(s, w)
        comparison = swap_texts(self.comparison, swaps, lang)
        rep = dataclasses.replace(
            self,
            title=swap_texts(self.title, swaps, lang),
            sections=sections,
            comparison=comparison,
            caveats=swap_texts(self.caveats, swaps, lang),
            lang=lang,
            summary_charts={},
            comparison_charts=comparison_charts(sections, comparison, w) if comparison else {},
        )
        _summary_chart(rep)
        return rep

    def _repr_html_(self) -> str:
        def band(r: dict, s: ModelSection) -> str:  # every assumption fixed: no interval, no chance
            if s.simulation and not simulated_spread(s.simulation):
                return "<td>n/a (no uncertainty given)</td><td>n/a</td>"
            return f"<td>{_num(r['ratio_lower'])} – {_num(r['ratio_upper'])}</td><td>{_pct(r['p_ratio_above_1'])}</td>"

        rows = "".join(
            f"<tr><td>{_esc(r['name'])}</td><td>{_num(r['sroi_ratio'])}</td>{band(r, s)}</tr>"
            for r, s in zip(self.summary_rows()[:20], self.sections)
        )
        more = len(self.sections) - 20
        level = ratio_band(self.sections[0].simulation if self.sections else None, self.settings)[2]
        return (
            f"<div><b>{_esc(self.title)}</b><table><tr><th>Model</th><th>SROI ratio</th>"
            f"<th>{interval_words(level)}</th><th>P(ratio &gt; 1)</th></tr>{rows}</table>"
            + (f"<p><small>… {more:,} more rows</small></p>" if more > 0 else "")
            + f"<small>{len(self.caveats)} caveats; .to_html() for the full report</small></div>"
        )

    # ---------------------------------------------------------------- PDF
    def to_pdf(self) -> bytes:
        """The HTML report as a tagged (PDF/UA-1) A4 PDF: page numbers, a contents list with
        pages, no chart split from its heading; nothing is fetched from files or the network.
        Needs WeasyPrint (``pip install "impactchain[pdf]"``)."""
        from impactchain._report_pdf import html_to_pdf

        return html_to_pdf(render(document(self, words(self.lang)), "paged"))

    # ---------------------------------------------------------------- Markdown
    def to_markdown(self) -> str:
        """The same content as the HTML report, as Markdown (charts are described, not drawn)."""
        return render(document(self, words(self.lang)), "md")

    # ---------------------------------------------------------------- Excel
    def to_xlsx(self) -> bytes:
        """The same content as an Excel workbook: a sheet per part of the report, in its language,
        table cells as numbers in their column's format (charts described, not drawn)."""
        from impactchain._report_xlsx import workbook

        return workbook(document(self, words(self.lang)))


def _investments(model: Any) -> list[dict]:
    """The model's investments as the report lists them: the funder (its id, and its name as the
    report shows it), the year and the description the model file gives (None without one)."""
    names = _names(model)["stakeholder"]
    return [
        {
            "funder": inv.get("funder"),
            "funder_name": names.get(inv.get("funder"), inv.get("funder")),
            "year": inv.get("year"),
            "description": inv.get("description") or None,
        }
        for inv in model.investments or []
    ]


def _section_in(s: ModelSection, lang: str, swaps: Mapping[str, str]) -> ModelSection:
    """A model's section with its model's text in ``lang`` (charts to be redrawn)."""
    if not swaps:
        return dataclasses.replace(s, charts={})
    model = s.model.localised(lang) if getattr(s.model, "texts", None) else s.model
    fields = ("name", "info", "value", "simulation", "soft", "not_computed", "defaults", "warnings", "unadjusted")
    return dataclasses.replace(
        s,
        charts={},
        model=model,
        quantities=swap_texts(s.quantities, swaps, lang),
        **{f: swap_texts(getattr(s, f), swaps, lang) for f in fields},
    )


def _summary_chart(report: Report) -> None:
    """The summary's chart of every model's ratio and interval (several models, all computed, each
    valuing some outcome in money: the summary shows no ratio for a model that values none)."""
    values = [s.value for s in report.sections]
    ratios = all(v is not None for v in values) and not any(s.values_no_outcome for s in report.sections)
    if len(report.sections) > 1 and ratios and all(s.simulation for s in report.sections):
        w = words(report.lang)
        bands = [ratio_band(s.simulation, report.settings) for s in report.sections]
        # A model whose assumptions are all fixed has no interval to draw (its dot only; the
        # chart's text says "no uncertainty given"), not a line from a value to itself.
        drawn = [simulated_spread(s.simulation) for s in report.sections]
        report.summary_charts["ratios"] = plots.ratio_intervals(
            [s.name for s in report.sections],
            [v["sroi_ratio"] for v in values if v is not None],
            [b[0] if d else None for b, d in zip(bands, drawn)],
            [b[1] if d else None for b, d in zip(bands, drawn)],
            roles=[s.role for s in report.sections],
            xlabel=w("chart_ratio_axis_per", one=one_unit(w, report_currency(report.sections))),
            level=bands[0][2],
            lang=w,
        )


#: What a report can be written as, format -> renderer; a new format (Excel) is one more entry here.
REPORT_RENDERERS: dict[str, Callable[[Report], str | bytes]] = {
    "html": lambda r: r.to_html(),
    "md": lambda r: r.to_markdown(),
    "json": lambda r: r.to_json() + "\n",
    "pdf": lambda r: r.to_pdf(),
    "xlsx": lambda r: r.to_xlsx(),
}
