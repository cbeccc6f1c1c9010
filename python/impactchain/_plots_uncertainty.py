"""Charts of uncertainty and comparison: the Monte Carlo ratio distribution,
ratios with intervals, the tornado diagram, the cost-effectiveness plane and
acceptability curves."""
from __future__ import annotations

from typing import Iterable, Mapping, Sequence

from impactchain._result import deprecated
from impactchain._summary import interval_words
# Before pyplot: importing _plots_style selects matplotlib's Agg backend (never a window).
from impactchain._plots_style import _RC, NEGATIVE, PALETTE, POSITIVE, TOTAL, _legend_label, _svg, _wrap

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


# --------------------------------------------------------------------------- uncertainty

def ratio_histogram(
    draws: Iterable[float],
    *,
    lower: float | None = None,
    upper: float | None = None,
    level: float | None = None,
    central: float | None = None,
    title: str | None = None,
    xlabel: str = "Social value per euro invested (SROI ratio)",
    p05: float | None = None,
    p95: float | None = None,
) -> str:
    """Monte Carlo distribution of the ratio with its interval (``lower`` to ``upper``, named by
    its ``level``: "95 % interval") and the 1.0 line. ``p05``/``p95`` (earlier releases: the
    5th to 95th percentile, a 90 % interval) still work, with a DeprecationWarning."""
    if p05 is not None or p95 is not None:
        deprecated("ratio_histogram(p05=, p95=)", "lower=, upper= and level=")
        lower, upper, level = p05, p95, 0.90
    x = np.asarray(list(draws), dtype=float)
    x = x[np.isfinite(x)]
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(7.5, 3.2))
        if x.size:
            lo, hi = np.quantile(x, [0.002, 0.998])
            bins = np.linspace(min(lo, 0.95), max(hi, 1.05), 50)
            tail = float(np.mean((x < bins[0]) | (x > bins[-1])))
            if tail > 0:
                ax.text(0.99, 0.84, f"{tail:.1%} of simulations beyond the axis\n(counted in the end bars)",
                        transform=ax.transAxes, ha="right", va="top", fontsize=7.5, color="#555555")
            counts, edges = np.histogram(np.clip(x, bins[0], bins[-1]), bins=bins)
            share = counts / x.size
            below = np.where(edges[:-1] < 1.0, share, 0.0)  # one filled outline per side of 1: few SVG elements
            ax.stairs(below, edges, fill=True, color=NEGATIVE, alpha=0.85)
            ax.stairs(share - below, edges, fill=True, color=TOTAL, alpha=0.85)
            p_above = float(np.mean(x > 1.0))
            shown = ("over 99%" if 0.995 <= p_above < 1 else "under 1%" if 0 < p_above < 0.005 else f"{p_above:.0%}")
            ax.text(0.99, 0.95, f"P(ratio > 1) = {shown}", transform=ax.transAxes, ha="right", va="top",
                    fontsize=9, fontweight="bold")
        ax.axvline(1.0, color="#000000", linewidth=1.2, label="1.0: value equals investment")
        if lower is not None and upper is not None:
            words = interval_words(level) if level is not None else "interval"
            ax.axvspan(lower, upper, color="#999999", alpha=0.12, label=f"{words} {lower:.2f} – {upper:.2f}")
        if central is not None:
            ax.axvline(central, color=TOTAL, linestyle="--", linewidth=1.0, label=f"median {central:.2f}")
        ax.set_xlabel(xlabel)
        ax.set_ylabel("Share of simulations")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3, fontsize=8, frameon=False)
        ax.set_title(title or "Monte Carlo distribution of the ratio")
        return _svg(fig, title or "Ratio distribution")


def ratio_intervals(
    names: Sequence[str],
    central: Sequence[float],
    low: Sequence[float],
    high: Sequence[float],
    *,
    roles: Sequence[str] | None = None,
    level: float | None = None,
    title: str | None = None,
    xlabel: str = "Social value per euro invested (SROI ratio)",
) -> str:
    """One row per intervention: central ratio and its interval (``low`` to ``high``, named by its
    ``level`` in the title: "95 % interval"), with the 1.0 line."""
    with plt.rc_context(_RC):
        n = len(names)
        fig, ax = plt.subplots(figsize=(7.5, 0.7 + 0.5 * max(1, n)))
        y = np.arange(n)[::-1]
        for i, yi in enumerate(y):
            colour = "#777777" if roles is not None and roles[i] == "comparator" else TOTAL
            lo, hi, c = low[i], high[i], central[i]
            if lo is not None and hi is not None and np.isfinite(lo) and np.isfinite(hi):
                ax.plot([lo, hi], [yi, yi], color=colour, linewidth=2.2, solid_capstyle="butt")
            if c is not None and np.isfinite(c):
                ax.plot([c], [yi], "o", color=colour, markersize=7)
                ax.text(c, yi + 0.22, f"{c:.2f}", ha="center", va="bottom", fontsize=8)
        ax.axvline(1.0, color="#000000", linewidth=1.0)
        ax.set_yticks(y)
        lab = [_wrap(nm + (" (comparator)" if roles is not None and roles[i] == "comparator" else ""), 36)
               for i, nm in enumerate(names)]
        ax.set_yticklabels(lab)
        ax.set_ylim(-0.7, n - 0.3)
        ax.set_xlabel(xlabel)
        ax.set_title(title or ("Ratio with " + (interval_words(level) if level is not None else "interval")))
        return _svg(fig, title or "Ratios with intervals")


