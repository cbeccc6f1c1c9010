"""Shared look and output of the report charts: colour-blind-safe palette and
matplotlib style, SVG serialisation (inline-ready, ids unique per chart), label
wrapping and money labels. Importing it selects matplotlib's Agg backend.

Text stays text: the style turns mathtext off (``text.parse_math``), so a name
such as ``$x$`` is drawn with its dollar signs; ``_svg`` also turns it off on
every Text of the figure and passes each through ``_text.for_chart`` (bidi and
zero-width characters shown as ``<U+202E>``, control characters and terminal
escapes removed), and ``_wrap`` does the same for tick labels.
"""

from __future__ import annotations

import functools
import io
import itertools
import re
import textwrap
from typing import TYPE_CHECKING, Any, Callable, Union

import matplotlib

matplotlib.use("Agg", force=False)
import matplotlib.pyplot as plt
import numpy as np
from babel.numbers import format_compact_currency, format_compact_decimal
from matplotlib.figure import Figure
from matplotlib.text import Text

from impactchain._i18n import Words, words
from impactchain._text import for_chart

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# A colour-blind-safe palette (Okabe & Ito 2008) that also survives greyscale printing.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
LEVEL_COLOURS = {
    "input": "#E8E8E8",
    "activity": "#CFE3F3",
    "output": "#D9EFD9",
    "outcome": "#FBE3C2",
    "impact": "#F4CCE0",
}
POSITIVE, NEGATIVE, TOTAL = "#009E73", "#D55E00", "#0072B2"

# matplotlib checks the names when the charts use them (plt.rc_context).
_RC: dict[Any, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "impactchain",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"],
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": 100,
    # Names are literal text: "$x$" is drawn as typed, an unbalanced "$" never ends a report.
    "text.parse_math": False,
}

_counter = itertools.count(1)

# boxplot's `vert` became `orientation` in matplotlib 3.10 (vert deprecated in 3.11).
_MPL = tuple(int(x) for x in matplotlib.__version__.split(".")[:2])
_HORIZONTAL = {"orientation": "horizontal"} if _MPL >= (3, 10) else {"vert": False}


def _subplots(*args: Any, figsize: tuple[float, float], **kwargs: Any) -> tuple[Figure, Any]:
    """A figure and its axes, outside pyplot (nothing to close; a notebook shows a returned figure once)."""
    fig = Figure(figsize=figsize)
    return fig, fig.subplots(*args, **kwargs)


class chart:
    """A chart function: called, the chart as inline SVG (:func:`_svg`); ``.figure(...)``, with the
    same arguments, the :class:`matplotlib.figure.Figure` it draws. The drawing function returns
    the figure and the chart's accessible name, and draws inside the charts' style."""

    def __init__(self, draw: Callable[..., tuple[Figure, str]]) -> None:
        functools.update_wrapper(self, draw)
        self._draw = draw

    def __call__(self, *args: Any, **kwargs: Any) -> str:
        fig, label = self.figure_and_label(*args, **kwargs)
        return _svg(fig, label)

    def figure_and_label(self, *args: Any, **kwargs: Any) -> tuple[Figure, str]:
        with plt.rc_context(_RC):
            return self._draw(*args, **kwargs)

    def figure(self, *args: Any, **kwargs: Any) -> Figure:
        """The chart as a matplotlib Figure (text literal, as in the SVG)."""
        fig, _ = self.figure_and_label(*args, **kwargs)
        for t in fig.findobj(Text):
            t.set_parse_math(False)
            t.set_text(for_chart(t.get_text()))
        return fig


def _svg(fig: Figure, label: str) -> str:
    """Serialise a figure to inline-ready SVG (:func:`inline_svg`) and close it."""
    buf = io.StringIO()
    try:
        for t in fig.findobj(Text):  # every text the chart made: literal, with invisible characters shown
            t.set_parse_math(False)
            t.set_text(for_chart(t.get_text()))
        with plt.rc_context(_RC):  # the SVG settings (text as text, stable ids) apply when saving
            fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    finally:
        plt.close(fig)
    return inline_svg(buf.getvalue(), label)


