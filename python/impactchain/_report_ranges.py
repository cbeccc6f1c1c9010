"""The range the model gives each uncertain assumption (its distribution's lowest and highest
value), by the valuation's parameter names (``outcomes[jobs].proxy.value``, ``chain.edges[a->b].rate``,
``investments[0].amount``): the report marks a switching value that lies outside it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from impactchain._core import Distribution, Parameter


def _distributions(x: Any, path: str = "") -> Iterator[tuple[str, Mapping[str, Any]]]:
    """(path, one-key mapping) of each value of a model file that names a distribution other
    than ``fixed``, paths as the valuation names its parameters (list items by id, an edge by
    ``from->to``, else by position)."""
    if isinstance(x, Mapping):
        if len(x) == 1 and next(iter(x)) in Distribution.__members__:
            if next(iter(x)) != "fixed":
                yield path, x
            return
        for k, v in x.items():
            yield from _distributions(v, f"{path}.{k}" if path else str(k))
    elif isinstance(x, list):
        for i, v in enumerate(x):
            key = v.get("id") if isinstance(v, Mapping) else None
            if isinstance(v, Mapping) and "from" in v and "to" in v:
                key = f"{v['from']}->{v['to']}"
            yield from _distributions(v, f"{path}[{key if key is not None else i}]")


def model_ranges(model_dict: Mapping[str, Any]) -> dict[str, tuple[float, float]]:
    """Parameter name -> (lowest, highest) value its distribution can take in the model whose
    ``to_dict()`` is ``model_dict`` (either may be infinite: a normal's); a fixed value has none.
    Soft outcomes are not valued, so not looked at."""
    d = {k: v for k, v in model_dict.items() if k != "soft_outcomes"}
    out = {}
    for path, dist in _distributions(d):
        p = Parameter.from_dict(dict(dist))
        out[path] = (float(p.lower), float(p.upper))
    return out


def outside(x: float, bounds: tuple[float, float] | None) -> bool:
    """Whether ``x`` lies outside ``bounds`` (None: the model gives no range, so never)."""
    return bounds is not None and not bounds[0] <= x <= bounds[1]
