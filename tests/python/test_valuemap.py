"""The SROI Value Map in and out (docs/valuemap.md): a workbook built here in the layout,
imported, gives the present value and ratio of a hand calculation; export -> import gives
back the same numbers and the same model file; cells that do not fit are named."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import impactchain as ic
from doc_commands import run_block, yaml_block
from export_models import WHOLE_MODEL, export_says
from impactchain.cli import main
from impactchain.valuemap import ABOUT_FIELDS, COLUMNS, ValueMapError, read_valuemap, valuemap_bytes
from small_models import BUURTKAMER_HEAD

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
    # Row 4's deadweight 0 is 0 as a share and as a percentage: nothing to say about its reading.
    assert "Value Map!O4" not in readings and "deadweight: 0  # Value Map!O4" in got.yaml_text
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


def test_a_model_that_values_no_outcome_in_money_survives_export_then_import(tmp_path):
    # Inputs only (its soft outcome has no place in a Value Map): the export writes the input rows,
    # the import reads them back and says that no outcome is valued in money.
    model = ic.loads(
        BUURTKAMER_HEAD + "chain: {nodes: [{id: a, level: activity, quantity: 40}]}\n"
        "investments: [{funder: gemeente, amount: 20000, year: 0}, {funder: fonds, amount: 5000, year: 1}]\n",
        format="yaml",
    )
    wb = tmp_path / "vm.xlsx"
    wb.write_bytes(valuemap_bytes(model))
    got = read_valuemap(wb)
    assert got.model.outcomes == [] and [(i["funder"], i["amount"], i["year"]) for i in got.model.investments] == [
        ("gemeente", 20000, 0),
        ("fonds", 5000, 1),
    ]
    assert "Value Map: no outcome row (Outcome, Quantity and Proxy value): the model holds the inputs" in "\n".join(
        got.readings
    )
    # Year 1 discounted at the Dutch schedule's 2.25 % when asked (undiscounted by default).
    assert ic.value(got.model, discount_investments=True).investment_pv == pytest.approx(
        20000 + 5000 / 1.0225, rel=1e-12
    )


def test_a_value_map_without_outcome_or_input_rows_is_refused(tmp_path):
    path = _workbook(tmp_path / "vm.xlsx", [{"Stakeholder": "Gemeente"}], ABOUT)
    with pytest.raises(ValueMapError, match=r"Value Map: no outcome row \(.*\) and no input row \(Inputs value\)"):
        read_valuemap(path)


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
        (
            {"row": {"Proxy value": "12.000"}},  # twelve thousand in Dutch, twelve in English
            r"Value Map!M3: '12.000' is ambiguous: 12 if '\.' is a decimal mark, 12000 if it separates thousands",
        ),
        ({"row": {"Quantity": "1,500"}}, r"Value Map!I3: '1,500' is ambiguous: 1\.5 if ',' is a decimal mark, 1500 if"),
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


def test_every_cell_that_does_not_fit_is_named_in_one_run(tmp_path, capsys):
    # The About sheet's problems and each row's, together, one per line (also on the command line).
    rows = [dict(r) for r in ROWS]
    rows[1].update({"Quantity": "veel", "Deadweight": 140})  # two cells of one row: both named
    rows[2].update({"Outcome starts": "later"})
    about = {k: v for k, v in {**ABOUT, "Currency": None, "Discount": "soms"}.items() if v is not None}
    path = _workbook(tmp_path / "vm.xlsx", rows, about, HEADERS)
    with pytest.raises(ValueMapError) as e:
        read_valuemap(path)
    lines = str(e.value).splitlines()
    assert lines[0] == "5 problems in vm.xlsx:"
    assert lines[1].startswith("About: no Currency") and lines[2].startswith(
        "About!B4: Discount must be a rate"
    )  # row 4: Currency left out
    assert lines[3].startswith("Value Map!I3:") and "veel" in lines[3]
    assert lines[4] == "Value Map!O3: a percentage must be from 0 to 100 % (or a share from 0 to 1), got 140"
    assert lines[5].startswith("Value Map!K4: Outcome starts must be 'during' or 'after'")
    assert main(["import-valuemap", str(path), "-o", str(tmp_path / "m.yaml")]) == 1
    assert "\n".join(lines[1:]) in capsys.readouterr().err
    assert not (tmp_path / "m.yaml").exists()


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
    with pytest.raises(ValueMapError) as e:  # blank: nothing is assumed, and both sheets say what they lack
        read_valuemap(shipped)
    assert str(e.value).splitlines() == [
        "2 problems in valuemap.xlsx:",
        "About: no Currency (e.g. EUR): every amount of the Value Map is in it",
        "Value Map: no rows under the header: an input row per investment (Stakeholder, Inputs value) and an "
        "outcome row per outcome (Stakeholder, Outcome, Quantity, Proxy value)",
    ]


def test_the_documented_commands_run(tmp_path, monkeypatch):
    """docs/valuemap.md: every command line of its shell block, run in a folder with the example."""
    monkeypatch.chdir(tmp_path)
    assert len(run_block("valuemap.md", tmp_path, ["handyman.yaml"])) == 3
    assert ic.value("handyman-again.yaml").present_value == pytest.approx(
        ic.value(tmp_path / "examples" / "data" / "handyman.yaml").present_value, rel=1e-12
    )


# --------------------------------------------------------------------------- who puts in and who gains

# docs/value.md "Two parties": cash, in kind, valued and unvalued volunteer time, and an outcome split
# between two stakeholders.
TWO_PARTIES = yaml_block("value.md", "name: Two parties")


def _parties(model) -> tuple[list[tuple], dict]:
    """The investments (funder's name, kind, amount, hours, hourly value) and each outcome's
    beneficiaries by name, so that a model and its import (whose ids are made from names) compare."""
    d = model.to_dict()
    names = {s.id: s.name or s.id for s in model.stakeholders}
    invs = [
        (
            names.get(i["funder"], i["funder"]),
            i.get("kind", "cash"),
            i.get("amount"),
            i.get("hours"),
            i.get("hourly_value"),
        )
        for i in d["investments"]
    ]
    split = {o["name"]: {names[k]: v for k, v in (o.get("beneficiaries") or {}).items()} for o in d["outcomes"]}
    return invs, split


def _ledger(model) -> dict:
    """(party's name, pays / gains / volunteer_hours / unvalued_hours) -> the central value."""
    names = {s.id: s.name or s.id for s in model.stakeholders}
    cols = ("pays", "gains", "volunteer_hours", "unvalued_hours")
    led = ic.value(model).ledger
    return {(names.get(r["party"], r["party"]), c): r[c] for _, r in led.iterrows() for c in cols}


def test_kinds_hours_and_beneficiaries_survive_export_then_import(tmp_path):
    model = ic.loads(TWO_PARTIES, format="yaml")
    path = tmp_path / "vm.xlsx"
    path.write_bytes(valuemap_bytes(model))
    vm = pd.read_excel(path, sheet_name="Value Map")
    inputs = vm[vm["Outcome"].isna()]
    assert list(inputs["Input kind"].fillna("")) == ["", "in kind", "volunteer time", "volunteer time"]
    assert list(inputs["Hours"].fillna(0)) == [0, 0, 1000, 200]
    # Inputs value keeps the money for a reader with Excel only: 1,000 h x 15 = 15,000; 200 h unvalued: empty.
    assert list(inputs["Inputs value"].fillna(-1)) == [100000, 20000, 15000, -1]
    work = vm[vm["Outcome"] == "work"].iloc[0]
    assert work["Beneficiaries"] == "municipality 70 %, insurer 30 %" and pd.isna(work["Stakeholder"])

    got = read_valuemap(path)
    a, b = ic.value(model), ic.value(got.model)
    # By hand (docs/value.md): work 150,000/1.1 + 75,000/1.21 = 198,347.11, health 5 x 2,000 x 0.9 x 0.8/1.1
    # = 6,545.45; investment 100,000 + 20,000 + 1,000 x 15 = 135,000 (the 200 hours are not valued).
    work_pv, health_pv = 150000 / 1.1 + 75000 / 1.21, 7200 / 1.1
    for res in (a, b):
        assert res.present_value == pytest.approx(work_pv + health_pv, rel=1e-12)
        assert res.investment == pytest.approx(135000, rel=1e-12)
        assert res.sroi_ratio == pytest.approx((work_pv + health_pv) / 135000, rel=1e-12)
    ledger = {
        "municipality": (100000, 0.7 * work_pv, 0, 0),
        "insurer": (0, 0.3 * work_pv, 0, 0),
        "residents": (15000, health_pv, 1000 + 200, 200),
        "Fonds X": (20000, 0, 0, 0),
    }
    cols = ("pays", "gains", "volunteer_hours", "unvalued_hours")
    expected = {(p, c): x for p, xs in ledger.items() for c, x in zip(cols, xs)}
    assert _ledger(got.model) == pytest.approx(expected, rel=1e-12)
    assert _ledger(got.model) == pytest.approx(_ledger(model), rel=1e-12)
    assert _parties(got.model) == _parties(model)
    assert _parties(model)[0][2:] == [
        ("residents", "volunteer_time", None, 1000, 15),
        ("residents", "volunteer_time", None, 200, None),
    ]
    assert "beneficiaries: {municipality: 0.7, insurer: 0.3}  # Value Map!W6: " in got.yaml_text
    assert 'kind: "volunteer_time", hours: 1000, hourly_value: 15, year: 0}  # Value Map!T4, ' in got.yaml_text
    path.write_bytes(valuemap_bytes(got.model))
    again = read_valuemap(path).model.to_dict()
    # The activity node made for outcomes without Outputs is written back as an empty Outputs
    # cell, so the second import makes the same chain: export then import is a fixed point.
    assert again == got.model.to_dict()


VOLUNTEERS = {"Stakeholder": "Buren", "Inputs": "klussen", "Input kind": "volunteer time", "Hours": 400}


@pytest.mark.parametrize("given", [{"Hourly value": 12}, {"Hourly value": 12, "Inputs value": "4.800,00"}])
def test_volunteer_hours_are_valued_at_hours_times_hourly_value(tmp_path, given):
    rows = [{**VOLUNTEERS, **given}, *ROWS[1:]]
    got = read_valuemap(_workbook(tmp_path / "vm.xlsx", rows, ABOUT))
    inv = got.model.to_dict()["investments"]
    assert inv == [
        {
            "funder": "buren",
            "kind": "volunteer_time",
            "hours": 400,
            "hourly_value": 12,
            "year": 0,
            "description": "klussen",
        }
    ]
    assert ic.value(got.model).investment == 4800  # 400 h x 12


def test_a_blank_input_kind_is_cash(tmp_path):
    blank = read_valuemap(_workbook(tmp_path / "a.xlsx", ROWS, ABOUT))
    cash = read_valuemap(_workbook(tmp_path / "b.xlsx", [{**ROWS[0], "Input kind": "Cash"}, *ROWS[1:]], ABOUT))
    assert blank.model.to_dict()["investments"] == [
        {"funder": "gemeente", "amount": 10000, "year": 0, "description": "subsidie"}
    ]
    assert cash.model == blank.model
    in_kind = read_valuemap(_workbook(tmp_path / "c.xlsx", [{**ROWS[0], "Input kind": "in_kind"}, *ROWS[1:]], ABOUT))
    assert in_kind.model.to_dict()["investments"][0]["kind"] == "in_kind"


@pytest.mark.parametrize(
    "cell, shares",
    [
        ("Gemeente 70 %, Deelnemers 30 %", (0.7, 0.3)),
        ("Gemeente 70; Deelnemers 30", (0.7, 0.3)),  # above 1: percentages
        ("Gemeente 0.25, Deelnemers 0,75", (0.25, 0.75)),  # up to 1: shares of 1
        ("Gemeente (0.7), Deelnemers (0.3)", (0.7, 0.3)),  # as earlier exports wrote them
        ("Gemeente: 12.5%, Deelnemers 87,5 %", (0.125, 0.875)),
    ],
)
def test_beneficiaries_are_read_as_percentages_and_matched_to_stakeholders(tmp_path, cell, shares):
    rows = [dict(r) for r in ROWS]
    rows[1].update({"Stakeholder": None, "Beneficiaries": cell})
    got = read_valuemap(_workbook(tmp_path / "vm.xlsx", rows, ABOUT))
    work = got.model.to_dict()["outcomes"][0]
    assert work["beneficiaries"] == pytest.approx({"gemeente": shares[0], "deelnemers": shares[1]}, rel=1e-15)
    # Gemeente is the funder of row 2: the same stakeholder, not a new one.
    assert [(s.id, s.name) for s in got.model.stakeholders] == [("gemeente", "Gemeente"), ("deelnemers", "Deelnemers")]
    assert any(r.startswith("Value Map!W3 (Gemeente): ") for r in got.readings)


def test_beneficiary_names_with_commas_or_semicolons_are_quoted_and_survive_export_then_import(tmp_path):
    # A name holding a comma or a semicolon is written in double quotes (straight or curly).
    rows = [dict(r) for r in ROWS]
    cell = '"Gemeente Utrecht, afdeling Werk" 70 %; \u201cBuren; Noord\u201d 30 %'
    rows[1].update({"Stakeholder": None, "Beneficiaries": cell})
    got = read_valuemap(_workbook(tmp_path / "vm.xlsx", rows, ABOUT))
    names = {s.id: s.name for s in got.model.stakeholders}
    split = {names[k]: v for k, v in got.model.to_dict()["outcomes"][0]["beneficiaries"].items()}
    assert split == {"Gemeente Utrecht, afdeling Werk": 0.7, "Buren; Noord": 0.3}
    path = tmp_path / "again.xlsx"
    path.write_bytes(valuemap_bytes(got.model))
    work = pd.read_excel(path, sheet_name="Value Map").iloc[1]
    assert work["Beneficiaries"] == '"Gemeente Utrecht, afdeling Werk" 70 %, "Buren; Noord" 30 %'
    again = read_valuemap(path).model
    assert _parties(again) == _parties(got.model)  # the beneficiaries by name, and the investments
    # A name with a double quote and a comma: the quote inside is written twice (as in a CSV
    # field), and read back as one quote; curly quotes inside straight ones stay as they are.
    d = got.model.to_dict()
    renamed = {"Buren; Noord": 'Buren "Noord", Oost', "Gemeente Utrecht, afdeling Werk": "Wijk \u201cZuid\u201d; West"}
    d["stakeholders"] = [dict(s, name=renamed.get(s["name"], s["name"])) for s in d["stakeholders"]]
    quoted = ic.loads(json.dumps(d), format="json")
    path = tmp_path / "quotes.xlsx"
    path.write_bytes(valuemap_bytes(quoted))
    work = pd.read_excel(path, sheet_name="Value Map").iloc[1]
    assert work["Beneficiaries"] == '"Wijk \u201cZuid\u201d; West" 70 %, "Buren ""Noord"", Oost" 30 %'
    again = read_valuemap(path).model
    assert _parties(again) == _parties(quoted)
    assert {s.name for s in again.stakeholders} >= {'Buren "Noord", Oost', "Wijk \u201cZuid\u201d; West"}


@pytest.mark.parametrize(
    "input_row, outcome_row, message",
    [
        ({"Hours": None, "Hourly value": 12}, {}, r"Value Map!U2: an input of kind volunteer time needs its Hours"),
        (
            {"Hourly value": 12, "Inputs value": 5000},
            {},
            r"Value Map!C2, Value Map!V2: Inputs value 5,000.00 is not Hours x Hourly value \(400 x 12 = 4,800.00\)",
        ),
        (
            {"Inputs value": 4800},
            {},
            r"Value Map!C2, Value Map!V2: volunteer hours with an Inputs value \(4,800.00\) need",
        ),
        (
            {"Input kind": None},
            {},
            r"Value Map!U2: Hours belongs to an input of kind volunteer time; .* is cash \(empty\)",
        ),
        (
            {"Input kind": "in kind", "Hours": None, "Inputs value": 900, "Hourly value": 12},
            {},
            r"Value Map!V2: Hourly value belongs to an input of kind volunteer time; this row's Input kind is in kind",
        ),
        (
            {"Input kind": "in kind", "Hours": None},
            {},
            r"Value Map!C2: an input of kind in kind needs its Inputs value",
        ),
        ({"Input kind": "donation"}, {}, r"Value Map!T2: Input kind must be 'cash', 'in kind' or 'volunteer time'"),
        (
            {"Inputs year": 1.5},
            {},
            r"Value Map!D2: Inputs year must be a whole number \(0: the start of the activity period\), got 1.5",
        ),
        ({"Stakeholder": None, "Hourly value": 12}, {}, r"Value Map!A2: an input row .* names who puts it in"),
        (
            {"Hourly value": 12},
            {"Beneficiaries": "Buren 60 %, Deelnemers 30 %", "Stakeholder": None},
            r"Value Map!W3: the shares of Beneficiaries must sum to 100 % \(1\), they sum to 90 %",
        ),
        (
            {"Hourly value": 12},
            {"Beneficiaries": "Buren 50 %, Deelnemers 50 %", "Stakeholder": "Deelnemers"},
            r"Value Map!A3, Value Map!W3: an outcome goes to one Stakeholder or is split among its Beneficiaries, not both; keep",
        ),
        (
            {"Hourly value": 12},
            {"Beneficiaries": "Buren half", "Stakeholder": None},
            r"Value Map!W3: Beneficiaries are written 'name share",
        ),
        (
            {"Hourly value": 12},
            {"Beneficiaries": "Buren 150 %", "Stakeholder": None},
            r"Value Map!W3 \(Buren\): a percentage must be from 0",
        ),
        (
            {"Hourly value": 12, "Beneficiaries": "Buren 100 %"},
            {},
            r"Value Map!W2: Beneficiaries belong to an outcome row",
        ),
        (  # an earlier export's beneficiaries in the Stakeholder cell: not one stakeholder of that name
            {"Hourly value": 12},
            {"Stakeholder": "Buren (0.7), Deelnemers (0.3)"},
            r"Value Map!A3: 'Buren \(0.7\), Deelnemers \(0.3\)' reads as beneficiaries' shares, not one stakeholder",
        ),
    ],
)
def test_an_input_or_beneficiaries_cell_that_does_not_fit_is_named(tmp_path, input_row, outcome_row, message):
    rows = [{**VOLUNTEERS, **input_row}, {**ROWS[1], **outcome_row}, ROWS[2]]
    path = _workbook(tmp_path / "vm.xlsx", rows, ABOUT)
    with pytest.raises(ValueMapError, match=message):
        read_valuemap(path)


def test_every_cell_of_an_input_row_that_does_not_fit_is_named_with_its_outcome_cells(tmp_path, capsys):
    # Row 2: a volunteer row with no stakeholder, hours that are not a number, a negative hourly
    # value and a year that is not one; row 3: an in-kind input with hours (those belong to
    # volunteer time) and no value, on an outcome row whose quantity is missing, whose deadweight
    # is 140 % and whose beneficiaries' shares sum to 90 %. Each cell is one problem, in the row's
    # order: who, the input, the outcome.
    volunteers = {**VOLUNTEERS, "Stakeholder": None, "Hours": "veel", "Hourly value": -12, "Inputs year": "later"}
    both = {**ROWS[1], "Input kind": "in kind", "Hours": 10, "Quantity": None, "Deadweight": 140}
    both["Beneficiaries"] = "Buren 60 %, Deelnemers 30 %"
    path = _workbook(tmp_path / "vm.xlsx", [volunteers, both, ROWS[2]], ABOUT)
    with pytest.raises(ValueMapError) as e:
        read_valuemap(path)
    lines = str(e.value).splitlines()
    assert lines[0] == "9 problems in vm.xlsx:"
    assert lines[1].startswith("Value Map!A2: an input row (Inputs value, Input kind, Hours) names who puts it in")
    assert lines[2] == "Value Map!U2: expected a number, got 'veel'"
    assert lines[3] == "Value Map!V2: Hourly value must be 0 or more, got -12"
    assert lines[4] == "Value Map!D2: expected a number, got 'later'"
    assert lines[5].startswith("Value Map!U3: Hours belongs to an input of kind volunteer time; this row's Input kind")
    assert lines[6] == "Value Map!C3: an input of kind in kind needs its Inputs value"
    assert lines[7] == "Value Map!I3: an outcome row needs its Quantity"
    assert lines[8] == "Value Map!O3: a percentage must be from 0 to 100 % (or a share from 0 to 1), got 140"
    assert lines[9].startswith("Value Map!W3: the shares of Beneficiaries must sum to 100 % (1), they sum to 90 %")
    assert main(["import-valuemap", str(path), "-o", str(tmp_path / "m.yaml")]) == 1
    assert "\n".join(lines[1:]) in capsys.readouterr().err
    assert not (tmp_path / "m.yaml").exists()


def test_hours_of_a_cash_input_are_refused_once_not_also_read(tmp_path):
    # Hours belong to volunteer time: on a cash row the cell is refused as such, whatever it holds
    # (not also as "expected a number").
    rows = [{**ROWS[0], "Hours": "veel"}, ROWS[1]]
    with pytest.raises(ValueMapError) as e:
        read_valuemap(_workbook(tmp_path / "vm.xlsx", rows, ABOUT))
    assert str(e.value) == (
        "Value Map!U2: Hours belongs to an input of kind volunteer time; this row's Input kind is cash (empty)"
    )


def test_an_input_row_with_beneficiaries_keeps_its_stakeholder_as_funder(tmp_path):
    rows = [dict(r) for r in ROWS]
    rows[1].update({"Inputs value": 500, "Beneficiaries": "Gemeente 40 %, Deelnemers 60 %"})
    model = read_valuemap(_workbook(tmp_path / "vm.xlsx", rows, ABOUT)).model
    d = model.to_dict()
    assert d["investments"][1] == {"funder": "deelnemers", "amount": 500, "year": 0}
    assert d["outcomes"][0]["beneficiaries"] == {"gemeente": 0.4, "deelnemers": 0.6}


@pytest.mark.parametrize(
    "written, read",
    [
        ("12.000,00", 12000.0),
        ("12,000.00", 12000.0),
        ("€ 1.200,50", 1200.5),
        ("0,125", 0.125),
        ("12,5", 12.5),
        ("12000", 12000.0),
    ],
)
def test_a_number_with_its_decimals_or_without_a_separator_is_read(tmp_path, written, read):
    rows = [dict(r) for r in ROWS]
    rows[1]["Proxy value"] = written
    path = _workbook(tmp_path / "vm.xlsx", rows, ABOUT, HEADERS)
    imported = read_valuemap(path)
    assert imported.model.to_dict()["outcomes"][0]["proxy"]["value"] == read


# --------------------------------------------------------------------------- what the export leaves out


def test_the_export_says_what_the_value_map_does_not_hold(tmp_path, capsys):
    from impactchain.valuemap import valuemap_left_out

    expected = [
        "soft outcome 'ls' (not valued in money)",
        "stakeholder 'residents' (no investment and no outcome valued in money: no row names it)",
        "the uncertainty of 2 values, written as their central values: chain.nodes[a].quantity, outcomes[o].proxy.value",
        "the chain's conversion rates (chain.edges[a->b].rate): each outcome's Quantity is what the chain gives "
        "(at the central values)",
        "texts in en (each text is written in nl, the model's language)",
        "model field 'notes' (the About sheet has no row for it)",
    ]
    out = export_says(tmp_path, capsys, valuemap_left_out, "vm.xlsx", "Value Map", expected)
    sheets = pd.read_excel(out, sheet_name=None)
    assert sheets["Not in this Value Map"].iloc[:, 0].tolist() == expected
    # The outcome's Quantity is the chain's: 10 (the triangular's central value) x 0.5.
    assert sheets["Value Map"].dropna(subset=["Outcome"])["Quantity"].tolist() == [5]
    # A model the workbook holds whole: nothing listed, no such sheet.
    whole = ic.loads(WHOLE_MODEL, format="yaml")
    assert valuemap_left_out(whole) == []
    out.write_bytes(valuemap_bytes(whole))
    assert "Not in this Value Map" not in pd.read_excel(out, sheet_name=None)
