"""A result's table held as plain rows until it is read as a pandas DataFrame.

A result type names such fields in ``_lazy_tables`` (:func:`impactchain._result.result_type`):
the field may be given as :class:`Rows` (the column names and one dict per row); reading the
attribute (a :class:`LazyTable`) builds the DataFrame once, keeps it and returns it, so a user
always reads a DataFrame. Until then the summary, ``repr`` and ``to_dict`` read the rows as they are
(:func:`records`), and pandas is not imported.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Union, cast

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Rows", "records", "LazyTable"]


class Rows:
    """A table as column names and rows (a dict per row, keyed by those names)."""

    __slots__ = ("columns", "rows")

    def __init__(self, columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> None:
        self.columns = tuple(columns)
        self.rows = tuple(rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        return f"<Rows of {len(self.rows)} rows: {', '.join(self.columns)}>"

    def frame(self) -> pd.DataFrame:
        """The table as a DataFrame (its columns in order; each column's type inferred by pandas)."""
        import pandas as pd

        return pd.DataFrame(list(self.rows), columns=list(self.columns))


def records(table: Union[Rows, pd.DataFrame]) -> list[dict[str, Any]]:
    """The rows of a table as dicts, whether it is still :class:`Rows` or already a DataFrame."""
    if isinstance(table, Rows):
        return [dict(r) for r in table.rows]
    return cast("list[dict[str, Any]]", table.to_dict("records"))  # a result's columns are named by text


class LazyTable:
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
