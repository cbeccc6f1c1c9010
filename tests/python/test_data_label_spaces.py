"""Answer labels and codes of missing match a cell with Unicode's white space and compatibility
forms aside (docs/soft.md, "Answer labels"): a Qualtrics export's 'Mee\\xa0eens' (a non-breaking
space pasted from Word) is the label 'Mee eens'. Two labels, or a label and a code, that only
differ so are refused; a refused word's suggested code never is an answer label, and shows a
character that cannot be seen escaped."""

from __future__ import annotations

import pandas as pd
import pytest

import impactchain as ic
from impactchain._data import DataFileError, Table
from impactchain._soft_data import read_soft_data

#: The answers of the form, as the model file gives them.
ANSWERS = {"Helemaal mee oneens": 1, "Mee oneens": 2, "Neutraal": 3, "Mee eens": 4, "Helemaal mee eens": 5}

# A Qualtrics-like export: the header, the question texts and import ids (rows 2 and 3), then the
# answers as labels, some written with a non-breaking space, a thin space or a run of spaces.
QUALTRICS = (
    "ResponseId,Q1,Q2\n"
    'Response ID,"Hoe eens bent u het, vooraf?","Hoe eens bent u het, achteraf?"\n'
    '"{""ImportId"":""_recordId""}","{""ImportId"":""QID1""}","{""ImportId"":""QID2""}"\n'
)
ROWS = [
    ("R_1", "Mee\u00a0eens", "Helemaal\u00a0mee\u00a0eens"),
    ("R_2", "Neutraal", "Mee\u00a0eens"),
    ("R_3", "Mee oneens", "Mee\u2009eens"),
    ("R_4", "mee   ONEENS", "Neutraal"),
    ("R_5", "Helemaal mee oneens", "Mee eens"),
]
# The same answers as numbers, by hand (the oracle).
PRE, POST = [4, 3, 2, 2, 1], [5, 4, 4, 3, 4]


def _write(folder, rows=ROWS) -> None:
    body = "".join(f"{r},{a},{b}\n" for r, a, b in rows)
    (folder / "qualtrics.csv").write_text(QUALTRICS + body, encoding="utf-8")


def _spec(**kw: object) -> dict:
    return {
        "id": "vertrouwen",
        "data": "qualtrics.csv",
        "id_column": "ResponseId",
        "pre": "Q1",
        "post": "Q2",
        "answers": ANSWERS,
        "skip_rows": [2, 3],
        "resamples": 0,
        **kw,
    }


def test_a_label_with_a_non_breaking_space_is_the_label(tmp_path):
    _write(tmp_path)
    s = ic.soft_outcome_summary(_spec(), tmp_path)
    group = s.groups.iloc[0]
    oracle = pd.DataFrame({"pre": PRE, "post": POST})
    assert s.n_used == 5
    assert group["mean_pre"] == pytest.approx(oracle["pre"].mean(), abs=1e-12)
    assert group["mean_post"] == pytest.approx(oracle["post"].mean(), abs=1e-12)
    assert group["mean_change"] == pytest.approx((oracle["post"] - oracle["pre"]).mean(), abs=1e-12)
    said = " ".join(str(a) for a in s.assumptions)
    assert "Mee eens = 4 (cells: 4)" in said  # 'Mee\xa0eens' twice, 'Mee\u2009eens', 'Mee eens'


def test_the_auditors_export_reads_the_non_breaking_space_cells_as_4(tmp_path):
    _write(tmp_path, [("R_1", "Mee\u00a0eens", "Mee\u00a0eens"), ("R_2", "Neutraal", "Mee eens")])
    data = read_soft_data(_spec(), tmp_path, where="vertrouwen")
    assert list(data.pre) == [ANSWERS["Mee eens"], ANSWERS["Neutraal"]]
    assert list(data.post) == [ANSWERS["Mee eens"], ANSWERS["Mee eens"]]


def test_a_code_of_missing_matches_a_cell_with_a_non_breaking_space(tmp_path):
    _write(tmp_path, [*ROWS, ("R_6", "weet\u00a0niet", "Neutraal")])
    data = read_soft_data(_spec(missing=["Weet niet"]), tmp_path, where="vertrouwen")
    assert [r["id"] for r in data.rows_not_used] == ["R_6"]


def test_an_answer_and_a_code_that_differ_only_in_white_space_are_refused(tmp_path):
    _write(tmp_path)
    with pytest.raises(ValueError, match="is both an answer and a code of missing") as e:
        read_soft_data(_spec(missing=["Mee\u00a0eens"]), tmp_path, where="vertrouwen")
    # the model file's loader refuses the pair too (white space aside): said as it says it, naming both
    assert str(e.value) == (
        "vertrouwen: answers.Mee eens: 'Mee eens' is both an answer and a code of missing ('Mee\\xa0eens')"
    )


def test_two_answers_that_differ_only_in_white_space_are_refused(tmp_path):
    _write(tmp_path)
    with pytest.raises(ValueError, match="is given twice") as e:
        read_soft_data(_spec(answers={**ANSWERS, "Mee  eens": 3}), tmp_path, where="vertrouwen")
    assert str(e.value) == (
        "vertrouwen: answers.Mee  eens: answer 'Mee  eens' is given twice (also 'Mee eens'; labels are compared "
        "in any case, with white space aside)"
    )


def test_the_hint_escapes_a_non_breaking_space_in_the_suggested_code(tmp_path):
    (tmp_path / "e.csv").write_text("id,voor,na\nA,3,weet\u00a0niet\nB,2,4\n", encoding="utf-8")
    with pytest.raises(DataFileError) as e:
        read_soft_data({"id": "wb", "data": "e.csv", "pre": "voor", "post": "na"}, tmp_path, where="wb")
    assert str(e.value).endswith(
        "if 'weet\\xa0niet' means no answer, give missing: [\"weet\\u00a0niet\"] "
        "(an answer's label goes in answers: {label: number})"
    )
    assert "\u00a0" not in str(e.value)


def test_the_hint_never_suggests_an_answer_label_as_a_code_of_missing():
    # Cells refused as they are (not read through answers): the label is not suggested as missing.
    table = Table.of_rows(
        ["voor"], [["Mee\u00a0eens"], ["zelden"]], [2, 3], "e.csv", "wb", text=True, answer_labels=("Mee eens",)
    )
    with pytest.raises(DataFileError) as e:
        table.number_columns(["voor"], codes_hint=True)
    assert "give missing: [zelden]" in str(e.value)
    assert "Mee eens]" not in str(e.value).replace("\u00a0", " ")
