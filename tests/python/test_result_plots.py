"""result.plot.<name>() returns a matplotlib Figure of the chart the report draws,
every label a name from the model (never an id), its own words and numbers in the
language asked for (``lang="nl"``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
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
    share = float(np.mean(s.draws_array[:, ic.uncertainty.OUTPUTS.index("sroi_ratio")] > 1))
    st = s.summary_by_output["sroi_ratio"].stats()
    assert isinstance(fig, Figure) and f"more value than investment in {share:.0%} of simulations" in _texts(fig)
    # The simulation's interval at its level (DEFAULTS.level, 0.95): the 2.5th and 97.5th
    # percentiles of the kept draws (numpy's type-7 quantiles as the oracle).
    ratio = s.draws_array[:, ic.uncertainty.OUTPUTS.index("sroi_ratio")]
    lo, hi = np.quantile(ratio[np.isfinite(ratio)], [0.025, 0.975])
    assert st["level"] == 0.95
    assert f"95% interval {lo:.2f} – {hi:.2f}" in _texts(fig)
    text = _texts(s.plot.tornado(model))
    assert "Which assumptions move the result most" in text
    assert "chain.edges[" not in text and "outcomes[" not in text  # names, not parameter ids
    with pytest.raises(ValueError, match="keep_draws=True"):
        ic.simulate(model, draws=100).plot.ratio()


@pytest.mark.parametrize(
    ("currency", "lang", "axis"),
    [
        ("EUR", "en", "Social value per €1 invested (SROI ratio)"),
        ("GBP", "en", "Social value per £1 invested (SROI ratio)"),
        ("GBP", "nl", "Maatschappelijke waarde per £\u00a01 investering (SROI-ratio)"),
    ],
)
def test_the_ratio_histogram_speaks_of_the_models_currency(model, currency, lang, axis):
    # The simulation records its model's currency (SimulationResult.currency); the axis said
    # "per euro" whatever it was.
    text = (DATA / "market_cleaning.yaml").read_text(encoding="utf-8").replace("EUR", currency)
    s = ic.simulate(ic.loads(text, format="yaml"), draws=200, seed=1, keep_draws=True)
    assert s.currency == currency and s.to_dict()["currency"] == currency
    assert axis in _texts(s.plot.ratio(lang=lang))


def test_comparison_plots_name_models(model):
    other = ic.load(DATA / "traditional_provider.yaml")
    c = ic.compare([model, other], draws=300)
    text = _texts(c.plot.ce_plane())
    assert model.name in text and "Cost-effectiveness plane" in text
    text = _texts(c.plot.ceac([0.0, 1.0, 2.0]))
    assert model.name in text and other.name in text
    with pytest.raises(ValueError, match="no simulation"):
        ic.compare([model, other]).plot.ceac()


#: A number written with a decimal point (English), not a comma (Dutch).
ENGLISH_DECIMAL = r"(?<![\d.,])\d+\.\d+(?![\d.])"


def test_figures_in_dutch_words_and_number_formats(model):
    v = ic.value(model)
    text = _texts(v.plot.waterfall(lang="nl"))
    for word in ("Van bruto waarde naar contante waarde", "Bruto waarde", "Verdringing", "Toerekening"):
        assert word in text, word
    assert "€\u00a0" in text and "EUR" not in text  # money in the Dutch pattern: "€ 135K"
    text = _texts(v.plot.funders(model, lang="nl"))
    assert "Investering per financier" in text
    s = ic.simulate(model, draws=300, keep_draws=True)
    text = _texts(s.plot.ratio(lang="nl"))
    ratio = s.draws_array[:, ic.uncertainty.OUTPUTS.index("sroi_ratio")]
    low, high = (f"{q:.2f}".replace(".", ",") for q in np.quantile(ratio[np.isfinite(ratio)], [0.025, 0.975]))
    assert f"95%-interval {low} – {high}" in text and "van de simulaties" in text
    assert "Welke aannames de uitkomst het meest bewegen" in _texts(s.plot.tornado(model, lang="nl"))
    # Tick labels as drawn: matplotlib formats them when the figure is drawn.
    for fig in (s.plot.ratio(lang="nl"), s.plot.tornado(model, lang="nl"), v.plot.stakeholders(model, lang="nl")):
        fig.canvas.draw()
        import re

        assert not re.search(ENGLISH_DECIMAL, _texts(fig)), re.findall(ENGLISH_DECIMAL, _texts(fig))
    with pytest.raises(ValueError, match="lang: expected one of en, nl"):
        v.plot.waterfall(lang="fr")


def test_the_ratio_histogram_keeps_its_texts_above_the_bars():
    # The share above 1 and the share beyond the axis are written at the top of the plot: the
    # highest bar stays below 70 % of the height, and the texts have a ground the lines do not cross.
    import numpy as np

    from impactchain import plots

    draws = np.random.default_rng(3).normal(1.7, 0.35, 4000)
    fig = plots.ratio_histogram.figure(draws, lower=1.1, upper=2.4, level=0.95, central=1.7)
    ax = fig.axes[0]
    from matplotlib.patches import StepPatch

    bars = [p for p in ax.patches if isinstance(p, StepPatch)]  # below 1 and above 1
    assert len(bars) == 2
    tallest = max(float((b.get_data().values).max()) for b in bars)
    assert tallest <= 0.70 * ax.get_ylim()[1] + 1e-12
    texts = [t for t in ax.texts if t.get_text()]
    assert len(texts) == 2 and all(t.get_bbox_patch() is not None for t in texts)


def test_the_soft_profile_axis_labels_do_not_run_into_each_other():
    # A unit in words ("punten op de schaal van 0 tot 10") made the left axis label run into the
    # right one ("Gemiddelde verandering (95%-betrouwbaarheidsinterval)"): each is wrapped to its axis.
    from impactchain import plots

    fig = plots.soft_profile.figure(
        [5, 6, 7, 6], [6, 7, 8, 7], scale=(0, 10), mean_change=1.0, ci=(0.4, 1.6),
        unit="punten op de schaal van 0 tot 10", lang="nl",
    )  # fmt: skip
    fig.canvas.draw()
    left, right = (ax.xaxis.label.get_window_extent() for ax in fig.axes[:2])
    assert left.x1 < right.x0, (left, right)


def test_chart_money_puts_the_sign_where_the_languages_tables_do():
    # CLDR's compact forms ("€ 197K") have no negative pattern, so Babel writes "-€ 197K" while a
    # Dutch table writes "€ -15.000": a chart's negative amount follows the table, in every size.
    from impactchain._plots_style import money

    nbsp = "\u00a0"
    assert money(-197_000, "EUR", lang="nl") == f"€{nbsp}-197K"
    assert money(-4_800, "EUR", lang="nl") == f"€{nbsp}-4.800"
    assert money(14_000, "EUR", lang="nl", plus=True) == f"€{nbsp}+14K"  # a step up in the waterfall
    assert money(-197_000, "EUR", lang="en") == "-€197k"
    assert money(14_000, "EUR", lang="en", plus=True) == "+€14k"
    assert money(135_000, "EUR", lang="nl") == f"€{nbsp}135K" and money(0, "EUR", lang="en", plus=True) == "€0"


def test_the_waterfall_axis_spans_its_bars_not_its_steps():
    # Gross 100, deductions 40 and 10, present value 50: every bar lies in [0, 100], so the axis
    # starts at 0 (a step of -40 drawn from the running total is no bar below zero).
    from impactchain import plots

    fig = plots.waterfall.figure([("Gross", 100.0), ("Deadweight", -40.0), ("Drop-off", -10.0), ("PV", 50.0)])
    lo, hi = fig.axes[0].get_ylim()
    assert lo == 0 and 100 < hi <= 116
    # A present value below zero (a disbenefit larger than the gross) does reach below it.
    fig = plots.waterfall.figure([("Gross", 100.0), ("Disbenefit", -150.0), ("PV", -50.0)])
    assert fig.axes[0].get_ylim()[0] < -50


def test_the_ce_planes_texts_have_a_ground_the_wtp_line_does_not_cross():
    from impactchain import plots

    fig = plots.ce_plane.figure({"A": [1.0, 2.0, 3.0]}, {"A": [1.0, 2.5, 2.0]}, wtp=1.0, comparator="B")
    texts = [t for t in fig.axes[0].texts if t.get_text()]
    assert len(texts) == 3 and all(t.get_bbox_patch() is not None for t in texts)
