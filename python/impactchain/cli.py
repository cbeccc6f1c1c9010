"""The ``impactchain`` command line.

Exit codes: 0 success; 1 the input is invalid (model file, data), a computation
could not be done or a file could not be written, with every problem printed;
2 the command line itself is wrong (unknown verb or option, a number out of
range, an unknown format, an output path that cannot be used), decided before
any work is done; 130 interrupted (Ctrl-C).

Every failure is one message on stderr (a model file's problems one per line),
never a traceback unless ``--debug`` is given. Text that comes from users
(names, paths, messages quoting them) is printed through
``impactchain._text.for_terminal``. A closed pipe (``impactchain value m | head -1``)
ends the command quietly.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Callable

from impactchain._defaults import DEFAULTS
from impactchain._seed import MAX_SEED
from impactchain._text import for_terminal

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

EPILOG = (
    "exit codes: 0 success, 1 invalid input, failed computation or failed write, 2 wrong command line, 130 interrupted"
)

#: Most threads a command accepts (results do not depend on the number of threads).
MAX_THREADS = 256
#: The formats ``report`` and ``demo`` can write; a directory receives the first three unless --format says.
REPORT_FORMATS = ("html", "md", "json", "pdf")
DEFAULT_REPORT_FORMATS = ("html", "md", "json")


# --------------------------------------------------------------------------- output


def _progress(quiet: bool) -> Callable[[str], None]:
    start = time.monotonic()

    def say(msg: str) -> None:
        if not quiet:
            print(f"[{time.monotonic() - start:6.1f}s] {for_terminal(msg)}", file=sys.stderr, flush=True)

    return say


def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)


def _emit(text: str, *, data: bool = False) -> None:
    """Prints a result. Text is made safe for the terminal; JSON data only when
    it goes to a terminal (JSON already escapes control characters; piped, it stays exact)."""
    print(for_terminal(text) if not data or sys.stdout.isatty() else text)


# --------------------------------------------------------------------------- option types


def _int_option(name: str, low: int, high: int | None = None) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            v = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a whole number, got '{for_terminal(text)}'") from None
        if v < low or (high is not None and v > high):
            rng = f">= {low}" if high is None else f"in [{low}, {high}]"
            raise argparse.ArgumentTypeError(f"must be {rng}, got {v}")
        return v

    parse.__name__ = name  # argparse names the type in its messages
    return parse


def _wtp(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number, got '{for_terminal(text)}'") from None
    if not math.isfinite(v) or v < 0:
        raise argparse.ArgumentTypeError(f"must be a finite number >= 0, got {for_terminal(text)}")
    return v


def _formats(text: str) -> tuple[str, ...]:
    from impactchain._output import OutputError, parse_formats

    try:
        return parse_formats(text, REPORT_FORMATS)
    except OutputError as e:
        raise argparse.ArgumentTypeError(for_terminal(e)) from None


def _languages(text: str) -> tuple[str, ...]:
    from impactchain._i18n import parse_languages

    try:
        return parse_languages(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(for_terminal(e)) from None


# --------------------------------------------------------------------------- commands


def cmd_validate(args: argparse.Namespace) -> int:
    """Checks each model file and, unless --no-data, the data files its soft outcomes read."""
    from impactchain.io import load

    status = EXIT_OK
    for path in args.models:
        try:
            model = load(path)
        except (ValueError, OSError) as e:
            print(for_terminal(e), file=sys.stderr)
            status = EXIT_INVALID
            continue
        notes: list[str] = []
        if model.soft_outcomes and not args.no_data:
            from impactchain._data_check import check_model_data

            found = check_model_data(
                model, Path(path).resolve().parent, allow_outside_data=bool(args.allow_outside_data)
            )
            if found.problems:
                for p in found.problems:
                    print(for_terminal(f"{path}: {p}" if len(args.models) > 1 else p), file=sys.stderr)
                status = EXIT_INVALID
                continue
            notes = found.notes
        said = (
            "valid"
            if not model.soft_outcomes
            else "valid (data files not checked: --no-data)"
            if args.no_data
            else "valid, with its data files"
        )
        _emit(f"{path}: {said}" if len(args.models) > 1 else said)
        for n in notes:
            _emit(n)
        for w in model.read_warnings:  # valid, but perhaps not what was meant
            print(for_terminal(f"warning: {w}"), file=sys.stderr)
    return status


def _value_options(args: argparse.Namespace) -> dict[str, Any]:
    """The valuation options given on the command line (the rest keep their documented defaults)."""
    opts: dict[str, Any] = {}
    if args.adjustments:
        opts["adjustments"] = args.adjustments
    if args.first_year:
        opts["discount_first_year"] = args.first_year == "discounted"
    if args.discount_investments:
        opts["discount_investments"] = True
    if args.drop_off_start:
        opts["drop_off_start"] = args.drop_off_start
    return opts


def _add_value_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("valuation options (defaults: docs/value.md)")
    g.add_argument(
        "--adjustments",
        choices=["multiplicative", "additive"],
        help="how deadweight, displacement and attribution combine (default multiplicative)",
    )
    g.add_argument(
        "--first-year",
        choices=["discounted", "undiscounted"],
        help="discount year-1 values or not (default discounted)",
    )
    g.add_argument(
        "--discount-investments",
        action="store_true",
        help="discount investments of later years (default: not discounted)",
    )
    g.add_argument(
        "--drop-off-start",
        choices=["second_year", "after_period"],
        help="first year drop-off applies (default second_year)",
    )


def _add_table_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("tables out (docs/api.md, Tables out)")
    g.add_argument(
        "--format",
        choices=("csv", "xlsx"),
        help="write every table of the result: csv (one file per table, into -o DIR/) or xlsx (-o FILE.xlsx)",
    )
    g.add_argument("-o", "--output", metavar="PATH", help="where the tables go (needs --format, or a .xlsx name)")


def _tables_out(result: Any, args: argparse.Namespace, inputs: list[str]) -> bool:
    """Writes the result's tables when --format or -o asks for them; False when they do not."""
    if args.format is None and args.output is None:
        return False
    if args.output is None:
        raise ValueError(f"--format {args.format} needs -o: a directory for csv, a .xlsx file for xlsx")
    fmt = args.format or ("xlsx" if args.output.lower().endswith(".xlsx") else None)
    if fmt is None:
        raise ValueError(f"-o {args.output}: give --format csv (a directory) or a .xlsx file name")
    from impactchain._tables import write_tables

    for path in write_tables(result, args.output, fmt, inputs=inputs):
        _emit(str(path))
    return True


