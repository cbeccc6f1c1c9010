"""Text from users stays text: one place that makes names and messages safe
for each place they are shown (terminal, Markdown, HTML, charts).

- ``plain(s)``: bidirectional overrides and isolates, zero-width characters and
  other invisible format characters are shown as ``<U+202E>`` markers, C0/C1
  control characters (except tab and newline) are dropped. Used for every
  user-written name before it reaches any output.
- ``for_terminal(s)``: ``plain`` plus removal of ANSI/VT escape sequences, so a
  key in a model file cannot move the cursor or recolour the terminal.
- ``for_chart(s)``: ``plain`` with the characters matplotlib treats as markup
  (``$`` mathtext) made literal.
- ``md(s)``: Markdown escaping that yields Markdown (backslash escapes), never
  HTML entities: links, images, emphasis and raw HTML in user text stay inert.
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ["plain", "for_terminal", "for_chart", "md"]

# Bidi embeddings/overrides/isolates and marks; zero-width and other invisible
# format characters (Unicode category Cf) are shown, never kept silently.
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]")


def _visible(ch: str) -> str:
    cat = unicodedata.category(ch)
    if cat == "Cf":  # format: bidi controls, zero-width space/joiners, BOM, soft hyphen …
        return f"<U+{ord(ch):04X}>"
    if cat == "Cc" and ch not in "\t\n":
        return ""
    return ch


def plain(s: object) -> str:
    """The text with invisible and control characters neutralised."""
    text = str(s)
    if text.isascii() and text.isprintable():
        return text
    return "".join(_visible(ch) for ch in text)


def for_terminal(s: object) -> str:
    """Safe to print to a terminal: escape sequences removed, controls neutralised."""
    return plain(_ANSI.sub("", str(s)))


def for_chart(s: object) -> str:
    """Safe as a matplotlib label: literal dollar signs (no mathtext)."""
    return plain(s).replace("$", r"\$")


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~&])")


def md(s: object) -> str:
    """Markdown-escaped text (backslash escapes; no HTML entities).

    Every ASCII punctuation character Markdown could read as markup is
    backslash-escaped (CommonMark: any ASCII punctuation may be escaped), and
    line breaks become spaces so user text cannot start a heading or a list.
    """
    text = plain(s).replace("\r", " ").replace("\n", " ")
    return _MD_SPECIAL.sub(r"\\\1", text)
