"""How a survey row that is not used is listed (``SoftData.rows_not_used``): why (the scores it
lacks, each by its items where item columns are scored) and its respondent's id as JSON holds it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional

from impactchain._i18n import N_
from impactchain._report_text import Said

#: Why a row is not used, by the score it lacks.
_SCORE_MISSING = {"pre": N_("row_pre_missing"), "post": N_("row_post_missing")}
_ITEMS_MISSING = {"pre": N_("row_pre_items_missing"), "post": N_("row_post_items_missing")}


def _id(value: Any) -> Any:
    """An id cell as JSON holds it (text as it is, with no import of the result layer); a whole
    number read as a decimal (an SPSS file's 3.0) is the whole number, as a CSV or sheet writes it."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    from impactchain._result_json import json_ready

    return json_ready(value)


def reason(
    item_gaps: Mapping[str, tuple[list[int], int, int]], i: Optional[int], j: Optional[int], gaps: list[str]
) -> Said:
    """Why a row is not used: the scores it lacks (``gaps``), each by its items where item columns
    are scored; ``i`` and ``j`` are its rows in the pre and the post scores."""
    parts = []
    for label in gaps:
        pos = i if label == "pre" else j
        if label in item_gaps and pos is not None:
            n_missing, k, most = item_gaps[label]
            parts.append(Said(_ITEMS_MISSING[label], n=n_missing[pos], k=k, most=most))
        else:
            parts.append(Said(_SCORE_MISSING[label]))
    return Said(N_("row_reasons"), reasons=parts) if len(parts) > 1 else parts[0]
