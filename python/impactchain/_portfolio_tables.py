"""The tables of a portfolio's result (impactchain.portfolio): members, measures with the
percentile within each group, outcomes, forecast against actual, the ledger, soft outcomes and
their trend, the trajectory, and the composite index across members with its rank intervals."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from impactchain._notice import Notice, notice
from impactchain._portfolio_names import NAME_COLUMNS

_MEMBER_COLUMNS = [
    "member",
    "organisation",
    "period",
    "group",
    "present_value",
    "investment_pv",
    "npv",
    "sroi_ratio",
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
                }
                for x in a["replaced"]
            ]
    mem = pd.DataFrame(members, columns=_MEMBER_COLUMNS)
    measures = []
    for col in ("sroi_ratio", "npv", "present_value", "p_ratio_above_1"):
        lo_hi = {"sroi_ratio": ("ratio_lower", "ratio_upper")}.get(col)
        measures.append(
            pd.DataFrame(
                {
                    "member": mem["member"],
                    "organisation": mem["organisation"],
                    "period": mem["period"],
                    "group": mem["group"],
                    "measure": col,
                    "value": mem[col],
                    "lower": mem[lo_hi[0]] if lo_hi else None,
                    "upper": mem[lo_hi[1]] if lo_hi else None,
                    "percentile_in_group": mem.groupby("group", dropna=False, sort=False)[col].transform(_percentile),
                }
            )
        )
    trajectory = _trajectory(mem)
    soft_frame = pd.DataFrame(soft, columns=["member", "basis", "soft_outcome", "n", "mean_change", "lower", "upper"])
    return {
        "members": mem,
        "measures": pd.concat(measures, ignore_index=True),
        "soft_trend": _soft_trend(mem, soft_frame),
        "outcomes": pd.DataFrame(outcomes),
        "differences": pd.DataFrame(diffs, columns=_DIFF_COLUMNS),
        "replaced": pd.DataFrame(replaced, columns=["member", "path", "forecast", "actual", "currency"]),
        "ledger": pd.DataFrame(ledger),
        "soft": soft_frame,
        "trajectory": trajectory,
        # object, not pandas' string dtype: each conversion keeps its notice (code, params; the report's language)
        "conversions": pd.DataFrame(conversions, columns=["member", "conversion"], dtype=object),
        "names": pd.DataFrame(names, columns=NAME_COLUMNS),
    }


def _trajectory(members: pd.DataFrame) -> pd.DataFrame:
    """Each organisation's members in period order (organisations in the order they first
    appear): the present value (the actual where there are actuals) and its running sum."""
    actual = members["actual_present_value"].notna()
    t = pd.DataFrame(
        {
            "organisation": members["organisation"],
            "period": members["period"],
            "member": members["member"],
            "basis": np.where(actual, "actual", "forecast"),
            "present_value": members["actual_present_value"].where(actual, members["present_value"]).astype(float),
            "first_seen": pd.factorize(members["organisation"])[0],
        }
    )
    t = t.sort_values(["first_seen", "period"], kind="stable").drop(columns="first_seen").reset_index(drop=True)
    t["cumulative_present_value"] = t.groupby("organisation", sort=False)["present_value"].cumsum()
    return t


#: The measures the composite index across members combines, with equal weights (each member's
#: actual where it has actuals): efficiency, certainty and size of the social value.
COMPOSITE_MEASURES = ("sroi_ratio", "p_ratio_above_1", "present_value")


def composite_table(
    members: pd.DataFrame, draws: int, seed: int, threads: int = 1
) -> tuple[pd.DataFrame, list[Notice]]:
    """The members' composite index (min-max normalised COMPOSITE_MEASURES, equal weights) through
    :func:`impactchain.composite`, and their rank intervals under Dirichlet weight uncertainty
    through :func:`impactchain.rank_uncertainty` (``draws`` weight draws, the portfolio's seed, on
    ``threads`` threads: the numbers do not depend on them). Members without a finite value of
    every measure are left out, and named."""
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
        return pd.DataFrame(columns=cols), said + [notice("portfolio.composite_too_few")]
    same = [m for m in COMPOSITE_MEASURES if data[m].nunique() == 1]
    if same:  # a measure equal for every member ranks no one
        said.append(notice("portfolio.composite_constant", measures=", ".join(same)))
        data = data.drop(columns=same)
    if data.shape[1] == 0:
        return pd.DataFrame(columns=cols), said + [notice("portfolio.composite_no_measure")]
    measures = list(data.columns)
    comp = composite(data, direction=dict.fromkeys(measures, 1), normalisation="minmax", minmax_range=(0, 100))
    index = comp.levels["index"].iloc[:, 0]
    ranks = rank_uncertainty(
        comp.normalised,
        np.full(len(measures), 1.0 / len(measures)),
        draws=min(draws, 10_000),
        seed=seed,
        threads=threads,
        top=(3,),
    ).table
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
    return out, said


def _soft_trend(members: pd.DataFrame, soft: pd.DataFrame) -> pd.DataFrame:
    """Per organisation and soft outcome measured in two periods or more: the mean change per period
    (the actual where there are actuals) and its trend, the least-squares slope of the mean change
    on the period's place in time order (0, 1, 2, ...), in scale points per period."""
    cols = [
        "organisation",
        "soft_outcome",
        "periods",
        "first_period",
        "last_period",
        "first_change",
        "last_change",
        "slope_per_period",
    ]
    if soft.empty:
        return pd.DataFrame(columns=cols)
    best = soft.sort_values("basis", key=lambda b: b.map({"actual": 0, "forecast": 1}), kind="stable")
    best = best.drop_duplicates(["member", "soft_outcome"])
    rows = best.merge(members[["member", "organisation", "period"]], on="member")
    out = []
    for (org, so), g in rows.groupby(["organisation", "soft_outcome"], sort=False):
        g = g.sort_values("period", kind="stable")
        if len(g) < 2:
            continue
        x = np.arange(len(g), dtype=float)
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
            }
        )
    return pd.DataFrame(out, columns=cols)
