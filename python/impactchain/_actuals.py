"""Forecast against actual (docs/portfolio.md): a file of actuals laid over a forecast model,
every replaced value listed, and the difference of each outcome's present value split into its
causes by the Shapley decomposition.

An actuals file is written with the model file's keys and ids and read by the model files'
parser; it gives only what happened differently. Merged into the forecast it is read again by
the one model loader, so everything a model file must satisfy, the actual model satisfies too.

Merge rules: ``chain.nodes``, ``outcomes``, ``soft_outcomes``, ``indicators`` and ``stakeholders``
are matched by ``id`` and ``chain.edges`` by ``from`` and ``to`` (an id the forecast does not
have is an error naming it, and so is an entry given twice); within a matched entry, ``proxy`` and ``wellbeing`` are merged key
by key and every other key is replaced whole (a Parameter, a text in several languages, a list),
a soft outcome's ``data`` with its ``data_post``, ``skip_rows`` and ``header_row`` (an actual's
``data`` alone is one file of both measurements, never joined to the forecast's after file, nor
read by the rows of the forecast's export);
``investments`` is replaced whole (what was actually spent); any other top-level key is replaced
whole.
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Mapping, Sequence
from itertools import combinations
from pathlib import Path
from typing import Any, Optional, Union

from impactchain._problems import raise_problems

#: Sections matched entry by entry, with the keys that identify an entry.
_BY_ID: dict[tuple[str, ...], tuple[str, ...]] = {
    ("chain", "nodes"): ("id",),
    ("chain", "edges"): ("from", "to"),
    ("outcomes",): ("id",),
    ("soft_outcomes",): ("id",),
    ("indicators",): ("id",),
    ("stakeholders",): ("id",),
}
#: What an entry of each such section is called in a message.
_ENTRY: dict[tuple[str, ...], str] = {
    ("chain", "nodes"): "node id",
    ("chain", "edges"): "edge",
    ("outcomes",): "outcome id",
    ("soft_outcomes",): "soft outcome id",
    ("indicators",): "indicator id",
    ("stakeholders",): "stakeholder id",
}
#: Keys of an entry merged key by key (the rest is replaced whole).
_MERGED = ("proxy", "wellbeing")
#: Keys of an entry that go together: an actual giving the first replaces the others too (absent
#: in the actual: left out), so a soft outcome's new ``data`` is never joined to the forecast's
#: ``data_post`` (last year's after measurement), nor are rows of it left out by the forecast's
#: ``skip_rows`` or ``header_row`` (the old export's rows, which the new file may hold answers in).
_TOGETHER: dict[tuple[str, ...], tuple[str, ...]] = {
    ("soft_outcomes",): ("data", "data_post", "skip_rows", "header_row")
}
#: What an actuals file may hold besides the sections above (the model file's other keys).
_TOP = (
    "impactchain",
    "name",
    "organisation",
    "description",
    "period",
    "currency",
    "price_year",
    "notes",
    "language",
    "stakeholders",
    "indicators",
    "chain",
    "discount",
    "investments",
    "outcomes",
    "price_index",
    "soft_outcomes",
    "defaults",
    "role",
)

#: The causes a difference in an outcome's present value is split into, and the model-file keys of each.
FACTORS: dict[str, tuple[str, ...]] = {
    "quantity": ("quantity", "node"),
    "proxy": ("proxy", "wellbeing"),
    "adjustments": ("deadweight", "displacement", "attribution", "leakage", "drop_off"),
    "duration": ("duration", "start"),
    "discounting": (),  # the model's `discount`
}


class ActualsError(ValueError):
    """An actuals file that cannot be laid over its forecast: the message names the file and entry."""


def read_document(
    path: Union[str, Path], what: str, notices: Optional[list[Any]] = None, shown: Optional[str] = None
) -> Any:
    """A YAML or JSON file read by the model files' parser, as plain data. ``notices``: where the
    file's numbers written like 150.000 (read as 150, a decimal point) are said, each a
    ``model.dotted_thousands`` notice with its path, line and column. ``shown``: the file as
    messages name it (default its path)."""
    from impactchain import _core
    from impactchain.io import _format, model_file_limits

    p = Path(path)
    name = str(p) if shown is None else shown
    if not p.is_file():
        raise FileNotFoundError(f"{what}: cannot read '{name}': no such file")
    limit = model_file_limits["max_file_bytes"]
    if p.stat().st_size > limit:
        raise ActualsError(f"{what}: '{name}' is larger than {limit} bytes (limit max_file_bytes)")
    text = p.read_bytes()
    suffix = p.suffix.lower()
    fmt = "json" if suffix == ".json" else "yaml" if suffix in (".yaml", ".yml") else _format(text, None)
    try:
        plain, said = _core.plain_document(text, fmt)
    except ValueError as e:
        raise ActualsError(f"{what} '{name}': {e}") from None
    if notices is not None:
        notices.extend(said)
    return json.loads(plain)


def _key(entry: Mapping[str, Any], keys: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(entry.get(k) for k in keys)


def _label(path: str, key: tuple[Any, ...], keys: tuple[str, ...]) -> str:
    return f"{path}[{'->'.join(str(k) for k in key)}]" if len(keys) > 1 else f"{path}[{key[0]}]"


def _diff(path: str, old: Any, new: Any, out: list[dict[str, Any]]) -> None:
    """Every value at or below ``path`` that differs between old and new, as replaced values."""
    if isinstance(old, Mapping) and isinstance(new, Mapping) and path.rsplit(".", 1)[-1] in _MERGED:
        for k in list(old) + [k for k in new if k not in old]:
            _diff(f"{path}.{k}", old.get(k), new.get(k), out)
        return
    if old != new:
        out.append({"path": path, "forecast": old, "actual": new})


def refuse(problems: Sequence[str], source: str) -> None:
    """Raises one ActualsError with every problem of the actuals file ``source`` (one per line), if any."""
    raise_problems(ActualsError, problems, f"actuals file '{source}'", prefix=f"actuals file '{source}': ")


def merge_actuals(
    forecast: Mapping[str, Any],
    actuals: Mapping[str, Any],
    source: str,
    problems: Optional[list[str]] = None,
    fields: Optional[list[str]] = None,
) -> tuple[dict, list[dict]]:
    """The forecast model (model-file form) with the actuals laid over it, and the list of every
    value replaced (``path``, ``forecast``, ``actual``; paths name entries by id).

    An entry that cannot be laid over the forecast (an unknown key, an id the forecast lacks) is
    a problem: added to ``problems`` when given (the entry left out, the rest merged), else every
    one raised together as one ActualsError. ``fields``: where given, per problem added, the
    actuals file's field it is of (``outcomes[1]``, the entry by its position in the file)."""
    if not isinstance(actuals, Mapping):
        raise ActualsError(
            f"actuals file '{source}': expected a mapping of model-file keys, got {type(actuals).__name__}"
        )
    said = _Said(source, [] if problems is None else problems, fields)
    merged = copy.deepcopy(dict(forecast))
    replaced: list[dict[str, Any]] = []
    for top, value in actuals.items():
        if top == "impactchain":
            continue
        if top not in _TOP:
            said(top, f"unknown key '{top}'; an actuals file uses the model file's keys ({', '.join(_TOP)})")
            continue
        if top == "chain":
            if not isinstance(value, Mapping):
                said("chain", "chain must be a mapping of nodes and edges")
                continue
            chain = merged.setdefault("chain", {})
            for sub, items in value.items():
                if sub not in ("nodes", "edges"):
                    said(f"chain.{sub}", f"chain.{sub}: an actuals file gives chain nodes and edges")
                    continue
                _merge_entries(chain, sub, items, ("chain", sub), f"chain.{sub}", replaced, said)
            continue
        if (top,) in _BY_ID:
            _merge_entries(merged, top, value, (top,), top, replaced, said)
            continue
        _diff(top, merged.get(top), value, replaced)
        merged[top] = copy.deepcopy(value)
    if problems is None:
        refuse(said.problems, source)
    return merged, replaced


