"""``impactchain init``: a folder to start from — a commented model file, the survey it reads
(CSV, and the same as an .xlsx workbook to fill in) and a README, in English or Dutch.

The files are package data (``impactchain/starter``), shipped in the wheel with the package."""

from __future__ import annotations

import csv
from pathlib import Path

#: Languages of the starter files.
STARTER_LANGUAGES = ("en", "nl")
_SURVEY = "survey.csv"


def _starter_dir() -> Path:
    return Path(__file__).resolve().parent / "starter"


def _write_xlsx(rows: list[list[str]], target: Path) -> None:
    """The survey as a workbook: the header as text, the scores as numbers (an empty cell where none)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.worksheets[0])  # the default empty sheet
    ws = wb.create_sheet("survey")
    ws.append(rows[0])
    for row in rows[1:]:
        ws.append([row[0], *(int(v) if v else None for v in row[1:])])
    wb.save(target)


def init_folder(directory: str | Path, lang: str = "en") -> list[Path]:
    """Writes ``model.yaml``, ``survey.csv``, ``survey.xlsx``, ``README.md`` and a blank Value Map
    workbook ``valuemap.xlsx`` (docs/valuemap.md) into ``directory``
    (created when missing; refused when it holds anything). Returns the paths written."""
    if lang not in STARTER_LANGUAGES:
        raise ValueError(f"--lang: expected one of {', '.join(STARTER_LANGUAGES)}, got {lang!r}")
    target = Path(directory)
    if target.exists() and not target.is_dir():
        raise ValueError(f"{target}: exists and is not a directory; give a new or empty directory")
    if target.is_dir() and any(target.iterdir()):
        raise ValueError(f"{target}: the directory is not empty; give a new or empty directory (nothing was written)")
    src = _starter_dir()
    texts = {
        "model.yaml": (src / f"model.{lang}.yaml").read_text(encoding="utf-8"),
        "README.md": (src / f"README.{lang}.md").read_text(encoding="utf-8"),
        _SURVEY: (src / _SURVEY).read_text(encoding="utf-8"),
    }
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in texts.items():
        p = target / name
        p.write_text(text, encoding="utf-8", newline="")
        written.append(p)
    xlsx = target / "survey.xlsx"
    _write_xlsx(list(csv.reader(texts[_SURVEY].splitlines())), xlsx)
    written.append(xlsx)
    vm = target / "valuemap.xlsx"
    vm.write_bytes((src / "valuemap.xlsx").read_bytes())
    written.append(vm)
    return written
