"""The portfolio's report as PDF (``impactchain portfolio --format pdf``), read back with
poppler as a reader gets it: A4 pages numbered in the report's language, every word inside the
page's margin, and only the formats asked written."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from impactchain.cli import main

pytest.importorskip("weasyprint")
pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("pdfinfo", "pdftotext")), reason="needs poppler-utils (pdfinfo, pdftotext)"
)

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "data" / "portfolio" / "portfolio.yaml"


def test_the_portfolio_report_as_a_dutch_pdf(tmp_path):
    out = tmp_path / "out"
    argv = ["portfolio", str(EXAMPLE), "--draws", "200", "--lang", "nl", "--format", "pdf", "-o", f"{out}/", "--quiet"]
    assert main(argv) == 0
    assert sorted(p.name for p in out.iterdir()) == ["report.pdf", "tables"]  # pdf only, as asked
    pdf = out / "report.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert "595.276 x 841.89 pts (A4)" in info and pages >= 3
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert " ".join(text.split()).startswith("Portefeuille: Wijkfonds (illustratieve portefeuille) Gemaakt op")
    assert all(f"pagina {i} van {pages}" in t for i, t in enumerate(text.split("\f")[:pages], start=1))
    # The forecast against the actual has ten columns: every word stays inside the right margin
    # (15 mm of the 595.3 pt page).
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    right = [float(x) for x in re.findall(r'<word xMin="[^"]+" yMin="[^"]+" xMax="([^"]+)"', boxes)]
    assert "disconteren" in text.replace("-\n", "").replace("‐\n", "") and len(right) > 300
    assert max(right) <= 595.3 - 15 / 25.4 * 72 + 0.5, max(right)


def test_an_unknown_format_is_refused_before_any_run(tmp_path, capsys):
    assert main(["portfolio", str(EXAMPLE), "--format", "html,docx", "-o", f"{tmp_path}/out/"]) == 2
    assert "unknown format 'docx'; the portfolio's report can be written as: html, md, pdf" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