def cmd_value(args: argparse.Namespace) -> int:
    from impactchain.value import value

    result = value(args.model, **_value_options(args))
    if _tables_out(result, args, [args.model]):
        return EXIT_OK
    if args.json:
        _emit(_dump(result.to_dict()), data=True)
    else:
        _emit(str(result.summary()))
    return EXIT_OK


def cmd_simulate(args: argparse.Namespace) -> int:
    from impactchain.uncertainty import simulate

    say = _progress(args.quiet or args.json)
    draws, seed, threads = (
        DEFAULTS.draws if args.draws is None else args.draws,
        DEFAULTS.seed if args.seed is None else args.seed,
        DEFAULTS.threads if args.threads is None else args.threads,
    )
    say(f"simulating {draws:,} draws (seed {seed}, {threads or 'all'} thread(s))")
    shown = {"tenth": -1}

    def progress(done: int, total: int) -> None:
        tenth = (10 * done) // max(total, 1)
        if tenth != shown["tenth"]:
            shown["tenth"] = tenth
            say(f"{done:,} / {total:,} draws")

    result = simulate(
        args.model,
        draws=args.draws,
        seed=args.seed,
        threads=args.threads,
        sobol_draws=args.sobol_draws,
        progress=progress,
        **_value_options(args),
    )
    say("done")
    if _tables_out(result, args, [args.model]):
        return EXIT_OK
    if args.json:
        _emit(_dump(result.to_dict()), data=True)
    else:
        _emit(str(result.summary()))
    return EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    from impactchain.compare import compare, compare_cli_summary

    say = _progress(args.quiet or args.json)
    say(f"comparing {len(args.models)} models")
    kwargs: dict[str, Any] = {
        "reference": args.comparator,
        "draws": DEFAULTS.draws if args.draws is None else args.draws,
        "seed": args.seed,
        "threads": args.threads,
    }
    if args.wtp:
        kwargs["wtp"] = args.wtp
    result = compare(args.models, **kwargs)
    if _tables_out(result, args, list(args.models)):
        return EXIT_OK
    if args.json:
        _emit(_dump(result.to_dict()), data=True)
    else:
        _emit(compare_cli_summary(result))
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from impactchain.report import write_report

    say = _progress(args.quiet)
    extra: dict[str, Any] = {"allow_outside_data": True} if args.allow_outside_data else {}
    paths = write_report(
        args.models,
        args.output,
        draws=args.draws,
        seed=args.seed,
        threads=args.threads,
        comparator=args.comparator,
        formats=args.format,
        progress=say,
        ids=not args.no_ids,
        lang=args.lang,
        **extra,
    )
    for p in paths:
        _emit(str(p))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from impactchain.demo import run_demo

    say = _progress(args.quiet)
    paths = run_demo(
        args.output,
        draws=args.draws,
        seed=args.seed,
        threads=args.threads,
        formats=args.format,
        progress=say,
        ids=not args.no_ids,
        lang=args.lang or "en",
    )
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
            directory / "portfolio", draws=args.draws, seed=args.seed, threads=args.threads, lang=args.lang or "en"
        ):
            _emit(str(p))
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    from impactchain._starter import init_folder

    for p in init_folder(args.directory, lang=args.lang):
        _emit(str(p))
    return EXIT_OK


