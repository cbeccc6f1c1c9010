"""Portfolios: many initiatives over several periods on one footing (docs/portfolio.md).

:func:`load_portfolio` reads a portfolio file (``portfolio.yaml``: the members, each with its
``organisation``, ``period``, ``model`` path and optionally ``actuals`` and ``group``) or a folder
of model files. :func:`evaluate_portfolio` values and simulates every member on one footing — one
currency (other currencies through the portfolio's ``fx`` table, with source and date), one price
year (the portfolio's ``price_index``), one discounting unless a member keeps its own — and lays
each member's actuals over its forecast. Each member's random stream is keyed by the seed and the
member's id, so no member's numbers depend on the others, their order, the thread count or
where they run: on local threads, or with a ``dask.distributed.Client`` as tasks of blocks of members.

Here: the run and its result (:class:`PortfolioResult`). What a portfolio is lives in
``_portfolio_definition``, reading one in ``_portfolio_file``, its footing in
``_portfolio_footing``, evaluating one member in ``_portfolio_member``, the result's tables in
``_portfolio_tables``, its trajectory and trends in ``_portfolio_trends`` (the order of periods in
``_portfolio_periods``) and its composite index in ``_portfolio_composite``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Optional, Union

import pandas as pd

from impactchain._check import ArgumentError
from impactchain._defaults import DEFAULTS
from impactchain._notice import notice
from impactchain._portfolio_check import PortfolioCheck, check_portfolio
from impactchain._portfolio_composite import composite_table, upgraded_composite, upgraded_warnings
from impactchain._portfolio_definition import FxRate, Portfolio, PortfolioError, PortfolioMember
from impactchain._portfolio_file import load_portfolio
from impactchain._portfolio_footing import footing_of, read_models
from impactchain._portfolio_member import evaluate_member, member_seed
from impactchain._portfolio_names import NAME_COLUMNS, portfolio_names
from impactchain._portfolio_periods import shared_actuals
from impactchain._portfolio_tables import REPLACED_COLUMNS, fixed_inputs, measures_table, tables
from impactchain._portfolio_trends import order_said, soft_trend_table, trajectory_table
from impactchain._result import Result, _short, result_type
from impactchain._seed import check_stream_version
from impactchain._summary import Section, fmt_value

__all__ = [
    "Portfolio",
    "PortfolioMember",
    "PortfolioError",
    "PortfolioResult",
    "FxRate",
    "load_portfolio",
    "evaluate_portfolio",
    "member_seed",
    "read_models",
    "check_portfolio",
    "PortfolioCheck",
]


@result_type
class PortfolioResult(Result):
    """Every member on one footing: ``members`` (one row per member: present value, investment,
    NPV, SROI ratio with its interval, P(ratio > 1), and the actual's where there are actuals),
    ``measures`` (tidy: one row per member x measure, with the member's percentile within its
    group), ``outcomes`` (per member and outcome, with the cost per unit), ``differences``
    (forecast against actual per outcome, split into its causes), ``replaced`` (every value the
    actuals replaced), ``ledger``, ``soft``, ``trajectory`` and ``soft_trend`` (per organisation, its
    periods in order: by number when every one reads as a number, else as labels) and
    ``failures`` (members that could not be evaluated, with ``keep_going``); ``names``: what those
    tables name by id (outcome, soft outcome, party, replaced field) by name in each report
    language, as each member's model names it (``member``, ``kind``, ``id``, ``lang``, ``name``).
    ``warnings``: what
    each member's model, its run and its actuals file said (a number written like 150.000, a
    draw that was not finite, an adjustment unlike practice), each naming the member."""

    name: str
    currency: str
    price_year: int
    draws: int
    seed: int
    members: pd.DataFrame
    measures: pd.DataFrame
    outcomes: pd.DataFrame
    differences: pd.DataFrame
    replaced: pd.DataFrame
    ledger: pd.DataFrame
    soft: pd.DataFrame
    trajectory: pd.DataFrame
    soft_trend: pd.DataFrame
    composite: pd.DataFrame
    conversions: pd.DataFrame
    failures: pd.DataFrame
    names: pd.DataFrame
    warnings: tuple[str, ...] = ()
    assumptions: tuple[str, ...] = ()
    #: The random stream of every member's draws (1: the stream of impactchain 0.2 and earlier):
    #: with the seed, what reproduces the members' numbers.
    stream_version: int = DEFAULTS.stream_version
    _title = "Portfolio"
    _summary_fields = ("name", "currency", "price_year", "draws", "seed", "stream_version")
    # 2: stream_version; 3: names, the members' files; 4: the ledger's no_money; 5: periods in
    # their order (by number), the NPV's and present value's intervals, the replaced values' factors;
    # 6: members with fixed inputs, the actual's measures with their basis, the composite's shared places;
    # 7: each soft outcome's scale; 8: places shared by scores equal as shown, said in a warning of
    # their own (not the ranking's row-order tie warning)
    _version = 8

    @classmethod
    def _upgrade(cls, state: dict[str, Any], version: int) -> dict[str, Any]:
        if version < 2:  # drawn from the only stream there was then
            state = {**state, "stream_version": 1}
        if version < 3:  # before names and the members' files: the report shows the ids, no files
            members = state["members"].assign(model_file="", actuals_file="")
            state = {**state, "names": pd.DataFrame(columns=NAME_COLUMNS), "members": members}
        if version < 4:  # not recorded then: every party's chance of a positive net is shown
            state = {**state, "ledger": state["ledger"].assign(no_money=False)}
        if version < 5:  # periods were ordered as text: ordered again; intervals and factors not kept then
            nan = float("nan")
            members = state["members"].assign(
                present_value_lower=nan, present_value_upper=nan, npv_lower=nan, npv_upper=nan
            )
            state = {
                **state,
                "members": members,
                "trajectory": trajectory_table(members),
                "soft_trend": soft_trend_table(members, state["soft"]),
                "replaced": state["replaced"].assign(forecast_factor=nan, actual_factor=nan)[REPLACED_COLUMNS],
            }
        if version < 6:  # not kept then: which members had no uncertainty (their warnings say) and the
            # actual's measures (the composite's additions of version 6: with version 8's below)
            members = fixed_inputs(state["members"], state.get("warnings", ()))
            state = {**state, "members": members, "measures": measures_table(members)}
        if version < 7:  # not kept then: each soft outcome's scale (its change's unit unknown)
            nan = float("nan")
            for table in ("soft", "soft_trend"):
                if "scale_low" not in state[table]:
                    state = {**state, table: state[table].assign(scale_low=nan, scale_high=nan)}
        if version < 8:  # the places members of the same score share (as shown; before 6: none) and the
            # warning naming them (not the ranking's row-order tie warning), and before 6 the members
            # whose chance the index counts though no uncertainty was given, and the warning of them
            composite = upgraded_composite(state["composite"], state["members"], state.get("assumptions", ()), version)
            warnings = upgraded_warnings(state.get("warnings", ()), composite, version)
            state = {**state, "composite": composite, "warnings": warnings}
        return state

    def _table(self) -> pd.DataFrame:
        return self.members

    def _shown(self) -> list[tuple[str, Any]]:
        """The summary's fields, a year and a seed as written (2025, not 2,025)."""
        return [
            (k, str(v) if k in ("price_year", "seed") else v)
            for k, v in ((k, getattr(self, k)) for k in self._summary_fields)
        ]

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={_short(fmt_value(v))}" for k, v in self._shown()[:4])
        return f"<{type(self).__name__} {shown}>"

    def _sections(self) -> list[Section]:
        cols = ["organisation", "period", "present_value", "npv", "sroi_ratio", "p_ratio_above_1"]
        result = Section("Result", rows=[(k.replace("_", " "), v) for k, v in self._shown()])
        out = [result, Section("Members", table=self.members.set_index("member")[cols])]
        if len(self.failures):
            out.append(Section("Members not evaluated", table=self.failures.set_index("member")))
        return out


