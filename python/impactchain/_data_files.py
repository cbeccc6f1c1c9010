"""The data files a model refers to, before any is read: where a path in a model file
leads (``resolve_data_path``), opening only regular files of bounded size
(``_open_regular``), the error every reader raises (``DataFileError``) and the
escaped excerpts its messages show (``excerpt``, ``columns_excerpt``).

Standard library only: ``impactchain validate`` checks a survey file without pandas."""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Optional, Union

from impactchain._text import for_terminal

#: Largest data file read (bytes); larger files are refused before reading.
MAX_FILE_BYTES = 512 * 1024 * 1024
#: Most data rows ``read_table`` reads into memory (``iter_csv`` has no row ceiling).
MAX_ROWS = 5_000_000
#: Most cells read from one .xlsx sheet.
MAX_XLSX_CELLS = 20_000_000
#: Largest total uncompressed size of the members of an .xlsx file (checked before opening it).
MAX_XLSX_UNCOMPRESSED = 512 * 1024 * 1024
#: Largest compression ratio of an .xlsx member bigger than 1 MiB (a zip bomb compresses far better).
MAX_XLSX_RATIO = 200
#: Characters of a cell shown in a message.
EXCERPT_CHARS = 24

_SYSTEM = ("/proc", "/sys", "/dev")


class DataFileError(ValueError):
    """A data file referenced by a model is unreadable, refused or malformed;
    the message names the file, the row (line of the file, header = 1) and the column."""

    #: Several problems (cells that are not numbers) are one per line, kept so by the command line.
    problems_per_line = True
    #: How many problems the message names (rows refused together count each one).
    count: int = 1
    #: The field the message names first (``soft_outcomes[0].data``: the model file's key whose
    #: path is refused), where the reader was given one; None where the message names none.
    field: Optional[str] = None

    def __init__(self, *args: Any, field: Optional[str] = None) -> None:
        super().__init__(*args)
        if field is not None:
            self.field = field


def excerpt(value: Any, limit: int = EXCERPT_CHARS) -> str:
    """A short, escaped, quoted excerpt of one value for a message."""
    text = for_terminal(value)
    if len(text) > limit:
        text = text[:limit] + "…"
    return repr(text)


def columns_excerpt(header: Sequence[Any], limit: int = 80) -> str:
    """'pre, after' (at most ``limit`` characters, escaped) for 'the file's columns are: …'."""
    text = ", ".join(for_terminal(h).replace("\n", " ") for h in header)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _is_header(header: Sequence[Any]) -> bool:
    """Whether a first row looks like a CSV header worth naming in a message."""
    return 0 < len(header) <= 1000 and all(isinstance(h, str) and 0 < len(h) <= 100 and h.isprintable() for h in header)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def resolve_data_path(
    path: Union[str, Path], base_dir: Union[str, Path], *, allow_outside: bool = False, field: str = "data"
) -> Path:
    """The real path of a data file named in a model file, checked before reading.

    A relative path resolves under ``base_dir`` (the model file's folder). The
    real path (``..`` and symlinks resolved) must lie inside ``base_dir``, and an
    absolute path is refused, unless ``allow_outside``. System files (/proc,
    /sys, /dev), FIFOs, devices, sockets and directories are always refused, as
    are files over ``MAX_FILE_BYTES``. ``field`` names the entry in messages
    (e.g. ``soft_outcomes[0].data``). Raises DataFileError.
    """
    text = str(path)
    shown = excerpt(text, 80)
    if not text.strip() or "\x00" in text:
        raise DataFileError(f"{field}: {shown} is not a file path", field=field)
    folder = Path(os.path.realpath(base_dir))
    given = Path(os.path.expanduser(text)) if text.startswith("~") else Path(text)
    hint = "; pass --allow-outside-data (or allow_outside_data=True) to read it"
    if given.is_absolute() and not allow_outside:
        raise DataFileError(
            f"{field}: {shown} is an absolute path; data paths are relative to the model's folder {str(folder)!r}{hint}",
            field=field,
        )
    real = Path(os.path.realpath(given if given.is_absolute() else folder / given))
    if not allow_outside and not _inside(real, folder):
        raise DataFileError(f"{field}: {shown} is outside the model's folder {str(folder)!r}{hint}", field=field)
    if any(_inside(real, Path(s)) for s in _SYSTEM):
        raise DataFileError(f"{field}: {shown} is a system file, not a data file; it is never read", field=field)
    try:
        st = os.stat(real)
    except FileNotFoundError:
        raise DataFileError(
            f"{field}: cannot read the data file {shown}: not found "
            f"(data paths are relative to the model file's folder {str(folder)!r})",
            field=field,
        ) from None
    except OSError as e:
        raise DataFileError(f"{field}: cannot read the data file {shown} ({e.strerror})", field=field) from None
    _check_regular(st, field, shown)
    return real


def _check_regular(st: os.stat_result, field: str, shown: str, *, sized: bool = True) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise DataFileError(f"{field}: {shown} is a folder, not a data file", field=field)
    if not stat.S_ISREG(st.st_mode):
        raise DataFileError(
            f"{field}: {shown} is not a regular file (a pipe, device or socket); "
            "only ordinary CSV or .xlsx files are read",
            field=field,
        )
    if sized and st.st_size > MAX_FILE_BYTES:
        raise DataFileError(
            f"{field}: {shown} has {st.st_size:,} bytes, more than the {MAX_FILE_BYTES:,} bytes "
            "a data file may have; split it, or summarise it with stream_csv",
            field=field,
        )


def _open_regular(path: Path, field: str, *, sized: bool = True) -> io.FileIO:
    """Opens a file without blocking on a FIFO and checks, on the open file, that it is regular."""
    shown = excerpt(path.name, 80)
    if any(_inside(Path(os.path.realpath(path)), Path(s)) for s in _SYSTEM):
        raise DataFileError(f"{field}: {shown} is a system file, not a data file; it is never read", field=field)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise DataFileError(f"{field}: cannot read the data file {shown}: not found", field=field) from None
    except OSError as e:
        raise DataFileError(f"{field}: cannot read the data file {shown} ({e.strerror})", field=field) from None
    try:
        _check_regular(os.fstat(fd), field, shown, sized=sized)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return io.FileIO(fd, "rb", closefd=True)
