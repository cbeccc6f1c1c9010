"""A docs page's example that prints: run the first Python block of a section and compare what it
prints with the ``# ...`` comment of each ``print(`` line, so the page cannot drift from the code."""

from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs"


def section_prints(page: str, heading: str, capsys) -> tuple[list[str], list[str]]:
    """(what the first Python block after ``heading`` in docs/``page`` printed, what its comments say)."""
    text = (DOCS / page).read_text(encoding="utf-8")
    block = re.search(r"^```python\n(.*?)^```", text[text.index(heading) :], re.S | re.M).group(1)
    capsys.readouterr()
    exec(compile(block, f"docs/{page}", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    said = [line.split("# ", 1)[1] for line in block.splitlines() if line.startswith("print(")]
    return printed, said
