"""Agreement between lenses: do SROI ratio, cost per outcome, composite score, NMB … pick the same winner?"""
from __future__ import annotations

import html
import math
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from impactchain import _core
from impactchain._check import ArgumentError, check_bool
from impactchain._compare_common import _error, _names

_LOWER_BETTER_HINTS = ("cost_per", "cost per", "icer")


class LensResult:
    """Agreement between lenses; build with :func:`lenses`."""

    def __init__(self, raw: Any, assumptions: list[str]) -> None:
        self._raw = raw
        self._assumptions = tuple(assumptions)

    @property
    def strategies(self) -> tuple[str, ...]:
        return tuple(self._raw.strategies)

    @property
    def lenses(self) -> tuple[str, ...]:
        return tuple(self._raw.lenses)

    @property
    def higher_is_better(self) -> dict[str, bool]:
        return dict(zip(self._raw.lenses, self._raw.higher_is_better))

    @property
    def ranks(self) -> pd.DataFrame:
        """Rank of each strategy under each lens (1 = best, ties averaged)."""
        return pd.DataFrame(self._raw.ranks, index=pd.Index(self.strategies, name="strategy"),
                            columns=pd.Index(self.lenses, name="lens"))

    @property
    def winners(self) -> dict[str, list[str]]:
        return {l: list(w) for l, w in zip(self._raw.lenses, self._raw.winners)}

    @property
    def spearman(self) -> pd.DataFrame:
        return pd.DataFrame(self._raw.spearman, index=list(self.lenses), columns=list(self.lenses))

    @property
    def kendall(self) -> pd.DataFrame:
        """Kendall's tau-b between lenses."""
        return pd.DataFrame(self._raw.kendall, index=list(self.lenses), columns=list(self.lenses))

    @property
    def agree(self) -> bool:
        return bool(self._raw.agree)

    @property
    def changes(self) -> tuple[str, ...]:
        return tuple(self._raw.changes)

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(self._raw.warnings)

    @property
    def assumptions(self) -> tuple[str, ...]:
        return self._assumptions

    def to_dict(self) -> dict[str, Any]:
        def mat(df: pd.DataFrame) -> dict[str, dict[str, float | None]]:
            return {a: {b: (None if math.isnan(v) else float(v)) for b, v in row.items()} for a, row in df.iterrows()}

        return {
            "strategies": list(self.strategies),
            "lenses": list(self.lenses),
            "higher_is_better": self.higher_is_better,
            "ranks": {s: {l: float(v) for l, v in row.items()} for s, row in self.ranks.iterrows()},
            "winners": self.winners,
            "spearman": mat(self.spearman),
            "kendall": mat(self.kendall),
            "agree": self.agree,
            "changes": list(self.changes),
            "warnings": list(self.warnings),
            "assumptions": list(self.assumptions),
        }

    def _repr_html_(self) -> str:
        verdict = "all lenses pick the same winner" if self.agree else "; ".join(map(html.escape, self.changes)) or \
            "no single winner"
        return f"<b>Lens agreement</b>: {verdict}" + self.ranks.to_html(float_format=lambda v: f"{v:g}")

    def __repr__(self) -> str:
        return f"LensResult(lenses={list(self.lenses)!r}, agree={self.agree})"


def lenses(table: pd.DataFrame | Mapping[str, Sequence[float]], strategies: Sequence[Any] | None = None, *,
           higher_is_better: Mapping[str, bool] | Sequence[bool] | None = None) -> LensResult:
    """Do the lenses pick the same winner? Rank correlations and winner per lens.

    Parameters
    ----------
    table : DataFrame (index = strategies, columns = lenses) or mapping lens → values
        E.g. columns ``sroi_ratio``, ``cost_per_outcome``, ``composite``, ``nmb``.
    strategies : list, optional
        Strategy names when ``table`` is a mapping (default: the DataFrame index).
    higher_is_better : mapping lens → bool or list, optional
        Orientation of each lens. Default: lower is better for lenses whose name
        contains "cost_per", "cost per" or "icer", higher otherwise (recorded in
        ``assumptions``).
    """
    df = table if isinstance(table, pd.DataFrame) else pd.DataFrame(dict(table))
    names = _names(strategies) if strategies is not None else _names(df.index)
    lens_names = _names(df.columns)
    assumptions: list[str] = []
    if higher_is_better is None:
        hib = [not any(h in l.lower() for h in _LOWER_BETTER_HINTS) for l in lens_names]
        assumptions.append("orientation not given: " + ", ".join(
            f"'{l}' {'higher' if h else 'lower'} is better" for l, h in zip(lens_names, hib)))
    elif isinstance(higher_is_better, Mapping):
        missing = [l for l in lens_names if l not in higher_is_better]
        if missing:
            raise _error(f"lenses.higher_is_better: no orientation for lenses {missing}")
        hib = [check_bool(f"higher_is_better['{l}']", higher_is_better[l]) for l in lens_names]
    else:
        if isinstance(higher_is_better, (str, bytes, bool, np.bool_)) or not isinstance(higher_is_better, Iterable):
            raise ArgumentError("higher_is_better must be a mapping lens -> bool or a list of bools, got "
                                f"{type(higher_is_better).__name__}")
        hib = [check_bool(f"higher_is_better[{i}]", h) for i, h in enumerate(higher_is_better)]
    bad = [str(c) for c in df.columns if not (pd.api.types.is_numeric_dtype(df[c]) or df[c].isna().all())]
    if bad:
        raise _error(f"lenses.table: columns {bad} are not numeric")
    values = np.asarray(df.to_numpy(dtype=float), dtype=float)
    raw = _core.lens_agreement(names, lens_names, values, hib)
    return LensResult(raw, assumptions)
