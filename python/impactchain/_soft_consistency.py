"""The internal consistency of a soft outcome's scale as its respondents answered it: for each
measurement scored from item columns, Cronbach's alpha (``cronbach_alpha``, pairwise, with its
Feldt interval and n), McDonald's omega (one factor by minimum residuals, fitted to the alpha's
own covariance matrix, as ``mcdonald_omega`` fits it) and each item's item-rest correlation, of the item scores its scale score is
made of (the item responses the scoring step handed to the core, read once, reverse-keyed items
keyed by the core as it keyed them for the score: ``ScoredItems.keyed``), and a warning for an item that correlates negatively with the rest
of the scale (is it keyed right?). Not used for the reliable change index: that takes the entry's
``reliability`` only."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional

from impactchain._notice import Notice, notice
from impactchain._report_text import Said
from impactchain._soft_respondents import SoftData
from impactchain._soft_scored import MEASUREMENT, ScoredItems

#: How the item scores' alpha treats an unanswered item (stated in the notice ``soft.internal_consistency``).
MISSING = "pairwise"
#: How omega's one factor is fitted there: minimum residuals takes any pairwise covariances, where
#: maximum likelihood refuses those no data set could give (stated in ``soft.internal_consistency``).
OMEGA_METHOD = "minres"


def item_scores(spec: Mapping[str, Any], data: SoftData, side: str) -> Optional[ScoredItems]:
    """The item responses of one measurement (``side``: "pre" or "post") as the scoring step handed
    them to the core (``SoftData.items``: read once, with the keying the core applied;
    ``ScoredItems.keyed`` gives the item scores the scale score is made of); None when the
    measurement is one column of scores."""
    if isinstance(spec[side], str) or "scale" not in spec:
        return None
    return next((x for x in data.items if x.side == side), None)


def internal_consistency(
    spec: Mapping[str, Any], data: SoftData, *, level: Optional[float] = None
) -> tuple[Optional[dict[str, Optional[dict[str, Any]]]], tuple[Notice, ...], tuple[Notice, ...]]:
    """(the internal consistency of each measurement, its warnings, its assumptions) of an entry
    (``checked_spec``) and the data read for it. The first is None when neither measurement lists
    item columns; else ``{"pre": ..., "post": ...}`` (a measurement of one column of scores has no
    key), each ``{"alpha", "ci_low", "ci_high", "level", "n", "missing", "item_rest_r": {item: r},
    "columns": {item: column}, "warnings", "omega", "omega_warnings"}`` (the alpha's notices,
    the covariances' among them, and the omega fit's own; omega None where it is not defined, the reason in the warnings), or None
    when its alpha is not defined (the reason in the warnings)."""
    from impactchain import _core
    from impactchain._soft_reliability import cronbach_alpha  # the public function, as a user calls it

    out: dict[str, Optional[dict[str, Any]]] = {}
    warned: list[Notice] = []
    for side in ("pre", "post"):
        scored = item_scores(spec, data, side)
        if scored is None:  # one column of scores: no items to be consistent
            continue
        items = scored.keyed()
        measurement = Said(MEASUREMENT[side])
        try:
            a = cronbach_alpha(items, MISSING, level=level)
        except ValueError as e:  # too few respondents, an item everyone answered alike, one item
            out[side] = None
            warned.append(notice("soft.internal_consistency_undefined", measurement=measurement, reason=str(e)))
            continue
        columns = dict(zip(items.columns, scored.columns))
        rest = {str(k): float(v) for k, v in a.item_rest_r.items()}
        try:
            # The pairwise covariances alpha was computed from, not computed again: the same
            # matrix mcdonald_omega(items, missing=MISSING) builds, so the same omega.
            cov = a.covariance
            o = _core.omega_from_covariance(cov.to_numpy(), method=OMEGA_METHOD, names=[str(c) for c in cov.columns])
            omega: Optional[float] = float(o.omega)
            omega_warnings = tuple(o.warnings)
        except ValueError as e:  # fewer than 3 items, or no common variance
            omega, omega_warnings = None, ()
            warned.append(notice("soft.omega_undefined", measurement=measurement, reason=str(e)))
        out[side] = {
            "alpha": float(a.alpha),
            "ci_low": float(a.ci[0]),
            "ci_high": float(a.ci[1]),
            "level": float(a.level),
            "n": int(a.n),
            "missing": a.missing,
            "item_rest_r": rest,
            "columns": columns,
            "warnings": tuple(a.warnings),
            "omega": omega,
            "omega_warnings": omega_warnings,
        }
        for item, r in rest.items():
            if r < 0:
                warned.append(
                    notice(
                        "soft.item_rest_negative",
                        measurement=measurement,
                        item=item,
                        column=columns[item],
                        r=round(r, 2),
                    )
                )
    if not out:
        return None, (), ()
    used = [a for a in out.values() if a is not None]
    said = (notice("soft.internal_consistency", level=used[0]["level"] if used else _level(level)),)
    return out, tuple(warned), said


def _level(level: Optional[float]) -> float:
    from impactchain._defaults import DEFAULTS

    return float(DEFAULTS.level if level is None else level)
