"""What is worth measuring next, in words that follow from the numbers: the expected value of
perfect information is what knowing every assumption before deciding would *add* to the funding
decision (not what the decision brings), and when no assumption is named the sentence says how
often the other decision would have been better: in no simulation, in few (1 in 20 or fewer), or
in more, where no assumption stands out from the simulation's chance variation."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np

import impactchain as ic
from impactchain._i18n import words
from impactchain._report_blocks import Paragraph
from impactchain._report_measure import _measure_part

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"


def _said(evpi, se, changes, *, funds=True, params=(), draws=2000, lang="en") -> list[str]:
    """The sentences of the part for a measure as the report holds it (model-free parameter names)."""
    measure = {
        "evpi": evpi,
        "evpi_se": se,
        "method": "regression",
        "funds": funds,
        "decision_changes": changes,
        "parameters": [{"parameter": p, "evppi": v, "se": s} for p, v, s in params],
    }
    sec = SimpleNamespace(simulation={"draws": draws, "measure": measure}, value={"currency": "EUR"}, model=None)
    w = words(lang)
    return [w(b.key, **dict(b.values)) for b in _measure_part(sec, w) if isinstance(b, Paragraph)]


def test_the_evpi_is_what_perfect_information_adds_to_the_decision():
    # EVPI 8,140 (SE 700) and one assumption worth 6,000 (SE 500): both above twice their SE.
    params = [("a", 6000.0, 500.0), ("b", 10.0, 40.0)]
    en = _said(8140.0, 700.0, 0.45, params=params)
    assert en[0].startswith(
        "If every uncertain assumption were known before deciding whether to fund, the decision would bring "
        "€8,140 more on average: the most the uncertainty costs. These assumptions are worth measuring first;"
    )
    assert en[1] == (
        "Measuring these assumptions would not change the decision in a way that shows in the simulation; "
        "they can be left as they are: b."
    )
    nl = _said(8140.0, 700.0, 0.45, params=params, lang="nl")
    assert nl[0].startswith(
        "Als alle onzekere aannames bekend waren vóór het besluit om te financieren, zou dat het besluit "
        "gemiddeld €\u00a08.140 meer opleveren: het meeste wat de onzekerheid kost. Deze aannames zijn als "
        "eerste de moeite waard om te meten;"
    )
    assert nl[1] == (
        "Het meten van deze aannames zou het besluit in de simulatie niet zichtbaar veranderen; ze kunnen "
        "blijven zoals ze zijn: b."
    )


def test_a_decision_no_simulation_changes_is_said_to_come_out_the_same():
    en = _said(0.0, 0.0, 0.0)
    assert en == [
        "The funding decision comes out the same whatever the uncertain assumptions turn out to be: in none of "
        "the 2,000 simulations would it have been better not to fund, so no further measurement would change it."
    ]
    assert _said(0.0, 0.0, 0.0, funds=False, lang="nl") == [
        "Het financieringsbesluit valt hetzelfde uit hoe de onzekere aannames ook uitpakken: in geen van de "
        "2.000 simulaties zou financieren beter zijn geweest, dus verder meten verandert het niet."
    ]


def test_a_decision_some_simulations_change_is_not_said_to_come_out_the_same():
    # The audit's Klussendienst: EVPI 23.76 (SE 7.64, so above twice its SE) and 11 of 2,000 draws
    # (0.55 %) with a ratio below 1, no single assumption clearly worth knowing: "hardly ever".
    en = _said(23.76, 7.64, 11 / 2000, params=[("a", 5.0, 4.0)])
    assert en == [
        "Further measuring would hardly ever change the funding decision: only in 11 of the 2,000 simulations "
        "would it have been better not to fund (knowing every uncertain assumption before deciding is worth €24 "
        "on average)."
    ]
    nl = _said(23.76, 7.64, 11 / 2000, lang="nl")
    assert nl == [
        "Verder meten verandert het financieringsbesluit vrijwel nooit: alleen in 11 van de 2.000 simulaties "
        "zou niet financieren beter zijn geweest (alles weten vóór het besluit is gemiddeld €\u00a024 waard)."
    ]
    # 1 in 20 is still "hardly ever"; one draw more is not.
    assert _said(30.0, 20.0, 100 / 2000)[0].startswith("Further measuring would hardly ever change")
    more = _said(30.0, 20.0, 101 / 2000, funds=False)
    assert more == [
        "In 101 of the 2,000 simulations it would have been better to fund, and knowing every uncertain assumption "
        "before deciding is worth €30 on average; still, no assumption stands out clearly enough from the "
        "simulation's chance variation to be named as worth measuring first."
    ]
    assert _said(30.0, 20.0, 101 / 2000, funds=False, lang="nl") == [
        "In 101 van de 2.000 simulaties zou financieren beter zijn geweest, en alles weten vóór het besluit is "
        "gemiddeld €\u00a030 waard; toch is er geen aanname die duidelijk genoeg boven het toeval van de "
        "simulatie uitsteekt om als eerste te meten."
    ]


def test_the_report_counts_the_simulations_in_which_the_other_decision_is_better():
    # Klussendienst, 1,000 draws, seed 2: the report's model 1 draws with the report's seed. The count
    # comes from the draws themselves: funding (mean NPV > 0), so the draws with NPV < 0.
    sim = ic.simulate(DATA / "handyman.yaml", draws=1000, seed=2, keep_draws=True)
    npv = (sim.draws_frame["present_value"] - sim.draws_frame["investment_pv"]).to_numpy()
    assert npv.mean() > 0
    below = int(np.sum(npv < 0))
    assert 0 < below <= 50, "the test needs a decision that changes in a few draws"
    rep = ic.build_report([DATA / "handyman.yaml"], draws=1000, seed=2)
    measure = rep.sections[0].simulation["measure"]
    assert measure["funds"] is True and measure["decision_changes"] == below / 1000
    md = rep.to_markdown()
    assert f"only in {below} of the 1,000 simulations would it have been better not to fund" in md
    assert "would not funding have been better" not in md  # read as "would not ... have been better"
    assert "whatever the uncertain assumptions turn out to be" not in md
