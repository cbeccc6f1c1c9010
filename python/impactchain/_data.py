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

import codecs
import csv
import io
import os
import re
import stat
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Union

import numpy as np
import pandas as pd

from impactchain._i18n import N_
from impactchain._report_text import Said
from impactchain._text import for_terminal

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

#: Largest data file read (bytes); larger files are refused before reading.
MAX_FILE_BYTES = 512 * 1024 * 1024
#: Most data rows ``read_table`` reads into memory (``iter_csv`` has no row ceiling).
MAX_ROWS = 5_000_000
#: Most cells read from one .xlsx sheet.
MAX_XLSX_CELLS = 20_000_000
#: Largest total uncompressed size of the members of an .xlsx file (checked before opening it).
MAX_XLSX_UNCOMPRESSED = 512 * 1024 * 1024
#: Largest compression ratio of an .xlsx member bigger than 1 MiB (a zip bomb compresses far better).
MAX_XLSX_RATIO = 200
#: Characters of a cell shown in a message.
EXCERPT_CHARS = 24
#: Cell texts read as a missing value (case-insensitive, after stripping spaces), besides an empty cell.
MISSING = ("NA", "N/A", "NaN")

#: Field separators a CSV may use (given as csv.sep, or detected from the header line).
CSV_SEPARATORS = (",", ";", "\t", "|")
#: Encodings a CSV may name in csv.encoding (the model loader accepts the same names).
CSV_ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "windows-1252", "latin-1", "iso-8859-1", "iso-8859-15")
#: Keys of the ``csv`` option.
CSV_KEYS = ("sep", "decimal", "encoding")

_MISSING = {m.lower() for m in MISSING} | {""}
_SYSTEM = ("/proc", "/sys", "/dev")
_XLSX = (".xlsx", ".xlsm")


class DataFileError(ValueError):
    """A data file referenced by a model is unreadable, refused or malformed;
    the message names the file, the row (line of the file, header = 1) and the column."""


def excerpt(value: Any, limit: int = EXCERPT_CHARS) -> str:
    """A short, escaped, quoted excerpt of one value for a message."""
    text = for_terminal(value)
    if len(text) > limit:
        text = text[:limit] + "…"
    return repr(text)


def columns_excerpt(header: Sequence[Any], limit: int = 80) -> str:
    """'pre, after' (at most ``limit`` characters, escaped) for 'the file's columns are: …'."""
    text = ", ".join(for_terminal(h).replace("\n", " ") for h in header)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _is_header(header: Sequence[Any]) -> bool:
    """Whether a first row looks like a CSV header worth naming in a message."""
    return 0 < len(header) <= 1000 and all(isinstance(h, str) and 0 < len(h) <= 100 and h.isprintable() for h in header)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def resolve_data_path(
    path: Union[str, Path], base_dir: Union[str, Path], *, allow_outside: bool = False, field: str = "data"
) -> Path:
    """The real path of a data file named in a model file, checked before reading.

    A relative path resolves under ``base_dir`` (the model file's folder). The
    real path (``..`` and symlinks resolved) must lie inside ``base_dir``, and an
    absolute path is refused, unless ``allow_outside``. System files (/proc,
    /sys, /dev), FIFOs, devices, sockets and directories are always refused, as
    are files over ``MAX_FILE_BYTES``. ``field`` names the entry in messages
    (e.g. ``soft_outcomes[0].data``). Raises DataFileError.
    """
    text = str(path)
    shown = excerpt(text, 80)
    if not text.strip() or "\x00" in text:
        raise DataFileError(f"{field}: {shown} is not a file path")
    folder = Path(os.path.realpath(base_dir))
    given = Path(os.path.expanduser(text)) if text.startswith("~") else Path(text)
    hint = "; pass --allow-outside-data (or allow_outside_data=True) to read it"
    if given.is_absolute() and not allow_outside:
        raise DataFileError(
            f"{field}: {shown} is an absolute path; data paths are relative to the model's folder {str(folder)!r}{hint}"
        )
    real = Path(os.path.realpath(given if given.is_absolute() else folder / given))
    if not allow_outside and not _inside(real, folder):
        raise DataFileError(f"{field}: {shown} is outside the model's folder {str(folder)!r}{hint}")
    if any(_inside(real, Path(s)) for s in _SYSTEM):
        raise DataFileError(f"{field}: {shown} is a system file, not a data file; it is never read")
    try:
        st = os.stat(real)
    except FileNotFoundError:
        raise DataFileError(
            f"{field}: cannot read the data file {shown}: not found "
            f"(data paths are relative to the model file's folder {str(folder)!r})"
        ) from None
    except OSError as e:
        raise DataFileError(f"{field}: cannot read the data file {shown} ({e.strerror})") from None
    _check_regular(st, field, shown)
    return real


