"""The order of an organisation's periods (docs/portfolio.md, "Periods"): by their number when
every label reads as one (9 before 10 before 11; years), else as labels with runs of digits
compared as numbers (P9 before P10, 2024 before 2024Q1); the running total follows that order,
and the soft outcomes' trend is per 1 of the period's number (per year: a missing year is a gap)
or, for labels, per step, each said in the result."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from impactchain._report_portfolio import portfolio_report
from impactchain.portfolio import evaluate_portfolio

MODEL = """impactchain: 1
name: coop {n}
currency: EUR
price_year: 2024
discount: {{rate: 0}}
indicators: [{{id: ls, unit: points, kind: soft, scale: [0, 10]}}]
chain:
  nodes: [{{id: a, level: activity, quantity: 5, unit: people}}]
investments: [{{funder: city, amount: 1000}}]
outcomes:
  - {{id: o, quantity: {q}, proxy: {{value: 100, currency: EUR, source: s}}}}
soft_outcomes:
  - {{id: ls, indicator: ls, data: s{n}.csv, pre: pre, post: post}}
"""


def _portfolio(tmp_path: Path, periods: list[str], changes: list[float], quantities: list[int]) -> Path:
    """One organisation (Coop) in ``periods``, listed in that order: in each, an outcome of the
    quantity x 100 (no discounting, one year: its present value) and a survey whose mean change
    is the change exactly (differences change - 1, change + 1, change, ...)."""
    lines = []
    for n, (period, change, q) in enumerate(zip(periods, changes, quantities)):
        (tmp_path / f"c{n}.yaml").write_text(MODEL.format(n=n, q=q), encoding="utf-8")
        pre = [3, 4, 5, 3, 4, 5, 3, 4, 5, 4, 3, 5]
        rows = "\n".join(f"{a},{a + d}" for a, d in zip(pre, [change - 1, change + 1, change] * 4))
        (tmp_path / f"s{n}.csv").write_text("pre,post\n" + rows + "\n", encoding="utf-8")
        lines.append(f"  - {{organisation: Coop, period: {period}, model: c{n}.yaml}}\n")
    p = tmp_path / "p.yaml"
    p.write_text("name: periods\ncurrency: EUR\nprice_year: 2024\nmembers:\n" + "".join(lines), encoding="utf-8")
    return p


def test_numbered_periods_are_ordered_by_number(tmp_path):
    # Listed 10, 11, 9 (as text they sort 10, 11, 9 too): present values 200, 400 and 100, mean
    # changes 2, 4 and 1.
    p = _portfolio(tmp_path, ["10", "11", "9"], [2.0, 4.0, 1.0], [2, 4, 1])
    res = evaluate_portfolio(p, draws=100, seed=1, threads=1)
    t = res.trajectory
    assert list(t["period"]) == ["9", "10", "11"] and set(t["period_order"]) == {"number"}
    # Running total in period order, by hand: 100, 100 + 200, 100 + 200 + 400.
    assert t["present_value"].tolist() == pytest.approx([100.0, 200.0, 400.0], rel=1e-12)
    assert t["cumulative_present_value"].tolist() == pytest.approx([100.0, 300.0, 700.0], rel=1e-12)
    trend = res.soft_trend.iloc[0]
    assert (trend["first_period"], trend["last_period"], trend["periods"]) == ("9", "11", 3)
    assert (trend["first_change"], trend["last_change"]) == pytest.approx((1.0, 4.0))
    # Least squares of (1, 2, 4) on (9, 10, 11): mean x 10, mean y 7/3;
    # slope = (-1 (1 - 7/3) + 0 + 1 (4 - 7/3)) / ((-1)^2 + 0 + 1^2) = (4/3 + 5/3) / 2 = 1.5 (as text: -0.5).
    assert trend["slope_per_period"] == pytest.approx(1.5, rel=1e-12)
    assert trend["period_order"] == "number"
    # Said: per 1 of the period's number; the periods are numbers, so no order as labels.
    assert any(a.code == "portfolio.trend_per_number" for a in res.assumptions)
    assert not any(getattr(a, "code", "") == "portfolio.periods_as_labels" for a in res.assumptions)
    # The report's "Over time" table is in that order, in both languages.
    for lang in ("en", "nl"):
        md = portfolio_report(res, "md", lang)
        rows = [line.split(" | ")[1] for line in md.splitlines() if line.startswith("| Coop | ")]
        assert rows[:3] == ["9", "10", "11"]


def test_a_missing_year_is_a_gap_in_the_trend_per_year(tmp_path):
    # 2022, 2023, 2025 (2024 missing), mean changes 1, 2, 4: x - mean x = (-4/3, -1/3, 5/3), and
    # y - mean y the same, so the slope is (16 + 1 + 25) / 9 / ((16 + 1 + 25) / 9) = 1 point a year
    # (per step it would be 1.5).
    p = _portfolio(tmp_path, ["2025", "2022", "2023"], [4.0, 1.0, 2.0], [1, 1, 1])
    res = evaluate_portfolio(p, draws=100, seed=1, threads=1)
    trend = res.soft_trend.iloc[0]
    assert trend["slope_per_period"] == pytest.approx(1.0, rel=1e-12)
    assert trend["slope_per_period"] == pytest.approx(np.polyfit([2022, 2023, 2025], [1.0, 2.0, 4.0], 1)[0])
    assert (trend["first_period"], trend["last_period"]) == ("2022", "2025")
    (said,) = [a for a in res.assumptions if a.code == "portfolio.trend_per_number"]
    assert "per year where the periods are years" in said and "a gap, not a step" in said
    nl = portfolio_report(res, "md", "nl")
    # Said per period, not "per 1 of the number of the period" (a calque): the missing 2024 counts.
    assert "hoeveel de gemiddelde verandering per periode stijgt of daalt (per jaar als de perioden jaren zijn;" in nl
    assert "een ontbrekende periode telt mee, dus van 2024 naar 2026 is twee jaar" in nl
    assert "nummer van de periode" not in nl


def test_a_span_of_years_lies_at_its_middle(tmp_path):
    # 2020-2021 and 2024-2025 lie at 2020.5 and 2024.5: changes 1 and 3, a slope of 2 / 4 = 0.5 a year.
    p = _portfolio(tmp_path, ["2024-2025", "2020-2021"], [3.0, 1.0], [1, 1])
    res = evaluate_portfolio(p, draws=100, seed=1, threads=1)
    assert list(res.trajectory["period"]) == ["2020-2021", "2024-2025"]
    assert res.soft_trend.iloc[0]["slope_per_period"] == pytest.approx(0.5, rel=1e-12)


def test_labels_are_ordered_with_their_digits_as_numbers_and_said(tmp_path):
    # P9, P10, P11 as labels (not numbers): P9 before P10, a trend per step (0, 1, 2), said.
    p = _portfolio(tmp_path, ["P10", "P11", "P9"], [2.0, 4.0, 1.0], [2, 4, 1])
    res = evaluate_portfolio(p, draws=100, seed=1, threads=1)
    assert list(res.trajectory["period"]) == ["P9", "P10", "P11"]
    assert res.trajectory["cumulative_present_value"].tolist() == pytest.approx([100.0, 300.0, 700.0])
    trend = res.soft_trend.iloc[0]
    assert trend["period_order"] == "label"
    # Per step: x = 0, 1, 2, y = 1, 2, 4: (-1 (1 - 7/3) + 1 (4 - 7/3)) / 2 = 1.5.
    assert trend["slope_per_period"] == pytest.approx(1.5, rel=1e-12)
    (said,) = [a for a in res.assumptions if a.code == "portfolio.periods_as_labels"]
    assert said == (
        "periods of Coop: ordered as labels, as they are not all numbers (digits as numbers: 2024Q2 before "
        "2024Q10); their soft outcomes' trend is per step from one period to the next"
    )
    assert not any(a.code == "portfolio.trend_per_number" for a in res.assumptions)
    nl = portfolio_report(res, "md", "nl")
    assert "perioden van Coop: als tekst gesorteerd, omdat het niet allemaal getallen zijn" in nl


def test_a_mix_of_numbers_and_labels_is_ordered_as_labels(tmp_path):
    # One organisation in 2024 (the year) and its quarters 2024Q2, 2024Q10 (a label's digits as
    # numbers, so Q2 before Q10), and 2025: as labels, 2024 before 2024Q2 before 2024Q10 before 2025.
    p = _portfolio(tmp_path, ["2025", "2024Q10", "2024", "2024Q2"], [4.0, 3.0, 1.0, 2.0], [1, 1, 1, 1])
    res = evaluate_portfolio(p, draws=100, seed=1, threads=1)
    assert list(res.trajectory["period"]) == ["2024", "2024Q2", "2024Q10", "2025"]
    assert set(res.trajectory["period_order"]) == {"label"}
    assert any(a.code == "portfolio.periods_as_labels" for a in res.assumptions)
