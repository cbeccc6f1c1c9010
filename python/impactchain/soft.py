"""Soft (non-monetised) impact: survey scales, reliability, effect sizes and distance travelled.

numpy arrays or pandas objects in; results are frozen dataclasses with ``to_dict()``,
pandas views (``table()``) and a compact ``_repr_html_``. The numbers come from the C++ core.
"""
from __future__ import annotations

import dataclasses
import html
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Optional, Sequence, Union

import numpy as np
import pandas as pd

from impactchain import _core

ArrayLike = Union[np.ndarray, pd.DataFrame, pd.Series, Sequence[Any]]

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

ScaleDefinition = _core.ScaleDefinition
builtin_scale = _core.builtin_scale
builtin_scale_names = _core.builtin_scale_names
StreamingStats = _core.StreamingStats


# --------------------------------------------------------------------------- helpers
def _as_float_matrix(data: ArrayLike, what: str) -> tuple[np.ndarray, list[str], Optional[pd.Index]]:
    """2-D float array (NaN = missing), column names and the row index of a DataFrame."""
    if isinstance(data, pd.DataFrame):
        bad = [str(c) for c in data.columns if not (pd.api.types.is_numeric_dtype(data[c]) or data[c].isna().all())]
        if bad:
            raise ValueError(f"{what}: columns {bad} are not numeric (responses must be numbers, missing = NaN)")
        arr = data.to_numpy(dtype=float, na_value=np.nan)
        return np.ascontiguousarray(arr), [str(c) for c in data.columns], data.index
    try:
        arr = np.asarray(data, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{what}: could not convert to numbers ({exc})") from None
    if arr.ndim != 2:
        raise ValueError(f"{what}: expected a 2-D array (rows = respondents, columns = items), got {arr.ndim}-D")
    return np.ascontiguousarray(arr), [f"item {j}" for j in range(arr.shape[1])], None


def _as_float_vector(data: ArrayLike, what: str) -> np.ndarray:
    if isinstance(data, pd.DataFrame):
        raise ValueError(f"{what}: expected one column of values, got a DataFrame with {data.shape[1]} columns")
    if isinstance(data, pd.Series) and not (pd.api.types.is_numeric_dtype(data) or data.isna().all()):
        raise ValueError(f"{what}: values must be numeric, got dtype {data.dtype}")
    try:
        arr = np.asarray(data, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{what}: could not convert to numbers ({exc})") from None
    if arr.ndim != 1:
        raise ValueError(f"{what}: expected a 1-D array, got {arr.ndim}-D")
    return arr


def _plain(v: Any) -> Any:
    if isinstance(v, pd.Series):
        return {str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, pd.DataFrame):
        return {str(c): _plain(v[c]) for c in v.columns}
    if isinstance(v, np.ndarray):
        return [_plain(x) for x in v.tolist()]
    if isinstance(v, (np.floating, float)):
        return None if math.isnan(float(v)) else float(v)
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    if dataclasses.is_dataclass(v) and not isinstance(v, type):
        return v.to_dict()
    return v


class _Result:
    """Shared conveniences of the result dataclasses."""

    _title = "result"
    _summary_fields: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><th style='text-align:left'>{html.escape(k)}</th><td>{html.escape(_fmt(getattr(self, k)))}</td></tr>"
            for k in self._summary_fields
        )
        warn = getattr(self, "warnings", ())
        w = "".join(f"<li>{html.escape(x)}</li>" for x in warn)
        return f"<div><b>{html.escape(self._title)}</b><table>{rows}</table>" + (f"<ul>{w}</ul>" if w else "") + "</div>"


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.4g}"
    if isinstance(v, tuple) and len(v) == 2 and all(isinstance(x, float) for x in v):
        return f"[{v[0]:.4g}, {v[1]:.4g}]"
    return str(v)


# --------------------------------------------------------------------------- scales
def swemwbs_metric(raw: ArrayLike) -> Any:
    """SWEMWBS raw totals (integers 7-35, NaN = missing) -> Rasch metric scores.

    Uses the conversion table of Stewart-Brown et al. (2009) published by Warwick Medical School.
    Array in, array out (a Series keeps its index; a scalar gives a float).
    """
    if np.isscalar(raw):
        return float(_core.swemwbs_metric(np.array([float(raw)]))[0])  # type: ignore[arg-type]
    out = _core.swemwbs_metric(_as_float_vector(raw, "raw"))
    if isinstance(raw, pd.Series):
        return pd.Series(out, index=raw.index, name=raw.name)
    return out


