"""One contract for every result a user holds (docs/api.md, "Results").

- :class:`Result`: the base of every result class: ``to_dict()`` (through
  :func:`~impactchain._result_json.json_ready`, the one conversion of a result value into
  JSON-ready data), ``summary()`` (a :class:`~impactchain._summary.Summary`), a ``table``
  property, a bounded ``_repr_html_``, a short ``__repr__``, ``==`` that compares frames and
  arrays (:func:`~impactchain._result_equality.same`), frozen attributes and a versioned pickle.
- :func:`result_type`: the class decorator that makes a frozen dataclass a public
  result type (``__module__ = "impactchain"``, listed in :data:`RESULT_TYPES`); the fields it
  names in ``_lazy_tables`` may be given as plain :class:`~impactchain._rows.Rows` and become
  DataFrames when first read (:class:`~impactchain._rows.LazyTable`).
- :func:`with_attrs`: the convention for functions that return a DataFrame
  (``attrs["warnings"]``, ``attrs["options"]``, ``attrs["assumptions"]``).

pandas is imported on first use only: a value is checked for a pandas type only when pandas
is loaded (:func:`~impactchain._loaded.loaded_pandas`), so a result whose tables are still
plain rows is summarised, shown and written as JSON without it.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import warnings
from collections.abc import Iterable, Mapping
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Optional, TypeVar, Union

from impactchain._result_equality import same
from impactchain._result_json import json_ready
from impactchain._rows import LazyTable, records
from impactchain._summary import Section, Summary, fmt_value

if TYPE_CHECKING:
    import pandas as pd

if sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:  # type checkers read the branch above; at run time the decorator only marks the function

    def dataclass_transform(**_: Any) -> Callable[[Any], Any]:
        return lambda f: f


__all__ = [
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


ResultT = TypeVar("ResultT", bound="Result")


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
        output rule: never over a link, one of ``inputs`` or a file the result was computed
        from (its model files and the data and price-index files they name). Returns the path
        written."""
        from impactchain._tables import write_tables

        return write_tables(self, path, "xlsx", inputs=self._inputs(inputs))[0]

    def to_csv(self, directory: Union[str, os.PathLike[str]], *, inputs: Iterable[Any] = ()) -> list[PurePath]:
        """Writes :meth:`to_tables` as one CSV per table (``<name>.csv``, UTF-8, locale-free)
        into ``directory`` (created when missing), all files or none, by the output rule as
        :meth:`to_excel`. Returns the paths written."""
        from impactchain._tables import write_tables

        return list(write_tables(self, directory, "csv", inputs=self._inputs(inputs)))

    # ---------------------------------------------------------------- the files it was computed from
    def _read_from(self: ResultT, *sources: Any) -> ResultT:
        """Notes what this result was computed from, whose files its :meth:`to_excel` and
        :meth:`to_csv` never write over: models (``impactchain.Model``: their files and the files
        they name) and other files read (paths). Not pickled and not compared: a result read back
        may be far from those files."""
        object.__setattr__(self, "_sources", tuple(sources))
        return self

    def _inputs(self, given: Iterable[Any]) -> tuple[Any, ...]:
        """``given`` and the files the result was computed from (:meth:`_read_from`)."""
        from impactchain._output_inputs import model_inputs

        read = getattr(self, "_sources", ())
        return (*given, *(p for s in read for p in ([s] if isinstance(s, (str, os.PathLike)) else model_inputs(s))))

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
        return same(self._state(), other._state())

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
    field named in ``_lazy_tables`` becomes a DataFrame when first read (:class:`~impactchain._rows.LazyTable`)."""
    if not dataclasses.is_dataclass(cls):
        cls = dataclasses.dataclass(frozen=True, eq=False, repr=False)(cls)  # type: ignore[assignment]
    for name in getattr(cls, "_lazy_tables", ()):
        setattr(cls, name, LazyTable(name))
    return public(cls)


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
