"""Notices: the warnings and assumptions results carry, each a ``str`` (its English
text, so results compare, join and search as before) with a stable ``code``, named
``params`` and their ``kinds`` (text, integer, real, money), so the report draws it
from the catalogue of its language (message ``note.<code>``).

The C++ core's codes and English templates come from ``_core.notice_codes()``
(``include/impactchain/notice.hpp``); the codes Python writes itself are in
:data:`PY_CODES` (in :mod:`impactchain._notice_codes`). docs/messages.md lists them all: users may filter on codes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from impactchain import _core
from impactchain._notice_codes import PY_CODES

if TYPE_CHECKING:
    from impactchain._i18n import Words


def N_(key: str) -> str:  # the catalogue's marker (as impactchain._i18n.N_), without importing Babel here
    return key


__all__ = ["Notice", "notice", "notice_codes", "notice_singulars", "PY_CODES"]

# The grammar of DiscountSchedule::describe() (include/impactchain/discount.hpp): "constant R%",
# "NAME (R%)", or "NAME: R% years A-B, …, R% years A+", NAME a schedule's id or one of the
# generic names below. Its English words are put in the reader's language; ids stay as they are.
_DISCOUNT_NAMES = {"rates by year": N_("discount_rates_by_year"), "bands": N_("discount_bands")}
_BAND = re.compile(r"(\d+(?:\.\d+)?)% years (\d+)(?:-(\d+)|\+)")
_CONSTANT = re.compile(r"constant (\d+(?:\.\d+)?)%")


#: The adjustments a notice may name (param ``adjustment``), by their model-file keys.
_ADJUSTMENTS = {
    "deadweight": N_("adjustment_deadweight"),
    "displacement": N_("adjustment_displacement"),
    "attribution": N_("adjustment_attribution"),
    "leakage": N_("adjustment_leakage"),
    "drop_off": N_("adjustment_drop_off"),
}

#: The settings a default is most often taken for (the ``name`` of a ``defaults.*`` notice), in the
#: reader's words; the notice still names the field of impactchain.DEFAULTS.
_DEFAULT_NAMES = {
    "seed": N_("default_name_seed"),
    "stream_version": N_("default_name_stream_version"),
    "threads": N_("default_name_threads"),
    "draws": N_("default_name_draws"),
    "level": N_("default_name_level"),
    "resamples": N_("default_name_resamples"),
}

#: The defaults the model report lists in its own words (report.py: "startgetal 2026 voor het toeval
#: (standaard)"): a ``defaults.taken`` notice of one of them reads so in a report too, by the same
#: message (the setting's name -> the message and the field its value fills, written as it is: an id).
_DEFAULT_WORDS = {"seed": (N_("default_seed"), "seed"), "stream_version": (N_("default_stream"), "version")}

#: Integer params that count things, written with the language's thousands separator ("2.000
#: trekkingen"); other integers (years, a seed) are written as they are.
_COUNTS = frozenset({"count", "draws", "resamples", "reports", "rows"})

#: Params written other than by their kind, per code, in the reader's number format: ``decimal`` at
#: the precision the English text gives (a rate as the user wrote it, 0.8625); ``score`` a composite
#: score with the decimals the composite table shows it with (50.0, not 50).
_PARAM_KINDS = {"portfolio.fx_conversion": {"rate": "decimal"}, "portfolio.composite_tie": {"score": "score"}}

#: How a scale's items make its score (``scale.scoring``'s ``scoring``), in the reader's words.
_SCORINGS = {"sum": N_("scoring_sum"), "mean": N_("scoring_mean")}

#: The name a survey's core gives to everyone together (group "all" of a change), in the reader's words.
_EVERYONE = N_("group_all")

#: The measures a portfolio's composite index may name (param ``measures``, comma-separated), by
#: their column names, in the words a sentence names them with (not the report's column headers,
#: which are capitalised).
_MEASURES = {
    "sroi_ratio": N_("pf_measure_ratio"),
    "p_ratio_above_1": N_("pf_measure_p_above_1"),
    "present_value": N_("pf_measure_pv"),
}


def _default_value(v: Any, w: Words) -> str:
    """The value of a default as ``default_note`` wrote it (``str`` of the value, ``repr`` of a
    text), in the reader's number format: a whole number as a count, another number at its own
    precision, anything else as it is."""
    text = str(v)
    try:
        return w.integer(int(text))
    except ValueError:
        pass
    try:
        return w.plain(float(text))
    except ValueError:
        return text


def _default_in_words(params: Mapping[str, Any], w: Words) -> str:
    """A default a result took (``defaults.taken``, ``defaults.taken_threads``) in the words the
    model report lists its defaults with: "startgetal 2026 voor het toeval (standaard)". The
    attribute of impactchain.DEFAULTS it came from stays in the notice's English text (the API's),
    not in a report."""
    name, value = params.get("name"), params.get("value")
    if name in _DEFAULT_WORDS:
        key, field = _DEFAULT_WORDS[name]
        return w(key, **{field: str(value)})
    if name == "threads" and str(value) == "0":  # 0 asks for every core: a bare 0 would read as none
        return w(N_("default_threads_all"))
    label = w(_DEFAULT_NAMES[name]) if name in _DEFAULT_NAMES else str(name)
    return w(N_("default_taken"), name=label, value=_default_value(value, w))


def _discount_text(v: str, w: Words) -> str:
    """A discount schedule's description in the words and number format of ``w``."""

    def rate(x: str) -> str:
        return w.plain(float(x))

    def band(m: re.Match) -> str:
        if m.group(3) is None:
            return w("discount_band_from", rate=rate(m.group(1)), start=m.group(2))
        return w("discount_band_span", rate=rate(m.group(1)), start=m.group(2), end=m.group(3))

    out = _CONSTANT.sub(lambda m: w("discount_constant_named", rate=rate(m.group(1))), v)
    out = _BAND.sub(band, out)
    for english, key in _DISCOUNT_NAMES.items():
        if out.startswith(english + ":"):
            out = w(key) + out[len(english) :]
    return re.sub(r"\((\d+\.\d+)%\)", lambda m: f"({rate(m.group(1))}%)", out)


