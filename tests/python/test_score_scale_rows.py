"""``score_scale`` names a refused answer's row as the user sees it (the DataFrame's index label, or
the position counted from 0 when there is no index of one's own), and calls a SWEMWBS raw total
that was rounded "pro-rated" only when it was: a total that is not whole because an answer was not
(4.5, no item missing) is counted in a notice of its own, in score_scale and in a soft outcome
read from a file. Expected numbers are worked out by hand."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import impactchain as ic
from impactchain._i18n import words

D = ic.builtin_scale("swemwbs")
# Respondent 102 answered 6 to 'own_mind' (the scale's answers are 1 to 5); 103 answered 0 to 'thinking_clearly'.
ROWS = [[3] * 7, [4, 4, 4, 4, 4, 4, 6], [2, 2, 2, 2, 0, 2, 2]]
NOT_WHOLE = "scale.rounded_not_whole"


def _refusal(index, data=None):
    frame = pd.DataFrame(ROWS, columns=D.items, index=index).astype(float)
    with pytest.raises(ic.ValidationError) as e:
        ic.score_scale(D, frame if data is None else data(frame))
    return e.value


def test_a_refused_answer_names_the_index_label_not_the_position():
    e = _refusal([101, 102, 103])
    assert str(e) == (  # in the file's order: row by row
        "row 102, item 'own_mind': response 6 is outside the item range [1, 5]\n"
        "row 103, item 'thinking_clearly': response 0 is outside the item range [1, 5]"
    )
    assert e.issues == [
        ("row 102, item 'own_mind'", "response 6 is outside the item range [1, 5]"),
        ("row 103, item 'thinking_clearly'", "response 0 is outside the item range [1, 5]"),
    ]
    assert "row 'r2', item 'own_mind'" in str(_refusal(["r1", "r2", "r3"]))


def test_without_an_index_of_its_own_the_position_is_said_to_count_from_0():
    assert "row 1 (counted from 0), item 'own_mind'" in str(_refusal(None))
    assert "row 1 (counted from 0), item 'own_mind'" in str(_refusal(None, lambda f: f.to_numpy()))


def test_a_total_not_whole_because_of_an_answer_is_not_called_pro_rated():
    x = pd.DataFrame([[3.0] * 7, [4, 4, 4, 4, 4, 4, 4.5]], columns=D.items, index=[1, 2])
    r = ic.score_scale(D, x)
    # raw 21 and 4 * 6 + 4.5 = 28.5, rounded half up to 29: metric 19.25 and 26.02 (the published table)
    assert r.raw.tolist() == [21.0, 28.5]
    assert r.score.tolist() == pytest.approx([19.25, 26.02], abs=1e-9)
    assert r.n_prorated == 0
    assert [(w.code, w.params) for w in r.warnings] == [(NOT_WHOLE, {"count": 1})]
    assert not any("pro-rated SWEMWBS" in w for w in r.warnings)
    assert str(r.warnings[0]).endswith("rounded to the nearest integer (halves up) before the Rasch conversion: 1")
    assert r.warnings[0].in_language(words("nl")) == (
        "ruwe SWEMWBS-totalen die geen heel getal waren omdat een antwoord geen heel getal was (er is niets naar "
        "rato aangevuld), afgerond op een heel getal (halven naar boven) vóór de Rasch-omrekening: 1"
    )


def test_pro_rated_and_not_whole_totals_are_counted_apart():
    x = pd.DataFrame(
        [
            [3, 3, 3, 3, 3, 4, np.nan],  # pro-rated: 19 / 6 * 7 = 22.17, rounded to 22
            [4, 4, 4, 4, 4, 4, 4.5],  # 28.5, rounded to 29, nothing pro-rated
            [3, 3, 3, 3, 3, 3, 3],  # 21, whole
            [3, 3, 3, 3, 3, np.nan, 3],  # pro-rated: 18 / 6 * 7 = 21, whole
        ],
        columns=D.items,
    )
    r = ic.score_scale(D, x, max_missing=1)
    assert r.raw.tolist() == pytest.approx([19 / 6 * 7, 28.5, 21.0, 21.0], abs=1e-12)
    assert r.score.tolist() == pytest.approx([19.98, 26.02, 19.25, 19.25], abs=1e-9)
    told = [(w.code, w.params["count"]) for w in r.warnings]
    assert told == [("scale.rounded", 1), (NOT_WHOLE, 1), ("scale.prorated", 2)]
    assert str(r.warnings[0]) == (
        "1 pro-rated SWEMWBS raw total was rounded to the nearest integer (halves up) before the Rasch conversion"
    )
    # only pro-rated totals rounded: the core's notice as it is
    only = ic.score_scale(D, x.iloc[[0, 3]], max_missing=1)
    assert [(w.code, w.params["count"]) for w in only.warnings] == [("scale.rounded", 1), ("scale.prorated", 2)]


def test_a_soft_outcome_read_from_a_file_says_it_alike(tmp_path: Path):
    head = "id," + ",".join(f"v{i}" for i in range(1, 8)) + "," + ",".join(f"n{i}" for i in range(1, 8))
    rows = ["1,3,3,3,3,3,3,3,4,4,4,4,4,4,4", "2,4,4,4,4,4,4,4.5,4,4,4,4,4,4,5"]
    (tmp_path / "survey.csv").write_text("\n".join([head, *rows]) + "\n", encoding="utf-8")
    spec = {
        "id": "wb",
        "scale": "swemwbs",
        "data": "survey.csv",
        "id_column": "id",
        "pre": [f"v{i}" for i in range(1, 8)],
        "post": [f"n{i}" for i in range(1, 8)],
        "resamples": 0,
    }
    s = ic.soft_outcome_summary(spec, base_dir=tmp_path)
    said = [w for w in s.warnings if getattr(w, "key", "") == "read_scored"]
    assert [(w.params["said"].code, w.params["said"].params["count"]) for w in said] == [(NOT_WHOLE, 1)]
    assert str(said[0]).startswith("survey.csv, before: SWEMWBS raw totals that were not whole numbers")
    assert not any("pro-rated SWEMWBS" in w for w in s.warnings)
    # before 21 -> 19.25 and 28.5 -> 29 -> 26.02; after 28 -> 25.03 and 29 -> 26.02: changes 5.78 and 0
    assert s.groups.loc["all", "mean_change"] == pytest.approx((25.03 - 19.25 + 0.0) / 2, abs=1e-9)
    assert math.isclose(s.groups.loc["all", "mean_pre"], (19.25 + 26.02) / 2, abs_tol=1e-9)


def test_many_answers_outside_the_range_the_first_20_named_the_rest_counted():
    # 30 respondents answered 7 to every one of the 7 items: 210 answers outside [1, 5].
    frame = pd.DataFrame([[7.0] * 7] * 30, columns=D.items)
    with pytest.raises(ic.ValidationError) as e:
        ic.score_scale(D, frame)
    assert len(e.value.issues) == 21
    assert e.value.issues[0][0] == "row 0 (counted from 0), item '" + D.items[0] + "'"
    assert e.value.issues[7][0] == "row 1 (counted from 0), item '" + D.items[0] + "'"  # row by row
    assert e.value.issues[-1] == ("items", "and 190 more responses outside the item range [1, 5] (210 in all)")