def inline_svg(text: str, label: str) -> str:
    """An SVG document (from matplotlib or Graphviz) as markup to inline in HTML: no
    prolog, DOCTYPE, metadata or comments; ids unique per chart; scaled to the page
    (its own size the most); one ``<title>`` and ``aria-label`` naming the chart."""
    label = for_chart(label)
    text = re.sub(r"<\?xml[^>]*\?>\s*", "", text)
    text = re.sub(r"<!DOCTYPE[^>]*>\s*", "", text, flags=re.S)
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    text = re.sub(r"<!--.*?-->\s*", "", text, flags=re.S)
    text = re.sub(r"<title>.*?</title>\s*", "", text, flags=re.S)  # Graphviz names its groups; one title below
    # Unique ids per chart: clip paths and glyph definitions otherwise collide.
    prefix = f"ic{next(_counter)}-"
    text = re.sub(r'id="([^"]+)"', lambda m: f'id="{prefix}{m.group(1)}"', text)
    text = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m.group(1)})", text)
    text = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}{m.group(1)}"', text)
    # Scale with the page; the original size caps it.
    m = re.search(r'<svg([^>]*?)width="([\d.]+)pt" height="([\d.]+)pt"', text)
    if m:
        w = float(m.group(2))
        text = text.replace(
            m.group(0),
            f'<svg{m.group(1)}width="100%" style="max-width:{w:.0f}pt;height:auto" '
            f'role="img" aria-label="{_attr(label)}"',
            1,
        )
    text = text.replace(">", f"><title>{_text(label)}</title>", 1)
    return text.strip()


