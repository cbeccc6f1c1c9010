"""Labels typed by hand that differ only in capitals: group labels ('Noord', 'noord', 'NOORD')
would silently be groups of their own and are refused, named with their rows; a measurement's
label (``wave``) matches with capitals aside, as answer labels and codes of missing do, and says
so, so that a row of 'Nameting' is never a respondent without an after. Expected numbers are
worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

import impactchain as ic
from impactchain._data import DataFileError
from impactchain._i18n import words
from impactchain._soft_data import read_soft_data
from impactchain.cli import main

# The audit's file: Noord, noord and NOORD typed for one neighbourhood.
GROUPS = "id;wijk;voor;na\n1;Noord;5;6\n2;noord;6;7\n3;Zuid;4;6\n4;Zuid;5;5\n5;NOORD;3;5\n"
MODEL = (
    "impactchain: 1\nname: Test\n"
    "chain: {nodes: [{id: evenings, level: activity, quantity: 40, unit: evenings}]}\n"
    "soft_outcomes:\n  - {id: welzijn, data: gr.csv, id_column: id, pre: voor, post: na, group: wijk}\n"
)
# One form filled in twice; respondent 19's after typed 'Nameting' (wave.post is 'nameting').
WAVES = "id,meting,v\n19,voormeting,3\n19,Nameting,5\n17,voormeting,5\n17,nameting,7\n18,voormeting,4\n18,nameting,7\n"
WAVE = {"column": "meting", "pre": "voormeting", "post": "nameting"}


def _write(folder: Path, name: str, text: str) -> Path:
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_group_labels_alike_but_for_capitals_are_refused_with_their_rows(tmp_path, capsys):
    _write(tmp_path, "gr.csv", GROUPS)
    spec = {"id": "welzijn", "data": "gr.csv", "id_column": "id", "pre": "voor", "post": "na", "group": "wijk"}
    expected = (
        "soft outcome 'welzijn': gr.csv: column 'wijk': group labels 'Noord' (row 2), 'noord' (row 3) and "
        "'NOORD' (row 6) differ only in capitals, so each would be a group of its own; write them alike (or, "
        "if they are different groups, give them labels that differ otherwise)"
    )
    with pytest.raises(DataFileError) as e:
        read_soft_data(spec, tmp_path, where="soft outcome 'welzijn'")
    assert str(e.value) == expected
    _write(tmp_path, "gr.yaml", MODEL)
    assert main(["validate", str(tmp_path / "gr.yaml")]) == 1
    assert "group labels 'Noord' (row 2), 'noord' (row 3) and 'NOORD' (row 6)" in capsys.readouterr().err
    # written alike: one group of three (changes 1, 1, 2: mean 4/3) beside Zuid (2, 0: mean 1)
    _write(tmp_path, "gr.csv", GROUPS.replace(";noord;", ";Noord;").replace(";NOORD;", ";Noord;"))
    table = ic.soft_outcome_summary(spec, base_dir=tmp_path).table
    assert table.loc["Noord", "n"] == 3 and table.loc["Noord", "mean_change"] == pytest.approx(4 / 3, abs=1e-12)
    assert table.loc["Zuid", "n"] == 2 and table.loc["Zuid", "mean_change"] == pytest.approx(1.0, abs=1e-12)


def test_group_labels_of_two_files_are_named_with_their_file(tmp_path):
    _write(tmp_path, "voor.csv", "id,wijk,v\n1,Noord,3\n2,Zuid,4\n")
    _write(tmp_path, "na.csv", "id,wijk,v\n1,Noord,5\n3,noord,6\n")  # respondent 3: only after
    spec = {"id": "w", "data": "voor.csv", "data_post": "na.csv", "id_column": "id", "pre": "v", "post": "v"}
    with pytest.raises(DataFileError, match=r"group labels 'Noord' \(voor.csv row 2\) and 'noord' \(na.csv row 3\)"):
        read_soft_data({**spec, "group": "wijk"}, tmp_path, where="soft outcome 'w'")


def test_a_wave_label_in_other_capitals_is_that_measurement_and_said(tmp_path):
    _write(tmp_path, "w2.csv", WAVES)
    spec = {"id": "w", "data": "w2.csv", "wave": WAVE, "id_column": "id", "pre": "v", "post": "v"}
    data = read_soft_data(spec, tmp_path, where="soft outcome 'w'")
    assert data.n_rows == 3 and data.n_used == 3 and data.rows_not_used == ()
    said = [s for s in data.table.reading if s.key == "read_wave_case"]
    assert [str(s) for s in said] == [
        "w2.csv: 'Nameting' in column 'meting' read as nameting: the same label with other capitals or white space (rows: 1)"
    ]
    assert said[0].in_language(words("nl")) == (
        "w2.csv: 'Nameting' in kolom 'meting' gelezen als nameting: hetzelfde label, met andere hoofdletters of witruimte (rijen: 1)"
    )
    # 19: 3 -> 5, 17: 5 -> 7, 18: 4 -> 7: changes 2, 2, 3, mean 7/3
    row = ic.soft_outcome_summary(spec, base_dir=tmp_path).table.iloc[0]
    assert row["n"] == 3 and row["mean_change"] == pytest.approx(7 / 3, abs=1e-12)


def test_wave_labels_alike_but_for_capitals_are_refused(tmp_path):
    _write(tmp_path, "w2.csv", WAVES.replace("voormeting", "Meting").replace("nameting", "meting"))
    wave = {"column": "meting", "pre": "Meting", "post": "meting"}
    spec = {"id": "w", "data": "w2.csv", "wave": wave, "id_column": "id", "pre": "v", "post": "v"}
    with pytest.raises(ValueError, match=r"wave.pre 'Meting' and wave.post 'meting' are one label"):
        read_soft_data(spec, tmp_path, where="soft outcome 'w'")
