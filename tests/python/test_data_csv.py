"""A CSV survey read by the standard library's csv module (a small file: what ``impactchain
validate`` reads without pandas) and by pandas' C parser (a file over FRAME_PARSER_BYTES):
the same cells, rows, lines, detected settings, scores and messages on the example surveys
and on bad files; the checks on a table's plain columns (numbers, blank cells, ids)."""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from impactchain import _data_csv
from impactchain._data import DataFileError, Table, read_table
from impactchain._data_check import check_model_data
from impactchain._soft_data import read_soft_data

ROOT = Path(__file__).resolve().parents[2]
SURVEYS = sorted((ROOT / "examples" / "data" / "surveys").glob("*.csv"))

#: The two readers: the csv module (the default for a small file) and pandas' C parser.
READERS = {"csv-module": 10**12, "pandas": 0}


def _read(path: Path, reader: str, monkeypatch: pytest.MonkeyPatch, **kw: object) -> Table:
    monkeypatch.setattr(_data_csv, "FRAME_PARSER_BYTES", READERS[reader])
    return read_table(path, **kw)


def _both(path: Path, monkeypatch: pytest.MonkeyPatch, **kw: object) -> list[Table]:
    return [_read(path, reader, monkeypatch, **kw) for reader in READERS]


def _refused(path: Path, monkeypatch: pytest.MonkeyPatch, call: object, message: str) -> None:
    """Both readers' tables give exactly ``message`` for ``call(table)`` (or for reading the file)."""
    for reader in READERS:
        with pytest.raises(DataFileError) as e:
            call(_read(path, reader, monkeypatch))  # type: ignore[operator]
        assert str(e.value) == message, reader


def _scores(path: Path) -> tuple[str, str, str]:
    """The before and after columns of an example survey (``<measure>_pre``, ``<measure>_post``)
    and its group column (the second)."""
    header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
    return header[2], header[3], header[1]


def _same_table(a: Table, b: Table) -> None:
    assert a.columns == b.columns and list(a.lines) == list(b.lines)
    assert (a.text, a.decimal, [str(s) for s in a.reading]) == (b.text, b.decimal, [str(s) for s in b.reading])


# --------------------------------------------------------------------------- the example surveys


@pytest.mark.parametrize("path", SURVEYS, ids=lambda p: p.name)
def test_example_survey_reads_the_same_with_both_readers(path, monkeypatch):
    light, frame = _both(path, monkeypatch)
    assert frame.given_frame is not None and light.given_frame is None  # pandas read one, not the other
    _same_table(light, frame)
    assert light.n_rows == len(path.read_text(encoding="utf-8").strip().splitlines()) - 1
    for column in _scores(path)[:2]:
        a, b = light.values(column), frame.values(column)
        assert len(a) == light.n_rows and all(x == y or (math.isnan(x) and math.isnan(y)) for x, y in zip(a, b))
    pd.testing.assert_frame_equal(light.frame, frame.frame)  # object columns of str from both


@pytest.mark.parametrize("path", SURVEYS, ids=lambda p: p.name)
def test_example_soft_outcome_is_the_same_with_both_readers(path, monkeypatch):
    pre, post, group = _scores(path)
    spec = {"id": "wb", "data": path.name, "pre": pre, "post": post, "group": group}
    got = []
    for reader in READERS:
        monkeypatch.setattr(_data_csv, "FRAME_PARSER_BYTES", READERS[reader])
        got.append(read_soft_data(dict(spec, id_column="respondent"), path.parent, where="soft outcome 'wb'"))
    light, frame = got
    assert light.rows_not_used == frame.rows_not_used and light.n_used == frame.n_used
    assert [str(r["reason"]) for r in light.rows_not_used] == [str(r["reason"]) for r in frame.rows_not_used]
    pd.testing.assert_series_equal(light.pre, frame.pre)
    pd.testing.assert_series_equal(light.groups, frame.groups)
    assert light.pre.name == pre and light.post.name == post


# --------------------------------------------------------------------------- bad files, both readers


def _write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "s.csv"
    path.write_bytes(text.encode(encoding))
    return path


