"""Payback (docs/value.md): the SROI Guide's simple form, and whether the effects ever bring the
investment back; the valuation, its text, the report and the report's JSON say the same."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import impactchain as ic
from impactchain.cli import main
from small_models import BUURTKAMER_HEAD

pytest.importorskip("yaml")

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"


def _model(tmp_path: Path, duration: int) -> Path:
    """10 persons × € 1,000 a year for ``duration`` years, nothing deducted; € 25,000 invested."""
    text = (
        BUURTKAMER_HEAD
        + f"""\
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
    )
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
    # The model's value block says "never" as the summary does (ic.value keeps the simple form's 30).
    assert doc["models"][0]["value"]["payback_months"] is None and doc["models"][0]["value"]["payback_reached"] is False
    md = report.to_markdown()
    assert (
        "Bij de centrale aannames wordt de investering niet terugverdiend: over de 2 jaar dat de effecten duren" in md
    )


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
    # Said in whole months (about 26), as what the central assumptions give.
    assert f"zou de investering na ongeveer {simple:.0f} maanden zijn terugverdiend" in report.to_markdown()
    assert f"(na drop-off, zonder disconteren), na ongeveer {by_hand:.0f} maanden." in report.to_markdown()
    # A payback that never comes has no month either way.
    never = json.loads(ic.build_report([_model(tmp_path, 2)], draws=100, seed=1).to_json())
    assert never["models"][0]["value"]["payback_months_by_year"] is None


def _fading(tmp_path: Path, invested: float) -> Path:
    """6 persons × € 100 in year 1, halved each year after (drop-off 0.5 from the second year), for
    3 years, nothing else deducted: after drop-off 600, 300 and 150 (1,050 in all)."""
    text = f"""\
impactchain: 1
name: Fading
currency: EUR
price_year: 2024
discount: {{rate: 0.035}}
stakeholders: [{{id: city, name: City}}]
chain:
  nodes:
    - {{id: sessions, level: activity, quantity: 6, unit: sessions}}
    - {{id: helped, level: outcome, unit: persons}}
  edges: [{{from: sessions, to: helped, rate: 1}}]
outcomes:
  - {{id: help, node: helped, stakeholder: city, duration: 3, deadweight: 0, attribution: 0,
     displacement: 0, leakage: 0, drop_off: 0.5, proxy: {{value: 100, currency: EUR, source: hand}}}}
investments: [{{funder: city, amount: {invested}}}]
"""
    path = tmp_path / f"fading_{invested:g}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_result_says_when_the_yearly_effects_pay_the_investment_back(tmp_path):
    r = ic.value(_fading(tmp_path, 1000))
    # 600 + 300 + 150 = 1,050 undiscounted (the discount rate does not enter), over 3 years.
    assert r.payback_effects == pytest.approx(1050.0, rel=1e-12)
    assert r.effect_years == 3
    # After two years 900 is back; the missing 100 of year 3's 150: 24 + 12 × 100 / 150 = 32 months.
    assert r.payback_reached is True
    assert r.payback_months_by_year == pytest.approx(32.0, rel=1e-12)
    # The simple form at the first year's pace: 1,000 / (600 / 12) = 20 months.
    assert r.payback_months == pytest.approx(20.0, rel=1e-12)
    # Within the first year: 300 of its 600 → 6 months.
    assert ic.value(_fading(tmp_path, 300)).payback_months_by_year == pytest.approx(6.0, rel=1e-12)


def test_the_result_has_no_yearly_month_when_the_investment_never_comes_back(tmp_path):
    r = ic.value(_fading(tmp_path, 1100))  # 1,050 < 1,100
    assert r.payback_reached is False
    assert r.payback_effects == pytest.approx(1050.0, rel=1e-12) and r.effect_years == 3
    assert r.payback_months_by_year is None
    assert r.payback_months == pytest.approx(22.0, rel=1e-12)  # 1,100 / 50: the simple form, kept
    nothing = ic.value(_fading(tmp_path, 0))  # nothing to pay back
    assert nothing.payback_reached is None and nothing.payback_months_by_year is None


def test_the_payback_properties_are_read_from_a_result_as_stored(tmp_path):
    import pickle

    r = ic.value(_fading(tmp_path, 1000))
    again = pickle.loads(pickle.dumps(r))
    assert (again.payback_effects, again.effect_years) == pytest.approx((1050.0, 3))
    assert again.payback_months_by_year == pytest.approx(32.0, rel=1e-12)
    with pytest.raises(AttributeError):
        r.payback_effects = 0.0  # type: ignore[misc]
    assert "payback_effects" not in r.to_dict()  # computed, not stored


def test_the_payback_properties_of_every_stored_value_pickle():
    """A result pickled by an earlier release (value versions 1 to 5) holds its yearly table and
    investment, so the properties need no new pickle version: each gives what today's valuation
    of the same model gives."""
    import pickle

    import numpy as np
    import pandas as pd

    pickles = Path(__file__).resolve().parents[1] / "data" / "pickles"
    written = json.loads((pickles / "written_with.json").read_text(encoding="utf-8"))
    installed = {"pandas": pd.__version__, "numpy": np.__version__}

    def release(v: str) -> tuple[int, ...]:
        return tuple(int(x) for x in v.split(".")[:2])

    fresh = ic.value(pickles.parent / "model_basic.json")
    assert fresh.payback_reached is True and fresh.effect_years == 3
    paths = sorted(pickles.glob("value_result_v*.pkl"))
    assert len(paths) >= 5
    readable = [
        p for p in paths if all(release(written[p.name][k]) <= release(installed[k]) for k in ("pandas", "numpy"))
    ]
    if not readable:
        pytest.skip("every value pickle was written by a newer pandas/numpy")
    for path in readable:
        stored = pickle.loads(path.read_bytes())
        assert stored.payback_effects == pytest.approx(fresh.payback_effects, rel=1e-12), path.name
        assert stored.effect_years == fresh.effect_years, path.name
        assert stored.payback_months_by_year == pytest.approx(fresh.payback_months_by_year, rel=1e-12), path.name
