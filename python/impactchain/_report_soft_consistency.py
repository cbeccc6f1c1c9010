"""The internal consistency of a soft outcome's scale as answered (the summary's
``internal_consistency``: Cronbach's alpha of each measurement of item columns, with its interval
and n, and McDonald's omega), as the report's methods say it in the reader's words: "internal
consistency of the scale as answered (…): before: alpha 0.82 (95% interval 0.71 – 0.90; n = 38),
omega 0.84; after: …". Its warnings (an
item that correlates negatively with the rest) are the summary's, which the report shows already."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional

from impactchain._i18n import N_
from impactchain._report_text import Count, Said, Share
from impactchain._soft_scored import MEASUREMENT


def _number(x: Any) -> Any:
    """A statistic as the sentence shows it: the number, or the words for "not available"."""
    return float(x) if isinstance(x, (int, float)) and x == x else Said(N_("n_a"))


def consistency_said(consistency: Optional[Mapping[str, Any]]) -> list[Said]:
    """One methods line for a soft outcome's ``internal_consistency`` (the summary's field, as an
    object or as its ``to_dict()``), none when it has none (its measurements are single scores).
    A measurement whose alpha is not defined reads "not computed" (why: in the warnings)."""
    if not consistency:
        return []
    parts = []
    for side in ("pre", "post"):
        if side not in consistency:
            continue
        a = consistency[side]
        measurement = Said(MEASUREMENT[side])
        if a is None:
            parts.append(Said(N_("soft_consistency_none"), measurement=measurement))
            continue
        parts.append(
            Said(
                N_("soft_consistency_one"),
                measurement=measurement,
                alpha=_number(a.get("alpha")),
                level=Share(float(a["level"])),
                low=_number(a.get("ci_low")),
                high=_number(a.get("ci_high")),
                n=Count(int(a["n"])),
                omega=_number(a.get("omega")),  # not there in a summary of an earlier release
            )
        )
    return [Said(N_("soft_consistency"), measurements=parts)] if parts else []
