"""Planning of the output rule (:mod:`impactchain._output`): the formats, the checks of every
output path before any work is done, and :func:`plan_outputs`."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

PathLike = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True)
class Format:
    """An output format: its name (as in ``--format``), extensions and label."""

    name: str
    extensions: tuple[str, ...]
    label: str

    @property
    def extension(self) -> str:
        return self.extensions[0]


#: Every output format impactchain knows; which ones a command writes is its own list.
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("html", (".html", ".htm"), "HTML"),
        Format("md", (".md", ".markdown"), "Markdown"),
        Format("json", (".json",), "JSON"),
        Format("yaml", (".yaml", ".yml"), "YAML"),
        Format("csv", (".csv",), "CSV"),
        Format("xlsx", (".xlsx",), "Excel"),
        Format("pdf", (".pdf",), "PDF"),
        Format("cids", (".jsonld",), "CIDS JSON-LD"),
    )
}


class OutputError(ValueError):
    """An output path or format that cannot be used; raised before any work is done."""


class WriteError(OSError):
    """Writing the outputs failed (disk full, permission denied …); nothing was left behind."""

    def __str__(self) -> str:
        return str(self.strerror)


@dataclass(frozen=True)
class OutputPlan:
    """The files one run will write: ``files`` pairs each format with its path, in order."""

    directory: Path
    files: tuple[tuple[str, Path], ...]
    inputs: tuple[Path, ...] = field(default_factory=tuple)

    @property
    def formats(self) -> tuple[str, ...]:
        return tuple(f for f, _ in self.files)

    @property
    def paths(self) -> list[Path]:
        return [p for _, p in self.files]

    def with_inputs(self, inputs: Iterable[PathLike]) -> OutputPlan:
        """The same plan with more input files, checked against every output path."""
        plan = OutputPlan(self.directory, self.files, self.inputs + tuple(Path(p) for p in inputs))
        _check_plan(plan)
        return plan


# --------------------------------------------------------------------------- formats


def _names(available: Sequence[str]) -> str:
    return ", ".join(available)


def _check_format(name: str, available: Sequence[str], what: str) -> str:
    key = name.strip().lower()
    if key in available:
        return key
    if key in FORMATS:
        raise OutputError(
            f"{FORMATS[key].label} output is not available in this version; "
            f"{what} can be written as: {_names(available)}"
        )
    raise OutputError(f"unknown format '{name.strip()}'; {what} can be written as: {_names(available)}")


def parse_formats(
    formats: Union[str, Iterable[str]], available: Sequence[str], what: str = "the report"
) -> tuple[str, ...]:
    """``"html,md"`` or ``["html", "md"]`` as a tuple of format names, each one
    the command can write; repeated names count once."""
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    out: list[str] = []
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise OutputError(f"empty format name in the format list; {what} can be written as: {_names(available)}")
        key = _check_format(item, available, what)
        if key not in out:
            out.append(key)
    if not out:
        raise OutputError(f"no format given; {what} can be written as: {_names(available)}")
    return tuple(out)


def _format_of(path: Path, available: Sequence[str], what: str) -> str:
    suffix = path.suffix.lower()
    for f in FORMATS.values():
        if suffix in f.extensions:
            return _check_format(f.name, available, what)
    exts = ", ".join(FORMATS[a].extension for a in available)
    found = f"the extension '{path.suffix}' names no format" if path.suffix else "the file name has no extension"
    raise OutputError(
        f"{path}: {found}; {what} can be written as {exts}, or give a directory (ending in '/') for several files"
    )


# --------------------------------------------------------------------------- checks


def _check_output_file(path: Path, inputs: Sequence[Path]) -> None:
    """Refuses a link, a non-regular file, or an input of this run at ``path``."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    except NotADirectoryError:
        raise OutputError(f"{path}: a part of the path is a file, not a directory") from None
    if stat.S_ISLNK(st.st_mode):
        raise OutputError(
            f"{path}: is a symbolic link; impactchain does not write through links (give the path of the file itself)"
        )
    if stat.S_ISDIR(st.st_mode):
        raise OutputError(f"{path}: is a directory where a file is to be written")
    if not stat.S_ISREG(st.st_mode):
        raise OutputError(f"{path}: is not a regular file (a device, pipe or socket); refusing to write to it")
    for inp in inputs:
        try:
            same = os.path.samefile(path, inp)
        except OSError:
            same = False
        if same:
            raise OutputError(
                f"{path}: is an input of this run ({inp}); refusing to overwrite it, choose another output name"
            )


