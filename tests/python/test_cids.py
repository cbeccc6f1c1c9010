"""The Common Impact Data Standard export (docs/cids.md) and IRIS+ metric ids in ``catalogue``.

The names below are copied from the CIDS 3.0 ontology, ``V3/cids-3.0.owl`` of Common Approach
to Impact Measurement (dated 2024-01-24, CC BY-SA 4.0; namespace
https://ontology.commonapproach.org/cids-3.0#) and the ontologies it imports (ISO/IEC 21972
``i72``, TOVE organization ``org``, schema.org ``sch``); a name the export uses that is not in
them fails the test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import impactchain as ic
from doc_commands import run_block
from export_models import WHOLE_MODEL, export_says
from impactchain.cids import CIDS_NAMESPACE, to_cids
from impactchain.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples" / "data").glob("*.yaml"))

#: Classes of CIDS 3.0 (owl:Class, or named as a class in its restrictions) and i72:Measure.
ONTOLOGY_CLASSES = {
    "cids:Activity",
    "cids:Code",
    "cids:Counterfactual",
    "cids:ImpactDepth",
    "cids:ImpactDuration",
    "cids:ImpactModel",
    "cids:ImpactReport",
    "cids:ImpactScale",
    "cids:Indicator",
    "cids:IndicatorReport",
    "cids:Input",
    "cids:LogicModel",
    "cids:Organization",
    "cids:Outcome",
    "cids:OutcomeChain",
    "cids:Output",
    "cids:Stakeholder",
    "cids:StakeholderOutcome",
    "i72:Measure",
}
#: Object and data properties declared in CIDS 3.0 or used in its restrictions.
ONTOLOGY_PROPERTIES = {
    "cids:forIndicator",
    "cids:forOrganization",
    "cids:forOutcome",
    "cids:forStakeholder",
    "cids:hasActivity",
    "cids:hasCode",
    "cids:hasComment",
    "cids:hasCounterfactual",
    "cids:hasDescription",
    "cids:hasImpactDepth",
    "cids:hasImpactDuration",
    "cids:hasImpactModel",
    "cids:hasImpactReport",
    "cids:hasImpactScale",
    "cids:hasIndicator",
    "cids:hasIndicatorReport",
    "cids:hasInput",
    "cids:hasOutcome",
    "cids:hasOutput",
    "cids:hasReportedImpact",
    "cids:hasSpecification",
    "cids:hasStakeholder",
    "cids:hasStakeholderOutcome",
    "i72:numerical_value",
    "i72:unit_of_measure",
    "i72:value",
    "org:hasName",
    "sch:codeValue",
}


def _walk(node, types, props):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "@type":
                types.update([v] if isinstance(v, str) else v)
            elif not k.startswith("@"):
                props.add(k)
            _walk(v, types, props)
    elif isinstance(node, list):
        for x in node:
            _walk(x, types, props)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_the_export_uses_only_the_ontologys_names(path):
    doc = to_cids(ic.load(path))
    types, props = set(), set()
    _walk(doc["@graph"], types, props)
    assert types <= ONTOLOGY_CLASSES, types - ONTOLOGY_CLASSES
    assert props <= ONTOLOGY_PROPERTIES, props - ONTOLOGY_PROPERTIES
    assert {p.split(":")[0] for p in types | props} <= set(doc["@context"])  # every prefix is defined
    assert doc["@context"]["cids"] == CIDS_NAMESPACE
    assert json.loads(json.dumps(doc, allow_nan=False)) == doc


def test_every_outcome_and_stakeholder_is_there_with_the_valuations_numbers():
    model = ic.load(ROOT / "examples" / "data" / "handyman.yaml")
    res = ic.value(model)
    graph = to_cids(model)["@graph"]
    by_type: dict[str, list] = {}
    for node in graph:
        by_type.setdefault(node["@type"], []).append(node)
    assert {o["org:hasName"] for o in by_type["cids:Outcome"]} == set(res.outcomes["name"])
    assert len(by_type["cids:Stakeholder"]) == len(model.stakeholders)
    reports = {r["cids:forOutcome"]["@id"].rsplit("/", 1)[1]: r for r in by_type["cids:ImpactReport"][1:]}
    for _, row in res.outcomes.iterrows():
        r = reports[row["id"]]
        assert r["i72:value"]["i72:numerical_value"] == pytest.approx(row["present_value"], rel=1e-12)
        assert r["cids:hasImpactScale"]["i72:value"]["i72:numerical_value"] == pytest.approx(row["quantity"])
        assert r["cids:hasImpactDepth"]["i72:value"]["i72:numerical_value"] == pytest.approx(row["unit_proxy"])
        gross_kept = (1 - row["deadweight"]) * (1 - row["displacement"]) * (1 - row["attribution"])
        counterfactual = r["cids:hasImpactScale"]["cids:hasCounterfactual"]["i72:value"]["i72:numerical_value"]
        assert counterfactual == pytest.approx(1 - gross_kept)
    total = by_type["cids:ImpactReport"][0]
    assert total["i72:value"]["i72:numerical_value"] == pytest.approx(res.present_value, rel=1e-12)


def test_an_iris_metric_id_is_read_and_exported_as_a_code(tmp_path):
    text = (ROOT / "examples" / "data" / "handyman.yaml").read_text(encoding="utf-8")
    line = 'en: "jobs"}, kind: hard}'
    assert line in text
    model = ic.loads(text.replace(line, line[:-1] + ", catalogue: 'iris+: pi4060'}", 1), "yaml")
    (ind,) = [i for i in model.indicators if i.id == "jobs_done"]
    assert ind.iris_metric == "PI4060"
    codes = [n["cids:hasCode"] for n in to_cids(model)["@graph"] if "cids:hasCode" in n]
    assert codes == [
        {
            "@type": "cids:Code",
            "org:hasName": "IRIS+",
            "sch:codeValue": "PI4060",
            "cids:hasSpecification": "https://iris.thegiin.org/metric/PI4060/",
        }
    ]
    bad = text.replace(line, line[:-1] + ", catalogue: IRIS+ PI406}", 1)
    with pytest.raises(
        ValueError, match=r"indicators\[0\]\.catalogue: indicator 'jobs_done': catalogue 'IRIS\+ PI406'"
    ):
        ic.loads(bad, "yaml")


def test_cli_export_cids_follows_the_output_rule(tmp_path, capsys):
    out = tmp_path / "handyman.jsonld"
    model = ROOT / "examples" / "data" / "handyman.yaml"
    assert main(["export", str(model), "--format", "cids", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["@context"]["cids"] == CIDS_NAMESPACE
    assert main(["export", str(model), "-o", str(tmp_path / "x.jsonld")]) == 0  # the extension says cids
    copy = tmp_path / "model.jsonld"
    copy.write_bytes(model.read_bytes())
    assert main(["export", str(copy), "-o", str(copy)]) != 0
    assert "is an input of this run" in capsys.readouterr().err


def test_the_documented_command_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run_block("cids.md", tmp_path, ["handyman.yaml"])
    assert json.loads((tmp_path / "handyman.jsonld").read_text(encoding="utf-8"))["@graph"]


def test_the_export_says_what_the_cids_document_does_not_hold(tmp_path, capsys):
    from impactchain.cids import cids_left_out

    expected = [
        "soft outcome 'ls' (not valued in money)",
        "the uncertainty of 2 values, written as their central values: chain.nodes[a].quantity, outcomes[o].proxy.value",
        "the chain's links (chain.edges[a->b]): each outcome's quantity is what the chain gives (at the central values)",
        "each funder's investment (investments[0]): the summary report states their total",
        "the discounting (model field 'discount'): the present values are computed with it",
        "texts in en (each text is written in nl, the model's language)",
        "model field 'notes' (CIDS has no place for it)",
    ]
    out = export_says(tmp_path, capsys, cids_left_out, "m.jsonld", "CIDS document", expected)
    # What the lines say is so: the document has the residents (every stakeholder is there) and
    # the outcome's quantity 10 x 0.5 = 5 from the chain, not the chain's link.
    graph = json.loads(out.read_text(encoding="utf-8"))["@graph"]
    assert any(n.get("org:hasName") == "Bewoners" for n in graph)
    (report,) = [n for n in graph if n.get("@id", "").endswith("impact-report/o")]
    assert report["cids:hasImpactScale"]["i72:value"]["i72:numerical_value"] == 5
    whole = ic.loads(WHOLE_MODEL, format="yaml")
    assert cids_left_out(whole) == []


def test_a_model_without_language_or_english_says_texts_are_in_their_first_language(tmp_path):
    from impactchain.cids import cids_left_out

    model = ic.loads(
        "impactchain: 1\nname: {nl: Buurtkamer, fy: Buertkeamer}\ncurrency: EUR\nprice_year: 2024\n"
        "stakeholders: [city]\n"
        "outcomes: [{id: o, stakeholder: city, quantity: 10, proxy: {value: 100, currency: EUR, source: s}}]\n",
        format="yaml",
    )
    assert model.name == "Buurtkamer"  # the first language given, as the document writes it
    assert cids_left_out(model) == [
        "texts in several languages (fy, nl): each is written in the first language it gives"
    ]
