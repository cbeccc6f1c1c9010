"""``impactchain validate --json`` (docs/model-file.md, "Checking a model"): what was found in
every file named, as one JSON document, each problem at its field, line and column where the
loader names them; the exit code and the text output as without it."""

from __future__ import annotations

import json
from pathlib import Path

from impactchain.cli import main
from small_models import BUURTKAMER_HEAD

ROOT = Path(__file__).resolve().parents[2]

BAD = (
    BUURTKAMER_HEAD
    + """\
outcomes:
  - {id: werk, quantity: 10, deadweight: 1.3, proxy: {value: 1000, currency: EUR, source: s}}
investments: [{funder: gemeente, amount: 150.000}]
"""
)
GOOD = BAD.replace("deadweight: 1.3", "deadweight: 0.3")


def _json(capsys) -> dict:
    return json.loads(capsys.readouterr().out)


def test_each_problem_is_at_its_field_line_and_column(tmp_path, capsys):
    path = tmp_path / "model.yaml"
    path.write_text(BAD, encoding="utf-8")
    assert main(["validate", "--json", str(path)]) == 1
    found = _json(capsys)
    assert found["valid"] is False and len(found["files"]) == 1
    record = found["files"][0]
    assert (record["file"], record["kind"], record["valid"]) == (str(path), "model", False)
    line = BAD.splitlines()[5]  # the outcome's line, the sixth of the file
    assert record["problems"] == [
        {
            "message": "outcome 'werk': deadweight must be in [0, 1], got 1.3",
            "field": "outcomes[0].deadweight",
            "line": 6,
            "column": line.index("deadweight") + 1,
        }
    ]
    # The text names the same place, as the loader writes it.
    assert main(["validate", str(path)]) == 1
    assert f"{path}:6:{line.index('deadweight') + 1}: outcomes[0].deadweight: outcome 'werk'" in capsys.readouterr().err


def test_every_file_is_a_record_in_the_order_given(tmp_path, capsys):
    good, bad, absent = tmp_path / "good.yaml", tmp_path / "bad.yaml", tmp_path / "absent.yaml"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text(BAD, encoding="utf-8")
    assert main(["validate", "--json", str(good), str(bad), str(absent)]) == 1
    found = _json(capsys)
    assert found["valid"] is False
    assert [(r["file"], r["valid"]) for r in found["files"]] == [
        (str(good), True),
        (str(bad), False),
        (str(absent), False),
    ]
    first = found["files"][0]
    assert first["problems"] == [] and first["data_checked"] is False  # no soft outcomes: no data files
    # 150.000 reads as 150 (a dot is the decimal point): valid, with the warning the loader gives.
    assert len(first["warnings"]) == 1 and "150.000" in first["warnings"][0]
    missing = found["files"][2]["problems"]
    assert len(missing) == 1 and "absent.yaml" in missing[0]["message"] and missing[0]["field"] is None
    assert main(["validate", "--json", str(good)]) == 0 and _json(capsys)["valid"] is True


def test_the_docs_command_gives_the_notes_of_the_data_files(tmp_path, monkeypatch, capsys):
    from doc_commands import run_block

    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples" / "data" / "surveys").mkdir(parents=True)
    run_block("model-file.md", tmp_path, ["minimal.yaml", "surveys/market_cleaning.csv"], after="Checking a model")
    found = _json(capsys)
    record = found["files"][0]
    assert found["valid"] and record["file"] == "examples/data/minimal.yaml" and record["data_checked"]
    assert "soft outcome 'wellbeing': market_cleaning.csv: 28 rows, 28 used" in record["notes"]
    # Without its survey, the problem is of its data key (the message names it).
    (tmp_path / "examples" / "data" / "surveys" / "market_cleaning.csv").unlink()
    assert main(["validate", "--json", "examples/data/minimal.yaml"]) == 1
    (problem,) = _json(capsys)["files"][0]["problems"]
    assert problem["field"] == "soft_outcomes[0].data" and "cannot read the data file" in problem["message"]


def test_a_portfolio_is_a_record_of_its_members(tmp_path, capsys):
    portfolio = ROOT / "examples" / "data" / "portfolio" / "portfolio.yaml"
    assert main(["validate", "--json", "--no-data", str(portfolio)]) == 0
    record = _json(capsys)["files"][0]
    assert (record["kind"], record["valid"], record["members"], record["failed"]) == ("portfolio", True, 10, [])
    assert record["notes"][0].startswith("member 'Klussendienst/2024' (../handyman.yaml): valid")
    (tmp_path / "portfolio.yaml").write_text(
        "currency: EUR\nprice_year: 2024\nmembers:\n  - {organisation: A, period: 2024, model: bad.yaml}\n",
        encoding="utf-8",
    )
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    assert main(["validate", "--json", str(tmp_path / "portfolio.yaml")]) == 1
    record = _json(capsys)["files"][0]
    assert (record["kind"], record["valid"], record["failed"]) == ("portfolio", False, ["A/2024"])
    assert any("deadweight must be in [0, 1], got 1.3" in p["message"] for p in record["problems"])
