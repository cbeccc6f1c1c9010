"""Hostile text in a model reaches every report format as inert, visible text;
CSV exports cannot carry spreadsheet formulas; a large survey keeps the chart small."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from impactchain import plots
from impactchain._report_csv import FORMULA_START, csv_text, frame_csv, safe_cell, write_csv
from impactchain.report import write_report

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "examples" / "data"

MATH_OK = r"$\frac{1}{0}$"
MATH_BAD = r"$\frac{1}{0"  # not valid mathtext: must not end the report
DOLLAR = "$x$"
LINK = "[x](javascript:alert(1))"
IMAGE = "![i](http://example.invalid/a.png)"
SCRIPT = "<script>alert(1)</script>"
RLO, ZWSP, ANSI = "\u202e", "\u200b", "\x1b[31m"
EVERYTHING = f"{MATH_OK} {DOLLAR} {LINK} {IMAGE} {SCRIPT} {RLO}gnp.exe a{ZWSP}b {ANSI}red & <b>"


def _hostile_model(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "surveys", tmp_path / "surveys")
    model = {
        "impactchain": 1,
        "name": f"Wijk {DOLLAR} {LINK}",
        "description": EVERYTHING,
        "notes": f"{IMAGE} {SCRIPT}",
        "currency": "EUR",
        "price_year": 2024,
        "stakeholders": [{"id": "residents", "name": DOLLAR}, {"id": "city", "name": MATH_BAD}],
        "chain": {
            "nodes": [
                {"id": "coaching", "name": MATH_OK, "level": "activity", "quantity": 30, "unit": "people"},
                {"id": "employed", "name": f"{RLO}{SCRIPT}", "level": "outcome", "unit": "persons"},
            ],
            "edges": [{"from": "coaching", "to": "employed", "rate": {"triangular": [0.15, 0.25, 0.35]}}],
        },
        "outcomes": [
            {
                "id": "welfare",
                "name": EVERYTHING,
                "node": "employed",
                "stakeholder": "residents",
                "proxy": {"value": {"triangular": [12000, 15000, 17500]}, "currency": "EUR", "source": EVERYTHING},
            },
            {
                "id": "other",
                "name": MATH_BAD,
                "quantity": 3,
                "stakeholder": "city",
                "proxy": {"value": 1000, "currency": "EUR", "source": LINK},
            },
        ],
        "investments": [{"funder": "city", "amount": 150000}],
        "soft_outcomes": [
            {
                "id": "wellbeing",
                "name": f"{DOLLAR} {IMAGE} {RLO}",
                "scale": "swemwbs",
                "data": "surveys/market_cleaning.csv",
                "pre": "swemwbs_pre",
                "post": "swemwbs_post",
            }
        ],
    }
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(model, ensure_ascii=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module", params=["en", "nl"])
def written(tmp_path_factory, request):
    """The report in each language: the same escaping rules hold for both."""
    tmp = tmp_path_factory.mktemp("hostile")
    model = _hostile_model(tmp)
    files = write_report([model], tmp / "out", draws=200, seed=3, lang=request.param)
    return {p.suffix: p.read_text(encoding="utf-8") for p in files}


def test_report_is_written(written):
    assert {".html", ".md", ".json"} <= set(written)


def test_html_has_no_markup_or_invisible_characters_from_user_text(written):
    page = written[".html"]
    assert "<script" not in page.lower()
    assert 'href="javascript' not in page and "<img" not in page.lower()
    for ch in (RLO, ZWSP, "\x1b"):
        assert ch not in page
    assert "&lt;U+202E&gt;" in page and "&lt;script&gt;" in page


def test_svg_charts_keep_the_literal_dollar_text(written):
    svgs = "".join(re.findall(r"<svg.*?</svg>", written[".html"], flags=re.S))
    assert DOLLAR in svgs  # stakeholder bars and the soft-outcome chart
    assert MATH_OK in svgs  # a chain node: not typeset as a fraction
    assert MATH_BAD in svgs  # invalid mathtext is text, not an error


def _unescaped(markdown: str) -> str:
    """The Markdown with every backslash escape removed: what CommonMark reads as markup."""
    return re.sub(r"\\[!-/:-@\[-`{-~]", "", markdown)


def test_markdown_has_no_live_link_image_or_html(written):
    text = written[".md"]
    live = _unescaped(text)
    assert "](" not in live  # no link or image
    assert "<" not in live  # no raw HTML, no autolink
    assert "http://" not in live  # no GFM autolink either
    assert r"\[x\](javascript:alert(1))" in text and r"!\[i\](http\://example.invalid/a.png)" in text
    for ch in (RLO, ZWSP, "\x1b"):
        assert ch not in text


def test_markdown_has_no_html_entities_from_escaping(written):
    text = written[".md"]
    assert not re.search(r"&(lt|gt|amp|quot|#x?[0-9a-fA-F]+);", text)
    assert r"\<script\>" in text


def test_json_keeps_the_names_unchanged(written):
    data = json.loads(written[".json"])
    assert data["models"][0]["name"] == f"Wijk {DOLLAR} {LINK}"


# --------------------------------------------------------------------------- CSV exports


@pytest.mark.parametrize(
    "cell, expected",
    [
        ('=HYPERLINK("http://example.invalid","x")', '\'=HYPERLINK("http://example.invalid","x")'),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("plain text", "plain text"),
        ("a=b", "a=b"),
        (-3.5, -3.5),  # a number stays a number
        (7, 7),
        (None, ""),
        (float("nan"), ""),
    ],
)
def test_safe_cell(cell, expected):
    assert safe_cell(cell) == expected


def test_csv_export_neutralises_formulas_and_keeps_numbers(tmp_path):
    header = ["name", "value"]
    rows = [["=cmd|' /C calc'!A0", -12.5], ["@x", 3], ["-y", 0.25], ["ok", -1]]
    path = write_csv(tmp_path / "out.csv", header, rows)
    back = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    assert back[0] == ["name", "value"]
    assert [r[0] for r in back[1:]] == ["'=cmd|' /C calc'!A0", "'@x", "'-y", "ok"]
    assert [float(r[1]) for r in back[1:]] == [-12.5, 3.0, 0.25, -1.0]
    assert not [c for r in back for c in r if c.startswith(FORMULA_START) and not _is_number(c)]


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_frame_csv_goes_through_the_same_cell_rule():
    import pandas as pd

    df = pd.DataFrame({"stakeholder": ["=1+1", "Gemeente"], "value": [-100.0, 50.0]})
    assert frame_csv(df) == "stakeholder,value\n'=1+1,-100.0\nGemeente,50.0\n"
    assert csv_text(["=h"], [["+x"]]) == "'=h\n'+x\n"


# --------------------------------------------------------------------------- large surveys


def test_large_survey_chart_stays_small():
    rng = np.random.default_rng(1)
    n = 200_000
    pre = rng.integers(7, 36, n).astype(float)
    post = np.minimum(pre + rng.integers(-2, 5, n), 35)
    svg = plots.soft_profile(pre, post, scale=(7, 35), mean_change=float((post - pre).mean()), ci=(0.9, 1.1))
    # one point is one <use> element: at most 2 x MAX_POINTS of them, not 2 x n
    assert svg.count("<use ") <= 2 * plots.MAX_POINTS + 50  # plus tick marks and the two means
    assert len(svg) < 1_500_000
    assert f"points: a random {plots.MAX_POINTS:,} of each" in svg
    small = plots.soft_profile(pre[:50], post[:50])
    assert "points: a random" not in small and small.count("<use ") >= 100
