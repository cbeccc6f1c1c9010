"""A soft outcome's scores against the scale of the indicator it measures (``indicators: - {id:
life_sat, scale: [0, 10]}``, ``soft_outcomes: - {indicator: life_sat, ...}``): a score outside it is
refused by ``impactchain validate`` and by the report, as a score outside the entry's own
``scale`` is; the model of docs/model-file.md is the one checked."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import impactchain as ic
from impactchain._data_check import check_model_data

ROOT = Path(__file__).resolve().parents[2]


def _model(folder: Path, scores: str) -> Path:
    """docs/model-file.md's model (indicator life_sat, scale [0, 10]; soft outcome wellbeing on
    survey.csv's ls_pre and ls_post) beside a survey.csv of ``scores``."""
    page = (ROOT / "docs" / "model-file.md").read_text(encoding="utf-8")
    text = next(b for b in re.findall(r"^```yaml\n(.*?)^```", page, re.S | re.M) if "life_sat" in b)
    (folder / "model.yaml").write_text(text, encoding="utf-8")
    (folder / "survey.csv").write_text(scores, encoding="utf-8")
    return folder / "model.yaml"


REFUSED = (
    "soft outcome 'wellbeing': survey.csv (post) column 'ls_post': 1 score outside the range [0, 10] of "
    "indicator 'life_sat' (row 3: 12); correct or remove them (values outside the scale are not used)"
)


def test_a_score_outside_the_indicators_scale_is_refused_by_validate(tmp_path):
    path = _model(tmp_path, "ls_pre,ls_post\n5,6\n4,12\n6,7\n")
    found = check_model_data(ic.load(path), tmp_path)
    assert found.problems == [REFUSED] and found.fields == ["soft_outcomes[0]"]
    run = subprocess.run(
        [sys.executable, "-m", "impactchain", "validate", str(path)], capture_output=True, text=True, check=False
    )
    assert run.returncode == 1 and REFUSED in run.stderr + run.stdout


def test_the_indicators_bounds_are_inside_the_scale(tmp_path):
    path = _model(tmp_path, "ls_pre,ls_post\n0,10\n4,7\n")  # 0 and 10 are on the scale
    assert check_model_data(ic.load(path), tmp_path).problems == []


def test_the_report_does_not_average_a_score_outside_the_indicators_scale(tmp_path):
    path = _model(tmp_path, "ls_pre,ls_post\n5,6\n4,12\n6,7\n4,5\n")
    entry = json.loads(ic.build_report([path], draws=200, seed=3).to_json())["models"][0]["soft_outcomes"][0]
    assert entry.get("mean_post") is None  # not (6 + 12 + 7 + 5) / 4 = 7.5
    assert "1 score outside the range [0, 10] of indicator 'life_sat' (row 3: 12)" in entry["error"]
