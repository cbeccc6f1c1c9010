"""The soft part of a Dutch report reads as a municipal official writes: no English setting names
(answers, missing, max_missing, csv.decimal, …) inside Dutch sentences, a scale of the model's own
named as a scale ("punten op de schaal 'vertrouwen'"), the pro-rating limit as "hoogstens", and an
undefined effect size in plain words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from impactchain import build_report

LOCALE = Path(__file__).resolve().parents[2] / "python" / "impactchain" / "locale"
#: The model file's setting names a Dutch sentence of the soft part must not carry.
SETTINGS = (
    "answers",
    "missing",
    "max_missing",
    "skip_rows",
    "header_row",
    "group_names",
    "csv.",
    "sd_pre",
    "sheet",
    "wave.",
    "id_column",
)
#: The catalogue keys of the soft part: what reading a survey says, why a row is not used, the notices.
SOFT = re.compile(r"^(read_|row_|soft_|unit_scale|note\.(scale|change|soft)\.)")

# The audit's survey (m1): an own scale of three items, answers in words, codes for no answer,
# max_missing 1; respondents 002 and 004 pro-rated before. Zuid changed by the same amount (1 each).
SURVEY = (
    "nr;wijk;v1;v2;v3;n1;n2;n3\n"
    "001;Noord;Helemaal mee eens;2;4;5;1;5\n"
    "002;Noord;Mee eens;weet niet;3;4;2;4\n"
    "003;Zuid;3;3;3;3;2;3\n"
    "004;Zuid;2;4;n.v.t.;3;3;3\n"
    "005;Zuid;2;4;2;3;3;3\n"
    "006;Noord;Mee eens;2;4;Helemaal mee eens;1;5\n"
)
MODEL = """\
impactchain: 1
name: Buurtkamer
chain:
  nodes: [{id: evenings, level: activity, quantity: 40, unit: evenings}]
soft_outcomes:
  - id: vertrouwen
    data: enquete.csv
    id_column: nr
    group: wijk
    scale: {items: [q1, q2, q3], item_min: 1, item_max: 5, reverse_items: [q2]}
    pre: [v1, v2, v3]
    post: [n1, n2, n3]
    missing: [weet niet, n.v.t.]
    answers: {Helemaal oneens: 1, Oneens: 2, Neutraal: 3, Mee eens: 4, Helemaal mee eens: 5}
    max_missing: 1
    resamples: 200
"""


def _dutch() -> dict[str, str]:
    with (LOCALE / "nl" / "LC_MESSAGES" / "impactchain.po").open("rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id and SOFT.match(m.id)}


def test_no_setting_name_inside_a_dutch_sentence_of_the_soft_part():
    found = {
        key: name
        for key, text in _dutch().items()
        for name in SETTINGS
        if re.search(rf"(?<![\w'.]){re.escape(name)}(?![\w'])", re.sub(r"\{\w+\}", "", text))  # a {field} aside
    }
    assert found == {}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("buurtkamer")
    (folder / "enquete.csv").write_text(SURVEY, encoding="utf-8")
    (folder / "model.yaml").write_text(MODEL, encoding="utf-8")
    return build_report([folder / "model.yaml"], draws=100, seed=1, lang="nl").to_markdown()


def test_the_scale_is_named_as_a_scale(report):
    assert "punten op de schaal 'vertrouwen' (3–15)" in report
    assert "punten op de vertrouwen" not in report


def test_answers_and_codes_are_said_in_dutch_words(report):
    assert "enquete.csv: antwoorden in woorden zijn in de scorekolommen als getal gelezen: " in report
    assert (
        "enquete.csv: codes voor 'geen antwoord' zijn in de scorekolommen als ontbrekend antwoord gelezen: " in report
    )
    assert "score: som van de items; ontbrekende items naar rato aangevuld, tot hoogstens 1 per respondent" in report
    assert "de labels van answers" not in report and "de codes van missing" not in report


def test_an_undefined_effect_size_reads_naturally(report):
    # Zuid: 003 from 3 + 3 + 3 = 9 to 3 + 4 + 3 = 10 (q2 reversed: 6 - x), 004 from (2 + 2) * 3/2 = 6
    # to 3 + 3 + 3 = 9, 005 from 2 + 2 + 2 = 6 to 9: changes 1, 3, 3 are not equal; Noord's are
    # 001: 5 + 4 + 4 = 13 -> 5 + 5 + 5 = 15, 002: (4 + 3) * 3/2 = 10.5 -> 4 + 4 + 4 = 12,
    # 006: 4 + 4 + 4 = 12 -> 5 + 5 + 5 = 15: 2, 1.5, 3. Neither group changed alike: no such warning.
    assert "de spreiding waardoor ze deelt" not in report


def test_the_effect_size_warning_reads_naturally_in_dutch():
    from impactchain._i18n import words
    from impactchain._notice import Notice

    n = Notice("x", "change.effect_size_undefined", {"group": "A", "kind": "dz"})
    assert n.in_language(words("nl")) == (
        "groep 'A': effectgrootte dz is niet te berekenen, want de standaardafwijking waardoor gedeeld wordt, "
        "is 0 (iedereen is evenveel veranderd, of alle scores zijn gelijk); de gemiddelde verandering en het "
        "interval daarvan blijven gelden"
    )
