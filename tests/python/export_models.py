"""A model with something of every kind an exchange format may leave out (a soft outcome, a party
no money reaches, uncertain values, a chain link with a rate, texts in two languages, notes, a
discount), for the tests of what the Value Map and CIDS exports say they leave out."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from small_models import BUURTKAMER_HEAD

LEFT_OUT_MODEL = """impactchain: 1
name: {nl: Buurtwerk, en: Neighbourhood work}
language: nl
notes: Voorbeeld.
currency: EUR
price_year: 2024
discount: {rate: 0.03}
stakeholders: [{id: city, name: Gemeente}, {id: residents, name: Bewoners}]
indicators: [{id: ls, unit: punten, kind: soft, scale: [0, 10]}]
chain:
  nodes: [{id: a, level: activity, quantity: {triangular: [8, 10, 12]}}, {id: b, level: outcome}]
  edges: [{from: a, to: b, rate: 0.5}]
investments: [{funder: city, amount: 1000}]
outcomes:
  - {id: o, node: b, stakeholder: city, proxy: {value: {uniform: [80, 120]}, currency: EUR, source: s}}
soft_outcomes:
  - {id: ls, indicator: ls, stakeholder: residents, data: s.csv, pre: pre, post: post}
"""

#: A model each format holds whole: one outcome valued in money for its one stakeholder.
WHOLE_MODEL = (
    BUURTKAMER_HEAD + "stakeholders: [city]\n"
    "outcomes: [{id: o, stakeholder: city, quantity: 10, proxy: {value: 100, currency: EUR, source: s}}]\n"
)


def write_left_out_model(folder: Path) -> Path:
    """LEFT_OUT_MODEL as ``folder/m.yaml`` with its survey; returns the model file's path."""
    (folder / "s.csv").write_text("pre,post\n3,5\n4,6\n5,5\n", encoding="utf-8")
    (folder / "m.yaml").write_text(LEFT_OUT_MODEL, encoding="utf-8")
    return folder / "m.yaml"


def export_says(
    folder: Path, capsys: Any, left_out: Callable[[Path], list[str]], file: str, said: str, expected: list[str]
) -> Path:
    """Writes LEFT_OUT_MODEL into ``folder``, holds ``left_out(model file)`` to ``expected``, exports the
    model by the command line to ``folder/file`` and holds its terminal lines (``not in the <said>:
    …``) to ``expected``, and with ``--quiet`` to none; returns the export's path."""
    from impactchain.cli import main

    model = write_left_out_model(folder)
    assert left_out(model) == expected
    out = folder / file
    assert main(["export", str(model), "-o", str(out), "--quiet"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["export", str(model), "-o", str(out)]) == 0
    assert capsys.readouterr().err.splitlines() == [f"not in the {said}: {x}" for x in expected]
    return out
