"""Strict reading of the CSV data files a model refers to; errors name the file, row and column."""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Sequence

import pandas as pd


class DataFileError(ValueError):
    """A data file referenced by a model is unreadable or malformed; the
    message names the model, the file, the row (line of the file, header = 1)
    and the column."""


def check_csv(path: Path, columns: Sequence[str], *, who: str) -> pd.DataFrame:
    """Reads a CSV data file strictly: every row must have as many fields as
    the header, required columns must exist, and the text must be UTF-8.
    Raises DataFileError naming the file, row (line of the file) and column."""
    where = f"{who}: {path}"
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise DataFileError(f"{where}: cannot read the data file ({e.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise DataFileError(f"{where}: row {line}: not UTF-8 text (byte {e.start}); save the file as UTF-8 CSV") from None
    rows = list(csv.reader(text.splitlines()))
    if not rows or not any(c.strip() for c in rows[0]):
        raise DataFileError(f"{where}: the file is empty (expected a header row with columns {list(columns)})")
    header = [h.strip() for h in rows[0]]
    dup = sorted({h for h in header if header.count(h) > 1})
    if dup:
        raise DataFileError(f"{where}: row 1: duplicate column names {dup}")
    missing = [c for c in columns if c not in header]
    if missing:
        raise DataFileError(f"{where}: row 1: column(s) {missing} not found (columns: {header})")
    for i, r in enumerate(rows[1:], start=2):
        if not r or (len(r) == 1 and not r[0].strip()):
            continue
        if len(r) != len(header):
            col = header[len(r)] if len(r) < len(header) else f"(extra field after '{header[-1]}')"
            raise DataFileError(
                f"{where}: row {i}: {len(r)} fields but the header has {len(header)} columns "
                f"(first problem at column {col}); no row is dropped, fix the file"
            )
        for c in columns:
            cell = r[header.index(c)].strip()
            if cell == "":
                continue
            try:
                float(cell)
            except ValueError:
                raise DataFileError(f"{where}: row {i}, column '{c}': {cell!r} is not a number") from None
    # A blank line (skipped above) stays a row of empty cells, so that row i of the frame is line i + 2.
    return pd.DataFrame([r if len(r) == len(header) else [""] * len(header) for r in rows[1:]], columns=header)
