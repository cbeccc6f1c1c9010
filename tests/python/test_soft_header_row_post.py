"""``header_row`` applies to ``data_post`` too: when the after file's column names are not on that
row, its refusal says that header_row was applied to it as well (docs/soft.md, "A title above the
column names"); a column not found is named at the header row read."""

from __future__ import annotations

import pytest

from impactchain._data import DataFileError
from impactchain._soft_data import read_soft_data

BEFORE = "Enquête Buurtkamer 2024\n\nnr,voor\n1,3\n2,4\n3,2\n"
SPEC = {"id": "wb", "data": "voor.csv", "data_post": "na.csv", "header_row": 3, "id_column": "nr", "pre": "voor"}
NOTE = (
    "; header_row: 3 applies to data_post as well as to data, so the column names of 'na.csv' were read from "
    "its row 3 (put the column names of both files on the same row: delete the rows above them in one file, "
    "or add them)"
)


def _refusal(folder, after: str, **kw: object) -> str:
    (folder / "voor.csv").write_text(BEFORE, encoding="utf-8")
    (folder / "na.csv").write_text(after, encoding="utf-8")
    with pytest.raises(DataFileError) as e:
        read_soft_data({**SPEC, "post": "na", **kw}, folder, where="wb")
    return str(e.value)


def test_duplicate_names_on_the_after_files_header_row_say_header_row_applied(tmp_path):
    got = _refusal(tmp_path, "nr,na\n1,4\n2,2\n3,3\n")
    assert got == f"wb: na.csv: row 3: duplicate column names '2'{NOTE}"


def test_columns_not_found_in_the_after_file_say_header_row_applied(tmp_path):
    got = _refusal(tmp_path, "nr,na\n1,4\n2,5\n3,3\n")
    assert got.startswith(
        "wb: na.csv: row 3: columns 'na', 'nr' not found (named by post, id_column); the file's columns are: 2, 5"
    )
    assert got.endswith(NOTE)


def test_a_column_not_found_in_the_before_file_is_named_at_its_header_row(tmp_path):
    (tmp_path / "na.csv").write_text("Titel\n\nnr,na\n1,4\n2,5\n3,3\n", encoding="utf-8")
    (tmp_path / "voor.csv").write_text(BEFORE, encoding="utf-8")
    with pytest.raises(DataFileError) as e:
        read_soft_data({**SPEC, "pre": "vooraf", "post": "na"}, tmp_path, where="wb")
    assert str(e.value).startswith("wb: voor.csv: row 3: column 'vooraf' not found (named by pre)")
    assert "header_row: 3 applies" not in str(e.value)
