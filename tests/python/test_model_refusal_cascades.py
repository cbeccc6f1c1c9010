"""A value the loader already refused is not reported once more as missing, empty or absent (mirrors
tests/cpp/test_model_io.cpp): a name in a language code the loader refuses, a proxy written as a bare
number, an investment of a kind that does not exist. Every independent problem is still reported."""

from __future__ import annotations

import pytest

import impactchain as ic
from impactchain.cli import main
from impactchain.io import ModelFileError
from small_models import MONEY_HEAD

OUTCOME = "outcomes:\n  - id: o\n    quantity: 3\n"


def _issues(tmp_path, text: str) -> list[tuple[str, str]]:
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ModelFileError) as info:
        ic.load(path)
    return [tuple(i) for i in info.value.issues]


def test_a_name_in_a_refused_language_code_is_not_also_empty(tmp_path):
    assert _issues(tmp_path, "name: {NL: x}\ncurrency: EUR\n") == [
        (
            "name.NL",
            "expected a language code such as nl or en (two or three lower-case letters, optionally a region as "
            "in en-GB) for a text in several languages, got 'NL'",
        )
    ]


def test_a_proxy_written_as_a_number_is_not_also_missing(tmp_path, capsys):
    text = MONEY_HEAD + OUTCOME + "    proxy: 15000\n"
    assert _issues(tmp_path, text) == [("outcomes[0].proxy", "expected a mapping, got a number")]
    # The command line lists that one problem too.
    assert main(["validate", str(tmp_path / "m.yaml")]) == 1
    printed = capsys.readouterr()
    assert "1 problem" in printed.out + printed.err
    assert "give exactly one of" not in printed.out + printed.err


def test_a_refused_proxy_beside_a_wellbeing_valuation_is_two_true_problems(tmp_path):
    text = (
        MONEY_HEAD
        + OUTCOME
        + "    proxy: 15000\n    wellbeing: {life_satisfaction_change: 0.5, value_per_wellby: 13000, currency: EUR}\n"
    )
    assert _issues(tmp_path, text) == [
        ("outcomes[0].proxy", "expected a mapping, got a number"),
        ("outcomes[0]", "outcome 'o': give exactly one of 'proxy' and 'wellbeing'"),
    ]


def test_an_outcome_without_proxy_or_wellbeing_is_still_told(tmp_path):
    assert _issues(tmp_path, MONEY_HEAD + OUTCOME) == [
        ("outcomes[0]", "outcome 'o': give exactly one of 'proxy' and 'wellbeing'")
    ]


def test_an_investment_of_an_unknown_kind_is_not_judged_by_the_default_kind(tmp_path):
    text = MONEY_HEAD + "investments:\n  - {funder: p, kind: volunteer, hours: 600, hourly_value: 15}\n"
    assert _issues(tmp_path, text) == [
        (
            "investments[0].kind",
            "expected one of cash, in_kind, volunteer_time, got 'volunteer' (did you mean 'volunteer_time'?)",
        )
    ]


def test_a_refused_discount_rate_is_not_also_a_missing_one(tmp_path):
    assert _issues(tmp_path, MONEY_HEAD + "discount: {rate: {uniform: 0.03}}\n") == [
        ("discount.rate.uniform", "expected a list or mapping of numbers, got a number")
    ]
