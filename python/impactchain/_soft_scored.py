"""What scoring a soft outcome's item columns did to its scores: the respondents pro-rated under
``max_missing``, the SWEMWBS raw totals rounded before the Rasch conversion, and the scoring rule,
as the summary, ``impactchain validate`` and the report say them."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from impactchain._i18n import N_
from impactchain._notice import Notice, notice, notice_codes, notice_singulars
from impactchain._report_text import Said

#: The measurement, as a sentence on its scoring names it ("survey.csv, before: …").
MEASUREMENT = {"pre": N_("measurement_pre"), "post": N_("measurement_post")}
#: The codes of the core's notices on scoring items that the summary repeats (a respondent without a
#: score, ``scale.no_score``, is a row not used, listed with its reason).
_SCORING_NOTICES = ("scale.prorated", "scale.rounded", "scale.rounded_not_whole")


@dataclass(frozen=True)
class Scored:
    """What scoring the item columns of one measurement (``side``: "pre" or "post", of ``file``)
    did to the scores: ``n`` respondents pro-rated (``filled`` answers filled in with the mean of
    their other answers, at most ``most`` each), ``rounded`` SWEMWBS raw totals that were not whole
    rounded half up, and the core's notices of them (``scale.rounded``, ``scale.prorated``,
    ``scale.rounded_not_whole``: the warnings ``score_scale`` gives for these items)."""

    side: str
    file: str
    n: int
    filled: int
    most: int
    rounded: int
    notices: tuple[Any, ...]

    @property
    def said(self) -> tuple[Said, ...]:
        """The notices, each naming the file and the measurement: "survey.csv, before: 2
        respondents pro-rated (…)" (the notice itself is ``params["said"]``)."""
        where = Said(MEASUREMENT[self.side])
        return tuple(Said(N_("read_scored"), file=self.file, measurement=where, said=x) for x in self.notices)


def rounding_told(warnings: Sequence[Any], raw: Iterable[float], n_missing: Iterable[int]) -> list[Any]:
    """The core's notices of scoring items (``warnings``) with its ``scale.rounded`` ("N pro-rated
    SWEMWBS raw totals were rounded") counting the pro-rated totals only; a total rounded because
    an answer was not a whole number (4.5, no item missing: nothing pro-rated) is counted in a
    notice of its own, ``scale.rounded_not_whole``. ``raw`` and ``n_missing`` are the core's, per
    respondent."""
    at = next((k for k, x in enumerate(warnings) if getattr(x, "code", "") == "scale.rounded"), None)
    if at is None:
        return list(warnings)
    odd = [(int(n), v) for n, v in zip(n_missing, raw) if not math.isnan(v) and v != math.floor(v)]
    prorated = sum(1 for n, _ in odd if n)
    not_whole = len(odd) - prorated  # rounded with nothing pro-rated: an answer was not whole
    if not not_whole:  # every total rounded was pro-rated: the core's words are true
        return list(warnings)
    told = list(warnings[:at])
    if prorated:
        one = prorated == 1 and "scale.rounded" in notice_singulars()
        template = (notice_singulars() if one else notice_codes())["scale.rounded"]
        told.append(Notice(template.format(count=prorated), "scale.rounded", {"count": prorated}))
    told.append(notice("scale.rounded_not_whole", count=not_whole))
    return told + list(warnings[at + 1 :])


def scored(side: str, file: str, d: Any, s: Any) -> list[Scored]:
    """What scoring one measurement's items did (``s``, the core's result with definition ``d``):
    the respondents pro-rated and the answers filled in for them, the raw totals rounded; nothing
    when neither happened."""
    told = rounding_told(s.warnings, s.raw, s.n_missing)
    notices = tuple(x for code in _SCORING_NOTICES for x in told if getattr(x, "code", "") == code)
    if not notices:
        return []
    rounded = sum(int(x.params["count"]) for x in notices if x.code in ("scale.rounded", "scale.rounded_not_whole"))
    filled = sum(int(n) for n, v in zip(s.n_missing, s.score) if n and not math.isnan(v))
    return [Scored(side, file, int(s.n_prorated), filled, int(d.max_missing), rounded, notices)]


def scoring_rule(d: Any, spec: Mapping[str, Any]) -> list[Any]:
    """The scoring rule of items scored with ``d``, as ``score_scale``'s assumptions name it, and
    where its pro-rating limit comes from when the entry gives no ``max_missing``."""
    rule = [notice("scale.scoring", scoring=d.scoring, max_missing=int(d.max_missing))]
    if "max_missing" in spec:
        return rule
    return [*rule, Said(N_("read_max_missing_default"), value=int(d.max_missing), scale=d.id)]
