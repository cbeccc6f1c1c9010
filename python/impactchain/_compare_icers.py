"""Deterministic comparison: ICER table with dominance (dampack's conventions) and net monetary benefit."""
from __future__ import annotations

from typing import Any, Sequence

import pandas as pd

from impactchain import _core
from impactchain._check import check_real
from impactchain._compare_common import _floats, _names, _opt
from impactchain._result import with_attrs

_ICER_COLUMNS = ["strategy", "cost", "effect", "inc_cost", "inc_effect", "icer", "status", "note"]


def icers(strategies: Sequence[Any], costs: Sequence[float], effects: Sequence[float]) -> pd.DataFrame:
    """ICER table with dominance, in dampack's conventions.

    One row per strategy: ``strategy, cost, effect, inc_cost, inc_effect, icer,
    status`` (``ND`` non-dominated, ``ED`` extendedly dominated, ``D`` strongly
    dominated) and ``note`` (why a strategy is dominated, or why an ICER is
    undefined). Rows are ND by cost, then ED, then D. Incremental columns are NaN
    where dampack shows NA (first ND strategy, dominated strategies). Ties in cost
    and effect are listed in ``df.attrs["warnings"]`` (``attrs["options"]`` and
    ``attrs["assumptions"]`` are empty: the table takes no option and assumes nothing).
    """
    t = _core.icers(_names(strategies), _floats(costs, "costs"), _floats(effects, "effects"))
    df = pd.DataFrame(
        [
            (r.strategy, r.cost, r.effect, _opt(r.inc_cost), _opt(r.inc_effect), _opt(r.icer), r.status, r.note)
            for r in t.rows
        ],
        columns=_ICER_COLUMNS,
    )
    return with_attrs(df, warnings=t.warnings)


def net_benefit(strategies: Sequence[Any], costs: Sequence[float], effects: Sequence[float], wtp: float) -> pd.DataFrame:
    """Net monetary benefit ``wtp·effect − cost`` and cost per unit of outcome.

    ``cost_per_effect`` is NaN with a ``note`` when the effect is zero or negative.
    Rows in input order. ``df.attrs["options"]`` holds the ``wtp`` used.
    """
    rows = _core.net_benefit(_names(strategies), _floats(costs, "costs"), _floats(effects, "effects"),
                             check_real("wtp", wtp))
    df = pd.DataFrame(
        [(r.strategy, r.cost, r.effect, r.nmb, _opt(r.cost_per_effect), r.note) for r in rows],
        columns=["strategy", "cost", "effect", "nmb", "cost_per_effect", "note"],
    )
    return with_attrs(df, options={"wtp": float(wtp)})
