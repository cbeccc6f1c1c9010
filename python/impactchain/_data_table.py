"""A data file's cells as plain columns, and the checks every reader's table shares.

``Table.columns`` holds each column's cells as a list (a CSV's stripped strings, a
sheet's values), so the checks below (columns present, numbers, blank cells, labels)
run with the standard library: ``impactchain validate`` reads a survey file without
pandas. ``Table.frame`` is the same cells as a pandas DataFrame, built on first use
(or the DataFrame a reader read them into); ``Table.numbers`` is ``Table.values`` as
a pandas Series."""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Optional

from impactchain._data_files import DataFileError, _is_header, columns_excerpt, excerpt
from impactchain._data_hints import cell_number as _number
from impactchain._data_hints import codes_hint as _codes_hint
from impactchain._data_hints import label_key
from impactchain._data_hints import runs as _runs
from impactchain._i18n import N_
from impactchain._problems import listed, names
from impactchain._report_text import Said

#: Cell texts read as a missing value (case-insensitive, after stripping spaces), besides an empty cell.
MISSING = ("NA", "N/A", "NaN")

_MISSING = {m.lower() for m in MISSING} | {""}
_DECIMAL_TEXT = re.compile(r"-?\d*[.,]\d+")
#: Text that is meant as a number, whatever its marks (1.5, 1.234,5, -3,): digits, '.' and ',' only.
_NUMBER_LIKE = re.compile(r"[ \t]*[+-]?[\d.,]*\d[\d.,]*[ \t]*")


def _absent(v: Any) -> bool:
    """An empty cell: None, NaN (or pandas' NA and NaT)."""
    if v is None:
        return True
    try:
        return bool(v != v)
    except (TypeError, ValueError):  # pandas' NA has no truth value
        return True


