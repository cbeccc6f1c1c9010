"""Charts for impact reports, each returned as a self-contained SVG string.

Every function draws with matplotlib's Agg/SVG backends (never a window),
closes its figure, and returns markup that can be inlined in HTML: no XML
prolog, no DOCTYPE, no metadata links, ids prefixed so that several charts on
one page never share an id. Text stays text (``svg.fonttype = 'none'``), so
it prints sharply and can be searched; matplotlib escapes it.

All functions take plain data (lists, dicts, NumPy arrays, DataFrames), not
result objects, so they can be used on their own:

>>> from impactchain import plots
>>> svg = plots.ratio_histogram([0.8, 1.2, 1.5, 1.1], p05=0.85, p95=1.45)
"""
from __future__ import annotations

import io
import itertools
import re
import textwrap
from typing import Iterable, Mapping, Sequence

import matplotlib

matplotlib.use("Agg", force=False)
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch  # noqa: E402

__all__ = [
    "chain_diagram",
    "waterfall",
    "stakeholder_bars",
    "funder_bars",
    "ratio_histogram",
    "ratio_intervals",
    "tornado",
    "soft_profile",
    "ce_plane",
    "ceac",
    "LEVELS",
]

#: Levels of a results chain, left to right in the chain diagram.
LEVELS = ("input", "activity", "output", "outcome", "impact")

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

_RC = {
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
}

_counter = itertools.count(1)

# boxplot's `vert` became `orientation` in matplotlib 3.10 (vert deprecated in 3.11).
_MPL = tuple(int(x) for x in matplotlib.__version__.split(".")[:2])
_HORIZONTAL = {"orientation": "horizontal"} if _MPL >= (3, 10) else {"vert": False}


