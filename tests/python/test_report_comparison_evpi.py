"""The report's comparison says what knowing more is worth: the expected value of perfect
information at a willingness to pay of 1 per 1 of social value, in the report's money and in both
languages, checked against numpy on the models' own draws: EVPI = E[max_j NB_j] - max_j E[NB_j],
NB_j = value_j - cost_j in each simulation. When one option is best in every simulation the
report says knowing more would not change the choice. The comparison runs on the report's threads."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from impactchain.report import build_report
from portfolio_files import model_text

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"
MODELS = [DATA / "market_cleaning.yaml", DATA / "handyman.yaml", DATA / "traditional_provider.yaml"]


@pytest.fixture(scope="module")
def three():
    return build_report(MODELS, draws=300, seed=4, threads=1, lang="nl")


def _evpi(report) -> float:
    nb = np.column_stack([s.pv_draws - s.cost_draws for s in report.sections])
    return float(nb.max(axis=1).mean() - nb.mean(axis=0).max())


def test_the_comparison_gives_the_evpi_as_numpy_computes_it(three):
    expected = _evpi(three)
    assert expected > 0  # the example models' ranges overlap: the best option changes between draws
    assert three.comparison["psa"]["evpi_at_1"] == pytest.approx(expected, rel=1e-9)
    assert three.to_dict()["comparison"]["psa"]["evpi_at_1"] == pytest.approx(expected, rel=1e-9)
    whole = f"{round(expected):,}"
    nl = three.to_markdown()
    dutch = f"€\u00a0{whole.replace(',', '.')}"
    assert (
        "Hadden we alle onzekere aannames vóór de keuze tussen de alternatieven geweten, dan had die keuze "
        f"gemiddeld {dutch} meer netto opgeleverd"
    ) in nl
    assert f"Meer meten vóór de keuze is dus hooguit {dutch} waard" in nl
    en = three.in_language("en").to_markdown()
    assert f"the choice would have brought €{whole} more on average, net" in en


def test_one_option_best_in_every_simulation_changes_nothing(tmp_path):
    # Two models alike but for the proxy: B's (800-1,300 a unit) is ten times A's (80-130), so B's
    # net benefit (at least 10 x 2 x 800 - 1,000 = 15,000) beats A's (at most 10 x 2 x 130 -
    # 1,000 = 1,600) in every simulation: knowing more cannot change the choice (EVPI 0).
    a = model_text(name="A", currency="EUR", year=2025)
    b = a.replace("name: A", "name: B").replace("organisation: A", "organisation: B")
    b = b.replace("triangular: [80, 100, 130]", "triangular: [800, 1000, 1300]")
    paths = []
    for name, text in (("a", a), ("b", b)):
        paths.append(tmp_path / f"{name}.yaml")
        paths[-1].write_text(text, encoding="utf-8")
    rep = build_report(paths, draws=200, seed=2, lang="nl")
    assert _evpi(rep) == pytest.approx(0.0, abs=1e-6)  # 0 but for the sums' rounding
    assert rep.comparison["psa"]["prob_best_at_1"]["B"] == 1.0
    nl = rep.to_markdown()
    assert "In alle 200 simulaties levert hetzelfde alternatief netto het meeste op" in nl
    assert "Hadden we alle onzekere aannames" not in nl
    en = rep.in_language("en").to_markdown()
    assert "In all 200 simulations the same option brings the most, net, for a funder who pays €1" in en


def test_the_comparison_runs_on_the_reports_threads_and_says_no_default(three):
    # threads=1 was given: the comparison's PSA takes it, so no "threads: not given" assumption
    # (which the report showed as "gerekend op alle processorkernen (standaard …)").
    assert not any(getattr(a, "code", "") == "defaults.taken_threads" for a in three.comparison["assumptions"])
    assert "alle processorkernen" not in three.to_markdown()


def test_the_status_legend_says_the_frontier_is_not_the_same_as_worth_it(three):
    # Marktschoonmaak's step on the frontier costs 4.24 a unit of value: on the frontier, yet not
    # worth it at 1 per 1; the legend says how to read an ICER against that willingness to pay.
    nl = three.to_markdown()
    euro = "€\u00a01"
    assert (
        f"Op de grens is nog niet de moeite waard: een ICER boven 1 betekent dat elke extra {euro} "
        f"maatschappelijke waarde meer dan {euro} kost"
    ) in nl
    en = three.in_language("en").to_markdown()
    assert "an ICER above 1 means each extra €1 of social value costs more than €1" in en
