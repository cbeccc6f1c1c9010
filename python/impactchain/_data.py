"""Reading the data files a model refers to: one place for every reader.

- ``resolve_data_path``: a path written in a model file resolves under the
  model file's folder; the real path (symlinks resolved) must stay inside that
  folder unless the caller allows otherwise; only regular files of at most
  ``MAX_FILE_BYTES`` are read (no FIFOs, devices, directories or /proc files).
- ``read_table``: a CSV, an .xlsx sheet, an SPSS .sav file or a pandas
  DataFrame as a DataFrame of the raw cells plus, for every row, its 1-based
  line of the file (CSV: blank lines and quoted multi-line fields counted), its
  sheet row number (xlsx), its case number (.sav) or its index label
  (DataFrame), so every message names the row the user sees. A CSV's separator,
  decimal mark and encoding are given (``csv={"sep": ";", "decimal": ",",
  "encoding": "cp1252"}``) or detected; ``Table.reading`` states what was read
  and how each choice was made.
- ``iter_csv``: CSV reading (UTF-8, comma-separated) in chunks, for files of any length.

Messages name the file, the line and the column. They never show the file's
content, apart from one cell (escaped, at most ``EXCERPT_CHARS`` characters)
and an escaped excerpt of at most 80 characters of a header that parsed as a
CSV header.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Optional, Union

from impactchain._data_csv import (
    CSV_ENCODINGS,
    CSV_SEPARATORS,
    _header,
    _ragged,
    _records,
    read_csv,
)
from impactchain._data_files import (
    MAX_FILE_BYTES,
    MAX_ROWS,
    MAX_XLSX_CELLS,
    MAX_XLSX_RATIO,
    MAX_XLSX_UNCOMPRESSED,
    DataFileError,
    _is_header,
    _open_regular,
    columns_excerpt,
    excerpt,
    resolve_data_path,
)
from impactchain._data_table import MISSING, Table
from impactchain._loaded import loaded_pandas
from impactchain._problems import names

__all__ = [
    "CSV_ENCODINGS",
    "CSV_SEPARATORS",
    "DataFileError",
    "Table",
    "frame_table",
    "resolve_data_path",
    "read_table",
    "iter_csv",
    "excerpt",
    "columns_excerpt",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "MAX_XLSX_CELLS",
    "MAX_XLSX_UNCOMPRESSED",
    "MAX_XLSX_RATIO",
    "MISSING",
]

_XLSX = (".xlsx", ".xlsm")


def frame_table(frame: Any, *, field: str = "data", max_rows: int = MAX_ROWS) -> Table:
    """A pandas DataFrame as a Table (see ``impactchain._data_frame.frame_table``)."""
    from impactchain._data_frame import frame_table as of_frame

    return of_frame(frame, field=field, max_rows=max_rows)


def _is_frame(x: Any) -> bool:
    """Whether ``x`` is a pandas DataFrame (pandas is not imported to find out)."""
    pd = loaded_pandas()
    return pd is not None and isinstance(x, pd.DataFrame)


def read_table(
    path: Union[str, Path, Any],
    *,
    field: str = "data",
    sheet: Union[str, int, None] = None,
    max_rows: int = MAX_ROWS,
    csv: Optional[Mapping[str, Any]] = None,
    header_row: Optional[int] = None,
) -> Table:
    """Reads a CSV (header on line 1, or ``header_row``), an .xlsx sheet (``sheet``: name, or 0-based
    position; default the first), an SPSS .sav file (needs pyreadstat:
    ``pip install 'impactchain[spss]'``) or a pandas DataFrame into a Table.

    ``csv`` gives a CSV's ``sep``, ``decimal`` and ``encoding``; what is not given
    is detected (``Table.reading`` says what and how). ``path`` should come from
    ``resolve_data_path``; the file is checked again on opening (regular file,
    size). Every CSV row must have as many fields as the header; nothing is
    dropped. At most ``max_rows`` data rows. ``header_row`` (a CSV or a sheet) is the row
    of the column names when rows above them are not data; rows keep their numbers.
    """
    if _is_frame(path):
        _only_for("a DataFrame", field, sheet=sheet, csv=csv, header_row=header_row)
        return frame_table(path, field=field, max_rows=max_rows)
    p = Path(path)
    if p.suffix.lower() in _XLSX:
        from impactchain._data_xlsx import read_xlsx  # openpyxl only when a workbook is read

        _only_for(f"{excerpt(p.name, 80)} (a workbook)", field, csv=csv)
        return read_xlsx(p, field, sheet, max_rows, header_row or 1)
    if p.suffix.lower() == ".sav":
        from impactchain._data_sav import read_sav  # pyreadstat only when an SPSS file is read

        _only_for(f"{excerpt(p.name, 80)} (an SPSS file)", field, sheet=sheet, csv=csv, header_row=header_row)
        return read_sav(p, field, max_rows)
    _only_for(f"{excerpt(p.name, 80)} (a CSV file)", field, sheet=sheet)
    return read_csv(p, field, csv, max_rows, header_row or 1)


def _only_for(what: str, field: str, **options: Any) -> None:
    """Refuses an option that does not apply to this kind of data ('sheet' for a CSV, ...)."""
    given = [k for k, v in options.items() if v is not None]
    if given:
        applies = {"sheet": ".xlsx workbooks", "csv": "CSV files", "header_row": "CSV files and workbooks"}
        k = given[0]
        raise DataFileError(f"{field}: '{k}' applies to {applies[k]} only, not to {what}")


def iter_csv(
    path: Union[str, Path], columns: Sequence[str], *, chunksize: int = 100_000, field: str = "data"
) -> Iterator[tuple[Table, int]]:
    """The named columns of a CSV in chunks of ``chunksize`` rows: (Table, rows so far).

    Memory holds one chunk; there is no size or row ceiling. Lines are counted
    as in ``read_table``.
    """
    p = Path(path)
    if int(chunksize) < 1:
        raise ValueError(f"chunksize must be >= 1, got {chunksize}")
    raw = _open_regular(p, field, sized=False)
    with io.TextIOWrapper(io.BufferedReader(raw), encoding="utf-8-sig", newline="") as text:
        header, idx, rows, lines, seen = None, [], [], [], 0
        for line, r in _records(text, field, p.name):
            if header is None:
                header = _header(r, field, p.name)
                missing = [c for c in columns if c not in header]
                if missing:
                    shown = f"; the file's columns are: {columns_excerpt(header)}" if _is_header(header) else ""
                    raise DataFileError(f"{field}: {p.name}: row 1: {names('column', missing)} not found{shown}")
                idx = [header.index(c) for c in columns]
                continue
            if len(r) != len(header):
                _ragged(r, header, line, field, p.name)
            rows.append([r[j].strip() for j in idx])
            lines.append(line)
            if len(rows) == chunksize:
                seen += len(rows)
                yield _chunk(rows, lines, columns, p.name, field), seen
                rows, lines = [], []
        if header is None:
            raise DataFileError(f"{field}: {p.name}: the file is empty (expected a header row on line 1)")
        if rows:
            seen += len(rows)
            yield _chunk(rows, lines, columns, p.name, field), seen


def _chunk(rows: list[list[str]], lines: list[int], columns: Sequence[str], name: str, field: str) -> Table:
    return Table.of_rows(columns, rows, lines, name, field, text=True)
