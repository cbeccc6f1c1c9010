"""A model in pounds is reported in pounds: the ratio said as money per £1 invested, the HM Treasury
Green Book rate it was discounted at (not the Dutch 2.25%), no "euro" anywhere in its words; and the
workbook lays money out as the text of its language does (English -€15,000, Dutch € -15.000)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest

from impactchain.report import build_report

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"

# The audit's model: 100 people, half of them (triangular 0.3, 0.5, 0.6: most likely 0.5) gain
# 0.2 points of life satisfaction for a year; a WELLBY at the default £13,000 (2019 prices).
GBP_MODEL = """impactchain: 1
name: WELLBY default test
period: {start: 2024, end: 2024}
currency: GBP
price_year: 2019
stakeholders:
  - {id: people, name: People}
  - {id: funder, name: Funder}
chain:
  nodes:
    - {id: act, name: Activity, level: activity, quantity: 100}
    - {id: out, name: Happier, level: outcome}
  edges:
    - {from: act, to: out, rate: {triangular: [0.3, 0.5, 0.6]}}
investments:
  - {funder: funder, amount: 100000}
outcomes:
  - id: wb
    name: Life satisfaction
    node: out
    stakeholder: people
    wellbeing: {life_satisfaction_change: 0.2}
    duration: 1
"""


@pytest.fixture(scope="module")
def pounds(tmp_path_factory):
    p = tmp_path_factory.mktemp("gbp") / "wb_gbp19.yaml"
    p.write_text(GBP_MODEL, encoding="utf-8")
    return build_report([p], draws=300, seed=1)


def _words(html: str) -> str:
    """The page's words: its text without the style sheet and the markup."""
    body = html.split("</style>", 1)[1]
    return re.sub(r"<[^>]+>", " ", body)


def test_a_model_in_pounds_says_pounds_and_the_green_book_rate(pounds):
    # 50 × 0.2 × £13,000 = £130,000 in year 1, discounted once at the Green Book's 3.5%:
    # 130,000 / 1.035 = £125,603.86; per £100,000 invested, £1.26.
    v = pounds.sections[0].value
    assert v["present_value"] == pytest.approx(130_000 / 1.035, rel=1e-12)
    md = pounds.to_markdown()
    assert "**£1.26** of social value per £1 invested (central assumptions)" in md
    assert "- Estimated return: £1.26 of social value for every £1 invested (£125,604 in all)" in md
    assert "| Social value per £1 invested (SROI ratio) | 1.26 |" in md
    assert "Social value per £1 invested (SROI ratio): the present value of the social outcomes" in md
    assert "the social value for each £1 put in" in md  # the glossary's SROI ratio
    assert (
        "the model states no discount rate, so the outcomes are discounted at the default for a model in pounds: the "
        "HM Treasury Green Book (2022) rates, 3.5% in years 0–30, 3% in years 31–75"
    ) in md
    assert "This report discounts at the HM Treasury Green Book (2022) rates, 3.5% in years 0–30" in md
    html = pounds.to_html()
    assert "Social value per £1 invested (SROI ratio)" in html  # the histogram's axis
    for text in (md, _words(html)):
        assert "euro" not in text.lower() and "€" not in text
        assert "2.25%" not in text


def test_a_model_in_pounds_says_pounds_in_dutch_too(pounds):
    nl = pounds.in_language("nl").to_markdown()
    assert "**£\u00a01,26** maatschappelijke waarde per £\u00a01 investering (centrale aannames)" in nl
    assert "de standaard voor een model in ponden: de voeten van het Britse Green Book van HM Treasury (2022)" in nl
    assert "euro" not in nl.lower() and "€" not in nl and "2,25%" not in nl


def test_a_model_in_euros_says_euros_per_euro_invested():
    md = build_report([DATA / "handyman.yaml"], draws=200, seed=1).to_markdown()
    assert "**€1.58** of social value per €1 invested (central assumptions)" in md
    assert "euro of social value" not in md and "per euro" not in md


def _money_formats(book: openpyxl.Workbook) -> set[str]:
    return {c.number_format for ws in book for row in ws.iter_rows() for c in row if "#,##0" in c.number_format}


@pytest.mark.parametrize(
    ("lang", "layout"),
    [
        ("en", '"€"#,##0;-"€"#,##0'),  # €134,653 and -€15,000, as the English text writes money
        ("nl", '"€" #,##0;"€" -#,##0'),  # € 134.653 and € -15.000, as the Dutch text does
    ],
)
def test_the_workbook_lays_money_out_as_its_languages_text(lang, layout):
    rep = build_report([DATA / "handyman.yaml"], draws=200, seed=1, lang=lang)
    book = openpyxl.load_workbook(io.BytesIO(rep.to_xlsx()))
    money = {f for f in _money_formats(book) if "€" in f}
    assert money == {layout}
    # The foundation's net of -15,000 is a number the format shows with its sign where the text has it.
    text = rep.to_markdown()
    assert {"en": "-€15,000", "nl": "€\u00a0-15.000"}[lang] in text


def test_the_english_workbook_of_a_model_in_pounds_writes_pounds(pounds):
    book = openpyxl.load_workbook(io.BytesIO(pounds.to_xlsx()))
    # Every format with a currency sign is the pound's (a unit such as " years" carries none).
    assert {f for f in _money_formats(book) if any(sign in f for sign in "£€$")} == {'"£"#,##0;-"£"#,##0'}


def test_models_in_two_currencies_each_say_their_own_and_the_report_says_money(pounds, tmp_path):
    p = tmp_path / "wb_gbp19.yaml"
    p.write_text(GBP_MODEL, encoding="utf-8")
    md = build_report([DATA / "handyman.yaml", p], draws=200, seed=1).to_markdown()
    assert "**€1.58** of social value per €1 invested" in md and "**£1.26** of social value per £1 invested" in md
    assert "Social value per unit of money invested (SROI ratio): the present value" in md
    assert "the social value for each unit of money put in" in md
