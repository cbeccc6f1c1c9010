"""A survey's own codes for "no answer" (a soft outcome's ``missing``: ``n.v.t.``, ``weet niet``, 99)
are missing answers in the score columns, counted and stated; without them such a cell is refused,
or 99 is taken for a score. Answer labels exported instead of numbers (``answers``: ``nooit: 1``)
are read as their numbers (docs/soft.md, "Missing values" and "Answer labels")."""

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
    assert "codes voor 'geen antwoord' zijn in de scorekolommen als ontbrekend antwoord gelezen" in nl


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


# --------------------------------------------------------------------------- answer labels

# A questionnaire of three items answered 1-5, exported with the answers' labels (as an online form
# exports them), one cell a code for no answer and one a number. Sum scores:
LABELLED = [
    "id;voor_1;voor_2;voor_3;na_1;na_2;na_3",
    "A;Nooit;Zelden;Soms;Vaak;Altijd;Soms",  # 1 + 2 + 3 = 6 -> 4 + 5 + 3 = 12: change 6
    "B;soms;SOMS;n.v.t.;4;5;5",  # (3 + 3) / 2 x 3 = 9 (pro-rated, max_missing 1) -> 14: change 5
    "C;Altijd;Altijd;Altijd;Vaak;Vaak;Vaak",  # 15 -> 12: change -3
]
# mean change (6 + 5 - 3) / 3 = 8 / 3
LABELS = "{Nooit: 1, Zelden: 2, Soms: 3, Vaak: 4, Altijd: 5}"
LABELLED_MODEL = f"""\
impactchain: 1
name: Buurtwerk
soft_outcomes:
  - id: contact
    scale: {{items: [q1, q2, q3], item_min: 1, item_max: 5}}
    data: labels.csv
    id_column: id
    pre: [voor_1, voor_2, voor_3]
    post: [na_1, na_2, na_3]
    max_missing: 1
    resamples: 0
    answers: {LABELS}
    missing: [n.v.t.]
"""


def _labelled(tmp_path, model: str = LABELLED_MODEL):
    (tmp_path / "labels.csv").write_text("\n".join(LABELLED) + "\n", encoding="utf-8")
    (tmp_path / "model.yaml").write_text(model, encoding="utf-8")
    return ic.load(tmp_path / "model.yaml").soft_outcomes[0]


def test_answer_labels_are_read_as_their_numbers_counted_and_stated(tmp_path):
    spec = _labelled(tmp_path)
    assert list(spec["answers"].items()) == [("Nooit", 1), ("Zelden", 2), ("Soms", 3), ("Vaak", 4), ("Altijd", 5)]
    s = ic.soft_outcome_summary(spec, tmp_path)
    assert (s.n_rows, s.n_used) == (3, 3)
    assert s.groups.iloc[0]["mean_change"] == pytest.approx(8 / 3, rel=1e-12)
    assert s.groups.iloc[0]["mean_pre"] == pytest.approx((6 + 9 + 15) / 3, rel=1e-12)
    said = [a for a in s.assumptions if "labels of answers" in a]
    assert said == [
        "labels.csv: the labels of answers are read as their numbers in the score columns: "
        "Nooit = 1 (cells: 1); Zelden = 2 (cells: 1); Soms = 3 (cells: 4); Vaak = 4 (cells: 4); Altijd = 5 (cells: 4)"
    ]
    assert "labels.csv: the codes of missing are read as missing answers in the score columns: n.v.t. (cells: 1)" in (
        s.assumptions
    )


def test_a_label_not_given_is_refused_naming_the_labels_read(tmp_path):
    spec = _labelled(tmp_path)
    with pytest.raises(DataFileError) as refused:
        ic.soft_outcome_summary(
            {**spec, "answers": {k: v for k, v in spec["answers"].items() if k != "Vaak"}}, tmp_path
        )
    text = str(refused.value)
    assert "4 cells are not numbers" in text and "row 2, column 'na_1': 'Vaak' is not a number" in text
    assert "answers reads 'Nooit', 'Zelden', 'Soms', 'Altijd' as numbers" in text


@pytest.mark.parametrize(
    "answers, message",
    [
        ("[1, 2]", r"soft_outcomes\[0\]\.answers: expected a mapping of answer labels to the numbers they stand for"),
        (
            "{Nooit: vaak}",
            r"soft_outcomes\[0\]\.answers\.Nooit: expected the number the answer 'Nooit' stands for, got a string",
        ),
        (
            "{Nooit: 1, nooit: 2}",
            r"answers\.nooit: .*answer 'nooit' is given twice \(also 'Nooit'; labels are compared in any case, with white space aside\)",
        ),
        ("{N.v.t.: 0}", r"answers\.N\.v\.t\.: .*'N\.v\.t\.' is both an answer and a code of missing"),
    ],
)
def test_the_model_file_loader_refuses_labels_at_their_path(tmp_path, answers, message):
    with pytest.raises(ValueError, match=message):
        _labelled(tmp_path, LABELLED_MODEL.replace(f"answers: {LABELS}", f"answers: {answers}"))


