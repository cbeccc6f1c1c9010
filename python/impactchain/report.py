"""Impact reports a municipality can read: HTML (self-contained), Markdown, JSON.

``build_report`` runs everything a report needs for one or more models
(valuation, Monte Carlo, soft-outcome summaries from their CSV data, and a
comparison with the comparator) and returns a :class:`Report`;
``write_report`` does that from model files and writes the report files.

The three formats carry the same content: the summary first (social value per
euro with its interval and P(ratio > 1), soft outcomes in their own units, the
caveats in plain language), then one section per intervention, the comparison,
and an appendix with every assumption and default. A section whose input could
not be computed says so and why; nothing is left out silently. All user text is
escaped; the HTML loads nothing from the network.
"""
from __future__ import annotations

import csv
import datetime as _dt
import html
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd



class _LazyPlots:
    """impactchain.plots imported on first use (matplotlib is slow to import)."""

    def __getattr__(self, name: str) -> Any:
        from impactchain import plots as _p

        return getattr(_p, name)


plots = _LazyPlots()
__all__ = ["Report", "build_report", "write_report", "DataFileError", "DEFAULT_DRAWS", "DEFAULT_SEED"]

DEFAULT_DRAWS = 5000
DEFAULT_SEED = 2026
#: Resamples of the bootstrap CI of each soft outcome's mean change.
SOFT_RESAMPLES = 2000
#: Willingness-to-pay grid (euros a funder would pay per euro of social value) for acceptability curves.
WTP_GRID = tuple(np.round(np.linspace(0.0, 3.0, 31), 2))

Progress = Callable[[str], None]


class DataFileError(ValueError):
    """A data file referenced by a model is unreadable or malformed; the
    message names the model, the file, the row (line of the file, header = 1)
    and the column."""


# --------------------------------------------------------------------------- helpers

def _esc(x: Any) -> str:
    return html.escape("" if x is None else str(x), quote=True)


def _md(x: Any) -> str:
    """Markdown-safe text: no raw HTML, no table breaks."""
    s = "" if x is None else str(x)
    s = html.escape(s, quote=False)
    return s.replace("|", "\\|").replace("\n", " ")


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


def _get(obj: Any, *names: str) -> Any:
    for n in names:
        if obj is None:
            return None
        if isinstance(obj, Mapping):
            if n in obj:
                return obj[n]
            continue
        try:
            v = getattr(obj, n)
        except Exception:  # noqa: BLE001 - a property that cannot be computed counts as absent
            continue
        if v is not None:
            return v
    return None


def _plain(v: Any) -> Any:
    """JSON-safe plain data (NaN/inf -> None, numpy -> Python, frames -> records)."""
    if isinstance(v, pd.DataFrame):
        return [_plain(r) for r in v.reset_index(drop=not _named_index(v)).to_dict(orient="records")]
    if isinstance(v, pd.Series):
        return {str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, Mapping):
        return {str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, np.ndarray):
        return [_plain(x) for x in v.tolist()]
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        f = float(v)
        return f if math.isfinite(f) else None
    if isinstance(v, (str, int, bool)) or v is None:
        return v
    return str(v)


def _named_index(df: pd.DataFrame) -> bool:
    return any(n is not None for n in df.index.names)


def _mapping(x: Any) -> dict[str, float]:
    """by_stakeholder / by_funder in any reasonable shape -> {label: value}."""
    if x is None:
        return {}
    if isinstance(x, pd.Series):
        return {str(k): float(v) for k, v in x.items()}
    if isinstance(x, pd.DataFrame):
        df = x if not _named_index(x) else x.reset_index()
        label = next((c for c in df.columns if df[c].dtype == object), df.columns[0])
        num = [c for c in df.columns if c != label and pd.api.types.is_numeric_dtype(df[c])]
        pick = next((c for c in ("present_value", "pv", "value", "amount", "pv_amount", "discounted") if c in num),
                    num[-1] if num else None)
        if pick is None:
            return {}
        return {str(k): float(v) for k, v in zip(df[label], df[pick])}
    if isinstance(x, Mapping):
        out = {}
        for k, v in x.items():
            f = _finite(v if not isinstance(v, Mapping) else _get(v, "present_value", "pv", "value", "amount"))
            if f is not None:
                out[str(k)] = f
        return out
    return {}


def _call(fn: Callable, *args: Any, **kwargs: Any) -> Any:
    """Calls fn, dropping keyword options it does not accept (older module versions)."""
    try:
        return fn(*args, **kwargs)
    except TypeError as e:
        msg = str(e)
        for k in list(kwargs):
            if f"'{k}'" in msg:
                kwargs.pop(k)
                return _call(fn, *args, **kwargs)
        raise


def _fn(module: str, name: str) -> Callable | None:
    import importlib

    import impactchain as ic

    f = getattr(ic, name, None)
    if callable(f) and not isinstance(f, type(importlib)):
        return f
    try:
        mod = importlib.import_module(f"impactchain.{module}")
    except ImportError:
        return None
    f = getattr(mod, name, None)
    return f if callable(f) else None


def _why(e: BaseException) -> str:
    return f"{type(e).__name__}: {e}" if not isinstance(e, ValueError) else str(e)


# --------------------------------------------------------------------------- CSV checks

