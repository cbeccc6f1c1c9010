"""How the report writes numbers and words: escaping for HTML and Markdown,
numbers, shares, money and intervals, labels of model-file parameters, and the
one-line sentences and proxy rows that all three formats share."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from impactchain import _text
from impactchain._i18n import N_, Words, _finite, words
from impactchain._notice import Notice
from impactchain._report_discount import plain_note


def _esc(x: Any) -> str:
    """HTML text: invisible and control characters shown (``_text.plain``), then escaped."""
    return _text.html(x)


def _md(x: Any) -> str:
    """Markdown text: backslash escapes (``_text.md``), no live link, image, HTML or entity."""
    return _text.md(x)


# English number formats, for text kept in English (JSON, the notebook summary); the
# report's own numbers go through the Words of its language.
def _num(x: Any, digits: int = 2) -> str:
    return words("en").num(x, digits)


def _pct(x: Any) -> str:
    """Share as a whole percentage; never rounds an uncertain 99.7 % up to a certain-looking 100 %."""
    return words("en").pct(x)


def _money(x: Any, cur: str | None) -> str:
    return words("en").money(x, cur)


def _plainnum(x: Any) -> str:
    return words("en").plain(x)


def _interval(lo: Any, hi: Any, digits: int = 2) -> str:
    return words("en").interval(lo, hi, digits)


class Said(str):
    """Text the report wrote itself: the English text (kept in JSON and in ``defaults()``)
    that also carries its message key and values, so each language draws it from its catalogue."""

    key: str
    params: dict

    def __new__(cls, key: str, **params: Any) -> Said:
        obj = super().__new__(cls, _fill(words("en"), key, params))
        obj.key, obj.params = key, params
        return obj

    def __reduce__(self) -> tuple:
        return (_said, (self.key, self.params))

    def in_language(self, w: Words) -> str:
        return _fill(w, self.key, self.params)


class Share(float):
    """A share in a report sentence, written as a percentage in each language."""

    def in_language(self, w: Words) -> str:
        return w.pct(float(self))


class Count(int):
    """A count in a report sentence (draws, resamples), written with the language's thousands
    separator (5.000 simulaties); a plain int, such as a year, is written as it is."""

    def in_language(self, w: Words) -> str:
        return w.integer(int(self))


class Money(float):
    """An amount in a report sentence, written as money in each language."""

    currency: str

    def __new__(cls, x: float, currency: str) -> Money:
        obj = super().__new__(cls, x)
        obj.currency = currency
        return obj

    def __reduce__(self) -> tuple:
        return (Money, (float(self), self.currency))

    def in_language(self, w: Words) -> str:
        return w.money(float(self), self.currency)


def _said(key: str, params: dict) -> Said:
    return Said(key, **params)


def _fill(w: Words, key: str, params: Mapping[str, Any]) -> str:
    """A message with its values: numbers in the language's format, report-written text in its language."""

    def one(v: Any) -> Any:
        if hasattr(v, "in_language"):  # Said, SlotLabel, a notice
            return in_language(v, w)
        if isinstance(v, float):
            return w.num(v)
        if isinstance(v, (list, tuple)):
            return w("list_sep").join(str(one(x)) for x in v)
        return v

    return w.text_for(key, params).format(**{k: one(v) for k, v in params.items()})  # "1 row": by the raw count


def is_foreign(x: Any, w: Words) -> bool:
    """Text the report did not write (results of the core, in English) shown in another language's report."""
    return w.lang != "en" and not hasattr(x, "in_language")


def in_language(x: Any, w: Words) -> str:
    """Text as one language shows it: report-written text (``Said``) in that language, a valuation's
    method note in the report's plain words (``_report_discount.plain_note``), other text as it is."""
    if isinstance(x, Notice):
        plain = plain_note(x, w)
        if plain is not None:
            return plain
    return x.in_language(w) if hasattr(x, "in_language") else str(x)


def keys_in_language(table: Mapping[Any, float], w: Words) -> dict[str, float]:
    """A {name: amount} table (by stakeholder, by funder) with its names as one language shows them."""
    return {in_language(k, w): x for k, x in table.items()}


