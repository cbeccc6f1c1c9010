"""The ``missing`` and ``min_available`` arguments of :func:`impactchain.composite`: what an
aggregate does with a child that has no value (NaN after imputation), checked before the core runs.

``missing="propagate"`` (the default) makes the aggregate NaN. ``missing="available"`` is COINr's
default aggregation (``Aggregate()`` with ``a_amean``, ``a_gmean``, ``a_hmean``): the mean over the
children the unit has, their weights re-normalised to sum 1 (R's ``weighted.mean(x, w, na.rm =
TRUE)``). ``min_available`` is COINr's ``dat_thresh``: the share of a node's children (counted, not
weighted) a unit needs with a value; below it (a share equal to it is enough) the aggregate is NaN.
One share for every level, or a list with one per level (None: no threshold there), as COINr takes
a number or a vector.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Any, Optional

import numpy as np

from impactchain._check import ArgumentError, check_real, invalid
from impactchain._soft_common import pick_own

#: The spellings of ``missing``, the default first.
MISSING = ("propagate", "available")


def missing_rule(missing: Any) -> str:
    """``missing`` checked: one of :data:`MISSING` (None: ``"propagate"``, stated later by
    :func:`note_default` when it mattered); an unknown spelling is refused with the one meant."""
    if missing is None:
        return MISSING[0]
    choices = ", ".join(repr(c) for c in MISSING)
    if not isinstance(missing, str):
        raise ArgumentError(f"missing must be one of {choices}, got {type(missing).__name__}")
    if missing not in MISSING:
        shown = repr(missing) if len(missing) <= 40 else f"a string of {len(missing)} characters"
        close = difflib.get_close_matches(missing.lower(), MISSING, n=1, cutoff=0.6)
        meant = f" (did you mean '{close[0]}'?)" if close else ""
        raise invalid("missing", f"must be one of {choices}, got {shown}{meant}")
    return missing


def thresholds(min_available: Any, missing: str, missing_given: bool, n_levels: int) -> list[Optional[float]]:
    """The share of children each level needs (None: no threshold), from ``min_available``: one
    share in (0, 1] for every level or a list of one per level. Refused unless ``missing`` is
    ``"available"``: with ``"propagate"`` a unit missing any child has no aggregate anyway."""
    if min_available is None:
        return [None] * n_levels
    if missing != "available":
        said = "" if missing_given else " (not given: the default)"
        raise ValueError(
            f"min_available applies only to missing='available', but missing is '{missing}'{said}: "
            "with 'propagate' a unit missing any child has no aggregate"
        )
    if isinstance(min_available, (str, bytes)) or not isinstance(min_available, (Sequence, np.ndarray)):
        return [_share("min_available", min_available)] * n_levels
    if len(min_available) != n_levels:
        raise ValueError(
            f"min_available must be one share for every level or a list of one per level ({n_levels}), "
            f"got {len(min_available)}"
        )
    return [None if t is None else _share(f"min_available[{i}]", t) for i, t in enumerate(min_available)]


def _share(name: str, v: Any) -> float:
    """A share in (0, 1]; 0 is refused with its meaning (COINr's ``dat_thresh = 0``: no threshold, None here)."""
    if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool) and v == 0:
        raise invalid(name, "must be a finite number in (0, 1], got 0 (for no threshold give None)")
    return check_real(name, v, 0.0, 1.0, lo_open=True)


def note_default(missing_given: bool, normalised: np.ndarray, used: list[str]) -> None:
    """States ``missing`` not given (``'propagate'``) in ``used``, when a cell without a value made it
    matter: with complete data both rules give the same numbers."""
    if not missing_given and np.isnan(normalised).any():
        pick_own("missing", None, MISSING[0], used, "composite")
