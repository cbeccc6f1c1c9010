"""The words of a model's "who pays, who gains" and switching values, read as a municipality reads
them: a party shown gaining € 0 whose effects the model measures as soft outcomes is pointed to
them; the tables' headers are capitalised as the report's other tables'; each switching value is
written in its assumption's unit (money, a percentage, years, hours, the node's unit).

The model below is small enough to check by hand: 10 households visited, half of them helped
(5), care saved 2,000 a year each for 2 years, deadweight 0.2, no discounting (rate 0): present
value 5 × 2,000 × 0.8 × 2 = 16,000; investment 4,000 in money plus 100 volunteer hours at 20 =
6,000; ratio 16,000 / 6,000."""

from __future__ import annotations

from pathlib import Path

import pytest

from impactchain._i18n import words
from impactchain._report_switching import _form_of
from impactchain.report import build_report

MODEL = """\
impactchain: 1
name: {nl: Buurtproef, en: Neighbourhood trial}
currency: EUR
price_year: 2024
discount: {rate: 0}
stakeholders:
  - {id: people, name: {nl: Bewoners, en: Residents}}
  - {id: city, name: {nl: Gemeente, en: City}}
  - {id: shops, name: {nl: Winkeliers, en: Shopkeepers}}
indicators:
  - {id: ls, unit: {nl: punten, en: points}, kind: soft, scale: [0, 10]}
chain:
  nodes:
    - {id: visits, level: activity, quantity: 10, unit: {nl: huishoudens, en: households}}
    - {id: helped, level: outcome}
  edges: [{from: visits, to: helped, rate: 0.5}]
outcomes:
  - id: saved
    name: {nl: Bespaarde zorg, en: Care saved}
    node: helped
    stakeholder: city
    proxy: {value: {triangular: [1000, 2000, 3000]}, currency: EUR, source: hand}
    deadweight: {uniform: [0.1, 0.3]}
    duration: 2
investments:
  - {funder: city, amount: 4000}
  - {funder: shops, kind: volunteer_time, hours: 100, hourly_value: 20}
soft_outcomes:
  - {id: sat, name: {nl: Tevredenheid van bewoners, en: Residents' satisfaction}, indicator: ls, data: s.csv,
     pre: pre, post: post, stakeholder: people}
"""

SURVEY = "id,pre,post\n1,5,6\n2,6,7\n3,4,6\n4,5,5\n5,7,8\n6,5,7\n"


def _model(tmp_path: Path, text: str = MODEL) -> Path:
    (tmp_path / "s.csv").write_text(SURVEY, encoding="utf-8")
    path = tmp_path / "trial.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    report = build_report([_model(tmp_path_factory.mktemp("trial"))], draws=200, seed=1)
    return {"en": report.to_markdown(), "nl": report.in_language("nl").to_markdown()}


def test_the_model_is_the_one_checked_by_hand(tmp_path):
    import impactchain as ic

    v = ic.value(ic.load(_model(tmp_path)))
    assert v.present_value == pytest.approx(5 * 2000 * 0.8 * 2)
    assert v.investment_pv == pytest.approx(4000 + 100 * 20)


# --------------------------------------------------------------------------- who pays, who gains


def test_a_party_gaining_nothing_in_money_is_pointed_to_its_soft_outcomes(reports):
    nl, en = reports["nl"], reports["en"]
    assert "| Bewoners | €\u00a00 | €\u00a00 | €\u00a00 |" in nl  # the row the note explains
    assert (
        "*Bewoners: profiteert niet in geld; wat het initiatief voor deze partij verandert, staat bij de "
        "zachte effecten, in hun eigen eenheden: Tevredenheid van bewoners.*"
    ) in nl
    assert (
        "*Residents: gains nothing in money; what the initiative changes for this party is under the soft "
        "outcomes, in their own units: Residents' satisfaction.*"
    ) in en
    # The shopkeepers gain nothing in money either but have no soft outcome; the city gains money.
    assert "Winkeliers: profiteert niet in geld" not in nl and "Gemeente: profiteert niet in geld" not in nl
    assert "Shopkeepers: gains nothing" not in en and "City: gains nothing" not in en
    # The note stands under the table, before the chart's description.
    table, note = nl.index("| Bewoners | €\u00a00 |"), nl.index("*Bewoners: profiteert niet in geld")
    assert table < note < nl.index("Grafiek in het HTML-rapport: Wat elke partij betaalt")


def test_a_party_with_soft_outcomes_that_gains_money_gets_no_note(tmp_path):
    # A quarter of the saving goes to the residents: 16,000 / 4 = 4,000 in money, so no note.
    text = MODEL.replace("    stakeholder: city\n", "    beneficiaries: {city: 0.75, people: 0.25}\n")
    report = build_report([_model(tmp_path, text)], draws=100, seed=1)
    nl = report.in_language("nl").to_markdown()
    assert "| Bewoners | €\u00a00 | €\u00a04.000 | €\u00a04.000 |" in nl
    assert "profiteert niet in geld" not in nl
    assert "gains nothing in money" not in report.to_markdown()


