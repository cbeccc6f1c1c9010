"""The Dutch report as PDF, read back as a reader gets it (pdftotext, pdftoppm): no English
word of the report's own text (the same check and terms of art as the Dutch HTML), numbers in
Dutch format, "pagina X van N" on every page, the document language nl, and every chart of the
HTML present, its own words (titles, axes, legends) in Dutch too."""

from __future__ import annotations

import html as html_lib
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from impactchain._i18n import words
from impactchain.report import build_report
from test_report_language import _dutch_model, _english_words, _user_text
from test_report_pdf import _info, _objects, _text, check_every_chart_is_in_the_pdf

pytest.importorskip("weasyprint")
pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("pdfinfo", "pdftotext", "pdftoppm")),
    reason="needs poppler-utils (pdfinfo, pdftotext, pdftoppm)",
)


def _flat(s: str) -> str:
    return " ".join(s.split())


@pytest.fixture(scope="module")
def dutch_pdf(tmp_path_factory):
    """minimal.yaml with its user text in Dutch, as a Dutch HTML page and PDF."""
    tmp = tmp_path_factory.mktemp("nlpdf")
    rep = build_report([_dutch_model(tmp)], draws=300, seed=5, lang="nl")
    pdf = tmp / "rapport.pdf"
    pdf.write_bytes(rep.to_pdf())
    return rep, rep.to_html(), pdf


def _wrapped(s: str) -> str:
    """A pattern of ``s`` as the PDF's text may hold it: wrapped at any character (a long model
    path breaks after a '-' or '/', and the line break reads as a space)."""
    return r"\s*".join(re.escape(c) for c in s if not c.isspace())


def _body(rep, page: str, pdf_text: str) -> str:
    """The PDF's text without the user's own text (names from the model, the model file's path,
    wherever a line wraps them) and without the messages the core writes in English, each marked
    "(in het Engels)" (lang="en" in the HTML)."""
    text = _flat(pdf_text)
    for english in re.findall(r'<span lang="en">(.*?)</span>', page, re.S):
        text = text.replace(_flat(html_lib.unescape(english)), " ")
    for own in _user_text(rep) + [rep.settings["impactchain_version"]]:
        text = re.sub(_wrapped(own), " ", text)
    return text


def test_dutch_pdf_has_no_english_word_of_the_reports_own_text(dutch_pdf):
    rep, page, pdf = dutch_pdf
    english = _english_words()
    assert {"the", "value", "which", "simulations", "interval"} & english  # the check can fail
    body = _body(rep, page, _text(pdf))
    found = {t for t in re.findall(r"[A-Za-z]{3,}", body) if t.lower() in english}
    assert found == set(), found


def test_dutch_pdf_numbers_are_in_dutch_format(dutch_pdf):
    rep, page, pdf = dutch_pdf
    text = _flat(_text(pdf))
    v = rep.sections[0].value
    assert "€ 150.000" in text  # minimal.yaml invests 150,000 (pdftotext gives the no-break space as a space)
    assert f"{v['sroi_ratio']:.2f}".replace(".", ",") in text
    assert words("nl").date(rep.settings["generated"]) in text  # the month in Dutch
    body = _body(rep, page, _text(pdf))
    english_decimal = r"(?<![\d.,])\d+\.\d{1,2}(?![\d.])"  # 0.73, 1.05: a decimal point, not a comma
    assert not re.search(english_decimal, body), re.findall(english_decimal, body)


def test_every_page_says_pagina_x_van_n_and_the_language_is_dutch(dutch_pdf):
    _rep, _page, pdf = dutch_pdf
    pages = int(_info(pdf)["Pages"])
    per_page = _text(pdf).split("\f")[:pages]
    for i, text in enumerate(per_page, start=1):
        assert f"pagina {i} van {pages}" in text, (i, text[-200:])
    assert "Inhoud" in per_page[0]
    assert b"/Lang (nl)" in _objects(pdf)


def test_every_chart_of_the_html_is_in_the_dutch_pdf(dutch_pdf, tmp_path):
    rep, page, pdf = dutch_pdf
    text = check_every_chart_is_in_the_pdf(page, pdf, 4)
    # The charts' own words are text in the PDF, in Dutch: titles, and the chain's level names.
    assert {"chain", "waterfall", "ratio", "tornado"} <= set(rep.sections[0].charts)
    for title in (
        "Van bruto waarde naar contante waarde",
        "Verdeling van de ratio over de simulaties",
        "Welke aannames de uitkomst het meest bewegen",
        "Aandeel van de simulaties",
    ):
        assert title in text, title
    dutch_levels = {
        "input": "INPUT",
        "activity": "ACTIVITEIT",
        "output": "OUTPUT",
        "outcome": "OUTCOME",
        "impact": "IMPACT",
    }
    for level in {n.level for n in rep.sections[0].model.chain.nodes}:
        assert dutch_levels[level] in text, level
    subprocess.run(["pdftoppm", "-r", "20", "-gray", str(pdf), str(tmp_path / "p")], check=True)
    assert len(list(tmp_path.glob("p-*.pgm"))) == int(_info(pdf)["Pages"])


def test_dutch_pdf_keeps_every_word_inside_the_page(tmp_path):
    # Dutch compounds in narrow table columns (the handyman's soft outcome by group: its
    # "95%-betrouwbaarheidsinterval" column), the comparison's eight columns and a long file path
    # stay inside the right margin (15 mm of an A4 page, 595.3 pt wide).
    examples = Path(__file__).resolve().parents[2] / "examples" / "data"
    models = [examples / m for m in ("handyman.yaml", "market_cleaning.yaml", "traditional_provider.yaml")]
    pdf = tmp_path / "rapport.pdf"
    pdf.write_bytes(build_report(models, draws=200, seed=5, lang="nl").to_pdf())
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    right = [float(x) for x in re.findall(r'<word xMin="[^"]+" yMin="[^"]+" xMax="([^"]+)"', boxes)]
    assert len(right) > 500 and "betrouwbaarheids" in boxes and "Toelichting" in boxes
    edge = 595.3 - 15 / 25.4 * 72
    assert max(right) <= edge + 0.5, max(right)
