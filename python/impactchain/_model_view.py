"""How a :class:`impactchain.Model` shows itself in a terminal and in Jupyter: a short
repr (name, currency, counts) and a compact HTML card, never the whole model dict.
``Model.from_dict(m.to_dict())`` (or ``m.to_json()``) is the full, evaluable form."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from impactchain._problems import counted

if TYPE_CHECKING:
    from impactchain._summary import Summary


def prices(price_year: Optional[int]) -> str:
    """``2024 prices``, or ``no price year`` for a model that states none (it values nothing in money)."""
    return f"{price_year} prices" if price_year else "no price year"


def footing(currency: Optional[str], price_year: Optional[int]) -> str:
    """``EUR, 2024 prices``; ``no currency, no price year`` for a model that values nothing in money."""
    return f"{currency or 'no currency'}, {prices(price_year)}"


def _count(model: Any, what: str) -> int:
    return len(getattr(model, what) or [])


def model_summary(model: Any) -> Summary:
    """Name, currency and price year, period, and how many of each part the model has."""
    from impactchain._summary import Section, Summary  # pandas: only when a model is shown in full

    rows = [("currency", f"{model.currency or 'none'} ({prices(model.price_year)})"), ("role", model.role or "n/a")]
    if model.organisation:
        rows.append(("organisation", model.organisation))
    rows += [
        (what.replace("_", " "), _count(model, what))
        for what in ("stakeholders", "outcomes", "investments", "soft_outcomes", "indicators")
    ]
    return Summary(f"Model '{model.name}'", [Section("Model", rows=rows)])


def model_repr(model: Any) -> str:
    currency = model.currency or "no currency"
    footing = f"{currency} {model.price_year}" if model.price_year else f"{currency}, no price year"
    return (
        f"<Model {model.name!r}: {footing}, "
        f"{counted(_count(model, 'outcomes'), 'outcome')}, "
        f"{counted(_count(model, 'investments'), 'investment')}, "
        f"{counted(_count(model, 'stakeholders'), 'stakeholder')}>"
    )


def model_repr_html(model: Any) -> str:
    return model_summary(model).as_html()


def install(model_class: Any) -> None:
    """Gives the compiled Model class the short repr and the HTML view above."""
    model_class.__repr__ = model_repr
    model_class._repr_html_ = model_repr_html
