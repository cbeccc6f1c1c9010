"""Two answer labels, two codes of missing, or an answer and a code, that are one label as a cell
is compared (``label_key``: case, white space and Unicode's compatibility forms aside) are refused
once, naming both. The message is the model file loader's where the loader compares them as one
too (case and white space aside, a run of it one space), and
says how they are compared where only the reading of the data does (a full-width 'Ｎooit' is
'Nooit' under NFKC only). The expected messages are written by hand."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from impactchain._data_hints import label_key, loader_key
from impactchain._soft_data import read_soft_data
from impactchain._soft_spec import answer_labels, missing_codes

NBSP = "\u00a0"
WIDE_N = "\uff2e"  # FULLWIDTH LATIN CAPITAL LETTER N: 'Ｎooit' is 'Nooit' under NFKC only
COMPARED = "compared in any case, with white space and Unicode's compatibility forms aside"

# (first, second, what the second is to the first): the second given after the first
PAIRS = [
    ("Nooit", f"{WIDE_N}ooit", "nfkc"),
    ("Mee eens", "Mee  eens", "spaces"),
    ("mee eens", f"Mee{NBSP}eens", "spaces"),
    ("Nooit", "NOOIT", "case"),
]
IDS = ["full-width", "two-spaces", "non-breaking-space", "capitals"]


def test_the_loaders_rule_and_the_cells_rule_part_only_on_compatibility_forms() -> None:
    for first, second, how in PAIRS:
        assert label_key(first) == label_key(second), (first, second)
        assert (loader_key(first) == loader_key(second)) == (how != "nfkc"), (first, second)
    assert loader_key(f" Heel\t{NBSP} VAAK\u3000") == "heel vaak"  # U+3000: an ideographic space


def _exactly(message: str) -> str:
    """A ``match`` pattern for the whole of ``message``."""
    return f"^{re.escape(message)}$"


def _r(text: str) -> str:
    return repr(text)


def _answers_message(first: str, second: str, how: str, where: str) -> str:
    if how == "nfkc":
        return f"{where}: answers: {_r(second)} and {_r(first)} are one answer label (labels are {COMPARED})"
    return (
        f"{where}: answers.{second}: answer {_r(second)} is given twice (also {_r(first)}; labels are compared in "
        "any case, with white space aside)"
    )


def _codes_message(first: str, second: str, how: str, where: str, at: int = 1) -> str:
    if how == "nfkc":
        return f"{where}: missing: {_r(second)} and {_r(first)} are one code of missing (codes are {COMPARED}): give it once"
    return (
        f"{where}: missing[{at}]: codes {_r(second)} and {_r(first)} are one code of missing (codes are compared in any "
        "case, with white space aside): give it once"
    )


def _both_message(code: str, label: str, how: str, where: str) -> str:
    if how == "nfkc":
        return (
            f"{where}: answers: {_r(label)} is both an answer and a code of missing ({_r(code)}; labels and codes "
            f"are {COMPARED})"
        )
    return f"{where}: answers.{label}: {_r(label)} is both an answer and a code of missing ({_r(code)})"


@pytest.mark.parametrize(("first", "second", "how"), PAIRS, ids=IDS)
def test_two_answer_labels_that_are_one_are_refused_naming_both(first: str, second: str, how: str) -> None:
    with pytest.raises(ValueError, match=_exactly(_answers_message(first, second, how, "wb"))):
        answer_labels({first: 1, second: 2}, (), "wb")


@pytest.mark.parametrize(("first", "second", "how"), PAIRS, ids=IDS)
def test_two_codes_of_missing_that_are_one_are_refused_naming_both(first: str, second: str, how: str) -> None:
    with pytest.raises(ValueError, match=_exactly(_codes_message(first, second, how, "wb", at=2))):
        missing_codes([first, 99, second], "wb")


def test_a_code_written_twice_alike_is_said_as_the_loader_says_it() -> None:
    with pytest.raises(ValueError, match=_exactly("wb: missing[2]: code 'Nooit' is listed twice (also missing[0])")):
        missing_codes(["Nooit", 99, "Nooit"], "wb")


@pytest.mark.parametrize(("code", "label", "how"), PAIRS, ids=IDS)
def test_an_answer_that_is_a_code_of_missing_is_refused_naming_both(code: str, label: str, how: str) -> None:
    with pytest.raises(ValueError, match=_exactly(_both_message(code, label, how, "wb"))):
        answer_labels({"Soms": 3, label: 1}, ("99", code), "wb")


def test_an_answer_that_is_a_code_written_alike_is_said_as_the_loader_says_it() -> None:
    with pytest.raises(
        ValueError, match=_exactly("wb: answers.Nooit: 'Nooit' is both an answer and a code of missing")
    ):
        answer_labels({"Nooit": 1}, ("Nooit",), "wb")


def _spec(**kw: object) -> dict:
    frame = pd.DataFrame({"voor": ["3", "4"], "na": ["4", "5"]})
    return {"id": "x", "data": frame, "pre": "voor", "post": "na", "resamples": 0, **kw}


@pytest.mark.parametrize(("first", "second", "how"), PAIRS, ids=IDS)
def test_reading_the_data_refuses_each_pair_once_with_that_message(first: str, second: str, how: str) -> None:
    where = "soft outcome 'x'"
    cases = [
        (_spec(answers={first: 1, second: 2}), _answers_message(first, second, how, where)),
        (_spec(missing=[first, second]), _codes_message(first, second, how, where)),
        (_spec(answers={second: 1}, missing=[first]), _both_message(first, second, how, where)),
    ]
    for spec, message in cases:
        with pytest.raises(ValueError, match=_exactly(message)):  # the one message, not a second check's
            read_soft_data(spec, ".", where=where)
