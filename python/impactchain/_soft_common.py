"""Input coercion of the soft-impact modules: numpy arrays or pandas objects in,
contiguous float arrays out (NaN = missing). Their results follow the one result
contract of :mod:`impactchain._result`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional, Union

import numpy as np
import pandas as pd

from impactchain._check import check_str
from impactchain._data_cells import repeated
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


def _labels(index: pd.Index) -> str:
    """At most three labels of ``index`` as a message shows them (labels only, never values)."""
    shown = [repr(v) if isinstance(v, str) else str(v) for v in index[:3].tolist()]
    return ", ".join(shown) + (", …" if len(index) > 3 else "")


def _positions(at: Sequence[Any]) -> str:
    """'0 and 3', '1, 4 and 5'."""
    shown = [str(p) for p in at]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + f" and {shown[-1]}"


def _refuse_doubled(name: str, index: pd.Index, given: Sequence[str]) -> None:
    """Refuses the index of a Series paired by its labels when it holds a label twice: that
    respondent would be counted twice. The check is the id column's of a soft outcome's file
    (:func:`impactchain._data_table.repeated`); the message names each label (at most three) and its
    positions, never a score."""
    if index.is_unique:
        return
    labels = index.tolist()
    at: dict[Any, list[int]] = {}
    for i, first in repeated(labels):
        at.setdefault(labels[first], [first]).append(i)
    shown = "; ".join(f"{_labels(pd.Index([label]))} at positions {_positions(p)}" for label, p in list(at.items())[:3])
    more = f"; and {len(at) - 3} more" if len(at) > 3 else ""
    arrays = _positions([f"{n}.to_numpy()" for n in given])
    raise ValueError(
        f"{name}: its index (the respondents' labels) holds {len(at)} label{'' if len(at) == 1 else 's'} more than "
        f"once ({shown}{more}; positions counted from 0); paired measurements are paired by their labels, one per "
        f"respondent, and a respondent given twice would be counted twice: drop or merge the doubled rows (or, when "
        f"the labels are not the respondents', pass {arrays} to pair them by position)"
    )


def _check_pairable(ref: pd.Series, ref_name: str, s: pd.Series, name: str) -> None:
    """Refuses two Series that cannot be paired by their indexes: label sets that differ (counted
    per side, at most three labels shown each). A label twice is refused before
    (:func:`_refuse_doubled`)."""
    by_position = (
        f"when {ref_name} and {name} are already in the same order, pass {name}.to_numpy() to pair them by position"
    )
    only_ref = ref.index.difference(s.index, sort=False)
    only_s = s.index.difference(ref.index, sort=False)
    if only_ref.size or only_s.size:
        parts = [
            f"{only.size} label{'' if only.size == 1 else 's'} only in {what}"
            + (f" ({_labels(only)})" if only.size else "")
            for what, only in ((ref_name, only_ref), (name, only_s))
        ]
        raise ValueError(
            f"{ref_name} and {name} are pandas Series whose indexes (the respondents' labels) differ, and "
            f"Series are paired by index: {parts[0]}, {parts[1]}; to keep the respondents in both, align "
            f'them first: {ref_name}, {name} = {ref_name}.align({name}, join="inner") (or, {by_position})'
        )


def pair_by_index(args: Sequence[tuple[str, Any]], used: list[str]) -> list[Any]:
    """The paired arguments of one call (``(name, value)``, the same people in each), each pandas
    Series after the first paired with that first Series by its index, as pandas arithmetic pairs
    them: the same labels in another order are put in the first Series' order and a notice
    ``soft.aligned_by_index`` says so in ``used`` (the result's assumptions); an index with a label
    twice (the same index in both included: one respondent counted twice), or label sets that
    differ, is refused (ValueError). The same index in the same order is left as it is; a plain
    array or list (no labels) and None are taken as they are, by position."""
    given = [name for name, value in args if value is not None]
    for name, value in args:
        if isinstance(value, pd.Series):
            _refuse_doubled(name, value.index, given)
    ref: Optional[tuple[str, pd.Series]] = None
    out: list[Any] = []
    for name, value in args:
        if isinstance(value, pd.Series):
            if ref is None:
                ref = (name, value)
            elif not value.index.equals(ref[1].index):
                _check_pairable(ref[1], ref[0], value, name)
                value = value.reindex(ref[1].index)
                used.append(notice("soft.aligned_by_index", what=name, reference=ref[0]))
        out.append(value)
    return out


def pick_own(name: str, value: Any, default: Any, used: list[str], func: str) -> Any:
    """``value``, or when it is None the function's own ``default`` (one not in
    ``impactchain.DEFAULTS``, e.g. the number of bootstrap resamples), noted in ``used``
    (the result's assumptions) in the words of :func:`impactchain._defaults.default_note`."""
    if value is not None:
        return value
    shown = repr(default) if isinstance(default, str) else str(default)
    used.append(notice("defaults.function_default", name=name, value=shown, function=func))
    return default


def wide_items(items: Any, subject: Optional[str], item: Optional[str], score: Optional[str]) -> Any:
    """Item responses one column per item: ``items`` as given, or long-format ``items`` (one row
    per respondent x item, a DataFrame) pivoted when ``subject``, ``item`` and ``score`` name its
    columns. Refused: only some of the three, a long format that is not a DataFrame, and a
    (subject, item) pair given twice (its row named)."""
    for name, v in (("subject", subject), ("item", item), ("score", score)):
        if v is not None:
            check_str(name, v)
    if subject is None and item is None and score is None:
        return items
    if not (isinstance(items, pd.DataFrame) and subject and item and score):
        raise ValueError("long format needs a DataFrame and all of subject=, item=, score=")
    dup = items.duplicated([subject, item])
    if dup.any():
        raise ValueError(
            f"long format: row {int(np.flatnonzero(dup.to_numpy())[0])} repeats a ({subject}, {item}) pair"
        )
    return items.pivot(index=subject, columns=item, values=score)
