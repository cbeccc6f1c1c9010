"""The HTML report renders in a real browser (headless Debian chromium) with its charts.

Run with: python -m pytest -m browser tests/python/test_browser.py
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from impactchain.report import build_report

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "examples" / "data"


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        p = shutil.which(name)
        if p:
            return p
    pytest.skip("no chromium binary on PATH (Debian: apt-get install chromium)")


def _run(args: list[str], timeout: int = 120) -> subprocess.CompletedProcess:
    base = [
        _chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--hide-scrollbars",
    ]
    return subprocess.run(base + args, capture_output=True, timeout=timeout, check=False)


def _png_pixels(data: bytes) -> tuple[int, int, int, bytes]:
    """Minimal PNG decoder (8-bit RGB/RGBA, non-interlaced): width, height,
    bytes per pixel and the unfiltered pixel bytes (PNG spec, section 9)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    out = bytearray(h * stride)
    prev = bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        out[y * stride : (y + 1) * stride] = line
        prev = line
    return w, h, bpp, bytes(out)


@pytest.fixture(scope="module")
def report_file(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser")
    shutil.copytree(DATA / "surveys", out / "surveys")
    for m in ("market_cleaning.yaml", "traditional_provider.yaml"):
        shutil.copy(DATA / m, out / m)
    rep = build_report([out / "market_cleaning.yaml", out / "traditional_provider.yaml"], draws=300, seed=3)
    html = out / "report.html"
    html.write_text(rep.to_html(), encoding="utf-8")
    return html, rep


def test_rendered_dom_contains_the_charts(report_file):
    html, rep = report_file
    r = _run(["--dump-dom", html.as_uri()])
    assert r.returncode == 0, r.stderr.decode(errors="replace")[-2000:]
    dom = r.stdout.decode("utf-8", errors="replace")
    n_svg = len(re.findall(r"<svg\b", dom))
    expected = sum(len(s.charts) for s in rep.sections) + len(rep.comparison_charts) + len(rep.summary_charts)
    assert expected >= 4 and n_svg == expected
    assert 'id="summary"' in dom and "Methods and assumptions" in dom
    assert "<parsererror" not in dom  # inline SVG parsed as SVG, not as broken markup


def test_screenshot_is_not_blank(report_file, tmp_path):
    html, _ = report_file
    shot = tmp_path / "shot.png"
    r = _run([f"--screenshot={shot}", "--window-size=1200,3000", html.as_uri()])
    assert r.returncode == 0 and shot.is_file(), r.stderr.decode(errors="replace")[-2000:]
    w, h, bpp, px = _png_pixels(shot.read_bytes())
    assert (w, h) == (1200, 3000)
    # Share of pixels that are not (near) white, sampled on a grid: text and charts.
    dark = total = 0
    colours = set()
    for y in range(0, h, 7):
        row = px[y * w * bpp : (y + 1) * w * bpp]
        for x in range(0, w, 7):
            r_, g, b = row[x * bpp : x * bpp + 3]
            total += 1
            colours.add((r_ // 32, g // 32, b // 32))
            if r_ + g + b < 600:
                dark += 1
    assert 0.02 < dark / total < 0.6, dark / total
    assert len(colours) >= 8  # charts bring colour: not a page of plain text
