"""Probabilistic comparison from draws (PSA): :func:`psa` reads the costs and effects (arrays
draws × strategies, or one long DataFrame), checks them, names the strategies and the reference,
and returns a :class:`~impactchain._compare_psa_result.PsaResult`, here or on a Dask cluster.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from impactchain._check import (
    ArgumentError,
    _plain,
    check_threads,
    given_twice,
    numeric_column,
    numeric_table,
    row_named,
)
from impactchain._compare_common import _columns, _error, _missing, _names, _no_columns_without_frame
from impactchain._compare_psa_result import PsaResult
from impactchain._defaults import pick
from impactchain._notice import notice


def _draws(x: Any, what: str) -> tuple[np.ndarray, list[str] | None]:
    cols = None
    if isinstance(x, pd.DataFrame):
        unnamed = [j for j, c in enumerate(x.columns) if _missing(c)]
        if unnamed:
            raise _error(
                f"psa.{what}: column {unnamed[0]} has no name ({x.columns[unnamed[0]]!r}); name every strategy"
            )
        cols = [str(c) for c in x.columns]
        x = numeric_table(x, f"psa.{what}", what)
    if isinstance(x, (str, bytes)):
        raise ArgumentError(f"{what} must be a 2-D array (draws × strategies), got {type(x).__name__}")
    arr = np.asarray(x)
    if arr.dtype != np.float64:
        try:
            arr = arr.astype(np.float64)
        except (TypeError, ValueError):
            raise _error(f"psa.{what}: could not convert the values to numbers") from None
    if arr.ndim != 2:
        raise _error(f"psa.{what}: expected a 2-D array (draws × strategies), got {arr.ndim}-D")
    return np.ascontiguousarray(arr), cols


def _draws_for(x: Any, what: str, client: Any) -> tuple[Any, list[str] | None]:
    """Draws as _draws reads them; a Dask array given with a client stays one (nothing computed)."""
    if client is not None and hasattr(x, "__dask_graph__") and hasattr(x, "chunks"):
        from impactchain._psa_dask import dask_draws

        return dask_draws(x, what), None
    return _draws(x, what)


def _paired(costs: pd.DataFrame, effects: pd.DataFrame, named: bool) -> tuple[pd.DataFrame, str | None]:
    """The effects with their columns in the order of the costs' (paired by name, not by position),
    after checking that both frames hold the same draws (row index) and name the same strategies;
    with ``strategies=`` given (``named``), columns named otherwise (``Chemo_Cost``, ``Chemo_Eff``)
    are paired by position, which the note returned says."""
    if not costs.index.equals(effects.index):
        raise _error(
            "psa.effects: the row index differs from the costs' (row i of both must be the same draw); "
            "give both DataFrames the same index (e.g. .reset_index(drop=True) on both when the rows "
            "are in the same order)"
        )
    cnames, enames = [str(c) for c in costs.columns], [str(c) for c in effects.columns]
    for what, names in (("costs", cnames), ("effects", enames)):
        dup = given_twice(names)
        if dup:
            raise _error(f"psa.{what}: columns appear more than once: {dup}")
    if set(cnames) != set(enames):
        if named and len(cnames) == len(enames):
            return effects, (
                f"costs' columns {cnames} and effects' columns {enames} name different things: "
                "paired by position, in the order of strategies="
            )
        raise _error(
            f"psa.effects: columns {enames} differ from the costs' columns {cnames}: both DataFrames must "
            "name the same strategies (their columns are paired by name), or give strategies= to pair "
            "them by position"
        )
    if cnames == enames:
        return effects, None
    return effects.set_axis(enames, axis=1)[cnames], None


def _numeric(df: pd.DataFrame, s: pd.Series, keyword: str, key: pd.DataFrame) -> np.ndarray:
    """A cost or effect column as floats; a text column is refused as the wide form refuses one
    (:func:`~impactchain._check.not_numeric`), naming its first value that is not a number by the
    row, draw id and strategy."""

    def where(i: int) -> str:
        return f"{row_named(df.index, i)} (draw {_plain(key['draw'].iloc[i])!r}, strategy '{key['strategy'].iloc[i]}')"

    return numeric_column(s, f"psa: column '{s.name}' ({keyword}=) is not numeric", where=where)


def _what(v: Any) -> str:
    if v is None or v is pd.NA:
        return "missing"
    f = float(v)
    return "NaN" if np.isnan(f) else ("inf" if f > 0 else "-inf")


def _finite(df: pd.DataFrame, key: pd.DataFrame, values: dict[str, tuple[pd.Series, np.ndarray]]) -> None:
    """Every cost and effect finite, checked before the pivot: the first bad row by its label, the
    user's draw id and strategy, and how many more rows are bad."""
    bad = np.zeros(len(df), dtype=bool)
    for _, arr in values.values():
        bad |= ~np.isfinite(arr)
    if not bad.any():
        return
    rows = np.flatnonzero(bad)
    i = int(rows[0])
    parts = []
    for keyword, (s, arr) in values.items():
        if not np.isfinite(arr[i]):
            name = keyword if s.name == keyword else f"{keyword} (column '{s.name}')"
            parts.append(f"{name} is {_what(s.iloc[i])}")
    more = f" (and {len(rows) - 1} more row{'s' if len(rows) > 2 else ''})" if len(rows) > 1 else ""
    raise _error(
        f"psa: {row_named(df.index, i)} (draw {_plain(key['draw'].iloc[i])!r}, strategy '{key['strategy'].iloc[i]}'): "
        f"{', '.join(parts)}{more}; every cost and effect must be a finite number"
    )


