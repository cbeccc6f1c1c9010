"""The portfolio report's composite index across its members (impactchain._report_portfolio):
the table of scores and ranks, a place that members of the same score as shown share shown as
shared, and under it in plain words who shares a place, that forecasts and actuals stand in one
ranking, and whose chance of a ratio above 1 is 0 or 1 only because no uncertainty was given."""

from __future__ import annotations

from typing import Any

from impactchain._i18n import N_, Words
from impactchain._portfolio_composite import SCORE_DECIMALS
from impactchain._report_blocks import Paragraph, _kv
from impactchain._report_portfolio_blocks import basis_words, listed, titled


def composite_blocks(res: Any, w: Words) -> list[Any]:
    """The index across the members: a place that members of the same score as shown (to 0.1,
    ``rank_low``/``rank_high``) share shown as shared, written as the rank interval beside it is
    (``2 – 3``), its interval spanning their intervals and the places they share; and under the
    table in plain words which members share it, that forecasts and actuals stand in one ranking,
    and whose chance of a ratio above 1 is 0 or 1 only because no uncertainty was given."""
    c = res.composite.sort_values("rank", kind="stable")
    if not len(c):
        return []
    low = c["rank_low"] if "rank_low" in c else c["rank"]
    high = c["rank_high"] if "rank_high" in c else c["rank"]
    ties = c.groupby([low, high], sort=False)
    # A shared place's interval: from the lowest to the highest of theirs, at least their places.
    span = {
        (a, b): (min(int(g["rank_p05"].min()), int(a)), max(int(g["rank_p95"].max()), int(b))) for (a, b), g in ties
    }
    blocks = titled(
        N_("pf_composite"),
        {
            N_("pf_col_member"): c["member"],
            N_("pf_col_basis"): basis_words(w, c),
            N_("pf_col_score"): [float(x) for x in c["score"]],
            N_("pf_col_rank"): [
                int(a) if a == b else f"{w.integer(a)} \u2013 {w.integer(b)}" for a, b in zip(low, high)
            ],
            N_("pf_col_rank_interval"): [
                span[(a, b)] if a != b else (int(lo), int(hi))
                for a, b, lo, hi in zip(low, high, c["rank_p05"], c["rank_p95"])
            ],
        },
        text=N_("pf_composite_text"),
        numeric=(N_("pf_col_score"), N_("pf_col_rank")),
        intervals=(N_("pf_col_rank_interval"),),
        decimals=((N_("pf_col_score"), SCORE_DECIMALS),),
    )
    for (a, b), g in ties:
        if a != b:
            values = _kv(
                members=listed(w, list(g["member"])),
                score=w.num(float(g["score"].iloc[0]), SCORE_DECIMALS),
                places=listed(w, [w.integer(p) for p in range(int(a), int(b) + 1)]),
            )
            blocks.append(Paragraph(key=N_("pf_composite_tie"), values=values, style="small"))
    if c["basis"].nunique() > 1:
        blocks.append(Paragraph(key=N_("pf_composite_basis_note"), style="small"))
    every = res.composite  # in the members' order
    fixed = list(every["member"][every["fixed_inputs"].astype(bool)]) if "fixed_inputs" in every else []
    if fixed:
        key = N_("pf_composite_fixed_one") if len(fixed) == 1 else N_("pf_composite_fixed")
        blocks.append(Paragraph(key=key, values=_kv(members=listed(w, fixed)), style="small"))
    return blocks
