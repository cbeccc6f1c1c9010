"""Payback (docs/value.md): the SROI Guide's simple form, and whether the effects ever bring the
investment back; the valuation, its text, the report and the report's JSON say the same."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import impactchain as ic
from impactchain.cli import main

pytest.importorskip("yaml")


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