#: (file, the check on its table, the message both readers give)
BAD_CELLS = {
    "missing column": (
        "id,pre,after\nA,1,2\n",
        lambda t: t.require(["pre", "post"], who="x: ", label="post"),
        "x: s.csv: row 1: column 'post' not found (named by post); the file's columns are: id, pre, after",
    ),
    "not a number, its file line": (  # line 1 header, 2 A, 3 blank, 4 B
        "id,pre,post\nA,1,2\n\nB,1.5.1,3\n",
        lambda t: t.values("pre"),
        "s.csv: row 4, column 'pre': '1.5.1' is not a number (an empty cell or NA, N/A, NaN is a missing value)",
    ),
    "not finite": (
        "pre,post\n1,2\n2,-Infinity\n",
        lambda t: t.values("post"),
        "s.csv: row 3, column 'post': '-Infinity' is not a finite number (an empty cell or NA, N/A, NaN is a missing value)",
    ),
    "a decimal point in a decimal-comma file": (
        "voor|na\n3,5|4\n.5|1\n",
        lambda t: t.values("voor"),
        "s.csv: row 3, column 'voor': '.5' has a '.', but the file's decimal mark is ',' "
        "(write 3,5 for three and a half; no thousands marks)",
    ),
    "a short row": (
        "id,pre,post\nA,1,2\nB,1\n",
        lambda t: t,
        "data: s.csv: row 3: 2 fields but the header has 3 columns (first problem at column post); "
        "no row is dropped, fix the file",
    ),
    "duplicate column names": ("id,pre,pre\nA,1,2\n", lambda t: t, "data: s.csv: row 1: duplicate column names 'pre'"),
}


@pytest.mark.parametrize("case", list(BAD_CELLS))
def test_a_bad_file_gets_the_same_message_from_both_readers(case, tmp_path, monkeypatch):
    text, call, message = BAD_CELLS[case]
    _refused(_write(tmp_path, text), monkeypatch, call, message)


def test_an_empty_file_is_named_by_both_readers(tmp_path, monkeypatch):
    for text in ("", "\n\n", " , \n"):
        path = _write(tmp_path, text)
        _refused(path, monkeypatch, lambda t: t, "data: s.csv: the file is empty (expected a header row on line 1)")


def test_text_that_is_neither_utf8_nor_cp1252_is_refused_by_both_readers(tmp_path, monkeypatch):
    path = tmp_path / "s.csv"
    path.write_bytes(b"id,pre,post\nA,1,2\nB\x81,1,2\n")  # 0x81 is undefined in Windows-1252
    _refused(
        path,
        monkeypatch,
        lambda t: t,
        "data: s.csv: row 3: neither UTF-8 nor Windows-1252 text (byte 19); set csv.encoding, or save the file as UTF-8 CSV",
    )


def test_cp1252_semicolons_and_decimal_commas_are_detected_by_both_readers(tmp_path, monkeypatch):
    path = _write(tmp_path, "naam;voor;na\r\nRenée;3,5;4\r\nJosé; 2 ;\r\n", encoding="cp1252")
    light, frame = _both(path, monkeypatch)
    _same_table(light, frame)
    assert light.columns["naam"] == ["Renée", "José"] and list(light.lines) == [2, 3]
    assert light.decimal == "," and light.values("voor") == [3.5, 2.0]
    assert light.values("na")[0] == 4.0 and math.isnan(light.values("na")[1])
    assert [str(s) for s in light.reading][1] == (
        "s.csv: fields separated by ';' (separator detected: it splits the header row into the most columns)"
    )


def test_tabs_padding_and_crlf_read_the_same_with_both_readers(tmp_path, monkeypatch):
    path = _write(tmp_path, "id\tpre\tpost\r\n A \t 1\t2 \r\n\r\nB\tNA\t3\r\n")
    light, frame = _both(path, monkeypatch)
    _same_table(light, frame)
    assert light.columns == {"id": ["A", "B"], "pre": ["1", "NA"], "post": ["2", "3"]}
    assert list(light.lines) == [2, 4]


def test_no_break_spaces_and_other_whitespace_are_stripped_by_both_readers(tmp_path, monkeypatch):
    # A no-break space (a spreadsheet's export), a thin space and a vertical tab around cells, no
    # ordinary space or tab in the file: both readers strip what str.strip strips.
    path = _write(tmp_path, "id,pre,post\nA,\u00a01,2\u2009\nB,\x0b3,4\n")
    light, frame = _both(path, monkeypatch)
    _same_table(light, frame)
    assert light.columns == {"id": ["A", "B"], "pre": ["1", "3"], "post": ["2", "4"]}


# --------------------------------------------------------------------------- checks on plain columns


def test_number_cells_follow_one_grammar():
    t = Table(
        {"x": ["1e3", "+3", ".5", "5.", "-0", "NA", "n/a", "nan", ""]}, list(range(2, 11)), "s.csv", "f", text=True
    )
    got = t.values("x")
    assert got[:5] == [1000.0, 3.0, 0.5, 5.0, 0.0] and all(math.isnan(v) for v in got[5:])
    for cell in ("1_000", "0x10", "١", "1,5", "3 apples"):
        bad = Table({"x": [cell]}, [2], "s.csv", "f", text=True)
        with pytest.raises(DataFileError, match=r"s\.csv: row 2, column 'x': .* is not a number"):
            bad.values("x")


