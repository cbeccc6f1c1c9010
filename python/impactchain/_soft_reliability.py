"""Reliability of a scale: Cronbach's alpha with its Feldt CI and item statistics."""

from __future__ import annotations

from dataclasses import field
from typing import Any, Optional

import pandas as pd

from impactchain import _core
from impactchain._check import check_choice, check_level
from impactchain._defaults import pick
from impactchain._deprecate import UNSET, renamed, renamed_attribute
from impactchain._notice import notice
from impactchain._result import Result, result_type
from impactchain._soft_common import ArrayLike, _as_float_matrix, pick_own, wide_items
from impactchain._summary import Section


@result_type
class AlphaResult(Result):
    """Cronbach's alpha, its Feldt CI and item statistics; ``missing`` says how NaN was handled,
    ``assumptions`` each default used, the missing-value rule and the interval method."""

    alpha: float
    ci: tuple[float, float]
    level: float
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
    assumptions: tuple[str, ...] = field(default_factory=tuple)
    _title = "Cronbach's alpha"
    _summary_fields = ("alpha", "ci", "missing", "n", "n_items")
    _version = 2  # 2: assumptions

    @classmethod
    def _upgrade(cls, state: dict[str, Any], version: int) -> dict[str, Any]:
        """Version 1 had no assumptions: the methods are read from the state (which defaults a
        version-1 call used was not recorded, so none is claimed)."""
        if version < 2:
            state = {**state, "assumptions": _method_notes(state["missing"], state["ci_method"])}
        return state

    ci_level = renamed_attribute("level")  # the old name, one release

    def _table(self) -> pd.DataFrame:
        """Item statistics: alpha if the item is dropped, item-total and item-rest correlations."""
        return pd.DataFrame(
            {
                "alpha_if_dropped": self.alpha_if_dropped,
                "item_total_r": self.item_total_r,
                "item_rest_r": self.item_rest_r,
            }
        )

    def _sections(self) -> list[Section]:
        return super()._sections() + [Section("Items", table=self._table())]


def _method_notes(missing: str, ci_method: str) -> tuple[str, ...]:
    """The missing-value rule and the interval method, as the result's ``assumptions`` state them."""
    return (
        notice(f"reliability.missing_{missing}"),
        notice("reliability.interval", method=ci_method),
    )  # pairwise|listwise


def cronbach_alpha(
    items: ArrayLike,
    missing: Optional[str] = None,
    *,
    level: Optional[float] = None,
    subject: Optional[str] = None,
    item: Optional[str] = None,
    score: Optional[str] = None,
    ci_level: Any = UNSET,
) -> AlphaResult:
    """Cronbach's alpha of item responses (rows = respondents, columns = items, NaN = missing).

    missing : {"pairwise", "listwise"}, default "pairwise"
        pairwise: each covariance from the respondents who answered both items (as R psych and
        pingouin); listwise: respondents with every item answered. The choice is in the result.
    level : float in (0, 1), default ``DEFAULTS.level`` (0.95)
        Level of the Feldt confidence interval ``ci``.
    subject, item, score : str, optional
        Give all three to pass long-format data (one row per respondent x item).
    The result's ``assumptions`` names each default used, the missing-value rule and the
    interval method.
    """
    level = renamed("cronbach_alpha", "ci_level", "level", ci_level, level)
    used: list[str] = []
    missing = check_choice(
        "missing", pick_own("missing", missing, "pairwise", used, "cronbach_alpha"), ("pairwise", "listwise")
    )
    level = check_level("level", pick("level", level, used))
    arr, names, _ = _as_float_matrix(wide_items(items, subject, item, score), "items")
    r = _core.cronbach_alpha(arr, missing=missing, ci_level=level, names=names)
    idx = pd.Index(names, name="item")
    return AlphaResult(
        alpha=r.alpha,
        ci=(r.ci_low, r.ci_high),
        level=r.ci_level,
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
        assumptions=tuple(used) + _method_notes(r.missing, r.ci_method),
    )
