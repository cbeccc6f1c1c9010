"""The interface file _core.pyi (PEP 484 declarations of the compiled module) declares every public
name of impactchain._core, so type checkers and IDEs see the whole API; the package ships py.typed (PEP 561)."""

from __future__ import annotations

import ast
from pathlib import Path

import impactchain
from impactchain import _core

PYI = Path(__file__).parents[2] / "python" / "impactchain" / "_core.pyi"


def declared_names() -> set[str]:
    tree = ast.parse(PYI.read_text())
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def test_every_public_name_of_core_is_declared_in_the_pyi():
    public = {n for n in dir(_core) if not n.startswith("_")}
    missing = sorted(public - declared_names())
    assert not missing, f"_core.pyi lacks {missing}; regenerate it (docs/architecture.md, 'Type declarations')"


def test_package_is_typed():
    assert (Path(impactchain.__file__).parent / "py.typed").exists() or (PYI.parent / "py.typed").exists()
