"""The tables of a portfolio's result (impactchain.portfolio): members, measures with the
percentile within each group, outcomes, forecast against actual, the ledger, soft outcomes and
their trend, the trajectory, and the composite index across members with its rank intervals."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from impactchain._notice import Notice, notice
from impactchain._portfolio_names import NAME_COLUMNS
from impactchain._portfolio_periods import by_number, period_key, period_places

_MEMBER_COLUMNS = [
    "member",
    "organisation",
    "period",
    "group",
    "present_value",
    "investment_pv",
    "npv",
    "sroi_ratio",
    "present_value_lower",
    "present_value_upper",
    "npv_lower",
    "npv_upper",
    "ratio_mean",
    "ratio_lower",
    "ratio_upper",
    "p_ratio_above_1",
    "actual_present_value",
    "actual_investment_pv",
    "actual_npv",
    "actual_sroi_ratio",
    "actual_ratio_lower",
    "actual_ratio_upper",
    "actual_p_ratio_above_1",
    "model_file",
    "actuals_file",
]
_DIFF_COLUMNS = [
    "member",
    "outcome",
    "forecast",
    "actual",
    "difference",
    "quantity",
    "proxy",
    "adjustments",
    "duration",
    "discounting",
]


def _percentile(values: pd.Series) -> pd.Series:
    """Each value's percentile within its group: the share of the group's members below it plus
    half of those equal (mid-rank), in [0, 100]."""
    x = values.to_numpy(dtype=float)
    out = np.full(len(x), np.nan)
    ok = np.isfinite(x)
    v = x[ok]
    if len(v) > 1:  # a member alone in its group has no percentile
        below = (v[:, None] > v[None, :]).sum(axis=1)
        equal = (v[:, None] == v[None, :]).sum(axis=1)
        out[ok] = 100.0 * (below + 0.5 * (equal - 1)) / (len(v) - 1)
    return pd.Series(out, index=values.index)


#: The ``replaced`` table's columns: each value as the member's files write it (JSON text), their
#: currency, and the factors that bring the forecast's and the actual's money to the footing.
REPLACED_COLUMNS = ["member", "path", "forecast", "actual", "currency", "forecast_factor", "actual_factor"]

#: The columns of each measure's interval (of the member's simulation, on the footing); P(ratio > 1) has none.
_INTERVALS = {
    "sroi_ratio": ("ratio_lower", "ratio_upper"),
    "npv": ("npv_lower", "npv_upper"),
    "present_value": ("present_value_lower", "present_value_upper"),
}


def tables(results: Sequence[dict[str, Any]]) -> dict[str, pd.DataFrame]:
    members, outcomes, diffs, replaced, ledger, soft, conversions, names = [], [], [], [], [], [], [], []
    for r in results:
        f, a = r["forecast"], r["actual"]
        key = {"member": r["member"]}
        members.append(
            {
                **key,
                "organisation": r["organisation"],
                "period": r["period"],
                "group": r["group"],
                "present_value": f["present_value"],
                "investment_pv": f["investment_pv"],
                "npv": f["npv"],
                "sroi_ratio": f["sroi_ratio"],
                "present_value_lower": f["present_value_sim"]["lower"],
                "present_value_upper": f["present_value_sim"]["upper"],
                "npv_lower": f["npv_sim"]["lower"],
                "npv_upper": f["npv_sim"]["upper"],
                "ratio_mean": f["ratio"]["mean"],
                "ratio_lower": f["ratio"]["lower"],
                "ratio_upper": f["ratio"]["upper"],
                "p_ratio_above_1": f["p_ratio_above_1"],
                "actual_present_value": a["present_value"] if a else None,
                "actual_investment_pv": a["investment_pv"] if a else None,
                "actual_npv": a["npv"] if a else None,
                "actual_sroi_ratio": a["sroi_ratio"] if a else None,
                "actual_ratio_lower": a["ratio"]["lower"] if a else None,
                "actual_ratio_upper": a["ratio"]["upper"] if a else None,
                "actual_p_ratio_above_1": a["p_ratio_above_1"] if a else None,
                "model_file": r.get("model_file", ""),
                "actuals_file": r.get("actuals_file", ""),
            }
        )
        for o in f["outcomes"]:
            per_unit = f["investment_pv"] / o["quantity"] if o["quantity"] > 0 else None
            outcomes.append({**key, **o, "cost_per_unit": per_unit})
        for p in (a or f)["ledger"]:
            ledger.append({**key, "basis": "actual" if a else "forecast", **p})
        for s in r["soft"]:
            soft.append({**key, "basis": "forecast", **s})
        conversions += [{**key, "conversion": c} for c in r["conversions"]]
        names += [{**key, **n} for n in r.get("names", ())]
        if a:
            for s in a["soft"]:
                soft.append({**key, "basis": "actual", **s})
            actual_pv = {o["outcome"]: o["present_value"] for o in a["outcomes"]}
            for o in f["outcomes"]:
                parts = a["split"][o["outcome"]]
                diffs.append(
                    {
                        **key,
                        "outcome": o["outcome"],
                        "forecast": o["present_value"],
                        "actual": actual_pv[o["outcome"]],
                        "difference": actual_pv[o["outcome"]] - o["present_value"],
                        **parts,
                    }
                )
            replaced += [
                {
                    **key,
                    **{k: json.dumps(v) if not isinstance(v, str) else v for k, v in x.items()},
                    "currency": r.get("currency", ""),
                    # What brings the member's money (as its files write it) to the footing.
                    "forecast_factor": r.get("factor", np.nan),
                    "actual_factor": a.get("factor", np.nan),
                }
                for x in a["replaced"]
            ]
    mem = pd.DataFrame(members, columns=_MEMBER_COLUMNS)
    measures = []
    for col in ("sroi_ratio", "npv", "present_value", "p_ratio_above_1"):
        lo_hi = _INTERVALS.get(col)
        measures.append(
            pd.DataFrame(
                {
                    "member": mem["member"],
                    "organisation": mem["organisation"],
                    "period": mem["period"],
                    "group": mem["group"],
                    "measure": col,
                    "value": mem[col],
                    "lower": mem[lo_hi[0]].astype(float) if lo_hi else np.nan,
                    "upper": mem[lo_hi[1]].astype(float) if lo_hi else np.nan,
                    "percentile_in_group": mem.groupby("group", dropna=False, sort=False)[col].transform(_percentile),
                }
            )
        )
    trajectory = trajectory_table(mem)
    soft_frame = pd.DataFrame(soft, columns=["member", "basis", "soft_outcome", "n", "mean_change", "lower", "upper"])
    return {
        "members": mem,
        "measures": pd.concat(measures, ignore_index=True),
        "soft_trend": soft_trend_table(mem, soft_frame),
        "outcomes": pd.DataFrame(outcomes),
        "differences": pd.DataFrame(diffs, columns=_DIFF_COLUMNS),
        "replaced": pd.DataFrame(replaced, columns=REPLACED_COLUMNS),
        "ledger": pd.DataFrame(ledger),
        "soft": soft_frame,
        "trajectory": trajectory,
        # object, not pandas' string dtype: each conversion keeps its notice (code, params; the report's language)
        "conversions": pd.DataFrame(conversions, columns=["member", "conversion"], dtype=object),
        "names": pd.DataFrame(names, columns=NAME_COLUMNS),
    }


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


#: The measures the composite index across members combines, with equal weights (each member's
#: actual where it has actuals): efficiency, certainty and size of the social value.
COMPOSITE_MEASURES = ("sroi_ratio", "p_ratio_above_1", "present_value")


def composite_table(
    members: pd.DataFrame, draws: int, seed: int, threads: int = 1
) -> tuple[pd.DataFrame, list[Notice], list[Notice]]:
    """The members' composite index (min-max normalised COMPOSITE_MEASURES, equal weights) through
    :func:`impactchain.composite`, and their rank intervals under Dirichlet weight uncertainty
    through :func:`impactchain.rank_uncertainty` (``draws`` weight draws, the portfolio's seed, on
    ``threads`` threads: the numbers do not depend on them). Members without a finite value of
    every measure are left out, and named. Returns the table, what was assumed or left out, and
    the warnings of the index and the ranking (members tied on their score, say), each as
    ``portfolio.composite_warning``."""
    from impactchain._uncertainty_ranks import rank_uncertainty
    from impactchain.composite import composite

    cols = ["member", "basis", "score", "rank", "rank_p05", "rank_median", "rank_p95", "p_rank_le_3"]
    said: list[Notice] = []
    data = pd.DataFrame(index=pd.Index(members["member"], name="member"))
    actual = members["actual_present_value"].notna().to_numpy()
    for m in COMPOSITE_MEASURES:
        data[m] = np.where(actual, members[f"actual_{m}"], members[m]).astype(float)
    complete = np.isfinite(data.to_numpy()).all(axis=1)
    left_out = list(data.index[~complete])
    if left_out:
        said.append(notice("portfolio.composite_undefined", members=", ".join(map(str, left_out))))
    data = data[complete]
    if len(data) < 3:
        return pd.DataFrame(columns=cols), said + [notice("portfolio.composite_too_few")], []
    same = [m for m in COMPOSITE_MEASURES if data[m].nunique() == 1]
    if same:  # a measure equal for every member ranks no one
        said.append(notice("portfolio.composite_constant", measures=", ".join(same)))
        data = data.drop(columns=same)
    if data.shape[1] == 0:
        return pd.DataFrame(columns=cols), said + [notice("portfolio.composite_no_measure")], []
    measures = list(data.columns)
    comp = composite(data, direction=dict.fromkeys(measures, 1), normalisation="minmax", minmax_range=(0, 100))
    index = comp.levels["index"].iloc[:, 0]
    ru = rank_uncertainty(
        comp.normalised,
        np.full(len(measures), 1.0 / len(measures)),
        draws=min(draws, 10_000),
        seed=seed,
        threads=threads,
        top=(3,),
    )
    ranks = ru.table
    # What the index and the ranking warn of (members tied on their score, say) is the portfolio's too.
    warned = [notice("portfolio.composite_warning", warning=n) for n in (*comp.warnings, *ru.warnings)]
    out = pd.DataFrame(
        {
            "member": data.index,
            "basis": np.where(
                members.set_index("member").loc[data.index, "actual_present_value"].notna(), "actual", "forecast"
            ),
            "score": index.to_numpy(),
            "rank": ranks["reference_rank"].to_numpy(),
            "rank_p05": ranks["rank_p05"].to_numpy(),
            "rank_median": ranks["rank_median"].to_numpy(),
            "rank_p95": ranks["rank_p95"].to_numpy(),
            "p_rank_le_3": ranks["p_rank_le_3"].to_numpy(),
        }
    )
    said.append(notice("portfolio.composite_method", measures=", ".join(measures), draws=min(draws, 10_000)))
    return out, said, warned


def soft_trend_table(members: pd.DataFrame, soft: pd.DataFrame) -> pd.DataFrame:
    """Per organisation and soft outcome measured in two periods or more: the mean change in its
    first and last period (the actual where there are actuals) and its trend, the least-squares
    slope of the mean change on the period's place (:func:`period_places`): per 1 of the period's
    number when every period of the organisation reads as a number (per year for years, a period
    missing a gap), else per step from one period to the next (``period_order``: ``number`` or
    ``label``)."""
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
    ]
    if soft.empty:
        return pd.DataFrame(columns=cols)
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
            }
        )
    return pd.DataFrame(out, columns=cols)


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
