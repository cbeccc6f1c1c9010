"""Model files: load JSON or YAML, validate in the C++ core, save.

YAML is parsed safely (no tags that construct objects, no implicit dates,
duplicate keys refused) and handed to the same C++ validation as JSON, so both
languages accept and reject exactly the same files. Errors carry the path
inside the file (``chain.nodes[3].rate.triangular``) and, where known, the line.
"""
from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any, Union

import yaml

from impactchain._core import Model, ValidationError, parse_model

__all__ = ["load", "loads", "save", "ModelFileError"]

PathLike = Union[str, Path]


class ModelFileError(ValidationError):
    """A model file could not be read; ``issues`` lists (path, message) pairs
    and ``lines`` the line number of each issue (None where unknown)."""


class _SafeLoader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps and with duplicate keys refused."""


# Dates stay strings: `2024-01-01` is not turned into a datetime.
_SafeLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first on line {seen[key] + 1})", key_node.start_mark
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_SafeLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _line_map(text: str) -> dict[str, int]:
    """Path inside the document -> 1-based line, from the YAML node tree
    (JSON is YAML too). Empty when the text cannot be composed."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    lines: dict[str, int] = {}

    def walk(node: yaml.Node, path: str) -> None:
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                key = str(k.value)
                p = f"{path}.{key}" if path else key
                lines[p] = k.start_mark.line + 1
                walk(v, p)
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                walk(v, f"{path}[{i}]")

    if root is not None:
        walk(root, "")
    return lines


def _line_for(path: str, lines: dict[str, int]) -> int | None:
    """Line of the longest known prefix of `path`."""
    p = path
    while p:
        if p in lines:
            return lines[p]
        cut = max(p.rfind("."), p.rfind("["))
        p = p[:cut] if cut > 0 else ""
    return lines.get("")


def _nonfinite(obj: Any, path: str = "") -> str | None:
    if isinstance(obj, float) and not math.isfinite(obj):
        return path or "(top level)"
    if isinstance(obj, dict):
        for k, v in obj.items():
            hit = _nonfinite(v, f"{path}.{k}" if path else str(k))
            if hit:
                return hit
    if isinstance(obj, list):
        for i, v in enumerate(obj):
            hit = _nonfinite(v, f"{path}[{i}]")
            if hit:
                return hit
    return None


def _fail(source: str, issues: list[tuple[str, str]], lines: dict[str, int]) -> ModelFileError:
    where = [_line_for(p, lines) if p else None for p, _ in issues]
    text = "\n".join(
        f"{source}{f':{ln}' if ln else ''}: {p + ': ' if p else ''}{m}" for (p, m), ln in zip(issues, where)
    )
    n = len(issues)
    err = ModelFileError(f"{n} problem{'s' if n != 1 else ''} in {source}:\n{text}")
    err.issues = list(issues)
    err.lines = where
    return err


def _is_json(text: str, fmt: str | None) -> bool:
    if fmt is not None:
        if fmt not in ("json", "yaml"):
            raise ValueError(f"format must be 'json' or 'yaml', got {fmt!r}")
        return fmt == "json"
    return text.lstrip().startswith("{")


def loads(text: str, format: str | None = None, *, source: str = "<string>") -> Model:
    """Parses model-file text (JSON or YAML; guessed when ``format`` is None)."""
    lines = _line_map(text)
    if _is_json(text, format):
        json_text = text
    else:
        try:
            data = yaml.load(text, Loader=_SafeLoader)  # noqa: S506 - _SafeLoader is a SafeLoader
        except yaml.constructor.ConstructorError as e:
            mark = e.problem_mark
            msg = e.problem or str(e)
            if "could not determine a constructor" in msg:
                tag = re.search(r"tag '([^']*)'", msg)
                msg = f"tag {tag.group(1) if tag else ''!s} is not allowed in model files (only plain data)"
            raise _fail(source, [("", f"line {mark.line + 1}: {msg}" if mark else msg)], {}) from None
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
            raise _fail(source, [("", f"{where}{getattr(e, 'problem', None) or e}")], {}) from None
        if data is None:
            raise _fail(source, [("", "the file is empty")], {})
        bad = _nonfinite(data)
        if bad:
            raise _fail(source, [(bad, "expected a finite number")], lines)
        json_text = json.dumps(data)
    try:
        model = parse_model(json_text)
    except ValidationError as e:
        raise _fail(source, list(getattr(e, "issues", [("", str(e))])), lines) from None
    return model


def load(path: PathLike) -> Model:
    """Loads a model file (``.json``, ``.yaml`` or ``.yml``) and validates it.

    Raises ``ModelFileError`` (a ``ValidationError``, itself a ``ValueError``)
    listing every problem with its path in the file and its line.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as e:
        raise FileNotFoundError(f"cannot read model file '{p}': {e.strerror}") from None
    except UnicodeDecodeError as e:
        raise ModelFileError(f"{p}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    suffix = p.suffix.lower()
    fmt = "json" if suffix == ".json" else "yaml" if suffix in (".yaml", ".yml") else None
    model = loads(text, fmt, source=str(p))
    model.source_path = str(p.resolve())
    return model


def save(model: Model, path: PathLike) -> Path:
    """Writes the model as JSON (``.json``) or YAML (``.yaml``/``.yml``)."""
    p = Path(path)
    data = model.to_dict()
    if p.suffix.lower() == ".json":
        p.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    elif p.suffix.lower() in (".yaml", ".yml"):
        p.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    else:
        raise ValueError(f"cannot tell the format of '{p}': use a .json, .yaml or .yml suffix")
    return p


def base_dir(model: Model) -> Path:
    """Directory that data paths of the model are relative to (the model
    file's directory; the working directory for models not read from a file)."""
    src = getattr(model, "source_path", None)
    return Path(src).parent if src else Path.cwd()
