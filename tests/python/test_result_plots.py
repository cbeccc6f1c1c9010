"""result.plot.<name>() returns a matplotlib Figure of the chart the report draws,
every label a name from the model (never an id)."""
from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

import impactchain as ic

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"


def _texts(fig: Figure) -> str:
    return " | ".join(t.get_text() for t in fig.findobj(Text))


@pytest.fixture(scope="module")
def model():
    return ic.load(DATA / "market_cleaning.yaml")


def test_value_plots_name_stakeholders_and_funders(model):
    v = ic.value(model)
    fig = v.plot.waterfall()
    assert isinstance(fig, Figure) and "From gross value to present value" in _texts(fig)
    names = {s.id: s.name for s in model.stakeholders}
    text = _texts(v.plot.stakeholders(model))
    for sid in v.by_stakeholder["stakeholder"]:
        assert names[sid] in text and names[sid] != sid
    fig = v.plot.funders(model)
    assert isinstance(fig, Figure)
    for fid in v.by_funder["funder"]:
        assert (names.get(fid) or fid) in _texts(fig)


def test_simulation_plots(model):
    s = ic.simulate(model, draws=300, keep_draws=True)
    fig = s.plot.ratio()
    assert isinstance(fig, Figure) and "P(ratio > 1)" in _texts(fig)
    text = _texts(s.plot.tornado(model))
    assert "Which assumptions move the result most" in text
    assert "chain.edges[" not in text and "outcomes[" not in text  # names, not parameter ids
    with pytest.raises(ValueError, match="keep_draws=True"):
        ic.simulate(model, draws=100).plot.ratio()


def test_comparison_plots_name_models(model):
    other = ic.load(DATA / "traditional_provider.yaml")
    c = ic.compare([model, other], draws=300)
    text = _texts(c.plot.ce_plane())
    assert model.name in text and "Cost-effectiveness plane" in text
    text = _texts(c.plot.ceac([0.0, 1.0, 2.0]))
    assert model.name in text and other.name in text
    with pytest.raises(ValueError, match="no simulation"):
        ic.compare([model, other]).plot.ceac()
