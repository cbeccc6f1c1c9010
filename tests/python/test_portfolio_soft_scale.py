"""A portfolio's soft outcomes carry the scale their change is on: 0.64 on the 0–10 life
satisfaction scale is not 2.86 on SWEMWBS's 7–35. A member's soft summary keeps the scale (the
indicator's, else its entry's ``scale``'s score range), ``soft_trend`` carries it, and the report's
table of mean changes gives each row its unit ("points on 0–10", "punten op 0–10"). Golden numbers
by hand from the model files and survey rows written here."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest

import impactchain as ic
from impactchain._portfolio_member import _soft
from impactchain._portfolio_trends import soft_trend_table
from impactchain._report_portfolio import portfolio_report
from impactchain.portfolio import evaluate_portfolio
from portfolio_files import three_with_actuals

# One outcome of 10 units x 100 (triangular 80-100-130) for two years over 1,000; three soft
# outcomes of the same kind of survey: "ls" measures the indicator of the 0–10 scale, "wb" is on
# the built-in SWEMWBS (7 items of 1 to 5: totals 7 to 35), "raw" names no scale at all.
_MODEL = """impactchain: 1
name: m
organisation: m
period: 2024
currency: EUR
price_year: 2024
stakeholders: [city]
discount: {rate: 0}
indicators:
  - {id: ls, name: life satisfaction, unit: points, kind: soft, scale: [0, 10]}
chain:
  nodes: [{id: a, level: activity, quantity: 5, unit: people}]
investments: [{funder: city, amount: 1000}]
outcomes:
  - {id: o, quantity: 10, stakeholder: city, duration: 2,
     proxy: {value: {triangular: [80, 100, 130]}, currency: EUR, source: s}}
soft_outcomes:
  - {id: ls, indicator: ls, data: ls.csv, pre: pre, post: post}
  - {id: wb, scale: swemwbs, data: wb.csv, pre: pre, post: post}
  - {id: raw, data: ls.csv, pre: pre, post: post}
