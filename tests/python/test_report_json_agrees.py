"""The report's JSON says what its text says: a payback that never comes has no months in any of
its blocks, and its interval's percentages are written as the report writes them (95%)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from impactchain.report import build_report

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"


def test_a_payback_that_never_comes_has_no_months_anywhere_in_the_json(tmp_path):
    # €10,000 invested, €1,000 a year for two years, nothing deducted, no discounting: the effects
    # bring back 2,000 in all, less than the investment, so never paid back. The SROI guide's
    # simple form would say 10,000 / (1,000 / 12) = 120 months.
    p = tmp_path / "m.yaml"
    p.write_text(
        "impactchain: 1\nname: Slow\ncurrency: EUR\nprice_year: 2024\nperiod: {start: 2024, end: 2024}\n"
        "discount: {rate: 0}\nstakeholders: [{id: city, name: City}]\n"
        "chain:\n  nodes: [{id: v, level: activity, quantity: 1}]\n"
        "investments: [{funder: city, amount: 10000}]\n"
        "outcomes:\n  - {id: o, quantity: 1, stakeholder: city, deadweight: 0, displacement: 0, attribution: 0,\n"
        "     leakage: 0, drop_off: 0, duration: 2, proxy: {value: {uniform: [900, 1100]}, currency: EUR, source: s}}\n",
        encoding="utf-8",
    )
    rep = build_report([p], draws=200, seed=1)
    assert rep.sections[0].value["payback_months"] == pytest.approx(120.0)  # the simple form, kept for the words
    d = json.loads(rep.to_json())
    summary, value = d["summary"][0], d["models"][0]["value"]
    assert summary["payback_reached"] is False and value["payback_reached"] is False
    assert summary["payback_months"] is None and value["payback_months"] is None
    assert value["payback_effects"] == pytest.approx(2_000.0)
    assert "| Payback (months) | never (see below) |" in rep.to_markdown()


def test_the_json_interval_is_written_as_the_report_writes_percentages():
    d = json.loads(build_report([DATA / "minimal.yaml"], draws=200, seed=1).to_json())
    assert d["settings"]["interval"] == "95% interval (the central 95% of the simulations: 2.5th to 97.5th percentile)"
    assert " %" not in d["settings"]["interval"]
