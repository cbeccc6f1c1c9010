"""A model file that may not say what was meant (``150.000`` read as 150): the report says so
first among what to keep in mind, in the reader's language, and on the terminal while it runs."""

from __future__ import annotations

import re
from pathlib import Path

from impactchain.cli import main
from impactchain.report import build_report

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"


def _model(tmp_path: Path) -> Path:
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    assert "amount: 150000" in text
    text = re.sub(r"soft_outcomes:\n.*\n", "", text.replace("amount: 150000", "amount: 150.000"))
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_what_a_model_file_may_not_mean_leads_the_caveats(tmp_path, capsys):
    path = _model(tmp_path)
    md = build_report([path], draws=100, seed=1, lang="nl").to_markdown()
    caveats = md.split("### Om rekening mee te houden", 1)[1].strip().splitlines()
    assert caveats[0].startswith(
        "- Market cleaning (minimal): het modelbestand zegt misschien niet wat bedoeld is: investments\\[0\\].amount "
    )
    assert "150.000 is gelezen als 150 (een decimaalpunt)" in caveats[0]
    en = build_report([path], draws=100, seed=1).to_markdown()
    assert "the model file may not say what was meant: investments\\[0\\].amount" in en
    assert main(["report", str(path), "-o", f"{tmp_path}/out/", "--draws", "100", "--format", "md"]) == 0
    err = capsys.readouterr().err
    assert f"warning: {path}: investments[0].amount (line " in err and "150.000 is read as 150" in err
