"""The documentation's model files are real: every YAML block in docs/ that is a whole
model (it starts with `impactchain:`) loads through the loader and satisfies the JSON
Schema, so the docs cannot drift from the loader unnoticed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

import impactchain as ic

DOCS = Path(__file__).resolve().parents[2] / "docs"
BLOCK = re.compile(r"^```yaml\n(.*?)^```", re.S | re.M)


def _model_blocks() -> list[tuple[str, str]]:
    out = []
    for page in sorted(DOCS.glob("*.md")):
        for k, text in enumerate(BLOCK.findall(page.read_text(encoding="utf-8"))):
            if text.lstrip().startswith(("impactchain:", "# ")) and "\nchain:" in "\n" + text:
                out.append((f"{page.name}#{k}", text))
    return out


BLOCKS = _model_blocks()


def test_the_docs_hold_whole_models():
    assert {name.split("#")[0] for name, _ in BLOCKS} >= {"model-file.md", "tutorial.md"}


@pytest.mark.parametrize("name,text", BLOCKS, ids=[n for n, _ in BLOCKS])
def test_docs_model_loads_and_matches_the_schema(name, text):
    jsonschema = pytest.importorskip("jsonschema")
    model = ic.loads(text, format="yaml", source=name)
    assert model.chain.nodes
    schema = json.loads((DOCS / "model.schema.json").read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(yaml.safe_load(text)))
    assert not errors, f"{name}: {errors[0].message}"


def test_model_file_page_python_block_runs(tmp_path, monkeypatch):
    """The Python block of docs/model-file.md runs as written, from a folder holding the
    examples (it reads examples/data/minimal.yaml and writes copy.json there)."""
    import shutil

    blocks = re.findall(r"^```python\n(.*?)^```", (DOCS / "model-file.md").read_text(encoding="utf-8"), re.S | re.M)
    assert len(blocks) == 1
    shutil.copytree(DOCS.parent / "examples" / "data", tmp_path / "examples" / "data")
    monkeypatch.chdir(tmp_path)
    scope: dict = {}
    exec(compile(blocks[0], "docs/model-file.md", "exec"), scope)
    model = scope["model"]
    assert model.source_path == str((tmp_path / "examples" / "data" / "minimal.yaml").resolve())
    assert model.read_warnings == []
    assert ic.load("copy.json") == model


def test_the_tutorials_model_is_as_long_as_the_readme_and_tutorial_say():
    tutorial = (DOCS / "tutorial.md").read_text(encoding="utf-8")
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    first = re.search(r"^```yaml\n(.*?)^```", tutorial, re.S | re.M)
    assert first is not None
    lines = len(first.group(1).splitlines())
    said = {int(n) for n in re.findall(r"(?i)from a (\d+)-line model file", tutorial + readme)}
    assert said == {lines}