def _attr(s: str) -> str:
    return (
        str(s)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


def _text(s: str) -> str:
    return str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _wrap(s: str, width: int) -> str:
    """A label as chart text (``for_chart``), wrapped at ``width`` characters."""
    text = for_chart(s)
    return "\n".join(textwrap.wrap(text, width=width, break_long_words=True)) or text


def _legend_label(s: str, width: int = 40) -> str:
    """A legend entry: wrapped chart text; a leading '_' (which matplotlib would
    hide from the legend) is kept visible behind a space."""
    text = _wrap(s, width)
    return " " + text if text.startswith("_") else text


#: The smallest amount a chart writes in CLDR's short form (``€ 14K``) when it decides by itself.
COMPACT_FROM = 1e4


def money(
    x: float,
    currency: str = "EUR",
    digits: int = 0,
    *,
    lang: Union[str, Words] = "en",
    plus: bool = False,
    compact: Union[bool, None] = None,
) -> str:
    """An amount of money as a chart label in the language's format (Babel, CLDR): whole units
    below 10,000 (``€ 6.056`` in Dutch, ``€6,056`` in English), above that in thousands or
    millions (``€ 135K``, ``€ 1,5 mln.``; ``€135k``, ``€1.5m``); ``digits`` decimals below 10,000.
    ``compact`` fixes the form instead, for a chart that writes all its amounts one way
    (:func:`money_form`): True the short form whatever the amount (``€ -6K``, ``€ 500``), False
    whole units (``€ 316.000``).
    A negative amount has its sign where the language's tables put it (``€ -197K``, ``-€197k``:
    CLDR's compact forms have no negative pattern of their own); ``plus`` signs a positive one
    there too (a step up in the waterfall: ``€ +14K``, ``+€14k``)."""
    w = words(lang)
    if x is None or not np.isfinite(x):
        return w("n_a")
    if abs(x) >= COMPACT_FROM if compact is None else compact:
        text = _compact(abs(x), currency, w, 2 if abs(x) >= 1e6 else 0)
    else:
        text = w.money(abs(x), currency) if digits == 0 else w.num(abs(x), digits)
    sign = "-" if x < 0 else "+" if plus and x > 0 else ""
    return _signed(text, sign, w, currency) if sign else text


def _compact(x: float, currency: str, w: Words, fraction_digits: int) -> str:
    """``x`` (not negative) in CLDR's short form, with at most ``fraction_digits`` decimals."""
    if currency:
        return str(format_compact_currency(x, currency, locale=w.locale, fraction_digits=fraction_digits))
    return str(format_compact_decimal(x, locale=w.locale, fraction_digits=fraction_digits))


def _tick_money(x: float, currency: str, w: Words, compact: bool) -> str:
    """A money axis' tick label in the chart's form: in the short form with the decimals the tick
    needs to be exact (``€ 2,5K`` beside ``€ 5K``, never a rounded ``€ 2K``), at most two."""
    if not compact or not np.isfinite(x) or x == 0:
        return money(x, currency, lang=w, compact=compact)
    unit = 1000.0 ** min(4, int(np.floor(np.log10(abs(x)) / 3))) if abs(x) >= 1000 else 1.0
    q = abs(x) / unit
    digits = next((d for d in (0, 1) if abs(round(q, d) - q) <= 1e-9 * max(1.0, q)), 2)
    text = _compact(abs(x), currency, w, digits)
    return _signed(text, "-", w, currency) if x < 0 else text


def _signed(text: str, sign: str, w: Words, currency: str) -> str:
    """``text`` (an amount without sign) with ``sign`` where the language's money puts a minus:
    after the symbol in Dutch (``€ -15.000``), before it in English (``-€15,000``)."""
    one, minus_one = w.money(1, currency), w.money(-1, currency)
    before, signed_before = one[: one.index("1")], minus_one[: minus_one.index("1")]
    if currency and text.startswith(before) and signed_before.replace("-", "", 1) == before:
        at = signed_before.index("-")
        return text[:at] + sign + text[at:]
    return sign + text


def money_form(ax: Axes, currency: str, lang: Union[str, Words], axes: str = "x", amounts: Any = ()) -> bool:
    """One form of money for a whole chart: each money axis in ``axes`` ("x", "y" or "xy") gets
    its ticks, and the chart writes all its amounts in CLDR's short form when the largest amount
    it draws (``amounts``: its labels, bars, points; without them the ticks it shows) is 10,000 or
    more, else all in whole units, so "€ 316K" never stands beside "€ -6.056". Call it once the
    axes' limits are set; returns True for the short form, to pass to :func:`money` as
    ``compact`` for the chart's labels."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    w = words(lang)
    drawn = [abs(float(x)) for x in amounts if x is not None and np.isfinite(x)]
    ticks: list[float] = []
    for axis in axes:
        a = ax.xaxis if axis == "x" else ax.yaxis
        a.set_major_locator(MaxNLocator(nbins=5 if axis == "x" else 6))
        lo, hi = sorted(ax.get_xlim() if axis == "x" else ax.get_ylim())
        eps = 1e-9 * max(1.0, abs(lo), abs(hi))
        ticks += [abs(float(t)) for t in a.get_major_locator().tick_values(lo, hi) if lo - eps <= t <= hi + eps]
    compact = max(drawn or ticks or [0.0]) >= COMPACT_FROM
    for axis in axes:
        a = ax.xaxis if axis == "x" else ax.yaxis
        a.set_major_formatter(FuncFormatter(lambda v, _: _tick_money(v, currency, w, compact)))
    return compact


def _number_axis(ax: Axes, lang: Union[str, Words], axis: str = "x", share: bool = False) -> None:
    """Tick labels of a number axis in the language's format (``1,25`` in Dutch); shares as percentages."""
    from matplotlib.ticker import FuncFormatter

    w = words(lang)
    a = ax.xaxis if axis == "x" else ax.yaxis
    a.set_major_formatter(FuncFormatter(lambda v, _: w.pct(v) if share else w.plain(0.0 if abs(v) < 1e-12 else v)))
