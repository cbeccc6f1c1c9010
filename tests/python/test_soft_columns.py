"""The columns of a soft outcome: post names other columns than pre, unless the after is in a
file of its own (data_post) or rows of its own (wave); group is not the respondents' ids
(Model::problems; mirrors tests/cpp/test_model_soft.cpp)."""

from __future__ import annotations

import shutil

import pytest

import impactchain as ic
from impactchain.io import ModelFileError


def _minimal(examples_dir, tmp_path, old, new):
    text = (examples_dir / "minimal.yaml").read_text(encoding="utf-8")
    assert old in text
    shutil.copytree(examples_dir / "surveys", tmp_path / "surveys")
    path = tmp_path / "minimal.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_post_naming_the_column_of_pre_is_refused_at_post(examples_dir, tmp_path):
    # Before: valid, and every respondent's change was 0.
    path = _minimal(examples_dir, tmp_path, "post: swemwbs_post", "post: swemwbs_pre")
    with pytest.raises(ModelFileError) as info:
        ic.load(path)
    assert "soft_outcomes[0].post: soft outcome 'wellbeing': post names the same column as pre ('swemwbs_pre')" in str(
        info.value
    )


def test_the_same_column_names_are_the_rule_in_a_second_file_or_in_rows_of_their_own(examples_dir, tmp_path):
    second = _minimal(
        examples_dir, tmp_path, "post: swemwbs_post", "post: swemwbs_pre, data_post: surveys/later.csv, id_column: id"
    )
    assert ic.load(second).soft_outcomes[0]["post"] == "swemwbs_pre"
    waves = second.with_name("waves.yaml")
    waves.write_text(
        second.read_text(encoding="utf-8").replace(
            "data_post: surveys/later.csv", "wave: {column: meting, pre: voor, post: na}"
        ),
        encoding="utf-8",
    )
    assert ic.load(waves).soft_outcomes[0]["wave"] == {"column": "meting", "pre": "voor", "post": "na"}


def test_a_group_that_is_the_id_column_is_refused_at_group(examples_dir, tmp_path):
    path = _minimal(examples_dir, tmp_path, "post: swemwbs_post", "post: swemwbs_post, id_column: id, group: id")
    with pytest.raises(ModelFileError) as info:
        ic.load(path)
    assert "soft_outcomes[0].group: soft outcome 'wellbeing': group 'id' is also the id_column" in str(info.value)