def check_csv(path: Path, columns: Sequence[str], *, who: str) -> pd.DataFrame:
    """Reads a CSV data file strictly: every row must have as many fields as
    the header, required columns must exist, and the text must be UTF-8.
    Raises DataFileError naming the file, row (line of the file) and column."""
    where = f"{who}: {path}"
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise DataFileError(f"{where}: cannot read the data file ({e.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise DataFileError(f"{where}: row {line}: not UTF-8 text (byte {e.start}); save the file as UTF-8 CSV") from None
    rows = list(csv.reader(text.splitlines()))
    if not rows or not any(c.strip() for c in rows[0]):
        raise DataFileError(f"{where}: the file is empty (expected a header row with columns {list(columns)})")
    header = [h.strip() for h in rows[0]]
    dup = sorted({h for h in header if header.count(h) > 1})
    if dup:
        raise DataFileError(f"{where}: row 1: duplicate column names {dup}")
    missing = [c for c in columns if c not in header]
    if missing:
        raise DataFileError(f"{where}: row 1: column(s) {missing} not found (columns: {header})")
    for i, r in enumerate(rows[1:], start=2):
        if not r or (len(r) == 1 and not r[0].strip()):
            continue
        if len(r) != len(header):
            col = header[len(r)] if len(r) < len(header) else f"(extra field after '{header[-1]}')"
            raise DataFileError(
                f"{where}: row {i}: {len(r)} fields but the header has {len(header)} columns "
                f"(first problem at column {col}); no row is dropped, fix the file"
            )
        for c in columns:
            cell = r[header.index(c)].strip()
            if cell == "":
                continue
            try:
                float(cell)
            except ValueError:
                raise DataFileError(f"{where}: row {i}, column '{c}': {cell!r} is not a number") from None
    df = pd.DataFrame(rows[1:], columns=header) if len(rows) > 1 else pd.DataFrame(columns=header)
    return df


# --------------------------------------------------------------------------- per-model computation

@dataclass
class ModelSection:
    """Everything the report shows for one model."""

    name: str
    role: str
    source: str | None
    base_dir: Path
    info: dict
    model_dict: dict
    value: dict | None = None
    simulation: dict | None = None
    soft: list[dict] = field(default_factory=list)
    not_computed: dict[str, str] = field(default_factory=dict)
    defaults: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unadjusted: list[str] = field(default_factory=list)
    charts: dict[str, str] = field(default_factory=dict)
    ratio_draws: np.ndarray | None = None
    pv_draws: np.ndarray | None = None
    cost_draws: np.ndarray | None = None


def _model_dict(model: Any) -> dict:
    for meth in ("to_json",):
        f = getattr(model, meth, None)
        if callable(f):
            return json.loads(f())
    f = getattr(model, "to_dict", None)
    if callable(f):
        return f()
    raise TypeError(f"cannot read the content of {type(model).__name__}: expected an impactchain.Model")


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


def _chain_svg(md: dict, quantities: Mapping[str, Any] | None) -> str:
    chain = md.get("chain") or {}
    nodes = []
    for n in chain.get("nodes", []):
        q = None
        if quantities and quantities.get(n["id"]) is not None:
            q = _finite(quantities[n["id"]])
        elif n.get("quantity") is not None:
            q = _param_central(n["quantity"])
        nodes.append({"id": n["id"], "name": n.get("name") or n["id"], "level": n.get("level"), "quantity": q,
                      "unit": n.get("unit", "")})
    edges = [{"from": e["from"], "to": e["to"], "rate": _rate_label(e["rate"]) if "rate" in e else ""}
             for e in chain.get("edges", [])]
    return plots.chain_diagram(nodes, edges)


_ADJ = ("deadweight", "displacement", "attribution", "drop_off", "duration")


def _own_defaults(md: dict) -> tuple[list[str], list[str]]:
    """Defaults this report can see in the model itself (independent of the
    valuation module), and outcomes without deadweight and attribution."""
    out, unadjusted = [], []
    if not md.get("discount") and (md.get("outcomes") or md.get("investments")):
        out.append("no discount given: the valuation's default discounting applies (see its assumptions)")
    if not md.get("period"):
        out.append("no activity period given: year 0 is the start of the activity")
    for o in md.get("outcomes", []) or []:
        missing = [k for k in _ADJ if k not in o]
        if missing:
            desc = ", ".join(("duration 1 year" if k == "duration" else f"{k.replace('_', '-')} 0") for k in missing)
            out.append(f"outcome '{o['id']}': not given, so assumed: {desc}")
        if "deadweight" not in o and "attribution" not in o:
            unadjusted.append(o.get("name") or o["id"])
        if "stakeholder" not in o:
            out.append(f"outcome '{o['id']}': no stakeholder given (shown as 'unassigned')")
    for s in md.get("soft_outcomes", []) or []:
        out.append(f"soft outcome '{s['id']}': effect size d_z (paired), bootstrap 95 % CI of the mean change "
                   f"({SOFT_RESAMPLES} resamples, BCa)" + ("" if "reliability" in s else
                                                             "; no reliability given, so no reliable change index"))
    return out, unadjusted


def _value_section(res: Any) -> dict:
    d: dict[str, Any] = {}
    for key, names in {
        "present_value": ("present_value", "pv", "pv_outcomes"),
        "pv_investment": ("pv_investment", "investment_pv", "pv_inputs", "investment"),
        "npv": ("npv",),
        "sroi_ratio": ("sroi_ratio", "ratio"),
        "net_sroi": ("net_sroi",),
        "payback_months": ("payback_months",),
    }.items():
        d[key] = _finite(_get(res, *names))
    if d["pv_investment"] is None and d["present_value"] is not None and d["npv"] is not None:
        d["pv_investment"] = d["present_value"] - d["npv"]
    d["currency"] = _get(res, "currency")
    d["warnings"] = [str(w) for w in (_get(res, "warnings") or [])]
    d["assumptions"] = [str(a) for a in (_get(res, "assumptions") or [])]
    d["by_stakeholder"] = {(k or "(no stakeholder given)"): x for k, x in _mapping(_get(res, "by_stakeholder")).items()}
    d["by_funder"] = {(k or "(no funder given)"): x for k, x in _mapping(_get(res, "by_funder")).items()}
    sv = _get(res, "switching_values")
    d["switching_values"] = _plain(sv) if sv is not None else []
    y = _get(res, "yearly")
    d["yearly"] = y if isinstance(y, pd.DataFrame) else (pd.DataFrame(y) if y is not None else None)
    return d


_STEPS = [("gross", "Gross value"), ("after_deadweight", "Deadweight"), ("after_displacement", "Displacement"),
          ("after_attribution", "Attribution"), ("after_drop_off", "Drop-off"), ("discounted", "Discounting")]


def _waterfall_steps(yearly: pd.DataFrame | None) -> list[tuple[str, float]] | None:
    if yearly is None or not all(c in yearly.columns for c, _ in _STEPS):
        return None
    tot = [float(pd.to_numeric(yearly[c], errors="coerce").sum()) for c, _ in _STEPS]
    steps = [("Gross value", tot[0])]
    for i in range(1, len(_STEPS)):
        steps.append((_STEPS[i][1], tot[i] - tot[i - 1]))
    steps.append(("Present value", tot[-1]))
    return steps


def _summary_row(summary: Any, output: str) -> dict | None:
    """One output's (mean, sd, p05, p50, p95) from a summary given as a
    DataFrame (rows or columns = outputs) or a mapping."""
    if summary is None:
        return None
    keys = ("mean", "sd", "p05", "p50", "p95")
    if isinstance(summary, pd.DataFrame):
        if output in summary.index:
            r = summary.loc[output]
        elif output in summary.columns and not set(keys) & set(summary.columns):
            r = summary[output]
        elif "output" in summary.columns and output in set(summary["output"]):
            r = summary.set_index("output").loc[output]
        else:
            return None
        return {k: _finite(r.get(k)) for k in keys}
    if isinstance(summary, Mapping) and output in summary:
        r = summary[output]
        return {k: _finite(_get(r, k)) for k in keys}
    r = _get(summary, output)
    if r is not None:
        return {k: _finite(_get(r, k)) for k in keys}
    return None


def _draw_column(sim: Any, names: Sequence[str], n: int) -> np.ndarray | None:
    """Per-draw values of an output, wherever the simulation result keeps them."""
    for name in names:
        v = _get(sim, name)
        if v is not None and not isinstance(v, (int, float)) and np.ndim(v) == 1 and len(v) == n and n > 1:
            return np.asarray(v, dtype=float)
    arr = _get(sim, "draws_frame", "draws_array")
    if arr is None:
        d = _get(sim, "draws")
        arr = d if not isinstance(d, (int, np.integer)) else None
    if arr is None:
        return None
    if isinstance(arr, pd.DataFrame):
        for name in names:
            if name in arr.columns:
                return arr[name].to_numpy(dtype=float)
        return None
    if isinstance(arr, Mapping):
        for name in names:
            if name in arr:
                return np.asarray(arr[name], dtype=float)
        return None
    a = np.asarray(arr)
    if a.dtype.names:
        for name in names:
            if name in a.dtype.names:
                return a[name].astype(float)
        return None
    outs = _get(sim, "outputs", "output_names", "columns")
    if outs is not None and a.ndim == 2:
        outs = list(outs)
        for name in names:
            if name in outs:
                j = outs.index(name)
                return (a[:, j] if a.shape[1] == len(outs) else a[j, :]).astype(float)
    return None


def _tornado_data(tor: Any) -> tuple[list[str], list[float], list[float], float | None] | None:
    if tor is None:
        return None
    df = tor if isinstance(tor, pd.DataFrame) else pd.DataFrame(tor)
    if df.empty:
        return None
    if _named_index(df):
        df = df.reset_index()
    if "output" in df.columns:  # one table for several outputs: keep the ratio's rows
        df = df[df["output"].isin(["sroi_ratio", "ratio"])]
        if df.empty:
            return None
    label = next((c for c in ("label", "parameter", "name", "assumption", "slot") if c in df.columns), None)
    pairs = [("ratio_low", "ratio_high"), ("sroi_ratio_low", "sroi_ratio_high"), ("output_low", "output_high"),
             ("low_output", "high_output"), ("at_low", "at_high"), ("low", "high")]
    lo_hi = next(((a, b) for a, b in pairs if a in df.columns and b in df.columns), None)
    if label is None or lo_hi is None:
        return None
    base = None
    for b in ("base", "base_output", "ratio_base", "base_ratio"):
        if b in df.columns:
            base = _finite(df[b].iloc[0])
            break
    return ([_friendly(str(x)) for x in df[label]], df[lo_hi[0]].astype(float).tolist(), df[lo_hi[1]].astype(float).tolist(),
            base)


def _friendly(name: str) -> str:
    """Parameter slot name -> words: 'outcomes[jobs].deadweight' -> 'jobs: deadweight'."""
    import re

    m = re.fullmatch(r"outcomes\[([^\]]+)\]\.(.+)", name)
    if m:
        return f"{m.group(1)}: {m.group(2).replace('_', ' ').replace('.', ' ')}"
    m = re.fullmatch(r"chain\.edges\[([^\]]+)\]\.rate", name)
    if m:
        return f"rate {m.group(1)}"
    m = re.fullmatch(r"chain\.nodes\[([^\]]+)\]\.quantity", name)
    if m:
        return f"quantity of {m.group(1)}"
    m = re.fullmatch(r"investments\[([^\]]+)\]\.amount", name)
    if m:
        return f"investment {m.group(1)}"
    return name.replace("_", " ")


def _soft_entry(md: dict, spec: dict, base_dir: Path, model_name: str, seed: int, threads: int) -> dict:
    """Summary of one soft outcome: checks the CSV strictly, then soft.py."""
    from impactchain import soft as soft_mod

    who = f"model '{model_name}', soft outcome '{spec['id']}'"
    path = base_dir / spec["data"]
    needed = [spec["pre"], spec["post"]] + ([spec["group"]] if spec.get("group") else [])
    df = check_csv(path, [spec["pre"], spec["post"]], who=who)
    for c in needed:
        if c not in df.columns:
            raise DataFileError(f"{who}: {path}: row 1: column '{c}' not found (columns: {list(df.columns)})")
    indicator = next((i for i in md.get("indicators", []) if i["id"] == spec.get("indicator")), {})
    lower_better = indicator.get("direction") == "lower" or spec.get("scale") == "ons4_anxiety"
    call = {k: spec[k] for k in ("id", "indicator", "scale", "data", "pre", "post", "group", "reliability") if k in spec}
    call.update(seed=seed, resamples=SOFT_RESAMPLES, higher_is_better=not lower_better)
    try:
        summary = soft_mod.soft_outcome_summary(call, base_dir, threads=threads)
    except ValueError as e:
        if path.name in str(e):  # the data file itself is at fault: stop, naming file, row and column
            raise DataFileError(f"{who}: {e}") from None
        raise  # a computation that is not defined for these data: shown in the section
    groups = summary.get("groups") or []
    overall = next((g for g in groups if g.get("group") == "all"), groups[0] if groups else {})
    scale_bounds = indicator.get("scale")
    if isinstance(scale_bounds, Mapping):
        scale_bounds = (scale_bounds.get("min"), scale_bounds.get("max"))
    known = {"wemwbs": (14, 70), "swemwbs": (7, 35)}
    if scale_bounds is None:
        scale_bounds = known.get(spec.get("scale", ""), (0, 10) if str(spec.get("scale", "")).startswith("ons4") else None)
    unit = indicator.get("unit") or (f"{spec['scale']} score" if spec.get("scale") else "points")
    pre = pd.to_numeric(df[spec["pre"]].str.strip(), errors="coerce").to_numpy(dtype=float)
    post = pd.to_numeric(df[spec["post"]].str.strip(), errors="coerce").to_numpy(dtype=float)
    return {
        "id": spec["id"],
        "name": spec.get("name") or spec["id"],
        "stakeholder": spec.get("stakeholder"),
        "scale": spec.get("scale"),
        "unit": unit,
        "lower_is_better": lower_better,
        "data": spec["data"],
        "n_rows": summary.get("n_rows"),
        "n_used": summary.get("n_used"),
        "rows_not_used": summary.get("rows_not_used", []),
        "mean_pre": overall.get("mean_pre"),
        "mean_post": overall.get("mean_post"),
        "mean_change": overall.get("mean_change"),
        "change_ci_low": overall.get("change_ci_low"),
        "change_ci_high": overall.get("change_ci_high"),
        "effect_size": overall.get("effect_size"),
        "effect_size_convention": summary.get("effect_size_convention"),
        "share_improved": overall.get("share_improved"),
        "groups": groups,
        "warnings": summary.get("warnings", []),
        "scale_bounds": list(scale_bounds) if scale_bounds else None,
        "_pre": pre,
        "_post": post,
    }


def _compute_model(model: Any, source: str | None, base_dir: Path, *, draws: int, seed: int, threads: int,
                   say: Progress) -> ModelSection:
    md = _model_dict(model)
    name = md.get("name") or "(unnamed model)"
    sec = ModelSection(name=name, role=md.get("role", "intervention"), source=source, base_dir=base_dir,
                       info={k: md.get(k) for k in ("organisation", "description", "period", "currency", "price_year",
                                                   "notes")},
                       model_dict=md)
    own, sec.unadjusted = _own_defaults(md)
    currency = md.get("currency") or ""

    try:  # central quantity of every chain node, flowing along the edges
        quantities = {str(k): v for k, v in model.chain.quantities().items()}
    except Exception:  # noqa: BLE001 - the diagram then shows given quantities only
        quantities = None
    # Deterministic valuation.
    value_fn = _fn("value", "value")
    if not (md.get("outcomes") or md.get("investments")):
        sec.not_computed["value"] = "the model has no monetised outcomes or investments"
    elif value_fn is None:
        sec.not_computed["value"] = "impactchain.value is not available in this installation"
    else:
        say(f"{name}: valuing")
        try:
            res = value_fn(model)
            sec.value = _value_section(res)
            sec.defaults += sec.value["assumptions"]
            sec.warnings += sec.value["warnings"]
        except Exception as e:  # noqa: BLE001 - reported in the section, never silently dropped
            sec.not_computed["value"] = _why(e)
    # The model-level defaults this report sees itself, unless the valuation
    # already reported the same outcome's default (no default goes unlisted).
    told = " ".join(sec.value["assumptions"]).lower() if sec.value else ""
    for d in own:
        oid = d.split("'")[1] if d.startswith("outcome '") else None
        if oid and f"'{oid.lower()}'" in told:  # the valuation listed this outcome's defaults field by field
            continue
        if d.startswith("no discount") and "discount" in told:
            continue
        sec.defaults.append(d)

    # Monte Carlo.
    sim_fn = _fn("uncertainty", "simulate")
    if "value" in sec.not_computed and not (md.get("outcomes") or md.get("investments")):
        sec.not_computed["simulation"] = "nothing monetised to simulate"
    elif sim_fn is None:
        sec.not_computed["simulation"] = "impactchain.simulate is not available in this installation"
    else:
        say(f"{name}: simulating {draws:,} draws")
        try:
            sim = _call(sim_fn, model, draws=draws, seed=seed, threads=threads, keep_draws=True)
            s = {"draws": draws, "seed": seed}
            for out, names in (("sroi_ratio", ("sroi_ratio", "ratio")), ("present_value", ("present_value", "pv")),
                               ("npv", ("npv",)), ("pv_investment", ("pv_investment", "investment_pv"))):
                row = None
                for nm in names:
                    row = _summary_row(_get(sim, "summary_by_output", "summary_table"), nm)
                    if row:
                        break
                if row:
                    s[out] = row
            s["p_ratio_above_1"] = _finite(_get(sim, "p_ratio_above_1"))
            s["nonfinite_draws"] = _get(sim, "nonfinite_draws")
            s["assumptions"] = [str(a) for a in (_get(sim, "assumptions") or [])]
            s["warnings"] = [str(w) for w in (_get(sim, "warnings") or [])]
            sec.defaults += s["assumptions"]
            sec.warnings += s["warnings"]
            sec.ratio_draws = _draw_column(sim, ("sroi_ratio", "ratio"), draws)
            sec.pv_draws = _draw_column(sim, ("present_value", "pv"), draws)
            sec.cost_draws = _draw_column(sim, ("pv_investment", "investment_pv", "investment"), draws)
            if s["p_ratio_above_1"] is None and sec.ratio_draws is not None:
                s["p_ratio_above_1"] = float(np.mean(sec.ratio_draws[np.isfinite(sec.ratio_draws)] > 1.0))
            tor = _tornado_data(_get(sim, "tornado"))
            s["tornado"] = None if tor is None else [
                {"assumption": a, "low": lo, "high": hi} for a, lo, hi in zip(tor[0], tor[1], tor[2])]
            s["_tornado"] = tor
            sob = _get(sim, "sobol")
            s["sobol"] = _plain(sob) if sob is not None else None
            sec.simulation = s
        except Exception as e:  # noqa: BLE001
            sec.not_computed["simulation"] = _why(e)

    # Soft outcomes.
    for spec in md.get("soft_outcomes", []) or []:
        say(f"{name}: soft outcome '{spec['id']}'")
        try:
            sec.soft.append(_soft_entry(md, spec, base_dir, name, seed, threads))
        except DataFileError:
            raise
        except Exception as e:  # noqa: BLE001
            sec.soft.append({"id": spec["id"], "name": spec.get("name") or spec["id"], "error": _why(e)})

    _charts(sec, currency, quantities)
    return sec


def _charts(sec: ModelSection, currency: str, quantities: Mapping[str, Any] | None) -> None:
    md = sec.model_dict
    if md.get("chain", {}).get("nodes"):
        sec.charts["chain"] = _chain_svg(md, quantities)
    v = sec.value
    if v:
        steps = _waterfall_steps(v["yearly"])
        if steps:
            sec.charts["waterfall"] = plots.waterfall(steps, currency=currency)
        else:
            sec.not_computed["waterfall"] = "the valuation gave no yearly breakdown with the adjustment columns"
        if v["by_stakeholder"]:
            names = {st["id"]: st.get("name") or st["id"] for st in md.get("stakeholders", []) or []}
            sec.charts["stakeholders"] = plots.stakeholder_bars(
                {names.get(k, k): x for k, x in v["by_stakeholder"].items()}, currency=currency)
        else:
            sec.not_computed["by stakeholder"] = "the valuation gave no value by stakeholder"
        if v["by_funder"]:
            sec.charts["funders"] = plots.funder_bars(v["by_funder"], currency=currency)
    s = sec.simulation
    if s:
        r = s.get("sroi_ratio") or {}
        if sec.ratio_draws is not None:
            sec.charts["ratio"] = plots.ratio_histogram(sec.ratio_draws, p05=r.get("p05"), p95=r.get("p95"),
                                                        central=r.get("p50"))
        else:
            sec.not_computed["ratio distribution"] = "the simulation kept no per-draw ratios"
        tor = s.get("_tornado")
        base = (v or {}).get("sroi_ratio")
        if tor is not None and (tor[3] is not None or base is not None):
            sec.charts["tornado"] = plots.tornado(tor[0], tor[1], tor[2], tor[3] if tor[3] is not None else base)
        else:
            sec.not_computed["tornado"] = "the simulation gave no one-way sensitivity table"
    for so in sec.soft:
        if so.get("error"):
            continue
        ci = (so["change_ci_low"], so["change_ci_high"])
        ci = ci if all(_finite(c) is not None for c in ci) else None
        sec.charts[f"soft:{so['id']}"] = plots.soft_profile(
            so["_pre"], so["_post"], scale=tuple(so["scale_bounds"]) if so["scale_bounds"] else None,
            mean_change=_finite(so["mean_change"]), ci=ci, unit=so["unit"], title=so["name"],
            lower_is_better=so["lower_is_better"])


# --------------------------------------------------------------------------- comparison

def _comparison(sections: list[ModelSection], comparator: str | None, say: Progress) -> tuple[dict | None, dict, str | None]:
    """Deterministic ICER table and, with draws, the PSA (CE plane, CEAC, EVPI)."""
    charts: dict[str, str] = {}
    if len(sections) < 2:
        return None, charts, None
    import importlib

    cmp = importlib.import_module("impactchain.compare")  # the module (impactchain.compare is the function)

    notes = []
    names = [s.name for s in sections]
    if comparator is None:
        comps = [s.name for s in sections if s.role == "comparator"]
        if comps:
            comparator = comps[0]
            notes.append(f"comparator: '{comparator}' (the model with role: comparator)")
        else:
            comparator = names[0]
            notes.append(f"no model has role: comparator, so the first model '{comparator}' is the comparator")
    elif comparator not in names:
        raise ValueError(f"comparator '{comparator}' is not the name of one of the models {names}")
    missing = [s.name for s in sections if not s.value or s.value["pv_investment"] is None or s.value["present_value"] is None]
    if missing:
        return None, charts, ("the comparison needs the valuation of every model; not available for: " + ", ".join(missing))
    say("comparing")
    costs = [s.value["pv_investment"] for s in sections]
    effects = [s.value["present_value"] for s in sections]
    out: dict[str, Any] = {"comparator": comparator, "measure": "present value of monetised outcomes (EUR)",
                           "cost": "present value of the investment (EUR)", "assumptions": notes}
    table = cmp.icers(names, costs, effects)
    out["icers"] = _plain(table)
    out["icer_warnings"] = [str(w) for w in table.attrs.get("warnings", [])]
    have = all(s.pv_draws is not None for s in sections)
    if not have:
        out["psa"] = None
        out["psa_not_computed"] = "the simulations kept no per-draw present values"
        return out, charts, None
    n = min(len(s.pv_draws) for s in sections)
    cdraws, fixed_cost = [], []
    for s in sections:
        if s.cost_draws is not None:
            cdraws.append(s.cost_draws[:n])
        else:
            cdraws.append(np.full(n, s.value["pv_investment"]))
            fixed_cost.append(s.name)
    if fixed_cost:
        notes.append("investment treated as fixed in the simulation for: " + ", ".join(fixed_cost))
    C = np.column_stack(cdraws)
    E = np.column_stack([s.pv_draws[:n] for s in sections])
    p = cmp.psa(C, E, names, reference=comparator)
    wtp = list(WTP_GRID)
    pb = p.prob_best(wtp)
    evpi = p.evpi(wtp)
    out["psa"] = {
        "draws": int(n),
        "wtp": wtp,
        "prob_best": {str(k): [_plain(x) for x in pb[k].tolist()] for k in pb.columns},
        "evpi": [_plain(x) for x in np.asarray(evpi, dtype=float).tolist()],
        "icer": _plain(p.icer),
        "prob_best_at_1": {str(k): _plain(v) for k, v in p.prob_best(1.0).items()},
    }
    out["assumptions"] += [str(a) for a in p.assumptions]
    ref = names.index(comparator)
    de = {nm: E[:, j] - E[:, ref] for j, nm in enumerate(names) if j != ref}
    dc = {nm: C[:, j] - C[:, ref] for j, nm in enumerate(names) if j != ref}
    charts["ce_plane"] = plots.ce_plane(de, dc, wtp=1.0, comparator=comparator)
    charts["ceac"] = plots.ceac(wtp, {str(k): pb[k].to_numpy() for k in pb.columns},
                                xlabel="Willingness to pay per euro of social value (EUR)")
    return out, charts, None


# --------------------------------------------------------------------------- the report

@dataclass
class Report:
    """A computed report; render it with :meth:`to_html`, :meth:`to_markdown`, :meth:`to_dict`."""

    title: str
    sections: list[ModelSection]
    comparison: dict | None
    comparison_charts: dict[str, str]
    comparison_not_computed: str | None
    settings: dict
    caveats: list[str]
    summary_charts: dict[str, str] = field(default_factory=dict)

    # ---------------------------------------------------------------- data
    @property
    def illustrative(self) -> bool:
        return any("illustrative" in (s.info.get("notes") or "").lower() for s in self.sections)

    def summary(self) -> list[dict]:
        rows = []
        for s in self.sections:
            v, sim = s.value or {}, s.simulation or {}
            r = sim.get("sroi_ratio") or {}
            rows.append({
                "name": s.name, "role": s.role, "currency": s.info.get("currency"),
                "sroi_ratio": v.get("sroi_ratio"), "ratio_p05": r.get("p05"), "ratio_p95": r.get("p95"),
                "p_ratio_above_1": sim.get("p_ratio_above_1"), "present_value": v.get("present_value"),
                "pv_investment": v.get("pv_investment"), "npv": v.get("npv"),
                "payback_months": v.get("payback_months"),
                "soft_outcomes": [{k: so.get(k) for k in ("id", "name", "unit", "n_used", "mean_pre", "mean_post",
                                                          "mean_change", "change_ci_low", "change_ci_high",
                                                          "effect_size", "error")} for so in s.soft],
            })
        return rows

    def defaults(self) -> list[str]:
        out = [f"{k}: {v}" for k, v in self.settings.get("defaults_used", {}).items()]
        for s in self.sections:
            out += [f"{s.name}: {d}" for d in s.defaults]
        if self.comparison:
            out += [f"comparison: {a}" for a in self.comparison.get("assumptions", [])]
        return out

    def not_computed(self) -> list[dict]:
        out = [{"model": s.name, "section": k, "reason": v} for s in self.sections for k, v in s.not_computed.items()]
        if self.comparison_not_computed:
            out.append({"model": None, "section": "comparison", "reason": self.comparison_not_computed})
        return out

    def to_dict(self) -> dict:
        """The report's content as JSON-ready data (numbers unrounded)."""
        models = []
        for s in self.sections:
            v = dict(s.value or {})
            y = v.pop("yearly", None)
            if y is not None:
                v["yearly"] = _plain(y)
            sim = {k: val for k, val in (s.simulation or {}).items() if not k.startswith("_")} if s.simulation else None
            models.append({
                "name": s.name, "role": s.role, "source": s.source, **{k: s.info.get(k) for k in s.info},
                "value": _plain(v) if s.value else None,
                "simulation": _plain(sim),
                "soft_outcomes": [_plain({k: x for k, x in so.items() if not k.startswith("_")}) for so in s.soft],
                "unadjusted_outcomes": s.unadjusted,
                "defaults": s.defaults, "warnings": s.warnings,
                "not_computed": s.not_computed,
                "proxies": _proxies(s.model_dict),
            })
        return {
            "impactchain_report": 1,
            "title": self.title,
            "illustrative": self.illustrative,
            "settings": _plain(self.settings),
            "summary": _plain(self.summary()),
            "caveats": self.caveats,
            "defaults": self.defaults(),
            "not_computed": self.not_computed(),
            "models": models,
            "comparison": _plain(self.comparison),
        }

    def to_json(self, indent: int = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False, allow_nan=False)

    # ---------------------------------------------------------------- HTML
    def to_html(self) -> str:
        """A self-contained HTML page (inline CSS and SVG, nothing loaded from the network)."""
        return _render_html(self)

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{_esc(r['name'])}</td><td>{_num(r['sroi_ratio'])}</td>"
            f"<td>{_num(r['ratio_p05'])} – {_num(r['ratio_p95'])}</td><td>{_pct(r['p_ratio_above_1'])}</td></tr>"
            for r in self.summary())
        return (f"<div><b>{_esc(self.title)}</b><table><tr><th>Model</th><th>Social value per euro</th>"
                f"<th>90 % interval</th><th>P(ratio &gt; 1)</th></tr>{rows}</table>"
                f"<small>{len(self.caveats)} caveats; .to_html() for the full report</small></div>")

    # ---------------------------------------------------------------- Markdown
    def to_markdown(self) -> str:
        """The same content as the HTML report, as Markdown (charts are described, not drawn)."""
        return _render_markdown(self)


