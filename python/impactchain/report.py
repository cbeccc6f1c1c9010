"""Impact reports a municipality can read: HTML (self-contained), Markdown, JSON, PDF,
in English or Dutch (``lang``: every word from the message catalogues, numbers,
money and dates in the reader's locale; JSON stays locale-free).

``build_report`` runs everything a report needs for one or more models
(valuation, Monte Carlo, soft-outcome summaries from their CSV data, and a
comparison with the comparator) and returns a :class:`Report`;
``write_report`` does that from model files and writes the report files.

The formats carry the same content (the PDF is the HTML page on A4 pages, with
page numbers and a contents list; see ``impactchain._report_pdf``): the summary first (per model, in plain
words: what was put in, what came back per euro from the central assumptions, how
sure in words, what it rests on most, what was not valued in money, payback; then
the caveats), one section per intervention, the comparison, and an appendix with
the methods, every assumption and default, and a glossary. A section whose input could
not be computed says so and why; nothing is left out silently. All user text is
escaped; the HTML loads nothing from the network.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pandas as pd

from impactchain._core import __version__
from impactchain._defaults import DEFAULTS
from impactchain._i18n import LANGUAGES, N_, parse_languages, words

# The computation and the rendering live in the _report_* modules; the names
# below stay importable from impactchain.report (WTP_GRID, check_csv and _md
# are not used here).
from impactchain._report_compare import WTP_GRID, _comparison, comparison_charts  # noqa: F401
from impactchain._report_csv import DataFileError, check_csv  # noqa: F401
from impactchain._report_layout import document
from impactchain._report_localise import swap_texts, text_swaps
from impactchain._report_model import (
    SOFT_RESAMPLES,
    ModelSection,
    Progress,
    ReportView,
    _compute_model,
    draw_charts,
    plots,
)
from impactchain._report_plain import part_key, ratio_band
from impactchain._report_render import render
from impactchain._report_text import Said, Share, SlotLabel, _esc, _md, _num, _pct, _proxies  # noqa: F401
from impactchain._result import Result, public
from impactchain._result_json import json_ready
from impactchain._summary import Section, interval_words
from impactchain.io import base_dir as _base_dir
from impactchain.io import load

__all__ = ["Report", "build_report", "write_report", "DataFileError", "DEFAULT_DRAWS", "DEFAULT_SEED"]

DEFAULT_DRAWS = DEFAULTS.draws  # kept names: the values live in impactchain._defaults
DEFAULT_SEED = DEFAULTS.seed


def _interval_text(level: float = DEFAULTS.level) -> str:
    lo, hi = 50 * (1 - level), 50 * (1 + level)
    return (
        f"{interval_words(level)} (the central {100 * level:g} % of the simulations: {lo:g}th to {hi:g}th percentile)"
    )


# --------------------------------------------------------------------------- the report


@public
@dataclass(frozen=True, eq=False, repr=False)
class Report(ReportView, Result):
    """A computed report; render it with :meth:`to_html`, :meth:`to_markdown`, :meth:`to_dict`.

    ``summary()`` is the :class:`Summary` of the models' headline numbers (``table``, one row
    per model); ``summary_rows()`` the same rows as plain dicts.
    """

    # ---------------------------------------------------------------- data
    @property
    def illustrative(self) -> bool:
        return any("illustrative" in (s.info.get("notes") or "").lower() for s in self.sections)

    def summary_rows(self) -> list[dict]:
        """One dict per model: its headline numbers and soft outcomes."""
        rows = []
        for s in self.sections:
            v, sim = s.value or {}, s.simulation or {}
            r = sim.get("sroi_ratio") or {}
            rows.append(
                {
                    "name": s.name,
                    "role": s.role,
                    "currency": s.info.get("currency"),
                    "sroi_ratio": v.get("sroi_ratio"),
                    "interval_level": r.get("level"),
                    "ratio_lower": r.get("lower"),
                    "ratio_upper": r.get("upper"),
                    "p_ratio_above_1": sim.get("p_ratio_above_1"),
                    "present_value": v.get("present_value"),
                    "investment_pv": v.get("investment_pv"),
                    "npv": v.get("npv"),
                    "payback_months": v.get("payback_months"),
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
        """One row per model: social value per euro, its interval, P(ratio > 1), present values."""
        rows = [{k: v for k, v in r.items() if k != "soft_outcomes"} for r in self.summary_rows()]
        return pd.DataFrame(rows).set_index("name").rename_axis("model")

    def _sections(self) -> list[Section]:
        return [Section(f"Summary (interval: {_interval_text()})", table=self._table())]

    def _heading(self) -> str:
        return self.title

    def _notes(self) -> list[str]:
        return [f"caveat: {c}" for c in self.caveats] + [f"default: {d}" for d in self.defaults()]

    def __repr__(self) -> str:
        return f"<Report {self.title!r}: {len(self.sections)} model(s), {len(self.caveats)} caveat(s)>"

    def to_dict(self) -> dict:
        """The report's content as JSON-ready data (numbers unrounded)."""
        models = []
        for s in self.sections:
            v = dict(s.value or {})
            y = v.pop("yearly", None)
            if y is not None:
                v["yearly"] = json_ready(y)
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
        rows = "".join(
            f"<tr><td>{_esc(r['name'])}</td><td>{_num(r['sroi_ratio'])}</td>"
            f"<td>{_num(r['ratio_lower'])} – {_num(r['ratio_upper'])}</td><td>{_pct(r['p_ratio_above_1'])}</td></tr>"
            for r in self.summary_rows()[:20]
        )
        more = len(self.sections) - 20
        level = ratio_band(self.sections[0].simulation if self.sections else None, self.settings)[2]
        return (
            f"<div><b>{_esc(self.title)}</b><table><tr><th>Model</th><th>Social value per euro</th>"
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


def model_language(models: Sequence[Any]) -> str | None:
    """The report language the models' files ask for (``language: nl``): the first model's, when it is
    one the report speaks; None when no model says."""
    for m in models:
        lang = (getattr(m, "language", None) or "").split("-")[0]
        if lang:
            return lang if lang in LANGUAGES else None
    return None


def _caveats(sections: list[ModelSection], comparison: dict | None) -> list[str]:
    """The summary's caveats in plain words (each a ``Said``: English text, drawn in every language)."""
    out: list[str] = []
    for s in sections:
        sim = s.simulation or {}
        tor = sorted(sim.get("tornado") or [], key=lambda t: -abs((t["high"] or 0) - (t["low"] or 0)))[:3]
        if tor:
            out.append(
                Said(
                    N_("caveat_depends"),
                    name=s.name,
                    items=[
                        Said(
                            N_("caveat_depends_item"),
                            assumption=SlotLabel(t["name"], s.model),
                            low=float(min(t["low"], t["high"])),
                            high=float(max(t["low"], t["high"])),
                        )
                        for t in tor
                    ],
                )
            )
        p = sim.get("p_ratio_above_1")
        if p is not None and 0.05 < p < 0.95:
            out.append(Said(N_("caveat_uncertain"), name=s.name, share=Share(p)))
        if s.unadjusted:
            out.append(Said(N_("caveat_unadjusted"), name=s.name, outcomes=list(s.unadjusted)))
        for k, why in s.not_computed.items():
            out.append(Said(N_("caveat_not_computed"), name=s.name, part=Said(part_key(k)), why=why))
        for so in s.soft:
            if so.get("error"):
                out.append(Said(N_("caveat_soft_error"), name=s.name, outcome=so["name"], error=so["error"]))
            elif so.get("n_rows_not_used"):
                out.append(Said(N_("caveat_soft_rows"), name=s.name, outcome=so["name"], n=so["n_rows_not_used"]))
        if any(so.get("n_used") is not None and so["n_used"] < 30 for so in s.soft if not so.get("error")):
            out.append(Said(N_("caveat_few_respondents"), name=s.name))
    counts = [Said(N_("caveat_defaults_item"), name=s.name, n=len(s.defaults)) for s in sections if s.defaults]
    if counts:
        out.append(Said(N_("caveat_defaults"), items=counts))
    if any(s.soft for s in sections):
        out.append(Said(N_("caveat_soft_not_money")))
    if comparison is not None:
        out.append(Said(N_("caveat_comparison")))
    if any("illustrative" in (s.info.get("notes") or "").lower() for s in sections):
        out.insert(0, Said(N_("caveat_illustrative")))
    return out


def _summary_chart(report: Report) -> None:
    """The summary's chart of every model's ratio and interval (several models, all computed)."""
    values = [s.value for s in report.sections]
    if len(report.sections) > 1 and all(v is not None for v in values) and all(s.simulation for s in report.sections):
        w = words(report.lang)
        bands = [ratio_band(s.simulation, report.settings) for s in report.sections]
        report.summary_charts["ratios"] = plots.ratio_intervals(
            [s.name for s in report.sections],
            [v["sroi_ratio"] for v in values if v is not None],
            [b[0] for b in bands],
            [b[1] for b in bands],
            roles=[s.role for s in report.sections],
            xlabel=w("chart_ratio_axis"),
            level=bands[0][2],
            lang=w,
        )


def build_report(
    models: Any,
    *,
    draws: int | None = None,
    seed: int | None = None,
    threads: int | None = None,
    comparator: str | None = None,
    base_dirs: Sequence[str | Path | None] | None = None,
    title: str | None = None,
    progress: Progress | None = None,
    sources: Sequence[str | None] | None = None,
    allow_outside_data: bool = False,
    ids: bool = True,
    lang: str | None = None,
) -> Report:
    """Computes a report for one or more models.

    Parameters
    ----------
    models : impactchain.Model or path, or a sequence of them
    draws : int, default ``DEFAULTS.draws`` (5000)
        Monte Carlo draws per model (>= 100).
    seed : int, default ``DEFAULTS.seed`` (2026)
        Seed of the simulation and of the soft-outcome bootstrap; same seed, same report.
    threads : int, default ``DEFAULTS.threads`` (0 = all cores)
        Threads; the numbers do not depend on it.
    comparator : str, optional
        Name of the comparator model; default the model with ``role: comparator``
        (else the first model), recorded as an assumption.
    base_dirs : sequence of paths, optional
        Directory each model's data paths are relative to; default the model
        file's directory (models read with ``impactchain.load``) or the working directory.
    allow_outside_data : bool, default False
        Read data files (soft outcomes' ``data``) that lie outside their model's
        folder or are given as absolute paths; refused otherwise (DataFileError).
    ids : bool, default True
        List the respondent ids (or data-file lines) of the survey rows not used in
        the JSON and the data appendix; ``False`` leaves them out (the counts stay),
        for a report meant for publication.
    lang : {"en", "nl"}, optional
        Language of the report's words, numbers, money and dates (and chart labels), and of
        the model's own text where the model file gives it in several languages; default
        the first model file's ``language`` (when en or nl), else English — the choice is
        listed with the report's defaults. :meth:`Report.in_language` gives the same report
        in the other language.
    """
    say = progress or (lambda _msg: None)
    if lang is not None:
        langs = parse_languages(lang)
        if len(langs) != 1:
            raise ValueError(
                f"build_report: lang must be one language ('en' or 'nl'), got {lang!r}; "
                "write_report writes several, or use Report.in_language"
            )
        lang = langs[0]
    if isinstance(models, (str, Path)) or hasattr(models, "chain"):  # one model
        models = [models]
    if not isinstance(ids, bool):
        raise TypeError(f"build_report: ids must be True or False, got {ids!r}")
    if not models:
        raise ValueError("build_report: give at least one model")
    defaults_used = {}
    if draws is None:
        draws = DEFAULTS.draws
        defaults_used["draws"] = Said(N_("default_draws"), draws=DEFAULTS.draws)
    if seed is None:
        seed = DEFAULTS.seed
        defaults_used["seed"] = Said(N_("default_seed"), seed=DEFAULTS.seed)
    if threads is None:
        threads = DEFAULTS.threads
    if int(draws) < 100:
        raise ValueError(f"build_report: draws must be >= 100, got {draws}")
    loaded: list[Any] = []
    srcs: list[str | None] = []
    for i, m in enumerate(models):
        if isinstance(m, (str, Path)):
            say(f"reading {m}")
            srcs.append(str(m))
            loaded.append(load(m))
        else:
            srcs.append(sources[i] if sources else m.source_path)
            loaded.append(m)
    if base_dirs is not None and len(base_dirs) != len(loaded):
        raise ValueError(f"build_report: base_dirs has {len(base_dirs)} entries for {len(loaded)} models")
    if lang is None:
        asked = model_language(loaded)
        lang = asked or "en"
        defaults_used["language"] = Said(
            N_("default_language_model") if asked else N_("default_language_en"), lang=lang
        )
    # Each model's own text in the report's language (where its file gives several).
    loaded = [m.localised(lang) if getattr(m, "texts", None) else m for m in loaded]
    sections = []
    for i, m in enumerate(loaded):
        given = base_dirs[i] if base_dirs is not None else None
        bd = Path(given) if given is not None else _base_dir(m)
        # Model i draws with seed + i: independent streams, so that no two models'
        # parameters share uniforms (which would correlate them spuriously).
        sections.append(
            _compute_model(
                m,
                srcs[i],
                bd,
                draws=int(draws),
                seed=int(seed) + i,
                threads=int(threads),
                say=say,
                allow_outside_data=bool(allow_outside_data),
                lang=lang,
            )
        )
    if not ids:  # counts stay; respondent ids and data-file lines are left out
        for s in sections:
            for so in s.soft:
                if "rows_not_used" in so:
                    so["rows_not_used"] = []
    names = [s.name for s in sections]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise ValueError(f"build_report: model names must be unique, repeated: {dup}")
    comp, comp_charts, comp_missing = _comparison(sections, comparator, say, words(lang))
    settings = {
        "draws": int(draws),
        "seed": int(seed),
        "threads": int(threads),
        "comparator": comparator,
        "soft_resamples": SOFT_RESAMPLES,
        "interval": _interval_text(),
        "generated": _dt.date.today().isoformat(),
        "impactchain_version": __version__,
        "respondent_ids": bool(ids),
        "defaults_used": defaults_used,
    }
    report = Report(
        title=title
        or (Said(N_("title_one"), name=names[0]) if len(names) == 1 else Said(N_("title_many"), n=len(names))),
        sections=sections,
        comparison=comp,
        comparison_charts=comp_charts,
        comparison_not_computed=comp_missing,
        settings=settings,
        caveats=_caveats(sections, comp),
        lang=lang,
    )
    _summary_chart(report)
    return report


#: What a report can be written as, format -> renderer; a new format (Excel) is one more entry here.
REPORT_RENDERERS: dict[str, Callable[[Report], str | bytes]] = {
    "html": lambda r: r.to_html(),
    "md": lambda r: r.to_markdown(),
    "json": lambda r: r.to_json() + "\n",
    "pdf": lambda r: r.to_pdf(),
}

#: What a directory receives when no formats are asked (PDF on request: ``formats="html,pdf"``, or ``-o x.pdf``).
DEFAULT_FORMATS = ("html", "md", "json")

#: Where ``write_report`` writes without an output path: ``./report/report.<ext>``.
DEFAULT_OUTPUT_DIR = "report"


def _data_files(model: Any) -> list[Path]:
    """The data files a model's soft outcomes read (relative to the model file's directory)."""
    md = json.loads(model.to_json())
    bd = _base_dir(model)
    return [bd / s["data"] for s in md.get("soft_outcomes") or [] if isinstance(s.get("data"), str)]


def write_report(
    model_paths: Sequence[str | Path],
    output: str | Path | None = None,
    *,
    draws: int | None = None,
    seed: int | None = None,
    threads: int | None = None,
    comparator: str | None = None,
    formats: str | Iterable[str] | None = None,
    progress: Progress | None = None,
    title: str | None = None,
    allow_outside_data: bool = False,
    ids: bool = True,
    lang: str | Iterable[str] | None = None,
) -> list[Path]:
    """Builds the report of the model files and writes it; returns the paths written.

    ``output`` is a file, written in the one format its extension names
    (``report.html``, ``notes.md``, ``numbers.json``, ``print.pdf``), or a directory (existing,
    ending in ``/``, or without an extension), which receives ``report.html``,
    ``report.md`` and ``report.json`` (or the ``formats`` asked, e.g. ``"html,json,pdf"``);
    default ``./report/``. The output path and format are checked before any
    computing; the files are replaced atomically, all together or none, and a
    model or data file of the run is never overwritten (see ``impactchain._output``).
    ``allow_outside_data`` lets a model read data files outside its own directory;
    ``ids=False`` leaves respondent ids out of the report (see :func:`build_report`).
    ``lang`` is ``"en"``, ``"nl"`` or several (``"nl,en"``): with one language the files are
    named as above; with several, each file gets the language before its extension
    (``report.nl.html``, ``report.en.html``), computed once and written in each language.
    Without ``lang``, the first model file's ``language`` (en or nl), else English.
    """
    from impactchain._output import plan_outputs, write_all

    say = progress or (lambda _msg: None)
    paths = [Path(model_paths)] if isinstance(model_paths, (str, Path)) else [Path(p) for p in model_paths]
    langs = parse_languages(lang) if lang is not None else None
    plan = language_plan(
        plan_outputs(
            output,
            formats,
            available=tuple(REPORT_RENDERERS),
            default_dir=DEFAULT_OUTPUT_DIR,
            inputs=paths,
            default_formats=DEFAULT_FORMATS,
        ),
        langs or ("en",),  # one language either way: the files' names do not depend on which
    )
    if "pdf" in plan.formats:
        from impactchain._report_pdf import _weasyprint

        _weasyprint()  # missing WeasyPrint is said before any computing
    models = []
    for p in paths:
        say(f"reading {p}")
        models.append(load(p))
    plan = plan.with_inputs(f for m in models for f in _data_files(m))
    extra: dict[str, Any] = {"allow_outside_data": True} if allow_outside_data else {}
    rep = build_report(
        models,
        draws=draws,
        seed=seed,
        threads=threads,
        comparator=comparator,
        progress=progress,
        title=title,
        sources=[str(p) for p in paths],
        ids=ids,
        lang=langs[0] if langs else None,
        **extra,
    )
    contents: dict[str, str | bytes] = {}
    for key in plan.formats:
        lg, _, fmt = key.rpartition(":")
        contents[key] = REPORT_RENDERERS[fmt](rep.in_language(lg or rep.lang))
    return write_all(plan, contents, progress=progress)


def language_plan(plan: Any, langs: Sequence[str]) -> Any:
    """With several languages, each planned file once per language (``report.nl.html``),
    its format named ``"nl:html"``; with one language, the plan as it is."""
    from impactchain._output import OutputPlan

    if len(langs) < 2:
        return plan
    files = tuple((f"{lg}:{fmt}", p.with_name(f"{p.stem}.{lg}{p.suffix}")) for lg in langs for fmt, p in plan.files)
    return OutputPlan(plan.directory, files, plan.inputs).with_inputs(())