@dataclass(frozen=True)
class ScaleScores(_Result):
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
    _title = "Scale scores"
    _summary_fields = ("scale", "scoring", "max_missing", "n_prorated", "n_missing_score", "licence")

    def table(self) -> pd.DataFrame:
        return pd.DataFrame({"score": self.score, "raw": self.raw, "n_missing_items": self.n_missing_items})


def score_scale(definition: Union[str, Any], responses: ArrayLike, *, max_missing: Optional[int] = None) -> ScaleScores:
    """Scores item responses with a scale definition (or the name of a built-in scale).

    A DataFrame must hold a column for every item of the definition (other columns are
    ignored); a 2-D array must have the items as columns, in definition order.
    ``max_missing`` overrides the definition's pro-rating limit.
    """
    d = _core.builtin_scale(definition) if isinstance(definition, str) else definition
    if max_missing is not None:
        d = d.with_max_missing(int(max_missing))
    if isinstance(responses, pd.DataFrame):
        missing_cols = [c for c in d.items if c not in responses.columns]
        if missing_cols:
            raise ValueError(f"scale '{d.id}': responses have no column(s) {missing_cols}")
        arr, _, index = _as_float_matrix(responses[list(d.items)], f"scale '{d.id}'")
    else:
        arr, _, index = _as_float_matrix(responses, f"scale '{d.id}'")
    r = _core.score_scale(d, arr)
    idx = index if index is not None else pd.RangeIndex(arr.shape[0])
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
        warnings=tuple(r.warnings),
    )


# --------------------------------------------------------------------------- reliability
@dataclass(frozen=True)
class AlphaResult(_Result):
    """Cronbach's alpha, its Feldt CI and item statistics; ``missing`` says how NaN was handled."""

    alpha: float
    ci: tuple[float, float]
    ci_level: float
    ci_method: str
    missing: str
    n: int
    n_rows: int
    n_items: int
    alpha_if_dropped: pd.Series
    item_total_r: pd.Series
    item_rest_r: pd.Series
    covariance: pd.DataFrame
    warnings: tuple[str, ...] = field(default_factory=tuple)
    _title = "Cronbach's alpha"
    _summary_fields = ("alpha", "ci", "missing", "n", "n_items")

    def table(self) -> pd.DataFrame:
        """Item statistics: alpha if the item is dropped, item-total and item-rest correlations."""
        return pd.DataFrame(
            {"alpha_if_dropped": self.alpha_if_dropped, "item_total_r": self.item_total_r, "item_rest_r": self.item_rest_r}
        )


def cronbach_alpha(
    items: ArrayLike,
    missing: str = "pairwise",
    *,
    ci_level: float = 0.95,
    subject: Optional[str] = None,
    item: Optional[str] = None,
    score: Optional[str] = None,
) -> AlphaResult:
    """Cronbach's alpha of item responses (rows = respondents, columns = items, NaN = missing).

    missing : {"pairwise", "listwise"}
        pairwise: each covariance from the respondents who answered both items (as R psych and
        pingouin); listwise: respondents with every item answered. The choice is in the result.
    subject, item, score : str, optional
        Give all three to pass long-format data (one row per respondent x item).
    """
    if subject is not None or item is not None or score is not None:
        if not (isinstance(items, pd.DataFrame) and subject and item and score):
            raise ValueError("long format needs a DataFrame and all of subject=, item=, score=")
        dup = items.duplicated([subject, item])
        if dup.any():
            raise ValueError(f"long format: row {int(np.flatnonzero(dup.to_numpy())[0])} repeats a ({subject}, {item}) pair")
        items = items.pivot(index=subject, columns=item, values=score)
    arr, names, _ = _as_float_matrix(items, "items")
    r = _core.cronbach_alpha(arr, missing=missing, ci_level=ci_level, names=names)
    idx = pd.Index(names, name="item")
    return AlphaResult(
        alpha=r.alpha,
        ci=(r.ci_low, r.ci_high),
        ci_level=r.ci_level,
        ci_method=r.ci_method,
        missing=r.missing,
        n=r.n,
        n_rows=r.n_rows,
        n_items=r.n_items,
        alpha_if_dropped=pd.Series(r.alpha_if_dropped, index=idx, name="alpha_if_dropped"),
        item_total_r=pd.Series(r.item_total_r, index=idx, name="item_total_r"),
        item_rest_r=pd.Series(r.item_rest_r, index=idx, name="item_rest_r"),
        covariance=pd.DataFrame(r.covariance, index=idx, columns=idx),
        warnings=tuple(r.warnings),
    )


