"""A portfolio run reads each member's model file once (impactchain.portfolio.read_models): for
the report's language, the inputs no output may replace, the footing and every member's
evaluation alike; a file that several members share, once; a refused file names each member."""

from __future__ import annotations

import builtins
from collections import Counter
from pathlib import Path

import pytest

from impactchain.cli import main
from impactchain.portfolio import evaluate_portfolio, load_portfolio, read_models
from portfolio_files import model_text


def _model(name: str) -> str:
    """A small member model in EUR of 2025 whose file names its language: Dutch."""
    return model_text(name=name, currency="EUR", year=2025).replace("\nperiod:", "\nlanguage: nl\nperiod:")


def _files(tmp_path: Path) -> Path:
    """A portfolio stating no currency or price year (so its footing is its first member's): two
    members share a.yaml (two periods), one reads b.yaml."""
    for name in ("a", "b"):
        (tmp_path / f"{name}.yaml").write_text(_model(name), encoding="utf-8")
    p = tmp_path / "portfolio.yaml"
    p.write_text(
        "name: Fonds\nmembers:\n"
        "  - {organisation: A, period: 2024, model: a.yaml}\n"
        "  - {organisation: A, period: 2025, model: a.yaml}\n"
        "  - {organisation: B, period: 2024, model: b.yaml}\n",
        encoding="utf-8",
    )
    return p


def _count_reads(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Counter[str]:
    """How often each model file of ``tmp_path`` is opened, from here on."""
    opened: Counter[str] = Counter()
    real_open = builtins.open

    def counting_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        name = Path(file).name if isinstance(file, (str, Path)) else ""
        if name in ("a.yaml", "b.yaml") and Path(file).resolve().parent == tmp_path.resolve():
            opened[name] += 1
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", counting_open)
    return opened


def test_the_command_line_reads_each_model_file_once(tmp_path, monkeypatch, capsys):
    p = _files(tmp_path)
    opened = _count_reads(monkeypatch, tmp_path)
    assert main(["portfolio", str(p), "-o", f"{tmp_path / 'out'}/", "--draws", "100", "--format", "md"]) == 0
    # Before, each file was read for the language, again for the inputs, again for the first
    # member's footing and once more per member: a.yaml 7 times, b.yaml 3.
    assert opened == {"a.yaml": 1, "b.yaml": 1}
    assert "report in nl (the language the members' model files name" in capsys.readouterr().err


def test_evaluating_and_checking_read_each_model_file_once(tmp_path, monkeypatch):
    p = _files(tmp_path)
    portfolio = load_portfolio(p)
    opened = _count_reads(monkeypatch, tmp_path)
    res = evaluate_portfolio(portfolio, draws=20, seed=1, threads=2)
    assert list(res.members["member"]) == ["A/2024", "A/2025", "B/2024"]
    assert opened == {"a.yaml": 1, "b.yaml": 1}
    opened.clear()
    models = read_models(portfolio)
    assert opened == {"a.yaml": 1, "b.yaml": 1}
    evaluate_portfolio(portfolio, draws=20, seed=1, models=models)
    assert opened == {"a.yaml": 1, "b.yaml": 1}  # the models given are the ones used
    opened.clear()
    from impactchain.portfolio import check_portfolio

    assert not check_portfolio(portfolio).problems
    assert opened == {"a.yaml": 1, "b.yaml": 1}


def test_a_refused_file_that_members_share_names_each_member(tmp_path):
    (tmp_path / "a.yaml").write_text(_model("a"), encoding="utf-8")
    bad = _model("bad").replace("duration: 2", "duration: 2, deadweight: 1.5")
    (tmp_path / "bad.yaml").write_text(bad, encoding="utf-8")
    p = tmp_path / "portfolio.yaml"
    p.write_text(
        "name: Fonds\ncurrency: EUR\nprice_year: 2025\nmembers:\n"
        "  - {organisation: A, period: 2024, model: a.yaml}\n"
        "  - {organisation: B, period: 2024, model: bad.yaml}\n"
        "  - {organisation: B, period: 2025, model: bad.yaml}\n",
        encoding="utf-8",
    )
    portfolio = load_portfolio(p)
    assert isinstance(read_models(portfolio)[portfolio.members[1].model], ValueError)
    res = evaluate_portfolio(portfolio, draws=20, seed=1, keep_going=True)
    assert list(res.members["member"]) == ["A/2024"]
    failures = res.failures.to_dict("records")
    assert [f["member"] for f in failures] == ["B/2024", "B/2025"]
    for f in failures:
        assert f["error"].startswith(f"member '{f['member']}' (bad.yaml): ")
        assert "deadweight must be in [0, 1], got 1.5" in f["error"]


def test_its_result_never_writes_its_tables_over_the_files_it_read(tmp_path):
    from impactchain._output import OutputError

    p = _files(tmp_path)
    res = evaluate_portfolio(load_portfolio(p), draws=20, seed=1)
    for read in (p, tmp_path / "a.yaml", tmp_path / "b.yaml"):
        before = read.read_bytes()
        with pytest.raises(OutputError, match=rf"{read.name}: is an input of this run"):
            res.to_excel(read)
        assert read.read_bytes() == before
