"""Equality of result values, as ``Result.__eq__`` compares two results' fields: DataFrames,
Series and arrays by value (NaN equal to NaN; text the same whichever storage pandas chose for
it), floats with NaN equal to NaN, containers and plain dataclasses element by element.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from impactchain._loaded import loaded_pandas

__all__ = ["same"]


def _plain_strings(x: Any) -> Any:
    """A frame or series with its text columns (and index) as objects: pandas stores text with
    pyarrow when it is installed and in Python objects otherwise, the same text either way."""
    import pandas as pd  # only given pandas objects

    if isinstance(x, pd.DataFrame):
        text = [c for c in x.columns if isinstance(x[c].dtype, pd.StringDtype)]
        x = x.astype(dict.fromkeys(text, object)) if text else x
    elif isinstance(x.dtype, pd.StringDtype):
        x = x.astype(object)
    if isinstance(x.index.dtype, pd.StringDtype):
        x = x.copy()
        x.index = x.index.astype(object)
    return x


def same(a: Any, b: Any) -> bool:
    """Equality that compares DataFrames, Series and arrays by value (NaN equal to NaN; text the
    same whichever storage pandas chose for it)."""
    pd = loaded_pandas()
    if pd is not None and (isinstance(a, (pd.DataFrame, pd.Series)) or isinstance(b, (pd.DataFrame, pd.Series))):
        both_frames = isinstance(a, pd.DataFrame) and isinstance(b, pd.DataFrame)
        both_series = isinstance(a, pd.Series) and isinstance(b, pd.Series)
        if not (both_frames or both_series):
            return False
        named = list(a.index.names) == list(b.index.names) and (both_frames or a.name == b.name)
        return named and bool(_plain_strings(a).equals(_plain_strings(b)))
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)) or a.shape != b.shape:
            return False
        try:
            return bool(np.array_equal(a, b, equal_nan=True))
        except TypeError:
            return bool(np.array_equal(a, b))
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    from impactchain._result import Result  # a nested result compares itself (Result.__eq__ calls this function)

    if dataclasses.is_dataclass(a) and not isinstance(a, (type, Result)) and type(a) is type(b):
        return all(same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False
