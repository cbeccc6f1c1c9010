"""Agreement between lenses: do SROI ratio, cost per outcome, composite score, NMB … pick the same winner?"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from impactchain import _core
from impactchain._check import ArgumentError, check_bool
from impactchain._compare_common import _error, _names
from impactchain._composite_labels import refuse_twice
from impactchain._result import Result, result_type
from impactchain._summary import Section

_LOWER_BETTER_HINTS = ("cost_per", "cost per", "icer")


@result_type
class LensResult(Result):
    """Agreement between lenses; build with :func:`lenses`. ``table`` is ``ranks``."""

    strategies: tuple[str, ...]
    lenses: tuple[str, ...]
    higher_is_better: dict[str, bool]
    ranks: pd.DataFrame
    winners: dict[str, list[str]]
    spearman: pd.DataFrame
    kendall: pd.DataFrame
    agree: bool
    changes: tuple[str, ...]
    warnings: tuple[str, ...]
    assumptions: tuple[str, ...]
    _title = "Lens agreement"
    _summary_fields = ("agree",)

    @classmethod
    def _from_core(cls, raw: Any, assumptions: list[str]) -> LensResult:
        strategies, names = tuple(raw.strategies), tuple(raw.lenses)
        return cls(
            strategies=strategies,
            lenses=names,
            higher_is_better=dict(zip(names, map(bool, raw.higher_is_better))),
            ranks=pd.DataFrame(
                raw.ranks, index=pd.Index(strategies, name="strategy"), columns=pd.Index(names, name="lens")
            ),
            winners={n: list(w) for n, w in zip(names, raw.winners)},
            spearman=pd.DataFrame(raw.spearman, index=pd.Index(names, name="lens"), columns=list(names)),
            kendall=pd.DataFrame(raw.kendall, index=pd.Index(names, name="lens"), columns=list(names)),
            agree=bool(raw.agree),
            changes=tuple(raw.changes),
            warnings=tuple(raw.warnings),
            assumptions=tuple(assumptions),
        )

    def _table(self) -> pd.DataFrame:
        """Rank of each strategy under each lens (1 = best, ties averaged)."""
        return self.ranks

    def _sections(self) -> list[Section]:
        verdict = "all lenses pick the same winner" if self.agree else "; ".join(self.changes) or "no single winner"
        rows = [("verdict", verdict)] + [(f"winner by {n}", ", ".join(w)) for n, w in self.winners.items()]
        return [
            Section("Agreement", rows=rows),
            Section("Ranks (1 = best)", table=self.ranks),
            Section("Spearman rank correlation between lenses", table=self.spearman),
        ]

    def __repr__(self) -> str:
        return f"<LensResult lenses={list(self.lenses)!r} agree={self.agree}>"


def lenses(
    table: pd.DataFrame | Mapping[str, Sequence[float]],
    strategies: Sequence[Any] | None = None,
    *,
    higher_is_better: Mapping[str, bool] | Sequence[bool] | None = None,
) -> LensResult:
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
    refuse_twice(list(df.columns), "lenses.table")  # before any column is read: df['a'] would be a frame
    names = _names(strategies) if strategies is not None else _names(df.index)
    lens_names = _names(df.columns)
    assumptions: list[str] = []
    if higher_is_better is None:
        hib = [not any(h in name.lower() for h in _LOWER_BETTER_HINTS) for name in lens_names]
        assumptions.append(
            "orientation not given: "
            + ", ".join(f"'{name}' {'higher' if h else 'lower'} is better" for name, h in zip(lens_names, hib))
        )
    elif isinstance(higher_is_better, Mapping):
        missing = [name for name in lens_names if name not in higher_is_better]
        if missing:
            raise _error(f"lenses.higher_is_better: no orientation for lenses {missing}")
        hib = [check_bool(f"higher_is_better['{name}']", higher_is_better[name]) for name in lens_names]
    else:
        if isinstance(higher_is_better, (str, bytes, bool, np.bool_)) or not isinstance(higher_is_better, Iterable):
            raise ArgumentError(
                "higher_is_better must be a mapping lens -> bool or a list of bools, got "
                f"{type(higher_is_better).__name__}"
            )
        hib = [check_bool(f"higher_is_better[{i}]", h) for i, h in enumerate(higher_is_better)]
    bad = [str(c) for c in df.columns if not (pd.api.types.is_numeric_dtype(df[c]) or df[c].isna().all())]
    if bad:
        raise _error(f"lenses.table: columns {bad} are not numeric")
    values = np.asarray(df.to_numpy(dtype=float), dtype=float)
    raw = _core.lens_agreement(names, lens_names, values, hib)
    return LensResult._from_core(raw, assumptions)
