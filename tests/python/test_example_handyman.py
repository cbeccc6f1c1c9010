"""The bundled handyman example books each outcome to whoever gains it: the welfare benefits no
longer paid to the handymen are the municipality's saving (as in market_cleaning, loan_fund and
traditional_provider), not a gain of the former welfare recipients. Hand-checked totals per party."""

from __future__ import annotations

from pathlib import Path

import pytest

import impactchain as ic
from impactchain.report import build_report

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"

R = 1.0225  # discount: {schedule: nl_2021}, a year-1 value discounted once
# Residential care delayed: 150 checks × 0.8 × 0.1 = 12 households × 30,000 × (1 - 0.5) × (1 - 0.5).
CARE = 150 * 0.8 * 0.1 * 30_000 * 0.5 * 0.5 / R
# Welfare benefits no longer paid: 8 × 0.25 = 2 handymen × 15,000 × (1 - 0.2) × (1 - 0.2) = 19,200 in
# year 1 and 19,200 × (1 - 0.25) = 14,400 in year 2 (drop-off 25%).
WELFARE = 19_200 / R + 14_400 / R**2
# Repairs: 400 jobs × 60 × (1 - 0.2) × (1 - 0.25), the displacement's midpoint.
REPAIRS = 400 * 60 * 0.8 * 0.75 / R


def test_the_welfare_saving_is_the_municipalitys():
    assert pytest.approx((88_019.56, 32_550.74, 14_083.13), abs=0.01) == (CARE, WELFARE, REPAIRS)
    model = ic.load(DATA / "handyman.yaml")
    (welfare,) = [o for o in model.outcomes if o["id"] == "handymen_work"]
    assert welfare["stakeholder"] == "municipality"
    assert {s.id for s in model.stakeholders} >= {"municipality", "handymen"}  # the ids booked exist
    res = ic.value(model)
    by = dict(zip(res.by_stakeholder["stakeholder"], res.by_stakeholder["present_value"]))
    assert by == pytest.approx({"municipality": CARE + WELFARE, "residents": REPAIRS}, rel=1e-12)
    assert res.present_value == pytest.approx(CARE + WELFARE + REPAIRS, rel=1e-12)  # the total is unchanged


def test_the_ledger_shows_the_municipality_gaining_the_saving_and_the_handymen_no_money():
    # The municipality pays 50,000 and gains 88,019.56 + 32,550.74 = 120,570.30: net 70,570.30.
    rep = build_report([DATA / "handyman.yaml"], draws=200, seed=1)
    ledger = {x["id"]: x for x in rep.sections[0].value["ledger"]}
    assert ledger["municipality"]["pays"] == 50_000
    assert ledger["municipality"]["gains"] == pytest.approx(CARE + WELFARE, rel=1e-12)
    assert ledger["municipality"]["net"] == pytest.approx(CARE + WELFARE - 50_000, rel=1e-12)
    assert ledger["handymen"]["gains"] == 0 and ledger["handymen"]["pays"] == 0
    md = rep.to_markdown()
    assert "| Municipality | €50,000 | €120,570 | €70,570 |" in md
    assert "| Handymen (former welfare recipients) | €0 | €0 | €0 | n/a | n/a |" in md
    assert "- Municipality: €120,570" in md  # who receives the value
