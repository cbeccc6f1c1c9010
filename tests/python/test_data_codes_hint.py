"""A survey's word for "no answer" (``n.v.t.``) in a score column is refused with the entry's
``missing`` suggested, in a CSV with a decimal comma as in a workbook, not with a hint about the
decimal mark (which stays for cells written as numbers: ``1.5``, ``1.234,5``)."""

from __future__ import annotations

import pytest

from impactchain._data import DataFileError
from impactchain._soft_data import read_soft_data

SPEC = {"id": "wb", "data": "enquete.csv", "pre": "voor", "post": "na", "csv": {"sep": ";", "decimal": ","}}
HINT = "if 'n.v.t.' means no answer, give missing: [n.v.t.] (an answer's label goes in answers: {label: number})"


def _refusal(folder, text: str, **kw: object) -> str:
    (folder / "enquete.csv").write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as e:
        read_soft_data({**SPEC, **kw}, folder, where="wb")
    return str(e.value)


def test_a_word_in_a_decimal_comma_csv_gets_the_missing_hint(tmp_path):
    got = _refusal(tmp_path, "id;voor;na\nA;3,5;n.v.t.\nB;2;4\n")
    assert got == (
        "wb: enquete.csv: row 2, column 'na': 'n.v.t.' is not a number (an empty cell or NA, N/A, NaN is a "
        f"missing value); {HINT}"
    )
    assert "decimal mark" not in got


@pytest.mark.parametrize("cell", ["1.5", "1.234,5", "-0.5"])
def test_a_number_with_a_dot_keeps_the_decimal_hint(tmp_path, cell):
    got = _refusal(tmp_path, f"id;voor;na\nA;3,5;{cell}\nB;2;4\n")
    assert got == (
        f"wb: enquete.csv: row 2, column 'na': '{cell}' has a '.', but the file's decimal mark is ',' "
        "(write 3,5 for three and a half; no thousands marks)"
    )


def test_several_words_are_suggested_once_each_and_quoted_where_yaml_needs_it(tmp_path):
    got = _refusal(tmp_path, "id;voor;na\nA;weet niet;n.v.t.\nB;2;n.v.t.\nC;a: b;4\n")
    assert got.split("\n")[0] == (
        "wb: enquete.csv: 4 cells are not numbers (an empty cell or NA, N/A, NaN is a missing value); if "
        "'weet niet', 'n.v.t.', 'a: b' mean no answer, give missing: [weet niet, n.v.t., \"a: b\"] "
        "(an answer's label goes in answers: {label: number}):"
    )


def test_a_workbook_word_gets_the_same_hint(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for row in (["id", "voor", "na"], ["A", 3.5, "n.v.t."], ["B", 2, 4]):
        book.active.append(row)
    book.save(tmp_path / "enquete.xlsx")
    with pytest.raises(DataFileError) as e:
        read_soft_data({"id": "wb", "data": "enquete.xlsx", "pre": "voor", "post": "na"}, tmp_path, where="wb")
    assert str(e.value).endswith(HINT)
