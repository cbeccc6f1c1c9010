"""Portfolios: many initiatives over several periods on one footing (docs/portfolio.md).

:func:`load_portfolio` reads a portfolio file (``portfolio.yaml``: the members, each with its
``organisation``, ``period``, ``model`` path and optionally ``actuals`` and ``group``) or a folder
of model files. :func:`evaluate_portfolio` values and simulates every member on one footing — one
currency (other currencies through the portfolio's ``fx`` table, with source and date), one price
year (the portfolio's ``price_index``), one discounting unless a member keeps its own — and lays
each member's actuals over its forecast. Each member's random stream is keyed by the seed and the
member's id, so no member's numbers depend on the others, their order, the thread count or
where they run: on local threads, or with a ``dask.distributed.Client`` as tasks of blocks of members.
"""

from __future__ import annotations

import copy
import hashlib
import json
import math
import os
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union

import pandas as pd

from impactchain._actuals import ActualsError, merge_actuals, read_document, shapley_split
from impactchain._check import ArgumentError
from impactchain._portfolio_tables import composite_table, tables
from impactchain._result import Result, result_type
from impactchain._summary import Section

__all__ = [
    "Portfolio",
    "PortfolioMember",
    "PortfolioError",
    "PortfolioResult",
    "FxRate",
    "load_portfolio",
    "evaluate_portfolio",
    "member_seed",
]

_PORTFOLIO_KEYS = ("impactchain", "name", "currency", "price_year", "price_index", "discount", "fx", "members")
_MEMBER_KEYS = ("id", "organisation", "period", "model", "actuals", "group", "discount")


class PortfolioError(ValueError):
    """A portfolio, or one of its members, that cannot be evaluated: the message names the member,
    its file and the field."""


@dataclass(frozen=True)
class FxRate:
    """Units of the portfolio's currency per unit of ``currency``, with where and when it was read."""

    currency: str
    rate: float
    source: str
    date: str


@dataclass(frozen=True)
class PortfolioMember:
    """One initiative in one period: its model file and, optionally, a file of actuals."""

    id: str
    organisation: str
    period: str
    model: Path
    actuals: Optional[Path] = None
    group: str = ""
    own_discount: bool = False


@dataclass(frozen=True)
class Portfolio:
    """Members on one footing: ``currency`` and ``price_year`` (None: the first member's),
    ``price_index`` (year -> index, any base), ``discount`` (model-file form; None: each member's
    own) and ``fx`` (currency -> :class:`FxRate`)."""

    name: str
    members: tuple[PortfolioMember, ...]
    currency: Optional[str] = None
    price_year: Optional[int] = None
    price_index: Mapping[int, float] = field(default_factory=dict)
    discount: Optional[Mapping[str, Any]] = None
    fx: Mapping[str, FxRate] = field(default_factory=dict)
    source: Optional[Path] = None


def _text(value: Any) -> str:
    if isinstance(value, Mapping):  # a period {start, end} or a text in several languages
        if "start" in value:
            s, e = value.get("start"), value.get("end")
            return str(s) if e in (None, s) else f"{s}-{e}"
        return str(next(iter(value.values()), ""))
    return "" if value is None else str(value)


def _member(entry: Any, i: int, base: Path, source: str) -> PortfolioMember:
    where = f"portfolio '{source}': members[{i}]"
    if not isinstance(entry, Mapping):
        raise PortfolioError(f"{where}: expected a mapping with organisation, period and model")
    unknown = [k for k in entry if k not in _MEMBER_KEYS]
    if unknown:
        raise PortfolioError(f"{where}: unknown key '{unknown[0]}' (known: {', '.join(_MEMBER_KEYS)})")
    if not isinstance(entry.get("model"), str) or not entry["model"].strip():
        raise PortfolioError(f"{where}.model: the path of the member's model file is missing")
    organisation = _text(entry.get("organisation")).strip()
    period = _text(entry.get("period")).strip()
    if not organisation:
        raise PortfolioError(f"{where}.organisation: the member's organisation is missing")
    if not period:
        raise PortfolioError(f"{where}.period: the member's period is missing (e.g. period: 2024)")
    discount = entry.get("discount")
    if discount not in (None, "portfolio", "own"):
        raise PortfolioError(f"{where}.discount: 'own' keeps the model's discounting, got {discount!r}")
    actuals = entry.get("actuals")
    if actuals is not None and (not isinstance(actuals, str) or not actuals.strip()):
        raise PortfolioError(f"{where}.actuals: expected the path of a file of actuals")
    return PortfolioMember(
        id=str(entry.get("id") or f"{organisation}/{period}"),
        organisation=organisation,
        period=period,
        model=(base / entry["model"]).resolve(),
        actuals=(base / actuals).resolve() if actuals else None,
        group=_text(entry.get("group")),
        own_discount=discount == "own",
    )


