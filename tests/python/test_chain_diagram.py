"""The outcome-chain diagram is laid out by Graphviz dot: read back from the SVG's
coordinates, no box overlaps another, every text fits its box, and no edge label
touches a box or another label, on a small chain and on a 60-node chain, in English and
in Dutch (whose level names and number formats differ in width)."""

from __future__ import annotations

import itertools
import re
import shutil
from dataclasses import dataclass

import pytest
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath

from impactchain import plots
from impactchain._plots_chain import GraphvizNotFoundError, dot_source

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz dot")

_T2P = TextToPath()


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float
    what: str

    def overlaps(self, o: Box, gap: float = 0.0) -> bool:
        return self.x0 < o.x1 + gap and o.x0 < self.x1 + gap and self.y0 < o.y1 + gap and o.y0 < self.y1 + gap

    def inside(self, o: Box, slack: float = 0.5) -> bool:
        return (
            self.x0 >= o.x0 - slack and self.x1 <= o.x1 + slack and self.y0 >= o.y0 - slack and self.y1 <= o.y1 + slack
        )


def _unescape(s: str) -> str:
    return (
        s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&#39;", "'").replace("&amp;", "&")
    )


def _text_box(attrs: str, body: str) -> Box:
    """A text element's box from its anchor, font size and the width of its glyphs in
    the font the SVG names (measured with matplotlib's font metrics, not Graphviz's)."""
    num = {k: float(re.search(rf'{k}="([-\d.]+)"', attrs).group(1)) for k in ("x", "y", "font-size")}
    size = num["font-size"]
    bold = 'font-weight="bold"' in attrs
    family = re.search(r'font-family="([^"]+)"', attrs).group(1)
    fp = FontProperties(family=family, size=size, weight="bold" if bold else "normal")
    width, _, _ = _T2P.get_text_width_height_descent(_unescape(body), fp, ismath=False)
    anchor = re.search(r'text-anchor="(\w+)"', attrs).group(1)
    x0 = {"start": num["x"], "middle": num["x"] - width / 2, "end": num["x"] - width}[anchor]
    # From the top of the tallest glyph (ascent ~0.93 em) to the lowest descender (~0.24 em).
    return Box(x0, num["y"] - 0.93 * size, x0 + width, num["y"] + 0.24 * size, _unescape(body))


def _path_box(d: str, what: str) -> Box:
    xy = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", d)]
    xs, ys = xy[0::2], xy[1::2]
    return Box(min(xs), min(ys), max(xs), max(ys), what)


def _layout(svg: str) -> tuple[list[tuple[Box, list[Box]]], list[Box]]:
    """(box of each node with the boxes of its text lines, boxes of the edge labels)."""
    nodes, labels = [], []
    for cls, body in re.findall(r'<g id="[^"]+" class="(node|edge)">(.*?)</g>', svg, re.S):
        texts = [_text_box(a, t) for a, t in re.findall(r"<text([^>]*)>(.*?)</text>", body, re.S)]
        if cls == "node":
            shape = re.search(r'<(?:path|polygon)[^>]*?(?:d|points)="([^"]+)"', body).group(1)
            nodes.append((_path_box(shape, texts[1].what if len(texts) > 1 else "?"), texts))
        else:
            labels += texts
    return nodes, labels


def _check_no_overlap(svg: str, n_nodes: int, n_labels: int) -> None:
    nodes, labels = _layout(svg)
    assert len(nodes) == n_nodes and len(labels) == n_labels
    for (a, _), (b, _) in itertools.combinations(nodes, 2):
        assert not a.overlaps(b), (a, b)
    for box, texts in nodes:
        for t in texts:
            assert t.inside(box), (t, box)
        for lab in labels:
            assert not lab.overlaps(box), (lab, box)
    for a, b in itertools.combinations(labels, 2):
        assert not a.overlaps(b), (a, b)