# --------------------------------------------------------------------------- effect sizes
@dataclass(frozen=True)
class EffectSizeResult(_Result):
    """A standardised effect size; ``kind`` and ``convention`` name the formula used."""

    value: float
    kind: str
    convention: str
    ci: tuple[float, float]
    ci_level: float
    ci_method: str
    se: float
    paired: bool
    n_a: int
    n_b: int
    n_dropped: int
    mean_a: float
    mean_b: float
    sd_a: float
    sd_b: float
    r: Optional[float]
    warnings: tuple[str, ...] = field(default_factory=tuple)
    _title = "Effect size"
    _summary_fields = ("value", "kind", "ci", "convention", "n_a", "n_b")


def _effect_from_core(e: Any) -> EffectSizeResult:
    return EffectSizeResult(
        value=e.value, kind=e.kind, convention=e.convention, ci=(e.ci_low, e.ci_high), ci_level=e.ci_level,
        ci_method=e.ci_method, se=e.se, paired=e.paired, n_a=e.n_a, n_b=e.n_b, n_dropped=e.n_dropped,
        mean_a=e.mean_a, mean_b=e.mean_b, sd_a=e.sd_a, sd_b=e.sd_b, r=e.r if e.paired else None,
        warnings=tuple(e.warnings),
    )


def effect_size(a: ArrayLike, b: ArrayLike, kind: str = "d", *, ci_level: float = 0.95) -> EffectSizeResult:
    """Standardised difference of a versus b, positive when mean(a) > mean(b).

    kind : {"d", "g", "dz", "dav"}
        d: Cohen's d with the pooled SD; g: Hedges' g = d (1 - 3/(4(n_a+n_b) - 9));
        dz: paired, mean(a-b)/SD(a-b); dav: paired, (mean(a)-mean(b))/sqrt((s_a^2+s_b^2)/2)
        (pingouin's paired "cohen"). For pre/post change pass a = post, b = pre.
    NaN values (pairs, for the paired kinds) are dropped and counted in ``n_dropped``.
    """
    e = _core.effect_size(_as_float_vector(a, "a"), _as_float_vector(b, "b"), kind=kind, ci_level=ci_level)
    return _effect_from_core(e)


# --------------------------------------------------------------------------- bootstrap
@dataclass(frozen=True)
class BootstrapCI(_Result):
    """A bootstrap confidence interval (percentile or BCa) with its seed."""

    statistic: str
    estimate: float
    ci: tuple[float, float]
    level: float
    method: str
    resamples: int
    n: int
    seed: int
    stream: int
    se: float
    z0: Optional[float]
    acceleration: Optional[float]
    replicates: Optional[np.ndarray]
    warnings: tuple[str, ...] = field(default_factory=tuple)
    _title = "Bootstrap CI"
    _summary_fields = ("statistic", "estimate", "ci", "method", "resamples", "seed")


def _boot_from_core(r: Any) -> BootstrapCI:
    reps = np.asarray(r.replicates)
    return BootstrapCI(
        statistic=r.statistic, estimate=r.estimate, ci=(r.ci_low, r.ci_high), level=r.level, method=r.method,
        resamples=r.resamples, n=r.n, seed=r.seed, stream=r.stream, se=r.se,
        z0=None if math.isnan(r.z0) else r.z0, acceleration=None if math.isnan(r.acceleration) else r.acceleration,
        replicates=reps if reps.size else None, warnings=tuple(r.warnings),
    )


def bootstrap_mean(
    x: ArrayLike, *, seed: int, resamples: int = 2000, method: str = "bca", level: float = 0.95,
    threads: int = 1, stream: int = 0, keep_replicates: bool = False,
) -> BootstrapCI:
    """Bootstrap CI of the mean of finite values x (Philox resampling; same seed -> same result
    for any ``threads``; ``threads=0`` uses every core)."""
    arr = _as_float_vector(x, "x")
    return _boot_from_core(_core.bootstrap_mean(arr, resamples=resamples, seed=seed, stream=stream, threads=threads,
                                                level=level, method=method, keep_replicates=keep_replicates))


def bootstrap_alpha(
    items: ArrayLike, *, seed: int, resamples: int = 2000, method: str = "bca", level: float = 0.95,
    threads: int = 1, stream: int = 0, keep_replicates: bool = False,
) -> BootstrapCI:
    """Bootstrap CI of Cronbach's alpha (rows with a missing item dropped, counted in warnings)."""
    arr, _, _ = _as_float_matrix(items, "items")
    return _boot_from_core(_core.bootstrap_alpha(arr, resamples=resamples, seed=seed, stream=stream, threads=threads,
                                                 level=level, method=method, keep_replicates=keep_replicates))


