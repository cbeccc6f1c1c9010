"""No import circle in python/impactchain: the modules' top-level imports (those under
``if TYPE_CHECKING:`` included; imports inside functions are deferred and not counted)
form a graph without cycles, so every module can be read on its own."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[2] / "python" / "impactchain"
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
