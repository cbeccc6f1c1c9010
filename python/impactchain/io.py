"""Model files: load JSON or YAML, validate in the C++ core, save.

Both formats are parsed by the C++ core (``_core.parse_model``), one bounded
parser with the same limits and rules as C++ tools: plain data only (no tags),
duplicate keys refused, numbers in JSON's form, aliases shared and budgeted.
Errors carry the path inside the file (``chain.nodes[3].rate.triangular``) and
its line and column.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path
from typing import Any, Union

import yaml

from impactchain._core import Model, ValidationError, model_file_limits, parse_model
from impactchain._file_places import place_suffix

__all__ = ["load", "loads", "save", "ModelFileError"]

PathLike = Union[str, "os.PathLike[str]"]


class ModelFileError(ValidationError):
    """A model file could not be read; ``issues`` lists (path, message) pairs,
    ``lines`` and ``columns`` the 1-based position of each issue (None where
    unknown)."""


def _fail(source: str, issues: list[tuple[str, str]], lines: list[Any], columns: list[Any]) -> ModelFileError:
    text = "\n".join(
        f"{source}{place_suffix(ln, col)}: {p + ': ' if p else ''}{m}"
        for (p, m), ln, col in zip(issues, lines, columns)
    )
    n = len(issues)
    err = ModelFileError(f"{n} problem{'s' if n != 1 else ''} in {source}:\n{text}")
    err.issues = list(issues)
    err.lines = list(lines)
    err.columns = list(columns)
    return err


def _from_core(source: str, e: ValidationError) -> ModelFileError:
    issues = list(getattr(e, "issues", [("", str(e))]))
    lines = list(getattr(e, "lines", [None] * len(issues)))
    columns = list(getattr(e, "columns", [None] * len(issues)))
    return _fail(source, issues, lines, columns)


def guess_format(text: str | bytes) -> str:
    """The format of model-file text given without one: JSON when it starts with ``{``, else YAML."""
    start = text.lstrip()[:1]
    return "json" if start in ("{", b"{") else "yaml"


def _format(text: str | bytes, fmt: str | None) -> str:
    if fmt is not None:
        if fmt not in ("json", "yaml"):
            raise ValueError(f"format must be 'json' or 'yaml', got {str(fmt)[:20]!r}")
        return fmt
    return guess_format(text)


def loads(
    text: str | bytes, format: str | None = None, *, source: str = "<string>", source_path: str | None = None
) -> Model:
    """Parses model-file text (JSON or YAML; guessed when ``format`` is None:
    JSON when it starts with ``{``). ``source`` names the text in messages;
    ``source_path`` becomes the model's ``source_path`` (data paths are
    relative to its folder)."""
    try:
        return parse_model(text, _format(text, format), source_path or "")
    except ValidationError as e:
        raise _from_core(source, e) from None


def load(path: PathLike) -> Model:
    """Loads a model file (``.json``, ``.yaml`` or ``.yml``) and validates it.

    Refuses what is not a regular file (a directory, device or pipe) and files
    larger than ``model_file_limits['max_file_bytes']`` before reading them.
    Raises ``ModelFileError`` (a ``ValidationError``, itself a ``ValueError``)
    listing every problem with its path in the file, line and column.
    """
    return _load_shown(Path(path), str(Path(path)))


def _load_shown(p: Path, shown: str) -> Model:
    """:func:`load`, its messages naming the file ``shown`` (a portfolio names a member's file as
    its own file writes it, while reading it by its whole path)."""
    try:
        st = os.stat(p)
    except OSError as e:
        raise FileNotFoundError(f"cannot read model file '{shown}': {e.strerror}") from None
    if not stat.S_ISREG(st.st_mode):
        raise _fail(
            shown,
            [("", "not a regular file (a directory, device or pipe); a model file must be a file")],
            [None],
            [None],
        )
    limit = model_file_limits["max_file_bytes"]
    if st.st_size > limit:
        raise _fail(
            shown,
            [("", f"the file is larger than {limit} bytes (limit max_file_bytes), got {st.st_size}")],
            [None],
            [None],
        )
    try:
        with open(p, "rb") as f:
            data = f.read(limit + 1)
    except OSError as e:
        raise FileNotFoundError(f"cannot read model file '{shown}': {e.strerror}") from None
    if len(data) > limit:
        raise _fail(shown, [("", f"the file is larger than {limit} bytes (limit max_file_bytes)")], [None], [None])
    suffix = p.suffix.lower()
    fmt = "json" if suffix == ".json" else "yaml" if suffix in (".yaml", ".yml") else None
    return loads(data, fmt, source=shown, source_path=str(p.resolve()))


class _Dumper(yaml.SafeDumper):
    """SafeDumper that quotes every string the model-file reader could take for
    something else (a number in JSON's form such as 1e5, forms it refuses such
    as 08 or 1:30, yes/no/on/off), so that a saved file loads back equal."""


_NUMBERISH = re.compile(r"[-+.0-9][0-9A-Za-z_.:+-]*")
_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "~", ""}


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if _NUMBERISH.fullmatch(value) or value.lower() in _WORDS:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="'")
    return dumper.represent_str(value)


_Dumper.add_representer(str, _represent_str)


def save(model: Model, path: PathLike) -> Path:
    """Writes the model as JSON (``.json``) or YAML (``.yaml``/``.yml``), by the
    file-writing rule of every output (docs/limits-and-safety.md): replaced
    atomically, never through a link or onto a device."""
    from impactchain._output import plan_outputs, write_all

    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in (".json", ".yaml", ".yml"):
        raise ValueError(f"cannot tell the format of '{p}': use a .json, .yaml or .yml suffix")
    if p.is_dir() or os.fspath(path).endswith(("/", os.sep)):
        raise ValueError(f"'{p}' is a directory: give the model file's name")
    data = model.to_dict()
    if suffix == ".json":
        fmt, text = "json", json.dumps(data, indent=2) + "\n"
    else:
        fmt, text = "yaml", yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True)
    plan = plan_outputs(p, available=(fmt,), default_dir=p.parent, what="a model file")
    write_all(plan, {fmt: text})
    return p


def base_dir(model: Model) -> Path:
    """Directory that data paths of the model are relative to (the model
    file's directory; the working directory for models not read from a file)."""
    src = model.source_path
    return Path(src).parent if src else Path.cwd()
