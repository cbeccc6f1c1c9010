"""The words of refusals about scales and their items: Cronbach's alpha names an item once when its
own variance rests on too few answers, and counts respondents and rows in the singular for one; a
reverse item that is not an item gets a suggestion only when one item is clearly the one meant."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import impactchain as ic

nan = np.nan


def test_an_items_own_variance_on_one_answer_names_the_item_once():
    with pytest.raises(ic.ValidationError) as e:
        ic.cronbach_alpha(pd.DataFrame({"a": [1, nan], "b": [2, nan]}))
    assert str(e.value) == "item 'a': only 1 respondent answered it; its variance needs at least 2"


def test_a_pair_answered_by_one_respondent_or_by_none():
    with pytest.raises(ic.ValidationError) as e:  # a and b both answered only in row 1
        ic.cronbach_alpha(pd.DataFrame({"a": [1, 2, nan], "b": [nan, 3, 4]}))
    assert str(e.value) == "items 'a', 'b': only 1 respondent answered both; pairwise covariance needs at least 2"
    with pytest.raises(ic.ValidationError) as e:  # no row answers both
        ic.cronbach_alpha(pd.DataFrame({"a": [1, 2, nan, nan], "b": [nan, nan, 3, 4]}))
    assert str(e.value) == "items 'a', 'b': no respondent answered both; pairwise covariance needs at least 2"


def test_listwise_deletion_leaving_one_row_or_none():
    with pytest.raises(ic.ValidationError, match=r"^items: listwise deletion leaves 1 complete row; need at least 2$"):
        ic.cronbach_alpha(pd.DataFrame({"a": [1, 2, nan], "b": [nan, 3, 4]}), missing="listwise")
    with pytest.raises(ic.ValidationError, match=r"^items: listwise deletion leaves no complete row; need at least 2$"):
        ic.cronbach_alpha(pd.DataFrame({"a": [1, 2, nan, nan], "b": [nan, nan, 3, 4]}), missing="listwise")


def test_a_reverse_item_as_near_to_several_items_gets_no_guess():
    with pytest.raises(ic.ValidationError) as e:  # q6 is one character from each of q1 ... q5
        ic.ScaleDefinition("v", ["q1", "q2", "q3", "q4", "q5"], item_min=1, item_max=5, reverse_items=["q6"])
    assert str(e.value) == "scale 'v'.reverse_items: 'q6' is not one of the scale's items"


def test_a_reverse_item_misspelt_from_one_item_gets_it_suggested():
    with pytest.raises(ic.ValidationError) as e:
        ic.ScaleDefinition("v", ["optimistic", "useful", "relaxed"], item_min=1, item_max=5, reverse_items=["usefull"])
    assert str(e.value) == "scale 'v'.reverse_items: 'usefull' is not one of the scale's items (did you mean 'useful'?)"
