"""Draws a :class:`~impactchain._report_blocks.ReportDocument` with the Jinja2 templates
shipped in ``impactchain/templates``: ``report.html.j2`` (autoescaping) and
``report.md.j2`` (Markdown escaping, never HTML entities).

In both, every value a template prints is escaped for its format (``_text.html``
or ``_text.md``) unless it is already in that format: the report's own words with
their escaped values (``say``), formatted numbers, and the SVG charts the package
drew (the only markup passed through). User text is never marked safe."""
from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from typing import Any, Callable

import jinja2
from markupsafe import Markup

from impactchain import _text
from impactchain._report_blocks import ReportDocument, Table
from impactchain._report_text import _money, _num, _pct

#: Output format -> (template, escaper of user text).
_FORMATS: dict[str, tuple[str, Callable[[Any], str]]] = {
    "html": ("report.html.j2", _text.html),
    "md": ("report.md.j2", _text.md),
}


def _template_source(name: str) -> str:
    """A template's text, read from the installed package (wheel or source tree)."""
    return (resources.files("impactchain") / "templates" / name).read_text(encoding="utf-8")


def _environment(escape: Callable[[Any], str]) -> jinja2.Environment:
    """Autoescaping is on for both formats; ``finalize`` escapes with the format's own
    escaper first (HTML: ``_text.html``; Markdown: ``_text.md``, backslashes, never
    entities) and marks the result done, so nothing is escaped twice or left raw."""

    def finalize(x: Any) -> Any:
        return x if isinstance(x, Markup) else Markup(escape(x))

    def say(words: Mapping[str, str], key: str, values: Any = ()) -> Markup:
        """The words ``key`` with their values escaped for the format."""
        done = {k: v if isinstance(v, Markup) else escape(v) for k, v in dict(values).items()}
        return Markup(escape(words[key]).format(**done))

    def cell(x: Any, table: Table, col: str) -> Markup:
        """A table cell: money, share or number as the table says, else escaped text."""
        if col in table.money:
            return Markup(escape(_money(x, table.currency)))
        if col in table.percent:
            return Markup(escape(_pct(x)))
        if col in table.numeric and isinstance(x, float):
            return Markup(_num(x))
        return Markup(escape("" if x is None else x))

    env = jinja2.Environment(loader=jinja2.FunctionLoader(_template_source), autoescape=True,
                             finalize=finalize, undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=True)
    env.globals.update(say=say, cell=cell, raw=Markup)  # raw: the template's own markup characters
    env.filters["svg"] = lambda svg: Markup(svg or "")  # charts the package drew, never user markup
    env.filters["md"] = lambda x: Markup(_text.md(x))
    return env


def render(doc: ReportDocument, fmt: str) -> str:
    """The document as ``fmt`` ("html" or "md")."""
    if fmt not in _FORMATS:
        raise ValueError(f"render: format must be one of {sorted(_FORMATS)}, got {fmt!r}")
    name, escape = _FORMATS[fmt]
    env = _environment(escape)
    return env.get_template(name).render(doc=doc)
