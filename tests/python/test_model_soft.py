"""Soft outcomes in model files with item columns: a survey as Dutch Excel saves it goes into a
model as items, is scored with pro-rating and gives the change of a hand calculation; every row is
used or listed with its id and reason (docs/soft.md, "Model files: soft outcomes")."""

from __future__ import annotations

import json
import math

import pytest

import impactchain as ic

ITEMS = 14  # WEMWBS: 14 items scored 1-5, the score is their sum (Tennant et al. 2007)


def _row(name: str, hours: str, pre: list, post: list) -> str:
    cells = [name, hours] + ["" if v is None else str(v) for v in pre + post]
    return ";".join(cells)


# Respondents, as typed into Excel (None: an item left empty).
SURVEY = [
    # Zoë: every item 3 before, 4 after: 42 -> 56
    ("Zoë", "12,5", [3] * 14, [4] * 14),
    # Jörg: item 5 empty before (1 missing <= max_missing 1): 13 answered, all 2: mean 2 x 14 = 28;
    # after 7 items of 4 and 7 of 3: 28 + 21 = 49
    ("Jörg", "8", [2, 2, 2, 2, None, 2, 2, 2, 2, 2, 2, 2, 2, 2], [4] * 7 + [3] * 7),
    # Anaïs: 2 items empty before, more than max_missing: no score before, the row is not used
    ("Anaïs", "3,5", [None, None] + [4] * 12, [5] * 14),
    # Bram: no follow-up at all: the row is not used
    ("Bram", "0,5", [2] * 14, [None] * 14),
    # Céline: item 14 empty before; 13 answered sum 1+2+3+4+5+1+2+3+4+5+1+2+3 = 36,
    # pro-rated 36 / 13 x 14 = 504 / 13; after item 1 empty, 13 answered all 4: 4 x 14 = 56
    ("Céline", "10", [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 3, None], [None] + [4] * 13),
    # Daan: 3 before (42); after 7 items of 5 and 7 of 4: 35 + 28 = 63
    ("Daan", "6", [3] * 14, [5] * 7 + [4] * 7),
]
# Used: Zoë, Jörg, Céline, Daan.
PRE = [42, 28, 504 / 13, 42]
POST = [56, 49, 56, 63]
# mean before (42 + 28 + 504/13 + 42) / 4 = (1456/13 + 504/13) / 4 = 490/13 = 37.6923…
# mean after 224 / 4 = 56; mean change 56 - 490/13 = 238/13 = 18.3077…
MEAN_PRE, MEAN_POST, MEAN_CHANGE = 490 / 13, 56.0, 238 / 13


