"""Where two JSON records of numbers differ (tests/python/test_random_stream.py,
tests/python/test_instruction_sets.py)."""

from __future__ import annotations

import math
from typing import Any


def differences(want: Any, got: Any, rel_tol: float = 0.0, where: str = "") -> list[str]:
    """Each place where ``got`` differs from ``want``, as ".key[index]: want != got": floats beyond
    ``rel_tol`` relative (0: any difference, as JSON keeps every bit of a double), anything else
    unequal, a dict with other keys or a list of another length at once."""
    if isinstance(want, dict) and isinstance(got, dict):
        if want.keys() != got.keys():
            return [f"{where}: keys {sorted(want)} != {sorted(got)}"]
        return [d for k in want for d in differences(want[k], got[k], rel_tol, f"{where}.{k}")]
    if isinstance(want, list) and isinstance(got, list) and len(want) == len(got):
        return [d for i, (a, b) in enumerate(zip(want, got)) for d in differences(a, b, rel_tol, f"{where}[{i}]")]
    if isinstance(want, float) and isinstance(got, float):
        same = math.isclose(want, got, rel_tol=rel_tol, abs_tol=0.0) if rel_tol > 0 else want == got
        return [] if same else [f"{where}: {want!r} != {got!r}"]
    return [] if want == got else [f"{where}: {want!r} != {got!r}"]
