"""A soft outcome scored from item columns with ``max_missing``: the respondents pro-rated and the
SWEMWBS raw totals rounded are said per measurement (and per file) by the summary, by
``impactchain validate`` and by the report (en and nl), as ``score_scale`` says them, with the
scoring rule in the assumptions (docs/soft.md, "Pro-rating")."""

from __future__ import annotations

from pathlib import Path

import pytest

import impactchain as ic
from impactchain._i18n import words
from impactchain.cli import main

# SWEMWBS, 7 items answered 1-5. Counted by hand:
# respondent 2: pre item 2 empty; the 6 answered sum to 4+3+2+4+2+2 = 17, pro-rated 17 * 7/6 = 19.83 (rounded)
# respondent 4: post item 2 empty; 4+3+3+3+4+5 = 22, pro-rated 22 * 7/6 = 25.67 (rounded)
# respondent 5: pre item 4 empty; 3+3+3+2+3+4 = 18, pro-rated 18 * 7/6 = 21 (whole: not rounded)
# So before: 2 respondents pro-rated (2, 5), 1 total rounded (2); after: 1 pro-rated (4), 1 rounded (4).
HEADER = "id," + ",".join(f"pre_{i}" for i in range(1, 8)) + "," + ",".join(f"post_{i}" for i in range(1, 8))
SURVEY = [
    HEADER,
    "1,3,3,4,2,2,2,3,4,3,5,2,2,2,4",
    "2,4,,3,2,4,2,2,4,3,3,3,5,3,2",
    "3,3,2,3,3,4,3,2,4,3,4,3,4,4,3",
    "4,3,3,2,2,2,3,4,4,,3,3,3,4,5",
    "5,3,3,3,,2,3,4,4,4,4,4,2,3,5",
]
PRE = [f"pre_{i}" for i in range(1, 8)]
POST = [f"post_{i}" for i in range(1, 8)]

MODEL = """\
impactchain: 1
name: Prorating
chain:
  nodes: [{id: meetings, level: activity, quantity: 12, unit: meetings}]
soft_outcomes:
  - id: wellbeing
    scale: swemwbs
    data: survey.csv
    id_column: id
    pre: [pre_1, pre_2, pre_3, pre_4, pre_5, pre_6, pre_7]
    post: [post_1, post_2, post_3, post_4, post_5, post_6, post_7]
    max_missing: 1
    resamples: 0
"""

SAID = [
    "survey.csv, before: 2 respondents pro-rated (missing items allowed: at most 1 per respondent)",
    "survey.csv, before: 1 pro-rated SWEMWBS raw total was rounded to the nearest integer (halves up) before the "
    "Rasch conversion",
    "survey.csv, after: 1 respondent pro-rated (missing items allowed: at most 1 per respondent)",
    "survey.csv, after: 1 pro-rated SWEMWBS raw total was rounded to the nearest integer (halves up) before the "
    "Rasch conversion",
]


def _write(folder: Path, model: str = MODEL, survey: list[str] = SURVEY) -> Path:
    (folder / "survey.csv").write_text("\n".join(survey) + "\n", encoding="utf-8")
    (folder / "model.yaml").write_text(model, encoding="utf-8")
    return folder / "model.yaml"


def _summary(path: Path) -> ic.SoftOutcomeSummary:
    return ic.soft_outcome_summary(ic.load(path).soft_outcomes[0], path.parent)


def test_the_summary_says_who_was_pro_rated_and_rounded_per_measurement(tmp_path):
    s = _summary(_write(tmp_path))
    assert (s.n_rows, s.n_used) == (5, 5)  # every respondent is scored: none misses more than 1 item
    said = [w for w in s.warnings if "pro-rated" in w]
    assert [str(w) for w in said] == SAID
    # each holds score_scale's own notice, with its code and count
    assert [(w.params["said"].code, w.params["said"].params["count"]) for w in said] == [
        ("scale.prorated", 2),
        ("scale.rounded", 1),
        ("scale.prorated", 1),
        ("scale.rounded", 1),
    ]
    assert "scoring: sum of the items, missing items pro-rated up to 1" in s.assumptions
    assert not any(a.startswith("max_missing: not given") for a in s.assumptions)  # the entry gives it


