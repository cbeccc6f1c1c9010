"""Bad input referenced by or written into a model: clear errors naming file,
row and column; YAML tags that would construct objects are refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import impactchain as ic
from impactchain.report import DataFileError, build_report, write_report

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "examples" / "data"

HEADER = "respondent,cohort,swemwbs_pre,swemwbs_post\n"


def _model_with_csv(tmp_path: Path, csv_bytes: bytes) -> Path:
    (tmp_path / "surveys").mkdir()
    (tmp_path / "surveys" / "market_cleaning.csv").write_bytes(csv_bytes)
    shutil.copy(DATA / "minimal.yaml", tmp_path / "minimal.yaml")
    return tmp_path / "minimal.yaml"


def test_ragged_row_names_file_row_and_column(tmp_path):
    p = _model_with_csv(tmp_path, (HEADER + "A,x,20,22\nB,x,21\nC,x,19,20\n").encode())
    with pytest.raises(
        DataFileError,
        match=r"market_cleaning\.csv: row 3: 3 fields but the header has 4 columns "
        r"\(first problem at column swemwbs_post\)",
    ):
        build_report([p], draws=200, seed=1)


def test_extra_field_is_an_error_not_dropped(tmp_path):
    p = _model_with_csv(tmp_path, (HEADER + "A,x,20,22,99\n").encode())
    with pytest.raises(
        DataFileError,
        match=r"row 2: 5 fields but the header has 4 columns \(first problem at column "
        r"\(extra field after 'swemwbs_post'\)\)",
    ):
        build_report([p], draws=200, seed=1)


def test_non_number_cell_names_row_and_column(tmp_path):
    p = _model_with_csv(tmp_path, (HEADER + "A,x,20,22\nB,x,21,twenty\n").encode())
    with pytest.raises(
        DataFileError,
        match=r"soft outcome 'wellbeing': .*market_cleaning\.csv: row 3, column "
        r"'swemwbs_post': 'twenty' is not a number",
    ):
        build_report([p], draws=200, seed=1)


def test_missing_column_is_named(tmp_path):
    p = _model_with_csv(tmp_path, b"respondent,pre,post\nA,1,2\n")
    with pytest.raises(DataFileError, match=r"row 1: columns 'swemwbs_pre', 'swemwbs_post' not found"):
        build_report([p], draws=200, seed=1)


def test_neither_utf8_nor_windows_1252_names_the_row(tmp_path):
    # 0x81 is no character in Windows-1252 and no start of a UTF-8 sequence
    p = _model_with_csv(tmp_path, HEADER.encode() + b"A,x,20,22\nB,caf\x81,21,23\n")
    with pytest.raises(DataFileError, match=r"row 3: neither UTF-8 nor Windows-1252 text .*set csv.encoding"):
        build_report([p], draws=200, seed=1)


def test_empty_and_missing_files(tmp_path):
    p = _model_with_csv(tmp_path, b"")
    with pytest.raises(DataFileError, match="the file is empty"):
        build_report([p], draws=200, seed=1)
    (tmp_path / "surveys" / "market_cleaning.csv").unlink()
    with pytest.raises(DataFileError, match="cannot read the data file"):
        build_report([p], draws=200, seed=1)


def test_no_report_is_written_when_data_is_bad(tmp_path):
    p = _model_with_csv(tmp_path, (HEADER + "A,x,20\n").encode())
    with pytest.raises(DataFileError):
        write_report([p], tmp_path / "out" / "report.html", draws=200, seed=1)
    assert not (tmp_path / "out" / "report.html").exists()


def test_data_file_error_is_a_value_error():
    assert issubclass(DataFileError, ValueError)


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object:collections.OrderedDict {{}}",
        "!!python/name:os.system",
    ],
)
def test_yaml_tags_that_construct_objects_are_refused(tmp_path, tag):
    marker = tmp_path / "pwned"
    p = tmp_path / "m.yaml"
    p.write_text(f"impactchain: 1\nname: {tag.format(marker=marker)}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"m\.yaml.*(not allowed|constructor|tag)"):
        ic.load(p)
    assert not marker.exists()
    with pytest.raises(ValueError, match=r"m\.yaml.*(not allowed|constructor|tag)"):
        write_report([p], tmp_path / "r.html", draws=200, seed=1)
    assert not (tmp_path / "r.html").exists()
