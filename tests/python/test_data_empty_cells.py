"""What Excel writes into a survey file that holds nothing: a separator at the end of every line
(``a;b;c;``: a column without a name), lines of only separators (``;;;;``) and blank lines. Rows
whose every cell is empty are no respondents and unnamed empty columns are not read, each stated;
an unnamed column that holds a value is refused with its position. CSV (both readers) and .xlsx."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from impactchain import _data_csv
from impactchain._data import DataFileError, Table, read_table
from impactchain._data_check import check_model_data
from impactchain._i18n import words
from impactchain._soft_data import read_soft_data

#: The two CSV readers: the csv module (a small file) and pandas' C parser (a large one).
READERS = {"csv-module": 10**12, "pandas": 0}

# A survey as Excel exports it: ';' after the last field of every line, a blank line and three
# lines of only separators below the answers. Lines: 1 header, 2-4 answers, 5 blank, 6-8 ';;;;'.
EXCEL = "Respondent;Wijk;voor;na;\n1;Noord;20;22;\n2;Zuid;21;25;\n3;Noord;19;24;\n\n;;;;\n;;;;\n;;;;\n"
SPEC = {"id": "wb", "data": "enquete.csv", "pre": "voor", "post": "na", "group": "Wijk", "id_column": "Respondent"}


def _write(folder: Path, text: str) -> Path:
    path = folder / "enquete.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _read(path: Path, reader: str, monkeypatch: pytest.MonkeyPatch) -> Table:
    monkeypatch.setattr(_data_csv, "FRAME_PARSER_BYTES", READERS[reader])
    return read_table(path)


@pytest.mark.parametrize("reader", READERS)
def test_excel_trailing_separator_and_empty_lines_are_not_read_and_stated(tmp_path, reader, monkeypatch):
    t = _read(_write(tmp_path, EXCEL), reader, monkeypatch)
    assert list(t.columns) == ["Respondent", "Wijk", "voor", "na"]
    assert list(t.lines) == [2, 3, 4]
    assert [str(s) for s in t.reading[3:]] == [
        "enquete.csv: 4 rows with every cell empty not read (rows 5–8)",
        "enquete.csv: 1 column without a name and without values not read (column 5)",
    ]
    assert [s.in_language(words("nl")) for s in t.reading[3:]] == [
        "enquete.csv: 4 rijen met alleen lege cellen niet gelezen (rijen 5–8)",
        "enquete.csv: 1 kolom zonder naam en zonder waarden niet gelezen (kolom 5)",
    ]


def test_excel_csv_soft_outcome_is_valid_with_its_rows(tmp_path):
    _write(tmp_path, EXCEL)
    data = read_soft_data(SPEC, tmp_path, where="wb")
    # by hand: the three respondents' scores, nobody left out
    assert (data.pre_scores, data.post_scores, data.group_labels) == (
        [20, 21, 19],
        [22, 25, 24],
        ["Noord", "Zuid", "Noord"],
    )
    assert data.rows_not_used == ()
    found = check_model_data(SimpleNamespace(soft_outcomes=[SPEC], indicators=[]), tmp_path)
    assert found.problems == []
    assert "enquete.csv: 4 rows with every cell empty not read (rows 5–8)" in found.notes


@pytest.mark.parametrize("reader", READERS)
def test_two_trailing_separators_are_two_unnamed_empty_columns(tmp_path, reader, monkeypatch):
    t = _read(_write(tmp_path, "id;pre;post;;\nA;1;2;;\n\nB;3;4;;\n"), reader, monkeypatch)
    assert list(t.columns) == ["id", "pre", "post"] and t.columns["post"] == ["2", "4"]
    assert [str(s) for s in t.reading[3:]] == [
        "enquete.csv: 1 row with every cell empty not read (row 3)",
        "enquete.csv: 2 columns without a name and without values not read (columns 4, 5)",
    ]


@pytest.mark.parametrize("reader", READERS)
def test_blank_lines_alone_are_stated_by_both_readers(tmp_path, reader, monkeypatch):
    t = _read(_write(tmp_path, "id,pre,post\nA,1,2\n\nB,3,4\n\n\n"), reader, monkeypatch)
    assert list(t.lines) == [2, 4]
    assert [str(s) for s in t.reading[3:]] == ["enquete.csv: 3 rows with every cell empty not read (rows 3, 5–6)"]


@pytest.mark.parametrize("reader", READERS)
def test_an_unnamed_column_with_a_value_is_refused_by_its_position(tmp_path, reader, monkeypatch):
    path = _write(tmp_path, "id;pre;post;\nA;1;2;\nB;3;4;7\n")
    with pytest.raises(DataFileError) as e:
        _read(path, reader, monkeypatch)
    assert str(e.value) == (
        "data: enquete.csv: column 4 has no name in the header but holds values (row 3: '7'); name it or delete it"
    )
    _write(tmp_path, "id;;pre;post;\nA;x;1;2;\nB;;3;4;y\n")  # one in the middle too: both named
    with pytest.raises(DataFileError) as e:
        _read(path, reader, monkeypatch)
    assert str(e.value) == (
        "data: enquete.csv: 2 columns have no name in the header but hold values; name them or delete them:\n"
        "  column 2 (row 2: 'x')\n"
        "  column 5 (row 3: 'y')"
    )


def test_an_unnamed_empty_column_between_named_ones_is_not_read_and_stated(tmp_path):
    t = read_table(_write(tmp_path, "id;;pre;post\nA;;1;2\nB; ;3;4\n"))
    assert list(t.columns) == ["id", "pre", "post"]
    assert str(t.reading[-1]) == "enquete.csv: 1 column without a name and without values not read (column 2)"


def test_a_named_column_given_twice_is_still_refused(tmp_path):
    with pytest.raises(DataFileError, match=r"^data: enquete\.csv: row 1: duplicate column names 'pre'$"):
        read_table(_write(tmp_path, "id;pre;pre;;\nA;1;2;;\n"))


# --------------------------------------------------------------------------- .xlsx


def _sheet(folder: Path, rows: list[list[object]], styled: tuple[str, ...] = ()) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    for n, row in enumerate(rows, start=1):
        for j, value in enumerate(row, start=1):
            book.active.cell(n, j, value)
    for ref in styled:  # a formatted cell without a value: the sheet's used range grows
        book.active[ref].font = Font(bold=True)
    path = folder / "enquete.xlsx"
    book.save(path)
    return path


def test_xlsx_empty_rows_are_stated_and_formatted_empty_columns_not_read(tmp_path):
    # rows 1 header, 2 and 4 answers, 3 empty; F2 and A6 formatted but empty (rows 5-6 empty)
    path = _sheet(tmp_path, [["id", "pre", "post"], ["A", 1, 2], [], ["B", 3, 4]], styled=("F2", "A6"))
    t = read_table(path)
    assert list(t.columns) == ["id", "pre", "post"] and list(t.lines) == [2, 4]
    assert [str(s) for s in t.reading[1:]] == ["enquete.xlsx: 3 rows with every cell empty not read (rows 3, 5–6)"]


def test_xlsx_unnamed_column_with_a_value_is_named_by_its_letter(tmp_path):
    path = _sheet(tmp_path, [["id", "pre", "post"], ["A", 1, 2], ["B", 3, 4, None, 7]])
    with pytest.raises(DataFileError) as e:
        read_table(path)
    assert str(e.value).startswith(
        "data: enquete.xlsx: column 5 (E) has no name in the header but holds values (row 3: '7'); name it or delete it"
    )
    path = _sheet(tmp_path, [["id", None, "pre", "post"], ["A", None, 1, 2], ["B", "x", 3, 4]])
    with pytest.raises(DataFileError) as e:
        read_table(path)
    assert str(e.value) == (
        "data: enquete.xlsx: column 2 (B) has no name in the header but holds values (row 3: 'x'); name it or delete it"
    )
    path = _sheet(tmp_path, [["id", None, "pre", "post"], ["A", None, 1, 2]])
    t = read_table(path)
    assert list(t.columns) == ["id", "pre", "post"] and t.columns["pre"] == [1]
    assert str(t.reading[-1]) == "enquete.xlsx: 1 column without a name and without values not read (column 2 (B))"
