"""Data files named in a model: paths stay in the model's folder, only regular
files are read, messages name file lines and never show file contents, .xlsx
sheets are read with bounds."""

from __future__ import annotations

import os
import shutil
import threading
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest

import impactchain as ic
from impactchain import _data, _data_files
from impactchain._data import DataFileError, read_table, resolve_data_path
from impactchain.report import build_report

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "examples" / "data"

SPEC = {"id": "wb", "data": "survey.csv", "pre": "pre", "post": "post", "resamples": 0}


def _folder(tmp_path: Path, csv_text: str = "id,pre,post\nA,1,2\nB,2,4\nC,3,3\n") -> Path:
    model = tmp_path / "model"
    model.mkdir()
    (model / "survey.csv").write_text(csv_text, encoding="utf-8")
    return model


# --------------------------------------------------------------------------- paths


def test_relative_path_inside_the_folder_is_read(tmp_path):
    model = _folder(tmp_path)
    (model / "sub").mkdir()
    shutil.copy(model / "survey.csv", model / "sub" / "s.csv")
    assert resolve_data_path("sub/s.csv", model) == (model / "sub" / "s.csv").resolve()
    assert resolve_data_path("sub/../survey.csv", model) == (model / "survey.csv").resolve()


@pytest.mark.parametrize("given", ["../outside.csv", "../../etc/passwd", "sub/../../outside.csv"])
def test_dotdot_outside_the_folder_is_refused(tmp_path, given):
    model = _folder(tmp_path)
    (tmp_path / "outside.csv").write_text("id,pre,post\nA,1,2\n")
    with pytest.raises(
        DataFileError,
        match=r"soft_outcomes\[0\]\.data: '.*' is outside the model's folder '.*'; "
        r"pass --allow-outside-data \(or allow_outside_data=True\) to read it",
    ):
        resolve_data_path(given, model, field="soft_outcomes[0].data")


def test_absolute_path_is_refused(tmp_path):
    model = _folder(tmp_path)
    with pytest.raises(DataFileError, match="is an absolute path; data paths are relative to the model's folder"):
        resolve_data_path("/etc/passwd", model)
    # even when it points into the folder: the model file must not depend on where it was written
    with pytest.raises(DataFileError, match="absolute path"):
        resolve_data_path(str(model / "survey.csv"), model)


def test_symlink_escaping_the_folder_is_refused(tmp_path):
    model = _folder(tmp_path)
    (tmp_path / "secret.csv").write_text("id,pre,post\nsecret-row,1,2\n")
    (model / "link.csv").symlink_to(tmp_path / "secret.csv")
    with pytest.raises(DataFileError, match=r"'link\.csv' is outside the model's folder") as e:
        resolve_data_path("link.csv", model)
    assert "secret-row" not in str(e.value)
    (model / "inside.csv").symlink_to(model / "survey.csv")  # a link within the folder is fine
    assert resolve_data_path("inside.csv", model) == (model / "survey.csv").resolve()


def test_proc_self_environ_is_refused_without_showing_the_environment(tmp_path):
    model = _folder(tmp_path)
    secrets = [v for v in os.environ.values() if len(v) >= 6 and v not in str(model)]
    for allow in (False, True):
        spec = dict(SPEC, data="/proc/self/environ")
        with pytest.raises(DataFileError) as e:
            ic.soft_outcome_summary(spec, model, allow_outside_data=allow)
        msg = str(e.value)
        assert ("system file" in msg) if allow else ("absolute path" in msg)
        assert not [s for s in secrets if s in msg] and "PATH=" not in msg
    with pytest.raises(DataFileError, match="system file"):
        ic.soft_outcome_summary(dict(SPEC, data="../" * 30 + "proc/self/environ"), model, allow_outside_data=True)


