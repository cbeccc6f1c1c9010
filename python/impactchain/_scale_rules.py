"""A soft outcome's scale and the checks of its scores, on plain lists of floats
(NaN = missing): which scale the model names (``scale_definition``), scores outside
its range refused (``check_in_scale``) and item responses scored by the core
(``score_items``). numpy is imported to score items only (the core takes an array)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, Optional

from impactchain import _core
from impactchain._problems import MAX_LISTED, counted  # scores outside the scale listed in one error

_OWN_SCALE_KEYS = ("id", "name", "items", "item_min", "item_max", "reverse_items", "scoring")


def scale_definition(scale: Any, *, default_id: str = "", where: str = "scale") -> Any:
    """The :class:`ScaleDefinition` a soft outcome's ``scale`` names: a built-in scale's name,
    a mapping of the model's own scale (``items``, ``item_min``, ``item_max``, optional
    ``reverse_items``, ``scoring``, ``id`` (default ``default_id``), ``name``), or a ScaleDefinition."""
    if isinstance(scale, _core.ScaleDefinition):
        return scale
    if isinstance(scale, str):
        return _core.builtin_scale(scale)
    if not isinstance(scale, Mapping):
        from impactchain._check import ArgumentError

        raise ArgumentError(
            f"{where}: scale must be a built-in scale's name, a mapping {{items, item_min, item_max, ...}} "
            f"or a ScaleDefinition, got {type(scale).__name__}"
        )
    unknown = sorted(set(scale) - set(_OWN_SCALE_KEYS))
    if unknown:
        raise ValueError(f"{where}: scale has unknown keys {unknown} (known: {list(_OWN_SCALE_KEYS)})")
    missing = [k for k in ("items", "item_min", "item_max") if scale.get(k) is None]
    if missing:
        raise ValueError(f"{where}: a scale of the model's own needs {', '.join(missing)}")
    name = scale.get("name")
    return _core.ScaleDefinition(
        str(scale.get("id") or default_id or "own"),
        [str(x) for x in scale["items"]],
        item_min=float(scale["item_min"]),
        item_max=float(scale["item_max"]),
        reverse_items=[str(x) for x in scale.get("reverse_items") or []],
        scoring=str(scale.get("scoring") or "sum"),
        name=name if isinstance(name, str) else "",  # a name per language stays in the model's texts
    )


def check_in_scale(values: Sequence[float], scale: Any, what: str, rows: Sequence[Any]) -> None:
    """Refuses scores outside the scale's score range, listing them by ``rows`` (their labels,
    e.g. file line numbers) and value; see ``impactchain._soft_scales.check_scores_in_scale``."""
    d = _core.builtin_scale(scale) if isinstance(scale, str) else scale
    lo, hi = d.score_range
    check_in_range(values, (float(lo), float(hi)), f"scale '{d.id}'", what, rows)


def check_in_range(
    values: Sequence[float], bounds: tuple[float, float], of: str, what: str, rows: Sequence[Any]
) -> None:
    """Refuses scores outside ``bounds`` (the range of ``of``: "scale 'swemwbs'", "indicator
    'life_sat'"), as ``check_in_scale`` words it: every such score listed by row and value."""
    lo, hi = bounds
    bad = [i for i, v in enumerate(values) if not math.isnan(v) and (v < lo or v > hi)]
    if not bad:
        return
    shown = ", ".join(f"row {rows[i]}: {values[i]:g}" for i in bad[:MAX_LISTED])
    more = f" and {len(bad) - MAX_LISTED} more" if len(bad) > MAX_LISTED else ""
    err = _core.ValidationError(
        f"{what}: {counted(len(bad), 'score')} outside the range [{lo:g}, {hi:g}] of {of} ({shown}{more}); "
        "correct or remove them (values outside the scale are not used)"
    )
    err.issues = [(what, f"score outside [{lo:g}, {hi:g}] at row {rows[i]}") for i in bad[:MAX_LISTED]]
    # every score outside, listed or not (a refusal's heading counts them)
    err.count = len(bad)
    raise err


def with_max_missing(d: Any, max_missing: Optional[int]) -> Any:
    """The definition with ``max_missing`` as its pro-rating limit (checked), or as it is when None."""
    if max_missing is None:
        return d
    from impactchain._check import check_int

    return d.with_max_missing(check_int("max_missing", max_missing, 0, max(0, len(d.items) - 1)))


def score_items(d: Any, items: Sequence[Sequence[float]], max_missing: Optional[int]) -> tuple[Any, Any]:
    """Item responses (one list per item, in the definition's order) scored by the core:
    (the definition used, the core's result: ``score``, ``n_missing`` per respondent)."""
    import numpy as np

    d = with_max_missing(d, max_missing)
    return d, _core.score_scale(d, np.ascontiguousarray(np.array(items, dtype=float).reshape(len(items), -1).T))
