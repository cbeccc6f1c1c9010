"""The report's plain-language sentences, case by case: payback within the activity
period, after it and never; switching values with the ratio above 1 and already below
1; effect sizes in words by Cohen's (1988) thresholds; the summary's headline is the
central value, the simulations' median and mean only in the methods section."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from impactchain._i18n import words
from impactchain._report_plain import effect_size_words, payback_words, switching_words
from impactchain._value_payback import effect_years, payback_months_by_year, undiscounted_effects
from impactchain.report import build_report
from small_models import BUURTKAMER_HEAD

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"


def _section(values_by_year: list[float], investment: float, payback_months: float | None, period=(2024, 2024)):
    """A model section as the report holds it: undiscounted values after adjustments per year."""
    yearly = pd.DataFrame(
        {"outcome": "o", "year": list(range(1, len(values_by_year) + 1)), "after_drop_off": values_by_year}
    )
    info = {"currency": "EUR", "period": None if period is None else {"start": period[0], "end": period[1]}}
    # Paid back at all when the effects of every year together reach the investment (docs/value.md).
    reached = None if payback_months is None else sum(values_by_year) >= investment
    value = {"payback_months": payback_months, "payback_reached": reached, "investment": investment, "yearly": yearly}
    # ... and, as _report_results gives them, what the rule weighed and the years with effects.
    value.update(payback_effects=undiscounted_effects(yearly["after_drop_off"]), effect_years=effect_years(yearly))
    value["payback_months_by_year"] = payback_months_by_year(yearly, investment) if reached else None
    return SimpleNamespace(value=value, info=info)


def _say(sec, lang="en") -> str:
    key, values = payback_words(sec, words(lang))
    return words(lang)(key, **dict(values))


def test_payback_within_the_period():
    # 12,000 in the first year against 8,000: 8,000 / (12,000 / 12) = 8 months, inside a 12-month period;
    # year by year the same 8 months (12 × 8,000 / 12,000), so no second month is given.
    text = _say(_section([12000], 8000, 8.0))
    assert text == (
        "From the central assumptions, at the first year's pace, the investment would be paid back after about 8 months, "
        "within the activity period of 12 months."
    )


def test_payback_after_the_period():
    # 6,000 a year for three years against 8,000: 16 months at the first year's pace, after the
    # one-year activity period, and 18,000 in all is more than the 8,000 put in. Year by year:
    # 6,000 in year 1, the missing 2,000 in year 2 at 12 + 12 × 2,000 / 6,000 = 16 months, the same.
    text = _say(_section([6000, 6000, 6000], 8000, 16.0))
    assert text == (
        "From the central assumptions, at the first year's pace, the investment would be paid back after about 16 "
        "months, after the activity period of 12 months has ended."
    )
    nl = _say(_section([6000, 6000, 6000], 8000, 16.0), "nl")
    assert nl == (
        "Bij de centrale aannames, in het tempo van het eerste jaar, zou de investering na ongeveer 16 maanden zijn "
        "terugverdiend, nadat de activiteitsperiode van 12 maanden is afgelopen."
    )


def test_payback_never():
    # A one-year outcome of 9,000 against 12,000: the simple form says 16 months, but the effect
    # is gone after one year with 3,000 still missing, so it is never paid back.
    text = _say(_section([9000], 12000, 16.0))
    assert text == (
        "From the central assumptions the investment is not paid back: in the one year the effects last they bring "
        "back €9,000 "
        "(before discounting), less than the €12,000 invested."
    )
    assert "16" not in text
    nl = _say(_section([9000], 12000, 16.0), "nl")
    assert nl == (
        "Bij de centrale aannames wordt de investering niet terugverdiend: in het ene jaar dat de effecten duren, "
        "leveren ze "
        "€\u00a09.000 op (zonder disconteren), minder dan de geïnvesteerde €\u00a012.000."
    )
    # Two years, 5,000 and 4,000: 9,000 in all against 12,000, still never.
    assert _say(_section([5000, 4000], 12000, 16.0)).startswith(
        "From the central assumptions the investment is not paid back: over the 2 years the effects last they bring "
        "back €9,000"
    )
    assert _say(_section([5000, 4000], 12000, 16.0), "nl").startswith(
        "Bij de centrale aannames wordt de investering niet terugverdiend: over de 2 jaar dat de effecten duren"
    )


def test_payback_not_defined_and_without_period():
    assert _say(_section([0], 1000, None)).startswith("The payback period is not defined")
    assert _say(_section([12000], 8000, 8.0, period=None)) == (
        "From the central assumptions, at the first year's pace, the investment would be paid back after about 8 months."
    )


@pytest.mark.parametrize(
    "ratio, heading",
    [
        (1.4, "switching_values_fall"),
        (1.0, "switching_values_fall"),
        (0.73, "switching_values_rise"),
        (None, "switching_values"),
    ],
)
def test_switching_value_wording_follows_the_ratio(ratio, heading):
    assert switching_words(ratio)[0] == heading


def test_switching_values_below_one_in_a_report():
    # minimal.yaml: 30 coached x 25 % employed x 15,000 = 112,500 in one year, discounted once at
    # 2.25 %: 110,024 against 150,000 invested, a ratio of 0.73, already below 1.
    rep = build_report([DATA / "minimal.yaml"], draws=200, seed=2)
    assert rep.sections[0].value["sroi_ratio"] == pytest.approx(30 * 0.25 * 15000 / 1.0225 / 150000)
    md = rep.to_markdown()
    assert "#### Switching values (the ratio is already below 1: where it would rise to 1)" in md
    assert "would fall to 1" not in md
    nl = rep.in_language("nl").to_markdown()
    assert "#### Omslagwaarden (de ratio ligt al onder 1: waar hij tot 1 zou stijgen)" in nl
    # The chain's steps in words: the share passed on, marked as a range when it is uncertain.
    assert "- coaching → employed: 25% (range)\n" in md and "- coaching → employed: 25% (bandbreedte)\n" in nl


@pytest.mark.parametrize(
    "d, word",
    [
        (0.0, "negligible"),
        (0.19, "negligible"),
        (0.2, "small"),
        (-0.49, "small"),
        (0.5, "medium"),
        (0.79, "medium"),
        (0.8, "large"),
        (-1.3, "large"),
        (None, "n/a"),
    ],
)
def test_effect_size_words_by_cohen_1988(d, word):
    # Cohen (1988): 0.2 small, 0.5 medium, 0.8 large, on |d|; below 0.2 negligible. (A d_z is
    # worded by the d_av of the same respondents: tests/python/test_report_dz_by_dav.py.)
    out = effect_size_words({"effect_size": d, "effect_size_kind": "d"}, words("en"))
    assert out["size_word"] == word
    assert out["convention"].startswith("Cohen's d")


def test_effect_size_words_in_dutch():
    out = effect_size_words({"effect_size": 0.55, "effect_size_kind": "g"}, words("nl"))
    assert (out["size"], out["size_word"]) == ("0,55", "middelgroot")


def test_one_central_number_median_and_mean_only_in_the_methods():
    # A seed whose run has a median and a mean that differ from the central value at two decimals.
    rep = build_report([DATA / "minimal.yaml"], draws=400, seed=6)
    md = rep.to_markdown()
    r = rep.sections[0].simulation["sroi_ratio"]
    central = f"{rep.sections[0].value['sroi_ratio']:.2f}"
    median, mean = f"{r['p50']:.2f}", f"{r['mean']:.2f}"
    assert len({central, median, mean}) == 3, "the test needs three different numbers"
    summary, methods = md.split("## Methods and assumptions")
    summary = summary.split("\n## Market cleaning (minimal)")[0]
    assert f"**€{central}**" in summary and median not in summary and mean not in summary
    assert re.search(rf"\| Market cleaning \(minimal\) \| {central} \| {median} \| {mean} \| \d+% \|", methods)
    # The summary says how sure in words, at the report's level (95 %: 19 of 20).
    assert "How sure we are: in 19 of 20 simulations the ratio lies between" in summary


def _investments_only(tmp_path):
    """Buurtkamer: 50,000 invested by the city, no monetised outcome."""
    m = tmp_path / "soft_money.yaml"
    m.write_text(
        BUURTKAMER_HEAD + "chain:\n  nodes: [{id: a, level: activity, quantity: 5}]\n"
        "investments: [{funder: city, amount: 50000}]\n",
        encoding="utf-8",
    )
    return m


def test_a_model_that_values_no_outcome_in_money_shows_no_ratio_but_says_why(tmp_path):
    # 50,000 invested, no monetised outcome (its outcomes are soft, or not valued): the formula's
    # ratio is 0 / 50,000 = 0, which would read as "nothing came back"; the summary shows what was
    # put in and says that nothing is valued in money, in both languages, and the model's warnings
    # say it too. The valuation itself still gives the formula's numbers.
    m = _investments_only(tmp_path)
    rep = build_report([m], draws=100, seed=1)
    assert rep.sections[0].value["sroi_ratio"] == 0 and rep.sections[0].value["present_value"] == 0
    summary = rep.to_markdown().split("\n## Buurtkamer")[0]
    assert "of social value per €1 invested (central assumptions)" not in summary
    assert "- What was put in: €50,000 (the amounts added up; the investment is not discounted)." in summary
    assert "- Estimated return: nothing is valued in money, as no outcome of this model is;" in summary
    assert "How sure we are" not in summary and "Not valued in money: nothing" not in summary
    assert "no monetised outcomes: no outcome is valued in money" in rep.to_markdown()
    # What is missing for that reason says so (not "the valuation gave no value by stakeholder").
    assert (
        "Buurtkamer: the value by stakeholder could not be computed (no outcome of the model is valued in money)"
        in (summary)
    )
    nl = rep.in_language("nl").to_markdown().split("\n## Buurtkamer")[0]
    assert "- Geschatte opbrengst: niets in geld uitgedrukt, want geen enkel effect van dit model is dat;" in nl
    # Beside a model with a ratio, the summary's chart of ratios (which would show it at 0) is left out.
    both = build_report([m, DATA / "minimal.yaml"], draws=100, seed=1)
    assert "ratios" not in both.summary_charts
    assert "ratios" in build_report([DATA / "minimal.yaml", DATA / "handyman.yaml"], draws=100, seed=1).summary_charts


def test_the_section_of_a_model_that_values_no_outcome_in_money_shows_no_ratio_either(tmp_path):
    # The model's own section: 50,000 invested and nothing valued in money. Its ratio (0) and net
    # SROI (0 / 50,000 - 1 = -1) read "n/a" with the reason; no waterfall of steps from 0 to 0, no
    # empty table of proxies, no switching values (the ratio stays 0 whatever changes), no
    # interval "between 0.00 and 0.00" nor a histogram of ratios of 0, no warning that the city
    # "pays 50,000 and gains 0" (the model's own warning says nothing is valued), and "n/a" in
    # the methods' table of central values beside a model that has them.
    m = _investments_only(tmp_path)
    rep = build_report([m, DATA / "minimal.yaml"], draws=100, seed=1)
    md = rep.to_markdown()
    body, methods = (
        md.split("\n## Buurtkamer")[1].split("\n## Market cleaning (minimal)")[0],
        md.split("## Methods and assumptions")[1],
    )
    assert "| Social value per €1 invested (SROI ratio) | n/a |" in body and "| Net SROI | n/a |" in body
    assert "| Present value of investment (sum of the amounts, not discounted) | €50,000 |" in body
    assert "so an SROI ratio would say nothing of what it achieved, and none is shown" in body
    assert "Gross value" not in body and "Financial proxies" not in body and "Switching values" not in body
    assert "its ratio is 0 in each of the 100 simulations: there is no interval to show" in body
    assert "ratio lies between" not in body
    assert "pays €50,000 and gains €0" not in body
    assert "waterfall" not in rep.sections[0].charts and "ratio" not in rep.sections[0].charts
    assert "waterfall" in rep.sections[1].charts and "ratio" in rep.sections[1].charts
    assert "| Buurtkamer | n/a | n/a | n/a | n/a |" in methods
    nl = rep.in_language("nl").to_markdown().split("\n## Buurtkamer")[1]
    assert "| Maatschappelijke waarde per €\u00a01 investering (SROI-ratio) | n.v.t. |" in nl
    assert "dus de ratio is 0 in elk van de 100 simulaties: er is geen interval te tonen" in nl


def test_payback_gives_the_month_the_yearly_effects_reach_the_investment_when_it_differs():
    # The audit's market cleaning: 65,394 / 51,521 / 36,772 a year (after drop-off, undiscounted)
    # against 140,000. At the first year's pace 140,000 / (65,394 / 12) = 25.69 months; year by year
    # 65,394 + 51,521 = 116,915 after two years, the missing 23,085 of year 3's 36,772 at
    # 24 + 12 × 23,085 / 36,772 = 31.53 months.
    simple = 140000 / (65394 / 12)
    sec = _section([65394, 51521, 36772], 140000, simple)
    assert _say(sec) == (
        "From the central assumptions, at the first year's pace, the investment would be paid back after about 26 "
        "months, after the activity period of 12 months has ended; with each year's effects as the model gives "
        "them (after drop-off, before discounting), after about 32 months."
    )
    assert _say(sec, "nl") == (
        "Bij de centrale aannames, in het tempo van het eerste jaar, zou de investering na ongeveer 26 maanden zijn "
        "terugverdiend, nadat de activiteitsperiode van 12 maanden is afgelopen; met de effecten van elk jaar zoals "
        "het model ze geeft (na drop-off, zonder disconteren), na ongeveer 32 maanden."
    )
    # A three-year activity period (36 months) holds both.
    within = _say(_section([65394, 51521, 36772], 140000, simple, period=(2024, 2026)))
    assert within == (
        "From the central assumptions, at the first year's pace, the investment would be paid back after about 26 "
        "months, within the activity period of 36 months; with each year's effects as the model gives them (after "
        "drop-off, before discounting), after about 32 months."
    )
    assert _say(_section([65394, 51521, 36772], 140000, simple, period=None), "nl") == (
        "Bij de centrale aannames, in het tempo van het eerste jaar, zou de investering na ongeveer 26 maanden zijn "
        "terugverdiend; met de effecten van elk jaar zoals het model ze geeft (na drop-off, zonder disconteren), na "
        "ongeveer 32 maanden."
    )


def test_effect_size_kind_has_one_spelling():
    # The model file's "dz" is written as the formula's d_z, as its convention says ("paired d_z: ...").
    out = effect_size_words({"effect_size": 0.98, "effect_size_kind": "dz"}, words("nl"))
    assert out["kind"] == "d_z" and out["convention"].startswith("gepaarde d_z:")
    assert effect_size_words({"effect_size": 0.5, "effect_size_kind": "g"}, words("en"))["kind"] == "g"
    rep = build_report([DATA / "market_cleaning.yaml"], draws=200, seed=1, lang="nl").to_markdown()
    assert "Effectgrootte d\\_z = 0,98" in rep and "Effectgrootte dz" not in rep
