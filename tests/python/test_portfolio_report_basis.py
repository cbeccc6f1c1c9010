"""The portfolio report on one stated basis: the ratio chart draws a member's actual beside its
forecast and says which is which, the group percentiles give the actual's among the group's
actuals, the composite index shows a place members of the same score share and says that
forecasts and actuals stand in one ranking, and a member whose assumptions are all fixed numbers
shows no interval and no chance (n/a, no uncertainty given), in English and Dutch."""

from __future__ import annotations

import re

import numpy as np
import pytest

from impactchain._i18n import words
from impactchain._report_portfolio import portfolio_report
from impactchain.portfolio import PortfolioResult, evaluate_portfolio
from portfolio_files import model_text

# model_text: 10 units x proxy triangular 80-100-130 x 2 years, investment 1,000, no discounting, all
# at 2024 prices as the portfolio: central ratio 10 x 100 x 2 / 1,000 = 2.0, never below 1.6.


def _model(name: str, proxy: str = "{triangular: [80, 100, 130]}", quantity: int = 10, amount: int = 1000) -> str:
    text = model_text(name=name, currency="EUR", year=2024)
    text = text.replace("{triangular: [80, 100, 130]}", proxy).replace("quantity: 10,", f"quantity: {quantity},")
    return text.replace("amount: 1000", f"amount: {amount}")


def _actuals(proxy: str) -> str:
    return f"impactchain: 1\noutcomes: [{{id: o, proxy: {{value: {proxy}, currency: EUR, source: s}}}}]\n"


def _write(folder, models: dict[str, str], lines: str, **actuals: str):
    for name, text in models.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    for name, text in actuals.items():
        (folder / f"{name}-actuals.yaml").write_text(text, encoding="utf-8")
    p = folder / "p.yaml"
    p.write_text(f"name: t\ncurrency: EUR\nprice_year: 2024\nmembers:\n{lines}", encoding="utf-8")
    return p


def _row(md: str, first: str) -> list[str]:
    line = next(x for x in md.splitlines() if x.startswith(f"| {first} | "))
    return [c.strip() for c in line.strip("|").split(" | ")]


def _table(md: str, heading: str) -> list[list[str]]:
    """The rows of the first table after ``heading`` (its header row first)."""
    part = md.split(heading, 1)[1]
    lines = [x for x in part.split("\n\n| ", 1)[1].split("\n\n", 1)[0].splitlines() if not x.startswith("|---")]
    return [[c.strip() for c in ("| " + x if i == 0 else x).strip("|").split(" | ")] for i, x in enumerate(lines)]


# ----------------------------------------------------------------- the actual beside the forecast


@pytest.fixture(scope="module")
def actuals(tmp_path_factory):
    """Group w: A (actuals: proxy triangular 30-40-50), B (actuals: a fixed 60), C (actuals: a
    fixed 80) and D (none); all four forecast the same (ratio 2.0)."""
    folder = tmp_path_factory.mktemp("basis")
    lines = "".join(
        f"  - {{organisation: {n.upper()}, period: 2024, model: {n}.yaml, group: w"
        + (f", actuals: {n}-actuals.yaml}}\n" if n != "d" else "}\n")
        for n in "abcd"
    )
    p = _write(
        folder,
        {n: _model(n) for n in "abcd"},
        lines,
        a=_actuals("{triangular: [30, 40, 50]}"),
        b=_actuals("60"),
        c=_actuals("80"),
    )
    return evaluate_portfolio(p, draws=4000, seed=3, threads=1)