def _fx(table: Any, source: str) -> dict[str, FxRate]:
    if table is None:
        return {}
    if not isinstance(table, Mapping):
        raise PortfolioError(f"portfolio '{source}': fx must map a currency to {{rate, source, date}}")
    out = {}
    for cur, row in table.items():
        where = f"portfolio '{source}': fx.{cur}"
        if not isinstance(row, Mapping) or not all(row.get(k) not in (None, "") for k in ("rate", "source", "date")):
            raise PortfolioError(f"{where}: give rate (portfolio currency per {cur}), source and date")
        rate = row["rate"]
        if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not (math.isfinite(rate) and rate > 0):
            raise PortfolioError(f"{where}.rate: must be a positive number, got {rate!r}")
        out[str(cur)] = FxRate(str(cur), float(rate), str(row["source"]), str(row["date"]))
    return out


def _index(table: Any, source: str) -> dict[int, float]:
    if table is None:
        return {}
    if not isinstance(table, Mapping):
        raise PortfolioError(f"portfolio '{source}': price_index must map a year to an index (any base)")
    out = {}
    for year, value in table.items():
        try:
            y = int(str(year))
        except ValueError:
            raise PortfolioError(f"portfolio '{source}': price_index keys must be years, got {year!r}") from None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not (math.isfinite(value) and value > 0):
            raise PortfolioError(f"portfolio '{source}': price_index.{year} must be a positive number, got {value!r}")
        out[y] = float(value)
    return out


def load_portfolio(path: Union[str, os.PathLike]) -> Portfolio:
    """A portfolio file (YAML or JSON, read by the model files' parser) or a folder of model files
    (each a member: its ``organisation`` or file name, its ``period``, its file stem as id)."""
    p = Path(path)
    if p.is_dir():
        files = sorted(q for q in p.iterdir() if q.suffix.lower() in (".yaml", ".yml", ".json") and q.is_file())
        if not files:
            raise PortfolioError(f"portfolio folder '{p}': no model files (.yaml, .yml, .json) in it")
        found = []
        for f in files:
            d = read_document(f, "model file")
            found.append(
                PortfolioMember(
                    id=f.stem,
                    organisation=_text(d.get("organisation")) or f.stem,
                    period=_text(d.get("period")) or "",
                    model=f.resolve(),
                )
            )
        return Portfolio(name=p.name, members=tuple(found), source=p.resolve())
    d = read_document(p, "portfolio file")
    source = str(p)
    if not isinstance(d, Mapping):
        raise PortfolioError(f"portfolio '{source}': expected a mapping with members")
    unknown = [k for k in d if k not in _PORTFOLIO_KEYS]
    if unknown:
        raise PortfolioError(f"portfolio '{source}': unknown key '{unknown[0]}' (known: {', '.join(_PORTFOLIO_KEYS)})")
    entries = d.get("members")
    if not isinstance(entries, list) or not entries:
        raise PortfolioError(f"portfolio '{source}': members must list at least one member")
    base = p.resolve().parent
    listed = tuple(_member(e, i, base, source) for i, e in enumerate(entries))
    seen: dict[str, int] = {}
    for i, m in enumerate(listed):
        if m.id in seen:
            raise PortfolioError(
                f"portfolio '{source}': members[{i}]: id '{m.id}' is used by members[{seen[m.id]}] too "
                "(give each member its own id, or a different organisation/period)"
            )
        seen[m.id] = i
    price_year = d.get("price_year")
    if price_year is not None and (isinstance(price_year, bool) or not isinstance(price_year, int)):
        raise PortfolioError(f"portfolio '{source}': price_year must be a year, got {price_year!r}")
    discount = d.get("discount")
    if discount is not None and not isinstance(discount, Mapping):
        raise PortfolioError(f"portfolio '{source}': discount takes the model file's form (e.g. {{rate: 0.0225}})")
    return Portfolio(
        name=_text(d.get("name")) or p.stem,
        members=listed,
        currency=d.get("currency"),
        price_year=price_year,
        price_index=_index(d.get("price_index"), source),
        discount=discount,
        fx=_fx(d.get("fx"), source),
        source=p.resolve(),
    )