def _svg(fig, label: str) -> str:
    """Serialise a figure to inline-ready SVG and close it."""
    buf = io.StringIO()
    try:
        fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    finally:
        plt.close(fig)
    text = buf.getvalue()
    text = re.sub(r"<\?xml[^>]*\?>\s*", "", text)
    text = re.sub(r"<!DOCTYPE[^>]*>\s*", "", text, flags=re.S)
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    text = re.sub(r"<!--.*?-->\s*", "", text, flags=re.S)
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
    return (str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#x27;"))


def _text(s: str) -> str:
    return str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _wrap(s: str, width: int) -> str:
    return "\n".join(textwrap.wrap(str(s), width=width, break_long_words=True)) or str(s)


def money(x: float, currency: str = "EUR", digits: int = 0) -> str:
    """12345.6 -> 'EUR 12,346'; large values in thousands or millions."""
    if x is None or not np.isfinite(x):
        return "n/a"
    sign = "-" if x < 0 else ""
    a = abs(x)
    if a >= 1e6:
        body = f"{a / 1e6:,.2f} million"
    elif a >= 1e4:
        body = f"{a / 1e3:,.0f}k"
    else:
        body = f"{a:,.{digits}f}"
    return f"{sign}{currency} {body}".strip()


def _money_axis(ax, currency: str, axis: str = "x") -> None:
    from matplotlib.ticker import FuncFormatter

    from matplotlib.ticker import MaxNLocator

    fmt = FuncFormatter(lambda v, _: money(v, currency))
    a = ax.xaxis if axis == "x" else ax.yaxis
    a.set_major_locator(MaxNLocator(nbins=5 if axis == "x" else 6))
    a.set_major_formatter(fmt)


# --------------------------------------------------------------------------- chain

def chain_diagram(
    nodes: Sequence[Mapping],
    edges: Sequence[Mapping],
    *,
    title: str | None = None,
) -> str:
    """The outcome chain as boxes in columns by level (input → impact) with arrows.

    Parameters
    ----------
    nodes : sequence of mappings
        ``id``, ``name``, ``level`` (one of :data:`LEVELS`) and optionally
        ``quantity`` (a number) and ``unit``; shown as "30 participants".
    edges : sequence of mappings
        ``from``, ``to`` and optionally ``rate`` (a label such as "30 %").
    """
    with plt.rc_context(_RC):
        cols = {lvl: [n for n in nodes if n.get("level") == lvl] for lvl in LEVELS}
        used = [lvl for lvl in LEVELS if cols[lvl]]
        if not used:
            fig, ax = plt.subplots(figsize=(6, 1))
            ax.axis("off")
            ax.text(0.5, 0.5, "The model has no outcome chain.", ha="center", va="center")
            return _svg(fig, "Outcome chain (empty)")
        rows = max(len(cols[lvl]) for lvl in used)
        box_w, box_h, gap_x, gap_y = 2.3, 0.95, 0.9, 0.35
        width = len(used) * box_w + (len(used) - 1) * gap_x
        height = rows * box_h + (rows - 1) * gap_y + 0.6
        fig, ax = plt.subplots(figsize=(max(6.0, width * 1.05), max(2.2, height * 1.05 + 0.3)))
        ax.set_xlim(-0.1, width + 0.1)
        ax.set_ylim(-0.1, height + 0.1)
        ax.axis("off")
        pos = {}
        for c, lvl in enumerate(used):
            x0 = c * (box_w + gap_x)
            ax.text(x0 + box_w / 2, height - 0.15, lvl.upper(), ha="center", va="top", fontsize=9,
                    color="#444444", fontweight="bold")
            col = cols[lvl]
            total = len(col) * box_h + (len(col) - 1) * gap_y
            top = (height - 0.5) - ((height - 0.5) - total) / 2
            for r, n in enumerate(col):
                y0 = top - (r + 1) * box_h - r * gap_y
                pos[n["id"]] = (x0, y0)
                ax.add_patch(FancyBboxPatch((x0, y0), box_w, box_h, boxstyle="round,pad=0.02,rounding_size=0.08",
                                            facecolor=LEVEL_COLOURS.get(lvl, "#eeeeee"), edgecolor="#555555",
                                            linewidth=0.8))
                label = _wrap(n.get("name") or n["id"], 26)
                lines = label.count("\n") + 1
                if lines > 3:
                    label = "\n".join(label.split("\n")[:3]) + "…"
                q = n.get("quantity")
                qtxt = ""
                if q is not None and np.isfinite(q):
                    qtxt = f"{q:,.1f}".rstrip("0").rstrip(".") + (f" {n.get('unit')}" if n.get("unit") else "")
                ax.text(x0 + box_w / 2, y0 + box_h * (0.6 if qtxt else 0.5), label, ha="center", va="center",
                        fontsize=8)
                if qtxt:
                    ax.text(x0 + box_w / 2, y0 + 0.14, _wrap(qtxt, 30), ha="center", va="bottom", fontsize=8,
                            fontweight="bold", color="#222222")
        for e in edges:
            if e.get("from") not in pos or e.get("to") not in pos:
                continue
            (xa, ya), (xb, yb) = pos[e["from"]], pos[e["to"]]
            same_col = abs(xa - xb) < 1e-9
            skip = (xb - xa) > box_w + gap_x + 1e-9  # jumps over a column: bend around its boxes
            if same_col:
                start, end = (xa + box_w, ya + box_h / 2), (xb + box_w, yb + box_h / 2)
                style = "arc3,rad=-0.5"
            elif skip:
                start, end = (xa + box_w / 2, ya), (xb + box_w / 2, yb)
                style = "arc3,rad=0.25"
            else:
                start, end = (xa + box_w, ya + box_h / 2), (xb, yb + box_h / 2)
                style = "arc3,rad=0"
            ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=11, color="#333333",
                                         linewidth=0.9, connectionstyle=style, shrinkA=1, shrinkB=1))
            if e.get("rate"):
                mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
                ax.text(mx, my + 0.07, str(e["rate"]), ha="center", va="bottom", fontsize=7.5, color="#0b4f7a",
                        bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.9))
        ax.set_ylim(-0.9, height + 0.1)  # room for edges bending below the boxes
        if title:
            ax.set_title(title)
        return _svg(fig, title or "Outcome chain")


# --------------------------------------------------------------------------- money