def test_a_spreadsheet_cell_that_is_not_a_score_is_refused():
    ok = Table({"x": [3, 2.5, None, float("nan"), " NA ", "4"]}, [2, 3, 4, 5, 6, 7], "s.xlsx", "f")
    got = ok.values("x")
    assert got[:2] == [3.0, 2.5] and all(math.isnan(v) for v in got[2:5]) and got[5] == 4.0
    for cell, what in (
        (True, "not a number"),
        (dt.date(2024, 5, 1), "not a number"),
        (float("inf"), "not a finite number"),
    ):
        with pytest.raises(DataFileError, match=f"s.xlsx: row 9, column 'x': .* is {what} "):
            Table({"x": [cell]}, [9], "s.xlsx", "f").values("x")


def test_blank_cells_and_labels_of_a_spreadsheet():
    t = Table({"g": ["Noord", "  ", None, 2.0]}, [2, 3, 4, 5], "s.xlsx", "f")
    assert t.blank("g") == [False, True, True, False]
    assert t.words("g") == ["Noord", "  ", "None", "2"]


def test_a_repeated_id_names_both_rows(tmp_path):
    _write(tmp_path, "id,pre,post\nA,1,2\nB,2,3\n\nA,3,4\n")
    spec = {"id": "wb", "data": "s.csv", "pre": "pre", "post": "post", "id_column": "id"}
    with pytest.raises(
        DataFileError, match=r"^wb: s\.csv: row 5, column 'id': id 'A' appears twice \(first on row 2\)$"
    ):
        read_soft_data(spec, tmp_path, where="wb")


def test_a_row_without_an_id_is_named(tmp_path):
    spec = {"id": "wb", "data": "s.csv", "pre": "pre", "post": "post", "id_column": "id"}
    _write(tmp_path, "id,pre,post\nA,1,2\n,2,3\n")
    with pytest.raises(DataFileError, match=r"^wb: s\.csv: row 3, column 'id': no id$"):
        read_soft_data(spec, tmp_path, where="wb")


def test_validate_data_check_lists_rows_not_used_and_scores_outside_the_scale(tmp_path):
    (tmp_path / "s.csv").write_text("id,pre,post\nA,20,\nB,,21\nC,22,23\n", encoding="utf-8")

    model = SimpleNamespace(
        soft_outcomes=[
            {"id": "wb", "scale": "swemwbs", "data": "s.csv", "pre": "pre", "post": "post", "id_column": "id"}
        ]
    )
    found = check_model_data(model, tmp_path)
    assert found.problems == []
    assert found.notes[3:] == [
        "soft outcome 'wb': s.csv: 3 rows, 1 used, 2 not used:",
        "  row 2 (id A): no after score",
        "  row 3 (id B): no before score",
    ]
    (tmp_path / "s.csv").write_text("id,pre,post\nA,20,40\nB,6,21\n", encoding="utf-8")
    found = check_model_data(model, tmp_path)
    # pre's score and post's, both named in the one run
    assert found.problems == [
        "2 problems in the data of soft outcome 'wb' (s.csv):\n"
        "s.csv (pre) column 'pre': 1 score outside the range [7, 35] of scale 'swemwbs' "
        "(row 3: 6); correct or remove them (values outside the scale are not used)\n"
        "s.csv (post) column 'post': 1 score outside the range [7, 35] of scale 'swemwbs' "
        "(row 2: 40); correct or remove them (values outside the scale are not used)"
    ]


# --------------------------------------------------------------------------- what validate imports


def _modules_after(code: str) -> list[str]:
    probe = code + "\nimport json, sys\nprint(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    run = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=os.environ.copy(), check=False, timeout=120
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.splitlines()[-1])


def test_validate_with_its_data_checks_imports_no_pandas_numpy_or_babel():
    minimal = ROOT / "examples" / "data" / "minimal.yaml"
    loaded = _modules_after(f"from impactchain.cli import main\nassert main(['validate', {str(minimal)!r}]) == 0")
    assert "impactchain" in loaded and not {"pandas", "numpy", "babel", "pyarrow"} & set(loaded)


def test_babel_is_imported_when_a_number_is_formatted_only():
    code = (
        "from impactchain._report_text import Said\nfrom impactchain._i18n import words\n"
        "s = Said('row_reasons', reasons=[Said('row_pre_missing'), Said('row_post_missing')])\n"
        "assert s == 'no before score; no after score', s\nimport sys\nassert 'babel' not in sys.modules\n"
        "assert words('en').num(1234.5) == '1,234.50' and words('nl').num(1234.5) == '1.234,50'"
    )
    assert "babel" in _modules_after(code)
