"""Portfolios (docs/portfolio.md): members on one footing (currency, price year, discounting),
seeds keyed by member id, failures named, and the command line's outputs."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import impactchain as ic
from impactchain.portfolio import Portfolio, PortfolioError, evaluate_portfolio, load_portfolio, member_seed
from portfolio_files import member_line, members, model_text

ROOT = Path(__file__).resolve().parents[2]


def _write(tmp_path: Path, members: str, head: str = "") -> Path:
    p = tmp_path / "portfolio.yaml"
    p.write_text(f"name: test\ncurrency: EUR\nprice_year: 2025\n{head}members:\n{members}", encoding="utf-8")
    return p


def _model(tmp_path: Path, name: str, currency: str = "EUR", year: int = 2025) -> str:
    (tmp_path / f"{name}.yaml").write_text(model_text(name=name, currency=currency, year=year), encoding="utf-8")
    return f"{name}.yaml"


def test_members_are_put_on_one_footing_as_by_hand(tmp_path):
    a, b, c = _model(tmp_path, "a"), _model(tmp_path, "b", year=2024), _model(tmp_path, "c", "GBP")
    p = _write(
        tmp_path,
        f"  - {{organisation: A, period: 2024, model: {a}}}\n"
        f"  - {{organisation: B, period: 2024, model: {b}}}\n"
        f"  - {{organisation: C, period: 2024, model: {c}, discount: own}}\n",
        "price_index: {2024: 100, 2025: 104}\ndiscount: {rate: 0.1}\n"
        "fx: {GBP: {rate: 1.17, source: ECB reference rate, date: 2025-06-30}}\n",
    )
    res = evaluate_portfolio(p, draws=300, seed=4, threads=1, stream_version=2)
    pv = res.members.set_index("member")["present_value"]
    # 10 x 100 a year for two years; the portfolio's 10 % discount rate: 1000/1.1 + 1000/1.21.
    discounted = 1000 / 1.1 + 1000 / 1.21
    assert pv["A/2024"] == pytest.approx(discounted, rel=1e-12)
    assert pv["B/2024"] == pytest.approx(discounted * 104 / 100, rel=1e-12)  # 2024 prices to 2025
    assert pv["C/2024"] == pytest.approx(2000 * 1.17, rel=1e-12)  # its own 0 % rate, GBP at 1.17
    conv = res.conversions.groupby("member")["conversion"].apply(list)
    assert any("2024 prices × 1.04 to 2025 prices" in x for x in conv["B/2024"])
    assert any("GBP × 1.17 to EUR (ECB reference rate, 2025-06-30)" in x for x in conv["C/2024"])
    assert any("the portfolio's" in x for x in conv["A/2024"])  # its discounting was replaced
    # The SROI ratio does not depend on the currency or the price year.
    assert res.members.set_index("member").loc["C/2024", "sroi_ratio"] == pytest.approx(2.0, rel=1e-12)
    # Conversions and assumptions are notices, so a Dutch report gives them in Dutch (decimal comma).
    assert {c.code for c in res.conversions["conversion"]} == {
        "portfolio.discount_replaced",
        "portfolio.price_conversion",
        "portfolio.fx_conversion",
    }
    from impactchain._report_portfolio import portfolio_report

    nl = portfolio_report(res, "md", "nl")
    # The factor to 3 decimals (104 / 100 = 1.040), the rate as given; "×", not the letter x.
    assert "- B/2024: prijzen van 2024 × 1,040 naar prijzen van 2025 (de prijsindex van de portefeuille)" in nl
    assert "- C/2024: GBP × 1,17 naar EUR (ECB reference rate, 2025-06-30)" in nl
    # The same conversion of several members is one line naming them (A's and B's discounting; C keeps its own).
    assert "- A/2024, B/2024: disconteren: dat van de portefeuille, constant 10%, in plaats van dat van het model" in nl
    assert "prices ×" not in nl and "discounting:" not in nl and "price_index" not in nl
    assert all(a.code.startswith("portfolio.composite_") for a in res.assumptions)
    assert "samengestelde index:" in nl and "composite index:" not in nl


@pytest.mark.parametrize(
    ("discount", "english", "dutch"),
    [
        ("{rate: 0.035}", "constant 3.5%", "constant 3,5%"),
        ("{schedule: nl_2021}", "nl_2021 (2.25%)", "nl\\_2021 (2,25%)"),  # Markdown escapes the _
    ],
)
def test_a_replaced_discounting_is_named_as_the_report_writes_schedules(tmp_path, discount, english, dutch):
    # The portfolio's schedule in words (as a model's report names its discounting), not as file text.
    a = _model(tmp_path, "a")
    res = evaluate_portfolio(
        _write(tmp_path, f"  - {{organisation: A, period: 2024, model: {a}}}\n", f"discount: {discount}\n"),
        draws=100,
        seed=1,
        threads=1,
    )
    (note,) = [c for c in res.conversions["conversion"] if c.code == "portfolio.discount_replaced"]
    assert str(note) == f"discounting: the portfolio's {english} instead of the model's"
    from impactchain._report_portfolio import portfolio_report

    line = f"- A/2024: disconteren: dat van de portefeuille, {dutch}, in plaats van dat van het model"
    assert line in portfolio_report(res, "md", "nl")


def test_a_member_in_another_currency_needs_an_fx_rate(tmp_path):
    c = _model(tmp_path, "c", "GBP")
    p = _write(tmp_path, f"  - {{organisation: C, period: 2024, model: {c}}}\n")
    with pytest.raises(PortfolioError, match=r"member 'C/2024' .*in GBP, the portfolio in EUR: add fx"):
        evaluate_portfolio(p, draws=100, seed=1)
    b = _model(tmp_path, "b", year=2023)
    p = _write(tmp_path, f"  - {{organisation: B, period: 2024, model: {b}}}\n", "price_index: {2025: 100}\n")
    with pytest.raises(PortfolioError, match=r"member 'B/2024' .*price_index lacks 2023"):
        evaluate_portfolio(p, draws=100, seed=1)


def test_a_members_numbers_depend_on_the_seed_and_its_id_only(tmp_path):
    names = [_model(tmp_path, n) for n in "abcde"]
    lines = [member_line(n) for n in names]
    first = evaluate_portfolio(_write(tmp_path, "".join(lines)), draws=500, seed=9, threads=2)
    random.Random(1).shuffle(lines)
    other = evaluate_portfolio(_write(tmp_path, "".join(lines)), draws=500, seed=9, threads=1)
    a = first.members.set_index("member").sort_index()
    b = other.members.set_index("member").sort_index()
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    # Same model, different members: different streams (their ids differ).
    assert a.loc["A/2024", "ratio_lower"] != a.loc["B/2024", "ratio_lower"]
    assert member_seed(9, "A/2024") != member_seed(9, "B/2024") and member_seed(9, "A/2024") < 2**63
    # The composite's rank intervals too are the same on any number of threads.
    pd.testing.assert_frame_equal(
        first.composite.set_index("member").sort_index(), other.composite.set_index("member").sort_index()
    )
    with pytest.raises(ValueError, match="threads must be"):
        evaluate_portfolio(_write(tmp_path, "".join(lines)), draws=500, seed=9, threads=-1)


def test_the_stream_version_reaches_every_member_and_is_said(tmp_path):
    # A member's numbers are its model's simulated alone with the member's seed on the stream
    # asked (1: the members of impactchain 0.2 and earlier); the result and its report name the
    # stream, a default taken is an assumption, an older pickle was drawn from stream 1.
    from impactchain._report_portfolio import portfolio_report
    from impactchain.portfolio import PortfolioResult

    names = [_model(tmp_path, n) for n in "ab"]
    pf = _write(tmp_path, members(*names))
    lower = {}
    for version in (1, 2):
        r = evaluate_portfolio(pf, draws=400, seed=9, threads=1, stream_version=version)
        assert r.stream_version == version and r.to_dict()["stream_version"] == version
        assert not any("stream_version" in a for a in r.assumptions)
        alone = ic.simulate(
            tmp_path / "a.yaml", draws=400, seed=member_seed(9, "A/2024"), stream_version=version, threads=1
        )
        lower[version] = r.members.set_index("member").loc["A/2024", "ratio_lower"]
        assert lower[version] == alone.summary_of("sroi_ratio").lower
        assert f"startgetal 9 op toevalsreeks {version}" in portfolio_report(r, "md", "nl").splitlines()[2]
        assert f"seed 9 on random stream {version}" in portfolio_report(r, "md", "en").splitlines()[2]
    assert lower[1] != lower[2]
    default = evaluate_portfolio(pf, draws=400, seed=9, threads=1)
    assert default.stream_version == ic.DEFAULTS.stream_version == 2
    assert "stream_version: not given, taken as 2 (impactchain.DEFAULTS.stream_version)" in default.assumptions
    state = default.__getstate__()
    assert state.pop("version") == 8 and state.pop("stream_version") == 2
    old = PortfolioResult.__new__(PortfolioResult)
    old.__setstate__({**state, "version": 1})
    assert old.stream_version == 1
    # A result of before names (version 2) reads with an empty names table; its report shows ids.
    assert len(state.pop("names")) > 0
    older = PortfolioResult.__new__(PortfolioResult)
    older.__setstate__({**state, "stream_version": 2, "version": 2})
    assert older.names.empty and list(older.names.columns) == ["member", "kind", "id", "lang", "name"]
    assert (older.members["model_file"] == "").all()  # nor the members' files: no list of them
    assert "| A/2024 | " in portfolio_report(older, "md", "nl") and "De bestanden van" not in portfolio_report(
        older, "md", "nl"
    )
    # Nor whether money reached a party (version 3): every party's chance is shown, as then.
    assert older.ledger["no_money"].tolist() == [False] * len(older.ledger)

    for bad in (0, 3, 1.0):
        with pytest.raises(ValueError, match=r"stream_version must be an integer in \[1, 2\]"):
            evaluate_portfolio(pf, draws=400, seed=9, stream_version=bad)


def test_a_party_no_money_reaches_has_no_chance_of_a_positive_net(tmp_path):
    # 'residents' is a party of the model with no outcome valued in money and no investment: its
    # net is 0 in every draw, so "0%" would read as a certain loss; the report says n/a, as a
    # model's report does. The city pays 1,000 and gains 10 x 2 years x triangular(80, 100, 130):
    # 2,000 to 2,600, so its net is above 0 in every draw (100%).
    model = model_text(name="m", currency="EUR", year=2025)
    model = model.replace("stakeholders: [city]", "stakeholders: [city, residents]")
    (tmp_path / "m.yaml").write_text(model, encoding="utf-8")
    res = evaluate_portfolio(
        _write(tmp_path, "  - {organisation: M, period: 2024, model: m.yaml}\n"), draws=500, seed=2
    )
    led = res.ledger.set_index("party")
    assert led.loc["residents", ["pays", "gains", "net", "p_net_positive"]].tolist() == [0, 0, 0, 0]
    assert led["no_money"].to_dict() == {"city": False, "residents": True}
    assert led.loc["city", "p_net_positive"] == 1
    from impactchain._report_portfolio import portfolio_report

    for lang, na, certain in (("en", "n/a", "100%"), ("nl", "n.v.t.", "100%")):
        rows = {
            line.split(" | ")[1]: line
            for line in portfolio_report(res, "md", lang).splitlines()
            if line.startswith("| M/2024 | ")
        }
        assert rows["residents"].endswith(f" | {na} |") and rows["city"].endswith(f" | {certain} |")


def test_a_failing_member_is_named_and_keep_going_finishes_the_others(tmp_path):
    a = _model(tmp_path, "a")
    (tmp_path / "bad.yaml").write_text(
        model_text(name="bad", currency="EUR", year=2025).replace("duration: 2", "duration: 2, deadweight: 1.5"),
        encoding="utf-8",
    )
    p = _write(
        tmp_path,
        f"  - {{organisation: A, period: 2024, model: {a}}}\n"
        "  - {organisation: Bad, period: 2024, model: bad.yaml}\n",
    )
    with pytest.raises(PortfolioError, match=r"(?s)member 'Bad/2024' \(.*bad\.yaml\).*deadweight must be in \[0, 1\]"):
        evaluate_portfolio(p, draws=100, seed=1)
    res = evaluate_portfolio(p, draws=100, seed=1, keep_going=True)
    assert list(res.members["member"]) == ["A/2024"]
    f = res.failures.iloc[0]
    assert f["member"] == "Bad/2024" and f["file"].endswith("bad.yaml") and "deadweight" in f["error"]


def test_the_portfolio_file_is_checked_by_name(tmp_path):
    a = _model(tmp_path, "a")
    cases = {
        "name: x\nmembers: []\n": "members must list at least one member",
        "name: x\nmember: []\n": "unknown key 'member'",
        f"members:\n  - {{organisation: A, model: {a}}}\n": r"members\[0\]\.period: the member's period is missing",
        f"members:\n  - {{organisation: A, period: 1, model: {a}}}\n  - {{organisation: A, period: 1, model: {a}}}\n": r"members\[1\]: id 'A/1' is used by members\[0\] too",
        f"fx: {{GBP: {{rate: 1.1}}}}\nmembers:\n  - {{organisation: A, period: 1, model: {a}}}\n": r"fx\.GBP: give rate .*source and date",
        "members:\n  - {organisation: A, period: 1, model: a.yaml}\nmembers: []\n": "duplicate key 'members'",
    }
    for text, message in cases.items():
        (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
        with pytest.raises(ValueError, match=message):
            load_portfolio(tmp_path / "p.yaml")


def test_a_folder_of_model_files_is_a_portfolio(tmp_path):
    for n in ("a", "b"):
        _model(tmp_path, n)
    pf = load_portfolio(tmp_path)
    assert isinstance(pf, Portfolio)
    assert [m.id for m in pf.members] == ["a", "b"]
    res = evaluate_portfolio(pf, draws=100, seed=2)
    assert any("currency: EUR, the first member's" in a for a in res.assumptions)
    assert res.draws == 100


def test_the_example_portfolio_and_its_command_line(tmp_path):
    example = ROOT / "examples" / "data" / "portfolio" / "portfolio.yaml"
    res = evaluate_portfolio(example, draws=300, seed=5)
    assert len(res.members) == 10 and len(res.differences) == 11  # five with actuals: 3 + 4 x 2 outcomes
    d = res.differences
    parts = d[["quantity", "proxy", "adjustments", "duration", "discounting"]].sum(axis=1)
    assert (parts - d["difference"]).abs().max() < 1e-6  # the parts add up to the difference
    out = tmp_path / "out"
    env_path = ":".join(str(Path(p).parent) for p in ic.__path__)
    import os

    env = {**os.environ, "PYTHONPATH": env_path + ":" + os.environ.get("PYTHONPATH", "")}
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "impactchain",
            "portfolio",
            str(example),
            "--draws",
            "300",
            "--seed",
            "5",
            "--lang",
            "nl,en",
            "-o",
            f"{out}/",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert r.returncode == 0, r.stderr
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert "report.nl.html" in written and "report.en.md" in written
    assert "tables/members.csv" in written and "tables/differences.csv" in written
    from impactchain._cli_portfolio import TABLES

    assert {f"tables/{t}.csv" for t in TABLES} <= set(written)
    assert set(TABLES) == {k for k, v in vars(res).items() if isinstance(v, pd.DataFrame)}  # every table
    names = pd.read_csv(out / "tables" / "names.csv", keep_default_na=False)
    pd.testing.assert_frame_equal(names, res.names.reset_index(drop=True), check_dtype=False)
    members = pd.read_csv(out / "tables" / "members.csv")
    assert list(members["member"]) == list(res.members["member"])
    assert members["npv"].tolist() == pytest.approx(res.members["npv"].tolist(), rel=1e-15)
    if importlib_util_find("pyarrow"):
        back = pd.read_parquet(out / "tables" / "members.parquet")
        pd.testing.assert_frame_equal(back, res.members, check_dtype=False)
    nl = (out / "report.nl.md").read_text(encoding="utf-8")
    assert "## Prognose tegenover realisatie" in nl and "## De projecten naast elkaar" in nl


def importlib_util_find(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def test_the_docs_page_runs_as_written(tmp_path, monkeypatch):
    """docs/portfolio.md: its portfolio file and actuals file (beside the example models), its
    Python block and its local command run as written."""
    import re
    import shutil

    from impactchain.cli import main

    page = (ROOT / "docs" / "portfolio.md").read_text(encoding="utf-8")
    yaml_blocks = re.findall(r"^```yaml\n(.*?)^```", page, re.S | re.M)
    python_blocks = re.findall(r"^```python\n(.*?)^```", page, re.S | re.M)
    sh_blocks = re.findall(r"^```sh\n(.*?)^```", page, re.S | re.M)
    shutil.copytree(ROOT / "examples" / "data", tmp_path / "examples" / "data")
    folder = tmp_path / "examples" / "data" / "portfolio"  # the docs' files in place of the example's
    (folder / "portfolio.yaml").write_text(yaml_blocks[0], encoding="utf-8")
    (folder / "handyman-2024-actuals.yaml").write_text(yaml_blocks[1], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    scope: dict = {}
    exec(compile(python_blocks[0].replace("draws=5000", "draws=300"), "docs/portfolio.md", "exec"), scope)
    res = scope["res"]
    assert list(res.members["member"]) == ["Klussendienst/2024", "Klussendienst/2025", "Buurthuis/2024"]
    assert set(res.differences["outcome"]) == {"care_delayed", "handymen_work", "repairs_value"}
    assert len(res.replaced) == 5  # the two chain values, the proxy, the attribution, the investments
    # The report writes the replaced values in words, not as the table's JSON text: a distribution
    # as the model's section words it, the investments as their total on the portfolio's footing
    # (the model at 2024 prices, the docs' portfolio at 2025's: x 103.3 / 100, as the ledger).
    from impactchain._report_portfolio import portfolio_report

    nl = portfolio_report(res, "md", "nl")
    assert set(res.replaced["currency"]) == {"EUR"}
    inv = res.replaced.set_index("path").loc["investments"]
    totals = [sum(i["amount"] for i in json.loads(inv[c])) * 103.3 / 100 for c in ("forecast", "actual")]
    dutch = ["€\u00a0" + f"{t:,.0f}".replace(",", ".") for t in totals]  # 85000 -> € 87.805
    assert f"| Klussendienst/2024 | investeringen (hun totaal) | {dutch[0]} | {dutch[1]} |" in nl
    assert "| driehoeksverdeling \\[" in nl and '{"triangular"' not in nl and '"funder"' not in nl
    # Every member's money is indexed from 2024 to 2025 prices (103.3 / 100).
    assert set(res.conversions["conversion"]) == {"2024 prices × 1.033 to 2025 prices (the portfolio's price index)"}
    command = next(line for line in sh_blocks[0].splitlines() if line.startswith("impactchain portfolio"))
    args = command.split()[1:]
    args[args.index("--draws") + 1] = "300"
    assert main(args) == 0
    assert (tmp_path / "portfolio" / "report.nl.html").is_file()
    assert (tmp_path / "portfolio" / "tables" / "differences.csv").is_file()
    # "Checking a portfolio": its command, on the docs' portfolio.
    check = next(line for block in sh_blocks for line in block.splitlines() if line.startswith("impactchain validate"))
    assert main(check.split()[1:]) == 0


TRAJECTORY_MODEL = """impactchain: 1
name: coop {year}
organisation: Coop
period: {year}
currency: EUR
price_year: {year}
discount: {{rate: 0}}
indicators: [{{id: ls, unit: points, kind: soft, scale: [0, 10]}}]
chain:
  nodes: [{{id: a, level: activity, quantity: 5, unit: people}}]
