"""Charts for impact reports, each returned as a self-contained SVG string.

Every function draws with matplotlib's Agg/SVG backends (never a window),
closes its figure, and returns markup that can be inlined in HTML: no XML
prolog, no DOCTYPE, no metadata links, ids prefixed so that several charts on
one page never share an id. Text stays text (``svg.fonttype = 'none'``), so
it prints sharply and can be searched; matplotlib escapes it. Names are drawn
as literal text (no mathtext: ``$x$`` keeps its dollar signs; bidirectional and
zero-width characters are shown as ``<U+202E>``). A soft-outcome profile draws
at most ``MAX_POINTS`` respondents per distribution (a seeded sample beyond).

The outcome-chain diagram is laid out by Graphviz ``dot`` (a program run on
the side; :class:`GraphvizNotFoundError` says how to install it when missing),
so that no label is drawn over another at any model size.

All functions take plain data (lists, dicts, NumPy arrays, DataFrames), not
result objects, so they can be used on their own:

>>> from impactchain import plots
>>> svg = plots.ratio_histogram([0.8, 1.2, 1.5, 1.1], lower=0.82, upper=1.48, level=0.95)
"""

from __future__ import annotations

from impactchain._plots_chain import LEVELS, GraphvizNotFoundError, chain_diagram

# The palette and money labels stay importable from here, as before the split.
from impactchain._plots_style import LEVEL_COLOURS, NEGATIVE, PALETTE, POSITIVE, TOTAL, money  # noqa: F401
from impactchain._plots_uncertainty import ce_plane, ceac, ratio_histogram, ratio_intervals, tornado
from impactchain._plots_value import MAX_POINTS, funder_bars, ledger_bars, soft_profile, stakeholder_bars, waterfall

__all__ = [
    "chain_diagram",
    "waterfall",
    "stakeholder_bars",
    "funder_bars",
    "ledger_bars",
    "ratio_histogram",
    "ratio_intervals",
    "tornado",
    "soft_profile",
    "ce_plane",
    "ceac",
    "LEVELS",
    "MAX_POINTS",
    "GraphvizNotFoundError",
]
