"""Writing of the output rule (:mod:`impactchain._output`): every file of a plan written to a
temporary beside it, then all renamed over their targets, or none."""

from __future__ import annotations

import errno
import os
import secrets
import stat
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Callable, Optional, Union

from impactchain._output_plan import OutputPlan, WriteError, _check_output_file, _check_plan


def _write_bytes(fd: int, data: bytes) -> None:
    """Writes all of ``data`` to the file descriptor."""
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022  # the usual umask where /proc is absent


def _make_dirs(directory: Path) -> list[Path]:
    """Creates the missing directories, outermost first; returns those it created."""
    missing = []
    d = directory
    while not d.exists():
        missing.append(d)
        d = d.parent
    created = []
    for m in reversed(missing):
        m.mkdir()
        created.append(m)
    return created


def _remove(paths: Iterable[Path]) -> None:
    for p in paths:
        Path(p).unlink(missing_ok=True)


def _remove_dirs(created: list[Path]) -> None:
    for d in reversed(created):
        try:
            d.rmdir()
        except OSError:
            break


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # file systems that cannot sync a directory; the files themselves are synced
    finally:
        os.close(fd)


def _write_temp(path: Path, data: bytes, mode: int) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        try:
            _write_bytes(fd, data)
            os.fsync(fd)
            os.fchmod(fd, mode)
        finally:
            os.close(fd)
    except BaseException:
        os.unlink(tmp)
        raise
    return Path(tmp)


def _commit(pairs: list[tuple[Path, Path]]) -> None:
    """Renames every temporary over its target; on a failure puts back what was there."""
    backups: dict[Path, Optional[Path]] = {}
    done: list[Path] = []
    try:
        for tmp, path in pairs:
            if os.path.lexists(path):
                bak = path.parent / f".{path.name}.{secrets.token_hex(6)}.bak"
                try:
                    os.link(path, bak)
                    backups[path] = bak
                except OSError:
                    backups[path] = None  # no hard links here: the old file cannot be kept for a roll-back
            else:
                backups[path] = None
            os.replace(tmp, path)
            done.append(path)
    except BaseException:
        for path in reversed(done):
            backup = backups.get(path)
            try:
                if backup is not None:
                    os.replace(backup, path)
                else:
                    os.unlink(path)
            except OSError:
                pass
        raise
    finally:
        _remove(b for b in backups.values() if b is not None)


def write_all(
    plan: OutputPlan,
    contents: Mapping[str, Union[bytes, str]],
    *,
    progress: Optional[Callable[[str], None]] = None,
) -> list[Path]:
    """Writes ``contents[fmt]`` (text is UTF-8 encoded) to each file of the plan, all or none.

    The plan is checked again just before writing. Returns the paths written.
    Raises :class:`OutputError` for a path that became unusable, :class:`WriteError`
    (an ``OSError``) when writing fails; in both cases nothing is left behind.
    """
    missing = [f for f in plan.formats if f not in contents]
    extra = [f for f in contents if f not in plan.formats]
    if missing or extra:
        raise ValueError(f"write_all: contents do not match the plan (missing {missing}, not planned {extra})")
    _check_plan(plan)
    umask = _umask()
    temps: list[tuple[Path, Path]] = []
    created: list[Path] = []
    current = plan.directory
    try:
        created = _make_dirs(plan.directory)
        for sub in sorted({p.parent for p in plan.paths if p.parent != plan.directory}):
            if plan.directory in sub.parents:  # a folder of the run's own inside its directory (tables/)
                created += _make_dirs(sub)
        for fmt, path in plan.files:
            current = path
            data = contents[fmt]
            raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
            try:
                mode = stat.S_IMODE(os.stat(path).st_mode)
            except FileNotFoundError:
                mode = 0o666 & ~umask
            temps.append((_write_temp(path, raw, mode), path))
        for _, path in plan.files:  # nothing may have appeared at a path while writing
            current = path
            _check_output_file(path, plan.inputs)
        current = plan.directory
        _commit(temps)
        for d in {p.parent for p in plan.paths}:
            _fsync_dir(d)
    except BaseException as e:
        _remove(t for t, _ in temps)
        _remove_dirs(created)
        if isinstance(e, OSError) and not isinstance(e, WriteError):
            why = e.strerror or str(e)
            raise WriteError(
                e.errno or errno.EIO,
                f"cannot write {current}: {why}; nothing was written and earlier files are unchanged",
            ) from e
        raise
    say = progress or (lambda _msg: None)
    for p in plan.paths:
        say(f"wrote {p}")
    return plan.paths
