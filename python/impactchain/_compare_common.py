"""Argument checks and conversions shared by the comparison modules.

Errors are ``impactchain.ValidationError`` (a ValueError); names, numbers and the
willingness to pay are turned into the plain lists the C++ core takes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Optional

import numpy as np
import pandas as pd

from impactchain import _core
from impactchain._check import ArgumentError, as_float_array


def _error(message: str) -> Exception:
    """impactchain.ValidationError (a ValueError) with the given message."""
    try:
        return _core.ValidationError(message)
    except TypeError:  # pragma: no cover - depends on how the core binds the class
        return ValueError(message)


def _opt(v: Any) -> float:
    return float("nan") if v is None else float(v)


def _names(strategies: Iterable[Any], what: str = "strategies") -> list[str]:
    """Names from a list (or an index); a bare string is refused, not split into letters."""
    if isinstance(strategies, (str, bytes)) or not isinstance(strategies, Iterable) or isinstance(strategies, Mapping):
        raise ArgumentError(f"{what} must be a list of names, got {type(strategies).__name__}")
    return [str(s) for s in strategies]


def comparator_named(comparator: str, names: Sequence[str], files: Sequence[Optional[str]]) -> Optional[str]:
    """The name of the model ``comparator`` points at: one of ``names``, or one of the models' files
    (``files``, where a model came from one) as the path given or the same file by another path.
    None where it is neither."""
    if comparator in names:
        return comparator
    for name, file in zip(names, files):
        if file is None:
            continue
        if os.path.normpath(comparator) == os.path.normpath(file):
            return name
        try:
            if os.path.samefile(comparator, file):
                return name
        except OSError:  # not a file (a name that is none of the models'): no match
            continue
    return None


def _floats(x: Any, what: str) -> list[float]:
    if isinstance(x, (str, bytes)):
        raise ArgumentError(f"{what} must be a list of numbers, got {type(x).__name__}")
    arr = as_float_array(what, x)
    if arr.ndim != 1:
        raise _error(f"{what}: expected a 1-D sequence, got {arr.ndim}-D")
    return arr.tolist()


def _wtp(wtp: Any) -> tuple[list[float], bool]:
    if isinstance(wtp, (str, bytes, bool, np.bool_)):
        raise ArgumentError(f"wtp must be a number or a 1-D array of numbers, got {type(wtp).__name__}")
    scalar = np.ndim(wtp) == 0
    arr = np.atleast_1d(as_float_array("wtp", wtp))
    if arr.ndim != 1:
        raise _error(f"wtp: expected a number or a 1-D array, got {arr.ndim}-D")
    if arr.size > _core.max_wtp_grid:  # the core's ceiling, checked here for the grids looped over in Python
        raise _error(f"wtp: at most {_core.max_wtp_grid} willingness-to-pay values are accepted, got {arr.size}")
    return arr.tolist(), scalar


def _columns(df: pd.DataFrame, func: str, **columns: str) -> dict[str, pd.Series]:
    """The named columns of a DataFrame given first (``icers(df, cost="cost_eur")``);
    a missing column is an error naming the keyword, the column and the columns there are."""
    out = {}
    for keyword, col in columns.items():
        if not isinstance(col, str):
            raise ArgumentError(f"{func}: {keyword}= must be a column name (str), got {type(col).__name__}")
        if col not in df.columns:
            raise _error(
                f"{func}: the DataFrame has no column '{col}' ({keyword}=); its columns: {[str(c) for c in df.columns]}"
            )
        out[keyword] = df[col]
    return out


def _no_columns_without_frame(func: str, **columns: Any) -> None:
    """Column names (strategy=, cost=, …) only mean something with a DataFrame given first."""
    given = [k for k, v in columns.items() if v is not None]
    if given:
        raise TypeError(
            f"{func}(): {', '.join(f'{k}=' for k in given)} name DataFrame columns; give the DataFrame "
            "first, or give costs= and effects= (and strategies=) as arrays"
        )
