"""One contract for every result a user holds (docs/api.md, "Results").

- :func:`json_ready`: the one conversion of a result value into JSON-ready data
  (``json.dumps(..., allow_nan=False)`` succeeds): NaN, None and pd.NA become
  null; +inf/-inf become the strings ``"inf"``/``"-inf"`` (``float()`` reads them
  back); numpy scalars/arrays become Python numbers/lists; a DataFrame becomes a
  list of records (a named or non-default index becomes a column); a Series a
  mapping label -> value; a nested result its ``to_dict()``.
- :class:`Result`: the base of every result class: ``to_dict()``, ``summary()``
  (a :class:`~impactchain._summary.Summary`), a ``table`` property, a bounded
  ``_repr_html_``, a short ``__repr__``, ``==`` that compares frames and arrays,
  frozen attributes and a versioned pickle.
- :func:`result_type`: the class decorator that makes a frozen dataclass a public
  result type (``__module__ = "impactchain"``, listed in :data:`RESULT_TYPES`); the fields it
  names in ``_lazy_tables`` may be given as plain :class:`~impactchain._rows.Rows` and become
  DataFrames when first read.
- :func:`with_attrs`: the convention for functions that return a DataFrame
  (``attrs["warnings"]``, ``attrs["options"]``, ``attrs["assumptions"]``).

pandas is imported on first use only: a value is checked for a pandas type only when pandas
is loaded (:func:`~impactchain._loaded.loaded_pandas`), so a result whose tables are still
plain rows is summarised, shown and written as JSON without it.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import math
import os
import sys
import warnings
from collections.abc import Iterable, Mapping
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Optional, TypeVar, Union

import numpy as np

from impactchain._loaded import loaded_pandas
from impactchain._rows import Rows, records
from impactchain._summary import Section, Summary, default_index, fmt_value

if TYPE_CHECKING:
    import pandas as pd

if sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:  # type checkers read the branch above; at run time the decorator only marks the function

    def dataclass_transform(**_: Any) -> Callable[[Any], Any]:
        return lambda f: f


__all__ = [
    "json_ready",
    "Result",
    "result_type",
    "public",
    "RESULT_TYPES",
    "with_attrs",
    "deprecated",
    "Frozen",
    "SummaryAccess",
]

#: Public result classes, in the order they were declared (filled by :func:`result_type`).
RESULT_TYPES: list[type] = []

#: Table rows shown by ``_repr_html_`` before "… N more rows".
REPR_ROWS = 20


def __getattr__(name: str) -> Any:
    """``TableFrame`` (a DataFrame class, so it imports pandas) from its own module, on first use:
    a pickled ``r.table`` of an earlier release names it here."""
    if name == "TableFrame":
        from impactchain._table_frame import TableFrame

        return TableFrame
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --------------------------------------------------------------------------- JSON
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


def with_attrs(
    df: pd.DataFrame,
    *,
    warnings: Iterable[str] = (),
    options: Optional[Mapping[str, Any]] = None,
    assumptions: Iterable[str] = (),
) -> pd.DataFrame:
    """The convention for a function that returns a DataFrame: what it warns about, the
    options it used and the assumptions it made are in ``df.attrs`` under these three keys."""
    df.attrs["warnings"] = list(warnings)
    df.attrs["options"] = dict(options or {})
    df.attrs["assumptions"] = list(assumptions)
    return df


def deprecated(what: str, instead: str) -> None:
    """One DeprecationWarning wording for forms kept for one release."""
    warnings.warn(
        f"{what} is deprecated and will be removed in the next release; use {instead}", DeprecationWarning, stacklevel=3
    )


# --------------------------------------------------------------------------- equality
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


def _same(a: Any, b: Any) -> bool:
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
    if dataclasses.is_dataclass(a) and not isinstance(a, (type, Result)) and type(a) is type(b):
        return all(_same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


# --------------------------------------------------------------------------- the base
class Result:
    """Base of every public result type (see the module docstring).

    Subclasses are frozen dataclasses made with :func:`result_type`; a class that is
    not a dataclass overrides :meth:`_state` and :meth:`_restore`. ``_title`` names the
    result in its summary; ``_summary_fields`` lists the attributes shown as key/value
    rows; ``_version`` is the pickle version (raise it when the fields change, and
    teach :meth:`_upgrade` to read the older states).
    """

    _title: ClassVar[str] = "Result"
    _summary_fields: ClassVar[tuple[str, ...]] = ()
    _version: ClassVar[int] = 1
    #: Table fields that may be given as plain :class:`Rows`, made DataFrames when first read.
    _lazy_tables: ClassVar[tuple[str, ...]] = ()

    # ---------------------------------------------------------------- data
    def _state(self) -> dict[str, Any]:
        """The fields that define the result (pickled and compared), every table a DataFrame."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}  # type: ignore[arg-type]

    def _stored(self) -> dict[str, Any]:
        """The fields as they are held: a table of ``_lazy_tables`` not read yet is still its
        :class:`Rows` (what ``to_dict`` and the summary read, without building a DataFrame)."""
        if not self._lazy_tables:
            return self._state()
        held = vars(self)
        return {
            f.name: held[f.name] if f.name in self._lazy_tables else getattr(self, f.name)
            for f in dataclasses.fields(self)  # type: ignore[arg-type]
        }

    def _records(self, name: str) -> list[dict[str, Any]]:
        """The rows of the table field ``name`` as dicts (from its :class:`Rows` while it has not been read)."""
        return records(vars(self)[name] if name in self._lazy_tables else getattr(self, name))

    def _restore(self, state: dict[str, Any]) -> None:
        for k, v in state.items():
            object.__setattr__(self, k, v)
        # A field added in a later release with a default takes its default in an older pickle.
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            if f.name not in state:
                if f.default is not dataclasses.MISSING:
                    object.__setattr__(self, f.name, f.default)
                elif f.default_factory is not dataclasses.MISSING:
                    object.__setattr__(self, f.name, f.default_factory())
                else:
                    raise ValueError(f"{type(self).__name__}: the pickle lacks '{f.name}', which has no default")

    def _data(self) -> dict[str, Any]:
        """What ``to_dict`` shows (before :func:`json_ready`); the fields by default."""
        return self._stored()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: ``type`` (the class name), ``version`` and the data
        (``json.dumps(r.to_dict(), allow_nan=False)`` always succeeds)."""
        data = self._data()
        out = {"type": type(self).__name__, "version": self._version, **json_ready(data)}
        # The machine-readable form of the warnings and assumptions beside their text: code and params.
        coded = {
            k: [{"code": n.code, "params": json_ready(n.params)} if hasattr(n, "code") else None for n in data[k]]
            for k in ("warnings", "assumptions")
            if isinstance(data.get(k), (list, tuple)) and any(hasattr(n, "code") for n in data[k])
        }
        if coded:
            out["notices"] = coded
        return out

    @property
    def table(self) -> pd.DataFrame:
        """The main tidy table of the result (one DataFrame; see each class)."""
        from impactchain._table_frame import TableFrame

        return TableFrame(self._table())

    def _table(self) -> pd.DataFrame:
        import pandas as pd

        rows = {k: fmt_value(getattr(self, k)) for k in self._summary_fields}
        return pd.DataFrame({"value": list(rows.values())}, index=pd.Index(list(rows), name="field"))

    # ---------------------------------------------------------------- tables out
    def to_tables(self) -> dict[str, pd.DataFrame]:
        """Every table of the result by name: ``summary``, its tables, ``options`` and
        ``notes`` (each warning and assumption with its code, parameters and text)."""
        from impactchain._tables import result_tables

        return result_tables(self)

    def to_excel(self, path: Union[str, os.PathLike[str]], *, inputs: Iterable[Any] = ()) -> PurePath:
        """Writes :meth:`to_tables` as one .xlsx workbook (a sheet per table; money, shares
        and ratios formatted) at ``path`` (a file, or a directory for ``tables.xlsx``), by the
        output rule: never over a link or one of ``inputs``. Returns the path written."""
        from impactchain._tables import write_tables

        return write_tables(self, path, "xlsx", inputs=tuple(inputs))[0]

    def to_csv(self, directory: Union[str, os.PathLike[str]], *, inputs: Iterable[Any] = ()) -> list[PurePath]:
        """Writes :meth:`to_tables` as one CSV per table (``<name>.csv``, UTF-8, locale-free)
        into ``directory`` (created when missing), all files or none. Returns the paths written."""
        from impactchain._tables import write_tables

        return list(write_tables(self, directory, "csv", inputs=tuple(inputs)))

    # ---------------------------------------------------------------- summary
    def _notes(self) -> list[str]:
        notes = [f"warning: {w}" for w in getattr(self, "warnings", ()) or ()]
        notes += [f"assumption: {a}" for a in getattr(self, "assumptions", ()) or ()]
        return notes

    def _sections(self) -> list[Section]:
        rows = [(k.replace("_", " "), getattr(self, k)) for k in self._summary_fields]
        return [Section("Result", rows=rows)] if rows else []

    def _heading(self) -> str:
        return self._title

    def summary(self) -> Summary:
        """The result as a :class:`Summary` (``str()``, ``as_text``, ``as_html``, ``as_markdown``)."""
        return Summary(self._heading(), self._sections(), self._notes())

    def _repr_html_(self) -> str:
        return self.summary().as_html(max_rows=REPR_ROWS)

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={_short(fmt_value(getattr(self, k)))}" for k in self._summary_fields[:4])
        return f"<{type(self).__name__}{' ' + shown if shown else ''}>"

    # ---------------------------------------------------------------- value semantics
    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return _same(self._state(), other._state())

    __hash__ = None  # type: ignore[assignment]

    def __getstate__(self) -> dict[str, Any]:
        return {"version": self._version, **self._state()}

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        version = int(state.pop("version", 1))
        if version > self._version:
            raise ValueError(
                f"{type(self).__name__}: pickle version {version} is newer than this impactchain "
                f"reads ({self._version}); upgrade impactchain"
            )
        self._restore(self._upgrade(state, version))

    @classmethod
    def _upgrade(cls, state: dict[str, Any], version: int) -> dict[str, Any]:
        """The state of an older pickle version brought to the current one."""
        return state


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


R = TypeVar("R", bound=type)


@dataclass_transform(frozen_default=True, eq_default=False, field_specifiers=(dataclasses.field,))
def result_type(cls: R) -> R:
    """Class decorator: a frozen dataclass with the :class:`Result` contract, public as
    ``impactchain.<Name>`` (pickle finds it there: ``__module__`` + ``__qualname__``); each
    field named in ``_lazy_tables`` becomes a DataFrame when first read (:class:`_LazyTable`)."""
    if not dataclasses.is_dataclass(cls):
        cls = dataclasses.dataclass(frozen=True, eq=False, repr=False)(cls)  # type: ignore[assignment]
    for name in getattr(cls, "_lazy_tables", ()):
        setattr(cls, name, _LazyTable(name))
    return public(cls)


class _LazyTable:
    """The attribute of a table field held as :class:`Rows`: the first read builds its DataFrame
    and keeps it in the instance (which stays frozen to its users: only ``object.__setattr__``,
    as the dataclass's ``__init__`` and unpickling use, sets a field)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        if obj is None:
            return self
        held = vars(obj)
        try:
            value = held[self.name]
        except KeyError:
            raise AttributeError(self.name) from None
        if isinstance(value, Rows):
            value = held[self.name] = value.frame()
        return value

    def __set__(self, obj: Any, value: Any) -> None:
        vars(obj)[self.name] = value


def public(cls: R) -> R:
    """Marks a result class public (``impactchain.<Name>``) and lists it in :data:`RESULT_TYPES`."""
    cls.__module__ = "impactchain"
    if cls not in RESULT_TYPES:
        RESULT_TYPES.append(cls)
    return cls


class Frozen:
    """Read-only attributes for a result class that is not a dataclass: set them with
    ``object.__setattr__`` in ``__init__``; any later assignment raises."""

    def __setattr__(self, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}: {type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}: {type(self).__name__} is read-only")


class SummaryAccess:
    """``r.summary``: call it for the :class:`Summary` (``r.summary()``); reading a
    DataFrame attribute or item from it (``r.summary.mean_cost``, the property form of
    earlier releases) still works for one release, with a DeprecationWarning."""

    def __init__(self, make: Callable[[], Summary], frame: Callable[[], pd.DataFrame], owner: str) -> None:
        self._make = make
        self._frame_of = frame
        self._owner = owner

    def __call__(self) -> Summary:
        return self._make()

    def _frame(self, what: str) -> pd.DataFrame:
        deprecated(
            f"{self._owner}.summary as a DataFrame ({what})", f"{self._owner}.table (or {self._owner}.summary())"
        )
        return self._frame_of()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("_make", "_frame_of", "_owner"):
            raise AttributeError(name)
        return getattr(self._frame(f".{name}"), name)

    def __getitem__(self, key: Any) -> Any:
        return self._frame(f"[{key!r}]")[key]

    def __len__(self) -> int:
        return len(self._frame("len()"))

    def __repr__(self) -> str:
        return f"<bound summary of {self._owner}: call it, r.summary()>"
