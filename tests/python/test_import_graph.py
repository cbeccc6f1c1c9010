"""The package's imports.

- No import circle in python/impactchain: the modules' top-level imports (those under
  ``if TYPE_CHECKING:`` included; imports inside functions are deferred and not counted)
  form a graph without cycles, so every module can be read on its own.
- Start-up: ``import impactchain``, ``impactchain validate`` (with or without its data checks)
  and ``impactchain value`` (text and ``--json``) load none of the heavy libraries (pandas,
  pyarrow, matplotlib, Babel, the report stack): a valuation's tables become DataFrames when
  first read; ``validate`` reads a survey file with the csv module (a workbook with openpyxl alone). Every public name is still ``impactchain.X``,
  imported on first use. Start-up times are measured in bench/bench_startup.py, not here.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import impactchain as ic

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "python" / "impactchain"
MINIMAL = ROOT / "examples" / "data" / "minimal.yaml"
#: Libraries that take tenths of a second to import and are imported on first use.
HEAVY = ("pandas", "pyarrow", "matplotlib", "jinja2", "babel", "weasyprint", "openpyxl", "scipy")
MODULES = {p.stem for p in PKG.glob("*.py")} - {"__init__", "__main__"}


def _imports(path: Path) -> set[str]:
    """The package's modules that ``path`` imports at module level."""
    out: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                continue
            if isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                parts = child.module.split(".")
                if parts[0] == "impactchain":
                    if len(parts) == 1:
                        out.update(a.name for a in child.names)
                    else:
                        out.add(parts[1])
            elif isinstance(child, ast.ImportFrom) and child.level == 1:
                out.update([child.module.split(".")[0]] if child.module else [a.name for a in child.names])
            elif isinstance(child, ast.Import):
                out.update(a.name.split(".")[1] for a in child.names if a.name.startswith("impactchain."))
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return out & MODULES


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph (as a path that returns to its start), or None."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        path.append(n)
        for m in sorted(graph[n]):
            if state.get(m) == 1:
                return path[path.index(m) :] + [m]
            if m not in state:
                found = visit(m)
                if found:
                    return found
        path.pop()
        state[n] = 2
        return None

    for n in sorted(graph):
        if n not in state:
            found = visit(n)
            if found:
                return found
    return None


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_the_graph_sees_type_checking_imports(tmp_path):
    f = tmp_path / "m.py"
    f.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from impactchain.report import Report\n"
        "def g():\n    from impactchain import plots\n",
        encoding="utf-8",
    )
    assert _imports(f) == {"report"}


def test_no_import_circle_in_the_package():
    graph = {m: _imports(PKG / f"{m}.py") for m in MODULES}
    assert graph["report"], "the walk found no imports at all"
    cycle = _cycle(graph)
    assert cycle is None, "import circle: " + " -> ".join(cycle or [])


# --------------------------------------------------------------------------- start-up
def _loaded_after(code: str) -> dict:
    """What a fresh interpreter prints after running ``code``: the heavy libraries among its
    modules (``heavy``) and whatever ``code`` put in ``out``."""
    probe = (
        "import json, sys\nout = None\n"
        + code
        + f"\nheavy = sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))"
        + "\nprint(json.dumps({'heavy': heavy, 'out': out}))"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=os.environ.copy(), check=False, timeout=120
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.splitlines()[-1])


def test_the_probe_sees_a_heavy_import():
    assert _loaded_after("import matplotlib")["heavy"] == ["matplotlib"]


def test_import_impactchain_loads_no_heavy_library():
    assert _loaded_after("import impactchain")["heavy"] == []


def test_validate_loads_no_heavy_library():
    """Checking the model file alone (--no-data) needs no heavy library, nor does checking its
    survey files: read with the csv module, what was detected said in words from gettext."""
    got = _loaded_after(f"from impactchain.cli import main\nout = main(['validate', '--no-data', {str(MINIMAL)!r}])")
    assert got == {"heavy": [], "out": 0}
    got = _loaded_after(f"from impactchain.cli import main\nout = main(['validate', {str(MINIMAL)!r}])")
    assert got == {"heavy": [], "out": 0}


