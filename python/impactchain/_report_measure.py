"""What is worth measuring next, in a model's section: the assumptions whose value, known before
deciding to fund, would pay (the expected value of partial perfect information), or in words why
none is named."""

from __future__ import annotations

from typing import Any

from impactchain._i18n import N_, Words
from impactchain._report_blocks import Heading, KeyValues, Paragraph, _kv
from impactchain._report_model import ModelSection
from impactchain._report_text import _friendly


def _measure_part(s: ModelSection, w: Words) -> list[Any]:
    """What is worth measuring next: the assumptions whose value, known before deciding to fund,
    would pay (EVPPI above twice its standard error), the largest three, and those to leave alone."""
    m = (s.simulation or {}).get("measure")
    if not m or not s.value:
        return []
    cur = s.value["currency"]
    b: list[Any] = [Heading(N_("measure_next"), level=4)]
    worth = [r for r in m["parameters"] if r["evppi"] > 2 * r["se"] and r["evppi"] > 0]
    if m["evpi"] <= 2 * m["evpi_se"] or not worth:
        b.append(_measure_not_worth(m, int((s.simulation or {})["draws"]), cur, w))
        return b
    b.append(Paragraph(key=N_("measure_intro"), values=_kv(evpi=w.money(m["evpi"], cur)), style="small"))
    b.append(
        KeyValues(
            tuple((_friendly(r["parameter"], s.model, w), w.money(r["evppi"], cur)) for r in worth[:3]),
            key_label=N_("assumption"),
            value_label=N_("measure_worth"),
            numbers=tuple((r["evppi"], "money") for r in worth[:3]),
            currency=cur,
        )
    )
    rest = [_friendly(r["parameter"], s.model, w) for r in m["parameters"] if r not in worth[:3]]
    if rest:
        b.append(Paragraph(key=N_("measure_rest"), values=_kv(names=w("list_sep").join(rest)), style="small"))
    return b


#: At most this share of draws in which the other funding decision would have been better,
#: further measuring "would hardly ever change" the decision (1 in 20).
RARELY_CHANGES = 0.05


def _measure_not_worth(m: dict, draws: int, cur: str, w: Words) -> Paragraph:
    """Why no assumption is listed as worth measuring, from the numbers: the decision is the same
    in every draw; it changes in few (``RARELY_CHANGES`` or fewer); or it changes in more, but
    neither everything together nor any one assumption is clearly (twice its standard error)
    worth knowing."""
    changes = m["decision_changes"]
    values = _kv(
        evpi=w.money(m["evpi"], cur),
        draws=w.integer(draws),
        changed=w.integer(round(changes * draws)),
        other=w(N_("measure_other_not_fund") if m["funds"] else N_("measure_other_fund")),
    )
    if changes == 0:
        return Paragraph(key=N_("measure_none"), values=values, style="small")
    if changes <= RARELY_CHANGES:
        return Paragraph(key=N_("measure_rarely"), values=values, style="small")
    return Paragraph(key=N_("measure_not_clear"), values=values, style="small")
