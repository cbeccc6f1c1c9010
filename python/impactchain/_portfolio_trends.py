"""The order of a portfolio's periods in its tables (impactchain.portfolio): each organisation's
members in period order (:func:`trajectory_table`: the present value and its running sum), the
trend of its soft outcomes over its periods (:func:`soft_trend_table`) and what the result says
of how the periods were ordered (:func:`order_said`). Reading a period as a number or a label:
:mod:`impactchain._portfolio_periods`."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from impactchain._notice import Notice, notice
from impactchain._portfolio_periods import by_number, period_key, period_places


def by_organisation(members: pd.DataFrame) -> dict[str, bool]:
    """Per organisation whether its periods are ordered by number (every one reads as a number)."""
    return {str(org): by_number(g["period"]) for org, g in members.groupby("organisation", sort=False)}


def _in_order(rows: pd.DataFrame, numbers: Mapping[str, bool]) -> pd.DataFrame:
    """``rows`` (organisation, period, ...) by organisation (in the order they first appear) and
    each organisation's periods in order (:func:`period_key`; ``numbers``: whether an
    organisation's are ordered by number, :func:`by_organisation`)."""
    first_seen = pd.factorize(rows["organisation"])[0]
    keys = [period_key(p, numbers[str(o)]) for o, p in zip(rows["organisation"], rows["period"])]
    order = sorted(range(len(rows)), key=lambda i: (first_seen[i], keys[i]))  # stable: ties keep their order
    return rows.iloc[order].reset_index(drop=True)


def trajectory_table(members: pd.DataFrame) -> pd.DataFrame:
    """Each organisation's members in period order (organisations in the order they first
    appear; :func:`_in_order`): the present value (the actual where there are actuals) and its
    running sum; ``period_order`` says how its periods were ordered (``number`` or ``label``)."""
    actual = members["actual_present_value"].notna()
    t = pd.DataFrame(
        {
            "organisation": members["organisation"],
            "period": members["period"],
            "member": members["member"],
            "basis": np.where(actual, "actual", "forecast"),
            "present_value": members["actual_present_value"].where(actual, members["present_value"]).astype(float),
        }
    )
    numbers = by_organisation(members)
    t = _in_order(t, numbers)
    t["cumulative_present_value"] = t.groupby("organisation", sort=False)["present_value"].cumsum()
    t["period_order"] = [_ORDER[numbers[str(o)]] for o in t["organisation"]]
    return t


#: How an organisation's periods were ordered (the ``period_order`` column).
_ORDER = {True: "number", False: "label"}


def soft_trend_table(members: pd.DataFrame, soft: pd.DataFrame) -> pd.DataFrame:
    """Per organisation and soft outcome measured in two periods or more: the mean change in its
    first and last period (the actual where there are actuals) and its trend, the least-squares
    slope of the mean change on the period's place (:func:`period_places`): per 1 of the period's
    number when every period of the organisation reads as a number (per year for years, a period
    missing a gap), else per step from one period to the next (``period_order``: ``number`` or
    ``label``). ``scale_low`` and ``scale_high``: the scale the changes and the trend are on
    (points on 7–35), as ``soft`` gives it for every period alike; NaN where it is not given or
    the periods' scales differ."""
    cols = [
        "organisation",
        "soft_outcome",
        "periods",
        "first_period",
        "last_period",
        "first_change",
        "last_change",
        "slope_per_period",
        "period_order",
        "scale_low",
        "scale_high",
    ]
    if soft.empty:
        return pd.DataFrame(columns=cols)
    if not {"scale_low", "scale_high"} <= set(soft.columns):  # a result that did not keep the scale
        soft = soft.assign(scale_low=np.nan, scale_high=np.nan)
    best = soft.sort_values("basis", key=lambda b: b.map({"actual": 0, "forecast": 1}), kind="stable")
    best = best.drop_duplicates(["member", "soft_outcome"])
    # Every period of the organisation decides its order, as in the trajectory.
    numbers = by_organisation(members)
    rows = _in_order(best.merge(members[["member", "organisation", "period"]], on="member"), numbers)
    out = []
    for (org, so), g in rows.groupby(["organisation", "soft_outcome"], sort=False):
        x = np.array(period_places(list(g["period"]), numbers[str(org)]), dtype=float)
        if len(np.unique(x)) < 2:  # one period (or one period twice): no trend
            continue
        y = g["mean_change"].to_numpy(dtype=float)
        slope = float(((x - x.mean()) * (y - y.mean())).sum() / ((x - x.mean()) ** 2).sum())
        out.append(
            {
                "organisation": org,
                "soft_outcome": so,
                "periods": len(g),
                "first_period": g["period"].iloc[0],
                "last_period": g["period"].iloc[-1],
                "first_change": y[0],
                "last_change": y[-1],
                "slope_per_period": slope,
                "period_order": _ORDER[numbers[str(org)]],
                **dict(zip(("scale_low", "scale_high"), _scale(g))),
            }
        )
    return pd.DataFrame(out, columns=cols)


def _scale(rows: pd.DataFrame) -> tuple[float, float]:
    """The scale (lowest, highest score) every period of ``rows`` gives alike; NaN, NaN where a
    period gives none or the periods' scales differ (their changes are then not alike)."""
    x = rows[["scale_low", "scale_high"]].to_numpy(dtype=float)
    if np.isnan(x).any() or (x != x[0]).any():
        return float("nan"), float("nan")
    return float(x[0, 0]), float(x[0, 1])


def order_said(trajectory: pd.DataFrame, soft_trend: pd.DataFrame) -> list[Notice]:
    """What the result says of the order of periods: the organisations of several periods whose
    periods are not all numbers (ordered as labels, their trend per step), and the unit of a
    trend by number (per 1 of the period's number: per year for years)."""
    said = []
    several = trajectory.groupby("organisation", sort=False)["period"].nunique() > 1
    labelled = [
        str(o)
        for o, k in trajectory.drop_duplicates("organisation")[["organisation", "period_order"]].itertuples(index=False)
        if k == "label" and several[o]
    ]
    if labelled:
        said.append(notice("portfolio.periods_as_labels", organisations=", ".join(labelled)))
    if (soft_trend["period_order"] == "number").any():
        said.append(notice("portfolio.trend_per_number"))
    return said
