"""`impactchain validate` checks the data files a model's soft outcomes read: the file
exists, the columns are there, the cells are numbers inside the scale's range, and the
rows that will not be used are listed with the reason; `--no-data` skips all that."""

from __future__ import annotations

from pathlib import Path

import pytest

from impactchain.cli import main
from small_models import BUURTKAMER_HEAD

MODEL = (
    BUURTKAMER_HEAD
    + """\
chain:
  nodes:
    - {id: meetings, level: activity, quantity: 40, unit: participants}
    - {id: lonely_less, level: outcome, unit: persons}
  edges: [{from: meetings, to: lonely_less, rate: 0.3}]
outcomes:
  - {id: gp_visits, node: lonely_less, proxy: {value: 300, currency: EUR, source: "illustrative"}}
investments: [{funder: municipality, amount: 5000}]
soft_outcomes:
  - id: life_sat
    scale: ons4_life_satisfaction
    data: enquete.csv
    csv: {sep: ";", decimal: ",", encoding: cp1252}
    pre: voor
    post: na
    id_column: naam
"""
)


def _model(tmp_path: Path, survey: str | None) -> Path:
    (tmp_path / "model.yaml").write_text(MODEL, encoding="utf-8")
    if survey is not None:
        (tmp_path / "enquete.csv").write_bytes(survey.encode("cp1252"))
    return tmp_path / "model.yaml"


def test_rows_that_will_not_be_used_are_listed(tmp_path, capsys):
    path = _model(tmp_path, "naam;voor;na\r\nRenée;6,5;7\r\nJosé;5;\r\nAnouk;;8\r\nDaan;4;6,5\r\n")
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "valid, with its data files",
        "enquete.csv: read as cp1252 (the encoding given in csv.encoding)",
        "enquete.csv: fields separated by ';' (the separator given in csv.sep)",
        "enquete.csv: decimal mark ',' (given in csv.decimal)",
        "soft outcome 'life_sat': enquete.csv: 4 rows, 2 used, 2 not used:",
        "  row 3 (id José): no after score",
        "  row 4 (id Anouk): no before score",
    ]


