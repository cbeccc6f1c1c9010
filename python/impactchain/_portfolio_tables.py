"""The tables of a portfolio's result (impactchain.portfolio): members (with whether their
assumptions are all fixed), measures with the percentile within each group, outcomes, forecast
against actual, the ledger and soft outcomes. The trajectory and the soft outcomes' trend:
:mod:`impactchain._portfolio_trends`; the composite index: :mod:`impactchain._portfolio_composite`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from impactchain._portfolio_names import NAME_COLUMNS
from impactchain._portfolio_trends import soft_trend_table, trajectory_table

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
    "fixed_inputs",
    "actual_fixed_inputs",
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

#: The columns of each measure's interval (of the member's simulation, on the footing); P(ratio > 1)
#: has none, nor have the actual's NPV and present value (the members table keeps only its ratio's).
_INTERVALS = {
    "sroi_ratio": ("ratio_lower", "ratio_upper"),
    "npv": ("npv_lower", "npv_upper"),
    "present_value": ("present_value_lower", "present_value_upper"),
    "actual_sroi_ratio": ("actual_ratio_lower", "actual_ratio_upper"),
}

#: The measures of the ``measures`` table, each of the forecast and (``actual_`` before it) of the actual.
MEASURES = ("sroi_ratio", "npv", "present_value", "p_ratio_above_1")

#: The core's notice that every assumption of a model is a fixed number (no uncertainty given).
_ALL_FIXED = "value.all_fixed"


def _all_fixed(notices: Sequence[Any]) -> bool:
    """Whether the core said of a model that every assumption is a fixed number."""
    return any(getattr(n, "code", None) == _ALL_FIXED for n in notices)


def _actual_fixed(forecast_fixed: bool, said: Sequence[Any], lower: Any, upper: Any) -> bool:
    """Whether every assumption of a member's actuals (the forecast with the actuals laid over it)
    is a fixed number, as far as a result of version 5 or before tells: the core says so of the
    actual, or (what the forecast already says is not said again of the actual) the forecast's all
    are and the actual's ratio does not vary in any draw (its interval is one value)."""
    return _all_fixed(said) or (forecast_fixed and lower is not None and lower == upper)


def fixed_inputs(members: pd.DataFrame, warnings: Sequence[Any]) -> pd.DataFrame:
    """``members`` of a result of version 5 or before with ``fixed_inputs`` and
    ``actual_fixed_inputs``, from the result's ``warnings`` (each member's, naming it): such a
    result kept no count of the assumptions drawn, which a new result's columns come from
    (:func:`tables`)."""

    def said(code: str) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = {}
        for n in warnings:
            if getattr(n, "code", None) == code:
                out.setdefault(n.params.get("member"), []).append(n.params.get("warning"))
        return out

    forecast, actual = said("portfolio.forecast_warning"), said("portfolio.actual_warning")
    fixed = [_all_fixed(forecast.get(m, [])) for m in members["member"]]
    has = members["actual_present_value"].notna()
    actual_fixed = [
        _actual_fixed(f, actual.get(m, []), lo, hi) if a else None
        for m, f, a, lo, hi in zip(
            members["member"], fixed, has, members["actual_ratio_lower"], members["actual_ratio_upper"]
        )
    ]
    return members.assign(
        fixed_inputs=fixed, actual_fixed_inputs=pd.Series(actual_fixed, index=members.index, dtype=object)
    )


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
                # No assumption drawn from a distribution (the model report's count): the interval
                # is one value and P(ratio > 1) is 0 or 1.
                "fixed_inputs": f["uncertain_assumptions"] == 0,
                "actual_fixed_inputs": a["uncertain_assumptions"] == 0 if a else None,
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
    trajectory = trajectory_table(mem)
    soft_columns = ["member", "basis", "soft_outcome", "n", "mean_change", "lower", "upper", "scale_low", "scale_high"]
    soft_frame = pd.DataFrame(soft, columns=soft_columns)
    return {
        "members": mem,
        "measures": measures_table(mem),
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


def measures_table(members: pd.DataFrame) -> pd.DataFrame:
    """One row per member x measure (:data:`MEASURES`, the forecast's, then the actual's as
    ``actual_<measure>``, NaN without actuals): value, interval (:data:`_INTERVALS`) and the
    percentile among the members of its group with that measure (a forecast among forecasts, an
    actual among actuals); ``basis``: ``forecast`` or ``actual``."""
    frames = []
    for basis, prefix in (("forecast", ""), ("actual", "actual_")):
        for measure in MEASURES:
            col = prefix + measure
            values = members[col].astype(float)
            lo_hi = _INTERVALS.get(col)
            frames.append(
                pd.DataFrame(
                    {
                        "member": members["member"],
                        "organisation": members["organisation"],
                        "period": members["period"],
                        "group": members["group"],
                        "measure": col,
                        "value": values,
                        "lower": members[lo_hi[0]].astype(float) if lo_hi else np.nan,
                        "upper": members[lo_hi[1]].astype(float) if lo_hi else np.nan,
                        "percentile_in_group": values.groupby(members["group"], dropna=False, sort=False).transform(
                            _percentile
                        ),
                        "basis": basis,
                    }
                )
            )
    return pd.concat(frames, ignore_index=True)