def _proxies(md: dict) -> list[dict]:
    out = []
    for o in md.get("outcomes", []) or []:
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


def _caveats(sections: list[ModelSection], comparison: dict | None) -> list[str]:
    out = []
    for s in sections:
        sim = s.simulation or {}
        tor = sim.get("tornado") or []
        if tor:
            top = sorted(tor, key=lambda t: -abs((t["high"] or 0) - (t["low"] or 0)))[:3]
            out.append(f"{s.name}: the result depends most on " + "; ".join(
                f"{t['assumption']} (ratio {_num(min(t['low'], t['high']))} to {_num(max(t['low'], t['high']))})"
                for t in top) + ".")
        p = sim.get("p_ratio_above_1")
        if p is not None and 0.05 < p < 0.95:
            out.append(f"{s.name}: whether the social value exceeds the investment is uncertain "
                       f"(in {p:.0%} of simulations it does).")
        if s.unadjusted:
            out.append(f"{s.name}: not adjusted for deadweight or attribution (what would have happened anyway, "
                       f"and others' contribution): " + ", ".join(s.unadjusted) + ". These values may be too high.")
        for k, why in s.not_computed.items():
            out.append(f"{s.name}: the {k} section could not be computed ({why}).")
        for so in s.soft:
            if so.get("error"):
                out.append(f"{s.name}: soft outcome '{so['name']}' could not be summarised ({so['error']}).")
            elif so.get("rows_not_used"):
                out.append(f"{s.name}: soft outcome '{so['name']}': {len(so['rows_not_used'])} survey row(s) lacked a "
                           "before or after score and are not in the mean change (listed in the section).")
        if any(so.get("n_used") is not None and so["n_used"] < 30 for so in s.soft if not so.get("error")):
            out.append(f"{s.name}: some soft outcomes rest on fewer than 30 respondents; treat their change as indicative.")
    counts = [(s.name, len(s.defaults)) for s in sections if s.defaults]
    if counts:
        out.append("Assumptions not stated in the model took a default (" +
                   "; ".join(f"{n}: {k}" for n, k in counts) + "); every one is listed under 'Defaults used'.")
    if any(s.soft for s in sections):
        out.append("Soft outcomes are shown in their own units (scale points), not in money, and are not part of "
                   "the social value per euro unless the model values them explicitly (e.g. WELLBY).")
    if comparison is not None:
        out.append("The comparison puts all money on one footing (present values in the same price year); it does "
                   "not make the target groups of the interventions identical.")
    if any("illustrative" in (s.info.get("notes") or "").lower() for s in sections):
        out.insert(0, "The figures are illustrative, not real data: they show how the method works and must not be "
                      "cited as results.")
    return out


