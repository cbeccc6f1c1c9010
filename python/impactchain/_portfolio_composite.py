"""The composite index across a portfolio's members (impactchain.portfolio's ``composite``
table): the members' SROI ratio, P(ratio > 1) and present value (the actual's where there are
actuals) min-max normalised and averaged with equal weights, the rank intervals under weight
uncertainty, the places members of the same score as shown (to 0.1 on 0–100) share, and the
members whose chance counts though it is 0 or 1 only because none of their assumptions is
uncertain."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from impactchain._i18n import _shown
from impactchain._notice import Notice, notice

#: The measures the composite index across members combines, with equal weights (each member's
#: actual where it has actuals): efficiency, certainty and size of the social value.
COMPOSITE_MEASURES = ("sroi_ratio", "p_ratio_above_1", "present_value")

#: The decimals the report shows a score with (0–100): members whose scores are equal at them share
#: their places (the scores may differ below them only by simulation noise, one draw's chance).
SCORE_DECIMALS = 1


def composite_table(
    members: pd.DataFrame, draws: int, seed: int, threads: int = 1
) -> tuple[pd.DataFrame, list[Notice], list[Notice]]:
    """The members' composite index (min-max normalised COMPOSITE_MEASURES, equal weights) through
    :func:`impactchain.composite`, and their rank intervals under Dirichlet weight uncertainty
    through :func:`impactchain.rank_uncertainty` (``draws`` weight draws, the portfolio's seed, on
    ``threads`` threads: the numbers do not depend on them). Members without a finite value of
    every measure are left out, and named. Returns the table, what was assumed or left out, and
    the warnings: the index's and the ranking's, each as ``portfolio.composite_warning``, but not
    the ranking's of exact ties ordered by row (members of the same score share their places
    here: :func:`tie_said` says so), and :func:`fixed_chance_said`. ``rank_low`` and
    ``rank_high``: the places a member shares with the members of the same score as shown
    (:func:`shared_places`; its rank both where it shares none); ``fixed_inputs``: the member's
    P(ratio > 1) in the index is 0 or 1 only because every assumption (of the forecast or the
    actual it uses) is a fixed number, no uncertainty given (False where the index leaves the
    chance out)."""
    from impactchain._uncertainty_ranks import rank_uncertainty
    from impactchain.composite import composite

    cols = ["member", "basis", "score", "rank", "rank_p05", "rank_median", "rank_p95", "p_rank_le_3"]
    cols += ["rank_low", "rank_high", "fixed_inputs"]
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
    # What the index and the ranking warn of is the portfolio's too; but members tied on their score
    # share their places here (tie_said), not ordered by row as the ranking warns.
    told = [n for n in (*comp.warnings, *ru.warnings) if getattr(n, "code", "") != "rank_uncertainty.reference_ties"]
    warned = [notice("portfolio.composite_warning", warning=n) for n in told]
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
    out["rank_low"], out["rank_high"] = shared_places(out)
    out["fixed_inputs"] = _fixed_chance(members, out, "p_ratio_above_1" in measures)
    said.append(notice("portfolio.composite_method", measures=", ".join(measures), draws=min(draws, 10_000)))
    return out, said, warned + tie_said(out) + fixed_chance_said(out)


def _as_shown(scores: pd.Series) -> pd.Series:
    """The scores as the report shows them: to SCORE_DECIMALS, a half away from zero."""
    return scores.map(lambda x: float(_shown(float(x), SCORE_DECIMALS)) if np.isfinite(x) else x)


def shared_places(composite: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """``rank_low`` and ``rank_high`` of each row of ``composite``: the lowest and highest ``rank``
    of the members whose scores are equal as the report shows them (to 0.1 on 0–100), so that
    members a reader sees with the same score share their places; a member's rank both where it
    shares none."""
    by_score = composite.groupby(_as_shown(composite["score"]).to_numpy(), sort=False)["rank"]
    return by_score.transform("min"), by_score.transform("max")


def tie_said(composite: pd.DataFrame) -> list[Notice]:
    """One warning per group of members that share places (``rank_low`` < ``rank_high``): their
    names, their score as shown and the places they share (``portfolio.composite_tie``)."""
    if not len(composite) or "rank_low" not in composite:
        return []
    c = composite.sort_values("rank", kind="stable")
    shared = c[c["rank_low"] < c["rank_high"]]
    return [
        notice(
            "portfolio.composite_tie",
            members=", ".join(map(str, g["member"])),
            score=float(_shown(float(g["score"].iloc[0]), SCORE_DECIMALS)),
            low=int(g["rank_low"].iloc[0]),
            high=int(g["rank_high"].iloc[0]),
        )
        for _, g in shared.groupby(["rank_low", "rank_high"], sort=True)
    ]


def _fixed_chance(members: pd.DataFrame, out: pd.DataFrame, counted: bool) -> list[bool]:
    """Per row of the composite ``out``: whether the chance it brings to the index (``counted``:
    the index uses the chance) is 0 or 1 only because every assumption of the basis it uses (the
    actual's where there are actuals) is a fixed number; a members table without the columns
    (built by hand) flags none."""
    if not counted or "fixed_inputs" not in members:
        return [False] * len(out)
    m = members.set_index("member")
    return [
        bool(m.at[x, "actual_fixed_inputs"] if b == "actual" else m.at[x, "fixed_inputs"])
        for x, b in zip(out["member"], out["basis"])
    ]


def fixed_chance_said(composite: pd.DataFrame) -> list[Notice]:
    """The warning naming the members whose P(ratio > 1) the index counts though it is 0 or 1
    only because every assumption is a fixed number (``composite.fixed_inputs``), if any."""
    if "fixed_inputs" not in composite:
        return []
    fixed = [str(m) for m, f in zip(composite["member"], composite["fixed_inputs"]) if bool(f)]
    return [notice("portfolio.composite_fixed_chance", members=", ".join(fixed))] if fixed else []


def _counted(assumptions: Sequence[Any]) -> bool:
    """Whether the index counted P(ratio > 1): the method the ``assumptions`` state names it."""
    return any(
        "p_ratio_above_1" in str(getattr(a, "params", {}).get("measures", "")).split(", ")
        for a in assumptions
        if getattr(a, "code", None) == "portfolio.composite_method"
    )


def upgraded_composite(
    composite: pd.DataFrame, members: pd.DataFrame, assumptions: Sequence[Any], version: int
) -> pd.DataFrame:
    """The ``composite`` table of a result of pickle ``version`` 7 or before as a new result has
    it: ``rank_low`` and ``rank_high``, the places members of scores equal as shown share
    (:func:`shared_places`; version 5 and before kept none, 6 and 7 those of exact ties), and from
    version 5 and before ``fixed_inputs`` (from ``members`` with its ``fixed_inputs`` columns; the
    index counted the chance where the method the ``assumptions`` state names it)."""
    if version < 6 or (version < 8 and len(composite) and "rank_low" in composite):
        low, high = shared_places(composite)
        composite = composite.assign(rank_low=low.to_numpy(), rank_high=high.to_numpy())
    if version < 6:
        composite = composite.assign(fixed_inputs=_fixed_chance(members, composite, _counted(assumptions)))
    return composite


def _row_order_tie(x: Any) -> bool:
    """Whether ``x`` is the ranking's warning that exactly tied units are ordered by row, as the
    index's warning (``portfolio.composite_warning``) of a result of version 7 or before."""
    inner = (
        getattr(x, "params", {}).get("warning") if getattr(x, "code", None) == "portfolio.composite_warning" else None
    )
    return getattr(inner, "code", None) == "rank_uncertainty.reference_ties"


def upgraded_warnings(warnings: Sequence[Any], composite: pd.DataFrame, version: int) -> tuple[Any, ...]:
    """The ``warnings`` of a result of pickle ``version`` 7 or before as a new result has them,
    ``composite`` its table upgraded (:func:`upgraded_composite`): from version 5 and before the
    warning of a chance the index counts though no uncertainty was given (:func:`fixed_chance_said`)
    where it is not among them; from version 7 and before the ranking's row-order tie warning
    replaced, where it stood, by the warning naming the members that share places
    (:func:`tie_said`; before the warning of chances without uncertainty where it stood nowhere)."""
    kept = list(warnings)
    if version < 6 and not any(getattr(x, "code", None) == "portfolio.composite_fixed_chance" for x in kept):
        kept += fixed_chance_said(composite)
    if version >= 8:
        return tuple(kept)
    kept = [x for x in kept if getattr(x, "code", None) != "portfolio.composite_tie"]
    at = next((i for i, x in enumerate(kept) if _row_order_tie(x)), None)
    kept = [x for x in kept if not _row_order_tie(x)]
    if at is None:  # before the warning of chances without uncertainty, as a new result has it
        at = next(
            (i for i, x in enumerate(kept) if getattr(x, "code", None) == "portfolio.composite_fixed_chance"), len(kept)
        )
    return tuple(kept[:at] + tie_said(composite) + kept[at:])
