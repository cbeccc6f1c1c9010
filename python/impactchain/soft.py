"""Soft (non-monetised) impact: survey scales, reliability, effect sizes and distance travelled.

numpy arrays or pandas objects in; results follow the one result contract (docs/api.md):
``to_dict()``, ``summary()``, the ``table`` property and a compact ``_repr_html_``.
The numbers come from the C++ core.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Optional, Union

from impactchain._check import check_bool
from impactchain._core import StreamingStats
from impactchain._data import iter_csv
from impactchain._soft_bootstrap import (
    BootstrapCI,
    bootstrap_alpha,
    bootstrap_hierarchical_omega,
    bootstrap_mean,
    bootstrap_omega,
)
from impactchain._soft_change import DistanceTravelled, EffectSizeResult, distance_travelled, effect_size
from impactchain._soft_common import ArrayLike  # noqa: F401
from impactchain._soft_consistency import internal_consistency
from impactchain._soft_data import SoftData, data_label, read_soft_data
from impactchain._soft_omega import OmegaResult, mcdonald_omega
from impactchain._soft_omega_hierarchical import HierarchicalOmegaResult, hierarchical_omega
from impactchain._soft_outcome import SoftOutcomeSummary
from impactchain._soft_reliability import AlphaResult, cronbach_alpha
from impactchain._soft_scales import (
    ScaleDefinition,
    ScaleScores,
    builtin_scale,
    builtin_scale_names,
    scale_definition,
    score_scale,
    swemwbs_metric,
)
from impactchain._soft_spec import wave_spec

__all__ = [
    "AlphaResult",
    "BootstrapCI",
    "DistanceTravelled",
    "EffectSizeResult",
    "HierarchicalOmegaResult",
    "OmegaResult",
    "ScaleDefinition",
    "ScaleScores",
    "SoftOutcomeSummary",
    "bootstrap_alpha",
    "bootstrap_hierarchical_omega",
    "bootstrap_mean",
    "bootstrap_omega",
    "builtin_scale",
    "builtin_scale_names",
    "cronbach_alpha",
    "distance_travelled",
    "effect_size",
    "hierarchical_omega",
    "mcdonald_omega",
    "score_scale",
    "soft_outcome_summary",
    "StreamingStats",
    "stream_csv",
    "swemwbs_metric",
]


# --------------------------------------------------------------------------- model-file soft outcomes
_SPEC_KEYS = {
    "id",
    "indicator",
    "scale",
    "data",
    "data_post",
    "wave",
    "skip_rows",
    "header_row",
    "pre",
    "post",
    "group",
    "group_names",
    "id_column",
    "missing",
    "answers",
    "reliability",
    "sd_pre",
    "effect_size",
    "higher_is_better",
    "resamples",
    "seed",
    "level",
    "ci_level",
    "method",
    "max_missing",
    "source",
    "name",
    "stakeholder",
    "sheet",
    "csv",
}


def _empty(v: Any) -> bool:
    return v is None or (isinstance(v, str) and v == "") or (isinstance(v, Mapping) and not v)


def soft_outcome_summary(
    spec: Mapping[str, Any],
    base_dir: Union[str, Path] = ".",
    *,
    threads: Optional[int] = None,
    allow_outside_data: bool = False,
    where: Optional[str] = None,
) -> SoftOutcomeSummary:
    """Summarises one ``soft_outcomes`` entry of a model file.

    ``spec`` keys: id, indicator, data (a .csv, .xlsx or SPSS .sav path relative to ``base_dir``,
    or a pandas DataFrame), data_post (the follow-up's file or DataFrame when the two measurements
    are separate files: ``post`` names its columns, ``pre`` those of ``data``, and the rows are
    joined on ``id_column``, which both must have; ``sheet`` and ``csv`` apply to each file of
    their kind; a respondent in one file only is a row not used, and the reading states how many
    are in both and in one only), wave (``{"column": "meting", "pre": "voormeting", "post":
    "nameting"}``: the two measurements as rows of ``data``, told apart by that column's labels, and
    joined on ``id_column`` as two files are), skip_rows (rows below the header that are not
    answers, by their row number: ``[2, 3]`` for a Qualtrics export's question texts and import
    ids; in each data file), header_row (the row of the column names when a title is above them,
    default 1; rows keep their numbers); ``sheet`` names an .xlsx sheet or gives its 0-based position;
    ``csv`` gives a CSV's ``sep``, ``decimal`` and ``encoding``, else they are detected and the
    detection is stated in ``assumptions``), pre, post (column names of scores, or
    lists of item columns scored with ``scale``), optional scale (built-in name), group, group_names
    (per report language, the group labels' names: ``{"en": {"oudere bewoner": "older resident"}}``),
    id_column, missing (the codes the data writes for "no answer", read as missing answers in the
    pre and post columns: ``["n.v.t.", 99]``), answers (the labels the data gives instead of
    numbers, each with its number: ``{"nooit": 1, "zelden": 2}``), reliability, sd_pre, effect_size (``DEFAULTS.effect_size_paired``, "dz"),
    higher_is_better (``DEFAULTS.higher_is_better``, true), resamples (2000), seed
    (``DEFAULTS.seed``, 2026), level (``DEFAULTS.level``, 0.95; ``ci_level`` is its deprecated
    name), method ("bca"), max_missing. ``threads`` defaults to ``DEFAULTS.threads``. Every
    default used is named in the result's ``assumptions``, with the methods.
    The data file must lie inside ``base_dir`` (the model file's folder) unless
    ``allow_outside_data=True``. ``where`` names the entry in messages (default
    "soft outcome '<id>'").
    Returns a :class:`SoftOutcomeSummary`: per-group change, effect size (named convention),
    RCI shares and the bootstrap CI, plus the rows that could not be used and why. Row numbers, in messages and
    in "rows_not_used", are lines of the file (header = 1), rows of the sheet, SPSS case numbers or the
    DataFrame's index labels.
    A data file that cannot be used raises ``DataFileError`` (a ValueError).
    """
    spec, where = checked_spec(spec, where)
    data = read_soft_data(spec, base_dir, where=where, allow_outside_data=allow_outside_data)
    return summary_of_data(spec, data, threads=threads, where=where)


def checked_spec(spec: Mapping[str, Any], where: Optional[str] = None) -> tuple[dict[str, Any], str]:
    """``soft_outcome_summary``'s entry checked before its data is read: empty optional fields
    dropped, unknown keys refused, ``ci_level`` renamed (with its warning), the required keys
    there. Returns the entry and how messages name it."""
    spec = {k: v for k, v in spec.items() if not _empty(v)}  # empty optional fields = absent
    unknown = sorted(set(spec) - _SPEC_KEYS)
    sid = spec.get("id", "<no id>")
    where = where or f"soft outcome '{sid}'"
    if unknown:
        raise ValueError(f"{where}: unknown keys {unknown} (known: {sorted(_SPEC_KEYS)})")
    if "ci_level" in spec:
        if "level" in spec:
            raise ValueError(f"{where}: give 'level' only ('ci_level' is its old name)")
        warnings.warn(
            f"{where}: the key 'ci_level' is deprecated, use 'level' (goes in 0.3.0)", DeprecationWarning, stacklevel=3
        )
        spec["level"] = spec.pop("ci_level")
    for key in ("id", "data", "pre", "post"):
        if key not in spec:
            raise ValueError(f"{where}: missing required key '{key}'")
    return spec, where


def summary_of_data(
    spec: Mapping[str, Any], data: SoftData, *, threads: Optional[int] = None, where: str
) -> SoftOutcomeSummary:
    """The summary of an entry (``checked_spec``) whose data has been read (``read_soft_data``
    of that entry): the report reads each survey once and summarises what it read."""
    pre, post, groups = data.pre, data.post, data.groups
    hib = spec.get("higher_is_better")
    dt = distance_travelled(  # an absent key is passed as None: the default is stated in dt.assumptions
        pre,
        post,
        groups,
        seed=spec.get("seed"),
        kind=spec.get("effect_size"),
        reliability=spec.get("reliability"),
        sd_pre=spec.get("sd_pre"),
        higher_is_better=None if hib is None else check_bool(f"{where}: higher_is_better", hib),
        resamples=spec.get("resamples"),
        method=spec.get("method"),
        level=spec.get("level"),
        threads=threads,
    )
    scale = scale_definition(spec["scale"], default_id=spec["id"]) if "scale" in spec else None
    # alpha and item-rest r of the item scores as answered: said, never taken for the RCI's reliability
    consistency, consistency_warned, consistency_said = internal_consistency(spec, data, level=spec.get("level"))
    return SoftOutcomeSummary(
        id=spec["id"],
        indicator=spec.get("indicator"),
        scale=scale.id if scale is not None else None,
        data=data_label(spec["data"]),
        data_post=data_label(spec["data_post"]) if "data_post" in spec else None,
        wave=wave_spec(spec.get("wave"), where),
        n_rows=data.n_rows,
        n_used=data.n_used,
        rows_not_used=data.rows_not_used,
        effect_size_kind=dt.kind,
        effect_size_convention=dt.convention,
        groups=with_sds(dt.groups, data),
        reliability=dt.reliability,
        warnings=tuple(dt.warnings) + tuple(data.warnings) + data.scored_warnings + consistency_warned,
        assumptions=tuple(dt.assumptions)
        + tuple(data.scoring)
        + consistency_said
        + tuple(data.table.reading)
        + licence_said(scale),
        internal_consistency=consistency,
    )


def licence_said(scale: Any) -> tuple[str, ...]:
    """The licence of the scale the entry scores with (a built-in definition's ``licence`` field:
    WEMWBS and SWEMWBS need one for commercial use), as a line of the summary's assumptions; none
    without a scale or for a scale that names no licence."""
    text = str(getattr(scale, "licence", "") or "").strip()
    return (f"scale '{scale.id}': licence: {text}",) if text else ()


def with_sds(groups: Any, data: SoftData) -> Any:
    """The groups of a summary with the standard deviations of the before and the after scores
    (``sd_pre``, ``sd_post``; n − 1 in the denominator) of each group's complete pairs, the ones its
    means and change are of: √((sd_pre² + sd_post²)/2) is the standardiser of d_av (as
    ``effect_size(kind="dav")`` computes it), by which a report words a d_z on Cohen's thresholds. A group of fewer than 2 pairs, which has no means, has none."""
    import numpy as np

    if "mean_post" not in groups.columns:
        return groups
    pre, post = np.asarray(data.pre_scores, dtype=float), np.asarray(data.post_scores, dtype=float)
    both = np.isfinite(pre) & np.isfinite(post)
    labels = None if data.group_labels is None else np.array([str(v) for v in data.group_labels], dtype=object)
    sds: dict[str, tuple[float, float]] = {}
    for g, n in groups["n"].items():
        pairs = both if g == "all" or labels is None else both & (labels == str(g))
        if n >= 2 and int(pairs.sum()) == n:  # the pairs the group's means are of
            sds[g] = (float(np.std(pre[pairs], ddof=1)), float(np.std(post[pairs], ddof=1)))
    out = groups.copy()
    at = list(out.columns).index("mean_post") + 1
    out.insert(at, "sd_pre", [sds.get(g, (float("nan"),) * 2)[0] for g in out.index])
    out.insert(at + 1, "sd_post", [sds.get(g, (float("nan"),) * 2)[1] for g in out.index])
    return out


# --------------------------------------------------------------------------- streaming
def stream_csv(
    path: Union[str, Path],
    column: str,
    *,
    lo: float,
    hi: float,
    bins: Optional[int] = None,
    weight: Optional[str] = None,
    chunksize: int = 100_000,
) -> StreamingStats:
    """Summary statistics of one CSV column read in chunks (memory: one chunk).

    Without ``bins`` the grid is discrete (one bin per integer in [lo, hi], exact quantiles);
    with ``bins`` it is continuous; either way at most 10^6 bins (checked before reading). Returns a
    ``StreamingStats`` (mergeable with ``merge``).
    Only a regular file is read (never a pipe or device); there is no size ceiling.
    A value that is not a number raises ValueError naming the line of the file (header = 1;
    blank lines and multi-line quoted fields counted); an empty cell or NA is missing.
    """
    stats_ = (
        StreamingStats.discrete(int(lo), int(hi))
        if bins is None
        else StreamingStats.continuous(float(lo), float(hi), int(bins))
    )
    usecols = list(dict.fromkeys([column] + ([weight] if weight else [])))
    for table, _seen in iter_csv(path, usecols, chunksize=int(chunksize), field="stream_csv"):
        vals = table.numbers(column)
        try:
            if weight:
                stats_.add(vals.to_numpy(float), weights=table.numbers(weight).to_numpy(float))
            else:
                stats_.add(vals.to_numpy(float))
        except ValueError as exc:
            raise ValueError(f"{table.name} rows {int(table.lines[0])}-{int(table.lines[-1])}: {exc}") from None
    return stats_
