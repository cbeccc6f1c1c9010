"""A report reads each model's file dict (``Model.to_dict()``) once, when it computes the model
(the ledger's parties and the ranges of its assumptions come from that one dict), and not again
for each format or language it is written in."""

from __future__ import annotations

from pathlib import Path

import pytest

import impactchain as ic
from impactchain.report import build_report

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"


def test_the_model_dict_is_made_once_per_model(monkeypatch):
    pytest.importorskip("openpyxl")
    model_type = type(ic.load(DATA / "market_cleaning.yaml"))
    made = []
    to_dict = model_type.to_dict

    def counted(self, *args, **kwargs):
        made.append(self.name)
        return to_dict(self, *args, **kwargs)

    monkeypatch.setattr(model_type, "to_dict", counted)
    report = build_report([DATA / "market_cleaning.yaml", DATA / "traditional_provider.yaml"], draws=100, seed=1)
    assert len(made) == 2  # one for each model
    nl = report.in_language("nl")
    for rep in (report, nl):
        rep.to_markdown(), rep.to_html(), rep.to_xlsx(), rep.to_json()
    assert len(made) == 2  # none more to write it
    # The switching values are still marked from the ranges that dict gave (docs/report.md).
    assert "(outside the model's range: €600 – €2,000)" in report.to_markdown()
