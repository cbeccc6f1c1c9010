"""User text stays text: every function of impactchain._text, with the expected
output written out by hand."""

from __future__ import annotations

import re

import pytest

from impactchain import _text

RLO, ZWSP, BOM, LSEP = "\u202e", "\u200b", "\ufeff", "\u2028"


# --------------------------------------------------------------------------- plain


@pytest.mark.parametrize(
    "given, expected",
    [
        ("Buurtwerk Rotterdam", "Buurtwerk Rotterdam"),
        ("café – €5", "café – €5"),  # ordinary non-ASCII stays
        (f"abc{RLO}fdp.exe", "abc<U+202E>fdp.exe"),  # bidi override shown, not applied
        (f"a{ZWSP}b", "a<U+200B>b"),  # zero-width space shown
        (f"{BOM}x", "<U+FEFF>x"),
        (f"one{LSEP}two", "one<U+2028>two"),  # line separator shown
        ("a\x00b\x07c\x7fd\x85e", "abcde"),  # C0/C1 controls dropped
        ("tab\tand\nnewline", "tab\tand\nnewline"),  # tab and newline kept
        ("\ud800x", "<U+D800>x"),  # a lone surrogate cannot reach a UTF-8 file
        (None, ""),
        (12.5, "12.5"),
    ],
)
def test_plain(given, expected):
    assert _text.plain(given) == expected


def test_plain_output_has_no_invisible_or_control_characters():
    import unicodedata

    nasty = (
        "".join(chr(c) for c in range(0x250)) + "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
        "\u2066\u2067\u2068\u2069\u2028\u2029\ufeff\U000e0041"
    )
    out = _text.plain(nasty)
    assert not [ch for ch in out if unicodedata.category(ch) in ("Cf", "Zl", "Zp", "Cs")]
    assert not [ch for ch in out if unicodedata.category(ch) == "Cc" and ch not in "\t\n"]


# --------------------------------------------------------------------------- terminal and chart


@pytest.mark.parametrize(
    "given, expected",
    [
        ("\x1b[31mred\x1b[0m", "red"),  # SGR colour
        ("\x1b[2J\x1b[Hcleared", "cleared"),  # clear screen, cursor home
        ("\x1b]0;title\x07x", "x"),  # OSC window title (BEL)
        ("\x1b]8;;http://example.invalid\x1b\\link", "link"),  # OSC 8 hyperlink (ST)
        ("\x9b31mx", "x"),  # 8-bit CSI
        ("a\x1bb", "ab"),  # a lone ESC is a control: dropped
        (f"x{RLO}y", "x<U+202E>y"),
    ],
)
def test_for_terminal(given, expected):
    assert _text.for_terminal(given) == expected


@pytest.mark.parametrize(
    "given, expected",
    [
        ("$x$", "$x$"),  # literal: the charts draw with mathtext off
        (r"$\frac{1}{0}$", r"$\frac{1}{0}$"),
        (f"\x1b[1m${RLO}$", "$<U+202E>$"),
    ],
)
def test_for_chart(given, expected):
    assert _text.for_chart(given) == expected


def test_charts_draw_dollar_names_literally():
    from impactchain import plots

    svg = plots.stakeholder_bars({"$x$": 10.0, r"$\frac{1}{0": 5.0, f"a{RLO}b": 1.0})
    assert "$x$" in svg and r"$\frac{1}{0" in svg
    assert RLO not in svg and "a&lt;U+202E&gt;b" in svg


# --------------------------------------------------------------------------- html


@pytest.mark.parametrize(
    "given, expected",
    [
        ("<script>alert('x')</script>", "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"),
        ('a "b" & c', "a &quot;b&quot; &amp; c"),
        (f"{RLO}gnp.exe", "&lt;U+202E&gt;gnp.exe"),  # the marker itself is escaped
        (None, ""),
    ],
)
def test_html(given, expected):
    assert _text.html(given) == expected


# --------------------------------------------------------------------------- markdown


@pytest.mark.parametrize(
    "given, expected",
    [
        ("Buurtwerk", "Buurtwerk"),
        ("[x](javascript:alert(1))", r"\[x\](javascript:alert(1))"),
        ("![i](http://example.invalid/a.png)", r"!\[i\](http\://example.invalid/a.png)"),
        ("<b>bold</b> & <!-- c -->", r"\<b\>bold\</b\> \& \<!-- c --\>"),
        ("&gt; &#60;", r"\&gt; \&#60;"),  # entities stay text, none is produced
        ("a|b", r"a\|b"),  # no table break
        ("*em* _em_ `code` ~~del~~", r"\*em\* \_em\_ \`code\` \~\~del\~\~"),
        ("back\\slash", r"back\\slash"),
        ("# heading", r"\# heading"),
        ("- item", r"\- item"),
        ("+ item", r"\+ item"),
        ("> quote", r"\> quote"),
        ("=====", r"\====="),
        ("12. item", r"12\. item"),
        ("3) item", r"3\) item"),
        ("line one\nline two\r\nthree", "line one line two three"),  # CR is a control: dropped
        ("    code block", "code block"),
        ("see www.example.invalid", r"see www\.example.invalid"),
        ("mail a@example.invalid", r"mail a\@example.invalid"),
        ("1.5 to 2.5 - fine", "1.5 to 2.5 - fine"),  # punctuation inside a line stays readable
        (f"x{ZWSP}y", r"x\<U+200B\>y"),
    ],
)
def test_md(given, expected):
    assert _text.md(given) == expected


def _unescaped(markdown: str) -> str:
    """The Markdown with every backslash escape removed (what CommonMark reads as markup)."""
    return re.sub(r"\\[!-/:-@\[-`{-~]", "", markdown)


@pytest.mark.parametrize(
    "given",
    [
        "[x](javascript:alert(1))",
        "![i](http://example.invalid/a.png)",
        "<script>alert(1)</script>",
        "<http://example.invalid>",
        "[a]: http://example.invalid",
        "x](y",
        "&lt;script&gt;",
    ],
)
def test_md_leaves_no_live_markup(given):
    plain_md = _unescaped(_text.md(given))
    for markup in ("](", "<", "&", "[", "http://", "`"):
        assert markup not in plain_md
