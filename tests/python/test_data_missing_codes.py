"""A survey's own codes for "no answer" (a soft outcome's ``missing``: ``n.v.t.``, ``weet niet``, 99)
are missing answers in the score columns, counted and stated; without them such a cell is refused,
or 99 is taken for a score (docs/soft.md, "Missing values")."""

from __future__ import annotations

import pytest

import impactchain as ic
from impactchain._data import DataFileError

# Dutch Excel's CSV: ';', Windows-1252. Respondent 99 answered 3 -> 5 and Bram 1 -> 3: a change
# of 2 each, so the mean change is 2. The others gave a code for no answer before or after.
SURVEY = [
    "deelnemer;voor;na",
    "99;3;5",  # row 2: an id of 99 stays an id (codes apply to the score columns)
    "Zoë;n.v.t.;4",  # row 3: no answer before
    "Jörg;2;Weet niet",  # row 4: no answer after (any case)
    "Anaïs;4;99",  # row 5: 99, no answer after
    "Bram;1;3",  # row 6
    "Céline; 99 ;2",  # row 7: spaces around the code
]

MODEL = """\
impactchain: 1
name: Buurtwerk
soft_outcomes:
  - id: welzijn
    data: enquete.csv
    id_column: deelnemer
    pre: voor
    post: na
    resamples: 0
{missing}"""


def _model(tmp_path, missing: str) -> ic.Model:
    (tmp_path / "enquete.csv").write_bytes(("\r\n".join(SURVEY) + "\r\n").encode("cp1252"))
    path = tmp_path / "model.yaml"
    path.write_text(MODEL.format(missing=missing), encoding="utf-8")
    return ic.load(path)


def test_the_codes_are_missing_answers_counted_and_stated(tmp_path):
    model = _model(tmp_path, "    missing: [n.v.t., weet niet, 99]\n")
    spec = model.soft_outcomes[0]
    assert spec["missing"] == ["n.v.t.", "weet niet", "99"]  # a number is kept as the text it is written as
    s = ic.soft_outcome_summary(spec, tmp_path)
    assert (s.n_rows, s.n_used) == (6, 2)
    assert s.groups.iloc[0]["mean_change"] == 2
    assert [(r["row"], r["id"], r["missing"]) for r in s.rows_not_used] == [
        (3, "Zoë", ["pre"]),
        (4, "Jörg", ["post"]),
        (5, "Anaïs", ["post"]),
        (7, "Céline", ["pre"]),
    ]
    assert (
        "enquete.csv: the codes of missing are read as missing answers in the score columns: "
        "n.v.t. (cells: 1); weet niet (cells: 1); 99 (cells: 2)"
    ) in s.assumptions
    nl = ic.build_report([tmp_path / "model.yaml"], draws=200, lang="nl").to_markdown()
    assert "de codes van missing zijn in de scorekolommen als ontbrekend antwoord gelezen" in nl


def test_without_the_codes_the_cells_are_refused_and_the_codes_given_are_named(tmp_path):
    spec = _model(tmp_path, "").soft_outcomes[0]
    with pytest.raises(DataFileError) as refused:
        ic.soft_outcome_summary(spec, tmp_path)
    assert "row 3, column 'voor': 'n.v.t.' is not a number" in str(refused.value)
    assert "row 4, column 'na': 'Weet niet' is not a number" in str(refused.value)
    with pytest.raises(DataFileError) as refused:
        ic.soft_outcome_summary({**spec, "missing": ["n.v.t."]}, tmp_path)
    text = str(refused.value)
    assert "'Weet niet' is not a number (an empty cell or NA, N/A, NaN is a missing value" not in text
    assert "'Weet niet' is not a number (an empty cell, NA, N/A, NaN or a code of missing ('n.v.t.')" in text


def test_a_workbooks_numbers_and_texts_match_the_codes(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in (["id", "pre", "post"], [99, 3, 5], ["a", "N.V.T.", 4], ["b", 2, 99.0], ["c", 1, 3]):
        ws.append(row)
    wb.save(tmp_path / "survey.xlsx")
    spec = {"id": "w", "data": "survey.xlsx", "id_column": "id", "pre": "pre", "post": "post", "resamples": 0}
    s = ic.soft_outcome_summary({**spec, "missing": ["n.v.t.", 99]}, tmp_path)
    assert (s.n_used, s.groups.iloc[0]["mean_change"]) == (2, 2)  # 99: 3 -> 5 and c: 1 -> 3
    assert [r["id"] for r in s.rows_not_used] == ["a", "b"]
    assert (
        "survey.xlsx: the codes of missing are read as missing answers in the score columns: n.v.t. (cells: 1); 99 (cells: 1)"
        in s.assumptions
    )
    # Without the code 99, b's 99.0 is a score: the trap the codes are there for.
    assert ic.soft_outcome_summary({**spec, "missing": ["n.v.t."]}, tmp_path).n_used == 3


@pytest.mark.parametrize(
    "missing, message",
    [
        ("n.v.t.", r"missing must be a list of the codes that mean no answer .* got str"),
        (["n.v.t.", True], r"missing\[1\]: expected a code \(a text or a number\), got True"),
        (["n.v.t.", " "], r"missing\[1\]: expected a code"),
        (["n.v.t.", 99, 99.0], r"missing\[2\]: code '99' is listed twice \(also missing\[1\]\)"),
    ],
)
def test_codes_that_do_not_fit_are_refused_at_their_place(tmp_path, missing, message):
    spec = _model(tmp_path, "").soft_outcomes[0]
    with pytest.raises(ValueError, match=message):
        ic.soft_outcome_summary({**spec, "missing": missing}, tmp_path)


@pytest.mark.parametrize(
    "missing, message",
    [
        ("    missing: n.v.t.\n", r"soft_outcomes\[0\]\.missing: expected a list of the codes that mean no answer"),
        ("    missing: [a, '']\n", r"soft_outcomes\[0\]\.missing\[1\]: expected a code .* got an empty string"),
        ("    missing: [a, {x: 1}]\n", r"soft_outcomes\[0\]\.missing\[1\]: expected a code .* got a mapping"),
        (
            "    missing: [a, a]\n",
            r"soft_outcomes\[0\]\.missing\[1\]: .*code 'a' is listed twice \(also missing\[0\]\)",
        ),
    ],
)
def test_the_model_file_loader_refuses_codes_at_their_path(tmp_path, missing, message):
    with pytest.raises(ValueError, match=message):
        _model(tmp_path, missing)