def test_a_missing_survey_file_is_not_valid(tmp_path, capsys):
    path = _model(tmp_path, None)
    assert main(["validate", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "soft_outcomes[0].data: cannot read the data file 'enquete.csv': not found" in captured.err


def test_no_data_skips_the_data_files(tmp_path, capsys):
    path = _model(tmp_path, None)
    assert main(["validate", "--no-data", str(path)]) == 0
    assert capsys.readouterr().out.strip() == "valid (data files not checked: --no-data)"


def test_a_missing_column_is_named(tmp_path, capsys):
    path = _model(tmp_path, "naam;voor;nameting\r\nA;6;7\r\n")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "soft outcome 'life_sat': enquete.csv: row 1: column 'na' not found (named by post)" in err


@pytest.mark.parametrize("cell", ["12", "-1"])
def test_scores_outside_the_scale_are_named(tmp_path, capsys, cell):
    # ONS4 life satisfaction is scored 0-10
    path = _model(tmp_path, f"naam;voor;na\r\nA;6;7\r\nB;5;{cell}\r\n")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "enquete.csv (post) column 'na'" in err and "row 3" in err


def test_a_cell_that_is_not_a_number_is_named(tmp_path, capsys):
    path = _model(tmp_path, "naam;voor;na\r\nA;6;7\r\nB;vijf;7\r\n")
    assert main(["validate", str(path)]) == 1
    assert "enquete.csv: row 3, column 'voor': 'vijf' is not a number" in capsys.readouterr().err


def test_every_cell_that_is_not_a_number_is_named_at_once_in_file_order(tmp_path, capsys):
    # Three bad cells over both columns: all named in one run, row by row (row 3's 'na' before
    # row 4's 'voor'), not the first one only.
    path = _model(tmp_path, "naam;voor;na\r\nA;6;7\r\nB;vijf;zeven\r\nC;6 1/2;7\r\n")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    lines = [
        "enquete.csv: 3 cells are not numbers (an empty cell or NA, N/A, NaN is a missing value); if 'vijf', "
        "'zeven' mean no answer, give missing: [vijf, zeven] (an answer's label goes in answers: {label: number}):",
        "  row 3, column 'voor': 'vijf' is not a number",
        "  row 3, column 'na': 'zeven' is not a number",
        "  row 4, column 'voor': '6 1/2' is not a number",
    ]
    assert "\n".join(lines) in err, err


def test_more_than_twenty_bad_cells_are_listed_then_counted(tmp_path, capsys):
    rows = "".join(f"R{i};x;y\r\n" for i in range(12))  # 24 cells that are not numbers
    path = _model(tmp_path, "naam;voor;na\r\n" + rows)
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "24 cells are not numbers" in err
    assert err.count(" is not a number") == 20 and "  … and 4 more" in err
    assert "row 11, column 'na': 'y'" in err and "row 12, column" not in err  # 10 rows × 2 = 20 listed


def test_scores_outside_the_scale_in_pre_and_post_are_named_together(tmp_path, capsys):
    path = _model(tmp_path, "naam;voor;na\r\nA;11;7\r\nB;5;-2\r\n")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "enquete.csv (pre) column 'voor'" in err and "row 2: 11" in err
    assert "enquete.csv (post) column 'na'" in err and "row 3: -2" in err


def test_cells_scores_and_ids_that_do_not_fit_are_named_together(tmp_path, capsys):
    # Row 3: no id and 'vijf'; row 4: an id given before and a score of 11 (ONS4 is scored 0-10).
    path = _model(tmp_path, "naam;voor;na\r\nA;6;7\r\n;vijf;7\r\nA;11;7\r\n")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    # Counted under one heading, as a model file's problems are; each line names the file, not
    # the soft outcome again.
    assert err[0] == f"{path}: 4 problems in the data of soft outcome 'life_sat' (enquete.csv):"
    assert err[1] == (  # each under the heading, indented
        "  enquete.csv: row 3, column 'voor': 'vijf' is not a number (an empty cell or NA, N/A, NaN is a missing "
        "value); if 'vijf' means no answer, give missing: [vijf] (an answer's label goes in answers: {label: number})"
    )
    assert (
        err[2].startswith("  enquete.csv (pre) column 'voor': 1 score outside the range [0, 10]")
        and "(row 4: 11)" in err[2]
    )
    assert err[3:5] == [
        "  enquete.csv: row 3, column 'naam': no id",
        "  enquete.csv: row 4, column 'naam': id 'A' appears twice (first on row 2)",
    ]
    assert len(err) == 5


def test_a_csv_option_that_is_wrong_is_refused_by_the_loader(tmp_path, capsys):
    (tmp_path / "model.yaml").write_text(MODEL.replace('sep: ";"', 'sep: ":"'), encoding="utf-8")
    assert main(["validate", "--no-data", str(tmp_path / "model.yaml")]) == 1
    err = capsys.readouterr().err
    assert "soft_outcomes[0].csv.sep" in err and "csv.sep must be one of ',', ';', '\\t' (tab) or '|', got ':'" in err


# --------------------------------------------------------------------------- the docs


DOC = Path(__file__).resolve().parents[2] / "docs" / "soft.md"


def _block(kind: str, after: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(f"```{kind}\n", text.index(after)) + len(kind) + 4
    return text[start : text.index("```", start)]


def test_docs_validate_output_is_what_validate_prints(tmp_path, capsys):
    path = _model(tmp_path, "naam;voor;na\r\nRenée;6,5;7\r\nJosé;5;\r\nAnouk;;8\r\nDaan;4;6,5\r\n")
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out == _block("text", "### Checking the data before a report")


def test_docs_dutch_excel_snippet_loads_and_reads_a_dutch_file(tmp_path):
    import textwrap

    import impactchain as ic

    snippet = textwrap.dedent(_block("yaml", "A survey saved by Dutch Excel"))
    head = MODEL.split("soft_outcomes:")[0]
    model = ic.loads(head + snippet, format="yaml")
    (spec,) = model.soft_outcomes
    assert spec["csv"] == {"sep": ";", "decimal": ",", "encoding": "cp1252"}
    (tmp_path / "enquete.csv").write_bytes("voor;na\r\n6,5;7\r\n4;6,5\r\n".encode("cp1252"))
    out = ic.soft_outcome_summary(dict(spec, resamples=0), tmp_path)
    assert out.groups.loc["all", "mean_change"] == pytest.approx((0.5 + 2.5) / 2)
