"""Reading what the valuation and simulation modules return, whatever shape
they take (attributes, mappings, DataFrames, arrays), into plain report data;
calling optional modules tolerantly and saying why a call failed."""
from __future__ import annotations

import math
from typing import Any, Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from impactchain._report_text import _finite, _friendly


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
