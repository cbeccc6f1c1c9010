"""Payback (docs/value.md): the SROI Guide's simple form, and whether the effects ever bring the
investment back; the valuation, its text, the report and the report's JSON say the same."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import impactchain as ic
from impactchain.cli import main

pytest.importorskip("yaml")

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"


def _model(tmp_path: Path, duration: int) -> Path:
    """10 persons × € 1,000 a year for ``duration`` years, nothing deducted; € 25,000 invested."""
    text = f"""\
impactchain: 1
name: Buurtkamer
currency: EUR
price_year: 2024
discount: {{rate: 0}}
stakeholders: [{{id: gemeente, name: Gemeente}}]
chain:
  nodes:
    - {{id: avonden, level: activity, quantity: 10, unit: avonden}}
    - {{id: bezoekers, level: outcome, unit: personen}}
  edges: [{{from: avonden, to: bezoekers, rate: 1}}]
outcomes:
  - {{id: zorg, node: bezoekers, stakeholder: gemeente, duration: {duration}, deadweight: 0, attribution: 0,
     displacement: 0, drop_off: 0, proxy: {{value: 1000, currency: EUR, source: hand}}}}
investments: [{{funder: gemeente, amount: 25000}}]
"""
    path = tmp_path / f"model_{duration}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_effects_that_end_before_the_investment_is_back_never_pay_it_back(tmp_path, capsys):
    path = _model(tmp_path, 2)
    r = ic.value(path)
    # The simple form: 25,000 / (10 × 1,000 / 12) = 30 months; but 2 years bring back 20,000 < 25,000.
    assert r.payback_months == pytest.approx(30.0, rel=1e-12)
    assert r.payback_reached is False
    assert main(["value", str(path)]) == 0
    out = capsys.readouterr().out
    assert (
        "never: the outcomes over every year they last bring back EUR 20,000, less than the investment of "
        "EUR 25,000 (at the first year's pace it would be 30.0)"
    ) in out
    assert main(["value", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["payback_reached"] is False
    report = ic.build_report([path], draws=100, seed=1, lang="nl")
    doc = json.loads(report.to_json())
    assert doc["summary"][0]["payback_months"] is None and doc["summary"][0]["payback_reached"] is False
    assert doc["models"][0]["value"]["payback_months"] == pytest.approx(30.0, rel=1e-12)  # the simple form's, kept
    md = report.to_markdown()
    assert "De investering wordt niet terugverdiend: over de 2 jaar dat de effecten duren" in md


def test_effects_that_outlast_the_investment_pay_it_back(tmp_path, capsys):
    path = _model(tmp_path, 3)
    r = ic.value(path)
    assert r.payback_months == pytest.approx(30.0, rel=1e-12) and r.payback_reached is True  # 30,000 >= 25,000
    assert main(["value", str(path)]) == 0
    assert "payback (months)   30.0" in capsys.readouterr().out
    doc = json.loads(ic.build_report([path], draws=100, seed=1).to_json())
    assert doc["summary"][0]["payback_months"] == pytest.approx(30.0, rel=1e-12)
    assert doc["summary"][0]["payback_reached"] is True


def test_no_investment_no_payback(tmp_path):
    path = _model(tmp_path, 2)
    path.write_text(path.read_text(encoding="utf-8").replace("amount: 25000", "amount: 0"), encoding="utf-8")
    r = ic.value(path)
    assert r.payback_months is None and r.payback_reached is None


def test_the_years_with_effects_count_the_outcomes_of_a_year_together():
    from impactchain._value_payback import effect_years, undiscounted_effects

    # Year 1: 300 + 200 = 500 > 0; year 2: 500 - 700 = -200 (a negative outcome outweighs);
    # year 3: 0. One year with effects; 500 - 200 + 0 = 300 in all.
    yearly = {"year": [1, 1, 2, 2, 3], "after_drop_off": [300.0, 200.0, 500.0, -700.0, 0.0]}
    assert effect_years(yearly) == 1
    assert undiscounted_effects(yearly["after_drop_off"]) == 300.0


def test_the_month_the_yearly_effects_reach_the_investment_by_hand():
    from impactchain._value_payback import payback_months_by_year

    # Two outcomes, summed per year: 56,000 + 9,394 = 65,394; 44,000 + 7,521 = 51,521; 36,772.
    # Against 140,000: 116,915 after two years, the missing 23,085 of year 3's 36,772 at
    # 24 + 12 × 23,085 / 36,772 = 31.533 months (the simple form: 140,000 / (65,394 / 12) = 25.69).
    yearly = {"year": [1, 2, 3, 1, 2], "after_drop_off": [56000.0, 44000.0, 36772.0, 9394.0, 7521.0]}
    assert payback_months_by_year(yearly, 140000) == pytest.approx(24 + 12 * 23085 / 36772, rel=1e-12)
    assert payback_months_by_year(yearly, 140000) == pytest.approx(31.533, abs=5e-4)
    # Reached within year 1 (half of it: 6 months) and exactly at its end (12 months).
    assert payback_months_by_year(yearly, 65394 / 2) == pytest.approx(6.0, rel=1e-12)
    assert payback_months_by_year(yearly, 65394) == pytest.approx(12.0, rel=1e-12)
    # Never: 153,687 in all is less than 200,000; nothing to pay back.
    assert payback_months_by_year(yearly, 200000) is None
    assert payback_months_by_year(yearly, 0) is None
    # A year with a net loss lowers the running total: 5,000, then 3,000, then 9,000 against 8,000,
    # reached in year 3 with 5,000 of its 6,000 still missing: 24 + 12 × 5,000 / 6,000 = 34 months.
    fading = {"year": [1, 2, 3], "after_drop_off": [5000.0, -2000.0, 6000.0]}
    assert payback_months_by_year(fading, 8000) == pytest.approx(34.0, rel=1e-12)


def test_the_report_gives_the_yearly_month_beside_the_simple_form(tmp_path):
    # market_cleaning: the yearly effects after drop-off reach the 140,000 invested in year 3.
    m = DATA / "market_cleaning.yaml"
    res = ic.value(m)
    per_year = res.yearly.groupby("year")["after_drop_off"].sum().tolist()
    assert len(per_year) == 3 and per_year[0] + per_year[1] < res.investment <= sum(per_year)
    by_hand = 24 + 12 * (res.investment - per_year[0] - per_year[1]) / per_year[2]  # about 31.5
    report = ic.build_report([m], draws=100, seed=1, lang="nl")
    doc = json.loads(report.to_json())
    assert doc["models"][0]["value"]["payback_months_by_year"] == pytest.approx(by_hand, rel=1e-12)
    simple = res.investment / (per_year[0] / 12)
    assert f"terugverdiend na {simple:.1f} maanden".replace(".", ",") in report.to_markdown()
    assert (
        f"(na drop-off, zonder disconteren), na {by_hand:.1f}".replace(".", ",") + " maanden." in report.to_markdown()
    )
    # A payback that never comes has no month either way.
    never = json.loads(ic.build_report([_model(tmp_path, 2)], draws=100, seed=1).to_json())
    assert never["models"][0]["value"]["payback_months_by_year"] is None