class _Said:
    """The problems of an actuals file as ``merge_actuals`` adds them: each as its text
    (``actuals file 'a.yaml': outcomes[1]: …``) and, where wanted, the field it is of."""

    def __init__(self, source: str, problems: list[str], fields: Optional[list[str]]) -> None:
        self.source, self.problems, self.fields = source, problems, fields

    def __call__(self, field: str, text: str) -> None:
        """``text`` (as said after the file's name) is of ``field``."""
        self.problems.append(f"actuals file '{self.source}': {text}")
        if self.fields is not None:
            self.fields.append(field)


def _merge_entries(
    parent: dict,
    name: str,
    items: Any,
    section: tuple[str, ...],
    path: str,
    replaced: list[dict],
    said: _Said,
) -> None:
    keys = _BY_ID[section]
    if not isinstance(items, list):
        said(path, f"{path} must be a list of entries, got {type(items).__name__}")
        return
    have = parent.setdefault(name, [])
    index = {_key(e, keys) if isinstance(e, Mapping) else (e,): i for i, e in enumerate(have)}
    first: dict[tuple[Any, ...], int] = {}  # an entry's key -> where the actuals file gives it first
    for j, entry in enumerate(items):
        if not isinstance(entry, Mapping) or any(entry.get(k) is None for k in keys):
            said(f"{path}[{j}]", f"{path}[{j}] must be a mapping with {' and '.join(keys)} naming a forecast entry")
            continue
        key = _key(entry, keys)
        if key in first:  # the same entry twice: which is the actual? (a model file refuses it too)
            what = _ENTRY[section]
            given = "->".join(str(k) for k in key)
            said(f"{path}[{j}]", f"{path}[{j}]: duplicate {what} '{given}' (first at {name}[{first[key]}])")
            continue
        first[key] = j
        if key not in index:
            known = ", ".join("->".join(str(x) for x in k) for k in index) or "none"
            said(
                f"{path}[{j}]",
                f"{path}[{j}]: {'->'.join(str(k) for k in key)} is not in the forecast model (its {path}: {known})",
            )
            continue
        i = index[key]
        target = have[i] if isinstance(have[i], Mapping) else {"id": have[i]}
        target = dict(target)
        label = _label(path, key, keys)
        together = _TOGETHER.get(section, ())
        if together and together[0] in entry:
            for k in together[1:]:
                if k not in entry and k in target:
                    _diff(f"{label}.{k}", target.pop(k), None, replaced)
        for k, v in entry.items():
            if k in keys:
                continue
            if k in _MERGED and isinstance(v, Mapping) and isinstance(target.get(k), Mapping):
                _diff(f"{label}.{k}", target[k], {**target[k], **v}, replaced)
                target[k] = {**target[k], **copy.deepcopy(dict(v))}
            else:
                _diff(f"{label}.{k}", target.get(k), v, replaced)
                target[k] = copy.deepcopy(v)
        have[i] = target


