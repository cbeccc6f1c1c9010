"""How the report writes numbers and words: escaping for HTML and Markdown,
numbers, shares, money and intervals, labels of model-file parameters, and the
one-line sentences and proxy rows that all three formats share."""
from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from impactchain import _text


def _esc(x: Any) -> str:
    """HTML text: invisible and control characters shown (``_text.plain``), then escaped."""
    return _text.html(x)


def _md(x: Any) -> str:
    """Markdown text: backslash escapes (``_text.md``), no live link, image, HTML or entity."""
    return _text.md(x)


def _finite(x: Any) -> float | None:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def _num(x: Any, digits: int = 2) -> str:
    v = _finite(x)
    return "n/a" if v is None else f"{v:,.{digits}f}"


def _pct(x: Any) -> str:
    """Share as a whole percentage; never rounds an uncertain 99.7 % up to a certain-looking 100 %."""
    v = _finite(x)
    if v is None:
        return "n/a"
    if 0.995 <= v < 1:
        return "over 99%"
    if 0 < v < 0.005:
        return "under 1%"
    return f"{v:.0%}"


def _money(x: Any, cur: str | None) -> str:
    v = _finite(x)
    return "n/a" if v is None else f"{cur or ''} {v:,.0f}".strip()


def _plainnum(x: Any) -> str:
    v = _finite(x)
    if v is None:
        return "n/a"
    return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.3g}"


def _interval(lo: Any, hi: Any, digits: int = 2) -> str:
    if _finite(lo) is None or _finite(hi) is None:
        return "n/a"
    return f"{_num(lo, digits)} – {_num(hi, digits)}"


def _period(pd_: Any) -> str:
    if not pd_:
        return ""
    if isinstance(pd_, Mapping):
        s, e = pd_.get("start"), pd_.get("end")
        return f"period {s}" if s == e or e is None else f"period {s}–{e}"
    return f"period {pd_}"


def _param_central(p: Any) -> float | None:
    """Central value of a parameter in model-file form (for labels only)."""
    if isinstance(p, (int, float)):
        return float(p)
    if isinstance(p, Mapping) and len(p) == 1:
        (k, a), = p.items()
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


def _param_label(p: Any) -> str:
    if p is None:
        return ""
    if isinstance(p, (int, float)):
        return f"{p:g}"
    if isinstance(p, Mapping) and len(p) == 1:
        (k, a), = p.items()
        if isinstance(a, Mapping):
            return f"{k} " + ", ".join(f"{kk} {vv:g}" if isinstance(vv, (int, float)) else f"{kk} {vv}" for kk, vv in a.items())
        if isinstance(a, (list, tuple)):
            return f"{k} [" + ", ".join(f"{v:g}" if isinstance(v, (int, float)) else str(v) for v in a) + "]"
        return f"{k} {a}"
    return str(p)


def _rate_label(p: Any) -> str:
    c = _param_central(p)
    if c is None:
        return _param_label(p)
    uncertain = not isinstance(p, (int, float)) and not (isinstance(p, Mapping) and "fixed" in p)
    return f"{c:.0%}" + (" (range)" if uncertain else "")


def _names(model: Any) -> dict[str, dict[str, str]]:
    """Ids -> names of a model's stakeholders, chain nodes and outcomes (the id where there is no name)."""
    if model is None:
        return {"stakeholder": {}, "node": {}, "outcome": {}}
    return {"stakeholder": {st.id: st.name or st.id for st in model.stakeholders},
            "node": {n.id: n.name or n.id for n in model.chain.nodes},
            "outcome": {o["id"]: o.get("name") or o["id"] for o in model.outcomes or []}}


def _by_name(text: str, model: Any) -> str:
    """A result's message with outcomes and chain nodes named by name:
    "outcome 'jobs': ..." -> "outcome 'Jobs found': ...", "node 'kept'" -> "node 'Items kept'"."""
    nm = _names(model)
    for oid, name in nm["outcome"].items():
        if name != oid:
            text = text.replace(f"'{oid}'", f"'{name}'")
    for nid, name in nm["node"].items():
        if name != nid:
            text = text.replace(f"node '{nid}'", f"node '{name}'")
    return text