def test_the_summary_repeats_score_scales_own_warnings(tmp_path):
    """The counts are those score_scale gives for the same items (an independent route to them)."""
    import pandas as pd

    s = _summary(_write(tmp_path))
    frame = pd.read_csv(tmp_path / "survey.csv")
    items = list(ic.builtin_scale("swemwbs").items)
    for side, cols in (("before", PRE), ("after", POST)):
        own = ic.score_scale("swemwbs", frame[cols].set_axis(items, axis=1), max_missing=1)
        mine = [str(w.params["said"]) for w in s.warnings if f", {side}: " in w]
        assert sorted(mine) == sorted(own.warnings)


def test_without_max_missing_nobody_is_pro_rated_and_the_scales_rule_is_named(tmp_path):
    s = _summary(_write(tmp_path, MODEL.replace("    max_missing: 1\n", "")))
    # SWEMWBS fills in nothing by its own rule: 2 and 5 lack a before score, 4 an after score
    assert (s.n_rows, s.n_used) == (5, 2)
    assert [r["id"] for r in s.rows_not_used] == ["2", "4", "5"]
    assert not any("pro-rated (" in w for w in s.warnings)
    assert "max_missing: not given, taken as 0 (the rule of scale 'swemwbs')" in s.assumptions
    assert "scoring: sum of the items, missing items pro-rated up to 0" in s.assumptions


def test_score_columns_are_not_said_to_be_scored(tmp_path):
    survey = ["id,voor,na", "1,20,22", "2,18,21"]
    model = MODEL.replace("    pre: [pre_1, pre_2, pre_3, pre_4, pre_5, pre_6, pre_7]\n", "    pre: voor\n")
    model = model.replace("    post: [post_1, post_2, post_3, post_4, post_5, post_6, post_7]\n", "    post: na\n")
    s = _summary(_write(tmp_path, model.replace("    max_missing: 1\n", ""), survey))
    assert not any("pro-rated" in w or "scoring:" in w for w in (*s.warnings, *s.assumptions))


def test_validate_notes_the_scoring_for_the_data_file(tmp_path, capsys):
    assert main(["validate", str(_write(tmp_path))]) == 0
    captured = capsys.readouterr()
    notes = captured.out.splitlines()
    where = "soft outcome 'wellbeing': "
    assert notes[-6:] == [
        f"{where}scoring: sum of the items, missing items pro-rated up to 1",
        *(where + x for x in SAID),
        f"{where}survey.csv: 5 rows, 5 used",
    ]
    assert "pro-rated" not in captured.err  # a note: max_missing asks for it


def test_two_files_name_the_file_of_each_measurement(tmp_path):
    cells = [line.split(",") for line in SURVEY]  # id, 7 before items, 7 after items
    voor = [",".join(c[:8]) for c in cells]
    na = [",".join([c[0], *c[8:]]) for c in cells]
    (tmp_path / "voormeting.csv").write_text("\n".join(voor) + "\n", encoding="utf-8")
    (tmp_path / "nameting.csv").write_text("\n".join(na) + "\n", encoding="utf-8")
    model = MODEL.replace("    data: survey.csv\n", "    data: voormeting.csv\n    data_post: nameting.csv\n")
    (tmp_path / "model.yaml").write_text(model, encoding="utf-8")
    s = _summary(tmp_path / "model.yaml")
    assert (s.n_rows, s.n_used) == (5, 5)
    assert [str(w) for w in s.warnings if "pro-rated" in w] == [
        SAID[0].replace("survey.csv", "voormeting.csv"),
        SAID[1].replace("survey.csv", "voormeting.csv"),
        SAID[2].replace("survey.csv", "nameting.csv"),
        SAID[3].replace("survey.csv", "nameting.csv"),
    ]


