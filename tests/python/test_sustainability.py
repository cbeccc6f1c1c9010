"""Sustainability profile: revenue mix and social capital by hand."""

from __future__ import annotations

import pandas as pd
import pytest

import impactchain as ic


def test_revenue_profile_hand_calculation():
    rev = pd.DataFrame(
        {
            "name": ["Gemeente", "room hire", "Oranje Fonds"],
            "type": ["municipality", "trading", "grant"],
            "amount": [50.0, 30.0, 20.0],
        }
    )
    r = ic.revenue_profile(rev)
    assert r.hhi == pytest.approx(0.5**2 + 0.3**2 + 0.2**2)
    assert r.diversification == pytest.approx(0.62)
    assert r.diversification_normalised == pytest.approx(0.62 / (1 - 1 / 3))
    assert (r.largest_source, r.largest_share, r.municipality_share) == (
        "Gemeente",
        pytest.approx(0.5),
        pytest.approx(0.5),
    )
    assert r.table.loc["room hire", "share"] == pytest.approx(0.3)


def test_social_capital_by_dimension():
    ind = pd.DataFrame(
        {
            "name": ["volunteers per board member", "board turnover", "partners", "municipal contact"],
            "dimension": ["bonding", "bonding", "bridging", "linking"],
            "value": [6, 0.2, 15, 4],
            "min": [0, 0, 0, 1],
            "max": [10, 1, 20, 5],
            "higher_is_better": [True, False, True, True],
        }
    )
    r = ic.social_capital_profile(ind)
    assert r.table.loc["bonding", "score"] == pytest.approx(70)  # (60 + 80) / 2
    assert r.table.loc["linking", "score"] == pytest.approx(75)


def test_bad_input():
    with pytest.raises(ic.ValidationError, match="amount must be finite and >= 0"):
        ic.revenue_profile(pd.DataFrame({"name": ["a"], "type": ["grant"], "amount": [-5.0]}))
    with pytest.raises(ValueError, match="missing columns"):
        ic.revenue_profile(pd.DataFrame({"name": ["a"]}))
    with pytest.raises(ic.ValidationError, match="bonding, bridging or linking"):
        ic.social_capital_profile(
            pd.DataFrame({"name": ["x"], "dimension": ["civic"], "value": [1], "min": [0], "max": [2]})
        )
