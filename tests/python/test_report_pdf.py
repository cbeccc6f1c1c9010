"""The report as PDF: A4 pages with "page X of Y", a contents list with page numbers,
every chart of the HTML, the document language and tags, and nothing fetched from
files or the network. Checked with poppler's pdfinfo, pdftotext and pdftoppm."""

from __future__ import annotations

import contextlib
import html as html_lib
import json
import re
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from impactchain.cli import main
from impactchain.report import build_report, write_report

weasyprint = pytest.importorskip("weasyprint")

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "examples" / "data"
POPPLER = all(shutil.which(t) for t in ("pdfinfo", "pdftotext", "pdftoppm"))
needs_poppler = pytest.mark.skipif(not POPPLER, reason="needs poppler-utils (pdfinfo, pdftotext, pdftoppm)")


def _info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _flat(s: str) -> str:
    return " ".join(s.split())


def _objects(pdf: Path) -> bytes:
    """The PDF's bytes with every compressed stream (object streams too) inflated."""
    raw = pdf.read_bytes()
    parts = [raw]
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", raw, re.S):
        with contextlib.suppress(zlib.error):  # a stream that is not zlib-compressed (e.g. an image)
            parts.append(zlib.decompress(m.group(1)))
    return b"".join(parts)


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """One model with every kind of chart, written as HTML and PDF in one run."""
    out = tmp_path_factory.mktemp("pdf") / "out"
    paths = write_report([DATA / "market_cleaning.yaml"], str(out) + "/", formats="html,pdf", draws=300)
    assert [p.name for p in paths] == ["report.html", "report.pdf"]
    return out / "report.html", out / "report.pdf"


@needs_poppler
def test_pdf_is_a4_tagged_with_title_and_language(written):
    html, pdf = written
    info = _info(pdf)
    assert "(A4)" in info["Page size"]
    assert info["Tagged"] == "yes"
    assert info["Title"] == "Social impact report: Market cleaning with job coaching"
    objects = _objects(pdf)
    lang = re.search(r'<html lang="([^"]+)"', html.read_text(encoding="utf-8")).group(1)
    assert f"/Lang ({lang})".encode() in objects
    assert b"/StructTreeRoot" in objects and b'pdfuaid:part="1"' in objects


@needs_poppler
def test_every_page_is_numbered_page_x_of_y(written):
    _, pdf = written
    pages = int(_info(pdf)["Pages"])
    assert pages >= 3
    text = _text(pdf)
    per_page = text.split("\f")[:pages]
    for i, page in enumerate(per_page, start=1):
        assert f"page {i} of {pages}" in page, (i, page[-200:])
    # In the report's sans-serif font, as the text above them: no serif font is embedded for them.
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert "DejaVu-Sans" in fonts and "Serif" not in fonts, fonts


@needs_poppler
def test_contents_list_gives_the_page_each_part_starts_on(written):
    html, pdf = written
    per_page = _text(pdf).split("\f")
    nav = re.search(r"<nav>(.*?)</nav>", html.read_text(encoding="utf-8"), re.S).group(1)
    entries = [html_lib.unescape(t) for t in re.findall(r">([^<]+)</a>", nav)]
    assert entries[0] == "Summary" and len(entries) >= 3
    first = per_page[0]
    assert "Contents" in first
    for entry in entries:
        m = re.search(re.escape(entry) + r"[ .]*?(\d+)\s*$", first, re.M)
        assert m, (entry, first[:800])
        page = int(m.group(1))
        # The part starts on that page: its heading is on it (with the section's name). Every part but
        # the first begins a page (print stylesheet), so its page starts with its heading and no page
        # before does; its name may well be written earlier (the summary names each model).
        assert entry in _flat(per_page[page - 1]), (entry, page)
        if page > 1:
            assert _flat(per_page[page - 1]).startswith(entry), (entry, page, per_page[page - 1][:200])
            assert not any(_flat(p).startswith(entry) for p in per_page[1 : page - 1]), (entry, page)


