"""The loader's words that docs/model-file.md quotes are the loader's words: each quote the page
marks with ``<!-- loader says: ID -->`` (just before it: a code span, a "quoted" text or a fenced
block) occurs in what the loader says of the snippet ``ID`` below, so the page cannot drift from
the messages (tests/python/test_model_file_mistakes.py asserts the same messages word for word).

What the loader says of a snippet is its refusal, as Python gives it (``market.yaml:8:22: …``)
and as C++ does (``line 8, column 22: …``), or its read warnings. A snippet is text, or bytes
where the page is about a file's bytes (UTF-16), or a function giving them where they are too
large to keep (the file-size limit). The page's quotes of ``impactchain validate`` are checked
the same way against what it says of the snippets in ``VALIDATE``: what it prints, or the
``field`` of each problem of its ``--json`` document. A quote may leave words out with ``…``:
the parts around it occur in that order. Line breaks and runs of spaces count as one space."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Union

import pytest

import impactchain as ic
from impactchain import _core
from impactchain.cli import main
from impactchain.io import ModelFileError
from small_models import BUURTKAMER_HEAD

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "model-file.md"
EXAMPLES = ROOT / "examples" / "data"
NBSP = "\u00a0"
MARK = re.compile(r"<!-- loader says: ([a-z0-9-]+) -->\s*")

#: Seven lines: the head, a stakeholder and a chain of one activity.
BASE = BUURTKAMER_HEAD + "stakeholders: [city]\nchain:\n  nodes: [{id: evenings, level: activity, quantity: 10}]\n"
RATE = "rate: {triangular: [0.15, 0.25, 0.35]}"  # the edge of examples/data/minimal.yaml


def _example(name: str, old: str, new: str) -> str:
    """The text of examples/data/``name`` with ``old`` replaced by ``new`` (once)."""
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    assert old in text, f"{name} no longer holds {old!r}"
    return text.replace(old, new, 1)


def _aliases(count: int) -> str:
    return BASE + "x-anchor: &a 1\nx-aliases: [" + ", ".join(["*a"] * count) + "]\n"


def _expanding(levels: int) -> str:
    """Each level a list of ten aliases of the level before: 10^(levels + 1) values, 10 × levels aliases."""
    lines = ["x-l0: &l0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"]
    lines += [f"x-l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, levels + 1)]
    return BASE + "\n".join(lines) + "\n"


def _over_the_file_limit() -> bytes:
    """A file one byte larger than the default ``max_file_bytes``, 64 MiB (made when asked for)."""
    return b"#" * ((64 << 20) + 1)


#: What a snippet is: text, bytes, or a function giving the bytes.
Snippet = Union[str, bytes, Callable[[], bytes]]

#: ID -> (the model text, the name the text is given in messages).
SNIPPETS: dict[str, tuple[Snippet, str]] = {
    # The "Errors" section: three mistakes, each at its line and column.
    "three-problems": (
        """\
name: Market cleaning
currency: EUR
price_year: 2024
chain:
  nodes:
    - {id: budget, level: input, quantity: 60000}
    - {id: coaching, level: activity, quantity: 40}
    - {id: employed, level: outcom}
  edges:
    - {from: coaching, to: employed, rate: {triangular: [0.5, 0.3, 0.45]}}
outcomes:
  - id: employed
    node: employed
    proxy: {value: 18000, currency: EUR, source: benefit rates}
    duration: 3
    dedweight: 0.25