def member_seed(seed: int, member_id: str) -> int:
    """The seed of a member's Monte Carlo: SHA-256 of the portfolio seed and the member's id,
    63 bits; it depends on nothing else (not the member's place, the thread or the worker)."""
    digest = hashlib.sha256(f"{int(seed)}\x00{member_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1


# --------------------------------------------------------------------------- one member


@dataclass(frozen=True)
class _Footing:
    currency: str
    price_year: int
    price_index: Mapping[int, float]
    discount: Optional[Mapping[str, Any]]
    fx: Mapping[str, FxRate]


def _factor(model: Mapping[str, Any], footing: _Footing, who: str) -> tuple[float, list[str]]:
    """The factor that brings the member's money to the portfolio's currency and price year, and
    each conversion in words."""
    notes, factor = [], 1.0
    cur, year = model.get("currency"), model.get("price_year")
    if cur and cur != footing.currency:
        fx = footing.fx.get(cur)
        if fx is None:
            raise PortfolioError(
                f"{who}: the model is in {cur}, the portfolio in {footing.currency}: add fx: {{{cur}: {{rate, source, "
                "date}} to the portfolio"
            )
        factor *= fx.rate
        notes.append(f"{cur} x {fx.rate:g} to {footing.currency} ({fx.source}, {fx.date})")
    if year is not None and year != footing.price_year:
        missing = [y for y in (year, footing.price_year) if y not in footing.price_index]
        if missing:
            raise PortfolioError(
                f"{who}: prices of {year}, the portfolio's of {footing.price_year}: the portfolio's price_index "
                f"lacks {', '.join(map(str, missing))}"
            )
        f = footing.price_index[footing.price_year] / footing.price_index[year]
        factor *= f
        notes.append(f"{year} prices x {f:.6g} to {footing.price_year} prices (portfolio price_index)")
    return factor, notes


def _stats(s: Any, factor: float = 1.0) -> dict[str, float]:
    return {"mean": s.mean * factor, "lower": s.lower * factor, "upper": s.upper * factor}


def _evaluate(model: Any, draws: int, seed: int, factor: float) -> dict[str, Any]:
    """Value and Monte Carlo of one model, money times ``factor``: the core's results read
    directly (the numbers ic.value and ic.simulate give; no tables built per member, so that
    members on several threads spend their time in the core, which releases the GIL)."""
    from impactchain import _core

    v = _core.value(model, switching_values=False)  # the portfolio reports no switching values
    o = _core.SimulateOptions()
    o.draws, o.seed, o.threads, o.switching_values = draws, seed, 1, False
    o.ledger_quantiles = False  # the portfolio reports P(net > 0) per party, not the parties' intervals
    sim = _core.simulate_model(model, o)
    summaries = {s.name: s for s in sim.result.summaries}
    ratio = summaries["sroi_ratio"]
    return {
        "present_value": v.present_value * factor,
        "investment_pv": v.investment_pv * factor,
        "npv": v.npv * factor,
        "sroi_ratio": v.sroi_ratio,
        "ratio": {"mean": ratio.mean, "lower": ratio.lower, "upper": ratio.upper},
        "npv_sim": _stats(summaries["npv"], factor),
        "p_ratio_above_1": sim.p_ratio_above_1,
        "outcomes": [
            {"outcome": r.id, "name": r.name, "quantity": r.quantity, "present_value": r.present_value * factor}
            for r in v.outcomes
        ],
        "ledger": [
            {
                "party": r.party,
                "pays": r.pays * factor,
                "gains": r.gains * factor,
                "net": r.net * factor,
                "p_net_positive": p.p_net_positive,
            }
            for r, p in zip(v.ledger, sim.ledger)
        ],
        "warnings": [str(w) for w in v.warnings],
    }


def _soft(model: Any) -> list[dict[str, Any]]:
    from impactchain.io import base_dir
    from impactchain.soft import soft_outcome_summary

    rows = []
    for spec in model.soft_outcomes or []:
        s = soft_outcome_summary(spec, base_dir(model), threads=1)
        g: Any = s.groups.loc["all"] if "all" in s.groups.index else s.groups.iloc[0]
        rows.append(
            {
                "soft_outcome": spec["id"],
                "n": int(g["n"]),
                "mean_change": float(g["mean_change"]),
                "lower": float(g["change_ci_low"]),
                "upper": float(g["change_ci_high"]),
            }
        )
    return rows


def _merged_model(merged: Mapping[str, Any], member: PortfolioMember) -> Any:
    """The forecast with its actuals, read by the model loader; its problems named by their field
    (the text read is made here, so its lines and columns would mean nothing to the user)."""
    import impactchain as ic

    try:
        return ic.loads(json.dumps(merged), format="json", source=str(member.actuals), source_path=str(member.model))
    except ValueError as e:
        issues = getattr(e, "issues", None) or [("", str(e))]
        text = "; ".join(f"{p}: {m}" if p else m for p, m in issues)
        raise ActualsError(
            f"the forecast with the actuals of '{member.actuals}' is not a valid model: {text}"
        ) from None


def evaluate_member(member: PortfolioMember, footing: _Footing, draws: int, seed: int) -> dict[str, Any]:
    """Everything the portfolio reports of one member (plain data, the same wherever it runs).
    Raises PortfolioError naming the member, its file and the field."""
    import impactchain as ic

    who = f"member '{member.id}' ({member.model})"
    try:
        model = ic.load(member.model)
        d = model.to_dict()
        notes: list[str] = []
        if footing.discount is not None and not member.own_discount and d.get("discount") != footing.discount:
            d["discount"] = copy.deepcopy(dict(footing.discount))
            notes.append(f"discounting: the portfolio's {json.dumps(footing.discount)} instead of the model's")
            model = ic.loads(json.dumps(d), format="json", source=str(member.model), source_path=str(member.model))
        factor, conversions = _factor(d, footing, who)
        notes += conversions
        s = member_seed(seed, member.id)
        out: dict[str, Any] = {
            "member": member.id,
            "organisation": member.organisation,
            "period": member.period,
            "group": member.group,
            "model": str(member.model),
            "factor": factor,
            "conversions": notes,
            "forecast": _evaluate(model, draws, s, factor),
            "soft": _soft(model),
            "actual": None,
        }
        if member.actuals is not None:
            actuals = read_document(member.actuals, f"{who}: actuals")
            merged, replaced = merge_actuals(d, actuals, str(member.actuals))
            actual = _merged_model(merged, member)
            ad = actual.to_dict()
            a_factor, _ = _factor(ad, footing, f"{who}: actuals")

            def pvs(hybrid: Mapping[str, Any]) -> dict[str, float]:
                m = ic.loads(json.dumps(hybrid), format="json", source=str(member.actuals))
                return {
                    r["id"]: float(r["present_value"]) * a_factor
                    for r in ic.value(m, switching_values=False).outcomes.to_dict("records")
                }

            split, used = shapley_split(model.to_dict(), ad, pvs)
            out["actual"] = {
                **_evaluate(actual, draws, s, a_factor),
                "replaced": replaced,
                "split": split,
                "factors": used,
                "soft": _soft(actual),
            }
        return out
    except PortfolioError:
        raise
    except (ValueError, OSError) as e:
        raise PortfolioError(f"{who}: {e}") from None


# --------------------------------------------------------------------------- the result


@result_type
class PortfolioResult(Result):
    """Every member on one footing: ``members`` (one row per member: present value, investment,
    NPV, SROI ratio with its interval, P(ratio > 1), and the actual's where there are actuals),
    ``measures`` (tidy: one row per member x measure, with the member's percentile within its
    group), ``outcomes`` (per member and outcome, with the cost per unit), ``differences``
    (forecast against actual per outcome, split into its causes), ``replaced`` (every value the
    actuals replaced), ``ledger``, ``soft``, ``trajectory`` (per organisation and period) and
    ``failures`` (members that could not be evaluated, with ``keep_going``)."""

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
    assumptions: tuple[str, ...] = ()
    _title = "Portfolio"
    _summary_fields = ("name", "currency", "price_year", "draws", "seed")

    def _table(self) -> pd.DataFrame:
        return self.members

    def _sections(self) -> list[Section]:
        cols = ["organisation", "period", "present_value", "npv", "sroi_ratio", "p_ratio_above_1"]
        out = [*super()._sections(), Section("Members", table=self.members.set_index("member")[cols])]
        if len(self.failures):
            out.append(Section("Members not evaluated", table=self.failures.set_index("member")))
        return out


def _footing(portfolio: Portfolio) -> tuple[_Footing, list[str]]:
    """The portfolio's footing; a currency or price year it does not state is the first member's (said)."""
    import impactchain as ic

    said = []
    currency, year = portfolio.currency, portfolio.price_year
    if currency is None or year is None:
        first = ic.load(portfolio.members[0].model)
        if currency is None:
            currency = first.currency
            said.append(f"currency: {currency}, the first member's (the portfolio gives none)")
        if year is None:
            year = first.to_dict().get("price_year")
            said.append(f"price year: {year}, the first member's (the portfolio gives none)")
    if portfolio.discount is None:
        said.append("discounting: each member's own (the portfolio gives no discount)")
    return _Footing(str(currency), int(year), dict(portfolio.price_index), portfolio.discount, dict(portfolio.fx)), said


def evaluate_portfolio(
    portfolio: Union[Portfolio, str, os.PathLike],
    draws: Optional[int] = None,
    seed: Optional[int] = None,
    *,
    client: Any = None,
    threads: Optional[int] = None,
    keep_going: bool = False,
) -> PortfolioResult:
    """Values and simulates every member on the portfolio's footing (module docstring).

    ``client``: a ``dask.distributed.Client``: members are tasks there in blocks of up to 16
    (retried when a worker is lost); None runs on ``threads`` local threads (default ``DEFAULTS.threads``). The numbers of
    a member are the same either way. A member that fails stops the run with its file and field
    named, unless ``keep_going``: then the others finish and ``failures`` lists it."""
    from impactchain._check import check_bool, check_threads
    from impactchain._defaults import pick

    if not isinstance(portfolio, Portfolio):
        portfolio = load_portfolio(portfolio)
    used: list[str] = []
    draws = int(pick("draws", draws, used))
    seed = int(pick("seed", seed, used))
    if draws < 1:
        raise ArgumentError(f"draws must be >= 1, got {draws}")
    keep_going = check_bool("keep_going", keep_going)
    footing, said = _footing(portfolio)
    members = list(portfolio.members)
    failures: list[dict[str, str]] = []
    if client is not None:
        from impactchain._portfolio_dask import run_on_client

        outcomes = run_on_client(client, members, footing, draws, seed)
        given = 0 if threads is None else check_threads("threads", threads)
        n = given or (os.cpu_count() or 1)  # the composite's rank intervals are computed here
    else:
        n = check_threads("threads", pick("threads", threads, used)) or (os.cpu_count() or 1)
        with ThreadPoolExecutor(max_workers=max(1, min(n, len(members)))) as pool:
            futures = [pool.submit(evaluate_member, m, footing, draws, seed) for m in members]
            outcomes = []
            for fut in futures:
                try:
                    outcomes.append(fut.result())
                except PortfolioError as e:
                    outcomes.append(e)
    results = []
    for m, r in zip(members, outcomes):
        if isinstance(r, BaseException):
            if not keep_going:
                raise r if isinstance(r, PortfolioError) else PortfolioError(f"member '{m.id}' ({m.model}): {r}")
            failures.append({"member": m.id, "file": str(m.model), "error": str(r)})
        else:
            results.append(r)
    frames = tables(results)
    frames["composite"], composite_said = composite_table(frames["members"], draws, seed, n)
    assumptions = tuple(used) + tuple(said) + tuple(composite_said)
    return PortfolioResult(
        name=portfolio.name,
        currency=footing.currency,
        price_year=footing.price_year,
        draws=draws,
        seed=seed,
        failures=pd.DataFrame(failures, columns=["member", "file", "error"]),
        assumptions=assumptions,
        **frames,
    )
