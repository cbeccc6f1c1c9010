"""The report's languages: its words from gettext catalogues, its numbers, money,
shares and dates in the reader's locale, through Babel (imported when a number, amount
or date is first formatted: a sentence of words and whole numbers needs only gettext).

Catalogues live in ``impactchain/locale/<lang>/LC_MESSAGES/impactchain.po``; message
ids are keys (``"summary_intro"``), so the English catalogue holds the English text
and a missing message is an error, never a key shown to the reader. A wheel carries
the compiled ``.mo`` (built by CMake); a source checkout without it reads the ``.po``
through Babel. Chart code asks :func:`words` for a :class:`Words` and calls it:
``w = words("nl"); w("axis_ratio")``, ``w.money(47205, "EUR")`` → ``€ 47.205``.

Marking for extraction (``pybabel extract``, see docs/report.md): ``N_("key")`` in
Python marks a key that is looked up later; templates call ``w("key")``."""

from __future__ import annotations

import datetime as _dt
import decimal
import gettext
import io
import math
import numbers
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from fractions import Fraction
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Union, cast

__all__ = ["LANGUAGES", "DOMAIN", "Words", "words", "t", "parse_languages", "N_", "catalogue_path"]

#: Report language -> the Babel locale its numbers and dates follow.
LANGUAGES: dict[str, str] = {"en": "en_GB", "nl": "nl_NL"}
DOMAIN = "impactchain"


def N_(key: str) -> str:
    """Marks a message key for extraction; returns it unchanged (looked up when drawn)."""
    return key


def parse_languages(lang: Union[str, Iterable[str], None], default: str = "en") -> tuple[str, ...]:
    """``"nl"``, ``"nl,en"`` or ``["nl", "en"]`` as a tuple of language codes; None gives ``default``."""
    if lang is None:
        return (default,)
    items = lang.split(",") if isinstance(lang, str) else list(lang)
    out: list[str] = []
    for item in items:
        code = item.strip().lower() if isinstance(item, str) else item
        if code not in LANGUAGES:
            raise ValueError(
                f"lang: expected one of {', '.join(sorted(LANGUAGES))} (or a list such as 'nl,en'), got {item!r}"
            )
        if code not in out:
            out.append(code)
    if not out:
        raise ValueError(f"lang: expected one of {', '.join(sorted(LANGUAGES))}, got an empty list")
    return tuple(out)


def _package_dirs() -> list[Path]:
    import impactchain

    return [Path(d) for d in getattr(impactchain, "__path__", [])]


def catalogue_path(lang: str, ext: str = ".po") -> Path | None:
    """The first ``locale/<lang>/LC_MESSAGES/impactchain<ext>`` in the package's directories."""
    for d in _package_dirs():
        p = d / "locale" / lang / "LC_MESSAGES" / (DOMAIN + ext)
        if p.is_file():
            return p
    return None