@pytest.mark.parametrize(
    "answers, message",
    [
        (["Nooit"], r"answers must be a mapping of answer labels"),
        ({"Nooit": True}, r"answers\.Nooit: expected the number the answer 'Nooit' stands for, got True"),
        ({"Nooit": float("nan")}, r"answers\.Nooit: expected the number"),
        ({"": 1}, r"answers: an answer label must be a non-empty text"),
        ({"Nooit": 1, "NOOIT ": 2}, r"answer 'NOOIT ' is given twice \(also 'Nooit'"),
        ({"n.v.t.": 0}, r"'n\.v\.t\.' is both an answer and a code of missing"),
    ],
)
def test_labels_given_in_python_are_checked_so_too(tmp_path, answers, message):
    spec = _labelled(tmp_path)
    with pytest.raises(ValueError, match=message):
        ic.soft_outcome_summary({**spec, "answers": answers}, tmp_path)


# --------------------------------------------------------------------------- group names per language

GROUPED = ["id,groep,voor,na", "1,oudere bewoner,5,7", "2,jongere,4,5", "3,oudere bewoner,6,7"]
GROUPED_MODEL = """\
impactchain: 1
name: Buurtwerk
language: nl
soft_outcomes:
  - id: tevredenheid
    data: groepen.csv
    id_column: id
    group: groep
    pre: voor
    post: na
    resamples: 0
    group_names: {en: {oudere bewoner: older resident, jongere: younger resident}}
"""


def _grouped(tmp_path, model: str = GROUPED_MODEL) -> None:
    (tmp_path / "groepen.csv").write_text("\n".join(GROUPED) + "\n", encoding="utf-8")
    (tmp_path / "model.yaml").write_text(model, encoding="utf-8")


def _group_rows(markdown: str) -> dict[str, str]:
    """The soft outcome's group table rows of a Markdown report, by their first cell."""
    rows = [line for line in markdown.splitlines() if line.startswith("| ") and " | " in line]
    return {line.split(" | ")[0][2:]: line for line in rows}


def test_group_labels_are_named_in_the_reports_language(tmp_path):
    _grouped(tmp_path)
    spec = ic.load(tmp_path / "model.yaml").soft_outcomes[0]
    assert spec["group_names"] == {"en": {"oudere bewoner": "older resident", "jongere": "younger resident"}}
    # The data keep their labels: the summary's groups are the data's.
    s = ic.soft_outcome_summary(spec, tmp_path)
    assert sorted(s.groups.index) == ["all", "jongere", "oudere bewoner"]
    en = _group_rows(ic.build_report([tmp_path / "model.yaml"], draws=200, lang="en").to_markdown())
    nl = _group_rows(ic.build_report([tmp_path / "model.yaml"], draws=200, lang="nl").to_markdown())
    # Older residents: 5 -> 7 and 6 -> 7, mean change 1.5; the younger one 4 -> 5.
    assert {"older resident", "younger resident"} <= set(en) and not {"oudere bewoner", "jongere"} & set(en)
    assert "| 2 | 5.50 | 7.00 | 1.50 |" in en["older resident"]
    assert {"oudere bewoner", "jongere"} <= set(nl)  # no names given in Dutch: the data's labels


def test_a_named_label_no_row_has_is_said(tmp_path):
    _grouped(tmp_path, GROUPED_MODEL.replace("jongere: younger", "jonger: younger"))
    s = ic.soft_outcome_summary(ic.load(tmp_path / "model.yaml").soft_outcomes[0], tmp_path)
    assert (
        "groepen.csv: group_names.en names 'jonger', which no row has as its group "
        "(the groups: 'jongere', 'oudere bewoner')"
    ) in s.assumptions


@pytest.mark.parametrize(
    "names, message",
    [
        (["en"], r"group_names must be a mapping of language"),
        ({"English": {"a": "b"}}, r"group_names: expected a language code such as nl or en, got 'English'"),
        ({"en": "older"}, r"group_names\.en: expected a mapping of group label to its name, got str"),
        ({"en": {"jongere": ""}}, r"group_names\.en\.jongere: expected the name of group 'jongere'"),
    ],
)
def test_group_names_given_in_python_are_checked(tmp_path, names, message):
    _grouped(tmp_path)
    spec = ic.load(tmp_path / "model.yaml").soft_outcomes[0]
    with pytest.raises(ValueError, match=message):
        ic.soft_outcome_summary({**spec, "group_names": names}, tmp_path)
    without_group = {k: v for k, v in spec.items() if k != "group"}
    with pytest.raises(ValueError, match="group_names names the labels of the group column, so group is required"):
        ic.soft_outcome_summary(without_group, tmp_path)