def _long(
    df: pd.DataFrame, strategy: str | None, cost: str | None, effect: str | None, draw: str | None
) -> tuple[np.ndarray, np.ndarray, list[str], str]:
    """Wide costs and effects (draws × strategies) from a long DataFrame: one row per draw and
    strategy. Strategies in order of first appearance, draws in order of their ids. Every error
    names the DataFrame's row label, the draw id and the strategy as given, not a position after
    the pivot."""
    cols = _columns(
        df, "psa", strategy=strategy or "strategy", cost=cost or "cost", effect=effect or "effect", draw=draw or "draw"
    )
    missing = [i for i, v in enumerate(cols["strategy"]) if _missing(v) or str(v) == ""]
    if missing:
        i = missing[0]
        raise _error(
            f"psa: {row_named(df.index, i)} has no strategy name (column '{strategy or 'strategy'}' is "
            f"{_plain(cols['strategy'].iloc[i])!r}); every row needs one"
        )
    key = pd.DataFrame({"draw": cols["draw"].to_numpy(), "strategy": cols["strategy"].astype(str).to_numpy()})
    no_id = np.flatnonzero(pd.isna(key["draw"]).to_numpy())
    if len(no_id):
        i = int(no_id[0])
        more = f" (and {len(no_id) - 1} more)" if len(no_id) > 1 else ""
        raise _error(
            f"psa: {row_named(df.index, i)} (strategy '{key['strategy'].iloc[i]}') has no draw id (column "
            f"'{draw or 'draw'}' is {_plain(key['draw'].iloc[i])!r}){more}; every row needs one"
        )
    values = {k: (cols[k], _numeric(df, cols[k], k, key)) for k in ("cost", "effect")}
    _finite(df, key, values)
    dup = key.duplicated()
    if dup.any():
        i = int(np.flatnonzero(dup.to_numpy())[0])
        same = (key["draw"] == key["draw"].iloc[i]) & (key["strategy"] == key["strategy"].iloc[i])
        first = int(np.flatnonzero(same.to_numpy())[0])
        raise _error(
            f"psa: {row_named(df.index, i)} repeats draw {_plain(key['draw'].iloc[i])!r} of strategy "
            f"'{key['strategy'].iloc[i]}' (first given in {row_named(df.index, first)}); "
            "give one row per draw and strategy"
        )
    names = list(dict.fromkeys(key["strategy"]))
    frame = pd.DataFrame(
        {"draw": key["draw"], "strategy": key["strategy"], "cost": values["cost"][1], "effect": values["effect"][1]}
    )
    wide_c = frame.pivot(index="draw", columns="strategy", values="cost").reindex(columns=names)
    wide_e = frame.pivot(index="draw", columns="strategy", values="effect").reindex(columns=names)
    if len(frame) != wide_c.size:
        present = set(zip(key["draw"], key["strategy"]))
        d, sname = next((d, n) for d in wide_c.index for n in names if (d, n) not in present)
        counts = key["strategy"].value_counts()
        per = ", ".join(f"'{n}': {int(counts[n])}" for n in names)
        raise _error(
            f"psa: draw {_plain(d)!r} has no row for strategy '{sname}' (every draw needs every strategy; "
            f"rows missing: {wide_c.size - len(frame)}; rows per strategy: {per})"
        )
    note = (
        f"long format: strategies from column '{strategy or 'strategy'}' in order of first appearance, "
        f"{len(wide_c)} draws from column '{draw or 'draw'}'"
    )
    return (
        np.ascontiguousarray(wide_c.to_numpy(dtype=float)),
        np.ascontiguousarray(wide_e.to_numpy(dtype=float)),
        names,
        note,
    )


