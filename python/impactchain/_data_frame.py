"""The data readers that build a pandas DataFrame: a large CSV read by pandas' C parser
(``csv_fast``, for ``impactchain._data_csv.read_csv``) and a DataFrame given to the Python
API (``frame_table``). Both give the same Table as the standard-library reader would."""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Mapping
from typing import Any, Optional

import numpy as np
import pandas as pd

from impactchain._data_cells import frame_spaces
from impactchain._data_csv import _header, _ragged, _too_many
from impactchain._data_empty import empty_rows
from impactchain._data_files import MAX_ROWS
from impactchain._data_table import Table
from impactchain._i18n import N_
from impactchain._report_text import Said


def frame_table(frame: pd.DataFrame, *, field: str = "data", max_rows: int = MAX_ROWS) -> Table:
    """A pandas DataFrame as a Table: column names as text (duplicates refused),
    text cells stripped, rows named by the index when it holds distinct whole
    numbers, else by their 0-based position (``Table.reading`` says which)."""
    if len(frame) > max_rows:
        _too_many(field, "DataFrame", max_rows)
    names = [str(c) for c in frame.columns]
    _header(names, field, "DataFrame")
    out = pd.DataFrame(
        {
            n: frame.iloc[:, k].astype(object).map(lambda v: v.strip() if isinstance(v, str) else v)
            for k, n in enumerate(names)
        }
    ).reset_index(drop=True)
    out = out.where(out.notna(), None) if len(out) else out
    index = frame.index
    by_index = pd.api.types.is_integer_dtype(index.dtype) and index.is_unique
    lines = np.asarray(index if by_index else np.arange(len(frame)), dtype=np.int64)
    how = Said(N_("read_frame_index") if by_index else N_("read_frame_position"))
    given = frame.set_axis(names, axis=1).reset_index(drop=True)
    spaced = frame_spaces("DataFrame", given, lines.tolist())
    return Table.of_frame(out, lines.tolist(), "DataFrame", field, reading=(how, *spaced))


def _stripped(frame: pd.DataFrame) -> pd.DataFrame:
    for c in frame.columns:
        frame[c] = frame[c].astype(object).str.strip() if len(frame) else frame[c].astype(object)
    return frame


# A line of only spaces or tabs (after the first line).
_SPACES_LINE = re.compile(rb"\n[ \t]+(?:\r?\n|\r?\Z)")


# What str.strip removes besides a space and a tab (which _padded finds where they matter):
# the other ASCII whitespace, and any non-ASCII character (a no-break space, a thin space).
_OTHER_SPACE = re.compile(rb"[\x0b\x0c\x1c-\x1f\x80-\xff]")


def _padded(sep: str) -> re.Pattern[bytes]:
    """A space or tab next to a field separator or a line end: cells need stripping."""
    s = re.escape(sep.encode())
    return re.compile(rb"[ \t](?:" + s + rb"|[\r\n])|(?:" + s + rb"|\n)[ \t]|[ \t]\Z|\A[ \t]")


def _only_separators(sep: str) -> re.Pattern[bytes]:
    """A line of only separators (and spaces): a row whose every cell is empty, as Excel writes."""
    s = re.escape(sep.encode())
    return re.compile(rb"(?m)^[ \t]*" + s + rb"(?:[ \t]|" + s + rb")*\r?$")


def csv_fast(
    raw: bytes, text: str, field: str, name: str, max_rows: int, sep: str, options: Mapping[str, Any]
) -> Optional[Table]:
    """The common case, read by pandas' C parser with the file lines found by
    numpy: no quotes, LF or CRLF line ends, header on line 1. None otherwise
    (``options``: the Table's text, decimal and reading)."""
    # Anything that needs the full CSV grammar: quotes, NUL, a lone CR line end, a line of only spaces.
    spaces = b" " in raw or b"\t" in raw
    if (
        not text
        or b'"' in raw
        or b"\x00" in raw
        or raw.count(b"\r") != raw.count(b"\r\n")
        or (spaces and _SPACES_LINE.search(raw))
    ):
        return None
    buf = np.frombuffer(raw, dtype=np.uint8)
    if raw.startswith(codecs.BOM_UTF8):
        buf = buf[len(codecs.BOM_UTF8) :]
    ends = np.flatnonzero(buf == 10)
    if ends.size == 0 or ends[-1] != buf.size - 1:
        ends = np.append(ends, buf.size)  # the last line has no line end
    starts = np.concatenate(([0], ends[:-1] + 1))
    length = ends - starts
    cr = (length > 0) & (buf[np.maximum(ends - 1, 0)] == 13)
    length = length - cr
    if length[0] == 0:
        return None  # blank lines before the header: the general reader says so
    comma = np.flatnonzero(buf == ord(sep))
    fields = np.searchsorted(comma, ends) - np.searchsorted(comma, starts) + 1
    header = _header(text.split("\n", 1)[0].rstrip("\r").split(sep), field, name, unnamed=True)
    if not all(header) or _only_separators(sep).search(raw):
        return None  # a column without a name, or a line of only separators (;;;;): the general reader's rules
    data = np.flatnonzero(length[1:] > 0) + 1  # 0-based line indices of the data rows
    blank = np.flatnonzero(length[1:] == 0) + 2  # the blank lines' numbers: no rows, stated
    if data.size > max_rows:
        _too_many(field, name, max_rows)
    bad = np.flatnonzero(fields[data] != len(header))
    if bad.size:
        i = int(data[bad[0]])
        r = text.split("\n")[i].rstrip("\r").split(sep)
        _ragged(r, header, i + 1, field, name)
    frame = pd.read_csv(
        io.StringIO(text),
        header=None,
        skiprows=1,
        names=header,
        sep=sep,
        dtype=object,  # the cells as str in object columns, as the standard-library reader gives them
        na_filter=False,
        skip_blank_lines=True,
        engine="c",
        index_col=False,
    )
    if len(frame) != data.size:  # pandas saw the lines differently: use the general reader
        return None
    spaced: tuple[Said, ...] = ()
    if (spaces and _padded(sep).search(raw)) or _OTHER_SPACE.search(raw):  # the csv module's reader strips every cell
        spaced = frame_spaces(name, frame, (data + 1).tolist())
        frame = _stripped(frame)
    said = {**options, "reading": (*options["reading"], *empty_rows(name, blank.tolist()), *spaced)}
    return Table.of_frame(frame, (data + 1).tolist(), name, field, **said)
