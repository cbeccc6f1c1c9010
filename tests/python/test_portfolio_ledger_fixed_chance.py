"""The portfolio report's per-member "who pays, who gains": a member whose assumptions are all
fixed numbers (its forecast's, or its actual's where it has actuals) shows "n/a (no uncertainty
given)" for its parties' chance of a positive net, as the members' table does for its ratio's
chance, not a settled-looking 100% or 0%; a member with uncertainty keeps its chance."""

from __future__ import annotations

import pytest

from impactchain._report_portfolio import portfolio_report
from impactchain.portfolio import evaluate_portfolio
from portfolio_files import model_text


@pytest.fixture(scope="module")
def res(tmp_path_factory):
    """A: the member model (portfolio_files.model_text) with actuals that fix its proxy at 40 (its actual: nothing uncertain left; net
    10 x 40 x 2 - 1,000 = -200); B: its proxy a fixed 100 (net 10 x 100 x 2 - 1,000 = 1,000), no
    actuals; C: proxy triangular 20-50-130, so the net is above 0 when the proxy is above 50."""
    folder = tmp_path_factory.mktemp("ledger_fixed")
    proxies = {"a": "{triangular: [80, 100, 130]}", "b": "100", "c": "{triangular: [20, 50, 130]}"}
    for name, proxy in proxies.items():
        model = model_text(name=name, currency="EUR", year=2024, proxy=proxy)
        (folder / f"{name}.yaml").write_text(model, encoding="utf-8")
    actuals = "impactchain: 1\noutcomes: [{id: o, proxy: {value: 40, currency: EUR, source: s}}]\n"
    (folder / "a-actuals.yaml").write_text(actuals, encoding="utf-8")
    (folder / "p.yaml").write_text(
        "name: t\ncurrency: EUR\nprice_year: 2024\nmembers:\n"
        "  - {organisation: A, period: 2024, model: a.yaml, actuals: a-actuals.yaml}\n"
        "  - {organisation: B, period: 2024, model: b.yaml}\n"
        "  - {organisation: C, period: 2024, model: c.yaml}\n",
        encoding="utf-8",
    )
    return evaluate_portfolio(folder / "p.yaml", draws=2000, seed=11, threads=1)


def _chance(md: str, member: str) -> str:
    line = next(x for x in md.splitlines() if x.startswith(f"| {member} | city | "))
    return line.strip("|").split(" | ")[-1].strip()


@pytest.mark.parametrize(
    ("lang", "none"), [("en", "n/a (no uncertainty given)"), ("nl", "n.v.t. (geen onzekerheid opgegeven)")]
)
def test_a_member_without_uncertainty_shows_no_chance_of_a_positive_net(res, lang, none):
    m = res.members.set_index("member")
    assert m.loc["A/2024", "actual_fixed_inputs"] and m.loc["B/2024", "fixed_inputs"]
    assert not m.loc["C/2024", "fixed_inputs"] and not m.loc["A/2024", "fixed_inputs"]
    led = res.ledger.set_index("member")
    # The tables keep the 0 or 1 of every draw alike (A's actual net -200, B's net 1,000).
    assert led.loc["A/2024", "net"] == pytest.approx(-200) and led.loc["A/2024", "p_net_positive"] == 0
    assert led.loc["B/2024", "net"] == pytest.approx(1000) and led.loc["B/2024", "p_net_positive"] == 1
    # C: P(proxy > 50) of a triangular 20-50-130 = (130 - 50) / (130 - 20) = 0.727.
    assert led.loc["C/2024", "p_net_positive"] == pytest.approx(80 / 110, abs=0.04)
    md = portfolio_report(res, "md", lang)
    assert _chance(md, "A/2024") == _chance(md, "B/2024") == none
    shown = _chance(md, "C/2024")  # C's own chance, a whole percentage near 73
    assert shown.endswith("%") and abs(int(shown.rstrip("%")) - 73) <= 4