def test_the_ledger_tables_headers_are_capitalised_as_the_other_tables(reports):
    assert "| Partij | Betaalt | Profiteert | Saldo | Saldo, interval | Kans saldo \\> 0 |" in reports["nl"]
    assert "| Party | Pays | Gains | Net | Net, interval | Chance net \\> 0 |" in reports["en"]
    # As the switching values' table and the report's others.
    assert "| Aanname | Waarde waarbij de ratio 1 is |" in reports["nl"]
    assert "| Assumption | Value at which the ratio is 1 |" in reports["en"]


# --------------------------------------------------------------------------- switching values

# Each assumption alone at the value where the present value is the investment, 6,000:
# households 10 → q × 0.5 × 2,000 × 0.8 × 2 = 6,000: q = 3.75; rate r × 10 × 2,000 × 0.8 × 2: r =
# 0.1875 (18.8 % at three significant digits, a half up); proxy p × 5 × 0.8 × 2: p = 750 (outside
# 1,000 – 3,000); deadweight 1 − d = 0.3: d = 0.7 (outside 0.1 – 0.3); displacement and attribution
# 0.8 × (1 − x) = 0.3: x = 0.625; duration 8,000 × t = 6,000: t = 0.75 years; the investment in
# money 16,000 − 2,000 = 14,000; hours (16,000 − 4,000) / 20 = 600; an hour's value 12,000 / 100 =
# 120; the discount rate 8,000 / (1 + r) + 8,000 / (1 + r)² = 6,000: 1 / (1 + r) = 0.5, r = 1.
SWITCHING = {
    "nl": [
        "| aantal bij visits | 3,75 huishoudens |",
        "| doorstroom visits → helped | 18,8% |",
        "| Bespaarde zorg: waarde van de proxy | €\u00a0750 (buiten de bandbreedte van het model: €\u00a01.000 – "
        "€\u00a03.000) |",
        "| Bespaarde zorg: deadweight | 70% (buiten de bandbreedte van het model: 10% – 30%) |",
        "| Bespaarde zorg: verdringing | 62,5% |",
        "| Bespaarde zorg: toerekening | 62,5% |",
        "| Bespaarde zorg: duur | 0,75 jaar |",
        "| investering van Gemeente (jaar 0) | €\u00a014.000 |",
        "| vrijwilligersuren van Winkeliers | 600 uur |",
        "| waarde van een vrijwilligersuur van Winkeliers | €\u00a0120 |",
        "| discontovoet | 100% |",
    ],
    "en": [
        "| quantity of visits | 3.75 households |",
        "| conversion rate visits → helped | 18.8% |",
        "| Care saved: proxy value | €750 (outside the model's range: €1,000 – €3,000) |",
        "| Care saved: deadweight | 70% (outside the model's range: 10% – 30%) |",
        "| Care saved: displacement | 62.5% |",
        "| Care saved: attribution | 62.5% |",
        "| Care saved: duration | 0.75 years |",
        "| investment of City (year 0) | €14,000 |",
        "| volunteer hours of Shopkeepers | 600 hours |",
        "| value of a volunteer hour of Shopkeepers | €120 |",
        "| discount rate | 100% |",
    ],
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_switching_values_are_written_in_their_units(reports, lang):
    md = reports[lang]
    missing = [row for row in SWITCHING[lang] if row not in md]
    assert missing == [], missing


def test_a_value_of_one_reads_in_the_singular_and_units_follow_the_language():
    en, nl = words("en"), words("nl")
    years, hours = "outcomes[o].duration", "investments[0].hours"
    assert _form_of(years, None, "EUR", en)(1.0) == "1 year" and _form_of(years, None, "EUR", en)(2.5) == "2.5 years"
    assert _form_of(years, None, "EUR", nl)(1.0) == "1 jaar" and _form_of(years, None, "EUR", nl)(2.5) == "2,5 jaar"
    assert _form_of(hours, None, "EUR", en)(1.0) == "1 hour" and _form_of(hours, None, "EUR", nl)(1234.0) == "1.234 uur"
    share = "chain.edges[a->b].rate"
    assert _form_of(share, None, "EUR", nl)(0.00123) == "0,123%" and _form_of(share, None, "EUR", en)(0.66) == "66%"
    money = "outcomes[o].proxy.value"
    assert _form_of(money, None, "GBP", en)(-7881.4) == "-£7,881" and _form_of(money, None, "EUR", nl)(-7881.4) == (
        "€\u00a0-7.881"
    )
    assert _form_of("outcomes[o].wellbeing.life_satisfaction_change", None, "EUR", nl)(0.25) == "0,25"  # points
