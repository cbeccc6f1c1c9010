"""A portfolio's periods against its files' (docs/portfolio.md, "Periods"): an actuals file that
states another period than its member's, or that several members share, is a warning naming
them (in the check, the result and its report); a forecast model used for several periods is not."""

from __future__ import annotations

from pathlib import Path

from impactchain.cli import main
from impactchain.portfolio import check_portfolio, evaluate_portfolio

MODEL = """impactchain: 1
name: Repairs
{period}currency: EUR
price_year: 2024
stakeholders: [city]
discount: {{rate: 0}}
chain:
  nodes: [{{id: repairs, level: activity, quantity: 400, unit: jobs}}]
investments: [{{funder: city, amount: 1000}}]
outcomes:
  - {{id: o, quantity: 10, stakeholder: city, proxy: {{value: 100, currency: EUR, source: s}}}}
"""


def _portfolio(tmp_path: Path, members: str, actuals: str = "period: 2023\noutcomes: [{id: o, quantity: 12}]\n"):
    (tmp_path / "m.yaml").write_text(MODEL.format(period="period: 2024\n"), encoding="utf-8")
    (tmp_path / "none.yaml").write_text(MODEL.format(period=""), encoding="utf-8")
    (tmp_path / "act.yaml").write_text(actuals, encoding="utf-8")
    p = tmp_path / "portfolio.yaml"
    p.write_text(f"name: p\ncurrency: EUR\nprice_year: 2024\nmembers:\n{members}", encoding="utf-8")
    return p


def test_actuals_of_another_period_are_a_warning_naming_all_three_periods(tmp_path, capsys):
    p = _portfolio(tmp_path, "  - {organisation: K, period: 2030, model: m.yaml, actuals: act.yaml}\n")
    said = (
        "member 'K/2030' is of period 2030, but its actuals (act.yaml) state period 2023 (its model: 2024): "
        "are they the actuals of another period?"
    )
    assert check_portfolio(p).warnings == [said]
    assert main(["validate", str(p)]) == 0  # a warning: the run is not stopped
    assert f"  warning: {said}" in capsys.readouterr().out
    res = evaluate_portfolio(p, draws=50, seed=1, threads=1)
    assert said in res.warnings
    from impactchain._report_portfolio import portfolio_report

    assert said in portfolio_report(res, "md", "en")
    assert (
        "project 'K/2030' hoort bij periode 2030, maar de realisatie (act.yaml) noemt periode 2023 (het model: "
        "2024)" in portfolio_report(res, "md", "nl")
    )


def test_a_model_without_a_period_is_left_out_of_the_warning(tmp_path):
    p = _portfolio(tmp_path, "  - {organisation: K, period: 2024, model: none.yaml, actuals: act.yaml}\n")
    assert check_portfolio(p).warnings == [
        "member 'K/2024' is of period 2024, but its actuals (act.yaml) state period 2023: "
        "are they the actuals of another period?"
    ]


def test_a_forecast_used_for_another_period_or_a_period_not_in_years_is_not_said(tmp_path):
    # The 2024 model as the forecast of 2030 (normal: a forecast reused), actuals stating the
    # member's period ({start, end} as a model file writes it), or none; a label such as 2030Q1
    # is not compared with a calendar year.
    p = _portfolio(
        tmp_path,
        "  - {organisation: K, period: 2030, model: m.yaml, actuals: act.yaml}\n"
        "  - {organisation: L, period: 2030, model: m.yaml}\n",
        actuals="period: {start: 2030, end: 2030}\n",
    )
    assert check_portfolio(p).warnings == []
    q = _portfolio(tmp_path, "  - {organisation: K, period: 2030Q1, model: m.yaml, actuals: act.yaml}\n")
    assert check_portfolio(q).warnings == []


def test_an_actuals_file_two_members_share_is_a_warning_naming_both(tmp_path):
    p = _portfolio(
        tmp_path,
        "  - {organisation: L, period: 2024, model: m.yaml, actuals: act.yaml}\n"
        "  - {organisation: L, period: 2025, model: m.yaml, actuals: act.yaml}\n",
        actuals="outcomes: [{id: o, quantity: 12}]\n",  # no period: only the sharing is said
    )
    said = (
        "members 'L/2024', 'L/2025' use the same actuals (act.yaml): a file of actuals is what happened in one "
        "member's period"
    )
    assert check_portfolio(p).warnings == [said]
    assert said in evaluate_portfolio(p, draws=50, seed=1, threads=1).warnings