@pytest.mark.parametrize(
    ("lang", "forecast", "actual", "title"),
    [
        ("en", "A/2024 (forecast): 2.00", "A/2024 (actual): 0.80", "SROI ratio with 95% interval: forecast and actual"),
        (
            "nl",
            "A/2024 (prognose): 2,00",
            "A/2024 (realisatie): 0,80",
            "SROI-ratio met 95%-interval: prognose en realisatie",
        ),
    ],
)
def test_the_ratio_chart_draws_the_actual_beside_the_forecast(actuals, lang, forecast, actual, title):
    md = portfolio_report(actuals, "md", lang)
    lines = [x[2:] for x in md.splitlines() if x.startswith(("- A/2024 (", "- D/2024 ("))]
    # The forecast's row, then the actual's below it; D (no actuals) only its forecast.
    assert [x.split(":")[0] for x in lines] == [
        forecast.split(":")[0],
        actual.split(":")[0],
        forecast.split(":")[0].replace("A/", "D/"),
    ]
    assert lines[0].startswith(forecast) and lines[1].startswith(actual)
    # The actual's interval: the 2.5th and 97.5th percentiles of triangular(30, 40, 50) / 50 (ratio
    # = 10 x proxy x 2 / 1,000): 30 + sqrt(0.025 x 20 x 10) = 32.236 and 50 - sqrt(5) = 47.764,
    # so 0.645 and 0.955, give or take the simulation's error.
    lo, hi = (float(x.replace(",", ".")) for x in re.findall(r"\((\S+) – (\S+)\)", lines[1])[0])
    assert lo == pytest.approx((30 + np.sqrt(5)) / 50, abs=0.01) and hi == pytest.approx(
        (50 - np.sqrt(5)) / 50, abs=0.01
    )
    caption = {
        "en": "A member with actuals has two rows: first its forecast (the plan), below it its actual (what happened).",
        "nl": "Een project met een realisatie staat er twee keer: eerst de prognose (het plan), daaronder de realisatie (wat er gebeurde).",
    }[lang]
    assert caption in md
    html = portfolio_report(actuals, "html", lang)
    assert f'aria-label="{title}"' in html  # what a screen reader says of the chart
    assert actual.split(":")[0] in html  # the actual's row is drawn


def test_the_group_percentiles_give_the_actual_among_the_groups_actuals(actuals):
    m = actuals.measures.set_index(["member", "measure"])
    # Actual ratios 0.8 (A), 10 x 60 x 2 / 1,000 = 1.2 (B), 1.6 (C), D none: among the three,
    # 0, 50 and 100 (lower plus half the equal, over the 2 others); the forecasts (all 2.0) 50 each.
    got = [m.loc[(x, "actual_sroi_ratio"), "percentile_in_group"] for x in ("A/2024", "B/2024", "C/2024")]
    assert got == pytest.approx([0.0, 50.0, 100.0])
    assert np.isnan(m.loc[("D/2024", "actual_sroi_ratio"), "percentile_in_group"])
    assert [m.loc[(x, "sroi_ratio"), "percentile_in_group"] for x in "ABCD" for x in [f"{x}/2024"]] == [50.0] * 4
    assert m.loc[("B/2024", "actual_sroi_ratio"), "value"] == pytest.approx(1.2)
    # The existing measures keep their meaning (the forecast's), the actual's carry their basis.
    assert m.loc[("B/2024", "sroi_ratio"), "value"] == pytest.approx(2.0)
    assert set(actuals.measures.groupby("basis")["measure"].unique().map(tuple)["actual"]) == {
        "actual_sroi_ratio",
        "actual_npv",
        "actual_present_value",
        "actual_p_ratio_above_1",
    }
    for lang, heading, cols, na in (
        (
            "en",
            "Where each member stands in its group",
            ["Percentile of the forecast", "Percentile of the actual"],
            "n/a",
        ),
        (
            "nl",
            "Waar elk project in zijn groep staat",
            ["Percentiel van de prognose", "Percentiel van de realisatie"],
            "n.v.t.",
        ),
    ):
        rows = _table(portfolio_report(actuals, "md", lang), heading)
        assert rows[0][-2:] == cols
        assert [r[-2:] for r in rows[1:]] == [["50", "0"], ["50", "50"], ["50", "100"], ["50", na]]


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        (
            "en",
            "Forecasts and actuals are ranked in one list (see the column Basis): a forecast has not yet been tested against what happened.",
        ),
        (
            "nl",
            "Prognoses en realisaties staan in één rangorde (zie de kolom Basis): een prognose is nog niet getoetst aan wat er gebeurde.",
        ),
    ],
)
def test_the_index_says_forecasts_and_actuals_stand_in_one_ranking(actuals, lang, note):
    md = portfolio_report(actuals, "md", lang)
    lines = [x for x in md.splitlines() if x]
    at = next(i for i, x in enumerate(lines) if note in x)
    assert lines[at - 1].startswith("| A/2024 | ")  # right under the index's table (A: its last row, score 0)


