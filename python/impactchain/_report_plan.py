"""The files a report run writes: the default formats and folder, and the plan of ``-o``, its
formats and languages (``report_plan``), checked before any computing."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from impactchain._report_formats import REPORT_RENDERERS

#: What a directory receives when no formats are asked (PDF on request: ``formats="html,pdf"``, or ``-o x.pdf``).
DEFAULT_FORMATS = ("html", "md", "json")

#: Where ``write_report`` writes without an output path: ``./report/report.<ext>``.
DEFAULT_OUTPUT_DIR = "report"


def report_plan(
    output: Any,
    formats: Any,
    langs: Sequence[str],
    *,
    inputs: Sequence[Path] = (),
    default_dir: str = DEFAULT_OUTPUT_DIR,
    what: str = "the report",
) -> Any:
    """The files a report run writes (``-o``, its formats and languages), or an OutputError
    saying why it cannot; a PDF asked without WeasyPrint installed is refused here too, so
    every problem of the output is said before any computing."""
    from impactchain._output import plan_outputs

    plan = language_plan(
        plan_outputs(
            output,
            formats,
            available=tuple(REPORT_RENDERERS),
            default_dir=default_dir,
            inputs=inputs,
            what=what,
            default_formats=DEFAULT_FORMATS,
        ),
        langs,
    )
    if "pdf" in plan.formats:
        from impactchain._report_pdf import _weasyprint

        _weasyprint()  # WeasyPrint missing: named with the extra to install
    return plan


def language_plan(plan: Any, langs: Sequence[str]) -> Any:
    """With several languages, each planned file once per language (``report.nl.html``),
    its format named ``"nl:html"``; with one language, the plan as it is."""
    from impactchain._output import OutputPlan

    if len(langs) < 2:
        return plan
    files = tuple((f"{lg}:{fmt}", p.with_name(f"{p.stem}.{lg}{p.suffix}")) for lg in langs for fmt, p in plan.files)
    return OutputPlan(plan.directory, files, plan.inputs).with_inputs(())
