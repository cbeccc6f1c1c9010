"""``impactchain compare … --comparator NAME|FILE``: the comparator is one of the models (by name
or file), or a model file of its own, compared with them as if it were named among them."""

from __future__ import annotations

import json
from pathlib import Path

from impactchain.cli import main

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"


def _models(tmp_path: Path) -> list[Path]:
    """Three models named A, B and C (the minimal model under three names, without its survey), their paths."""
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8").split("soft_outcomes:")[0]
    out = []
    for name in "ABC":
        p = tmp_path / f"{name.lower()}.yaml"
        lines = [f"name: {name}" if line.startswith("name:") else line for line in text.splitlines()]
        p.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out.append(p)
    return out


def _compare(argv: list[str], capsys) -> dict:
    assert main(["compare", *argv, "--json", "--quiet"]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_comparator_file_not_among_the_models_is_read_and_compared(tmp_path, capsys):
    a, b, c = (str(p) for p in _models(tmp_path))
    got = _compare([a, b, "--comparator", c, "--draws", "100"], capsys)
    assert got["comparator"] == "C"
    assert [r["strategy"] for r in got["icers"]] and {r["strategy"] for r in got["icers"]} == {"A", "B", "C"}
    # the same as naming it among the models, last
    assert got == _compare([a, b, c, "--comparator", c, "--draws", "100"], capsys)


def test_a_comparator_that_is_neither_a_name_nor_a_file_is_said_in_the_options_words(tmp_path, capsys):
    a, b, _ = (str(p) for p in _models(tmp_path))
    assert main(["compare", a, b, "--comparator", str(tmp_path / "missing.yaml"), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "--comparator '" in err and "missing.yaml': neither the name of one of the models (A, B)" in err
    assert "compare.reference" not in err


def test_a_reports_comparator_file_not_among_the_models_is_read_and_compared(tmp_path, capsys):
    a, b, c = (str(p) for p in _models(tmp_path))
    out = tmp_path / "out"
    args = ["report", a, b, "--comparator", c, "--draws", "100", "--quiet", "--format", "json", "-o", f"{out}/"]
    assert main(args) == 0
    doc = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [m["name"] for m in doc["models"]] == ["A", "B", "C"]
    assert doc["comparison"]["comparator"] == "C"
    # Named among the models too: read once.
    capsys.readouterr()
    assert main(["report", a, b, c, "--comparator", c, "--draws", "100", "--quiet", "-o", f"{tmp_path}/o2.json"]) == 0
    assert [m["name"] for m in json.loads((tmp_path / "o2.json").read_text(encoding="utf-8"))["models"]] == [
        "A",
        "B",
        "C",
    ]