def check_every_chart_is_in_the_pdf(page: str, pdf: Path, at_least: int) -> str:
    """Every chart of the HTML ``page`` (each with its caption) is in the PDF: its caption is
    in the PDF's text. Returns that text (whitespace flattened)."""
    captions = [
        _flat(html_lib.unescape(re.sub(r"<[^>]+>", "", c)))
        for c in re.findall(r'<figcaption class="caption">(.*?)</figcaption>', page, re.S)
    ]
    charts = page.count('<figure class="chart">')
    assert charts >= at_least and len(captions) == charts
    text = _flat(_text(pdf))
    for c in captions:
        assert c[:60] in text, c
    return text


@needs_poppler
def test_the_pdf_has_every_chart_of_the_html(written):
    html, pdf = written
    text = check_every_chart_is_in_the_pdf(html.read_text(encoding="utf-8"), pdf, 5)
    # Chart titles are text in the SVG (svg.fonttype none), so they are text in the PDF as well.
    for t in ("Monte Carlo distribution of the ratio", "Which assumptions move the result most"):
        assert t in text


@needs_poppler
def test_every_page_renders(written, tmp_path):
    _, pdf = written
    pages = int(_info(pdf)["Pages"])
    subprocess.run(["pdftoppm", "-r", "20", "-gray", str(pdf), str(tmp_path / "p")], check=True)
    pgm = sorted(tmp_path.glob("p-*.pgm"))
    assert len(pgm) == pages
    for p in pgm:
        data = p.read_bytes()
        header_end = data.index(b"255\n") + 4
        assert min(data[header_end:]) < 128, f"{p.name} is blank"  # something is drawn on every page


@needs_poppler
def test_headings_are_kept_with_what_follows(written):
    """No page ends with a heading: the print stylesheet keeps each heading with its chart or text."""
    html, pdf = written
    page = html.read_text(encoding="utf-8")
    headings = {
        _flat(html_lib.unescape(re.sub(r"<[^>]+>", "", h)))
        for h in re.findall(r"<h[234][^>]*>(.*?)</h[234]>", page, re.S)
    }
    for body in _text(pdf).split("\f"):
        lines = [
            ln.strip() for ln in body.splitlines() if ln.strip() and not re.fullmatch(r"page \d+ of \d+", ln.strip())
        ]
        if lines:
            assert lines[-1] not in headings, lines[-1]


# --------------------------------------------------------------------------- nothing fetched

HOSTILE = (
    '<img src="file:///etc/passwd"> <img src="http://example.invalid/x.png"> '
    '<link rel="stylesheet" href="https://example.invalid/s.css"> <img src="../../etc/hostname">'
)


@pytest.fixture
def fetch_log(monkeypatch):
    """Every URL that reaches WeasyPrint's own fetcher (past impactchain's refusal)."""
    seen: list[str] = []
    real = weasyprint.urls.URLFetcher.fetch

    def spy(self, url, headers=None):
        seen.append(url)
        return real(self, url, headers)

    monkeypatch.setattr(weasyprint.urls.URLFetcher, "fetch", spy)
    return seen


@needs_poppler
def test_raw_html_with_file_and_network_urls_fetches_nothing(tmp_path, fetch_log):
    from impactchain._report_pdf import data_only_fetcher, html_to_pdf

    dot = (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA"
        "60e6kgAAAABJRU5ErkJggg=="
    )
    page = (
        f'<html lang="en"><head><title>t</title><style>@import url("http://example.invalid/i.css");'
        f'body{{background:url("file:///etc/hostname")}}</style></head>'
        f'<body><p>before</p>{HOSTILE}<img src="{dot}" alt="dot"><p>after</p></body></html>'
    )
    fetcher = data_only_fetcher()
    pdf = tmp_path / "raw.pdf"
    pdf.write_bytes(html_to_pdf(page, fetcher=fetcher))
    assert all(u.startswith("data:") for u in fetch_log), fetch_log
    assert any(u.startswith("data:") for u in fetch_log)  # data: URIs still work
    assert {
        "file:///etc/passwd",
        "http://example.invalid/x.png",
        "https://example.invalid/s.css",
        "file:///etc/hostname",
        "http://example.invalid/i.css",
    } <= set(fetcher.refused)
    text = _text(pdf)
    assert "before" in text and "after" in text and "root:" not in text