def test_missing_file_and_directory_are_named(tmp_path):
    model = _folder(tmp_path)
    with pytest.raises(DataFileError, match=r"cannot read the data file 'nope\.csv': not found"):
        resolve_data_path("nope.csv", model)
    (model / "dir.csv").mkdir()
    with pytest.raises(DataFileError, match=r"'dir\.csv' is a folder, not a data file"):
        resolve_data_path("dir.csv", model)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_refused_fast(tmp_path):
    model = _folder(tmp_path)
    os.mkfifo(model / "pipe.csv")
    outcome: dict = {}

    def attempt():
        for call in (
            lambda: resolve_data_path("pipe.csv", model),
            lambda: read_table(model / "pipe.csv"),
            lambda: ic.stream_csv(model / "pipe.csv", "pre", lo=0, hi=10),
        ):
            try:
                call()
            except DataFileError as e:
                outcome.setdefault("errors", []).append(str(e))

    t0 = time.monotonic()
    worker = threading.Thread(target=attempt, daemon=True)  # a blocking open would hang here, not the suite
    worker.start()
    worker.join(timeout=5)
    assert not worker.is_alive(), "reading a FIFO blocked"
    assert time.monotonic() - t0 < 5
    assert len(outcome["errors"]) == 3 and all("not a regular file" in m for m in outcome["errors"])


def test_file_over_the_size_ceiling_is_refused_before_reading(tmp_path, monkeypatch):
    model = _folder(tmp_path)
    monkeypatch.setattr(_data_files, "MAX_FILE_BYTES", 10)  # the ceiling resolve_data_path reads
    with pytest.raises(DataFileError, match=r"'survey\.csv' has 30 bytes, more than the 10 bytes"):
        resolve_data_path("survey.csv", model)


def test_allow_outside_data_reads_it(tmp_path):
    model = _folder(tmp_path)
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "s.csv").write_text("id,pre,post\nA,1,2\nB,2,4\nC,3,3\nD,1,1\n")
    spec = dict(SPEC, data="../shared/s.csv")
    with pytest.raises(DataFileError, match="outside the model's folder"):
        ic.soft_outcome_summary(spec, model)
    out = ic.soft_outcome_summary(spec, model, allow_outside_data=True)
    # changes 1, 2, 0, 0: mean 3/4
    assert out.n_used == 4 and out.groups.loc["all", "mean_change"] == pytest.approx(0.75)
    absolute = dict(SPEC, data=str(tmp_path / "shared" / "s.csv"))
    assert ic.soft_outcome_summary(absolute, model, allow_outside_data=True).n_used == 4


def test_report_refuses_outside_data_unless_allowed(tmp_path):
    (tmp_path / "model").mkdir()
    shutil.copytree(DATA / "surveys", tmp_path / "surveys")
    text = (DATA / "minimal.yaml").read_text().replace("data: surveys/", "data: ../surveys/")
    (tmp_path / "model" / "minimal.yaml").write_text(text)
    with pytest.raises(
        DataFileError,
        match=r"model 'Market cleaning \(minimal\)', soft outcome 'wellbeing': "
        r"soft_outcomes\[0\]\.data: '\.\./surveys/market_cleaning\.csv' is outside",
    ):
        build_report([tmp_path / "model" / "minimal.yaml"], draws=200, seed=1)
    rep = build_report([tmp_path / "model" / "minimal.yaml"], draws=200, seed=1, allow_outside_data=True)
    assert rep.sections[0].soft[0]["n_used"] > 0


# --------------------------------------------------------------------------- lines and messages


def test_blank_lines_give_file_line_numbers(tmp_path):
    # line 1 header, 2 blank, 3 A, 4 blank, 5 B (no post), 6 blank, 7 C, 8 D
    model = _folder(tmp_path, "id,pre,post\n\nA,1,2\n\nB,2,\n\nC,3,3\nD,1,4\n")
    t = read_table(model / "survey.csv")
    assert list(t.lines) == [3, 5, 7, 8]
    out = ic.soft_outcome_summary(dict(SPEC, id_column="id"), model)
    assert out.rows_not_used == ({"row": 5, "id": "B", "missing": ["post"], "reason": "no after score"},)
    (model / "survey.csv").write_text("id,pre,post\n\nA,1,2\n\nB,x,3\n")
    with pytest.raises(DataFileError, match=r"survey\.csv: row 5, column 'pre': 'x' is not a number"):
        ic.soft_outcome_summary(SPEC, model)


