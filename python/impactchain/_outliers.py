"""COINr's outlier treatment in the Python layer: its options (defaults stated in the result's
assumptions) and its table as DataFrames, shared by ``composite`` and ``rank_uncertainty``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional

import pandas as pd

from impactchain import _core
from impactchain._check import ArgumentError, check_int, check_real
from impactchain._soft_common import pick_own

_COLUMNS = (
    "decision",
    "skew_before",
    "kurtosis_before",
    "points_tried",
    "skew_winsorised",
    "kurtosis_winsorised",
    "winsorised_points",
    "log_transform",
    "skew_after",
    "kurtosis_after",
    "passes_after",
)


def outlier_options(
    used: bool,
    skew_threshold: Optional[float],
    kurtosis_threshold: Optional[float],
    max_winsorised: Optional[int],
    notes: list[str],
    func: str,
) -> Any:
    """The core's OutlierOptions. When COINr's treatment is ``used``, each threshold not given
    takes COINr's default (noted in ``notes``); when it is not, giving one is an error."""
    given = {
        "skew_threshold": skew_threshold,
        "kurtosis_threshold": kurtosis_threshold,
        "max_winsorised": max_winsorised,
    }
    if not used:
        named = [n for n, v in given.items() if v is not None]
        if named:
            raise ArgumentError(
                f"{', '.join(named)} {'apply' if len(named) > 1 else 'applies'} only to COINr's outlier treatment "
                "('coinr'), which is not chosen"
            )
        return _core.OutlierOptions()
    return _core.OutlierOptions(
        skew_threshold=check_real(
            "skew_threshold", pick_own("skew_threshold", skew_threshold, 2.0, notes, func), 0.0, lo_open=True
        ),
        kurtosis_threshold=check_real(
            "kurtosis_threshold", pick_own("kurtosis_threshold", kurtosis_threshold, 3.5, notes, func)
        ),
        max_points=check_int("max_winsorised", pick_own("max_winsorised", max_winsorised, 5, notes, func), 0),
    )


def outlier_tables(rows: Sequence[Any], units: Sequence[Any]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """COINr's treatment table (one row per indicator) and its winsorised cells (one row per
    cell: indicator, unit, side, value before and after) from the core's IndicatorOutliers."""
    table = pd.DataFrame(
        [
            (
                r.decision,
                r.skew_before,
                r.kurtosis_before,
                r.points_tried,
                r.skew_winsorised,
                r.kurtosis_winsorised,
                len(r.points),
                r.log_transform,
                r.skew_after,
                r.kurtosis_after,
                r.passes_after,
            )
            for r in rows
        ],
        index=pd.Index([r.indicator for r in rows], name="indicator"),
        columns=list(_COLUMNS),
    )
    points = pd.DataFrame(
        [
            (r.indicator, units[p.unit], "high" if p.high else "low", p.value, p.winsorised_to)
            for r in rows
            for p in r.points
        ],
        columns=["indicator", "unit", "side", "value", "winsorised_to"],
    )
    return table, points
