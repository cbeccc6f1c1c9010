"""The one conversion of a result value into JSON-ready data (docs/api.md, "Results"):
``json.dumps(json_ready(v), allow_nan=False)`` succeeds. NaN, None and pd.NA become null;
+inf/-inf become the strings ``"inf"``/``"-inf"`` (``float()`` reads them back); numpy
scalars/arrays become Python numbers/lists; a DataFrame becomes a list of records (a named or
non-default index becomes a column); a Series a mapping label -> value; a table still held as
:class:`~impactchain._rows.Rows` the records its DataFrame gives; a nested result its
``to_dict()``.

pandas is not imported here: a value is checked for a pandas type only when pandas is loaded
(:func:`~impactchain._loaded.loaded_pandas`).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import math
from collections.abc import Mapping
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

import numpy as np

from impactchain._loaded import loaded_pandas
from impactchain._rows import Rows
from impactchain._summary import default_index

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["json_ready"]


def _number(x: float) -> Any:
    if math.isnan(x):
        return None
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def _column(s: pd.Series) -> list[Any]:
    """One column of a frame as JSON-ready values (numpy numbers and bools in bulk)."""
    dtype = s.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "biu":
        return s.to_numpy().tolist()
    if isinstance(dtype, np.dtype) and dtype.kind == "f":
        arr = s.to_numpy()
        values = arr.tolist()
        return values if np.isfinite(arr).all() else [_number(v) for v in values]
    return [json_ready(v) for v in s]


def json_ready(value: Any) -> Any:
    """JSON-ready data of a result value (see the module docstring for the convention)."""
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_)):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, (float, np.floating)):
        return _number(float(value))
    pd = loaded_pandas()
    if pd is not None and (value is pd.NA or value is pd.NaT):
        return None
    from impactchain._result import Result  # the results' base, whose to_dict() calls this function

    if isinstance(value, Result):
        return value.to_dict()
    if isinstance(value, Rows):  # a table not read yet: the records its DataFrame gives
        return [{str(k): json_ready(v) for k, v in row.items()} for row in value.rows]
    if pd is not None and isinstance(value, pd.DataFrame):
        df = value if default_index(value.index) else value.reset_index()
        keys = [str(k) for k in df.columns]
        columns = [_column(df.iloc[:, j]) for j in range(df.shape[1])]
        return [dict(zip(keys, row)) for row in zip(*columns)] if keys else [{} for _ in range(len(df))]
    if pd is not None and isinstance(value, pd.Series):
        return {str(k): json_ready(v) for k, v in value.items()}
    if pd is not None and isinstance(value, pd.Index):
        return [json_ready(v) for v in value]
    if isinstance(value, np.ndarray):
        return [json_ready(v) for v in value.tolist()] if value.ndim else json_ready(value.item())
    if isinstance(value, Mapping):
        return {str(k): json_ready(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [json_ready(v) for v in value]
    if isinstance(value, (_dt.date, _dt.datetime)):  # a pandas Timestamp is a datetime
        return value.isoformat()
    if isinstance(value, PurePath):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        to_dict = getattr(value, "to_dict", None)
        return json_ready(to_dict() if callable(to_dict) else dataclasses.asdict(value))
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return json_ready(to_dict())
    return str(value)
