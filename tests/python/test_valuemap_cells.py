"""How the Value Map import reads what a cell shows (docs/valuemap.md): a number formatted as a
percentage is the share it stores, whatever its size; an outcome row that repeats an earlier one
is said, on the terminal and in the model file; the workbook is loaded once for all of it."""

from __future__ import annotations

from pathlib import Path

import pytest

import impactchain as ic
from impactchain.cli import main
from impactchain.valuemap import ValueMapError, read_valuemap
from test_valuemap import ABOUT, ROWS, _workbook


def _formatted(path: Path, cell: str, value: float, fmt: str) -> Path:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb["Value Map"][cell] = value
    wb["Value Map"][cell].number_format = fmt
    wb.save(path)
    return path


def test_a_percent_formatted_cell_is_the_share_it_stores(tmp_path):
    # Excel shows 1.5 formatted 0% as 150 %: a deadweight out of range, not 1.5 %.
    path = _formatted(_workbook(tmp_path / "vm.xlsx", ROWS, ABOUT), "O4", 1.5, "0%")
    with pytest.raises(ValueMapError, match=r"Value Map!O4: deadweight 150 % is outside 0–100 %"):
        read_valuemap(path)
    # 0.25 formatted 0.0% is 25 %; 30 formatted "0"%"" shows the number itself, with a literal sign.
    _formatted(path, "O4", 0.25, "0.0%")
    _formatted(path, "P3", 30, '0"%"')
    got = read_valuemap(path)
    assert "    deadweight: 0.25  # Value Map!O4: 0.25 formatted as a percentage: 25 % (0.25)" in got.yaml_text
    assert "Value Map!P3: 30 read as 30 % (0.3): a number above 1 is a percentage" in got.readings
    # Meer zelfvertrouwen: 10 x 250.50 x (1 - 0.25), one year at 5 %.
    outcomes = ic.value(got.model).outcomes.set_index("id")
    assert outcomes.loc["meer_zelfvertrouwen", "present_value"] == pytest.approx(10 * 250.5 * 0.75 / 1.05)


def test_a_repeated_outcome_row_is_said_on_the_terminal_and_in_the_model(tmp_path, capsys):
    rows = [*ROWS, ROWS[1]]  # row 3 copied to a new last row, 5
    path = _workbook(tmp_path / "vm.xlsx", rows, ABOUT)
    said = (
        "Value Map row 5 repeats row 3: same outcome, stakeholder, indicator and proxy; imported as a second "
        "outcome — delete one if it is a copy"
    )
    out = tmp_path / "model.yaml"
    assert main(["import-valuemap", str(path), "-o", str(out)]) == 0
    assert said in capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    assert f"  # {said}\n  - id: betaald_werk_2\n" in text
    # Still imported (two groups may share an outcome): the value counted twice, as written.
    # Betaald werk: 24,192/1.05 + 12,096/1.05^2 (test_valuemap's hand calculation), twice.
    work = 24192 / 1.05 + 12096 / 1.05**2
    assert ic.value(ic.load(out)).present_value == pytest.approx(2 * work + 10 * 250.5 / 1.05)
    # A row for another stakeholder is not a repeat.
    other = {**ROWS[1], "Stakeholder": "Gemeente"}
    assert not any(
        "repeats" in r for r in read_valuemap(_workbook(tmp_path / "b.xlsx", [*ROWS, other], ABOUT)).readings
    )


def test_the_import_loads_the_workbook_once(tmp_path, monkeypatch):
    # The About sheet, the Value Map's values and its cells' number formats come from one load.
    import openpyxl

    path = _formatted(_workbook(tmp_path / "vm.xlsx", ROWS, ABOUT), "O4", 0.25, "0%")
    loads, real = [], openpyxl.load_workbook
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **kw: loads.append(a[0]) or real(*a, **kw))
    got = read_valuemap(path)
    assert loads == [path], f"the workbook was loaded {len(loads)} times"
    # The format read in that one pass still counts: 0.25 formatted 0% is 25 %.
    assert "    deadweight: 0.25  # Value Map!O4: 0.25 formatted as a percentage: 25 % (0.25)" in got.yaml_text
