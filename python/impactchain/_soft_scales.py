"""Survey scales: built-in definitions, scoring with pro-rating, SWEMWBS metric scores."""

from __future__ import annotations

import re
from dataclasses import field
from typing import Any, Optional, Union

import numpy as np
import pandas as pd

from impactchain import _core
from impactchain._check import ArgumentError
from impactchain._notice import notice
from impactchain._problems import names
from impactchain._result import Result, result_type
from impactchain._scale_rules import MAX_LISTED, check_in_scale, scale_definition, with_max_missing
from impactchain._soft_common import ArrayLike, _as_float_matrix, _as_float_vector
from impactchain._soft_scored import rounding_told

__all__ = [
    "MAX_LISTED",
    "ScaleDefinition",
    "ScaleScores",
    "builtin_scale",
    "builtin_scale_names",
    "check_scores_in_scale",
    "scale_definition",
    "score_scale",
    "swemwbs_metric",
]

ScaleDefinition = _core.ScaleDefinition
builtin_scale = _core.builtin_scale
builtin_scale_names = _core.builtin_scale_names


def swemwbs_metric(raw: Union[float, ArrayLike]) -> Union[float, np.ndarray, pd.Series]:
    """SWEMWBS raw totals (integers 7-35, NaN = missing) -> Rasch metric scores.

    Uses the conversion table of Stewart-Brown et al. (2009) published by Warwick Medical School.
    Array in, array out (a Series keeps its index; a scalar gives a float).
    """
    if isinstance(raw, (int, float, np.number)):
        return float(_core.swemwbs_metric(np.array([float(raw)]))[0])
    out = _core.swemwbs_metric(_as_float_vector(raw, "raw"))
    if isinstance(raw, pd.Series):
        return pd.Series(out, index=raw.index, name=raw.name)
    return out


def check_scores_in_scale(scores: pd.Series, scale: Any, what: str, rows: Optional[pd.Series] = None) -> None:
    """Refuses scores outside the scale's score range, listing them (row and value).

    Policy, the same as for item responses in :func:`score_scale`: a value outside
    the declared range is an error, never used and never silently dropped. The
    message lists up to ``MAX_LISTED`` offending rows (``rows`` gives their labels,
    e.g. file line numbers; default the Series index) and how many there are.
    """
    labels = rows if rows is not None else pd.Series(scores.index, index=scores.index)
    check_in_scale(scores.to_numpy(dtype=float).tolist(), scale, what, labels.tolist())


@result_type
class ScaleScores(Result):
    """Scores of one scale per respondent (NaN = more items missing than the rule allows)."""

    scale: str
    score: pd.Series
    raw: pd.Series
    n_missing_items: pd.Series
    n_prorated: int
    n_missing_score: int
    max_missing: int
    scoring: str
    licence: str
    warnings: tuple[str, ...] = field(default_factory=tuple)
    assumptions: tuple[str, ...] = field(default_factory=tuple)
    #: The item scores the raw score is made of (a row per respondent, a column per item, named as
    #: the definition names it): each answer as given, a reverse-keyed item's as item_min + item_max
    #: - answer, NaN where not answered (not pro-rated). None in a pickle of version 2 or older.
    keyed: Optional[pd.DataFrame] = None
    _version = 3  # 2: assumptions (a version-1 pickle loads with none: they were not recorded); 3: keyed
    _title = "Scale scores"
    _summary_fields = ("scale", "scoring", "max_missing", "n_prorated", "n_missing_score", "licence")

    def _table(self) -> pd.DataFrame:
        """One row per respondent (the responses' index): score, raw total, missing items."""
        return pd.DataFrame({"score": self.score, "raw": self.raw, "n_missing_items": self.n_missing_items})


def _row_name(index: pd.Index, i: int) -> str:
    """Row ``i`` (0-based) as the user sees it: its index label (``row 102``, ``row 'r2'``), or its
    position counted from 0 when the index is the default one (or an array has none)."""
    if isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1:
        return f"row {i} (counted from 0)"
    label = index[i]
    return f"row {label!r}" if isinstance(label, str) else f"row {label}"


