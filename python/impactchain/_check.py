"""Argument checks run before a call reaches the compiled core.

Each check names the argument and what was expected, and shows the type or the
offending number, never the data itself ("seed must be an integer in
[0, 18446744073709551615], got -1"; "keep_draws must be True or False, got str").

The checks of a table's names and columns are here too: names given twice (:func:`given_twice`)
and a column that is not numeric (:func:`not_numeric`), which shows its first value that is not
a number and that value's row, so the user can find it.
"""

from __future__ import annotations

import math
import numbers
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Optional

import numpy as np

from impactchain import _core

if TYPE_CHECKING:
    import pandas as pd

SEED_MAX = 2**64 - 1  #: seeds are unsigned 64-bit (Philox keys)
RESAMPLES_MAX = 10_000_000  #: bootstrap resamples per call
DRAWS_MAX = 100_000_000  #: Monte Carlo draws per call
THREADS_MAX = 1024  #: worker threads per call


class ArgumentError(TypeError, ValueError):
    """An argument of the wrong type. Both a TypeError and a ValueError, so code that
    catches either (e.g. the command line) reports it the same way."""


def invalid(name: str, message: str) -> Exception:
    """A ValidationError (a ValueError) for argument ``name``: "<name> <message>"."""
    err = _core.ValidationError(f"{name} {message}")
    err.issues = [(name, message)]
    return err


def _type(v: Any) -> str:
    return type(v).__name__


def _short(v: Any) -> str:
    """A number as text, short (a huge int as a power of ten)."""
    if isinstance(v, int) and abs(v) >= 10**10:
        return f"{'-' if v < 0 else ''}about 10**{len(str(abs(v))) - 1}"
    return repr(v)


def check_bool(name: str, v: Any) -> bool:
    """True or False (a numpy bool too); strings, numbers and None are refused."""
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    raise ArgumentError(f"{name} must be True or False, got {_type(v)}")


def check_int(name: str, v: Any, lo: Optional[int] = None, hi: Optional[int] = None) -> int:
    """An integer (a numpy integer too; not a bool, float or str) in [lo, hi]."""
    if isinstance(v, (bool, np.bool_)) or not isinstance(v, (numbers.Integral, np.integer)):
        raise ArgumentError(f"{name} must be an integer{_range(lo, hi)}, got {_type(v)}")
    i = int(v)
    if (lo is not None and i < lo) or (hi is not None and i > hi):
        raise invalid(name, f"must be an integer{_range(lo, hi)}, got {_short(i)}")
    return i


def check_real(
    name: str, v: Any, lo: float = -math.inf, hi: float = math.inf, *, lo_open: bool = False, hi_open: bool = False
) -> float:
    """A finite real number (int or float, numpy too; not a bool or str) in the range given."""
    if isinstance(v, (bool, np.bool_)) or not isinstance(v, (numbers.Real, np.integer, np.floating)):
        raise ArgumentError(f"{name} must be a number, got {_type(v)}")
    x = float(v)
    bad = not math.isfinite(x) or x < lo or x > hi or (lo_open and x == lo) or (hi_open and x == hi)
    if bad:
        lb, hb = ("(" if lo_open else "["), (")" if hi_open else "]")
        where = "" if (lo == -math.inf and hi == math.inf) else f" in {lb}{lo:g}, {hi:g}{hb}"
        raise invalid(name, f"must be a finite number{where}, got {x!r}")
    return x


def check_optional_real(name: str, v: Any, lo: float = -math.inf, hi: float = math.inf, **kw: Any) -> Optional[float]:
    return None if v is None else check_real(name, v, lo, hi, **kw)


def check_choice(name: str, v: Any, choices: Iterable[str]) -> str:
    """One of the strings in ``choices``."""
    options = list(choices)
    if not isinstance(v, str):
        raise ArgumentError(f"{name} must be one of {', '.join(repr(c) for c in options)}, got {_type(v)}")
    if v not in options:
        shown = repr(v) if len(v) <= 40 else f"a string of {len(v)} characters"
        raise invalid(name, f"must be one of {', '.join(repr(c) for c in options)}, got {shown}")
    return v


