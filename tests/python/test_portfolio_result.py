"""The PortfolioResult itself: the ``measures`` table's intervals (NPV and present value from each
member's simulation on the footing, as the ratio's), its summary and repr (a year and a seed
written as such, not 2,025), and a result pickled by an older version read back with its
periods in order."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import impactchain as ic
from impactchain.portfolio import PortfolioResult, evaluate_portfolio, member_seed
from portfolio_files import members, model_text

LEVEL = ic.DEFAULTS.level  # 0.95: the 2.5th and 97.5th percentiles


def _portfolio(tmp_path: Path) -> Path:
    # Members at 2024 prices, the portfolio at 2025's: every amount x 103.3 / 100.
    for name in "ab":
        (tmp_path / f"{name}.yaml").write_text(model_text(name=name, currency="EUR", year=2024), encoding="utf-8")
    p = tmp_path / "p.yaml"
    p.write_text(
        "name: test\ncurrency: EUR\nprice_year: 2025\nprice_index: {2024: 100, 2025: 103.3}\nmembers:\n"
        + members("a.yaml", "b.yaml"),
        encoding="utf-8",
    )
    return p


def test_the_npv_and_present_value_measures_have_their_interval(tmp_path):
    res = evaluate_portfolio(_portfolio(tmp_path), draws=3000, seed=2026, threads=1)
    m = res.measures.set_index(["member", "measure"])
    # Oracle: the member's model simulated alone with its seed, its kept draws brought to the
    # footing (x 1.033) and their quantiles taken by numpy (type 7, as the core's up to 10^6 draws).
    alone = ic.simulate(
        tmp_path / "a.yaml", draws=3000, seed=member_seed(2026, "A/2024"), keep_draws=True, threads=1
    ).draws_frame
    q = [(1 - LEVEL) / 2, (1 + LEVEL) / 2]
    for measure in ("npv", "present_value", "sroi_ratio"):
        factor = 1.0 if measure == "sroi_ratio" else 103.3 / 100
        expected = np.quantile(alone[measure].to_numpy() * factor, q)
        got = m.loc[("A/2024", measure), ["lower", "upper"]].to_numpy(dtype=float)
        assert got == pytest.approx(expected, rel=1e-12), measure
        assert got[0] < m.loc[("A/2024", measure), "value"] < got[1]
    # The members table holds them too; P(ratio > 1) has no interval (NaN, not None).
    a = res.members.set_index("member").loc["A/2024"]
    assert [a["npv_lower"], a["npv_upper"]] == list(m.loc[("A/2024", "npv"), ["lower", "upper"]])
    chance = res.measures[res.measures["measure"] == "p_ratio_above_1"]
    assert chance["lower"].isna().all() and chance["upper"].isna().all()
    assert res.measures["lower"].dtype == float and res.measures["upper"].dtype == float


def test_the_summary_writes_the_price_year_and_seed_as_written(tmp_path):
    res = evaluate_portfolio(_portfolio(tmp_path), draws=100, seed=2026, threads=1)
    text = str(res.summary())
    assert "price year      2025" in text and "seed            2026" in text
    assert "2,025" not in text and "2,026" not in text
    assert repr(res) == "<PortfolioResult name=test, currency=EUR, price_year=2025, draws=100>"
    big = evaluate_portfolio(_portfolio(tmp_path), draws=12_000, seed=1, threads=1)
    assert "draws           12,000" in str(big.summary())  # a count keeps its separator


def test_a_result_of_version_4_reads_back_with_its_periods_in_order(tmp_path):
    # A version-4 state: its trajectory in the text order of its day (10 before 9), no intervals
    # of NPV and present value, no factors of the replaced values.
    for n, q in (("a", 1), ("b", 2)):
        (tmp_path / f"{n}.yaml").write_text(
            model_text(name=n, currency="EUR", year=2024).replace("quantity: 10,", f"quantity: {q},"),
            encoding="utf-8",
        )
    p = tmp_path / "p.yaml"
    p.write_text(
        "name: t\ncurrency: EUR\nprice_year: 2024\nmembers:\n  - {organisation: X, period: 10, model: b.yaml}\n"
        "  - {organisation: X, period: 9, model: a.yaml}\n",
        encoding="utf-8",
    )
    state = evaluate_portfolio(p, draws=100, seed=1, threads=1).__getstate__()
    members = state["members"].drop(columns=["present_value_lower", "present_value_upper", "npv_lower", "npv_upper"])
    trajectory = state["trajectory"].iloc[::-1].drop(columns="period_order").reset_index(drop=True)
    old = {
        **state,
        "version": 4,
        "members": members,
        "trajectory": trajectory,
        "soft_trend": state["soft_trend"].drop(columns="period_order"),
        "replaced": state["replaced"].drop(columns=["forecast_factor", "actual_factor"]),
    }
    res = PortfolioResult.__new__(PortfolioResult)
    res.__setstate__(old)
    assert list(res.trajectory["period"]) == ["9", "10"]
    # By hand (central proxy 100, 2 years, no discounting): period 9 (a.yaml) 1 x 100 x 2 = 200,
    # period 10 (b.yaml) 2 x 100 x 2 = 400; running total 200, 600.
    assert res.trajectory["cumulative_present_value"].tolist() == pytest.approx([200.0, 600.0])
    assert res.members["npv_lower"].isna().all()
    assert list(res.replaced.columns)[-2:] == ["forecast_factor", "actual_factor"]
    assert isinstance(res.trajectory, pd.DataFrame)
