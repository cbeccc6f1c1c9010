"""The mapping arguments of :func:`impactchain.composite` checked before the core runs: a level
of ``levels`` (its keys, parents, weights, method and power), a per-indicator mapping
(``direction``, ``targets``, ``goalposts``; keys read as text) and the options that belong to one normalisation. A key or an
option that would be ignored is refused, never dropped without a word."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from typing import Any, Optional

import numpy as np
import pandas as pd

from impactchain import _core
from impactchain._check import ArgumentError, check_choice, check_int, check_real, check_sequence_of_int
from impactchain._composite_labels import str_keys
from impactchain._notice import notice
from impactchain._soft_common import pick_own

#: The keys of a level mapping, in the order the docs give them.
LEVEL_KEYS = ("name", "parents", "weights", "method", "power")
#: Words people write for a level key, which no spelling distance finds ("p" for "power").
_LEVEL_ALIASES = {
    "p": "power",
    "exponent": "power",
    "weight": "weights",
    "parent": "parents",
    "aggregation": "method",
    "mean": "method",
    "label": "name",
}
_GENERALISED = ("generalised", "generalized")

#: Each option that one normalisation uses -> that normalisation.
NORMALISATION_OPTIONS = {
    "minmax_range": "minmax",
    "zscore": "zscore",
    "targets": "distance_to_target",
    "cap_at_target": "distance_to_target",
    "goalposts": "goalposts",
    "goal_scale": "goalposts",
}


def _suggestion(key: str, known: Sequence[str], aliases: Optional[Mapping[str, str]] = None) -> str:
    """' (did you mean 'power'?)' for a key close to a known one, else ''."""
    close = (aliases or {}).get(key.lower()) or next(iter(difflib.get_close_matches(key, known, n=1, cutoff=0.6)), None)
    return f" (did you mean '{close}'?)" if close else ""


def refuse_unknown(where: str, given: Mapping[Any, Any], known: Sequence[str], what: str, listing: str) -> None:
    """A ValueError naming the first key of ``given`` not in ``known`` (``what`` calls it a key,
    an indicator, a node), a close known one and ``listing`` (the keys accepted)."""
    unknown = [str(k) for k in given if str(k) not in known]
    if unknown:
        aliases = _LEVEL_ALIASES if what == "key" else None
        names = ", ".join(f"'{k}'{_suggestion(k, known, aliases)}" for k in unknown)
        raise ValueError(f"{where}: unknown {what}{'s' if len(unknown) > 1 else ''} {names}; {listing}")


def level_spec(level: Mapping[str, Any], children: list[str], i: int, used: list[str]) -> Any:
    """The core's CompositeLevel of ``levels[i]`` over the nodes ``children``; every default it
    takes (equal weights, the method, the power of a generalised mean) is noted in ``used``."""
    if not isinstance(level, Mapping):
        raise ArgumentError(f"levels[{i}] must be a mapping ({', '.join(LEVEL_KEYS)}), got {type(level).__name__}")
    name = str(level.get("name", f"level{i + 1}"))
    where = f"levels[{i}] '{name}'"
    refuse_unknown(where, level, LEVEL_KEYS, "key", f"a level takes {', '.join(LEVEL_KEYS)}")
    if "name" not in level:  # the name its tables and columns carry, not given: said
        used.append(notice("composite.level_name_default", index=i, level=name))
    parents_map = str_keys(level.get("parents"), f"{where}: parents")
    if parents_map is None:
        parents = [name] * len(children)
    else:
        if not isinstance(parents_map, Mapping):
            raise ArgumentError(f"{where}: parents must be a mapping node -> parent, got {type(parents_map).__name__}")
        unknown = sorted(set(parents_map) - set(children))
        if unknown:
            raise ValueError(f"level '{name}': parents names unknown nodes {unknown} (nodes below: {children})")
        missing = [c for c in children if c not in parents_map]
        if missing:
            raise ValueError(f"level '{name}': no parent given for {missing}")
        parents = [str(parents_map[c]) for c in children]
    weights: list[float] = []
    if level.get("weights") is None:
        used.append(notice("composite.weights_equal", level=name))
    else:
        w = str_keys(level["weights"], f"{where}: weights")
        if not isinstance(w, Mapping):
            raise ArgumentError(f"{where}: weights must be a mapping node -> weight, got {type(w).__name__}")
        refuse_unknown(f"level '{name}': weights", w, children, "node", f"nodes below: {children}")
        missing = [c for c in children if c not in w]
        if missing:
            raise ValueError(f"level '{name}': no weight given for {missing}")
        weights = [check_real(f"levels[{i}].weights['{c}']", w[c]) for c in children]
        for c, x in zip(children, weights):  # named here by node: the core counts them within their parent
            if x < 0:
                field, message = f"levels[{i}] '{name}'.weights['{c}']", f"weight must be finite and >= 0, got {x:g}"
                err = _core.ValidationError(f"{field}: {message}")
                err.issues = [(field, message)]
                raise err
    method_given = level.get("method") is not None
    method = check_choice(
        f"levels[{i}].method",
        pick_own(f"level '{name}' method", level.get("method"), "arithmetic", used, "composite"),
        ("arithmetic", "geometric", "harmonic", *_GENERALISED),
    )
    power = 1.0
    if method in _GENERALISED:
        if level.get("power") is None:
            used.append(notice("composite.power_default", level=name))
        else:
            power = check_real(f"levels[{i}].power", level["power"])
            if power == 0:
                raise ValueError(
                    f"levels[{i}].power: a generalised mean needs a power other than 0, got 0 "
                    "(its limit at 0 is the geometric mean: method 'geometric')"
                )
    elif level.get("power") is not None:
        raise ValueError(
            f"{where}: power applies only to method 'generalised', "
            f"but the method is '{method}'{'' if method_given else ' (not given: the default)'}"
        )
    return _core.CompositeLevel(name, parents, weights=weights, method=method, power=power)


def check_groups(groups: Any, imputation: str) -> None:
    """``groups`` of :func:`impactchain.composite`: given exactly when ``imputation`` is by group,
    and a column name, a Series or a list."""
    if groups is not None and not isinstance(groups, (str, pd.Series, list, tuple, np.ndarray)):
        raise ArgumentError(
            f"groups must be a column name, a Series of labels indexed by unit or a list, got {type(groups).__name__}"
        )
    by_group = imputation in ("group_mean", "group_median")
    if by_group and groups is None:
        raise ArgumentError(
            f"imputation '{imputation}' needs groups=: a column name of data, or a Series of group labels "
            "indexed by unit"
        )
    if groups is not None and not by_group:
        raise ArgumentError(
            f"groups applies only to imputation 'group_mean' or 'group_median', but the imputation is '{imputation}'"
        )


def indicator_directions(direction: Any, indicators: list[str], used: list[str]) -> list[int]:
    """+1 or -1 per indicator from ``direction`` (a mapping read by the text of its keys, or a
    list); an indicator not given is +1, noted in ``used``."""
    direction = str_keys(direction, "direction")
    if direction is None:
        used.append(notice("composite.direction_default"))
        return [1] * len(indicators)
    if not isinstance(direction, Mapping):
        return check_sequence_of_int("direction", direction, -1, 1)
    unknown = sorted(set(direction) - set(indicators))
    if unknown:
        raise ValueError(f"direction: unknown indicators {unknown}")
    if len(direction) < len(indicators):
        used.append(
            notice("composite.direction_partial", indicators=str([c for c in indicators if c not in direction]))
        )
    return [check_int(f"direction['{c}']", direction.get(c, 1), -1, 1) for c in indicators]


def per_indicator(m: Optional[Mapping[str, Any]], what: str, indicators: list[str]) -> list[Any]:
    """The value of each indicator in ``m`` (``targets``, ``goalposts``); [] when not given. Keys
    are read as text (``{0: 5}`` names indicator ``"0"``); a key that names no indicator and an
    indicator without a value are errors."""
    if m is None:
        return []
    if not isinstance(m, Mapping):
        raise ArgumentError(f"{what} must be a mapping indicator -> value, got {type(m).__name__}")
    keyed = str_keys(m, what) or {}
    refuse_unknown(what, keyed, indicators, "indicator", f"the indicators: {indicators}")
    missing = [c for c in indicators if c not in keyed]
    if missing:
        raise ValueError(f"{what}: no value for {missing}")
    return [keyed[c] for c in indicators]


def refuse_unused_options(normalisation: str, given: Mapping[str, Any]) -> None:
    """An ArgumentError for options given (not None) that the chosen ``normalisation`` does not use."""
    unused = [k for k, v in given.items() if v is not None and NORMALISATION_OPTIONS[k] != normalisation]
    if unused:
        first, *rest = (f"{k} only to '{NORMALISATION_OPTIONS[k]}'" for k in unused)
        clauses = " and ".join([first.replace(" only to ", " applies only to normalisation ", 1), *rest])
        raise ArgumentError(f"{clauses}, but the normalisation is '{normalisation}'")