""",
        "market.yaml",
    ),
    "funder-in-capitals": (
        _example("market_cleaning.yaml", "funder: municipality, amount: 80000", "funder: Municipality, amount: 80000"),
        "market_cleaning.yaml",
    ),
    # "What the file may contain".
    "tag": (BASE + "notes: !!set {a: null}\n", "m.yaml"),
    "merge-key": (BASE + "x-base: &b {a: 1}\nx-other:\n  <<: *b\n", "m.yaml"),
    "implausible-magnitude": (
        _example("market_cleaning.yaml", "funder: foundation, amount: 25000", "funder: foundation, amount: 1e300"),
        "market_cleaning.yaml",
    ),
    "amount-with-a-point": (BASE + "investments:\n  - {funder: city, amount: 150.000}\n", "m.yaml"),
    "money-as-text": (_example("minimal.yaml", "amount: 150000", "amount: € 150.000"), "minimal.yaml"),
    "list-commas": (_example("minimal.yaml", RATE, "rate: {triangular: [0,1, 0,2, 0,3]}"), "minimal.yaml"),
    "list-commas-pairs": (_example("minimal.yaml", RATE, "rate: {normal: [0,5, 0,1]}"), "minimal.yaml"),
    "list-commas-refused-reason": (_example("minimal.yaml", RATE, "rate: {beta: [2,5,5,5]}"), "minimal.yaml"),
    "list-comma-leading-zero": (
        _example("minimal.yaml", RATE, "rate: {triangular: [0,05, 0,1, 0,2]}"),
        "minimal.yaml",
    ),
    "json-leading-zero": (
        '{"name": "x", "currency": "EUR", "price_year": 2024, "investments": [{"funder": "city", "amount": 0,05}]}',
        "m.json",
    ),
    "number-with-words": (
        BASE + "outcomes:\n  - {id: o, quantity: 150.000 ongeveer, proxy: {value: 5, currency: EUR}}\n",
        "m.yaml",
    ),
    "share-as-text": (_example("minimal.yaml", RATE, "rate: 25%"), "minimal.yaml"),
    "share-as-percentage": (_example("minimal.yaml", RATE, "rate: 25"), "minimal.yaml"),
    "quote-never-closed": (
        BASE
        + "outcomes:\n  - id: visits\n    quantity: 10\n    proxy: {value: 100, currency: EUR, source: hand}\n"
        + 'notes: "Illustrative figures, not real data\n',
        "m.yaml",
    ),
    "quote-closed-later": (_example("minimal.yaml", "name: Market cleaning (minimal)", 'name: "x'), "minimal.yaml"),
    "tab": (_example("minimal.yaml", "    - {id: employed", "\t- {id: employed"), "minimal.yaml"),
    "no-break-space": (_example("minimal.yaml", "price_year: 2024", f"price_year:{NBSP}2024"), "minimal.yaml"),
    "no-break-space-in-id": (
        _example("market_cleaning.yaml", "{id: completed,", f'{{id: "completed{NBSP}",'),
        "market_cleaning.yaml",
    ),
    "flow-comma": (_example("minimal.yaml", "amount: 150000", "amount: 0,35"), "minimal.yaml"),
    "flow-comma-money": (_example("minimal.yaml", "amount: 150000", "amount: € 12,50"), "minimal.yaml"),
    "flow-comma-year": (BASE + "price_index: {2023: 100, 2024: 104,1}\n", "m.yaml"),
    "name-cut-short": (
        BASE + "investments:\n  - {funder: city, kind: volunteer, hours: 5, hourly_value: 10}\n",
        "m.yaml",
    ),
    "number-too-large": (_example("minimal.yaml", "amount: 150000", "amount: 1e400"), "minimal.yaml"),
    "range-as-text": (_example("minimal.yaml", RATE, "rate: 10-30%"), "minimal.yaml"),
    "empty-empirical": (_example("minimal.yaml", RATE, "rate: {empirical: []}"), "minimal.yaml"),
    "bare-yes": (BASE + "outcomes:\n  - {id: o, quantity: yes, proxy: {value: 5, currency: EUR}}\n", "m.yaml"),
    "duplicate-key": (
        BASE + "outcomes:\n  - id: o\n    quantity: 5\n    quantity: 6\n    proxy: {value: 5, currency: EUR}\n",
        "m.yaml",
    ),
    "alias-in-itself": (BASE + "x-loop: &a [1, *a]\n", "m.yaml"),
    "utf-16": ((EXAMPLES / "minimal.yaml").read_text(encoding="utf-8").encode("utf-16"), "minimal.yaml"),
    # "Text in several languages", "Limits" and "Format version".
    "language-code": (BASE.replace("name: Buurtkamer", "name: {NL: Buurtkamer}"), "m.yaml"),
    "max-file-bytes": (_over_the_file_limit, "m.yaml"),
    "max-depth": (BASE + "x-deep: " + "[" * 70 + "]" * 70 + "\n", "m.yaml"),
    "max-aliases": (_aliases(10001), "m.yaml"),
    "max-values": (_expanding(8), "m.yaml"),
    "max-string": (BASE + "notes: '" + "a" * (1024 * 1024 + 1) + "'\n", "m.yaml"),
    "max-integer": (_example("minimal.yaml", "amount: 150000", "amount: 9007199254740993"), "minimal.yaml"),
    "format-version": (BASE.replace("impactchain: 1", "impactchain: 2"), "m.yaml"),
}


#: ID -> (the model text, what of ``impactchain validate`` the page quotes: "text", what it
#: prints, or "fields", the ``field`` of each problem of its ``--json`` document, one a line). The
#: text is validated as model.yaml in a folder that holds a copy of examples/data/surveys.
VALIDATE: dict[str, tuple[str, str]] = {
    "validate-valid": (BASE, "text"),
    "validate-valid-with-data": ((EXAMPLES / "minimal.yaml").read_text(encoding="utf-8"), "text"),
    "validate-field": (
        _example("minimal.yaml", "    node: employed\n", "    node: employed\n    deadweight: 1.5\n"),
        "fields",
    ),
    "validate-data-cell": (_example("minimal.yaml", "pre: swemwbs_pre", "pre: cohort"), "fields"),
    "validate-data-missing": (
        _example("minimal.yaml", "surveys/market_cleaning.csv", "surveys/market_cleaning_2024.csv"),
        "fields",
    ),
}


def said(text: Snippet, source: str) -> str:
    """What the loader says of ``text``: its refusal in Python's and in C++'s words, or its read warnings."""
    form = "json" if source.endswith(".json") else "yaml"
    text = text() if callable(text) else text
    try:
        model = ic.loads(text, format=form, source=source)
    except ModelFileError as python:
        with pytest.raises(_core.ValidationError) as core:
            _core.parse_model(text, form)
        return f"{python}\n{core.value}"
    return "\n".join(str(w) for w in model.read_warnings)


def validated(text: str, what: str) -> str:
    """What ``impactchain validate`` says of the model ``text``: what it prints (``what`` "text"),
    or the field of each problem of its ``--json`` document, one a line ("fields")."""
    with tempfile.TemporaryDirectory() as folder:
        shutil.copytree(EXAMPLES / "surveys", Path(folder) / "surveys")
        model = Path(folder) / "model.yaml"
        model.write_text(text, encoding="utf-8")
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            main(["validate", *(["--json"] if what == "fields" else []), str(model)])
    if what == "text":
        return printed.getvalue()
    (record,) = json.loads(printed.getvalue())["files"]
    return "\n".join(str(p["field"]) for p in record["problems"])


def _one_space(text: str) -> str:
    return " ".join(text.split())


def occurs(quote: str, message: str) -> bool:
    """Whether ``quote`` occurs in ``message``, the parts around each ``…`` in order."""
    message, at = _one_space(message), 0
    parts = [_one_space(p) for p in quote.split("…")]
    for part in (p for p in parts if p):
        found = message.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return any(parts)


def _quote_span(page: str, start: int) -> tuple[int, int]:
    """Where the quote that begins at ``start`` lies (its text without the quote marks): a fenced
    block, a code span (of one or two backticks) or a text in double quotes."""
    if page.startswith("```", start):
        body = page.index("\n", start) + 1
        return body, page.index("\n```", body)
    for fence in ("``", "`", '"'):
        if page.startswith(fence, start):
            body = start + len(fence)
            return body, page.index(fence, body)
    raise AssertionError(f"docs/model-file.md: no quote after the marker at {page[start : start + 40]!r}")


def quotes(page: str) -> list[tuple[str, str]]:
    """(ID, quote) of every marked quote of the page, in its order."""
    return [(key, page[a:b].strip()) for key, (a, b) in _spans(page)]


def _spans(page: str) -> list[tuple[str, tuple[int, int]]]:
    return [(m.group(1), _quote_span(page, m.end())) for m in MARK.finditer(page)]


PAGE_QUOTES = quotes(PAGE.read_text(encoding="utf-8"))
_SAID: dict[str, str] = {}


def _said(key: str) -> str:
    if key not in _SAID:
        _SAID[key] = validated(*VALIDATE[key]) if key in VALIDATE else said(*SNIPPETS[key])
    return _SAID[key]


def test_every_snippet_has_its_quote_in_the_page_and_every_quote_its_snippet():
    marked, snippets = [key for key, _ in PAGE_QUOTES], {*SNIPPETS, *VALIDATE}
    assert sorted(set(SNIPPETS) & set(VALIDATE)) == [], "an ID of both the loader and validate"
    assert sorted(set(marked) - snippets) == [], "a quote of the page with no snippet here"
    assert sorted(snippets - set(marked)) == [], "a snippet whose quote the page no longer marks"


@pytest.mark.parametrize(
    ("key", "quote"),
    PAGE_QUOTES,
    ids=[f"{k}-{i}" for i, (k, _) in enumerate(PAGE_QUOTES)],
)
def test_the_page_quotes_the_loaders_words(key, quote):
    message = _said(key)
    assert message, f"{key}: the snippet loads without a word"
    assert occurs(quote, message), f"docs/model-file.md quotes\n  {_one_space(quote)}\nbut the loader says\n{message}"
    if VALIDATE.get(key, ("", ""))[1] == "fields":  # a field is quoted whole, not a part of a longer one
        assert quote in message.splitlines(), f"docs/model-file.md names the field {quote}, validate {message}"


def _altered(quote: str) -> str:
    """The quote with one word changed: its longest word, its letters reversed."""
    word = max(re.findall(r"[A-Za-z]{4,}", quote), key=len)
    return quote.replace(word, word[::-1], 1)


@pytest.mark.parametrize("index", range(len(PAGE_QUOTES)), ids=[f"{k}-{i}" for i, (k, _) in enumerate(PAGE_QUOTES)])
def test_a_quote_altered_in_the_page_is_caught(index):
    page = PAGE.read_text(encoding="utf-8")
    key, (start, end) = _spans(page)[index]
    changed = page[:start] + _altered(page[start:end]) + page[end:]
    assert quotes(changed)[index][0] == key
    assert not occurs(quotes(changed)[index][1], _said(key))


@pytest.mark.parametrize(
    ("quote", "message", "expected"),
    [
        ("a b", "x a  b y", True),
        ("a\n  b", "x a b y", True),  # a line break of the page
        ("…: b c", "x: b c", True),
        ("a …", "a b", True),
        ("a (x…) b", "a (x…) b", True),  # the loader's own ellipsis
        ("b … a", "a b", False),  # out of order
        ("a c", "a b", False),
        ("…", "a", False),  # nothing quoted
    ],
)
def test_occurs(quote: str, message: str, expected: bool):
    assert occurs(quote, message) is expected
