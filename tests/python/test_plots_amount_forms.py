"""One form of money per chart: a chart writes all its amounts (labels and ticks) in CLDR's short
form when the largest amount it draws is 10,000 or more, else all in whole units, in Dutch and in
English alike; never "€ 316K" beside "€ -6.056". A tick in the short form has the decimals it
needs ("€ 2,5K", not a rounded "€ 2K")."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from impactchain import plots
from impactchain._plots_style import money
from impactchain.report import build_report

NBSP = "\u00a0"
DATA = Path(__file__).resolve().parents[2] / "examples" / "data"
#: A whole amount of 1,000 or more written in full ("€ 6.056", "-€6,056"): a thousands separator.
FULL = re.compile(r"\d{1,3}[.,]\d{3}(?!\d)")
#: An amount in the short form: "K"/"k", "mln."/"m".
SHORT = re.compile(r"\d\s?(K|k|mln\.|m)$")


def _amounts(svg: str) -> list[str]:
    """The chart's texts that are amounts of money."""
    texts = (html.unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S))
    return [t for t in texts if "€" in t and len(t) < 20]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_waterfall_with_a_large_total_writes_every_amount_short(lang):
    # 316,000 gross, deductions 66,000 and 6,056, present value 243,944: the 6,056 is "6K" too.
    svg = plots.waterfall([("gross", 316_000), ("a", -66_000), ("b", -6_056), ("pv", 243_944)], lang=lang)
    amounts = _amounts(svg)
    labels = {
        "nl": [f"€{NBSP}316K", f"€{NBSP}-66K", f"€{NBSP}-6K", f"€{NBSP}244K"],
        "en": ["€316k", "-€66k", "-€6k", "€244k"],
    }
    assert all(x in amounts for x in labels[lang]), amounts
    assert [x for x in amounts if FULL.search(x)] == []  # no "€ -6.056" beside them


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_chart_whose_amounts_are_all_below_ten_thousand_writes_them_in_full(lang):
    # Its largest amount is 9,500; the axis runs past 10,000 (its tick there is in full too).
    svg = plots.waterfall([("gross", 9_500), ("a", -200), ("pv", 9_300)], lang=lang)
    amounts = _amounts(svg)
    full = {
        "nl": [f"€{NBSP}9.500", f"€{NBSP}-200", f"€{NBSP}9.300", f"€{NBSP}10.000"],
        "en": ["€9,500", "-€200", "€9,300", "€10,000"],
    }
    assert all(x in amounts for x in full[lang]), amounts
    assert [x for x in amounts if SHORT.search(x)] == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_bars_and_their_axis_share_one_form(lang):
    # 11,000 and 2,000: the 2,000 bar is "2K" as the axis's ticks are.
    amounts = _amounts(plots.funder_bars({"a": 11_000, "b": 2_000}, lang=lang))
    two = {"nl": f"€{NBSP}2K", "en": "€2k"}[lang]
    assert two in amounts and [x for x in amounts if FULL.search(x)] == [], amounts


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_short_tick_has_the_decimals_it_needs(lang):
    # Gains 0 to 10,000: ticks every 2,500.
    amounts = _amounts(plots.ledger_bars([("a", 0, 10_000, None)], lang=lang))
    ticks = {
        "nl": [f"€{NBSP}0", f"€{NBSP}2,5K", f"€{NBSP}5K", f"€{NBSP}7,5K", f"€{NBSP}10K"],
        "en": ["€0", "€2.5k", "€5k", "€7.5k", "€10k"],
    }
    assert amounts == ticks[lang]


def test_the_amount_helper_keeps_its_own_choice_unless_told():
    assert money(-4_800, "EUR", lang="nl") == f"€{NBSP}-4.800"  # below 10,000: whole, as before
    assert money(-4_800, "EUR", lang="nl", compact=True) == f"€{NBSP}-5K"
    assert money(316_000, "EUR", lang="nl", compact=False) == f"€{NBSP}316.000"
    assert money(6_056, "EUR", lang="en", plus=True, compact=True) == "+€6k"
    assert money(500, "EUR", lang="en", compact=True) == "€500"  # no shorter form


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_chart_of_the_report_mixes_short_and_full_amounts(lang):
    report = build_report([DATA / "market_cleaning.yaml", DATA / "traditional_provider.yaml"], draws=200, seed=1)
    page = report.in_language(lang).to_html()
    charts = re.findall(r"<svg.*?</svg>", page, flags=re.S)
    mixed = {}
    for svg in charts:
        amounts = _amounts(svg)
        if any(SHORT.search(x) for x in amounts) and any(FULL.search(x) for x in amounts):
            mixed[re.search(r"<title>(.*?)</title>", svg).group(1)] = amounts
    assert mixed == {}
    assert any(_amounts(svg) for svg in charts)  # the report has charts with amounts to check
