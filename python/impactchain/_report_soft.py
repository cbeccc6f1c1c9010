"""A report's soft outcomes: each outcome's data read once, strictly, summarised as
``soft_outcome_summary`` summarises it, and the method choices its model entry left to the defaults."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from impactchain._data import DataFileError
from impactchain._defaults import DEFAULTS
from impactchain._i18n import N_
from impactchain._report_soft_consistency import consistency_said
from impactchain._report_text import Count, Said, effect_kind_shown
from impactchain._soft_data import SoftData, indicator_scale, read_soft_data
from impactchain._soft_scales import scale_definition
from impactchain._soft_scored import MEASUREMENT, Scored
from impactchain.soft import _SPEC_KEYS, checked_spec, summary_of_data

#: Resamples of the bootstrap CI of each soft outcome's mean change.
SOFT_RESAMPLES = 2000


def _stakeholder_name(model: Any, sid: str | None) -> str:
    """A stakeholder's name (its id when it has none); the words for "no stakeholder" when none is given."""
    if not sid:
        return Said(N_("no_stakeholder"))
    return next((st.name or st.id for st in model.stakeholders if st.id == sid), sid)


def _scale_unit(scale: Any) -> Said:
    """A scale's score as a unit: its short name and range, "Short WEMWBS points (7–35)"."""
    name = str(scale.name or scale.id).split(" (")[0]
    low, high = (Count(int(b)) if float(b).is_integer() else float(b) for b in scale.score_range)
    return Said(N_("unit_scale_score"), scale=name, low=low, high=high)


def _soft_defaults(spec: Mapping[str, Any], so: dict) -> list[Said]:
    """The method choices a soft outcome's summary made that its model entry did not state,
    read from the summary's result (its effect-size kind and convention): one line, none for an
    outcome that could not be summarised."""
    if so.get("error"):
        return []
    parts = []
    if "effect_size" not in spec:
        parts.append(Said(N_("default_effect_size"), kind=effect_kind_shown(so["effect_size_kind"])))
    if not {"resamples", "method", "level"} & set(spec):  # the whole default interval, as its words say
        parts.append(Said(N_("default_bootstrap"), resamples=Count(SOFT_RESAMPLES)))
    parts += so.get("reading", [])  # how the data file was read: what was detected, and how
    parts += so.get("scoring", [])  # how item columns were scored: the rule, the pro-rating limit
    if "reliability" not in spec:
        parts.append(Said(N_("default_no_reliability")))
    return [Said(N_("default_soft"), name=so["name"], parts=parts)]


def soft_warnings(so: dict) -> list[Said]:
    """The warnings of a soft outcome's summary, each line naming the outcome: what the summary
    warns of (incomplete pairs, an undefined effect size, ...) in one line, its scale's licence in
    one (:func:`licence_words`), then what scoring the items did, a line per measurement (before, after). The missing reliability is left out: it
    is a default, said among them (:func:`_soft_defaults`)."""
    said = [x for x in so.get("warnings", ()) if getattr(x, "code", "") != "change.no_reliability"]
    scored = [[x] for x in said if getattr(x, "key", "") == N_("read_scored")]  # _scored_words: a line per measurement
    rest = [x for x in said if getattr(x, "key", "") != N_("read_scored")]
    scale = so.get("scale_id") or so["id"]
    licence = [[licence_words(scale, so.get("licence_code") or "", so["licence"])]] if so.get("licence") else []
    return [Said(N_("default_soft"), name=so["name"], parts=p) for p in ([rest] if rest else []) + licence + scored]


#: The built-in licences in the catalogue's words (each language's), by the code the definition gives
#: them (``ScaleDefinition.licence_code``).
_LICENCES = {"warwick": N_("scale_licence_warwick"), "ons_ogl": N_("scale_licence_ons")}


def licence_words(scale: str, code: str, text: str) -> Said:
    """A scale's licence in the reader's words: one the definition names by its ``code`` (a
    built-in licence: "warwick", "ons_ogl") by the catalogue's translation; any other (``code``
    "": a scale's own licence text) quoted as the definition gives it (``text``)."""
    key = _LICENCES.get(code)
    if key is not None:
        return Said(key, scale=scale)
    return Said(N_("soft_scale_licence"), scale=scale, licence=text)


def _scored_words(s: Scored) -> Said:
    """What scoring one measurement's items did, in the reader's words: "survey.csv, before: 2
    respondents had one missing answer filled in pro rata (…); 1 SWEMWBS raw total …"."""
    parts = []
    if s.n:
        key = N_("soft_prorated_one_each") if s.filled == s.n else N_("soft_prorated_answers")
        parts.append(Said(key, n=Count(s.n), filled=Count(s.filled), most=Count(s.most)))
    if s.rounded:
        parts.append(Said(N_("soft_prorated_rounded"), n=Count(s.rounded)))
    return Said(N_("read_scored"), file=s.file, measurement=Said(MEASUREMENT[s.side]), said=parts)


def _soft_data(model: Any, spec: dict, base_dir: Path, who: str, field: str, allow_outside: bool) -> SoftData:
    """The soft outcome's data, read strictly (``read_soft_data``, scores checked against the
    scale of its indicator too): a file that cannot be used raises DataFileError naming the
    file's row and column."""
    given = {k: v for k, v in spec.items() if v is not None and not (isinstance(v, (str, dict)) and not v)}
    scale = indicator_scale(model, spec)
    return read_soft_data(given, base_dir, where=who, allow_outside_data=allow_outside, field=field, indicator=scale)


