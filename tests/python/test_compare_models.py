"""``compare(models, ...)``: on a named outcome, what a result records (options, currency, the
independence of the models' draws), its charts in the models' currency, and the command line's
words. Golden numbers are worked out here from each model's own valuation (``ic.value``)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import impactchain as ic
from impactchain.cli import main
from impactchain.compare import INDEPENDENT_DRAWS, compare_cli_summary

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"
MARKET = DATA / "market_cleaning.yaml"
PROVIDER = DATA / "traditional_provider.yaml"


def _outcome_pv(path: Path, column: str, key: str) -> float:
    """The present value of one outcome of a model, looked up in its valuation's outcome table."""
    table = ic.value(path).outcomes
    return float(table.loc[table[column] == key, "present_value"].iloc[0])


@pytest.mark.parametrize("column", ["id", "name"])
def test_a_named_outcome_is_compared_by_its_id_or_name(column: str) -> None:
    key = {"id": "welfare_savings", "name": "Welfare benefits no longer paid"}[column]
    r = ic.compare([MARKET, PROVIDER], outcome=key, wtp=2)
    by = r.icers.set_index("strategy")
    names = {p: ic.load(p).name for p in (MARKET, PROVIDER)}
    # The effect of each model is its outcome's PV; the cost its investment PV.
    for p in (MARKET, PROVIDER):
        assert by.loc[names[p], "effect"] == pytest.approx(_outcome_pv(p, column, key), rel=1e-12)
    # ICER by hand: ΔC / ΔE between the two (both on the frontier when the costlier is more effective).
    c = {p: ic.value(p).investment_pv for p in (MARKET, PROVIDER)}
    e = {p: _outcome_pv(p, "id", "welfare_savings") for p in (MARKET, PROVIDER)}
    hi, lo = (MARKET, PROVIDER) if c[MARKET] > c[PROVIDER] else (PROVIDER, MARKET)
    if e[hi] > e[lo]:
        assert by.loc[names[hi], "icer"] == pytest.approx((c[hi] - c[lo]) / (e[hi] - e[lo]), rel=1e-12)
    # NMB at wtp 2: 2·E − C.
    nb = r.net_benefit.set_index("strategy")
    for p in (MARKET, PROVIDER):
        assert nb.loc[names[p], "nmb"] == pytest.approx(2 * e[p] - c[p], rel=1e-12)
    assert r.measure == f"outcome '{key}'" and r.options["measure"] == r.measure


def test_an_unknown_outcome_names_the_model_and_its_outcomes() -> None:
    with pytest.raises(ic.ValidationError, match=r"no outcome 'nope' in its valuation \(its outcomes: \['welfare"):
        ic.compare([MARKET, PROVIDER], outcome="nope", wtp=1)


def test_an_outcome_with_draws_is_refused_before_anything_is_simulated() -> None:
    with pytest.raises(ic.ValidationError, match=r"outcome='welfare_savings' cannot be compared with draws=.*"):
        ic.compare([MARKET, PROVIDER], outcome="welfare_savings", wtp=1, draws=50)
    # A simulated output (one of the four kept) can be: the effect is then its draws.
    r = ic.compare([MARKET, PROVIDER], outcome="sroi_ratio", wtp=1, draws=50, seed=3)
    assert r.psa is not None and r.psa.draws == 50


def test_with_draws_the_independence_of_the_models_draws_is_stated() -> None:
    plain = ic.compare([MARKET, PROVIDER])
    assert INDEPENDENT_DRAWS not in plain.assumptions
    r = ic.compare([MARKET, PROVIDER], draws=60, seed=5, threads=1, wtp=[0, 1, 2])
    assert INDEPENDENT_DRAWS in r.assumptions
    assert "drawn independently for each model" in INDEPENDENT_DRAWS and "overstate" in INDEPENDENT_DRAWS
    assert "assumption: " + INDEPENDENT_DRAWS in str(r.summary())


def test_the_options_used_are_a_table_and_the_summary_says_which_wtp_the_net_benefit_is_at() -> None:
    r = ic.compare([MARKET, PROVIDER], draws=60, seed=5, threads=1, stream_version=2, wtp=[0, 1, 2])
    options = r.to_tables()["options"].set_index("option")["value"].to_dict()
    assert options == {
        "wtp": [0.0, 1.0, 2.0],
        "reference": r.comparator,
        "measure": "monetised value (PV of outcomes)",
        "draws": 60,
        "seed": 5,
        "stream_version": 2,
        "threads": 1,
    }
    text = str(r.summary())
    assert "Net monetary benefit at wtp = 0 (the first of the 3 willingness-to-pay values)" in text
    assert "Acceptability frontier (CEAF) and EVPI" in text
    assert "(the first of the 3 willingness-to-pay values):" in compare_cli_summary(r)
    # Without draws: only what was used.
    assert set(ic.compare([MARKET, PROVIDER]).options) == {"wtp", "reference", "measure"}
    assert r.to_dict()["options"]["seed"] == 5 and r.to_dict()["currency"] == "EUR"
    # A PSA names its own: draws, reference, threads.
    p = ic.psa(np.ones((4, 2)), np.arange(8.0).reshape(4, 2), ["a", "b"], reference="b", threads=1)
    assert p.to_tables()["options"].set_index("option")["value"].to_dict() == {
        "draws": 4,
        "reference": "b",
        "threads": 1,
    }
    assert "options" not in p.__getstate__()  # derived from the rest, not pickled


def _in_pounds(tmp_path: Path) -> list[Path]:
    """The two models with every amount in pounds, beside a copy of the survey data they read."""
    import shutil

    shutil.copytree(DATA / "surveys", tmp_path / "surveys")
    out = []
    for src in (MARKET, PROVIDER):
        p = tmp_path / src.name
        p.write_text(src.read_text(encoding="utf-8").replace("EUR", "GBP"), encoding="utf-8")
        out.append(p)
    return out


def test_charts_and_report_name_the_models_currency(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    files = _in_pounds(tmp_path)
    r = ic.compare(files, draws=60, seed=1, threads=1, wtp=[0.0, 0.5, 4.0])
    assert r.currency == "GBP"
    ceac = r.plot.ceac()
    assert ceac.axes[0].get_xlabel() == "Willingness to pay per £1 of social value (GBP)"
    # The comparison's own willingness-to-pay values are the curve's default.
    assert ceac.axes[0].get_xlim()[1] >= 4.0
    plane = r.plot.ce_plane()
    assert "GBP" in plane.axes[0].get_xlabel() and "EUR" not in plane.axes[0].get_xlabel()
    assert "euro" not in r.plot.ceac(lang="nl").axes[0].get_xlabel()
    from impactchain.report import build_report

    rep = build_report(files, draws=100, seed=1)
    assert rep.comparison["measure"] == "present value of monetised outcomes (GBP)"
    assert rep.comparison["cost"] == "present value of the investment (GBP)"


def test_the_command_line_says_compare_once_and_prints_no_minus_zero(capsys) -> None:
    assert main(["compare", str(MARKET), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("impactchain compare: at least 2 models") and "compare: compare:" not in err
    assert compare_cli_summary(pd.DataFrame({"icer": [-0.0, 1.5]})).splitlines()[1].strip() == "0"
    assert math.copysign(1.0, -0.0) < 0  # the value printed is a negative zero


def test_a_negative_wtp_is_refused_as_the_command_line_refuses_it() -> None:
    with pytest.raises(ic.ValidationError, match=r"^wtp: must be a finite number >= 0, got -1$"):
        ic.compare([MARKET, PROVIDER], wtp=-1)