def _check_output(args: argparse.Namespace) -> None:
    """``-o`` and ``--format`` of report/demo, checked before any work (a wrong one is a usage error)."""
    if args.command not in ("report", "demo"):
        return  # the other commands write no files (and need not import the report stack)
    from impactchain._output import plan_outputs
    from impactchain.report import language_plan

    plan = None
    if args.command == "report":
        plan = language_plan(
            plan_outputs(
                args.output,
                args.format,
                available=REPORT_FORMATS,
                default_dir="report",
                inputs=[Path(m) for m in args.models],
                default_formats=DEFAULT_REPORT_FORMATS,
            ),
            args.lang or ("en",),
        )
    elif args.command == "demo":
        from impactchain.demo import DEMO_OUTPUT_DIR

        plan = language_plan(
            plan_outputs(
                args.output,
                args.format,
                available=REPORT_FORMATS,
                default_dir=DEMO_OUTPUT_DIR,
                what="the demo report",
                default_formats=DEFAULT_REPORT_FORMATS,
            ),
            args.lang or ("en",),
        )
    if plan is not None and "pdf" in plan.formats:
        from impactchain._report_pdf import _weasyprint

        _weasyprint()  # WeasyPrint missing: said before any work, naming the extra to install


# --------------------------------------------------------------------------- parser


class _Parser(argparse.ArgumentParser):
    """argparse, with its error messages (which quote what was typed) made safe for the terminal."""

    def error(self, message: str) -> Any:  # argparse's signature: NoReturn
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {for_terminal(message)}\n")


