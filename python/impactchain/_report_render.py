"""Draws a :class:`~impactchain._report_blocks.ReportDocument` with the Jinja2 templates
shipped in ``impactchain/templates``: ``report.html.j2`` (autoescaping) and
``report.md.j2`` (Markdown escaping, never HTML entities).

In both, every value a template prints is escaped for its format (``_text.html``
or ``_text.md``) unless it is already in that format: the report's own words with
their escaped values (``say``), formatted numbers, and the SVG charts the package
drew (the only markup passed through). User text is never marked safe."""

from __future__ import annotations

import string
from importlib import resources
from typing import Any, Callable

import jinja2
from markupsafe import Markup

from impactchain import _text
from impactchain._i18n import N_, Words, words
from impactchain._report_blocks import ReportDocument, Table

#: Output format -> (template, escaper of user text, escaper of the pieces of a message between its values).
_FORMATS: dict[str, tuple[str, Callable[[Any], str], Callable[[Any], str]]] = {
    "html": ("report.html.j2", _text.html, _text.html),
    "md": ("report.md.j2", _text.md, _text.md_inline),
}


def _fill(message: str, values: dict[str, str], escape: Callable[[Any], str]) -> str:
    """A message with its ``{name}`` fields replaced by (escaped) values, the text around them escaped."""
    out = []
    for literal, name, _spec, _conv in string.Formatter().parse(message):
        out.append(escape(literal))
        if name is not None:
            out.append(str(values[name]))
    return "".join(out)


def _template_source(name: str) -> str:
    """A template's text, read from the installed package (wheel or source tree)."""
    return (resources.files("impactchain") / "templates" / name).read_text(encoding="utf-8")


def _environment(escape: Callable[[Any], str], escape_words: Callable[[Any], str], w: Words) -> jinja2.Environment:
    """Autoescaping is on for both formats; ``finalize`` escapes with the format's own
    escaper first (HTML: ``_text.html``; Markdown: ``_text.md``, backslashes, never
    entities) and marks the result done, so nothing is escaped twice or left raw."""

    def finalize(x: Any) -> Any:
        return x if isinstance(x, Markup) else Markup(escape(x))

    def say(key: str, values: Any = ()) -> Markup:
        """The message ``key`` of the report's language with its values escaped for the format."""
        done = {k: v if isinstance(v, Markup) else escape(v) for k, v in dict(values).items()}
        return Markup(_fill(w.text_for(key, values), done, escape_words))

    def cell(x: Any, table: Table, col: str) -> Markup:
        """A table cell: money, share, number or interval as the table says, else escaped text."""
        text = table.text(w, col, x)
        return Markup(text) if table.is_figure(col, x) else Markup(escape(text))  # digits and signs: no markup

    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_template_source),
        autoescape=True,
        finalize=finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(say=say, cell=cell, raw=Markup, known=w.has)  # raw: the template's own markup characters
    env.filters["svg"] = lambda svg: Markup(svg or "")  # charts the package drew, never user markup
    env.filters["md"] = lambda x: Markup(_text.md(x))
    return env


def render(doc: ReportDocument, fmt: str) -> str:
    """The document as ``fmt``: "html", "md", or "paged" (the HTML page with the
    PDF's page numbers and contents page numbers, :func:`impactchain._report_pdf.pdf_css`)."""
    paged = fmt == "paged"
    if paged:
        fmt = "html"
    if fmt not in _FORMATS:
        raise ValueError(f"render: format must be one of {sorted(_FORMATS) + ['paged']}, got {fmt!r}")
    name, escape, escape_words = _FORMATS[fmt]
    w = words(doc.lang)
    env = _environment(escape, escape_words, w)
    paged_css = ""
    if paged:
        from impactchain._report_pdf import pdf_css

        paged_css = pdf_css({"pdf_page": w.text(N_("pdf_page")), "pdf_contents": w.text(N_("pdf_contents"))})
    return env.get_template(name).render(doc=doc, paged_css=Markup(paged_css))