def build_report(
    models: Sequence[Any],
    *,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    threads: int = 1,
    comparator: str | None = None,
    base_dirs: Sequence[str | Path | None] | None = None,
    title: str | None = None,
    progress: Progress | None = None,
    sources: Sequence[str | None] | None = None,
) -> Report:
    """Computes a report for one or more models.

    Parameters
    ----------
    models : sequence of impactchain.Model (or paths to model files)
    draws : int, default 5000
        Monte Carlo draws per model (>= 100).
    seed : int, default 2026
        Seed of the simulation and of the soft-outcome bootstrap; same seed, same report.
    threads : int, default 1
        Threads; the numbers do not depend on it.
    comparator : str, optional
        Name of the comparator model; default the model with ``role: comparator``
        (else the first model), recorded as an assumption.
    base_dirs : sequence of paths, optional
        Directory each model's data paths are relative to; default the model
        file's directory (models read with ``impactchain.load``) or the working directory.
    """
    from impactchain.io import base_dir as _base_dir, load

    say = progress or (lambda _msg: None)
    if not models:
        raise ValueError("build_report: give at least one model")
    if int(draws) < 100:
        raise ValueError(f"build_report: draws must be >= 100, got {draws}")
    loaded, srcs = [], []
    for i, m in enumerate(models):
        if isinstance(m, (str, Path)):
            say(f"reading {m}")
            srcs.append(str(m))
            loaded.append(load(m))
        else:
            srcs.append(sources[i] if sources else getattr(m, "source_path", None))
            loaded.append(m)
    if base_dirs is not None and len(base_dirs) != len(loaded):
        raise ValueError(f"build_report: base_dirs has {len(base_dirs)} entries for {len(loaded)} models")
    sections = []
    for i, m in enumerate(loaded):
        bd = Path(base_dirs[i]) if base_dirs is not None and base_dirs[i] is not None else _base_dir(m)
        # Model i draws with seed + i: independent streams, so that no two models'
        # parameters share uniforms (which would correlate them spuriously).
        sections.append(_compute_model(m, srcs[i], bd, draws=int(draws), seed=int(seed) + i, threads=int(threads), say=say))
    names = [s.name for s in sections]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise ValueError(f"build_report: model names must be unique, repeated: {dup}")
    comp, comp_charts, comp_missing = _comparison(sections, comparator, say)
    defaults_used = {}
    if draws == DEFAULT_DRAWS:
        defaults_used["draws"] = f"{DEFAULT_DRAWS} Monte Carlo draws per model (default)"
    if seed == DEFAULT_SEED:
        defaults_used["seed"] = f"random seed {DEFAULT_SEED} (default)"
    settings = {"draws": int(draws), "seed": int(seed), "threads": int(threads), "comparator": comparator,
                "soft_resamples": SOFT_RESAMPLES, "interval": "90 % (5th to 95th percentile of the simulations)",
                "generated": _dt.date.today().isoformat(), "impactchain_version": _version(),
                "defaults_used": defaults_used}
    report = Report(
        title=title or (f"Social impact report: {names[0]}" if len(names) == 1 else
                        f"Social impact report: {len(names)} interventions compared"),
        sections=sections, comparison=comp, comparison_charts=comp_charts, comparison_not_computed=comp_missing,
        settings=settings, caveats=_caveats(sections, comp))
    if len(sections) > 1 and all(s.value and s.simulation for s in sections):
        rows = report.summary()
        report.summary_charts["ratios"] = plots.ratio_intervals(
            [r["name"] for r in rows], [r["sroi_ratio"] for r in rows], [r["ratio_p05"] for r in rows],
            [r["ratio_p95"] for r in rows], roles=[r["role"] for r in rows])
    return report


