"""Rows that are not answers: those below the header a survey tool writes (a soft outcome's
``skip_rows``: a Qualtrics export's question texts and import ids on rows 2 and 3), and a title
above the column names (``header_row``), are left out and stated (docs/soft.md, "Rows that are
not answers", "A title above the column names")."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import impactchain as ic
from impactchain._data import DataFileError

DOCS = Path(__file__).resolve().parents[2] / "docs"

# A Qualtrics export: the header, the question texts (row 2), the import ids (row 3), then the
# answers. R_1 went from 5 to 7, R_2 stayed at 6, R_3 gave no after answer: mean change
# ((7 - 5) + (6 - 6)) / 2 = 1.
QUALTRICS = [
    "ResponseId,Q1,Q2",
    '"Response ID","Hoe tevreden bent u nu? (voor)","Hoe tevreden bent u nu? (na)"',
    '"{""ImportId"":""_recordId""}","{""ImportId"":""QID1""}","{""ImportId"":""QID2""}"',
    "R_1,5,7",
    "R_2,6,6",
    "R_3,4,",
]


def _entry(key: str = "skip_rows") -> dict:
    """docs/soft.md's entry with ``key``, as the model file loader reads it."""
    text = (DOCS / "soft.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"^ *```yaml\n(.*?)^ *```", text, re.S | re.M) if f"{key}:" in b)
    model = ic.loads("impactchain: 1\nname: x\n" + "\n".join(line[2:] for line in block.splitlines()), format="yaml")
    return model.soft_outcomes[0]


def _write(tmp_path: Path, lines=QUALTRICS, name: str = "qualtrics.csv") -> None:
    (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_the_docs_entry_leaves_the_rows_out_and_says_so(tmp_path):
    _write(tmp_path)
    spec = _entry()
    assert spec["skip_rows"] == [2, 3]
    s = ic.soft_outcome_summary({**spec, "resamples": 0}, tmp_path)
    assert (s.n_rows, s.n_used) == (3, 2)
    assert s.groups.loc["all", "mean_change"] == pytest.approx(1, abs=1e-12)
    assert [(r["row"], r["id"], r["missing"]) for r in s.rows_not_used] == [(6, "R_3", ["post"])]  # rows as in the file
    assert "qualtrics.csv: 2 rows below the header not read, as skip_rows says: 2, 3" in s.assumptions


def test_without_it_the_cells_are_refused_with_the_hint(tmp_path):
    _write(tmp_path)
    spec = {k: v for k, v in _entry().items() if k != "skip_rows"}
    with pytest.raises(DataFileError, match=r"4 cells are not numbers") as e:
        ic.soft_outcome_summary(spec, tmp_path)
    assert "if rows 2, 3 hold more header text, skip_rows: [2, 3] leaves them out" in str(e.value)
    # A respondent's typo in the first row is no header row: no hint.
    _write(tmp_path, [QUALTRICS[0], "R_1,5,zeven", "R_2,6,6"])
    with pytest.raises(DataFileError, match=r"row 2, column 'Q2': 'zeven' is not a number") as e:
        ic.soft_outcome_summary(spec, tmp_path)
    assert "skip_rows" not in str(e.value)


def test_a_row_the_file_lacks_is_refused(tmp_path):
    _write(tmp_path)
    with pytest.raises(DataFileError, match=r"skip_rows names rows 9, 12, which the file does not have .*rows 2 to 6"):
        ic.soft_outcome_summary({**_entry(), "skip_rows": [2, 9, 3, 12]}, tmp_path)


def test_a_sheets_rows_are_its_row_numbers(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["ResponseId", "Q1", "Q2"])
    book.active.append(["Response ID", "voor", "na"])
    book.active.append(["R_1", 5, 7])
    book.active.append(["R_2", 6, 6])
    book.save(tmp_path / "qualtrics.xlsx")
    spec = {**_entry(), "data": "qualtrics.xlsx", "skip_rows": [2]}
    s = ic.soft_outcome_summary({**spec, "resamples": 0}, tmp_path)
    assert (s.n_rows, s.n_used) == (2, 2)
    assert "qualtrics.xlsx: 1 row below the header not read, as skip_rows says: 2" in s.assumptions


def test_both_files_of_a_follow_up_leave_the_rows_out(tmp_path):
    _write(tmp_path, [*QUALTRICS[:3], "R_1,5,0", "R_2,6,0"], "voor.csv")
    _write(tmp_path, [*QUALTRICS[:3], "R_2,0,8", "R_1,0,7"], "na.csv")
    spec = {**_entry(), "data": "voor.csv", "data_post": "na.csv"}
    s = ic.soft_outcome_summary({**spec, "resamples": 0}, tmp_path)
    # R_1: 7 - 5 = 2, R_2: 8 - 6 = 2
    assert (s.n_rows, s.n_used) == (2, 2)
    assert s.groups.loc["all", "mean_change"] == pytest.approx(2, abs=1e-12)
    said = " ".join(s.assumptions)
    assert "voor.csv: 2 rows below the header not read" in said and "na.csv: 2 rows below the header not read" in said


@pytest.mark.parametrize(
    "rows, message",
    [
        ("2, 3", r"skip_rows must be a list of row numbers"),
        ([1], r"skip_rows\[0\]: expected a row number below the header \(a whole number from 2\), got 1"),
        ([2, "3"], r"skip_rows\[1\]: expected a row number below the header"),
        ([2, 3, 2], r"skip_rows\[2\]: row 2 is listed twice \(also skip_rows\[0\]\)"),
    ],
)
def test_rows_given_in_python_are_checked(tmp_path, rows, message):
    _write(tmp_path)
    with pytest.raises(ValueError, match=message):
        ic.soft_outcome_summary({**_entry(), "skip_rows": rows}, tmp_path)


def test_a_dataframe_takes_no_skip_rows(tmp_path):
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"ResponseId": ["R_1"], "Q1": [5.0], "Q2": [7.0]})
    with pytest.raises(ValueError, match="leave the rows out of the DataFrame instead"):
        ic.soft_outcome_summary({**_entry(), "data": frame}, tmp_path)