def _check_regular(st: os.stat_result, field: str, shown: str, *, sized: bool = True) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise DataFileError(f"{field}: {shown} is a folder, not a data file")
    if not stat.S_ISREG(st.st_mode):
        raise DataFileError(
            f"{field}: {shown} is not a regular file (a pipe, device or socket); "
            "only ordinary CSV or .xlsx files are read"
        )
    if sized and st.st_size > MAX_FILE_BYTES:
        raise DataFileError(
            f"{field}: {shown} has {st.st_size:,} bytes, more than the {MAX_FILE_BYTES:,} bytes "
            "a data file may have; split it, or summarise it with stream_csv"
        )


def _open_regular(path: Path, field: str, *, sized: bool = True) -> io.FileIO:
    """Opens a file without blocking on a FIFO and checks, on the open file, that it is regular."""
    shown = excerpt(path.name, 80)
    if any(_inside(Path(os.path.realpath(path)), Path(s)) for s in _SYSTEM):
        raise DataFileError(f"{field}: {shown} is a system file, not a data file; it is never read")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise DataFileError(f"{field}: cannot read the data file {shown}: not found") from None
    except OSError as e:
        raise DataFileError(f"{field}: cannot read the data file {shown} ({e.strerror})") from None
    try:
        _check_regular(os.fstat(fd), field, shown, sized=sized)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return io.FileIO(fd, "rb", closefd=True)


# --------------------------------------------------------------------------- the table


