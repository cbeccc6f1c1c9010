"""Input coercion of the soft-impact modules: numpy arrays or pandas objects in,
contiguous float arrays out (NaN = missing). Their results follow the one result
contract of :mod:`impactchain._result`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional, Union

import numpy as np
import pandas as pd

from impactchain._notice import notice

ArrayLike = Union[np.ndarray, pd.DataFrame, pd.Series, Sequence[Any]]


def _refuse_text(data: Any, what: str) -> None:
    """Text that reads as a number ("3", a survey export's text column given as a list) is not
    taken for one, as a pandas column of text is not: a ValueError naming the first place (never
    the value: survey answers stay out of messages)."""
    if isinstance(data, (pd.Series, pd.DataFrame)) or (isinstance(data, np.ndarray) and data.dtype.kind in "biuf"):
        return
    raw = np.asarray(data, dtype=object)
    for at, v in np.ndenumerate(raw):
        if isinstance(v, (str, bytes, np.str_, np.bytes_)):
            where = f"row {at[0]}, column {at[1]}" if raw.ndim == 2 else f"position {at[0]}" if raw.ndim else ""
            raise ValueError(
                f"{what}: values must be numbers, got text at {where} (a text column of a survey export? "
                "convert it to numbers first, e.g. with pandas.to_numeric)"
            )


def _as_float_matrix(data: ArrayLike, what: str) -> tuple[np.ndarray, list[str], Optional[pd.Index]]:
    """2-D float array (NaN = missing), column names and the row index of a DataFrame."""
    if isinstance(data, pd.DataFrame):
        bad = [str(c) for c in data.columns if not (pd.api.types.is_numeric_dtype(data[c]) or data[c].isna().all())]
        if bad:
            raise ValueError(f"{what}: columns {bad} are not numeric (responses must be numbers, missing = NaN)")
        arr = data.to_numpy(dtype=float, na_value=np.nan)
        return np.ascontiguousarray(arr), [str(c) for c in data.columns], data.index
    if isinstance(data, (str, bytes)):
        raise ValueError(f"{what}: expected a 2-D array of numbers, got {type(data).__name__}")
    _refuse_text(data, what)
    try:
        arr = np.asarray(data, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{what}: could not convert the values to numbers (missing = NaN)") from None
    if arr.ndim != 2:
        raise ValueError(f"{what}: expected a 2-D array (rows = respondents, columns = items), got {arr.ndim}-D")
    return np.ascontiguousarray(arr), [f"item {j}" for j in range(arr.shape[1])], None


def _as_float_vector(data: ArrayLike, what: str) -> np.ndarray:
    if isinstance(data, pd.DataFrame):
        raise ValueError(f"{what}: expected one column of values, got a DataFrame with {data.shape[1]} columns")
    if isinstance(data, pd.Series) and not (pd.api.types.is_numeric_dtype(data) or data.isna().all()):
        raise ValueError(f"{what}: values must be numeric, got dtype {data.dtype}")
    if isinstance(data, (str, bytes)) or np.isscalar(data):
        raise ValueError(f"{what}: expected a 1-D array of numbers, got {type(data).__name__}")
    _refuse_text(data, what)
    try:
        arr = np.asarray(data, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{what}: could not convert the values to numbers (missing = NaN)") from None
    if arr.ndim != 1:
        raise ValueError(f"{what}: expected a 1-D array, got {arr.ndim}-D")
    return arr


def pick_own(name: str, value: Any, default: Any, used: list[str], func: str) -> Any:
    """``value``, or when it is None the function's own ``default`` (one not in
    ``impactchain.DEFAULTS``, e.g. the number of bootstrap resamples), noted in ``used``
    (the result's assumptions) in the words of :func:`impactchain._defaults.default_note`."""
    if value is not None:
        return value
    shown = repr(default) if isinstance(default, str) else str(default)
    used.append(notice("defaults.function_default", name=name, value=shown, function=func))
    return default