def waterfall(steps: Sequence[tuple[str, float]], *, currency: str = "EUR", title: str | None = None) -> str:
    """Value waterfall: the first step is a total (gross value), each further
    step a change (negative = a deduction), and the last step the resulting total.

    Parameters
    ----------
    steps : sequence of (label, amount)
        e.g. ``[("Gross", 1e5), ("Deadweight", -2e4), …, ("Present value", 6e4)]``.
        The first and last entries are drawn as totals from zero.
    """
    with plt.rc_context(_RC):
        labels = [s[0] for s in steps]
        vals = [float(s[1]) for s in steps]
        fig, ax = plt.subplots(figsize=(8, 3.6))
        running = 0.0
        top = max([abs(v) for v in vals] + [1.0])
        for i, (lab, v) in enumerate(zip(labels, vals)):
            if i == 0 or i == len(vals) - 1:
                bottom, h, colour = 0.0, v, TOTAL
                running = v if i == 0 else running
            else:
                bottom, h = running, v
                colour = NEGATIVE if v < 0 else POSITIVE
                running += v
            ax.bar(i, h, bottom=bottom, color=colour, width=0.65, edgecolor="#333333", linewidth=0.5)
            txt = money(v, currency) if (i == 0 or i == len(vals) - 1) else ("−" if v < 0 else "+") + money(abs(v), currency)
            ax.text(i, max(bottom, bottom + h) + top * 0.02, txt, ha="center", va="bottom", fontsize=8)
            if 0 < i < len(vals) - 1:
                ax.plot([i - 0.6, i + 0.6], [running, running], color="#999999", linewidth=0.6, linestyle=":")
        ax.set_xticks(range(len(labels)))
        ax.set_xticklabels([_wrap(lab, 13) for lab in labels], fontsize=8.5)
        ax.set_ylim(min(0, min(vals)) * 1.1, top * 1.15)
        _money_axis(ax, currency, "y")
        ax.axhline(0, color="#333333", linewidth=0.6)
        ax.set_title(title or "From gross value to present value")
        return _svg(fig, title or "Value waterfall")


def _hbars(items: Mapping[str, float], currency: str, title: str, colour: str) -> str:
    with plt.rc_context(_RC):
        names = list(items)
        vals = [float(items[k]) for k in names]
        fig, ax = plt.subplots(figsize=(7.5, 0.5 + 0.45 * max(1, len(names))))
        y = np.arange(len(names))[::-1]
        ax.barh(y, vals, color=colour, height=0.6)
        top = max([abs(v) for v in vals] + [1.0])
        for yi, v in zip(y, vals):
            ax.text(v + top * 0.01 if v >= 0 else v - top * 0.01, yi, money(v, currency), va="center",
                    ha="left" if v >= 0 else "right", fontsize=8.5)
        ax.set_yticks(y)
        ax.set_yticklabels([_wrap(n, 34) for n in names])
        ax.set_xlim(min(0, min(vals + [0])) * 1.25, top * 1.3)
        _money_axis(ax, currency, "x")
        ax.axvline(0, color="#333333", linewidth=0.6)
        ax.set_title(title)
        return _svg(fig, title)


def stakeholder_bars(values: Mapping[str, float], *, currency: str = "EUR", title: str | None = None) -> str:
    """Present value by stakeholder (horizontal bars, one per stakeholder)."""
    return _hbars(values, currency, title or "Present value by stakeholder", PALETTE[0])


def funder_bars(values: Mapping[str, float], *, currency: str = "EUR", title: str | None = None) -> str:
    """Investment by funder (horizontal bars)."""
    return _hbars(values, currency, title or "Investment by funder", PALETTE[1])


# --------------------------------------------------------------------------- uncertainty

def ratio_histogram(
    draws: Iterable[float],
    *,
    p05: float | None = None,
    p95: float | None = None,
    central: float | None = None,
    title: str | None = None,
    xlabel: str = "Social value per euro invested (SROI ratio)",
) -> str:
    """Monte Carlo distribution of the ratio with its 90 % interval and the 1.0 line."""
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
        if p05 is not None and p95 is not None:
            ax.axvspan(p05, p95, color="#999999", alpha=0.12, label=f"90 % interval {p05:.2f} – {p95:.2f}")
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
    title: str | None = None,
    xlabel: str = "Social value per euro invested (SROI ratio)",
) -> str:
    """One row per intervention: central ratio and its 90 % interval, with the 1.0 line."""
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
        ax.set_title(title or "Ratio with 90 % interval")
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


