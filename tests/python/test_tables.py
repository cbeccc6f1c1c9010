"""Tables out (docs/api.md, "Tables out"): every result's tables to CSV and Excel, through the
output rule, opening in pandas with the result's own numbers (a workbook's to 16 significant digits);
options and notes on their own."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import impactchain as ic
from doc_commands import run_block
from impactchain.cli import main

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"
MINIMAL = DATA / "minimal.yaml"


@pytest.fixture(scope="module")
def valued():
    return ic.value(MINIMAL)


def test_value_tables_open_in_pandas_with_the_results_numbers(valued, tmp_path):
    path = valued.to_excel(tmp_path / "value.xlsx")
    sheets = pd.read_excel(path, sheet_name=None)
    assert list(sheets) == list(valued.to_tables())
    assert {"summary", "outcomes", "yearly", "by_stakeholder", "by_funder", "switching", "options", "notes"} <= set(
        sheets
    )
    summary = dict(zip(sheets["summary"]["field"], sheets["summary"]["value"]))
    assert float(summary["present_value"]) == pytest.approx(valued.present_value, rel=1e-12)
    assert float(summary["sroi_ratio"]) == pytest.approx(valued.sroi_ratio, rel=1e-12)
    np.testing.assert_allclose(sheets["yearly"]["discounted"], valued.yearly["discounted"], rtol=1e-12)
    np.testing.assert_allclose(sheets["outcomes"]["present_value"], valued.outcomes["present_value"], rtol=1e-12)
    options = dict(zip(sheets["options"]["option"], sheets["options"]["value"]))
    assert options["adjustments"] == "multiplicative"
    notes = sheets["notes"]
    assert "value.deadweight_default" in set(notes["code"])  # minimal.yaml gives no deadweight
    assert set(notes["kind"]) == {"warning", "assumption"}


def test_excel_formats_money_shares_and_ratios(valued, tmp_path):
    from openpyxl import load_workbook

    wb = load_workbook(valued.to_excel(tmp_path / "v.xlsx"))
    ws = wb["by_stakeholder"]
    header = [c.value for c in ws[1]]
    assert ws.freeze_panes == "A2"
    assert '"EUR"' in ws.cell(row=2, column=header.index("present_value") + 1).number_format
    assert ws.cell(row=2, column=header.index("share") + 1).number_format == "0.0%"
    summary = {r[0].value: r[1] for r in wb["summary"].iter_rows(min_row=2)}
    assert summary["sroi_ratio"].number_format == "0.00"
    assert '"EUR"' in summary["present_value"].number_format


def test_csv_is_one_locale_free_file_per_table(valued, tmp_path):
    paths = valued.to_csv(tmp_path / "tables")
    assert sorted(p.name for p in paths) == sorted(f"{k}.csv" for k in valued.to_tables())
    yearly = pd.read_csv(tmp_path / "tables" / "yearly.csv")
    np.testing.assert_allclose(yearly["discounted"], valued.yearly["discounted"], rtol=0, atol=0)  # full precision
    text = (tmp_path / "tables" / "by_funder.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "funder,amount,present_value,share" and ";" not in text
    # handyman.yaml gives a deadweight of 0.2: written as people write it, read back as the same double.
    handyman = ic.value(DATA / "handyman.yaml")
    handyman.to_csv(tmp_path / "handyman")
    outcomes = (tmp_path / "handyman" / "outcomes.csv").read_text(encoding="utf-8")
    assert "0.20000000000000001" not in outcomes and ",0.2," in outcomes
    back = pd.read_csv(tmp_path / "handyman" / "outcomes.csv")
    np.testing.assert_array_equal(back["present_value"], handyman.outcomes["present_value"])
    np.testing.assert_array_equal(back["deadweight"], handyman.outcomes["deadweight"])


def test_simulation_tables_hold_outputs_tornado_and_kept_draws(tmp_path):
    sim = ic.simulate(MINIMAL, draws=400, seed=7, keep_draws=True)
    tables = sim.to_tables()
    assert {"outputs", "tornado", "draws", "switching", "notes"} <= set(tables)
    assert "parameters" not in tables  # not kept
    sheets = pd.read_excel(sim.to_excel(tmp_path / "s.xlsx"), sheet_name=None)
    np.testing.assert_allclose(sheets["draws"]["sroi_ratio"], sim.draws_frame["sroi_ratio"], rtol=1e-15)
    outputs = sheets["outputs"].set_index("output")
    assert outputs.loc["sroi_ratio", "mean"] == pytest.approx(float(np.mean(sim.draws_frame["sroi_ratio"])), rel=1e-12)


def test_csv_gives_back_the_draws_bit_for_bit_and_the_workbook_to_16_digits(tmp_path):
    """docs/api.md, "Tables out": read_csv gives the result's own doubles; read_excel gives them to
    within the last digit (openpyxl writes 16 significant digits: a relative difference below 1e-15),
    which the page says instead of promising the same numbers."""
    sim = ic.simulate(MINIMAL, draws=3000, seed=42, keep_draws=True)
    own = sim.to_tables()["draws"]
    sim.to_csv(tmp_path / "csv")
    sim.to_excel(tmp_path / "s.xlsx")
    csv = pd.read_csv(tmp_path / "csv" / "draws.csv")
    xlsx = pd.read_excel(tmp_path / "s.xlsx", sheet_name="draws")
    for col in own.columns:
        mine = own[col].to_numpy(dtype=float)
        np.testing.assert_array_equal(csv[col].to_numpy(dtype=float).view(np.int64), mine.view(np.int64))
        back = xlsx[col].to_numpy(dtype=float)
        # 16 significant digits: |error| <= 5e-16 |x|, plus the parse's rounding to a double
        assert np.all(np.abs(back - mine) <= 6e-16 * np.abs(mine)), col
    # not every double survives 16 digits: the page must not promise read_excel the same numbers
    assert any((xlsx[col].to_numpy(dtype=float) != own[col].to_numpy(dtype=float)).any() for col in own.columns)
    page = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text(encoding="utf-8")
    tables_out = " ".join(page[page.index("### Tables out") : page.index("### Charts as figures")].split())
    assert "`pandas.read_csv` reads back the result's own numbers, bit for bit" in tables_out
    assert "`pandas.read_excel(path, sheet_name=None)` reads them back to within the last digit" in tables_out
    assert "read_excel(path, sheet_name=None)` and `pandas.read_csv` read back the result's own" not in tables_out


def test_comparison_tables_carry_the_probabilistic_analysis():
    res = ic.compare([DATA / "handyman.yaml", DATA / "traditional_provider.yaml"], draws=300, seed=3, wtp=[0, 500])
    tables = res.to_tables()
    pd.testing.assert_frame_equal(tables["ceac"], res.psa.ceac([0, 500]).reset_index(drop=True))
    assert len(tables["ce_plane"]) == 300  # one strategy against the reference, a row per draw


def test_soft_and_composite_results_have_tables_too():
    rng = np.random.default_rng(1)
    pre = rng.integers(1, 6, size=(30, 4)).astype(float)
    alpha = ic.cronbach_alpha(pd.DataFrame(pre, columns=list("abcd")))
    tables = alpha.to_tables()
    assert {"summary", "notes"} <= set(tables)
    assert float(dict(zip(tables["summary"]["field"], tables["summary"]["value"]))["alpha"]) == pytest.approx(
        alpha.alpha
    )


def test_cli_value_writes_csv_and_xlsx_and_never_over_its_input(tmp_path, capsys):
    assert main(["value", str(MINIMAL), "--format", "csv", "-o", str(tmp_path / "csv") + "/"]) == 0
    assert (tmp_path / "csv" / "outcomes.csv").is_file()
    assert main(["value", str(MINIMAL), "-o", str(tmp_path / "v.xlsx")]) == 0
    assert pd.read_excel(tmp_path / "v.xlsx", sheet_name="outcomes").shape[0] == 1
    model = tmp_path / "model.xlsx"  # an input of the run, whatever it is named
    model.write_bytes(MINIMAL.read_bytes())
    before = model.read_bytes()
    assert main(["value", str(model), "--format", "xlsx", "-o", str(model)]) != 0
    assert model.read_bytes() == before
    assert "is an input of this run" in capsys.readouterr().err
    assert main(["value", str(MINIMAL), "--format", "xlsx"]) != 0  # where to? said, not guessed
    assert "needs -o" in capsys.readouterr().err


def test_csv_refuses_a_link_and_leaves_nothing_behind(valued, tmp_path):
    out = tmp_path / "t"
    out.mkdir()
    os.symlink(tmp_path / "elsewhere.csv", out / "notes.csv")
    with pytest.raises(ValueError, match="symbolic link"):
        valued.to_csv(out)
    assert sorted(p.name for p in out.iterdir()) == ["notes.csv"]


def test_the_documented_commands_run(tmp_path, monkeypatch):
    """docs/api.md, "Tables out": each command line of its block, run in a folder holding the example."""
    monkeypatch.chdir(tmp_path)
    assert len(run_block("api.md", tmp_path, ["minimal.yaml"], after="### Tables out", fence="")) == 2
    assert pd.read_excel("tables.xlsx", sheet_name="summary").shape[1] == 2
    assert pd.read_csv("simulation/outputs.csv")["output"].tolist()[-1] == "sroi_ratio"


def _composite_and_ranks():
    data = pd.DataFrame(
        {"vol": [12.0, 30, 8, 22], "complaints": [5.0, 1, 3, 8], "trust": [6.5, 7.2, 5.9, 8.1]},
        index=pd.Index(["Noord", "Zuid", "Oost", "West"], name="buurt"),
    )
    levels = [
        {"name": "dimension", "parents": {"vol": "doing", "complaints": "doing", "trust": "feeling"}},
        {"name": "index"},
    ]
    comp = ic.composite(data, direction=[1, -1, 1], levels=levels)
    ranks = ic.rank_uncertainty(
        data, [0.4, 0.3, 0.3], draws=200, seed=1, threads=1, top=[1], normalisations=["minmax", "rank"]
    )
    return comp, ranks


@pytest.mark.parametrize("which", ["composite", "rank_uncertainty"])
def test_every_frame_the_table_gives_is_among_the_tables_out(which, tmp_path):
    """The scores and ranks are the point of these results: ``r.table`` (and ``choice_table``)
    must be in ``to_tables()``, and so in the CSV files and the workbook."""
    comp, ranks = _composite_and_ranks()
    r = comp if which == "composite" else ranks
    frames = [r.table] + ([r.choice_table] if which == "rank_uncertainty" else [])
    tables = r.to_tables()
    for frame in frames:
        want = frame.reset_index()
        assert any(t.shape == want.shape and t.equals(want) for t in tables.values()), list(tables)
    paths = r.to_csv(tmp_path / which)
    assert sorted(p.name for p in paths) == sorted(f"{k}.csv" for k in tables)
    main_table = "scores" if which == "composite" else "ranks"
    back = pd.read_csv(tmp_path / which / f"{main_table}.csv")
    first = back.columns[0]
    assert first == ("buurt" if which == "composite" else "unit")
    assert back[first].tolist() == ["Noord", "Zuid", "Oost", "West"]
    for col in frames[0].columns:
        np.testing.assert_array_equal(back[col].to_numpy(dtype=float), frames[0][col].to_numpy(dtype=float))


def test_composite_levels_each_become_a_table():
    comp, ranks = _composite_and_ranks()
    tables = comp.to_tables()
    assert {"scores", "levels.dimension", "levels.index"} <= set(tables) and "levels" not in tables
    pd.testing.assert_frame_equal(tables["levels.dimension"], comp.levels["dimension"].reset_index())
    # by hand: minmax of vol 12, 30, 8, 22 -> (x - 8)/22 * 100; complaints reversed: (8 - x)/7 * 100
    doing = ((np.array([12, 30, 8, 22]) - 8) / 22 * 100 + (8 - np.array([5, 1, 3, 8])) / 7 * 100) / 2
    np.testing.assert_allclose(tables["levels.dimension"]["doing"], doing, rtol=1e-12)
    assert tables["scores"]["rank"].tolist() == comp.table["rank"].tolist()
    assert {"ranks", "choices"} <= set(ranks.to_tables())
    assert "choices" not in ic.rank_uncertainty(ranks.table[["score_mean"]], [1.0], draws=20, seed=1).to_tables()
