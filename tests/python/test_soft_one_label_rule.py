"""One rule for comparing labels (``_data_hints.label_key``: Unicode's compatibility forms, runs of
white space and capitals aside) wherever a soft outcome's data compares labels: a measurement's
label (``wave``), the ids the two measurements write otherwise, and the lookup of answer labels and
codes of missing, where two texts that are one so compared are refused, naming both (the model
file's loader compares labels with case and white space aside but not Unicode's compatibility
forms, so a pair one only in those passes it). Expected numbers by hand."""

from __future__ import annotations

import pandas as pd
import pytest

import impactchain as ic
from impactchain._soft_data import read_soft_data

MODEL = (
    "impactchain: 1\nname: Test\n"
    "chain: {nodes: [{id: evenings, level: activity, quantity: 40, unit: evenings}]}\n"
    "soft_outcomes:\n"
    "  - id: eens\n    data: e.csv\n    pre: voor\n    post: na\n"
    '    answers: {"Mee eens": 4, "\\uff2dee eens": 5, "Oneens": 2}\n'
)


def test_answer_labels_one_but_for_a_full_width_letter_pass_the_loader_and_are_refused_by_the_reader(tmp_path):
    (tmp_path / "e.csv").write_text("voor,na\nMee eens,Oneens\nOneens,Mee eens\n", encoding="utf-8")
    (tmp_path / "m.yaml").write_text(MODEL, encoding="utf-8")
    model = ic.load(tmp_path / "m.yaml")  # 'Ｍ' (full-width) is 'M' under NFKC only: no refusal there
    spec = dict(model.soft_outcomes[0])
    with pytest.raises(ValueError, match=r"answers: 'Ｍee eens' and 'Mee eens' are one answer label"):
        ic.soft_outcome_summary(spec, base_dir=tmp_path)


@pytest.mark.parametrize("codes", [["n.v.t.", "N.V.T.\u00a0"], ["weet niet", "Weet  niet"], ["nvt", "NVT"]])
def test_two_codes_of_missing_that_are_one_label_are_refused_naming_both(codes):
    # one as the model file's loader compares them too (case and white space aside): said as it says it
    df = pd.DataFrame({"voor": ["3", codes[0], "4"], "na": ["4", "5", codes[1]]})
    spec = {"id": "x", "data": df, "pre": "voor", "post": "na", "missing": codes, "resamples": 0}
    with pytest.raises(ValueError, match="are one code of missing") as e:
        read_soft_data(spec, ".", where="soft outcome 'x'")
    assert str(e.value) == (
        f"soft outcome 'x': missing[1]: codes {codes[1]!r} and {codes[0]!r} are one code of missing (codes are "
        "compared in any case, with white space aside): give it once"
    )


# One form filled in twice; respondent 19's after written 'na\xa0meting ' (a space pasted from Word),
# 17's 'Na  Meting' (two spaces); wave.post is 'na meting'.
WAVES = (
    "id,meting,v\n19,voormeting,3\n19,na\u00a0meting ,5\n17,voormeting,5\n17,Na  Meting,7\n"
    "18,voormeting,4\n18,na meting,7\n"
)


def test_a_wave_label_with_other_white_space_is_that_measurement(tmp_path):
    (tmp_path / "w.csv").write_text(WAVES, encoding="utf-8")
    wave = {"column": "meting", "pre": "voormeting", "post": "na meting"}
    spec = {"id": "w", "data": "w.csv", "wave": wave, "id_column": "id", "pre": "v", "post": "v"}
    data = read_soft_data(spec, tmp_path, where="soft outcome 'w'")
    assert data.n_rows == 3 and data.n_used == 3 and data.rows_not_used == ()
    # 19: 3 -> 5, 17: 5 -> 7, 18: 4 -> 7: changes 2, 2, 3
    assert sorted(b - a for a, b in zip(data.pre_scores, data.post_scores)) == [2, 2, 3]


def test_wave_labels_that_are_one_label_are_refused(tmp_path):
    (tmp_path / "w.csv").write_text(WAVES, encoding="utf-8")
    wave = {"column": "meting", "pre": "na meting", "post": "Na\u00a0Meting"}
    spec = {"id": "w", "data": "w.csv", "wave": wave, "id_column": "id", "pre": "v", "post": "v"}
    with pytest.raises(ValueError, match=r"wave.pre 'na meting' and wave.post 'Na\\xa0Meting' are one label"):
        read_soft_data(spec, tmp_path, where="soft outcome 'w'")


def test_ids_the_other_file_writes_with_other_white_space_are_said(tmp_path):
    # 'R\xa01' in the before and 'r 1' in the after: one respondent as a person reads it, not joined
    (tmp_path / "voor.csv").write_text("id,v\nR\u00a01,3\nR 2,4\n", encoding="utf-8")
    (tmp_path / "na.csv").write_text("id,v\nr 1,5\nR 2,6\n", encoding="utf-8")
    spec = {"id": "w", "data": "voor.csv", "data_post": "na.csv", "id_column": "id", "pre": "v", "post": "v"}
    data = read_soft_data(spec, tmp_path, where="soft outcome 'w'")
    said = [s for s in data.warnings if getattr(s, "key", "") == "read_joined_alike"]
    assert len(said) == 1 and "'R\u00a01'" in str(said[0]) and "'r 1'" in str(said[0])