def _chain(per_level: int) -> tuple[list[dict], list[dict]]:
    """A chain with ``per_level`` nodes on each of the five levels, long names,
    edges to the next level, edges that skip a level, and edges within a level."""
    levels = plots.LEVELS
    nodes = [
        {
            "id": f"{lvl}{i}",
            "name": f"{lvl.title()} number {i} with a rather long descriptive name",
            "level": lvl,
            "quantity": 1234.5 * (i + 1),
            "unit": "participants",
        }
        for lvl in levels
        for i in range(per_level)
    ]
    edges = []
    for k, (a, b) in enumerate(zip(levels, levels[1:])):
        for i in range(per_level):
            edges.append({"from": f"{a}{i}", "to": f"{b}{(i + k) % per_level}", "rate": f"{(i * 7) % 90 + 5}% (range)"})
    edges.append({"from": "input0", "to": f"outcome{per_level - 1}", "rate": "30 %"})  # skips two levels
    if per_level > 1:
        edges.append({"from": "output0", "to": "output1", "rate": "10 % (same level)"})
    return nodes, edges


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_small_chain_has_no_overlapping_labels(lang):
    nodes = [
        {"id": "money", "name": "Municipal grant", "level": "input", "quantity": 140000, "unit": "EUR"},
        {"id": "coaching", "name": "Job coaching", "level": "activity", "quantity": 30, "unit": "participants"},
        {"id": "placed", "name": "Placed in work", "level": "output", "quantity": 21, "unit": "participants"},
        {"id": "kept", "name": "In paid work after 12 months", "level": "outcome"},
    ]
    edges = [
        {"from": "money", "to": "coaching"},
        {"from": "coaching", "to": "placed", "rate": "70 %"},
        {"from": "placed", "to": "kept", "rate": "45% (range)"},
        {"from": "coaching", "to": "kept", "rate": "5 %"},
    ]
    svg = plots.chain_diagram(nodes, edges, lang=lang)
    _check_no_overlap(svg, 4, 3)
    assert "21 participants" in svg and "In paid work after 12" in svg  # names wrap at 26 characters
    # The level names in the report's language; quantities in its number format.
    assert ("ACTIVITEIT" if lang == "nl" else "ACTIVITY") in svg
    assert ("140.000 EUR" if lang == "nl" else "140,000 EUR") in svg


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_sixty_node_chain_has_no_overlapping_labels(lang):
    nodes, edges = _chain(12)
    assert len(nodes) == 60
    svg = plots.chain_diagram(nodes, edges, lang=lang)
    _check_no_overlap(svg, 60, len(edges))


def test_overlap_check_detects_overlap():
    """The check itself fails on a drawing with a label over a box (as the old diagram had)."""
    svg = (
        '<g id="a" class="node"><path d="M0,0 L100,0 L100,-40 L0,-40"/>'
        '<text text-anchor="start" x="5" y="-25" font-family="DejaVu Sans" font-size="7">OUTCOME</text>'
        '<text text-anchor="start" x="5" y="-10" font-family="DejaVu Sans" font-size="9">21 participants</text></g>'
        '<g id="b" class="edge"><text text-anchor="middle" x="50" y="-12" font-family="DejaVu Sans" '
        'font-size="8">45% (range)</text></g>'
    )
    with pytest.raises(AssertionError):
        _check_no_overlap(svg, 1, 1)


def test_labels_are_escaped_and_shown_literally():
    hostile = 'A & B <script>alert(1)</script> "q" \\N \\G {x}'
    svg = plots.chain_diagram(
        [{"id": "a", "name": hostile, "level": "activity"}, {"id": "b", "name": "&lt;b&gt;", "level": "outcome"}],
        [{"from": "a", "to": "b", "rate": "<i>50 %</i> & more"}],
    )
    assert "<script>" not in svg and "<i>" not in svg
    texts = [_unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)]
    assert any("<script>alert(1)</script>" in t for t in texts)  # wrapped over lines, but literal
    assert "&lt;b&gt;" in texts and "<i>50 %</i> & more" in texts
    assert "\\N \\G {x}" in " ".join(texts)
    src = dot_source([{"id": "a", "name": hostile, "level": "activity"}], [])
    assert "<script>" not in src and "&lt;script&gt;" in src


def test_without_dot_a_clear_error_and_the_report_says_why(monkeypatch):
    from impactchain.report import build_report

    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    with pytest.raises(GraphvizNotFoundError, match="install Graphviz"):
        plots.chain_diagram([{"id": "a", "name": "A", "level": "input"}], [])
    from pathlib import Path

    rep = build_report(Path(__file__).resolve().parents[2] / "examples" / "data" / "market_cleaning.yaml", draws=100)
    html = rep.to_html()
    assert "install Graphviz" in html and "chain diagram" in html
    assert any("install Graphviz" in c for c in rep.caveats)
    md = rep.to_markdown()
    assert "→" in md  # the chain's steps are still listed as text