def test_validate_reads_a_workbook_without_pandas(tmp_path):
    """A survey in an .xlsx workbook is read with openpyxl alone: its cells become plain columns,
    as a CSV's do, and the checks run without pandas."""
    import csv

    import openpyxl

    with open(ROOT / "examples" / "data" / "surveys" / "market_cleaning.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append([float(v) if v.replace(".", "", 1).isdigit() else v for v in row])
    (tmp_path / "surveys").mkdir()
    wb.save(tmp_path / "surveys" / "market_cleaning.xlsx")
    model = tmp_path / "minimal.yaml"
    text = MINIMAL.read_text(encoding="utf-8")
    assert "surveys/market_cleaning.csv" in text
    model.write_text(text.replace("surveys/market_cleaning.csv", "surveys/market_cleaning.xlsx"), encoding="utf-8")
    got = _loaded_after(f"from impactchain.cli import main\nout = main(['validate', {str(model)!r}])")
    assert got == {"heavy": ["openpyxl"], "out": 0}


@pytest.mark.parametrize("json_out", [False, True], ids=["text", "json"])
def test_value_loads_no_heavy_library(json_out):
    """The summary and the JSON are written from the valuation's rows: its tables become
    DataFrames (and pandas is imported) only when a user reads one."""
    argv = ["value", *(["--json"] if json_out else []), str(MINIMAL)]
    got = _loaded_after(f"from impactchain.cli import main\nout = main({argv!r})")
    assert got == {"heavy": [], "out": 0}


def test_a_value_result_imports_pandas_when_a_table_is_read():
    code = f"import impactchain as ic\nr = ic.value({str(MINIMAL)!r})\nrepr(r), str(r.summary()), r.to_dict()\n"
    code += "out = ['pandas' in sys.modules]\nout.append(type(r.outcomes).__name__)"
    got = _loaded_after(code)
    assert got["out"] == [False, "DataFrame"] and "pandas" in got["heavy"]


@pytest.mark.parametrize(
    "argv", [["value"], ["value", "--json"], ["validate", "--no-data"], ["validate"]], ids=" ".join
)
def test_python_m_impactchain_imports_no_heavy_library(argv):
    """``python -m impactchain`` (the module, as a user may run it) on the minimal model:
    ``-X importtime`` lists every module the process imported."""
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "impactchain", *argv, str(MINIMAL)],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        check=False,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")}
    assert "impactchain.cli" in imported, "the probe saw no imports"
    assert sorted({m.split(".")[0] for m in imported} & set(HEAVY)) == []


def test_a_model_is_shown_without_loading_pandas_until_its_html_card():
    code = f"import impactchain as ic\nm = ic.load({str(MINIMAL)!r})\nout = [repr(m)]\nimport sys\n"
    code += "out.append('pandas' in sys.modules)\nout.append(m._repr_html_()[:1])"
    got = _loaded_after(code)
    assert got["out"][0].startswith("<Model ") and got["out"][1:] == [False, "<"]


def test_every_public_name_is_reachable_and_listed():
    assert set(ic.__all__) <= set(dir(ic))
    assert set(ic._LAZY) | {"__version__"} <= set(ic.__all__)
    for name in ic.__all__:
        assert getattr(ic, name) is not None, name
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        ic.no_such_name  # noqa: B018


def test_a_function_keeps_its_name_when_its_module_is_imported_first():
    """``value``, ``compare`` and ``composite`` name a function and its module: importing the
    module (as the CLI does) before the name is read must not put the module in its place."""
    code = "import impactchain.value, impactchain.compare, impactchain.composite\nimport impactchain as ic\n"
    code += "out = [type(ic.value).__name__, type(ic.compare).__name__, type(ic.composite).__name__]"
    assert _loaded_after(code)["out"] == ["function", "function", "function"]


def test_the_lazy_table_matches_the_type_checking_imports():
    """Type checkers read the names from the ``if TYPE_CHECKING:`` imports of __init__.py,
    the interpreter from ``_LAZY_MODULES``: both must list the same names from the same modules."""
    tree = ast.parse((PKG / "__init__.py").read_text(encoding="utf-8"))
    block = [n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "_typing.TYPE_CHECKING"]
    assert len(block) == 1, "__init__.py should hold one `if _typing.TYPE_CHECKING:` block"
    imported = {
        n.module: tuple(a.name for a in n.names) for n in block[0].body if isinstance(n, ast.ImportFrom) and n.module
    }
    assert imported == ic._LAZY_MODULES


def test_a_portfolio_on_local_threads_never_imports_dask():
    """Dask is an optional extra: only a run given a client (or --scheduler, --local-cluster) imports it."""
    example = ROOT / "examples" / "data" / "portfolio" / "portfolio.yaml"
    code = (
        "import impactchain as ic\n"
        f"r = ic.evaluate_portfolio({str(example)!r}, draws=100, seed=1, threads=1)\n"
        "out = [len(r.members), sorted({m.split('.')[0] for m in sys.modules} & {'dask', 'distributed'})]"
    )
    assert _loaded_after(code)["out"] == [10, []]
