"""A model and its valuation as Common Impact Data Standard JSON-LD (docs/cids.md).

:func:`to_cids` maps a model onto the classes of CIDS 3.0 (the ontology of Common Approach
to Impact Measurement, ``V3/cids-3.0.owl``): the organisation, its ImpactModel (a
LogicModel of inputs, activities and outputs, and an OutcomeChain of outcomes),
Stakeholders, Outcomes with their Indicators (an IRIS+ metric id of ``catalogue`` as the
indicator's code), StakeholderOutcomes, and per outcome an ImpactReport with the
ImpactScale (how many), ImpactDepth (value per unit), ImpactDuration (years) and the
Counterfactual (what is deducted), plus IndicatorReports with the quantities. Only class
and property names of the published ontology are used (:data:`CLASSES`,
:data:`PROPERTIES`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Optional, Union

from impactchain._model_view import prices

__all__ = ["CIDS_NAMESPACE", "CONTEXT", "CLASSES", "PROPERTIES", "to_cids", "cids_json", "write_cids", "cids_left_out"]

#: The CIDS 3.0 namespace, as the ontology file states it (vann:preferredNamespaceUri).
CIDS_NAMESPACE = "https://ontology.commonapproach.org/cids-3.0#"

#: The prefixes the export uses, as the CIDS 3.0 ontology declares them.
CONTEXT: dict[str, str] = {
    "cids": CIDS_NAMESPACE,
    "i72": "http://ontology.eil.utoronto.ca/ISO21972/iso21972#",
    "org": "http://ontology.eil.utoronto.ca/tove/organization#",
    "time": "http://www.w3.org/2006/time#",
    "sch": "http://schema.org/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

#: The CIDS classes the export writes.
CLASSES = (
    "cids:Organization",
    "cids:ImpactModel",
    "cids:LogicModel",
    "cids:OutcomeChain",
    "cids:Outcome",
    "cids:Indicator",
    "cids:IndicatorReport",
    "cids:ImpactReport",
    "cids:ImpactScale",
    "cids:ImpactDepth",
    "cids:ImpactDuration",
    "cids:Counterfactual",
    "cids:Stakeholder",
    "cids:StakeholderOutcome",
    "cids:Activity",
    "cids:Input",
    "cids:Output",
    "cids:Code",
    "i72:Measure",
)

#: The properties the export writes, each declared in CIDS 3.0 (its own or an imported one).
PROPERTIES = (
    "org:hasName",
    "cids:hasDescription",
    "cids:hasComment",
    "cids:hasImpactModel",
    "cids:forOrganization",
    "cids:hasStakeholder",
    "cids:hasOutcome",
    "cids:hasIndicator",
    "cids:hasInput",
    "cids:hasActivity",
    "cids:hasOutput",
    "cids:hasStakeholderOutcome",
    "cids:forStakeholder",
    "cids:forOutcome",
    "cids:forIndicator",
    "cids:hasIndicatorReport",
    "cids:hasImpactReport",
    "cids:hasImpactScale",
    "cids:hasImpactDepth",
    "cids:hasImpactDuration",
    "cids:hasCounterfactual",
    "cids:hasReportedImpact",
    "cids:hasCode",
    "cids:hasSpecification",
    "i72:value",
    "i72:numerical_value",
    "i72:unit_of_measure",
    "sch:codeValue",
)


def _text(x: Any, language: str) -> str:
    if isinstance(x, Mapping):
        return str(x.get(language) or x.get("en") or next(iter(x.values()), ""))
    return "" if x is None else str(x)


def _measure(value: float, unit: str) -> dict[str, Any]:
    """An ISO/IEC 21972 measure: a number and its unit."""
    return {"@type": "i72:Measure", "i72:numerical_value": value, "i72:unit_of_measure": unit}


def to_cids(model: Any, *, base: Optional[str] = None, **value_options: Any) -> dict[str, Any]:
    """The model and its valuation (``impactchain.value(model, **value_options)``) as a CIDS 3.0
    JSON-LD document: ``@context`` and ``@graph``. Node ids are ``<base><kind>/<id>``, ``base``
    defaulting to ``urn:impactchain:<model name>:``. Money is the central valuation in the
    model's currency at its price year."""
    import re

    import impactchain as ic

    m = ic.load(model) if isinstance(model, (str, Path)) else model
    res = ic.value(m, **value_options)
    lang = m.language or "en"
    d = m.to_dict()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", m.name).strip("-").lower() or "model"
    base = base if base is not None else f"urn:impactchain:{slug}:"

    def iri(kind: str, ident: str) -> str:
        return f"{base}{kind}/{ident}"

    graph: list[dict[str, Any]] = []
    stakeholders = {st.id: st for st in m.stakeholders}
    for st in m.stakeholders:
        node = {"@id": iri("stakeholder", st.id), "@type": "cids:Stakeholder", "org:hasName": st.name or st.id}
        if st.description:
            node["cids:hasDescription"] = st.description
        graph.append(node)
    indicators: dict[str, dict[str, Any]] = {}
    for ind in m.indicators:
        node = {
            "@id": iri("indicator", ind.id),
            "@type": "cids:Indicator",
            "org:hasName": ind.name or ind.id,
            "i72:unit_of_measure": ind.unit,
            "cids:hasIndicatorReport": [],
        }
        if ind.source:
            node["cids:hasDescription"] = f"source: {ind.source}"
        if ind.iris_metric:
            node["cids:hasCode"] = {
                "@type": "cids:Code",
                "org:hasName": "IRIS+",
                "sch:codeValue": ind.iris_metric,
                "cids:hasSpecification": f"https://iris.thegiin.org/metric/{ind.iris_metric}/",
            }
        elif ind.catalogue:
            node["cids:hasComment"] = f"catalogue: {ind.catalogue}"
        indicators[ind.id] = node
    by_level: dict[str, list[str]] = {"input": [], "activity": [], "output": []}
    level_class = {"input": "cids:Input", "activity": "cids:Activity", "output": "cids:Output"}
    node_indicator = {n.id: n.indicator for n in m.chain.nodes}
    for n in m.chain.nodes:
        if n.level in level_class:
            graph.append({"@id": iri(n.level, n.id), "@type": level_class[n.level], "org:hasName": n.name or n.id})
            by_level[n.level].append(iri(n.level, n.id))
    outcomes_spec = {o["id"]: o for o in d.get("outcomes", [])}
    outcome_ids, stakeholder_outcomes = [], []
    for _, row in res.outcomes.iterrows():
        spec = outcomes_spec[row["id"]]
        oid = iri("outcome", row["id"])
        outcome_ids.append(oid)
        outcome = {"@id": oid, "@type": "cids:Outcome", "org:hasName": row["name"]}
        ind_id = node_indicator.get(spec.get("node") or "", "")
        report_id = iri("impact-report", row["id"])
        unit = indicators[ind_id]["i72:unit_of_measure"] if ind_id in indicators else "units"
        deducted = 1 - (1 - row["deadweight"]) * (1 - row["displacement"]) * (1 - row["attribution"]) * (
            1 - row["leakage"]
        )
        source = _text((spec.get("proxy") or spec.get("wellbeing") or {}).get("source"), lang)
        report = {
            "@id": report_id,
            "@type": "cids:ImpactReport",
            "cids:forOutcome": {"@id": oid},
            "cids:hasImpactScale": {
                "@type": "cids:ImpactScale",
                "i72:value": _measure(float(row["quantity"]), unit),
                "cids:hasDescription": "how many: the outcome's quantity",
                "cids:hasCounterfactual": {
                    "@type": "cids:Counterfactual",
                    "i72:value": _measure(float(deducted), "share of the gross outcome"),
                    "cids:hasDescription": (
                        f"deadweight {row['deadweight']:.0%}, displacement {row['displacement']:.0%}, "
                        f"attribution {row['attribution']:.0%}, leakage {row['leakage']:.0%} (deducted multiplicatively)"
                    ),
                },
            },
            "cids:hasImpactDepth": {
                "@type": "cids:ImpactDepth",
                "i72:value": _measure(
                    float(row["unit_proxy"]), f"{res.currency} ({prices(res.price_year)}) per unit a year"
                ),
                "cids:hasDescription": f"how much, in money: the financial proxy{': ' + source if source else ''}",
            },
            "cids:hasImpactDuration": {
                "@type": "cids:ImpactDuration",
                "i72:value": _measure(float(row["duration"]), "year"),
                "cids:hasDescription": f"how long; drop-off {row['drop_off']:.0%} a year after the first",
            },
            "cids:hasReportedImpact": (
                f"present value {row['present_value']:.2f} {res.currency} ({prices(res.price_year)}); "
                f"first-year impact {row['impact']:.2f} {res.currency}"
            ),
            "i72:value": _measure(float(row["present_value"]), res.currency),
        }
        graph.append(report)
        if ind_id in indicators:
            outcome["cids:hasIndicator"] = {"@id": indicators[ind_id]["@id"]}
            ir_id = iri("indicator-report", row["id"])
            graph.append(
                {
                    "@id": ir_id,
                    "@type": "cids:IndicatorReport",
                    "cids:forIndicator": {"@id": indicators[ind_id]["@id"]},
                    "cids:forOutcome": {"@id": oid},
                    "i72:value": _measure(float(row["quantity"]), indicators[ind_id]["i72:unit_of_measure"]),
                }
            )
            indicators[ind_id]["cids:hasIndicatorReport"].append({"@id": ir_id})
        outcome["cids:hasImpactReport"] = {"@id": report_id}
        # One StakeholderOutcome per beneficiary (an outcome split by `beneficiaries` has several).
        so_ids = []
        for sid in list(spec.get("beneficiaries") or {}) or [spec.get("stakeholder")]:
            if sid not in stakeholders:
                continue
            so_id = iri("stakeholder-outcome", f"{sid}/{row['id']}")
            so_ids.append(so_id)
            graph.append(
                {
                    "@id": so_id,
                    "@type": "cids:StakeholderOutcome",
                    "cids:forStakeholder": {"@id": iri("stakeholder", sid)},
                    "cids:forOutcome": {"@id": oid},
                    "cids:hasImpactReport": {"@id": report_id},
                }
            )
        stakeholder_outcomes += so_ids
        if so_ids:
            outcome["cids:hasStakeholderOutcome"] = (
                {"@id": so_ids[0]} if len(so_ids) == 1 else [{"@id": i} for i in so_ids]
            )
        graph.append(outcome)
    graph += list(indicators.values())
    model_id, org_id = iri("impact-model", "model"), iri("organization", "organization")
    logic = {
        "@id": iri("logic-model", "model"),
        "@type": "cids:LogicModel",
        "org:hasName": m.name,
        "cids:hasInput": [{"@id": x} for x in by_level["input"]],
        "cids:hasActivity": [{"@id": x} for x in by_level["activity"]],
        "cids:hasOutput": [{"@id": x} for x in by_level["output"]],
        "cids:hasOutcome": [{"@id": x} for x in outcome_ids],
    }
    chain = {"@id": iri("outcome-chain", "model"), "@type": "cids:OutcomeChain", "org:hasName": m.name}
    chain["cids:hasOutcome"] = [{"@id": x} for x in outcome_ids]
    ratio = "not defined" if res.sroi_ratio is None else f"{res.sroi_ratio:.4f}"
    summary = {
        "@id": iri("impact-report", "model"),
        "@type": "cids:ImpactReport",
        "cids:forOrganization": {"@id": org_id},
        "cids:hasReportedImpact": (
            f"present value {res.present_value:.2f} {res.currency}, investment {res.investment:.2f} "
            f"{res.currency} ({prices(res.price_year)}); SROI ratio {ratio}"
        ),
        "i72:value": _measure(float(res.present_value), res.currency),
        "cids:hasComment": "computed by impactchain from the model's central values",
    }
    impact_model = {
        "@id": model_id,
        "@type": "cids:ImpactModel",
        "org:hasName": m.name,
        "cids:forOrganization": {"@id": org_id},
        "cids:hasOutcome": [{"@id": x} for x in outcome_ids],
        "cids:hasStakeholder": [{"@id": iri("stakeholder", s)} for s in stakeholders],
        "cids:hasImpactReport": {"@id": summary["@id"]},
    }
    impact_model["cids:hasDescription"] = m.description or f"{m.name}: impact model read by impactchain"
    organisation = {
        "@id": org_id,
        "@type": "cids:Organization",
        "org:hasName": m.organisation or m.name,
        "cids:hasImpactModel": [{"@id": model_id}, {"@id": logic["@id"]}, {"@id": chain["@id"]}],
        "cids:hasOutcome": [{"@id": x} for x in outcome_ids],
        "cids:hasStakeholder": [{"@id": iri("stakeholder", s)} for s in stakeholders],
        "cids:hasIndicator": [{"@id": i["@id"]} for i in indicators.values()],
    }
    return {"@context": dict(CONTEXT), "@graph": [organisation, impact_model, logic, chain, summary, *graph]}