def _period(pd_: Any, w: Words) -> str:
    if not pd_:
        return ""
    if isinstance(pd_, Mapping):
        s, e = pd_.get("start"), pd_.get("end")
        return w("period_one", year=s) if s == e or e is None else w("period_span", start=s, end=e)
    return w("period_one", year=pd_)


def _param_central(p: Any) -> float | None:
    """Central value of a parameter in model-file form (for labels only)."""
    if isinstance(p, (int, float)):
        return float(p)
    if isinstance(p, Mapping) and len(p) == 1:
        ((k, a),) = p.items()
        if k == "fixed":
            return float(a)
        if k in ("triangular", "pert"):
            a = list(a.values()) if isinstance(a, Mapping) else a
            return float(a[1])
        if k == "uniform":
            a = list(a.values()) if isinstance(a, Mapping) else a
            return (float(a[0]) + float(a[1])) / 2
        if k == "normal":
            return float(a["mean"] if isinstance(a, Mapping) else a[0])
    return None


#: Distribution names as the report words them.
_DISTRIBUTIONS = {
    "fixed": N_("dist_fixed"),
    "uniform": N_("dist_uniform"),
    "triangular": N_("dist_triangular"),
    "pert": N_("dist_pert"),
    "normal": N_("dist_normal"),
    "lognormal": N_("dist_lognormal"),
    "beta": N_("dist_beta"),
    "empirical": N_("dist_empirical"),
}


def _param_label(p: Any, w: Words | None = None) -> str:
    """A parameter in model-file form in words: ``triangular [12,000, 15,000, 17,500]``."""
    w = w or words("en")

    def n(v: Any) -> str:
        return w.plain(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)

    if p is None:
        return ""
    if isinstance(p, (int, float)):
        return n(p)
    if isinstance(p, Mapping) and len(p) == 1:
        ((k, a),) = p.items()
        name = w(_DISTRIBUTIONS[k]) if k in _DISTRIBUTIONS else str(k)
        if isinstance(a, Mapping):
            return f"{name} " + "; ".join(f"{kk} {n(vv)}" for kk, vv in a.items())
        if isinstance(a, (list, tuple)):
            return f"{name} [" + "; ".join(n(v) for v in a) + "]"
        return f"{name} {n(a)}"
    return str(p)


def _rate_label(p: Any, w: Words | None = None) -> str:
    w = w or words("en")
    c = _param_central(p)
    if c is None:
        return _param_label(p, w)
    uncertain = not isinstance(p, (int, float)) and not (isinstance(p, Mapping) and "fixed" in p)
    return w.pct(c) + (" " + w("rate_range") if uncertain else "")


def _names(model: Any) -> dict[str, dict[str, str]]:
    """Ids -> names of a model's stakeholders, chain nodes and outcomes (the id where there is no name)."""
    if model is None:
        return {"stakeholder": {}, "node": {}, "outcome": {}}
    return {
        "stakeholder": {st.id: st.name or st.id for st in model.stakeholders},
        "node": {n.id: n.name or n.id for n in model.chain.nodes},
        "outcome": {o["id"]: o.get("name") or o["id"] for o in model.outcomes or []},
    }


def _by_name(text: str, model: Any) -> str:
    """A result's message with outcomes and chain nodes named by name:
    "outcome 'jobs': ..." -> "outcome 'Jobs found': ...", "node 'kept'" -> "node 'Items kept'"."""
    if isinstance(text, Said):  # written by the report, with names already
        return text
    nm = _names(model)
    if isinstance(text, Notice):  # its outcome and node params by name, its text filled again
        return text.renamed({"outcome": nm["outcome"], "node": nm["node"]})
    for oid, name in nm["outcome"].items():
        if name != oid:
            text = text.replace(f"'{oid}'", f"'{name}'")
    for nid, name in nm["node"].items():
        if name != nid:
            text = text.replace(f"node '{nid}'", f"node '{name}'")
    return text


