"""Places on the portfolio's composite index shared by members whose scores are equal as the
report shows them (one decimal on 0–100): two members that differ only by simulation noise (one
draw's share of P(ratio > 1)) share their places, members a tenth apart do not; the report writes
a shared place as it writes the rank interval beside it ("2 – 3"), that interval spans the shared
places, and the sentence under the table and the portfolio's warning name the members."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from impactchain._i18n import Words
from impactchain._portfolio_composite import composite_table, upgraded_composite
from impactchain._report_blocks import Paragraph, Table
from impactchain._report_portfolio_composite import composite_blocks
from portfolio_files import forecast_measures


def _members(chances: dict[str, float]) -> pd.DataFrame:
    """A (ratio 3, chance 0.9, present value 300) at the top, D (1, 0.1, 100) at the bottom, and
    between them members of ratio 2 and present value 200 with the chance given. By hand (min-max
    to 0-100): ratio and present value 50 each, the chance (p - 0.1) / 0.8 x 100, so the score is
    (100 + (p - 0.1) / 0.8 x 100) / 3, 50 at p = 0.5 and 41.67 more per 1 of p."""
    rows = {
        "A/2024": (3.0, 0.9, 300.0),
        **{m: (2.0, p, 200.0) for m, p in chances.items()},
        "D/2024": (1.0, 0.1, 100.0),
    }
    return forecast_measures(rows)


def _score(p: float) -> float:
    return (100 + (p - 0.1) / 0.8 * 100) / 3


@pytest.mark.parametrize(
    ("b", "c", "shared"),
    [
        (0.5, 0.5002, True),  # one draw in 5,000 apart: 50.0 and 50.0083, both shown 50.0
        (0.5, 0.50096, True),  # 50.0 and 50.04 (0.04 apart): both shown 50.0
        (0.5, 0.50144, False),  # 50.0 and 50.06 (0.06 apart): shown 50.0 and 50.1
        (0.501, 0.5013, False),  # 50.042 and 50.054, 0.0125 apart but shown 50.0 and 50.1
    ],
)
def test_members_of_equal_shown_scores_share_their_places(b: float, c: float, shared: bool) -> None:
    table, _, warned = composite_table(_members({"B/2024": b, "C/2024": c}), draws=200, seed=3)
    t = table.set_index("member")
    assert t["score"].tolist() == pytest.approx([100.0, _score(b), _score(c), 0.0], abs=1e-9)
    # C is above B on the chance and equal on the rest: above it under every weight draw.
    assert t["rank"].to_dict() == {"A/2024": 1, "B/2024": 3, "C/2024": 2, "D/2024": 4}
    assert t.loc[["C/2024", "B/2024"], ["rank_p05", "rank_p95"]].to_numpy().tolist() == [[2, 2], [3, 3]]
    places = t.loc[["C/2024", "B/2024"], ["rank_low", "rank_high"]].to_numpy().tolist()
    assert places == ([[2, 3], [2, 3]] if shared else [[2, 2], [3, 3]])
    assert t.loc[["A/2024", "D/2024"], ["rank_low", "rank_high"]].to_numpy().tolist() == [[1, 1], [4, 4]]
    ties = [n for n in warned if n.code == "portfolio.composite_tie"]
    if shared:
        assert ties == ["composite index: C/2024, B/2024 have the same score (50); they share places 2 to 3"]
    else:
        assert ties == []
    # A result read from an older version gets its shared places by the same rule.
    old = table.drop(columns=["rank_low", "rank_high", "fixed_inputs"])
    assert upgraded_composite(old, _members({}), (), version=5).equals(table)


def _cells(blocks: list, w: Words) -> dict[str, list[str]]:
    (table,) = [b for b in blocks if isinstance(b, Table)]
    f = table.frame
    return {str(r[f.columns[0]]): [table.text(w, col, r[col]) for col in f.columns[2:]] for _, r in f.iterrows()}


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        (
            "en",
            "C/2024 and B/2024 have the same score as shown (50.0); their order means nothing: they share places 2 and 3.",
        ),
        (
            "nl",
            "C/2024 en B/2024 hebben dezelfde score zoals getoond (50,0); hun volgorde zegt niets: ze delen plaats 2 en 3.",
        ),
    ],
)
def test_the_report_writes_a_shared_place_as_its_interval(lang: str, note: str) -> None:
    table, _, _ = composite_table(_members({"B/2024": 0.5, "C/2024": 0.5002}), draws=200, seed=3)
    w = Words(lang)
    blocks = composite_blocks(SimpleNamespace(composite=table), w)
    cells = _cells(blocks, w)
    # Score, rank, rank interval: the shared place "2 – 3" (spaced, as every interval), its
    # interval spanning both members' (2 – 2 and 3 – 3), not "2" and "3" as settled.
    fifty = {"en": "50.0", "nl": "50,0"}[lang]
    assert cells["C/2024"] == cells["B/2024"] == [fifty, "2 – 3", "2 – 3"]
    assert cells["A/2024"][1:] == ["1", "1"] and cells["D/2024"][1:] == ["4", "4"]
    said = [w(b.key, **dict(b.values)) for b in blocks if isinstance(b, Paragraph) and b.key == "pf_composite_tie"]
    assert said == [note]


def test_a_shared_places_interval_spans_at_least_the_places() -> None:
    # Two members sharing places 2-3 whose weight draws (here set by hand) put both at 2: the
    # interval shown still covers the places they share.
    table, _, _ = composite_table(_members({"B/2024": 0.5, "C/2024": 0.5002}), draws=200, seed=3)
    table = table.assign(rank_p95=table["rank_p05"].where(table["member"] != "B/2024", 2))
    table.loc[table["member"] == "B/2024", "rank_p05"] = 2
    w = Words("en")
    cells = _cells(composite_blocks(SimpleNamespace(composite=table), w), w)
    assert cells["B/2024"][1:] == cells["C/2024"][1:] == ["2 – 3", "2 – 3"]