def _version() -> str:
    try:
        from impactchain import __version__

        return str(__version__)
    except ImportError:  # pragma: no cover
        return "unknown"


def write_report(
    model_paths: Sequence[str | Path],
    output: str | Path,
    *,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    threads: int = 1,
    comparator: str | None = None,
    formats: Iterable[str] = ("html", "md", "json"),
    progress: Progress | None = None,
    title: str | None = None,
) -> list[Path]:
    """Builds the report of the model files and writes it.

    ``output`` is the HTML file (``report.html``); the Markdown and JSON files
    take the same name with ``.md`` and ``.json``. A directory writes
    ``report.html`` etc. inside it. Returns the paths written.
    """
    formats = tuple(formats)
    bad = [f for f in formats if f not in ("html", "md", "json")]
    if bad:
        raise ValueError(f"write_report: unknown format(s) {bad}; known: html, md, json")
    out = Path(output)
    if out.is_dir() or str(output).endswith(("/", "\\")):
        out = out / "report.html"
    stem = out.with_suffix("") if out.suffix.lower() in (".html", ".htm", ".md", ".json") else out
    rep = build_report([Path(p) for p in model_paths], draws=draws, seed=seed, threads=threads,
                       comparator=comparator, progress=progress, title=title)
    say = progress or (lambda _msg: None)
    stem.parent.mkdir(parents=True, exist_ok=True)
    written = []
    for f in formats:
        path = stem.with_suffix({"html": ".html", "md": ".md", "json": ".json"}[f])
        text = rep.to_html() if f == "html" else rep.to_markdown() if f == "md" else rep.to_json() + "\n"
        path.write_text(text, encoding="utf-8")
        say(f"wrote {path}")
        written.append(path)
    return written


