"""The report as an Excel workbook (docs/report.md, "Formats"): the report's parts as sheets in
its language, table cells as numbers in their column's format, text never a formula."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl")
yaml = pytest.importorskip("yaml")

import pandas as pd  # noqa: E402

from impactchain._i18n import words  # noqa: E402
from impactchain._report_blocks import KeyValues, Table  # noqa: E402
from impactchain._report_xlsx import _Sheet, _sheet_name  # noqa: E402
from impactchain.cli import main  # noqa: E402
from impactchain.report import build_report  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "data"


def _book(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def _rows(ws) -> list[list]:
    return [list(row) for row in ws.iter_rows()]


@pytest.fixture(scope="module")
def report():
    models = [EXAMPLES / "market_cleaning.yaml", EXAMPLES / "traditional_provider.yaml"]
    return build_report(models, draws=300, seed=2, lang="nl")


def test_the_parts_are_sheets_in_the_reports_language(report):
    book = _book(report.to_xlsx())
    assert book.sheetnames == [
        "Rapport",
        "Samenvatting",
        "Marktschoonmaak met jobcoaching",
        "Klassiek re-integratietraject",  # its sheet's first row says it is the comparator
        "Vergelijking",
        "Methoden en aannames",
    ]
    first = [r[0].value for r in _rows(book["Rapport"]) if r and r[0].value]
    assert f"# {first[0]}" == report.to_markdown().splitlines()[0] and first[1].startswith("Gemaakt op ")
    assert first[2] == "De bladen van deze werkmap" and first[3:8] == book.sheetnames[1:]
    links = [r[0].hyperlink.location for r in _rows(book["Rapport"]) if r and r[0].hyperlink]
    assert links == [f"'{name}'!A1" for name in book.sheetnames[1:]]  # each a link to its sheet
    assert _rows(book["Klassiek re-integratietraject"])[0][0].value == (
        "Klassiek re-integratietraject (vergelijkingsalternatief)"
    )


def test_money_is_a_number_in_the_reports_currency(report):
    ws = _book(report.to_xlsx())["Marktschoonmaak met jobcoaching"]
    rows = _rows(ws)
    head = next(i for i, r in enumerate(rows) if r[0].value == "Partij")
    assert [c.value for c in rows[head][:4]] == ["Partij", "Betaalt", "Profiteert", "Saldo"]
    municipality = next(r for r in rows[head + 1 :] if r[0].value == "Gemeente")
    # What the municipality pays: its investments in the model file.
    model = yaml.safe_load((EXAMPLES / "market_cleaning.yaml").read_text(encoding="utf-8"))
    pays = sum(i["amount"] for i in model["investments"] if i["funder"] == "municipality")
    assert pays == 80_000 and municipality[1].value == pays
    assert municipality[1].data_type == "n" and "€" in municipality[1].number_format
    # The key figures too: the investment is the three amounts, undiscounted (the default).
    figures = {r[0].value: r[1] for r in rows if r[0].value and len(r) > 1 and r[1].value is not None}
    invested = figures["Contante waarde van de investering (som van de bedragen, niet gedisconteerd)"]
    assert invested.value == sum(i["amount"] for i in model["investments"]) == 140_000
    assert "€" in invested.number_format
    ratio = figures["Maatschappelijke waarde per €\u00a01 investering (SROI-ratio)"]
    pv = figures["Contante waarde van de effecten"].value
    assert ratio.value == pytest.approx(pv / 140_000, rel=1e-12) and ratio.number_format == "#,##0.00"
    assert figures["Terugverdientijd (maanden)"].number_format == "#,##0.0"
    # The same figures as the report's JSON, unrounded.
    ledger = json.loads(report.to_json())["models"][0]["value"]["ledger"]
    gains = next(p["gains"] for p in ledger if p["id"] == "municipality")
    assert municipality[2].value == pytest.approx(gains, rel=1e-12)
    assert municipality[3].value == pytest.approx(gains - pays, rel=1e-12)
    # The net's simulation interval: its bounds in two columns of money, the JSON's figures.
    assert [c.value for c in rows[head][4:6]] == [
        "Saldo, interval: ondergrens",
        "Saldo, interval: bovengrens",
    ]
    simulated = json.loads(report.to_json())["models"][0]["simulation"]["ledger"]["municipality"]
    assert municipality[4].value == pytest.approx(simulated["net_lower"], rel=1e-12)
    assert municipality[5].value == pytest.approx(simulated["net_upper"], rel=1e-12)
    assert "€" in municipality[5].number_format


def test_running_text_does_not_widen_the_tables_first_column(report):
    ws = _book(report.to_xlsx())["Marktschoonmaak met jobcoaching"]
    rows = _rows(ws)
    # The first column is as wide as its widest table or figure label (the ledger's "Gemeente", the
    # key figures' labels), not as the paragraphs above them, which run on over the empty cells.
    labels = [r[0].value for r in rows if r[0].value and len(r) > 1 and r[1].value is not None]
    prose = [r[0].value for r in rows if r[0].value and all(c.value is None for c in r[1:])]
    assert max(map(len, prose)) > 100 > max(map(len, labels))
    # (at most the widest a column is made, 80 characters: the present value's interval bounds'
    # labels, "…: 95%-interval (19 van de 20 simulaties): ondergrens", are 83)
    assert ws.column_dimensions["A"].width == min(80, max(map(len, labels))) + 2


def test_cells_as_their_column_says():
    w = words("nl")
    sheet = _Sheet(openpyxl.Workbook().active, w)
    t = Table(pd.DataFrame({"x": [1.0]}), money=("m",), percent=("p",), numeric=("n",), currency="EUR")
    assert sheet.cell(t, "p", 0.5) == (0.5, "0%")
    assert sheet.cell(t, "p", 0.997) == ("meer dan 99%", "")  # the report's words, never a rounded 100%
    assert sheet.cell(t, "p", 0.001) == ("minder dan 1%", "")
    assert sheet.cell(t, "m", float("nan")) == ("n.v.t.", "")
    assert sheet.cell(t, "m", 12.5)[0] == 12.5
    assert sheet.cell(t, "n", 3) == (3, "#,##0") and sheet.cell(t, "n", 2.25) == (2.25, "#,##0.00")
    assert sheet.cell(t, "tekst", None) == ("", "")
    one = Table(pd.DataFrame({"d": [1.0]}), numeric=("d",), decimals=(("d", 1),))
    assert sheet.cell(one, "d", 2.25) == (2.25, "#,##0.0")  # a column written with one decimal


def test_an_interval_is_two_columns_of_numbers():
    ws = openpyxl.Workbook().active
    sheet = _Sheet(ws, words("nl"))
    frame = pd.DataFrame(
        {
            "wie": ["a", "b", "c", "d"],
            "net": [(-1500.0, 2500.5), (300.0, 300.0), "n.v.t.", None],
            "ci": [(1.0, 3.25), (float("nan"), 2.0), (2, 4), None],
        }
    )
    t = Table(frame, money=("net",), intervals=("net", "ci"), currency="EUR")
    sheet.table(t)
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0] == ["wie", "net: ondergrens", "net: bovengrens", "ci: ondergrens", "ci: bovengrens"]
    assert rows[1] == ["a", -1500.0, 2500.5, 1.0, 3.25]
    assert rows[2] == ["b", 300.0, 300.0, "n.v.t.", None]  # a bound not known: no interval, in words
    assert rows[3] == ["c", "n.v.t.", None, 2, 4]  # the reason there is none, as the report words it
    assert rows[4] == ["d", None, None, None, None]
    assert "€" in ws["B2"].number_format and ws["D2"].number_format == "#,##0.00" and ws["D4"].number_format == "#,##0"
    # The HTML and Markdown write the same cells as one interval.
    w = words("nl")
    assert [t.text(w, "net", x) for x in frame["net"]] == ["€\xa0-1.500 – €\xa02.501", "€\xa0300", "n.v.t.", ""]
    assert [t.text(w, "ci", x) for x in frame["ci"]] == ["1,00 – 3,25", "n.v.t.", "2 – 4", ""]


def test_a_figure_at_its_own_precision_keeps_the_reports_decimals():
    # "plain" figures (switching values) as the report writes them: whole from 1,000, else three
    # significant digits, trailing zeros dropped; the cell keeps the number itself.
    ws = openpyxl.Workbook().active
    sheet = _Sheet(ws, words("nl"))
    values = [14149.26254889506, 0.1874166211966634, 0.6602989189484358, 28.44925200960048, 0.5, -7881.4]
    sheet.block(
        KeyValues(tuple((f"k{i}", "") for i in range(len(values))), numbers=tuple((v, "plain") for v in values))
    )
    cells = [r[1] for r in list(ws.iter_rows())[1:]]
    assert [c.value for c in cells] == values and all(c.data_type == "n" for c in cells)
    # 14.149 | 0,187 | 0,66 | 28,4 | 0,5 | -7.881
    assert [c.number_format for c in cells] == ["#,##0", "#,##0.000", "#,##0.00", "#,##0.0", "#,##0.0", "#,##0"]


def test_switching_values_and_settings_are_numbers_with_formats(report):
    book = _book(report.to_xlsx())
    rows = _rows(book["Marktschoonmaak met jobcoaching"])
    head = next(i for i, r in enumerate(rows) if len(r) > 1 and r[1].value == "Waarde waarbij de ratio 1 is")
    end = next(i for i in range(head + 1, len(rows)) if rows[i][0].value is None)  # the table's last row + 1
    found = {r[0].value: r[1] for r in rows[head + 1 : end]}
    # The proxy of the benefits no longer paid: 14,149.26 (docs: value() of the example) is € 14.149 in
    # the report: money, in whole euros as the report writes money.
    proxy = found["Uitkeringen die niet meer worden betaald: waarde van de proxy"]
    assert proxy.value == pytest.approx(14149.26, abs=0.01) and proxy.number_format == '"€" #,##0;"€" -#,##0'
    # A share the page writes 24,5% keeps its value 0.245 with a percent format of one decimal.
    deadweight = found["Uitkeringen die niet meer worden betaald: deadweight"]
    assert 0.2445 <= deadweight.value < 0.2455 and deadweight.number_format == "#,##0.0%"
    assert all(c.data_type == "n" and c.number_format != "General" for c in found.values())
    # The settings: counts with their thousands separator, the seed and the stream as written.
    settings = _rows(book["Methoden en aannames"])
    got = {r[0].value: r[1] for r in settings if r[0].value and len(r) > 1 and r[1].value is not None}
    assert (got["Simulaties per model"].value, got["Simulaties per model"].number_format) == (300, "#,##0")
    assert (got["Startgetal"].value, got["Startgetal"].number_format) == (2, "0")
    assert got["Toevalsreeks (versie)"].data_type == "n" and got["Toevalsreeks (versie)"].number_format == "0"
    assert got["Bootstrap-herhalingen (zachte effecten)"].number_format == "#,##0"
    assert got["Rekenkernen (de uitkomsten hangen er niet van af)"].value == "0 (alle kernen)"  # words: 0 is all


def test_text_that_begins_like_a_formula_stays_text(tmp_path):
    text = (EXAMPLES / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("name: Market cleaning (minimal)", 'name: "=HYPERLINK(\\"http://example.org\\")"')
    text = re.sub(r"soft_outcomes:\n.*\n", "", text)  # no survey: the model alone
    (tmp_path / "m.yaml").write_text(text, encoding="utf-8")
    book = _book(build_report([tmp_path / "m.yaml"], draws=100, seed=1).to_xlsx())
    cells = [c for ws in book.worksheets for r in _rows(ws) for c in r if isinstance(c.value, str)]
    named = [c for c in cells if c.value.startswith("=HYPERLINK")]
    assert named and all(c.data_type == "s" for c in named)
    assert not [c for c in cells if c.data_type == "f"]


def test_text_a_workbook_cannot_hold_is_made_so():
    ws = openpyxl.Workbook().active
    sheet = _Sheet(ws, words("en"))
    sheet.line("id\x07 R-11\u200b", "x" * 40_000)  # a bell and a zero-width space; a text beyond Excel's cell
    assert ws["A1"].value == "id R-11<U+200B>"  # as the HTML report shows them
    assert len(ws["B1"].value) == 32_767 and ws["B1"].value.endswith("…")
    book = _book(_save(ws.parent))
    assert book.active["A1"].value == "id R-11<U+200B>"


def _save(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_sheet_names_excel_takes():
    used: set[str] = set()
    assert _sheet_name("Kosten/baten: [2024]?", used) == "Kosten baten 2024"
    long = "Buurthuis met taalles en hulp bij papierwerk"
    assert _sheet_name(long, used) == "Buurthuis met taalles en hulp"  # the whole words within 31 characters
    assert _sheet_name(long, used) == "Buurthuis met taalles en (2)"  # within 27, and the tail
    assert _sheet_name("Maatschappelijkewaardeperwijkbewoner", used) == "Maatschappelijkewaardeperwijkbe"
    # Cut short on a word, not on the space and bracket after it.
    assert _sheet_name("Klassiek re-integratietraject (vergelijkingsalternatief)", used) == (
        "Klassiek re-integratietraject"
    )
    assert _sheet_name("SAMENVATTING", {"samenvatting"}) == "SAMENVATTING (2)"


def test_the_command_line_writes_a_workbook_per_language(tmp_path, capsys):
    model = str(EXAMPLES / "market_cleaning.yaml")
    out = tmp_path / "out"
    args = ["report", model, "--draws", "100", "--quiet", "--format", "xlsx", "--lang", "nl,en", "-o", f"{out}/"]
    assert main(args) == 0
    assert sorted(p.name for p in out.iterdir()) == ["report.en.xlsx", "report.nl.xlsx"]
    assert _book((out / "report.en.xlsx").read_bytes()).sheetnames[:2] == ["Report", "Summary"]
    single = tmp_path / "figures.xlsx"
    assert main(["report", model, "--draws", "100", "--quiet", "-o", str(single)]) == 0
    assert single.exists() and not (tmp_path / "figures.html").exists()
    assert "xlsx" in capsys.readouterr().out


def test_the_portfolios_report_is_a_workbook_too(tmp_path, capsys):
    portfolio = EXAMPLES / "portfolio" / "portfolio.yaml"
    out = tmp_path / "pf"
    args = [
        "portfolio",
        str(portfolio),
        "--draws",
        "100",
        "--quiet",
        "--lang",
        "nl",
        "--format",
        "xlsx",
        "-o",
        str(out),
    ]
    assert main(args) == 0
    assert (out / "report.xlsx").is_file() and not (out / "report.html").exists()
    book = _book((out / "report.xlsx").read_bytes())
    assert book.sheetnames[0] == "Rapport" and len(book.sheetnames) > 2
    members = _rows(book[book.sheetnames[1]])
    head = next(i for i, r in enumerate(members) if r[0].value == "Project")
    labels = [c.value for c in members[head]]
    ratio = labels.index("SROI-ratio")
    first = members[head + 1]
    assert first[0].value == "Klussendienst/2024" and first[ratio].data_type == "n"
    # The ratio's interval as two numbers: the bounds of the members table the run wrote beside it.
    assert labels[ratio + 1 : ratio + 3] == ["Interval: ondergrens", "Interval: bovengrens"]
    table = pd.read_csv(out / "tables" / "members.csv").set_index("member")
    for row in members[head + 1 : head + 1 + len(table)]:
        lower, upper = table.loc[row[0].value, ["ratio_lower", "ratio_upper"]]
        assert row[ratio + 1].value == pytest.approx(lower, rel=1e-12)
        assert row[ratio + 2].value == pytest.approx(upper, rel=1e-12)
    # Ranks and percentiles are whole numbers, the rank's interval two of them.
    top = next(i for i, r in enumerate(members) if r[4].value == "Rang, 90%-interval: ondergrens")
    assert [c.value for c in members[top][2:6]] == [
        "Score",
        "Rang",
        "Rang, 90%-interval: ondergrens",
        "Rang, 90%-interval: bovengrens",
    ]
    ranks = members[top + 1 : top + 1 + len(table)]
    assert sorted(r[3].value for r in ranks) == list(range(1, len(table) + 1))
    assert all(r[4].value <= r[3].value <= r[5].value and r[5].data_type == "n" for r in ranks)
    capsys.readouterr()


def test_a_workbook_is_never_written_over_the_survey_it_reads(tmp_path, capsys):
    from impactchain.cli import main as cli

    assert cli(["init", str(tmp_path / "p")]) == 0
    model = tmp_path / "p" / "model.yaml"
    model.write_text(model.read_text(encoding="utf-8").replace("data: survey.csv", "data: survey.xlsx"), "utf-8")
    survey = tmp_path / "p" / "survey.xlsx"
    before = survey.read_bytes()
    assert cli(["report", str(model), "-o", str(survey), "--draws", "100", "--quiet"]) == 2  # a wrong -o
    assert "survey.xlsx: is an input of this run" in capsys.readouterr().err
    assert survey.read_bytes() == before
