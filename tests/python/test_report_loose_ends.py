"""The last words of the reports: the portfolio's opening sentence by the catalogue's wording for a
count of one (``_i18n.SINGULARS``) with its count's thousands separator, the workbook's percent
cells keep the reason there is no share, the summary's ratio chart without pictures says that a
model with only fixed assumptions has no uncertainty, and the Dutch WELLBY note's range takes an
en dash. Golden numbers by hand, in English and Dutch."""

from __future__ import annotations

import io
import re
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from impactchain._i18n import SINGULARS, words
from impactchain._report_blocks import ReportDocument, ReportSection, Table
from impactchain._report_portfolio import portfolio_report
from impactchain._report_portfolio_members import intro
from impactchain.portfolio import evaluate_portfolio
from impactchain.report import build_report
from portfolio_files import model_text, three_with_actuals

LOCALE = Path(__file__).resolve().parents[2] / "python" / "impactchain" / "locale"


# --------------------------------------------------------------- 1. the portfolio's opening sentence


def test_the_portfolios_opening_sentence_has_its_wording_for_one_in_the_librarys_list():
    assert SINGULARS["pf_intro"] == "pf_intro.one"


@pytest.mark.parametrize(
    ("lang", "count", "start"),
    [
        ("en", 1, "1 member, every amount in EUR at 2025 prices."),
        ("nl", 1, "1 project (per organisatie en periode), elk bedrag in EUR in prijzen van 2025."),
        # A thousand members: the count with the language's thousands separator, the year without one.
        ("en", 1000, "1,000 members, every amount in EUR at 2025 prices."),
        ("nl", 1000, "1.000 projecten (per organisatie en periode), elk bedrag in EUR in prijzen van 2025."),
        ("en", 2, "2 members, every amount"),
        ("nl", 2, "2 projecten (per organisatie en periode)"),
    ],
)
def test_the_opening_sentence_counts_the_members_in_the_readers_words(lang, count, start):
    res = SimpleNamespace(members=pd.DataFrame({"member": range(count)}), currency="EUR", price_year=2025)
    text = intro(res, words(lang)).text
    assert text.startswith(start), text
    if count == 1:  # the singular's own sentence: "the member's forecast", not "each member's"
        assert {"en": "of the member's forecast", "nl": "van de prognose van het project"}[lang] in text


@pytest.fixture(scope="module")
def three(tmp_path_factory):
    return evaluate_portfolio(three_with_actuals(tmp_path_factory.mktemp("pf")), draws=200, seed=3, threads=1)


@pytest.mark.parametrize(("lang", "start"), [("en", "3 members, every amount"), ("nl", "3 projecten (per")])
def test_the_report_opens_with_that_sentence(three, lang, start):
    md = portfolio_report(three, "md", lang)
    assert f"\n{start}" in md
    xlsx = pytest.importorskip("openpyxl").load_workbook(io.BytesIO(portfolio_report(three, "xlsx", lang)))
    texts = [c.value for row in xlsx[xlsx.sheetnames[1]].iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith(start) for t in texts)


# --------------------------------------------------------------- 3. the workbook's percent cells


def _cells(doc: ReportDocument) -> list[list]:
    from openpyxl import load_workbook

    from impactchain._report_xlsx import workbook

    book = load_workbook(io.BytesIO(workbook(doc)))
    return [list(row) for row in book[book.sheetnames[1]].iter_rows()]


@pytest.mark.parametrize("reason", ["n/a (no uncertainty given)", "n.v.t. (geen onzekerheid opgegeven)"])
def test_a_percent_cell_with_a_reason_keeps_it(reason):
    pytest.importorskip("openpyxl")
    frame = pd.DataFrame({"who": ["a", "b", "c"], "chance": [0.25, reason, None]})
    table = Table(frame, percent=("chance",))
    doc = ReportDocument("t", "today", "0", "1", 1, 2, False, (ReportSection("s", "S", (table,)),), "en")
    rows = _cells(doc)
    head = next(i for i, r in enumerate(rows) if r[0].value == "who")
    a, b, c = rows[head + 1 : head + 4]
    assert a[1].value == 0.25 and a[1].number_format == "0%"  # a share stays a number
    assert b[1].value == reason and b[1].data_type == "s"  # the reason, not a bare "n/a"
    assert c[1].value == "n/a"  # no share and no reason: the report's word for it


