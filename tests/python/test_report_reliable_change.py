"""The report's soft-outcome section says the reliable change (RCI) in words where the model gives
a reliability: how many respondents improved, and how many got worse, beyond measurement error
(docs/report.md, "Soft outcomes"); none is said without one."""

from __future__ import annotations

from pathlib import Path

import pytest

import impactchain as ic
from impactchain.report import build_report

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_reliable_change_is_said_with_the_summarys_counts(lang):
    model = ic.load(DATA / "market_cleaning.yaml")  # reliability: 0.84
    overall = ic.soft_outcome_summary(model.soft_outcomes[0], DATA).groups.iloc[0]
    # the counts the engine gives (its RCI is checked against Jacobson & Truax by hand elsewhere)
    up, down, n = int(overall["n_improved"]), int(overall["n_deteriorated"]), int(overall["n"])
    assert 0 < up < n  # some, not all: the sentence below is not a vacuous one
    md = build_report([model], draws=200, seed=3, lang=lang).to_markdown().replace("\\&", "&")
    said = {
        "en": f"Reliable change (RCI, Jacobson & Truax 1991): {up} of the {n} respondents improved by more than "
        f"measurement error can explain, and {down} got worse by more than that.",
        "nl": f"Betrouwbare verandering (RCI, Jacobson & Truax 1991): bij {up} van de {n} respondenten is de "
        f"verbetering groter dan meetfouten kunnen verklaren, bij {down} de verslechtering.",
    }
    assert said[lang] in " ".join(md.split())


def test_without_a_reliability_no_reliable_change_is_said():
    text = (DATA / "market_cleaning.yaml").read_text(encoding="utf-8").replace(", reliability: 0.84}", "}")
    model = ic.loads(text, format="yaml", source_path=str(DATA / "market_cleaning.yaml"))
    md = build_report([model], draws=200, seed=3, lang="en").to_markdown()
    assert "Reliable change (RCI" not in md
