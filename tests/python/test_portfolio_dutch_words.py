"""The Dutch portfolio report as a gemeente or a fund reads it: a member of the portfolio is a
"project" (the reports say "deelnemers" for the people in a programme), the sentences say what
they mean without calques or analyst words ("niet gedisconteerd", a trend per period, one party
counted once), the parts of the difference between forecast and actual are headed "Door …",
ranges take an en dash and table headers are capitalised as the model report's are."""

from __future__ import annotations

from pathlib import Path

import pytest

from impactchain._i18n import words
from impactchain._notice import notice
from impactchain._report_portfolio import portfolio_report
from impactchain.portfolio import evaluate_portfolio
from portfolio_files import model_text, three_with_actuals

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "data" / "portfolio" / "portfolio.yaml"
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    path = three_with_actuals(tmp_path_factory.mktemp("pf"))
    res = evaluate_portfolio(path, draws=200, seed=1, threads=1)
    return {lang: portfolio_report(res, "md", lang).replace(NBSP, " ") for lang in ("nl", "en")}


@pytest.fixture(scope="module")
def example():
    res = evaluate_portfolio(EXAMPLE, draws=200, seed=5, threads=1)
    return portfolio_report(res, "md", "nl").replace(NBSP, " ")


def _header(md: str, first: str) -> list[str]:
    """The cells of the first table header row that starts with the cell ``first``."""
    line = next(x for x in md.splitlines() if x.startswith(f"| {first} | "))
    return [c.strip() for c in line.strip("|").split(" | ")]


def test_a_member_is_a_project_never_a_participant(small):
    nl = small["nl"]
    # The models of this portfolio name no people, so no "deelnemer" is left anywhere.
    assert "deelnemer" not in nl.lower()
    assert "## De projecten naast elkaar" in nl
    assert "3 projecten (per organisatie en periode), elk bedrag in EUR in prijzen van 2025." in nl
    assert "van de prognose van elk project. Heeft een project een realisatie, dan staat" in nl
    assert "#### Per project" in nl and "#### De bestanden van de projecten" in nl
    assert "#### Wat de modellen van de projecten meldden" in nl
    assert "Hoe elk project op één grondslag is gebracht" in nl
    # The members' own warnings name their project: "project 'A/2024': …", "projecten 'A/2024', …".
    assert "- projecten 'A/2024', 'B/2024', 'C/2024': effect 'o': noemt geen van deadweight" in nl


def test_the_party_totals_count_projects_and_say_so_plainly(small):
    nl, en = small["nl"], small["en"]
    # One party "city" in the three projects: it pays 3 x 1,000 at 2024 prices x 1.033 = 3,099,
    # and gains 10 x 40 x 2 = 800 (A's actual) + 2 x 10 x 100 x 2 = 4,000 (B, C), x 1.033 =
    # 4,958.4; net 1,859.4 (no discounting: rate 0).
    lines = nl.splitlines()
    row = next(i for i, x in enumerate(lines) if x.startswith("| city | "))
    assert _header(lines[row], "city") == ["city", "3", "€ 3.099", "€ 4.958", "€ 1.859"]
    heads = [c.strip() for c in lines[row - 2].strip("|").split(" | ")]  # the table's header, above "|---|"
    assert heads[1] == "Aantal projecten"
    text = "Een partij die in meerdere projecten voorkomt (zoals de gemeente), is één keer opgeteld."
    assert text in nl
    assert "De kans op een positief saldo staat alleen per project (hieronder)" in nl
    for analyst in ("dezelfde id", "in het Nederlands en in het Engels"):
        assert analyst not in nl, analyst
    assert "A party that appears in several members (such as the municipality) is added up once." in en
    assert "the same id" not in en


@pytest.mark.parametrize(
    ("lang", "totals", "members"),
    [
        (
            "nl",
            ["Partij", "Aantal projecten", "Betaalt", "Profiteert", "Saldo"],
            ["Project", "Partij", "Betaalt", "Profiteert", "Saldo", "Kans saldo \\> 0"],
        ),
        (
            "en",
            ["Party", "Members", "Pays", "Gains", "Net"],
            ["Member", "Party", "Pays", "Gains", "Net", "Chance net \\> 0"],
        ),
    ],
)
def test_the_ledger_tables_are_headed_as_the_model_reports(small, lang, totals, members):
    # Capitalised as the single model's "who pays, who gains" table (ledger_col_*), not "partij | betaalt".
    lines = small[lang].splitlines()
    rows = [i for i, x in enumerate(lines) if x.startswith(("| city | ", "| A/2024 | city | "))]
    assert len(rows) == 2  # the party over the portfolio, then A's row of the table per project
    assert [_header(lines[i - 2], lines[i - 2][2:].split(" | ")[0]) for i in rows] == [totals, members]


