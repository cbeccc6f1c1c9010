"""Where a field is in a model, actuals or portfolio file: its line and column as the model
loader places a problem there, found by the loader's own parser (``_core.field_positions``), for
a place in a file the loader accepted (an actuals entry with an id the forecast lacks, a survey
file that is not there)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from impactchain import _core

Place = tuple[Optional[int], Optional[int]]


def place_suffix(line: Optional[int], column: Optional[int]) -> str:
    """``:line:column`` to follow a file's name in a message (``:line`` without a column; nothing
    without a line), as the model loader places its problems."""
    if not line:
        return ""
    return f":{line}:{column}" if column else f":{line}"


def format_of(path: Path) -> Optional[str]:
    """'json' or 'yaml' by the file's suffix; None (guessed from the text) for another suffix."""
    suffix = path.suffix.lower()
    return "json" if suffix == ".json" else "yaml" if suffix in (".yaml", ".yml") else None


def text_places(path: Path, fields: list[str]) -> list[Place]:
    """The 1-based (line, column) of each of ``fields`` (``outcomes[1]``, ``soft_outcomes[0].data``)
    in the file at ``path``: a key's own place, an entry's where it begins; for a field the file
    does not hold, of the longest part of it that it holds. (None, None) for each where the file
    cannot be read or parsed (it finds places, it checks nothing)."""
    from impactchain.io import guess_format

    try:
        text = path.read_bytes()
        found = _core.field_positions(text, format_of(path) or guess_format(text), fields)
    except (OSError, ValueError):
        return [(None, None)] * len(fields)
    return [(None, None) if at is None else (at[0], at[1]) for at in found]


def text_place(path: Path, field: str) -> Place:
    """:func:`text_places` of one field."""
    return text_places(path, [field])[0]
