"""Model files from Python: JSON and YAML accepted and rejected alike, paths and
lines in errors, safe YAML, round trips, the JSON Schema."""

from __future__ import annotations

import copy
import json
import pickle
import textwrap

import pytest
import yaml

import impactchain as ic
from impactchain.io import ModelFileError
from small_models import MONEY_HEAD

MINIMAL = textwrap.dedent(
    """\
    name: Market cleaning
    currency: EUR
    price_year: 2024
    chain:
      nodes:
        - {id: coaching, level: activity, quantity: 40}
        - {id: employed, level: outcome}
      edges:
        - {from: coaching, to: employed, rate: {triangular: [0.2, 0.3, 0.45]}}
    """
)


def test_json_and_yaml_give_the_same_model(data_dir, tmp_path):
    m = ic.load(data_dir / "model_basic.json")
    assert m.name == "Market cleaning with job coaching"
    assert m.period == (2024, 2024)
    y = tmp_path / "basic.yaml"
    y.write_text(yaml.safe_dump(json.loads((data_dir / "model_basic.json").read_text())))
    assert ic.load(y) == m


def test_both_languages_reject_the_same_file_with_the_same_issues(data_dir, tmp_path):
    with pytest.raises(ic.ValidationError) as from_json:
        ic.load(data_dir / "model_errors.json")
    y = tmp_path / "errors.yaml"
    y.write_text(yaml.safe_dump(json.loads((data_dir / "model_errors.json").read_text()), sort_keys=False))
    with pytest.raises(ic.ValidationError) as from_yaml:
        ic.load(y)
    assert from_json.value.issues == from_yaml.value.issues
    assert len(from_json.value.issues) == 5  # the same five problems the C++ test names
    paths = [p for p, _ in from_json.value.issues]
    assert "outcomes[0].dedweight" in paths and "chain.edges[0].rate.triangular" in paths


def test_yaml_errors_carry_lines_and_suggestions(tmp_path):
    f = tmp_path / "m.yaml"
    f.write_text(MINIMAL.replace("level: outcome", "level: outcom").replace("[0.2, 0.3, 0.45]", "[0.5, 0.3, 0.45]"))
    with pytest.raises(ModelFileError) as info:
        ic.load(f)
    msg = str(info.value)
    # Line 7 is "    - {id: employed, level: outcom}": the key `level` starts in column 22; line 9's
    # `triangular` in column 45 (after "    - {from: coaching, to: employed, rate: {").
    assert (
        f"{f}:7:22: chain.nodes[1].level: expected one of input, activity, output, outcome, impact, got 'outcom' (did you mean 'outcome'?)"
        in msg
    )
    assert f"{f}:9:45: chain.edges[0].rate.triangular: triangular needs low <= mode <= high" in msg
    assert info.value.lines == [7, 9]
    assert info.value.columns == [22, 45]


def test_yaml_tags_that_construct_objects_are_refused(tmp_path):
    f = tmp_path / "evil.yaml"
    f.write_text("name: !!python/object/apply:os.system ['echo hacked']\n")
    with pytest.raises(ModelFileError, match="is not allowed in model files"):
        ic.load(f)


def test_duplicate_keys_and_non_finite_numbers(tmp_path):
    f = tmp_path / "dup.yaml"
    f.write_text("name: a\nname: b\n")
    with pytest.raises(ModelFileError, match="duplicate key 'name' \\(first on line 1\\)"):
        ic.load(f)
    g = tmp_path / "m.yaml"
    g.write_text(MINIMAL.replace("quantity: 40", "quantity: .inf"))
    with pytest.raises(
        ModelFileError, match=r"m.yaml:6:49: `.inf` is not a number in a model file \(infinite values are not allowed\)"
    ):
        ic.load(g)


def test_dates_stay_text(tmp_path):
    f = tmp_path / "d.yaml"
    f.write_text(MINIMAL.replace("name: Market cleaning", "name: 2024-05-01"))
    assert ic.load(f).name == "2024-05-01"