@dataclass(frozen=True)
class Table:
    """Cells of a data file and where each row is in the file.

    ``columns`` maps each header name (in the file's order) to its cells (CSV:
    stripped strings; xlsx: the cell values, None when empty); ``lines[i]`` is the
    1-based line of the file (CSV) or row of the sheet (xlsx) of row i.
    """

    columns: Mapping[str, Sequence[Any]]
    lines: Sequence[int]
    name: str
    field: str
    text: bool = False  #: every cell is a (stripped) string, as in a CSV
    decimal: str = "."  #: a text cell's decimal mark ("," for a Dutch Excel CSV)
    sep: Optional[str] = None  #: a CSV's field separator
    #: What was read and how each choice was made (encoding, separator, decimal mark, sheet,
    #: value labels): sentences for a result's assumptions, in every report language.
    reading: tuple[Said, ...] = ()
    #: SPSS value labels: {column: {code: label}} (codes stay the cells' values).
    labels: Optional[Mapping[str, Mapping[Any, str]]] = None
    #: Codes the cells of some columns held for "no answer", emptied by ``recoded``.
    missing_codes: tuple[str, ...] = ()
    #: Answer labels some columns held, replaced by their numbers by ``recoded``.
    answer_labels: tuple[str, ...] = ()
    #: A sheet's cells read as empty that are part of merged cells: {(row, column): 'A5:A9'}.
    merged: Optional[Mapping[tuple[int, str], str]] = None
    #: The DataFrame the cells were read into, if a reader read them so (else built by ``frame``).
    given_frame: Any = dataclasses.field(default=None, repr=False, compare=False)

    @classmethod
    def of_frame(cls, frame: Any, lines: Sequence[int], name: str, field: str, **options: Any) -> Table:
        """A Table of a DataFrame's cells (its columns as lists), keeping the DataFrame as ``frame``."""
        columns = {str(c): frame[c].tolist() for c in frame.columns}
        return cls(columns, lines, name, field, given_frame=frame, **options)

    @classmethod
    def of_rows(
        cls,
        header: Sequence[str],
        rows: Sequence[Sequence[Any]],
        lines: Sequence[int],
        name: str,
        field: str,
        **options: Any,
    ) -> Table:
        """A Table of rows of cells (row i holds one cell per header name, in the header's order)."""
        return cls({h: [r[j] for r in rows] for j, h in enumerate(header)}, lines, name, field, **options)

    @property
    def n_rows(self) -> int:
        return len(self.lines)

    @property
    def frame(self) -> Any:
        """The cells as a pandas DataFrame (object columns under the header's names)."""
        if self.given_frame is None:
            import pandas as pd

            frame = pd.DataFrame({h: pd.Series(c, dtype=object) for h, c in self.columns.items()})
            object.__setattr__(self, "given_frame", frame)
        return self.given_frame

    def where(self, i: int, column: Optional[str] = None) -> str:
        """'survey.csv: row 7, column 'post'' for row i."""
        col = "" if column is None else f", column {excerpt(column, 60)}"
        return f"{self.name}: row {int(self.lines[i])}{col}"

    def merged_note(self, i: int, column: str) -> str:
        """' (the cell is part of merged cells A5:A9; …)' when row i's empty cell of ``column`` is
        part of merged cells of a sheet (only the first holds the value), else ''."""
        ref = (self.merged or {}).get((int(self.lines[i]), column))
        return f" (the cell is part of merged cells {ref}; unmerge them and fill each row)" if ref else ""

    def require(self, columns: Sequence[str], *, who: str = "", label: str = "", row: int = 1) -> None:
        """Raises DataFileError naming the columns the file lacks (in its header, on ``row``)."""
        missing = [c for c in columns if c not in self.columns]
        if missing:
            by = f" (named by {label})" if label else ""
            cols = list(self.columns)
            shown = f"; the file's columns are: {columns_excerpt(cols)}" if _is_header(cols) else ""
            raise DataFileError(f"{who}{self.name}: row {row}: {names('column', missing)} not found{by}{shown}")

    def blank(self, column: str) -> list[bool]:
        """True where the cell is empty (or only spaces)."""
        if self.text:
            return [v is None or v == "" for v in self.columns[column]]
        return [_absent(v) or (isinstance(v, str) and not v.strip()) for v in self.columns[column]]

    def values(self, column: str, *, who: str = "") -> list[float]:
        """The column as floats: an empty cell or one of ``MISSING`` is NaN; any other text that
        is not a finite number raises DataFileError naming the line (every such cell of the
        column, as ``number_columns`` does)."""
        return self.number_columns([column], who=who)[column]

    def number_columns(
        self,
        columns: Sequence[str],
        *,
        who: str = "",
        problems: Optional[list[ValueError]] = None,
        codes_hint: bool = False,
    ) -> dict[str, list[float]]:
        """``values`` of several columns at once. The cells that are not numbers, in all of them,
        are refused together in one DataFileError, in the file's order (row, then column; the
        first 20 listed, the rest counted), so a survey export is corrected in one go rather than
        one cell per run. With ``problems`` the refusal is added there instead and such cells
        read as missing (NaN), for a caller that goes on to check the rest. With ``codes_hint``
        (a soft outcome's reading, which takes ``missing``) refused words (``n.v.t.``) are
        suggested as codes of missing."""
        out: dict[str, list[float]] = {}
        bad: list[tuple[int, int, str, Any, Optional[float]]] = []  # (row, column's place, column, cell, its number)
        for k, column in enumerate(dict.fromkeys(columns)):
            out[column], refused = self._column_values(column, who)
            bad += [(i, k, column, c, v) for i, c, v in refused]
        if bad:
            error = self._not_numbers(sorted(bad, key=lambda b: (b[0], b[1])), who, len(out), codes_hint)
            if problems is None:
                raise error
            problems.append(error)
        return out

    def _column_values(self, column: str, who: str) -> tuple[list[float], list[tuple[int, Any, Optional[float]]]]:
        """The column's floats (NaN where missing or refused) and the refused cells: (row, cell, its number or None)."""
        cells = self.columns[column]
        if self.text:
            missing = [c is None or c.lower() in _MISSING for c in cells]
        else:  # a spreadsheet cell: a number, text, or something else (a date, TRUE) that is not a score
            missing = [_absent(v) or (isinstance(v, str) and v.strip().lower() in _MISSING) for v in cells]
        if self.text and self.decimal == ",":  # a decimal comma: a '.' in a number is a thousands mark or a mistake
            for i, c in enumerate(cells):
                if not missing[i] and "." in c and _NUMBER_LIKE.fullmatch(c):
                    raise DataFileError(
                        f"{who}{self.where(i, column)}: {excerpt(c)} has a '.', but the file's decimal mark "
                        "is ',' (write 3,5 for three and a half; no thousands marks)"
                    )
        out, refused = [], []
        for i, c in enumerate(cells):
            if missing[i]:
                out.append(math.nan)
                continue
            v = _number(c.replace(",", ".") if self.text and self.decimal == "," else c)
            if v is None or not math.isfinite(v):
                refused.append((i, c, v))
                v = math.nan
            out.append(v)
        return out, refused

    def recoded(
        self, columns: Sequence[str], answers: Sequence[tuple[str, float]] = (), codes: Sequence[str] = ()
    ) -> tuple[Table, list[int], list[int]]:
        """The table with the cells of ``columns`` that hold an answer label (``answers``: what a
        survey exports instead of numbers, ``("nooit", 1)``) replaced by the label's number, and
        those that hold one of ``codes`` (what it writes for "no answer": ``n.v.t.``, 99) made
        empty, a missing value; with the number of cells each label and each code matched. A label
        or code matches a cell written as it with case, white space and Unicode's compatibility
        forms aside (``label_key``: 'Mee\\xa0eens' is 'Mee eens'); a code also matches,
        where both are numbers, a cell of the same value (99 matches 99.0 in a spreadsheet and
        ``99`` in a CSV). Other columns (ids, groups) keep their cells."""
        labels = [label_key(a) for a, _ in answers]
        texts = [label_key(c) for c in codes]
        values = [_number(c.strip()) for c in codes]

        def code_of(cell: Any) -> Optional[int]:
            if isinstance(cell, str):
                text = label_key(cell)
                if text in texts:
                    return texts.index(text)
                cell = _number(cell.strip().replace(",", ".") if self.text and self.decimal == "," else cell.strip())
            number = _number(cell)
            if number is None:
                return None
            return next((k for k, v in enumerate(values) if v is not None and v == number), None)

        used, emptied = [0] * len(answers), [0] * len(codes)
        columns_out = dict(self.columns)
        for column in dict.fromkeys(columns):
            cells = list(self.columns[column])
            for i, cell in enumerate(cells):
                if _absent(cell):
                    continue
                key = label_key(cell) if isinstance(cell, str) else None
                if key is not None and key in labels:
                    k = labels.index(key)
                    used[k] += 1
                    number = float(answers[k][1])
                    # a CSV's cells stay text, written with the file's decimal mark
                    cells[i] = repr(number).replace(".", self.decimal) if self.text else number
                    continue
                code = code_of(cell)
                if code is not None:
                    emptied[code] += 1
                    cells[i] = "" if self.text else None
            columns_out[column] = cells
        table = dataclasses.replace(
            self,
            columns=columns_out,
            given_frame=None,
            missing_codes=tuple(codes),
            answer_labels=tuple(a for a, _ in answers),
        )
        return table, used, emptied

    def without_rows(self, rows: Sequence[int], who: str = "") -> Table:
        """The table without the rows numbered ``rows`` (as ``lines`` numbers them: a CSV's line,
        a sheet's row): what a survey tool writes below the header that is not an answer (a
        Qualtrics export's question texts and import ids on rows 2 and 3). A number that is not a
        row of the table is refused; what was left out is stated in ``reading``."""
        at = {int(line): i for i, line in enumerate(self.lines)}
        absent = [r for r in rows if r not in at]
        if absent:
            held = (
                f"it has rows {_runs([int(x) for x in self.lines])}"
                if self.n_rows
                else "it has no rows below the header"
            )
            raise DataFileError(
                f"{who}{self.name}: skip_rows names row{'s' if len(absent) > 1 else ''} {', '.join(map(str, absent))}, "
                f"which the file does not have as a row of data ({held}){self._inside(absent)}"
            )
        drop = {at[r] for r in rows}
        said = Said(N_("read_skipped_rows"), file=self.name, n=len(drop), rows=", ".join(map(str, sorted(rows))))
        return self.only_rows([i for i in range(self.n_rows) if i not in drop], (*self.reading, said))

    def _inside(self, absent: Sequence[int]) -> str:
        """Why a number between two rows of a CSV is no row: '; rows are numbered by the line each
        starts on: line 3 is part of row 2 …' (a Qualtrics question text with a line break), or ''."""
        if not self.text:
            return ""
        lines = [int(x) for x in self.lines]
        for r in absent:
            k = next((k for k in range(len(lines) - 1) if lines[k] < r < lines[k + 1]), None)
            if k is not None:
                return (
                    f"; rows are numbered by the line each starts on: line {r} is part of row {lines[k]} (a quoted "
                    f"text with a line break, such as a question text) or a blank line, and the row after row "
                    f"{lines[k]} is row {lines[k + 1]}"
                )
        return ""

    def only_rows(self, keep: Sequence[int], reading: tuple[Said, ...]) -> Table:
        """The table of the rows at positions ``keep`` (in that order), each with its line of the
        file, and ``reading`` as what was read."""
        columns = {c: [cells[i] for i in keep] for c, cells in self.columns.items()}
        lines = [self.lines[i] for i in keep]
        return dataclasses.replace(self, columns=columns, lines=lines, given_frame=None, reading=reading)

    def _not_numbers(
        self,
        bad: Sequence[tuple[int, int, str, Any, Optional[float]]],
        who: str,
        n_columns: int = 0,
        codes_hint: bool = False,
    ) -> DataFileError:
        """The refusal of the cells ``bad`` (row, column's place, column, cell, its number) of the
        ``n_columns`` columns read as numbers; with ``codes_hint`` the words among them suggested
        as codes of missing (``missing: [n.v.t.]``)."""

        def what(v: Optional[float]) -> str:
            return "not a finite number" if v is not None and v == v else "not a number"

        missing = (
            f"an empty cell, {', '.join(MISSING)} or a code of missing ({', '.join(map(repr, self.missing_codes))}) "
            "is a missing value"
            if self.missing_codes
            else f"an empty cell or {', '.join(MISSING)} is a missing value"
        )
        if self.answer_labels:
            missing += f"; answers reads {', '.join(map(repr, self.answer_labels))} as numbers"
        mark = (
            self._decimal_hint()
            if self.text and any(isinstance(c, str) and _DECIMAL_TEXT.fullmatch(c) for _, _, _, c, _ in bad)
            else ""
        )
        # Every cell read of the first rows below the header refused, and none after them (at most
        # 3 such rows, answers below): more header rows, as a Qualtrics export writes. skip_rows is
        # then suggested first, and codes of missing only for words short enough to be one (not a
        # question text).
        first = sorted({i for i, *_ in bad})
        whole = all(sum(1 for b in bad if b[0] == i) == n_columns for i in first)
        header_rows = whole and first == list(range(len(first))) and len(first) <= 3 and self.n_rows > len(first)
        if header_rows:
            rows = ", ".join(str(int(self.lines[i])) for i in first)
            mark += f"; if row{'s' if len(first) > 1 else ''} {rows} hold more header text, skip_rows: [{rows}] leaves them out"
        if codes_hint:
            words = [c for _, _, _, c, v in bad if v is None]
            if header_rows:
                words = [
                    c for c in words if isinstance(c, str) and len(c.strip()) <= 30 and "\n" not in c and "?" not in c
                ]
            codes = _codes_hint(words, (*self.answer_labels, *self.missing_codes))
            mark += codes.replace("; if ", "; otherwise, if ", 1) if header_rows and codes else codes
        if len(bad) == 1:
            i, _, column, cell, v = bad[0]
            return DataFileError(f"{who}{self.where(i, column)}: {excerpt(cell)} is {what(v)} ({missing}){mark}")
        lines = [
            f"  row {int(self.lines[i])}, column {excerpt(column, 60)}: {excerpt(cell)} is {what(v)}"
            for i, _, column, cell, v in bad
        ]
        return DataFileError(
            f"{who}{self.name}: {len(bad)} cells are not numbers ({missing}){mark}:\n" + "\n".join(listed(lines, "  "))
        )

    def _decimal_hint(self) -> str:
        """What a refusal of cells such as '6,5' says of the file's decimal mark, and what reads them."""
        if self.sep == "," and self.decimal == ".":  # a comma-separated file: a decimal comma is quoted
            return (
                "; the file's decimal mark is '.': in this comma-separated file a decimal comma is read only "
                "in quoted numbers (\"6,5\") and only when no number uses a '.'; write every number with the "
                "same mark, or give csv: {decimal: ','} if the file's numbers use a decimal comma"
            )
        return f"; the file's decimal mark is '{self.decimal}' (set csv.decimal if that is wrong)"

    def numbers(self, column: str, *, who: str = "") -> Any:
        """``values`` as a pandas Series of floats named after the column."""
        import pandas as pd

        return pd.Series(self.values(column, who=who), dtype=float, name=column)

    def words(self, column: str) -> list[str]:
        """The column as labels (group names, ids): an SPSS value label where the code has one,
        a whole number without '.0', other cells as text."""
        names = (self.labels or {}).get(column, {})

        def word(v: Any) -> str:
            if v in names:
                return str(names[v])
            if isinstance(v, float) and v.is_integer():
                return str(int(v))
            return str(v)

        return [word(v) for v in self.columns[column]]
