"""Soft (non-monetised) impact: survey scales, reliability, effect sizes and distance travelled.

numpy arrays or pandas objects in; results are frozen dataclasses with ``to_dict()``,
pandas views (``table()``) and a compact ``_repr_html_``. The numbers come from the C++ core.
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Mapping, Optional, Union

import numpy as np
import pandas as pd

from impactchain import _core
from impactchain._soft_bootstrap import BootstrapCI, bootstrap_alpha, bootstrap_mean
from impactchain._soft_change import DistanceTravelled, EffectSizeResult, distance_travelled, effect_size
# ArrayLike and _Result are re-exported: composite.py and sustainability.py build on _Result.
from impactchain._soft_common import ArrayLike, _plain, _Result  # noqa: F401
from impactchain._soft_reliability import AlphaResult, cronbach_alpha
from impactchain._soft_scales import (
    ScaleDefinition,
    ScaleScores,
    builtin_scale,
    builtin_scale_names,
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

StreamingStats = _core.StreamingStats


# --------------------------------------------------------------------------- model-file soft outcomes
_SPEC_KEYS = {"id", "indicator", "scale", "data", "pre", "post", "group", "id_column", "reliability", "sd_pre",
              "effect_size", "higher_is_better", "resamples", "seed", "ci_level", "method", "max_missing", "source",
              "name", "stakeholder"}


def soft_outcome_summary(spec: Mapping[str, Any], base_dir: Union[str, Path] = ".", *, threads: int = 1) -> dict:
    """Summarises one ``soft_outcomes`` entry of a model file.

    ``spec`` keys: id, indicator, data (CSV path relative to ``base_dir``), pre, post (column
    names of scores, or lists of item columns scored with ``scale``), optional scale (built-in
    name), group, id_column, reliability, sd_pre, effect_size ("dz"), higher_is_better,
    resamples (2000), seed (required when resamples > 0), ci_level, method ("bca"), max_missing.
    Returns a dict with per-group change, effect size (named convention), RCI shares and the
    bootstrap CI, plus the rows that could not be used and why.
    """
    spec = {k: v for k, v in spec.items() if v is not None and v != ""}  # empty optional fields = absent
    unknown = sorted(set(spec) - _SPEC_KEYS)
    sid = spec.get("id", "<no id>")
    where = f"soft outcome '{sid}'"
    if unknown:
        raise ValueError(f"{where}: unknown keys {unknown} (known: {sorted(_SPEC_KEYS)})")
    for key in ("id", "data", "pre", "post"):
        if key not in spec:
            raise ValueError(f"{where}: missing required key '{key}'")
    path = Path(base_dir) / str(spec["data"])
    if not path.is_file():
        raise ValueError(f"{where}: data file {str(path)!r} not found (data is relative to the model file)")
    df = pd.read_csv(path)
    n_rows = len(df)

    def score(cols: Any, label: str) -> pd.Series:
        if isinstance(cols, str):
            if cols not in df.columns:
                raise ValueError(f"{where}: {label} column '{cols}' not in {path.name} (columns: {list(df.columns)})")
            values = pd.to_numeric(df[cols], errors="coerce")
            bad = values.isna() & df[cols].notna()
            if bad.any():
                i = int(np.flatnonzero(bad.to_numpy())[0])
                raise ValueError(f"{where}: {path.name} row {i + 2} column '{cols}': {df[cols].iloc[i]!r} is not a number")
            return values.astype(float)
        if "scale" not in spec:
            raise ValueError(f"{where}: {label} lists item columns, so 'scale' is required")
        d = _core.builtin_scale(spec["scale"])
        cols = list(cols)
        if len(cols) != len(d.items):
            raise ValueError(f"{where}: {label} lists {len(cols)} item columns, scale '{d.id}' has {len(d.items)}")
        missing_cols = [c for c in cols if c not in df.columns]
        if missing_cols:
            raise ValueError(f"{where}: {label} item columns {missing_cols} not in {path.name}")
        block = df[cols].apply(pd.to_numeric, errors="coerce")
        bad = block.isna() & df[cols].notna()
        if bad.to_numpy().any():
            i, j = (int(v[0]) for v in np.nonzero(bad.to_numpy()))
            raise ValueError(f"{where}: {path.name} row {i + 2} column '{cols[j]}': {df[cols[j]].iloc[i]!r} is not a number")
        block.columns = list(d.items)
        try:
            s = score_scale(d, block, max_missing=spec.get("max_missing"))
        except ValueError as exc:  # name the CSV row (header = line 1) and the file's column
            msg = str(exc)
            for k, c in enumerate(cols):
                msg = msg.replace(f"item '{d.items[k]}'", f"column '{c}'")
            raise ValueError(f"{where}: {path.name} ({label}): {msg} (row numbers count data rows from 0)") from None
        return s.score

    pre = score(spec["pre"], "pre")
    post = score(spec["post"], "post")
    groups = None
    if "group" in spec:
        gcol = spec["group"]
        if gcol not in df.columns:
            raise ValueError(f"{where}: group column '{gcol}' not in {path.name}")
        if df[gcol].isna().any():
            i = int(np.flatnonzero(df[gcol].isna().to_numpy())[0])
            raise ValueError(f"{where}: {path.name} row {i + 2} has no value in group column '{gcol}'")
        groups = df[gcol].astype(str)
    ids = df[spec["id_column"]] if "id_column" in spec else pd.Series(np.arange(n_rows))
    if "id_column" in spec:
        if spec["id_column"] not in df.columns:
            raise ValueError(f"{where}: id_column '{spec['id_column']}' not in {path.name}")
        dup = ids.duplicated()
        if dup.any():
            i = int(np.flatnonzero(dup.to_numpy())[0])
            raise ValueError(f"{where}: {path.name} row {i + 2}: id {ids.iloc[i]!r} appears twice")
    incomplete = pre.isna() | post.isna()
    resamples = int(spec.get("resamples", 2000))
    if resamples > 0 and "seed" not in spec:
        raise ValueError(f"{where}: 'seed' is required for the bootstrap (or set resamples: 0)")
    dt = distance_travelled(
        pre, post, groups, seed=int(spec.get("seed", 0)), kind=spec.get("effect_size", "dz"),
        reliability=spec.get("reliability"), sd_pre=spec.get("sd_pre"),
        higher_is_better=bool(spec.get("higher_is_better", True)), resamples=resamples,
        method=spec.get("method", "bca"), ci_level=float(spec.get("ci_level", 0.95)), threads=threads,
    )
    return {
        "id": sid,
        "indicator": spec.get("indicator"),
        "scale": spec.get("scale"),
        "data": str(spec["data"]),
        "n_rows": n_rows,
        "n_used": int((~incomplete).sum()),
        "rows_not_used": [
            {"row": int(i) + 2, "id": _plain(ids.iloc[i]),
             "missing": [k for k, s in (("pre", pre), ("post", post)) if math.isnan(s.iloc[i])]}
            for i in np.flatnonzero(incomplete.to_numpy())
        ],
        "effect_size_kind": dt.kind,
        "effect_size_convention": dt.convention,
        "groups": _plain(dt.groups.reset_index().to_dict(orient="records")),
        "reliability": dt.reliability,
        "warnings": list(dt.warnings),
    }


# --------------------------------------------------------------------------- streaming
def stream_csv(
    path: Union[str, Path], column: str, *, lo: float, hi: float, bins: Optional[int] = None,
    weight: Optional[str] = None, chunksize: int = 100_000,
) -> Any:
    """Summary statistics of one CSV column read in chunks (memory: one chunk).

    Without ``bins`` the grid is discrete (one bin per integer in [lo, hi], exact quantiles);
    with ``bins`` it is continuous. Returns a ``StreamingStats`` (mergeable with ``merge``).
    A value that is not a number raises ValueError naming the file row (header = row 1).
    """
    stats_ = (_core.StreamingStats.discrete(int(lo), int(hi)) if bins is None
              else _core.StreamingStats.continuous(float(lo), float(hi), int(bins)))
    usecols = [column] + ([weight] if weight else [])
    first_row = 0
    with pd.read_csv(path, usecols=usecols, chunksize=chunksize) as reader:
        for chunk in reader:
            vals = pd.to_numeric(chunk[column], errors="coerce")
            bad = vals.isna() & chunk[column].notna()
            if bad.any():
                i = int(np.flatnonzero(bad.to_numpy())[0])
                raise ValueError(f"{Path(path).name} row {first_row + i + 2} column '{column}': {chunk[column].iloc[i]!r} is not a number")
            try:
                if weight:
                    stats_.add(vals.to_numpy(float), weights=pd.to_numeric(chunk[weight]).to_numpy(float))
                else:
                    stats_.add(vals.to_numpy(float))
            except ValueError as exc:
                raise ValueError(f"{Path(path).name} rows {first_row + 2}-{first_row + len(chunk) + 1} "
                                 f"(chunk value [i] = file row {first_row} + i + 2): {exc}") from None
            first_row += len(chunk)
    return stats_
