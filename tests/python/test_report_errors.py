"""What the report does when a result is not defined (the section says why and
the report goes on), when a data file is bad (DataFileError stops it), and when
the code is wrong (the error propagates)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import impactchain as ic
import impactchain._report_model as report_model
import impactchain._report_soft as report_soft
from impactchain.report import DataFileError, build_report

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "examples" / "data"

HEADER = "respondent,cohort,swemwbs_pre,swemwbs_post\n"


def _model_with_csv(tmp_path: Path, csv_text: str, model: str = "minimal.yaml") -> Path:
    (tmp_path / "surveys").mkdir()
    csv_name = "market_cleaning.csv"
    (tmp_path / "surveys" / csv_name).write_text(HEADER + csv_text, encoding="utf-8")
    shutil.copy(DATA / model, tmp_path / model)
    return tmp_path / model


def test_report_numbers_are_those_of_simulate_with_the_report_seed(tmp_path):
    paths = []
    for n in ("market_cleaning.yaml", "traditional_provider.yaml"):
        shutil.copy(DATA / n, tmp_path / n)
        paths.append(tmp_path / n)
    shutil.copytree(DATA / "surveys", tmp_path / "surveys")
    d = build_report(paths, draws=300, seed=5).to_dict()
    for i, p in enumerate(paths):  # model i simulates with seed + i
        sim = ic.simulate(ic.load(p), draws=300, seed=5 + i, keep_draws=True)  # exact quantiles, as the report
        got = d["models"][i]["simulation"]
        assert got["seed"] == 5 + i and got["draws"] == 300
        assert got["sroi_ratio"]["p50"] == sim.summary_by_output["sroi_ratio"].p50
        assert got["p_ratio_above_1"] == sim.p_ratio_above_1
        assert d["models"][i]["value"]["investment_pv"] == ic.value(ic.load(p)).investment_pv


def test_soft_effect_size_not_defined_keeps_the_change_and_says_why(tmp_path):
    # Every respondent gains exactly 2 points: the SD of the change is 0, so d_z = 2 / 0 is not
    # defined; the mean change (2) is, and the soft outcome is summarised with a warning.
    p = _model_with_csv(tmp_path, "A,x,20,22\nB,x,21,23\nC,x,19,21\n")
    rep = build_report([p], draws=200, seed=1)
    so = rep.to_dict()["models"][0]["soft_outcomes"][0]
    assert not so.get("error") and so["mean_change"] == pytest.approx(2.0) and so["effect_size"] is None
    assert "could not be summarised" not in " ".join(rep.caveats)
    assert "effect size dz not defined: the spread it divides by is 0" in rep.to_html()
    assert rep.sections[0].value is not None and rep.sections[0].simulation is not None


def test_value_error_naming_the_data_file_is_not_a_data_file_error(tmp_path, monkeypatch):
    p = _model_with_csv(tmp_path, "A,x,20,22\nB,x,21,24\nC,x,19,20\n")

    def undefined(spec, data, *, threads, where):
        raise ValueError(f"{spec['data']}: the statistic is not defined for these data")

    monkeypatch.setattr(report_soft, "summary_of_data", undefined)
    so = build_report([p], draws=200, seed=1).to_dict()["models"][0]["soft_outcomes"][0]
    assert so["error"] == "surveys/market_cleaning.csv: the statistic is not defined for these data"


def test_missing_group_label_is_a_data_file_error(tmp_path):
    p = _model_with_csv(tmp_path, "A,x,20,22\nB,,21,24\nC,y,19,20\n", model="market_cleaning.yaml")
    with pytest.raises(DataFileError, match=r"market_cleaning\.csv: row 3, column 'cohort': no group label"):
        build_report([p], draws=200, seed=1)


def test_a_group_called_all_is_refused_on_its_rows(tmp_path):
    # "all" names everyone together in the per-group table; a group of that name would be a second
    # row "all", its statistics mistaken for everyone's.
    p = _model_with_csv(tmp_path, "A,x,20,22\nB,all,21,24\nC,y,19,20\nD,all,18,23\n", model="market_cleaning.yaml")
    with pytest.raises(DataFileError) as e:
        build_report([p], draws=200, seed=1)
    msg = str(e.value)
    assert "row 3, column 'cohort': group 'all' is the name of everyone together" in msg
    assert "row 5, column 'cohort': group 'all'" in msg


def test_blank_line_is_skipped(tmp_path):
    p = _model_with_csv(tmp_path, "A,x,20,22\n\nB,x,21,24\nC,y,19,20\nD,y,18,23\n", model="market_cleaning.yaml")
    so = build_report([p], draws=200, seed=1).to_dict()["models"][0]["soft_outcomes"][0]
    assert so.get("error") is None and so["n_used"] == 4


def test_simulation_value_error_is_a_section_that_says_why(tmp_path, monkeypatch):
    def fails(model, **kw):
        raise ValueError("correlation matrix is not positive semi-definite")

    monkeypatch.setattr(report_model, "simulate", fails)
    shutil.copytree(DATA / "surveys", tmp_path / "surveys")
    paths = [shutil.copy(DATA / n, tmp_path / n) for n in ("market_cleaning.yaml", "traditional_provider.yaml")]
    rep = build_report(paths, draws=200, seed=1)
    assert rep.sections[0].not_computed["simulation"] == "correlation matrix is not positive semi-definite"
    assert rep.sections[0].value is not None
    assert rep.comparison["psa"] is None and "needs the simulation of every model" in rep.comparison["psa_not_computed"]
    assert "The Monte Carlo simulation could not be computed:" in rep.to_html()


@pytest.mark.parametrize("error", [TypeError, AttributeError, KeyError])
def test_programming_errors_propagate(tmp_path, monkeypatch, error):
    def broken(*args, **kw):
        raise error("a bug, not a property of the model")

    p = _model_with_csv(tmp_path, "A,x,20,22\nB,x,21,24\nC,x,19,20\n")
    for module, name in ((report_model, "value"), (report_model, "simulate"), (report_soft, "summary_of_data")):
        with monkeypatch.context() as m:
            m.setattr(module, name, broken)
            with pytest.raises(error, match="a bug"):
                build_report([p], draws=200, seed=1)
