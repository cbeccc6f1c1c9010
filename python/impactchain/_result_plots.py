"""Charts of a result as matplotlib figures: ``result.plot.<name>()``.

The same charts the report draws, returned as :class:`matplotlib.figure.Figure`
(outside pyplot: show, save or change them as any figure). Every label is a name:
stakeholders, funders and assumptions are named from the model the result was
computed from, which those charts take as their first argument. ``lang="nl"``
draws the chart's own words and its numbers and money in Dutch (default English)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional

import numpy as np

from impactchain._i18n import words


def _plots() -> Any:
    from impactchain import plots  # matplotlib is imported on first use

    return plots


class ValuePlots:
    """Charts of a :class:`impactchain.ValueResult`: ``waterfall()``, ``stakeholders(model)``, ``funders(model)``,
    ``ledger(model, simulation=None)``."""

    def __init__(self, result: Any) -> None:
        self._result = result

    def _section(self, model: Any) -> dict:
        from impactchain._report_results import _value_section

        return _value_section(self._result, model)

    def waterfall(self, *, title: Optional[str] = None, lang: str = "en") -> Any:
        """From gross value through deadweight, displacement, attribution, drop-off and discounting to present value."""
        from impactchain._report_results import _waterfall_steps

        w = words(lang)
        steps = [(w(key), x) for key, x in _waterfall_steps(self._result.yearly)]
        return _plots().waterfall.figure(
            steps, currency=self._result.currency, title=title or w("chart_waterfall_title"), lang=w
        )

    def stakeholders(self, model: Any, *, title: Optional[str] = None, lang: str = "en") -> Any:
        """Present value by stakeholder, each named as in ``model`` (the model valued)."""
        from impactchain._report_text import keys_in_language

        w = words(lang)
        return _plots().stakeholder_bars.figure(
            keys_in_language(self._section(model)["by_stakeholder"], w),
            currency=self._result.currency,
            title=title or w("chart_stakeholders_title"),
            lang=w,
        )

    def funders(self, model: Any, *, title: Optional[str] = None, lang: str = "en") -> Any:
        """Investment by funder, each named as in ``model`` (the model valued)."""
        from impactchain._report_text import keys_in_language

        w = words(lang)
        by_funder = keys_in_language(self._section(model)["by_funder"], w)
        return _plots().funder_bars.figure(
            by_funder, currency=self._result.currency, title=title or w("chart_funders_title"), lang=w
        )

    def ledger(self, model: Any, simulation: Any = None, *, title: Optional[str] = None, lang: str = "en") -> Any:
        """Who pays, who gains: each party of ``model`` (the model valued) with what it pays and
        gains, and its net; with ``simulation`` (``simulate(model)``) the net's interval too."""
        from impactchain._report_results import _simulation_section, ledger_chart_rows

        w = words(lang)
        simulated = _simulation_section(simulation, model)["ledger"] if simulation is not None else None
        return _plots().ledger_bars.figure(
            ledger_chart_rows(self._section(model)["ledger"], simulated, w),
            currency=self._result.currency,
            title=title or w("chart_ledger_title"),
            lang=w,
        )


