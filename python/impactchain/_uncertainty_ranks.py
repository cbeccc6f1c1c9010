"""Composite scores under uncertain weights, outlier treatment, normalisation and aggregation:
score and rank intervals per unit (see docs/uncertainty.md)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import field
from typing import Any, ClassVar, Optional

import numpy as np
import pandas as pd

from impactchain import _core
from impactchain._check import (
    ArgumentError,
    as_float_array,
    check_choice,
    check_pair,
    check_real,
    check_sequence_of_int,
    check_sequence_of_str,
)
from impactchain._composite_labels import arguments_named, check_labels, tie_notice
from impactchain._defaults import pick
from impactchain._notice import notice
from impactchain._outliers import outlier_options
from impactchain._problems import counted
from impactchain._result import Result, result_type
from impactchain._seed import _check_int, _check_seed
from impactchain._soft_common import pick_own
from impactchain._summary import Section


@result_type
class RankUncertaintyResult(Result):
    """Per-unit score and rank intervals under weight uncertainty and, optionally, uncertain
    outlier treatment, normalisation and aggregation choices (rank 1 = highest score; ties: the unit with the lower
    index ranks first, as numpy's argsort(-score, kind="stable"); units tied on the reference score
    are named in ``warnings``, and ``table`` gives the first and last of the places they share as
    ``reference_rank_low`` and ``reference_rank_high``). ``unit_names`` are the DataFrame's index labels
    as given (``table`` is indexed by them; ``to_dict`` writes them as text); ``options`` records the
    weights (given, or the weight model and its parameter) and the directions and min-max range used."""

    units: int
    indicators: int
    draws: int
    seed: int
    score_mean: np.ndarray
    score_p05: np.ndarray
    score_p50: np.ndarray
    score_p95: np.ndarray
    rank_best: np.ndarray
    rank_worst: np.ndarray
    rank_p05: np.ndarray
    rank_median: np.ndarray
    rank_p95: np.ndarray
    reference_score: np.ndarray
    reference_rank: np.ndarray
    top: tuple[int, ...]
    p_top: np.ndarray
    mean_weights: np.ndarray
    tie_rule: str
    warnings: tuple[str, ...]
    normalisation_choices: tuple[str, ...] = ()
    aggregation_choices: tuple[str, ...] = ()
    choice_draws: Optional[np.ndarray] = None  # normalisations x aggregations: draws per pair (with choices)
    # per draw: (treatment index * len(normalisations) + normalisation index) * len(aggregations) + aggregation index
    draw_choice: Optional[np.ndarray] = None
    treatment_choices: tuple[str, ...] = ()
    treatment_draws: Optional[np.ndarray] = None  # draws per treatment choice (with treatment choices)
    unit_names: Optional[tuple[Any, ...]] = None
    #: Every default the run used (seed, draws, threads, weight model and its parameter not given).
    assumptions: tuple[str, ...] = ()
    options: dict = field(default_factory=dict)

    _title = "Rank uncertainty"
    _summary_fields = ("units", "indicators", "draws", "seed", "tie_rule")
    _version = 2  # 2: options (a version-1 pickle loads with none: they were not recorded)
    # Tables out: the per-unit table, and the draws per choice pair when there were choices.
    _export_frames: ClassVar[dict[str, tuple[str, str]]] = {
        "ranks": ("table", "score_mean"),
        "choices": ("choice_table", "choice_draws"),
    }

    @classmethod
    def _from_core(
        cls,
        r: Any,
        unit_names: Optional[tuple[Any, ...]],
        assumptions: tuple[str, ...],
        options: Optional[dict[str, Any]] = None,
    ) -> RankUncertaintyResult:
        """The public result of the core's RankUncertaintyResult (its arrays are read-only views
        of the core result, which they keep alive: nothing is copied); units tied on the reference
        score are named in a warning (they are ranked by row order)."""
        choice_draws, draw_choice, treatment_draws = r.choice_draws, r.draw_choice, r.treatment_draws
        return cls(
            units=r.units,
            indicators=r.indicators,
            draws=r.draws,
            seed=r.seed,
            score_mean=r.score_mean,
            score_p05=r.score_p05,
            score_p50=r.score_p50,
            score_p95=r.score_p95,
            rank_best=r.rank_best,
            rank_worst=r.rank_worst,
            rank_p05=r.rank_p05,
            rank_median=r.rank_median,
            rank_p95=r.rank_p95,
            reference_score=r.reference_score,
            reference_rank=r.reference_rank,
            top=tuple(r.top),
            p_top=r.p_top,
            mean_weights=r.mean_weights,
            tie_rule=r.tie_rule,
            warnings=(*r.warnings, *tie_notice(r.reference_score, unit_names)),
            normalisation_choices=tuple(r.normalisation_choices),
            aggregation_choices=tuple(r.aggregation_choices),
            choice_draws=choice_draws if choice_draws.size else None,
            draw_choice=draw_choice if draw_choice.size else None,
            treatment_choices=tuple(r.treatment_choices),
            treatment_draws=treatment_draws if treatment_draws.size else None,
            unit_names=unit_names,
            assumptions=assumptions,
            options=dict(options or {}),
        )

    def _data(self) -> dict[str, Any]:
        """The fields, the unit labels as text (JSON keys and values: as before labels were kept)."""
        data = super()._data()
        if self.unit_names is not None:
            data["unit_names"] = tuple(str(u) for u in self.unit_names)
        return data

    @property
    def choice_table(self) -> pd.DataFrame:
        """pandas DataFrame of draws per (normalisation, aggregation) pair; empty without choices."""
        if self.choice_draws is None:
            return pd.DataFrame()
        norms = list(self.normalisation_choices) or ["(as given)"]
        aggs = list(self.aggregation_choices) or ["arithmetic"]
        return pd.DataFrame(
            self.choice_draws, index=pd.Index(norms, name="normalisation"), columns=pd.Index(aggs, name="aggregation")
        )

    def _table(self) -> pd.DataFrame:
        """One row per unit (index ``unit``: the DataFrame's index labels, else 0, 1, …); tied units'
        ``reference_rank`` follows their rows, within the places they share (``reference_rank_low`` to
        ``reference_rank_high``: both the rank for a unit tied with none)."""
        data = {k: getattr(self, k) for k in ("score_mean", "score_p05", "score_p50", "score_p95", "reference_rank")}
        reference = pd.Series(self.reference_score)  # tied: ranked by row order, sharing places low to high
        data["reference_rank_low"] = reference.rank(ascending=False, method="min").to_numpy(dtype=np.int64)
        data["reference_rank_high"] = reference.rank(ascending=False, method="max").to_numpy(dtype=np.int64)
        data.update({k: getattr(self, k) for k in ("rank_best", "rank_p05", "rank_median", "rank_p95", "rank_worst")})
        for i, k in enumerate(self.top):
            data[f"p_rank_le_{k}"] = self.p_top[:, i]
        units = list(self.unit_names) if self.unit_names else range(len(self.score_mean))
        return pd.DataFrame(data, index=pd.Index(units, name="unit"))

    def _sections(self) -> list[Section]:
        options = [Section("Options", rows=list(self.options.items()))] if self.options else []
        return [
            *super()._sections(),
            *options,
            Section("Units by reference rank", table=self._table().sort_values("reference_rank")),
        ]


def rank_uncertainty(
    X: Any,
    weights: Any,
    draws: Optional[int] = None,
    seed: Optional[int] = None,
    *,
    threads: Optional[int] = None,
    weight_model: Optional[str] = None,
    concentration: Optional[float] = None,
    perturbation: Optional[float] = None,
    top: Optional[Sequence[int]] = None,
    treatments: Optional[Sequence[str]] = None,
    normalisations: Optional[Sequence[str]] = None,
    aggregations: Optional[Sequence[str]] = None,
    directions: Optional[Sequence[int]] = None,
    minmax_range: Optional[tuple[float, float]] = None,
    skew_threshold: Optional[float] = None,
    kurtosis_threshold: Optional[float] = None,
    max_winsorised: Optional[int] = None,
    client: Any = None,
) -> RankUncertaintyResult:
    """Score and rank intervals of a composite indicator under uncertain weights and, optionally,
    uncertain outlier treatment, normalisation and aggregation choices.

    Parameters
    ----------
    X : array or DataFrame (units x indicators)
        Normalised indicator values (finite). A DataFrame's index names the units (``table`` keeps
        its labels); a unit or indicator label given twice is refused.
    weights : 1-D array (central weights) or 2-D array (indicators x draws of given weights)
        1-D: weights >= 0 (normalised to sum 1, with a warning when they did not) around which
        ``draws`` weight vectors are generated (``weight_model``). 2-D: each column is one weight
        draw, >= 0, summing to 1 (then ``weight_model``, ``concentration`` and ``perturbation``
        are refused: nothing is generated).
    draws, seed : int, default ``DEFAULTS.draws`` (5000) and ``DEFAULTS.seed`` (2026)
        Generated draws (1-D weights only) and the seed in [0, 2^63 - 1].
    threads : int, default ``DEFAULTS.threads`` (0 = all)
        Worker threads; results do not depend on it.
    weight_model : {"dirichlet", "uniform"}, default "dirichlet"
        Dirichlet(concentration * w) (``concentration``, default 100), or w * (1 + U(-perturbation,
        perturbation)) renormalised (``perturbation``, default 0.25). The parameter of the other
        model is refused; the model and its parameter are in the result's ``options``, and each
        default taken in its ``assumptions``.
    top : sequence of int, optional
        Report P(rank <= k) for each k, each in [1, number of units] (a larger k is refused).
        Not given: each of 1, 3 and 10 that is below the number of units (five units: 1 and 3;
        eleven or more: 1, 3 and 10; one unit: none), stated in the result's assumptions.
    treatments : sequence of {"none", "coinr"}, optional
        Outlier treatment drawn uniformly per draw, applied to X before normalising: none, or
        COINr's default (as ``composite(outliers="coinr")``, thresholds ``skew_threshold``,
        ``kurtosis_threshold`` and ``max_winsorised``, defaults 2, 3.5 and 5, stated in the
        result's assumptions). Not given: none.
    normalisations : sequence of {"none", "minmax", "zscore", "rank"}, optional
        Normalisation drawn uniformly per draw. Given: X holds the raw indicators (a DataFrame's
        columns name them). Not given: X is used as it is (already normalised).
    aggregations : sequence of {"arithmetic", "geometric"}, optional
        Aggregation drawn uniformly per draw (default: arithmetic only). The geometric mean needs
        positive normalised values (e.g. ``minmax_range=(1, 100)`` or rank).
    directions : sequence of +1/-1, optional
        Per indicator: +1 higher is better (default), -1 lower is better; X is multiplied by them
        before the normalisations. Only with ``treatments``, ``normalisations`` or
        ``aggregations``: without them X is taken as already normalised, and ``directions`` is
        refused (reverse a lower-is-better column before, or give ``normalisations``).
    minmax_range : (lower, upper), default (0, 100)
        Output range of min-max normalisation; only with "minmax" among ``normalisations``.
    client : dask.distributed.Client, optional
        Run the draws on the cluster: one task per segment of ``_core.rank_segment_draws``
        (65,536) draws, the parts joined on the cluster and merged here; the result equals a
        local run's bit for bit (``pip install impactchain[dask]``; docs/portfolio.md).
    """
    unit_names: Optional[tuple[Any, ...]] = None
    indicator_names: list[str] = []
    if isinstance(X, pd.DataFrame):
        _, indicator_names = check_labels(X, "X")
        unit_names = tuple(X.index)
    Xa = as_float_array("X", X)
    if Xa.ndim != 2:
        raise ValueError(f"X must be a 2-D array (units x indicators), got {counted(Xa.ndim, 'dimension')}")
    W = as_float_array("weights", weights)
    if W.ndim not in (1, 2):
        raise ValueError(f"weights must be 1-D (central weights) or 2-D (indicators x draws), got {W.ndim} dimensions")
    given = W.ndim == 2
    used: list[str] = []
    n = _check_int("draws", pick("draws", draws, [] if given else used), 1, 2**62)  # unused with given weights
    s = _check_seed(pick("seed", seed, used))
    t = _check_int("threads", pick("threads", threads, used), 0, 1024)
    model = weight_options(given, W, weight_model, concentration, perturbation, used)
    top = default_top(Xa.shape[0], used) if top is None else check_sequence_of_int("top", top, 1)
    treatments = None if treatments is None else check_sequence_of_str("treatments", treatments)
    coinr_options = outlier_options(
        treatments is not None and "coinr" in treatments,
        skew_threshold,
        kurtosis_threshold,
        max_winsorised,
        used,
        "rank_uncertainty",
    )
    normalisations = None if normalisations is None else check_sequence_of_str("normalisations", normalisations)
    aggregations = None if aggregations is None else check_sequence_of_str("aggregations", aggregations)
    choices = bool(treatments or normalisations or aggregations)
    if directions is not None:
        if not choices:
            raise ArgumentError(
                "directions apply only with treatments, normalisations or aggregations: without them X is "
                "used as it is, taken as already normalised (higher is better); reverse a lower-is-better "
                "indicator before, or give normalisations= and the raw indicators"
            )
        directions = check_sequence_of_int("directions", directions, -1, 1)
        model["directions"] = ", ".join(f"{v:+d}" for v in directions)
    if minmax_range is not None and "minmax" not in (normalisations or ()):
        raise ArgumentError(
            "minmax_range applies only to normalisation 'minmax', which is not among the normalisations "
            f"({', '.join(normalisations) if normalisations else 'none given'})"
        )
    if normalisations and "minmax" in normalisations:
        minmax_range = check_pair(
            "minmax_range", pick_own("minmax_range", minmax_range, (0.0, 100.0), used, "rank_uncertainty")
        )
        model["minmax_range"] = f"[{minmax_range[0]:g}, {minmax_range[1]:g}]"
    lo, hi = minmax_range or (0.0, 100.0)
    spec = {
        "draws": n,
        "seed": s,
        "threads": t,
        "weight_model": model.get("weight_model", "dirichlet"),
        "concentration": float(model.get("concentration", 100.0)),
        "perturbation": float(model.get("perturbation", 0.25)),
        "top": [int(k) for k in top],
        "treatments": [str(t) for t in (() if treatments is None else treatments)],
        "outliers": (
            float(coinr_options.skew_threshold),
            float(coinr_options.kurtosis_threshold),
            int(coinr_options.max_points),
        ),
        "normalisations": [str(m) for m in (() if normalisations is None else normalisations)],
        "aggregations": [str(a) for a in (() if aggregations is None else aggregations)],
        "directions": [int(v) for v in (() if directions is None else directions)],
        "minmax": (float(lo), float(hi)),
        "indicator_names": indicator_names,
        "unit_names": [str(u) for u in unit_names] if unit_names else [],  # the core names units by them
    }
    Xf = np.asfortranarray(Xa)
    Wf = np.asfortranarray(W if given else W.reshape(-1, 1))
    try:
        if client is None:
            r = _core.rank_uncertainty(Xf, Wf, given=given, options=rank_options(spec))
        else:
            from impactchain._ranks_dask import ranks_on_client

            r = ranks_on_client(client, Xf, Wf, given, spec)
    except _core.ValidationError as e:  # the core's fields (choices.normalisations) as the arguments
        raise arguments_named(e) from None
    return RankUncertaintyResult._from_core(r, unit_names=unit_names, assumptions=tuple(used), options=model)


def weight_options(
    given: bool,
    W: np.ndarray,
    weight_model: Optional[str],
    concentration: Optional[float],
    perturbation: Optional[float],
    used: list[str],
) -> dict[str, Any]:
    """The weight model and its parameter as the result's ``options`` records them; each default
    taken noted in ``used``. Given draws (2-D weights) take none of them; a parameter of the other
    model is refused."""
    named = {"weight_model": weight_model, "concentration": concentration, "perturbation": perturbation}
    if given:
        extra = [k for k, v in named.items() if v is not None]
        if extra:
            raise ArgumentError(
                f"{', '.join(extra)} {'apply' if len(extra) > 1 else 'applies'} only to weights generated "
                f"around central weights (1-D weights), but weights gives {W.shape[1]} draws (2-D): none is generated"
            )
        return {"weights": f"given: {W.shape[1]} draws"}
    said = weight_model is None
    model = check_choice(
        "weight_model", pick_own("weight_model", weight_model, "dirichlet", used, "rank_uncertainty"), _WEIGHT_MODELS
    )
    own, other = ("concentration", "perturbation") if model == "dirichlet" else ("perturbation", "concentration")
    if named[other] is not None:
        raise ArgumentError(
            f"{other} applies only to weight_model '{_MODEL_OF[other]}', but the weight "
            f"model is '{model}'{' (not given: the default)' if said else ''}"
        )
    value = check_real(own, pick_own(own, named[own], _WEIGHT_DEFAULTS[own], used, "rank_uncertainty"))
    return {"weights": "generated around the central weights", "weight_model": model, own: value}


_WEIGHT_MODELS = ("dirichlet", "uniform")
#: The weight model each parameter belongs to.
_MODEL_OF = {"concentration": "dirichlet", "perturbation": "uniform"}
#: The parameter of each weight model when not given.
_WEIGHT_DEFAULTS = {"concentration": 100.0, "perturbation": 0.25}


#: The k of P(rank <= k) reported when ``top`` is not given: those below the number of units.
DEFAULT_TOP = (1, 3, 10)


def default_top(units: int, used: list[str]) -> list[int]:
    """The default ``top`` for ``units`` units: each of :data:`DEFAULT_TOP` below ``units`` (P(rank
    <= units) is always 1), noted in ``used``."""
    ks = [k for k in DEFAULT_TOP if k < units]
    used.append(notice("rank_uncertainty.top_default", ks=", ".join(map(str, ks)), units=units))
    return ks


def rank_options(spec: dict[str, Any]) -> Any:
    """The core's options from their plain, picklable form (built here and on Dask workers)."""
    o = _core.RankUncertaintyOptions()
    o.draws, o.seed, o.threads = spec["draws"], spec["seed"], spec["threads"]
    o.weight_model = spec["weight_model"]
    o.concentration, o.perturbation = spec["concentration"], spec["perturbation"]
    o.top = spec["top"]
    c = o.choices  # the options' own CompositeChoices: set in place
    c.treatments = spec["treatments"]
    skew, kurtosis, points = spec["outliers"]
    c.outliers = _core.OutlierOptions(skew_threshold=skew, kurtosis_threshold=kurtosis, max_points=points)
    c.normalisations = spec["normalisations"]
    c.aggregations = spec["aggregations"]
    c.directions = spec["directions"]
    c.minmax_lower, c.minmax_upper = spec["minmax"]
    c.indicator_names = spec["indicator_names"]
    c.unit_names = spec.get("unit_names", [])
    return o