# A sheet made by hand: a title, an empty row, the column names on row 3, then the answers from
# row 4. nr 1: 5 -> 7, nr 2: 6 -> 6, nr 3: no after answer (row 6); mean change 1.
TITLED = [["Enquête Buurtkamer 2024"], [], ["nr", "voor", "na"], [1, 5, 7], [2, 6, 6], [3, 4, None]]


def test_the_docs_entry_reads_the_names_below_a_title(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for row in TITLED:
        book.active.append(row)
    book.save(tmp_path / "enquete.xlsx")
    spec = _entry("header_row")
    assert spec["header_row"] == 3
    s = ic.soft_outcome_summary({**spec, "resamples": 0}, tmp_path)
    assert (s.n_rows, s.n_used) == (3, 2)
    assert s.groups.loc["all", "mean_change"] == pytest.approx(1, abs=1e-12)
    assert [(r["row"], r["id"]) for r in s.rows_not_used] == [(6, 3)]  # the sheet's own row number
    assert (
        "enquete.xlsx: the column names read from row 3, as header_row says; the rows above it are not data"
        in s.assumptions
    )


def test_a_csv_with_a_title_reads_the_same_with_its_separator_found_on_the_names_row(tmp_path):
    lines = ["Enquête Buurtkamer 2024, eerste ronde", "", "nr;voor;na", "1;5;7", "2;6;6", "3;4;"]
    (tmp_path / "enquete.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    spec = {**_entry("header_row"), "data": "enquete.csv"}
    s = ic.soft_outcome_summary({**spec, "resamples": 0}, tmp_path)
    assert (s.n_rows, s.n_used) == (3, 2)
    assert s.groups.loc["all", "mean_change"] == pytest.approx(1, abs=1e-12)
    assert (
        "enquete.csv: fields separated by ';' (separator detected: it splits the header row into the most columns)"
        in s.assumptions
    )
    # skip_rows names rows below the names: row 4 (nr 1) left out, the rows keep their numbers
    t = ic.soft_outcome_summary({**spec, "skip_rows": [4], "resamples": 0}, tmp_path)
    assert (t.n_rows, t.n_used) == (2, 1) and [r["row"] for r in t.rows_not_used] == [6]
    with pytest.raises(DataFileError, match=r"skip_rows names row 2, which the file does not have .*rows 4 to 6"):
        ic.soft_outcome_summary({**spec, "skip_rows": [2]}, tmp_path)


def test_an_empty_names_row_and_files_without_header_rows_are_refused(tmp_path):
    (tmp_path / "enquete.csv").write_text("Titel\n\n\nnr,voor,na\n1,5,7\n", encoding="utf-8")
    spec = {**_entry("header_row"), "data": "enquete.csv"}
    with pytest.raises(
        DataFileError, match=r"enquete\.csv: row 3 is empty, but header_row says the column names are there"
    ):
        ic.soft_outcome_summary(spec, tmp_path)
    pd = pytest.importorskip("pandas")
    with pytest.raises(
        DataFileError, match=r"'header_row' applies to CSV files and workbooks only, not to a DataFrame"
    ):
        ic.soft_outcome_summary({**spec, "data": pd.DataFrame({"nr": [1], "voor": [5.0], "na": [7.0]})}, tmp_path)
    with pytest.raises(ValueError, match=r"header_row must be from 1 to 1000 \(the row of the column names\), got 0"):
        ic.soft_outcome_summary({**spec, "header_row": 0}, tmp_path)


@pytest.mark.parametrize(
    ("rest", "place", "schema_too"),
    [
        ("skip_rows: [1]", "skip_rows[0]", True),
        ("skip_rows: [2, 2]", "skip_rows[1]", True),
        ("skip_rows: [2.5]", "skip_rows[0]", True),
        ("header_row: 0", "header_row", True),
        ("header_row: 1001", "header_row", True),
        ("header_row: 3, skip_rows: [3]", "skip_rows[0]", False),  # two keys compared: the loader's check only
    ],
)
def test_the_loader_and_the_schema_refuse_the_same_rows(rest, place, schema_too):
    jsonschema = pytest.importorskip("jsonschema")
    yaml = pytest.importorskip("yaml")
    validator = jsonschema.Draft202012Validator(json.loads((DOCS / "model.schema.json").read_text(encoding="utf-8")))
    text = "impactchain: 1\nname: x\nsoft_outcomes:\n  - {id: w, data: q.xlsx, REST, pre: a, post: b}\n"
    assert not list(validator.iter_errors(yaml.safe_load(text.replace("REST", "header_row: 3, skip_rows: [4]"))))
    with pytest.raises(ValueError, match=rf"soft_outcomes\[0\]\.{re.escape(place)}: "):
        ic.loads(text.replace("REST", rest), format="yaml")
    assert bool(list(validator.iter_errors(yaml.safe_load(text.replace("REST", rest))))) == schema_too
    with pytest.raises(ValueError, match=r"header_row applies to CSV files and workbooks"):
        ic.loads(text.replace("REST", "header_row: 3").replace("q.xlsx", "q.sav"), format="yaml")


# The audit's export: a BOM, and the question text of Q1 over two lines, so the import ids start on
# line 4: its rows are 2 (lines 2 and 3), 4, and the answers 5 to 7. R_abc 6 -> 7, R_def 5 -> 8,
# R_ghi no before: mean change ((7 - 6) + (8 - 5)) / 2 = 2.
TWO_LINE_QUESTION = (
    "\ufeffStartDate,ResponseId,Q1,Q2\r\n"
    '"Start Date","Response ID","Hoe tevreden bent u,\nalles bij elkaar?","En nu?"\r\n'
    '"{""ImportId"":""startDate""}","{""ImportId"":""_recordId""}","{""ImportId"":""QID1""}","{""ImportId"":""QID2""}"\r\n'
    "2024-03-01 10:00:00,R_abc,6,7\r\n"
    "2024-03-01 11:00:00,R_def,5,8\r\n"
    "2024-03-02 09:00:00,R_ghi,,9\r\n"
)


def test_a_question_text_over_two_lines_is_explained_and_the_rows_listed(tmp_path):
    (tmp_path / "q.csv").write_text(TWO_LINE_QUESTION, encoding="utf-8", newline="")
    spec = {"id": "welzijn", "data": "q.csv", "id_column": "ResponseId", "pre": "Q1", "post": "Q2"}
    with pytest.raises(DataFileError) as e:
        ic.soft_outcome_summary({**spec, "skip_rows": [2, 3]}, tmp_path)
    assert str(e.value) == (
        "soft outcome 'welzijn': q.csv: skip_rows names row 3, which the file does not have as a row of data "
        "(it has rows 2, 4 to 7); rows are numbered by the line each starts on: line 3 is part of row 2 (a quoted "
        "text with a line break, such as a question text) or a blank line, and the row after row 2 is row 4"
    )
    s = ic.soft_outcome_summary({**spec, "skip_rows": [2, 4], "resamples": 0}, tmp_path)
    assert (s.n_rows, s.n_used) == (3, 2)
    assert s.groups.loc["all", "mean_change"] == pytest.approx(2, abs=1e-12)
    # without skip_rows: the header rows are suggested first, and a question text is no code of missing
    with pytest.raises(DataFileError) as e:
        ic.soft_outcome_summary(spec, tmp_path)
    msg = str(e.value)
    assert (
        "(an empty cell or NA, N/A, NaN is a missing value); if rows 2, 4 hold more header text, skip_rows: [2, 4] leaves them out:"
        in msg
    )
    assert "missing: [" not in msg
