"""The ``impactchain`` command line.

Exit codes: 0 success; 1 the input is invalid (model file, data), a computation
could not be done or a file could not be written, with every problem printed;
2 the command line itself is wrong (unknown verb or option, a number out of
range, an unknown format, an output path that cannot be used: a link, a
directory, an unknown extension, or an input of the run — a model, data, price
index, actuals or portfolio file), decided before anything is written (before any
computing where the output names are known); 130 interrupted (Ctrl-C).

Every failure is one message on stderr (a model file's problems one per line),
never a traceback unless ``--debug`` is given. Text that comes from users
(names, paths, messages quoting them) is printed through
``impactchain._text.for_terminal``. A closed pipe (``impactchain value m | head -1``)
ends the command quietly.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import traceback
from collections.abc import Sequence
from typing import Any, Callable

# The verbs and their options live in the _cli_* modules, by group (init, the last, is below); the
# names below stay importable from impactchain.cli.
from impactchain._cli_common import EXIT_INTERRUPTED, EXIT_INVALID, EXIT_OK, EXIT_USAGE, _emit, _int_option, _languages
from impactchain._cli_model import cmd_compare, cmd_simulate, cmd_validate, cmd_value  # noqa: F401
from impactchain._cli_report import DEFAULT_REPORT_FORMATS, REPORT_FORMATS, _check_output, cmd_demo, cmd_report  # noqa: F401
from impactchain._defaults import DEFAULTS
from impactchain._output_plan import OutputError
from impactchain._seed import MAX_SEED, NEWEST_STREAM_VERSION
from impactchain._text import for_terminal

EPILOG = (
    "exit codes: 0 success, 1 invalid input, failed computation or failed write, 2 wrong command line, 130 interrupted"
)

#: Most threads a command accepts: the Python functions' bound, _check.THREADS_MAX (written out
#: so that the command line does not import numpy to parse its options; a test holds them equal).
MAX_THREADS = 1024


# --------------------------------------------------------------------------- commands


def cmd_init(args: argparse.Namespace) -> int:
    from impactchain._starter import init_folder

    for p in init_folder(args.directory, lang=args.lang):
        _emit(str(p))
    return EXIT_OK


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
    def sim_opts(p: argparse.ArgumentParser, min_draws: int = 1, why: str = "") -> None:
        p.add_argument(
            "--draws",
            type=_int_option("--draws", min_draws),
            default=None,
            help=f"Monte Carlo draws, at least {min_draws}{why} (default {DEFAULTS.draws})",
        )
        p.add_argument(
            "--seed",
            type=_int_option("--seed", 0, MAX_SEED),
            default=None,
            help=f"random seed, 0 to 2^63-1 (default {DEFAULTS.seed})",
        )
        threads_opt(p)
        p.add_argument(
            "--stream-version",
            type=_int_option("--stream-version", 1, NEWEST_STREAM_VERSION),
            default=None,
            help=f"random stream of the draws, 1 to {NEWEST_STREAM_VERSION}: 1 reproduces the draws of "
            f"impactchain 0.2 and earlier with their seed (default {DEFAULTS.stream_version})",
        )

    from impactchain._cli_exchange import add_verbs as add_exchange
    from impactchain._cli_model import add_verbs as add_model
    from impactchain._cli_portfolio import add_verb as add_portfolio
    from impactchain._cli_report import add_verbs as add_report

    add_model(verb, sim_opts)
    add_report(verb, sim_opts)
    add_exchange(verb)
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
    """The error as text for stderr: a model file's problems one per line, and those of an error
    that lists several (``problems_per_line``: a Value Map, a portfolio, a data file); anything
    else on one line."""
    text = for_terminal(e) or type(e).__name__
    model_errors: tuple[type[BaseException], ...] = ()
    try:
        from impactchain._core import ValidationError

        model_errors = (ValidationError,)
    except ImportError:  # pragma: no cover - the extension itself failed to load
        pass
    if isinstance(e, model_errors) or getattr(e, "problems_per_line", False):
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
        if isinstance(e, OutputError):  # an output path that cannot be used: the command line is wrong
            with contextlib.suppress(BrokenPipeError, SystemExit):
                args.parser.error(for_terminal(e))
            return EXIT_USAGE
        text = _message(e)
        if text.startswith(f"{args.command}: "):  # an API error already named by the command's function
            text = text[len(args.command) + 2 :]
        with contextlib.suppress(BrokenPipeError):
            print(f"impactchain {args.command}: {text}", file=sys.stderr)
        return EXIT_INVALID


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
