"""Reliability of a scale's total under a one-factor model: McDonald's omega."""

from __future__ import annotations

from dataclasses import field
from typing import Optional

import pandas as pd

from impactchain import _core
from impactchain._check import check_bool, check_choice
from impactchain._notice import notice
from impactchain._result import Result, result_type
from impactchain._soft_common import ArrayLike, _as_float_matrix, pick_own, wide_items
from impactchain._summary import Section

_FUNCTION = "mcdonald_omega"


@result_type
class OmegaResult(Result):
    """McDonald's omega (total) with its one-factor fit: loadings and unique variances per item
    (in the units of ``matrix``: covariances, or correlations when ``standardised``), the
    variances omega is made of, how well one factor fits (``rmsr``) and whether the fit
    converged; ``assumptions`` names each default used, the fit, the matrix, the denominator and
    the missing-value rule."""

    omega: float
    method: str
    standardised: bool
    total_variance: str
    missing: str
    n: int
    n_rows: int
    n_items: int
    loadings: pd.Series
    standardised_loadings: pd.Series
    uniquenesses: pd.Series
    common_variance: float
    unique_variance: float
    observed_variance: float
    model_variance: float
    rmsr: float
    iterations: int
    converged: bool
    matrix: pd.DataFrame
    warnings: tuple[str, ...] = field(default_factory=tuple)
    assumptions: tuple[str, ...] = field(default_factory=tuple)
    _title = "McDonald's omega"
    _summary_fields = ("omega", "method", "standardised", "total_variance", "missing", "n", "n_items", "rmsr")
    _version = 1

    def _table(self) -> pd.DataFrame:
        """The fit per item: loading, standardised loading (the item's correlation with the
        factor) and unique variance."""
        return pd.DataFrame(
            {
                "loading": self.loadings,
                "standardised_loading": self.standardised_loadings,
                "uniqueness": self.uniquenesses,
            }
        )

    def _sections(self) -> list[Section]:
        return super()._sections() + [Section("Items", table=self._table())]


def fit_notes(method: str, standardised: bool, total_variance: str, missing: str) -> tuple[str, ...]:
    """The fit, the matrix, the denominator and the missing-value rule, as ``assumptions`` state them."""
    return (
        notice(f"reliability.omega_{method}"),
        notice("reliability.omega_correlations" if standardised else "reliability.omega_covariances"),
        notice(f"reliability.omega_{total_variance}"),
        notice(f"reliability.missing_{missing}"),
    )


def fit_choices(
    func: str,
    method: Optional[str],
    standardised: Optional[bool],
    total_variance: Optional[str],
    used: list[str],
    method_name: str = "method",
) -> tuple[str, bool, str]:
    """The one-factor fit's choices, checked, each default taken noted in ``used`` (``method_name``:
    what ``func`` calls the fit's method)."""
    method = check_choice(method_name, pick_own(method_name, method, "ml", used, func), ("ml", "minres"))
    standardised = check_bool("standardised", pick_own("standardised", standardised, False, used, func))
    total_variance = check_choice(
        "total_variance", pick_own("total_variance", total_variance, "observed", used, func), ("observed", "model")
    )
    return method, standardised, total_variance


def mcdonald_omega(
    items: ArrayLike,
    *,
    method: Optional[str] = None,
    standardised: Optional[bool] = None,
    total_variance: Optional[str] = None,
    missing: Optional[str] = None,
    subject: Optional[str] = None,
    item: Optional[str] = None,
    score: Optional[str] = None,
) -> OmegaResult:
    """McDonald's omega (total) of item responses (rows = respondents, columns = items, NaN =
    missing; at least 3 items): the share of the total score's variance that one common factor
    explains, omega = (sum of loadings)² / variance of the total ([soft measures](soft.md)).

    method : {"ml", "minres"}, default "ml"
        How the one-factor model is fitted: maximum likelihood (as R factanal and lavaan), or
        minimum residuals, unweighted least squares of the off-diagonal residuals (as R psych).
    standardised : bool, default False
        False: the items as scored (their covariances: the reliability of the total as it is
        summed); True: each item standardised (their correlations, as R psych::omega).
    total_variance : {"observed", "model"}, default "observed"
        omega's denominator: the observed variance of the total (as R semTools), or the variance
        the model implies, (sum of loadings)² + sum of unique variances (McDonald 1999).
    missing : {"pairwise", "listwise"}, default "pairwise"
        As :func:`cronbach_alpha`: the same covariances.
    subject, item, score : str, optional
        Give all three to pass long-format data (one row per respondent x item).
    The result's ``assumptions`` names each default used and every choice; ``warnings`` a
    Heywood case, a negatively loading item (not reverse-scored) and a fit that did not converge.
    """
    used: list[str] = []
    method, standardised, total_variance = fit_choices(_FUNCTION, method, standardised, total_variance, used)
    missing = check_choice(
        "missing", pick_own("missing", missing, "pairwise", used, _FUNCTION), ("pairwise", "listwise")
    )
    arr, names, _ = _as_float_matrix(wide_items(items, subject, item, score), "items")
    r = _core.mcdonald_omega(
        arr, method=method, standardised=standardised, total_variance=total_variance, missing=missing, names=names
    )
    idx = pd.Index(names, name="item")
    return OmegaResult(
        omega=r.omega,
        method=r.method,
        standardised=r.standardised,
        total_variance=r.total_variance,
        missing=r.missing,
        n=r.n,
        n_rows=r.n_rows,
        n_items=r.n_items,
        loadings=pd.Series(r.loadings, index=idx, name="loading"),
        standardised_loadings=pd.Series(r.standardised_loadings, index=idx, name="standardised_loading"),
        uniquenesses=pd.Series(r.uniquenesses, index=idx, name="uniqueness"),
        common_variance=r.common_variance,
        unique_variance=r.unique_variance,
        observed_variance=r.observed_variance,
        model_variance=r.model_variance,
        rmsr=r.rmsr,
        iterations=r.iterations,
        converged=r.converged,
        matrix=pd.DataFrame(r.matrix, index=idx, columns=idx),
        warnings=tuple(r.warnings),
        assumptions=tuple(used) + fit_notes(r.method, r.standardised, r.total_variance, r.missing),
    )