@needs_poppler
def test_a_model_with_urls_in_its_text_fetches_nothing(tmp_path, fetch_log):
    data = json.loads((REPO / "tests" / "data" / "model_basic.json").read_text(encoding="utf-8"))
    data["soft_outcomes"] = []
    data["name"] = HOSTILE
    data["description"] = HOSTILE + " <style>@import url(http://example.invalid/x.css)</style>"
    model = tmp_path / "m.json"
    model.write_text(json.dumps(data), encoding="utf-8")
    assert main(["report", str(model), "-o", str(tmp_path / "r.pdf"), "--draws", "100", "--quiet"]) == 0
    assert fetch_log == []
    text = _text(tmp_path / "r.pdf")
    assert "file:///etc/passwd" in _flat(text)  # shown as text, never fetched
    assert "root:" not in text


# --------------------------------------------------------------------------- entry points


def test_o_x_pdf_writes_pdf_and_a_directory_gets_pdf_only_when_asked(tmp_path, capsys):
    model = DATA / "market_cleaning.yaml"
    assert main(["report", str(model), "-o", str(tmp_path / "x.pdf"), "--draws", "100", "--quiet"]) == 0
    assert (tmp_path / "x.pdf").read_bytes()[:5] == b"%PDF-"
    assert capsys.readouterr().out.split() == [str(tmp_path / "x.pdf")]
    assert main(["report", str(model), "-o", str(tmp_path / "d") + "/", "--draws", "100", "--quiet"]) == 0
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == ["report.html", "report.json", "report.md"]


def test_report_to_pdf_returns_pdf_bytes():
    rep = build_report(DATA / "minimal.yaml", draws=100)
    assert rep.to_pdf()[:5] == b"%PDF-"


@pytest.mark.slow
def test_demo_writes_all_four_formats(tmp_path):
    out = str(tmp_path / "demo") + "/"
    assert main(["demo", "--format", "html,md,json,pdf", "-o", out, "--draws", "100", "--quiet"]) == 0
    names = sorted(p.name for p in (tmp_path / "demo").iterdir())
    assert names == ["portfolio", "report.html", "report.json", "report.md", "report.pdf"]  # and the demo portfolio
    assert (tmp_path / "demo" / "report.pdf").read_bytes()[:5] == b"%PDF-"


def test_without_weasyprint_pdf_is_refused_before_any_work_naming_the_extra(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint raises ImportError
    model = DATA / "minimal.yaml"
    assert main(["report", str(model), "-o", str(tmp_path / "x.pdf")]) == 2
    err = capsys.readouterr().err
    assert 'pip install "impactchain[pdf]"' in err and "reading" not in err
    from impactchain._report_pdf import PdfUnavailableError

    with pytest.raises(PdfUnavailableError, match=r"impactchain\[pdf\]"):
        write_report([model], tmp_path / "y", formats="html,pdf")
    assert list(tmp_path.iterdir()) == []
    assert write_report([model], tmp_path / "h.html", draws=100) == [tmp_path / "h.html"]  # other formats unaffected


def test_page_words_become_css_strings_and_counters():
    from impactchain._report_pdf import _counter_content, _css_string

    assert _counter_content("page {page} of {pages}") == '"page " counter(page) " of " counter(pages)'
    assert _counter_content("{page}/{pages}") == 'counter(page) "/" counter(pages)'
    assert _css_string('a "b" \\ </style>') == '"a \\"b\\" \\\\ \\3c /style>"'
