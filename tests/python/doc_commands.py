"""Running the impactchain command lines of a docs page's shell block, so the page cannot drift."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

from impactchain.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run_block(page: str, folder: Path, examples: list[str], *, after: str = "", fence: str = "sh") -> list[str]:
    """Runs every line of the first ``fence`` block of docs/``page`` (after the text ``after``) with
    ``impactchain.cli.main`` in ``folder``, which holds copies of the named example models at
    ``examples/data/``. The caller has made ``folder`` the working directory. Returns the lines run."""
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    text = text[text.index(after) :] if after else text
    block = re.findall(rf"^```{fence}\n(.*?)^```", text, re.S | re.M)[0]
    (folder / "examples" / "data").mkdir(parents=True, exist_ok=True)
    for name in examples:
        shutil.copy(ROOT / "examples" / "data" / name, folder / "examples" / "data" / name)
    lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
    for line in lines:
        words = shlex.split(line)
        assert words[0] == "impactchain", line
        assert main(words[1:]) == 0, line
    return lines


def yaml_block(page: str, marker: str) -> str:
    """The first ``yaml`` block of docs/``page`` that holds ``marker``, as written there."""
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    return next(b for b in re.findall(r"^```yaml\n(.*?)^```", text, re.S | re.M) if marker in b)
