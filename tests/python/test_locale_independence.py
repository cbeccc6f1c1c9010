"""The core reads and writes numbers the same whatever the process's locale (mirrors
tests/cpp/test_locale.cpp). A Dutch analyst's script may call ``locale.setlocale(locale.LC_ALL, "")``
under ``LANG=nl_NL.UTF-8`` (for dates, or a library that does): then the C library reads a decimal
comma, and a CBS price-index file ("108,75") or the ICERs of a note must not be read in it.

The nl_NL locale is made for the test with ``localedef`` in a temporary folder (a minimal system has
only C and C.UTF-8); the test is skipped, saying why, where localedef or the locale's source is
missing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NL_SOURCE = Path("/usr/share/i18n/locales/nl_NL")

CBS_FILE = (
    '\ufeff"Bestedingscategorieën";"Perioden";"CPI (2015=100)";"CPI afgeleid (2015=100)"\r\n'
    '"000000 Alle bestedingen";"2020";"108,75";"108,80"\r\n'
    '"000000 Alle bestedingen";"2024";"132,00";"132,10"\r\n'
    '"Bron: CBS"\r\n'
)
MODEL = """impactchain: 1
name: Indexed
currency: EUR
price_year: 2024
price_index: {file: cpi.csv, series: CBS 83131NED, retrieved: "2026-11-30"}
discount: {rate: 0.035}
investments: [{funder: municipality, amount: 50000}]
outcomes:
  - id: employed
    quantity: 5
    proxy: {value: 15000, currency: EUR, price_year: 2020, source: benefit rates}
    deadweight: 0.2
"""

SCRIPT = """
import json, locale, sys
locale.setlocale(locale.LC_ALL, "")
assert locale.localeconv()["decimal_point"] == ",", locale.localeconv()
import impactchain as ic
pv = ic.value(ic.load(sys.argv[1])).present_value
t = ic.icers(["A", "B", "C"], [0, 12345.678, 14000], [0, 1, 3])
print(json.dumps({"pv": pv, "note": t.loc[t.strategy == "B", "note"].iloc[0]}))
"""


@pytest.fixture(scope="module")
def dutch_locale(tmp_path_factory) -> Path:
    localedef = shutil.which("localedef")
    if localedef is None or not NL_SOURCE.exists():
        pytest.skip("no localedef or no nl_NL locale source (Debian: apt-get install locales) to make nl_NL.UTF-8")
    where = tmp_path_factory.mktemp("locales")
    made = subprocess.run(
        [localedef, "-i", "nl_NL", "-f", "UTF-8", str(where / "nl_NL.UTF-8")], capture_output=True, text=True
    )
    if not (where / "nl_NL.UTF-8").exists():
        pytest.skip(f"localedef could not make nl_NL.UTF-8: {made.stderr.strip()[:200]}")
    return where


def test_a_dutch_locale_changes_neither_a_price_file_nor_a_note(dutch_locale, tmp_path):
    (tmp_path / "cpi.csv").write_text(CBS_FILE, encoding="utf-8", newline="")
    (tmp_path / "model.yaml").write_text(MODEL, encoding="utf-8")
    env = {
        **os.environ,
        "LOCPATH": str(dutch_locale),
        "LANG": "nl_NL.UTF-8",
        "LC_ALL": "nl_NL.UTF-8",
        "PYTHONPATH": os.pathsep.join(p for p in sys.path if p),
    }
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "model.yaml")], capture_output=True, text=True, env=env
    )
    assert run.returncode == 0, run.stderr  # before: price_index.file: ... expected a number, got '108,75'
    said = json.loads(run.stdout)
    # 5 people × 15,000 at 2020 prices × 132.00 / 108.75 to 2024 prices × (1 - 0.2 deadweight), one
    # year discounted at 3.5 %: 5 × 15000 × 132 / 108.75 × 0.8 / 1.035.
    assert said["pv"] == pytest.approx(5 * 15000 * 132 / 108.75 * 0.8 / 1.035, rel=1e-12)
    # B (12345.678, 1) against A (0, 0): 12345.678; C against B: (14000 - 12345.678) / 2 = 827.161.
    assert "its ICER against 'A' (12345.7) exceeds that of the next strategy 'C' (827.161)" in said["note"]