def member_warnings(results: list[dict[str, Any]]) -> list[str]:
    """Each member's warnings, forecast then actuals, member by member, each naming its member."""
    out: list[str] = []
    for r in results:
        out += r.get("said", [])  # each names its member already
        out += [notice("portfolio.forecast_warning", member=r["member"], warning=n) for n in r["forecast"]["warnings"]]
        if (a := r["actual"]) is not None:
            out += [
                notice("portfolio.actual_warning", member=r["member"], file=a["file"], warning=n) for n in a["warnings"]
            ]
    return out


def evaluate_portfolio(
    portfolio: Union[Portfolio, str, os.PathLike],
    draws: Optional[int] = None,
    seed: Optional[int] = None,
    *,
    client: Any = None,
    threads: Optional[int] = None,
    keep_going: bool = False,
    stream_version: Optional[int] = None,
    models: Optional[Mapping[Path, Any]] = None,
) -> PortfolioResult:
    """Values and simulates every member on the portfolio's footing (module docstring).

    ``client``: a ``dask.distributed.Client``: members are tasks there in blocks of up to 16
    (retried when a worker is lost); None runs on ``threads`` local threads (default ``DEFAULTS.threads``). The numbers of
    a member are the same either way. Members that fail stop the run, each named with its file and
    field (one PortfolioError naming every one), unless ``keep_going``: then the others finish and
    ``failures`` lists them. :func:`check_portfolio` finds such problems without computing.
    ``stream_version`` (default ``DEFAULTS.stream_version``) is the random stream of every
    member's draws: 1 reproduces the members' numbers of impactchain 0.2 and earlier.
    ``models``: the members' model files as already read (:func:`read_models`, for a caller that
    read them before the run); None reads each file once, here, for local threads (a file that
    several members share, once). On a Dask client each worker reads the files of its members."""
    from impactchain._check import check_bool, check_threads
    from impactchain._defaults import pick

    if not isinstance(portfolio, Portfolio):
        portfolio = load_portfolio(portfolio)
    used: list[str] = []
    draws = int(pick("draws", draws, used))
    seed = int(pick("seed", seed, used))
    stream_version = check_stream_version(pick("stream_version", stream_version, used))
    if draws < 1:
        raise ArgumentError(f"draws must be >= 1, got {draws}")
    keep_going = check_bool("keep_going", keep_going)
    if client is None and models is None:
        models = read_models(portfolio)
    footing, said = footing_of(portfolio, models)
    members = list(portfolio.members)
    failures: list[dict[str, str]] = []
    if client is not None:
        from impactchain._portfolio_dask import run_on_client

        outcomes = run_on_client(client, members, footing, draws, seed, stream_version)
        given = 0 if threads is None else check_threads("threads", threads)
        n = given or (os.cpu_count() or 1)  # the composite's rank intervals are computed here
    else:
        n = check_threads("threads", pick("threads", threads, used)) or (os.cpu_count() or 1)
        with ThreadPoolExecutor(max_workers=max(1, min(n, len(members)))) as pool:
            futures = [pool.submit(evaluate_member, m, footing, draws, seed, stream_version, models) for m in members]
            outcomes = []
            for fut in futures:
                try:
                    outcomes.append(fut.result())
                except PortfolioError as e:
                    outcomes.append(e)
    results, errors = [], []
    for m, r in zip(members, outcomes):
        if isinstance(r, BaseException):
            errors.append(
                r if isinstance(r, PortfolioError) else PortfolioError(f"member '{m.id}' ({m.shown(m.model)}): {r}")
            )
            failures.append({"member": m.id, "file": str(m.model), "error": str(errors[-1])})
        else:
            results.append(r)
    if errors and not keep_going:  # every member that failed, not the first only (all were run)
        if len(errors) == 1:
            raise errors[0]
        raise PortfolioError(
            f"{len(errors)} of {len(members)} members could not be evaluated (keep_going=True evaluates the "
            "others):\n"
            + "\n".join("\n  ".join(str(e).splitlines()) for e in errors)  # a member's later lines indented
        )
    frames = tables(results)
    frames["composite"], composite_said, composite_warned = composite_table(frames["members"], draws, seed, n)
    warnings = tuple(shared_actuals(portfolio.members)) + tuple(member_warnings(results)) + tuple(composite_warned)
    ordered = order_said(frames["trajectory"], frames["soft_trend"])  # how periods were ordered
    own = pd.DataFrame(portfolio_names(portfolio.texts), columns=NAME_COLUMNS)
    frames["names"] = pd.concat([own, frames["names"]], ignore_index=True) if len(own) else frames["names"]
    assumptions = tuple(used) + tuple(said) + tuple(composite_said) + tuple(ordered)
    read = [*([portfolio.source] if portfolio.source else []), *(m.model for m in members)]
    read += [m.actuals for m in members if m.actuals is not None]
    read += [m for m in (models or {}).values() if not isinstance(m, BaseException)]  # with their data files
    return PortfolioResult(
        name=portfolio.name,
        currency=footing.currency,
        price_year=footing.price_year,
        draws=draws,
        seed=seed,
        stream_version=stream_version,
        failures=pd.DataFrame(failures, columns=["member", "file", "error"]),
        warnings=warnings,
        assumptions=assumptions,
        **frames,
    )._read_from(*read)
