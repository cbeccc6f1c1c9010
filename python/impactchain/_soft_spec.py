"""The keys of a ``soft_outcomes`` entry that say how its data is read, checked as the model
file loader checks them (C++ ``src/model_read_soft.cpp`` and ``src/model_soft_checks.cpp``), for an
entry given to Python as a dict: the survey's codes for no answer (``missing``), its answer labels
(``answers``), the groups' names (``group_names``), the rows that are not answers (``skip_rows``,
``header_row``) and the measurement column of one file of both waves (``wave``). Each returns the
key's value in the form the reading uses, or raises ValueError naming the key."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any, Optional

from impactchain._data_files import excerpt
from impactchain._data_hints import label_key, loader_key

#: How labels and codes are compared (``label_key``), as messages say it of a pair that is one so
#: but passes the model file's loader: one only in Unicode's compatibility forms ('Ｎooit' and
#: 'Nooit'; the loader compares labels and codes by ``loader_key``).
_COMPARED = "in any case, with white space and Unicode's compatibility forms aside"
#: How the model file's loader says it compares labels and codes (src/model_soft_checks.cpp).
_LOADER_COMPARES = "compared in any case, with white space aside"

#: A language code as model files write it (C++ impactchain::is_language_code): nl, fy, en-GB.
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Z]{2})?")


def missing_codes(value: Any, where: str) -> tuple[str, ...]:
    """The entry's ``missing`` codes as texts (a number as the model file writes it: 99, -1,
    9.5), checked: a list of non-empty texts and numbers, each once as ``label_key`` compares them
    ('n.v.t.' and 'N.V.T.' are one code)."""
    if value is None:
        return ()
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise ValueError(
            f"{where}: missing must be a list of the codes that mean no answer (texts or numbers, "
            f"e.g. ['n.v.t.', 99]), got {type(value).__name__}"
        )
    codes: list[str] = []
    seen: dict[str, int] = {}  # label_key -> the index of the code given first
    for i, c in enumerate(value):
        if isinstance(c, bool) or not isinstance(c, (str, int, float)) or (isinstance(c, str) and not c.strip()):
            raise ValueError(f"{where}: missing[{i}]: expected a code (a text or a number), got {c!r}")
        code = c if isinstance(c, str) else (str(int(c)) if float(c).is_integer() else repr(float(c)))
        key = label_key(code)
        if key in seen:
            raise ValueError(_code_twice(code, i, codes[seen[key]], seen[key], where))
        seen[key] = i
        codes.append(code)
    return tuple(codes)


def _code_twice(code: str, i: int, first: str, k: int, where: str) -> str:
    """Code of missing ``code`` (``missing[i]``) is ``first`` (``missing[k]``) as ``label_key``
    compares them: said as the model file's loader says it (src/model_soft_checks.cpp) when the
    loader refuses the pair too (written alike, or alike with case and white space aside), else
    naming both and how they are one."""
    if code == first:
        return f"{where}: missing[{i}]: code {code!r} is listed twice (also missing[{k}])"
    if loader_key(code) == loader_key(first):
        return (
            f"{where}: missing[{i}]: codes {code!r} and {first!r} are one code of missing "
            f"(codes are {_LOADER_COMPARES}): give it once"
        )
    return (
        f"{where}: missing: {excerpt(code)} and {excerpt(first)} are one code of missing "
        f"(codes are compared {_COMPARED}): give it once"
    )


def answer_labels(value: Any, codes: Sequence[str], where: str) -> tuple[tuple[str, float], ...]:
    """The entry's ``answers`` as (label, number) pairs in the order given, checked: a mapping of
    non-empty labels to finite numbers, each label once and none also a code of ``missing``, as
    ``label_key`` compares them ('Mee eens' and 'mee\\xa0eens' are one label)."""
    if value is None:
        return ()
    if not isinstance(value, Mapping):
        raise ValueError(
            f"{where}: answers must be a mapping of answer labels to the numbers they stand for "
            f"(e.g. {{'nooit': 1, 'zelden': 2}}), got {type(value).__name__}"
        )
    out: list[tuple[str, float]] = []
    seen: dict[str, str] = {}
    folded_codes = {label_key(c): c for c in codes}
    for label, number in value.items():
        if not isinstance(label, str) or not label.strip():
            raise ValueError(f"{where}: answers: an answer label must be a non-empty text, got {label!r}")
        if isinstance(number, bool) or not isinstance(number, (int, float)) or not math.isfinite(number):
            raise ValueError(
                f"{where}: answers.{label}: expected the number the answer {label!r} stands for, got {number!r}"
            )
        key = label_key(label)
        if key in seen:
            raise ValueError(_twice(label, seen[key], where))
        if key in folded_codes:
            raise ValueError(_also_missing(label, folded_codes[key], where))
        seen[key] = label
        out.append((label, float(number)))
    return tuple(out)


def _twice(label: str, first: str, where: str) -> str:
    """Answer ``label`` is ``first``, given before it, as ``label_key`` compares them: said as the
    model file's loader says it, at the label's path, when the loader refuses the pair too
    (``loader_key``: case and white space aside), else naming both and how they are one."""
    if loader_key(label) == loader_key(first):
        return (
            f"{where}: answers.{label}: answer {label!r} is given twice (also {first!r}; labels are {_LOADER_COMPARES})"
        )
    return (
        f"{where}: answers: {excerpt(label)} and {excerpt(first)} are one answer label "
        f"(labels are compared {_COMPARED})"
    )


def _also_missing(label: str, code: str, where: str) -> str:
    """Answer ``label`` is the code of missing ``code`` as ``label_key`` compares them: said as
    ``_twice`` says a pair, the code named where it is written otherwise than the label."""
    if loader_key(label) == loader_key(code):
        written = "" if code == label else f" ({code!r})"
        return f"{where}: answers.{label}: {label!r} is both an answer and a code of missing{written}"
    return (
        f"{where}: answers: {excerpt(label)} is both an answer and a code of missing "
        f"({excerpt(code)}; labels and codes are compared {_COMPARED})"
    )


def group_names(value: Any, where: str) -> dict[str, dict[str, str]]:
    """The entry's ``group_names`` (language -> {group label: its name}), checked: language codes,
    each mapping labels to non-empty texts."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValueError(
            f"{where}: group_names must be a mapping of language to the group labels' names "
            f"(e.g. {{'en': {{'oudere bewoner': 'older resident'}}}}), got {type(value).__name__}"
        )
    out: dict[str, dict[str, str]] = {}
    for lang, named in value.items():
        if not isinstance(lang, str) or not _LANGUAGE.fullmatch(lang):
            raise ValueError(f"{where}: group_names: expected a language code such as nl or en, got {lang!r}")
        if not isinstance(named, Mapping):
            raise ValueError(
                f"{where}: group_names.{lang}: expected a mapping of group label to its name, got {type(named).__name__}"
            )
        for label, name in named.items():
            if not isinstance(name, str) or not name.strip():
                raise ValueError(
                    f"{where}: group_names.{lang}.{label}: expected the name of group {label!r}, got {name!r}"
                )
        out[lang] = {str(k): v for k, v in named.items()}
    return out


