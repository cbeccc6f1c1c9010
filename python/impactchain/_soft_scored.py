"""What scoring a soft outcome's item columns did to its scores: the respondents pro-rated under
``max_missing``, the SWEMWBS raw totals rounded before the Rasch conversion, and the scoring rule,
as the summary, ``impactchain validate`` and the report say them; and the item responses the
core scored (:class:`ScoredItems`), kept for what else looks at the items (the scale's internal
consistency), keyed as the core keyed them."""

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


@dataclass(frozen=True)
class ScoredItems:
    """The item responses of one measurement (``side``: "pre" or "post") exactly as they were handed
    to the core's ``score_scale`` (``responses``: one tuple per item, in the order of
    ``definition.items``, a value per row of the measurement's file, NaN = not answered; answer
    labels and codes of missing already read), with the definition they were scored by (its item
    range and reverse keying), the file's ``columns`` the items were read from, and the item scores
    the core made the scale score of (``keyed_scores``, as ``responses``: ``ScaleScores.keyed``)."""

    side: str
    columns: tuple[str, ...]
    definition: Any
    responses: tuple[tuple[float, ...], ...]
    keyed_scores: tuple[tuple[float, ...], ...]

    def keyed(self) -> Any:
        """The item scores as the scale score is made of them: a DataFrame (a row per row of the
        file, a column per item, named by the item; NaN = not answered), reverse-keyed items
        rescored by the core (``ScaleScores.keyed``: an item is keyed in one place only), so that
        they are the scale score's terms."""
        import pandas as pd

        items = list(self.definition.items)
        return pd.DataFrame(dict(zip(items, (list(v) for v in self.keyed_scores))), columns=items, dtype=float)


def scored_items(
    side: str, columns: Sequence[str], d: Any, responses: Sequence[Sequence[float]], scores: Any
) -> ScoredItems:
    """The record of the item ``responses`` one measurement handed to the core (``d``: the definition
    it scored them by, ``columns``: the file's columns, in the order of ``d.items``; ``scores``: the
    core's ``ScaleScores`` of them, whose keyed item scores it keeps)."""
    keyed = scores.keyed
    return ScoredItems(
        side,
        tuple(columns),
        d,
        tuple(tuple(float(v) for v in r) for r in responses),
        tuple(tuple(float(v) for v in keyed[:, j]) for j in range(keyed.shape[1])),
    )


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