def _investment_label(model: Any, index: int, w: Words) -> str:
    """An investment by its funder's name and year: 'investment of municipality (year 0)'."""
    inv = (model.investments or []) if model is not None else []
    if not 0 <= index < len(inv):
        return w("investment_n", n=index + 1)
    funder = _names(model)["stakeholder"].get(inv[index].get("funder"), inv[index].get("funder"))
    year = inv[index].get("year")
    funder = funder or w("no_funder")
    return w("investment_of", funder=funder) if year is None else w("investment_of_year", funder=funder, year=year)


#: Adjustment and field names of parameter slots, as the report words them.
_SLOT_WORDS = {
    "deadweight": N_("slot_deadweight"),
    "displacement": N_("slot_displacement"),
    "attribution": N_("slot_attribution"),
    "drop_off": N_("slot_drop_off"),
    "duration": N_("slot_duration"),
    "quantity": N_("slot_quantity"),
    "proxy.value": N_("slot_proxy_value"),
    "leakage": N_("slot_leakage"),
    "wellbeing.life_satisfaction_change": N_("slot_wellbeing_change"),
    "wellbeing.value_per_wellby": N_("slot_value_per_wellby"),
}


def _friendly(name: str, model: Any = None, w: Words | None = None) -> str:
    """Parameter slot name -> words, things named by name:
    'outcomes[jobs].deadweight' -> 'Jobs found: deadweight'."""
    import re

    w = w or words("en")
    nm = _names(model)
    m = re.fullmatch(r"outcomes\[([^\]]+)\]\.(.+)", name)
    if m:
        slot = m.group(2)
        label = w(_SLOT_WORDS[slot]) if slot in _SLOT_WORDS else slot.replace("_", " ").replace(".", " ")
        return f"{nm['outcome'].get(m.group(1), m.group(1))}: {label}"
    m = re.fullmatch(r"chain\.edges\[([^\]]+)->([^\]]+)\]\.rate", name)
    if m:
        return w(
            "slot_rate", source=nm["node"].get(m.group(1), m.group(1)), target=nm["node"].get(m.group(2), m.group(2))
        )
    m = re.fullmatch(r"chain\.nodes\[([^\]]+)\]\.quantity", name)
    if m:
        return w("slot_node_quantity", node=nm["node"].get(m.group(1), m.group(1)))
    m = re.fullmatch(r"investments\[([^\]]+)\]\.amount", name)
    if m:
        return _investment_label(model, int(m.group(1)), w) if m.group(1).isdigit() else w("investment_n", n=m.group(1))
    m = re.fullmatch(r"investments\[(\d+)\]\.(hours|hourly_value)", name)
    if m:  # volunteer time: its hours and the value of an hour, by whose time it is
        inv = (model.investments or []) if model is not None else []
        i = int(m.group(1))
        who = inv[i].get("funder") if i < len(inv) else None
        funder = _names(model)["stakeholder"].get(who, who) if who else w("investment_n", n=i + 1)
        key = N_("slot_volunteer_hours") if m.group(2) == "hours" else N_("slot_hourly_value")
        return w(key, funder=funder)
    if name == "discount.rate":
        return w("slot_discount_rate")
    return name.replace("_", " ")


#: Effect-size kinds as the report writes them (the model file's ``dz`` is the paired d_z).
_EFFECT_KINDS_SHOWN = {"dz": "d_z", "dav": "d_av"}


def effect_kind_shown(kind: str) -> str:
    """An effect size's kind as the report writes it, one spelling with its formula's words:
    ``dz`` -> ``d_z``, ``dav`` -> ``d_av``; ``d`` and ``g`` as they are."""
    return _EFFECT_KINDS_SHOWN.get(kind, kind)


