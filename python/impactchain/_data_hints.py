"""What a refusal of a data file's cells suggests: the codes of "no answer" to give for words
among numbers, ``header_row`` for a title above the column names, and rows written as runs
("2, 4 to 7"). A cell's number is read here as the table reads it (pandas' grammar), and a
cell's text as a label or code of missing matches it (``label_key``)."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from typing import Any, Optional

from impactchain._data_files import excerpt

#: A number as a cell writes it (pandas' to_numeric grammar: ASCII digits, no thousands marks).
_NUMBER = re.compile(
    r"[ \t]*[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)[ \t]*", re.IGNORECASE | re.ASCII
)
#: A code written in a YAML list as it is (else quoted): no character YAML reads otherwise.
_PLAIN_YAML = re.compile(r"[^\s,:\[\]{}#&*!|>'\"%@`?-][^,:\[\]{}#]*(?<!\s)")


def label_key(text: str) -> str:
    """A cell, an answer label or a code of missing as they are compared: Unicode's compatibility
    forms read as their plain letters (NFKC: a non-breaking space is a space, a full-width 'Ａ' an
    'A'), every run of white space one space, none around it, and case folded, so 'Mee\\xa0EENS '
    is the label 'mee eens'."""
    if text.isascii():
        return " ".join(text.split()).casefold()
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return " ".join(folded.split())


def loader_key(text: str) -> str:
    """An answer label or a code of missing as the model file's loader compares them (C++
    ``label_key``, src/label_fold.cpp): every run of white space one space (Unicode's too: a
    non-breaking space is one), none around it, and case folded, but no compatibility forms (a
    full-width 'Ａ' stays itself). Two labels one under ``label_key`` but not under this are a pair
    only the reading of the data can refuse."""
    return " ".join(text.split()).casefold()


def yaml_code(text: str) -> str:
    """``text`` as a value of a YAML flow list or mapping: as it is where YAML reads it so, else
    double-quoted, a character that cannot be seen (a non-breaking space, a zero-width space)
    escaped (``"Mee\\u00a0eens"``) so that the user sees it."""
    if _PLAIN_YAML.fullmatch(text) and text.isprintable():
        return text
    quoted = json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one
    return "".join(
        c if c.isprintable() else f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}" for c in quoted
    )


def runs(numbers: Sequence[int], most: int = 8) -> str:
    """'2, 4 to 7': ascending numbers as runs (the first ``most`` runs, then '…')."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    shown = [str(a) if a == b else f"{a}, {b}" if b == a + 1 else f"{a} to {b}" for a, b in runs[:most]]
    return ", ".join(shown) + (", …" if len(runs) > most else "")


def codes_hint(cells: Sequence[Any], known: Sequence[str] = ()) -> str:
    """'; if 'n.v.t.' means no answer, give missing: [n.v.t.] (…)' for the words among refused
    cells (text without a digit: not '1.5', '1.234,5', '6 1/2' or a date); '' when none is. A word
    that is one of the ``known`` labels and codes (answer labels, codes of missing) as ``label_key``
    compares them is never suggested: an answer must not be made missing by a guess."""
    taken = {label_key(k) for k in known}
    words = [
        c.strip()
        for c in cells
        if isinstance(c, str) and c.strip() and not any(ch.isdigit() for ch in c) and label_key(c) not in taken
    ]
    shown = list(dict.fromkeys(words))[:3]
    if not shown:
        return ""
    quoted = ", ".join(excerpt(w) for w in shown)
    listed_codes = ", ".join(yaml_code(w) for w in shown)
    means = "means" if len(shown) == 1 else "mean"
    return (
        f"; if {quoted} {means} no answer, give missing: [{listed_codes}] "
        "(an answer's label goes in answers: {label: number})"
    )


def cell_number(cell: Any) -> Optional[float]:
    """A cell's number (inf and NaN included), or None when it is not one: a bool, a date, other text."""
    if isinstance(cell, str):
        return float(cell) if _NUMBER.fullmatch(cell) else None
    if isinstance(cell, bool) or not isinstance(cell, (int, float)):
        return None
    return float(cell)


def title_hint(header: Sequence[str], cells: Sequence[Any], row: int) -> str:
    """A hint for a row wider than a header of one or two cells, every cell of it a word (text that
    is not a number): the first row was a title ("Enquête Buurtkamer 2024") and ``row`` is where
    the column names are."""

    def word(c: Any) -> bool:  # text that no reader would take for a number (3, 3.5, 3,5)
        return isinstance(c, str) and cell_number(c.strip().replace(",", ".")) is None

    named = [h for h in header if str(h).strip()]
    if len(named) > 2 or len(cells) <= len(named) or not all(word(c) for c in cells):
        return ""
    return (
        f"; row 1 holds only {', '.join(excerpt(h, 40) for h in named)}: if that is a title and row {row} "
        f"holds the column names, give header_row: {row} (or delete the rows above row {row})"
    )
