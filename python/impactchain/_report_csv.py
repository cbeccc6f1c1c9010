"""Writing tables for spreadsheets (CSV exports), safely.

Every export goes through ``safe_cell``: a text cell that a spreadsheet would
read as a formula (it begins with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return) is written with a leading ``'``, so opening the file in Excel
or LibreOffice never runs ``=HYPERLINK(…)`` or ``=cmd|…`` from a model or data
file. Numbers stay numbers: ``-3.5`` (a float) is written as is; only text is
neutralised.

Reading data files lives in ``impactchain._data``; ``DataFileError`` and
``check_csv`` stay importable from here.
"""

from __future__ import annotations

import csv
import io
import math
import numbers
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Union

import pandas as pd

from impactchain._data import DataFileError, read_table

__all__ = ["safe_cell", "csv_text", "write_csv", "frame_csv", "DataFileError", "check_csv"]

#: First characters that make a spreadsheet read a text cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The cell as written to a CSV: text starting like a formula gets a leading
    ``'``; None and NaN become an empty cell; numbers and booleans stay as they are."""
    if value is None:
        return ""
    if isinstance(value, (bool, numbers.Number)):
        if not isinstance(value, bool) and isinstance(value, numbers.Real) and math.isnan(float(value)):
            return ""
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_text(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> str:
    """A CSV (header line, then rows) with every cell through ``safe_cell``."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([safe_cell(h) for h in header])
    for r in rows:
        w.writerow([safe_cell(c) for c in r])
    return buf.getvalue()


def frame_csv(frame: pd.DataFrame, *, index: bool = False) -> str:
    """A DataFrame as a safe CSV (optionally with its index as the first column)."""
    header = ([frame.index.name or ""] if index else []) + list(frame.columns)
    rows = ((([ix] if index else []) + list(r)) for ix, r in zip(frame.index, frame.itertuples(index=False)))
    return csv_text(header, rows)


def write_csv(path: Union[str, Path], header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> Path:
    """Writes ``csv_text(header, rows)`` as UTF-8 to ``path``; returns the path."""
    p = Path(path)
    p.write_text(csv_text(header, rows), encoding="utf-8", newline="")
    return p


def check_csv(path: Path, columns: Sequence[str], *, who: str) -> pd.DataFrame:
    """Reads a CSV data file strictly (see ``impactchain._data.read_table``): every
    row must have as many fields as the header, the named columns must exist and
    hold numbers (an empty cell or NA is missing). Returns the cells (blank lines
    are no rows). Raises DataFileError naming the file, the line and the column."""
    table = read_table(path, field=f"{who}: {path}")
    table.require(list(columns), who=f"{who}: ")
    table.number_columns(list(columns), who=f"{who}: ")
    return table.frame
