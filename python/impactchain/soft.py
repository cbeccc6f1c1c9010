"""Soft (non-monetised) impact: survey scales, reliability, effect sizes and distance travelled.

numpy arrays or pandas objects in; results follow the one result contract (docs/api.md):
``to_dict()``, ``summary()``, the ``table`` property and a compact ``_repr_html_``.
The numbers come from the C++ core.
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Optional, Union

import numpy as np
import pandas as pd

from impactchain import _core
from impactchain._check import check_bool
from impactchain._core import StreamingStats
from impactchain._data import DataFileError, excerpt, iter_csv, read_table, resolve_data_path
from impactchain._result import json_ready
from impactchain._soft_bootstrap import BootstrapCI, bootstrap_alpha, bootstrap_mean
from impactchain._soft_change import DistanceTravelled, EffectSizeResult, distance_travelled, effect_size
from impactchain._soft_common import ArrayLike  # noqa: F401
from impactchain._soft_outcome import SoftOutcomeSummary
from impactchain._soft_reliability import AlphaResult, cronbach_alpha
from impactchain._soft_scales import (
    ScaleDefinition,
    ScaleScores,
    builtin_scale,
    builtin_scale_names,
    check_scores_in_scale,
    score_scale,
    swemwbs_metric,
)

__all__ = [
    "AlphaResult",
    "BootstrapCI",
    "DistanceTravelled",
    "EffectSizeResult",
    "ScaleDefinition",
    "ScaleScores",
    "SoftOutcomeSummary",
    "bootstrap_alpha",
    "bootstrap_mean",
    "builtin_scale",
    "builtin_scale_names",
    "cronbach_alpha",
    "distance_travelled",
    "effect_size",
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
    "pre",
    "post",
    "group",
    "id_column",
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
}


def soft_outcome_summary(
    spec: Mapping[str, Any],
    base_dir: Union[str, Path] = ".",
    *,
    threads: Optional[int] = None,
    allow_outside_data: bool = False,
    where: Optional[str] = None,
) -> SoftOutcomeSummary:
    """Summarises one ``soft_outcomes`` entry of a model file.

    ``spec`` keys: id, indicator, data (CSV or .xlsx path relative to ``base_dir``; ``sheet``
    names an .xlsx sheet or gives its 0-based position), pre, post (column names of scores, or
    lists of item columns scored with ``scale``), optional scale (built-in name), group,
    id_column, reliability, sd_pre, effect_size (``DEFAULTS.effect_size_paired``, "dz"),
    higher_is_better (``DEFAULTS.higher_is_better``, true), resamples (2000), seed
    (``DEFAULTS.seed``, 2026), level (``DEFAULTS.level``, 0.95; ``ci_level`` is its deprecated
    name), method ("bca"), max_missing. ``threads`` defaults to ``DEFAULTS.threads``. Every
    default used is named in the result's ``assumptions``, with the methods.
    The data file must lie inside ``base_dir`` (the model file's folder) unless
    ``allow_outside_data=True``. ``where`` names the entry in messages (default
    "soft outcome '<id>'").
    Returns a :class:`SoftOutcomeSummary`: per-group change, effect size (named convention),
    RCI shares and the bootstrap CI, plus the rows that could not be used and why. Row numbers, in messages and
    in "rows_not_used", are lines of the file (header = 1) or rows of the sheet.
    A data file that cannot be used raises ``DataFileError`` (a ValueError).
    """
    spec = {k: v for k, v in spec.items() if v is not None and v != ""}  # empty optional fields = absent
    unknown = sorted(set(spec) - _SPEC_KEYS)
    sid = spec.get("id", "<no id>")
    where = where or f"soft outcome '{sid}'"
    if unknown:
        raise ValueError(f"{where}: unknown keys {unknown} (known: {sorted(_SPEC_KEYS)})")
    if "ci_level" in spec:
        if "level" in spec:
            raise ValueError(f"{where}: give 'level' only ('ci_level' is its old name)")
        warnings.warn(
            f"{where}: the key 'ci_level' is deprecated, use 'level' (goes in 0.3.0)", DeprecationWarning, stacklevel=2
        )
        spec["level"] = spec.pop("ci_level")
    for key in ("id", "data", "pre", "post"):
        if key not in spec:
            raise ValueError(f"{where}: missing required key '{key}'")
    path = resolve_data_path(spec["data"], base_dir, allow_outside=allow_outside_data, field=f"{where}: data")
    table = read_table(path, field=where, sheet=spec.get("sheet"))
    df = table.frame
    n_rows = len(df)
    who = f"{where}: "
    named = [(label, [spec[label]] if isinstance(spec[label], str) else list(spec[label])) for label in ("pre", "post")]
    named += [(key, [spec[key]]) for key in ("group", "id_column") if key in spec]
    missing = [(label, c) for label, cols in named for c in cols if c not in df.columns]
    if missing:
        table.require([c for _, c in missing], who=who, label=", ".join(dict.fromkeys(lab for lab, _ in missing)))

    def score(cols: Any, label: str) -> pd.Series:
        if isinstance(cols, str):
            values = table.numbers(cols, who=who)
            if "scale" in spec:  # scores outside the scale are refused, listed by file row
                check_scores_in_scale(
                    values,
                    spec["scale"],
                    f"{where}: {table.name} ({label}) column '{cols}'",
                    rows=pd.Series(table.lines[: len(values)], index=values.index),
                )
            return values
        if "scale" not in spec:
            raise ValueError(f"{where}: {label} lists item columns, so 'scale' is required")
        d = _core.builtin_scale(spec["scale"])
        cols = list(cols)
        if len(cols) != len(d.items):
            raise ValueError(f"{where}: {label} lists {len(cols)} item columns, scale '{d.id}' has {len(d.items)}")
        block = pd.DataFrame({item: table.numbers(c, who=who) for item, c in zip(d.items, cols)})
        try:
            s = score_scale(d, block, max_missing=spec.get("max_missing"))
        except ValueError as exc:  # name the file's row and column, not the data row and item
            msg = str(exc)
            for k, c in enumerate(cols):
                msg = msg.replace(f"item '{d.items[k]}'", f"column '{c}'")
            msg = re.sub(
                r"\brow (\d+)",
                lambda m: f"row {int(table.lines[int(m.group(1))])}" if int(m.group(1)) < n_rows else m.group(0),
                msg,
            )
            raise ValueError(f"{where}: {table.name} ({label}): {msg}") from None
        return s.score

    pre = score(spec["pre"], "pre")
    post = score(spec["post"], "post")
    groups = None
    if "group" in spec:
        gcol = spec["group"]
        blank = table.blank(gcol)
        if blank.any():
            i = int(np.flatnonzero(blank.to_numpy())[0])
            raise DataFileError(f"{where}: {table.where(i, gcol)}: no group label")
        groups = df[gcol].astype(str)
    ids = None
    if "id_column" in spec:
        ids = df[spec["id_column"]]
        dup = ids.duplicated()
        if dup.any():
            i = int(np.flatnonzero(dup.to_numpy())[0])
            first = int(np.flatnonzero((ids == ids.iloc[i]).to_numpy())[0])
            raise DataFileError(
                f"{where}: {table.where(i, spec['id_column'])}: id {excerpt(ids.iloc[i])} appears "
                f"twice (first on row {int(table.lines[first])})"
            )
    incomplete = pre.isna() | post.isna()
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
    return SoftOutcomeSummary(
        id=sid,
        indicator=spec.get("indicator"),
        scale=spec.get("scale"),
        data=str(spec["data"]),
        n_rows=n_rows,
        n_used=int((~incomplete).sum()),
        rows_not_used=tuple(
            {
                "row": int(table.lines[i]),
                "id": None if ids is None else json_ready(ids.iloc[i]),
                "missing": [k for k, s in (("pre", pre), ("post", post)) if math.isnan(s.iloc[i])],
            }
            for i in np.flatnonzero(incomplete.to_numpy())
        ),
        effect_size_kind=dt.kind,
        effect_size_convention=dt.convention,
        groups=dt.groups,
        reliability=dt.reliability,
        warnings=tuple(dt.warnings),
        assumptions=dt.assumptions,
    )


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
