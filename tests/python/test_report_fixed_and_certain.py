"""A model whose assumptions are all fixed numbers, and one whose ratio is above (or below) 1 in every
simulation, as the report says them: no tornado is expected where nothing varies (so none is
reported as a part that could not be computed), the JSON gives no one-point interval and no chance
of 0 or 1 for it, in ``summary`` and ``simulation`` alike, the Dutch sentence cannot be read as
"the ratio cannot be above 1", a share of none or all is said in words on the summary card as in
the payback sentence, the ledger chart's caption names no interval line it does not draw, and the
workbook writes a switching value in years or in a chain node's unit with that unit.

Golden facts come from hand calculations written here: the ratio's lowest and highest possible
values from the ends of the triangular ranges, and the number format's decimals from the page's
three significant digits."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest

from impactchain.report import build_report

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"

_MODEL = """\
impactchain: 1
name: {name}
currency: EUR
price_year: 2024
discount: {{rate: 0.0225}}
chain:
  nodes:
    - {{id: coaching, level: activity, quantity: 30, unit: deelnemers}}
    - {{id: employed, level: outcome, unit: personen}}
  edges: [{{from: coaching, to: employed, rate: {rate}}}]
outcomes:
  - id: saved
    node: employed
    stakeholder: municipality
    proxy: {{value: {proxy}, currency: EUR, source: hand}}
    deadweight: 0.2
    attribution: 0.1
    displacement: 0
    drop_off: 0.2
    duration: {duration}
stakeholders:
  - {{id: municipality, name: Gemeente}}
