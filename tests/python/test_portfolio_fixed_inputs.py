"""Whether a portfolio member's forecast and its actual have an uncertain assumption
(``members.fixed_inputs`` and ``actual_fixed_inputs``): from the number of assumptions each one's
simulation drew, as the model report counts them (``simulation.uncertain_assumptions``), the
forecast's from the forecast and the actual's from the actual; a result of version 5 or before,
which kept no count, from its warnings."""

from __future__ import annotations

import pytest

import impactchain as ic
from impactchain.portfolio import PortfolioResult, evaluate_portfolio
from portfolio_files import model_text

FIXED = "100"  # a proxy of 100 EUR, no distribution: the model's only other assumptions are fixed too


def _actuals(outcome: str) -> str:
    return f"impactchain: 1\noutcomes: [{{id: o, {outcome}}}]\n"


#: member -> (model file's fields, actuals of its outcome or None); model_text: 10 units x the proxy x
#: its duration over 1,000 invested, no discounting, its proxy triangular 80-100-130 unless given.
MEMBERS = {
    "f": ({"proxy": FIXED}, None),  # nothing uncertain
    "u": ({}, None),  # the proxy drawn
    # Forecast drawn, the actuals fix the proxy at 40: the actual has nothing uncertain left.
    "x": ({}, "proxy: {value: 40, currency: EUR, source: s}"),
    # Forecast fixed, the actuals draw the proxy (triangular 30-40-50).
    "z": ({"proxy": FIXED}, "proxy: {value: {triangular: [30, 40, 50]}, currency: EUR, source: s}"),
    # Forecast fixed for one year; the actuals draw a drop-off, which takes nothing off in the
    # first year: the actual's ratio is 10 x 100 x 1 / 1,000 = 1.0 in every draw, though one of
    # its assumptions is drawn.
    "y": ({"proxy": FIXED, "duration": 1}, "drop_off: {uniform: [0.1, 0.3]}"),
}


@pytest.fixture(scope="module")
def res(tmp_path_factory) -> PortfolioResult:
    folder = tmp_path_factory.mktemp("fixed_inputs")
    lines = ""
    for name, (fields, actuals) in MEMBERS.items():
        text = model_text(name=name, currency="EUR", year=2024, **fields)
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
        line = f"  - {{organisation: {name.upper()}, period: 2024, model: {name}.yaml"
        if actuals is not None:
            (folder / f"{name}-actuals.yaml").write_text(_actuals(actuals), encoding="utf-8")
            line += f", actuals: {name}-actuals.yaml"
        lines += line + "}\n"
    p = folder / "p.yaml"
    p.write_text(f"name: t\ncurrency: EUR\nprice_year: 2024\nmembers:\n{lines}", encoding="utf-8")
    return evaluate_portfolio(p, draws=500, seed=5, threads=1)


#: member -> (fixed_inputs, actual_fixed_inputs): by the design of MEMBERS above.
EXPECTED = {
    "F/2024": (True, None),
    "U/2024": (False, None),
    "X/2024": (False, True),
    "Z/2024": (True, False),
    "Y/2024": (True, False),
}


def test_fixed_inputs_count_each_ones_drawn_assumptions(res):
    m = res.members.set_index("member")
    got = {x: (m.at[x, "fixed_inputs"], m.at[x, "actual_fixed_inputs"]) for x in m.index}
    assert got == EXPECTED
    # Y's actual: its ratio does not vary (the drop-off takes nothing off in a one-year outcome),
    # yet it drew an assumption, so it is not "every assumption a fixed number".
    assert m.loc["Y/2024", ["actual_ratio_lower", "actual_ratio_upper"]].tolist() == pytest.approx([1.0, 1.0])


def test_the_count_is_the_model_reports(res, tmp_path):
    # The single model of Y's forecast with its actuals, simulated on its own: one drawn assumption.
    text = model_text(name="y", currency="EUR", year=2024, proxy=FIXED, duration=1)
    hybrid = ic.loads(text.replace("duration: 1,", "duration: 1, drop_off: {uniform: [0.1, 0.3]},"), format="yaml")
    sim = ic.simulate(hybrid, draws=100, seed=1, threads=1, switching_values=False)
    assert list(sim.parameter_names) == ["outcomes[o].drop_off"]


def _version_5(res: PortfolioResult) -> dict:
    state = res.__getstate__()
    return {
        **state,
        "version": 5,
        "members": state["members"].drop(columns=["fixed_inputs", "actual_fixed_inputs"]),
        "measures": state["measures"][state["measures"]["basis"] == "forecast"].drop(columns="basis"),
        "composite": state["composite"].drop(columns=["rank_low", "rank_high", "fixed_inputs"]),
    }


def test_a_result_of_version_5_reads_its_fixed_inputs_from_its_warnings(res):
    back = PortfolioResult.__new__(PortfolioResult)
    back.__setstate__(_version_5(res))
    m = back.members.set_index("member")
    got = {x: (m.at[x, "fixed_inputs"], m.at[x, "actual_fixed_inputs"]) for x in m.index}
    # It kept no count: its warnings ("every assumption is a fixed number") say it of each, and of
    # an actual whose forecast they say it of, a ratio that did not vary; so Y's actual reads as
    # fixed, as it did when that result was made.
    assert got == {**EXPECTED, "Y/2024": (True, True)}


@pytest.mark.parametrize("version", [6, 7])
def test_a_result_of_version_6_or_7_keeps_its_fixed_inputs(res, version):
    back = PortfolioResult.__new__(PortfolioResult)
    back.__setstate__({**res.__getstate__(), "version": version})
    assert back == res
