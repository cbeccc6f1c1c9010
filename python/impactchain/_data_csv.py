"""Reading a CSV survey file with the standard library: the ``csv`` option checked,
the encoding, separator and decimal mark given or detected (each choice stated in
``Table.reading``), every record read with its 1-based line of the file (blank lines
and quoted multi-line fields counted), every row as long as the header; rows whose every cell
is empty and columns with no name and no value not read but stated (``impactchain._data_empty``).

``read_csv`` reads a file into a :class:`~impactchain._data_table.Table` of plain
columns; a file over ``FRAME_PARSER_BYTES`` is read by pandas' C parser instead
(``impactchain._data_frame``), which pays for pandas' import on a large file only."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Optional

from impactchain._data_cells import padded, spaces_said
from impactchain._data_empty import empty_rows, unnamed_columns
from impactchain._data_files import MAX_FILE_BYTES, DataFileError, _open_regular, excerpt
from impactchain._data_hints import title_hint
from impactchain._data_table import Table
from impactchain._i18n import N_
from impactchain._report_text import Said

#: Field separators a CSV may use (given as csv.sep, or detected from the header line).
CSV_SEPARATORS = (",", ";", "\t", "|")
#: Encodings a CSV may name in csv.encoding (the model loader accepts the same names).
CSV_ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "windows-1252", "latin-1", "iso-8859-1", "iso-8859-15")
#: Keys of the ``csv`` option.
CSV_KEYS = ("sep", "decimal", "encoding")
#: Size (bytes) from which a CSV is read by pandas' C parser (below it, the csv module is faster
#: than importing pandas).
FRAME_PARSER_BYTES = 2 * 1024 * 1024


def read_csv(p: Path, field: str, csv_option: Optional[Mapping[str, Any]], max_rows: int, header_row: int = 1) -> Table:
    """A CSV file (header on line 1, or on line ``header_row``: the records above it are not read)
    as a Table of stripped text cells; see ``read_table``."""
    fmt = _csv_options(csv_option, field)
    with _open_regular(p, field) as f:
        raw = f.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise DataFileError(
            f"{field}: {excerpt(p.name, 80)} has more than the {MAX_FILE_BYTES:,} bytes a data file may have"
        )
    text, encoding = _decode(raw, fmt.get("encoding"), field, p.name)
    sep = fmt.get("sep") or _detect_sep(text, header_row)
    if "decimal" in fmt:
        decimal, how = fmt["decimal"], Said(N_("read_csv_decimal_given"), file=p.name, decimal=fmt["decimal"])
    else:
        decimal, how = _detect_decimal(text, sep, field, p.name)
    # A comma may be both: a decimal comma is then in a quoted field ("6,5"), which holds the
    # separator as text; an unquoted 6,5 is two fields (a row of the wrong length, refused).
    options: dict[str, Any] = {"text": True, "decimal": decimal, "sep": sep}
    options["reading"] = (
        encoding,
        Said(
            N_("read_csv_sep_given") if "sep" in fmt else N_("read_csv_sep_detected"), file=p.name, sep=_shown_sep(sep)
        ),
        how,
    )
    if header_row > 1:
        options["reading"] += (Said(N_("read_header_row"), file=p.name, row=header_row),)
    if len(raw) >= FRAME_PARSER_BYTES and header_row == 1:
        from impactchain._data_frame import csv_fast  # pandas only for a large file

        table = csv_fast(raw, text, field, p.name, max_rows, sep, options)
        if table is not None:
            return table
    del raw
    rows, lines, header = [], [], None
    blank: list[int] = []  # blank lines, and lines of only separators (;;;;): no rows
    n_padded, first_padded = 0, None  # cells with spaces around them, and the first (row, column, cell)
    for line, r in _records(io.StringIO(text, newline=""), field, p.name, sep, blank):
        if header is None:
            if line < header_row:
                continue  # above the column names (a title): not data
            if line > header_row:
                raise DataFileError(
                    f"{field}: {p.name}: row {header_row} is empty, but header_row says the column names are there"
                )
            header = _header(r, field, p.name, header_row, unnamed=True)
            continue
        if not any(c.strip() for c in r):
            blank.append(line)
            continue
        if len(r) != len(header):
            _ragged(r, header, line, field, p.name)
        stripped = [c.strip() for c in r]
        if any(len(a) != len(b) for a, b in zip(r, stripped)):  # spaces around a cell: read without them, said
            for j, c in enumerate(r):
                if padded(c):
                    n_padded += 1
                    first_padded = first_padded or (line, header[j], c)
        rows.append(stripped)
        lines.append(line)
        if len(rows) > max_rows:
            _too_many(field, p.name, max_rows)
    if header is None:
        raise DataFileError(f"{field}: {p.name}: the file is empty (expected a header row on line {header_row})")
    header, rows, unnamed = unnamed_columns(header, rows, lines, field, p.name)
    options["reading"] += empty_rows(p.name, [n for n in blank if n > header_row]) + unnamed
    options["reading"] += spaces_said(p.name, n_padded, first_padded)
    columns = list(zip(*rows)) if rows else [()] * len(header)
    cells = {h: list(col) for h, col in zip(header, columns)}
    return Table(cells, lines, p.name, field, **options)


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


def _first_line(text: str, header_row: int = 1) -> str:
    """The header line: the first non-blank line, or line ``header_row`` when it is given."""
    lines = text.splitlines()
    if header_row > 1:
        return lines[header_row - 1] if header_row <= len(lines) else ""
    for line in lines:
        if line.strip():
            return line
    return ""


def _detect_sep(text: str, header_row: int = 1) -> str:
    """The separator that splits the header line (the first non-blank line, or line
    ``header_row``; quoted text left out) into the most columns; ',' when none does."""
    header = re.sub(r'"[^"]*"', "", _first_line(text, header_row))
    counts = {s: header.count(s) for s in CSV_SEPARATORS}
    best = max(CSV_SEPARATORS, key=lambda s: counts[s])  # ties: the earlier in CSV_SEPARATORS
    return best if counts[best] else ","


_COMMA_NUMBER = re.compile(r"(?:^|[;\t|])\s*-?\d+,\d+\s*(?=$|[;\t|])", re.M)
_DOT_NUMBER = re.compile(r"(?:^|[;,\t|])\s*-?\d+\.\d+\s*(?=$|[;,\t|])", re.M)
#: In a comma-separated file: a quoted number with a decimal comma ("6,5", as Google Sheets and
#: other Dutch-locale tools write), and a number with a decimal point, quoted or not.
_QUOTED_COMMA_NUMBER = re.compile(r'(?:^|,)[ \t]*"[ \t]*(-?\d+,\d+)[ \t]*"[ \t]*(?=\r?$|,)', re.M)
_COMMA_SEP_DOT_NUMBER = re.compile(r'(?:^|,)[ \t]*("?)[ \t]*(-?\d+\.\d+)[ \t]*\1[ \t]*(?=\r?$|,)', re.M)


#: Characters of a CSV looked at to detect its decimal mark (a cell past them written with
#: the other mark is refused at its row, never misread).
DETECT_CHARS = 1_000_000


def _detect_decimal(text: str, sep: str, field: str, name: str) -> tuple[str, Said]:
    """The decimal mark, with the reason: ',' when a number is written with a
    decimal comma (3,5; in a comma-separated file only in quotes, "3,5") and none with a decimal
    point; '.' otherwise. Both: refused, but in a comma-separated file '.' (as it always read one)."""
    if sep == ",":
        sample = text[:DETECT_CHARS]
        quoted, dotted = _QUOTED_COMMA_NUMBER.search(sample), _COMMA_SEP_DOT_NUMBER.search(sample)
        if quoted is None:
            return ".", Said(N_("read_csv_decimal_comma_sep"), file=name)
        if dotted is not None:  # both: a '.' as before (a quoted '6,5' in a score column is refused at its row)
            return ".", Said(
                N_("read_csv_decimal_comma_sep_both"), file=name, dot=dotted.group(2), comma=quoted.group(1)
            )
        cells = {",": quoted.group(1)}
    else:
        sample = text[:DETECT_CHARS].replace('"', "")
        found = {mark: rx.search(sample) for mark, rx in ((",", _COMMA_NUMBER), (".", _DOT_NUMBER))}
        cells = {mark: m.group(0).strip(";,|\t \r\n") for mark, m in found.items() if m}
    if len(cells) == 2:
        raise DataFileError(
            f"{field}: {name}: cells such as {excerpt(cells[','])} and {excerpt(cells['.'])} use both ',' and '.' "
            "as decimal mark; write every number with the same mark, or set csv.decimal to the one meant (a "
            "number with the other is then refused at its row)"
        )
    for mark, cell in cells.items():
        return mark, Said(N_("read_csv_decimal_found"), file=name, decimal=mark, example=cell)
    return ".", Said(N_("read_csv_decimal_none"), file=name)


def _too_many(field: str, name: str, max_rows: int) -> None:
    raise DataFileError(
        f"{field}: {name} has more than {max_rows:,} data rows, the most read at once; "
        "summarise a longer file with stream_csv"
    )


def _records(
    lines_iter: Any, field: str, name: str, sep: str = ",", blank: Optional[list[int]] = None
) -> Iterator[tuple[int, list[str]]]:
    """(first line of the record, fields) for every non-blank CSV record; the numbers of the blank
    lines are added to ``blank`` when it is given."""
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
            if blank is not None:
                blank.append(start)
            continue  # a blank line: no row, but it still counts as a line
        yield start, r


def _header(r: list[str], field: str, name: str, row: int = 1, *, unnamed: bool = False) -> list[str]:
    """The column names (stripped), none given twice; with ``unnamed``, columns without a name
    (Excel's separator at the end of every line) may be several: ``unnamed_columns`` reads them."""
    header = [h.strip() for h in r]
    if not any(header):
        raise DataFileError(f"{field}: {name}: the file is empty (expected a header row on line {row})")
    dup = sorted({h for h in header if header.count(h) > 1 and (h or not unnamed)})
    if dup:
        shown = [excerpt(d, 40) for d in dup[:5]]
        raise DataFileError(f"{field}: {name}: row {row}: duplicate column names {', '.join(shown)}")
    return header


def _ragged(r: list[str], header: list[str], line: int, field: str, name: str) -> None:
    col = header[len(r)] if len(r) < len(header) else f"(extra field after '{header[-1]}')"
    raise DataFileError(
        f"{field}: {name}: row {line}: {len(r)} fields but the header has {len(header)} columns "
        f"(first problem at column {col}); no row is dropped, fix the file"
        + title_hint(header, [c for c in r if c.strip()], line)
    )
