"""The portfolio's composite index says what its index and rank intervals warn of: two members
with the same figures tie on their score and share their places, which the portfolio states
among its warnings in plain words (in both languages), not as the ranking's warning that tied
units are ordered by row."""

from __future__ import annotations

from pathlib import Path

import pytest

from impactchain._i18n import Words
from impactchain._portfolio_composite import composite_table
from impactchain.portfolio import evaluate_portfolio
from portfolio_files import forecast_measures, members, model_text

_members = forecast_measures


def test_members_tied_on_the_index_are_named_in_a_plain_warning() -> None:
    # B and C have the same three measures, so the same min-max score: (50 + 50 + 50) / 3 = 50.
    members = _members(
        {
            "A/2024": (3.0, 0.9, 300.0),
            "B/2024": (2.0, 0.5, 200.0),
            "C/2024": (2.0, 0.5, 200.0),
            "D/2024": (1.0, 0.1, 100.0),
        }
    )
    table, said, warned = composite_table(members, draws=200, seed=3)
    assert table.set_index("member")["score"].tolist() == pytest.approx([100.0, 50.0, 50.0, 0.0], abs=1e-12)
    assert [n.code for n in said] == ["portfolio.composite_method"]
    assert table.set_index("member").loc[["B/2024", "C/2024"], ["rank_low", "rank_high"]].to_numpy().tolist() == [
        [2, 3],
        [2, 3],
    ]
    (tie,) = warned  # the ranking's warning (ties ordered by row) is not among them
    assert tie.code == "portfolio.composite_tie"
    assert tie == "composite index: B/2024, C/2024 have the same score (50); they share places 2 to 3"
    # As the report shows it, the score with the one decimal of the index's table (50.0, 50,0).
    nl = tie.in_language(Words("nl"))
    assert nl == "samengestelde index: B/2024, C/2024 hebben dezelfde score (50,0); ze delen plaats 2 tot en met 3"
    en = tie.in_language(Words("en"))
    assert en == "composite index: B/2024, C/2024 have the same score (50.0); they share places 2 to 3"
    for jargon in ("eenheden", "referentiescore", "rang <=", "lagere index"):
        assert jargon not in nl


def test_members_apart_give_no_warning() -> None:
    members = _members({"A/2024": (3.0, 0.9, 300.0), "B/2024": (2.0, 0.4, 250.0), "C/2024": (1.0, 0.1, 100.0)})
    _, said, warned = composite_table(members, draws=200, seed=3)
    assert [n.code for n in said] == ["portfolio.composite_method"] and warned == []


def test_a_chance_without_uncertainty_is_a_warning_only_where_the_index_counts_it() -> None:
    rows = {"A/2024": (3.0, 1.0, 300.0), "B/2024": (2.0, 0.4, 250.0), "C/2024": (1.0, 0.0, 100.0)}
    members = _members(rows).assign(fixed_inputs=[True, False, True], actual_fixed_inputs=None)
    table, _, warned = composite_table(members, draws=200, seed=3)
    assert table["fixed_inputs"].tolist() == [True, False, True]
    (said,) = warned
    assert said.code == "portfolio.composite_fixed_chance" and said.params == {"members": "A/2024, C/2024"}
    # Every chance the same (1): the index leaves P(ratio > 1) out, so there is nothing to warn of.
    same = _members({m: (v[0], 1.0, v[2]) for m, v in rows.items()}).assign(fixed_inputs=True, actual_fixed_inputs=None)
    table, said_, warned = composite_table(same, draws=200, seed=3)
    assert "portfolio.composite_constant" in [n.code for n in said_]
    assert not table["fixed_inputs"].any() and warned == []


def test_a_portfolio_warns_of_members_tied_on_its_index(tmp_path: Path) -> None:
    # Members A and B run the same model (SROI ratio 10 x 2 x 100 / 1000 = 2); C's investment is
    # half (ratio 4). Present value (2,000) and P(ratio > 1) (1: every draw is above 1) are the
    # same for all three, so the index is the ratio alone, on which A and B tie.
    for name, amount in (("a", "1000"), ("b", "1000"), ("c", "500")):
        text = model_text(name=name, currency="EUR", year=2025).replace("amount: 1000", f"amount: {amount}")
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    p = tmp_path / "portfolio.yaml"
    p.write_text(
        f"name: t\ncurrency: EUR\nprice_year: 2025\nmembers:\n{members('a.yaml', 'b.yaml', 'c.yaml')}", "utf-8"
    )
    res = evaluate_portfolio(p, draws=200, seed=5, threads=1)
    (tie,) = [n for n in res.warnings if getattr(n, "code", "") == "portfolio.composite_tie"]
    assert tie.params["members"] == "A/2024, B/2024" and (tie.params["low"], tie.params["high"]) == (2, 3)
    assert all(getattr(n, "code", "") != "portfolio.composite_warning" for n in (*res.warnings, *res.assumptions))


@pytest.mark.parametrize(
    ("score", "en", "nl"),
    [(50.0, "(50.0)", "(50,0)"), (80.4, "(80.4)", "(80,4)"), (100.0, "(100.0)", "(100,0)"), (0.0, "(0.0)", "(0,0)")],
)
def test_the_tie_warning_writes_its_score_with_one_decimal(score: float, en: str, nl: str) -> None:
    # The score as the composite table shows it (one decimal on 0-100), not by the rule of other
    # reals (50, 1e-9 in scientific notation): 0.0 is a score, not a small number.
    from impactchain._notice import notice

    tie = notice("portfolio.composite_tie", members="A/2024, B/2024", score=score, low=1, high=2)
    assert f"have the same score {en};" in tie.in_language(Words("en"))
    assert f"hebben dezelfde score {nl};" in tie.in_language(Words("nl"))
