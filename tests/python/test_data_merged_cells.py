"""Merged cells of a workbook: only the first of them holds the value, so the others read as empty.
A group label, id or score lost so is named with the merged range (from the sheet's mergeCells),
so the user knows to unmerge rather than to look for a missing answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from impactchain._data import DataFileError
from impactchain._i18n import words
from impactchain._soft_data import read_soft_data

SPEC = {"id": "wb", "data": "enquete.xlsx", "pre": "voor", "post": "na", "id_column": "nr"}


def _book(folder: Path, merges: tuple[str, ...]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    rows = [["nr", "wijk", "voor", "na"], [1, "Noord", 20, 22], [2, "Noord", 21, 23], [3, "Zuid", 19, 24]]
    rows += [[4, "Zuid", 20, 24]]
    for row in rows:
        book.active.append(row)
    for ref in merges:  # merging keeps the first cell's value and empties the others
        book.active.merge_cells(ref)
    book.save(folder / "enquete.xlsx")


def test_a_group_label_merged_over_rows_is_named_as_merged(tmp_path):
    _book(tmp_path, ("B2:B3",))
    with pytest.raises(DataFileError) as e:
        read_soft_data({**SPEC, "group": "wijk"}, tmp_path, where="wb")
    assert str(e.value) == (
        "wb: enquete.xlsx: row 3, column 'wijk': no group label (the cell is part of merged cells B2:B3; "
        "unmerge them and fill each row)"
    )


def test_an_id_merged_over_rows_is_named_as_merged(tmp_path):
    _book(tmp_path, ("A4:A5",))
    with pytest.raises(DataFileError, match=r"row 5, column 'nr': no id \(the cell is part of merged cells A4:A5;"):
        read_soft_data(SPEC, tmp_path, where="wb")


def test_a_merged_after_score_is_a_warning_with_the_row_not_used(tmp_path):
    _book(tmp_path, ("D4:D5",))
    data = read_soft_data(SPEC, tmp_path, where="wb")
    assert [r["row"] for r in data.rows_not_used] == [5]  # its after score is the merged one
    assert [str(w) for w in data.warnings] == [
        "enquete.xlsx: 1 score cell is read as empty because it is part of merged cells, so its row lacks that "
        "score: row 5, column 'na' (D4:D5); unmerge them and fill each row"
    ]
    assert data.warnings[0].in_language(words("nl")).startswith("enquete.xlsx: 1 cel met een score is als leeg")


def test_a_merge_across_columns_names_the_score_cell_it_emptied(tmp_path):
    _book(tmp_path, ("C2:D2",))  # a merge across columns of row 2: its 'na' is empty, row 3 is not
    data = read_soft_data(SPEC, tmp_path, where="wb")
    assert [r["row"] for r in data.rows_not_used] == [2]
    assert "row 2, column 'na' (C2:D2)" in str(data.warnings[0])
