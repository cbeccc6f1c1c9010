"""``impactchain validate --json`` on a model whose soft outcome's survey file is not there: the
problem is of the key its message names (``soft_outcomes[0].data``), at that key's line and
column in the model file (counted by hand below), as the loader's problems are."""

from __future__ import annotations

import json
from pathlib import Path

from impactchain.cli import main

MODEL = """\
impactchain: 1
name: Buurtkamer
chain:
  nodes: [{id: evenings, level: activity, quantity: 40, unit: evenings}]
soft_outcomes:
  - id: welzijn
    scale: swemwbs
    data: nope.csv
    pre: voor
    post: na
  - {id: vertrouwen, scale: swemwbs, data: weg.csv, pre: voor, post: na}
"""


def test_a_missing_survey_file_is_placed_at_its_data_key(tmp_path: Path, capsys) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MODEL, encoding="utf-8")
    assert main(["validate", "--json", str(path)]) == 1
    (record,) = json.loads(capsys.readouterr().out)["files"]
    folder = f"(data paths are relative to the model file's folder '{tmp_path}')"
    assert record["problems"] == [
        {
            "message": f"cannot read the data file 'nope.csv': not found {folder}",
            "field": "soft_outcomes[0].data",
            "line": 8,  # "    data: nope.csv"
            "column": 5,
        },
        {
            "message": f"cannot read the data file 'weg.csv': not found {folder}",
            "field": "soft_outcomes[1].data",
            "line": 11,  # "  - {id: vertrouwen, scale: swemwbs, data: …": 5 + 16 + 16 characters before "data"
            "column": 38,
        },
    ]
    # the text names the key as before
    assert main(["validate", str(path)]) == 1
    assert "soft_outcomes[0].data: cannot read the data file 'nope.csv'" in capsys.readouterr().err
