"""Argument checks and conversions shared by the comparison modules.

Errors are ``impactchain.ValidationError`` (a ValueError); names, numbers and the
willingness to pay are turned into the plain lists the C++ core takes. The second part reads
what :func:`impactchain.compare` needs from the models and their valuations and simulations
(names, costs, a named outcome's effect, kept draws, the currency) and words its assumptions.
"""

from __future__ import annotations

import numbers
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Optional

import numpy as np
import pandas as pd

from impactchain import _core
from impactchain._check import ArgumentError, as_float_array
from impactchain._notice import notice


def _error(message: str) -> Exception:
    """impactchain.ValidationError (a ValueError) with the given message."""
    try:
        return _core.ValidationError(message)
    except TypeError:  # pragma: no cover - depends on how the core binds the class
        return ValueError(message)


def _opt(v: Any) -> float:
    return float("nan") if v is None else float(v)


def _missing(v: Any) -> bool:
    """A missing name: None, NaN or pandas' NA/NaT (``str`` would make it the text "None"/"nan")."""
    if v is None:
        return True
    try:
        return bool(isinstance(v, (float, np.floating)) and np.isnan(v)) or v is pd.NA or v is pd.NaT
    except TypeError:  # pragma: no cover - a float that cannot be tested
        return False


def _names(strategies: Iterable[Any], what: str = "strategies") -> list[str]:
    """Names from a list (or an index); a bare string is refused, not split into letters, and a
    missing name (None, NaN) is refused by its position, not turned into the text "None"/"nan"."""
    if isinstance(strategies, (str, bytes)) or not isinstance(strategies, Iterable) or isinstance(strategies, Mapping):
        raise ArgumentError(f"{what} must be a list of names, got {type(strategies).__name__}")
    out = []
    for i, s in enumerate(strategies):
        if _missing(s):
            raise _error(f"{what}[{i}]: missing name ({s!r}); every strategy needs a name")
        out.append(str(s))
    return out


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


#: The rule of ``compare`` for its willingness to pay, as of the command line's ``--wtp``.
WTP_RULE = "must be a finite number >= 0"


def _wtp(wtp: Any, nonnegative: bool = False) -> tuple[list[float], bool]:
    """A willingness to pay, one number (a numpy scalar too) or a 1-D array of finite numbers
    (the core names a NaN or inf), each >= 0 when ``nonnegative`` (``compare``, whose results
    feed the reports): (the values as a list, whether one number was given)."""
    if isinstance(wtp, (str, bytes, bool, np.bool_)):
        raise ArgumentError(f"wtp must be a number or a 1-D array of numbers, got {type(wtp).__name__}")
    scalar = np.ndim(wtp) == 0
    arr = np.atleast_1d(as_float_array("wtp", wtp))
    if arr.ndim != 1:
        raise _error(f"wtp: expected a number or a 1-D array, got {arr.ndim}-D")
    if arr.size > _core.max_wtp_grid:  # the core's ceiling, checked here for the grids looped over in Python
        raise _error(f"wtp: at most {_core.max_wtp_grid} willingness-to-pay values are accepted, got {arr.size}")
    bad = np.flatnonzero(arr < 0) if nonnegative else np.array([], dtype=int)
    if bad.size:
        where = "wtp" if scalar else f"wtp[{int(bad[0])}]"
        raise _error(f"{where}: {WTP_RULE}, got {float(arr[bad[0]]):g}")
    return arr.tolist(), scalar


def _check_wtp(wtp: Any) -> float:
    """One willingness to pay: a finite number (a numpy scalar too), as ``PsaResult``'s other
    methods take it."""
    if isinstance(wtp, (bool, np.bool_)) or not isinstance(wtp, numbers.Real) or not np.isfinite(float(wtp)):
        raise _error(f"wtp must be one finite number, got {wtp!r}")
    return float(wtp)


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


# --------------------------------------------------------------------------- models (compare)
def _get(obj: Any, *names: str) -> Any:
    """The first of ``names`` that ``obj`` holds, as a key or an attribute; None when none."""
    for n in names:
        if isinstance(obj, Mapping) and n in obj:
            return obj[n]
        if hasattr(obj, n):
            return getattr(obj, n)
    return None


def _model_name(model: Any, i: int) -> str:
    for n in ("name", "title", "id"):
        v = _get(model, n)
        if isinstance(v, str) and v:
            return v
    meta = _get(model, "metadata", "meta")
    if meta is not None:
        v = _get(meta, "name")
        if isinstance(v, str) and v:
            return v
    raise _error(f"compare.models[{i}]: the model has no name (set its 'name' metadata)")


def _scalar(x: Any, what: str) -> float:
    if callable(x):
        x = x()
    try:
        v = float(x)
    except (TypeError, ValueError):
        raise _error(f"compare: {what} must be a number, got {type(x).__name__}") from None
    if not np.isfinite(v):
        raise _error(f"compare: {what} must be finite, got {v}")
    return v


def _outcome_rows(valuation: Any) -> list[Any]:
    """The valuation's outcomes, one record each (``ValueResult.outcomes`` is a DataFrame)."""
    table = _get(valuation, "outcomes")
    if table is None:
        return []
    return table.to_dict("records") if isinstance(table, pd.DataFrame) else list(table)


def _outcome_effect(valuation: Any, outcome: str) -> tuple[Any, bool]:
    """The present value of the outcome with id ``outcome`` (else with that name) and True; else the
    valuation attribute of that name (e.g. ``sroi_ratio``, a composite score) and False."""
    rows = _outcome_rows(valuation)
    for key in ("id", "name"):
        hits = [r for r in rows if _get(r, key) == outcome]
        if len(hits) > 1:
            raise _error(f"compare: {len(hits)} outcomes of one model have the {key} '{outcome}'; name one by its id")
        if hits:
            return _get(hits[0], "present_value"), True
    return _get(valuation, outcome), False


def _outcome_ids(valuation: Any) -> list[str]:
    """The ids of the valuation's outcomes (for a message naming what there is)."""
    return [str(_get(r, "id")) for r in _outcome_rows(valuation)]


def _draw_column(sim: Any, name: str, model: str) -> np.ndarray:
    from impactchain.uncertainty import OUTPUTS

    names = list(OUTPUTS)
    draws = _get(sim, "draws_array")
    if name not in names or draws is None or np.size(draws) == 0:
        raise _error(f"compare: the simulation of '{model}' has no kept draws of output '{name}' (outputs: {names})")
    return np.asarray(draws, dtype=float)[:, names.index(name)]


#: What the one stream per model means for the decision uncertainty (in ``assumptions`` with draws):
#: the notice ``compare.independent_draws``, a ``str`` of its English text.
INDEPENDENT_DRAWS = notice("compare.independent_draws")


def _no_outcome_draws(outcome: str) -> str:
    """Why ``compare(outcome=..., draws=...)`` is refused, and what to do instead."""
    from impactchain._uncertainty_result import OUTPUTS

    return (
        f"compare: outcome='{outcome}' cannot be compared with draws=: a simulation keeps the draws of its "
        f"outputs {list(OUTPUTS)} only, not of each outcome, so there are no draws of '{outcome}'. "
        "Compare on the outcome without draws= (ICERs and net benefit), or with draws= on monetised value "
        "(without outcome=)"
    )


def _currency(models: Sequence[Any]) -> Optional[str]:
    """The currency of the models that value something in money (a price year); None when none
    does (the footing check has refused models in different currencies)."""
    found = {_get(m, "currency") for m in models if _get(m, "price_year")}
    found.discard(None)
    return str(found.pop()) if len(found) == 1 else None
