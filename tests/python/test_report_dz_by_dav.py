"""A paired d_z is not read against Cohen's (1988) thresholds, which are defined for the
standardised mean difference: the report words it by the d_av of the same respondents and says so
(en, nl); d, g and d_av are worded as they are; a d_z whose d_av is not known is not worded."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

import impactchain as ic
from impactchain import build_report
from impactchain._i18n import words
from impactchain._report_plain import effect_size_words

# Four respondents; change 2, 1, 3, 2: mean 2, SD √(2/3), so d_z = 2/√(2/3) ≈ 2.45 ("large").
# Before 2, 4, 6, 8: SD² = 20/3; after 4, 5, 9, 10 (mean 7, deviations −3, −2, 2, 3): SD² = 26/3.
# d_av = 2 / √((20/3 + 26/3)/2) = 2/√(23/3) ≈ 0.722: "medium" by Cohen's thresholds.
SURVEY = "id,voor,na\nA,2,4\nB,4,5\nC,6,9\nD,8,10\n"
SD_PRE, SD_POST = math.sqrt(20 / 3), math.sqrt(26 / 3)
D_Z = 2 / math.sqrt(2 / 3)
D_AV = 2 / math.sqrt((20 / 3 + 26 / 3) / 2)
MODEL = """\
impactchain: 1
name: Buurtkamer
chain:
  nodes: [{id: evenings, level: activity, quantity: 40, unit: evenings}]
soft_outcomes:
  - id: trust
    data: survey.csv
    id_column: id
    pre: voor
    post: na
    resamples: 200
"""


@pytest.fixture
def model(tmp_path: Path) -> Path:
    (tmp_path / "survey.csv").write_text(SURVEY, encoding="utf-8")
    (tmp_path / "model.yaml").write_text(MODEL, encoding="utf-8")
    return tmp_path / "model.yaml"


def test_the_summary_gives_the_sds_of_the_pairs_and_they_make_the_libraries_d_av(model):
    spec = ic.load(model).soft_outcomes[0]
    r = ic.soft_outcome_summary(spec, model.parent)
    all_ = r.groups.loc["all"]
    assert all_["sd_pre"] == pytest.approx(SD_PRE, abs=1e-12)
    assert all_["sd_post"] == pytest.approx(SD_POST, abs=1e-12)
    assert all_["effect_size"] == pytest.approx(D_Z, abs=1e-12)
    # the same d_av as effect_size: dav computes
    dav = ic.soft_outcome_summary({**spec, "effect_size": "dav"}, model.parent).groups.loc["all", "effect_size"]
    assert dav == pytest.approx(D_AV, abs=1e-12)


@pytest.mark.parametrize(
    "lang, said, not_said",
    [
        (
            "en",
            "Effect size d\\_z = 2.45 (paired d\\_z: mean change divided by the standard deviation of the "
            "changes); for Cohen's (1988) thresholds of 0.2, 0.5 and 0.8 for a small, medium and large effect, "
            "which are defined for the standardised mean difference, d\\_av = 0.72 (",
            "large",
        ),
        (
            "nl",
            "Effectgrootte d\\_z = 2,45 (gepaarde d\\_z: gemiddelde verandering gedeeld door de standaardafwijking "
            "van de veranderingen); voor de drempels van Cohen (1988), 0,2, 0,5 en 0,8 voor een klein, middelgroot "
            "en groot effect, die gelden voor het gestandaardiseerde verschil tussen gemiddelden, is d\\_av = 0,72 (",
            "groot volgens",
        ),
    ],
)
def test_the_report_words_d_z_by_its_d_av(model, lang, said, not_said):
    md = build_report([model], draws=100, seed=1, lang=lang).to_markdown()
    sentence = next(line for line in md.splitlines() if "d\\_z = " in line and "d\\_av" in line)
    assert said in sentence
    word = {"en": "medium", "nl": "middelgroot"}[lang]  # 0.72: from 0.5 medium, below 0.8
    assert sentence.endswith(f"): {word}.")
    assert not_said not in sentence.split("(")[0]  # no verdict on d_z itself


def test_d_g_and_d_av_are_worded_as_they_are():
    for kind, shown in (("d", "d"), ("g", "g"), ("dav", "d_av")):
        out = effect_size_words({"effect_size": 0.85, "effect_size_kind": kind}, words("en"))
        assert out["size_word"] == "large"
        assert out["effect"].startswith(f"Effect size {shown} = 0.85: large by Cohen's (1988) thresholds")


def test_a_d_z_without_the_sds_of_its_pairs_is_not_worded():
    out = effect_size_words({"effect_size": 0.93, "effect_size_kind": "dz", "mean_change": 0.5}, words("nl"))
    assert out["size_word"] == words("nl")("n_a")
    assert "niet in woorden uitgedrukt" in out["effect"] and "groot" not in out["effect"].split("(1988)")[1]
    with_sds = {"effect_size": 0.93, "effect_size_kind": "dz", "mean_change": 2.0, "sd_pre": SD_PRE, "sd_post": SD_POST}
    assert effect_size_words(with_sds, words("en"))["dav"] == "0.72"