"""
# Changes 1, 2, 0, 2: mean 1.25 (points on 0–10); 3, 2, -1, 4: mean 2.0 (points on 7–35).
_LS = "pre,post\n4,5\n5,7\n6,6\n3,5\n"
_WB = "pre,post\n20,23\n18,20\n25,24\n21,25\n"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("soft")
    (d / "m.yaml").write_text(_MODEL, encoding="utf-8")
    (d / "ls.csv").write_text(_LS, encoding="utf-8")
    (d / "wb.csv").write_text(_WB, encoding="utf-8")
    (d / "p.yaml").write_text(
        "name: t\ncurrency: EUR\nprice_year: 2024\nmembers:\n"
        "  - {organisation: A, period: 2024, model: m.yaml}\n  - {organisation: A, period: 2025, model: m.yaml}\n",
        encoding="utf-8",
    )
    return d


def test_a_members_soft_summary_keeps_the_scale_of_its_change(folder):
    rows = {r["soft_outcome"]: r for r in _soft(ic.load(folder / "m.yaml"))}
    assert rows["ls"]["mean_change"] == pytest.approx(1.25, rel=1e-12)
    assert (rows["ls"]["scale_low"], rows["ls"]["scale_high"]) == (0.0, 10.0)  # its indicator's scale
    assert rows["wb"]["mean_change"] == pytest.approx(2.0, rel=1e-12)
    assert (rows["wb"]["scale_low"], rows["wb"]["scale_high"]) == (7.0, 35.0)  # SWEMWBS: 7 x 1 to 7 x 5
    assert math.isnan(rows["raw"]["scale_low"]) and math.isnan(rows["raw"]["scale_high"])  # none given


def _members(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["member", "organisation", "period"])


def _soft_rows(*rows: tuple) -> pd.DataFrame:
    cols = ["member", "basis", "soft_outcome", "n", "mean_change", "lower", "upper", "scale_low", "scale_high"]
    return pd.DataFrame(rows, columns=cols)


def test_the_trend_carries_the_scale_its_periods_share():
    members = _members(("A/1", "A", "2024"), ("A/2", "A", "2025"), ("B/1", "B", "2024"), ("B/2", "B", "2025"))
    soft = _soft_rows(
        ("A/1", "forecast", "wb", 4, 2.0, 1.0, 3.0, 7.0, 35.0),
        ("A/2", "forecast", "wb", 4, 3.0, 2.0, 4.0, 7.0, 35.0),
        # B's second period measured on another scale: its changes are not alike, no one scale.
        ("B/1", "forecast", "wb", 4, 0.5, 0.1, 0.9, 0.0, 10.0),
        ("B/2", "forecast", "wb", 4, 2.0, 1.0, 3.0, 7.0, 35.0),
    )
    t = soft_trend_table(members, soft).set_index("organisation")
    assert list(t.columns[-2:]) == ["scale_low", "scale_high"]
    assert (t.loc["A", "scale_low"], t.loc["A", "scale_high"]) == (7.0, 35.0)
    assert t.loc["A", "slope_per_period"] == pytest.approx(1.0, rel=1e-12)  # 2.0 to 3.0 in one year
    assert np.isnan(t.loc["B", "scale_low"]) and np.isnan(t.loc["B", "scale_high"])


def test_a_trend_of_a_result_that_kept_no_scale_says_none():
    members = _members(("A/1", "A", "2024"), ("A/2", "A", "2025"))
    soft = _soft_rows(
        ("A/1", "forecast", "x", 4, 2.0, 1.0, 3.0, 0, 10), ("A/2", "forecast", "x", 4, 3.0, 2.0, 4.0, 0, 10)
    )
    t = soft_trend_table(members, soft.drop(columns=["scale_low", "scale_high"]))
    assert t["scale_low"].isna().all() and t["scale_high"].isna().all()
    assert list(soft_trend_table(members, soft.iloc[:0]).columns[-2:]) == ["scale_low", "scale_high"]


@pytest.fixture(scope="module")
def three(tmp_path_factory):
    return evaluate_portfolio(three_with_actuals(tmp_path_factory.mktemp("pf")), draws=100, seed=3, threads=1)


@pytest.mark.parametrize(
    ("lang", "head", "units"),
    [
        ("en", "Unit", ["points on 0–10", "points on 7–35", "points (scale not given)"]),
        ("nl", "Eenheid", ["punten op 0–10", "punten op 7–35", "punten (schaal niet opgegeven)"]),
    ],
)
def test_the_reports_mean_changes_each_say_their_scale(three, lang, head, units):
    soft = _soft_rows(
        ("A/2024", "forecast", "ls", 4, 0.64, 0.29, 0.98, 0.0, 10.0),
        ("B/2024", "forecast", "wb", 4, 2.86, 2.0, 3.61, 7.0, 35.0),
        ("C/2024", "forecast", "raw", 4, 1.25, 0.25, 2.0, np.nan, np.nan),
    )
    md = portfolio_report(dataclasses.replace(three, soft=soft), "md", lang)
    rows = [
        line.strip("|").split(" | ")
        for line in md.splitlines()
        if line.startswith(("| A/2024 | ls", "| B/2024 | wb", "| C/2024 | raw"))
    ]
    assert [r[-1].strip() for r in rows] == units
    header = next(line for line in md.splitlines() if line.startswith("| ") and head in line)
    assert header.strip("| ").split(" | ")[-1] == head
    # Only the unit is new: the change and its interval are as they were.
    assert rows[1][3:5] == ({"en": ["2.86", "2.00 – 3.61"], "nl": ["2,86", "2,00 – 3,61"]}[lang])


def test_a_result_without_the_scale_shows_no_unit_column(three):
    soft = _soft_rows(("A/2024", "forecast", "ls", 4, 0.64, 0.29, 0.98, 0.0, 10.0)).drop(
        columns=["scale_low", "scale_high"]
    )
    md = portfolio_report(dataclasses.replace(three, soft=soft), "md", "en")
    assert "| A/2024 | ls | forecast | 0.64 | 0.29 – 0.98 |\n" in md and "| Unit |" not in md


def test_an_evaluated_portfolio_keeps_the_scale_through_to_its_report(folder):
    res = evaluate_portfolio(folder / "p.yaml", draws=100, seed=1, threads=1)
    s = res.soft.set_index(["member", "soft_outcome"])
    assert (s.loc[("A/2024", "ls"), "scale_low"], s.loc[("A/2024", "ls"), "scale_high"]) == (0.0, 10.0)
    assert (s.loc[("A/2025", "wb"), "scale_low"], s.loc[("A/2025", "wb"), "scale_high"]) == (7.0, 35.0)
    t = res.soft_trend.set_index("soft_outcome")
    assert (t.loc["wb", "scale_low"], t.loc["wb", "scale_high"]) == (7.0, 35.0)
    assert "| A/2024 | wb | prognose | 2,00 | " in portfolio_report(res, "md", "nl")
    assert "punten op 7–35" in portfolio_report(res, "md", "nl")


def test_a_result_of_version_6_reads_back_without_a_scale(folder):
    res = evaluate_portfolio(folder / "p.yaml", draws=100, seed=1, threads=1)
    state = res.__getstate__()
    assert state["version"] == 8
    old = {
        **state,
        "version": 6,
        "soft": state["soft"].drop(columns=["scale_low", "scale_high"]),
        "soft_trend": state["soft_trend"].drop(columns=["scale_low", "scale_high"]),
    }
    back = type(res).__new__(type(res))
    back.__setstate__(old)
    for table in ("soft", "soft_trend"):
        assert list(getattr(back, table).columns) == list(getattr(res, table).columns)
        assert getattr(back, table)[["scale_low", "scale_high"]].isna().all().all()
    assert len(back.soft) == len(res.soft) > 0