investments: [{{funder: city, amount: 1000}}]
outcomes:
  - {{id: o, quantity: {q}, proxy: {{value: 100, currency: EUR, source: s}}}}
soft_outcomes:
  - {{id: ls, indicator: ls, data: s{year}.csv, pre: pre, post: post}}
"""


def test_a_three_year_trajectory_as_by_hand(tmp_path):
    lines = []
    for year, q, change in ((2023, 10, 1.0), (2024, 12, 2.0), (2025, 15, 2.5)):
        (tmp_path / f"c{year}.yaml").write_text(TRAJECTORY_MODEL.format(year=year, q=q), encoding="utf-8")
        # Changes change - 1, change + 1, change, ... : the mean change is `change` exactly.
        pre = [3, 4, 5, 3, 4, 5, 3, 4, 5, 4, 3, 5]
        diff = [change - 1, change + 1, change] * 4
        rows = "\n".join(f"{a},{a + d}" for a, d in zip(pre, diff))
        (tmp_path / f"s{year}.csv").write_text("pre,post\n" + rows + "\n", encoding="utf-8")
        lines.append(f"  - {{organisation: Coop, period: {year}, model: c{year}.yaml}}\n")
    p = tmp_path / "p.yaml"
    p.write_text(
        "name: three years\ncurrency: EUR\nprice_year: 2025\nprice_index: {2023: 95, 2024: 100, 2025: 104}\n"
        "members:\n" + "".join(reversed(lines)),  # listed newest first: the trajectory is in time order
        encoding="utf-8",
    )
    res = evaluate_portfolio(p, draws=200, seed=3, threads=1)
    t = res.trajectory
    assert list(t["period"]) == ["2023", "2024", "2025"]
    # 10 x 100 at 2023 prices -> 2025 prices: x 104/95; 12 x 100 x 104/100; 15 x 100.
    pv = [1000 * 104 / 95, 1200 * 104 / 100, 1500.0]
    assert t["present_value"].tolist() == pytest.approx(pv, rel=1e-12)
    assert t["cumulative_present_value"].tolist() == pytest.approx([pv[0], pv[0] + pv[1], sum(pv)], rel=1e-12)
    trend = res.soft_trend.iloc[0]
    assert (trend["organisation"], trend["soft_outcome"], trend["periods"]) == ("Coop", "ls", 3)
    assert (trend["first_change"], trend["last_change"]) == pytest.approx((1.0, 2.5))
    # Least squares of (1, 2, 2.5) on (0, 1, 2): slope = sum((x - 1)(y - 11/6)) / 2 = (−1·(1 − 11/6) + 1·(2.5 − 11/6)) / 2.
    assert trend["slope_per_period"] == pytest.approx(((-1) * (1 - 11 / 6) + (2.5 - 11 / 6)) / 2, rel=1e-12)


def test_benchmark_tables_agree_with_pandas_on_the_same_data(tmp_path):
    names = [_model(tmp_path, n) for n in "abcdef"]
    groups = ["x", "x", "x", "y", "y", "z"]
    lines = [
        f"  - {{organisation: {n[0].upper()}, period: 2024, model: {n}, group: {g}}}\n" for n, g in zip(names, groups)
    ]
    res = evaluate_portfolio(_write(tmp_path, "".join(lines)), draws=400, seed=6, threads=2)
    m = res.measures[res.measures["measure"] == "p_ratio_above_1"].set_index("member")
    members = res.members.set_index("member")
    # The percentile within a group by pandas: (average rank - 1) / (group size - 1) x 100.
    for _group, rows in members.groupby("group"):
        if len(rows) < 2:
            assert m.loc[rows.index, "percentile_in_group"].isna().all()
            continue
        expected = (rows["p_ratio_above_1"].rank(method="average") - 1) / (len(rows) - 1) * 100
        assert m.loc[rows.index, "percentile_in_group"].tolist() == pytest.approx(expected.tolist(), abs=1e-12)
    # The cost per unit is the investment per unit of the outcome: 1000 / 10 for every member.
    assert res.outcomes["cost_per_unit"].tolist() == pytest.approx([100.0] * 6)
    assert (m["value"] == members["p_ratio_above_1"]).all()


# (5000, 2026) is the demo's run, in which ranking by the mean of the drawn weights put
# Marktcooperatie/2025 (score 62.04) above Buurtleenfonds/2024 (62.11): the rank must be the score's.
@pytest.mark.parametrize(("draws", "seed"), [(300, 8), (5000, 2026)])
def test_the_composite_index_across_members_as_pandas_computes_it(draws, seed):
    res = evaluate_portfolio(ROOT / "examples" / "data" / "portfolio" / "portfolio.yaml", draws=draws, seed=seed)
    m = res.members.set_index("member")
    actual = m["actual_present_value"].notna()
    data = pd.DataFrame(
        {k: m[f"actual_{k}"].where(actual, m[k]) for k in ("sroi_ratio", "p_ratio_above_1", "present_value")}
    )
    # Min-max to 0-100 per measure, then the equal-weight mean.
    expected = ((data - data.min()) / (data.max() - data.min()) * 100).mean(axis=1)
    c = res.composite.set_index("member")
    assert c["score"].tolist() == pytest.approx(expected[c.index].tolist(), rel=1e-12)
    assert (c["rank"] == expected[c.index].rank(ascending=False, method="first")).all()
    assert ((c["rank_p05"] <= c["rank"]) & (c["rank"] <= c["rank_p95"])).all()


def test_the_command_line_refuses_what_it_cannot_use(tmp_path, capsys):
    from impactchain.cli import main

    example = ROOT / "examples" / "data" / "portfolio" / "portfolio.yaml"
    assert main(["portfolio", str(example), "--local-cluster", "0"]) == 2
    assert "must be from 1 to 256 worker processes, got 0" in capsys.readouterr().err
    assert main(["portfolio", str(example), "--local-cluster", "two"]) == 2
    assert "must be a whole number of worker processes, got 'two'" in capsys.readouterr().err
    assert main(["portfolio", str(example), "--scheduler", "tcp://x:1", "--local-cluster", "2"]) == 2
    assert "not allowed with argument" in capsys.readouterr().err
    assert main(["portfolio", str(example), "-o", str(tmp_path / "out.html")]) != 0
    assert "written into a directory" in capsys.readouterr().err


def test_what_a_members_model_says_is_in_the_portfolio_and_its_report(tmp_path):
    # Member b's investment is written 1.000 (a thousand, the Dutch way): read as 1, its model
    # warns, and the portfolio says so naming the member, also when the portfolio's discounting
    # replaces the model's (the model is then rebuilt from plain data).
    _model(tmp_path, "a")
    (tmp_path / "b.yaml").write_text(
        model_text(name="b", currency="EUR", year=2025).replace("amount: 1000", "amount: 1.000"), encoding="utf-8"
    )
    for head in ("", "discount: {rate: 0.035}\n"):
        p = _write(
            tmp_path,
            "  - {organisation: A, period: 2024, model: a.yaml}\n  - {organisation: B, period: 2024, model: b.yaml}\n",
            head,
        )
        res = evaluate_portfolio(p, draws=100, seed=1, threads=1)
        # Both members' models also say what practice would question (no adjustments stated).
        assert {w.params["member"] for w in res.warnings} == {"A/2024", "B/2024"}
        assert all(w.code == "portfolio.forecast_warning" for w in res.warnings)
        (w,) = [w for w in res.warnings if w.params["warning"].code == "model.dotted_thousands"]
        # model_text's line 11 is "investments: [{funder: city, amount: 1.000}]": `amount` at column 30.
        assert w == (
            "member 'B/2024': investments[0].amount (line 11, column 30): 1.000 is read as 1 (a decimal point); "
            "if 1000 was meant, write 1000 (numbers take no thousands separator)"
        )
        assert f"warning: {w}" in str(res.summary())
    from impactchain._report_portfolio import portfolio_report

    nl = portfolio_report(res, "md", "nl")
    assert "Wat de modellen van de projecten meldden" in nl
    # What both models say alike is one line naming both; what only B's says names B alone.
    shared = [w.params["warning"] for w in res.warnings if w.params["member"] == "A/2024"]
    assert shared and all(
        any(v.params["warning"] == x for v in res.warnings if v.params["member"] == "B/2024") for x in shared
    )
    en = portfolio_report(res, "md")
    lines = [line for line in en.splitlines() if line.startswith("- member")]
    assert len(lines) == len(shared) + 1
    assert sum(line.startswith("- members 'A/2024', 'B/2024': ") for line in lines) == len(shared)
    assert sum(line.startswith("- member 'B/2024': investments") for line in lines) == 1
    assert nl.count("- projecten 'A/2024', 'B/2024': ") == len(shared)
    assert "project 'B/2024': investments\\[0\\].amount (regel 11, kolom 30): 1.000 is gelezen als 1 " in nl
    assert "What the members' models said" in portfolio_report(res, "md")


def test_a_member_whose_ratio_is_not_defined_reads_n_a_in_the_report(tmp_path):
    # A member without an investment has no SROI ratio: the members table says n/a (n.v.t.), not nan.
    from impactchain._report_portfolio import portfolio_report

    (tmp_path / "free.yaml").write_text(
        model_text(name="free", currency="EUR", year=2025).replace("investments: [{funder: city, amount: 1000}]\n", ""),
        encoding="utf-8",
    )
    res = evaluate_portfolio(_write(tmp_path, members("free.yaml", _model(tmp_path, "paid"))), draws=100, threads=1)
    assert pd.isna(res.members.set_index("member").loc["F/2024", "sroi_ratio"])
    en, nl = portfolio_report(res, "md", "en"), portfolio_report(res, "md", "nl")
    assert "| F/2024 |  | €" in en
    row_en = next(line for line in en.splitlines() if line.startswith("| F/2024 |"))
    row_nl = next(line for line in nl.splitlines() if line.startswith("| F/2024 |"))
    assert "| n/a |" in row_en and "nan" not in row_en
    assert "| n.v.t. |" in row_nl and "nan" not in row_nl


def test_a_pdf_without_weasyprint_is_refused_before_any_member_runs(tmp_path, monkeypatch, capsys):
    from impactchain.cli import main

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint raises ImportError
    example = ROOT / "examples" / "data" / "portfolio" / "portfolio.yaml"
    assert main(["portfolio", str(example), "--format", "md,pdf", "-o", f"{tmp_path}/out/"]) == 2
    err = capsys.readouterr().err
    assert 'pip install "impactchain[pdf]"' in err and "evaluating" not in err
    assert not (tmp_path / "out").exists()
