"""Text from users stays text: one place that makes names and messages safe
for each place they are shown (terminal, Markdown, HTML, charts).

- ``plain(s)``: bidirectional overrides and isolates, zero-width characters,
  other invisible format characters, line/paragraph separators and lone
  surrogates are shown as ``<U+202E>`` markers; C0/C1 control characters
  (except tab and newline) are dropped. Used for every user-written name
  before it reaches any output.
- ``for_terminal(s)``: ``plain`` after removing ANSI/VT escape sequences, so a
  key in a model file cannot move the cursor or recolour the terminal.
- ``for_chart(s)``: ``for_terminal`` for a chart label. The report's charts
  turn matplotlib's mathtext off (``text.parse_math = False``), so ``$`` needs
  no escaping there and ``$x$`` is drawn as typed.
- ``html(s)``: ``plain`` then HTML-escaped (quotes included), for element text
  and attribute values.
- ``md(s)``: Markdown escaping that yields Markdown (backslash escapes), never
  HTML entities: links, images, autolinks, emphasis, raw HTML and table breaks
  in user text stay inert, and the text cannot start a heading, list or quote.
"""

from __future__ import annotations

import html as _html
import re
import unicodedata

__all__ = ["plain", "for_terminal", "for_chart", "html", "md", "md_inline"]

# CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), two-character ESC sequences, and the 8-bit CSI.
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]")
_SHOWN = {"Cf", "Zl", "Zp", "Cs"}  # format characters (bidi, zero-width, BOM, soft hyphen…), separators, surrogates


def _visible(ch: str) -> str:
    cat = unicodedata.category(ch)
    if cat in _SHOWN:
        return f"<U+{ord(ch):04X}>"
    if cat == "Cc" and ch not in "\t\n":
        return ""
    return ch


def plain(s: object) -> str:
    """The text with invisible and control characters neutralised."""
    text = "" if s is None else str(s)
    if text.isascii() and text.isprintable():
        return text
    return "".join(_visible(ch) for ch in text)


def for_terminal(s: object) -> str:
    """Safe to print to a terminal: escape sequences removed, controls neutralised."""
    return plain(_ANSI.sub("", "" if s is None else str(s)))


def for_chart(s: object) -> str:
    """Safe as a label of a chart drawn with mathtext off: literal, visible text."""
    return for_terminal(s)


def html(s: object) -> str:
    """HTML-escaped text (``& < > " '``) with invisible characters shown."""
    return _html.escape(plain(s), quote=True)


# Inline markup: escapes, code, emphasis, links/images, raw HTML and entities,
# tables, strikethrough. A backslash before ASCII punctuation is always a
# literal in CommonMark, so escaping yields the same characters when rendered.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>&|~])")
# GFM autolinks ("http://…", "www.…", "a@b.org") are broken by escaping a punctuation character in them.
_MD_AUTOLINK = re.compile(r"(://|(?<![\w.])www\.|@)")
# At the start of a line: heading, quote, list item, thematic break, setext underline, numbered list.
_MD_LINE_START = re.compile(r"^([#>+\-=]|\d{1,9}(?=[.)](?:\s|$)))")


def md_inline(s: object) -> str:
    """Inline Markdown escaping only (backslashes), spaces kept: for pieces of the report's
    own words between the values they frame, which never start a line themselves."""
    return _MD_INLINE.sub(r"\\\1", plain(s))


def md(s: object) -> str:
    """Markdown-escaped text (backslash escapes; no HTML entities).

    Line breaks become spaces and leading/trailing spaces are dropped, so user
    text cannot start a block (heading, list, quote, code block) or break a
    table row.
    """
    text = plain(s).replace("\r", " ").replace("\n", " ").replace("\t", " ").strip()
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_AUTOLINK.sub(lambda m: {"://": r"\://", "@": r"\@"}.get(m.group(1), r"www\."), text)
    m = _MD_LINE_START.match(text)
    if m:
        if m.group(1).isdigit():  # "1. x" -> "1\. x"
            end = m.end()
            text = text[:end] + "\\" + text[end:]
        else:
            text = "\\" + text
    return text