# --------------------------------------------------------------------------- soft

def soft_profile(
    pre: Sequence[float],
    post: Sequence[float],
    *,
    scale: tuple[float, float] | None = None,
    mean_change: float | None = None,
    ci: tuple[float, float] | None = None,
    unit: str = "points",
    title: str | None = None,
    lower_is_better: bool = False,
) -> str:
    """Before/after profile of a soft outcome in its own units: the two
    distributions (box and points) and the mean change with its interval."""
    a = np.asarray(pre, dtype=float)
    b = np.asarray(post, dtype=float)
    with plt.rc_context(_RC):
        fig, (ax, ax2) = plt.subplots(1, 2, figsize=(8.5, 2.6), gridspec_kw={"width_ratios": [3, 1.3]})
        rng = np.random.default_rng(0)  # jitter only; fixed for reproducible charts
        for yi, data, colour, lab in ((1, a, "#999999", "Before"), (0, b, TOTAL, "After")):
            d = data[np.isfinite(data)]
            if d.size:
                ax.boxplot(d, positions=[yi], widths=0.5, showfliers=False, **_HORIZONTAL,
                           medianprops=dict(color="#000000"), boxprops=dict(color=colour),
                           whiskerprops=dict(color=colour), capprops=dict(color=colour))
                ax.scatter(d, yi + rng.uniform(-0.15, 0.15, d.size), s=9, color=colour, alpha=0.55, zorder=3)
                ax.plot([d.mean()], [yi], marker="D", color="#000000", markersize=5, zorder=4)
        ax.set_yticks([0, 1])
        ax.set_yticklabels(["After", "Before"])
        if scale:
            ax.set_xlim(scale[0] - 0.02 * (scale[1] - scale[0]), scale[1] + 0.02 * (scale[1] - scale[0]))
        ax.set_xlabel(f"Score ({unit}); ◆ = mean")
        ax.set_title(title or "Before and after")
        ax2.axvline(0, color="#000000", linewidth=0.8)
        if mean_change is not None and np.isfinite(mean_change):
            good = (mean_change < 0) if lower_is_better else (mean_change > 0)
            colour = POSITIVE if good else NEGATIVE
            if ci is not None and all(np.isfinite(ci)):
                ax2.plot(ci, [0, 0], color=colour, linewidth=3)
            ax2.plot([mean_change], [0], "o", color=colour, markersize=8)
            ax2.text(mean_change, 0.25, f"{mean_change:+.2f}", ha="center", fontsize=9, fontweight="bold")
            ext = max(abs(mean_change), *(abs(c) for c in (ci or (0, 0)) if np.isfinite(c))) * 1.6 + 1e-9
            ax2.set_xlim(-ext, ext)
        ax2.set_ylim(-1, 1)
        ax2.set_yticks([])
        ax2.spines["left"].set_visible(False)
        ax2.set_xlabel("Mean change (95 % CI)")
        ax2.set_title("Change", fontsize=10)
        fig.tight_layout()
        return _svg(fig, title or "Soft outcome profile")


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
                           label=_wrap(name, 40))
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
                    label=_wrap(name, 40), linestyle=["-", "--", "-.", ":"][i // len(PALETTE) % 4])
        ax.set_ylim(-0.02, 1.02)
        ax.set_xlabel(xlabel)
        ax.set_ylabel("Probability best option")
        from matplotlib.ticker import PercentFormatter

        ax.yaxis.set_major_formatter(PercentFormatter(1.0))
        ax.legend(fontsize=8, frameon=False, loc="center left", bbox_to_anchor=(1.0, 0.5))
        ax.set_title(title or "Acceptability curves")
        return _svg(fig, title or "Acceptability curves")
