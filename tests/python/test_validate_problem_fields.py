"""Where a problem of a model's survey data is (``check_model_data``, ``impactchain validate
--json``): of the key the error is of (its ``field``, ``soft_outcomes[0].data_post``: that file is
not there), not of a key read back out of its text; else of the soft outcome's entry; each at its
line and column in the model file, counted by hand below. The text output is as before."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import impactchain._soft_data as soft_data
from impactchain._data_check import check_model_data
from impactchain._data_files import DataFileError
from impactchain.cli import main

MODEL = """\
impactchain: 1
name: Buurtkamer
chain:
  nodes: [{id: evenings, level: activity, quantity: 40, unit: evenings}]
soft_outcomes:
  - id: welzijn
    scale: swemwbs
    data: voor.csv
    data_post: na.csv
    id_column: id
    pre: score
    post: score
  - id: vertrouwen
    scale: swemwbs
    data: voor.csv
    pre: score
    post: nameting
"""


def _model(folder: Path) -> Path:
    (folder / "voor.csv").write_text("id,score\n1,20\n2,25\n", encoding="utf-8")
    path = folder / "m.yaml"
    path.write_text(MODEL, encoding="utf-8")
    return path


def test_the_field_is_the_errors_own_not_read_from_its_text(tmp_path: Path, monkeypatch) -> None:
    # An error that names its key only in its attribute: the field is that key, the message as it is.
    def refuse(*args, **kwargs):
        raise DataFileError("the sheet is hidden", field="soft_outcomes[0].sheet")

    monkeypatch.setattr(soft_data, "read_soft_data", refuse)
    model = SimpleNamespace(soft_outcomes=[{"id": "w", "data": "x.xlsx", "pre": "a", "post": "b"}], indicators=[])
    found = check_model_data(model, tmp_path)
    assert found.fields == ["soft_outcomes[0].sheet"]
    assert found.problems == found.messages == ["the sheet is hidden"]

    # A key of another entry is not this entry's: the problem stays of the entry.
    def elsewhere(*args, **kwargs):
        raise DataFileError("soft_outcomes[3].data: gone", field="soft_outcomes[3].data")

    monkeypatch.setattr(soft_data, "read_soft_data", elsewhere)
    found = check_model_data(model, tmp_path)
    assert found.fields == ["soft_outcomes[0]"] and found.messages == ["soft_outcomes[3].data: gone"]


def test_a_missing_after_file_and_a_missing_column_are_placed(tmp_path: Path, capsys) -> None:
    path = _model(tmp_path)
    assert main(["validate", "--json", str(path)]) == 1
    (record,) = json.loads(capsys.readouterr().out)["files"]
    first, second = record["problems"]
    folder = f"(data paths are relative to the model file's folder '{tmp_path}')"
    assert first == {
        "message": f"cannot read the data file 'na.csv': not found {folder}",
        "field": "soft_outcomes[0].data_post",
        "line": 9,  # "    data_post: na.csv": the ninth line, the key after four spaces
        "column": 5,
    }
    # No key is named: the soft outcome's entry, where its first key is ("  - id: vertrouwen").
    assert (second["field"], second["line"], second["column"]) == ("soft_outcomes[1]", 13, 5)
    assert "'nameting'" in second["message"] and not second["message"].startswith("soft_outcomes")
    # The text says the key, as before.
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}: soft_outcomes[0].data_post: cannot read the data file 'na.csv': not found" in err
