"""``write_report`` takes what ``build_report`` takes (docs/report.md): model files, Model objects
(read with impactchain.load or built in Python), or a list mixing them; anything else is a
TypeError naming the argument."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import impactchain as ic
from impactchain.report import build_report, write_report

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"


def test_write_report_of_loaded_models_is_the_report_of_their_files(tmp_path):
    path = DATA / "minimal.yaml"
    from_model = write_report([ic.load(path)], tmp_path / "m/", formats="json", draws=100, seed=3, lang="en")
    from_file = write_report([path], tmp_path / "f/", formats="json", draws=100, seed=3, lang="en")
    assert [p.name for p in from_model] == [p.name for p in from_file] == ["report.json"]
    a, b = (json.loads(p[0].read_text(encoding="utf-8")) for p in (from_model, from_file))
    a["settings"].pop("generated"), b["settings"].pop("generated")
    assert a == b  # the same model, the same seed: the same report, whichever way it was given


def test_write_report_of_one_model_and_of_a_model_built_in_python(tmp_path):
    model = ic.load(DATA / "minimal.yaml")
    (written,) = write_report(model, tmp_path / "one.md", draws=100, seed=1)  # one Model, not in a list
    assert written.read_text(encoding="utf-8").startswith("# ")
    built = ic.Model.from_dict({**model.to_dict(), "soft_outcomes": []})  # no file behind it (nor its survey)
    (written,) = write_report([built], tmp_path / "built.json", draws=100, seed=1)
    expected = build_report([built], draws=100, seed=1).to_dict()
    got = json.loads(written.read_text(encoding="utf-8"))
    assert got["models"][0]["name"] == expected["models"][0]["name"]


@pytest.mark.parametrize(
    "models,where,got",
    [(42, "model_paths", "int"), ([DATA / "minimal.yaml", {"name": "x"}], r"model_paths\[1\]", "dict")],
)
def test_anything_else_is_a_type_error_naming_the_argument(tmp_path, models, where, got):
    with pytest.raises(
        TypeError, match=rf"write_report: {where} must be a model file .* an impactchain\.Model.*got {got}"
    ):
        write_report(models, tmp_path / "r.md", draws=100)
    assert list(tmp_path.iterdir()) == []
