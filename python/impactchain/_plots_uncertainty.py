"""Charts of uncertainty and comparison: the Monte Carlo ratio distribution,
ratios with intervals, the tornado diagram, the cost-effectiveness plane and
acceptability curves."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from impactchain._defaults import DEFAULTS
from impactchain._i18n import Words, words

# Before pyplot: importing _plots_style selects matplotlib's Agg backend (never a window).
from impactchain._plots_style import (
    _RC,
    NEGATIVE,
    PALETTE,
    POSITIVE,
    TOTAL,
    Figure,
    _legend_label,
    _number_axis,
    _subplots,
    _wrap,
    chart,
    money_form,
)
from impactchain._result import deprecated

# isort: split
import matplotlib.pyplot as plt
import numpy as np

#: A white ground under a text drawn over the bars and lines, so that neither crosses its words.
_TEXT_GROUND = {"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1.5}

# --------------------------------------------------------------------------- uncertainty


@chart
def ratio_histogram(
    draws: Iterable[float],
    *,
    lower: float | None = None,
    upper: float | None = None,
    level: float | None = None,
    central: float | None = None,
    title: str | None = None,
    xlabel: str | None = None,
    p05: float | None = None,
    p95: float | None = None,
    lang: str | Words = "en",
) -> tuple[Figure, str]:
    """Monte Carlo distribution of the ratio with its interval (``lower`` to ``upper``, holding
    ``level`` of the draws: "95% interval"), the median (``central``) and the 1.0 line; words
    and numbers in ``lang``. ``p05``/``p95`` (earlier releases: the 5th to 95th percentile, a
    90 % interval) still work, with a DeprecationWarning."""
    w = words(lang)
    if p05 is not None or p95 is not None:
        deprecated("ratio_histogram(p05=, p95=)", "lower=, upper= and level=")
        lower, upper, level = p05, p95, 0.90
    x = np.asarray(list(draws), dtype=float)
    x = x[np.isfinite(x)]
    with plt.rc_context(_RC):
        fig, ax = _subplots(figsize=(7.5, 3.2))
        if x.size:
            lo, hi = np.quantile(x, [0.002, 0.998])
            bins = np.linspace(min(lo, 0.95), max(hi, 1.05), 50)
            tail = float(np.mean((x < bins[0]) | (x > bins[-1])))
            if tail > 0:
                ax.text(
                    0.99,
                    0.84,
                    w("chart_beyond_axis", share=w.pct(tail)),
                    transform=ax.transAxes,
                    ha="right",
                    va="top",
                    fontsize=7.5,
                    color="#555555",
                    bbox=_TEXT_GROUND,
                )
            counts, edges = np.histogram(np.clip(x, bins[0], bins[-1]), bins=bins)
            share = counts / x.size
            below = np.where(edges[:-1] < 1.0, share, 0.0)  # one filled outline per side of 1: few SVG elements
            ax.stairs(below, edges, fill=True, color=NEGATIVE, alpha=0.85)
            ax.stairs(share - below, edges, fill=True, color=TOTAL, alpha=0.85)
            # Room above the bars for the two texts at the top (the highest bar at 70 % of the height).
            ax.set_ylim(0, max(float(share.max()), 1e-12) / 0.70)
            ax.text(
                0.99,
                0.95,
                w("chart_p_above_1", share=w.pct(float(np.mean(x > 1.0)))),
                transform=ax.transAxes,
                ha="right",
                va="top",
                fontsize=9,
                fontweight="bold",
                bbox=_TEXT_GROUND,
            )
        ax.axvline(1.0, color="#000000", linewidth=1.2, label=w("chart_one_line", one=w.num(1, 1)))
        if lower is not None and upper is not None:
            if level is None:
                raise ValueError(
                    "ratio_histogram: level is required with lower and upper (the share of draws "
                    "the interval holds, e.g. 0.95)"
                )
            ax.axvspan(
                lower,
                upper,
                color="#999999",
                alpha=0.12,
                label=w("chart_interval", level=w.pct(level), low=w.num(lower), high=w.num(upper)),
            )
        if central is not None:
            ax.axvline(
                central, color=TOTAL, linestyle="--", linewidth=1.0, label=w("chart_median", value=w.num(central))
            )
        ax.set_xlabel(xlabel or w("chart_ratio_axis"))
        ax.set_ylabel(w("chart_share_axis"))
        _number_axis(ax, w)
        _number_axis(ax, w, "y", share=True)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3, fontsize=8, frameon=False)
        ax.set_title(title or w("chart_ratio_title"))
        return fig, title or w("chart_ratio_title")


@chart
def ratio_intervals(
    names: Sequence[str],
    central: Sequence[float],
    low: Sequence[float],
    high: Sequence[float],
    *,
    roles: Sequence[str] | None = None,
    level: float | None = None,
    title: str | None = None,
    xlabel: str | None = None,
    lang: str | Words = "en",
) -> tuple[Figure, str]:
    """One row per intervention: central ratio and its interval (``low`` to ``high`` at ``level``,
    default ``DEFAULTS.level``), with the 1.0 line; words and numbers in ``lang``."""
    w = words(lang)
    level = DEFAULTS.level if level is None else level
    with plt.rc_context(_RC):
        n = len(names)
        fig, ax = _subplots(figsize=(7.5, 0.7 + 0.5 * max(1, n)))
        y = np.arange(n)[::-1]
        for i, yi in enumerate(y):
            colour = "#777777" if roles is not None and roles[i] == "comparator" else TOTAL
            lo, hi, c = low[i], high[i], central[i]
            if lo is not None and hi is not None and np.isfinite(lo) and np.isfinite(hi):
                ax.plot([lo, hi], [yi, yi], color=colour, linewidth=2.2, solid_capstyle="butt")
            if c is not None and np.isfinite(c):
                ax.plot([c], [yi], "o", color=colour, markersize=7)
                ax.text(c, yi + 0.22, w.num(c), ha="center", va="bottom", fontsize=8)
        ax.axvline(1.0, color="#000000", linewidth=1.0)
        ax.set_yticks(y)
        lab = [
            _wrap(nm + (" " + w("comparator_mark") if roles is not None and roles[i] == "comparator" else ""), 36)
            for i, nm in enumerate(names)
        ]
        ax.set_yticklabels(lab)
        ax.set_ylim(-0.7, n - 0.3)
        ax.set_xlabel(xlabel or w("chart_ratio_axis"))
        _number_axis(ax, w)
        ax.set_title(title or w("chart_ratios_title", level=w.pct(level)))
        return fig, title or w("chart_ratios_title", level=w.pct(level))


@chart
def tornado(
    labels: Sequence[str],
    low: Sequence[float],
    high: Sequence[float],
    base: float,
    *,
    title: str | None = None,
    xlabel: str | None = None,
    max_bars: int = 10,
    lang: str | Words = "en",
) -> tuple[Figure, str]:
    """One-way sensitivity: the output at each parameter's low and high value,
    bars sorted by swing, the base case as a vertical line; words and numbers in ``lang``."""
    w = words(lang)
    lo = np.asarray(low, dtype=float)
    hi = np.asarray(high, dtype=float)
    swing = np.abs(hi - lo)
    order = np.argsort(-swing)[:max_bars]
    with plt.rc_context(_RC):
        fig, ax = _subplots(figsize=(7.5, 0.7 + 0.42 * max(1, len(order))))
        y = np.arange(len(order))[::-1]
        for yi, k in zip(y, order):
            a, b = lo[k], hi[k]
            ax.barh(yi, a - base, left=base, color=NEGATIVE if a < base else POSITIVE, height=0.6)
            ax.barh(yi, b - base, left=base, color=POSITIVE if b > base else NEGATIVE, height=0.6, alpha=0.75)
            ax.text(min(a, b), yi, w.num(min(a, b)) + " ", va="center", ha="right", fontsize=7.5)
            ax.text(max(a, b), yi, " " + w.num(max(a, b)), va="center", ha="left", fontsize=7.5)
        ax.axvline(base, color="#000000", linewidth=1.0)
        ax.axvline(1.0, color="#777777", linewidth=0.8, linestyle=":")
        ax.set_yticks(y)
        ax.set_yticklabels([_wrap(labels[k], 40) for k in order], fontsize=8)
        span = np.nanmax(np.r_[lo[order], hi[order], base]) - np.nanmin(np.r_[lo[order], hi[order], base])
        ax.set_xlim(
            np.nanmin(np.r_[lo[order], hi[order], base]) - 0.15 * span - 1e-9,
            np.nanmax(np.r_[lo[order], hi[order], base]) + 0.15 * span + 1e-9,
        )
        ax.set_xlabel(w("chart_tornado_axis_note", axis=xlabel or w("chart_tornado_axis"), base=w.num(base)))
        _number_axis(ax, w)
        ax.set_title(title or w("chart_tornado_title"))
        return fig, title or w("chart_tornado_title")


# --------------------------------------------------------------------------- comparison


@chart
def ce_plane(
    delta_effect: Mapping[str, Sequence[float]],
    delta_cost: Mapping[str, Sequence[float]],
    *,
    wtp: float | None = None,
    effect_label: str | None = None,
    cost_label: str | None = None,
    comparator: str = "comparator",
    title: str | None = None,
    currency: str = "EUR",
    lang: str | Words = "en",
) -> tuple[Figure, str]:
    """Cost-effectiveness plane: clouds of (ΔE, ΔC) draws per strategy versus the
    comparator, with means marked and, optionally, a willingness-to-pay line;
    words, numbers and money (``currency``) in ``lang``."""
    w = words(lang)
    with plt.rc_context(_RC):
        fig, ax = _subplots(figsize=(7.5, 5.0))
        allx, ally = [0.0], [0.0]
        for i, name in enumerate(delta_effect):
            x = np.asarray(delta_effect[name], dtype=float)
            y = np.asarray(delta_cost[name], dtype=float)
            ok = np.isfinite(x) & np.isfinite(y)
            x, y = x[ok], y[ok]
            if x.size > 400:
                pick = np.linspace(0, x.size - 1, 400).astype(int)
                xs, ys = x[pick], y[pick]
            else:
                xs, ys = x, y
            colour = PALETTE[i % len(PALETTE)]
            ax.scatter(xs, ys, s=6, alpha=0.25, color=colour, linewidths=0)
            if x.size:
                ax.scatter(
                    [x.mean()], [y.mean()], s=60, color=colour, edgecolor="#000000", zorder=5, label=_legend_label(name)
                )
                allx += [x.min(), x.max()]
                ally += [y.min(), y.max()]
        ax.axhline(0, color="#333333", linewidth=0.7)
        ax.axvline(0, color="#333333", linewidth=0.7)
        if wtp is not None:
            xs = np.linspace(min(allx), max(allx), 10)
            ax.plot(
                xs,
                wtp * xs,
                color="#777777",
                linestyle="--",
                linewidth=0.9,
                label=w("chart_wtp_line", wtp=w.plain(wtp)),
            )
        ax.set_xlabel(effect_label or w("chart_effect_axis", currency=currency))
        ax.set_ylabel(cost_label or w("chart_cost_axis", currency=currency))
        line = [wtp * min(allx), wtp * max(allx)] if wtp is not None else []
        money_form(ax, currency, w, "xy", allx + ally + line)  # both axes in one form, by the largest amount drawn
        ax.text(
            0.99,
            0.01,
            w("chart_origin", comparator=comparator),
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            fontsize=8,
            color="#555555",
            bbox=_TEXT_GROUND,
        )
        ax.text(
            0.99,
            0.99,
            w("chart_more_value_more_cost"),
            transform=ax.transAxes,
            ha="right",
            va="top",
            fontsize=7.5,
            color="#777777",
            bbox=_TEXT_GROUND,
        )
        ax.text(
            0.99,
            0.10,
            w("chart_dominant"),
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            fontsize=7.5,
            color="#777777",
            bbox=_TEXT_GROUND,
        )
        ax.legend(fontsize=8, frameon=False, loc="upper left")
        ax.set_title(title or w("chart_ce_plane_title"))
        return fig, title or w("chart_ce_plane_title")


@chart
def ceac(
    wtp: Sequence[float],
    probabilities: Mapping[str, Sequence[float]],
    *,
    xlabel: str | None = None,
    title: str | None = None,
    lang: str | Words = "en",
) -> tuple[Figure, str]:
    """Cost-effectiveness acceptability curves: for each willingness to pay,
    the share of simulations in which each strategy has the highest net benefit;
    words and numbers in ``lang``."""
    w = words(lang)
    with plt.rc_context(_RC):
        fig, ax = _subplots(figsize=(7.5, 3.6))
        k = np.asarray(wtp, dtype=float)
        for i, (name, p) in enumerate(probabilities.items()):
            ax.plot(
                k,
                np.asarray(p, dtype=float),
                color=PALETTE[i % len(PALETTE)],
                linewidth=1.6,
                label=_legend_label(name),
                linestyle=["-", "--", "-.", ":"][i // len(PALETTE) % 4],
            )
        ax.set_ylim(-0.02, 1.02)
        ax.set_xlabel(xlabel or w("chart_wtp_axis"))
        ax.set_ylabel(w("chart_prob_best_axis"))
        _number_axis(ax, w)
        _number_axis(ax, w, "y", share=True)
        ax.legend(fontsize=8, frameon=False, loc="center left", bbox_to_anchor=(1.0, 0.5))
        ax.set_title(title or w("chart_ceac_title"))
        return fig, title or w("chart_ceac_title")