# --------------------------------------------------------------------------- distance travelled
@dataclass(frozen=True)
class DistanceTravelled(_Result):
    """Paired change post - pre per person and per group ("all" first)."""

    change: pd.Series
    rci: Optional[pd.Series]
    groups: pd.DataFrame
    effect_sizes: dict
    bootstrap: dict
    kind: str
    convention: str
    reliability: Optional[float]
    sd_pre: Optional[float]
    se_difference: Optional[float]
    higher_is_better: bool
    rci_threshold: float
    seed: int
    warnings: tuple[str, ...] = field(default_factory=tuple)
    _title = "Distance travelled"
    _summary_fields = ("kind", "reliability", "sd_pre", "seed")

    def table(self) -> pd.DataFrame:
        """One row per group: n, means, mean change and its CI, effect size and CI, RCI shares."""
        return self.groups

    def _repr_html_(self) -> str:
        return super()._repr_html_() + self.groups.to_html(float_format=lambda v: f"{v:.4g}")


def distance_travelled(
    pre: ArrayLike, post: ArrayLike, groups: Optional[ArrayLike] = None, *, seed: int, kind: str = "dz",
    reliability: Optional[float] = None, sd_pre: Optional[float] = None, higher_is_better: bool = True,
    rci_threshold: float = 1.96, resamples: int = 2000, method: str = "bca", ci_level: float = 0.95, threads: int = 1,
) -> DistanceTravelled:
    """Paired pre/post change per person and per group.

    Effect size: ``effect_size(post, pre, kind)`` (positive = scores went up). Reliable change
    index (Jacobson & Truax 1991) when ``reliability`` (r_xx) is given; improvement is
    RCI > threshold when ``higher_is_better`` (RCI < -threshold otherwise). Bootstrap CI of the
    mean change per group (``resamples=0`` skips it); group g uses Philox stream g.
    """
    pre_a, post_a = _as_float_vector(pre, "pre"), _as_float_vector(post, "post")
    index = pre.index if isinstance(pre, pd.Series) else pd.RangeIndex(pre_a.size)
    labels: list[str] = []
    if groups is not None:
        g = pd.Series(groups)
        if g.isna().any():
            raise ValueError(f"groups: row {int(np.flatnonzero(g.isna().to_numpy())[0])} has no group label")
        labels = [str(v) for v in g]
    r = _core.distance_travelled(
        pre_a, post_a, groups=labels, kind=kind, ci_level=ci_level, higher_is_better=higher_is_better,
        reliability=float("nan") if reliability is None else float(reliability),
        sd_pre=float("nan") if sd_pre is None else float(sd_pre), rci_threshold=rci_threshold,
        resamples=resamples, seed=seed, threads=threads, method=method,
    )
    rows, effects, boots = [], {}, {}
    convention = ""
    for gc in r.groups:
        row: dict[str, Any] = {"group": gc.group, "n": gc.n, "n_incomplete": gc.n_incomplete}
        if gc.n >= 2:
            eff = _effect_from_core(gc.effect)
            effects[gc.group] = eff
            convention = eff.convention
            row.update(mean_pre=gc.mean_pre, mean_post=gc.mean_post, mean_change=gc.mean_change, sd_change=gc.sd_change,
                       effect_size=eff.value, effect_kind=eff.kind, effect_ci_low=eff.ci[0], effect_ci_high=eff.ci[1])
            if gc.has_bootstrap:
                b = _boot_from_core(gc.change_ci)
                boots[gc.group] = b
                row.update(change_ci_low=b.ci[0], change_ci_high=b.ci[1], change_ci_method=b.method)
            if gc.has_rci:
                row.update(share_improved=gc.share_improved, share_deteriorated=gc.share_deteriorated,
                           share_unchanged=gc.share_unchanged, n_improved=gc.n_improved,
                           n_deteriorated=gc.n_deteriorated)
        rows.append(row)
    has_rci = r.rci.size > 0
    return DistanceTravelled(
        change=pd.Series(r.change, index=index, name="change"),
        rci=pd.Series(r.rci, index=index, name="rci") if has_rci else None,
        groups=pd.DataFrame(rows).set_index("group"),
        effect_sizes=effects, bootstrap=boots, kind=kind, convention=convention,
        reliability=reliability, sd_pre=r.sd_pre if has_rci else None,
        se_difference=r.se_difference if has_rci else None, higher_is_better=higher_is_better,
        rci_threshold=rci_threshold, seed=seed, warnings=tuple(r.warnings),
    )


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
