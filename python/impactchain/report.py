"""Impact reports a municipality can read: HTML (self-contained), Markdown, JSON, PDF,
in English or Dutch (``lang``: every word from the message catalogues, numbers,
money and dates in the reader's locale; JSON stays locale-free).

``build_report`` runs everything a report needs for one or more models
(valuation, Monte Carlo, soft-outcome summaries from their CSV data, and a
comparison with the comparator) and returns a :class:`Report`;
``write_report`` does that from model files and writes the report files.

The formats carry the same content (the PDF is the HTML page on A4 pages, with
page numbers and a contents list; see ``impactchain._report_pdf``): the summary first (per model, in plain
words: what was put in, what came back per unit invested (in the model's currency) from the central assumptions, how
sure in words, what it rests on most, what was not valued in money, payback; then
the caveats), one section per intervention, the comparison, and an appendix with
the methods, every assumption and default, and a glossary. A section whose input could
not be computed says so and why; nothing is left out silently. All user text is
escaped; the HTML loads nothing from the network.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from impactchain._check import given_twice
from impactchain._core import Model, __version__
from impactchain._defaults import DEFAULTS
from impactchain._i18n import LANGUAGES, N_, parse_languages, words

# The computation, the caveats, the output plan and the rendering live in the _report_*
# modules; the names below stay importable from impactchain.report (WTP_GRID, check_csv, _md,
# DEFAULT_FORMATS, report_plan and the report's renderers are not all used here).
from impactchain._report_caveats import caveats
from impactchain._report_compare import WTP_GRID, _comparison, comparison_charts  # noqa: F401
from impactchain._report_csv import DataFileError, check_csv  # noqa: F401
from impactchain._report_formats import REPORT_RENDERERS, Report, _interval_text, _section_in, _summary_chart  # noqa: F401
from impactchain._report_model import Progress, _compute_model
from impactchain._report_plan import DEFAULT_FORMATS, DEFAULT_OUTPUT_DIR, language_plan, report_plan  # noqa: F401
from impactchain._report_soft import SOFT_RESAMPLES
from impactchain._report_text import Count, Said, _esc, _md, _num, _pct, _proxies, rows_without_ids  # noqa: F401
from impactchain._seed import check_stream_version
from impactchain.io import base_dir as _base_dir
from impactchain.io import load

__all__ = ["Report", "build_report", "write_report", "DataFileError", "DEFAULT_DRAWS", "DEFAULT_SEED"]

DEFAULT_DRAWS = DEFAULTS.draws  # kept names: the values live in impactchain._defaults
DEFAULT_SEED = DEFAULTS.seed


def model_language(models: Sequence[Any]) -> str | None:
    """The report language the models' files ask for (``language: nl``): the first model's, when it is
    one the report speaks; None when no model says."""
    for m in models:
        lang = (getattr(m, "language", None) or "").split("-")[0]
        if lang:
            return lang if lang in LANGUAGES else None
    return None


def build_report(
    models: Any,
    *,
    draws: int | None = None,
    seed: int | None = None,
    threads: int | None = None,
    stream_version: int | None = None,
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
    stream_version : int, default ``DEFAULTS.stream_version`` (2)
        Random stream of the simulations' draws (docs/uncertainty.md, "Random streams"): 1
        gives the simulations of a report made with impactchain 0.2 or earlier with its seed.
        The settings table names it; a default taken is listed with the report's defaults.
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
        List the respondent ids (or data-file lines) of the respondents not used in
        the JSON and the data appendix; ``False`` leaves them out (their ``id`` and
        ``row`` are None; the counts and each one's reason stay), for a report meant
        for publication.
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
        defaults_used["draws"] = Said(N_("default_draws"), draws=Count(DEFAULTS.draws))
    if seed is None:
        seed = DEFAULTS.seed
        defaults_used["seed"] = Said(N_("default_seed"), seed=DEFAULTS.seed)
    if threads is None:
        threads = DEFAULTS.threads
    if stream_version is None:
        stream_version = DEFAULTS.stream_version
        defaults_used["stream"] = Said(N_("default_stream"), version=stream_version)
    stream_version = check_stream_version(stream_version, "build_report: stream_version")
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
                stream_version=stream_version,
                say=say,
                allow_outside_data=bool(allow_outside_data),
                lang=lang,
            )
        )
    if not ids:  # counts and reasons stay; respondent ids and data-file lines are left out
        for s in sections:
            for so in s.soft:
                if "rows_not_used" in so:
                    so["rows_not_used"] = rows_without_ids(so["rows_not_used"])
    names = [s.name for s in sections]
    dup = sorted(given_twice(names))
    if dup:
        raise ValueError(f"build_report: model names must be unique, repeated: {dup}")
    comp, comp_charts, comp_missing = _comparison(sections, comparator, say, words(lang), threads=int(threads))
    settings = {
        "draws": int(draws),
        "seed": int(seed),
        "stream_version": stream_version,  # with the seed, what reproduces the draws
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
        caveats=caveats(sections, comp),
        lang=lang,
    )
    _summary_chart(report)
    return report


def write_report(
    model_paths: str | Path | Model | Sequence[str | Path | Model],
    output: str | Path | None = None,
    *,
    draws: int | None = None,
    seed: int | None = None,
    threads: int | None = None,
    stream_version: int | None = None,
    comparator: str | None = None,
    formats: str | Iterable[str] | None = None,
    progress: Progress | None = None,
    title: str | None = None,
    allow_outside_data: bool = False,
    ids: bool = True,
    lang: str | Iterable[str] | None = None,
) -> list[Path]:
    """Builds the report of the models and writes it; returns the paths written.

    ``model_paths`` is what :func:`build_report` takes: a model file or an
    :class:`impactchain.Model` (read with :func:`impactchain.load`, or built in Python), or a
    sequence of them.

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
    from impactchain._output import write_all
    from impactchain._output_inputs import model_inputs

    say = progress or (lambda _msg: None)
    given = _report_models(model_paths)
    paths = [m for m in given if isinstance(m, Path)]
    langs = parse_languages(lang) if lang is not None else None
    # One language either way when none is given: the files' names do not depend on which.
    plan = report_plan(output, formats, langs or ("en",), inputs=paths)
    models = []
    for m in given:
        if isinstance(m, Path):
            say(f"reading {m}")
            m = load(m)
            for w in m.read_warnings:  # also the report's first caveats
                say(f"warning: {m.source_path}: {w}")
        models.append(m)
    plan = plan.with_inputs(f for m in models for f in model_inputs(m))
    extra: dict[str, Any] = {"allow_outside_data": True} if allow_outside_data else {}
    rep = build_report(
        models,
        draws=draws,
        seed=seed,
        threads=threads,
        stream_version=stream_version,
        comparator=comparator,
        progress=progress,
        title=title,
        sources=[str(m) if isinstance(m, Path) else m.source_path for m in given],
        ids=ids,
        lang=langs[0] if langs else None,
        **extra,
    )
    contents: dict[str, str | bytes] = {}
    in_lang: dict[str, Report] = {}  # each language's charts drawn once, whatever the number of formats
    for key in plan.formats:
        lg, _, fmt = key.rpartition(":")
        lg = lg or rep.lang
        if lg not in in_lang:
            in_lang[lg] = rep.in_language(lg)
        contents[key] = REPORT_RENDERERS[fmt](in_lang[lg])
    return write_all(plan, contents, progress=progress)


def _report_models(models: Any) -> list[Any]:
    """``write_report``'s models, each a :class:`~pathlib.Path` (a model file) or a Model; a
    TypeError naming the argument for anything else."""
    one = isinstance(models, (str, os.PathLike, Model)) or not isinstance(models, Iterable)
    items = [models] if one else list(models)
    out: list[Any] = []
    for i, m in enumerate(items):
        if isinstance(m, (str, os.PathLike)):
            out.append(Path(m))
        elif isinstance(m, Model):
            out.append(m)
        else:
            where = "model_paths" if one else f"model_paths[{i}]"
            raise TypeError(
                f"write_report: {where} must be a model file (str or path) or an impactchain.Model, "
                f"or a list of them; got {type(m).__name__}"
            )
    return out
