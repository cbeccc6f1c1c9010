"""Spaces around an id are not part of it: every reader takes a cell without the spaces around it
(a CSV by either reader, a sheet's text cell, a DataFrame's), so ' 4' in one file is joined with
'4' in the other, and the reading says how many cells had them and the first (docs/soft.md,
"Before and after in two files"). Expected numbers are worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import impactchain as ic
from impactchain import _data_csv
from impactchain._data import read_table
from impactchain._i18n import words
from impactchain._soft_data import read_soft_data

# The audit's files: ' 4' (a leading space) before, '4' after. Joined: 002 (7 -> 8), 4 (5 -> 7):
# changes 1 and 2, mean 1.5; 001 and 1 are written otherwise (not joined, warned).
BEFORE = "id;groep;ls\n001;A;6\n002;A;7\n 4;B;5\n"
AFTER = "id;ls\n1;7\n002;8\n4;7\n"
SAID = (
    "voor.csv: cells with spaces around them read without those spaces, so ' 4' and '4' are the same id or "
    "label (cells: 1; the first: ' 4' on row 4, column 'id')"
)
SPEC = {"id": "ls", "data": "voor.csv", "data_post": "na.csv", "id_column": "id", "pre": "ls", "post": "ls"}


def _files(folder: Path) -> None:
    (folder / "voor.csv").write_text(BEFORE, encoding="utf-8")
    (folder / "na.csv").write_text(AFTER, encoding="utf-8")


@pytest.mark.parametrize("parser", [10**12, 0], ids=["csv-module", "pandas"])
def test_an_id_with_a_space_is_joined_and_the_reading_says_so(tmp_path, monkeypatch, parser):
    monkeypatch.setattr(_data_csv, "FRAME_PARSER_BYTES", parser)
    _files(tmp_path)
    s = ic.soft_outcome_summary({**SPEC, "resamples": 0}, tmp_path)
    assert s.groups.loc["all", "n"] == 2
    assert s.groups.loc["all", "mean_change"] == pytest.approx(1.5, abs=1e-12)
    assert SAID in s.assumptions
    (said,) = [x for x in read_table(tmp_path / "voor.csv").reading if x.key == "read_cells_spaces"]
    assert said.in_language(words("nl")) == (
        "voor.csv: cellen met spaties ervoor of erachter zonder die spaties gelezen, dus ' 4' en '4' zijn "
        "hetzelfde id of label (cellen: 1; de eerste: ' 4' op rij 4, kolom 'id')"
    )
    assert not [x for x in read_table(tmp_path / "na.csv").reading if x.key == "read_cells_spaces"]


def test_a_sheets_text_id_with_spaces_is_joined_with_a_csvs(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for row in (["nr", "ls"], [1, 5], [" 4 ", 6], ["7\t", 3]):
        book.active.append(row)
    book.save(tmp_path / "pre.xlsx")
    (tmp_path / "post.csv").write_text("nr;ls\n1;6\n4;9\n7;3\n", encoding="utf-8")
    spec = {"id": "ls", "data": "pre.xlsx", "data_post": "post.csv", "id_column": "nr", "pre": "ls", "post": "ls"}
    data = read_soft_data(spec, tmp_path, where="soft outcome 'ls'")
    assert data.n_used == 3  # 1: 5 -> 6, 4: 6 -> 9, 7: 3 -> 3
    assert [str(x) for x in data.table.reading if x.key == "read_cells_spaces"] == [
        "pre.xlsx: cells with spaces around them read without those spaces, so ' 4' and '4' are the same id or "
        "label (cells: 2; the first: ' 4 ' on row 3, column 'nr')"
    ]


def test_a_dataframes_cells_alike():
    frame = pd.DataFrame({"id": ["a", "b ", " c"], "voor": [1.0, 2.0, 3.0], "na": [2.0, 2.0, 5.0]})
    s = ic.soft_outcome_summary({"id": "x", "data": frame, "id_column": "id", "pre": "voor", "post": "na"})
    assert (
        "DataFrame: cells with spaces around them read without those spaces, so ' 4' and '4' are the same id or "
        "label (cells: 2; the first: 'b ' on row 1, column 'id')"
    ) in s.assumptions
    # within one file ' c' and 'c' are one id: given twice
    twice = pd.DataFrame({"id": ["c", " c"], "voor": [1.0, 2.0], "na": [2.0, 3.0]})
    with pytest.raises(ValueError, match=r"row 1, column 'id': id 'c' appears twice \(first on row 0\)"):
        ic.soft_outcome_summary({"id": "x", "data": twice, "id_column": "id", "pre": "voor", "post": "na"})


def test_a_file_without_such_cells_says_nothing_of_them(tmp_path):
    _files(tmp_path)
    (tmp_path / "voor.csv").write_text(BEFORE.replace(" 4;", "4;"), encoding="utf-8")
    assert not [x for x in read_table(tmp_path / "voor.csv").reading if x.key == "read_cells_spaces"]
