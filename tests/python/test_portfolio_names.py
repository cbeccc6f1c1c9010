"""A portfolio's report names what its tables hold by id (outcomes, soft outcomes, parties, the
fields the actuals replaced, the portfolio's own name and groups) by name, in the report's
language: the result's ``names`` table (impactchain._portfolio_names)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from impactchain._portfolio_names import namer
from impactchain._report_portfolio import portfolio_report
from impactchain.portfolio import evaluate_portfolio, load_portfolio

DEMO = Path(__file__).resolve().parents[2] / "examples" / "data"

MODEL = """impactchain: 1
name: Repair café
currency: EUR
price_year: 2025
stakeholders:
  - {id: city, name: {nl: Gemeente, en: City}}
  - {id: fund, name: Oranje Fonds}
discount: {rate: 0}
chain:
  nodes: [{id: visits, name: {nl: Reparatiebezoeken, en: Repair visits}, level: activity, quantity: 5, unit: people}]
investments: [{funder: city, amount: 1000}, {funder: fund, amount: 500}, {funder: neighbours, amount: 100}]
outcomes:
  - {id: saved, name: {nl: Bespaard op nieuwe spullen, en: Money saved on new items}, node: visits,
     stakeholder: city, duration: 2, proxy: {value: 100, currency: EUR, source: s}}
"""

PORTFOLIO = """impactchain: 1
name: {nl: Wijkfonds, en: Neighbourhood fund}
members:
  - {organisation: Café, period: 2024, model: m.yaml, actuals: a.yaml, group: {nl: zorg, en: care}}
"""

ACTUALS = """impactchain: 1
chain:
  nodes: [{id: visits, quantity: 4}]
outcomes: [{id: saved, attribution: 0.1}]
"""


def _result(tmp_path: Path):
    for name, text in (("m.yaml", MODEL), ("p.yaml", PORTFOLIO), ("a.yaml", ACTUALS)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return evaluate_portfolio(tmp_path / "p.yaml", draws=100, seed=1, threads=1)


def test_the_names_table_holds_each_name_in_each_language(tmp_path):
    res = _result(tmp_path)
    en, nl = namer(res.names, "en"), namer(res.names, "nl")
    assert (en("Café/2024", "outcome", "saved"), nl("Café/2024", "outcome", "saved")) == (
        "Money saved on new items",
        "Bespaard op nieuwe spullen",
    )
    assert (en("Café/2024", "party", "city"), nl("Café/2024", "party", "city")) == ("City", "Gemeente")
    assert nl("Café/2024", "party", "fund") == "Oranje Fonds"  # one language: the same in each
    assert nl("Café/2024", "party", "neighbours") == "neighbours"  # a funder that is no stakeholder
    assert nl("Café/2024", "path", "chain.nodes[visits].quantity") == "aantal bij Reparatiebezoeken"
    assert en("Café/2024", "path", "outcomes[saved].attribution") == "Money saved on new items: attribution"
    # The portfolio's own texts: shown in the first language given, named in each.
    assert (res.name, res.members["group"].tolist()) == ("Wijkfonds", ["zorg"])
    assert (en("", "text", "Wijkfonds"), en("", "text", "zorg")) == ("Neighbourhood fund", "care")
    assert set(res.names["lang"]) == {"en", "nl"}
    assert list(res.names.columns) == ["member", "kind", "id", "lang", "name"]


def test_the_report_names_by_name_in_its_language(tmp_path):
    res = _result(tmp_path)
    nl, en = portfolio_report(res, "md", "nl"), portfolio_report(res, "md", "en")
    assert nl.startswith("# Portefeuille: Wijkfonds\n") and en.startswith("# Portfolio: Neighbourhood fund\n")
    assert "| Café/2024 | zorg |" in nl and "| Café/2024 | care |" in en
    assert "| Café/2024 | Bespaard op nieuwe spullen | " in nl  # forecast against actual
    assert "| Café/2024 | aantal bij Reparatiebezoeken | 5 | 4 |" in nl  # what the actuals replaced
    assert "| Café/2024 | Money saved on new items: attribution | " in en
    assert "| Café/2024 | Gemeente | " in nl and "| Café/2024 | City | " in en  # who pays, who gains
    for ident in ("'saved'", "| saved |", "'visits'", "chain.nodes", "| city |"):
        assert ident not in nl and ident not in en, ident
    # The files every figure comes from (the footer says so), as the portfolio file names them.
    assert "#### The members' files (relative to the portfolio file)\n\n- Café/2024: m.yaml, a.yaml\n" in en
    assert (res.members["model_file"].tolist(), res.members["actuals_file"].tolist()) == (["m.yaml"], ["a.yaml"])


def test_a_result_without_names_shows_the_ids(tmp_path):
    res = _result(tmp_path)
    bare = namer(pd.DataFrame(columns=res.names.columns), "nl")
    assert bare("Café/2024", "outcome", "saved") == "saved"


def test_the_demo_portfolio_speaks_dutch_and_english():
    res = evaluate_portfolio(load_portfolio(DEMO / "portfolio" / "portfolio.yaml"), draws=100, seed=3, threads=2)
    nl, en = portfolio_report(res, "md", "nl"), portfolio_report(res, "md", "en")
    assert "| Klussendienst/2024 | Uitgestelde opname in een verpleeghuis |" in nl
    assert "| Klussendienst/2024 | Residential care delayed |" in en
    assert "| Klussendienst/2024 | Fonds |" in nl and "| Klussendienst/2024 | Foundation |" in en
    assert "illustratieve portefeuille" in nl.splitlines()[0] and "illustrative portfolio" in en.splitlines()[0]


def test_the_report_draws_the_members_ratios_side_by_side():
    res = evaluate_portfolio(load_portfolio(DEMO / "portfolio" / "portfolio.yaml"), draws=100, seed=3, threads=2)
    html, md = portfolio_report(res, "html", "en"), portfolio_report(res, "md", "nl")
    members = html[html.index('id="members"') : html.index('id="actuals"')]
    assert members.count("<svg") == 1 and "Klussendienst/2025" in members
    # Without pictures the chart is its rows: each member's ratio and interval, in Dutch numbers;
    # the demo's members have actuals, so each row names its basis, the forecast first.
    first = res.members.iloc[0]
    ratio = f"{first['sroi_ratio']:.2f} ({first['ratio_lower']:.2f} – {first['ratio_upper']:.2f})"
    assert f"- {first['member']} (prognose): {ratio.replace('.', ',')}" in md
    assert md.count("*Grafiek in het HTML-rapport: SROI-ratio van elk project: de prognose en, waar die er is,") == 1
    assert "de realisatie. Stip: centrale waarde;" in md


def test_the_report_sums_each_party_over_the_members(tmp_path):
    # Two members of one model: the city pays 1,000 in each and gains 5 x 100 a year (no discount,
    # duration 2: 1,000); the fund pays 500 in each. Summed: the city pays 2,000 and gains the two
    # members' present values; a funder that is no stakeholder ("neighbours", 100 each) is summed too.
    (tmp_path / "m.yaml").write_text(MODEL, encoding="utf-8")
    (tmp_path / "p.yaml").write_text(
        "members:\n  - {organisation: A, period: 2024, model: m.yaml}\n  - {organisation: B, period: 2024, model: m.yaml}\n",
        encoding="utf-8",
    )
    res = evaluate_portfolio(tmp_path / "p.yaml", draws=100, seed=1, threads=1)
    gains = res.ledger[res.ledger["party"] == "city"]["gains"].sum()
    assert gains == 2 * 5 * 100 * 2  # hand: quantity 5 x proxy 100 x 2 years, two members
    en = portfolio_report(res, "md", "en").replace("\u00a0", " ")
    totals = en[en.index("#### Across the portfolio") : en.index("#### Per member")]
    assert "| City | 2 | €2,000 | €2,000 | €0 |" in totals
    assert "| Oranje Fonds | 2 | €1,000 | €0 | \\-€1,000 |" in totals
    assert "| neighbours | 2 | €200 | €0 | \\-€200 |" in totals


def _totals(md: str, heading: str, end: str) -> list[list[str]]:
    """The rows of the report's table of parties across the portfolio, cells stripped."""
    part = md.replace("\u00a0", " ")[md.index(heading) : md.index(end)]
    rows = [line.strip("|").split(" | ") for line in part.splitlines() if line.startswith("| ")]
    return [[c.strip() for c in r] for r in rows[1:]]  # without the header