def test_the_parts_of_the_difference_are_headed_by_their_cause(small):
    nl = small["nl"]
    heads = _header(nl, "Project | Effect")
    assert heads == [
        "Project",
        "Effect",
        "Prognose",
        "Realisatie",
        "Verschil",
        "Door aantal",
        "Door financiële proxy",
        "Door correcties",
        "Door duur",
        "Door disconteren",
    ]
    # A's outcome: 10 x 100 x 2 = 2,000 forecast, 10 x 40 x 2 = 800 actual, x 1.033: 2,066 and
    # 826.4; the difference of 1,239.6 is all the proxy's.
    assert _header(nl, "A/2024 | o") == [
        "A/2024",
        "o",
        "€ 2.066",
        "€ 826",
        "€ -1.240",
        "€ 0",
        "€ -1.240",
        "€ 0",
        "€ 0",
        "€ 0",
    ]
    assert "(de kolommen ‘Door …’)" in nl
    assert _header(small["en"], "Member | Outcome")[5:] == [
        "Due to quantity",
        "Due to proxy",
        "Due to adjustments",
        "Due to duration",
        "Due to discounting",
    ]


def test_what_the_actuals_replaced_reads_as_dutch(small):
    nl = small["nl"]
    assert "#### Aannames die de realisatie verving" in nl
    assert (
        "Investeringen staan als totaal (centrale bedragen, niet gedisconteerd), omgerekend naar de valuta en "
        "het prijsjaar van de portefeuille, zoals elk bedrag in dit rapport. Andere waarden staan zoals ze in de "
        "bestanden van het project staan; een financiële proxy dus in de eigen valuta en het eigen prijsjaar."
    ) in nl
    assert "niet contant gemaakt" not in nl and "die schrijven" not in nl
    assert _header(nl, "Project | Aanname") == ["Project", "Aanname", "Prognose", "Realisatie"]
    # The proxy's forecast, a triangular distribution, and its actual 40, as the model file writes them.
    assert "| A/2024 | o: waarde van de proxy | driehoeksverdeling \\[80; 100; 130\\] | 40 |" in nl


@pytest.mark.parametrize(("lang", "said"), [("nl", "min-max herschaald naar 0–100"), ("en", "normalised to 0–100")])
def test_ranges_take_an_en_dash_in_the_footing(small, lang, said):
    assert said in small[lang] and "0-100" not in small[lang]


@pytest.mark.parametrize(
    ("lang", "method", "constant"),
    [
        (
            "nl",
            "- samengestelde index: SROI-ratio, kans dat de ratio boven 1 ligt en contante waarde min-max "
            "herschaald naar 0–100, gelijke gewichten",
            "samengestelde index: kans dat de ratio boven 1 ligt weggelaten (gelijk voor elk project)",
        ),
        (
            "en",
            "- composite index: SROI ratio, chance that the ratio is above 1 and present value min-max "
            "normalised to 0–100, equal weights",
            "composite index: chance that the ratio is above 1 left out (the same for every member)",
        ),
    ],
)
def test_the_index_names_its_measures_in_lower_case_words(small, lang, method, constant):
    # A sentence names the measures in its own words, not by the table's capitalised headers
    # ("SROI-ratio, Kans ratio > 1, Contante waarde min-max herschaald").
    assert method in small[lang]
    for header in (", Kans ratio", "Contante waarde min-max", ", Chance ratio", "Present value min-max"):
        assert header not in small[lang]
    said = notice("portfolio.composite_constant", measures="p_ratio_above_1")
    assert said.in_language(words(lang)) == constant


