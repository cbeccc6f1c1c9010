"""The portfolio report's "who pays, who gains" with outcomes that name no stakeholder: each
member's such outcomes are its own row, named in the report's language ("(geen belanghebbende
opgegeven)"), never the core's "(none)" nor one party summed over members."""

from __future__ import annotations

from pathlib import Path

from impactchain._report_portfolio import portfolio_report
from impactchain.portfolio import evaluate_portfolio
from portfolio_files import members, model_text


def test_outcomes_without_a_stakeholder_stay_with_their_member_in_both_languages(tmp_path: Path) -> None:
    for name in ("a", "b"):
        text = model_text(name=name, currency="EUR", year=2025).replace("stakeholder: city, ", "")
        assert "stakeholder: city, duration" not in text
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    p = tmp_path / "portfolio.yaml"
    p.write_text(f"name: t\ncurrency: EUR\nprice_year: 2025\nmembers:\n{members('a.yaml', 'b.yaml')}", "utf-8")
    res = evaluate_portfolio(p, draws=100, seed=1, threads=1)
    nl = portfolio_report(res, "md", "nl")
    assert "(none)" not in nl
    # 10 x 2 x 100 = 2,000 of central value each, the two members apart
    euro = "€\u00a0"  # the Dutch amount: a non-breaking space after the sign
    for member in ("A/2024", "B/2024"):
        assert f"| (geen belanghebbende opgegeven) ({member}) | 1 | {euro}0 | {euro}2.000 | {euro}2.000 |" in nl
    en = portfolio_report(res, "md", "en")
    assert "| (none) (A/2024) | 1 | €0 | €2,000 | €2,000 |" in en