@dataclass(frozen=True)
class Table:
    """Cells of a data file and where each row is in the file.

    ``frame`` holds the raw cells (CSV: stripped strings; xlsx: the cell values,
    None when empty) under the header's column names; ``lines[i]`` is the
    1-based line of the file (CSV) or row of the sheet (xlsx) of ``frame`` row i.
    """

    frame: pd.DataFrame
    lines: np.ndarray
    name: str
    field: str
    text: bool = False  #: every cell is a (stripped) string, as in a CSV
    decimal: str = "."  #: a text cell's decimal mark ("," for a Dutch Excel CSV)
    #: What was read and how each choice was made (encoding, separator, decimal mark, sheet,
    #: value labels): sentences for a result's assumptions, in every report language.
    reading: tuple[Said, ...] = ()
    #: SPSS value labels: {column: {code: label}} (codes stay the cells' values).
    labels: Optional[Mapping[str, Mapping[Any, str]]] = None

    def where(self, i: int, column: Optional[str] = None) -> str:
        """'survey.csv: row 7, column 'post'' for frame row i."""
        col = "" if column is None else f", column {excerpt(column, 60)}"
        return f"{self.name}: row {int(self.lines[i])}{col}"

    def require(self, columns: Sequence[str], *, who: str = "", label: str = "") -> None:
        """Raises DataFileError naming the columns the file lacks."""
        missing = [c for c in columns if c not in self.frame.columns]
        if missing:
            by = f" (named by {label})" if label else ""
            cols = list(self.frame.columns)
            shown = f"; the file's columns are: {columns_excerpt(cols)}" if _is_header(cols) else ""
            raise DataFileError(f"{who}{self.name}: row 1: column(s) {missing} not found{by}{shown}")

    def blank(self, column: str) -> pd.Series:
        """True where the cell is empty (or only spaces)."""
        col = self.frame[column]
        if self.text:
            return col.isna() | (col == "")
        return col.isna() | col.map(lambda v: isinstance(v, str) and not v.strip())

    def numbers(self, column: str, *, who: str = "") -> pd.Series:
        """The column as floats: an empty cell or one of ``MISSING`` is NaN; any
        other text that is not a finite number raises DataFileError naming the line."""
        col = self.frame[column]
        odd = pd.Series(False, index=col.index)
        if self.text:
            missing = col.isna() | col.str.lower().isin(_MISSING)
        else:  # a spreadsheet cell: a number, text, or something else (a date, TRUE) that is not a score
            missing = col.isna() | col.map(lambda v: isinstance(v, str) and v.strip().lower() in _MISSING)
            odd = col.map(lambda v: v is not None and (isinstance(v, bool) or not isinstance(v, (int, float, str))))
        if self.text and self.decimal == ",":  # a decimal comma: a '.' would be a thousands mark or a mistake
            dotted = col.str.contains(".", regex=False) & ~missing
            if dotted.any():
                i = int(np.flatnonzero(dotted.to_numpy())[0])
                raise DataFileError(
                    f"{who}{self.where(i, column)}: {excerpt(col.iloc[i])} has a '.', but the file's decimal mark "
                    "is ',' (write 3,5 for three and a half; no thousands marks)"
                )
            col = col.str.replace(",", ".", regex=False)
        values = pd.to_numeric(col.where(~missing & ~odd, None), errors="coerce").astype(float)
        bad = (values.isna() & ~missing) | ~np.isfinite(values.fillna(0.0))
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            what = "not a finite number" if values.iloc[i] == values.iloc[i] else "not a number"
            cell = self.frame[column].iloc[i]
            mark = (
                f"; the file's decimal mark is '{self.decimal}' (set csv.decimal if that is wrong)"
                if self.text and isinstance(cell, str) and re.fullmatch(r"-?\d*[.,]\d+", cell)
                else ""
            )
            raise DataFileError(
                f"{who}{self.where(i, column)}: {excerpt(cell)} is {what} "
                f"(an empty cell or {', '.join(MISSING)} is a missing value){mark}"
            )
        return values

    def words(self, column: str) -> pd.Series:
        """The column as labels (group names, ids): an SPSS value label where the code has one,
        a whole number without '.0', other cells as text."""
        names = (self.labels or {}).get(column, {})

        def word(v: Any) -> str:
            if v in names:
                return str(names[v])
            if isinstance(v, float) and v.is_integer():
                return str(int(v))
            return str(v)

        return self.frame[column].map(word)


