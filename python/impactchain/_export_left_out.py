"""What an exchange format cannot hold of a model, one line each, so that an export says it rather
than dropping it: the Value Map workbook (``impactchain export --format xlsx``) and the CIDS
document (``--format cids``). The command line prints the lines; the workbook also lists them on
a sheet of its own."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from impactchain._problems import listed, names


def uncertain_paths(x: Any, path: str = "") -> list[str]:
    """The paths of the model file's uncertain values (``outcomes[employed].proxy.value``,
    ``investments[0].amount``, ``chain.edges[a->b].rate``), in file order: a one-key mapping
    naming one of the core's distributions other than ``fixed``."""
    from impactchain._core import Distribution

    if isinstance(x, Mapping):
        if len(x) == 1 and next(iter(x)) in Distribution.__members__ and next(iter(x)) != "fixed":
            return [path]
        return [p for k, v in x.items() for p in uncertain_paths(v, f"{path}.{k}" if path else str(k))]
    if isinstance(x, list):
        out = []
        for i, v in enumerate(x):
            key = v.get("id") if isinstance(v, Mapping) else None
            if isinstance(v, Mapping) and "from" in v and "to" in v:
                key = f"{v['from']}->{v['to']}"
            out += uncertain_paths(v, f"{path}[{key if key is not None else i}]")
        return out
    return []


def _soft(d: Mapping[str, Any]) -> list[str]:
    soft = [str(x["id"]) for x in d.get("soft_outcomes", [])]
    return [f"{names('soft outcome', soft)} (not valued in money)"] if soft else []


def _uncertainty(d: Mapping[str, Any], skip: list[str]) -> list[str]:
    uncertain = [x for x in uncertain_paths({k: v for k, v in d.items() if k != "soft_outcomes"}) if x not in skip]
    if not uncertain:
        return []
    one = len(uncertain) == 1
    return [
        f"the uncertainty of {len(uncertain)} value{'' if one else 's'}, written as "
        f"{'its' if one else 'their'} central value{'' if one else 's'}: {', '.join(listed(uncertain))}"
    ]


def _languages(model: Any) -> list[str]:
    """A text given in several languages is written in the model's language, else in English,
    else in the first language it gives (the loader's text_in)."""
    given = list(model.languages)
    english = [x for x in given if x.split("-")[0] == "en"]
    if model.language:
        lang, whose = model.language, "the model's language"
    elif english:
        lang, whose = english[0], "as the model states no language"
    elif len(given) > 1:
        return [f"texts in several languages ({', '.join(given)}): each is written in the first language it gives"]
    else:
        return []
    others = [x for x in given if x != lang]
    return [f"texts in {', '.join(others)} (each text is written in {lang}, {whose})"] if others else []


def _fields(d: Mapping[str, Any], keys: tuple[str, ...], lacks: str) -> list[str]:
    """The model fields of ``keys`` given (and a role other than intervention), which the format
    ``lacks`` ("the About sheet has no row for") a place for."""
    fields = [k for k in keys if d.get(k)]
    if d.get("role", "intervention") != "intervention":
        fields.append("role")
    if not fields:
        return []
    return [f"{names('model field', fields)} ({lacks} {'it' if len(fields) == 1 else 'them'})"]


def _edges(d: Mapping[str, Any], with_rate: bool) -> list[str]:
    edges = d.get("chain", {}).get("edges", [])
    return [
        f"chain.edges[{e['from']}->{e['to']}]" + (".rate" if with_rate else "")
        for e in edges
        if "rate" in e or not with_rate
    ]


def valuemap_left_out(model: Any) -> list[str]:
    """What of ``model`` a Value Map workbook does not hold (empty when nothing): soft outcomes,
    parties no row names, uncertainty, the chain's conversion rates, texts in other languages,
    and the model-level fields the About sheet has no row for."""
    d = model.to_dict()
    out = _soft(d)
    named = {inv.get("funder") for inv in d.get("investments", [])}
    for o in d.get("outcomes", []):
        named |= set(o.get("beneficiaries") or {}) | {o.get("stakeholder")}
    quiet = [st.id for st in model.stakeholders if st.id not in named]
    if quiet:
        out.append(f"{names('stakeholder', quiet)} (no investment and no outcome valued in money: no row names it)")
    rates = _edges(d, with_rate=True)
    out += _uncertainty(d, rates)
    if rates:
        out.append(
            f"the chain's conversion rates ({', '.join(listed(rates))}): each outcome's Quantity is what the "
            "chain gives (at the central values)"
        )
    return (
        out
        + _languages(model)
        + _fields(d, ("description", "notes", "defaults", "price_index"), "the About sheet has no row for")
    )


def cids_left_out(model: Any) -> list[str]:
    """What of ``model`` its CIDS document does not hold (empty when nothing): soft outcomes,
    uncertainty, the chain's links (its outcome quantities are what the chain gives), each
    funder's investment (the summary report states their total), the discounting (the present
    values are computed with it), texts in other languages, and model fields CIDS has no place for."""
    d = model.to_dict()
    out = _soft(d) + _uncertainty(d, [])
    links = _edges(d, with_rate=False)
    if links:
        out.append(
            f"the chain's links ({', '.join(listed(links))}): each outcome's quantity is what the chain gives "
            "(at the central values)"
        )
    funders = [f"investments[{i}]" for i, _ in enumerate(d.get("investments", []))]
    if funders:
        out.append(f"each funder's investment ({', '.join(listed(funders))}): the summary report states their total")
    if d.get("discount"):
        out.append("the discounting (model field 'discount'): the present values are computed with it")
    return out + _languages(model) + _fields(d, ("notes", "defaults", "price_index"), "CIDS has no place for")
