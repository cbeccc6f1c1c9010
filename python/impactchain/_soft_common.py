"""Input coercion and the shared result base of the soft-impact modules.

numpy arrays or pandas objects in, contiguous float arrays out (NaN = missing);
``_Result`` gives every result dataclass ``to_dict()`` and a compact ``_repr_html_``.
"""
from __future__ import annotations

import dataclasses
import html
import math
from typing import Any, Optional, Sequence, Union

import numpy as np
import pandas as pd

ArrayLike = Union[np.ndarray, pd.DataFrame, pd.Series, Sequence[Any]]


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
    try:
        arr = np.asarray(data, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{what}: could not convert the values to numbers (missing = NaN)") from None
    if arr.ndim != 1:
        raise ValueError(f"{what}: expected a 1-D array, got {arr.ndim}-D")
    return arr


def _plain(v: Any) -> Any:
    if isinstance(v, pd.Series):
        return {str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, pd.DataFrame):
        return {str(c): _plain(v[c]) for c in v.columns}
    if isinstance(v, np.ndarray):
        return [_plain(x) for x in v.tolist()]
    if isinstance(v, (np.floating, float)):
        return None if math.isnan(float(v)) else float(v)
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    if dataclasses.is_dataclass(v) and not isinstance(v, type):
        return v.to_dict()
    return v


class _Result:
    """Shared conveniences of the result dataclasses."""

    _title = "result"
    _summary_fields: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><th style='text-align:left'>{html.escape(k)}</th><td>{html.escape(_fmt(getattr(self, k)))}</td></tr>"
            for k in self._summary_fields
        )
        warn = getattr(self, "warnings", ())
        w = "".join(f"<li>{html.escape(x)}</li>" for x in warn)
        return f"<div><b>{html.escape(self._title)}</b><table>{rows}</table>" + (f"<ul>{w}</ul>" if w else "") + "</div>"


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.4g}"
    if isinstance(v, tuple) and len(v) == 2 and all(isinstance(x, float) for x in v):
        return f"[{v[0]:.4g}, {v[1]:.4g}]"
    return str(v)
