"""The refusal of a soft outcome's answers counts each cell it names: 4 answers outside the scale
before and 1 after are 5 problems, not 2 (one per measurement); one measurement's 3 cells alone are
3 problems under that heading."""

from __future__ import annotations

from pathlib import Path

import pytest

import impactchain as ic

HEADER = "id,v1,v2,v3,n1,n2,n3"
ROWS = ["1,3,3,4,2,2,3", "2,4,2,3,2,4,2", "3,3,2,3,3,4,3", "4,3,3,2,2,2,3", "5,2,3,3,4,4,4"]
SPEC = {
    "id": "trust",
    "scale": {"items": ["q1", "q2", "q3"], "item_min": 1, "item_max": 5},
    "data": "survey.csv",
    "id_column": "id",
    "pre": ["v1", "v2", "v3"],
    "post": ["n1", "n2", "n3"],
    "resamples": 0,
}


def _survey(folder: Path, pre_out: int, post_out: int) -> None:
    rows = [r.split(",") for r in ROWS]
    for k in range(pre_out):  # column v1 answered 7 on a 1-5 scale
        rows[k][1] = "7"
    for k in range(post_out):  # column n2 answered 0
        rows[k][5] = "0"
    (folder / "survey.csv").write_text("\n".join([HEADER, *(",".join(r) for r in rows)]) + "\n", encoding="utf-8")


def test_every_cell_outside_the_scale_is_a_problem(tmp_path):
    _survey(tmp_path, pre_out=4, post_out=1)
    with pytest.raises(ValueError, match="problems in the data") as e:
        ic.soft_outcome_summary(SPEC, tmp_path)
    text = str(e.value)
    assert text.startswith("5 problems in the data of soft outcome 'trust' (survey.csv):")
    assert text.count("is outside the item range [1, 5]") == 5


def test_one_measurements_cells_are_counted_under_one_heading(tmp_path):
    _survey(tmp_path, pre_out=3, post_out=0)
    with pytest.raises(ValueError, match="problems in the data") as e:
        ic.soft_outcome_summary(SPEC, tmp_path)
    lines = str(e.value).splitlines()
    assert lines[0] == "3 problems in the data of soft outcome 'trust' (survey.csv):"
    assert [x.split(": response")[0].split("row ")[1] for x in lines[1:]] == [
        "2, column 'v1'",
        "3, column 'v1'",
        "4, column 'v1'",
    ]


def test_one_cell_is_refused_as_it_is(tmp_path):
    _survey(tmp_path, pre_out=0, post_out=1)
    with pytest.raises(ValueError, match=r"^soft outcome 'trust': survey.csv \(post\): row 2, column 'n2'"):
        ic.soft_outcome_summary(SPEC, tmp_path)


def test_cells_beyond_the_20_named_are_counted_in_the_heading(tmp_path):
    # 30 respondents who answered 7 to all three pre items: 90 cells outside [1, 5], the core names
    # the first 20 row by row and counts the other 70; the heading counts all 90.
    rows = [f"{i},7,7,7,2,2,3" for i in range(1, 31)]
    (tmp_path / "survey.csv").write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="problems in the data") as e:
        ic.soft_outcome_summary(SPEC, tmp_path)
    text = str(e.value)
    assert text.startswith("90 problems in the data of soft outcome 'trust' (survey.csv):")
    assert text.count("is outside the item range [1, 5]") == 20
    assert "and 70 more responses outside the item range [1, 5] (90 in all)" in text
