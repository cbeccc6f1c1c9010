"""No command writes over an input of its run (impactchain._output_inputs): the model files,
the data files their soft outcomes read (data, data_post), their price index file, a portfolio
file and its actuals, by the same name, another name of the same file (a hard link) or through
a link. Each is refused as a wrong command line (exit 2), and the input keeps its bytes."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

import impactchain as ic
from impactchain._output import OutputError
from impactchain.cli import main
from impactchain.report import write_report

sys.path.insert(0, str(Path(__file__).parent))
from test_price_series import MODEL, STATLINE

SOFT = """\
soft_outcomes:
  - id: wellbeing
    data: surveys/before.csv
    data_post: surveys/after.csv
    id_column: id
    scale: {items: [v1, v2], item_min: 1, item_max: 5}
    pre: [v1, v2]
    post: [v1, v2]
"""
BEFORE = "id,v1,v2\n1,2,2\n2,3,3\n3,1,2\n"
AFTER = "id,v1,v2\n1,4,4\n2,3,4\n3,3,3\n"


def _model(folder: Path, price_file: str = "prices/yearly.csv", name: str = "Buurtwerk") -> Path:
    """A model file in ``folder`` with two survey files and a price index file, all written."""
    (folder / "surveys").mkdir(parents=True, exist_ok=True)
    (folder / "surveys" / "before.csv").write_text(BEFORE, encoding="utf-8")
    (folder / "surveys" / "after.csv").write_text(AFTER, encoding="utf-8")
    (folder / price_file).parent.mkdir(parents=True, exist_ok=True)
    (folder / price_file).write_text(STATLINE, encoding="utf-8", newline="")
    text = MODEL.replace("name: Buurtwerk", f"name: {name}") + SOFT
    path = folder / f"{name.lower()}.yaml"
    path.write_text(text + f"price_index: {{file: {price_file}, series: CBS 83131NED}}\n", encoding="utf-8")
    return path


def _refused(argv: list[str], kept: Path, capsys) -> str:
    """Runs the command: exit 2, the input's bytes unchanged; the error text."""
    before = kept.read_bytes()
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert kept.read_bytes() == before
    assert "is an input of this run" in err, err
    return err


def test_model_inputs_are_its_file_its_data_files_and_its_price_index_file(tmp_path):
    from impactchain._output_inputs import model_inputs

    path = _model(tmp_path)
    got = model_inputs(ic.load(path))
    assert [p.resolve() for p in got] == [
        path.resolve(),
        (tmp_path / "surveys" / "before.csv").resolve(),
        (tmp_path / "surveys" / "after.csv").resolve(),
        (tmp_path / "prices" / "yearly.csv").resolve(),
    ]


def test_value_csv_never_over_the_price_index_file(tmp_path, capsys):
    # the valuation's tables include yearly.csv: the name of the price index file in prices/
    model = _model(tmp_path, "prices/yearly.csv")
    err = _refused(
        ["value", str(model), "--format", "csv", "-o", str(tmp_path / "prices")],
        tmp_path / "prices" / "yearly.csv",
        capsys,
    )
    assert "usage: impactchain value" in err
    assert sorted(p.name for p in (tmp_path / "prices").iterdir()) == ["yearly.csv"]


@pytest.mark.parametrize(
    ("key", "survey_file", "command"),
    [
        pytest.param("data", "before", ["value", "-o", "{survey}", "{model}"], id="value-xlsx"),
        pytest.param("data_post", "after", ["export", "{model}", "-o", "{survey}", "--quiet"], id="export"),
    ],
)
def test_no_command_writes_over_a_survey_workbook(tmp_path, capsys, key, survey_file, command):
    # The model reads its survey (its before or its after file) from a workbook, and the command
    # is told to write its output to that workbook.
    model = _model(tmp_path)
    survey = tmp_path / "surveys" / f"{survey_file}.xlsx"
    survey.write_bytes(b"a survey workbook")
    text = model.read_text(encoding="utf-8")
    assert f"{key}: surveys/{survey_file}.csv\n" in text
    model.write_text(
        text.replace(f"{key}: surveys/{survey_file}.csv\n", f"{key}: surveys/{survey_file}.xlsx\n"), encoding="utf-8"
    )
    _refused([w.format(model=model, survey=survey) for w in command], survey, capsys)


def test_simulate_csv_never_over_a_price_file_named_like_a_table(tmp_path, capsys):
    model = _model(tmp_path, "prices/central.csv")
    argv = ["simulate", str(model), "--draws", "50", "--quiet", "--format", "csv", "-o", str(tmp_path / "prices")]
    _refused(argv, tmp_path / "prices" / "central.csv", capsys)


def test_compare_never_over_a_data_file_by_another_name(tmp_path, capsys):
    a, b = _model(tmp_path / "a", name="A"), _model(tmp_path / "b", name="B")
    out = tmp_path / "tables.xlsx"
    os.link(tmp_path / "b" / "surveys" / "after.csv", out)  # the after file of B, under another name
    _refused(["compare", str(a), str(b), "--draws", "50", "--quiet", "-o", str(out)], out, capsys)


