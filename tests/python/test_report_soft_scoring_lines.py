"""A soft outcome scored from item columns with ``max_missing``: the report's warnings say what
pro-rating did in a line per measurement (before and after apart), in every format and language
(docs/report.md, "Soft outcomes")."""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import subprocess

import pytest

import impactchain as ic

# A scale of the model's own, 3 items summed, at most 1 filled in. Respondent 1 left the second
# item empty before, respondent 2 the second after: one respondent pro-rated in each measurement,
# one answer filled in each.
MODEL = """\
impactchain: 1
name: Scoring lines
chain:
  nodes: [{id: meetings, level: activity, quantity: 12, unit: meetings}]
soft_outcomes:
  - id: trust
    name: Trust
    scale: {items: [q1, q2, q3], item_min: 1, item_max: 5}
    data: survey.csv
    pre: [a1, a2, a3]
    post: [b1, b2, b3]
    max_missing: 1
    resamples: 0
"""
SURVEY = "a1,a2,a3,b1,b2,b3\n2,,4,3,3,3\n3,3,3,4,,4\n1,2,3,2,3,4\n2,2,2,3,3,3\n1,1,2,2,3,3\n"

# The catalogue's words: default_soft, read_scored, measurement_pre/_post, soft_prorated_one_each.one.
LINES = {
    "en": [
        "soft outcome 'Trust': survey.csv, before: 1 respondent had one missing answer filled in pro rata (with the "
        "mean of their other answers)",
        "soft outcome 'Trust': survey.csv, after: 1 respondent had one missing answer filled in pro rata (with the "
        "mean of their other answers)",
    ],
    "nl": [
        "zacht effect 'Trust': survey.csv, voormeting: bij 1 respondent is één ontbrekend antwoord aangevuld (naar "
        "rato: met het gemiddelde van de andere antwoorden)",
        "zacht effect 'Trust': survey.csv, nameting: bij 1 respondent is één ontbrekend antwoord aangevuld (naar "
        "rato: met het gemiddelde van de andere antwoorden)",
    ],
}


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scoring")
    (folder / "survey.csv").write_text(SURVEY, encoding="utf-8")
    (folder / "model.yaml").write_text(MODEL, encoding="utf-8")
    return ic.build_report([folder / "model.yaml"], seed=1)


def _scoring(lines: list[str]) -> list[str]:
    return [x for x in lines if "survey.csv," in x]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_each_measurement_has_its_own_line_in_markdown_and_html(report, lang):
    rep = report.in_language(lang)
    md = rep.to_markdown().splitlines()
    assert _scoring([x[2:] for x in md if x.startswith("- ")]) == LINES[lang]
    items = [html.unescape(x) for x in re.findall(r"<li>(.*?)</li>", rep.to_html(), re.S)]
    assert _scoring(items) == LINES[lang]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_each_measurement_has_its_own_cell_in_the_workbook(report, lang):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(report.in_language(lang).to_xlsx()))
    cells = [c.value for ws in book.worksheets for r in ws.iter_rows() for c in r if isinstance(c.value, str)]
    assert _scoring(cells) == LINES[lang]


def test_each_measurement_is_its_own_warning_in_the_json(report):
    warnings = json.loads(report.to_json())["models"][0]["warnings"]
    assert _scoring(warnings) == LINES["en"]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils (pdftotext)")
def test_each_measurement_has_its_own_line_in_the_pdf(report, tmp_path):
    pytest.importorskip("weasyprint")
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(report.in_language("nl").to_pdf())
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    before, after = LINES["nl"]
    assert before in flat and after in flat  # each names the outcome: a line of its own
    assert "antwoorden); survey.csv" not in flat  # not the after's words run on after the before's