# --------------------------------------------------------------------------- rendering

_CSS = """
:root{--ink:#1a1a1a;--muted:#555;--line:#d0d0d0;--accent:#0072B2;--bad:#D55E00;--good:#009E73;--bg:#f6f7f9}
*{box-sizing:border-box}
body{font-family:"DejaVu Sans","Liberation Sans",Arial,Helvetica,sans-serif;color:var(--ink);margin:0;line-height:1.45;font-size:15px}
main{max-width:1040px;margin:0 auto;padding:24px 28px 60px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:21px;border-bottom:2px solid var(--accent);padding-bottom:4px;margin-top:40px}
h3{font-size:17px;margin-top:26px}h4{font-size:15px;margin:18px 0 6px}
.sub{color:var(--muted);margin:0 0 16px}
.banner{background:#fff4d6;border:1px solid #e0b84c;padding:10px 14px;border-radius:6px;margin:14px 0}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
.card{flex:1 1 300px;border:1px solid var(--line);border-radius:8px;padding:12px 16px;background:var(--bg);break-inside:avoid}
.card h3{margin:0 0 6px;font-size:16px}
.big{font-size:30px;font-weight:bold;color:var(--accent)}.big.low{color:var(--bad)}
.small{font-size:13px;color:var(--muted)}
table{border-collapse:collapse;margin:8px 0 14px;font-size:13.5px;width:100%}
th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
th{background:var(--bg)}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.chart{margin:10px 0 18px;break-inside:avoid;page-break-inside:avoid}
.chart svg{display:block}
.caption{font-size:13px;color:var(--muted);margin-top:2px}
.missing{border-left:4px solid var(--bad);background:#fdf0ea;padding:8px 12px;margin:10px 0}
ul.caveats li{margin-bottom:4px}
nav{font-size:13.5px;margin:10px 0 0}nav a{margin-right:12px;color:var(--accent)}
code{background:var(--bg);padding:0 3px}
footer{margin-top:40px;font-size:12.5px;color:var(--muted)}
@media print{
 body{font-size:11pt}main{max-width:none;padding:0}
 nav{display:none}h2{break-before:page;page-break-before:always}h2.first{break-before:auto;page-break-before:auto}
 .card{background:none}.banner{border:1px solid #000;background:none}
 a{color:inherit;text-decoration:none}
 @page{size:A4;margin:16mm 14mm}
}
"""


def _chart(svg: str | None, caption: str) -> str:
    if not svg:
        return ""
    return f'<figure class="chart">{svg}<figcaption class="caption">{_esc(caption)}</figcaption></figure>'


def _missing(what: str, why: str) -> str:
    return f'<div class="missing"><b>{_esc(what)} could not be computed.</b> {_esc(why)}</div>'


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


