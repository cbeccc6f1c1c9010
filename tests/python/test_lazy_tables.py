"""A valuation's tables are held as plain rows and become DataFrames when first read
(``ValueResult._lazy_tables``, impactchain/_rows.py): a user reads the same DataFrames as
before, and the summary, ``repr``, ``to_dict``, ``==``, pickles, copies and the tables out are
the same whether a table has been read or not. (That ``impactchain value`` then needs no
pandas: tests/python/test_import_graph.py.)"""

from __future__ import annotations

import copy
import dataclasses
import json
import pickle
from pathlib import Path

import pandas as pd
import pytest

import impactchain as ic
from doc_commands import yaml_block
from impactchain import _result, _table_frame
from impactchain._result_json import json_ready
from impactchain._rows import Rows

ROOT = Path(__file__).resolve().parents[2]
MODELS = sorted((ROOT / "examples" / "data").glob("*.yaml"))
TABLES = ("outcomes", "yearly", "by_stakeholder", "by_funder", "ledger")


def _two_parties() -> ic.Model:
    """The "Two parties" model of docs/value.md: an outcome split between two beneficiaries."""
    return ic.loads(yaml_block("value.md", "name: Two parties"), format="yaml")


@pytest.fixture(params=[*MODELS, "two parties"], ids=lambda p: getattr(p, "stem", p))
def model(request):
    return _two_parties() if request.param == "two parties" else ic.load(request.param)


def test_the_tables_are_rows_until_read(model):
    r = ic.value(model)
    assert type(r)._lazy_tables == TABLES
    assert all(isinstance(vars(r)[name], Rows) for name in TABLES)
    frame = r.outcomes
    assert isinstance(frame, pd.DataFrame) and r.outcomes is frame  # built once, then kept
    assert isinstance(vars(r)["outcomes"], pd.DataFrame) and isinstance(vars(r)["yearly"], Rows)


def test_a_table_read_is_the_dataframe_of_its_rows(model):
    r = ic.value(model)
    rows = {name: vars(r)[name] for name in TABLES}
    for name in TABLES:
        frame = getattr(r, name)
        assert type(frame) is pd.DataFrame
        assert list(frame.columns) == list(rows[name].columns)
        assert isinstance(frame.index, pd.RangeIndex) and len(frame) == len(rows[name])
        assert frame.to_dict("records") == [dict(row) for row in rows[name].rows]
        assert json_ready(frame) == json_ready(rows[name]), name
    numbers = r.outcomes.select_dtypes("number").columns
    assert {"present_value", "impact", "deadweight"} <= set(numbers)
    assert r.outcomes["negative"].dtype == bool


def test_summary_repr_and_json_are_the_same_before_and_after_reading(model):
    unread, read = ic.value(model), ic.value(model)
    for name in TABLES:
        getattr(read, name)
    assert str(unread.summary()) == str(read.summary())
    assert unread._repr_html_() == read._repr_html_()
    assert repr(unread) == repr(read)
    assert unread.to_dict() == read.to_dict()
    json.dumps(unread.to_dict(), allow_nan=False)
    assert all(isinstance(vars(unread)[name], Rows) for name in TABLES), "summary and to_dict read the rows"


def test_equal_pickle_copy_and_replace_with_tables_not_read(model):
    r = ic.value(model)
    assert r == ic.value(model)
    blob = pickle.dumps(r)  # the pickle holds DataFrames, as before: earlier releases read it
    again = pickle.loads(blob)
    assert all(type(vars(again)[name]) is pd.DataFrame for name in TABLES)
    assert again == r and again == ic.value(model)
    fresh = ic.value(model)
    assert copy.deepcopy(fresh) == r and copy.copy(ic.value(model)) == r
    changed = dataclasses.replace(ic.value(model), currency="XYZ")
    assert changed.currency == "XYZ" and changed.outcomes.equals(r.outcomes)


def test_the_tables_out_and_the_table_property_do_not_need_a_table_read(model):
    unread, read = ic.value(model), ic.value(model)
    for name in TABLES:
        getattr(read, name)
    out, expected = unread.to_tables(), read.to_tables()
    assert out.keys() == expected.keys()
    assert all(out[k].equals(expected[k]) for k in out)
    assert ic.value(model).table.equals(read.outcomes.set_index("name"))


def test_a_table_stays_read_only():
    r = ic.value(MODELS[0])
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.outcomes = r.outcomes  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del r.yearly  # type: ignore[misc]


def test_a_pickled_table_of_an_earlier_release_still_finds_its_class():
    """``r.table`` pickled by an earlier release names ``impactchain._result.TableFrame``."""
    assert _result.TableFrame is _table_frame.TableFrame
    table = ic.value(MODELS[0]).table
    assert pickle.loads(pickle.dumps(table)).equals(table)