def _check_directory(directory: Path) -> None:
    """The directory exists, or can be created: its nearest existing ancestor is a writable directory."""
    d = directory
    while True:
        try:
            st = os.stat(d)
        except FileNotFoundError:
            if d.parent == d:
                raise OutputError(f"{directory}: no part of the path exists") from None
            d = d.parent
            continue
        except NotADirectoryError:
            raise OutputError(f"{directory}: a part of the path is a file, not a directory") from None
        break
    if not stat.S_ISDIR(st.st_mode):
        raise OutputError(
            f"{d}: is not a directory"
            if d == directory
            else f"{directory}: cannot create the directory: {d} is not a directory"
        )
    if not os.access(d, os.W_OK | os.X_OK):
        raise OutputError(f"{d}: permission denied (cannot write in this directory)")


def _check_plan(plan: OutputPlan) -> None:
    _check_directory(plan.directory)
    for _, p in plan.files:
        _check_output_file(p, plan.inputs)


def _is_directory_target(target: str, path: Path) -> bool:
    if target.endswith(("/", os.sep)) or (os.altsep and target.endswith(os.altsep)):
        return True
    if path.suffix:
        return os.path.isdir(path) and not os.path.islink(path)
    return not os.path.lexists(path) or (os.path.isdir(path) and not os.path.islink(path))


def plan_outputs(
    target: Optional[PathLike],
    formats: Union[str, Iterable[str], None] = None,
    *,
    available: Sequence[str],
    default_dir: PathLike,
    default_stem: str = "report",
    inputs: Iterable[PathLike] = (),
    what: str = "the report",
    default_formats: Optional[Sequence[str]] = None,
) -> OutputPlan:
    """Decides which files a run writes, or raises :class:`OutputError` saying why it cannot.

    Parameters
    ----------
    target : path or None
        ``-o``: a file (its extension names the format), a directory, or None for ``default_dir``.
    formats : "html,md" or sequence, optional
        Formats for a directory (default: ``default_formats``, else every one of ``available``, in order).
        With a file, only its own format may be named.
    available : the formats the command can write, in their default order.
    default_dir : directory used when ``target`` is None.
    default_stem : file name (without extension) of the files in a directory.
    inputs : files the run reads; none of them may be an output.
    what : how messages name the output ("the report", "the demo report").
    default_formats : what a directory receives when ``formats`` is None (a file
        is still written in the format its extension names, any of ``available``).
    """
    available = tuple(available)
    asked = None if formats is None else parse_formats(formats, available, what)
    ins = tuple(Path(p) for p in inputs)
    if target is None:
        directory = Path(default_dir)
        is_dir = True
    else:
        text = os.fspath(target)
        if not text.strip():
            raise OutputError("the output path is empty")
        directory = Path(text)
        is_dir = _is_directory_target(text, directory)
    if is_dir:
        fmts = asked or tuple(default_formats or available)
        plan = OutputPlan(directory, tuple((f, directory / (default_stem + FORMATS[f].extension)) for f in fmts), ins)
    else:
        path = directory
        _check_output_file(path, ins)  # a device, FIFO or link is refused whatever its name
        fmt = _format_of(path, available, what)
        if asked is not None and asked != (fmt,):
            others = [f for f in asked if f != fmt]
            raise OutputError(
                f"{path}: an output file is written in the one format its extension names ({fmt}); "
                f"the format list also asks for {', '.join(others)}: give a directory (ending in '/') "
                "to write several formats"
            )
        plan = OutputPlan(path.parent, ((fmt, path),), ins)
    _check_plan(plan)
    return plan
