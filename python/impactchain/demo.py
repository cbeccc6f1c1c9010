"""The bundled demo: five illustrative neighbourhood cooperatives and a
traditional provider, valued, simulated, compared and reported in one call.

The demo data (model files and synthetic survey CSVs) live in
``examples/data`` of a source checkout and are installed as
``impactchain/demo`` in a wheel. The figures are illustrative, not real data.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Callable, Optional

__all__ = ["run_demo", "demo_dir", "DEMO_MODELS", "DEMO_OUTPUT_DIR"]

#: The demo's model files, interventions first, the comparator last.
DEMO_MODELS = (
    "market_cleaning.yaml",
    "handyman.yaml",
    "community_building.yaml",
    "loan_fund.yaml",
    "makers_workshop.yaml",
    "traditional_provider.yaml",
)


def _is_demo_dir(p: Path) -> bool:
    return all((p / m).is_file() for m in DEMO_MODELS)


def demo_dir() -> Path:
    """Directory holding the demo model files.

    Looked up as a ``demo`` folder in each directory of ``impactchain.__path__``
    (an installed wheel, or a development build that copied it), then as
    ``examples/data`` of the source checkout this package was imported from.
    """
    import impactchain

    tried = []
    for d in list(getattr(impactchain, "__path__", [])):
        cand = Path(d) / "demo"
        tried.append(str(cand))
        if _is_demo_dir(cand):
            return cand
    src = Path(__file__).resolve().parents[2] / "examples" / "data"
    tried.append(str(src))
    if _is_demo_dir(src):
        return src
    raise FileNotFoundError("impactchain demo data not found; looked in: " + ", ".join(tried))


#: Where ``run_demo`` writes without an output path: ``./impactchain-demo/report.<ext>``.
DEMO_OUTPUT_DIR = "impactchain-demo"


def run_demo(
    outdir: str | Path | None = DEMO_OUTPUT_DIR,
    *,
    draws: int | None = None,
    seed: int | None = None,
    threads: int | None = None,
    stream_version: int | None = None,
    formats: str | Iterable[str] | None = None,
    progress: Optional[Callable[[str], None]] = None,
    ids: bool = True,
    lang: str | Iterable[str] = "en",
) -> list[Path]:
    """Validates, values, simulates and compares the demo models and writes
    ``report.html``, ``report.md`` and ``report.json`` (or the ``formats`` asked, e.g.
    ``"html,md,json,pdf"``)
    into ``outdir``, or the one file ``outdir`` names when it has an extension
    (``demo.html``). Returns the paths written.

    The output is checked before any computing and written all together or not
    at all; the directory is created only when the report is written, so the
    demo can be rerun. The comparator is the model with ``role: comparator``
    (the classic re-integration programme). ``draws``, ``seed``, ``threads`` and ``stream_version``
    default to ``impactchain.DEFAULTS`` (5000, 2026, all cores, 2), as in :func:`build_report`:
    enough for stable simulation intervals; ``bench/bench_demo.py`` times the whole run.
    ``ids=False`` leaves respondent ids out of the report (as ``impactchain.write_report``).
    ``lang`` is ``"en"``, ``"nl"`` or ``"nl,en"`` (files ``report.nl.<ext>`` and ``report.en.<ext>``),
    as in :func:`impactchain.write_report`; the demo models give their text in Dutch and English.
    """
    from impactchain._i18n import N_, parse_languages
    from impactchain._report_text import Said
    from impactchain.io import load
    from impactchain.report import report_plan, write_report

    say = progress or (lambda _msg: None)
    src = demo_dir()
    paths = [src / m for m in DEMO_MODELS]
    # Checked first: a wrong output path or format costs no computing and leaves nothing behind.
    report_plan(
        DEMO_OUTPUT_DIR if outdir is None else outdir,
        formats,
        parse_languages(lang),
        inputs=paths,
        default_dir=DEMO_OUTPUT_DIR,
        what="the demo report",
    )
    say(f"demo data: {src}")
    for p in paths:  # validate every file first: all problems before any computing
        load(p)
    say(f"validated {len(paths)} model files")
    return write_report(
        paths,
        DEMO_OUTPUT_DIR + "/" if outdir is None else outdir,
        draws=draws,
        seed=seed,
        threads=threads,
        stream_version=stream_version,
        formats=formats,
        progress=say,
        ids=ids,
        lang=lang,
        title=Said(N_("demo_title")),
    )


#: The demo's portfolio: the five cooperatives in 2024 (with actuals) and 2025 (demo_dir()/portfolio).
DEMO_PORTFOLIO = "portfolio/portfolio.yaml"


def run_portfolio_demo(
    outdir: str | Path,
    *,
    draws: int | None = None,
    seed: int | None = None,
    threads: int | None = None,
    stream_version: int | None = None,
    lang: str | Iterable[str] = "en",
    formats: str | Iterable[str] | None = None,
) -> list[Path]:
    """Evaluates the demo portfolio (docs/portfolio.md) and writes its report (``report[.<lang>]``
    ``.html`` and ``.md``, or those of ``formats`` the portfolio's report has: html, md, pdf) and
    tables (``tables/<name>.csv``, and ``.parquet`` with pyarrow) into ``outdir``, by the output
    rule. Returns the paths written."""
    from impactchain._cli_portfolio import (
        DEFAULT_PORTFOLIO_FORMATS,
        PORTFOLIO_FORMATS,
        portfolio_inputs,
        write_portfolio,
    )
    from impactchain._i18n import parse_languages
    from impactchain._output import parse_formats
    from impactchain.portfolio import evaluate_portfolio, load_portfolio, read_models

    portfolio = load_portfolio(demo_dir() / DEMO_PORTFOLIO)
    models = read_models(portfolio)
    result = evaluate_portfolio(
        portfolio, draws=draws, seed=seed, threads=threads, stream_version=stream_version, models=models
    )
    asked = DEFAULT_PORTFOLIO_FORMATS if formats is None else parse_formats(formats, (*PORTFOLIO_FORMATS, "json"))
    kept = (
        tuple(f for f in asked if f in PORTFOLIO_FORMATS) or DEFAULT_PORTFOLIO_FORMATS
    )  # json: the tables are its data
    written, _ = write_portfolio(result, Path(outdir), parse_languages(lang), portfolio_inputs(portfolio, models), kept)
    return written