def test_one_project_is_counted_in_the_singular(tmp_path):
    (tmp_path / "a.yaml").write_text(model_text(name="a", currency="EUR", year=2024), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(model_text(name="b", currency="EUR", year=2024), encoding="utf-8")
    head = "name: t\ncurrency: EUR\nprice_year: 2024\nmembers:\n"
    one = tmp_path / "one.yaml"
    one.write_text(head + "  - {organisation: A, period: 2024, model: a.yaml}\n", encoding="utf-8")
    two = tmp_path / "two.yaml"
    two.write_text(one.read_text(encoding="utf-8") + "  - {organisation: B, period: 2024, model: b.yaml}\n", "utf-8")
    res = evaluate_portfolio(one, draws=100, seed=1, threads=1)
    nl, en = (portfolio_report(res, "md", lang).replace(NBSP, " ") for lang in ("nl", "en"))
    assert "1 project (per organisatie en periode), elk bedrag in EUR in prijzen van 2024." in nl
    assert "de simulatie van de prognose van het project. Heeft het project een realisatie" in nl
    assert "1 member, every amount in EUR at 2024 prices." in en and "1 members" not in en
    # One member has no index (fewer than three): the sentence of one says nothing of it.
    assert "De index hieronder" not in nl and "The index below" not in en
    nl = portfolio_report(evaluate_portfolio(two, draws=100, seed=1, threads=1), "md", "nl")
    assert "2 projecten (per organisatie en periode)" in nl


def test_the_example_portfolio_keeps_participants_for_people_only(example):
    # "Deelnemers" is left only where a model names people: the market cooperative's participants.
    people = ("Deelnemers (langdurig in de bijstand)", "Mentaal welbevinden van deelnemers")
    lines = [x for x in example.splitlines() if "deelnemer" in x.lower()]
    stray = [x for x in lines if not any(p in x for p in people)]
    assert lines and not stray, stray
    assert "| Marktcoöperatie/2024 | Deelnemers (langdurig in de bijstand) |" in example
    assert "10 projecten (per organisatie en periode)" in example
    # The party every project names the same, the municipality: in all ten.
    assert _header(example, "Gemeente")[1] == "10"


def test_the_example_portfolio_says_its_trend_per_period_and_its_band_with_a_dash(example):
    assert (
        "- trend van de zachte effecten: hoeveel de gemiddelde verandering per periode stijgt of daalt (per jaar "
        "als de perioden jaren zijn; een ontbrekende periode telt mee, dus van 2024 naar 2026 is twee jaar)"
    ) in example
    assert "nummer van de periode" not in example
    # Klussendienst's attribution of 60% lies outside practice's middle 80%: 10 to 53%, with an en dash.
    assert "(het middelste 80% van de rapporten: 10–53%, mediaan 25,5%" in example
    assert "10-53%" not in example


def test_the_portfolios_own_headers_are_capitalised(example):
    assert _header(example, "Organisatie") == ["Organisatie", "Periode", "Basis", "Contante waarde", "Cumulatief"]
    assert _header(example, "Project | Zacht effect")[:4] == [
        "Project",
        "Zacht effect",
        "Basis",
        "Gemiddelde verandering",
    ]
    members = _header(example, "Project | Groep")
    assert members[:5] == ["Project", "Groep", "Contante waarde", "Netto contante waarde", "SROI-ratio"]
    assert members[-3:] == ["Gerealiseerde ratio", "Interval van de realisatie", "Kans gerealiseerde ratio \\> 1"]


def test_the_namer_looks_the_word_for_no_stakeholder_up_once(monkeypatch):
    import pandas as pd

    import impactchain._i18n as i18n
    from impactchain._portfolio_names import NAME_COLUMNS, namer

    calls = []
    real = i18n.words

    def counted(lang="en"):
        calls.append(lang)
        return real(lang)

    monkeypatch.setattr(i18n, "words", counted)
    names = pd.DataFrame([["A/2024", "party", "city", "nl", "Gemeente"]], columns=NAME_COLUMNS)
    name = namer(names, "nl")
    got = [name(m, "party", "(none)") for m in ("A/2024", "B/2024", "C/2024")]
    assert got == ["(geen belanghebbende opgegeven)"] * 3
    assert name("A/2024", "party", "city") == "Gemeente" and name("B/2024", "party", "city") == "city"
    assert calls == ["nl"]  # once, when the namer is made: not once per name
