"""The verbs of the command line that read and compute models: ``validate`` (model files and
their data files), ``value``, ``simulate`` and ``compare``, with their valuation options and the
tables they can write (CSV, xlsx)."""

from __future__ import annotations

import argparse
import math
import os
from pathlib import Path
from typing import Any, Callable

from impactchain._cli_common import (
    EXIT_OK,
    _allow_outside_data_opt,
    _dump,
    _emit,
    _int_option,
    _progress,
)
from impactchain._cli_validate import cmd_validate
from impactchain._defaults import DEFAULTS
from impactchain._problems import counted
from impactchain._text import for_terminal


def _wtp(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number, got '{for_terminal(text)}'") from None
    if not math.isfinite(v) or v < 0:
        raise argparse.ArgumentTypeError(f"must be a finite number >= 0, got {for_terminal(text)}")
    return v


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


def _tables_target(args: argparse.Namespace, inputs: list[Path]) -> str | None:
    """The format of the tables --format and -o ask for (None: print the result instead), their
    output checked before any computing: an -o that is an input of the run (the model file, a
    data or price index file it names), a link or not writable is refused here."""
    if args.format is None and args.output is None:
        return None
    if args.output is None:
        raise ValueError(f"--format {args.format} needs -o: a directory for csv, a .xlsx file for xlsx")
    fmt: str | None = args.format or ("xlsx" if args.output.lower().endswith(".xlsx") else None)
    if fmt is None:
        raise ValueError(f"-o {args.output}: give --format csv (a directory) or a .xlsx file name")
    from impactchain._tables import plan_tables

    plan_tables(args.output, fmt, (), inputs=inputs)  # the CSV files' names follow from the result
    return fmt


def _result_out(
    result: Any, args: argparse.Namespace, inputs: list[Path], text: Callable[[Any], str] | None = None
) -> int:
    """The result's tables written when --format or -o asks for them; else the result printed:
    its JSON with --json, otherwise ``text(result)`` (default its summary)."""
    fmt = _tables_target(args, inputs)
    if fmt is not None:
        from impactchain._tables import write_tables

        for path in write_tables(result, args.output, fmt, inputs=inputs):
            _emit(str(path))
        return EXIT_OK
    if args.json:
        _emit(_dump(result.to_dict()), data=True)
    else:
        _emit(text(result) if text is not None else str(result.summary()))
    return EXIT_OK


def _read(paths: list[str]) -> tuple[list[Any], list[Path]]:
    """The models of the command line and the inputs of the run: their files and every file they name."""
    from impactchain._output_inputs import model_inputs
    from impactchain.io import load

    models = [load(p) for p in paths]
    return models, [Path(p) for p in paths] + [f for m in models for f in model_inputs(m)]


def cmd_value(args: argparse.Namespace) -> int:
    from impactchain.value import value

    (model,), inputs = _read([args.model])
    _tables_target(args, inputs)
    result = value(model, **_value_options(args))
    return _result_out(result, args, inputs)


def cmd_simulate(args: argparse.Namespace) -> int:
    from impactchain.uncertainty import simulate

    say = _progress(args.quiet or args.json)
    (model,), inputs = _read([args.model])
    _tables_target(args, inputs)
    draws, seed, threads = (
        DEFAULTS.draws if args.draws is None else args.draws,
        DEFAULTS.seed if args.seed is None else args.seed,
        DEFAULTS.threads if args.threads is None else args.threads,
    )
    say(f"simulating {draws:,} draws (seed {seed}, {counted(threads, 'thread') if threads else 'all cores'})")
    shown = {"tenth": -1}

    def progress(done: int, total: int) -> None:
        tenth = (10 * done) // max(total, 1)
        if tenth != shown["tenth"]:
            shown["tenth"] = tenth
            say(f"{done:,} / {total:,} draws")

    result = simulate(
        model,
        draws=args.draws,
        seed=args.seed,
        threads=args.threads,
        sobol_draws=args.sobol_draws,
        stream_version=args.stream_version,
        progress=progress,
        ledger=not args.no_ledger,
        switching_values=not args.no_switching_values,
        **_value_options(args),
    )
    say("done")
    return _result_out(result, args, inputs)


def _comparator(given: str | None, paths: list[str], models: list[Any]) -> tuple[str | None, list[str]]:
    """``--comparator NAME|FILE``: the name or file of one of the models, or a model file of its own,
    then compared with them (as if it were named among them, last); the model files to read."""
    if given is None:
        return None, paths
    from impactchain._compare_common import comparator_named

    names = [str(m.name) for m in models]
    if comparator_named(given, names, [m.source_path for m in models]) is not None:
        return given, paths
    if os.path.isfile(given):
        return given, [*paths, given]
    raise ValueError(
        f"--comparator '{given}': neither the name of one of the models ({', '.join(names)}) "
        "nor a model file (no such file)"
    )


def cmd_compare(args: argparse.Namespace) -> int:
    from impactchain.compare import compare, compare_cli_summary

    say = _progress(args.quiet or args.json)
    models, inputs = _read(list(args.models))
    comparator, paths = _comparator(args.comparator, list(args.models), models)
    if len(paths) > len(models):
        more, more_inputs = _read(paths[len(models) :])
        models, inputs = models + more, inputs + more_inputs
    _tables_target(args, inputs)
    say(f"comparing {len(models)} models")
    kwargs: dict[str, Any] = {
        "reference": comparator,
        "draws": DEFAULTS.draws if args.draws is None else args.draws,
        "seed": args.seed,
        "threads": args.threads,
        "stream_version": args.stream_version,
    }
    if args.wtp:
        kwargs["wtp"] = args.wtp
    result = compare(models, **kwargs)  # its errors' "compare: " is said once by cli.main
    return _result_out(result, args, inputs, compare_cli_summary)


def add_verbs(verb: Callable[..., argparse.ArgumentParser], sim_opts: Callable[..., None]) -> None:
    p = verb(
        "validate",
        "Check model files and the data files they read, or a portfolio (file or folder) and every member's "
        "files; print 'valid' or every problem.",
        cmd_validate,
    )
    p.add_argument("models", nargs="+", metavar="MODEL")
    p.add_argument(
        "--json",
        action="store_true",
        help="print what was found in every file as one JSON document (problems with their field, line and column)",
    )
    p.add_argument(
        "--no-data",
        action="store_true",
        help="check the model files only, not the data files of their soft outcomes",
    )
    _allow_outside_data_opt(p)

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
    p.add_argument(
        "--no-ledger",
        action="store_true",
        help="leave out the ledger per party (who pays, who gains): the four outputs only, a faster run",
    )
    p.add_argument(
        "--no-switching-values",
        action="store_true",
        help="leave out the switching values (where the SROI ratio is 1)",
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--quiet", action="store_true", help="no progress messages")
    _add_value_options(p)
    _add_table_options(p)

    p = verb("compare", "Compare interventions with each other and a comparator.", cmd_compare)
    p.add_argument("models", nargs="+", metavar="MODEL")
    p.add_argument(
        "--comparator",
        metavar="NAME|FILE",
        help="the comparator: the name or file of one of the models, or a model file of its own, compared with them "
        "(default: the model with role comparator, else the first)",
    )
    p.add_argument("--wtp", type=_wtp, nargs="+", help="willingness-to-pay values per unit of effect (>= 0)")
    sim_opts(p)
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--quiet", action="store_true", help="no progress messages")
    _add_table_options(p)