def read_table(
    path: Union[str, Path, pd.DataFrame],
    *,
    field: str = "data",
    sheet: Union[str, int, None] = None,
    max_rows: int = MAX_ROWS,
    csv: Optional[Mapping[str, Any]] = None,
) -> Table:
    """Reads a CSV (header on line 1), an .xlsx sheet (``sheet``: name, or 0-based
    position; default the first), an SPSS .sav file (needs pyreadstat:
    ``pip install 'impactchain[spss]'``) or a pandas DataFrame into a Table.

    ``csv`` gives a CSV's ``sep``, ``decimal`` and ``encoding``; what is not given
    is detected (``Table.reading`` says what and how). ``path`` should come from
    ``resolve_data_path``; the file is checked again on opening (regular file,
    size). Every CSV row must have as many fields as the header; nothing is
    dropped. At most ``max_rows`` data rows.
    """
    if isinstance(path, pd.DataFrame):
        _only_for("a DataFrame", field, sheet=sheet, csv=csv)
        return frame_table(path, field=field, max_rows=max_rows)
    p = Path(path)
    if p.suffix.lower() in _XLSX:
        from impactchain._data_xlsx import read_xlsx  # openpyxl only when a workbook is read

        _only_for(f"{excerpt(p.name, 80)} (a workbook)", field, csv=csv)
        return read_xlsx(p, field, sheet, max_rows)
    if p.suffix.lower() == ".sav":
        from impactchain._data_sav import read_sav  # pyreadstat only when an SPSS file is read

        _only_for(f"{excerpt(p.name, 80)} (an SPSS file)", field, sheet=sheet, csv=csv)
        return read_sav(p, field, max_rows)
    _only_for(f"{excerpt(p.name, 80)} (a CSV file)", field, sheet=sheet)
    fmt = _csv_options(csv, field)
    with _open_regular(p, field) as f:
        raw = f.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise DataFileError(
            f"{field}: {excerpt(p.name, 80)} has more than the {MAX_FILE_BYTES:,} bytes a data file may have"
        )
    text, encoding = _decode(raw, fmt.get("encoding"), field, p.name)
    sep = fmt.get("sep") or _detect_sep(text)
    if "decimal" in fmt:
        decimal, how = fmt["decimal"], Said(N_("read_csv_decimal_given"), file=p.name, decimal=fmt["decimal"])
    else:
        decimal, how = _detect_decimal(text, sep, field, p.name)
    if sep == decimal:
        raise DataFileError(f"{field}: {p.name}: the separator and the decimal mark are both {sep!r}; set csv.sep")
    reading = (
        encoding,
        Said(
            N_("read_csv_sep_given") if "sep" in fmt else N_("read_csv_sep_detected"), file=p.name, sep=_shown_sep(sep)
        ),
        how,
    )
    table = _csv_fast(raw, text, field, p.name, max_rows, sep)
    del raw
    if table is not None:
        return Table(table.frame, table.lines, table.name, field, text=True, decimal=decimal, reading=reading)
    rows, lines, header = [], [], None
    for line, r in _records(io.StringIO(text, newline=""), field, p.name, sep):
        if header is None:
            header = _header(r, field, p.name)
            continue
        if len(r) != len(header):
            _ragged(r, header, line, field, p.name)
        rows.append(r)
        lines.append(line)
        if len(rows) > max_rows:
            _too_many(field, p.name, max_rows)
    if header is None:
        raise DataFileError(f"{field}: {p.name}: the file is empty (expected a header row on line 1)")
    columns = list(zip(*rows)) if rows else [()] * len(header)
    frame = pd.DataFrame({h: pd.Series(c, dtype=object) for h, c in zip(header, columns)})
    return Table(
        _stripped(frame),
        np.asarray(lines, dtype=np.int64),
        p.name,
        field,
        text=True,
        decimal=decimal,
        reading=reading,
    )


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
    return Table(out, lines, "DataFrame", field, reading=(how,))


def _only_for(what: str, field: str, **options: Any) -> None:
    """Refuses an option that does not apply to this kind of data ('sheet' for a CSV, ...)."""
    given = [k for k, v in options.items() if v is not None]
    if given:
        applies = {"sheet": ".xlsx workbooks", "csv": "CSV files"}
        k = given[0]
        raise DataFileError(f"{field}: '{k}' applies to {applies[k]} only, not to {what}")


def _csv_options(csv: Optional[Mapping[str, Any]], field: str) -> dict[str, str]:
    """The ``csv`` option checked: known keys, a known separator, decimal mark and encoding."""
    if csv is None:
        return {}
    if not isinstance(csv, Mapping):
        raise DataFileError(f"{field}: csv must be a mapping of {', '.join(CSV_KEYS)}, got {type(csv).__name__}")
    out: dict[str, str] = {}
    for k, v in csv.items():
        if k not in CSV_KEYS:
            raise DataFileError(f"{field}: csv: unknown key {excerpt(k, 40)} (known: {', '.join(CSV_KEYS)})")
        if v is None or v == "":
            continue
        if not isinstance(v, str):
            raise DataFileError(f"{field}: csv.{k} must be text, got {type(v).__name__}")
        out[k] = v
    if "sep" in out and out["sep"] not in CSV_SEPARATORS:
        raise DataFileError(
            f"{field}: csv.sep must be one of ',', ';', '\\t' (tab) or '|', got {excerpt(out['sep'], 8)}"
        )
    if "decimal" in out and out["decimal"] not in (".", ","):
        raise DataFileError(f"{field}: csv.decimal must be '.' or ',', got {excerpt(out['decimal'], 8)}")
    if "sep" in out and out["sep"] == out.get("decimal"):
        raise DataFileError(f"{field}: csv.decimal must differ from csv.sep (both are {out['sep']!r})")
    if "encoding" in out:
        name = out["encoding"].lower().replace("_", "-")
        if name not in CSV_ENCODINGS:
            raise DataFileError(
                f"{field}: csv.encoding must be one of {', '.join(CSV_ENCODINGS)}, got {excerpt(out['encoding'], 20)}"
            )
        out["encoding"] = name
    return out