def check_str(name: str, v: Any) -> str:
    if not isinstance(v, str):
        raise ArgumentError(f"{name} must be a string, got {_type(v)}")
    return v


def check_sequence_of_str(name: str, v: Any) -> list[str]:
    """A list/tuple (or other non-string sequence) of strings; a bare str is refused."""
    if isinstance(v, (str, bytes)):
        raise ArgumentError(f"{name} must be a list of strings, got a single {_type(v)} (wrap it in a list)")
    if isinstance(v, dict) or not isinstance(v, Iterable):
        raise ArgumentError(f"{name} must be a list of strings, got {_type(v)}")
    out = list(v)
    for i, x in enumerate(out):
        if not isinstance(x, str):
            raise ArgumentError(f"{name}[{i}] must be a string, got {_type(x)}")
    return out


def check_sequence_of_int(name: str, v: Any, lo: Optional[int] = None, hi: Optional[int] = None) -> list[int]:
    """A list/tuple/array of integers in [lo, hi]; a bare str or a single number is refused."""
    if isinstance(v, (str, bytes, dict)) or not isinstance(v, (Sequence, np.ndarray, range)):
        raise ArgumentError(f"{name} must be a list of integers, got {_type(v)}")
    return [check_int(f"{name}[{i}]", x, lo, hi) for i, x in enumerate(list(v))]


def check_sequence_of_real(name: str, v: Any, lo: float = -math.inf, hi: float = math.inf) -> list[float]:
    """A list/tuple/array of finite numbers; a bare str or a single number is refused."""
    if isinstance(v, (str, bytes)):
        raise ArgumentError(f"{name} must be a list of numbers, got {_type(v)}")
    if isinstance(v, dict) or not (isinstance(v, (Sequence, np.ndarray)) or hasattr(v, "__array__")):
        raise ArgumentError(f"{name} must be a list of numbers, got {_type(v)}")
    return [check_real(f"{name}[{i}]", x, lo, hi) for i, x in enumerate(list(v))]


def check_seed(name: str, v: Any) -> int:
    return check_int(name, v, 0, SEED_MAX)


def check_resamples(name: str, v: Any, lo: int = 0) -> int:
    return check_int(name, v, lo, RESAMPLES_MAX)


def check_threads(name: str, v: Any) -> int:
    return check_int(name, v, 0, THREADS_MAX)


def check_level(name: str, v: Any) -> float:
    """A confidence level in (0, 1)."""
    return check_real(name, v, 0.0, 1.0, lo_open=True, hi_open=True)


def _range(lo: Optional[int], hi: Optional[int]) -> str:
    if lo is None and hi is None:
        return ""
    if hi is None:
        return f" >= {lo}"
    if lo is None:
        return f" <= {hi}"
    return f" in [{lo}, {hi}]"


def check_pair(
    name: str,
    v: Any,
    lo: float = -math.inf,
    hi: float = math.inf,
    *,
    what: str = "numbers",
    hint: str = "",
    ordered: bool = True,
) -> tuple[float, float]:
    """A (low, high) pair of finite numbers in [lo, hi] (low < high when ``ordered``); a str is refused."""
    extra = f"; {hint}" if hint else ""
    if isinstance(v, (str, bytes)) or not isinstance(v, (tuple, list, np.ndarray)) or len(v) != 2:
        got = f"{len(v)} values" if isinstance(v, (tuple, list, np.ndarray)) else _type(v)
        raise ArgumentError(f"{name} must be a pair of {what} (low, high), got {got}{extra}")
    a = check_real(f"{name}[0]", v[0], lo, hi)
    b = check_real(f"{name}[1]", v[1], lo, hi)
    if ordered and not a < b:
        raise invalid(name, f"must have low < high, got ({a!r}, {b!r})")
    return a, b


def as_float_array(name: str, data: Any, ndim: Optional[int] = None) -> np.ndarray:
    """Data to a float array, naming the argument when it cannot be converted."""
    try:
        arr = np.asarray(data, dtype=float)
    except (TypeError, ValueError):
        raise invalid(name, "could not be converted to numbers (a value is not a number)") from None
    if ndim is not None and arr.ndim != ndim:
        raise invalid(name, f"must be a {ndim}-D array, got {arr.ndim}-D")
    return np.ascontiguousarray(arr)