def test_the_report_says_it_in_the_readers_words(tmp_path):
    path = _write(tmp_path)
    md = ic.build_report([path], draws=100, seed=1).to_markdown()
    assert (
        "survey.csv, before: 2 respondents had one missing answer filled in pro rata (with the mean of their other "
        "answers); 1 SWEMWBS raw total was not a whole number and was rounded (halves up) before the conversion to "
        "the metric score\n- soft outcome 'wellbeing': survey.csv, after: 1 respondent had one missing answer filled in "
        "pro rata"
    ) in md  # a line per measurement
    assert "scoring: sum of the items, missing items pro-rated up to 1" in md  # the methods, with the defaults
    nl = ic.build_report([path], draws=100, seed=1, lang="nl").to_markdown()
    assert (
        "survey.csv, voormeting: bij 2 respondenten is één ontbrekend antwoord aangevuld (naar rato: met het "
        "gemiddelde van hun andere antwoorden); 1 ruw SWEMWBS-totaal was geen heel getal en is afgerond (halven naar "
        "boven) vóór de omrekening naar de metrische score\n- zacht effect 'wellbeing': survey.csv, nameting: bij 1 "
        "respondent is één ontbrekend antwoord aangevuld"
    ) in nl
    assert "toegestaan" not in nl and "pro-rated (at most" not in md  # said once, in these words (not the notices')


# A scale of the model's own, 4 items summed, up to 2 filled in: respondent 1 left 2 items empty,
# respondent 2 one, respondent 3 none; before only. So 2 respondents pro-rated, 3 answers filled in.
# A sum of a scale of one's own is not rounded (only SWEMWBS converts its raw total by a table).
OWN = """\
impactchain: 1
name: Own
chain:
  nodes: [{id: meetings, level: activity, quantity: 12, unit: meetings}]
soft_outcomes:
  - id: trust
    scale: {items: [q1, q2, q3, q4], item_min: 1, item_max: 5}
    data: survey.csv
    pre: [a1, a2, a3, a4]
    post: [b1, b2, b3, b4]
    max_missing: 2
    resamples: 0
"""
OWN_SURVEY = ["a1,a2,a3,a4,b1,b2,b3,b4", "2,,,3,3,3,3,3", "1,2,,3,2,2,3,4", "1,1,1,1,2,2,2,2"]


def test_more_than_one_answer_filled_in_is_counted(tmp_path):
    path = _write(tmp_path, OWN, OWN_SURVEY)
    s = _summary(path)
    assert [str(w) for w in s.warnings if "pro-rated" in w] == [
        "survey.csv, before: 2 respondents pro-rated (missing items allowed: at most 2 per respondent)"
    ]
    # respondent 1: (2 + 3) * 4/2 = 10; respondent 2: (1 + 2 + 3) * 4/3 = 8
    assert s.groups.loc["all", "mean_pre"] == pytest.approx((10 + 8 + 4) / 3, abs=1e-12)
    md = ic.build_report([path], draws=100, seed=1).to_markdown()
    assert (
        "survey.csv, before: 2 respondents had missing answers filled in pro rata (3 answers in all, at most 2 "
        "each, with the mean of their other answers)"
    ) in md
    assert "SWEMWBS" not in md
    nl = ic.build_report([path], draws=100, seed=1, lang="nl").to_markdown()
    assert (
        "survey.csv, voormeting: bij 2 respondenten zijn ontbrekende antwoorden aangevuld (naar rato: 3 antwoorden "
        "in totaal, hoogstens 2 per respondent, met het gemiddelde van hun andere antwoorden)"
    ) in nl


def test_one_respondent_with_two_answers_filled_in_reads_as_one(tmp_path):
    path = _write(tmp_path, OWN, [OWN_SURVEY[0], OWN_SURVEY[1], OWN_SURVEY[3]])
    w = next(x for x in _summary(path).warnings if "pro-rated" in x)
    assert (
        w.in_language(words("en"))
        == "survey.csv, before: 1 respondent pro-rated (missing items allowed: at most 2 per respondent)"
    )
    md = ic.build_report([path], draws=100, seed=1, lang="nl").to_markdown()
    assert "survey.csv, voormeting: bij 1 respondent zijn 2 ontbrekende antwoorden aangevuld (naar rato" in md
