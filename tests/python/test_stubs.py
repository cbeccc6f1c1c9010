"""The type stubs (_core.pyi) cover the compiled module, so type checkers see every public name."""
from __future__ import annotations

import ast
from pathlib import Path

import impactchain
from impactchain import _core

STUB = Path(__file__).parents[2] / "python" / "impactchain" / "_core.pyi"


def stub_names() -> set[str]:
    tree = ast.parse(STUB.read_text())
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def test_every_public_name_of_core_has_a_stub():
    public = {n for n in dir(_core) if not n.startswith("_")}
    missing = sorted(public - stub_names())
    assert not missing, f"_core.pyi lacks {missing}; regenerate it (docs/architecture.md, 'Type stubs')"


def test_package_is_typed():
    assert (Path(impactchain.__file__).parent / "py.typed").exists() or (STUB.parent / "py.typed").exists()
