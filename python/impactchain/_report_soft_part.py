"""The soft outcomes in a model's section: per outcome its summary in words, the reliable change,
the before/after chart, the table by group and the survey rows not used."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from impactchain._i18n import N_, Words
from impactchain._report_blocks import Figure, Heading, Missing, Paragraph, Table, _kv
from impactchain._report_model import ModelSection, plots
from impactchain._report_plain import effect_size_words
from impactchain._report_text import _finite, _soft_line


def _soft_part(s: ModelSection, w: Words) -> list[Any]:
    b: list[Any] = []
    if not s.soft:
        b.append(Paragraph(key=N_("no_soft"), style="small"))
    for so in s.soft:
        b.append(Heading(text=so["name"], level=4))
        if so.get("error"):
            b.append(Missing(N_("soft_outcome"), so["error"], name=so["name"]))
            continue
        b.append(Paragraph(key=N_("soft_text"), values=_kv(line=_soft_line(so, w), **effect_size_words(so, w))))
        if so.get("n_improved") is not None and so.get("n_used"):  # reliable change: the model gives a reliability
            counts = {k: w.integer(so[k]) for k in ("n_improved", "n_deteriorated", "n_used")}
            b.append(Paragraph(key=N_("soft_reliable_change"), values=_kv(**counts)))
        n_points = max(int(np.isfinite(so["_pre"]).sum()), int(np.isfinite(so["_post"]).sum())) if "_pre" in so else 0
        cap = plots.MAX_POINTS  # matplotlib is imported only once a chart is drawn
        b.append(
            Figure(
                s.charts.get(f"soft:{so['id']}"),
                N_("soft_caption") if n_points <= cap else N_("soft_caption_sample"),
                values=_kv(cap=w.integer(cap), n=w.integer(n_points), level=w.pct(so.get("level", 0.95))),
            )
        )
        gr = [g for g in so.get("groups", []) if g.get("group") != "all"]
        named = (so.get("group_names") or {}).get(w.lang, {})  # a label not named there shows as it is
        if gr:
            # the entry's own interval level, written out (a column of words, not a key)
            ci = w("ci_at_level", level=w.pct(so.get("level", 0.95)))
            b.append(
                Table(
                    pd.DataFrame(
                        [
                            (
                                named.get(g.get("group"), g.get("group")),
                                g.get("n"),
                                _finite(g.get("mean_pre")),
                                _finite(g.get("mean_post")),
                                _finite(g.get("mean_change")),
                                (g.get("change_ci_low"), g.get("change_ci_high")),
                            )
                            for g in gr
                        ],
                        columns=[
                            N_("group"),
                            N_("n"),
                            N_("mean_pre"),
                            N_("mean_post"),
                            N_("mean_change"),
                            ci,
                        ],
                    ),
                    numeric=("n", "mean_pre", "mean_post", "mean_change"),
                    intervals=(ci,),
                )
            )
        if so.get("n_rows_not_used"):
            b.append(Paragraph(key=N_("rows_not_used_count"), values=_kv(n=so["n_rows_not_used"]), style="small"))
    return b