def _rows_named(e: Exception, index: pd.Index) -> Exception:
    """The core's refusal of responses (``row 1, item 'own_mind': …``, rows counted from 0) with each
    row named by ``_row_name``; its ``issues`` alike."""

    def named(text: str) -> str:
        return re.sub(
            r"\brow (\d+)(?=, item )",
            lambda m: _row_name(index, int(m.group(1))) if int(m.group(1)) < len(index) else m.group(0),
            text,
        )

    out = _core.ValidationError(named(str(e)))
    out.issues = [(named(f), m) for f, m in getattr(e, "issues", None) or []]
    if isinstance(e, _core.ValidationError):
        out.count = e.count  # the answers it lists and those it only counts
    return out


def _limit_said(d: Any) -> str:
    """Where the pro-rating limit of a scoring that gives no ``max_missing`` comes from: a built-in
    scale's rule (its name, or its definition as ``builtin_scale`` gives it), else the definition
    the caller made (its ``max_missing``, given there even if not to ``score_scale``)."""
    if d.id in builtin_scale_names():
        own = _core.builtin_scale(d.id)
        if list(own.items) == list(d.items) and own.max_missing == d.max_missing:
            return f"max_missing: not given, taken as {d.max_missing} (the rule of scale '{d.id}')"
    return f"max_missing: {d.max_missing}, as the definition of scale '{d.id}' gives it"


def score_scale(definition: Union[str, Any], responses: ArrayLike, *, max_missing: Optional[int] = None) -> ScaleScores:
    """Scores item responses with a scale definition (or the name of a built-in scale).

    A DataFrame must hold a column for every item of the definition (other columns are
    ignored); a 2-D array must have the items as columns, in definition order.
    ``max_missing`` overrides the definition's pro-rating limit; not given, the definition's
    limit is used and named in the result's ``assumptions``, with the scoring rule.
    """
    if isinstance(definition, str):
        d = _core.builtin_scale(definition)
    elif isinstance(definition, _core.ScaleDefinition):
        d = definition
    else:
        raise ArgumentError(
            f"definition must be a ScaleDefinition or the name of a built-in scale, got {type(definition).__name__}"
        )
    used = [] if max_missing is not None else [_limit_said(d)]
    d = with_max_missing(d, max_missing)
    if isinstance(responses, pd.DataFrame):
        missing_cols = [c for c in d.items if c not in responses.columns]
        if missing_cols:
            raise ValueError(f"scale '{d.id}': responses have no {names('column', missing_cols)}")
        arr, _, index = _as_float_matrix(responses[list(d.items)], f"scale '{d.id}'")
    else:
        arr, _, index = _as_float_matrix(responses, f"scale '{d.id}'")
    idx = index if index is not None else pd.RangeIndex(arr.shape[0])
    try:
        r = _core.score_scale(d, arr)
    except _core.ValidationError as e:  # the core counts rows from 0: name them as the user sees them
        raise _rows_named(e, idx) from None
    return ScaleScores(
        scale=d.id,
        score=pd.Series(r.score, index=idx, name=d.id),
        raw=pd.Series(r.raw, index=idx, name=f"{d.id}_raw"),
        n_missing_items=pd.Series(r.n_missing, index=idx, name="n_missing_items"),
        n_prorated=r.n_prorated,
        n_missing_score=r.n_missing_score,
        max_missing=d.max_missing,
        scoring=d.scoring,
        licence=d.licence,
        warnings=tuple(rounding_told(r.warnings, r.raw, r.n_missing)),
        assumptions=(*used, notice("scale.scoring", scoring=d.scoring, max_missing=int(d.max_missing))),
        keyed=pd.DataFrame(r.keyed, index=idx, columns=pd.Index(list(d.items), name="item")),
    )