def test_json_syntax_error_names_line(tmp_path):
    f = tmp_path / "bad.json"
    f.write_text('{\n  "name": "x",\n  "currency" "EUR"\n}\n')
    # The parser stops at the end of the unexpected string "EUR": line 3, column 18.
    with pytest.raises(ModelFileError, match=r"bad.json:3:18: syntax error while parsing object separator"):
        ic.load(f)


def test_missing_file_and_empty_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="cannot read model file"):
        ic.load(tmp_path / "nope.yaml")
    e = tmp_path / "empty.yaml"
    e.write_text("")
    with pytest.raises(ModelFileError, match="the file is empty"):
        ic.load(e)


def test_round_trip_save_and_pickle(data_dir, tmp_path):
    m = ic.load(data_dir / "model_basic.json")
    for name in ("out.json", "out.yaml"):
        assert ic.load(ic.save(m, tmp_path / name)) == m
    assert pickle.loads(pickle.dumps(m)) == m
    assert ic.Model.from_dict(m.to_dict()) == m
    # The repr is short (name, currency, counts); the full form is to_dict / to_json.
    assert repr(m).startswith("<Model ") and len(repr(m)) < 200
    assert m.name in m._repr_html_()
    with pytest.raises(ValueError, match=r"use a \.json, \.yaml or \.yml suffix"):
        ic.save(m, tmp_path / "out.txt")


def test_loads_guesses_format():
    assert ic.loads(MINIMAL).chain.quantities()["employed"] == pytest.approx(12)
    assert ic.loads(json.dumps(yaml.safe_load(MINIMAL))).name == "Market cleaning"


