"""One member of a portfolio evaluated on the portfolio's footing (``_portfolio_footing``): its
money brought to the portfolio's currency and price year, its value and Monte Carlo (the seed keyed by the member's
id, :func:`member_seed`), its soft outcomes, and its actuals laid over its forecast with the
difference split into its causes. Plain data out, the same on local threads or a Dask worker.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from impactchain._actuals import ActualsError, merge_actuals, read_document, refuse, shapley_split
from impactchain._file_places import text_places
from impactchain._notice import Notice, notice
from impactchain._portfolio_actuals_places import merged_problems
from impactchain._portfolio_definition import PortfolioError, PortfolioMember, PortfolioProblem
from impactchain._portfolio_footing import Footing, Models, member_model, to_footing
from impactchain._portfolio_names import member_names
from impactchain._portfolio_periods import actuals_period
from impactchain._uncertainty_result import no_money


def member_seed(seed: int, member_id: str) -> int:
    """The seed of a member's Monte Carlo: SHA-256 of the portfolio seed and the member's id,
    63 bits; it depends on nothing else (not the member's place, the thread or the worker)."""
    digest = hashlib.sha256(f"{int(seed)}\x00{member_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1


class ModelFileError(PortfolioError):
    """A member's model file itself is refused (not its actuals or its footing): a check names its
    problems once, for the first member that uses the file."""


def _stats(s: Any, factor: float = 1.0) -> dict[str, float]:
    return {"mean": s.mean * factor, "lower": s.lower * factor, "upper": s.upper * factor}


def _evaluate(model: Any, draws: int, seed: int, stream_version: int, factor: float) -> tuple[dict[str, Any], str]:
    """Value and Monte Carlo of one model, money times ``factor``: the core's results read
    directly (the numbers ic.value and ic.simulate give; no tables built per member, so that
    members on several threads spend their time in the core, which releases the GIL), with the
    number of assumptions drawn from a distribution. Also the discount schedule as the core
    describes it ("constant 10%", "nl_2021 (2.25%)")."""
    from impactchain import _core

    v = _core.value(model, switching_values=False)  # the portfolio reports no switching values
    o = _core.SimulateOptions()
    o.draws, o.seed, o.stream_version, o.threads, o.switching_values = draws, seed, stream_version, 1, False
    o.ledger_quantiles = False  # the portfolio reports P(net > 0) per party, not the parties' intervals
    sim = _core.simulate_model(model, o)
    summaries = {s.name: s for s in sim.result.summaries}
    ratio = summaries["sroi_ratio"]
    figures = {
        "present_value": v.present_value * factor,
        "investment_pv": v.investment_pv * factor,
        "npv": v.npv * factor,
        "sroi_ratio": v.sroi_ratio,
        "ratio": {"mean": ratio.mean, "lower": ratio.lower, "upper": ratio.upper},
        "npv_sim": _stats(summaries["npv"], factor),
        "present_value_sim": _stats(summaries["present_value"], factor),
        "p_ratio_above_1": sim.p_ratio_above_1,
        # The assumptions drawn from a distribution, as the model report counts them
        # (``simulation.uncertain_assumptions``): 0, every assumption is a fixed number.
        "uncertain_assumptions": len(sim.result.parameter_names),
        "outcomes": [
            {"outcome": r.id, "name": r.name, "quantity": r.quantity, "present_value": r.present_value * factor}
            for r in v.outcomes
        ],
        "ledger": [
            {
                "party": r.party,
                "pays": r.pays * factor,
                "gains": r.gains * factor,
                "net": r.net * factor,
                "p_net_positive": p.p_net_positive,
                "no_money": no_money(p.pays.mean, p.gains.mean, p.net.sd),
            }
            for r, p in zip(v.ledger, sim.ledger)
        ],
        "warnings": once(v.warnings, sim.result.warnings),
    }
    return figures, v.discount


def once(*notices: Any) -> list[Any]:
    """The notices of several lists in order, each text once (a notice is the str of its text)."""
    return list(dict.fromkeys(n for group in notices for n in group))


def _scale(model: Any, spec: Mapping[str, Any]) -> tuple[float, float]:
    """The lowest and highest score of a soft outcome, the unit of its change ("points on
    7–35"), by the model report's rule: the scale of the indicator it measures (``scale: [7,
    35]``), else the score range of its entry's ``scale`` (a built-in scale or the model's own);
    NaN where neither is given."""
    from impactchain._soft_data import indicator_scale
    from impactchain._soft_scales import scale_definition

    found = indicator_scale(model, spec)
    if found is not None:
        return found[1]
    if spec.get("scale"):
        low, high = scale_definition(spec["scale"], default_id=str(spec["id"])).score_range
        return float(low), float(high)
    return float("nan"), float("nan")


def _soft(model: Any) -> list[dict[str, Any]]:
    from impactchain.io import base_dir
    from impactchain.soft import soft_outcome_summary

    rows = []
    for spec in model.soft_outcomes or []:
        s = soft_outcome_summary(spec, base_dir(model), threads=1)
        g: Any = s.groups.loc["all"] if "all" in s.groups.index else s.groups.iloc[0]
        low, high = _scale(model, spec)
        rows.append(
            {
                "soft_outcome": spec["id"],
                "n": int(g["n"]),
                "mean_change": float(g["mean_change"]),
                "lower": float(g["change_ci_low"]),
                "upper": float(g["change_ci_high"]),
                # the scale the change is on: 0.64 on 0–10 and 2.86 on 7–35 are not alike
                "scale_low": low,
                "scale_high": high,
            }
        )
    return rows


def _reread(d: Mapping[str, Any], member: PortfolioMember, what: str, error: type[ValueError]) -> Any:
    """A model made here (``what`` says of what), read by the model loader; its problems named by
    their field alone: the text read is made here, so neither a file's name nor its lines and
    columns would mean anything to the user."""
    import impactchain as ic

    try:
        return ic.loads(json.dumps(d), format="json", source=what, source_path=str(member.model))
    except ValueError as e:
        issues = getattr(e, "issues", None) or [("", str(e))]
        text = "; ".join(f"{p}: {m}" if p else m for p, m in issues)
        raise error(f"{what} is not a valid model: {text}") from None


def _placed(error: PortfolioError, found: Any, file: str) -> PortfolioError:
    """``error`` with the problems the loader found (``found``, a ValidationError's issues, lines
    and columns) as its ``places``, each in ``file``; none where the loader named none."""
    issues = list(getattr(found, "issues", None) or [])
    lines = list(getattr(found, "lines", None) or [None] * len(issues))
    columns = list(getattr(found, "columns", None) or [None] * len(issues))
    error.places = [
        PortfolioProblem(message, field, message, line, column, file=file)
        for (field, message), line, column in zip(issues, lines, columns)
    ]
    return error


def _actual_model(
    merged: Mapping[str, Any],
    actuals: Mapping[str, Any],
    member: PortfolioMember,
    problems: list[str],
    fields: list[str],
) -> tuple[Any, list[PortfolioProblem]]:
    """The forecast with its actuals read by the model loader (None when it refuses it), and
    every problem of the actuals file: ``problems`` (the entries that could not be laid over the
    forecast), each at its field of the actuals file (``fields``) and that field's line and
    column, and what the loader says of the model made of the rest, a value the actuals gave
    named by the actuals file's field, line and column (``_portfolio_actuals_places``)."""
    import impactchain as ic

    assert member.actuals is not None
    shown = member.shown(member.actuals)
    prefix = f"actuals file '{shown}': "
    out = []
    places = text_places(member.actuals, fields) if fields else []  # the file parsed once
    for p, field, (line, column) in zip(problems, fields, places):
        message = p.removeprefix(prefix)
        out.append(PortfolioProblem(p, field, message.removeprefix(f"{field}: "), line, column, file=shown))
    try:
        model = ic.loads(json.dumps(merged), format="json", source="", source_path=str(member.model))
    except ValueError as e:
        return None, out + merged_problems(e, merged, actuals, member.actuals, shown, member.shown(member.model))
    return model, out


@dataclass(frozen=True)
class PreparedActual:
    """A member's forecast with its actuals laid over it."""

    model: Any  #: the model of forecast and actuals
    plain: dict[str, Any]  #: that model as plain data
    factor: float  #: to the portfolio's currency and price year
    replaced: list[Any]  #: every value the actuals replaced
    written: list[Any]  #: the actuals file's numbers written like 150.000
    #: The actuals file as read (its own fields, where a problem of the model above is placed).
    given: Mapping[str, Any] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class PreparedMember:
    """A member read and put on the footing, before any computation: what evaluating it needs and
    what checking it (``impactchain validate`` on a portfolio) reads."""

    who: str  #: "member 'id' (model path)", the start of its messages
    model: Any  #: the forecast (with the portfolio's discount unless the member keeps its own)
    read: list[Any]  #: what the loader said of the model file as written
    discount_replaced: bool
    factor: float  #: to the portfolio's currency and price year
    conversions: list[Notice]
    actual: Optional[PreparedActual] = None  #: with its actuals, if the member has a file of them
    #: What may not be what was meant, each naming the member (an actuals file of another period).
    said: tuple[Notice, ...] = ()


def prepare_member(
    member: PortfolioMember, footing: Optional[Footing], models: Optional[Models] = None
) -> PreparedMember:
    """The member's model (and actuals) read, checked and put on ``footing`` (None: a footing that
    could not be made, then the money is left as it is); its model taken from ``models`` where
    given (:func:`read_models`). Raises PortfolioError naming the member, its file and the field."""
    who = member.who
    try:
        try:
            model = member_model(member, models)
        except (ValueError, OSError) as e:
            raise _placed(ModelFileError(f"{who}: {e}"), e, member.shown(member.model)) from None
        read = list(model.read_warnings)  # said of the file as written (a model rebuilt below has none)
        d = model.to_dict()
        # The portfolio's discount where it replaces the member's own.
        wanted = None if footing is None or member.own_discount else footing.discount
        new_discount = wanted if wanted is not None and d.get("discount") != wanted else None
        if new_discount is not None:  # checked with the portfolio file; a model it does not fit is the member's
            d["discount"] = copy.deepcopy(dict(new_discount))
            model = _reread(d, member, f"{who}: the forecast with the portfolio's discount", PortfolioError)
        factor, conversions = to_footing(d, footing, who) if footing is not None else (1.0, [])
        prepared = PreparedMember(who, model, read, new_discount is not None, factor, conversions)
        if member.actuals is None:
            return prepared
        written: list[Any] = []
        actuals_shown = member.shown(member.actuals)
        actuals = read_document(member.actuals, "actuals file", written, actuals_shown)
        # What cannot be laid over the forecast, and what is wrong with the model it gives (the
        # entries that could be laid over it), named together.
        problems: list[str] = []
        fields: list[str] = []
        merged, replaced = merge_actuals(d, actuals, actuals_shown, problems, fields)
        actual, found = _actual_model(merged, actuals, member, problems, fields)
        if found:
            try:
                refuse([p.text for p in found], actuals_shown)
            except ActualsError as e:
                error = PortfolioError(f"{who}: {e}")
                error.places = found
                raise error from None
        ad = actual.to_dict()
        a_factor = to_footing(ad, footing, f"{who}: actuals")[0] if footing is not None else 1.0
        # The period the actuals file states (as the loader read it), against the member's.
        stated = ad.get("period") if "period" in actuals else None
        said = actuals_period(member, d.get("period"), stated, actuals_shown)
        return dataclasses.replace(
            prepared, actual=PreparedActual(actual, ad, a_factor, replaced, written, actuals), said=tuple(said)
        )
    except PortfolioError:
        raise
    except (ValueError, OSError) as e:
        raise PortfolioError(f"{who}: {e}") from None


def evaluate_member(
    member: PortfolioMember,
    footing: Footing,
    draws: int,
    seed: int,
    stream_version: int,
    models: Optional[Models] = None,
) -> dict[str, Any]:
    """Everything the portfolio reports of one member (plain data, the same wherever it runs), its
    draws from random stream ``stream_version`` with the member's seed (:func:`member_seed`); its
    model taken from ``models`` where given (:func:`read_models`), else read where it runs.
    Raises PortfolioError naming the member, its file and the field."""
    import impactchain as ic

    p = prepare_member(member, footing, models)
    try:
        s = member_seed(seed, member.id)
        forecast, schedule = _evaluate(p.model, draws, s, stream_version, p.factor)
        # The schedule as the core describes it, which the notice puts in the reader's words and
        # number format.
        notes: list[Notice] = (
            [notice("portfolio.discount_replaced", {"schedule": "discount"}, schedule=schedule)]
            if p.discount_replaced
            else []
        )
        notes += p.conversions
        forecast["warnings"] = once(p.read, forecast["warnings"])
        out: dict[str, Any] = {
            "member": member.id,
            "organisation": member.organisation,
            "period": member.period,
            "group": member.group,
            "model": str(member.model),
            # The member's files as its messages name them (relative to the portfolio file).
            "model_file": member.shown(member.model),
            "actuals_file": member.shown(member.actuals) if member.actuals is not None else "",
            "currency": p.model.currency,  # the member's own: its files' money (the replaced values)
            "factor": p.factor,
            "conversions": notes,
            "forecast": forecast,
            "soft": _soft(p.model),
            "actual": None,
            "said": list(p.said),  # what may not be what was meant, each notice naming the member
            # The model's names in each report language (the actuals name nothing new).
            "names": member_names(p.model, [x["path"] for x in p.actual.replaced] if p.actual else []),
        }
        if p.actual is not None:
            a = p.actual
            source = member.shown(member.actuals) if member.actuals is not None else ""

            def pvs(hybrid: Mapping[str, Any]) -> dict[str, float]:
                m = ic.loads(json.dumps(hybrid), format="json", source=source)
                return {
                    r["id"]: float(r["present_value"]) * a.factor
                    for r in ic.value(m, switching_values=False).outcomes.to_dict("records")
                }

            split, used = shapley_split(p.model.to_dict(), a.plain, pvs)
            evaluated, _ = _evaluate(a.model, draws, s, stream_version, a.factor)
            # What the forecast already says is not said again of the actual.
            evaluated["warnings"] = [n for n in once(a.written, evaluated["warnings"]) if n not in forecast["warnings"]]
            out["actual"] = {
                **evaluated,
                "file": Path(str(member.actuals)).name,  # the member is named beside it
                "factor": a.factor,  # its money to the footing (the replaced investments too)
                "replaced": a.replaced,
                "split": split,
                "factors": used,
                "soft": _soft(a.model),
            }
        return out
    except PortfolioError:
        raise
    except (ValueError, OSError) as e:
        raise PortfolioError(f"{p.who}: {e}") from None