def test_the_parties_across_the_portfolio_are_the_same_in_each_language(tmp_path):
    # Two members whose cooperative (id coop) has one Dutch name and two English ones: two
    # parties (an id under other names stays apart), in the Dutch report as in the English one
    # (it was one party of 2 members in Dutch). The city, named alike by both, is one party.
    for x in "AB":
        model = MODEL.replace(
            "  - {id: fund, name: Oranje Fonds}\n",
            f'  - {{id: coop, name: {{nl: "Coöperatie", en: "Cooperative {x}"}}}}\n',
        ).replace("{funder: fund, amount: 500}, {funder: neighbours, amount: 100}", "{funder: coop, amount: 100}")
        (tmp_path / f"{x}.yaml").write_text(model, encoding="utf-8")
    (tmp_path / "p.yaml").write_text(
        "members:\n  - {organisation: A, period: 2024, model: A.yaml}\n  - {organisation: B, period: 2024, model: B.yaml}\n",
        encoding="utf-8",
    )
    res = evaluate_portfolio(tmp_path / "p.yaml", draws=100, seed=1, threads=1)
    en = _totals(portfolio_report(res, "md", "en"), "#### Across the portfolio", "#### Per member")
    nl = _totals(portfolio_report(res, "md", "nl"), "#### Over de hele portefeuille", "#### Per project")
    # Hand: the city pays 1,000 in each member and gains 5 x 100 x 2 years in each; each coop pays 100.
    assert en == [
        ["City", "2", "€2,000", "€2,000", "€0"],
        ["Cooperative A", "1", "€100", "€0", "\\-€100"],
        ["Cooperative B", "1", "€100", "€0", "\\-€100"],
    ]
    assert nl == [
        ["Gemeente", "2", "€ 2.000", "€ 2.000", "€ 0"],
        ["Coöperatie (A/2024)", "1", "€ 100", "€ 0", "€ -100"],  # one Dutch name: each named with its member
        ["Coöperatie (B/2024)", "1", "€ 100", "€ 0", "€ -100"],
    ]