# ----------------------------------------------------------------- ties and fixed inputs


@pytest.fixture(scope="module")
def tied(tmp_path_factory):
    """A and B the same model; C half the investment; D 4 units; E every assumption fixed
    (proxy 100, 3 units: ratio 3 x 100 x 2 / 1,000 = 0.6)."""
    folder = tmp_path_factory.mktemp("tied")
    models = {
        "a": _model("a"),
        "b": _model("b"),
        "c": _model("c", amount=500),
        "d": _model("d", quantity=4),
        "e": _model("e", proxy="100", quantity=3),
    }
    lines = "".join(f"  - {{organisation: {n.upper()}, period: 2024, model: {n}.yaml}}\n" for n in models)
    return evaluate_portfolio(_write(folder, models, lines), draws=2000, seed=7, threads=1)


def test_members_of_the_same_score_share_their_place(tied):
    c = tied.composite.set_index("member")
    # By hand (min-max to 0-100 over A-E): ratio 2 (A, B), 4 (C), 0.8 x (D: 4 x 100 x 2 / 1,000),
    # 0.6 (E): A and B (2 - 0.6) / 3.4 x 100 = 41.18; P(ratio > 1) 1 for A, B, C (their ratio is
    # at least 1.6), 0 for E and D's share of draws above 1 (proxy > 125) in between; present
    # value 2,000 (A, B, C), 800 (D), 600 (E): A and B 100. A and B: the same three measures.
    assert c.loc["A/2024", "score"] == c.loc["B/2024", "score"]
    ratio = (2 - 0.6) / (4 - 0.6) * 100
    assert c.loc["A/2024", "score"] == pytest.approx((ratio + 100 + 100) / 3, rel=1e-12)
    assert list(c.loc[["A/2024", "B/2024"], "rank_low"]) == [2, 2]
    assert list(c.loc[["A/2024", "B/2024"], "rank_high"]) == [3, 3]
    assert list(c.loc[["C/2024", "D/2024", "E/2024"], "rank_low"]) == list(
        c.loc[["C/2024", "D/2024", "E/2024"], "rank"]
    )
    score = (ratio + 200) / 3  # 80.39
    for lang, note, shown in (
        (
            "en",
            f"A/2024 and B/2024 have the same score as shown ({score:.1f}); their order means nothing: they share places 2 and 3.",
            "80.4",
        ),
        (
            "nl",
            f"A/2024 en B/2024 hebben dezelfde score zoals getoond ({score:.1f}); hun volgorde zegt niets: ze delen plaats 2 en 3.".replace(
                "80.4", "80,4"
            ),
            "80,4",
        ),
    ):
        md = portfolio_report(tied, "md", lang)
        assert note in md
        heading = {"en": "An index across the members", "nl": "Een index over de projecten"}[lang]
        rows = {r[0]: r[2:] for r in _table(md, heading)[1:]}
        assert rows["A/2024"] == rows["B/2024"] == [shown, "2 – 3", "2 – 3"]  # score, rank, rank interval: alike
        assert [r[1] for r in rows.values()] == ["1", "2 – 3", "2 – 3", "4", "5"]
        # No mixed ranking here: every member is a forecast, so no sentence about it.
        assert "staan in één rangorde" not in md and "ranked in one list" not in md


