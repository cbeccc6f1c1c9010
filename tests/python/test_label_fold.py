"""Labels as the model file's loader compares them (C++, ``label_key``): ``" ".join(s.split()).casefold()``,
the survey reader's rule without Unicode's compatibility forms; it refuses two answers that are one
label, or an answer that is also a code of missing, by that key. Python's own casefold is the
oracle for every code point; the C++ cases by hand: tests/cpp/test_label_fold.cpp."""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

import pytest

import impactchain as ic

TABLE = Path(__file__).resolve().parents[2] / "src" / "label_fold_table.cpp"
RUN = re.compile(r"\{0x([0-9A-F]+), 0x([0-9A-F]+), (-?\d+), ([12])\}")
WIDE = re.compile(r"\{0x([0-9A-F]+), \{0x([0-9A-F]+), 0x([0-9A-F]+), 0x([0-9A-F]+)\}\}")


def _model(answers: dict, missing: list | None = None) -> str:
    entry = {"id": "contact", "data": "labels.csv", "pre": "voor", "post": "na", "answers": answers}
    if missing:
        entry["missing"] = missing
    return json.dumps({"impactchain": 1, "name": "Buurtwerk", "soft_outcomes": [entry]}, ensure_ascii=False)


def _refused(answers: dict, missing: list | None = None) -> str:
    """The loader's message for a model with these answers ('' when it loads)."""
    try:
        ic.loads(_model(answers, missing), format="json")
    except ValueError as e:
        return str(e)
    return ""


def _table() -> tuple[str, dict[int, str]]:
    """The C++ table's Unicode version and its entries (code point -> its folding), its runs
    written out one code point at a time."""
    text = TABLE.read_text(encoding="utf-8")
    version = re.search(r"case folding of Unicode ([0-9.]+)", text)
    assert version is not None
    table = {
        c: chr(c + int(delta))
        for first, last, delta, step in RUN.findall(text)
        for c in range(int(first, 16), int(last, 16) + 1, int(step))
    }
    for m in WIDE.finditer(text):
        table[int(m[1], 16)] = "".join(chr(int(x, 16)) for x in m.groups()[1:] if int(x, 16))
    return version[1], table


def test_every_letter_that_folds_is_one_label_with_its_folding():
    version, table = _table()
    assert len(table) > 1400  # the table was read
    for c, folded in table.items():
        assert chr(c).casefold() == folded, f"U+{c:04X}"  # case folding of an assigned letter never changes
        message = _refused({f"x{chr(c)}": 1, f"x{folded}": 2})
        assert "is given twice" in message, f"U+{c:04X} {chr(c)!r} and {folded!r}: {message!r}"
    if unicodedata.unidata_version != version:
        pytest.skip(
            f"Python's Unicode is {unicodedata.unidata_version}, the table's {version}: the letters of one not in the other"
        )
    python = {c: chr(c).casefold() for c in range(0x80, sys.maxunicode + 1) if chr(c).casefold() != chr(c)}
    assert set(python) == set(table)


def test_letters_that_do_not_fold_alike_are_two_labels():
    # The dotless i and i, i and the dotted capital's i + dot above, the long s and f: two answers each.
    for a, b in (("\u0131", "i"), ("i", "\u0130"), ("\u017f", "f"), ("a", "\u00e1"), ("ss", "s")):
        assert _refused({a: 1, b: 2}) == "", (a, b)


def test_white_space_around_a_label_is_no_part_of_it_and_a_run_inside_it_one_space():
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    assert len(spaces) > 20
    for s in spaces:
        assert "is given twice" in _refused({f"{s}nooit{s}": 1, "nooit": 2}), f"U+{ord(s):04X}"
        assert "must not be empty" in _refused({s: 1}), f"U+{ord(s):04X}"
        # inside a label, any white space (and a run of it) is one space, as " ".join(s.split()) has it
        if s != " ":  # (with a plain space the two are one key of the mapping already)
            assert "is given twice" in _refused({f"heel{s}vaak": 1, "heel vaak": 2}), f"U+{ord(s):04X}"
        assert "is given twice" in _refused({f"heel {s}vaak": 1, "heel vaak": 2}), f"U+{ord(s):04X}"
    assert _refused({"\u200bnooit": 1, "nooit": 2}) == ""  # a zero-width space is no white space to str.split


def test_an_answer_that_is_a_code_of_missing_in_other_letters_is_refused():
    message = _refused({"\u00c9\u00c9N KEER": 1}, missing=["\u00e9\u00e9n keer\u00a0"])
    assert "'ÉÉN KEER' is both an answer and a code of missing" in message


def test_the_survey_reads_a_label_in_any_letters_as_the_loader_checks_it(tmp_path):
    (tmp_path / "labels.csv").write_text(
        "voor,na\n\u00e9\u00e9n keer,STRASSE\n\u00c9\u00c9N KEER,stra\u00dfe\n", encoding="utf-8"
    )
    (tmp_path / "model.json").write_text(_model({"\u00c9\u00e9n keer": 1, "Stra\u00dfe": 3}), encoding="utf-8")
    spec = ic.load(tmp_path / "model.json").soft_outcomes[0]
    s = ic.soft_outcome_summary({**spec, "resamples": 0}, tmp_path)
    assert (s.n_used, s.groups.iloc[0]["mean_change"]) == (2, 2)  # 3 - 1 for each respondent