def _shown_sep(sep: str) -> str:
    return "\\t (tab)" if sep == "\t" else sep


def _decode(raw: bytes, given: Optional[str], field: str, name: str) -> tuple[str, Said]:
    """The file's text and how its encoding was chosen: as given, or UTF-8 when the
    whole file is valid UTF-8, else Windows-1252 (what Excel on Windows writes)."""
    if given:
        try:
            text = raw.decode("utf-8-sig" if given == "utf-8" else given)
        except UnicodeDecodeError as e:
            line = raw[: e.start].count(b"\n") + 1
            raise DataFileError(
                f"{field}: {name}: row {line}: not {given} text (byte {e.start}); set csv.encoding to the "
                "file's encoding, or save it as UTF-8 CSV"
            ) from None
        return text, Said(N_("read_csv_encoding_given"), file=name, encoding=given)
    try:
        return raw.decode("utf-8-sig"), Said(N_("read_csv_encoding_utf8"), file=name)
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise DataFileError(
                f"{field}: {name}: row {line}: neither UTF-8 nor Windows-1252 text (byte {e.start}); "
                "set csv.encoding, or save the file as UTF-8 CSV"
            ) from None
        return text, Said(N_("read_csv_encoding_cp1252"), file=name, row=line)


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line
    return ""


def _detect_sep(text: str) -> str:
    """The separator that splits the header line (the first non-blank line, quoted
    text left out) into the most columns; ',' when none does."""
    header = re.sub(r'"[^"]*"', "", _first_line(text))
    counts = {s: header.count(s) for s in CSV_SEPARATORS}
    best = max(CSV_SEPARATORS, key=lambda s: counts[s])  # ties: the earlier in CSV_SEPARATORS
    return best if counts[best] else ","


_COMMA_NUMBER = re.compile(r"(?:^|[;\t|])\s*-?\d+,\d+\s*(?=$|[;\t|])", re.M)
_DOT_NUMBER = re.compile(r"(?:^|[;,\t|])\s*-?\d+\.\d+\s*(?=$|[;,\t|])", re.M)


#: Characters of a CSV looked at to detect its decimal mark (a cell past them written with
#: the other mark is refused at its row, never misread).
DETECT_CHARS = 1_000_000


def _detect_decimal(text: str, sep: str, field: str, name: str) -> tuple[str, Said]:
    """The decimal mark, with the reason: ',' when a number is written with a
    decimal comma (3,5) and none with a decimal point; '.' otherwise."""
    if sep == ",":
        return ".", Said(N_("read_csv_decimal_comma_sep"), file=name)
    sample = text[:DETECT_CHARS].replace('"', "")
    found = {mark: rx.search(sample) for mark, rx in ((",", _COMMA_NUMBER), (".", _DOT_NUMBER))}
    cells = {mark: m.group(0).strip(";,|\t \r\n") for mark, m in found.items() if m}
    if len(cells) == 2:
        raise DataFileError(
            f"{field}: {name}: cells such as {excerpt(cells[','])} and {excerpt(cells['.'])} use both ',' and '.' "
            "as decimal mark; set csv.decimal"
        )
    for mark, cell in cells.items():
        return mark, Said(N_("read_csv_decimal_found"), file=name, decimal=mark, example=cell)
    return ".", Said(N_("read_csv_decimal_none"), file=name)


def _too_many(field: str, name: str, max_rows: int) -> None:
    raise DataFileError(
        f"{field}: {name} has more than {max_rows:,} data rows, the most read at once; "
        "summarise a longer file with stream_csv"
    )


def _stripped(frame: pd.DataFrame) -> pd.DataFrame:
    for c in frame.columns:
        frame[c] = frame[c].astype(object).str.strip() if len(frame) else frame[c].astype(object)
    return frame


