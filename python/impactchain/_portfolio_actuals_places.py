"""Where a problem of a member's actuals is: what the model loader says of the forecast with its
actuals laid over it (``_actuals.merge_actuals``) is said of the merged model's fields, which
are the forecast's (``outcomes[1]``, the forecast's second outcome); a value the actuals file
gave is named by that file's own field instead (``outcomes[0].attribution``, the entry of the
actuals file that gave it, found by its id) at its line and column in that file, as a model
file's problems are. A problem of a value the actuals left as the forecast has it stays the
forecast's, named so.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Optional, Union

from impactchain._actuals import _BY_ID, _MERGED
from impactchain._file_places import place_suffix, text_places
from impactchain._portfolio_definition import PortfolioProblem

#: A field as the loader names it: keys and [indices] (``chain.nodes[2].quantity``).
_SEGMENT = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _segments(field: str) -> list[Union[str, int]]:
    return [int(i) if i else key for key, i in _SEGMENT.findall(field)]


def _field(segments: Sequence[Union[str, int]]) -> str:
    out = ""
    for s in segments:
        out += f"[{s}]" if isinstance(s, int) else (f".{s}" if out else str(s))
    return out


def _id(entry: Any, keys: tuple[str, ...]) -> tuple[Any, ...]:
    """An entry's id as the merge matches entries (a stakeholder may be its bare id)."""
    return tuple(entry.get(k) for k in keys) if isinstance(entry, Mapping) else (entry,)


def actuals_field(field: str, merged: Mapping[str, Any], actuals: Mapping[str, Any]) -> Optional[str]:
    """The field of the actuals file that gave the value the merged model's ``field`` names, or
    None where that value is the forecast's (the actuals did not give it)."""
    segs = _segments(field)
    if not segs or not isinstance(segs[0], str) or segs[0] not in actuals:
        return None
    if segs[0] == "chain":
        head: tuple[str, ...] = ("chain", str(segs[1])) if len(segs) > 1 else ("chain",)
    else:
        head = (segs[0],)
    if head not in _BY_ID:  # replaced whole (investments, discount, period, …): the actuals' own path
        return field if head[0] != "chain" else None
    n = len(head)
    i = segs[n] if len(segs) > n else None
    if not isinstance(i, int):
        return None
    given = actuals if head[0] != "chain" else actuals.get("chain")
    have = merged if head[0] != "chain" else merged.get("chain")
    if not isinstance(given, Mapping) or not isinstance(have, Mapping):
        return None
    entries, merged_entries = given.get(head[-1]), have.get(head[-1])
    if not isinstance(entries, list) or not isinstance(merged_entries, list) or i >= len(merged_entries):
        return None
    keys = _BY_ID[head]
    wanted = _id(merged_entries[i], keys)
    j = next((j for j, e in enumerate(entries) if isinstance(e, Mapping) and _id(e, keys) == wanted), None)
    if j is None:
        return None
    rest, entry = segs[n + 1 :], entries[j]
    if rest and rest[0] not in entry:
        return None  # the forecast's value, left as it was
    inner = entry.get(rest[0]) if rest else None
    if len(rest) > 1 and rest[0] in _MERGED and isinstance(inner, Mapping) and rest[1] not in inner:
        return None  # merged key by key: this key is the forecast's
    return _field([*head, j, *rest])


def merged_problems(
    error: BaseException,
    merged: Mapping[str, Any],
    actuals: Mapping[str, Any],
    path: Path,
    shown: str,
    model_shown: str,
) -> list[PortfolioProblem]:
    """What the loader says of the forecast with the actuals of the file ``shown`` (at ``path``):
    each problem of a value the actuals gave named by that file's field, line and column
    (``shown:2:14: outcomes[0].attribution: …``); the others as the forecast's (the model file
    ``model_shown``), by the merged model's field."""
    issues = getattr(error, "issues", None) or [("", str(error))]
    owns = [actuals_field(field, merged, actuals) if field else None for field, _ in issues]
    given = [own for own in owns if own is not None]
    places = iter(text_places(path, given) if given else [])  # the actuals file parsed once
    out = []
    for (field, message), own in zip(issues, owns):
        if own is None:
            said = f"the forecast with the actuals of '{shown}' is not a valid model: " + (
                f"{field}: {message}" if field else message
            )
            out.append(PortfolioProblem(said, field, message, file=model_shown))
            continue
        line, column = next(places)
        out.append(
            PortfolioProblem(
                f"{shown}{place_suffix(line, column)}: {own}: {message}", own, message, line, column, file=shown
            )
        )
    return out
