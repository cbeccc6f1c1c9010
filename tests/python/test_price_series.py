"""Price indices from the statistics offices' own downloads (docs/value.md, "Price index"):
the model loader reads a CBS StatLine or ONS file beside the model, the valuation uses its
years, and the result and the report name the source, its date and licence. The figures in
the files below are made up; the layouts are the publishers'."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

import impactchain as ic

DOCS = Path(__file__).resolve().parents[2] / "docs"

# StatLine's "Downloaden -> CSV" of table 83131NED: UTF-8 with a byte-order mark, ';', decimal
# commas, a provisional year (2024*), a month, another category and the source line.
STATLINE = (
    '\ufeff"Bestedingscategorieën";"Perioden";"CPI (2015=100)";"CPI afgeleid (2015=100)"\r\n'
    '"000000 Alle bestedingen";"2020";"108,75";"108,80"\r\n'
    '"000000 Alle bestedingen";"2020 januari";"107,10";"107,20"\r\n'
    '"000000 Alle bestedingen";"2024*";"132,00";"132,10"\r\n'
    '"011000 Voedingsmiddelen";"2024*";"150,00";"150,00"\r\n'
    '"Bron: CBS"\r\n'
)

MODEL = """\
impactchain: 1
name: Buurtwerk
currency: EUR
price_year: 2024
chain:
  nodes:
    - {id: coaching, level: activity, quantity: 20, unit: participants}
    - {id: employed, level: outcome, unit: persons}
  edges: [{from: coaching, to: employed, rate: 0.5}]
outcomes:
  - id: welfare_saved
    node: employed
    proxy: {value: 12000, currency: EUR, price_year: 2020, source: "benefit rates 2020"}
investments: [{funder: municipality, amount: 100000}]
discount: {rate: 0}
"""


def _documented_line() -> str:
    page = (DOCS / "value.md").read_text(encoding="utf-8")
    (block,) = [b for b in re.findall(r"^```yaml\n(.*?)^```", page, re.S | re.M) if "series: CBS 83131NED" in b]
    return block


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "cpi.csv").write_text(STATLINE, encoding="utf-8", newline="")
    (tmp_path / "model.yaml").write_text(MODEL + _documented_line(), encoding="utf-8")
    return tmp_path


def test_the_documented_price_index_file_gives_the_hand_calculation(folder):
    model = ic.load(folder / "model.yaml")
    # 20 participants x 0.5 = 10 persons x 12,000 (2020 prices) x 132.00 / 108.75 (to 2024 prices);
    # one year, discount rate 0.
    expected = 10 * 12000 * 132.00 / 108.75
    res = ic.value(model)
    assert res.present_value == pytest.approx(expected, rel=1e-12)
    assert res.sroi_ratio == pytest.approx(expected / 100000, rel=1e-12)
    said = "\n".join(map(str, res.assumptions))
    assert (
        "price index: CBS 83131NED (CBS: 'Consumentenprijzen; prijsindex 2015=100', 2015=100), "
        "read from cpi.csv, retrieved 2026-11-30; licence CC BY 4.0"
    ) in said
    assert "the figures for 2024 are provisional" in said
    source = model.to_dict()["price_index"]
    assert source["index"] == {"2020": 108.75, "2024": 132.0} and source["provisional"] == [2024]


def test_the_model_travels_with_its_figures_and_not_without_its_file(folder):
    model = ic.load(folder / "model.yaml")
    blob = pickle.dumps(model)
    (folder / "cpi.csv").unlink()
    assert pickle.loads(blob) == model  # the figures read travel with the model
    assert ic.loads(model.to_json(), format="json") == model
    with pytest.raises(ValueError, match=r"price_index\.file.*cannot read the price index file 'cpi.csv'"):
        ic.load(folder / "model.yaml")


def test_text_reads_the_file_from_its_source_folder(folder, tmp_path_factory, monkeypatch):
    text = (folder / "model.yaml").read_text(encoding="utf-8")
    model = ic.loads(text, format="yaml", source_path=str(folder / "model.yaml"))
    assert model.to_dict()["price_index"]["index"]["2020"] == 108.75
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))  # no source path: the working directory
    with pytest.raises(ValueError, match="no such file in the working directory"):
        ic.loads(text, format="yaml")


@pytest.mark.parametrize(
    "line, message",
    [
        ("price_index: {file: ../cpi.csv, series: CBS 83131NED}", "must lie in the model file's folder"),
        ("price_index: {file: cpi.csv, series: CBS 12345NED}", r"price_index\.series.*series must be one of"),
        ("price_index: {file: cpi.csv, series: ONS YBGB}", "no 'CDID' row"),
        ("price_index: {file: cpi.csv, series: CBS 83131NED, retrieved: 30-11-2026}", "YYYY-MM-DD"),
        ("price_index: {file: cpi.csv, serie: CBS 83131NED}", r"unknown key 'serie' \(did you mean 'series'\?\)"),
    ],
)
def test_a_wrong_price_index_source_is_refused_at_its_path(folder, line, message):
    (folder / "model.yaml").write_text(MODEL + line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        ic.load(folder / "model.yaml")


def test_an_ons_series_reads_with_its_own_id(tmp_path):
    (tmp_path / "ybgb.csv").write_text(
        '"Title","Gross Domestic Product at market prices: Implied deflator: SA"\n"CDID","YBGB"\n'
        '"Unit","2019=100"\n"Release date","30-09-2025"\n"2020","105.0"\n"2024","126.0"\n"2024 Q1","125.0"\n',
        encoding="utf-8",
    )
    text = MODEL.replace("currency: EUR", "currency: GBP") + "price_index: {file: ybgb.csv, series: ONS YBGB}\n"
    (tmp_path / "model.yaml").write_text(text, encoding="utf-8")
    res = ic.value(ic.load(tmp_path / "model.yaml"))
    assert res.present_value == pytest.approx(10 * 12000 * 126.0 / 105.0, rel=1e-12)  # x 1.2
    said = "\n".join(map(str, res.assumptions))
    assert "ONS YBGB" in said and "2019=100" in said and "Open Government Licence v3.0" in said
    assert "dated 20" in said  # no retrieved: the file's own date is named instead


def test_the_dutch_report_names_the_source(folder):
    rep = ic.build_report([folder / "model.yaml"], draws=200, seed=1, lang="nl")
    md = rep.to_markdown()
    assert "gedownload op 2026-11-30; licentie CC BY 4.0" in md
    assert "de cijfers voor 2024 zijn voorlopig" in md


def test_the_schema_takes_the_file_form_and_the_written_form(folder):
    import json

    import yaml

    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((DOCS / "model.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    assert not list(validator.iter_errors(yaml.safe_load(MODEL + _documented_line())))
    written = json.loads(ic.load(folder / "model.yaml").to_json())
    assert written["price_index"]["file_date"]  # the loader's own additions are in the schema too
    assert not list(validator.iter_errors(written))
    assert list(validator.iter_errors(yaml.safe_load(MODEL + "price_index: {file: x.csv, series: CBS 1}\n")))