def test_quoted_multiline_field_counts_its_lines(tmp_path):
    # line 2-3: A's note spans two lines; line 4: B
    model = _folder(tmp_path, 'id,note,pre,post\nA,"two\nlines",1,2\nB,ok,x,3\n')
    t = read_table(model / "survey.csv")
    assert list(t.lines) == [2, 4] and t.frame.loc[0, "note"] == "two\nlines"
    with pytest.raises(DataFileError, match=r"row 4, column 'pre'"):
        t.numbers("pre")


def test_rows_not_used_without_id_column_name_the_line(tmp_path):
    model = _folder(tmp_path, "pre,post\r\n1,2\r\n\r\n2,\r\n3,4\r\n2,2\r\n")
    out = ic.soft_outcome_summary(SPEC, model)
    assert out.rows_not_used == ({"row": 4, "id": None, "missing": ["post"], "reason": "no after score"},)


def test_missing_values_are_empty_or_na_only(tmp_path):
    model = _folder(tmp_path, "pre,post\n1,NA\n2,n/a\n3, \n4,NaN\n5,inf\n")
    t = read_table(model / "survey.csv")
    with pytest.raises(DataFileError, match=r"row 6, column 'post': 'inf' is not a finite number"):
        t.numbers("post")
    (model / "survey.csv").write_text("pre,post\n1,NA\n2,n/a\n3, \n4,NaN\n")
    assert np.isnan(read_table(model / "survey.csv").numbers("post")).all()


def test_column_not_found_names_the_header_only(tmp_path):
    model = _folder(tmp_path, "pre,after\n1,2\nsecret-value,3\n")
    with pytest.raises(DataFileError) as e:
        ic.soft_outcome_summary(SPEC, model)
    msg = str(e.value)
    assert "column 'post' not found (named by post); the file's columns are: pre, after" in msg
    assert "secret-value" not in msg
    (tmp_path / "two").mkdir()
    with pytest.raises(DataFileError, match=r"row 1: columns 'pre', 'post' not found; the file's columns are: a, b"):
        read_table(_folder(tmp_path / "two", "a,b\n1,2\n") / "survey.csv").require(["pre", "post"])


def test_a_first_line_that_is_not_a_header_is_not_shown(tmp_path):
    line = "root:x:0:0:" + "y" * 200 + ":/root:/bin/bash"
    model = _folder(tmp_path, line + "\n")
    with pytest.raises(DataFileError) as e:
        ic.soft_outcome_summary(SPEC, model)
    assert "root:x" not in str(e.value) and "columns are" not in str(e.value)


def test_long_header_and_cells_are_cut_and_escaped(tmp_path):
    header = ",".join(f"column_{i}" for i in range(30))
    model = _folder(tmp_path, header + "\n" + ",".join(["1"] * 29 + ["\x1b[31m" + "z" * 300]) + "\n")
    t = read_table(model / "survey.csv")
    with pytest.raises(DataFileError) as e:
        t.require(["post"])
    listed = str(e.value).split("the file's columns are: ")[1]
    assert len(listed) <= 80 and listed.endswith("…")
    with pytest.raises(DataFileError) as e:
        t.numbers("column_29")
    assert "\x1b" not in str(e.value) and "z" * 30 not in str(e.value)


def test_row_ceiling(tmp_path):
    model = _folder(tmp_path, "pre,post\n" + "1,2\n" * 11)
    with pytest.raises(DataFileError, match="more than 10 data rows"):
        read_table(model / "survey.csv", max_rows=10)
    assert len(read_table(model / "survey.csv", max_rows=11).frame) == 11