@pytest.mark.parametrize(
    ("lang", "none", "described", "note"),
    [
        (
            "en",
            "n/a (no uncertainty given)",
            "E/2024: 0.60 (no uncertainty given: every assumption is a fixed number)",
            "For E/2024 every assumption is a fixed number: no uncertainty was given, so the chance of a ratio above 1 is 100% or 0%",
        ),
        (
            "nl",
            "n.v.t. (geen onzekerheid opgegeven)",
            "E/2024: 0,60 (geen onzekerheid opgegeven: elke aanname is een vast getal)",
            "Bij E/2024 is elke aanname een vast getal: er is geen onzekerheid opgegeven, dus de kans dat de ratio boven 1 ligt is 100% of 0%",
        ),
    ],
)
def test_a_member_without_uncertainty_shows_no_interval_and_no_chance(tied, lang, none, described, note):
    m = tied.members.set_index("member")
    assert m["fixed_inputs"].tolist() == [False, False, False, False, True]
    # Its simulation: 0.6 in every draw, so P(ratio > 1) = 0 (the column keeps it).
    assert m.loc["E/2024", ["ratio_lower", "ratio_upper", "p_ratio_above_1"]].tolist() == pytest.approx([0.6, 0.6, 0.0])
    assert tied.composite.set_index("member")["fixed_inputs"].to_dict() == {
        "A/2024": False,
        "B/2024": False,
        "C/2024": False,
        "D/2024": False,
        "E/2024": True,
    }
    md = portfolio_report(tied, "md", lang)
    e = _row(md, "E/2024")
    assert e[5:7] == [none, none]  # interval, chance
    assert _row(md, "D/2024")[6] not in (none, "0%", "100%")  # D's chance is a real one
    assert f"- {described}\n" in md
    assert note in md


def test_an_actual_without_uncertainty_shows_no_interval_and_no_chance(actuals):
    m = actuals.members.set_index("member")
    # A's actuals give a distribution (triangular 30-40-50); B's and C's a fixed proxy, which
    # leaves no uncertain assumption; D has no actuals.
    assert m["fixed_inputs"].tolist() == [False] * 4
    assert m["actual_fixed_inputs"].tolist() == [False, True, True, None]
    c = actuals.composite.set_index("member")["fixed_inputs"]
    assert c.to_dict() == {"A/2024": False, "B/2024": True, "C/2024": True, "D/2024": False}
    for lang, none in (("en", "n/a (no uncertainty given)"), ("nl", "n.v.t. (geen onzekerheid opgegeven)")):
        md = portfolio_report(actuals, "md", lang)
        b, a = _row(md, "B/2024"), _row(md, "A/2024")
        assert b[-3:] == [{"en": "1.20", "nl": "1,20"}[lang], none, none]
        assert none not in a  # A's actual varies: its interval and chance are shown
        assert {"en": "For B/2024 and C/2024 every", "nl": "Bij B/2024 en C/2024 is elke"}[lang] in md


@pytest.mark.parametrize(("fixture", "members"), [("tied", "E/2024"), ("actuals", "B/2024, C/2024")])
def test_a_chance_the_index_counts_without_uncertainty_is_a_warning(request, fixture, members):
    res = request.getfixturevalue(fixture)
    (said,) = [x for x in res.warnings if x.code == "portfolio.composite_fixed_chance"]
    assert said.params == {"members": members}
    assert said == (
        f"composite index: the chance that the ratio is above 1 of {members} is 0 or 1 only because every "
        "assumption is a fixed number (no uncertainty given); the index counts it as it is"
    )
    nl = said.in_language(words("nl"))
    assert nl == (
        f"samengestelde index: de kans dat de ratio boven 1 ligt is bij {members} 0 of 1 alleen doordat elke "
        "aanname een vast getal is (geen onzekerheid opgegeven); de index telt die kans mee zoals hij is"
    )
    assert f"- {nl}\n" in portfolio_report(res, "md", "nl")  # among the warnings the report lists
    assert f"- {said}\n" in portfolio_report(res, "md", "en")