# --------------------------------------------------------------------------- names and columns of tables
def given_twice(names: Iterable[Any]) -> list[Any]:
    """The names whose text (``str``) occurs more than once, each once, in the order first given:
    ``["b", "a", "b", "a"]`` -> ``["b", "a"]``. Two labels of different types with one text (``1``
    and ``"1"``) give one name, so both are listed. The one check of "a name given twice" (strategy
    names, column labels, units), in linear time."""
    items = list(names)
    texts = [str(x) for x in items]
    counts = Counter(texts)
    out: list[Any] = []
    listed: set[tuple[type, str]] = set()
    for x, text in zip(items, texts):
        if counts[text] > 1 and (type(x), text) not in listed:
            listed.add((type(x), text))
            out.append(x)
    return out


def not_a_number(v: Any) -> bool:
    """A value of an object column that is not a real number (text, None, a flag)."""
    return isinstance(v, (bool, np.bool_)) or not isinstance(v, numbers.Real)


def _plain(v: Any) -> Any:
    """A numpy scalar as the Python number it holds (for messages)."""
    return v.item() if isinstance(v, np.generic) else v


def row_named(index: pd.Index, i: int) -> str:
    """Row ``i`` of a user's table by its index label (and its position when labels repeat)."""
    label = f"row {_plain(index[i])!r}"
    return label if index.is_unique else f"{label} at position {i}"


def not_numeric(
    s: pd.Series, head: str, *, where: Optional[Callable[[int], str]] = None, table: str = "df"
) -> Exception:
    """The refusal of column ``s``, which is not numeric, in the one wording of every table read:
    "<head> (dtype object): row 'r3' holds 'n/a'; give numbers (e.g. df['x'] = pd.to_numeric(df['x']))".
    The row is that of its first value that is not a real number (``where(i)``, else the row's
    index label); ``table`` is the name the remedy gives the user's table."""
    first = next((i for i, v in enumerate(s) if not_a_number(v)), None)
    if first is None:
        detail = "its values are Python objects"
    else:
        row = where(first) if where is not None else row_named(s.index, first)
        detail = f"{row} holds {_plain(s.iloc[first])!r}"
    column = f"{table}[{_plain(s.name)!r}]"
    return _core.ValidationError(
        f"{head} (dtype {s.dtype}): {detail}; give numbers (e.g. {column} = pd.to_numeric({column}))"
    )


def numeric_column(
    s: pd.Series, head: str, *, where: Optional[Callable[[int], str]] = None, table: str = "df"
) -> np.ndarray:
    """Column ``s`` as floats (a missing value NaN, for the caller's check of finite numbers); a
    column that is not numeric is refused by :func:`not_numeric`."""
    import pandas as pd

    if not pd.api.types.is_numeric_dtype(s):
        raise not_numeric(s, head, where=where, table=table)
    return s.to_numpy(dtype=float, na_value=np.nan)


def numeric_table(frame: pd.DataFrame, what: str, table: str) -> np.ndarray:
    """Every column of DataFrame ``frame`` (argument ``table``, named ``what`` in messages) as
    floats, rows × columns; columns that are not numeric are refused, all named and the first as
    :func:`not_numeric` words it: "psa.costs: columns ['SQ'] are not numeric; column 'SQ' (dtype
    object): row 0 holds '12.30'; give numbers (e.g. costs['SQ'] = pd.to_numeric(costs['SQ']))"."""
    import pandas as pd

    bad = [j for j in range(frame.shape[1]) if not pd.api.types.is_numeric_dtype(frame.iloc[:, j])]
    if bad:
        names = [str(frame.columns[j]) for j in bad]
        s = frame.iloc[:, bad[0]]
        raise not_numeric(s, f"{what}: columns {names} are not numeric; column {names[0]!r}", table=table)
    return frame.to_numpy(dtype=float, na_value=np.nan)
