"""The inputs of a run, which none of its outputs may replace (the output rule,
:mod:`impactchain._output`): a model file and every file it names — its soft outcomes' ``data``
and ``data_post``, its ``price_index`` file — and what a command reads beside them (a portfolio
file, actuals). Every command and API function that writes files gives these to its plan, and
the plan's one check (``_output_plan._check_output_file``: the same file by any name, hard links
included; never through a link) refuses an output that is one of them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any


def model_inputs(model: Any) -> list[Path]:
    """The files ``model`` (an :class:`impactchain.Model`) was read from and reads: its model
    file, its soft outcomes' data files (``data``, ``data_post``) and its price index file, the
    last relative to the model file's directory (the working directory for a model not read
    from a file), as the loader and the soft outcomes read them."""
    from impactchain.io import base_dir

    d = json.loads(model.to_json())
    bd = base_dir(model)
    out = [Path(model.source_path)] if getattr(model, "source_path", None) else []
    for s in d.get("soft_outcomes") or []:
        out += [bd / s[key] for key in ("data", "data_post") if isinstance(s.get(key), str) and s[key]]
    pi = d.get("price_index")
    if isinstance(pi, Mapping) and isinstance(pi.get("file"), str) and pi["file"]:
        out.append(bd / pi["file"])
    return out
