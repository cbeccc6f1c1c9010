"""The report says which discounting it used where it explains the present value: the rate and
where it comes from (the model's own, or the default for its currency), the first-year convention
and that the investment is not discounted; the glossary gives that rate, not a fixed 2.25%; a rate
the model states is no default; and the valuation's method notes read in plain words, without the
option names of the API (``discount_first_year = true``, ``(1-DW)(1-DS)(1-AT)``, ``drop_off``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from impactchain.report import build_report

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"


def _model(tmp_path: Path, discount: str = "", period: str = "2024", investments: str = "") -> Path:
    """10 visits × €1,000, nothing deducted, one year; €5,000 invested by the city."""
    p = tmp_path / "m.yaml"
    p.write_text(
        "impactchain: 1\nname: Visits\ncurrency: EUR\nprice_year: 2024\n"
        f"period: {{start: {period.split('-')[0]}, end: {period.split('-')[-1]}}}\n"
        + (f"discount: {discount}\n" if discount else "")
        + "stakeholders: [{id: city, name: City}]\n"
        "chain:\n  nodes: [{id: v, name: Visits, level: activity, quantity: 10}]\n"
        + (investments or "investments: [{funder: city, amount: 5000}]\n")
        + "outcomes:\n  - {id: o, name: Visited, quantity: 10, stakeholder: city, deadweight: 0, displacement: 0,\n"
        "     attribution: 0, drop_off: 0, leakage: 0, duration: 1,\n"
        "     proxy: {value: {triangular: [900, 1000, 1100]}, currency: EUR, price_year: 2024, source: s}}\n",
        encoding="utf-8",
    )
    return p


def _part(md: str, start: str, end: str) -> str:
    return md.split(start)[1].split(end)[0]


def test_a_rate_the_model_states_is_said_with_the_present_value_and_in_the_glossary_not_as_a_default(tmp_path):
    # discount: {rate: 0.04}: 10 × 1,000 = 10,000 in year 1, discounted once: 10,000 / 1.04 = 9,615.38.
    rep = build_report([_model(tmp_path, "{rate: 0.04}")], draws=200, seed=1)
    assert rep.sections[0].value["present_value"] == pytest.approx(10_000 / 1.04, rel=1e-12)
    md = rep.to_markdown()
    value = _part(md, "### Social value", "### Uncertainty")
    assert "| Present value of outcomes | €9,615 |" in value
    assert (
        "Discounting: as the model states, the outcomes are discounted at 4% a year; a value in the first year is "
        "discounted once, as if it came at the end of that year. The investment is not discounted: its present "
        "value is the sum of the amounts, whatever the year they are paid in."
    ) in value
    methods = _part(md, "## Methods and assumptions", "#### The central value")
    assert "discounted to a present value at 4% a year; a value in the first year is discounted once" in methods
    defaults = _part(md, "### Defaults used", "### Glossary")
    assert "discount rate" not in defaults and "constant 4%" not in defaults  # the model stated it
    glossary = md.split("### Glossary")[1]
    assert "This report discounts at 4% a year." in glossary
    assert "2.25%" not in md and "2,25%" not in md
    nl = rep.in_language("nl").to_markdown()
    assert "Disconteren: zoals het model opgeeft, worden de effecten gedisconteerd tegen 4% per jaar;" in nl
    assert "Dit rapport disconteert tegen 4% per jaar." in nl and "2,25%" not in nl
    # The JSON says the same, and the defaults no longer count it.
    d = json.loads(rep.to_json())["models"][0]
    assert d["value"]["discount"] == {
        "schedule": "constant 4%",
        "stated": True,
        "default": None,
        "first_year_discounted": True,
        "investments_discounted": False,
    }
    assert not any(x.startswith("discount:") for x in d["defaults"])


def test_a_schedule_the_model_names_is_spelled_out():
    # handyman.yaml: discount: {schedule: nl_2021}, the Dutch 2.25%; no "nl_2021" left for a reader.
    rep = build_report([DATA / "handyman.yaml"], draws=200, seed=1)
    md = rep.to_markdown()
    assert (
        "Discounting: as the model states, the outcomes are discounted at 2.25% a year, the Dutch rate for social "
        "cost-benefit analysis (MKBA) since 2021;"
    ) in md
    assert (
        "This report discounts at 2.25% a year, the Dutch rate for social cost-benefit analysis (MKBA) since 2021."
        in md
    )
    assert "nl_2021" not in md and "nl\\_2021" not in md
    assert "Handyman service: discount rate" not in md  # not listed as a default: the model states it
    nl = rep.in_language("nl").to_markdown()
    assert "gedisconteerd tegen 2,25% per jaar, de discontovoet voor de Nederlandse maatschappelijke kosten-baten" in nl
    assert "nl\\_2021" not in nl


def test_the_default_rate_is_said_as_a_default_for_the_models_currency(tmp_path):
    # No discount section in a EUR model: the Dutch 2.25%, 10,000 / 1.0225 = 9,779.95.
    rep = build_report([_model(tmp_path)], draws=200, seed=1)
    assert rep.sections[0].value["present_value"] == pytest.approx(10_000 / 1.0225, rel=1e-12)
    md = rep.to_markdown()
    assert "| Present value of outcomes | €9,780 |" in md
    assert (
        "Discounting: the model states no discount rate, so the outcomes are discounted at the default for a model "
        "in euros: 2.25% a year, the Dutch rate for social cost-benefit analysis (MKBA) since 2021;"
    ) in md
    defaults = _part(md, "### Defaults used", "### Glossary")
    assert (
        "- Visits: discount rate: not given in the model, so the default for a model in euros: 2.25% a year, the Dutch "
        "rate for social cost-benefit analysis (MKBA) since 2021"
    ) in defaults
    nl = rep.in_language("nl").to_markdown()
    assert "discontovoet: niet opgegeven in het model, dus de standaard voor een model in euro's: 2,25% per jaar" in nl


def test_the_investment_is_said_to_be_not_discounted_where_its_present_value_is_shown(tmp_path):
    # 3,000 at the start and 2,000 in year 2 of a three-year period: the valuation adds them up
    # (5,000), where discounting at 2.25% would give 3,000 + 2,000 / 1.0225^2 = 4,912.93.
    invest = "investments: [{funder: city, amount: 3000}, {funder: city, amount: 2000, year: 2}]\n"
    rep = build_report([_model(tmp_path, period="2024-2026", investments=invest)], draws=200, seed=1)
    assert rep.sections[0].value["investment_pv"] == 5_000
    md = rep.to_markdown()
    assert "- What was put in: €5,000 (the amounts added up; the investment is not discounted)." in md
    assert "| Present value of investment (sum of the amounts, not discounted) | €5,000 |" in md
    nl = rep.in_language("nl").to_markdown()
    assert "- Wat erin is gestoken: €\u00a05.000 (de bedragen opgeteld; de investering wordt niet gedisconteerd)." in nl
    assert "| Contante waarde van de investering (som van de bedragen, niet gedisconteerd) | €\u00a05.000 |" in nl


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_valuations_method_notes_read_without_option_names(lang):
    # minimal.yaml takes the default discount and leaves drop-off and leakage out.
    rep = build_report([DATA / "minimal.yaml", DATA / "handyman.yaml"], draws=200, seed=1, lang=lang)
    md = rep.to_markdown()
    defaults = md.split({"en": "### Defaults used", "nl": "### Gebruikte standaardwaarden"}[lang])[1]
    for internal in (
        "discount\\_first\\_year",
        "discount\\_investments",
        "PV(investment)",
        "1-DW",
        "drop\\_off",
        "nl\\_2021",
    ):
        assert internal not in defaults, internal
    if lang == "en":
        assert "adjustments: multiplied, (1 − deadweight)(1 − displacement)(1 − attribution)" in defaults
        assert (
            "discounting: a value in the first year is discounted once, as if it came at the end of that year"
            in defaults
        )
        assert "investments: not discounted; the present value of the investment is the sum of the amounts" in defaults
        assert "outcome 'Residential care delayed': drop-off not given, taken as 0" in defaults
        assert "| Leakage | The share of an outcome that reaches people outside the group the initiative is for;" in md
    else:
        assert "correcties: vermenigvuldigd, (1 − deadweight)(1 − verdringing)(1 − toerekening)" in defaults
        assert "disconteren: een waarde in het eerste jaar wordt één keer gedisconteerd" in defaults
        assert "| Weglek | Het deel van een effect dat terechtkomt bij mensen buiten de groep" in md
    # The JSON keeps the API's text, with its codes' option names, for a program that reads it.
    assert any("discount_first_year = true" in x for x in json.loads(rep.to_json())["defaults"])


def test_models_with_different_rates_are_each_named_with_their_own(tmp_path):
    rep = build_report([DATA / "handyman.yaml", _model(tmp_path, "{rate: 0.04}")], draws=200, seed=1)
    own = (
        "each model's own rate (Handyman service: 2.25% a year, the Dutch rate for social cost-benefit analysis "
        "(MKBA) since 2021; Visits: 4% a year)"
    )
    md = rep.to_markdown()
    assert f"discounted to a present value at {own};" in md  # the methods
    assert f"This report discounts at {own}." in md  # the glossary
