"""What is said of cells as a reader reads them: text with spaces around a value (read without
them, and said), and a value given twice in a column of ids."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional

from impactchain._data_files import excerpt
from impactchain._i18n import N_
from impactchain._report_text import Said


def padded(cell: Any) -> bool:
    """A text cell with spaces (or other white space) around a value: read without them."""
    return isinstance(cell, str) and len(cell.strip()) not in (0, len(cell))


def spaces_said(name: str, n: int, first: Optional[tuple[int, str, str]]) -> tuple[Said, ...]:
    """What the reading says of the ``n`` cells of file ``name`` read without the spaces around them
    (``first``: the first such cell's row, column and text as written): ' 4' is then the id '4'."""
    if not n or first is None:
        return ()
    row, column, cell = first
    return (Said(N_("read_cells_spaces"), file=name, n=n, example=excerpt(cell, 40), row=row, column=column),)


def frame_spaces(name: str, frame: Any, lines: Sequence[int]) -> tuple[Said, ...]:
    """``spaces_said`` of a DataFrame's cells as written (before they are stripped), its rows
    numbered by ``lines``."""
    n, first = 0, None
    for column in frame.columns:
        hits = frame[column].map(padded).to_numpy()
        count = int(hits.sum())
        if count:
            n += count
            i = int(hits.argmax())
            if first is None or i < first[0]:
                first = (i, str(column), frame[column].iloc[i])
    return spaces_said(name, n, None if first is None else (int(lines[first[0]]), first[1], first[2]))


def repeated(cells: Sequence[Any], skip: Optional[Sequence[bool]] = None) -> list[tuple[int, int]]:
    """(position, position of its first) of each cell that holds what a cell before it holds, in
    order; cells where ``skip`` is True (no id) are left out. The one check of "an id given twice":
    a soft outcome's id column (``_soft_data_checks.id_problems``) and the index of a Series paired
    by its labels (``_soft_common.pair_by_index``)."""
    first: dict[Any, int] = {}
    out = []
    for i, v in enumerate(cells):
        if skip is not None and skip[i]:
            continue
        if v in first:
            out.append((i, first[v]))
        else:
            first[v] = i
    return out
