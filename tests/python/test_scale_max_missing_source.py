"""``score_scale`` without ``max_missing`` states where its pro-rating limit comes from: a built-in
scale's rule is "not given, taken as ..."; a definition the caller made gives it, and is not said
to be "not given"."""

from __future__ import annotations

import numpy as np
import pandas as pd

import impactchain as ic

ANSWERS = pd.DataFrame({"q1": [1.0, 2.0, 4.0], "q2": [3.0, np.nan, 5.0], "q3": [2.0, 2.0, 3.0]})


def test_a_limit_given_in_an_own_definition_is_not_said_to_be_not_given():
    d = ic.ScaleDefinition("vertrouwen", ["q1", "q2", "q3"], item_min=1, item_max=5, max_missing=1)
    r = ic.score_scale(d, ANSWERS)
    assert r.assumptions[0] == "max_missing: 1, as the definition of scale 'vertrouwen' gives it"
    assert not any("not given" in a for a in r.assumptions)
    assert r.n_prorated == 1  # the limit was used: respondent 2 lacks one of 3 items


def test_a_built_in_definition_changed_by_the_caller_is_the_callers():
    d = ic.builtin_scale("swemwbs").with_max_missing(2)
    answers = pd.DataFrame([[3.0] * 7], columns=list(d.items))
    assert ic.score_scale(d, answers).assumptions[0] == "max_missing: 2, as the definition of scale 'swemwbs' gives it"


def test_a_built_in_scales_own_rule_is_still_the_default_named():
    answers = pd.DataFrame([[3.0] * 7], columns=list(ic.builtin_scale("swemwbs").items))
    for definition in ("swemwbs", ic.builtin_scale("swemwbs")):
        said = ic.score_scale(definition, answers).assumptions[0]
        assert said == "max_missing: not given, taken as 0 (the rule of scale 'swemwbs')"