investments: [{{funder: municipality, amount: {amount}}}]
"""


def _write(tmp_path: Path, name: str, **kw) -> Path:
    p = tmp_path / f"{name}.yaml"
    p.write_text(_MODEL.format(name=name, **kw), encoding="utf-8")
    return p


@pytest.fixture(scope="module")
def fixed(tmp_path_factory):
    path = _write(tmp_path_factory.mktemp("fixed"), "Vast", rate=0.25, proxy=15000, duration=2, amount=100000)
    return build_report([path], draws=200, seed=1, threads=1, lang="nl")


# ---------------------------------------------------------------- finding 4: no tornado is no failure


def test_a_fixed_models_missing_tornado_is_not_a_part_not_computed(fixed):
    doc = json.loads(fixed.to_json())
    assert doc["not_computed"] == []
    assert doc["models"][0]["not_computed"] == {}
    # What tells a JSON reader why there is no tornado: nothing was drawn, and the core's warning.
    sim = doc["models"][0]["simulation"]
    assert sim["uncertain_assumptions"] == 0 and sim["tornado"] is None
    assert any("every assumption is a fixed number: no sensitivity analysis" in x for x in doc["models"][0]["warnings"])
    for lang, failed in (("nl", "kon niet worden berekend"), ("en", "could not be computed")):
        md = fixed.in_language(lang).to_markdown()
        assert failed not in md
        assert "Onderdelen die niet konden worden berekend" not in md and "Parts not computed" not in md
    assert not any("tornado" in str(c) for c in fixed.caveats)


def test_a_drawn_model_without_a_tornado_is_still_reported(tmp_path, monkeypatch):
    """Where something was drawn, a tornado that did not come is still a part not computed."""
    import impactchain._report_results as rr

    monkeypatch.setattr(rr, "_tornado_data", lambda tor, model=None: None)
    path = _write(tmp_path, "Getrokken", rate="{triangular: [0.5, 0.6, 0.7]}", proxy=15000, duration=2, amount=50000)
    doc = json.loads(build_report([path], draws=200, seed=1, threads=1).to_json())
    assert [x["section"] for x in doc["not_computed"]] == ["tornado"]


# ---------------------------------------------------------------- finding 5: the JSON alike


def test_the_json_of_a_fixed_model_gives_no_one_point_interval_and_no_chance(fixed):
    doc = json.loads(fixed.to_json())
    row, sim = doc["summary"][0], doc["models"][0]["simulation"]
    # 30 × 0.25 × 15,000 × 0.8 × 0.9 = 81,000 in year 1 and 64,800 in year 2 (drop-off 20 %), each
    # discounted at 2.25 %, against 100,000: the central ratio, the same in every draw.
    ratio = (81000 / 1.0225 + 64800 / 1.0225**2) / 100000
    assert row["sroi_ratio"] == pytest.approx(ratio, rel=1e-12)
    for key in ("ratio_lower", "ratio_upper", "p_ratio_above_1", "pv_lower", "pv_upper", "npv_lower", "npv_upper"):
        assert key in row and row[key] is None, key
    assert row["p_npv_below_0"] is None
    assert row["interval_level"] == 0.95  # the report's level, kept
    # The simulation block agrees with the summary on the chances.
    assert sim["p_ratio_above_1"] is None and sim["p_npv_below_0"] is None
    # Its statistics of the draws stay what the draws give: every draw is the central ratio.
    assert sim["sroi_ratio"]["sd"] == 0.0 and sim["sroi_ratio"]["lower"] == pytest.approx(ratio, rel=1e-12)


def test_a_drawn_models_chances_agree_in_summary_and_simulation(tmp_path):
    path = _write(tmp_path, "Getrokken", rate="{triangular: [0.2, 0.25, 0.3]}", proxy=15000, duration=2, amount=100000)
    rep = build_report([path], draws=400, seed=3, threads=1)
    sec = rep.sections[0]
    ratio = np.asarray(sec.ratio_draws, dtype=float)
    npv = np.asarray(sec.pv_draws, dtype=float) - np.asarray(sec.cost_draws, dtype=float)
    doc = json.loads(rep.to_json())
    row, sim = doc["summary"][0], doc["models"][0]["simulation"]
    assert row["p_ratio_above_1"] == sim["p_ratio_above_1"] == pytest.approx(float(np.mean(ratio > 1)), abs=1e-12)
    assert row["p_npv_below_0"] == sim["p_npv_below_0"] == pytest.approx(float(np.mean(npv < 0)), abs=1e-12)
    lo, hi = np.quantile(ratio, (0.025, 0.975), method="linear")
    assert (row["ratio_lower"], row["ratio_upper"]) == pytest.approx((lo, hi), rel=1e-9)


# ---------------------------------------------------------------- finding 6: the Dutch sentence


def test_the_fixed_uncertainty_sentence_cannot_be_read_as_no_chance_above_1(fixed):
    nl = fixed.to_markdown()
    assert "om te melden" not in nl and "geen kans dat de ratio boven 1 ligt" not in nl
    assert (
        "dus elk van de 200 simulaties geeft dezelfde ratio; een interval of een kans dat de ratio boven 1 ligt, "
        "valt daarom niet te geven."
    ) in nl
    en = fixed.in_language("en").to_markdown()
    assert "no chance that the ratio is above 1" not in en
    assert (
        "so each of the 200 simulations gives this same ratio, and the simulations cannot give an interval or say "
        "how likely the ratio is to be above 1."
    ) in en


# ---------------------------------------------------------------- finding 7: none or all in words


@pytest.fixture(scope="module")
def certain(tmp_path_factory):
    d = tmp_path_factory.mktemp("certain")
    # Always above 1: at the lowest rate and proxy, 30 × 0.5 × 12,000 × 0.8 × 0.9 = 129,600 in the
    # first year alone (discounted once: 126,748) against 50,000.
    above = _write(d, "Altijd", rate="{triangular: [0.5, 0.6, 0.7]}", proxy="{triangular: [12000, 15000, 17500]}",
                   duration=3, amount=50000)  # fmt: skip
    # Always below 1: at the highest, 30 × 0.08 × 17,500 × 0.8 × 0.9 = 30,240 in its one year against 100,000.
    below = _write(d, "Nooit", rate="{triangular: [0.02, 0.05, 0.08]}", proxy="{triangular: [12000, 15000, 17500]}",
                   duration=1, amount=100000)  # fmt: skip
    assert 30 * 0.5 * 12000 * 0.8 * 0.9 / 1.0225 > 50000 and 30 * 0.08 * 17500 * 0.8 * 0.9 < 100000
    return build_report([above, below], draws=300, seed=2, threads=1, lang="nl")


def test_the_how_sure_line_says_none_or_all_in_words(certain):
    above, below = certain.sections
    assert np.all(np.asarray(above.ratio_draws) > 1) and np.all(np.asarray(below.ratio_draws) < 1)
    nl = certain.to_markdown()
    assert "in alle 300 simulaties levert het meer op dan erin is gestoken." in nl
    assert "in geen van de 300 simulaties levert het meer op dan erin is gestoken." in nl
    assert "in 100% ervan" not in nl and "in 0% ervan" not in nl
    # The payback sentence on the same card says its share the same way.
    assert "In geen van de 300 simulaties blijft de contante waarde" in nl
    assert "In alle 300 simulaties blijft de contante waarde" in nl
    assert "en in alle simulaties boven 1." in nl and "en in geen enkele simulatie boven 1." in nl
    en = certain.in_language("en").to_markdown()
    assert "in every one of the 300 simulations more comes back than was put in." in en
    assert "in none of the 300 simulations does more come back than was put in." in en
    assert "in 100% of them" not in en and "in 0% of them" not in en
    assert "it is above 1 in every one of them." in en and "it is above 1 in none of them." in en


# ---------------------------------------------------------------- finding 9: the ledger chart's caption


def test_the_ledger_caption_names_an_interval_line_only_where_one_is_drawn(fixed, certain):
    assert "de stip is haar saldo, de lijn het interval daarvan" not in fixed.to_markdown()
    assert "de stip is haar saldo." in fixed.to_markdown()
    assert "the line its interval" not in fixed.in_language("en").to_markdown()
    assert "de stip is haar saldo, de lijn het interval daarvan" in certain.to_markdown()


# ---------------------------------------------------------------- finding 8: units in the workbook


def test_the_workbook_writes_switching_values_in_years_and_a_nodes_unit_with_the_unit():
    openpyxl = pytest.importorskip("openpyxl")
    rep = build_report([DATA / "market_cleaning.yaml"], draws=200, seed=1, threads=1, lang="nl")
    sv = rep.sections[0].value["switching_values"]
    wb = openpyxl.load_workbook(io.BytesIO(rep.to_xlsx()))
    cells = {ws.cell(r, 1).value: ws.cell(r, 2) for ws in wb for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value}
    seen = 0
    for key, x in sv.items():
        if x is None:
            continue
        if key.endswith(".duration") or key.startswith("chain.nodes["):
            cell = next(c for c in cells.values() if isinstance(c.value, float) and c.value == pytest.approx(x))
            # Three significant digits, as the page writes it: 2.778 -> "2,78", 0.7016 -> "0,702", 28.45 -> "28,4".
            decimals = max(0, 2 - int(np.floor(np.log10(abs(x)))))
            number = "#,##0" + ("." + "0" * decimals if decimals else "")
            unit = " jaar" if key.endswith(".duration") else " deelnemers"  # market_cleaning's node unit
            assert cell.number_format == f'{number}"{unit}"', (key, cell.number_format)
            seen += 1
    assert seen >= 3  # two durations and the coaching node's quantity


def test_a_unit_with_a_double_quote_still_gives_a_valid_format():
    from impactchain._report_xlsx import _with_unit

    assert _with_unit("#,##0.00", ("", ' "jaar"')) == '#,##0.00" jaar"'
    assert _with_unit("#,##0", ("", "")) == "#,##0"
    assert _with_unit("0.0", ("ca. ", " h")) == '"ca. "0.0" h"'
