"""The headline's central value takes each assumption's most likely value (the mode of a triangular
range), and the report says so; where the simulations' median and mean differ from it, it names
the skewed range first (its mode is not its mean) and shows where among the simulations the
central value lies."""

from __future__ import annotations

from pathlib import Path

import pytest

from impactchain._i18n import words
from impactchain.report import build_report

DRAWS = 4000


@pytest.fixture(scope="module")
def skewed(tmp_path_factory):
    # 100 × €1,000 a year, no discounting, €40,000 invested; only the deadweight is uncertain:
    # triangular [0.3, 0.5, 0.6], most likely 0.5, mean (0.3 + 0.5 + 0.6) / 3 = 0.4667.
    p: Path = tmp_path_factory.mktemp("skewed") / "m.yaml"
    p.write_text(
        "impactchain: 1\nname: Skewed\ncurrency: EUR\nprice_year: 2024\nperiod: {start: 2024, end: 2024}\n"
        "discount: {rate: 0}\nstakeholders: [{id: city, name: City}]\n"
        "chain:\n  nodes: [{id: v, name: Visits, level: activity, quantity: 100}]\n"
        "investments: [{funder: city, amount: 40000}]\n"
        "outcomes:\n  - {id: o, name: Helped, quantity: 100, stakeholder: city, displacement: 0, attribution: 0,\n"
        "     leakage: 0, drop_off: 0, duration: 1, deadweight: {triangular: [0.3, 0.5, 0.6]},\n"
        "     proxy: {value: 1000, currency: EUR, price_year: 2024, source: s}}\n",
        encoding="utf-8",
    )
    return build_report([p], draws=DRAWS, seed=11)


def test_the_gap_to_the_simulations_is_the_skewed_range(skewed):
    # The ratio is linear in the deadweight: 100 × 1,000 × (1 - DW) / 40,000 = 2.5 (1 - DW).
    # Central (the mode, 0.5): 1.25. The simulations' mean is the ratio at the mean deadweight,
    # 2.5 × (1 - 0.4667) = 1.3333: all of the gap comes from the skewed range, none from an
    # uneven response. The ratio is below 1.25 exactly when DW > 0.5, which for this triangle is
    # (0.6 - 0.5) / (0.6 - 0.3) = 1/3 of the draws.
    sec = skewed.sections[0]
    assert sec.value["sroi_ratio"] == pytest.approx(1.25, rel=1e-12)
    sim = sec.simulation
    assert sim["sroi_ratio"]["mean"] == pytest.approx(2.5 * (1 - 1.4 / 3), rel=0.01)
    below = sim["share_below_central"]
    assert below == pytest.approx(1 / 3, abs=0.03)  # 4,000 draws: standard error 0.0075
    md = skewed.to_markdown()
    w = words("en")
    assert f"In {w.pct(below)} of them it comes out below the central value;" in md
    methods = md.split("#### The central value and the simulations")[1].split("### Settings")[0]
    assert (
        "| Central value | Median of the simulations | Mean of the simulations | Simulations below the central value |"
        in methods
    )
    assert (
        f"| Skewed | 1.25 | {w.num(sim['sroi_ratio']['p50'])} | {w.num(sim['sroi_ratio']['mean'])} | {w.pct(below)} |"
        in methods
    )
    first, second = methods.index("First, where an assumption reaches further on one side"), methods.index("Second")
    assert first < second and "a ratio responds unevenly to its assumptions" in methods[second:]
    nl = skewed.in_language("nl").to_markdown()
    assert "Ten eerste: reikt een aanname aan één kant verder dan haar meest waarschijnlijke waarde" in nl
    assert f"In {words('nl').pct(below)} ervan komt hij lager uit dan de centrale waarde" in nl


def test_the_central_value_is_said_to_be_each_ranges_most_likely_value(skewed):
    md = skewed.to_markdown()
    summary = md.split("### Skewed")[0]
    assert "every assumption at its most likely value (the mode of a triangular or PERT range" in summary
    assert "every assumption at its central value" not in md  # the old wording named nothing
    nl = skewed.in_language("nl").to_markdown()
    assert "elke aanname op haar meest waarschijnlijke waarde (de modus van een driehoeks- of PERT-verdeling" in nl
    assert "| Skewed | 1,25 |" in nl