def _soft_entry(
    model: Any,
    index: int,
    spec: dict,
    base_dir: Path,
    model_name: str,
    seed: int,
    threads: int,
    allow_outside: bool = False,
) -> dict:
    """Summary of one soft outcome: reads the data file once, strictly (DataFileError), and
    summarises what it read as soft_outcome_summary does; a statistic that is not defined for
    these data (ValueError) gives an entry with the reason under "error"."""
    who = f"model '{model_name}', soft outcome '{spec['id']}'"
    try:
        data = _soft_data(model, spec, base_dir, who, f"{who}: soft_outcomes[{index}].data", allow_outside)
    except DataFileError:
        raise
    except ValueError as e:  # the entry does not fit its data (a score outside the scale): shown in the section
        return {"id": spec["id"], "name": spec.get("name") or spec["id"], "error": str(e)}
    indicator: dict[str, Any] = next((i.to_dict() for i in model.indicators if i.id == spec.get("indicator")), {})
    # The entry's own higher_is_better wins over its indicator's direction and its scale's.
    lower_better = (
        not spec["higher_is_better"]
        if spec.get("higher_is_better") is not None
        else indicator.get("direction") == "lower" or spec.get("scale") == "ons4_anxiety"
    )
    # Every key of the model's entry is passed on (effect_size, id_column, ...): the report
    # summarises exactly what ic.soft_outcome_summary(spec) summarises.
    call: dict[str, Any] = {k: v for k, v in spec.items() if k in _SPEC_KEYS}
    # The entry's own bootstrap options (seed, resamples) win over the report's.
    call.setdefault("seed", seed)
    call.setdefault("resamples", SOFT_RESAMPLES)
    call.setdefault("higher_is_better", not lower_better)
    try:
        checked, where = checked_spec(call)
        summary = summary_of_data(checked, data, threads=threads, where=where).to_dict()
    except ValueError as e:  # not defined for these data (e.g. constant change): shown in the section
        return {"id": spec["id"], "name": spec.get("name") or spec["id"], "error": str(e)}
    groups = summary["groups"]
    overall = next(g for g in groups if g["group"] == "all")  # columns a group is too small for are absent
    scale_bounds = indicator.get("scale")
    if isinstance(scale_bounds, Mapping):
        scale_bounds = (scale_bounds.get("min"), scale_bounds.get("max"))
    scale = scale_definition(spec["scale"], default_id=spec["id"]) if spec.get("scale") else None
    if scale_bounds is None and scale is not None:
        scale_bounds = tuple(scale.score_range)
    unit = indicator.get("unit") or (_scale_unit(scale) if scale is not None else Said(N_("unit_points")))
    return {
        "id": spec["id"],
        "name": spec.get("name") or spec["id"],
        "stakeholder": _stakeholder_name(model, spec.get("stakeholder")),
        "scale": spec.get("scale"),
        "unit": unit,
        "lower_is_better": lower_better,
        "data": spec["data"],
        "data_post": spec.get("data_post") or None,
        "wave": dict(spec["wave"]) if spec.get("wave") else None,
        "n_rows": summary["n_rows"],
        "n_used": summary["n_used"],
        "n_rows_not_used": len(summary["rows_not_used"]),
        "rows_not_used": summary["rows_not_used"],
        "mean_pre": overall.get("mean_pre"),
        "mean_post": overall.get("mean_post"),
        "mean_change": overall.get("mean_change"),
        # of the same pairs: the standardiser of d_av, by which a d_z is worded on Cohen's thresholds
        "sd_pre": overall.get("sd_pre"),
        "sd_post": overall.get("sd_post"),
        "change_ci_low": overall.get("change_ci_low"),
        "change_ci_high": overall.get("change_ci_high"),
        "level": float(call.get("level", DEFAULTS.level)),  # of the interval of the mean change
        "effect_size": overall.get("effect_size"),
        "effect_size_kind": summary["effect_size_kind"],
        "effect_size_convention": summary["effect_size_convention"],
        "share_improved": overall.get("share_improved"),
        # reliable change (with a reliability): how many improved or got worse beyond measurement error
        "n_improved": overall.get("n_improved"),
        "n_deteriorated": overall.get("n_deteriorated"),
        "groups": groups,
        "group_names": dict(spec.get("group_names") or {}),  # checked by soft_outcome_summary above
        # the summary's warnings, its notices on pro-rating and rounding said in the reader's words
        "warnings": [
            *(x for x in summary["warnings"] if x not in data.scored_warnings),
            *(_scored_words(x) for x in data.scored),
        ],
        "scale_bounds": list(scale_bounds) if scale_bounds else None,
        # the scale's licence (WEMWBS, SWEMWBS: commercial use needs one), as its definition gives it
        "scale_id": scale.id if scale is not None else None,
        "licence": (str(scale.licence).strip() or None) if scale is not None else None,
        "licence_code": str(scale.licence_code) if scale is not None else None,  # the report words it by this
        "reading": list(data.table.reading),
        "scoring": [*data.scoring, *consistency_said(summary["internal_consistency"])],
        "_pre": data.pre.to_numpy(dtype=float),
        "_post": data.post.to_numpy(dtype=float),
    }