def cids_left_out(model: Any) -> list[str]:
    """What of ``model`` (a Model or a model file's path) its CIDS document does not hold, one line
    each, as ``impactchain export --format cids`` prints them: soft outcomes, the uncertain values
    (written as their central values), the chain's links (each outcome's quantity is what the chain
    gives), each funder's investment (the summary report states their total), the discounting (the
    present values are computed with it), texts in other languages, and the model's notes,
    defaults, price index and a comparator's role. Empty when the document holds the whole model."""
    import impactchain as ic
    from impactchain._export_left_out import cids_left_out as left_out

    return left_out(ic.load(model) if isinstance(model, (str, Path)) else model)


def cids_json(model: Any, **options: Any) -> bytes:
    """:func:`to_cids` as UTF-8 JSON text."""
    return (json.dumps(to_cids(model, **options), indent=2, ensure_ascii=False, allow_nan=False) + "\n").encode()


def write_cids(model: Any, path: Union[str, Path], **options: Any) -> Path:
    """Writes :func:`to_cids` to ``path`` by the output rule (never over a link or an input)."""
    from impactchain._output import plan_outputs, write_all

    plan = plan_outputs(path, None, available=("cids",), default_dir=".", default_stem="model", what="the export")
    return write_all(plan, {"cids": cids_json(model, **options)})[0]