def build_parser() -> argparse.ArgumentParser:
    from impactchain import __version__

    parser = _Parser(
        prog="impactchain",
        description="Social impact measurement: validate, value, simulate and compare models; write reports.",
        epilog=EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"impactchain {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an error")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def verb(name: str, help_: str, func: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_, epilog=EPILOG)
        p.set_defaults(func=func, parser=p)
        # Also accepted after the verb; SUPPRESS keeps a --debug given before it.
        p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show the traceback of an error")
        return p

    def threads_opt(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--threads",
            type=_int_option("--threads", 0, MAX_THREADS),
            default=None,
            help=f"threads, 0 (all cores) to {MAX_THREADS}; results do not depend on it "
            f"(default {DEFAULTS.threads}{' = all cores' if DEFAULTS.threads == 0 else ''})",
        )

    # Defaults (None here) come from impactchain.DEFAULTS, so each command gives the
    # numbers of the Python call without options, and the result names them.
    def sim_opts(p: argparse.ArgumentParser, min_draws: int = 1) -> None:
        p.add_argument(
            "--draws",
            type=_int_option("--draws", min_draws),
            default=None,
            help=f"Monte Carlo draws, at least {min_draws} (default {DEFAULTS.draws})",
        )
        p.add_argument(
            "--seed",
            type=_int_option("--seed", 0, MAX_SEED),
            default=None,
            help=f"random seed, 0 to 2^63-1 (default {DEFAULTS.seed})",
        )
        threads_opt(p)

    def output_opts(p: argparse.ArgumentParser, default: str) -> None:
        p.add_argument(
            "-o",
            "--output",
            metavar="FILE|DIR/",
            help="a file (.html, .md, .json or .pdf: only that file is written) or a directory "
            f"(receives report.html, report.md, report.json; default {default})",
        )
        p.add_argument(
            "--format",
            type=_formats,
            metavar="html,md,json,pdf",
            help="formats written into the output directory (default html,md,json; "
            "pdf needs WeasyPrint: pip install 'impactchain[pdf]')",
        )
        p.add_argument(
            "--lang",
            type=_languages,
            default=None,
            metavar="en|nl|nl,en",
            help="language of the report: en or nl (default: the model file's language:, else en); "
            "'nl,en' writes both (report.nl.<ext> and report.en.<ext>)",
        )

    p = verb(
        "validate",
        "Check model files and the data files they read; print 'valid' or every problem.",
        cmd_validate,
    )
    p.add_argument("models", nargs="+", metavar="MODEL")
    p.add_argument(
        "--no-data",
        action="store_true",
        help="check the model files only, not the data files of their soft outcomes",
    )
    p.add_argument(
        "--allow-outside-data", action="store_true", help="let a model read data files outside its own directory"
    )

    p = verb("value", "Deterministic SROI / social cost-benefit of a model.", cmd_value)
    p.add_argument("model", metavar="MODEL")
    p.add_argument("--json", action="store_true", help="print the full result as JSON")
    _add_value_options(p)
    _add_table_options(p)

    p = verb("simulate", "Monte Carlo over every uncertain assumption of a model.", cmd_simulate)
    p.add_argument("model", metavar="MODEL")
    sim_opts(p)
    p.add_argument(
        "--sobol-draws",
        type=_int_option("--sobol-draws", 0),
        default=0,
        help="base draws for Sobol indices (0 = none; costs (k + 2) x N model runs)",
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--quiet", action="store_true", help="no progress messages")
    _add_value_options(p)
    _add_table_options(p)

    p = verb("compare", "Compare interventions with each other and a comparator.", cmd_compare)
    p.add_argument("models", nargs="+", metavar="MODEL")
    p.add_argument("--comparator", help="name of the comparator model (default: the model with role comparator)")
    p.add_argument("--wtp", type=_wtp, nargs="+", help="willingness-to-pay values per unit of effect (>= 0)")
    sim_opts(p)
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--quiet", action="store_true", help="no progress messages")
    _add_table_options(p)

    p = verb("report", "Write the HTML, Markdown and JSON report for one or more models.", cmd_report)
    p.add_argument("models", nargs="+", metavar="MODEL")
    output_opts(p, "report/")
    p.add_argument("--comparator", help="name of the comparator model")
    sim_opts(p, min_draws=100)
    p.add_argument(
        "--allow-outside-data", action="store_true", help="let a model read data files outside its own directory"
    )
    p.add_argument(
        "--no-ids",
        action="store_true",
        help="leave respondent ids of survey rows not used out of the report (counts stay)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress messages")

    p = verb("demo", "Run the bundled example of five cooperatives and write its report.", cmd_demo)
    output_opts(p, "impactchain-demo/")
    sim_opts(p, min_draws=100)
    p.add_argument(
        "--no-ids",
        action="store_true",
        help="leave respondent ids of survey rows not used out of the report (counts stay)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress messages")

    from impactchain._cli_exchange import add_verbs
    from impactchain._cli_portfolio import add_verb as add_portfolio

    add_verbs(verb)
    add_portfolio(verb, sim_opts, _languages)

    p = verb("init", "Start a folder: a commented model, a survey template (CSV, xlsx), a README.", cmd_init)
    p.add_argument("directory", metavar="DIR", help="a new or empty directory (created when missing)")
    p.add_argument(
        "--lang",
        choices=("nl", "en"),
        default="en",
        help="language of the comments, texts and README (default en)",
    )
    return parser


# --------------------------------------------------------------------------- main


def _message(e: BaseException) -> str:
    """The error as text for stderr: a model file's problems one per line, anything else on one line."""
    text = for_terminal(e) or type(e).__name__
    model_errors: tuple[type[BaseException], ...] = ()
    try:
        from impactchain._core import ValidationError

        model_errors = (ValidationError,)
    except ImportError:  # pragma: no cover - the extension itself failed to load
        pass
    if isinstance(e, model_errors):
        return text
    one = " ".join(line.strip() for line in text.splitlines() if line.strip())
    if isinstance(e, (ValueError, OSError)):
        return one
    return f"unexpected error ({type(e).__name__}): {one} (run with --debug for the details)"


def _quiet_stdout() -> None:
    """After a closed pipe: send what Python still flushes at exit to devnull (Python docs, 'Note on SIGPIPE')."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # stdout is not a file descriptor (e.g. captured): nothing left to flush


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)  # a wrong command line: message and SystemExit(2)
        try:
            _check_output(args)
        except ValueError as e:
            args.parser.error(for_terminal(e))
    except SystemExit as e:  # also --help and --version (0)
        return e.code if isinstance(e.code, int) else EXIT_OK if e.code is None else EXIT_USAGE
    debug = bool(getattr(args, "debug", False))
    try:
        status = args.func(args)
        sys.stdout.flush()
        return status
    except BrokenPipeError:  # the reader went away (| head): what it wanted, it got
        _quiet_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        if debug:
            traceback.print_exc()
        print("impactchain: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as e:  # every failure is a message, never a traceback unless asked for
        if debug:
            traceback.print_exc()
        with contextlib.suppress(BrokenPipeError):
            print(f"impactchain {args.command}: {_message(e)}", file=sys.stderr)
        return EXIT_INVALID


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
