"""The report's Dutch as a municipal official writes it (and its English counterpart): no calques
("de kans het beste alternatief te zijn", "Deze meten zou"), one word for one thing ("centrale
waarde", never also "basisuitkomst"; "gedisconteerd", not "verdisconteerd", which means "factored
in"; the cheapest option on the frontier, not a second "referentie" beside the counterfactual),
a willingness to pay in the models' own money, and "bandbreedte" only for the range the model gives an
assumption."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from impactchain.report import build_report

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"
MODELS = [DATA / "market_cleaning.yaml", DATA / "handyman.yaml", DATA / "traditional_provider.yaml"]


@pytest.fixture(scope="module")
def three():
    return build_report(MODELS, draws=200, seed=1, lang="nl")


def test_the_comparison_says_the_chance_and_the_frontiers_first_option_plainly(three):
    nl = three.to_markdown()
    assert (
        "Als een financier €\u00a01 over heeft voor €\u00a01 maatschappelijke waarde, is dit het deel van de "
        "simulaties waarin elk alternatief netto het meeste oplevert (maatschappelijke waarde min investering): "
    ) in nl
    assert "de kans het beste alternatief te zijn" not in nl
    assert "goedkoopste alternatief op de efficiënte grens: geen ICER" in nl
    assert "(referentie)" not in nl
    en = three.in_language("en").to_markdown()
    assert (
        "If a funder is willing to pay €1 for each €1 of social value, the share of the simulations in which "
        "each option brings the most, net (social value less the investment): "
    ) in en


def test_the_methods_discount_and_the_charts_say_central_value_and_the_willingness_to_pay(three):
    nl = three.to_markdown()
    assert "drop-off vanaf het tweede jaar, gedisconteerd naar een contante waarde" in nl
    assert "verdisconteerd" not in nl
    html = three.to_html()
    ratio = f"{three.sections[0].value['sroi_ratio']:.2f}".replace(".", ",")
    assert f"(centrale waarde {ratio}; elke aanname op haar lage en hoge waarde)" in html
    assert "basisuitkomst" not in html
    # The dashed line of the plane: where the extra cost is 1 × the extra value (in any currency).
    assert "betalingsbereidheid: extra kosten = 1 × extra maatschappelijke waarde" in html
    assert "betalingsbereidheid 1 per eenheid" not in html
    en = three.in_language("en").to_html()
    assert f"(central value {ratio.replace(',', '.')}; each assumption at its low and high value)" in en
    assert "base case" not in en
    assert "willingness to pay: extra cost = 1 × extra social value" in en and "pay 1 per unit" not in en


def test_bandbreedte_is_only_the_range_the_model_gives_an_assumption(three):
    nl = three.to_markdown()
    allowed = (
        "(bandbreedte)",  # a chain step's uncertain rate
        "over haar bandbreedte varieert",  # each assumption over its range
        "uit haar bandbreedte",  # drawn from its range (the glossary)
        "bandbreedte die het model",
        "bandbreedte van het model",
    )
    found = [nl[max(0, m.start() - 30) : m.end() + 20] for m in re.finditer("bandbreedte", nl)]
    assert found, "the report should still speak of the model's ranges"
    assert [x for x in found if not any(a in x for a in allowed)] == []
    assert "| Interval | Het bereik waarin de ratio" in nl  # the ratio's spread is its interval
    assert "het interval zegt waar de ratio in 19 van de 20 simulaties ligt" in nl


def test_the_comparison_says_its_chances_come_from_each_models_own_simulation(three, minimal_one):
    # Each model is simulated on its own: a proxy the models share is not one draw for both, so
    # the chances of being best can make similar models look less certain than they are.
    nl = three.to_markdown()
    assert "De kansen om het beste te zijn komen uit de eigen simulatie van elk model" in nl
    en = three.in_language("en").to_markdown()
    assert "The chances of being best come from each model's own simulation" in en
    assert "each model's own simulation" not in minimal_one.to_markdown()  # one model: no comparison


@pytest.fixture(scope="module")
def minimal_one():
    return build_report([DATA / "minimal.yaml"], draws=200, seed=1)
