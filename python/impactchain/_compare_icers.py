"""Deterministic comparison: ICER table with dominance (dampack's conventions) and net monetary benefit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from impactchain import _core
from impactchain._check import check_real
from impactchain._compare_common import _columns, _floats, _names, _no_columns_without_frame, _opt
from impactchain._result import with_attrs

_ICER_COLUMNS = ["strategy", "cost", "effect", "inc_cost", "inc_effect", "icer", "status", "note"]


def _inputs(
    func: str, strategies: Any, costs: Any, effects: Any, strategy: Any, cost: Any, effect: Any
) -> tuple[list[str], list[float], list[float]]:
    """Names, costs and effects from arrays (``strategies, costs, effects``) or from a DataFrame
    given first with one row per strategy (columns ``strategy``, ``cost``, ``effect`` by default)."""
    if isinstance(strategies, pd.DataFrame):
        if costs is not None or effects is not None:
            raise TypeError(
                f"{func}(): with a DataFrame first, name its columns with strategy=, cost=, effect= "
                "instead of giving costs= or effects="
            )
        c = _columns(strategies, func, strategy=strategy or "strategy", cost=cost or "cost", effect=effect or "effect")
        return _names(c["strategy"]), _floats(c["cost"], "cost"), _floats(c["effect"], "effect")
    _no_columns_without_frame(func, strategy=strategy, cost=cost, effect=effect)
    missing = [k for k, v in (("strategies", strategies), ("costs", costs), ("effects", effects)) if v is None]
    if missing:
        raise TypeError(
            f"{func}() missing {', '.join(f'{k}=' for k in missing)}: give strategies, costs and effects, "
            "or a DataFrame with columns strategy, cost, effect"
        )
    return _names(strategies), _floats(costs, "costs"), _floats(effects, "effects")


def icers(
    strategies: Sequence[Any] | pd.DataFrame | None = None,
    costs: Sequence[float] | None = None,
    effects: Sequence[float] | None = None,
    *,
    strategy: str | None = None,
    cost: str | None = None,
    effect: str | None = None,
) -> pd.DataFrame:
    """ICER table with dominance, in dampack's conventions.

    ``icers(strategies, costs, effects)`` (positional or as keywords) or
    ``icers(df)``: a DataFrame with one row per strategy and columns ``strategy``,
    ``cost``, ``effect`` (other names with ``strategy=``, ``cost=``, ``effect=``).

    One row per strategy: ``strategy, cost, effect, inc_cost, inc_effect, icer,
    status`` (``ND`` non-dominated, ``ED`` extendedly dominated, ``D`` strongly
    dominated) and ``note`` (why a strategy is dominated, or why an ICER is
    undefined). Rows are ND by cost, then ED, then D. Incremental columns are NaN
    where dampack shows NA (first ND strategy, dominated strategies). Ties in cost
    and effect are listed in ``df.attrs["warnings"]`` (``attrs["options"]`` and
    ``attrs["assumptions"]`` are empty: the table takes no option and assumes nothing).
    """
    t = _core.icers(*_inputs("icers", strategies, costs, effects, strategy, cost, effect))
    df = pd.DataFrame(
        [
            (r.strategy, r.cost, r.effect, _opt(r.inc_cost), _opt(r.inc_effect), _opt(r.icer), r.status, r.note)
            for r in t.rows
        ],
        columns=_ICER_COLUMNS,
    )
    df["note"] = _notes([r.note for r in t.rows], df.index)
    return with_attrs(df, warnings=t.warnings)


def _notes(notes: list, index: pd.Index) -> pd.Series:
    """A column of notices kept as the Notice objects (code and parameters, so a report can say
    them in its language): pandas' string dtype would store their text only."""
    return pd.Series(notes, index=index, dtype=object)


def net_benefit(
    strategies: Sequence[Any] | pd.DataFrame | None = None,
    costs: Sequence[float] | None = None,
    effects: Sequence[float] | None = None,
    wtp: float | None = None,
    *,
    strategy: str | None = None,
    cost: str | None = None,
    effect: str | None = None,
) -> pd.DataFrame:
    """Net monetary benefit ``wtp·effect − cost`` and cost per unit of outcome.

    ``net_benefit(strategies, costs, effects, wtp)`` or ``net_benefit(df, wtp=...)`` with a
    DataFrame as for :func:`icers`.

    ``cost_per_effect`` is NaN with a ``note`` when the effect is zero or negative.
    Rows in input order. ``df.attrs["options"]`` holds the ``wtp`` used.
    """
    if wtp is None:
        raise TypeError("net_benefit() missing wtp= (willingness to pay per unit of effect)")
    rows = _core.net_benefit(
        *_inputs("net_benefit", strategies, costs, effects, strategy, cost, effect), check_real("wtp", wtp)
    )
    df = pd.DataFrame(
        [(r.strategy, r.cost, r.effect, r.nmb, _opt(r.cost_per_effect), r.note) for r in rows],
        columns=["strategy", "cost", "effect", "nmb", "cost_per_effect", "note"],
    )
    df["note"] = _notes([r.note for r in rows], df.index)
    return with_attrs(df, options={"wtp": float(wtp)})