def header_row_spec(value: Any, where: str) -> Optional[int]:
    """The entry's ``header_row`` (the row of the column names when a title is above them),
    checked: a whole number from 1 to 1000."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1000:
        raise ValueError(f"{where}: header_row must be from 1 to 1000 (the row of the column names), got {value!r}")
    return value


def skip_rows(value: Any, where: str) -> tuple[int, ...]:
    """The entry's ``skip_rows`` (rows below the header that are not answers), checked: a list of
    whole numbers from 2 (the header is row 1), each once."""
    if value is None:
        return ()
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise ValueError(f"{where}: skip_rows must be a list of row numbers (e.g. [2, 3]), got {type(value).__name__}")
    out: list[int] = []
    for i, r in enumerate(value):
        if isinstance(r, bool) or not isinstance(r, int) or r < 2:
            raise ValueError(
                f"{where}: skip_rows[{i}]: expected a row number below the header (a whole number from 2), got {r!r}"
            )
        if r in out:
            raise ValueError(f"{where}: skip_rows[{i}]: row {r} is listed twice (also skip_rows[{out.index(r)}])")
        out.append(r)
    return tuple(out)


def wave_spec(value: Any, where: str) -> Optional[dict[str, str]]:
    """The entry's ``wave`` ({column, pre, post}: the column telling the two measurements' rows
    apart and its labels for each), checked: those three keys, each a non-empty text or a whole
    number (read as its digits, as a sheet's 1 and 2 are), and two different labels."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise ValueError(
            f"{where}: wave must be a mapping of the measurement column and its labels "
            f"(e.g. {{'column': 'meting', 'pre': 'voormeting', 'post': 'nameting'}}), got {type(value).__name__}"
        )
    unknown = sorted(set(map(str, value)) - {"column", "pre", "post"})
    if unknown:
        raise ValueError(f"{where}: wave: unknown keys {unknown} (known: column, pre, post)")
    out: dict[str, str] = {}
    for key in ("column", "pre", "post"):
        v = value.get(key)
        if isinstance(v, int) and not isinstance(v, bool):
            v = str(v)
        if not isinstance(v, str) or not v:
            raise ValueError(f"{where}: wave.{key}: expected a text or a whole number, got {v!r}")
        out[key] = v
    if out["pre"] == out["post"]:
        raise ValueError(f"{where}: wave.post must differ from wave.pre (both are {out['pre']!r})")
    return out


def check_wave(wave: Mapping[str, str], spec: Mapping[str, Any], where: str) -> None:
    """What ``wave`` needs of the rest of the entry: the ids to join on, one file, a column of its own."""
    if "id_column" not in spec:
        raise ValueError(
            f"{where}: wave joins the before's and the after's rows by the respondents' ids, so id_column is required"
        )
    if "data_post" in spec:
        raise ValueError(
            f"{where}: wave reads both measurements from the rows of data; data_post names a second file: give one of them"
        )
    for key in ("id_column", "group"):
        if spec.get(key) == wave["column"]:
            raise ValueError(
                f"{where}: wave.column {wave['column']!r} is also the {key}; the measurement needs a column of its own"
            )