def test_compare_never_over_the_comparators_own_file(tmp_path, capsys):
    a, b, c = (_model(tmp_path / n, name=n) for n in "ABC")
    out = tmp_path / "tables.xlsx"
    os.link(c, out)  # the comparator's model file, given by --comparator only
    _refused(["compare", str(a), str(b), "--comparator", str(c), "--quiet", "-o", str(out)], c, capsys)


def test_report_never_over_the_price_index_file(tmp_path, capsys):
    model = _model(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    os.link(tmp_path / "prices" / "yearly.csv", out / "report.md")
    argv = ["report", str(model), "-o", f"{out}/", "--format", "md", "--draws", "100", "--quiet"]
    _refused(argv, tmp_path / "prices" / "yearly.csv", capsys)


def test_an_input_reached_through_a_link_is_refused_too(tmp_path, capsys):
    model = _model(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "summary.csv").write_text(BEFORE, encoding="utf-8")
    (tmp_path / "surveys" / "before.csv").unlink()
    (tmp_path / "surveys" / "before.csv").symlink_to(out / "summary.csv")  # the model reads the output, by a link
    _refused(["value", str(model), "--format", "csv", "-o", str(out)], out / "summary.csv", capsys)


def test_import_valuemap_never_over_its_workbook(tmp_path, capsys):
    assert main(["init", str(tmp_path / "start")]) == 0
    capsys.readouterr()
    workbook = tmp_path / "start" / "valuemap.xlsx"
    os.link(workbook, tmp_path / "model.yaml")
    _refused(["import-valuemap", str(workbook), "-o", str(tmp_path / "model.yaml"), "--quiet"], workbook, capsys)


def test_portfolio_never_over_a_members_files_nor_the_portfolio_file(tmp_path, capsys):
    _model(tmp_path)
    portfolio = tmp_path / "portfolio.yaml"
    portfolio.write_text(
        "impactchain: 1\nname: Fonds\ncurrency: EUR\nprice_year: 2024\n"
        "members:\n  - {organisation: Buurtwerk, period: 2024, model: buurtwerk.yaml}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    (out / "tables").mkdir(parents=True)
    os.link(tmp_path / "prices" / "yearly.csv", out / "report.md")  # a member's price index file
    argv = ["portfolio", str(portfolio), "-o", f"{out}/", "--draws", "100", "--quiet"]
    _refused(argv, tmp_path / "prices" / "yearly.csv", capsys)
    (out / "report.md").unlink()
    os.link(portfolio, out / "tables" / "members.csv")
    _refused(argv, portfolio, capsys)


def test_init_writes_only_into_a_new_or_empty_folder(tmp_path, capsys):
    model = _model(tmp_path)
    before = model.read_bytes()
    assert main(["init", str(tmp_path)]) == 1  # a folder that holds anything is refused
    assert "the directory is not empty" in capsys.readouterr().err
    assert model.read_bytes() == before


def test_write_report_of_models_never_over_their_files(tmp_path):
    model = ic.load(_model(tmp_path))
    kept = tmp_path / "surveys" / "after.csv"
    before = kept.read_bytes()
    os.link(kept, tmp_path / "surveys" / "report.md")
    with pytest.raises(OutputError, match=r"report\.md: is an input of this run"):
        write_report([model], tmp_path / "surveys" / "report.md", draws=100)
    assert kept.read_bytes() == before


def test_results_never_write_their_tables_over_the_files_they_were_computed_from(tmp_path):
    # A result of value, simulate or compare knows the models it was computed from: its
    # to_excel and to_csv refuse their files as the commands do, without inputs= given.
    import pickle

    path = _model(tmp_path / "a", name="A")
    model = ic.load(path)
    results = {
        "value": ic.value(model),
        "value of a path": ic.value(str(path)),
        "simulate": ic.simulate(model, draws=50, seed=1),
        "compare": ic.compare([model, ic.load(_model(tmp_path / "b", name="B"))]),
    }
    survey = tmp_path / "a" / "surveys" / "after.csv"
    before = survey.read_bytes()
    os.link(survey, tmp_path / "tables.xlsx")  # the survey file under another name
    (tmp_path / "out").mkdir()
    os.link(survey, tmp_path / "out" / "summary.csv")  # ... and named like a table
    for what, result in results.items():
        with pytest.raises(OutputError, match=r"tables\.xlsx: is an input of this run"):
            result.to_excel(tmp_path / "tables.xlsx")
        with pytest.raises(OutputError, match=r"summary\.csv: is an input of this run"):
            result.to_csv(tmp_path / "out")
        with pytest.raises(OutputError, match=r"a\.yaml: is an input of this run"):
            result.to_excel(path)
        assert survey.read_bytes() == before and path.read_text(encoding="utf-8").startswith("impactchain"), what
    # Read back from a pickle, a result is equal and no longer tied to those files.
    again = pickle.loads(pickle.dumps(results["value"]))
    assert again == results["value"]
    assert again.to_csv(tmp_path / "elsewhere")
