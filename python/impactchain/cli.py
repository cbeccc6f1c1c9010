"""The ``impactchain`` command line.

Exit codes: 0 success; 1 the input is invalid (model file, data) or a
computation could not be done, with every problem printed; 2 the command line
itself is wrong (unknown verb or option).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any, Callable, Sequence

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

EPILOG = "exit codes: 0 success, 1 invalid input or failed computation, 2 wrong command line"


def _progress(quiet: bool) -> Callable[[str], None]:
    start = time.monotonic()

    def say(msg: str) -> None:
        if not quiet:
            print(f"[{time.monotonic() - start:6.1f}s] {msg}", file=sys.stderr, flush=True)

    return say


def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)


def cmd_validate(args: argparse.Namespace) -> int:
    from impactchain.io import load

    status = EXIT_OK
    for path in args.models:
        try:
            load(path)
        except (ValueError, OSError) as e:
            print(str(e), file=sys.stderr)
            status = EXIT_INVALID
        else:
            print(f"{path}: valid" if len(args.models) > 1 else "valid")
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
    g.add_argument("--adjustments", choices=["multiplicative", "additive"],
                   help="how deadweight, displacement and attribution combine (default multiplicative)")
    g.add_argument("--first-year", choices=["discounted", "undiscounted"],
                   help="discount year-1 values or not (default discounted)")
    g.add_argument("--discount-investments", action="store_true",
                   help="discount investments of later years (default: not discounted)")
    g.add_argument("--drop-off-start", choices=["second_year", "after_period"],
                   help="first year drop-off applies (default second_year)")


def cmd_value(args: argparse.Namespace) -> int:
    from impactchain.value import value

    result = value(args.model, **_value_options(args))
    print(_dump(result.to_dict()) if args.json else result.summary())
    return EXIT_OK


def cmd_simulate(args: argparse.Namespace) -> int:
    from impactchain.uncertainty import simulate

    say = _progress(args.quiet or args.json)
    say(f"simulating {args.draws:,} draws (seed {args.seed}, {args.threads} thread(s))")
    shown = {"tenth": -1}

    def progress(done: int, total: int) -> None:
        tenth = (10 * done) // max(total, 1)
        if tenth != shown["tenth"]:
            shown["tenth"] = tenth
            say(f"{done:,} / {total:,} draws")

    result = simulate(args.model, draws=args.draws, seed=args.seed, threads=args.threads,
                      sobol_draws=args.sobol_draws, progress=progress, **_value_options(args))
    say("done")
    print(_dump(result.to_dict()) if args.json else result.summary())
    return EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    from impactchain.compare import compare, compare_cli_summary

    say = _progress(args.quiet or args.json)
    say(f"comparing {len(args.models)} models")
    kwargs: dict[str, Any] = {"comparator": args.comparator, "draws": args.draws, "seed": args.seed,
                              "threads": args.threads}
    if args.wtp:
        kwargs["wtp"] = args.wtp
    result = compare(args.models, **kwargs)
    print(_dump(result.to_dict()) if args.json else compare_cli_summary(result))
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from impactchain.report import write_report

    say = _progress(args.quiet)
    paths = write_report(
        args.models,
        args.output,
        draws=args.draws,
        seed=args.seed,
        threads=args.threads,
        comparator=args.comparator,
        progress=say,
    )
    for p in paths:
        print(p)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from impactchain.demo import run_demo

    say = _progress(args.quiet)
    paths = run_demo(Path(args.output), draws=args.draws, seed=args.seed, progress=say)
    for p in paths:
        print(p)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    from impactchain import __version__

    parser = argparse.ArgumentParser(
        prog="impactchain",
        description="Social impact measurement: validate, value, simulate and compare models; write reports.",
        epilog=EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"impactchain {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def verb(name: str, help_: str, func: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_, epilog=EPILOG)
        p.set_defaults(func=func)
        return p

    def sim_opts(p: argparse.ArgumentParser, draws: int) -> None:
        p.add_argument("--draws", type=int, default=draws, help=f"Monte Carlo draws (default {draws})")
        p.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
        p.add_argument("--threads", type=int, default=1, help="threads; results do not depend on it (default 1)")

    p = verb("validate", "Check model files; print 'valid' or every problem.", cmd_validate)
    p.add_argument("models", nargs="+", metavar="MODEL")

    p = verb("value", "Deterministic SROI / social cost-benefit of a model.", cmd_value)
    p.add_argument("model", metavar="MODEL")
    p.add_argument("--json", action="store_true", help="print the full result as JSON")
    _add_value_options(p)

    p = verb("simulate", "Monte Carlo over every uncertain assumption of a model.", cmd_simulate)
    p.add_argument("model", metavar="MODEL")
    sim_opts(p, 10000)
    p.add_argument("--sobol-draws", type=int, default=0,
                   help="base draws for Sobol indices (0 = none; costs (k + 2) x N model runs)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--quiet", action="store_true", help="no progress messages")
    _add_value_options(p)

    p = verb("compare", "Compare interventions with each other and a comparator.", cmd_compare)
    p.add_argument("models", nargs="+", metavar="MODEL")
    p.add_argument("--comparator", help="name of the comparator model (default: the model with role comparator)")
    p.add_argument("--wtp", type=float, nargs="+", help="willingness-to-pay values per unit of effect")
    p.add_argument("--draws", type=int, default=2000, help="Monte Carlo draws per model (default 2000)")
    p.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    p.add_argument("--threads", type=int, default=1, help="threads; results do not depend on it (default 1)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--quiet", action="store_true", help="no progress messages")

    p = verb("report", "Write the HTML, Markdown and JSON report for one or more models.", cmd_report)
    p.add_argument("models", nargs="+", metavar="MODEL")
    p.add_argument("-o", "--output", default="report.html", help="HTML file to write (default report.html)")
    p.add_argument("--comparator", help="name of the comparator model")
    sim_opts(p, 5000)
    p.add_argument("--quiet", action="store_true", help="no progress messages")

    p = verb("demo", "Run the bundled example of five cooperatives and write its report.", cmd_demo)
    p.add_argument("-o", "--output", default="impactchain-demo", help="output directory (default impactchain-demo)")
    p.add_argument("--draws", type=int, default=5000, help="Monte Carlo draws (default 5000)")
    p.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    p.add_argument("--quiet", action="store_true", help="no progress messages")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (ValueError, OSError) as e:
        print(f"impactchain {args.command}: {e}", file=sys.stderr)
        return EXIT_INVALID


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