def _write_survey(folder):
    header = ["deelnemer", "uren"] + [f"voor_{k}" for k in range(1, 15)] + [f"na_{k}" for k in range(1, 15)]
    lines = [";".join(header)] + [_row(*r) for r in SURVEY]
    # Dutch Excel's "CSV (gescheiden door lijstscheidingsteken)": ';', decimal comma, Windows-1252, CRLF.
    (folder / "enquete.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


MODEL = """\
impactchain: 1
name: Buurtwerk
chain:
  nodes: [{id: coaching, level: activity, quantity: 6}]
soft_outcomes:
  - id: welzijn
    scale: wemwbs
    data: enquete.csv
    id_column: deelnemer
    pre: [voor_1, voor_2, voor_3, voor_4, voor_5, voor_6, voor_7, voor_8, voor_9, voor_10, voor_11, voor_12, voor_13, voor_14]
    post: [na_1, na_2, na_3, na_4, na_5, na_6, na_7, na_8, na_9, na_10, na_11, na_12, na_13, na_14]
    max_missing: 1
    resamples: 500
    seed: 20240601
    method: percentile
    level: 0.9
"""


@pytest.fixture
def model_path(tmp_path):
    _write_survey(tmp_path)
    path = tmp_path / "model.yaml"
    path.write_text(MODEL, encoding="utf-8")
    return path


def test_dutch_excel_survey_as_items_gives_the_hand_calculation(model_path):
    model = ic.load(model_path)
    spec = model.soft_outcomes[0]
    assert spec["pre"][4] == "voor_5" and spec["max_missing"] == 1 and spec["level"] == 0.9
    s = ic.soft_outcome_summary(spec, model_path.parent)
    assert (s.n_rows, s.n_used) == (6, 4)
    overall = s.groups.iloc[0]
    assert overall["n"] == 4
    assert math.isclose(overall["mean_pre"], MEAN_PRE, rel_tol=1e-12)
    assert math.isclose(overall["mean_post"], MEAN_POST, rel_tol=1e-12)
    assert math.isclose(overall["mean_change"], MEAN_CHANGE, rel_tol=1e-12)
    assert math.isclose(sum(b - a for a, b in zip(PRE, POST)) / 4, MEAN_CHANGE)  # the two hand sums agree
    # Every row is accounted for: 4 used, 2 listed with their id (read as cp1252) and reason.
    listed = {r["id"]: r for r in s.rows_not_used}
    assert set(listed) == {"Anaïs", "Bram"}
    assert listed["Anaïs"]["missing"] == ["pre"] and listed["Anaïs"]["row"] == 4
    assert listed["Bram"]["missing"] == ["post"] and listed["Bram"]["row"] == 5
    assert "2 of 14 items missing" in str(listed["Anaïs"]["reason"])
    assert s.n_used + len(s.rows_not_used) == len(SURVEY)
    # The entry's own options were used, not defaults: none of them is named as taken by default.
    assert not [a for a in s.assumptions if a.startswith(("seed:", "resamples:", "method:", "level:"))]
    assert "interval: percentile bootstrap, 500 resamples" in " ".join(s.assumptions)
    # How the file was read is stated: Windows-1252, ';', decimal comma (detected, as no csv: was given).
    said = " ".join(s.assumptions)
    assert "Windows-1252" in said and "separated by ';'" in said and "decimal mark ','" in said


def test_the_report_uses_the_items_and_the_entrys_options(model_path):
    """The report scores the items the same way, names the rows not used, and keeps the entry's
    seed, resamples and method (its own seed 3 does not replace them): the same interval."""
    rep = ic.build_report([model_path], draws=200, seed=3)
    entry = json.loads(rep.to_json())["models"][0]["soft_outcomes"][0]
    assert entry["n_rows"] == 6 and entry["n_used"] == 4
    assert math.isclose(entry["mean_change"], MEAN_CHANGE, rel_tol=1e-12)
    assert [(r["id"], r["row"]) for r in entry["rows_not_used"]] == [("Anaïs", 4), ("Bram", 5)]
    direct = ic.soft_outcome_summary(ic.load(model_path).soft_outcomes[0], model_path.parent).groups.iloc[0]
    assert (entry["change_ci_low"], entry["change_ci_high"]) == (direct["change_ci_low"], direct["change_ci_high"])
    assert entry["groups"][0]["change_ci_method"] == "percentile"
    # The interval is named with the entry's level (0.9), in either language; the default
    # bootstrap (95 %, BCa) is not claimed for it.
    assert entry["level"] == 0.9
    md = rep.to_markdown()
    assert "90% CI" in md and "95% CI" not in md and "resamples, BCa" not in md
    nl = ic.build_report([model_path], draws=200, seed=3, lang="nl").to_markdown()
    assert "90%-betrouwbaarheidsinterval" in nl and "95%-betrouwbaarheidsinterval" not in nl


def test_item_columns_that_do_not_fit_the_scale_are_refused_at_their_path(tmp_path):
    text = MODEL.replace("voor_13, voor_14]", "voor_13]")
    with pytest.raises(ValueError, match=r"soft_outcomes\[0\]\.pre: soft outcome 'welzijn': pre lists 13 item"):
        ic.loads(text, format="yaml")
    with pytest.raises(ValueError, match=r"soft_outcomes\[0\]\.pre\[3\]: .*'voor_2' is listed twice"):
        ic.loads(MODEL.replace("voor_4,", "voor_2,"), format="yaml")


def test_the_soft_page_entry_loads_and_matches_the_schema():
    """docs/soft.md's model-file entry is what the loader and docs/model.schema.json accept."""
    import re
    from pathlib import Path

    import yaml

    docs = Path(__file__).resolve().parents[2] / "docs"
    block = next(
        b
        for b in re.findall(r"^```yaml\n(.*?)^```", (docs / "soft.md").read_text(encoding="utf-8"), re.S | re.M)
        if "max_missing" in b
    )
    text = "impactchain: 1\nname: x\nindicators: [{id: mental_wellbeing, kind: soft, unit: points}]\n" + block
    model = ic.loads(text, format="yaml")
    assert model.soft_outcomes[0]["pre"][0] == "pre_q1" and model.soft_outcomes[0]["seed"] == 20240601
    assert ic.loads(model.to_json(), format="json") == model  # the writer gives back what was read
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((docs / "model.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    assert not list(validator.iter_errors(yaml.safe_load(text)))
    # The schema refuses what the loader refuses.
    for bad in (
        "max_missing: -1",
        "sd_pre: 0",
        "resamples: 99",
        "method: bcaa",
        "level: 95",
        "ci_level: 0.9",
        "higher_is_better: 1",
        "seed: -1",
    ):
        key = bad.split(":")[0]
        changed = (
            re.sub(rf"^    {key}: .*$", f"    {bad}", text, flags=re.M)
            if f"    {key}:" in text
            else text + f"    {bad}\n"
        )
        with pytest.raises(ValueError, match=rf"soft_outcomes\[0\]\.{key}: "):
            ic.loads(changed, format="yaml")
        assert list(validator.iter_errors(yaml.safe_load(changed))), bad
    # And so for the survey's codes, answer labels and group names, each refused at its place.
    for bad, place in (
        ("missing: n.v.t.", "missing"),
        ("missing: [a, a]", "missing[1]"),
        ("missing: [a, '']", "missing[1]"),
        ("answers: [1, 2]", "answers"),
        ("answers: {Nooit: vaak}", "answers.Nooit"),
        ("group_names: {EN: {a: b}}", "group_names.EN"),
        ("group_names: {en: older}", "group_names.en"),
        ("group_names: {en: {a: ''}}", "group_names.en.a"),
    ):
        key = bad.split(":")[0]
        changed = re.sub(rf"^    {key}: .*$", f"    {bad}", text, flags=re.M)
        with pytest.raises(ValueError, match=rf"soft_outcomes\[0\]\.{re.escape(place)}: "):
            ic.loads(changed, format="yaml")
        assert list(validator.iter_errors(yaml.safe_load(changed))), bad
    # group_names without the group column it names
    ungrouped = re.sub(r"^    group: .*\n", "", text, flags=re.M)
    with pytest.raises(ValueError, match=r"soft_outcomes\[0\]\.group_names: .*so group is required"):
        ic.loads(ungrouped, format="yaml")
    assert list(validator.iter_errors(yaml.safe_load(ungrouped)))


def test_the_entrys_direction_decides_what_the_report_calls_an_improvement(model_path):
    """higher_is_better: false in the entry: the rise of 238/13 points is not an improvement."""
    model_path.write_text(MODEL + "    higher_is_better: false\n", encoding="utf-8")
    rep = ic.build_report([model_path], draws=200, seed=3)
    entry = json.loads(rep.to_json())["models"][0]["soft_outcomes"][0]
    assert entry["lower_is_better"] is True
    md = rep.to_markdown()
    assert (
        "mean change +18.31 Warwick-Edinburgh Mental Wellbeing Scale points (14–70) (no improvement)" in md
    )  # 238/13 = 18.3077


def _docs_block(marker: str) -> str:
    import re
    from pathlib import Path

    page = (Path(__file__).resolve().parents[2] / "docs" / "soft.md").read_text(encoding="utf-8")
    return next(b for b in re.findall(r"^```yaml\n(.*?)^```", page, re.S | re.M) if marker in b)


def test_a_scale_of_the_models_own_with_reverse_items_gives_the_hand_calculation(tmp_path):
    """docs/soft.md's own-scale entry, on a Dutch Excel survey: q2 reversed (1 + 5 - x), the mean of
    the items, one missing item filled with the mean of the others (max_missing: 1)."""
    text = _docs_block("reverse_items")
    (tmp_path / "model.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "trust.csv").write_bytes(
        "id;pre_q1;pre_q2;pre_q3;post_q1;post_q2;post_q3\r\n"
        "Anoek;4;2;;5;1;4\r\n"
        "Bram;3;3;3;4;2;4\r\n"
        "Céline;2;4;2;;;\r\n"  # no follow-up at all: listed, not used
        "Daan;5;1;4;5;1;5\r\n".encode("cp1252")
    )
    model = ic.load(tmp_path / "model.yaml")
    entry = model.soft_outcomes[0]
    assert entry["scale"]["reverse_items"] == ["q2"] and entry["scale"]["id"] == "trust"
    summary = ic.soft_outcome_summary({**entry, "resamples": 0}, tmp_path)
    # By hand (q2 -> 6 - q2; mean of the answered items):
    #   Anoek  pre (4 + 4) / 2 = 4          post (5 + 5 + 4) / 3 = 14/3   change 2/3
    #   Bram   pre (3 + 3 + 3) / 3 = 3      post (4 + 4 + 4) / 3 = 4      change 1
    #   Daan   pre (5 + 5 + 4) / 3 = 14/3   post (5 + 5 + 5) / 3 = 5      change 1/3
    pre, post = [4, 3, 14 / 3], [14 / 3, 4, 5]
    change = [b - a for a, b in zip(pre, post)]
    mean_change = sum(change) / 3  # 2/3
    sd_change = math.sqrt(sum((c - mean_change) ** 2 for c in change) / 2)  # 1/3
    row = summary.groups.iloc[0]
    assert row["n"] == 3
    assert row["mean_pre"] == pytest.approx(sum(pre) / 3, abs=1e-12)
    assert row["mean_post"] == pytest.approx(sum(post) / 3, abs=1e-12)
    assert row["mean_change"] == pytest.approx(mean_change, abs=1e-12)
    assert row["sd_change"] == pytest.approx(sd_change, abs=1e-12)
    assert row["effect_size"] == pytest.approx(mean_change / sd_change, abs=1e-12)  # d_z = 2
    (lost,) = summary.rows_not_used
    assert lost["id"] == "Céline" and lost["row"] == 4 and lost["missing"] == ["post"]
    # An answer outside 1..5 is refused with its file row and column.
    (tmp_path / "trust.csv").write_text("id;pre_q1;pre_q2;pre_q3;post_q1;post_q2;post_q3\nA;4;7;3;5;1;4\n")
    with pytest.raises(ValueError, match=r"row 2.*pre_q2|pre_q2.*row 2"):
        ic.soft_outcome_summary({**entry, "resamples": 0}, tmp_path)


def test_the_report_names_a_scale_of_the_models_own(tmp_path):
    text = _docs_block("reverse_items") + "    group: site\n    level: 0.8\n"
    (tmp_path / "model.yaml").write_text(text, encoding="utf-8")
    rows = ["id,pre_q1,pre_q2,pre_q3,post_q1,post_q2,post_q3,site"]
    rows += [
        f"p{i},{2 + i % 3},{4 - i % 3},{2 + i % 2},{2 + i % 4},{3 - i % 3},{3 + i % 2},{'AB'[i % 2]}" for i in range(12)
    ]
    (tmp_path / "trust.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    rep = ic.build_report([tmp_path / "model.yaml"], draws=200, seed=3, lang="nl")
    (soft,) = rep.sections[0].soft
    assert "error" not in soft, soft.get("error")
    assert tuple(soft["scale_bounds"]) == (1, 5)  # the mean of items answered 1..5
    md = rep.to_markdown()
    assert "Vertrouwen in de buurt" in md
    assert "| 80%-betrouwbaarheidsinterval |" in md  # the group table names the entry's own level