def _soft_line(so: dict, w: Words) -> str:
    if so.get("error"):
        return w("soft_line_error", name=so["name"], error=so["error"])
    ch = _finite(so.get("mean_change"))
    direction = ""
    if ch is not None:
        good = ch < 0 if so.get("lower_is_better") else ch > 0
        direction = " " + (w("improvement") if good else w("no_improvement"))
    change = w("n_a") if ch is None else ("+" if ch > 0 else "") + w.num(ch)
    return w(
        "soft_line",
        name=so["name"],
        change=change,
        unit=in_language(so["unit"], w),
        direction=direction,
        ci=w.interval(so.get("change_ci_low"), so.get("change_ci_high")),
        level=w.pct(so.get("level", 0.95)),
        pre=w.num(so.get("mean_pre"), 1),
        post=w.num(so.get("mean_post"), 1),
        n=so.get("n_used"),
    )


#: What says who a respondent not used is: a row's respondent id and its rows of the data file(s).
_WHO_KEYS = ("id", "row", "row_post")


def rows_without_ids(rows: list[dict]) -> list[dict]:
    """The respondents not used (``rows_not_used``) as a report for publication gives them: each
    with its reason and the scores it lacks, its id and its rows of the data file(s) None."""
    return [{**r, **{k: None for k in _WHO_KEYS if k in r}} for r in rows]


def _rows_not_used_line(so: dict, w: Words) -> str:
    """The respondents a soft outcome could not use, each with its own reason (``rows_not_used[].reason``
    in the report's language), those with the same reason together: by respondent id where the data
    have an id column and ids are shown, else by line of the data file; where ids are left out
    (``rows_without_ids``) counted per reason; only the count when the reasons are not known."""
    rows = so.get("rows_not_used") or []
    n = so.get("n_rows_not_used", len(rows))
    if not rows:
        return w("rows_not_used_no_ids", n=n)
    hidden = all(all(r.get(k) is None for k in _WHO_KEYS) for r in rows)
    by_id = all(r.get("id") is not None for r in rows)
    groups: dict[str, list[str]] = {}  # reason -> who, in the order of the data
    for r in rows:
        line = r.get("row") if r.get("row") is not None else r.get("row_post")
        why = r.get("reason")
        who = "" if hidden else str(r["id"] if by_id else int(line))
        groups.setdefault(in_language(why, w) if why else "", []).append(who)
    if hidden:  # the ids are left out, the reasons stay: "2 × no after score; 1 × …"
        counted = w("list_sep").join(
            w(N_("rows_not_used_counted"), count=len(who), reason=text) if text else str(len(who))
            for text, who in groups.items()
        )
        return w("rows_not_used_ids", n=n, ids=w(N_("rows_not_used_hidden"), reasons=counted))
    who = w("list_sep").join(
        w(N_("rows_not_used_group"), who=", ".join(ids), reason=text) if text else ", ".join(ids)
        for text, ids in groups.items()
    )
    return w("rows_not_used_ids", n=n, ids=who) if by_id else w("rows_not_used_lines", n=n, lines=who)


def _proxies(model: Any, w: Words | None = None) -> list[dict]:
    """One row per monetised outcome of the model (its ``outcomes`` field): proxy, currency, source."""
    w = w or words("en")
    out = []
    for o in model.outcomes or []:
        p = o.get("proxy") or {}
        wb = o.get("wellbeing") or {}
        out.append(
            {
                "outcome": o.get("name") or o["id"],
                "value": _param_label(p.get("value"), w)
                if p
                else w(
                    "wellby_proxy",
                    change=_param_label(wb.get("life_satisfaction_change"), w),
                    value=_param_label(wb.get("value_per_wellby"), w),
                ),
                "currency": p.get("currency") or wb.get("currency"),
                "price_year": p.get("price_year") or wb.get("price_year"),
                "source": p.get("source") or wb.get("source") or w("no_source"),
                "licence": p.get("licence"),
            }
        )
    return out


class SlotLabel(str):
    """A parameter slot's label (English text), drawn in each language by :func:`_friendly`."""

    name: str
    model: Any

    def __new__(cls, name: str, model: Any = None) -> SlotLabel:
        obj = super().__new__(cls, _friendly(name, model))
        obj.name, obj.model = name, model
        return obj

    def __reduce__(self) -> tuple:
        return (SlotLabel, (self.name, self.model))

    def in_language(self, w: Words) -> str:
        return _friendly(self.name, self.model, w)
