"""docs/portfolio.schema.json, the JSON Schema of a portfolio file, against its reference, the
loader: the docs' portfolio file and the bundled one satisfy it, and each change below is refused
by both or by neither (``check_portfolio``, which loads the file and reads its members)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Callable

import pytest

from impactchain import _core
from impactchain._actuals import read_document
from impactchain.portfolio import PortfolioError, check_portfolio, load_portfolio

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
MODEL = """impactchain: 1
name: {name}
currency: {currency}
price_year: 2024
chain:
  nodes: [{{id: a, level: activity, quantity: 5, unit: people}}]
investments: [{{funder: city, amount: 1000}}]
outcomes:
  - {{id: o, quantity: 10, proxy: {{value: 100, currency: {currency}, source: s}}}}
"""
BASE: dict[str, Any] = {
    "impactchain": 1,
    "name": {"nl": "Wijkfonds", "en": "Neighbourhood fund"},
    "currency": "EUR",
    "price_year": 2025,
    "price_index": {"2024": 100, "2025": 103.3},
    "discount": {"schedule": "nl_2021"},
    "fx": {"GBP": {"rate": 1.17, "source": "ECB reference rate", "date": "2025-06-30"}},
    "members": [
        {"organisation": "A", "period": 2024, "model": "a.yaml", "group": "care"},
        {"organisation": "B", "period": {"start": 2024, "end": 2025}, "model": "b.yaml", "discount": "own"},
        {"organisation": "A", "period": "2025Q1", "model": "a.yaml", "id": "a-q1"},
    ],
}


@pytest.fixture(scope="module")
def validator():
    jsonschema = pytest.importorskip("jsonschema")
    referencing = pytest.importorskip("referencing")
    schema = json.loads((DOCS / "portfolio.schema.json").read_text(encoding="utf-8"))
    model = referencing.Resource.from_contents(json.loads((DOCS / "model.schema.json").read_text(encoding="utf-8")))
    # The portfolio schema refers to model.schema.json beside it, as an editor finds it.
    registry = referencing.Registry().with_resources([("model.schema.json", model), (model.id(), model)])
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, registry=registry)


def _files(folder: Path) -> None:
    (folder / "a.yaml").write_text(MODEL.format(name="a", currency="EUR"), encoding="utf-8")
    (folder / "b.yaml").write_text(MODEL.format(name="b", currency="GBP"), encoding="utf-8")


def _loader_accepts(folder: Path, d: dict) -> bool:
    p = folder / "portfolio.json"
    p.write_text(json.dumps(d), encoding="utf-8")
    try:
        return check_portfolio(p, data=False).valid
    except PortfolioError:
        return False


def test_the_years_the_schema_states_are_the_cores():
    schema = json.loads((DOCS / "portfolio.schema.json").read_text(encoding="utf-8"))
    assert (schema["properties"]["price_year"]["minimum"], schema["properties"]["price_year"]["maximum"]) == (
        _core.calendar_years
    )
    assert schema["properties"]["impactchain"]["const"] == _core.model_schema_version


def test_the_docs_and_the_bundled_portfolio_satisfy_the_schema(validator):
    from doc_commands import yaml_block

    page = yaml_block("portfolio.md", "members:")
    assert "members:" in page and "impactchain: 1" in page
    bundled = ROOT / "examples" / "data" / "portfolio" / "portfolio.yaml"
    for name, d in (("docs/portfolio.md", _parsed(page)), (str(bundled), read_document(bundled, "portfolio file"))):
        assert [e.message for e in validator.iter_errors(d)] == [], name


def _parsed(text: str) -> Any:
    import tempfile

    with tempfile.TemporaryDirectory() as t:
        p = Path(t) / "portfolio.yaml"
        p.write_text(text, encoding="utf-8")
        return read_document(p, "portfolio file")


def test_the_base_portfolio_is_valid_to_both(tmp_path, validator):
    _files(tmp_path)
    assert list(validator.iter_errors(BASE)) == []
    assert _loader_accepts(tmp_path, BASE)


def _set(*path: Any, to: Any = None, drop: bool = False) -> Callable[[dict], None]:
    """A change of the base portfolio: the value at ``path`` set ``to`` (or dropped)."""

    def change(d: dict) -> None:
        for k in path[:-1]:
            d = d[k]
        if drop:
            del d[path[-1]]
        else:
            d[path[-1]] = to

    return change


def _both(*changes: Callable[[dict], None]) -> Callable[[dict], None]:
    return lambda d: [c(d) for c in changes] and None


CASES = [
    # Accepted by both.
    ("no format version", _set("impactchain", drop=True), True),
    ("footing from the first member", _both(_set("currency", drop=True), _set("price_year", drop=True)), True),
    ("name as one text", _set("name", to="Wijkfonds"), True),
    ("period label 1", _set("members", 0, "period", to=1), True),
    ("period label 12345", _set("members", 0, "period", to=12345), True),
    ("period as text", _set("members", 0, "period", to="2024"), True),
    ("period start alone", _set("members", 1, "period", to={"start": 2024}), True),
    ("organisation in two languages", _set("members", 0, "organisation", to={"nl": "Buurt", "en": "Area"}), True),
    ("discount portfolio", _set("members", 0, "discount", to="portfolio"), True),
    ("discount rate", _set("discount", to={"rate": 0.03}), True),
    # Refused by both.
    ("unknown key", _set("colour", to="red"), False),
    ("format version 2", _set("impactchain", to=2), False),
    ("format version 0", _set("impactchain", to=0), False),
    ("currency not a code", _set("currency", to="euro"), False),
    ("price year 2204", _set("price_year", to=2204), False),
    ("price year as text", _set("price_year", to="2025"), False),
    ("price index year 1800", _set("price_index", "1800", to=100), False),
    ("price index 0", _set("price_index", "2024", to=0), False),
    ("price index not a table", _set("price_index", to=[100, 103]), False),
    ("discount of two kinds", _set("discount", to={"rate": 0.03, "schedule": "nl_2021"}), False),
    ("discount schedule unknown", _set("discount", to={"schedule": "nowhere"}), False),
    ("fx code lower case", _set("fx", to={"gbp": {"rate": 1.17, "source": "ECB", "date": "2025-06-30"}}), False),
    ("fx rate 0", _set("fx", "GBP", "rate", to=0), False),
    ("fx without date", _set("fx", "GBP", "date", drop=True), False),
    ("fx unknown key", _set("fx", "GBP", "note", to="mid rate"), False),
    ("no members", _set("members", to=[]), False),
    ("member unknown key", _set("members", 0, "colour", to="red"), False),
    ("member without model", _set("members", 0, "model", drop=True), False),
    ("member model blank", _set("members", 0, "model", to="  "), False),
    ("member without organisation", _set("members", 0, "organisation", drop=True), False),
    ("member discount mine", _set("members", 0, "discount", to="mine"), False),
    ("member period 2204", _set("members", 0, "period", to=2204), False),
    ("member period start 2204", _set("members", 1, "period", "start", to=2204), False),
    ("member period start as text", _set("members", 1, "period", "start", to="2024"), False),
    ("member period unknown key", _set("members", 1, "period", "until", to=2025), False),
    ("member actuals blank", _set("members", 0, "actuals", to=""), False),
]


@pytest.mark.parametrize(("name", "change", "valid"), CASES, ids=[c[0] for c in CASES])
def test_the_schema_and_the_loader_agree(tmp_path, validator, name, change, valid):
    _files(tmp_path)
    d = copy.deepcopy(BASE)
    change(d)
    schema_ok = not list(validator.iter_errors(d))
    assert (schema_ok, _loader_accepts(tmp_path, d)) == (valid, valid)


def test_the_footing_is_checked_when_the_file_is_read(tmp_path):
    # What the schema checks of the footing, the loader checks before any member is read, every
    # problem at once (a run would otherwise stop later, on a member's conversion).
    _files(tmp_path)
    d = copy.deepcopy(BASE)
    d.update(impactchain=2, currency="euro", price_year=2204)
    d["fx"] = {"gbp": {"rate": 1.17, "source": "ECB", "date": "2025-06-30", "note": "mid"}}
    d["members"][1]["period"] = {"start": "2024", "until": 2025}
    p = tmp_path / "portfolio.json"
    p.write_text(json.dumps(d), encoding="utf-8")
    with pytest.raises(PortfolioError) as e:
        load_portfolio(p)
    lines = [line.removeprefix(f"portfolio '{p}': ") for line in str(e.value).splitlines()]
    assert lines == [
        f"7 problems in portfolio '{p}':",
        "members[1].period: unknown key 'until' (known: start, end)",
        "members[1].period.start: expected a year, got '2024'",
        "impactchain: this file needs impactchain format 2; this version reads 1",
        "currency must be an ISO 4217 code such as 'EUR', got 'euro'",
        "price_year: a year must be in [1900, 2200], got 2204",
        "fx.gbp: currency must be an ISO 4217 code such as 'EUR', got 'gbp'",
        "fx.gbp: unknown key 'note' (known: rate, source, date)",
    ]