def tornado(
    labels: Sequence[str],
    low: Sequence[float],
    high: Sequence[float],
    base: float,
    *,
    title: str | None = None,
    xlabel: str = "SROI ratio",
    max_bars: int = 10,
) -> str:
    """One-way sensitivity: the output at each parameter's low and high value,
    bars sorted by swing, the base case as a vertical line."""
    lo = np.asarray(low, dtype=float)
    hi = np.asarray(high, dtype=float)
    swing = np.abs(hi - lo)
    order = np.argsort(-swing)[:max_bars]
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(7.5, 0.7 + 0.42 * max(1, len(order))))
        y = np.arange(len(order))[::-1]
        for yi, k in zip(y, order):
            a, b = lo[k], hi[k]
            ax.barh(yi, a - base, left=base, color=NEGATIVE if a < base else POSITIVE, height=0.6)
            ax.barh(yi, b - base, left=base, color=POSITIVE if b > base else NEGATIVE, height=0.6, alpha=0.75)
            ax.text(min(a, b), yi, f"{min(a, b):.2f} ", va="center", ha="right", fontsize=7.5)
            ax.text(max(a, b), yi, f" {max(a, b):.2f}", va="center", ha="left", fontsize=7.5)
        ax.axvline(base, color="#000000", linewidth=1.0)
        ax.axvline(1.0, color="#777777", linewidth=0.8, linestyle=":")
        ax.set_yticks(y)
        ax.set_yticklabels([_wrap(labels[k], 40) for k in order], fontsize=8)
        span = np.nanmax(np.r_[lo[order], hi[order], base]) - np.nanmin(np.r_[lo[order], hi[order], base])
        ax.set_xlim(np.nanmin(np.r_[lo[order], hi[order], base]) - 0.15 * span - 1e-9,
                    np.nanmax(np.r_[lo[order], hi[order], base]) + 0.15 * span + 1e-9)
        ax.set_xlabel(xlabel + f" (base case {base:.2f}; each assumption at its low and high value)")
        ax.set_title(title or "Which assumptions move the result most")
        return _svg(fig, title or "Tornado diagram")


# --------------------------------------------------------------------------- comparison

def ce_plane(
    delta_effect: Mapping[str, Sequence[float]],
    delta_cost: Mapping[str, Sequence[float]],
    *,
    wtp: float | None = None,
    effect_label: str = "Incremental social value (EUR, PV)",
    cost_label: str = "Incremental investment (EUR)",
    comparator: str = "comparator",
    title: str | None = None,
) -> str:
    """Cost-effectiveness plane: clouds of (ΔE, ΔC) draws per strategy versus the
    comparator, with means marked and, optionally, a willingness-to-pay line."""
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(7.5, 5.0))
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
                ax.scatter([x.mean()], [y.mean()], s=60, color=colour, edgecolor="#000000", zorder=5,
                           label=_legend_label(name))
                allx += [x.min(), x.max()]
                ally += [y.min(), y.max()]
        ax.axhline(0, color="#333333", linewidth=0.7)
        ax.axvline(0, color="#333333", linewidth=0.7)
        if wtp is not None:
            xs = np.linspace(min(allx), max(allx), 10)
            ax.plot(xs, wtp * xs, color="#777777", linestyle="--", linewidth=0.9,
                    label=f"willingness to pay {wtp:g} per unit")
        ax.set_xlabel(effect_label)
        ax.set_ylabel(cost_label)
        ax.text(0.99, 0.01, f"origin = {comparator}", transform=ax.transAxes, ha="right", va="bottom", fontsize=8,
                color="#555555")
        ax.text(0.99, 0.99, "more value,\nmore cost", transform=ax.transAxes, ha="right", va="top", fontsize=7.5,
                color="#777777")
        ax.text(0.99, 0.10, "more value, less cost\n(dominant)", transform=ax.transAxes, ha="right", va="bottom",
                fontsize=7.5, color="#777777")
        ax.legend(fontsize=8, frameon=False, loc="upper left")
        ax.set_title(title or "Cost-effectiveness plane")
        return _svg(fig, title or "Cost-effectiveness plane")


def ceac(
    wtp: Sequence[float],
    probabilities: Mapping[str, Sequence[float]],
    *,
    xlabel: str = "Willingness to pay per unit of effect",
    title: str | None = None,
) -> str:
    """Cost-effectiveness acceptability curves: for each willingness to pay,
    the share of simulations in which each strategy has the highest net benefit."""
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(7.5, 3.6))
        k = np.asarray(wtp, dtype=float)
        for i, (name, p) in enumerate(probabilities.items()):
            ax.plot(k, np.asarray(p, dtype=float), color=PALETTE[i % len(PALETTE)], linewidth=1.6,
                    label=_legend_label(name), linestyle=["-", "--", "-.", ":"][i // len(PALETTE) % 4])
        ax.set_ylim(-0.02, 1.02)
        ax.set_xlabel(xlabel)
        ax.set_ylabel("Probability best option")
        from matplotlib.ticker import PercentFormatter

        ax.yaxis.set_major_formatter(PercentFormatter(1.0))
        ax.legend(fontsize=8, frameon=False, loc="center left", bbox_to_anchor=(1.0, 0.5))
        ax.set_title(title or "Acceptability curves")
        return _svg(fig, title or "Acceptability curves")
