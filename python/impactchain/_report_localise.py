"""A report's model text in another of the model's languages.

A model file may give any text field in several languages (``name: {nl: …, en: …}``,
docs/model-file.md "Text in several languages"). The report is computed once, from the
model in the report's language; :meth:`impactchain.report.Report.in_language` then swaps
each such text, wherever the report shows it (names in tables, chart labels, titles), for
its text in the other language: a whole text (a cell equal to an outcome's name), and inside
longer text (labels such as "<outcome name>: deadweight", sentences naming an outcome) a
text of several words and at least 12 characters, so that a short word (a unit such as
"markt") is never replaced inside another word.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from impactchain import _core
from impactchain._notice import Notice
from impactchain._report_text import Said, SlotLabel


def text_swaps(model: Any, lang: str) -> dict[str, str]:
    """Each text the model gives in several languages: as shown now (in the model's
    language) -> in ``lang``; texts that read the same in both are left out."""
    swaps: dict[str, str] = {}
    here = getattr(model, "language", None) or ""
    for by_lang in (getattr(model, "texts", None) or {}).values():
        pairs = list(by_lang.items())
        now, there = _core.text_in(pairs, here), _core.text_in(pairs, lang)
        if now != there:
            swaps[now] = there
    return swaps


def _inside(swaps: Mapping[str, str]) -> re.Pattern[str] | None:
    """The texts replaced inside longer text: several words, 12 characters or more; longest first."""
    keys = sorted((k for k in swaps if len(k) >= 12 and " " in k.strip()), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, keys))) if keys else None


def swap_texts(x: Any, swaps: Mapping[str, str], lang: str | None = None, _inner: Any = False) -> Any:
    """``x`` with every string equal to a key of ``swaps`` replaced by its value, and every
    long key inside a string (see the module's note), through dicts, lists, tuples, report
    sentences (``Said``) and the cells, index and attrs of tables. A parameter's label
    (``SlotLabel``), drawn from its model, is drawn from the model in ``lang``."""
    if not swaps:
        return x
    if _inner is False:
        _inner = _inside(swaps)
    if isinstance(x, SlotLabel):
        model = x.model
        return SlotLabel(x.name, model.localised(lang)) if lang and getattr(model, "texts", None) else x
    if isinstance(x, Notice):  # its text params (names), its English text filled again
        names: dict[str, dict[str, str]] = {}
        for k, v in x.params.items():
            if isinstance(v, str) and (new := swap_texts(v, swaps, lang, _inner)) != v:
                names.setdefault(k.removesuffix("_b"), {})[v] = new
        return x.renamed(names) if names else x
    if isinstance(x, Said):
        return Said(x.key, **{k: swap_texts(v, swaps, lang, _inner) for k, v in x.params.items()})
    if type(x) is str:  # str subclasses carry their own words (codes, keys): left alone
        if x in swaps:
            return swaps[x]
        return _inner.sub(lambda m: swaps[m.group(0)], x) if _inner is not None else x
    if isinstance(x, dict):
        return {swap_texts(k, swaps, lang, _inner): swap_texts(v, swaps, lang, _inner) for k, v in x.items()}
    if isinstance(x, list):
        return [swap_texts(v, swaps, lang, _inner) for v in x]
    if isinstance(x, tuple):
        return tuple(swap_texts(v, swaps, lang, _inner) for v in x)
    if isinstance(x, pd.DataFrame):
        out = x.copy()
        for c in out.columns:
            if out[c].dtype == object:
                out[c] = out[c].map(lambda v: swap_texts(v, swaps, lang, _inner))
        if out.index.dtype == object:
            out.index = out.index.map(lambda v: swap_texts(v, swaps, lang, _inner))
        out.attrs = swap_texts(dict(x.attrs), swaps, lang, _inner)
        return out
    if isinstance(x, pd.Series):
        series = x.map(lambda v: swap_texts(v, swaps, lang, _inner)) if x.dtype == object else x.copy()
        if series.index.dtype == object:
            series.index = series.index.map(lambda v: swap_texts(v, swaps, lang, _inner))
        return series
    return x