# A line of only spaces or tabs (after the first line).
_SPACES_LINE = re.compile(rb"\n[ \t]+(?:\r?\n|\r?\Z)")


def _padded(sep: str) -> re.Pattern[bytes]:
    """A space or tab next to a field separator or a line end: cells need stripping."""
    s = re.escape(sep.encode())
    return re.compile(rb"[ \t](?:" + s + rb"|[\r\n])|(?:" + s + rb"|\n)[ \t]|[ \t]\Z|\A[ \t]")


def _csv_fast(raw: bytes, text: str, field: str, name: str, max_rows: int, sep: str = ",") -> Optional[Table]:
    """The common case, read by pandas' C parser with the file lines found by
    numpy: no quotes, LF or CRLF line ends, header on line 1. None otherwise."""
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
    header = _header(text.split("\n", 1)[0].rstrip("\r").split(sep), field, name)
    data = np.flatnonzero(length[1:] > 0) + 1  # 0-based line indices of the data rows
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
        dtype=str,
        na_filter=False,
        skip_blank_lines=True,
        engine="c",
        index_col=False,
    )
    if len(frame) != data.size:  # pandas saw the lines differently: use the general reader
        return None
    if spaces and _padded(sep).search(raw):
        frame = _stripped(frame)
    return Table(frame, (data + 1).astype(np.int64), name, field, text=True)


def _records(lines_iter: Any, field: str, name: str, sep: str = ",") -> Iterator[tuple[int, list[str]]]:
    """(first line of the record, fields) for every non-blank CSV record."""
    reader = csv.reader(lines_iter, delimiter=sep)
    prev = 0
    while True:
        try:
            r = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            raise DataFileError(f"{field}: {name}: row {prev + 1}: not a readable CSV record ({e})") from None
        except UnicodeDecodeError:
            raise DataFileError(
                f"{field}: {name}: near row {prev + 1}: not UTF-8 text; save the file as UTF-8 CSV"
            ) from None
        start, prev = prev + 1, reader.line_num
        if not r or (len(r) == 1 and not r[0].strip()):
            continue  # a blank line: no row, but it still counts as a line
        yield start, r


def _header(r: list[str], field: str, name: str) -> list[str]:
    header = [h.strip() for h in r]
    if not any(header):
        raise DataFileError(f"{field}: {name}: the file is empty (expected a header row on line 1)")
    dup = sorted({h for h in header if header.count(h) > 1})
    if dup:
        shown = [excerpt(d, 40) for d in dup[:5]]
        raise DataFileError(f"{field}: {name}: row 1: duplicate column names {', '.join(shown)}")
    return header


def _ragged(r: list[str], header: list[str], line: int, field: str, name: str) -> None:
    col = header[len(r)] if len(r) < len(header) else f"(extra field after '{header[-1]}')"
    raise DataFileError(
        f"{field}: {name}: row {line}: {len(r)} fields but the header has {len(header)} columns "
        f"(first problem at column {col}); no row is dropped, fix the file"
    )


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
                    raise DataFileError(f"{field}: {p.name}: row 1: column(s) {list(missing)} not found{shown}")
                idx = [header.index(c) for c in columns]
                continue
            if len(r) != len(header):
                _ragged(r, header, line, field, p.name)
            rows.append([r[j].strip() for j in idx])
            lines.append(line)
            if len(rows) == chunksize:
                seen += len(rows)
                yield (
                    Table(
                        pd.DataFrame(rows, columns=list(columns), dtype=object),
                        np.asarray(lines, dtype=np.int64),
                        p.name,
                        field,
                        text=True,
                    ),
                    seen,
                )
                rows, lines = [], []
        if header is None:
            raise DataFileError(f"{field}: {p.name}: the file is empty (expected a header row on line 1)")
        if rows:
            seen += len(rows)
            yield (
                Table(
                    pd.DataFrame(rows, columns=list(columns), dtype=object),
                    np.asarray(lines, dtype=np.int64),
                    p.name,
                    field,
                    text=True,
                ),
                seen,
            )
