"""An actuals file as a file (docs/portfolio.md, "Forecast against actual"): an entry given twice
is refused (a model file refuses a duplicate id too), and a file that cannot be read is named
once, with its member."""

from __future__ import annotations

from pathlib import Path

import pytest

import impactchain as ic
from impactchain._actuals import ActualsError, merge_actuals
from impactchain.cli import main
from impactchain.portfolio import check_portfolio
from small_models import FORECAST_HEAD

FORECAST = (
    FORECAST_HEAD
    + """name: Repairs
chain:
  nodes:
    - {id: training, level: activity, quantity: 8, unit: people}
    - {id: repairs, level: output, quantity: 400, unit: jobs}
  edges:
    - {from: training, to: repairs, rate: 0.5}
outcomes:
  - {id: jobs, quantity: 10, stakeholder: municipality, proxy: {value: 100, currency: EUR, source: s}}
"""
)


def _files(tmp_path: Path, actuals: str) -> Path:
    (tmp_path / "coop.yaml").write_text(FORECAST, encoding="utf-8")
    (tmp_path / "act.yaml").write_text(actuals, encoding="utf-8")
    p = tmp_path / "portfolio.yaml"
    p.write_text(
        "name: p\ncurrency: EUR\nprice_year: 2024\nmembers:\n"
        "  - {organisation: Coop, period: 2024, model: coop.yaml, actuals: act.yaml}\n",
        encoding="utf-8",
    )
    return p


def test_a_node_given_twice_is_refused_naming_both_places(tmp_path, capsys):
    # Before: each was laid over the forecast in turn, the last one (300) won, and the replaced
    # table showed 372 as the second row's forecast.
    p = _files(tmp_path, "chain: {nodes: [{id: repairs, quantity: 372}, {id: repairs, quantity: 300}]}\n")
    assert main(["validate", str(p)]) == 1
    err = capsys.readouterr().err
    assert (
        "member 'Coop/2024' (coop.yaml): actuals file 'act.yaml': chain.nodes[1]: duplicate node id 'repairs' "
        "(first at nodes[0])"
    ) in err


@pytest.mark.parametrize(
    "actuals, message",
    [
        (
            {"outcomes": [{"id": "jobs", "quantity": 12}, {"id": "jobs", "deadweight": 0.2}]},
            "outcomes[1]: duplicate outcome id 'jobs' (first at outcomes[0])",
        ),
        (
            {"chain": {"edges": [{"from": "training", "to": "repairs", "rate": 0.4}] * 2}},
            "chain.edges[1]: duplicate edge 'training->repairs' (first at edges[0])",
        ),
        (
            {"stakeholders": [{"id": "municipality"}, {"id": "other"}, {"id": "municipality"}]},
            "stakeholders[2]: duplicate stakeholder id 'municipality' (first at stakeholders[0])",
        ),
    ],
)
def test_every_section_keyed_by_id_refuses_an_entry_given_twice(actuals, message):
    forecast = ic.loads(FORECAST, format="yaml").to_dict()
    problems: list[str] = []
    merge_actuals(forecast, actuals, "a.yaml", problems)
    assert f"actuals file 'a.yaml': {message}" in problems
    with pytest.raises(ActualsError):
        merge_actuals(forecast, actuals, "a.yaml")


def test_an_empty_actuals_file_names_its_member_once(tmp_path):
    found = check_portfolio(_files(tmp_path, ""))
    # Before: "member 'Coop/2024' (coop.yaml): member 'Coop/2024' (coop.yaml): actuals 'act.yaml': ...".
    assert found.problems == ["member 'Coop/2024' (coop.yaml): actuals file 'act.yaml': the file is empty"]
