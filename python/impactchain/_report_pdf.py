"""The report as PDF: the HTML report laid out by WeasyPrint on A4 pages.

Nothing is fetched while rendering: the URL fetcher refuses every URL but a
``data:`` URI (no file, no network), so text in a model can never pull a local
file or a web address into the document. The pages carry the print stylesheet
of the HTML (``templates/report_print.css``: no chart split from its heading)
and, for the PDF only, page numbers ("page X of Y", CSS ``@page`` counters) and a
contents list whose entries show their page (``target-counter``). The PDF is
tagged (PDF/UA-1: structure tree, document language from ``<html lang>``, title),
so screen readers can read it.

WeasyPrint is an optional dependency (``pip install "impactchain[pdf]"``); without
it, asking for PDF is an error naming that extra.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from impactchain._output import OutputError

#: The PDF variant written: tagged, accessible PDF (ISO 14289-1).
PDF_VARIANT = "pdf/ua-1"


class PdfUnavailableError(OutputError):
    """PDF output was asked for but WeasyPrint (the ``pdf`` extra) is not installed;
    raised before any work is done."""


def _weasyprint() -> Any:
    """The weasyprint module, or :class:`PdfUnavailableError` naming the extra to install."""
    try:
        import weasyprint
    except ImportError as e:  # OSError too: WeasyPrint without its Pango libraries
        raise PdfUnavailableError(
            'PDF output needs WeasyPrint: install it with pip install "impactchain[pdf]" '
            f"(and the Pango libraries of your system); import failed: {e}"
        ) from None
    except OSError as e:
        raise PdfUnavailableError(
            f"PDF output needs WeasyPrint and the Pango libraries of your system; loading them failed: {e}"
        ) from None
    return weasyprint


def _css_string(text: str) -> str:
    """``text`` as a quoted CSS string; ``<`` as the escape ``\\3c`` so that no word can end the
    ``<style>`` element it is written in."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ").replace("<", "\\3c ") + '"'


def _counter_content(words: str) -> str:
    """``"page {page} of {pages}"`` as CSS ``content``: strings around ``counter(page)`` and ``counter(pages)``."""
    out: list[str] = []
    rest = words
    while rest:
        cut = [(rest.find(k), k) for k in ("{page}", "{pages}") if rest.find(k) >= 0]
        if not cut:
            out.append(_css_string(rest))
            break
        at, key = min(cut)
        if at:
            out.append(_css_string(rest[:at]))
        out.append(f"counter({key[1:-1]})")
        rest = rest[at + len(key) :]
    return " ".join(out)


#: The page numbers' font: a page's margin boxes do not inherit the body's (the report's own).
PAGE_FONT = '"DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif'


def pdf_css(words: Mapping[str, str]) -> str:
    """What only the PDF has: page numbers at the foot of every page and the
    contents list (the report's section links) with the page of each section."""
    return f"""
@page {{ @bottom-center {{ content: {_counter_content(words["pdf_page"])}; font-family: {PAGE_FONT};
  font-size: 8.5pt; color: #555; }} }}
nav {{ display: block !important; font-size: 10.5pt; margin: 14px 0 0; }}
nav::before {{ content: {_css_string(words["pdf_contents"])}; display: block; font-weight: bold;
  font-size: 13pt; margin-bottom: 6px; }}
nav a {{ display: block; margin: 0 0 3px; color: inherit; }}
nav a::after {{ content: leader(". ") target-counter(attr(href url), page); }}
"""


def _fetcher_class(weasyprint: Any) -> Any:
    base = weasyprint.urls.URLFetcher

    class DataOnlyFetcher(base):  # type: ignore[misc, valid-type]
        """Fetches ``data:`` URIs only; every other URL (file, http, relative) is refused and recorded."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols=("data",))
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            if not url.lower().startswith("data:"):
                self.refused.append(url)
                raise ValueError(f"impactchain fetches nothing while writing a PDF (refused {url!r})")
            return super().fetch(url, headers)

    return DataOnlyFetcher


def data_only_fetcher() -> Any:
    """A WeasyPrint URL fetcher that fetches only ``data:`` URIs (its ``refused`` lists the others)."""
    return _fetcher_class(_weasyprint())()


def html_to_pdf(html: str, *, fetcher: Any = None) -> bytes:
    """An HTML page (the report rendered with :func:`pdf_css`) as tagged A4 PDF bytes;
    ``fetcher`` default :func:`data_only_fetcher`."""
    wp = _weasyprint()
    fetch = fetcher if fetcher is not None else _fetcher_class(wp)()
    # A base URL that names no place: relative links resolve to nothing the fetcher would accept.
    doc = wp.HTML(string=html, base_url="about:blank", url_fetcher=fetch)
    return bytes(doc.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True))