def test_a_result_of_version_5_gets_the_warning_of_a_chance_without_uncertainty(tied):
    state = tied.__getstate__()
    old = {
        **state,
        "version": 5,
        "warnings": tuple(x for x in state["warnings"] if x.code != "portfolio.composite_fixed_chance"),
        "members": state["members"].drop(columns=["fixed_inputs", "actual_fixed_inputs"]),
        "measures": state["measures"][state["measures"]["basis"] == "forecast"].drop(columns="basis"),
        "composite": state["composite"].drop(columns=["rank_low", "rank_high", "fixed_inputs"]),
    }
    assert len(old["warnings"]) == len(tied.warnings) - 1
    back = PortfolioResult.__new__(PortfolioResult)
    back.__setstate__(old)
    assert [x.code for x in back.warnings].count("portfolio.composite_fixed_chance") == 1
    assert back == tied


def test_a_result_of_version_5_reads_back_with_what_version_6_adds(tied, actuals):
    for res in (tied, actuals):
        state = res.__getstate__()
        old = {
            **state,
            "version": 5,
            "members": state["members"].drop(columns=["fixed_inputs", "actual_fixed_inputs"]),
            "measures": state["measures"][state["measures"]["basis"] == "forecast"].drop(columns="basis"),
            "composite": state["composite"].drop(columns=["rank_low", "rank_high", "fixed_inputs"]),
        }
        back = PortfolioResult.__new__(PortfolioResult)
        back.__setstate__(old)
        assert back == res


def test_a_percentile_of_a_half_is_rounded_up_as_every_figure(tied):
    # A's forecast ratio 2 among A-E (2, 2, 4, 0.8, 0.6; no group): 2 below it and 1 the same of
    # the 4 others, (2 + 0.5) / 4 x 100 = 62.5, shown 63 as a spreadsheet rounds (not 62).
    m = tied.measures.set_index(["member", "measure"])
    assert m.loc[("A/2024", "sroi_ratio"), "percentile_in_group"] == pytest.approx(62.5)
    for lang, heading in (
        ("en", "Where each member stands in its group"),
        ("nl", "Waar elk project in zijn groep staat"),
    ):
        rows = {r[0]: r[-1] for r in _table(portfolio_report(tied, "md", lang), heading)[1:]}
        assert rows["A/2024"] == rows["B/2024"] == "63"


def test_a_result_of_version_7_gets_the_plain_tie_warning_where_the_rankings_stood(tied):
    # Version 7 kept the ranking's row-order tie warning (wrapped as the index's warning) and no
    # warning of its own for shared places; read back, it is the result of today.
    from impactchain._notice import notice

    state = tied.__getstate__()
    codes = [x.code for x in state["warnings"]]
    at = codes.index("portfolio.composite_tie")
    row_order = notice(
        "portfolio.composite_warning",
        warning=notice("rank_uncertainty.reference_ties", count=2, units=5, groups="'A/2024' = 'B/2024'"),
    )
    old_warnings = list(state["warnings"])
    old_warnings[at] = row_order
    old = {**state, "version": 7, "warnings": tuple(old_warnings)}
    back = PortfolioResult.__new__(PortfolioResult)
    back.__setstate__(old)
    assert [x.code for x in back.warnings] == codes
    assert back == tied


@pytest.mark.parametrize("version", [5, 6, 7])
def test_an_older_result_gets_its_shared_places_once(tied, monkeypatch, version):
    # Versions 5-7 each lack the places shared as shown; read back, they are found once (version 5
    # lacks every column of version 6 too: it is not found for version 6 and again for 8).
    import impactchain._portfolio_composite as composite
    import impactchain.portfolio as portfolio

    calls: list[int] = []
    shared = composite.shared_places

    def counted(table):
        calls.append(len(table))
        return shared(table)

    monkeypatch.setattr(composite, "shared_places", counted)
    monkeypatch.setattr(portfolio, "shared_places", counted, raising=False)  # where an upgrade called it
    state = tied.__getstate__()
    old = {**state, "version": version}
    if version == 5:
        old["members"] = state["members"].drop(columns=["fixed_inputs", "actual_fixed_inputs"])
        old["measures"] = state["measures"][state["measures"]["basis"] == "forecast"].drop(columns="basis")
        old["composite"] = state["composite"].drop(columns=["rank_low", "rank_high", "fixed_inputs"])
    back = PortfolioResult.__new__(PortfolioResult)
    back.__setstate__(old)
    assert calls == [5] and back == tied
