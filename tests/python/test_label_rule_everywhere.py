"""One label rule (``_data_hints.label_key``: NFKC, a run of white space one space, case folded)
wherever labels are compared: an entry's answer labels and codes of missing (``_soft_spec``),
group labels typed by hand (``_soft_data_checks``), and an SPSS file's value labels of the group
column (``_data_sav``). Two labels that are one under it are refused, naming both."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from impactchain._data import DataFileError
from impactchain._soft_data import read_soft_data
from impactchain._soft_spec import answer_labels, missing_codes

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("check", "message"),
    [
        pytest.param(
            # the model file's loader refuses this pair too (white space aside): said as it says it
            lambda: answer_labels({"Mee eens": 4, f"mee{NBSP}eens": 4}, (), "wb"),
            f"wb: answers.mee{NBSP}eens: answer 'mee\\xa0eens' is given twice (also 'Mee eens'; labels are "
            "compared in any case, with white space aside)",
            id="answer-labels-one-but-for-a-non-breaking-space",
        ),
        pytest.param(
            # 'ＮＶＴ' (full-width, as some Asian keyboards type it) is 'nvt' under NFKC only
            lambda: answer_labels({"ＮＶＴ": 0, "ja": 1}, ("nvt",), "wb"),
            "wb: answers: 'ＮＶＴ' is both an answer and a code of missing ('nvt'; labels and codes are compared in "
            "any case, with white space and Unicode's compatibility forms aside)",
            id="an-answer-in-full-width-letters-is-a-code-of-missing",
        ),
        pytest.param(
            lambda: missing_codes(["weet niet", 99, "Weet  NIET"], "wb"),
            "wb: missing[2]: codes 'Weet  NIET' and 'weet niet' are one code of missing (codes are compared in any "
            "case, with white space aside): give it once",
            id="codes-of-missing-one-but-for-capitals-and-spaces",
        ),
    ],
)
def test_labels_and_codes_that_are_one_are_refused_naming_both(check: Callable[[], object], message: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        check()


def test_codes_of_missing_that_differ_otherwise_are_kept_as_written() -> None:
    assert missing_codes(["weet niet", 99, "n.v.t."], "wb") == ("weet niet", "99", "n.v.t.")


def test_group_labels_one_but_for_a_non_breaking_space_are_refused_with_their_rows(tmp_path: Path) -> None:
    # 'Oud Noord' typed twice, once with a non-breaking space (pasted from a web form): two groups
    (tmp_path / "g.csv").write_text(
        f"id;wijk;voor;na\n1;Oud Noord;5;6\n2;Oud{NBSP}Noord;6;7\n3;Zuid;4;6\n", encoding="utf-8"
    )
    spec = {"id": "w", "data": "g.csv", "id_column": "id", "pre": "voor", "post": "na", "group": "wijk"}
    with pytest.raises(DataFileError) as e:
        read_soft_data(spec, tmp_path, where="soft outcome 'w'")
    assert str(e.value) == (
        "soft outcome 'w': g.csv: column 'wijk': group labels 'Oud Noord' (row 2) and 'Oud\\xa0Noord' (row 3) "
        "differ only in capitals, white space or Unicode's compatibility forms, so each would be a group of "
        "its own; write them alike (or, if they are different groups, give them labels that differ otherwise)"
    )


def test_spss_value_labels_one_under_the_rule_are_refused_naming_codes_and_labels(tmp_path: Path) -> None:
    pyreadstat = pytest.importorskip("pyreadstat", reason="the optional extra impactchain[spss] is not installed")
    frame = pd.DataFrame({"id": [1, 2, 3, 4], "wijk": [1, 2, 3, 3], "voor": [20, 22, 19, 25], "na": [23, 24, 20, 26]})
    labels = {1: "Noord", 2: f"noord{NBSP}", 3: "Zuid"}
    pyreadstat.write_sav(frame, str(tmp_path / "b.sav"), variable_value_labels={"wijk": labels})
    spec = {"id": "w", "data": "b.sav", "id_column": "id", "pre": "voor", "post": "na", "group": "wijk"}
    with pytest.raises(DataFileError) as e:
        read_soft_data(spec, tmp_path, where="soft outcome 'w'")
    # one problem (the value labels), not a second one of the same rows' group labels
    assert str(e.value) == (
        "soft outcome 'w': b.sav: codes 1 and 2 of column 'wijk' have the value labels 'Noord' and "
        "'noord\\xa0', which differ only in capitals, white space or Unicode's compatibility forms, so their "
        "respondents would be groups that read as one; give each code its own value label in SPSS (Variable "
        "View, Values), or recode them to one code if they are one group"
    )