def psa(
    costs: Any = None,
    effects: Any = None,
    strategies: Sequence[Any] | None = None,
    reference: Any = None,
    *,
    threads: int | None = None,
    strategy: str | None = None,
    cost: str | None = None,
    effect: str | None = None,
    draw: str | None = None,
    client: Any = None,
) -> PsaResult:
    """Comparison from draws (e.g. someone else's simulation): arrays draws × strategies.

    ``psa(costs, effects, strategies, reference=...)`` (positional or as keywords), or
    ``psa(df, reference=...)``: a long DataFrame with one row per draw and strategy and columns
    ``strategy``, ``cost``, ``effect`` and ``draw`` (the draw id; other names with
    ``strategy=``, ``cost=``, ``effect=``, ``draw=``).

    Parameters
    ----------
    costs, effects : array-like or DataFrame, shape (draws, strategies)
        Same shape, finite. C-contiguous float64 arrays are used without a copy.
        (A DataFrame given alone is read as the long format above.) When both are
        DataFrames, their columns are paired by name (the effects' taken in the order of the
        costs'); columns that differ are refused, naming both lists, unless ``strategies`` is
        given (then paired by position, as the assumptions say). Row indexes that differ are
        refused, not aligned: row i of both must be the same draw.
    strategies : list of str, optional
        Column names; from the DataFrame columns when omitted, else ``Strategy_1`` …
        (recorded in ``assumptions``). A missing (None, NaN) or empty name is refused.
    reference : str or int, optional
        Strategy the others are compared against (the status quo / traditional
        provider). Default: the first strategy (recorded in ``assumptions``).
    threads : int, default ``DEFAULTS.threads``
        0 = all hardware threads; results do not depend on it (a default used is recorded in ``assumptions``).
    client : dask.distributed.Client, optional
        Keep the draws on the cluster and compute every number there: ``costs`` and ``effects``
        may then be Dask arrays (draws × strategies; rows rechunked to whole blocks of 32,768
        draws where needed, never gathered) or arrays sent there in chunks. One task per chunk
        returns per-block partial sums, joined in block order, so every number equals the local
        one bit for bit; a task lost with its worker is run again. The result is ``on_cluster``
        (docs/compare.md, "On a cluster").
    """
    assumptions: list[str] = []
    threads = check_threads("threads", pick("threads", threads, assumptions))
    if isinstance(costs, pd.DataFrame) and effects is None:
        if strategies is not None:
            raise TypeError(
                "psa(): with a long DataFrame the strategies come from its strategy= column; do not give strategies="
            )
        c, e, strategies, note = _long(costs, strategy, cost, effect, draw)
        assumptions.append(note)
        ccols = None
    else:
        _no_columns_without_frame("psa", strategy=strategy, cost=cost, effect=effect, draw=draw)
        if costs is None or effects is None:
            raise TypeError(
                f"psa() missing {'costs=' if costs is None else 'effects='}: give costs and effects "
                "(draws × strategies), or one long DataFrame with strategy, cost, effect, draw columns"
            )
        if isinstance(costs, pd.DataFrame) and isinstance(effects, pd.DataFrame):
            effects, paired = _paired(costs, effects, strategies is not None)
            if paired:
                assumptions.append(paired)
        c, ccols = _draws_for(costs, "costs", client)
        e, _ = _draws_for(effects, "effects", client)
    if c.shape[0] != e.shape[0]:
        raise _error(f"psa: mismatched draw counts: costs has {c.shape[0]} draws (rows), effects has {e.shape[0]}")
    if c.shape[1] != e.shape[1]:
        raise _error(f"psa: mismatched strategy counts: costs has {c.shape[1]} columns, effects has {e.shape[1]}")
    if strategies is None:
        if ccols is not None:
            names = ccols
            assumptions.append(notice("psa.names_from_columns"))
        else:
            names = [f"Strategy_{j + 1}" for j in range(c.shape[1])]
            assumptions.append(notice("psa.names_default"))
    else:
        names = _names(strategies, "psa.strategies")
    empty = [i for i, n in enumerate(names) if not n]
    if empty:
        raise _error(f"psa.strategies[{empty[0]}]: strategy name must not be empty")
    if len(names) != c.shape[1]:
        raise _error(f"psa.strategies: {len(names)} names for {c.shape[1]} strategies (columns)")
    dup = given_twice(names)
    if dup:
        raise _error(f"psa.strategies: names appear more than once: {dup}")
    if c.shape[1] < 2:
        raise _error(f"psa: at least 2 strategies are needed to compare, got {c.shape[1]}")
    if reference is None:
        ref = 0
        assumptions.append(notice("psa.reference_default", strategy=names[0]))
    elif isinstance(reference, (int, np.integer)) and not isinstance(reference, bool):
        if not 0 <= int(reference) < len(names):
            raise _error(f"psa.reference: index {reference} out of range for {len(names)} strategies")
        ref = int(reference)
    else:
        if str(reference) not in names:
            raise _error(f"psa.reference: '{reference}' is not one of the strategies {names}")
        ref = names.index(str(reference))
    if client is not None:
        from impactchain._psa_dask import ClusterDraws

        return PsaResult._on_cluster(ClusterDraws(client, c, e), names, ref, assumptions, threads)
    return PsaResult(c, e, names, ref, assumptions, threads)
