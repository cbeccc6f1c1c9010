"""The SROI Value Map in and out (docs/valuemap.md): a workbook built here in the layout,
imported, gives the present value and ratio of a hand calculation; export -> import gives
back the same numbers and the same model file; cells that do not fit are named."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import impactchain as ic
from doc_commands import run_block
from impactchain.cli import main
from impactchain.valuemap import ABOUT_FIELDS, COLUMNS, ValueMapError, read_valuemap, valuemap_bytes

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples" / "data").glob("*.yaml"))
HEADERS = [h for h, _, _ in COLUMNS]


def _workbook(path: Path, rows: list[dict], about: dict, headers: list[str] = HEADERS) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Value Map"
    ws.append(headers)
    for r in rows:
        ws.append([r.get(h) for h in headers])
    ab = wb.create_sheet("About")
    ab.append(["Field", "Value"])
    for k, v in about.items():
        ab.append([k, v])
    wb.save(path)
    return path


ROWS = [
    {"Stakeholder": "Gemeente", "Inputs": "subsidie", "Inputs value": 10000},
    {
        "Stakeholder": "Deelnemers",
        "Outputs": "20 deelnemers gecoacht",
        "Outcome": "Betaald werk",
        "Indicator": "personen met werk",
        "Indicator source": "loonadministratie",
        "Quantity": 4,
        "Duration (years)": 2,
        "Financial proxy": "bespaarde uitkering",
        "Proxy value": 12000,
        "Proxy source": "Participatiewet",
        "Deadweight": "30 %",
        "Displacement": 10,
        "Attribution": 0.2,
        "Drop-off": "50%",
    },
    {
        "Stakeholder": "Deelnemers",
        "Outputs": "20 deelnemers gecoacht",
        "Outcome": "Meer zelfvertrouwen",
        "Quantity": 10,
        "Duration (years)": 1,
        "Proxy value": "250,50",
        "Deadweight": 0,
    },
]
ABOUT = {"Name": "Buurtwerk", "Currency": "EUR", "Price year": 2024, "Discount": 0.05}


def test_a_value_map_gives_the_hand_calculation(tmp_path):
    got = read_valuemap(_workbook(tmp_path / "vm.xlsx", ROWS, ABOUT))
    res = ic.value(got.model)
    # Betaald werk: I = 4 x 12,000 x (1 - 0.30)(1 - 0.10)(1 - 0.20) = 24,192 in year 1, half of it in
    # year 2 (drop-off 50 %), discounted at 5 % from year 1: 24,192/1.05 + 12,096/1.05^2.
    work = 24192 / 1.05 + 12096 / 1.05**2  # 23,040 + 10,971.43
    # Meer zelfvertrouwen: 10 x 250.50 (written "250,50"), one year, no adjustment: 2,505/1.05.
    confidence = 10 * 250.50 / 1.05
    assert res.present_value == pytest.approx(work + confidence, rel=1e-12)  # 36,397.14
    assert res.investment == 10000
    assert res.sroi_ratio == pytest.approx((work + confidence) / 10000, rel=1e-12)
    readings = "\n".join(got.readings)
    assert "Value Map!O3: '30 %' read as 30 % (0.3)" in readings
    assert "Value Map!P3: 10 read as 10 % (0.1): a number above 1 is a percentage" in readings
    assert "Value Map!Q3: 0.2 read as a share (20 %)" in readings
    assert "deadweight: 0.3  # Value Map!O3" in got.yaml_text
    assert "# Value Map!M3" in got.yaml_text  # the proxy value's cell
    # Displacement and attribution left empty on row 4 are the loader's defaults, stated in the result.
    assert any(a.code == "value.displacement_default" for a in res.assumptions)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_export_then_import_gives_the_same_numbers_and_model(path, tmp_path):
    model = ic.load(path)
    wb = tmp_path / "vm.xlsx"
    wb.write_bytes(valuemap_bytes(model))
    first = read_valuemap(wb)
    a, b = ic.value(model), ic.value(first.model)
    assert b.present_value == pytest.approx(a.present_value, rel=1e-12)
    assert b.investment == pytest.approx(a.investment, rel=1e-12)
    assert (b.sroi_ratio is None) == (a.sroi_ratio is None)
    if a.sroi_ratio is not None:
        assert b.sroi_ratio == pytest.approx(a.sroi_ratio, rel=1e-12)
    wb.write_bytes(valuemap_bytes(first.model))
    assert read_valuemap(wb).model == first.model  # import(export(m)) is a fixed point


def test_the_export_holds_the_value_map_the_ratio_and_the_valuations_tables(tmp_path):
    model = ic.load(ROOT / "examples" / "data" / "handyman.yaml")
    path = tmp_path / "out.xlsx"
    assert main(["export", str(ROOT / "examples" / "data" / "handyman.yaml"), "-o", str(path)]) == 0
    sheets = pd.read_excel(path, sheet_name=None)
    assert list(sheets)[:2] == ["Value Map", "About"] and {"outcomes", "yearly", "notes"} <= set(sheets)
    res = ic.value(model)
    vm = sheets["Value Map"].dropna(subset=["Outcome"])
    assert vm["Present value"].sum() == pytest.approx(res.present_value, rel=1e-12)
    about = dict(zip(sheets["About"]["Field"], sheets["About"]["Value"]))
    assert float(about["SROI ratio"]) == pytest.approx(res.sroi_ratio, rel=1e-12)


@pytest.mark.parametrize(
    "change, message",
    [
        ({"headers": [*HEADERS[:14], "Deadweigth", *HEADERS[15:]]}, r"Value Map!O1: unknown column 'Deadweigth'"),
        ({"row": {"Deadweight": 130}}, r"Value Map!O3: a percentage must be from 0 to 100 %"),
        ({"row": {"Quantity": None}}, r"Value Map!I3: an outcome row needs its Quantity"),
        ({"row": {"Proxy value": "twaalfduizend"}}, r"Value Map!M3: expected a number, got 'twaalfduizend'"),
        ({"row": {"Outcome starts": "later"}}, r"Value Map!K3: Outcome starts must be 'during' or 'after'"),
        ({"about": {"Currency": None}}, r"About: no Currency"),
        ({"about": {"Discount": "soms"}}, r"About!B5: Discount must be a rate"),
    ],
)
def test_a_cell_that_does_not_fit_is_named(tmp_path, change, message):
    rows = [dict(r) for r in ROWS]
    rows[1].update(change.get("row", {}))
    about = {**ABOUT, **change.get("about", {})}
    about = {k: v for k, v in about.items() if v is not None}
    path = _workbook(tmp_path / "vm.xlsx", rows, about, change.get("headers", HEADERS))
    with pytest.raises(ValueMapError, match=message):
        read_valuemap(path)


def test_a_file_that_is_not_a_workbook_is_refused_before_it_is_parsed(tmp_path, capsys):
    # The sheet list is read through the same guarded opener as the sheets (regular file, zip size
    # bounds, defused XML), so a text file renamed .xlsx is a named error, not a traceback.
    path = tmp_path / "vm.xlsx"
    path.write_text("Stakeholder;Outcome\nResidents;Fewer falls\n", encoding="utf-8")
    with pytest.raises(ValueMapError, match=r"Value Map workbook: 'vm.xlsx' is not an .xlsx workbook"):
        read_valuemap(path)
    assert main(["import-valuemap", str(path), "-o", str(tmp_path / "m.yaml")]) != 0
    assert "is not an .xlsx workbook" in capsys.readouterr().err
    assert not (tmp_path / "m.yaml").exists()


def test_the_shipped_template_is_the_layout_read(tmp_path):
    from openpyxl import load_workbook

    shipped = ROOT / "python" / "impactchain" / "starter" / "valuemap.xlsx"
    wb = load_workbook(shipped)
    assert wb.sheetnames == ["Value Map", "About"]
    assert [c.value for c in wb["Value Map"][1]] == HEADERS
    assert [r[0].value for r in wb["About"].iter_rows(min_row=2)] == [f for f, _ in ABOUT_FIELDS]
    with pytest.raises(ValueMapError, match="no Currency"):  # blank: nothing is assumed
        read_valuemap(shipped)


def test_the_documented_commands_run(tmp_path, monkeypatch):
    """docs/valuemap.md: every command line of its shell block, run in a folder with the example."""
    monkeypatch.chdir(tmp_path)
    assert len(run_block("valuemap.md", tmp_path, ["handyman.yaml"])) == 3
    assert ic.value("handyman-again.yaml").present_value == pytest.approx(
        ic.value(tmp_path / "examples" / "data" / "handyman.yaml").present_value, rel=1e-12
    )