def test_json_schema_accepts_the_examples_and_rejects_bad_input(data_dir, examples_dir):
    jsonschema = pytest.importorskip("jsonschema")
    from pathlib import Path

    schema = json.loads((Path(__file__).parents[2] / "docs" / "model.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    files = [data_dir / "model_basic.json", *sorted(examples_dir.glob("*.yaml"))]
    for f in files:
        data = json.loads(f.read_text()) if f.suffix == ".json" else yaml.safe_load(f.read_text())
        errors = list(validator.iter_errors(data))
        assert not errors, f"{f.name}: {errors[0].message}"
        ic.load(f)  # and the loader agrees
    assert list(validator.iter_errors({"name": "x", "dedweight": 1}))
    assert list(validator.iter_errors({"name": "x", "chain": {"nodes": [{"id": "a", "level": "activty"}]}}))


def test_pickles_of_version_1_still_load(data_dir):
    """Pickles written by impactchain 0.1 (state version 1) are kept as files and must keep loading."""
    import impactchain as ic

    expected = {
        "parameter_triangular_v1.pkl": ic.Parameter.triangular(0.2, 0.3, 0.45),
        "parameter_discrete_v1.pkl": ic.Parameter.discrete([1, 2, 3], [0.2, 0.3, 0.5]),
        "indicator_v1.pkl": ic.Indicator(id="ls", unit="points (0-10)", kind="soft", scale=(0, 10)),
        "model_basic_v1.pkl": ic.load(data_dir / "model_basic.json"),
    }
    for name, value in expected.items():
        assert pickle.loads((data_dir / "pickles" / name).read_bytes()) == value, name


def test_the_source_path_travels_with_the_model_explicitly(data_dir, tmp_path):
    path = data_dir / "model_basic.json"
    m = ic.load(path)
    assert m.source_path == str(path.resolve())
    assert ic.io.base_dir(m) == path.resolve().parent
    # Kept by copies and pickles (state version 2), not part of equality or the file form.
    for again in (copy.copy(m), copy.deepcopy(m), pickle.loads(pickle.dumps(m))):
        assert again.source_path == m.source_path and again == m
    assert "source_path" not in m.to_dict()
    assert ic.loads(path.read_text()).source_path is None
    assert ic.loads(path.read_text(), source_path="/x/y/model.json").source_path == "/x/y/model.json"
    assert ic.Model.from_dict(m.to_dict()).source_path is None
    # No hidden channels: a model takes no attributes it does not declare.
    with pytest.raises(AttributeError):
        m.source_path = "/elsewhere/model.json"
    with pytest.raises(AttributeError):
        m.anything = 1


def test_a_pickle_keeps_the_read_warnings(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(
        MONEY_HEAD + "investments:\n  - {funder: city, amount: 150.000}\n",
        encoding="utf-8",
    )
    m = ic.load(path)
    assert len(m.read_warnings) == 1 and m.read_warnings[0].startswith("investments[0].amount (line 5, column 20)")
    assert pickle.loads(pickle.dumps(m)).read_warnings == m.read_warnings
    assert copy.copy(m).read_warnings == m.read_warnings


def test_save_follows_the_output_rule(data_dir, tmp_path):
    import os

    m = ic.load(data_dir / "model_basic.json")
    target = tmp_path / "real.yaml"
    target.write_text("old", encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to(target)
    with pytest.raises(ValueError, match="link"):
        ic.save(m, tmp_path / "link.yaml")
    assert target.read_text(encoding="utf-8") == "old"  # nothing written through the link
    os.mkfifo(tmp_path / "fifo.json")
    with pytest.raises(ValueError, match="not a regular file"):
        ic.save(m, tmp_path / "fifo.json")
    (tmp_path / "dir.json").mkdir()
    with pytest.raises(ValueError, match="is a directory"):
        ic.save(m, tmp_path / "dir.json")
    assert ic.load(ic.save(m, target)) == m  # an existing file is replaced (atomically)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "dir.json",
        "fifo.json",
        "link.yaml",
        "real.yaml",
    ]  # no temporaries left


def test_schema_and_loader_agree_on_investment_kinds_and_beneficiaries():
    """The keys of who pays and who gains: what the loader refuses the schema refuses, and the
    other way round (docs/model.schema.json against the one C++ loader)."""
    jsonschema = pytest.importorskip("jsonschema")
    from pathlib import Path

    schema = json.loads((Path(__file__).parents[2] / "docs" / "model.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    base = {
        "name": "x",
        "currency": "EUR",
        "price_year": 2024,
        "stakeholders": ["a", "b"],
        "outcomes": [{"id": "o", "quantity": 1, "proxy": {"value": 1, "currency": "EUR", "source": "s"}}],
    }
    cases = [  # (investment, outcome extra, valid)
        ({"funder": "a", "amount": 5}, {}, True),
        ({"funder": "a", "kind": "in_kind", "amount": 5}, {}, True),
        ({"funder": "a", "kind": "volunteer_time", "hours": 10, "hourly_value": 12}, {}, True),
        ({"funder": "a", "kind": "volunteer_time", "hours": 10}, {}, True),
        ({"funder": "a", "kind": "volunteer_time", "hours": 10, "amount": 5}, {}, False),
        ({"funder": "a", "kind": "volunteer_time"}, {}, False),
        ({"funder": "a", "amount": 5, "hours": 3}, {}, False),
        ({"funder": "a", "kind": "gift", "amount": 5}, {}, False),
        ({"funder": "a", "amount": 5}, {"beneficiaries": {"a": 0.7, "b": 0.3}}, True),
        ({"funder": "a", "amount": 5}, {"beneficiaries": {"a": 0.5}, "stakeholder": "a"}, False),
        ({"funder": "a", "amount": 5}, {"beneficiaries": {"a": 1.5}}, False),
    ]
    for inv, extra, valid in cases:
        d = json.loads(json.dumps(base))
        d["investments"] = [inv]
        d["outcomes"][0].update(extra)
        schema_ok = not list(validator.iter_errors(d))
        try:
            ic.loads(json.dumps(d), format="json")
            loader_ok = True
        except ValueError:
            loader_ok = False
        assert (schema_ok, loader_ok) == (valid, valid), (inv, extra)


#: (where, value, valid): a share or rate the loader bounds to [0, 1] (deadweight, displacement,
#: attribution, drop_off, leakage, a chain edge's rate, the discount rate, rates and band rates);
#: `valid` by the rule, the reach of the value: the number itself, or the bounds of its distribution.
SHARES = [
    ("deadweight", 25, False),  # a percentage written as a number
    ("deadweight", 0, True),
    ("deadweight", 1, True),
    ("deadweight", -0.1, False),
    ("deadweight", 1.0000001, False),
    ("deadweight", {"fixed": 1.5}, False),
    ("attribution", {"uniform": [0.2, 1.2]}, False),
    ("attribution", {"uniform": {"low": 0, "high": 1}}, True),
    ("displacement", {"triangular": [0, 0.5, 1]}, True),
    ("displacement", {"triangular": {"low": 0.1, "mode": 0.2, "high": 1.5}}, False),
    ("drop_off", {"pert": [0, 0.1, 1, 50]}, True),  # lambda is a shape, not a bound
    ("drop_off", {"pert": [0.1, 0.2, 2]}, False),
    ("leakage", {"normal": [0.5, 0.1, 0, 1]}, True),
    ("leakage", {"normal": {"mean": 1.4, "sd": 0.5, "lower": 0, "upper": 1}}, True),  # the mean need not be a share
    ("leakage", {"normal": [0.5, 0.1]}, False),  # untruncated: reaches every number
    ("leakage", {"normal": {"mean": 0.5, "sd": 0.1, "upper": 1}}, False),
    ("leakage", {"normal": {"mean": 0.5, "sd": 0.1, "lower": 0, "upper": 1.2}}, False),
    ("deadweight", {"beta": [200, 5]}, True),  # on [0, 1] unless scaled; the shapes are no bounds
    ("deadweight", {"beta": {"alpha": 2, "beta": 5, "low": 0, "high": 1.5}}, False),
    ("deadweight", {"lognormal": {"mean": 0.2, "sd": 0.1}}, False),  # no upper bound
    ("deadweight", {"discrete": [0, 0.5, 1]}, True),
    ("deadweight", {"discrete": {"values": [0.1, 3], "weights": [1, 0]}}, False),  # a value of weight 0 too
    ("deadweight", {"empirical": [0.2, 1.01]}, False),
    ("rate", {"triangular": [0.2, 0.3, 1.45]}, False),
    ("rate", 1, True),
    ("discount.rate", 3.5, False),
    ("discount.rate", {"uniform": [0, 0.05]}, True),
    ("discount.rates", [0.03, 1.5], False),
    ("discount.rates", [0, 1], True),
    ("discount.bands", [{"from": 0, "rate": 4}], False),
    ("discount.bands", [{"from": 0, "to": 30, "rate": 1}, {"from": 31, "rate": 0}], True),
]


def _schema_and_loader(model: dict) -> tuple[bool, str]:
    """Whether docs/model.schema.json accepts ``model``, and the C++ loader's refusal of it ("" if none)."""
    jsonschema = pytest.importorskip("jsonschema")
    from pathlib import Path

    schema = json.loads((Path(__file__).parents[2] / "docs" / "model.schema.json").read_text())
    schema_ok = not list(jsonschema.Draft202012Validator(schema).iter_errors(model))
    try:
        ic.loads(json.dumps(model), format="json")
    except ValueError as e:
        return schema_ok, str(e)
    return schema_ok, ""


@pytest.mark.parametrize(("where", "value", "valid"), SHARES, ids=[f"{w}={json.dumps(v)}" for w, v, _ in SHARES])
def test_schema_and_loader_agree_on_shares(where, value, valid):
    """docs/model.schema.json bounds each share and rate to [0, 1] as the C++ loader does: the
    schema refuses what the loader refuses (deadweight: 25) and accepts what it accepts (0, 1)."""
    model = {
        "name": "x",
        "currency": "EUR",
        "price_year": 2024,
        "stakeholders": ["a"],
        "chain": {
            "nodes": [{"id": "n", "level": "activity", "quantity": 10}, {"id": "m", "level": "outcome"}],
            "edges": [{"from": "n", "to": "m", "rate": 0.5}],
        },
        "investments": [{"funder": "a", "amount": 5}],
        "outcomes": [
            {"id": "o", "quantity": 1, "stakeholder": "a", "proxy": {"value": 1, "currency": "EUR", "source": "s"}}
        ],
    }
    if where == "rate":
        model["chain"]["edges"][0]["rate"] = value
    elif where.startswith("discount."):
        model["discount"] = {where.removeprefix("discount."): value}
    else:
        model["outcomes"][0][where] = value
    schema_ok, refused = _schema_and_loader(model)
    assert not refused or "must be in [0, 1]" in refused  # refused for its range, not for anything else
    assert (schema_ok, not refused) == (valid, valid)


YEARS = [
    ("price_year", 2204, False),
    ("price_year", 1850, False),
    ("price_year", 1900, True),
    ("price_year", 2200, True),
    ("period", 2201, False),
    ("period", {"start": 2024, "end": 2204}, False),
    ("period", {"start": 1899}, False),
    ("period", {"start": 2024, "end": 2026}, True),
    ("proxy.price_year", 1899, False),
    ("proxy.price_year", 2024, True),
    ("investment.price_year", 2201, False),
]


@pytest.mark.parametrize(("where", "value", "valid"), YEARS, ids=[f"{w}={json.dumps(v)}" for w, v, _ in YEARS])
def test_schema_and_loader_agree_on_calendar_years(where, value, valid):
    """A calendar year (period, every price_year) lies in [1900, 2200] for the C++ loader and for
    docs/model.schema.json alike (docs/model-file.md, "What the file may contain")."""
    model = {
        "name": "x",
        "currency": "EUR",
        "price_year": 2024,
        "period": 2024,
        "stakeholders": ["a"],
        "investments": [{"funder": "a", "amount": 5}],
        "outcomes": [
            {"id": "o", "quantity": 1, "stakeholder": "a", "proxy": {"value": 1, "currency": "EUR", "source": "s"}}
        ],
    }
    if where == "proxy.price_year":
        model["outcomes"][0]["proxy"]["price_year"] = value
        model["price_index"] = {str(y): 100 for y in (2024, value) if 1900 <= y <= 2200}
    elif where == "investment.price_year":
        model["investments"][0].update(price_year=value, currency="EUR")
    else:
        model[where] = value
    schema_ok, refused = _schema_and_loader(model)
    assert not refused or "must be a year in [1900, 2200]" in refused
    assert (schema_ok, not refused) == (valid, valid)


#: (where, value, whether the loader reads it): a text the loader reads as written, an integer as
#: its digits (``notes: 5`` is the text "5", ``funder: 3`` the party "3", as ``stakeholder: 3``);
#: a fraction, a boolean or a number inside a text in several languages is refused.
TEXTS_AND_IDS = [
    ("notes", 5, True),
    ("notes", "five", True),
    ("notes", 5.5, False),
    ("notes", True, False),
    ("notes", {"nl": 5}, False),
    ("notes", {"nl": "vijf", "en": "five"}, True),
    ("name", 5, True),
    ("outcomes.name", 5, True),
    ("outcomes.name", 5.5, False),
    ("funder", 3, True),
    ("funder", "3", True),
    ("funder", 3.5, False),
    ("funder", True, False),
    ("stakeholder", 3, True),
    ("stakeholder", 3.5, False),
]


@pytest.mark.parametrize(
    ("where", "value", "valid"), TEXTS_AND_IDS, ids=[f"{w}={json.dumps(v)}" for w, v, _ in TEXTS_AND_IDS]
)
def test_schema_and_loader_agree_on_numbers_in_texts_and_ids(where, value, valid):
    """docs/model.schema.json takes an integer where the C++ loader reads one as text (a text
    field, a funder or a stakeholder), and refuses what the loader refuses there."""
    model = {
        "name": "x",
        "currency": "EUR",
        "price_year": 2024,
        "stakeholders": ["a", "3"],
        "investments": [{"funder": "a", "amount": 5}],
        "outcomes": [
            {"id": "o", "quantity": 1, "stakeholder": "a", "proxy": {"value": 1, "currency": "EUR", "source": "s"}}
        ],
    }
    if where == "funder":
        model["investments"][0]["funder"] = value
    elif where in ("stakeholder", "outcomes.name"):
        model["outcomes"][0][where.removeprefix("outcomes.")] = value
    else:
        model[where] = value
    schema_ok, refused = _schema_and_loader(model)
    assert not refused or "expected a string" in refused  # refused for its type, not for anything else
    assert (schema_ok, not refused) == (valid, valid)