def test_stream_csv_names_file_lines(tmp_path):
    (tmp_path / "s.csv").write_text("score\n1\n\n2\n\n3\nbad\n")
    with pytest.raises(DataFileError, match=r"s\.csv: row 7, column 'score': 'bad' is not a number"):
        ic.stream_csv(tmp_path / "s.csv", "score", lo=1, hi=5, chunksize=2)
    (tmp_path / "s.csv").write_text("score\n1\n\n2\n\n3\n")
    s = ic.stream_csv(tmp_path / "s.csv", "score", lo=1, hi=5, chunksize=2)
    assert s.mean == pytest.approx(2.0)


# --------------------------------------------------------------------------- xlsx


def _xlsx(path: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "Notes"
    wb.active.append(["just", "notes"])
    ws = wb.create_sheet("Survey")
    ws.append(["id", "pre", "post"])  # row 1
    ws.append(["A", 1, 2])  # row 2
    ws.append([])  # row 3 empty
    ws.append(["B", 2, None])  # row 4
    ws.append(["C", 3, 5])  # row 5
    ws.append(["D", 2, 2])  # row 6
    wb.save(path)
    return path


def test_xlsx_sheet_by_name_and_position(tmp_path):
    model = _folder(tmp_path)
    _xlsx(model / "survey.xlsx")
    t = read_table(model / "survey.xlsx", sheet="Survey")
    assert list(t.frame.columns) == ["id", "pre", "post"] and list(t.lines) == [2, 4, 5, 6]
    assert list(read_table(model / "survey.xlsx", sheet=1).lines) == [2, 4, 5, 6]
    assert list(read_table(model / "survey.xlsx").frame.columns) == ["just", "notes"]
    with pytest.raises(DataFileError, match=r"no sheet 'Answers'; the sheets are: Notes, Survey"):
        read_table(model / "survey.xlsx", sheet="Answers")
    with pytest.raises(DataFileError, match=r"sheet 2 does not exist \(the workbook has 2 sheets, numbered from 0\)"):
        read_table(model / "survey.xlsx", sheet=2)
    out = ic.soft_outcome_summary(dict(SPEC, data="survey.xlsx", sheet="Survey", id_column="id"), model)
    assert out.rows_not_used == ({"row": 4, "id": "B", "missing": ["post"], "reason": "no after score"},)
    # changes 1, 2, 0 over A, C, D
    assert out.n_used == 3 and out.groups.loc["all", "mean_change"] == pytest.approx(1.0)


def test_xlsx_zip_bomb_is_refused_before_opening(tmp_path):
    model = _folder(tmp_path)
    path = _xlsx(model / "bomb.xlsx")
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as z, z.open("xl/media/padding.bin", "w") as f:
        block = bytes(1024 * 1024)
        for _ in range(20):  # 20 MiB of zeros packs into about 20 KiB
            f.write(block)
    with pytest.raises(DataFileError, match="refused as a possible zip bomb"):
        read_table(path, sheet="Survey")


def test_xlsx_total_unpacked_size_is_bounded(tmp_path, monkeypatch):
    model = _folder(tmp_path)
    path = _xlsx(model / "survey.xlsx")
    total = sum(i.file_size for i in zipfile.ZipFile(path).infolist())
    monkeypatch.setattr(_data, "MAX_XLSX_UNCOMPRESSED", total - 1)
    with pytest.raises(DataFileError, match=f"unpacks to {total:,} bytes"):
        read_table(path, sheet="Survey")


def test_xlsx_cell_ceiling(tmp_path, monkeypatch):
    model = _folder(tmp_path)
    path = _xlsx(model / "survey.xlsx")
    monkeypatch.setattr(_data, "MAX_XLSX_CELLS", 8)
    with pytest.raises(DataFileError, match="more than 8 cells"):
        read_table(path, sheet="Survey")


def test_not_a_workbook(tmp_path):
    model = _folder(tmp_path)
    (model / "fake.xlsx").write_text("id,pre,post\n")
    with pytest.raises(DataFileError, match=r"'fake\.xlsx' is not an \.xlsx workbook"):
        read_table(model / "fake.xlsx")
