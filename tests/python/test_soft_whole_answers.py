"""Answers to the items of a built-in scale are whole numbers (SWEMWBS: 1 to 5): an answer such as
2.5 is scored as it is but counted and said in the summary's warnings; a scale of the model's own
(which may be answered on a continuous line) says nothing."""

from __future__ import annotations

from pathlib import Path

import impactchain as ic
from impactchain._i18n import words
from impactchain._soft_data import read_soft_data

PRE = [f"pre_q{k}" for k in range(1, 8)]
POST = [f"post_q{k}" for k in range(1, 8)]


def _survey(folder: Path, rows: list[list[object]]) -> None:
    lines = ["id," + ",".join(PRE + POST)] + [",".join(map(str, r)) for r in rows]
    (folder / "s.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _spec(**kw: object) -> dict:
    return {"id": "wb", "data": "s.csv", "pre": PRE, "post": POST, "scale": "swemwbs", "resamples": 0, **kw}


ROWS = [
    ["A", 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4],
    ["B", 2.5, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3.5],  # two answers between the scale's steps
    ["C", 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4],
]


def test_answers_between_a_builtin_scales_steps_are_counted_in_the_warnings(tmp_path):
    _survey(tmp_path, ROWS)
    data = read_soft_data(_spec(), tmp_path, where="wb")
    assert data.rows_not_used == ()  # scored as they are: every row used
    expected = (
        "s.csv: 2 answers to the items of scale 'swemwbs' are not whole numbers (the first: 2.5 on row 3, "
        "column 'pre_q1'), but the scale's answers are the whole numbers 1 to 5; they are scored as they are: "
        "check the data"
    )
    assert [str(w) for w in data.warnings] == [expected]
    assert data.warnings[0].in_language(words("nl")).startswith("s.csv: 2 antwoorden op de vragen van schaal")
    out = ic.soft_outcome_summary(_spec(), tmp_path)
    assert expected in [str(w) for w in out.warnings]


def test_one_answer_between_steps_is_said_in_the_singular(tmp_path):
    _survey(tmp_path, [ROWS[0], ROWS[1][:14] + [3], ROWS[2]])
    (said,) = read_soft_data(_spec(), tmp_path, where="wb").warnings
    assert str(said).startswith("s.csv: 1 answer to the items of scale 'swemwbs' is not a whole number (2.5 on row 3")


def test_whole_answers_and_a_scale_of_the_models_own_say_nothing(tmp_path):
    _survey(tmp_path, [ROWS[0], ROWS[2]])
    assert read_soft_data(_spec(), tmp_path, where="wb").warnings == ()
    _survey(tmp_path, ROWS)
    own = {"items": [f"q{k}" for k in range(1, 8)], "item_min": 1, "item_max": 5}
    assert read_soft_data(_spec(scale=own), tmp_path, where="wb").warnings == ()