class SimulationPlots:
    """Charts of a :class:`impactchain.SimulationResult`: ``ratio()`` (needs ``keep_draws=True``), ``tornado(model)``."""

    def __init__(self, result: Any) -> None:
        self._result = result

    def ratio(self, *, title: Optional[str] = None, lang: str = "en") -> Any:
        """The Monte Carlo distribution of the SROI ratio with its interval (the level the simulation
        states; its 5th to 95th percentiles, a 90% interval, otherwise), the median and the 1.0 line;
        the axis speaks of the model's currency ("Social value per £1 invested")."""
        from impactchain._report_currency import one_unit
        from impactchain._report_plain import ratio_band
        from impactchain.uncertainty import OUTPUTS

        r = self._result
        if r.draws_array is None:
            raise ValueError("plot.ratio: the simulation kept no draws; run simulate(..., keep_draws=True)")
        s = r.summary_by_output["sroi_ratio"].stats()
        lower, upper, level = ratio_band({"sroi_ratio": s, "level": getattr(r, "level", None)}, {})
        w = words(lang)
        return _plots().ratio_histogram.figure(
            r.draws_array[:, OUTPUTS.index("sroi_ratio")],
            lower=lower,
            upper=upper,
            level=level,
            central=s["p50"],
            xlabel=w("chart_ratio_axis_per", one=one_unit(w, getattr(r, "currency", None))),
            title=title or w("chart_ratio_title"),
            lang=w,
        )

    def tornado(self, model: Any, *, title: Optional[str] = None, lang: str = "en") -> Any:
        """Which assumptions move the SROI ratio most, each named as in ``model`` (the model simulated)."""
        from impactchain._report_results import _tornado_data

        tor = _tornado_data(self._result.tornado, model)
        if tor is None or tor[3] is None:
            raise ValueError(
                "plot.tornado: the simulation has no one-way sensitivity of the SROI ratio "
                "(run simulate with tornado rows, on a model whose ratio is defined)"
            )
        w = words(lang)
        return _plots().tornado.figure(
            *tor[:4], xlabel=w("chart_tornado_axis"), title=title or w("chart_tornado_title"), lang=w
        )


class ComparisonPlots:
    """Charts of a :class:`impactchain.ComparisonResult` with its simulation: ``ce_plane()``, ``ceac()``."""

    def __init__(self, result: Any) -> None:
        self._result = result

    def _psa(self, what: str) -> Any:
        if self._result.psa is None:
            raise ValueError(f"plot.{what}: the comparison has no simulation; run compare(..., draws=N)")
        return self._result.psa

    def _currency(self, given: Optional[str], what: str) -> str:
        """``given``, else the compared models' currency (``ComparisonResult.currency``)."""
        currency = given or getattr(self._result, "currency", None)
        if not currency:
            raise ValueError(
                f"plot.{what}: the compared models value nothing in money, so they have no currency; give currency="
            )
        return str(currency)

    def ce_plane(
        self,
        *,
        wtp: Optional[float] = 1.0,
        currency: Optional[str] = None,
        title: Optional[str] = None,
        lang: str = "en",
    ) -> Any:
        """Each strategy's draws of (Δ social value, Δ investment) against the comparator, named by model;
        ``wtp`` draws the willingness-to-pay line (None: no line); money in ``currency`` (default: the
        compared models' currency)."""
        p = self._psa("ce_plane")
        currency = self._currency(currency, "ce_plane")
        E, C, names, ref = p.effects, p.costs, p.strategies, p.reference
        j0 = names.index(ref)
        de = {nm: E[:, j] - E[:, j0] for j, nm in enumerate(names) if j != j0}
        dc = {nm: C[:, j] - C[:, j0] for j, nm in enumerate(names) if j != j0}
        w = words(lang)
        return _plots().ce_plane.figure(
            de, dc, wtp=wtp, comparator=ref, currency=currency, title=title or w("chart_ce_plane_title"), lang=w
        )

    def ceac(
        self,
        wtp: Optional[Sequence[float]] = None,
        *,
        currency: Optional[str] = None,
        title: Optional[str] = None,
        lang: str = "en",
    ) -> Any:
        """Acceptability curves: the share of draws in which each model gives the most net benefit,
        per willingness to pay. Default: the comparison's own willingness-to-pay values when it has
        several, else 0 to 3 per unit of social value (as in the report). The axis names
        ``currency`` (default: the compared models' currency)."""
        from impactchain._report_compare import WTP_GRID
        from impactchain._report_currency import one_unit

        p = self._psa("ceac")
        currency = self._currency(currency, "ceac")
        own = [float(x) for x in getattr(self._result, "wtp", ()) or ()]
        if wtp is not None:
            grid = list(wtp)
        elif len(own) > 1:
            grid = own
        else:
            grid = list(WTP_GRID)
        pb = p.prob_best(grid)
        w = words(lang)
        return _plots().ceac.figure(
            grid,
            {str(k): np.asarray(pb[k], dtype=float) for k in pb.columns},
            xlabel=w("chart_ceac_axis_per", one=one_unit(w, currency), currency=currency),
            title=title or w("chart_ceac_title"),
            lang=w,
        )
