"""A comma-separated CSV whose numbers are quoted Dutch decimals ("6,5", as Google Sheets/Forms and
other Dutch-locale tools write): a quoted field holds the separator as text, so the file is
unambiguous. Its decimal comma is detected (and may be given as ``csv: {decimal: ","}``); a number
with a '.' beside it is refused, and a refusal's advice is one that reads the file. Expected
numbers are worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

import impactchain as ic
from impactchain._data import DataFileError, read_table
from impactchain._i18n import words
from impactchain.cli import main

# The audit's file: respondent 1 before 6,5, respondent 2 after 7,5.
QUOTED = 'id,voor,na\n1,"6,5",7\n2,5,"7,5"\n3,4,5\n'
SPEC = {"id": "ls", "id_column": "id", "pre": "voor", "post": "na"}


def _file(folder: Path, text: str = QUOTED, name: str = "a.csv") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_quoted_decimal_commas_are_detected_and_said(tmp_path):
    t = read_table(_file(tmp_path))
    assert (t.sep, t.decimal) == (",", ",")
    assert t.values("voor") == [6.5, 5.0, 4.0] and t.values("na") == [7.0, 7.5, 5.0]
    said = t.reading[2]
    assert str(said) == "a.csv: decimal mark ',' (detected: numbers such as '6,5', none with the other mark)"
    assert said.in_language(words("nl")) == (
        "a.csv: decimaalteken ',' (herkend: getallen zoals '6,5', geen met het andere teken)"
    )


@pytest.mark.parametrize("csv", [None, {"decimal": ","}, {"sep": ",", "decimal": ","}])
def test_the_summary_reads_the_file_with_or_without_csv_decimal(tmp_path, csv):
    _file(tmp_path)
    spec = {**SPEC, "data": "a.csv", **({"csv": csv} if csv else {})}
    r = ic.soft_outcome_summary(spec, base_dir=tmp_path)
    row = r.table.loc["all"] if "all" in r.table.index else r.table.iloc[0]
    # before 6.5, 5, 4: mean 15.5 / 3; after 7, 7.5, 5: mean 19.5 / 3 = 6.5; changes 0.5, 2.5, 1: mean 4 / 3
    assert row["n"] == 3
    assert row["mean_pre"] == pytest.approx(15.5 / 3, abs=1e-12)
    assert row["mean_post"] == pytest.approx(6.5, abs=1e-12)
    assert row["mean_change"] == pytest.approx(4 / 3, abs=1e-12)


def test_crlf_line_ends_and_a_negative_number(tmp_path):
    t = read_table(_file(tmp_path, 'id,voor,na\r\n1,"6,5",7\r\n2,5,"-7,25"\r\n'))
    assert t.decimal == "," and t.values("voor") == [6.5, 5.0] and t.values("na") == [7.0, -7.25]


def test_a_comma_file_without_quoted_decimal_commas_keeps_the_point(tmp_path):
    t = read_table(_file(tmp_path, 'id,voor,na,opmerking\n1,6.5,7,"goed, echt"\n2,5,7.5,"3,5 uur"\n'))
    assert t.decimal == "." and t.values("voor") == [6.5, 5.0]  # '3,5 uur' is text, not a number
    assert str(t.reading[2]) == (
        "a.csv: decimal mark '.' (the fields are separated by commas, and no quoted number such as \"6,5\" "
        "has a decimal comma)"
    )


def test_both_marks_keep_the_point_and_the_advice_reads_the_file(tmp_path):
    # A comma-separated file always read a '.': with numbers of both marks it still does, and says why.
    _file(tmp_path, 'id,voor,na\n1,"6,5",7\n2,5.5,"7,5"\n')
    t = read_table(tmp_path / "a.csv")
    assert t.decimal == "."
    assert str(t.reading[2]) == (
        "a.csv: decimal mark '.' (the fields are separated by commas, and numbers such as '5.5' use a '.', so a "
        "quoted number such as '6,5' is not read with a decimal comma)"
    )
    with pytest.raises(DataFileError) as e:
        t.number_columns(["voor", "na"])
    msg = str(e.value)
    assert "row 2, column 'voor': '6,5' is not a number" in msg and "row 3, column 'na': '7,5' is not a number" in msg
    assert "give csv: {decimal: ','} if the file's numbers use a decimal comma" in msg
    t = read_table(tmp_path / "a.csv", csv={"decimal": ","})  # the advice: the '.' is then named at its row
    with pytest.raises(
        DataFileError, match=r"row 3, column 'voor': '5.5' has a '.', but the file's decimal mark is ','"
    ):
        t.values("voor")
    assert t.values("na") == [7.0, 7.5]


def test_a_decimal_comma_past_the_detected_part_gets_advice_that_works(tmp_path, monkeypatch):
    from impactchain import _data_csv

    monkeypatch.setattr(_data_csv, "DETECT_CHARS", 20)  # the first 20 characters hold no decimal
    t = read_table(_file(tmp_path, 'id,voor,na\n1,6,7\n2,5,7\n3,"4,5",5\n'))
    assert t.decimal == "."
    with pytest.raises(DataFileError) as e:
        t.values("voor")
    msg = str(e.value)
    assert "row 4, column 'voor': '4,5' is not a number" in msg
    assert "give csv: {decimal: ','} if the file's numbers use a decimal comma" in msg
    assert "set csv.decimal if that is wrong" not in msg
    assert read_table(tmp_path / "a.csv", csv={"decimal": ","}).values("voor") == [6.0, 5.0, 4.5]


def test_validate_reads_the_audits_model(tmp_path, capsys):
    _file(tmp_path)
    (tmp_path / "a.yaml").write_text(
        "impactchain: 1\nname: Test\n"
        "chain: {nodes: [{id: evenings, level: activity, quantity: 40, unit: evenings}]}\n"
        "soft_outcomes:\n  - {id: ls, data: a.csv, id_column: id, pre: voor, post: na}\n",
        encoding="utf-8",
    )
    assert main(["validate", str(tmp_path / "a.yaml")]) == 0
    out = capsys.readouterr().out
    assert "a.csv: decimal mark ','" in out and "3 rows, 3 used" in out


def test_a_model_file_may_give_the_comma_as_separator_and_decimal_mark(tmp_path, capsys):
    # csv: {sep: ",", decimal: ","} says what the file is: the loader takes it (it refused the pair).
    _file(tmp_path)
    (tmp_path / "a.yaml").write_text(
        "impactchain: 1\nname: Test\n"
        "chain: {nodes: [{id: evenings, level: activity, quantity: 40, unit: evenings}]}\n"
        "soft_outcomes:\n  - {id: ls, data: a.csv, id_column: id, pre: voor, post: na,"
        ' csv: {sep: ",", decimal: ","}}\n',
        encoding="utf-8",
    )
    assert main(["validate", str(tmp_path / "a.yaml")]) == 0
    assert "3 rows, 3 used" in capsys.readouterr().out
