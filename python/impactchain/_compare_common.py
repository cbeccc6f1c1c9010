"""Argument checks and conversions shared by the comparison modules.

Errors are ``impactchain.ValidationError`` (a ValueError); names, numbers and the
willingness to pay are turned into the plain lists the C++ core takes, and
result tables into JSON-ready records.
"""
from __future__ import annotations

import math
from typing import Any, Iterable

import numpy as np
import pandas as pd

from impactchain import _core


def _error(message: str) -> Exception:
    """impactchain.ValidationError (a ValueError) with the given message."""
    try:
        return _core.ValidationError(message)
    except TypeError:  # pragma: no cover - depends on how the core binds the class
        return ValueError(message)


def _opt(v: Any) -> float:
    return float("nan") if v is None else float(v)


def _names(strategies: Iterable[Any]) -> list[str]:
    return [str(s) for s in strategies]


def _floats(x: Any, what: str) -> list[float]:
    arr = np.asarray(x, dtype=float)
    if arr.ndim != 1:
        raise _error(f"{what}: expected a 1-D sequence, got {arr.ndim}-D")
    return arr.tolist()


def _wtp(wtp: Any) -> tuple[list[float], bool]:
    scalar = np.ndim(wtp) == 0
    arr = np.atleast_1d(np.asarray(wtp, dtype=float))
    if arr.ndim != 1:
        raise _error(f"wtp: expected a number or a 1-D array, got {arr.ndim}-D")
    return arr.tolist(), scalar


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    out = []
    for rec in df.to_dict(orient="records"):
        out.append({k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in rec.items()})
    return out
