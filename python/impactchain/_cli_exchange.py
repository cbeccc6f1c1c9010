"""The exchange verbs of the command line: ``import-valuemap`` (a Value Map workbook to a
model file) and ``export`` (a model to a Value Map workbook, or to another exchange format).
Every file goes through the output rule (impactchain._output)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Callable

from impactchain._text import for_terminal


def _valuemap_xlsx(model: Any) -> bytes:
    from impactchain.valuemap import valuemap_bytes

    return valuemap_bytes(model)


def _cids_jsonld(model: Any) -> bytes:
    from impactchain.cids import cids_json

    return cids_json(model)


#: Formats of ``impactchain export``: name (an output format of impactchain._output) -> the writer of its bytes.
EXPORTS: dict[str, Callable[[Any], bytes]] = {"xlsx": _valuemap_xlsx, "cids": _cids_jsonld}


def _valuemap_left_out(model: Any) -> list[str]:
    from impactchain._export_left_out import valuemap_left_out

    return valuemap_left_out(model)


def _cids_left_out(model: Any) -> list[str]:
    from impactchain._export_left_out import cids_left_out

    return cids_left_out(model)


#: What each export format leaves out of a model (printed unless --quiet), and the format's name in those lines.
LEFT_OUT: dict[str, Callable[[Any], list[str]]] = {"xlsx": _valuemap_left_out, "cids": _cids_left_out}
FORMAT_NAMES = {"xlsx": "Value Map", "cids": "CIDS document"}


def cmd_import_valuemap(args: argparse.Namespace) -> int:
    from impactchain._output import plan_outputs, write_all
    from impactchain.valuemap import read_valuemap

    plan = plan_outputs(
        args.output,
        None,
        available=("yaml",),
        default_dir=".",
        default_stem="model",
        inputs=[Path(args.workbook)],
        what="the model",
    )
    got = read_valuemap(args.workbook)
    if not args.quiet:
        for line in got.readings:
            sys.stderr.write(for_terminal(line) + "\n")
    for p in write_all(plan, {"yaml": got.yaml_text}):
        sys.stdout.write(for_terminal(str(p)) + "\n")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    import impactchain as ic
    from impactchain._output import plan_outputs, write_all
    from impactchain._output_inputs import model_inputs

    fmt = args.format
    plan = plan_outputs(
        args.output,
        fmt,
        available=tuple(EXPORTS),
        default_dir=".",
        default_stem="model",
        inputs=[Path(args.model)],
        what="the export",
    )
    model = ic.load(args.model)
    plan = plan.with_inputs(model_inputs(model))  # nor over a data or price index file the model names
    written = write_all(plan, {f: EXPORTS[f](model) for f in plan.formats})
    if not args.quiet:
        for fmt in plan.formats:
            for line in LEFT_OUT[fmt](model):
                sys.stderr.write(for_terminal(f"not in the {FORMAT_NAMES[fmt]}: {line}") + "\n")
    for p in written:
        sys.stdout.write(for_terminal(str(p)) + "\n")
    return 0


def add_verbs(verb: Callable[..., argparse.ArgumentParser]) -> None:
    p = verb(
        "import-valuemap",
        "Read an SROI Value Map workbook (docs/valuemap.md) into a model file, each value commented with its cell.",
        cmd_import_valuemap,
    )
    p.add_argument("workbook", metavar="FILE.xlsx")
    p.add_argument("-o", "--output", required=True, metavar="MODEL.yaml", help="the model file to write")
    p.add_argument("--quiet", action="store_true", help="do not list how each cell was read")
    p = verb(
        "export", "Write a model in an exchange format: a Value Map workbook (xlsx) or CIDS JSON-LD (cids).", cmd_export
    )
    p.add_argument("model", metavar="MODEL")
    p.add_argument("--format", choices=tuple(EXPORTS), help="the format (default: the -o file's extension)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write (FILE.xlsx, FILE.jsonld)")
    p.add_argument("--quiet", action="store_true", help="do not list what the format does not hold of the model")
