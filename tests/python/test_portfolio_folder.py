"""A folder of model files as a portfolio (docs/portfolio.md): each file a member named by its
stem, so two files of one stem (a.yaml, a.yml) are refused by validate and by the run, naming
both; and what a folder lacks for its footing (an fx rate, a price index) is said as the
portfolio file to write, not as a key to add to a file that is not there."""

from __future__ import annotations

from pathlib import Path

import pytest

from impactchain.cli import main
from impactchain.portfolio import PortfolioError, evaluate_portfolio, load_portfolio
from portfolio_files import model_text


def _model(folder: Path, file: str, currency: str = "EUR", year: int = 2024) -> None:
    folder.mkdir(exist_ok=True)
    (folder / file).write_text(model_text(name=Path(file).stem, currency=currency, year=year), encoding="utf-8")


@pytest.mark.parametrize("others", [(), ("c.yaml",)])
def test_two_files_of_one_stem_are_refused_naming_both(tmp_path, capsys, others):
    # With a third member the run crashed in pandas; with two it gave two members called 'a'.
    folder = tmp_path / "folder"
    for f in ("a.yaml", "a.yml", *others):
        _model(folder, f)
    said = (
        f"portfolio folder '{folder}': files 'a.yaml' and 'a.yml' would both be member 'a' (a member is named "
        "by its file's stem, and ids must be unique): rename or move one of them"
    )
    with pytest.raises(PortfolioError) as e:
        load_portfolio(folder)
    assert str(e.value) == said
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr()
    assert said in out.err and "valid portfolio" not in out.out
    assert main(["portfolio", str(folder), "-o", str(tmp_path / "out"), "--draws", "100", "--quiet"]) == 1
    assert said in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_stem_taken_twice_is_named_with_the_folders_other_problems(tmp_path):
    folder = tmp_path / "folder"
    for f in ("a.yaml", "a.YML"):
        _model(folder, f)
    (folder / "b.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    with pytest.raises(PortfolioError) as e:
        load_portfolio(folder)
    text = str(e.value)
    assert text.startswith(f"2 problems in portfolio folder '{folder}':\n")
    assert "\nfiles 'a.YML' and 'a.yaml' would both be member 'a'" in text and "model file 'b.yaml'" in text


def test_what_a_folder_lacks_for_its_footing_is_a_portfolio_file_to_write(tmp_path):
    folder = tmp_path / "folder"
    _model(folder, "a.yaml")
    _model(folder, "b.yaml", currency="GBP")
    with pytest.raises(PortfolioError) as e:
        evaluate_portfolio(folder, draws=100, seed=1, threads=1)
    assert "in GBP, the portfolio in EUR: write a portfolio file listing the folder's models" in str(e.value)
    assert "fx: {GBP: {rate, source, date}}" in str(e.value) and "add fx" not in str(e.value)
    (folder / "b.yaml").unlink()
    _model(folder, "b.yaml", year=2023)  # the first member (a) sets the price year: 2024
    with pytest.raises(PortfolioError) as e:
        evaluate_portfolio(folder, draws=100, seed=1, threads=1)
    assert str(e.value) == (
        "member 'b' (b.yaml): prices of 2023, the portfolio's of 2024 (its first member's): write a portfolio "
        "file listing the folder's models (docs/portfolio.md) with price_index: {2023: …, 2024: …}"
    )
