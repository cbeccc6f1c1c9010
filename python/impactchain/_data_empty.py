"""What a spreadsheet writes into a data file that holds nothing, as every reader treats it.

- A row whose every cell is empty (a CSV's blank line, a line of only separators such as Excel's
  ``;;;;``, an empty sheet row) is not a respondent: it is not read, and how many such rows there
  are and which is stated in ``Table.reading`` (``empty_rows``), never dropped silently.
- A column with no name in the header (Excel's separator at the end of every line, ``a;b;c;``)
  whose cells are all empty is not read, and stated (``unnamed_columns``); one that holds a value
  is refused, naming its position and the first value, as no cell is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from impactchain._data_files import DataFileError, excerpt
from impactchain._i18n import N_
from impactchain._report_text import Said

#: Runs of row numbers named in the statement of empty rows (the rest: "…").
MAX_SPANS = 10


def is_empty(cell: Any) -> bool:
    """An empty cell: None, NaN, or text of only white space."""
    if cell is None:
        return True
    if isinstance(cell, str):
        return not cell.strip()
    return isinstance(cell, float) and cell != cell


def spans(numbers: Sequence[int]) -> str:
    """'3, 14–16' for [3, 14, 15, 16]: runs of consecutive numbers (the first ``MAX_SPANS``, then '…')."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    shown = [str(a) if a == b else f"{a}–{b}" for a, b in runs[:MAX_SPANS]]
    return ", ".join(shown) + (", …" if len(runs) > MAX_SPANS else "")


def empty_rows(name: str, rows: Sequence[int]) -> tuple[Said, ...]:
    """The statement of the rows (their numbers) not read because every cell of them is empty."""
    if not rows:
        return ()
    return (Said(N_("read_empty_rows"), file=name, n=len(rows), rows=spans(rows)),)


def column_letters(j: int) -> str:
    """'A' for column 0, 'AA' for column 26: a sheet's name of the 0-based column ``j``."""
    out = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        out = chr(65 + r) + out
    return out


def unnamed_columns(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    lines: Sequence[int],
    field: str,
    name: str,
    *,
    letters: bool = False,
) -> tuple[list[str], list[list[Any]], tuple[Said, ...]]:
    """The header and rows without the columns that have no name in the header and no value in
    any row, with the statement of them; a column without a name that holds a value is refused
    (its position, as a sheet's letter too with ``letters``, and its first value). A header of
    named columns only is returned as it is."""
    unnamed = [j for j, h in enumerate(header) if not h]
    if not unnamed:
        return list(header), [list(r) for r in rows], ()

    def where(j: int) -> str:
        return f"{j + 1}" + (f" ({column_letters(j)})" if letters else "")

    held = []  # (column, its first value's row, the value)
    for j in unnamed:
        first = next(((lines[i], r[j]) for i, r in enumerate(rows) if j < len(r) and not is_empty(r[j])), None)
        if first is not None:
            held.append((where(j), int(first[0]), excerpt(first[1])))
    if len(held) == 1:
        col, row, value = held[0]
        raise DataFileError(
            f"{field}: {name}: column {col} has no name in the header but holds values (row {row}: {value}); "
            "name it or delete it"
        )
    if held:
        raise DataFileError(
            f"{field}: {name}: {len(held)} columns have no name in the header but hold values; name them or "
            "delete them:\n" + "\n".join(f"  column {col} (row {row}: {value})" for col, row, value in held)
        )
    keep = [j for j, h in enumerate(header) if h]
    said = Said(N_("read_unnamed_columns"), file=name, n=len(unnamed), columns=", ".join(where(j) for j in unnamed))
    return [header[j] for j in keep], [[r[j] for j in keep] for r in rows], (said,)
