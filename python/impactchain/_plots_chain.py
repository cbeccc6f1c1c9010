"""The outcome-chain diagram, laid out by Graphviz ``dot``.

``dot`` (run as a program, SVG output) places the boxes in columns by level
(input → impact) and every edge label as a node of its own between two columns,
so no label is drawn over a box or over another label at any model size (the
layered layout of Gansner et al. 1993, "A technique for drawing directed graphs").
Labels are Graphviz HTML-like labels with every user character escaped; names
are shown literally (bidirectional and control characters made visible, as on
every chart). Without Graphviz, :func:`chain_diagram` raises
:class:`GraphvizNotFoundError` saying what to install; the report then lists the
chain's steps as text and says why the diagram is missing."""

from __future__ import annotations

import html
import math
import shutil
import subprocess
import textwrap
from collections.abc import Mapping, Sequence

from impactchain._i18n import N_, Words, words
from impactchain._plots_style import LEVEL_COLOURS, inline_svg
from impactchain._text import for_chart

#: Levels of a results chain, left to right in the chain diagram.
LEVELS = ("input", "activity", "output", "outcome", "impact")

#: The message key of each level's name, drawn over its boxes.
_LEVEL_WORDS = {
    "input": N_("chart_level_input"),
    "activity": N_("chart_level_activity"),
    "output": N_("chart_level_output"),
    "outcome": N_("chart_level_outcome"),
    "impact": N_("chart_level_impact"),
}

#: Longest a Graphviz run may take (seconds); a chain of thousands of nodes takes about one.
DOT_TIMEOUT = 120

_FONT = "DejaVu Sans"


class GraphvizNotFoundError(RuntimeError):
    """The Graphviz program ``dot``, which lays out the outcome-chain diagram, is not installed."""


def _dot_program() -> str:
    found = shutil.which("dot")
    if not found:
        raise GraphvizNotFoundError(
            "the outcome-chain diagram is laid out by Graphviz, whose program 'dot' was not found on PATH; "
            "install Graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz)"
        )
    return found


def _lines(text: str, width: int, most: int = 4) -> list[str]:
    """Chart text wrapped at ``width`` characters, at most ``most`` lines (the last ending in '…')."""
    lines = textwrap.wrap(" ".join(for_chart(text).split()), width=width, break_long_words=True) or [""]
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1][: width - 1] + "…"
    return lines


def _label(lines: Sequence[str]) -> str:
    """Escaped text lines as the inside of a Graphviz HTML-like label; a backslash doubled,
    since Graphviz reads ``\\N``, ``\\G`` … as escapes even there (and a character reference too)."""
    return "<BR/>".join(html.escape(line, quote=True).replace("\\", "\\\\") for line in lines)


def _quantity(n: Mapping, w: Words) -> str:
    q = n.get("quantity")
    if q is None or not isinstance(q, (int, float)) or not math.isfinite(q):
        return ""
    return w.plain(q) + (f" {n['unit']}" if n.get("unit") else "")


def dot_source(
    nodes: Sequence[Mapping], edges: Sequence[Mapping], *, title: str | None = None, lang: str | Words = "en"
) -> str:
    """The Graphviz DOT text of the diagram (node names ``n0``, ``n1`` …; no user text outside labels),
    its level names and quantities in ``lang``."""
    w = words(lang)
    known = [n for n in nodes if n.get("level") in LEVELS]
    name = {n["id"]: f"n{i}" for i, n in enumerate(known)}
    out = [
        "digraph chain {",
        f'graph [rankdir=LR, nodesep=0.22, ranksep=0.35, newrank=true, fontname="{_FONT}", pad=0.08,'
        ' bgcolor="transparent"];',
        f'node [shape=box, style="rounded,filled", fontname="{_FONT}", fontsize=9, color="#555555",'
        ' penwidth=0.8, margin="0.10,0.05"];',
        f'edge [fontname="{_FONT}", fontsize=8, fontcolor="#0b4f7a", color="#333333", arrowsize=0.6, penwidth=0.9];',
    ]
    if title:
        out.append(f"label=<<B>{_label(_lines(title, 80, 2))}</B>>; labelloc=t; fontsize=11;")
    for n in known:
        level = w(_LEVEL_WORDS[n["level"]]).upper()
        parts = [
            f'<FONT POINT-SIZE="7" COLOR="#555555">{html.escape(level)}</FONT>',
            _label(_lines(n.get("name") or n["id"], 26)),
        ]
        q = _quantity(n, w)
        if q:
            parts.append(f"<B>{_label(_lines(q, 30, 2))}</B>")
        out.append(f'{name[n["id"]]} [label=<{"<BR/>".join(parts)}>, fillcolor="{LEVEL_COLOURS[n["level"]]}"];')
    columns = [[name[n["id"]] for n in known if n["level"] == lvl] for lvl in LEVELS]
    columns = [c for c in columns if c]
    for col in columns:  # one column per level …
        out.append("{rank=same; " + "; ".join(col) + ";}")
    for left, right in zip(columns, columns[1:]):  # … in the order of the levels
        out.append(f"{left[0]} -> {right[0]} [style=invis];")
    for e in edges:
        a, b = name.get(e.get("from")), name.get(e.get("to"))
        if a is None or b is None:
            continue
        rate = e.get("rate") or ""
        label = f", label=<{_label(_lines(rate, 30, 2))}>" if rate else ""
        out.append(f"{a} -> {b} [{label.lstrip(', ')}];" if label else f"{a} -> {b};")
    out.append("}")
    return "\n".join(out) + "\n"


def _empty(w: Words) -> str:
    text = html.escape(w("chart_chain_empty"))
    return inline_svg(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="300pt" height="30pt" viewBox="0 0 300 30">'
        f'<text x="150" y="19" text-anchor="middle" font-family="{_FONT}" font-size="10">{text}</text></svg>',
        w("chart_chain_title"),
    )


def chain_diagram(
    nodes: Sequence[Mapping],
    edges: Sequence[Mapping],
    *,
    title: str | None = None,
    lang: str | Words = "en",
) -> str:
    """The outcome chain as boxes in columns by level (input → impact) with arrows,
    laid out by Graphviz ``dot``: no label overlaps a box or another label.

    Parameters
    ----------
    nodes : sequence of mappings
        ``id``, ``name``, ``level`` (one of :data:`LEVELS`) and optionally
        ``quantity`` (a number) and ``unit``; shown as "30 participants".
    edges : sequence of mappings
        ``from``, ``to`` and optionally ``rate`` (a label such as "30 %").
    lang : "en", "nl" or a :class:`~impactchain._i18n.Words`
        The language of the level names and of the quantities' number format.

    Raises
    ------
    GraphvizNotFoundError
        Graphviz's ``dot`` is not installed (the message says how to install it).
    """
    w = words(lang)
    if not any(n.get("level") in LEVELS for n in nodes):
        return _empty(w)
    src = dot_source(nodes, edges, title=title, lang=w)
    run = subprocess.run(
        [_dot_program(), "-Tsvg"], input=src.encode("utf-8"), capture_output=True, timeout=DOT_TIMEOUT, check=False
    )
    if run.returncode != 0:
        why = run.stderr.decode("utf-8", "replace").strip()
        raise RuntimeError(f"Graphviz dot could not lay out the outcome chain (exit {run.returncode}): {why}")
    return inline_svg(run.stdout.decode("utf-8"), title or w("chart_chain_title"))
