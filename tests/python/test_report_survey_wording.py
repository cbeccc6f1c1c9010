"""The report speaks of respondents where it counts respondents: with one form filled in twice
(``wave``) a respondent is two rows of the file, so the caveat and the data appendix's heading say
"respondents", never "survey rows"; ``--no-ids`` leaves the ids out and keeps each respondent's
reason, counted. In English and Dutch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from impactchain.cli import main

# Five respondents in nine rows: Eva has no after ('na'), Fien's before has no score.
WAVES = (
    "id,meting,v\nAnna,voor,3\nAnna,na,5\nBram,voor,5\nBram,na,7\nCees,voor,4\nCees,na,7\n"
    "Fien,voor,\nFien,na,4\nEva,voor,4\n"
)
MODEL = (
    "impactchain: 1\nname: Buurthuis\n"
    "chain: {nodes: [{id: avonden, level: activity, quantity: 40, unit: avonden}]}\n"
    "soft_outcomes:\n"
    "  - {id: welzijn, data: w.csv, id_column: id, pre: v, post: v, wave: {column: meting, pre: voor, post: na}}\n"
)


def _report(folder: Path, *extra: str) -> dict[str, str]:
    (folder / "w.csv").write_text(WAVES, encoding="utf-8")
    (folder / "m.yaml").write_text(MODEL, encoding="utf-8")
    out = folder / "out"
    args = ["report", str(folder / "m.yaml"), "-o", f"{out}/", "--format", "md,json", "--lang", "nl,en"]
    assert main([*args, "--draws", "100", "--seed", "3", "--threads", "1", "--quiet", *extra]) == 0
    return {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()}


@pytest.fixture(scope="module")
def shown(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return _report(tmp_path_factory.mktemp("waves"))


def test_the_caveat_and_the_appendix_count_respondents_not_rows(shown):
    en, nl = shown["report.en.md"], shown["report.nl.md"]
    assert (
        "Buurthuis: soft outcome 'welzijn': 2 respondents lacked a usable before or after score and are not in "
        "the mean change (listed in the data appendix)."
    ) in en
    assert (
        "Buurthuis: zacht effect 'welzijn': 2 respondenten zonder bruikbare voor- of nameting tellen niet mee in "
        "de gemiddelde verandering (opgesomd in de gegevensbijlage)."
    ) in nl
    assert "### Data appendix: respondents not used" in en
    assert "### Gegevensbijlage: niet gebruikte respondenten" in nl
    assert "survey row" not in en and "enquêterij" not in nl
    assert "2 respondents not used: Fien (no before score); Eva (no row of na (column 'meting'))" in en
    assert "2 respondenten niet gebruikt: Fien (geen voormeting); Eva (geen rij van na (kolom 'meting'))" in nl


def test_no_ids_keeps_the_reasons_and_hides_the_ids(tmp_path):
    shown = _report(tmp_path, "--no-ids")
    en, nl = shown["report.en.md"], shown["report.nl.md"]
    assert "2 respondents not used: ids left out of this report; 1 × no before score; 1 × no row of na" in en
    assert (
        "2 respondenten niet gebruikt: ids uit dit rapport weggelaten; 1 × geen voormeting; 1 × geen rij van na" in nl
    )
    so = json.loads(shown["report.en.json"])["models"][0]["soft_outcomes"][0]
    assert so["n_rows_not_used"] == 2
    assert [(r["id"], r["row"], r["row_post"], r["missing"]) for r in so["rows_not_used"]] == [
        (None, None, None, ["pre"]),
        (None, None, None, ["post"]),
    ]
    for doc in (en, nl, json.dumps(so)):
        assert "Fien" not in doc and "Eva" not in doc
