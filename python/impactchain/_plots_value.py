"""Charts of what one intervention achieves: the value waterfall, value by
stakeholder, investment by funder, who pays and who gains, and the before/after profile of a soft
outcome (the outcome chain is drawn by ``_plots_chain``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

from impactchain._defaults import DEFAULTS
from impactchain._i18n import Words, words

# Before pyplot: importing _plots_style selects matplotlib's Agg backend (never a window).
from impactchain._plots_style import (
    _HORIZONTAL,
    _RC,
    NEGATIVE,
    PALETTE,
    POSITIVE,
    TOTAL,
    Figure,
    _number_axis,
    _subplots,
    _wrap,
    chart,
    money,
    money_form,
)
from impactchain._text import for_chart

#: Most respondents drawn as points per distribution in ``soft_profile`` (a seeded sample beyond).
MAX_POINTS = 2000

# --------------------------------------------------------------------------- money


@chart
def waterfall(
    steps: Sequence[tuple[str, float]], *, currency: str = "EUR", title: str | None = None, lang: str | Words = "en"
) -> tuple[Figure, str]:
    """Value waterfall: the first step is a total (gross value), each further
    step a change (negative = a deduction), and the last step the resulting total.

    Parameters
    ----------
    steps : sequence of (label, amount)
        e.g. ``[("Gross", 1e5), ("Deadweight", -2e4), …, ("Present value", 6e4)]``.
        The first and last entries are drawn as totals from zero.
    lang : "en", "nl" or a :class:`~impactchain._i18n.Words`
        The language of the chart's own words and of its money labels.
    """
    w = words(lang)
    with plt.rc_context(_RC):
        labels = [s[0] for s in steps]
        vals = [float(s[1]) for s in steps]
        fig, ax = _subplots(figsize=(8, 3.6))
        running = 0.0
        top = max([abs(v) for v in vals] + [1.0])
        low, high = 0.0, 0.0  # the bars' extent: a step down is drawn from the running total, not from 0
        labels_at: list[tuple[int, float, float, bool]] = []  # (bar, height of its label, amount, signed)
        for i, (_lab, v) in enumerate(zip(labels, vals)):
            if i == 0 or i == len(vals) - 1:
                bottom, h, colour = 0.0, v, TOTAL
                running = v if i == 0 else running
            else:
                bottom, h = running, v
                colour = NEGATIVE if v < 0 else POSITIVE
                running += v
            ax.bar(i, h, bottom=bottom, color=colour, width=0.65, edgecolor="#333333", linewidth=0.5)
            low, high = min(low, bottom, bottom + h), max(high, bottom, bottom + h)
            labels_at.append((i, max(bottom, bottom + h) + top * 0.02, v, 0 < i < len(vals) - 1))
            if 0 < i < len(vals) - 1:
                ax.plot([i - 0.6, i + 0.6], [running, running], color="#999999", linewidth=0.6, linestyle=":")
        ax.set_xticks(range(len(labels)))
        ax.set_xticklabels([_wrap(lab, 13) for lab in labels], fontsize=8.5)
        ax.set_ylim(low - 0.1 * (high - low) if low < 0 else 0.0, high + 0.15 * (high - low) + 1e-9)
        # One form for every amount of the chart, the bars' labels and the axis's ticks.
        compact = money_form(ax, currency, w, "y", vals)
        for i, at, v, signed in labels_at:
            txt = money(v, currency, lang=w, plus=signed, compact=compact)
            ax.text(i, at, txt, ha="center", va="bottom", fontsize=8)
        ax.axhline(0, color="#333333", linewidth=0.6)
        ax.set_title(title or w("chart_waterfall_title"))
        return fig, title or w("chart_waterfall_title")


def _hbars(items: Mapping[str, float], currency: str, title: str, colour: str, w: Words) -> tuple[Figure, str]:
    with plt.rc_context(_RC):
        names = list(items)
        vals = [float(items[k]) for k in names]
        fig, ax = _subplots(figsize=(7.5, 0.5 + 0.45 * max(1, len(names))))
        y = np.arange(len(names))[::-1]
        ax.barh(y, vals, color=colour, height=0.6)
        top = max([abs(v) for v in vals] + [1.0])
        ax.set_yticks(y)
        ax.set_yticklabels([_wrap(n, 34) for n in names])
        ax.set_xlim(min(0, min(vals + [0])) * 1.25, top * 1.3)
        compact = money_form(ax, currency, w, "x", vals)  # one form for the bars' labels and the ticks
        for yi, v in zip(y, vals):
            ax.text(
                v + top * 0.01 if v >= 0 else v - top * 0.01,
                yi,
                money(v, currency, lang=w, compact=compact),
                va="center",
                ha="left" if v >= 0 else "right",
                fontsize=8.5,
            )
        ax.axvline(0, color="#333333", linewidth=0.6)
        ax.set_title(title)
        return fig, title


@chart
def stakeholder_bars(
    values: Mapping[str, float], *, currency: str = "EUR", title: str | None = None, lang: str | Words = "en"
) -> tuple[Figure, str]:
    """Present value by stakeholder (horizontal bars, one per stakeholder); words and money in ``lang``."""
    w = words(lang)
    return _hbars(values, currency, title or w("chart_stakeholders_title"), PALETTE[0], w)


@chart
def funder_bars(
    values: Mapping[str, float], *, currency: str = "EUR", title: str | None = None, lang: str | Words = "en"
) -> tuple[Figure, str]:
    """Investment by funder (horizontal bars); words and money in ``lang``."""
    w = words(lang)
    return _hbars(values, currency, title or w("chart_funders_title"), PALETTE[1], w)


@chart
def ledger_bars(
    parties: Sequence[tuple[str, float, float, tuple[float, float] | None]],
    *,
    currency: str = "EUR",
    title: str | None = None,
    lang: str | Words = "en",
) -> tuple[Figure, str]:
    """Who pays, who gains: per party (name, pays, gains, net interval or None) what it pays
    (to the left of zero) and gains (to the right) as bars, and its net as a dot with the
    interval as a line where one is given; words and money in ``lang``."""
    w = words(lang)
    title = title or w("chart_ledger_title")
    with plt.rc_context(_RC):
        names = [p[0] for p in parties]
        pays = np.array([float(p[1]) for p in parties])
        gains = np.array([float(p[2]) for p in parties])
        net = gains - pays
        fig, ax = _subplots(figsize=(7.5, 0.9 + 0.5 * max(1, len(names))))
        y = np.arange(len(names))[::-1]
        ax.barh(y, -pays, color=NEGATIVE, height=0.55, label=w("ledger_pays"))
        ax.barh(y, gains, color=POSITIVE, height=0.55, label=w("ledger_gains"))
        for yi, p in zip(y, parties):
            if p[3] is not None:
                ax.plot(list(p[3]), [yi, yi], color="#333333", linewidth=1.4, solid_capstyle="butt")
        ax.plot(net, y, "D", color="#333333", markersize=5, label=w("ledger_net"))
        bounds = [*(-pays), *gains, *(b for p in parties if p[3] is not None for b in p[3]), 0.0]
        lo, hi = min(bounds), max(bounds)
        pad = 0.08 * max(hi - lo, 1.0)
        ax.set_xlim(lo - pad, hi + pad)
        ax.set_yticks(y)
        ax.set_yticklabels([_wrap(n, 30) for n in names])
        money_form(ax, currency, w, "x", bounds)  # one form for its ticks, by the largest amount drawn
        ax.axvline(0, color="#333333", linewidth=0.6)
        ax.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, -0.25 / max(1, len(names)) ** 0.5),
            ncol=3,
            frameon=False,
            fontsize=8.5,
        )
        ax.set_title(title)
        return fig, title


# --------------------------------------------------------------------------- soft


@chart
def soft_profile(
    pre: Sequence[float],
    post: Sequence[float],
    *,
    scale: tuple[float, float] | None = None,
    mean_change: float | None = None,
    ci: tuple[float, float] | None = None,
    unit: str | None = None,
    title: str | None = None,
    lower_is_better: bool = False,
    level: float = DEFAULTS.level,
    lang: str | Words = "en",
) -> tuple[Figure, str]:
    """Before/after profile of a soft outcome in its own units: the two
    distributions (box and points) and the mean change with its interval.

    The box and the mean use every respondent; at most ``MAX_POINTS`` points are
    drawn per distribution (a seeded random sample beyond that, said on the axis),
    so that the chart's size does not grow with the survey. ``ci`` is the interval of the
    mean change at ``level``; ``unit`` defaults to the language's word for scale points.
    """
    w = words(lang)
    a = np.asarray(pre, dtype=float)
    b = np.asarray(post, dtype=float)
    with plt.rc_context(_RC):
        fig, (ax, ax2) = _subplots(1, 2, figsize=(8.5, 2.6), gridspec_kw={"width_ratios": [3, 1.3]})
        rng = np.random.default_rng(0)  # jitter and sample only; fixed for reproducible charts
        sampled = False
        for yi, data, colour in ((1, a, "#999999"), (0, b, TOTAL)):
            d = data[np.isfinite(data)]
            if d.size:
                ax.boxplot(
                    d,
                    positions=[yi],
                    widths=0.5,
                    showfliers=False,
                    **_HORIZONTAL,
                    medianprops=dict(color="#000000"),
                    boxprops=dict(color=colour),
                    whiskerprops=dict(color=colour),
                    capprops=dict(color=colour),
                )
                pts = d
                if d.size > MAX_POINTS:
                    pts = d[np.sort(rng.choice(d.size, MAX_POINTS, replace=False))]
                    sampled = True
                ax.scatter(pts, yi + rng.uniform(-0.15, 0.15, pts.size), s=9, color=colour, alpha=0.55, zorder=3)
                ax.plot([d.mean()], [yi], marker="D", color="#000000", markersize=5, zorder=4)
        ax.set_yticks([0, 1])
        ax.set_yticklabels([w("chart_after"), w("chart_before")])
        if scale:
            ax.set_xlim(scale[0] - 0.02 * (scale[1] - scale[0]), scale[1] + 0.02 * (scale[1] - scale[0]))
        note = w("chart_sampled", points=w.integer(MAX_POINTS)) if sampled else ""
        # Each axis label wrapped to its axis's width (the two sit side by side).
        ax.set_xlabel(_wrap(w("chart_score_axis", unit=for_chart(unit or w("unit_points")), note=note), 70))
        _number_axis(ax, w)
        ax.set_title(title or w("chart_before_after_title"))
        ax2.axvline(0, color="#000000", linewidth=0.8)
        if mean_change is not None and np.isfinite(mean_change):
            good = (mean_change < 0) if lower_is_better else (mean_change > 0)
            colour = POSITIVE if good else NEGATIVE
            if ci is not None and all(np.isfinite(ci)):
                ax2.plot(ci, [0, 0], color=colour, linewidth=3)
            ax2.plot([mean_change], [0], "o", color=colour, markersize=8)
            ax2.text(
                mean_change,
                0.25,
                ("+" if mean_change > 0 else "−" if mean_change < 0 else "") + w.num(abs(mean_change)),
                ha="center",
                fontsize=9,
                fontweight="bold",
            )
            ext = max(abs(mean_change), *(abs(c) for c in (ci or (0, 0)) if np.isfinite(c))) * 1.6 + 1e-9
            ax2.set_xlim(-ext, ext)
        ax2.set_ylim(-1, 1)
        ax2.set_yticks([])
        ax2.spines["left"].set_visible(False)
        _number_axis(ax2, w)
        ax2.set_xlabel(_wrap(w("chart_change_axis", level=w.pct(level)), 30))
        ax2.set_title(w("chart_change_title"), fontsize=10)
        fig.tight_layout()
        return fig, title or w("chart_before_after_title")
