"""The report names an assumption as its reader knows it (switching values, tornado, what is
worth measuring): a volunteer's hours and the value of an hour by whose time it is, the discount
rate by its name, never a model-file path such as ``investments[1].hours``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from impactchain.report import build_report

yaml = pytest.importorskip("yaml")

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _docs_model(tmp_path: Path) -> Path:
    """docs/model-file.md's whole model (neighbours give 400 hours at 12 an hour), without its survey."""
    text = (DOCS / "model-file.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"^```yaml\n(.*?)^```", text, re.S | re.M) if "volunteer_time" in b)
    model = yaml.safe_load(block)
    model.pop("soft_outcomes", None)
    path = tmp_path / "m.yaml"
    path.write_text(yaml.safe_dump(model, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "lang, hours, hourly",
    [
        ("en", "volunteer hours of {who}", "value of a volunteer hour of {who}"),
        ("nl", "vrijwilligersuren van {who}", "waarde van een vrijwilligersuur van {who}"),
    ],
)
def test_volunteer_time_is_named_by_whose_time_it_is(tmp_path, lang, hours, hourly):
    path = _docs_model(tmp_path)
    model = yaml.safe_load(path.read_text(encoding="utf-8"))
    i = next(i for i, inv in enumerate(model["investments"]) if inv.get("kind") == "volunteer_time")
    funder = model["investments"][i]["funder"]  # "neighbours": a funder of its own, named as written
    named = {s["id"]: s.get("name", s["id"]) for s in model["stakeholders"] if isinstance(s, dict)}
    who = named.get(funder, funder)
    rep = build_report([path], draws=100, seed=1, lang=lang)
    md = rep.to_markdown()
    assert hours.format(who=who) in md and hourly.format(who=who) in md  # among the switching values
    if lang == "en":  # the JSON's labels are the report's English ones
        labels = rep.to_dict()["models"][0]["value"]["switching_value_labels"]
        assert labels[f"investments[{i}].hours"] == hours.format(who=who)
        assert labels[f"investments[{i}].hourly_value"] == hourly.format(who=who)
    assert f"investments\\[{i}\\]" not in md and "hourly value" not in md


def test_the_discount_rate_by_its_name():
    from impactchain._i18n import words
    from impactchain._report_text import _friendly

    assert _friendly("discount.rate", None, words("nl")) == "discontovoet"
    assert _friendly("discount.rate", None, words("en")) == "discount rate"