# --------------------------------------------------------------------------- Shapley


def _hybrid(forecast: Mapping[str, Any], actual: Mapping[str, Any], factors: Sequence[str]) -> dict:
    """The forecast with the actual's values of ``factors`` (outcomes matched by id)."""
    out = copy.deepcopy(dict(forecast))
    actual_outcomes = {o["id"]: o for o in actual.get("outcomes", [])}
    for f in factors:
        if f == "discounting":
            if "discount" in actual:
                out["discount"] = copy.deepcopy(actual["discount"])
            else:
                out.pop("discount", None)
            continue
        if f == "quantity" and "chain" in actual:
            out["chain"] = copy.deepcopy(actual["chain"])
        for o in out.get("outcomes", []):
            a = actual_outcomes[o["id"]]
            for k in FACTORS[f]:
                if k in a:
                    o[k] = copy.deepcopy(a[k])
                else:
                    o.pop(k, None)
    return out


def _differs(forecast: Mapping[str, Any], actual: Mapping[str, Any], factor: str) -> bool:
    if factor == "discounting":
        return forecast.get("discount") != actual.get("discount")
    if factor == "quantity" and forecast.get("chain") != actual.get("chain"):
        return True
    fo = {o["id"]: o for o in forecast.get("outcomes", [])}
    return any(fo[a["id"]].get(k) != a.get(k) for a in actual.get("outcomes", []) for k in FACTORS[factor])


def shapley_split(
    forecast: Mapping[str, Any], actual: Mapping[str, Any], present_values: Any
) -> tuple[dict[str, dict[str, float]], list[str]]:
    """Per outcome id, the Shapley value of each factor of FACTORS in the difference actual −
    forecast of its present value: the average, over every order of switching the factors from
    forecast to actual, of the change when that factor switches (order-free; the parts sum to
    the difference). ``present_values(model_dict)`` gives {outcome id: present value}. Factors
    that do not differ take no part (their share is 0). Returns the split and the factors used."""
    used = [f for f in FACTORS if _differs(forecast, actual, f)]
    n = len(used)
    cache: dict[frozenset[str], dict[str, float]] = {}

    def v(subset: frozenset[str]) -> dict[str, float]:
        if subset not in cache:
            cache[subset] = present_values(_hybrid(forecast, actual, [f for f in used if f in subset]))
        return cache[subset]

    ids = [o["id"] for o in forecast.get("outcomes", [])]
    split = {i: dict.fromkeys(FACTORS, 0.0) for i in ids}
    for f in used:
        others = [g for g in used if g != f]
        for size in range(n):
            weight = math.factorial(size) * math.factorial(n - size - 1) / math.factorial(n)
            for s in combinations(others, size):
                base = frozenset(s)
                with_f, without = v(base | {f}), v(base)
                for i in ids:
                    split[i][f] += weight * (with_f[i] - without[i])
    return split, used


__all__ = ["ActualsError", "FACTORS", "merge_actuals", "read_document", "shapley_split"]