@pytest.mark.parametrize(
    ("lang", "none", "chance"),
    [
        ("en", "n/a (no uncertainty given)", "Chance actual ratio > 1"),
        ("nl", "n.v.t. (geen onzekerheid opgegeven)", "Kans gerealiseerde ratio > 1"),
    ],
)
def test_the_portfolio_workbook_says_why_a_member_has_no_chance(three, lang, none, chance):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(portfolio_report(three, "xlsx", lang)))
    rows = [list(r) for r in book[book.sheetnames[1]].iter_rows()]
    head = next(i for i, r in enumerate(rows) if r[0].value == {"en": "Member", "nl": "Project"}[lang])
    labels = [c.value for c in rows[head]]
    a = rows[head + 1]
    assert a[0].value == "A/2024"
    # A's actuals fix its only uncertain assumption (the proxy at 40): its actual ratio is
    # 10 x 40 x 2 / 1,000 = 0.8 in every draw, so it has no chance to give, and says why.
    assert a[labels.index(chance)].value == none


# --------------------------------------------------------------- 4. the summary's ratio chart in words


@pytest.fixture(scope="module")
def two(tmp_path_factory):
    d = tmp_path_factory.mktemp("two")
    # model_text for one year: 10 units x the proxy over 1,000 invested, no discounting.
    for file, name, proxy in (("fixed", "Vast", 120), ("drawn", "Onzeker", "{triangular: [100, 120, 140]}")):
        text = model_text(name=name, currency="EUR", year=2024, duration=1, proxy=proxy)
        (d / f"{file}.yaml").write_text(text, encoding="utf-8")
    return [d / "fixed.yaml", d / "drawn.yaml"]


@pytest.mark.parametrize(
    ("lang", "fixed"),
    [
        ("en", "- Vast: 1.20 (no uncertainty given: every assumption is a fixed number)\n"),
        ("nl", "- Vast: 1,20 (geen onzekerheid opgegeven: elke aanname is een vast getal)\n"),
    ],
)
def test_the_summary_chart_in_words_says_a_fixed_model_has_no_uncertainty(two, lang, fixed):
    # Vast: 10 units x 120 for one year, no discounting, over 1,000 invested: 1.20, in every draw.
    rep = build_report(two, draws=200, seed=1, threads=1, lang=lang)
    assert rep.to_dict()["models"][0]["simulation"]["uncertain_assumptions"] == 0
    md = rep.to_markdown()
    assert fixed in md
    assert "(1.20 – 1.20)" not in md and "(1,20 – 1,20)" not in md
    # Onzeker draws its proxy (triangular 100-120-140): its line keeps its interval, within
    # 10 x 100 / 1,000 = 1.00 and 10 x 140 / 1,000 = 1.40.
    line = re.search(r"\n- Onzeker: 1[.,]20 \((1[.,]\d\d) – (1[.,]\d\d)\)\n", md)
    assert line is not None
    lo, hi = (float(x.replace(",", ".")) for x in line.groups())
    assert 1.0 <= lo < 1.2 < hi <= 1.4


# --------------------------------------------------------------- 6. the Dutch WELLBY note


def _messages(lang: str) -> dict[str, str]:
    from babel.messages.pofile import read_po

    with (LOCALE / lang / "LC_MESSAGES" / "impactchain.po").open("rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id}


def test_the_dutch_wellby_note_gives_its_range_with_an_en_dash():
    nl = _messages("nl")
    assert "£ 10.000–16.000" in nl["note.value.wellbeing_default_wellby"]
    # No Dutch message writes a range of numbers with a hyphen.
    hyphened = {k: re.findall(r"\d-\d", v) for k, v in nl.items() if re.search(r"\d-\d", v)}
    assert hyphened == {}


def test_the_summary_chart_draws_no_interval_for_a_fixed_model(two, monkeypatch):
    # The chart gets no bounds for Vast (every assumption fixed: a line from 1.20 to 1.20 would
    # pretend an interval) and Onzeker's, within 1.00 and 1.40 as above.
    from impactchain import plots

    seen = {}
    original = plots.ratio_intervals

    def kept(names, central, low, high, **kw):
        seen.update(names=list(names), low=list(low), high=list(high))
        return original(names, central, low, high, **kw)

    monkeypatch.setattr(plots, "ratio_intervals", kept)
    build_report(two, draws=200, seed=1, threads=1, lang="nl")
    assert seen["names"] == ["Vast", "Onzeker"]
    assert seen["low"][0] is None and seen["high"][0] is None
    assert 1.0 <= seen["low"][1] < 1.2 < seen["high"][1] <= 1.4
