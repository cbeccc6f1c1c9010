"""Charts of what one intervention achieves: the outcome chain, the value
waterfall, value by stakeholder and investment by funder, and the before/after
profile of a soft outcome."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

# Before pyplot: importing _plots_style selects matplotlib's Agg backend (never a window).
from impactchain._plots_style import (
    _HORIZONTAL,
    _RC,
    LEVEL_COLOURS,
    NEGATIVE,
    PALETTE,
    POSITIVE,
    TOTAL,
    _money_axis,
    _svg,
    _wrap,
    money,
)

# isort: split
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from impactchain._text import for_chart

#: Most respondents drawn as points per distribution in ``soft_profile`` (a seeded sample beyond).
MAX_POINTS = 2000

#: Levels of a results chain, left to right in the chain diagram.
LEVELS = ("input", "activity", "output", "outcome", "impact")


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
                ax.text(mx, my + 0.07, _wrap(e["rate"], 30), ha="center", va="bottom", fontsize=7.5, color="#0b4f7a",
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
        for i, (_lab, v) in enumerate(zip(labels, vals)):
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
    distributions (box and points) and the mean change with its interval.

    The box and the mean use every respondent; at most ``MAX_POINTS`` points are
    drawn per distribution (a seeded random sample beyond that, said on the axis),
    so that the chart's size does not grow with the survey.
    """
    a = np.asarray(pre, dtype=float)
    b = np.asarray(post, dtype=float)
    with plt.rc_context(_RC):
        fig, (ax, ax2) = plt.subplots(1, 2, figsize=(8.5, 2.6), gridspec_kw={"width_ratios": [3, 1.3]})
        rng = np.random.default_rng(0)  # jitter and sample only; fixed for reproducible charts
        sampled = False
        for yi, data, colour, _lab in ((1, a, "#999999", "Before"), (0, b, TOTAL, "After")):
            d = data[np.isfinite(data)]
            if d.size:
                ax.boxplot(d, positions=[yi], widths=0.5, showfliers=False, **_HORIZONTAL,
                           medianprops=dict(color="#000000"), boxprops=dict(color=colour),
                           whiskerprops=dict(color=colour), capprops=dict(color=colour))
                pts = d
                if d.size > MAX_POINTS:
                    pts = d[np.sort(rng.choice(d.size, MAX_POINTS, replace=False))]
                    sampled = True
                ax.scatter(pts, yi + rng.uniform(-0.15, 0.15, pts.size), s=9, color=colour, alpha=0.55, zorder=3)
                ax.plot([d.mean()], [yi], marker="D", color="#000000", markersize=5, zorder=4)
        ax.set_yticks([0, 1])
        ax.set_yticklabels(["After", "Before"])
        if scale:
            ax.set_xlim(scale[0] - 0.02 * (scale[1] - scale[0]), scale[1] + 0.02 * (scale[1] - scale[0]))
        note = f"; points: a random {MAX_POINTS:,} of each" if sampled else ""
        ax.set_xlabel(f"Score ({for_chart(unit)}); ◆ = mean{note}")
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