def _investment_label(model: Any, index: int) -> str:
    """An investment by its funder's name and year: 'investment of municipality (year 0)'."""
    inv = (model.investments or []) if model is not None else []
    if not 0 <= index < len(inv):
        return f"investment {index + 1}"
    funder = _names(model)["stakeholder"].get(inv[index].get("funder"), inv[index].get("funder"))
    year = inv[index].get("year")
    return f"investment of {funder or '(no funder given)'}" + ("" if year is None else f" (year {year})")


def _friendly(name: str, model: Any = None) -> str:
    """Parameter slot name -> words, things named by name:
    'outcomes[jobs].deadweight' -> 'Jobs found: deadweight'."""
    import re

    nm = _names(model)
    m = re.fullmatch(r"outcomes\[([^\]]+)\]\.(.+)", name)
    if m:
        return f"{nm['outcome'].get(m.group(1), m.group(1))}: {m.group(2).replace('_', ' ').replace('.', ' ')}"
    m = re.fullmatch(r"chain\.edges\[([^\]]+)->([^\]]+)\]\.rate", name)
    if m:
        return f"rate {nm['node'].get(m.group(1), m.group(1))} → {nm['node'].get(m.group(2), m.group(2))}"
    m = re.fullmatch(r"chain\.nodes\[([^\]]+)\]\.quantity", name)
    if m:
        return f"quantity of {nm['node'].get(m.group(1), m.group(1))}"
    m = re.fullmatch(r"investments\[([^\]]+)\]\.amount", name)
    if m:
        return _investment_label(model, int(m.group(1))) if m.group(1).isdigit() else f"investment {m.group(1)}"
    return name.replace("_", " ")


def _soft_line(so: dict) -> str:
    if so.get("error"):
        return f"{so['name']}: could not be summarised ({so['error']})"
    ch = _finite(so.get("mean_change"))
    direction = ""
    if ch is not None:
        good = ch < 0 if so.get("lower_is_better") else ch > 0
        direction = " (improvement)" if good else " (no improvement)"
    return (f"{so['name']}: mean change {'n/a' if ch is None else f'{ch:+.2f}'} {so['unit']}{direction}, "
            f"95 % CI {_interval(so.get('change_ci_low'), so.get('change_ci_high'))}; from "
            f"{_num(so.get('mean_pre'), 1)} to {_num(so.get('mean_post'), 1)}, n = {so.get('n_used')}")


def _rows_not_used_line(so: dict) -> str:
    """The survey rows a soft outcome could not use: by respondent id where the data have an
    id column and ids are shown, else by line of the data file; only the count when ids are left out."""
    rows = so.get("rows_not_used") or []
    n = so.get("n_rows_not_used", len(rows))
    head = f"{n} row(s) not used (missing before or after score)"
    if not rows:
        return head + "; respondent ids left out of this report"
    if all(r.get("id") is not None for r in rows):
        return head + ", respondent ids: " + ", ".join(str(r["id"]) for r in rows)
    return head + ", lines of the data file (header = 1): " + ", ".join(str(int(r["row"])) for r in rows)


def _proxies(model: Any) -> list[dict]:
    """One row per monetised outcome of the model (its ``outcomes`` field): proxy, currency, source."""
    out = []
    for o in model.outcomes or []:
        p = o.get("proxy") or {}
        w = o.get("wellbeing") or {}
        out.append({"outcome": o.get("name") or o["id"],
                    "value": _param_label(p.get("value")) if p else
                    f"WELLBY: change {_param_label(w.get('life_satisfaction_change'))} × value {_param_label(w.get('value_per_wellby'))}",
                    "currency": p.get("currency") or w.get("currency"),
                    "price_year": p.get("price_year") or w.get("price_year"),
                    "source": p.get("source") or w.get("source") or "(no source given)",
                    "licence": p.get("licence")})
    return out
