"""The labels of :func:`impactchain.composite` and :func:`impactchain.rank_uncertainty`: units
(the data's index), indicators (its columns) and the group of each unit (``groups=``), checked
before the core runs, and the core's messages put in the user's words.

- Results are looked up by unit and indicator, so a label given twice (also two labels with the
  same text, ``1`` and ``"1"``) is refused, naming it; a column given twice is refused so
  (:func:`refuse_twice`: "data: column 'a' is given twice") by every entry point that takes a
  table (``composite``, ``pca_weights``, ``ahp_weights``, ``rank_uncertainty``), before its numbers.
- A per-indicator or per-node mapping is read by the text of its keys (:func:`str_keys`), so a
  DataFrame with integer column labels takes ``{1: -1}`` as readily as ``{"1": -1}``.
- ``groups=`` as a Series is matched to the units by its index, as pandas aligns a Series; a list
  or array gives the labels in row order, one per unit. A unit without a label is refused, never
  pooled into a group called "nan".
- A warning naming units (:func:`imputed_notices`, :func:`tie_notice`) lists their labels in no
  language's words: ``'n2', 'n5'`` and ``…`` past the first ten, tied units joined by ``=``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, Optional

import numpy as np
import pandas as pd

from impactchain import _core
from impactchain._check import ArgumentError, given_twice
from impactchain._notice import Notice, notice

#: Units named in a message before "… and N more".
_SHOWN = 10


def shown(labels: Sequence[Any], *, quoted: bool = True) -> str:
    """Labels as a message lists them: ``'n1', 'n2'``, the first ten and how many more (``quoted``
    False: texts as they are, already worded)."""
    head = ", ".join(repr(x) if quoted and isinstance(x, str) else str(x) for x in labels[:_SHOWN])
    return head + (f" and {len(labels) - _SHOWN} more" if len(labels) > _SHOWN else "")


def check_labels(data: pd.DataFrame, where: str = "data") -> tuple[list[str], list[str]]:
    """The unit and indicator names of ``data`` (as text); a ValueError for an empty table or a
    unit or indicator label given twice."""
    if data.shape[0] == 0:
        raise ValueError(f"{where}: no units (the table has no rows)")
    if data.shape[1] == 0:
        raise ValueError(f"{where}: no indicators (the table has no columns)")
    refuse_twice(list(data.columns), where)
    twice = given_twice(list(data.index))
    if twice:
        raise ValueError(
            f"{where}: units duplicated: {shown(twice)} label more than one row; results are looked up by "
            "unit, so each unit needs its own label"
        )
    return [str(u) for u in data.index], [str(c) for c in data.columns]


def _times(n: int) -> str:
    return "twice" if n == 2 else f"{n} times"


def refuse_twice(labels: Sequence[Any], where: str, thing: str = "column", remedy: str = "") -> None:
    """A ValueError when a label of ``labels`` (a table's columns, or names) is given more than once,
    in the library's words: "data: column 'a' is given twice; give each column its own label"; two
    labels with one text are one name ("column '1' (as 1 and '1') is given twice"). Checked before
    anything else of the columns: pandas gives a DataFrame, not a column, for a label given twice."""
    twice = given_twice(labels)
    if not twice:
        return
    counts = Counter(str(x) for x in labels)
    by_text: dict[str, list[Any]] = {}
    for x in twice:
        by_text.setdefault(str(x), []).append(x)
    names = [
        (_label(xs[0]) if len(xs) == 1 else f"{text!r} (as {' and '.join(map(_label, xs))})", counts[text])
        for text, xs in by_text.items()
    ]
    if len(names) == 1:
        head = f"{thing} {names[0][0]} is given {_times(names[0][1])}"
    elif len({n for _, n in names}) == 1:
        head = f"{thing}s {shown([x for x, _ in names], quoted=False)} are each given {_times(names[0][1])}"
    else:
        head = f"{thing}s {shown([f'{x} ({_times(n)})' for x, n in names], quoted=False)} are given more than once"
    raise ValueError(f"{where}: {head}; {remedy or f'give each {thing} its own label'}")


def str_keys(m: Optional[Mapping[Any, Any]], what: str) -> Optional[dict[str, Any]]:
    """``m`` with each key as its text (``{1: -1}`` -> ``{"1": -1}``), the one form every lookup
    by indicator or node name uses; two keys with the same text are an error. Not a mapping:
    returned as it is (the caller says what it expected)."""
    if not isinstance(m, Mapping):
        return m
    out: dict[str, Any] = {}
    for k, v in m.items():
        if str(k) in out:
            same = [repr(j) for j in m if str(j) == str(k)]
            raise ValueError(f"{what}: keys {', '.join(same)} both name '{k}': give each once")
        out[str(k)] = v
    return out


def _missing(v: Any) -> bool:
    return v is None or (not isinstance(v, str) and bool(pd.isna(v)))


def unit_groups(groups: Any, index: pd.Index) -> list[str]:
    """The group label (as text) of each unit of ``index`` from ``groups``: a Series matched by
    its index, or a list/array in row order. A unit without a label is an error naming it."""
    if isinstance(groups, pd.Series):
        twice = given_twice(list(groups.index))
        if twice:
            raise ValueError(
                f"groups: the Series' index holds {shown(twice)} more than once: it is matched to the units "
                "by its index, so each unit may have one label"
            )
        absent = [u for u in index if u not in groups.index]
        if absent:
            hint = (
                "; its index shares no label with the data's: give groups=list(...) for labels in row order"
                if len(absent) == len(index)
                else ""
            )
            raise ValueError(
                f"groups: no label for units {shown(absent)}: a Series is matched to the units by its index{hint}"
            )
        labels = list(groups.reindex(index))
    else:
        if isinstance(groups, np.ndarray) and groups.ndim != 1:
            raise ArgumentError(f"groups must be a 1-D list of labels, one per unit, got a {groups.ndim}-D array")
        labels = list(groups)
        if len(labels) != len(index):
            raise ValueError(
                f"groups: got {len(labels)} labels for {len(index)} units: a list gives one label per unit, "
                "in row order (or give a Series indexed by unit)"
            )
    empty = [u for u, g in zip(index, labels) if _missing(g)]
    if empty:
        raise ValueError(f"groups: no group label (missing) for units {shown(empty)}: give each unit its group")
    return [str(g) for g in labels]


#: The core's fields as the arguments of composite() and rank_uncertainty() name them: the
#: options' ``unit_groups`` is ``groups=``, ``choices.normalisations[1]`` is ``normalisations[1]``.
_ARGUMENTS = (("unit_groups", "groups"), ("choices.", ""))


def _argument(path: str) -> str:
    for core, own in _ARGUMENTS:
        if path.startswith(core):
            return own + path[len(core) :]
    return path


def arguments_named(e: Exception) -> Exception:
    """The core's ValidationError ``e`` with each issue's field as the Python argument it came from
    (:data:`_ARGUMENTS`); its message is formatted from the issues as the core formats it, and the
    units are named by the core itself (``CompositeChoices.unit_names``, ``composite``'s units)."""
    issues = [(_argument(str(f)), str(m)) for f, m in getattr(e, "issues", None) or []]
    if not issues:
        return e
    out = _core.ValidationError("\n".join(f"{f}: {m}" if f else m for f, m in issues))
    out.issues = issues
    out.lines = list(getattr(e, "lines", [None] * len(issues)))
    out.columns = list(getattr(e, "columns", [None] * len(issues)))
    return out


def _label(x: Any) -> str:
    return repr(x) if isinstance(x, str) else str(x)


def listed(labels: Sequence[str], limit: int = _SHOWN) -> str:
    """Labels (as text already) as a notice lists them: the first ``limit``, then ``…`` (the notice
    gives the count); no English words, so the list reads alike in every language."""
    return ", ".join(labels[:limit]) + (", …" if len(labels) > limit else "")


def imputed_notices(raw: pd.DataFrame, imputed: pd.DataFrame, method: str) -> list[Notice]:
    """Warnings naming the units whose score rests entirely (``composite.unit_all_imputed``) or
    mostly (more than half of the indicators, not all: ``composite.unit_mostly_imputed``) on
    imputed cells: missing in ``raw``, filled in ``imputed``; a mostly-imputed unit shows how many
    of its indicators were imputed (``'n3' (2/3)``)."""
    k = raw.shape[1]
    counts = (raw.isna().to_numpy() & imputed.notna().to_numpy()).sum(axis=1)
    everything = [_label(u) for u, c in zip(raw.index, counts) if c == k]
    most = [f"{_label(u)} ({c}/{k})" for u, c in zip(raw.index, counts) if k / 2 < c < k]
    out = []
    for code, names in (("composite.unit_all_imputed", everything), ("composite.unit_mostly_imputed", most)):
        if names:
            out.append(notice(code, count=len(names), units=len(raw), names=listed(names), indicators=k, method=method))
    return out


#: Groups of tied units named in ``rank_uncertainty.reference_ties`` before ``…``.
_TIE_GROUPS = 5


def tie_notice(scores: np.ndarray, labels: Optional[Sequence[Any]]) -> list[Notice]:
    """A warning when units have exactly the same reference score (``==``: -0 and +0 tie, as in
    the ranking), naming the first groups of tied units best score first (``'B' = 'C'``): the
    ranking puts the lower index first, so those units' ranks differ only by their row order."""
    s = np.asarray(scores, dtype=float)
    names = [_label(u) for u in (labels if labels is not None else range(len(s)))]
    groups: dict[float, list[int]] = {}
    for i, v in enumerate(s):
        groups.setdefault(float(v) + 0.0, []).append(i)  # + 0.0: -0 is +0
    tied = [g for v, g in sorted(groups.items(), key=lambda kv: -kv[0]) if len(g) > 1]
    if not tied:
        return []
    shown_groups = listed([" = ".join(names[i] for i in g) for g in tied], _TIE_GROUPS)
    return [notice("rank_uncertainty.reference_ties", count=sum(map(len, tied)), units=len(s), groups=shown_groups)]
