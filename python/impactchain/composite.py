"""Composite scores over units x indicators (OECD/JRC Handbook 2008; COINr-style steps).

imputation -> outlier treatment (quantile winsorising or COINr's rule) -> normalisation (direction
handled) -> weights -> aggregation over a hierarchy of levels. The result keeps every
intermediate table and the options behind it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import field
from typing import Any, ClassVar, Optional, Union

import numpy as np
import pandas as pd

from impactchain import _core
from impactchain._check import (
    ArgumentError,
    as_float_array,
    check_bool,
    check_choice,
    check_pair,
    check_real,
    check_sequence_of_str,
    numeric_table,
)
from impactchain._composite_args import (
    check_groups,
    indicator_directions,
    level_spec,
    per_indicator,
    refuse_unused_options,
)
from impactchain._composite_labels import arguments_named, check_labels, imputed_notices, refuse_twice, unit_groups
from impactchain._composite_missing import missing_rule, note_default, thresholds
from impactchain._notice import notice
from impactchain._outliers import outlier_options, outlier_tables
from impactchain._result import Result, result_type
from impactchain._soft_common import pick_own
from impactchain._summary import Section

__all__ = ["AhpWeights", "CompositeResult", "PcaWeightsResult", "ahp_weights", "composite", "pca_weights"]


@result_type
class CompositeResult(Result):
    """Every step of a composite score; ``levels`` maps level name -> units x nodes table;
    ``outliers`` is COINr's treatment table (one row per indicator, empty unless
    ``outliers="coinr"``) and ``outlier_points`` its winsorised cells (one row per cell);
    ``assumptions`` names each default used (direction, levels, weights, methods)."""

    raw: pd.DataFrame
    imputed: pd.DataFrame
    treated: pd.DataFrame
    normalised: pd.DataFrame
    levels: dict
    weights: dict
    options: dict
    n_imputed: int
    n_clipped: pd.Series
    warnings: tuple[str, ...] = field(default_factory=tuple)
    assumptions: tuple[str, ...] = field(default_factory=tuple)
    outliers: pd.DataFrame = field(default_factory=pd.DataFrame)
    outlier_points: pd.DataFrame = field(default_factory=pd.DataFrame)
    _title = "Composite score"
    _summary_fields = ("n_imputed",)
    # Tables out: the scores of every level side by side with the rank (``table``), beside ``levels.<name>``.
    _export_frames: ClassVar[dict[str, tuple[str, str]]] = {"scores": ("table", "levels")}
    # 2: assumptions (a version-1 pickle loads with none: they were not recorded).
    # 3: outliers and outlier_points (an older pickle loads them empty: COINr's treatment did not exist).
    _version = 3

    def _table(self) -> pd.DataFrame:
        """Units with every aggregate (all levels side by side) and, with one top node, the rank of its
        score (1 = highest; tied units share the best of their places: ``rank`` 1, 2, 2, 4) and the
        first and last place they share (``rank_low``, ``rank_high``: 2 and 3); no score, no rank."""
        frames = [df.add_prefix(f"{name}:") for name, df in self.levels.items()]
        out = pd.concat(frames, axis=1)
        top = list(self.levels.values())[-1]
        if top.shape[1] == 1:
            out["rank"] = out["rank_low"] = top.iloc[:, 0].rank(ascending=False, method="min")
            out["rank_high"] = top.iloc[:, 0].rank(ascending=False, method="max")
        return out

    def _sections(self) -> list[Section]:
        sections = [Section("Options", rows=[("imputed values", self.n_imputed), *self.options.items()])]
        if not self.outliers.empty:
            sections.append(Section("Outlier treatment", table=self.outliers))
        return [*sections, Section("Scores", table=self._table())]


_IMPUTATIONS = ("none", "mean", "median", "group_mean", "group_median")
_OUTLIERS = ("none", "coinr")
_NORMALISATIONS = ("minmax", "zscore", "rank", "distance_to_target", "goalposts", "none")


def composite(
    data: pd.DataFrame,
    *,
    direction: Optional[Union[Mapping[str, int], Sequence[int]]] = None,
    levels: Optional[Sequence[Mapping[str, Any]]] = None,
    imputation: Optional[str] = None,
    groups: Optional[Union[str, pd.Series]] = None,
    winsorise: Optional[tuple[float, float]] = None,
    outliers: Optional[str] = None,
    skew_threshold: Optional[float] = None,
    kurtosis_threshold: Optional[float] = None,
    max_winsorised: Optional[int] = None,
    normalisation: Optional[str] = None,
    minmax_range: Optional[tuple[float, float]] = None,
    zscore: Optional[tuple[float, float]] = None,
    targets: Optional[Mapping[str, float]] = None,
    cap_at_target: Optional[bool] = None,
    goalposts: Optional[Mapping[str, tuple[float, float]]] = None,
    goal_scale: Optional[float] = None,
    missing: Optional[str] = None,
    min_available: Optional[Union[float, Sequence[Optional[float]]]] = None,
) -> CompositeResult:
    """Composite score of ``data`` (rows = units, columns = indicators, NaN = missing; each unit
    and indicator label once; the keys of a per-indicator mapping are read as text).

    direction : {indicator: +1 or -1} or list; -1 = lower is better. Not given: all +1 (reported).
    levels : bottom-up list of {"name", "parents": {child: parent}, "weights": {child: w},
        "method": "arithmetic"|"geometric"|"harmonic"|"generalised", "power": p}; weights sum to 1
        within each parent (omitted = equal); "power" is the exponent p != 0 of the generalised
        mean (sum w x^p)^(1/p) (omitted = 1, the arithmetic mean, stated), refused with another
        method. Any other key is refused. Not given: one equal-weight arithmetic level "index".
    imputation : "none" (default), "mean", "median", "group_mean", "group_median".
    groups : the group of each unit, for (and only for) the group imputations: a column name, a
        Series matched to the units by its index, or a list in row order; every unit needs one.
    winsorise : (lower_q, upper_q) quantile clipping per indicator, or None.
    outliers : "none" (default) or "coinr": COINr's default treatment per indicator (docs/soft.md):
        an indicator fails when |skewness| >= ``skew_threshold`` (default 2) and kurtosis >=
        ``kurtosis_threshold`` (default 3.5); its most extreme value on the side of the skew is
        winsorised one at a time, re-checking after each, until it passes or ``max_winsorised``
        (default 5) points are winsorised; if it still fails, log(x - min + 0.01 (max - min)) of
        the untreated values instead. The table is the result's ``outliers`` and
        ``outlier_points``. Not together with ``winsorise``.
    normalisation : "minmax" (default; to minmax_range, default (0, 100)), "zscore" (to zscore =
        (mean, sd), default (0, 1)), "rank", "distance_to_target" (targets; capped at 1 unless
        ``cap_at_target=False``), "goalposts" ({indicator: (low, high)} scaled to goal_scale,
        default 100), "none". An option of another normalisation than the one chosen is refused,
        and so is a key of ``targets`` or ``goalposts`` that names no indicator.
    missing : what an aggregate does with a child without a value (NaN after imputation):
        "propagate" (default) makes it NaN; "available" (COINr's default) takes the mean over the
        children the unit has, their weights re-normalised to sum 1 (geometric, harmonic and
        generalised means alike); a warning per level counts those aggregates.
    min_available : with missing="available", COINr's ``dat_thresh``: the share in (0, 1] of a
        node's children (counted, not weighted) a unit needs with a value, else NaN (counted); one
        for every level or a list of one per level (None: no threshold there).
    A warning names the units whose every indicator was imputed, and those with more than half
    of their indicators imputed.
    Every default used (direction, levels, weights, aggregation and its power, imputation,
    normalisation and its range or cap, COINr's thresholds and point limit) is named in the
    result's ``assumptions``.
    """
    if not isinstance(data, pd.DataFrame):
        raise ArgumentError(
            f"data must be a DataFrame with units as rows and indicators as columns, got {type(data).__name__}"
        )
    notes: list[str] = []
    options_given = {
        "minmax_range": minmax_range,
        "zscore": zscore,
        "targets": targets,
        "cap_at_target": cap_at_target,
        "goalposts": goalposts,
        "goal_scale": goal_scale,
    }
    imputation = check_choice(
        "imputation", pick_own("imputation", imputation, "none", notes, "composite"), _IMPUTATIONS
    )
    normalisation = check_choice(
        "normalisation", pick_own("normalisation", normalisation, "minmax", notes, "composite"), _NORMALISATIONS
    )
    if winsorise is not None:
        winsorise = check_pair(
            "winsorise",
            winsorise,
            0.0,
            1.0,
            what="quantiles",
            hint="COINr's skew/kurtosis-driven treatment is outliers='coinr'",
        )
    outliers = check_choice("outliers", "none" if outliers is None else outliers, _OUTLIERS)
    if outliers == "coinr" and winsorise is not None:
        raise ArgumentError("winsorise and outliers='coinr' exclude each other: give one outlier treatment")
    coinr_options = outlier_options(
        outliers == "coinr", skew_threshold, kurtosis_threshold, max_winsorised, notes, "composite"
    )
    # A range is an assumption only for the normalisation that uses it.
    minmax_range = check_pair(
        "minmax_range",
        pick_own("minmax_range", minmax_range, (0.0, 100.0), notes if normalisation == "minmax" else [], "composite"),
    )
    zscore = pick_own("zscore", zscore, (0.0, 1.0), notes if normalisation == "zscore" else [], "composite")
    z_mean = check_real("zscore[0]", zscore[0]) if isinstance(zscore, (tuple, list)) and len(zscore) == 2 else None
    if z_mean is None:
        raise ArgumentError(f"zscore must be a pair (mean, sd), got {type(zscore).__name__}")
    z_sd = check_real("zscore[1]", zscore[1], 0.0, lo_open=True)
    cap_at_target = check_bool(
        "cap_at_target",
        pick_own(
            "cap_at_target", cap_at_target, True, notes if normalisation == "distance_to_target" else [], "composite"
        ),
    )
    goal_scale = check_real(
        "goal_scale",
        pick_own("goal_scale", goal_scale, 100.0, notes if normalisation == "goalposts" else [], "composite"),
        0.0,
        lo_open=True,
    )
    refuse_unused_options(normalisation, options_given)
    missing_given, missing = missing is not None, missing_rule(missing)
    if levels is not None and (isinstance(levels, (str, bytes, Mapping)) or not isinstance(levels, Sequence)):
        raise ArgumentError(f"levels must be a list of level mappings, got {type(levels).__name__}")
    check_groups(groups, imputation)
    refuse_twice(list(data.columns), "data")  # a groups= column too: data[name] must be one column
    df = data.copy()
    if isinstance(groups, str):
        if groups not in df.columns:
            raise ValueError(f"groups: column '{groups}' not in data")
        groups = df.pop(groups)
    units, indicators = check_labels(df)
    group_of = [] if groups is None else unit_groups(groups, df.index)
    values = numeric_table(df, "data", "data")  # a column that is not numeric: refused, naming its row
    dirs = indicator_directions(direction, indicators, notes)
    levels_given = levels is not None
    if levels is None:
        levels = [{"name": "index"}]
        notes.append(notice("composite.levels_default"))
    shares = thresholds(min_available, missing, missing_given, len(levels))
    specs, children = [], indicators
    for i, lv in enumerate(levels):
        spec = level_spec(lv, children, i, notes if levels_given else [])
        specs.append(spec)
        children = list(dict.fromkeys(spec.parents))  # the parents, each once, in the order first named

    gp = [
        check_pair(f"goalposts['{c}']", v, ordered=False)
        for c, v in zip(indicators, per_indicator(goalposts, "goalposts", indicators))
    ]
    tg = [check_real(f"targets['{c}']", v) for c, v in zip(indicators, per_indicator(targets, "targets", indicators))]
    try:
        r = _core.composite(
            np.ascontiguousarray(values),
            units,
            indicators,
            dirs,
            specs,
            imputation=imputation,
            unit_groups=group_of,
            winsorise=winsorise is not None,
            winsor_lower=winsorise[0] if winsorise else 0.05,
            winsor_upper=winsorise[1] if winsorise else 0.95,
            outliers=outliers,
            outlier_options=coinr_options,
            normalisation=normalisation,
            lower=minmax_range[0],
            upper=minmax_range[1],
            z_mean=z_mean,
            z_sd=z_sd,
            targets=tg,
            cap_at_target=cap_at_target,
            goal_low=[v[0] for v in gp],
            goal_high=[v[1] for v in gp],
            goal_scale=goal_scale,
            missing=missing,
            min_available=shares,
        )
    except _core.ValidationError as e:  # the core's field names (unit_groups) as the arguments (groups)
        raise arguments_named(e) from None
    idx = pd.Index(df.index, name=df.index.name or "unit")

    def frame(m: np.ndarray, cols: Sequence[str]) -> pd.DataFrame:
        return pd.DataFrame(m, index=idx, columns=list(cols))

    below = indicators
    weights = {}
    for name, nodes, w in zip(r.level_names, r.level_nodes, r.level_weights):
        weights[name] = pd.Series(w, index=below, name=f"{name} weights")
        below = nodes
    outlier_table, outlier_points = outlier_tables(r.outliers, list(idx))
    raw, imputed = frame(r.raw, indicators), frame(r.imputed, indicators)
    note_default(missing_given, r.normalised, notes)
    return CompositeResult(
        raw=raw,
        imputed=imputed,
        treated=frame(r.treated, indicators),
        normalised=frame(r.normalised, indicators),
        levels={name: frame(m, nodes) for name, m, nodes in zip(r.level_names, r.aggregated, r.level_nodes)},
        weights=weights,
        options=dict(r.options),
        n_imputed=r.n_imputed,
        n_clipped=pd.Series(r.n_clipped, index=indicators, name="n_clipped"),
        warnings=(*r.warnings, *imputed_notices(raw, imputed, imputation)),  # units resting on imputed cells
        assumptions=tuple(notes),
        outliers=outlier_table,
        outlier_points=outlier_points,
    )


@result_type
class AhpWeights(Result):
    """AHP weights (principal eigenvector) and Saaty's consistency ratio; ``assumptions``
    names the method, the consistency rule and criteria names taken by default."""

    weights: pd.Series
    lambda_max: float
    consistency_index: float
    random_index: float
    consistency_ratio: float
    consistent: bool
    warnings: tuple[str, ...] = field(default_factory=tuple)
    assumptions: tuple[str, ...] = field(default_factory=tuple)
    _title = "AHP weights"
    _summary_fields = ("lambda_max", "consistency_index", "consistency_ratio", "consistent")
    _version = 2  # 2: assumptions (a version-1 pickle loads with none: they were not recorded)

    def _table(self) -> pd.DataFrame:
        """One row per criterion: its weight."""
        return self.weights.rename_axis("criterion").to_frame("weight")

    def _sections(self) -> list[Section]:
        return super()._sections() + [Section("Weights", table=self._table())]


def ahp_weights(matrix: Union[pd.DataFrame, np.ndarray], names: Optional[Sequence[str]] = None) -> AhpWeights:
    """AHP weights from a pairwise comparison matrix (a_ij = importance of i over j, a_ji = 1/a_ij).

    The criteria are named by the DataFrame's columns or ``names``; otherwise 0, 1, … (stated in
    the result's ``assumptions``, with the method and the consistency rule).
    """
    used: list[str] = []
    if isinstance(matrix, pd.DataFrame):
        refuse_twice(list(matrix.columns), "matrix", remedy="give each criterion its own column label")
        names = [str(c) for c in matrix.columns]
    elif names is not None:
        names = check_sequence_of_str("names", names)
        refuse_twice(names, "names", "name", remedy="give each criterion its own name")
    arr = as_float_array("matrix", matrix, ndim=2)
    if names is None:
        used.append(notice("weights.names_default"))
    names = list(names) if names is not None else [str(i) for i in range(arr.shape[0])]
    r = _core.ahp_weights(arr, names=names)
    used += [
        notice("weights.ahp_eigenvector"),
        notice("weights.ahp_consistency", random_index=float(r.random_index), criteria=len(names)),
    ]
    return AhpWeights(
        weights=pd.Series(r.weights, index=names, name="weight"),
        lambda_max=r.lambda_max,
        consistency_index=r.consistency_index,
        random_index=r.random_index,
        consistency_ratio=r.consistency_ratio,
        consistent=r.consistent,
        warnings=tuple(r.warnings),
        assumptions=tuple(used),
    )


@result_type
class PcaWeightsResult(Result):
    """Indicator weights from a principal component analysis, with the loadings used;
    ``assumptions`` states the method (as ``method``)."""

    weights: pd.Series
    eigenvalues: np.ndarray
    n_components: int
    loadings: pd.DataFrame
    method: str
    warnings: tuple[str, ...] = field(default_factory=tuple)
    assumptions: tuple[str, ...] = field(default_factory=tuple)
    _title = "PCA weights"
    _summary_fields = ("n_components", "method")
    _version = 2  # 2: assumptions

    @classmethod
    def _upgrade(cls, state: dict[str, Any], version: int) -> dict[str, Any]:
        """Version 1 had no assumptions: the method is read from the state."""
        return {**state, "assumptions": (notice("weights.method", method=state["method"]),)} if version < 2 else state

    def _table(self) -> pd.DataFrame:
        """One row per indicator: its weight and its loading on each component kept."""
        return pd.concat([self.weights.to_frame("weight"), self.loadings], axis=1).rename_axis("indicator")

    def _sections(self) -> list[Section]:
        return super()._sections() + [Section("Weights", table=self._table())]


def pca_weights(data: pd.DataFrame) -> PcaWeightsResult:
    """PCA-based indicator weights from complete data (the method is stated in the result)."""
    if not isinstance(data, pd.DataFrame):
        raise ArgumentError(f"data must be a DataFrame (rows = units, columns = indicators), got {type(data).__name__}")
    refuse_twice(list(data.columns), "data")  # before the numbers: the weights are looked up by name
    names = [str(c) for c in data.columns]
    r = _core.pca_weights(np.ascontiguousarray(numeric_table(data, "data", "data")))
    return PcaWeightsResult(
        weights=pd.Series(r.weights, index=names, name="weight"),
        eigenvalues=np.asarray(r.eigenvalues),
        n_components=r.n_components,
        loadings=pd.DataFrame(r.loadings, index=names, columns=[f"PC{i + 1}" for i in range(r.n_components)]),
        method=r.method,
        assumptions=(notice("weights.method", method=r.method),),
    )
