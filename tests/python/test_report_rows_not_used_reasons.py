"""The report's data appendix lists every respondent a soft outcome could not use with its own
reason (``rows_not_used[].reason``) in the report's language, respondents with the same reason
together, and counts respondents (a wave file has two rows a respondent), not rows."""

from __future__ import annotations

import json

import pytest

from impactchain._i18n import words
from impactchain._report_text import Said, _rows_not_used_line
from impactchain.cli import main

# One long file, a row per respondent and measurement (column 'meting'); 3 items scored 1-5, their
# mean, at most 1 missing item filled in. Ilse and Rik have no 'na' row; Jan left 2 of his 3 'na'
# items empty (more than the 1 that may be filled in). Anna, Bo, Cas and Dirk are complete.
VOOR = [("Anna", 2, 2, 3), ("Ilse", 3, 3, 3), ("Bo", 1, 2, 2), ("Jan", 2, 3, 2), ("Cas", 3, 2, 2), ("Rik", 4, 4, 4)]
VOOR += [("Dirk", 2, 2, 2)]
NA = [("Anna", 4, 3, 4), ("Bo", 3, 3, 2), ("Jan", 4, "", ""), ("Cas", 4, 4, 3), ("Dirk", 3, 4, 3)]

MODEL = """\
impactchain: 1
name: Buurtwerk
chain:
  nodes: [{id: avonden, level: activity, quantity: 7}]
soft_outcomes:
  - id: vertrouwen
    scale: {items: [q1, q2, q3], item_min: 1, item_max: 5, scoring: mean}
    data: enquete.csv
    id_column: naam
    wave: {column: meting, pre: voor, post: na}
    pre: [q1, q2, q3]
    post: [q1, q2, q3]
    max_missing: 1
"""


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("waves")
    lines = ["naam,meting,q1,q2,q3"]
    lines += [f"{n},voor,{a},{b},{c}" for n, a, b, c in VOOR] + [f"{n},na,{a},{b},{c}" for n, a, b, c in NA]
    (folder / "enquete.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "model.yaml").write_text(MODEL, encoding="utf-8")
    out = {}
    for lang in ("nl", "en"):
        to = folder / lang
        args = ["report", str(folder / "model.yaml"), "-o", f"{to}/", "--format", "md,json", "--lang", lang]
        assert main([*args, "--draws", "100", "--seed", "3", "--threads", "1", "--quiet"]) == 0
        out[lang] = ((to / "report.md").read_text(encoding="utf-8"), json.loads((to / "report.json").read_text()))
    return out


def _appendix(md: str) -> str:
    head = "### Gegevensbijlage" if "### Gegevensbijlage" in md else "### Data appendix"
    return md[md.index(head) :]


def test_each_respondent_has_its_own_reason_in_dutch(reports):
    md, d = reports["nl"]
    so = d["models"][0]["soft_outcomes"][0]
    # 7 respondents in the voor rows, none only in na: 7 joined; 4 used, 3 not (12 rows in the file)
    assert (so["n_rows"], so["n_used"], so["n_rows_not_used"]) == (7, 4, 3)
    assert [r["id"] for r in so["rows_not_used"]] == ["Ilse", "Jan", "Rik"]
    line = (
        "- Buurtwerk, vertrouwen: 3 respondenten niet gebruikt: Ilse, Rik (geen rij van na (kolom 'meting')); "
        "Jan (nameting: 2 van de 3 vragen onbeantwoord; naar rato aanvullen mag bij hoogstens 1)"
    )
    assert line in _appendix(md)
    assert "voor- of nameting ontbreekt)" not in md and "respondentnummer" not in md
    assert "*3 respondenten niet gebruikt (voor- of nameting ontbreekt of is te onvolledig)" in md


def test_each_respondent_has_its_own_reason_in_english(reports):
    md, _ = reports["en"]
    line = (
        "- Buurtwerk, vertrouwen: 3 respondents not used: Ilse, Rik (no row of na (column 'meting')); "
        "Jan (after: 2 of 3 items missing, more than the 1 that may be filled in (max\\_missing))"
    )
    assert line in _appendix(md)
    assert "missing before or after score)" not in md
    assert "*3 respondents not used (before or after score missing or too incomplete)" in md


def test_reasons_by_line_without_ids_and_reasons_read_from_json():
    nl = words("nl")
    # one file without an id column: by line; a reason of both measurements; one line alone
    rows = [
        {"row": 4, "id": None, "missing": ["post"], "reason": Said("row_post_missing")},
        {
            "row": 7,
            "id": None,
            "missing": ["pre", "post"],
            "reason": Said("row_reasons", reasons=[Said("row_pre_missing"), Said("row_post_missing")]),
        },
        {"row": 9, "id": None, "missing": ["post"], "reason": Said("row_post_missing")},
    ]
    so = {"n_rows_not_used": 3, "rows_not_used": rows}
    assert _rows_not_used_line(so, nl) == (
        "3 respondenten niet gebruikt, per regel van het gegevensbestand (kopregel = 1): "
        "4, 9 (geen nameting); 7 (geen voormeting; geen nameting)"
    )
    one = {"n_rows_not_used": 1, "rows_not_used": [{"row": 5, "id": "R-1", "reason": Said("row_pre_missing")}]}
    assert _rows_not_used_line(one, nl) == "1 respondent niet gebruikt: R-1 (geen voormeting)"
    assert _rows_not_used_line(one, words("en")) == "1 respondent not used: R-1 (no before score)"
    # reasons as a report's JSON holds them (plain text): grouped as they are
    plain = {"n_rows_not_used": 2, "rows_not_used": [{"row": 2, "id": 8, "reason": "no after score"}] * 2}
    assert _rows_not_used_line(plain, words("en")) == "2 respondents not used: 8, 8 (no after score)"
    # ids left out: the count, and that they are left out
    assert _rows_not_used_line({"n_rows_not_used": 2, "rows_not_used": []}, nl) == (
        "2 respondenten niet gebruikt (voor- of nameting ontbreekt of is te onvolledig); "
        "wie het zijn en waarom, is uit dit rapport weggelaten"
    )