def _from_po(po: Path) -> gettext.GNUTranslations:
    """A catalogue read from its ``.po`` through Babel (fuzzy and empty messages left out)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    with po.open("rb") as f:
        cat = read_po(f, locale=LANGUAGES[po.parents[1].name])
    buf = io.BytesIO()
    write_mo(buf, cat, use_fuzzy=False)
    buf.seek(0)
    return Translations(buf, domain=DOMAIN)


@cache
def _translations(lang: str) -> gettext.GNUTranslations:
    """The language's catalogue: its compiled ``.mo`` (read by the standard library's gettext)
    unless the ``.po`` is alone, or is newer in a source checkout (the ``.po`` edited since the
    build compiled the ``.mo`` into the build directory). Side by side, as a package installs
    them, the ``.mo`` was compiled from that ``.po`` and their times are only the install's order."""
    mo, po = catalogue_path(lang, ".mo"), catalogue_path(lang, ".po")
    if mo is not None and (po is None or mo.parent == po.parent or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as f:
            return gettext.GNUTranslations(f)
    if po is None:
        raise FileNotFoundError(
            f"no {lang} message catalogue ({DOMAIN}.mo or .po) in "
            + ", ".join(str(d / "locale") for d in _package_dirs())
        )
    return _from_po(po)


#: Messages with a wording of their own for a count of one, used when the message's count (its
#: param ``n``, ``count`` or ``cases``) is the integer 1: "1 survey row not used", not "1 survey
#: rows". Both catalogues hold each as ``<key>.one``. (Notices have the same for their codes:
#: impactchain.notice_singulars().)
SINGULARS: dict[str, str] = {
    N_("caveat_soft_rows"): N_("caveat_soft_rows.one"),
    N_("pf_intro"): N_("pf_intro.one"),
    N_("read_empty_rows"): N_("read_empty_rows.one"),
    N_("read_items_not_whole"): N_("read_items_not_whole.one"),
    N_("read_joined_alike"): N_("read_joined_alike.one"),
    N_("read_merged_scores"): N_("read_merged_scores.one"),
    N_("read_sav_cases"): N_("read_sav_cases.one"),
    N_("read_sav_unlabelled"): N_("read_sav_unlabelled.one"),
    N_("read_skipped_rows"): N_("read_skipped_rows.one"),
    N_("read_unnamed_columns"): N_("read_unnamed_columns.one"),
    N_("rows_not_used_count"): N_("rows_not_used_count.one"),
    N_("rows_not_used_ids"): N_("rows_not_used_ids.one"),
    N_("rows_not_used_lines"): N_("rows_not_used_lines.one"),
    N_("rows_not_used_no_ids"): N_("rows_not_used_no_ids.one"),
    N_("soft_prorated_answers"): N_("soft_prorated_answers.one"),
    N_("soft_prorated_one_each"): N_("soft_prorated_one_each.one"),
    N_("soft_prorated_rounded"): N_("soft_prorated_rounded.one"),
}
_COUNTS = ("n", "count", "cases")


def is_one(v: Any) -> bool:
    """True for the integer 1 (not True, not 1.0; a numpy integer too): a count of one, which has
    its own wording."""
    return not isinstance(v, bool) and isinstance(v, numbers.Integral) and int(v) == 1


def _counts_one(params: dict[str, Any]) -> bool:
    return any(is_one(params.get(c)) for c in _COUNTS)


def _shown(v: float, digits: int | None = None) -> decimal.Decimal:
    """``v`` as a spreadsheet reads it: its 15 significant digits, rounded to ``digits`` decimals
    (a half away from zero) when given; a value that rounds to zero has no sign ("0", not "-0")."""
    d = decimal.Decimal(f"{v:.15g}")
    if digits is None:
        return d
    with _half_up():
        q = d.quantize(decimal.Decimal(1).scaleb(-digits))
    return abs(q) if q.is_zero() else q


def _half_up() -> AbstractContextManager[decimal.Context]:
    """The rounding of the figures a reader sees: a half away from zero, as a spreadsheet rounds."""
    ctx = decimal.getcontext().copy()
    ctx.rounding = decimal.ROUND_HALF_UP
    return decimal.localcontext(ctx)


def _finite(x: Any) -> float | None:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


class Words:
    """One language's words and number formats. ``w(key, **params)`` is the message
    with its ``{name}`` fields filled; a key the catalogue lacks raises KeyError."""

    def __init__(self, lang: str = "en") -> None:
        langs = parse_languages(lang)
        if len(langs) != 1:
            raise ValueError(f"lang: give one language ({', '.join(sorted(LANGUAGES))}), got {lang!r}")
        self.lang = langs[0]
        self._tr = _translations(self.lang)

    @cached_property
    def locale(self) -> Any:
        """The Babel locale of the language's numbers and dates (Babel is imported here)."""
        from babel import Locale

        return Locale.parse(LANGUAGES[self.lang])

    def has(self, key: str) -> bool:
        return bool(key) and self._tr.gettext(key) != key

    def text_for(self, key: str, params: Any = ()) -> str:
        """The message of ``key`` for ``params`` (its wording for a count of one where it has one,
        :data:`SINGULARS`) with its ``{name}`` fields left in, for those who fill them themselves."""
        params = dict(params)
        return self.text(SINGULARS[key] if key in SINGULARS and _counts_one(params) else key)

    def text(self, key: str) -> str:
        """The message of ``key`` with its ``{name}`` fields left in."""
        out = self._tr.gettext(key)
        if out == key:
            raise KeyError(f"message '{key}' is missing from the {self.lang} catalogue ({DOMAIN}.po)")
        return out

    def __call__(self, key: str, **params: Any) -> str:
        """The message of ``key`` with its fields filled (its wording for a count of one where it
        has one, :data:`SINGULARS`)."""
        return self.text_for(key, params).format(**params)

    # ------------------------------------------------------------- numbers
    # Every figure is rounded as a spreadsheet rounds what it shows: the number read to 15
    # significant digits, a half away from zero (18.749999999999996 and 18.75 both show 18.8,
    # 20.465 shows 20.47, 2,500.5 shows 2,501), so the report's text and its workbook's cells agree.
    def num(self, x: Any, digits: int = 2) -> str:
        v = _finite(x)
        if v is None:
            return self(N_("n_a"))
        from babel.numbers import format_decimal

        with _half_up():
            return format_decimal(
                _shown(v, digits), format="#,##0." + "0" * digits if digits else "#,##0", locale=self.locale
            )

    def integer(self, x: Any) -> str:
        return self.num(x, 0)

    def plain(self, x: Any) -> str:
        """A number at its own precision: whole above 1,000, else three significant digits."""
        v = _finite(x)
        if v is None:
            return self(N_("n_a"))
        if abs(v) >= 1000:
            return self.num(v, 0)
        from babel.numbers import format_decimal

        d = _shown(v)
        with _half_up():
            three = d.quantize(decimal.Decimal(1).scaleb(d.adjusted() - 2)) if d else d  # 3 significant digits
            three = three.quantize(decimal.Decimal("0.001"))  # at most the 3 decimals written
            return format_decimal(abs(three) if three.is_zero() else three, format="#,##0.###", locale=self.locale)

    def decimal(self, x: Any, most: int = 6) -> str:
        """A number at the precision it was given, up to ``most`` decimals (a rate as its source
        states it: 0,8625), without trailing zeros."""
        v = _finite(x)
        if v is None:
            return self(N_("n_a"))
        from babel.numbers import format_decimal

        with _half_up():
            return format_decimal(_shown(v, most), format="#,##0." + "#" * most, locale=self.locale)

    def pct(self, x: Any) -> str:
        """A share as a whole percentage; never rounds an uncertain 99.7 % up to a certain-looking 100 %."""
        v = _finite(x)
        if v is None:
            return self(N_("n_a"))
        if 0.995 <= v < 1:
            return self(N_("over_pct"), pct=self._percent(0.99))
        if 0 < v < 0.005:
            return self(N_("under_pct"), pct=self._percent(0.01))
        return self._percent(v)

    def pcts(self, values: Sequence[Any]) -> list[str]:
        """Shares that make up one whole (chances that each of several options is best) as whole
        percentages that add up as the shares do: each as :meth:`pct` shows it, unless those
        roundings miss the rounded total of the shares shown as plain percentages (0.335, 0.335,
        0.33 would read 34 %, 34 %, 33 %: 101 %); then the whole points go by largest remainder
        (Hamilton's method; equal remainders to the first), so each differs from its share by less
        than one point and the list adds up (34 %, 33 %, 33 %). Equal shares always read alike: a
        point that only some of them could get goes to none (a third each reads 33 % three times,
        and the list adds up to 99 %: a reader must not take one of them for the likelier)."""
        shares = [_finite(x) for x in values]
        plain = [i for i, v in enumerate(shares) if v is not None and not (0.995 <= v < 1 or 0 < v < 0.005)]
        out = [self.pct(x) for x in values]
        points = {i: _shown(100 * cast(float, shares[i]), 12) for i in plain}  # 33.5, not 33.50000000000001
        one = decimal.Decimal(1)
        with _half_up():
            total = int(sum(points.values(), decimal.Decimal(0)).quantize(one))
            if sum(int(p.quantize(one)) for p in points.values()) == total:
                return out
        whole = {i: math.floor(points[i]) for i in plain}
        rest = total - sum(whole.values())
        groups: dict[decimal.Decimal, list[int]] = {}  # equal shares read alike: they get a point together
        for i in plain:
            groups.setdefault(points[i], []).append(i)
        # By remainder, largest first; among equal remainders the smaller groups, then the larger
        # shares. A group that does not fit stops it: a smaller remainder never gets a point that a
        # larger one did not (33.5 % must not read below 33 %).
        for same in sorted(groups.values(), key=lambda g: (-(points[g[0]] - whole[g[0]]), len(g), -points[g[0]])):
            if len(same) > rest:
                break
            for i in same:
                whole[i] += 1
            rest -= len(same)
        for i in plain:
            out[i] = self._percent(whole[i] / 100)
        return out

    def _percent(self, v: float) -> str:
        from babel.numbers import parse_pattern

        pat = parse_pattern(self.locale.percent_formats[None].pattern)
        with _half_up():
            return pat.apply(_shown(v, 2), self.locale)

    def money(self, x: Any, currency: str | None, digits: int = 0) -> str:
        """Money in the locale's currency pattern: whole units, ``€ 47.205`` (nl), ``€47,205`` (en);
        with ``digits``, that many decimals (a ratio said as money: ``€1.58``, ``£ 1,26``)."""
        v = _finite(x)
        if v is None:
            return self(N_("n_a"))
        if not currency:
            return self.num(v, digits)
        from babel.numbers import parse_pattern

        pat = parse_pattern(self.locale.currency_formats["standard"].pattern)
        pat.frac_prec = (digits, digits)
        with _half_up():
            return pat.apply(_shown(v, digits), self.locale, currency=currency, currency_digits=False)

    def interval(self, lo: Any, hi: Any, digits: int = 2) -> str:
        if _finite(lo) is None or _finite(hi) is None:
            return self(N_("n_a"))
        return f"{self.num(lo, digits)} – {self.num(hi, digits)}"

    def date(self, d: Union[str, _dt.date]) -> str:
        """A date written out: ``2 december 2026`` (nl), ``2 December 2026`` (en)."""
        from babel.dates import format_date

        day = _dt.date.fromisoformat(d) if isinstance(d, str) else d
        return format_date(day, format="long", locale=self.locale)

    def odds(self, level: float) -> tuple[int, int]:
        """A level as "k of n" in small numbers: 0.95 -> (19, 20), 0.9 -> (9, 10)."""
        f = Fraction(level).limit_denominator(100)
        return f.numerator, f.denominator


@cache
def _words(lang: str) -> Words:
    return Words(lang)


def words(lang: Union[str, Words] = "en") -> Words:
    """The :class:`Words` of a language (one per language, reused); a :class:`Words` is returned as it is."""
    return lang if isinstance(lang, Words) else _words(lang)


def t(key: str, lang: str = "en", **params: Any) -> str:
    """One message of the report in ``lang``, its ``{name}`` fields filled: ``t("axis_ratio", "nl")``."""
    return words(lang)(key, **params)
