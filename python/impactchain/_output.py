"""Every file impactchain writes goes through here: one output rule for every
command and for the Python API.

Planning (:func:`plan_outputs`) decides, before any work is done, which files a
run will write, and refuses what it must not touch:

- ``FILE`` (a path with an extension) writes exactly that file, in the format
  its extension names (``.html``, ``.md``, ``.json`` …), and nothing beside it;
  an extension the command cannot write is an error naming the ones it can.
- ``DIR/`` (an existing directory, a path ending in ``/``, or a path without an
  extension that does not exist yet) writes ``report.<ext>`` for each format
  asked, and touches nothing else in it.
- ``None`` writes into the command's default directory.
- A symbolic link, or anything that is not a regular file (device, FIFO,
  directory), at an output path is refused; so is a path that is an input of
  the same run, however it is named (``os.path.samefile``: hard links too, and
  an input that is a link to it). The inputs of a run — a model file and every
  file it names, a portfolio file, actuals — are listed by
  :mod:`impactchain._output_inputs`, for every command alike.

Writing (:func:`write_all`) is atomic for the whole set: every file is first
written to a temporary file in the same directory (write, flush, fsync), and
only when all are complete are they renamed over their targets. On any failure
the temporaries are removed, files replaced so far are restored, and a
directory this run created is removed again: earlier files stay untouched and
nothing partial is left.

Formats are a registry (:data:`FORMATS`); a command says which of them it can
render, and which of them a directory receives by default. A format that is
known but that a command does not render (Excel, CSV) is refused with "… output
is not available in this version".
"""

from __future__ import annotations

from impactchain._output_plan import (
    FORMATS,
    Format,
    OutputError,
    OutputPlan,
    WriteError,
    parse_formats,
    plan_outputs,
)
from impactchain._output_write import write_all

__all__ = ["Format", "FORMATS", "OutputError", "WriteError", "OutputPlan", "parse_formats", "plan_outputs", "write_all"]