@cache
def notice_codes() -> dict[str, str]:
    """Every notice code (the core's and Python's) -> its English template."""
    return {**dict(_core.notice_codes()), **PY_CODES}


@cache
def notice_singulars() -> dict[str, str]:
    """The codes that count things -> their English template when the integer param ``count`` is 1
    ("1 value winsorised"); their catalogue message is ``note.<code>.one``."""
    return dict(_core.notice_singulars())


def _english(v: Any) -> str:
    """A parameter as the English text writes it: the core's way (reals to 15 significant digits)."""
    if isinstance(v, float):
        return format(v, ".15g")
    return str(v)


def _kind(v: Any) -> str:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return "text"
    return "integer" if isinstance(v, int) else "real"


class Notice(str):
    """A warning or assumption: its English text, with ``code``, ``params`` and ``kinds``.

    Behaves as the ``str`` of its text (``==``, ``in``, ``join``, JSON); ``to_dict()`` gives
    the machine-readable form ``{"code", "params", "text"}``; pickles keep code and params."""

    code: str
    params: dict[str, Any]
    kinds: dict[str, str]

    def __new__(
        cls, text: str, code: str, params: Mapping[str, Any] | None = None, kinds: Mapping[str, str] | None = None
    ) -> Notice:
        obj = super().__new__(cls, text)
        obj.code = code
        obj.params = dict(params or {})
        obj.kinds = {k: (kinds or {}).get(k) or _kind(v) for k, v in obj.params.items()}
        return obj

    def __reduce__(self) -> tuple:
        return (Notice, (str(self), self.code, self.params, self.kinds))

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params), "text": str(self)}

    def renamed(self, names: Mapping[str, Mapping[str, str]]) -> Notice:
        """The notice with text params replaced (``{"outcome": {id: name}}``), its English text filled
        again; a notice it holds as a param (a portfolio member's warning) renamed the same way."""
        params = {
            k: v.renamed(names)
            if isinstance(v, Notice)
            else names.get(k.removesuffix("_b"), {}).get(v, v)
            if isinstance(v, str)
            else v
            for k, v in self.params.items()
        }
        if params == self.params:
            return self
        return Notice(
            self._template().format(**{k: _english(v) for k, v in params.items()}),
            self.code,
            params,
            self.kinds,
        )

    def _one(self) -> bool:
        """True when the text counts one thing and the code has a wording for that."""
        from impactchain._i18n import is_one  # the one rule of a count of one, as the report's messages

        return is_one(self.params.get("count")) and self.code in notice_singulars()

    def _template(self) -> str:
        """The English template the text was filled from (the singular for a count of one)."""
        return notice_singulars()[self.code] if self._one() else notice_codes()[self.code]

    def in_language(self, w: Words) -> str:
        """The notice in the words of ``w``: its catalogue message, params in that language's formats."""

        def real(v: Any) -> str:
            small = isinstance(v, (int, float)) and 0 < abs(v) < 0.001  # 1e-9 is not "0"
            from babel.numbers import format_scientific  # Babel on first drawing: not at import

            return format_scientific(v, "0.##E0", locale=w.locale) if small else w.plain(v)

        def one(name: str, v: Any) -> Any:
            kind = _PARAM_KINDS.get(self.code, {}).get(name) or self.kinds.get(name, "text")
            if name == "factor" and kind == "real":  # a price index's factor: 3 decimals, to check by hand
                return w.num(v, 3)
            if kind == "decimal" and isinstance(v, (int, float)):
                return w.decimal(v)
            if kind == "score" and isinstance(v, (int, float)):
                from impactchain._portfolio_composite import SCORE_DECIMALS  # here: it imports this module

                return w.num(v, SCORE_DECIMALS)
            if kind == "integer" and name in _COUNTS:
                return w.integer(v)
            if kind == "real":
                return real(v)
            if kind == "discount" and isinstance(v, str):  # a schedule as the core describes it
                return _discount_text(v, w)
            if name == "group" and v == "all" and self.code.startswith("change."):  # everyone together
                return w(_EVERYONE)
            if name == "adjustment" and v in _ADJUSTMENTS:  # an adjustment's name, in the reader's words
                return w(_ADJUSTMENTS[v])
            if name == "name" and self.code.startswith("defaults.") and v in _DEFAULT_NAMES:
                return w(_DEFAULT_NAMES[v])
            if name == "scoring" and self.code == "scale.scoring" and str(v) in _SCORINGS:  # sum, mean
                return w(_SCORINGS[str(v)])
            if name == "measures" and isinstance(v, str):  # the composite's measures, in the reader's words
                from babel.lists import format_list  # "a, b and c"

                return format_list([w(_MEASURES[m]) if m in _MEASURES else m for m in v.split(", ")], locale=w.locale)
            if kind == "money":
                cur = self.params.get("currency") or None
                if isinstance(v, (int, float)) and abs(v) < 100 and v != round(v):  # cents are not rounded away
                    return f"{real(v)} {cur}" if cur else real(v)
                return w.money(v, cur)
            return v.in_language(w) if hasattr(v, "in_language") else str(v)

        if self.code in ("defaults.taken", "defaults.taken_threads"):
            return _default_in_words(self.params, w)
        key = f"note.{self.code}.one" if self._one() else f"note.{self.code}"
        return w.text(key).format(**{k: one(k, v) for k, v in self.params.items()})


def notice(code: str, kinds: Mapping[str, str] | None = None, /, **params: Any) -> Notice:
    """A notice written by Python: the English text from :data:`PY_CODES` filled with ``params``;
    ``kinds`` names a param's kind where its value does not tell (``{"schedule": "discount"}``)."""
    return Notice(PY_CODES[code].format(**{k: _english(v) for k, v in params.items()}), code, params, kinds)
