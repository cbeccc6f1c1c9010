"""Hierarchical omega: the share of a scale total's variance due to one general factor, beside
the group factors that subsets of its items share (Schmid–Leiman, as R psych::omega)."""

from __future__ import annotations

from dataclasses import field
from typing import Optional

import pandas as pd

from impactchain import _core
from impactchain._check import check_choice, check_int
from impactchain._notice import Notice, notice
from impactchain._result import Result, result_type
from impactchain._soft_common import ArrayLike, _as_float_matrix, pick_own, wide_items
from impactchain._summary import Section

_FUNCTION = "hierarchical_omega"


@result_type
class HierarchicalOmegaResult(Result):
    """Hierarchical omega with omega total, the general factor's share of the common variance
    (``omega_limit``, ``explained_common_variance``) and the factor solution behind them:
    ``loadings`` per item on the general factor and on each group factor once the general factor
    is taken out (Schmid–Leiman), with communality and uniqueness; the oblimin ``pattern`` and the
    group factors' correlations; the general factor's loading on each group factor. Fitted to
    the items' correlations. ``assumptions`` names each default used and every step."""

    omega_hierarchical: float
    omega_total: float
    omega_limit: float
    explained_common_variance: float
    groups: int
    missing: str
    n: int
    n_rows: int
    n_items: int
    loadings: pd.DataFrame
    pattern: pd.DataFrame
    factor_correlations: pd.DataFrame
    general_factor_loadings: pd.Series
    total_variance: float
    rmsr: float
    fit_iterations: int
    fit_converged: bool
    rotation_iterations: int
    rotation_converged: bool
    correlations: pd.DataFrame
    warnings: tuple[str, ...] = field(default_factory=tuple)
    assumptions: tuple[str, ...] = field(default_factory=tuple)
    _title = "Hierarchical omega"
    _summary_fields = (
        "omega_hierarchical",
        "omega_total",
        "omega_limit",
        "explained_common_variance",
        "groups",
        "missing",
        "n",
        "n_items",
        "rmsr",
    )
    _version = 1

    def _table(self) -> pd.DataFrame:
        """The Schmid–Leiman loadings per item: general factor, each group factor, communality and uniqueness."""
        return self.loadings

    def _sections(self) -> list[Section]:
        return super()._sections() + [
            Section("Items", table=self._table()),
            Section("Group factors", table=self._factors()),
        ]

    def _factors(self) -> pd.DataFrame:
        """Per group factor: its loading on the general factor and its correlations with the others."""
        return pd.concat([self.general_factor_loadings.rename("general").to_frame(), self.factor_correlations], axis=1)


def factor_names(groups: int) -> list[str]:
    """The group factors' names: F1, F2, ... in order of their sums of squared pattern loadings."""
    return [f"F{i + 1}" for i in range(groups)]


def hierarchical_omega(
    items: ArrayLike,
    *,
    groups: Optional[int] = None,
    missing: Optional[str] = None,
    subject: Optional[str] = None,
    item: Optional[str] = None,
    score: Optional[str] = None,
) -> HierarchicalOmegaResult:
    """Hierarchical omega (omega_h) of item responses (rows = respondents, columns = items, NaN =
    missing): the share of the total score's variance due to one general factor that all items
    share, beside ``groups`` group factors that subsets of them share ([soft measures](soft.md)).
    The items' correlations are fitted with ``groups`` factors by minimum residuals, rotated by
    oblimin (quartimin), and the general factor is found from the group factors' correlations by
    the Schmid–Leiman transformation, as R psych::omega does by default.

    groups : int, default 3
        Group factors, at least 2; the items must identify them, (items - groups)² >= items +
        groups: 5 items for 2 groups, 6 for 3, 8 for 4. With 2, the general factor loads equally
        on both (a warning says so): 3 or more identify it.
    missing : {"pairwise", "listwise"}, default "pairwise"
        As :func:`cronbach_alpha`: the same covariances, here as correlations.
    subject, item, score : str, optional
        Give all three to pass long-format data (one row per respondent x item).
    The result's ``assumptions`` names each default used and every step; ``warnings`` a fit or
    rotation that did not converge, a Heywood case and an item loading negatively on the
    general factor (not reverse-scored).
    """
    used: list[str] = []
    groups = groups_choice(_FUNCTION, groups, used)
    missing = check_choice(
        "missing", pick_own("missing", missing, "pairwise", used, _FUNCTION), ("pairwise", "listwise")
    )
    arr, names, _ = _as_float_matrix(wide_items(items, subject, item, score), "items")
    r = _core.hierarchical_omega(arr, groups=groups, missing=missing, names=names)
    return _result(r, names, used)


def _result(r: _core.HierarchicalOmegaResult, names: list[str], used: list[str]) -> HierarchicalOmegaResult:
    idx = pd.Index(names, name="item")
    factors = pd.Index(factor_names(r.groups), name="factor")
    loadings = pd.DataFrame(r.group_loadings, index=idx, columns=factors)
    loadings.insert(0, "general", r.general_loadings)
    loadings["communality"] = r.communalities
    loadings["uniqueness"] = r.uniquenesses
    return HierarchicalOmegaResult(
        omega_hierarchical=r.omega_hierarchical,
        omega_total=r.omega_total,
        omega_limit=r.omega_limit,
        explained_common_variance=r.explained_common_variance,
        groups=r.groups,
        missing=r.missing,
        n=r.n,
        n_rows=r.n_rows,
        n_items=r.n_items,
        loadings=loadings,
        pattern=pd.DataFrame(r.pattern, index=idx, columns=factors),
        factor_correlations=pd.DataFrame(r.factor_correlations, index=factors, columns=factors),
        general_factor_loadings=pd.Series(r.general_factor_loadings, index=factors, name="general"),
        total_variance=r.total_variance,
        rmsr=r.rmsr,
        fit_iterations=r.fit_iterations,
        fit_converged=r.fit_converged,
        rotation_iterations=r.rotation_iterations,
        rotation_converged=r.rotation_converged,
        correlations=pd.DataFrame(r.correlations, index=idx, columns=idx),
        warnings=tuple(r.warnings),
        assumptions=tuple(used) + hierarchical_notes(r.groups, r.missing),
    )


def groups_choice(func: str, groups: Optional[int], used: list[str]) -> int:
    """The number of group factors, checked (>= 2; the core checks that the items identify
    them), the default taken noted in ``used``."""
    return check_int("groups", pick_own("groups", groups, 3, used, func), lo=2)


def hierarchical_notes(groups: int, missing: str) -> tuple[Notice, ...]:
    """The fit, the rotation, the Schmid–Leiman step and the missing-value rule, as ``assumptions`` state them."""
    return (
        notice("reliability.omega_h_fit", groups=groups),
        notice("reliability.omega_h_schmid_leiman"),
        notice(
            "reliability.missing_pairwise_correlations" if missing == "pairwise" else "reliability.missing_listwise"
        ),
    )
