"""Leakage and what SROI practice reports (docs/value.md): the practice distributions match the
published quantiles (scipy as the oracle), the documented model with ``defaults: practice`` gives
the hand calculation, the lint warns, and leakage shows in the tables and the waterfall."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import impactchain as ic
from impactchain._report_results import _waterfall_steps

DOCS = Path(__file__).resolve().parents[2] / "docs"

# (adjustment, median, p10, p90, reports) as docs/value.md cites them (Muñoz-Mora, Measuring Without
# Accounting, 2026).
PRACTICE = [
    ("deadweight", 0.20, 0.05, 0.50, 154),
    ("attribution", 0.255, 0.10, 0.53, 216),
    ("drop_off", 0.215, 0.10, 0.50, 90),
]
# The beta on [low, 1] of each, as docs/value.md writes it (alpha, beta, low).
DOCUMENTED = {
    "deadweight": (1.0018, 3.4264, 0.0202),
    "attribution": (1.2134, 3.7329, 0.0575),
    "drop_off": (0.7747, 3.2506, 0.0863),
}


@pytest.mark.parametrize("name, median, p10, p90, reports", PRACTICE)
def test_the_practice_distributions_have_the_reported_quantiles(name, median, p10, p90, reports):
    stats = pytest.importorskip("scipy.stats")
    a, b, low = DOCUMENTED[name]
    q = stats.beta.ppf([0.1, 0.5, 0.9], a, b, loc=low, scale=1 - low)
    assert q == pytest.approx([p10, median, p90], abs=2e-4)  # the docs' four-digit rounding
    page = (DOCS / "value.md").read_text(encoding="utf-8")
    row = f"| {name.replace('_', '-')} | {reports} | {median * 100:g} % | {p10 * 100:g}–{p90 * 100:g} % |"
    assert row in page


def _documented_model() -> str:
    page = (DOCS / "value.md").read_text(encoding="utf-8")
    (block,) = [b for b in re.findall(r"^```yaml\n(.*?)^```", page, re.S | re.M) if "defaults: practice" in b]
    return block


def test_the_documented_practice_model_gives_the_hand_calculation():
    stats = pytest.importorskip("scipy.stats")
    model = ic.loads(_documented_model(), "yaml")
    res = ic.value(model)
    mean = {n: stats.beta.mean(a, b, loc=low, scale=1 - low) for n, (a, b, low) in DOCUMENTED.items()}
    # 5 x 15,000 x (1 - DW)(1 - 0)(1 - AT)(1 - 0.10) in year 1, x (1 - DO) in year 2; EUR: nl_2021, 2.25 %,
    # year 1 discounted.
    impact = 5 * 15000 * (1 - mean["deadweight"]) * (1 - mean["attribution"]) * (1 - 0.10)
    pv = impact / 1.0225 + impact * (1 - mean["drop_off"]) / 1.0225**2
    assert res.present_value == pytest.approx(pv, rel=5e-4)  # the docs' parameters are rounded to 4 digits
    codes = [a.code for a in res.assumptions]
    assert codes.count("value.practice_default") == 3 and "value.practice_no_displacement" in codes
    assert "value.leakage_default" not in codes  # the model states its leakage
    assert res.outcomes.loc[0, "leakage"] == 0.1 and "after_leakage" in res.yearly


def test_the_lint_warns_in_both_languages():
    text = (
        _documented_model()
        .replace("defaults: practice", "defaults: none")
        .replace("leakage: 0.1", "leakage: 0.1, deadweight: 0.9")
    )
    res = ic.value(ic.loads(text, "yaml"))
    (warn,) = [w for w in res.warnings if w.code == "practice.outside_band"]
    assert "deadweight 90% lies outside what SROI practice reports" in str(warn)
    from impactchain._i18n import words

    # Deadweight's middle 80% of reports is 5-50% (PRACTICE); the source by its author and title,
    # not the repository's id; the percent sign against its number, as the report's shares; the
    # Dutch range with an en dash, as every range of the report.
    nl = warn.in_language(words("nl"))
    assert (
        "deadweight 90% ligt buiten wat de SROI-praktijk rapporteert (het middelste 80% van de rapporten: "
        "5–50%, mediaan 20%, 154 rapporten; Muñoz-Mora, Measuring Without Accounting, 2026," in nl
    )
    assert "p10-p90" not in nl and "sroi-meta-analysis" not in nl
    en = warn.in_language(words("en"))
    assert "deadweight 90% lies outside what SROI practice reports (the middle 80% of reports 5-50%" in en
    assert (
        "(p10-p90" not in en
        and "sroi-meta-analysis" not in en
        and "Muñoz-Mora, Measuring Without Accounting, 2026" in en
    )


def test_a_default_from_practice_says_its_band_in_plain_dutch():
    res = ic.value(ic.loads(_documented_model(), "yaml"))
    (dw,) = [
        a for a in res.assumptions if a.code == "value.practice_default" and a.params["adjustment"] == "deadweight"
    ]
    from impactchain._i18n import words

    nl = dw.in_language(words("nl"))
    assert "met mediaan 20% en het middelste 80% van de rapporten tussen 5% en 50%, zoals 154 SROI-rapporten" in nl
    assert "(Muñoz-Mora, Measuring Without Accounting, 2026)" in nl and "p10-p90" not in nl


def test_leakage_is_a_waterfall_step_only_where_applied():
    text = _documented_model().replace("defaults: practice\n", "")
    with_leak = ic.value(ic.loads(text, "yaml"))
    without = ic.value(ic.loads(text.replace("leakage: 0.1, ", ""), "yaml"))
    assert "step_leakage" in [k for k, _ in _waterfall_steps(with_leak.yearly)]
    assert "step_leakage" not in [k for k, _ in _waterfall_steps(without.yearly)]
    steps = dict(_waterfall_steps(with_leak.yearly))
    assert steps["step_leakage"] == pytest.approx(-0.1 * with_leak.yearly["after_attribution"].sum())


def test_a_stated_leakage_is_in_the_tornado():
    text = (
        _documented_model().replace("defaults: practice\n", "").replace("leakage: 0.1", "leakage: {uniform: [0, 0.2]}")
    )
    sim = ic.simulate(ic.loads(text, "yaml"), draws=400, seed=1)
    assert "outcomes[employed].leakage" in set(sim.tornado["name"])


def test_the_report_lists_the_lint_once():
    text = (
        _documented_model().replace("defaults: practice\n", "").replace("leakage: 0.1", "leakage: 0.1, deadweight: 0.9")
    )
    md = ic.build_report([ic.loads(text, "yaml")], draws=200, seed=1).to_markdown()
    assert md.count("deadweight 90% lies outside what SROI practice reports") == 1  # the report's percent style
