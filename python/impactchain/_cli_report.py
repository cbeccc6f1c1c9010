"""The verbs of the command line that write a report: ``report`` (of model files) and ``demo``
(the bundled example), in the formats and languages asked; their output path and formats are
checked before any work."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any, Callable

from impactchain._cli_common import EXIT_OK, _allow_outside_data_opt, _emit, _languages, _progress
from impactchain._text import for_terminal

#: The formats ``report`` and ``demo`` can write; a directory receives the first three unless --format says.
REPORT_FORMATS = ("html", "md", "json", "pdf", "xlsx")
DEFAULT_REPORT_FORMATS = ("html", "md", "json")
#: Why a report (of models, or the demo's) takes at least 100 draws, where simulate takes 1.
REPORT_DRAWS_WHY = " (a report's intervals, shares in words and value of information need them)"


def _formats(text: str) -> tuple[str, ...]:
    from impactchain._output import OutputError, parse_formats

    try:
        return parse_formats(text, REPORT_FORMATS)
    except OutputError as e:
        raise argparse.ArgumentTypeError(for_terminal(e)) from None


def _run_options(args: argparse.Namespace) -> dict[str, Any]:
    """What report and demo both take from their command line: the run, the files and the progress."""
    return {
        "draws": args.draws,
        "seed": args.seed,
        "threads": args.threads,
        "stream_version": args.stream_version,
        "formats": args.format,
        "progress": _progress(args.quiet),
        "ids": not args.no_ids,
    }


def cmd_report(args: argparse.Namespace) -> int:
    from impactchain.report import write_report

    extra: dict[str, Any] = {"allow_outside_data": True} if args.allow_outside_data else {}
    models = list(args.models)
    given = args.comparator
    if given and os.path.isfile(given) and not any(os.path.samefile(given, m) for m in models if os.path.isfile(m)):
        models.append(given)  # a model file of its own, compared with the others (as compare does)
    paths = write_report(models, args.output, comparator=given, lang=args.lang, **_run_options(args), **extra)
    for p in paths:
        _emit(str(p))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from impactchain.demo import run_demo

    options = _run_options(args)
    say = options["progress"]
    paths = run_demo(args.output, lang=args.lang or "en", **options)
    for p in paths:
        _emit(str(p))
    # Beside a report written into a directory: the demo portfolio (the five cooperatives over two
    # periods, with actuals) and its report, in portfolio/.
    to_directory = args.output is None or str(args.output).endswith(("/", os.sep)) or not Path(args.output).suffix
    if paths and to_directory:
        directory = paths[0].parent
        from impactchain.demo import run_portfolio_demo

        say("portfolio: the five cooperatives in 2024 (with actuals) and 2025")
        for p in run_portfolio_demo(
            directory / "portfolio",
            draws=args.draws,
            seed=args.seed,
            threads=args.threads,
            stream_version=args.stream_version,
            lang=args.lang or "en",
            formats=args.format,
        ):
            _emit(str(p))
    return EXIT_OK


def _check_output(args: argparse.Namespace) -> None:
    """``-o`` and ``--format`` of report/demo, checked before any work (a wrong one is a usage error);
    a PDF of the portfolio's report without WeasyPrint, likewise."""
    if args.command == "portfolio" and "pdf" in (args.format or ()):
        from impactchain._report_pdf import _weasyprint

        _weasyprint()  # WeasyPrint missing: named with the extra to install
    if args.command not in ("report", "demo"):
        return  # the other commands write no files (and need not import the report stack)
    from impactchain.report import report_plan

    langs = args.lang or ("en",)
    if args.command == "report":
        report_plan(args.output, args.format, langs, inputs=[Path(m) for m in args.models])
    else:
        from impactchain.demo import DEMO_OUTPUT_DIR

        report_plan(args.output, args.format, langs, default_dir=DEMO_OUTPUT_DIR, what="the demo report")


def _output_opts(p: argparse.ArgumentParser, default: str) -> None:
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE|DIR/",
        help="a file (.html, .md, .json, .pdf or .xlsx: only that file is written) or a directory "
        f"(receives report.html, report.md, report.json; default {default})",
    )
    p.add_argument(
        "--format",
        type=_formats,
        metavar="html,md,json,pdf,xlsx",
        help="formats written into the output directory (default html,md,json; xlsx: an Excel workbook "
        "of the report's tables and text; pdf needs WeasyPrint: pip install 'impactchain[pdf]')",
    )
    p.add_argument(
        "--lang",
        type=_languages,
        default=None,
        metavar="en|nl|nl,en",
        help="language of the report: en or nl (default: the language the first model file names with "
        "'language:', else en); "
        "'nl,en' writes both (report.nl.<ext> and report.en.<ext>)",
    )


def _no_ids_opt(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--no-ids",
        action="store_true",
        help="leave the ids of respondents not used out of the report (their counts and reasons stay)",
    )


def add_verbs(verb: Callable[..., argparse.ArgumentParser], sim_opts: Callable[..., None]) -> None:
    p = verb("report", "Write the HTML, Markdown and JSON report for one or more models.", cmd_report)
    p.add_argument("models", nargs="+", metavar="MODEL")
    _output_opts(p, "report/")
    p.add_argument(
        "--comparator",
        metavar="NAME|FILE",
        help="the comparator: the name or file of one of the models, or a model file of its own, compared with them",
    )
    sim_opts(p, min_draws=100, why=REPORT_DRAWS_WHY)
    _allow_outside_data_opt(p)
    _no_ids_opt(p)
    p.add_argument("--quiet", action="store_true", help="no progress messages")

    p = verb("demo", "Run the bundled example of five cooperatives and write its report.", cmd_demo)
    _output_opts(p, "impactchain-demo/")
    sim_opts(p, min_draws=100, why=REPORT_DRAWS_WHY)
    _no_ids_opt(p)
    p.add_argument("--quiet", action="store_true", help="no progress messages")
