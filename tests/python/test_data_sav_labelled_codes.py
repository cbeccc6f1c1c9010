"""An SPSS score column holding a code whose value label says no answer (99 labelled 'Weet niet'),
which the file does not declare missing and the entry's ``missing`` does not list, is refused:
averaged in, a 99 on a 0-10 satisfaction score is a wrong number (docs/soft.md, "SPSS .sav").
Declared missing in the file, or listed in ``missing``, it is a missing answer; the mean is then
that of the other scores (pandas, the oracle)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import impactchain as ic
from impactchain._data import DataFileError
from impactchain.cli import main

pyreadstat = pytest.importorskip("pyreadstat", reason="the optional extra impactchain[spss] is not installed")

MODEL = """\
impactchain: 1
name: Tevredenheid
chain:
  nodes: [{id: avonden, level: activity, quantity: 40, unit: avonden}]
soft_outcomes:
  - {id: tevreden, data: tevreden.sav, id_column: nr, pre: tv_voor, post: tv_na, resamples: 0%s}
"""

# Satisfaction 0-10 before and after; respondent 4 answered 'weet niet' (99) before, 6 after.
VOOR = [6.0, 7.0, 5.0, 99.0, 8.0, 6.0, 7.0, 4.0]
NA = [7.0, 8.0, 6.0, 7.0, 8.0, 99.0, 8.0, 6.0]
LABELS = {0: "Heel ontevreden", 10: "Heel tevreden", 99: "Weet niet"}


def _sav(folder: Path, extra: str = "", **write: object) -> Path:
    frame = pd.DataFrame({"nr": list(range(1, 9)), "tv_voor": VOOR, "tv_na": NA})
    pyreadstat.write_sav(
        frame,
        str(folder / "tevreden.sav"),
        variable_value_labels={"tv_voor": LABELS, "tv_na": LABELS},
        **write,  # type: ignore[arg-type]
    )
    (folder / "model.yaml").write_text(MODEL % extra, encoding="utf-8")
    return folder / "model.yaml"


def _summary(path: Path) -> ic.SoftOutcomeSummary:
    return ic.soft_outcome_summary(ic.load(path).soft_outcomes[0], path.parent)


def _oracle() -> pd.Series:
    """The group's means with 99 a missing answer: the respondents with both scores."""
    frame = pd.DataFrame({"pre": VOOR, "post": NA}).replace(99.0, np.nan).dropna()
    return pd.Series({"n": len(frame), "mean_pre": frame["pre"].mean(), "mean_change": (frame.post - frame.pre).mean()})


def test_a_code_labelled_weet_niet_not_declared_missing_is_refused(tmp_path, capsys):
    path = _sav(tmp_path)
    with pytest.raises(DataFileError) as e:
        _summary(path)
    said = str(e.value)
    assert said.startswith("2 problems in the data of soft outcome 'tevreden' (tevreden.sav):\n")
    assert (
        "tevreden.sav: column 'tv_voor' holds code 99, whose value label 'Weet niet' says no answer, in 1 cell "
        "(row 4); the file does not declare 99 missing and missing does not list it, so it would be read as a "
        "score of 99; if it means no answer, give missing: [99] (or declare it missing in SPSS: Variable View, "
        "Missing); if it is a real score, say so: answers: {Weet niet: 99}"
    ) in said
    assert "column 'tv_na' holds code 99, whose value label 'Weet niet' says no answer, in 1 cell (row 6)" in said
    assert main(["validate", str(path)]) == 1
    assert "column 'tv_voor' holds code 99" in capsys.readouterr().err


def test_declared_missing_in_the_file_it_is_a_missing_answer(tmp_path):
    s = _summary(_sav(tmp_path, missing_ranges={"tv_voor": [99], "tv_na": [99]}))
    got = s.groups.iloc[0]
    want = _oracle()
    assert got["n"] == want["n"] == 6
    assert got["mean_pre"] == pytest.approx(want["mean_pre"], abs=1e-12)
    assert got["mean_change"] == pytest.approx(want["mean_change"], abs=1e-12)


def test_listed_in_missing_it_is_a_missing_answer(tmp_path):
    s = _summary(_sav(tmp_path, ", missing: [99]"))
    got, want = s.groups.iloc[0], _oracle()
    assert got["n"] == want["n"] == 6
    assert got["mean_pre"] == pytest.approx(want["mean_pre"], abs=1e-12)
    assert got["mean_change"] == pytest.approx(want["mean_change"], abs=1e-12)


def test_a_real_score_given_by_answers_is_kept(tmp_path):
    s = _summary(_sav(tmp_path, ", answers: {Weet niet: 99}"))
    assert s.groups.iloc[0]["mean_pre"] == pytest.approx(np.mean(VOOR), abs=1e-12)


@pytest.mark.parametrize(
    "label", ["Weet niet / geen mening", "99 = WEET\u00a0NIET", "Don\u2019t know", "n.v.t.", "Refused"]
)
def test_labels_that_say_no_answer_in_other_words(tmp_path, label):
    frame = pd.DataFrame({"nr": [1, 2, 3], "tv_voor": [5.0, 98.0, 6.0], "tv_na": [6.0, 7.0, 7.0]})
    pyreadstat.write_sav(frame, str(tmp_path / "tevreden.sav"), variable_value_labels={"tv_voor": {98: label}})
    (tmp_path / "model.yaml").write_text(MODEL % "", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"column 'tv_voor' holds code 98, whose value label .* says no answer"):
        _summary(tmp_path / "model.yaml")


def test_a_scale_end_labelled_not_applicable_at_all_is_a_score(tmp_path):
    # 'Helemaal niet van toepassing' is the end of a 1-5 scale, not 'niet van toepassing'.
    frame = pd.DataFrame({"nr": [1, 2, 3], "tv_voor": [1.0, 3.0, 2.0], "tv_na": [2.0, 4.0, 2.0]})
    labels = {1: "Helemaal niet van toepassing", 5: "Helemaal van toepassing"}
    pyreadstat.write_sav(frame, str(tmp_path / "tevreden.sav"), variable_value_labels={"tv_voor": labels})
    (tmp_path / "model.yaml").write_text(MODEL % "", encoding="utf-8")
    assert _summary(tmp_path / "model.yaml").groups.iloc[0]["mean_pre"] == pytest.approx(2.0, abs=1e-12)


def test_on_a_scale_with_a_range_the_code_is_refused_once(tmp_path):
    # 99 on a 0-10 scale: refused for its label, not once more as a score outside the range.
    path = _sav(tmp_path, ", scale: {items: [t], item_min: 0, item_max: 10}")
    with pytest.raises(DataFileError) as e:
        _summary(path)
    assert str(e.value).startswith("2 problems in the data of soft outcome 'tevreden' (tevreden.sav):\n")
    assert "outside" not in str(e.value)
