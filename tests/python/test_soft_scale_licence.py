"""A soft outcome scored with a built-in scale whose definition names a licence (SWEMWBS, WEMWBS:
commercial use needs one) carries that licence into its summary's assumptions and into the
report's notes on the outcome, in English and Dutch; a scale of the model's own names none."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import impactchain as ic
from impactchain import build_report
from impactchain._i18n import words
from impactchain._report_soft import licence_words

HEADER = "id," + ",".join(f"pre_{i}" for i in range(1, 8)) + "," + ",".join(f"post_{i}" for i in range(1, 8))
SURVEY = [
    HEADER,
    "1,3,3,4,2,2,2,3,4,3,5,2,2,2,4",
    "2,4,2,3,2,4,2,2,4,3,3,3,5,3,2",
    "3,3,2,3,3,4,3,2,4,3,4,3,4,4,3",
    "4,3,3,2,2,2,3,4,4,4,3,3,3,4,5",
]
MODEL = """\
impactchain: 1
name: Welzijn
chain:
  nodes: [{id: meetings, level: activity, quantity: 12, unit: meetings}]
soft_outcomes:
  - id: wellbeing
    scale: SCALE
    data: survey.csv
    id_column: id
    pre: [pre_1, pre_2, pre_3, pre_4, pre_5, pre_6, pre_7]
    post: [post_1, post_2, post_3, post_4, post_5, post_6, post_7]
    resamples: 100
