"""Change in soft outcomes: standardised effect sizes and paired pre/post distance travelled."""

from __future__ import annotations

import warnings
from dataclasses import field
from typing import Any, Optional

import numpy as np
import pandas as pd

from impactchain import _core
from impactchain._check import (
    ArgumentError,
    check_bool,
    check_choice,
    check_level,
    check_optional_real,
    check_real,
    check_resamples,
    check_seed,
    check_threads,
)
from impactchain._defaults import pick
from impactchain._deprecate import UNSET, renamed, renamed_attribute
from impactchain._notice import notice
from impactchain._result import Result, result_type
from impactchain._soft_bootstrap import METHOD, RESAMPLES, _boot_from_core, method_note
from impactchain._soft_common import ArrayLike, _as_float_vector, pair_by_index, pick_own
from impactchain._summary import Section


# --------------------------------------------------------------------------- effect sizes
@result_type
class EffectSizeResult(Result):
    """A standardised effect size; ``kind`` and ``convention`` name the formula used.

    ``value`` is the raw standardised change (post - pre, treatment - control, or a - b);
    ``improvement`` is that change in the scale's good direction (``value`` when
    ``higher_is_better``, ``-value`` otherwise). Sample a is post / treatment, b is pre / control.
    ``assumptions`` names each default used, the effect-size formula and the interval method.
    """

    value: float
    kind: str
    convention: str
    ci: tuple[float, float]
    level: float
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
    improvement: float = float("nan")
    higher_is_better: bool = True
    design: str = "paired"  # "paired" (pre/post), "independent" (treatment/control) or "a - b" (positional)
    assumptions: tuple[str, ...] = field(default_factory=tuple)
    _title = "Effect size"
    _summary_fields = ("value", "improvement", "kind", "ci", "convention", "n_a", "n_b")

    ci_level = renamed_attribute("level")  # the old name, one release

    def _table(self) -> pd.DataFrame:
        """One row: the effect size, its CI and the two groups' n, mean and SD."""
        return pd.DataFrame(
            [
                {
                    "kind": self.kind,
                    "value": self.value,
                    "ci_low": self.ci[0],
                    "ci_high": self.ci[1],
                    "level": self.level,
                    "improvement": self.improvement,
                    "se": self.se,
                    "n_a": self.n_a,
                    "n_b": self.n_b,
                    "mean_a": self.mean_a,
                    "mean_b": self.mean_b,
                    "sd_a": self.sd_a,
                    "sd_b": self.sd_b,
                    "r": self.r,
                }
            ]
        )


def _effect_from_core(
    e: Any, higher_is_better: bool = True, design: str = "paired", assumptions: tuple[str, ...] = ()
) -> EffectSizeResult:
    return EffectSizeResult(
        value=e.value,
        kind=e.kind,
        convention=e.convention,
        ci=(e.ci_low, e.ci_high),
        level=e.ci_level,
        ci_method=e.ci_method,
        se=e.se,
        paired=e.paired,
        n_a=e.n_a,
        n_b=e.n_b,
        n_dropped=e.n_dropped,
        mean_a=e.mean_a,
        mean_b=e.mean_b,
        sd_a=e.sd_a,
        sd_b=e.sd_b,
        r=e.r if e.paired else None,
        warnings=tuple(e.warnings),
        improvement=e.value if higher_is_better else -e.value,
        higher_is_better=higher_is_better,
        design=design,
        assumptions=tuple(assumptions)
        + (
            notice("effect_size.convention", convention=e.convention),
            notice("effect_size.interval", method=e.ci_method),
        ),
    )


_KINDS = ("d", "g", "dz", "dav")
_PAIRED_KINDS = ("dz", "dav")