def _table(headers: Sequence[str], rows: Iterable[Sequence[Any]], numeric: Sequence[bool] | None = None) -> str:
    numeric = numeric or [False] * len(headers)
    th = "".join(f'<th class="{"n" if n else ""}">{_esc(h)}</th>' for h, n in zip(headers, numeric))
    body = "".join("<tr>" + "".join(f'<td class="{"n" if n else ""}">{_esc(c)}</td>' for c, n in zip(r, numeric))
                   + "</tr>" for r in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _anchor(i: int) -> str:
    return f"model-{i + 1}"


def _render_html(rep: Report) -> str:
    p: list[str] = []
    a = p.append
    a('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
      '<meta name="viewport" content="width=device-width, initial-scale=1">'
      f"<title>{_esc(rep.title)}</title><style>{_CSS}</style></head><body><main>")
    a(f"<h1>{_esc(rep.title)}</h1>")
    a(f'<p class="sub">Generated {_esc(rep.settings["generated"])} with impactchain {_esc(rep.settings["impactchain_version"])}'
      f' · {rep.settings["draws"]:,} simulations per model · seed {rep.settings["seed"]}</p>')
    nav = ['<a href="#summary">Summary</a>'] + [f'<a href="#{_anchor(i)}">{_esc(s.name)}</a>'
                                                for i, s in enumerate(rep.sections)]
    if len(rep.sections) > 1:
        nav.append('<a href="#comparison">Comparison</a>')
    nav.append('<a href="#appendix">Methods and assumptions</a>')
    a(f"<nav>{''.join(nav)}</nav>")
    if rep.illustrative:
        a('<div class="banner"><b>Illustrative figures, not real data.</b> This report shows how the method works; '
          "its numbers must not be cited as results.</div>")

    # Summary.
    a('<section id="summary"><h2 class="first">Summary</h2>')
    a('<p>Social value per euro: the present value of the social outcomes divided by the present value of the money '
      "invested. Above 1 means more social value than money put in. The interval shows where 90 % of the "
      "simulations fall when every uncertain assumption varies.</p>")
    a('<div class="cards">')
    for i, r in enumerate(rep.summary()):
        ratio = _finite(r["sroi_ratio"])
        cls = "big low" if ratio is not None and ratio < 1 else "big"
        a(f'<div class="card"><h3><a href="#{_anchor(i)}">{_esc(r["name"])}</a>'
          f'{" <span class=small>(comparator)</span>" if r["role"] == "comparator" else ""}</h3>')
        if ratio is None:
            a(f'<div class="small">Social value per euro: not computed ({_esc(rep.sections[i].not_computed.get("value", "no valuation"))})</div>')
        else:
            a(f'<div><span class="{cls}">{ratio:.2f}</span> <span class="small">euro of social value per euro invested</span></div>')
            a(f'<div>90 % interval: <b>{_interval(r["ratio_p05"], r["ratio_p95"])}</b> · '
              f'P(ratio &gt; 1): <b>{_pct(r["p_ratio_above_1"])}</b></div>')
            a(f'<div class="small">Present value {_money(r["present_value"], r["currency"])} for an investment of '
              f'{_money(r["pv_investment"], r["currency"])}</div>')
        for so in r["soft_outcomes"]:
            a(f'<div class="small">• {_esc(_soft_line({**so, **next(x for x in rep.sections[i].soft if x["id"] == so["id"])}))}</div>')
        a("</div>")
    a("</div>")
    a(_chart(rep.summary_charts.get("ratios"), "Dot: central estimate; line: 90 % interval; vertical line: 1 euro of "
                                                "social value per euro invested."))
    a("<h3>What to keep in mind</h3><ul class=\"caveats\">" + "".join(f"<li>{_esc(c)}</li>" for c in rep.caveats) + "</ul>")
    nc = rep.not_computed()
    if nc:
        a("<h3>Sections that could not be computed</h3>")
        a(_table(["Model", "Section", "Reason"], [(x["model"] or "all", x["section"], x["reason"]) for x in nc]))
    a("</section>")

    # Per model.
    for i, s in enumerate(rep.sections):
        cur = s.info.get("currency") or ""
        a(f'<section id="{_anchor(i)}"><h2>{_esc(s.name)}{" (comparator)" if s.role == "comparator" else ""}</h2>')
        meta = [x for x in (s.info.get("organisation"), _period(s.info.get("period"))) if x]
        if meta:
            a(f'<p class="sub">{_esc(" · ".join(meta))}</p>')
        if s.info.get("description"):
            a(f"<p>{_esc(s.info['description'])}</p>")
        if s.info.get("notes"):
            a(f'<p class="small"><b>Note:</b> {_esc(s.info["notes"])}</p>')
        a("<h3>Outcome chain</h3>")
        if "chain" in s.charts:
            a(_chart(s.charts["chain"], "From inputs through activities and outputs to outcomes; numbers are quantities, "
                                        "percentages the share that moves on to the next step."))
        else:
            a('<p class="small">The model has no outcome chain.</p>')
        a("<h3>Social value</h3>")
        v = s.value
        if v is None:
            a(_missing("The valuation", s.not_computed.get("value", "unknown reason")))
        else:
            rows = [("Present value of outcomes", _money(v["present_value"], cur)),
                    ("Present value of investment", _money(v["pv_investment"], cur)),
                    ("Net present value", _money(v["npv"], cur)),
                    ("Social value per euro (SROI ratio)", _num(v["sroi_ratio"])),
                    ("Net SROI", _num(v["net_sroi"])),
                    ("Payback (months)", _num(v["payback_months"], 1))]
            a(_table(["Measure", "Value"], rows, [False, True]))
            a(_chart(s.charts.get("waterfall"), "Gross value, minus what would have happened anyway (deadweight), "
                                                "what moved elsewhere (displacement), others' contribution "
                                                "(attribution), fading over time (drop-off) and discounting."))
            if "waterfall" in s.not_computed:
                a(_missing("The value waterfall", s.not_computed["waterfall"]))
            a(_chart(s.charts.get("stakeholders"), "Who receives the value (present value)."))
            if "by stakeholder" in s.not_computed:
                a(_missing("Value by stakeholder", s.not_computed["by stakeholder"]))
            a(_chart(s.charts.get("funders"), "Who put the money in."))
            a("<h4>Financial proxies and their sources</h4>")
            a(_table(["Outcome", "Value per unit per year", "Currency", "Price year", "Source"],
                     [(x["outcome"], x["value"], x["currency"] or "", x["price_year"] or s.info.get("price_year") or "",
                       x["source"]) for x in _proxies(s.model_dict)]))
            sv = v.get("switching_values") or {}
            if sv:
                a("<h4>Switching values (where the ratio would fall to 1)</h4>")
                a('<p class="small">Each assumption changed on its own, the others at their central value; '
                  '"none" means the ratio stays on the same side of 1 over the assumption\'s whole range.</p>')
                rows = list(sv.items()) if isinstance(sv, Mapping) else [(r.get("name"), r.get("value")) for r in sv]
                found = [(k, x) for k, x in rows if _finite(x) is not None]
                if found:
                    a(_table(["Assumption", "Value at which the ratio is 1"],
                             [(_friendly(k), _plainnum(x)) for k, x in found], [False, True]))
                none = [_friendly(k) for k, x in rows if _finite(x) is None]
                if none:
                    a(f'<p class="small">No switching value within their range: {_esc(", ".join(none))}.</p>')
        a("<h3>Uncertainty</h3>")
        sim = s.simulation
        if sim is None:
            a(_missing("The Monte Carlo simulation", s.not_computed.get("simulation", "unknown reason")))
        else:
            r = sim.get("sroi_ratio") or {}
            a(f"<p>Over {sim['draws']:,} simulations the ratio has median {_num(r.get('p50'))} and 90 % interval "
              f"{_interval(r.get('p05'), r.get('p95'))}; it exceeds 1 in {_pct(sim.get('p_ratio_above_1'))} of them.</p>")
            a(_chart(s.charts.get("ratio"), "Each bar: share of simulations with that ratio; orange bars are below 1."))
            if "ratio distribution" in s.not_computed:
                a(_missing("The ratio distribution", s.not_computed["ratio distribution"]))
            a(_chart(s.charts.get("tornado"), "Each assumption set to its low and its high value, the others at their "
                                              "central value; the longest bars matter most."))
            if "tornado" in s.not_computed:
                a(_missing("The tornado diagram", s.not_computed["tornado"]))
        a("<h3>Soft outcomes (in their own units)</h3>")
        if not s.soft:
            a('<p class="small">The model has no soft outcomes.</p>')
        for so in s.soft:
            a(f"<h4>{_esc(so['name'])}</h4>")
            if so.get("error"):
                a(_missing(f"Soft outcome '{so['name']}'", so["error"]))
                continue
            a(f"<p>{_esc(_soft_line(so))}. Effect size {_num(so.get('effect_size'))} "
              f"({_esc(so.get('effect_size_convention') or 'paired d_z')}).</p>")
            a(_chart(s.charts.get(f"soft:{so['id']}"), "Left: scores before and after (box = middle half, ◆ = mean). "
                                                       "Right: mean change with its 95 % confidence interval."))
            gr = [g for g in so.get("groups", []) if g.get("group") != "all"]
            if gr:
                a(_table(["Group", "n", "Mean before", "Mean after", "Mean change", "95 % CI"],
                         [(g.get("group"), g.get("n"), _num(g.get("mean_pre"), 1), _num(g.get("mean_post"), 1),
                           _num(g.get("mean_change")), _interval(g.get("change_ci_low"), g.get("change_ci_high")))
                          for g in gr], [False, True, True, True, True, True]))
            if so.get("rows_not_used"):
                a(f'<p class="small">Rows not used (missing before or after score): '
                  f'{_esc(", ".join(str(x["row"]) for x in so["rows_not_used"]))}</p>')
        if s.warnings:
            a("<h4>Warnings</h4><ul>" + "".join(f"<li>{_esc(w)}</li>" for w in s.warnings) + "</ul>")
        a("</section>")

    # Comparison.
    if len(rep.sections) > 1:
        a('<section id="comparison"><h2>Comparison</h2>')
        c = rep.comparison
        if c is None:
            a(_missing("The comparison", rep.comparison_not_computed or "unknown reason"))
        else:
            a(f"<p>Compared with <b>{_esc(c['comparator'])}</b>. Cost: {_esc(c['cost'])}; effect: {_esc(c['measure'])}. "
              "A strategy is dominated (D) when another gives more value for less money, extendedly dominated (ED) "
              "when a mix of others does better; ICER = extra cost per extra euro of social value along the "
              "efficient frontier.</p>")
            heads = {"strategy": "Option", "cost": "Cost (PV)", "effect": "Social value (PV)", "inc_cost": "Extra cost",
                     "inc_effect": "Extra value", "icer": "ICER", "status": "Status", "note": "Note"}
            a(_records_table([{heads.get(k, k): x for k, x in r.items()} for r in c["icers"]]))
            a('<p class="small">Status: ND = on the efficient frontier (not dominated), D = dominated, '
              "ED = extendedly dominated.</p>")
            for w in c.get("icer_warnings", []):
                a(f'<p class="small">{_esc(w)}</p>')
            if c.get("psa"):
                a(_chart(rep.comparison_charts.get("ce_plane"),
                         "Each dot one simulation: extra social value (right) and extra cost (up) against the "
                         "comparator; below the dashed line each extra euro buys more than a euro of social value."))
                a(_chart(rep.comparison_charts.get("ceac"),
                         "How likely each option is the best use of money, for different values a funder puts on one "
                         "euro of social value."))
                pb = c["psa"]["prob_best_at_1"]
                a("<p>At one euro per euro of social value, the chance of being the best option: "
                  + ", ".join(f"{_esc(k)} {_pct(v)}" for k, v in pb.items()) + ".</p>")
            else:
                a(_missing("The probabilistic comparison", c.get("psa_not_computed", "unknown reason")))
        a("</section>")

    # Appendix.
    a('<section id="appendix"><h2>Methods and assumptions</h2>')
    a("<p>Valuation follows the SROI guide (Social Value International, 2012): impact = quantity × proxy × "
      "(1 − deadweight) × (1 − displacement) × (1 − attribution), drop-off from the second year, discounted to a "
      "present value. Uncertain assumptions are sampled (Monte Carlo) with a fixed seed (model i of the report "
      "uses seed + i, so models draw independently); intervals are the 5th to "
      "95th percentiles. Soft outcomes: paired change with bootstrap confidence intervals and effect sizes "
      "(named convention).</p>")
    a("<h3>Settings</h3>")
    st = rep.settings
    a(_table(["Setting", "Value"], [("Simulations per model", st["draws"]), ("Seed", st["seed"]),
                                    ("Threads (results do not depend on it)", st["threads"]),
                                    ("Interval", st["interval"]),
                                    ("Bootstrap resamples (soft outcomes)", st["soft_resamples"]),
                                    ("Model files", "; ".join(s.source or "(in memory)" for s in rep.sections))]))
    a("<h3>Defaults used</h3>")
    a('<p class="small">Every assumption a model did not state, and the method choice the library made for it.</p>')
    groups = [("Report", [f"{k}: {v}" for k, v in st.get("defaults_used", {}).items()])]
    groups += [(s.name, [f"{s.name}: {x}" for x in s.defaults]) for s in rep.sections]
    if rep.comparison:
        groups.append(("Comparison", [f"comparison: {x}" for x in rep.comparison.get("assumptions", [])]))
    shown = 0
    for head, items in groups:
        if not items:
            continue
        shown += len(items)
        # The full text (with the model name) stays in each item so it matches the JSON and Markdown.
        a(f"<h4>{_esc(head)}</h4><ul>" + "".join(f"<li>{_esc(x)}</li>" for x in items) + "</ul>")
    if not shown:
        a("<p>No defaults were used.</p>")
    a("</section>")
    a("<footer>Made with impactchain. All figures computed from the model files listed above; re-running with the "
      "same files and seed gives the same report.</footer>")
    a("</main></body></html>")
    return "\n".join(p)


def _period(pd_: Any) -> str:
    if not pd_:
        return ""
    if isinstance(pd_, Mapping):
        s, e = pd_.get("start"), pd_.get("end")
        return f"period {s}" if s == e or e is None else f"period {s}–{e}"
    return f"period {pd_}"


def _records_table(records: Any) -> str:
    recs = records if isinstance(records, list) else _plain(records)
    if not recs:
        return ""
    if isinstance(recs, dict):
        recs = [{"item": k, "value": v} for k, v in recs.items()]
    cols = list(dict.fromkeys(k for r in recs for k in r))
    numeric = [all(isinstance(r.get(c), (int, float)) or r.get(c) is None for r in recs) for c in cols]

    def cell(x: Any) -> str:
        if isinstance(x, float):
            return f"{x:,.2f}" if abs(x) < 1e4 else f"{x:,.0f}"
        return "" if x is None else str(x)

    return _table(cols, [[cell(r.get(c)) for c in cols] for r in recs], numeric)


def _render_markdown(rep: Report) -> str:
    L: list[str] = []
    a = L.append
    a(f"# {_md(rep.title)}\n")
    a(f"Generated {rep.settings['generated']} with impactchain {rep.settings['impactchain_version']} · "
      f"{rep.settings['draws']:,} simulations per model · seed {rep.settings['seed']}\n")
    if rep.illustrative:
        a("> **Illustrative figures, not real data.** This report shows how the method works; its numbers must not "
          "be cited as results.\n")
    a("## Summary\n")
    a("| Model | Social value per euro | 90 % interval | P(ratio > 1) | Present value | Investment (PV) |")
    a("|---|---:|---:|---:|---:|---:|")
    for r in rep.summary():
        a(f"| {_md(r['name'])}{' (comparator)' if r['role'] == 'comparator' else ''} | {_num(r['sroi_ratio'])} | "
          f"{_interval(r['ratio_p05'], r['ratio_p95'])} | {_pct(r['p_ratio_above_1'])} | "
          f"{_money(r['present_value'], r['currency'])} | {_money(r['pv_investment'], r['currency'])} |")
    a("")
    soft = [(s.name, so) for s in rep.sections for so in s.soft]
    if soft:
        a("**Soft outcomes (own units):**\n")
        for n, so in soft:
            a(f"- {_md(n)}: {_md(_soft_line(so))}")
        a("")
    a("### What to keep in mind\n")
    for c in rep.caveats:
        a(f"- {_md(c)}")
    a("")
    nc = rep.not_computed()
    if nc:
        a("### Sections that could not be computed\n")
        for x in nc:
            a(f"- {_md(x['model'] or 'all')} — {_md(x['section'])}: {_md(x['reason'])}")
        a("")
    for s in rep.sections:
        cur = s.info.get("currency") or ""
        a(f"## {_md(s.name)}{' (comparator)' if s.role == 'comparator' else ''}\n")
        if s.info.get("description"):
            a(_md(s.info["description"]) + "\n")
        if s.info.get("notes"):
            a(f"*Note:* {_md(s.info['notes'])}\n")
        a("### Outcome chain\n")
        chain = s.model_dict.get("chain") or {}
        for e in chain.get("edges", []):
            a(f"- {_md(e['from'])} → {_md(e['to'])}" + (f" ({_md(_rate_label(e['rate']))})" if "rate" in e else ""))
        if not chain:
            a("The model has no outcome chain.")
        a("\n*(Diagram in the HTML report.)*\n")
        a("### Social value\n")
        v = s.value
        if v is None:
            a(f"**Not computed:** {_md(s.not_computed.get('value', 'unknown reason'))}\n")
        else:
            a("| Measure | Value |\n|---|---:|")
            a(f"| Present value of outcomes | {_money(v['present_value'], cur)} |")
            a(f"| Present value of investment | {_money(v['pv_investment'], cur)} |")
            a(f"| Net present value | {_money(v['npv'], cur)} |")
            a(f"| Social value per euro (SROI ratio) | {_num(v['sroi_ratio'])} |")
            a(f"| Net SROI | {_num(v['net_sroi'])} |")
            a(f"| Payback (months) | {_num(v['payback_months'], 1)} |\n")
            steps = _waterfall_steps(v.get("yearly"))
            if steps:
                a("Value waterfall: " + " → ".join(f"{_md(lab)} {_money(x, cur)}" for lab, x in steps) + "\n")
            if v["by_stakeholder"]:
                a("Value by stakeholder: " + "; ".join(f"{_md(k)} {_money(x, cur)}" for k, x in v["by_stakeholder"].items()) + "\n")
            if v["by_funder"]:
                a("Investment by funder: " + "; ".join(f"{_md(k)} {_money(x, cur)}" for k, x in v["by_funder"].items()) + "\n")
            a("| Outcome | Proxy value | Source |\n|---|---|---|")
            for x in _proxies(s.model_dict):
                a(f"| {_md(x['outcome'])} | {_md(x['value'])} {_md(x['currency'] or '')} | {_md(x['source'])} |")
            a("")
        a("### Uncertainty\n")
        sim = s.simulation
        if sim is None:
            a(f"**Not computed:** {_md(s.not_computed.get('simulation', 'unknown reason'))}\n")
        else:
            r = sim.get("sroi_ratio") or {}
            a(f"Over {sim['draws']:,} simulations the ratio has median {_num(r.get('p50'))} and 90 % interval "
              f"{_interval(r.get('p05'), r.get('p95'))}; it exceeds 1 in {_pct(sim.get('p_ratio_above_1'))} of them.\n")
            if sim.get("tornado"):
                a("| Assumption | Ratio at low | Ratio at high |\n|---|---:|---:|")
                for t in sorted(sim["tornado"], key=lambda t: -abs(t["high"] - t["low"]))[:10]:
                    a(f"| {_md(t['assumption'])} | {_num(t['low'])} | {_num(t['high'])} |")
                a("")
        a("### Soft outcomes (in their own units)\n")
        if not s.soft:
            a("The model has no soft outcomes.\n")
        for so in s.soft:
            a(f"- {_md(_soft_line(so))}")
        a("")
        for w in s.warnings:
            a(f"- warning: {_md(w)}")
    if len(rep.sections) > 1:
        a("## Comparison\n")
        c = rep.comparison
        if c is None:
            a(f"**Not computed:** {_md(rep.comparison_not_computed or 'unknown reason')}\n")
        else:
            a(f"Compared with **{_md(c['comparator'])}**. Cost: {_md(c['cost'])}; effect: {_md(c['measure'])}.\n")
            recs = c["icers"]
            if recs:
                cols = list(recs[0])
                a("| " + " | ".join(cols) + " |")
                a("|" + "---|" * len(cols))
                for r in recs:
                    a("| " + " | ".join(_md(_num(r[k]) if isinstance(r[k], float) else r[k] if r[k] is not None else "")
                                        for k in cols) + " |")
                a("")
            if c.get("psa"):
                a("Chance of being the best option at one euro per euro of social value: " + ", ".join(
                    f"{_md(k)} {_pct(v)}" for k, v in c["psa"]["prob_best_at_1"].items()) + ".\n")
                a("*(Cost-effectiveness plane and acceptability curves in the HTML report.)*\n")
            else:
                a(f"**Probabilistic comparison not computed:** {_md(c.get('psa_not_computed', ''))}\n")
    a("## Methods and assumptions\n")
    st = rep.settings
    a(f"- Simulations per model: {st['draws']}; seed {st['seed']}; interval {st['interval']}; bootstrap resamples "
      f"{st['soft_resamples']}")
    a("- Model files: " + "; ".join(_md(s.source or "(in memory)") for s in rep.sections))
    a("\n### Defaults used\n")
    for d in rep.defaults():
        a(f"- {_md(d)}")
    a("")
    return "\n".join(L)
