"""Readers for the files people have: a CSV saved by Dutch Excel (';', decimal comma,
Windows-1252) with its separator, decimal mark and encoding detected or given, an .xlsx
workbook with two sheets, an SPSS .sav file with value labels, and a pandas DataFrame.
Every file is written here; every reading is checked against values written out by hand."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import impactchain as ic
from impactchain._data import DataFileError, read_table
from impactchain._i18n import words

# A survey as Dutch Excel saves "CSV (gescheiden door lijstscheidingsteken)": ';' between
# fields, a decimal comma, Windows-1252 text (é is the byte 0xE9), CRLF line ends.
DUTCH = (
    "respondent;wijk;voor;na\r\n"
    "Renée;Noord;3,5;4,5\r\n"
    "José;Zuid;2;\r\n"  # no follow-up
    "Anouk;Noord;4,25;5\r\n"
    "Daniël;Zuid;1,5;3\r\n"
)


def _dutch(folder: Path, text: str = DUTCH, name: str = "enquete.csv") -> Path:
    path = folder / name
    path.write_bytes(text.encode("cp1252"))
    return path


def _spec(**kw: object) -> dict:
    return {"id": "welzijn", "data": "enquete.csv", "pre": "voor", "post": "na", "resamples": 0, **kw}


# --------------------------------------------------------------------------- Dutch Excel CSV


def test_dutch_excel_csv_is_detected_and_read_by_hand(tmp_path):
    t = read_table(_dutch(tmp_path))
    assert list(t.frame.columns) == ["respondent", "wijk", "voor", "na"]
    assert list(t.frame["respondent"]) == ["Renée", "José", "Anouk", "Daniël"]
    assert list(t.lines) == [2, 3, 4, 5]
    pre = t.numbers("voor").tolist()
    post = t.numbers("na").tolist()
    assert pre == [3.5, 2.0, 4.25, 1.5]
    assert post[:1] + post[2:] == [4.5, 5.0, 3.0] and math.isnan(post[1])
    said = [str(s) for s in t.reading]
    assert said == [
        "enquete.csv: read as Windows-1252, as Excel on Windows saves CSV (encoding detected: not UTF-8 from row 2 on)",
        "enquete.csv: fields separated by ';' (separator detected: it splits the header row into the most columns)",
        "enquete.csv: decimal mark ',' (detected: numbers such as '3,5', none with the other mark)",
    ]


def test_dutch_excel_csv_given_options_are_stated(tmp_path):
    t = read_table(_dutch(tmp_path), csv={"sep": ";", "decimal": ",", "encoding": "cp1252"})
    assert t.numbers("voor").tolist() == [3.5, 2.0, 4.25, 1.5]
    assert [str(s) for s in t.reading] == [
        "enquete.csv: read as cp1252 (the encoding given in csv.encoding)",
        "enquete.csv: fields separated by ';' (the separator given in csv.sep)",
        "enquete.csv: decimal mark ',' (given in csv.decimal)",
    ]


def test_dutch_excel_csv_summary_matches_a_hand_calculation(tmp_path):
    _dutch(tmp_path)
    out = ic.soft_outcome_summary(_spec(id_column="respondent", group="wijk"), tmp_path)
    # Used: Renée 3.5 -> 4.5 (+1), Anouk 4.25 -> 5 (+0.75), Daniël 1.5 -> 3 (+1.5); José has no follow-up.
    assert out.n_rows == 4 and out.n_used == 3
    assert out.groups.loc["all", "mean_pre"] == pytest.approx((3.5 + 4.25 + 1.5) / 3)
    assert out.groups.loc["all", "mean_change"] == pytest.approx((1 + 0.75 + 1.5) / 3)
    assert out.groups.loc["Noord", "mean_change"] == pytest.approx((1 + 0.75) / 2)
    (row,) = out.rows_not_used
    assert (row["row"], row["id"], row["missing"], row["reason"]) == (3, "José", ["post"], "no after score")
    assert (
        "enquete.csv: decimal mark ',' (detected: numbers such as '3,5', none with the other mark)" in out.assumptions
    )


def test_items_with_gaps_are_prorated_as_by_hand(tmp_path):
    """A Dutch Excel survey of WEMWBS items (14 items scored 1-5, summed): gaps pro-rated
    up to max_missing, a respondent with too many gaps and one without follow-up listed."""
    pre_cols = [f"v{k}" for k in range(1, 15)]
    post_cols = [f"n{k}" for k in range(1, 15)]
    rows = {
        "p1": ([3] * 14, [4] * 14),  # 42 -> 56
        "p2": ([2] * 13 + [None], [3] * 13 + [4]),  # 13 answered, mean 2: 2 x 14 = 28 -> 43
        "p3": ([4] * 12 + [None, None], [5] * 14),  # two gaps, more than max_missing 1: not used
        "p4": ([1, 2, 3, 4, 5] * 2 + [1, 2, 3, 4], [None] * 14),  # no follow-up
    }
    lines = [";".join(["id"] + pre_cols + post_cols)]
    for rid, (a, b) in rows.items():
        lines.append(";".join([rid] + ["" if v is None else str(v) for v in a + b]))
    _dutch(tmp_path, "\r\n".join(lines) + "\r\n", "items.csv")
    spec = _spec(data="items.csv", scale="wemwbs", pre=pre_cols, post=post_cols, max_missing=1, id_column="id")
    out = ic.soft_outcome_summary(spec, tmp_path)
    assert out.n_used == 2
    assert out.groups.loc["all", "mean_pre"] == pytest.approx((42 + 28) / 2)
    assert out.groups.loc["all", "mean_post"] == pytest.approx((56 + 43) / 2)
    assert out.groups.loc["all", "mean_change"] == pytest.approx((14 + 15) / 2)
    assert [(r["row"], r["id"], str(r["reason"])) for r in out.rows_not_used] == [
        (4, "p3", "before: 2 of 14 items missing, more than the 1 that may be filled in (max_missing)"),
        (5, "p4", "after: 14 of 14 items missing, more than the 1 that may be filled in (max_missing)"),
    ]


def test_reading_notes_are_in_the_catalogue_in_dutch(tmp_path):
    from impactchain._i18n import words

    t = read_table(_dutch(tmp_path))
    nl = [s.in_language(words("nl")) for s in t.reading]
    assert nl[2] == "enquete.csv: decimaalteken ',' (herkend: getallen zoals '3,5', geen met het andere teken)"


def test_utf8_csv_is_read_as_utf8_and_said(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("id,pre,post\nRenée,1.5,2\n", encoding="utf-8")
    t = read_table(path)
    assert t.numbers("pre").tolist() == [1.5]
    assert str(t.reading[0]) == "s.csv: read as UTF-8 (encoding detected: the whole file is valid UTF-8)"
    assert 'no quoted number such as "6,5" has a decimal comma' in str(t.reading[2])


def test_tab_separated_and_quoted_fields(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text('id\tpre\tpost\n"A\tB"\t1,5\t2\n', encoding="utf-8")
    t = read_table(path)
    assert list(t.frame["id"]) == ["A\tB"] and t.numbers("pre").tolist() == [1.5]
    assert "'\\t (tab)'" in str(t.reading[1])


def test_a_dot_in_a_decimal_comma_file_is_named(tmp_path):
    _dutch(tmp_path, DUTCH.replace("1,5;3", "1.5;3"))
    with pytest.raises(DataFileError, match=r"use both ',' and '\.' as decimal mark; write every number with the same"):
        read_table(tmp_path / "enquete.csv")
    t = read_table(tmp_path / "enquete.csv", csv={"decimal": ","})
    with pytest.raises(
        DataFileError, match=r"enquete.csv: row 5, column 'voor': '1.5' has a '.', but the file's decimal"
    ):
        t.numbers("voor")


def test_wrong_encoding_given_names_the_row(tmp_path):
    with pytest.raises(DataFileError, match=r"enquete.csv: row 2: not utf-8 text .*set csv.encoding"):
        read_table(_dutch(tmp_path), csv={"encoding": "utf-8"})


@pytest.mark.parametrize(
    "csv,message",
    [
        ({"sep": ":"}, r"csv.sep must be one of ',', ';', '\\t' \(tab\) or '\|', got ':'"),
        ({"decimal": ";"}, r"csv.decimal must be '.' or ',', got ';'"),
        ({"encoding": "ebcdic"}, r"csv.encoding must be one of utf-8, utf-8-sig, cp1252"),
        ({"quote": "'"}, r"csv: unknown key 'quote' \(known: sep, decimal, encoding\)"),
    ],
)
def test_csv_options_are_checked(tmp_path, csv, message):
    with pytest.raises(DataFileError, match=message):
        read_table(_dutch(tmp_path), csv=csv)


# --------------------------------------------------------------------------- xlsx


def test_xlsx_with_two_sheets_by_name_and_position(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Toelichting"
    ws.append(["Enquête voorjaar"])
    ws = wb.create_sheet("Enquête")
    ws.append(["id", "voor", "na"])
    ws.append(["A", 3.5, 4])
    ws.append(["B", 2, None])
    ws.append(["C", 1, 2.5])
    wb.save(tmp_path / "enquete.xlsx")
    by_name = read_table(tmp_path / "enquete.xlsx", sheet="Enquête")
    by_index = read_table(tmp_path / "enquete.xlsx", sheet=1)
    for t in (by_name, by_index):
        assert list(t.lines) == [2, 3, 4]
        assert t.numbers("voor").tolist() == [3.5, 2.0, 1.0]
    assert str(by_index.reading[0]) == "enquete.xlsx: read sheet 'Enquête' of 2 (as given in sheet)"
    first = read_table(tmp_path / "enquete.xlsx")
    assert str(first.reading[0]) == "enquete.xlsx: read sheet 'Toelichting', the first of 2 (no sheet given)"
    out = ic.soft_outcome_summary(_spec(data="enquete.xlsx", sheet="Enquête", id_column="id"), tmp_path)
    # A: +0.5, C: +1.5; B has no follow-up (sheet row 3)
    assert out.groups.loc["all", "mean_change"] == pytest.approx(1.0)
    assert [(r["row"], r["id"]) for r in out.rows_not_used] == [(3, "B")]
    with pytest.raises(DataFileError, match=r"'csv' applies to CSV files only, not to 'enquete.xlsx' \(a workbook\)"):
        read_table(tmp_path / "enquete.xlsx", csv={"sep": ";"})


def test_xlsx_formulas_never_calculated_are_refused_not_read_as_missing(tmp_path):
    # openpyxl writes formulas without a saved result and does not calculate them; read as empty,
    # the scores of rows 3 and 5 would be "no after score". A formula whose saved result is the
    # empty text (t="str", as a spreadsheet saves =IF(...,"",...)) is a blank it computed.
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["id", "voor", "na"])
    for i in range(1, 7):
        ws.append([f"r{i}", 20 + i, f"=B{i + 1}+2" if i in (2, 4) else 23 + i])
    ws.append(["r7", 30, None])  # a blank cell, not a formula: a missing score
    wb.save(tmp_path / "berekend.xlsx")
    with pytest.raises(DataFileError) as e:
        read_table(tmp_path / "berekend.xlsx")
    assert str(e.value).splitlines() == [
        "data: berekend.xlsx: 2 formula cells without a saved result (the workbook was written by a program and "
        "never calculated); open and save it in Excel or LibreOffice, or save the sheet as CSV:",
        "  row 3, column 'na': '=B3+2'",
        "  row 5, column 'na': '=B5+2'",
    ]
    # As a spreadsheet saves it: row 3's formula gave the empty text, row 5's gave 27.
    import zipfile

    with zipfile.ZipFile(tmp_path / "berekend.xlsx") as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    for ref, formula, cell in (
        ("C3", "B3+2", '<c r="C3" t="str"><f>IF(B3&gt;0,"",1)</f><v></v></c>'),
        ("C5", "B5+2", '<c r="C5"><f>B5+2</f><v>27</v></c>'),
    ):
        old = f'<c r="{ref}"><f>{formula}</f><v /></c>'
        assert old in sheet
        sheet = sheet.replace(old, cell)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(tmp_path / "opgeslagen.xlsx", "w") as z:
        for n, b in parts.items():
            z.writestr(n, b)
    t = read_table(tmp_path / "opgeslagen.xlsx")
    assert [math.isnan(x) for x in t.numbers("na")] == [False, True, False, False, False, False, True]
    assert t.numbers("na")[3] == 27


def test_xlsx_xml_is_parsed_through_defusedxml():
    import openpyxl

    assert openpyxl.DEFUSEDXML, "defusedxml must be installed (a package dependency) for hostile XML"


# --------------------------------------------------------------------------- SPSS


def test_sav_with_value_labels(tmp_path):
    pyreadstat = pytest.importorskip("pyreadstat", reason="the optional extra impactchain[spss] is not installed")
    df = pd.DataFrame(
        {
            "id": ["r1", "r2", "r3", "r4"],
            "wijk": [1.0, 2.0, 1.0, 2.0],
            "voor": [3.0, 2.5, 4.0, 1.0],
            "na": [4.0, np.nan, 4.5, 3.0],
        }
    )
    pyreadstat.write_sav(df, str(tmp_path / "enquete.sav"), variable_value_labels={"wijk": {1.0: "Noord", 2.0: "Zuid"}})
    t = read_table(tmp_path / "enquete.sav")
    assert list(t.lines) == [1, 2, 3, 4]
    assert t.numbers("voor").tolist() == [3.0, 2.5, 4.0, 1.0]
    assert t.labels == {"wijk": {1.0: "Noord", 2.0: "Zuid"}}
    assert list(t.words("wijk")) == ["Noord", "Zuid", "Noord", "Zuid"]
    assert [str(s) for s in t.reading] == [
        "enquete.sav: SPSS file with 4 cases; rows are case numbers",
        "enquete.sav: value labels kept for wijk (the codes are the values; labels name groups)",
    ]
    out = ic.soft_outcome_summary(_spec(data="enquete.sav", group="wijk", id_column="id"), tmp_path)
    # Noord: r1 +1, r3 +0.5; Zuid: r4 +2 (r2 has no follow-up, case 2)
    assert out.groups.loc["Noord", "mean_change"] == pytest.approx(0.75)
    assert out.groups.loc["all", "mean_change"] == pytest.approx((1 + 0.5 + 2) / 3)
    assert [(r["row"], r["id"]) for r in out.rows_not_used] == [(2, "r2")]


def test_sav_answers_spss_marks_as_missing_are_missing_and_said(tmp_path):
    # 99 ("no answer") and 98-99 are declared missing in SPSS: read as numbers they would be
    # scores of 99; they are missing values, and the reading says which codes and how many cases.
    pyreadstat = pytest.importorskip("pyreadstat", reason="the optional extra impactchain[spss] is not installed")
    df = pd.DataFrame({"id": ["r1", "r2", "r3", "r4", "r5"], "voor": [3.0, 99, 4, 5, 2], "na": [4.0, 5, 98, 99, 3]})
    pyreadstat.write_sav(df, str(tmp_path / "enquete.sav"), missing_ranges={"voor": [99], "na": [{"lo": 98, "hi": 99}]})
    t = read_table(tmp_path / "enquete.sav")
    assert [math.isnan(x) for x in t.numbers("voor")] == [False, True, False, False, False]
    assert [math.isnan(x) for x in t.numbers("na")] == [False, False, True, True, False]
    assert str(t.reading[1]) == (
        "enquete.sav: the answers SPSS marks as missing are read as missing: voor 99 (cases: 1); na 98-99 (cases: 2)"
    )
    assert t.reading[1].in_language(words("nl")).endswith("voor 99 (gevallen: 1); na 98-99 (gevallen: 2)")
    out = ic.soft_outcome_summary(_spec(data="enquete.sav", id_column="id"), tmp_path)
    # r1 +1, r5 +1; r2 has no before score, r3 and r4 no after score
    assert out.groups.loc["all", "mean_change"] == pytest.approx(1.0)
    assert [(r["row"], r["missing"]) for r in out.rows_not_used] == [(2, ["pre"]), (3, ["post"]), (4, ["post"])]


def test_sav_without_pyreadstat_names_the_extra(tmp_path, monkeypatch):
    (tmp_path / "enquete.sav").write_bytes(b"$FL2")
    monkeypatch.setitem(sys.modules, "pyreadstat", None)  # import pyreadstat raises ImportError
    with pytest.raises(
        DataFileError, match=r"needs the optional package pyreadstat.*pip install 'impactchain\[spss\]'"
    ):
        read_table(tmp_path / "enquete.sav")


def test_a_damaged_sav_is_named(tmp_path):
    pytest.importorskip("pyreadstat", reason="the optional extra impactchain[spss] is not installed")
    (tmp_path / "enquete.sav").write_bytes(b"not an SPSS file")
    with pytest.raises(DataFileError, match=r"'enquete.sav' could not be read as an SPSS .sav file"):
        read_table(tmp_path / "enquete.sav")


# --------------------------------------------------------------------------- DataFrame


def test_dataframe_instead_of_a_file():
    df = pd.DataFrame({"voor": [3.5, 2.0, 4.25], "na": [4.5, None, 5.0], "naam": [" A", "B", "C"]}, index=[10, 11, 12])
    out = ic.soft_outcome_summary({"id": "w", "data": df, "pre": "voor", "post": "na", "id_column": "naam"})
    assert out.data == "DataFrame" and out.n_used == 2
    assert out.groups.loc["all", "mean_change"] == pytest.approx((1 + 0.75) / 2)
    assert [(r["row"], r["id"]) for r in out.rows_not_used] == [(11, "B")]
    assert "DataFrame: rows are named by the DataFrame's index" in out.assumptions
    t = read_table(df.reset_index(drop=True).set_index("naam"))
    assert list(t.lines) == [0, 1, 2]
    assert str(t.reading[0]).startswith("DataFrame: rows are named by their position, counted from 0")


def test_dataframe_bad_cell_names_its_row():
    df = pd.DataFrame({"voor": [3.5, "veel"], "na": [4.0, 5.0]}, index=[7, 8])
    with pytest.raises(DataFileError, match=r"DataFrame: row 8, column 'voor': 'veel' is not a number"):
        ic.soft_outcome_summary({"id": "w", "data": df, "pre": "voor", "post": "na"})
    with pytest.raises(DataFileError, match=r"'sheet' applies to .xlsx workbooks only, not to a DataFrame"):
        read_table(df, sheet=0)


def test_a_title_above_the_header_is_pointed_out(tmp_path):
    """A sheet made by hand often has a title on row 1 and the column names lower down; the refusal
    says where the names seem to be, for a workbook and a CSV alike."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for row in (["Enquête Buurtkamer 2024"], [], ["id", "voor", "na"], ["a", 3, 4]):
        book.active.append(row)
    book.save(tmp_path / "enquete.xlsx")
    (tmp_path / "enquete.csv").write_text("Enquête Buurtkamer 2024\n\nid,voor,na\na,3,4\n", encoding="utf-8")
    hint = (
        "row 1 holds only 'Enquête Buurtkamer 2024': if that is a title and row 3 holds the column names, "
        "give header_row: 3 (or delete the rows above row 3)"
    )
    for name in ("enquete.xlsx", "enquete.csv"):
        with pytest.raises(DataFileError, match=r"row 3: ") as e:
            read_table(tmp_path / name)
        assert hint in str(e.value), name
    # A row too wide below a real header (numbers in it) is no title: no hint.
    (tmp_path / "breed.csv").write_text("id,voor\na,3,4\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"row 2: 3 fields but the header has 2 columns") as e:
        read_table(tmp_path / "breed.csv")
    assert "title" not in str(e.value)