def effect_size(
    a: Optional[ArrayLike] = None,
    b: Optional[ArrayLike] = None,
    kind: Optional[str] = None,
    *,
    pre: Optional[ArrayLike] = None,
    post: Optional[ArrayLike] = None,
    treatment: Optional[ArrayLike] = None,
    control: Optional[ArrayLike] = None,
    level: Optional[float] = None,
    higher_is_better: Optional[bool] = None,
    ci_level: Any = UNSET,
) -> EffectSizeResult:
    """Standardised change between two measurements.

    Give ``pre=`` and ``post=`` (the same people measured twice: change = post - pre) or
    ``treatment=`` and ``control=`` (independent groups: difference = treatment - control).
    The positional form ``effect_size(a, b)`` keeps measuring a - b and is deprecated.

    kind : {"d", "g", "dz", "dav"}, default ``DEFAULTS.effect_size_paired`` ("dz") for
        pre/post and ``DEFAULTS.effect_size_independent`` ("d") otherwise.
        d: Cohen's d with the pooled SD; g: Hedges' g = d (1 - 3/(4(n_a+n_b) - 9));
        dz: paired, mean(post-pre)/SD(post-pre); dav: paired, (mean(post)-mean(pre))/sqrt((s_pre^2+s_post^2)/2)
        (pingouin's paired "cohen"). The paired kinds need pre/post.
    level : float in (0, 1), default ``DEFAULTS.level`` (0.95)
        Level of the confidence interval ``ci``.
    higher_is_better : bool, default ``DEFAULTS.higher_is_better`` (True)
        The scale's good direction; ``improvement`` is the change in that direction.
    NaN values (pairs, for the paired kinds) are dropped and counted in ``n_dropped``.
    Paired measurements given as pandas Series are paired by their indexes (the respondents'
    labels), as pandas pairs them: the same labels in another order are aligned to pre's, which
    ``assumptions`` states; different labels, or a label twice (one respondent counted twice; also
    in the one index of two columns of a DataFrame), are refused. A list or array is
    paired by position. Every default used is listed in the result's ``assumptions``.
    """
    level = renamed("effect_size", "ci_level", "level", ci_level, level)
    positional = a is not None or b is not None
    paired_kw = pre is not None or post is not None
    indep_kw = treatment is not None or control is not None
    if sum((positional, paired_kw, indep_kw)) > 1:
        raise TypeError(
            "effect_size(): give pre= and post= (paired) or treatment= and control= (independent "
            "groups), not both forms" + (" and not the positional (a, b) with them" if positional else "")
        )
    assumptions: list[str] = []
    if paired_kw:
        if pre is None or post is None:
            raise TypeError(
                f"effect_size(): {'pre' if pre is None else 'post'}= is missing (paired: give pre= and post=)"
            )
        design, first, second, names = "paired", post, pre, ("post", "pre")
        kind_field = "effect_size_paired"
    elif indep_kw:
        if treatment is None or control is None:
            raise TypeError(
                f"effect_size(): {'treatment' if treatment is None else 'control'}= is missing "
                "(independent groups: give treatment= and control=)"
            )
        design, first, second, names = "independent", treatment, control, ("treatment", "control")
        kind_field = "effect_size_independent"
    elif positional:
        if a is None or b is None:
            raise TypeError("effect_size(): give pre= and post=, or treatment= and control=")
        warnings.warn(
            "effect_size(a, b) is deprecated: use effect_size(pre=..., post=...) for paired measurements "
            "(change = post - pre) or effect_size(treatment=..., control=...) for independent groups "
            "(difference = treatment - control); the positional form keeps measuring a - b",
            DeprecationWarning,
            stacklevel=2,
        )
        design, first, second, names = "a - b", a, b, ("a", "b")
        kind_field = "effect_size_independent"
    else:
        raise TypeError("effect_size(): give pre= and post= (paired) or treatment= and control= (independent groups)")
    kind = check_choice("kind", pick("kind", kind, assumptions, kind_field), _KINDS)
    if design == "independent" and kind in _PAIRED_KINDS:
        raise ValueError(
            f"effect_size(): kind '{kind}' is for paired measurements (the same people twice): give "
            "pre= and post=, or use kind 'd' or 'g' for independent groups"
        )
    level = check_level("level", pick("level", level, assumptions))
    higher_is_better = check_bool("higher_is_better", pick("higher_is_better", higher_is_better, assumptions))
    if design == "paired" or kind in _PAIRED_KINDS:  # the same people twice: Series are paired by index
        second, first = pair_by_index(((names[1], second), (names[0], first)), assumptions)
    e = _core.effect_size(
        _as_float_vector(first, names[0]),
        _as_float_vector(second, names[1]),
        kind=kind,
        ci_level=level,
        names=names,
        design="paired" if design == "paired" else "independent",
    )
    return _effect_from_core(e, higher_is_better, design, tuple(assumptions))


