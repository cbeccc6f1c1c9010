"""``impactchain portfolio``: every member of a portfolio on one footing, on local threads or a
Dask cluster, written by the output rule into one directory: the report (HTML and Markdown, and
PDF with --format, in the languages asked) and the tidy tables as CSV (always) and Parquet (with
pyarrow)."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
import logging
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Callable

from impactchain._cli_common import _int_option
from impactchain._text import for_terminal

#: Why the portfolio command, which writes a report, takes at least 100 draws (as ``report`` does).
PORTFOLIO_DRAWS_WHY = " (the report's intervals and chances of a ratio above 1 need them)"

#: The tables written, in order (PortfolioResult fields).
TABLES = (
    "members",
    "measures",
    "outcomes",
    "differences",
    "replaced",
    "ledger",
    "soft",
    "trajectory",
    "soft_trend",
    "composite",
    "conversions",
    "failures",
    "names",
)


def _parquet(frame: Any) -> bytes | None:
    """The frame as Parquet bytes, or None without pyarrow."""
    import importlib.util

    if importlib.util.find_spec("pyarrow") is None:
        return None
    buf = io.BytesIO()
    frame.to_parquet(buf, index=False)
    return buf.getvalue()


def _client(args: argparse.Namespace) -> tuple[Any, Callable[[], None]]:
    """The Dask client the options ask for, and how to close what was started for this run; a
    scheduler that cannot be reached is a ConnectionError naming it."""
    if not args.scheduler and not args.local_cluster:
        return None, lambda: None
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ValueError("--scheduler and --local-cluster need Dask: pip install 'impactchain[dask]'") from None
    if args.scheduler:
        try:
            client = Client(args.scheduler)
        except (OSError, TimeoutError) as e:
            raise ConnectionError(f"could not reach the Dask scheduler at {args.scheduler}: {_first_line(e)}") from None
        return client, client.close
    cluster = LocalCluster(
        n_workers=args.local_cluster,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    )
    client = Client(cluster)

    def close() -> None:
        client.close()
        cluster.close()

    return client, close


def _first_line(e: BaseException) -> str:
    return next((line.strip() for line in str(e).splitlines() if line.strip()), type(e).__name__)


def dask_failure(e: Exception, address: str) -> Exception | None:
    """The error the command gives for what Dask raised when the cluster went away during a run
    (the scheduler lost, its connection closed, the client closed for it) or could not read the
    run's tasks (a scheduler without impactchain): one line naming the scheduler, nothing
    written; None for any other error (a member's, which names its file and field)."""
    from concurrent.futures import CancelledError

    from distributed.client import ClosedClientError

    if isinstance(e, ValueError):  # a member's problem, named by the member (PortfolioError)
        return None
    if isinstance(e, (CancelledError, ClosedClientError, OSError, TimeoutError)):  # Dask's words: with --debug
        return ConnectionError(
            f"the Dask scheduler at {address} was lost during the run; nothing was written: run again when the "
            "cluster is back"
        )
    if isinstance(e, RuntimeError) and "deserializ" in str(e):
        return ValueError(
            f"the Dask scheduler at {address} could not read the run's tasks: the scheduler, as every worker, "
            f"needs impactchain installed ({_first_line(e)})"
        )
    return None


class _NoTraceback(logging.Filter):
    """Drops Dask's log records of errors and those that carry a traceback: the command says what
    went wrong in one line (--debug shows them)."""

    def filter(self, record: logging.LogRecord) -> bool:
        dask = record.name == "distributed" or record.name.startswith("distributed.")
        said = record.exc_info is not None or "Traceback (most recent call last)" in record.getMessage()
        return not (dask and (said or record.levelno >= logging.ERROR))


@contextlib.contextmanager
def _dask_quiet(quiet: bool) -> Iterator[None]:
    """Dask's logged tracebacks left out while the run's cluster is used, when ``quiet`` (a run on
    Dask without --debug)."""
    if quiet:  # Dask sets up its loggers' handlers when first imported: those are the ones to filter
        with contextlib.suppress(ImportError):
            import distributed  # noqa: F401
    handlers = [*logging.getLogger("distributed").handlers, *logging.getLogger().handlers] if quiet else []
    dropped = _NoTraceback()
    for h in handlers:
        h.addFilter(dropped)
    try:
        yield
    finally:
        for h in handlers:
            h.removeFilter(dropped)


#: The formats of the portfolio's report; html and md unless --format says.
PORTFOLIO_FORMATS = ("html", "md", "pdf", "xlsx")
DEFAULT_PORTFOLIO_FORMATS = ("html", "md")


def _formats(text: str) -> tuple[str, ...]:
    from impactchain._output import OutputError, parse_formats

    try:
        return parse_formats(text, PORTFOLIO_FORMATS, "the portfolio's report")
    except OutputError as e:
        raise argparse.ArgumentTypeError(for_terminal(e)) from None


def portfolio_plan(
    directory: Path, langs: Any, inputs: list[Path], formats: Sequence[str] = DEFAULT_PORTFOLIO_FORMATS
) -> Any:
    """The files a portfolio run writes into ``directory`` (an :class:`impactchain._output.OutputPlan`):
    ``report[.<lang>].<format>`` per language and format, and ``tables/<name>.csv`` (and
    ``.parquet`` with pyarrow) per table; an OutputError when one is an input of the run, a link,
    or cannot be written. Known before any member is evaluated."""
    import importlib.util

    from impactchain._output import OutputPlan

    parquet = importlib.util.find_spec("pyarrow") is not None
    files: list[tuple[str, Path]] = []
    for lang in langs:
        suffix = "" if len(langs) == 1 else f".{lang}"
        files += [(f"{lang}:{fmt}", directory / f"report{suffix}.{fmt}") for fmt in formats]
    for name in TABLES:
        files.append((f"tables/{name}.csv", directory / "tables" / f"{name}.csv"))
        if parquet:
            files.append((f"tables/{name}.parquet", directory / "tables" / f"{name}.parquet"))
    return OutputPlan(directory, tuple(files)).with_inputs(inputs)


def write_portfolio(
    result: Any, directory: Path, langs: Any, inputs: list[Path], formats: Sequence[str] = DEFAULT_PORTFOLIO_FORMATS
) -> tuple[list[Path], bool]:
    """The portfolio's report (``report[.<lang>].<format>`` per language and format: html, md,
    pdf, xlsx) and its tables (``tables/<name>.csv``, and ``.parquet`` with pyarrow) written into
    ``directory`` by the output rule (:func:`portfolio_plan`); the paths written, and whether
    Parquet was left out (no pyarrow)."""
    from impactchain._output import write_all
    from impactchain._report_portfolio import portfolio_report
    from impactchain._tables import csv_files

    plan = portfolio_plan(directory, langs, inputs, formats)
    contents: dict[str, bytes | str] = {}
    for key in plan.formats:
        if key.startswith("tables/"):
            name, _, ext = key[len("tables/") :].rpartition(".")
            frame = getattr(result, name)
            contents[key] = csv_files({name: frame})[f"{name}.csv"] if ext == "csv" else _parquet(frame) or b""
        else:
            lang, _, fmt = key.partition(":")
            contents[key] = portfolio_report(result, fmt, lang)
    parquet_missing = not any(key.endswith(".parquet") for key in plan.formats)
    return write_all(plan, contents), parquet_missing


def portfolio_inputs(portfolio: Any, models: Mapping[Path, Any]) -> list[Path]:
    """The files a portfolio run reads, none of which may be written over: the portfolio file (or
    folder), every member's model file and the files it names (data, price index) as read into
    ``models`` (:func:`impactchain.portfolio.read_models`; a file that could not be read names
    only itself), and actuals."""
    from impactchain._output_inputs import model_inputs

    out = [Path(portfolio.source)]
    for path, model in models.items():
        out += [Path(path)] + ([] if isinstance(model, BaseException) else model_inputs(model))
    return out + [m.actuals for m in portfolio.members if m.actuals is not None]


def members_language(models: Mapping[Path, Any]) -> str | None:
    """The language the members' model files name (``language: nl``) when every one that names
    one names the same, and the report speaks it; None otherwise (a member that cannot be read
    names none: its evaluation says what is wrong)."""
    from impactchain._i18n import LANGUAGES

    named = {(m.language or "").split("-")[0] for m in models.values() if not isinstance(m, BaseException)}
    named.discard("")
    return named.pop() if len(named) == 1 and next(iter(named)) in LANGUAGES else None


def cmd_portfolio(args: argparse.Namespace) -> int:
    from impactchain._notice import notice
    from impactchain.portfolio import evaluate_portfolio, load_portfolio, read_models

    directory = Path(args.output or "portfolio")
    if directory.suffix and not directory.is_dir():
        raise ValueError(f"{directory}: the portfolio is written into a directory (-o DIR/): its report and tables")
    formats = args.format or DEFAULT_PORTFOLIO_FORMATS  # a pdf without WeasyPrint: refused by the command line
    portfolio = load_portfolio(args.portfolio)
    models = read_models(portfolio)  # each model file read once, for the whole run
    langs, chosen = args.lang, None
    if langs is None:  # the members' language, or English: said on stderr and in the report's assumptions
        named = members_language(models)
        langs = (named or "en",)
        chosen = notice("portfolio.language_members", language=named) if named else notice("portfolio.language_default")
        if not args.quiet:
            why = "the language the members' model files name" if named else "no one language named by the members"
            sys.stderr.write(f"report in {langs[0]} ({why}; --lang chooses)\n")
    inputs = portfolio_inputs(portfolio, models)
    portfolio_plan(directory, langs, inputs, formats)  # every output path checked before any member is evaluated
    on_dask = bool(args.scheduler or args.local_cluster)
    with _dask_quiet(on_dask and not getattr(args, "debug", False)):
        client, close = _client(args)
        address = client.scheduler.address if client is not None else ""
        try:
            if not args.quiet:
                where = f"the Dask scheduler at {address}" if client is not None else "local threads"
                sys.stderr.write(f"evaluating {len(portfolio.members)} members on {where}\n")
            result = evaluate_portfolio(
                portfolio,
                draws=args.draws,
                seed=args.seed,
                stream_version=args.stream_version,
                client=client,
                threads=args.threads,
                keep_going=args.keep_going,
                models=None if client is not None else models,  # on Dask each worker reads its members' files
            )
        except Exception as e:
            lost = dask_failure(e, address) if client is not None else None
            if lost is None:
                raise
            raise lost from e  # --debug shows Dask's error under it
        finally:
            close()
    if chosen is not None:
        result = dataclasses.replace(result, assumptions=(*result.assumptions, chosen))
    written, parquet_missing = write_portfolio(result, directory, langs, inputs, formats)
    for p in written:
        sys.stdout.write(for_terminal(str(p)) + "\n")
    if parquet_missing and not args.quiet:
        sys.stderr.write("Parquet tables need pyarrow (pip install 'impactchain[dask]'); the CSV tables are written\n")
    for f in result.failures.to_dict("records"):
        sys.stderr.write(for_terminal(f"not evaluated: {f['member']} ({f['file']}): {f['error']}") + "\n")
    return 1 if len(result.failures) else 0


def add_verb(verb: Callable[..., argparse.ArgumentParser], sim_opts: Callable[..., None], languages: Any) -> None:
    p = verb(
        "portfolio",
        "Evaluate every member of a portfolio (docs/portfolio.md) on one footing, locally or on a Dask cluster.",
        cmd_portfolio,
    )
    p.add_argument(
        "portfolio", metavar="PORTFOLIO", help="a portfolio file (portfolio.yaml) or a folder of model files"
    )
    sim_opts(p, min_draws=100, why=PORTFOLIO_DRAWS_WHY)  # it writes a report, as `report` does
    where = p.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="ADDRESS", help="a running Dask scheduler (tcp://host:8786)")
    where.add_argument(
        "--local-cluster",
        type=_int_option("--local-cluster", 1, 256, of="worker processes"),
        metavar="WORKERS",
        help="start a Dask LocalCluster of WORKERS processes on this machine (loopback only) for the run",
    )
    p.add_argument("--keep-going", action="store_true", help="finish the other members when one fails (exit 1)")
    p.add_argument("-o", "--output", metavar="DIR/", help="the directory to write (default portfolio/)")
    p.add_argument(
        "--lang",
        type=languages,
        default=None,
        metavar="en|nl|nl,en",
        help="language of the report: en or nl (default: the language the members' model files name with "
        "'language:', when they agree, else en); 'nl,en' writes both (report.nl.<ext> and report.en.<ext>)",
    )
    p.add_argument(
        "--format",
        type=_formats,
        metavar="html,md,pdf,xlsx",
        help="formats of the report (default html,md; xlsx: an Excel workbook of its tables and text; "
        "pdf needs WeasyPrint: pip install 'impactchain[pdf]')",
    )
    p.add_argument("--quiet", action="store_true", help="no progress messages")