"""
OWN = "{items: [a, b, c, d, e, f, g], item_min: 1, item_max: 5}"


def _model(folder: Path, scale: str) -> Path:
    (folder / "survey.csv").write_text("\n".join(SURVEY) + "\n", encoding="utf-8")
    (folder / "model.yaml").write_text(MODEL.replace("SCALE", scale), encoding="utf-8")
    return folder / "model.yaml"


@pytest.mark.parametrize("scale", ["swemwbs", "ons4_happiness"])
def test_the_summary_states_the_licence_of_the_built_in_definition(tmp_path, scale):
    licence = ic.builtin_scale(scale).licence  # the definition's own text
    assert licence
    path = _model(tmp_path, scale) if scale == "swemwbs" else None
    if path is None:  # one 0-10 item before and after
        (tmp_path / "s.csv").write_text("id,pre,post\n1,5,6\n2,6,8\n3,4,4\n", encoding="utf-8")
        spec = {"id": "h", "scale": scale, "data": "s.csv", "id_column": "id", "pre": ["pre"], "post": ["post"]}
        r = ic.soft_outcome_summary({**spec, "resamples": 0}, tmp_path)
    else:
        r = ic.soft_outcome_summary(ic.load(path).soft_outcomes[0], tmp_path)
    assert f"scale '{scale}': licence: {licence}" in r.assumptions
    assert licence in str(r.summary()) and licence in r.to_dict()["assumptions"][-1]


def test_the_english_report_gives_the_definitions_licence_among_the_outcomes_notes(tmp_path):
    licence = ic.builtin_scale("swemwbs").licence
    md = build_report([_model(tmp_path, "swemwbs")], draws=100, seed=1, lang="en").to_markdown()
    plain = md.replace("\\", "")  # Markdown escapes ':' in the address
    assert f"- soft outcome 'wellbeing': scale 'swemwbs': licence: {licence}" in plain.splitlines()


def test_the_dutch_report_gives_it_in_dutch_with_its_address(tmp_path):
    licence = ic.builtin_scale("swemwbs").licence
    (address,) = re.findall(r"https://\S+?(?=\))", licence)  # the definition's own address
    md = build_report([_model(tmp_path, "swemwbs")], draws=100, seed=1, lang="nl").to_markdown()
    plain = md.replace("\\", "")
    line = next(x for x in plain.splitlines() if address in x)
    assert line.startswith("- zacht effect 'wellbeing': schaal 'swemwbs': licentie: ")
    assert "commercieel gebruik is een licentie nodig" in line and "commercial use needs" not in line


def test_a_licence_the_catalogue_does_not_hold_is_quoted_as_the_definition_gives_it():
    said = licence_words("swemwbs", "", "Reworded terms of use.")
    assert said.in_language(words("nl")) == (
        "schaal 'swemwbs': licentie, zoals de definitie van de schaal die geeft: Reworded terms of use."
    )
    built_in = ic.builtin_scale("ons4_happiness")
    assert built_in.licence_code == "ons_ogl"
    said = licence_words("ons4_happiness", built_in.licence_code, built_in.licence)
    assert said.in_language(words("en")).endswith(built_in.licence)


def test_a_users_scale_named_like_a_built_in_one_keeps_its_own_licence_text():
    own = ic.ScaleDefinition("wemwbs_custom", ["a", "b"], item_min=1, item_max=5, licence="Free for members.")
    assert (own.licence_code, own.licence) == ("", "Free for members.")
    for lang in ("en", "nl"):
        shown = licence_words(own.id, own.licence_code, own.licence).in_language(words(lang))
        assert shown.endswith(": Free for members.")
        assert "Warwick" not in shown


def test_the_licence_is_chosen_by_its_code_not_by_the_scales_id():
    # a scale of the user's own under the Warwick licence, by its code: the Dutch words, not the id's
    own = ic.ScaleDefinition("wemwbs_nl", ["a", "b"], item_min=1, item_max=5, licence_code="warwick")
    assert own.licence == ic.builtin_scale("wemwbs").licence  # the code's text filled in
    nl = licence_words(own.id, own.licence_code, own.licence).in_language(words("nl"))
    assert nl.startswith("schaal 'wemwbs_nl': licentie: ") and "commercieel gebruik is een licentie nodig" in nl
    with pytest.raises(ic.ValidationError, match=r"scale 'x'.licence_code: unknown licence code 'cc0'"):
        ic.ScaleDefinition("x", ["a", "b"], item_min=1, item_max=5, licence_code="cc0")
    with pytest.raises(ic.ValidationError, match=r"scale 'x'.licence: licence code 'warwick' stands for"):
        ic.ScaleDefinition("x", ["a", "b"], item_min=1, item_max=5, licence_code="warwick", licence="Mine.")


def test_the_built_in_wemwbs_in_a_dutch_report_gets_the_dutch_licence(tmp_path):
    items = ic.builtin_scale("wemwbs").items
    header = "id," + ",".join(f"pre_{i}" for i in range(1, 15)) + "," + ",".join(f"post_{i}" for i in range(1, 15))
    rows = [f"{r}," + ",".join(str(1 + (r + i) % 5) for i in range(28)) for r in range(1, 6)]
    (tmp_path / "survey.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    model = MODEL.replace("SCALE", "wemwbs")
    model = model.replace(
        str([f"pre_{i}" for i in range(1, 8)]).replace("'", ""), f"[{', '.join(f'pre_{i}' for i in range(1, 15))}]"
    )
    model = model.replace(
        str([f"post_{i}" for i in range(1, 8)]).replace("'", ""), f"[{', '.join(f'post_{i}' for i in range(1, 15))}]"
    )
    assert "pre_14" in model and "post_14" in model and len(items) == 14
    (tmp_path / "model.yaml").write_text(model, encoding="utf-8")
    md = build_report([tmp_path / "model.yaml"], draws=100, seed=1, lang="nl").to_markdown()
    line = next(x for x in md.replace("\\", "").splitlines() if "licentie" in x)
    assert line.startswith("- zacht effect 'wellbeing': schaal 'wemwbs': licentie: ")
    assert "commercieel gebruik is een licentie nodig" in line and "commercial use needs" not in line


def test_a_scale_of_the_models_own_names_no_licence(tmp_path):
    path = _model(tmp_path, OWN)
    r = ic.soft_outcome_summary(ic.load(path).soft_outcomes[0], tmp_path)
    assert not any("licence" in a for a in r.assumptions)
    md = build_report([path], draws=100, seed=1, lang="en").to_markdown()
    assert "licence" not in md.lower()