# --------------------------------------------------------------------------- distance travelled
@result_type
class DistanceTravelled(Result):
    """Paired change post - pre per person and per group ("all" first); ``improvement`` is the
    change in the scale's good direction (``change`` when ``higher_is_better``, ``-change`` otherwise).
    ``assumptions`` names each default used, the effect-size formula, the interval method of
    the mean change and the reliable-change rule."""

    change: pd.Series
    improvement: pd.Series
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
    assumptions: tuple[str, ...] = field(default_factory=tuple)
    _title = "Distance travelled"
    _summary_fields = ("kind", "convention", "reliability", "sd_pre", "seed")
    _version = 2  # 2: assumptions (a version-1 pickle loads with none: they were not recorded)

    def _table(self) -> pd.DataFrame:
        """One row per group: n, means, mean change and its CI, effect size and CI, RCI shares."""
        return self.groups

    def _sections(self) -> list[Section]:
        return super()._sections() + [Section("By group", table=self.groups)]


def distance_travelled(
    pre: ArrayLike,
    post: ArrayLike,
    groups: Optional[ArrayLike] = None,
    *,
    seed: Optional[int] = None,
    kind: Optional[str] = None,
    reliability: Optional[float] = None,
    sd_pre: Optional[float] = None,
    higher_is_better: Optional[bool] = None,
    rci_threshold: Optional[float] = None,
    resamples: Optional[int] = None,
    method: Optional[str] = None,
    level: Optional[float] = None,
    threads: Optional[int] = None,
    ci_level: Any = UNSET,
) -> DistanceTravelled:
    """Paired pre/post change per person and per group.

    Effect size: ``effect_size(post, pre, kind)`` (positive = scores went up). Reliable change
    index (Jacobson & Truax 1991) when ``reliability`` (r_xx) is given; improvement is
    RCI > threshold when ``higher_is_better`` (RCI < -threshold otherwise). Bootstrap CI of the
    mean change per group (``resamples=0`` skips it); group g uses Philox stream g. ``groups``
    gives each person's label; a person labelled ``""`` is in no group but counted in "all" (a
    respondent whose group is not known); a missing label (None, NaN) is refused.
    pandas Series are paired by their indexes (the respondents' labels), as pandas pairs them:
    post and groups holding pre's labels in another order are aligned to pre, which
    ``assumptions`` states; different labels, or a label twice (one respondent counted twice; also
    in the one index of two columns of a DataFrame), are refused. A list or array is
    paired by position.
    Defaults: ``seed`` ``DEFAULTS.seed`` (2026), ``kind`` ``DEFAULTS.effect_size_paired``
    ("dz"), ``level`` (of every interval) ``DEFAULTS.level`` (0.95), ``higher_is_better``
    ``DEFAULTS.higher_is_better`` (True), ``threads`` ``DEFAULTS.threads`` (all cores; the
    numbers do not depend on it), ``resamples`` 2000, ``method`` "bca", ``rci_threshold`` 1.96.
    The result's ``assumptions`` names each default used and each method.
    """
    level = renamed("distance_travelled", "ci_level", "level", ci_level, level)
    used: list[str] = []
    own = "distance_travelled"
    kind = check_choice("kind", pick("kind", kind, used, "effect_size_paired"), _KINDS)
    reliability = check_optional_real("reliability", reliability, 0.0, 1.0, lo_open=True, hi_open=True)
    sd_pre = check_optional_real("sd_pre", sd_pre, 0.0, lo_open=True)
    higher_is_better = check_bool("higher_is_better", pick("higher_is_better", higher_is_better, used))
    # The RCI threshold is an assumption only where an RCI is computed (reliability given).
    rci_threshold = check_real(
        "rci_threshold",
        pick_own("rci_threshold", rci_threshold, 1.96, used if reliability is not None else [], own),
        0.0,
        lo_open=True,
    )
    resamples = check_resamples("resamples", pick_own("resamples", resamples, RESAMPLES, used, own), 0)
    bootstrapped = resamples > 0  # seed and method matter only to the bootstrap
    seed = check_seed("seed", pick("seed", seed, used if bootstrapped else []))
    method = check_choice(
        "method", pick_own("method", method, METHOD, used if bootstrapped else [], own), ("bca", "percentile")
    )
    level = check_level("level", pick("level", level, used))
    threads = check_threads("threads", pick("threads", threads, used if bootstrapped else []))
    if isinstance(groups, (str, bytes)):
        raise ArgumentError(f"groups must be one label per row (a list or Series), got {type(groups).__name__}")
    aligned: list[str] = []
    pre, post, groups = pair_by_index((("pre", pre), ("post", post), ("groups", groups)), aligned)
    pre_a, post_a = _as_float_vector(pre, "pre"), _as_float_vector(post, "post")
    index = pre.index if isinstance(pre, pd.Series) else pd.RangeIndex(pre_a.size)
    labels: list[str] = []
    if groups is not None:
        g = pd.Series(groups)
        if g.isna().any():
            raise ValueError(f"groups: row {int(np.flatnonzero(g.isna().to_numpy())[0])} has no group label")
        labels = [str(v) for v in g]
    r = _core.distance_travelled(
        pre_a,
        post_a,
        groups=labels,
        kind=kind,
        ci_level=level,
        higher_is_better=higher_is_better,
        reliability=float("nan") if reliability is None else float(reliability),
        sd_pre=float("nan") if sd_pre is None else float(sd_pre),
        rci_threshold=rci_threshold,
        resamples=resamples,
        seed=seed,
        threads=threads,
        method=method,
    )
    rows, effects, boots = [], {}, {}
    convention = ""
    for gc in r.groups:
        row: dict[str, Any] = {"group": gc.group, "n": gc.n, "n_incomplete": gc.n_incomplete}
        if gc.n >= 2:
            eff = _effect_from_core(gc.effect, higher_is_better)
            effects[gc.group] = eff
            convention = eff.convention
            row.update(
                mean_pre=gc.mean_pre,
                mean_post=gc.mean_post,
                mean_change=gc.mean_change,
                sd_change=gc.sd_change,
                effect_size=eff.value,
                effect_kind=eff.kind,
                effect_ci_low=eff.ci[0],
                effect_ci_high=eff.ci[1],
            )
            if gc.has_bootstrap:
                b = _boot_from_core(gc.change_ci)
                boots[gc.group] = b
                row.update(change_ci_low=b.ci[0], change_ci_high=b.ci[1], change_ci_method=b.method)
            if gc.has_rci:
                row.update(
                    share_improved=gc.share_improved,
                    share_deteriorated=gc.share_deteriorated,
                    share_unchanged=gc.share_unchanged,
                    n_improved=gc.n_improved,
                    n_deteriorated=gc.n_deteriorated,
                )
        rows.append(row)
    has_rci = r.rci.size > 0
    if convention:
        used.append(notice("effect_size.convention", convention=convention))
    if bootstrapped:
        used.append(method_note(method, resamples, of="change"))
    if has_rci:
        used.append(notice("change.reliable_change", threshold=float(rci_threshold)))
    return DistanceTravelled(
        change=pd.Series(r.change, index=index, name="change"),
        improvement=pd.Series(r.change if higher_is_better else -np.asarray(r.change), index=index, name="improvement"),
        rci=pd.Series(r.rci, index=index, name="rci") if has_rci else None,
        groups=pd.DataFrame(rows).set_index("group"),
        effect_sizes=effects,
        bootstrap=boots,
        kind=kind,
        convention=convention,
        reliability=reliability,
        sd_pre=r.sd_pre if has_rci else None,
        se_difference=r.se_difference if has_rci else None,
        higher_is_better=higher_is_better,
        rci_threshold=rci_threshold,
        seed=seed,
        warnings=tuple(r.warnings),
        assumptions=tuple(aligned + used),
    )
