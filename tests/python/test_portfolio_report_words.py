"""The portfolio's report in words a fund manager reads: the actual's interval and chance beside
its ratio (what the composite index uses), defaults and conversions worded as the model report
words them (no code identifiers), counts with a thousands separator and the price factor to three
decimals with "×", in English and Dutch."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from impactchain._report_portfolio import portfolio_report
from impactchain.portfolio import evaluate_portfolio
from portfolio_files import model_text, three_with_actuals


@pytest.fixture(scope="module")
def res(tmp_path_factory):
    path = three_with_actuals(tmp_path_factory.mktemp("pf"))
    # No seed and no threads: both defaults, which the footing lists.
    return evaluate_portfolio(path, draws=2000)


def _row(md: str, member: str) -> list[str]:
    line = next(x for x in md.splitlines() if x.startswith(f"| {member} | "))
    return [c.strip() for c in line.strip("|").split(" | ")]


@pytest.mark.parametrize(
    ("lang", "heads", "na"),
    [
        ("en", ["Actual ratio", "Actual's interval", "Chance actual ratio \\> 1"], "n/a"),
        ("nl", ["Gerealiseerde ratio", "Interval van de realisatie", "Kans gerealiseerde ratio \\> 1"], "n.v.t."),
    ],
)
def test_the_actuals_interval_and_chance_stand_beside_its_ratio(res, lang, heads, na):
    md = portfolio_report(res, "md", lang)
    head = _row(md, {"en": "Member", "nl": "Project"}[lang])
    assert head[-3:] == heads
    # A's actual: 10 units x 40 x 2 years / 1,000 = 0.8 in every draw, as its actuals fix the
    # only uncertain assumption (the proxy): no interval and no chance to show, so both say that
    # no uncertainty was given; its forecast's chance is 100% (at least 10 x 80 x 2 / 1,000 = 1.6
    # in every draw).
    a = _row(md, "A/2024")
    ratio = {"en": "0.80", "nl": "0,80"}[lang]
    none = {"en": "n/a (no uncertainty given)", "nl": "n.v.t. (geen onzekerheid opgegeven)"}[lang]
    assert a[6] == "100%" and a[-3:] == [ratio, none, none]
    assert _row(md, "B/2024")[-3:] == [na, na, na]  # no actuals: nothing realised
    # The note says which chance the index uses.
    note = {
        "en": "The index below uses the actual's ratio, chance and present value",
        "nl": "De index hieronder gebruikt de ratio, de kans en de contante waarde van de realisatie",
    }[lang]
    assert note in md


def test_the_workbook_has_the_actuals_figures_as_numbers(res):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(portfolio_report(res, "xlsx", "nl")))
    rows = [list(r) for r in book[book.sheetnames[1]].iter_rows()]
    head = next(i for i, r in enumerate(rows) if r[0].value == "Project")
    labels = [c.value for c in rows[head]]
    a = rows[head + 1]
    assert a[0].value == "A/2024"
    # The ratios and the forecast's interval and chance are numbers; the actual's interval and
    # chance say that it has no uncertainty (its actuals fix every assumption), not 0.8 - 0.8 and 0%.
    assert a[labels.index("Gerealiseerde ratio")].value == pytest.approx(0.8)
    lower = labels.index("Interval: ondergrens")
    # The forecast's ratio 10 x proxy x 2 / 1,000 with the proxy triangular 80-100-130: between 1.6 and 2.6.
    assert a[lower].data_type == a[lower + 1].data_type == "n"
    assert 1.6 < a[lower].value < 2.0 < a[lower + 1].value < 2.6
    chance = a[labels.index("Kans ratio > 1")]
    assert chance.value == 1 and chance.data_type == "n" and chance.number_format == "0%"
    none = "n.v.t. (geen onzekerheid opgegeven)"
    assert a[labels.index("Interval van de realisatie: ondergrens")].value == none
    # The chance's cell says why too, as the interval's does (not a bare n.v.t.).
    assert a[labels.index("Kans gerealiseerde ratio > 1")].value == none


@pytest.mark.parametrize(
    ("lang", "said", "not_said"),
    [
        (
            "en",
            [
                "- random seed 2026 (default)\n",
                "- computed on all cores (default; the results do not depend on it)\n",
                # 103.3 / 100 = 1.033, to three decimals; "×", not the letter x
                "- A/2024, B/2024, C/2024: 2024 prices × 1.033 to 2025 prices (the portfolio's price index)\n",
                "Dirichlet weight uncertainty, 2,000 draws,",
            ],
            ["DEFAULTS", "price\\_index", " x 1.03", "2000"],
        ),
        (
            "nl",
            [
                "- startgetal 2026 voor het toeval (standaard)\n",
                "- gerekend op alle processorkernen (standaard; de uitkomsten hangen er niet van af)\n",
                "- A/2024, B/2024, C/2024: prijzen van 2024 × 1,033 naar prijzen van 2025 (de prijsindex van de portefeuille)\n",
                "variërende gewichten, 2.000 Dirichlet-trekkingen,",
            ],
            ["DEFAULTS", "price\\_index", " x 1,03", "2000"],
        ),
    ],
)
def test_the_footing_says_defaults_and_conversions_in_plain_words(res, lang, said, not_said):
    md = portfolio_report(res, "md", lang)
    for text in said:
        assert text in md
    for text in not_said:
        assert text not in md


def test_a_practice_notice_names_its_source_and_band_in_plain_dutch(res):
    # The members' models state no adjustment, as 87% of 383 reports do (the practice lint).
    nl = portfolio_report(res, "md", "nl")
    assert "zoals 87% van 383 SROI-rapporten (Muñoz-Mora, Measuring Without Accounting, 2026)" in nl
    assert "sroi-meta-analysis" not in nl


@pytest.fixture(scope="module")
def example():
    path = Path(__file__).resolve().parents[2] / "examples" / "data" / "portfolio" / "portfolio.yaml"
    return evaluate_portfolio(path, draws=200, seed=5)


def test_the_example_portfolio_names_no_code_in_dutch(example):
    nl = portfolio_report(example, "md", "nl")
    # The attribution of 60% in Klussendienst's actuals lies outside practice's middle 80% (10–53%, an en dash as every range).
    assert (
        "toerekening 60% ligt buiten wat de SROI-praktijk rapporteert (het middelste 80% van de rapporten: 10–53%" in nl
    )
    for code in ("p10-p90", "sroi-meta-analysis", "DEFAULTS", "price\\_index", " %"):
        assert code not in nl, code


def test_the_investments_the_actuals_replaced_are_on_the_portfolios_footing(example):
    # Klussendienst/2024: handyman.yaml at 2024 prices, the portfolio at 2025's (index 100 -> 103.3).
    # Forecast 50,000 + 15,000 + 20,000 = 85,000 -> 87,805; actual 50,000 + 15,000 + 23,400 =
    # 88,400 -> 91,317.2: what the ledger has the member's parties pay (all spent in year 0).
    led = example.ledger[example.ledger["member"] == "Klussendienst/2024"]
    assert led["pays"].sum() == pytest.approx(88_400 * 103.3 / 100, rel=1e-12)
    rows = example.replaced[example.replaced["path"] == "investments"]
    assert rows["forecast_factor"].tolist() == pytest.approx([103.3 / 100] * 3, rel=1e-12)
    assert rows["actual_factor"].tolist() == pytest.approx([103.3 / 100] * 3, rel=1e-12)
    en = portfolio_report(example, "md", "en")
    nl = portfolio_report(example, "md", "nl").replace("\u00a0", " ")
    assert "| Klussendienst/2024 | investments (their total) | €87,805 | €91,317 |" in en
    assert "| Klussendienst/2024 | investeringen (hun totaal) | € 87.805 | € 91.317 |" in nl
    assert "converted to the portfolio's currency and price year like every amount in this report" in en
    assert "omgerekend naar de valuta en het prijsjaar van de portefeuille" in nl


def test_the_actual_ratio_reads_n_a_when_no_member_has_actuals(tmp_path):
    # Before: an empty cell beside the actual's interval that said n/a.
    for name in "bc":
        (tmp_path / f"{name}.yaml").write_text(model_text(name=name, currency="EUR", year=2024), encoding="utf-8")
    res = evaluate_portfolio(tmp_path, draws=100, seed=1, threads=1)
    for lang, na in (("en", "n/a"), ("nl", "n.v.t.")):
        assert _row(portfolio_report(res, "md", lang), "b")[-3:] == [na, na, na]
        html = portfolio_report(res, "html", lang)
        assert html.count(na) >= 6  # three cells per member, two members


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_sheet_whose_title_is_too_long_takes_the_sections_short_name(res, lang):
    # Excel names a sheet in at most 31 characters: a section's title longer than that takes its
    # short name from the navigation (the footing's "One footing: conversions and …" is "Footing"),
    # not the title cut after a word in mid-phrase.
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(portfolio_report(res, "xlsx", lang)))
    assert {"en": "Footing", "nl": "Grondslag"}[lang] in book.sheetnames
    assert all(not name.endswith((" and", " en", " of", " van")) for name in book.sheetnames), book.sheetnames


@pytest.mark.parametrize(
    ("lang", "axis", "euro"),
    [
        ("en", "Social value per £1 invested (SROI ratio)", "per euro"),
        ("nl", "Maatschappelijke waarde per £\u00a01 investering (SROI-ratio)", "geïnvesteerde euro"),
    ],
)
def test_the_ratio_chart_speaks_of_the_portfolios_own_currency(tmp_path, lang, axis, euro):
    # A portfolio in pounds: the members' ratios are drawn per pound invested, never per euro.
    (tmp_path / "a.yaml").write_text(model_text(name="a", currency="GBP", year=2024), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(model_text(name="b", currency="GBP", year=2024), encoding="utf-8")
    (tmp_path / "p.yaml").write_text(
        "name: pounds\ncurrency: GBP\nprice_year: 2024\nmembers:\n"
        "  - {organisation: A, period: 2024, model: a.yaml}\n  - {organisation: B, period: 2024, model: b.yaml}\n",
        encoding="utf-8",
    )
    html = portfolio_report(evaluate_portfolio(tmp_path / "p.yaml", draws=500, seed=1), "html", lang)
    assert axis in html and euro not in html
