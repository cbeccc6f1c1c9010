"""The groups of an SPSS .sav file's `group` column: two codes that read as one group (a value
label given twice, or a label that is another code) are refused, naming the column, the codes and
the label; a code without a label beside labelled ones is named by its code and said; numeric ids
are shown as whole numbers (3, not 3.0) as a CSV shows them (docs/soft.md, "SPSS .sav")."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import impactchain as ic
from impactchain._data import DataFileError
from impactchain.cli import main

MODEL = """\
impactchain: 1
name: Labels
chain:
  nodes: [{id: meetings, level: activity, quantity: 12, unit: meetings}]
soft_outcomes:
  - {id: welzijn, data: buurt.sav, id_column: id, group: wijk, pre: voor, post: na, resamples: 0}
"""

# Respondents 1-6 in wijk 1, 1, 1, 2, 2, 3; changes 3, 2, 1, 1, 3, 1.
SURVEY = {"id": [1, 2, 3, 4, 5, 6], "wijk": [1, 1, 1, 2, 2, 3], "voor": [20, 22, 19, 25, 24, 21]}
AFTER = [23, 24, 20, 26, 27, 22]


def _sav(folder: Path, labels: dict, after: list = AFTER, ids: list | None = None) -> Path:
    pyreadstat = pytest.importorskip("pyreadstat", reason="the optional extra impactchain[spss] is not installed")
    frame = pd.DataFrame({**SURVEY, "na": after, **({"id": ids} if ids else {})})
    pyreadstat.write_sav(frame, str(folder / "buurt.sav"), variable_value_labels={"wijk": labels} if labels else None)
    (folder / "model.yaml").write_text(MODEL, encoding="utf-8")
    return folder / "model.yaml"


def _summary(path: Path) -> ic.SoftOutcomeSummary:
    return ic.soft_outcome_summary(ic.load(path).soft_outcomes[0], path.parent)


def test_two_codes_with_one_label_are_refused(tmp_path, capsys):
    path = _sav(tmp_path, {1: "Noord", 2: "Noord", 3: "Zuid"})
    said = (
        "soft outcome 'welzijn': buurt.sav: codes 1 and 2 of column 'wijk' both have the value label 'Noord', so "
        "their respondents would be one group; give each code its own value label in SPSS (Variable View, "
        "Values), or recode them to one code if they are one group"
    )
    with pytest.raises(DataFileError) as refused:
        _summary(path)
    assert str(refused.value) == said
    assert main(["validate", str(path)]) == 1
    assert said in capsys.readouterr().err
    with pytest.raises(DataFileError, match="codes 1 and 2 of column 'wijk' both have the value label 'Noord'"):
        ic.build_report([path], draws=100, seed=1)


def test_a_label_that_is_another_code_is_refused(tmp_path):
    # code 3 has no label, so its group is '3'; code 2 is labelled '3': both would be group '3'
    path = _sav(tmp_path, {1: "Noord", 2: "3"})
    with pytest.raises(
        DataFileError,
        match=r"codes 2 and 3 of column 'wijk' both read as group '3' \(value labels: "
        r"2 = '3'; 3 has none\)",
    ):
        _summary(path)


def test_a_shared_label_of_a_code_nobody_has_merges_nothing(tmp_path):
    # 4 is labelled 'Zuid' as 2 is, but no respondent has code 4: the groups are as labelled
    s = _summary(_sav(tmp_path, {1: "Noord", 2: "Zuid", 3: "Oost", 4: "Zuid"}))
    assert list(s.groups.index) == ["all", "Noord", "Zuid", "Oost"]
    assert s.groups.loc["Zuid", "n"] == 2
    assert s.groups.loc["Zuid", "mean_change"] == pytest.approx((1 + 3) / 2, abs=1e-12)


def test_a_code_without_a_label_is_its_own_group_and_said(tmp_path):
    s = _summary(_sav(tmp_path, {1: "Noord", 2: "Zuid"}))
    assert list(s.groups.index) == ["all", "Noord", "Zuid", "3"]
    assert s.groups.loc["Noord", "mean_change"] == pytest.approx((3 + 2 + 1) / 3, abs=1e-12)
    assert s.groups.loc["3", "n"] == 1
    said = next(a for a in s.assumptions if "value label:" in a)
    assert str(said) == "buurt.sav: code 3 of 'wijk' has no value label: shown as 3"
    from impactchain._i18n import words

    assert said.in_language(words("nl")) == "buurt.sav: code 3 van 'wijk' heeft geen waardelabel: weergegeven als 3"


def test_codes_without_labels_are_counted(tmp_path):
    s = _summary(_sav(tmp_path, {1: "Noord"}))
    assert list(s.groups.index) == ["all", "Noord", "2", "3"]
    assert "buurt.sav: codes 2, 3 of 'wijk' have no value label: their groups are shown as the codes" in s.assumptions


def test_a_column_without_labels_is_not_said(tmp_path):
    s = _summary(_sav(tmp_path, {}))
    assert list(s.groups.index) == ["all", "1", "2", "3"]
    assert not any("value label" in a for a in s.assumptions)


def test_numeric_ids_are_shown_as_whole_numbers(tmp_path, capsys):
    path = _sav(tmp_path, {1: "Noord", 2: "Zuid", 3: "Oost"}, after=[23, 24, np.nan, 26, 27, 22])
    s = _summary(path)
    assert [(r["row"], r["id"]) for r in s.rows_not_used] == [(3, 3)]  # case 3, respondent 3: no after score
    assert type(s.rows_not_used[0]["id"]) is int
    assert main(["validate", str(path)]) == 0
    assert "  row 3 (id 3): no after score" in capsys.readouterr().out.splitlines()


def test_an_id_given_twice_is_named_as_a_whole_number(tmp_path):
    path = _sav(tmp_path, {1: "Noord", 2: "Zuid", 3: "Oost"}, ids=[1, 2, 3, 3, 5, 6])
    with pytest.raises(DataFileError, match=r"buurt.sav: row 4, column 'id': id '3' appears twice \(first on row 3\)"):
        _summary(path)
