"""An amount, a proxy value, a quantity or a value per WELLBY larger in size than a trillion (1e12) is
read as written, with a read warning naming its path, line, column and number (mirrors
tests/cpp/test_model_io.cpp): more than any municipal or fund budget, so likely a typo or a pasted cell."""

from __future__ import annotations

import pytest

import impactchain as ic
from impactchain._i18n import words
from impactchain.cli import main
from small_models import MONEY_HEAD

TAIL = (
    "is larger in size than a trillion (1e12), more than any municipal or fund budget or count of people: "
    "a typo or a pasted cell? It is used as written"
)


def _load(tmp_path, text: str):
    path = tmp_path / "m.yaml"
    path.write_text(MONEY_HEAD + text, encoding="utf-8")
    return ic.load(path)


@pytest.mark.parametrize("amount", ["1e12", "999999999999", "120000"])
def test_an_amount_up_to_a_trillion_is_no_warning(tmp_path, amount):
    assert _load(tmp_path, f"investments:\n  - {{funder: city, amount: {amount}}}\n").read_warnings == []


def test_an_amount_just_above_a_trillion_is_warned_and_used_as_written(tmp_path, capsys):
    model = _load(tmp_path, "investments:\n  - {funder: city, amount: 1000000000001}\n")
    line = MONEY_HEAD.count("\n") + 2
    said = f"investments[0].amount (line {line}, column 20): 1000000000001 {TAIL}"
    assert [str(w) for w in model.read_warnings] == [said]
    assert model.investments[0]["amount"] == 1_000_000_000_001
    # validate prints it, and the valuation repeats it among its warnings.
    assert main(["validate", str(tmp_path / "m.yaml")]) == 0
    printed = capsys.readouterr()
    assert said in printed.out + printed.err


def test_a_quantity_a_proxy_and_a_distributions_maximum_are_warned(tmp_path):
    model = _load(
        tmp_path,
        "chain:\n  nodes: [{id: a, level: activity, quantity: 1e200}]\n"
        "outcomes:\n"
        "  - {id: o, node: a, proxy: {value: 1e30, currency: EUR}}\n"
        "  - {id: t, quantity: 3, proxy: {value: {triangular: [1, 2, 1e15]}, currency: EUR}}\n",
    )
    said = [(w.params["path"], w.params["value"]) for w in model.read_warnings]
    assert said == [
        ("chain.nodes[0].quantity", "1e+200"),
        ("outcomes[0].proxy.value", "1e+30"),
        ("outcomes[1].proxy.value.triangular[2]", "1e+15"),
    ]
    assert {w.code for w in model.read_warnings} == {"model.implausible_magnitude"}


def test_a_valuation_repeats_the_warning(tmp_path):
    model = _load(
        tmp_path,
        "investments:\n  - {funder: city, amount: 119000}\n"
        "outcomes:\n  - {id: o, quantity: 1e200, proxy: {value: 10, currency: EUR}}\n",
    )
    (warned,) = [w for w in ic.value(model).warnings if w.code == "model.implausible_magnitude"]
    assert str(warned).startswith("outcomes[0].quantity (line ")
    assert str(warned).endswith(f"1e+200 {TAIL}")


def test_the_warning_reads_in_dutch(tmp_path):
    model = _load(tmp_path, "investments:\n  - {funder: city, amount: 1e300}\n")
    (w,) = model.read_warnings
    assert w.in_language(words("nl")).endswith(
        "1e+300 is groter dan duizend miljard (1e12), meer dan enig gemeente- of fondsbudget of aantal mensen: "
        "een tikfout of een geplakte cel? Het getal wordt gebruikt zoals het er staat"
    )
