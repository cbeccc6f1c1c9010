"""Organisation sustainability profile: revenue mix and social capital (bonding, bridging, linking)."""

from __future__ import annotations

from dataclasses import field
from typing import Optional

import pandas as pd

from impactchain import _core
from impactchain._result import Result, result_type
from impactchain._soft_common import pick_own
from impactchain._summary import Section

__all__ = ["RevenueProfileResult", "SocialCapitalResult", "revenue_profile", "social_capital_profile"]


@result_type
class RevenueProfileResult(Result):
    """Revenue mix of one organisation: shares, diversification (1 - HHI), largest source."""

    total: float
    shares: pd.Series
    share_by_type: pd.Series
    hhi: float
    diversification: float
    diversification_normalised: float
    effective_sources: float
    largest_source: str
    largest_share: float
    municipality_share: float
    warnings: tuple[str, ...] = field(default_factory=tuple)
    assumptions: tuple[str, ...] = field(default_factory=tuple)
    _version = 2  # 2: assumptions (a version-1 pickle loads with none: they were not recorded)
    _title = "Revenue mix"
    _summary_fields = (
        "total",
        "diversification",
        "diversification_normalised",
        "largest_source",
        "largest_share",
        "municipality_share",
    )

    def _table(self) -> pd.DataFrame:
        """One row per revenue source: its share of the total."""
        return self.shares.rename_axis("source").to_frame("share")

    def _sections(self) -> list[Section]:
        return super()._sections() + [Section("Shares", table=self._table())]


def revenue_profile(revenue: pd.DataFrame, *, municipality_type: Optional[str] = None) -> RevenueProfileResult:
    """Revenue mix of one organisation. ``revenue`` has columns name, type, amount (one currency and
    price year). Diversification = 1 - HHI (sum of squared shares); normalised = (1 - HHI)/(1 - 1/n).
    ``municipality_share`` is the share of sources whose type is ``municipality_type`` (default
    "municipality", named in the result's ``assumptions`` when not given)."""
    used: list[str] = []
    municipality_type = pick_own("municipality_type", municipality_type, "municipality", used, "revenue_profile")
    missing = [c for c in ("name", "type", "amount") if c not in revenue.columns]
    if missing:
        raise ValueError(f"revenue: missing columns {missing} (need name, type, amount)")
    r = _core.revenue_profile(
        [str(v) for v in revenue["name"]],
        [str(v) for v in revenue["type"]],
        [float(v) for v in revenue["amount"]],
        municipality_type=municipality_type,
    )
    return RevenueProfileResult(
        total=r.total,
        shares=pd.Series(r.shares, index=r.sources, name="share"),
        share_by_type=pd.Series(r.share_by_type, name="share"),
        hhi=r.hhi,
        diversification=r.diversification,
        diversification_normalised=r.diversification_normalised,
        effective_sources=r.effective_sources,
        largest_source=r.largest_source,
        largest_share=r.largest_share,
        municipality_share=r.municipality_share,
        warnings=tuple(r.warnings),
        assumptions=tuple(used),
    )


@result_type
class SocialCapitalResult(Result):
    """Social capital indicators rescaled to 0–100 and their mean per dimension."""

    scores: pd.Series
    dimensions: pd.DataFrame
    warnings: tuple[str, ...] = field(default_factory=tuple)
    assumptions: tuple[str, ...] = field(default_factory=tuple)
    _version = 2  # 2: assumptions (a version-1 pickle loads with none: they were not recorded)
    _title = "Social capital"

    def _table(self) -> pd.DataFrame:
        """One row per dimension (bonding, bridging, linking): score and number of indicators."""
        return self.dimensions.rename_axis("dimension")

    def _sections(self) -> list[Section]:
        return [Section("Dimensions", table=self._table())]


def social_capital_profile(indicators: pd.DataFrame) -> SocialCapitalResult:
    """Social capital indicators (columns name, dimension in bonding/bridging/linking, value, min, max,
    optional higher_is_better) rescaled to 0–100 and averaged with equal weights per dimension. Without a
    higher_is_better column every indicator is taken as higher-is-better (named in ``assumptions``)."""
    need = ["name", "dimension", "value", "min", "max"]
    missing = [c for c in need if c not in indicators.columns]
    if missing:
        raise ValueError(f"social capital: missing columns {missing}")
    used = ["equal weights within each dimension"]
    if "higher_is_better" in indicators.columns:
        hib = list(indicators["higher_is_better"])
    else:
        hib = [True] * len(indicators)
        used.insert(0, "higher_is_better column not given: every indicator taken as higher-is-better")
    r = _core.social_capital_profile(
        [str(v) for v in indicators["name"]],
        [str(v) for v in indicators["dimension"]],
        [float(v) for v in indicators["value"]],
        [float(v) for v in indicators["min"]],
        [float(v) for v in indicators["max"]],
        [bool(v) for v in hib],
    )
    dims = pd.DataFrame({"score": pd.Series(r.dimension_score), "n_indicators": pd.Series(r.dimension_count)})
    return SocialCapitalResult(
        scores=pd.Series(r.scores, index=r.indicators, name="score"),
        dimensions=dims,
        warnings=tuple(r.warnings),
        assumptions=tuple(used),
    )
