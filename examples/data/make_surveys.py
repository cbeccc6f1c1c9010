"""Generate the synthetic survey data of the impactchain demo (examples/data/surveys/).

The numbers are ILLUSTRATIVE: drawn from a fixed-seed random generator so that
the demo is reproducible, loosely shaped like published scale norms (WEMWBS,
SWEMWBS raw totals, ONS4 life satisfaction). They describe no real person or
organisation. Run from anywhere:

    python examples/data/make_surveys.py

and commit the CSVs it writes next to this script.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

SEED = 20240601  # fixed: the committed CSVs are exactly what this script writes

# file stem, scale column prefix, (min, max), n, pre mean, pre sd, mean change,
# sd of change, group column name, groups
SURVEYS = [
    ("market_cleaning", "swemwbs", (7, 35), 28, 19.5, 3.6, 2.1, 2.8, "cohort", ["2023-autumn", "2024-spring"]),
    (
        "handyman",
        "life_satisfaction",
        (0, 10),
        42,
        6.1,
        1.6,
        0.4,
        1.1,
        "client_type",
        ["older resident", "low-income household"],
    ),
    (
        "community_building",
        "wemwbs",
        (14, 70),
        64,
        42.0,
        7.5,
        3.0,
        5.5,
        "service",
        ["language class", "paperwork help"],
    ),
    ("loan_fund", "life_satisfaction", (0, 10), 24, 6.4, 1.3, 0.5, 1.2, "sector", ["food", "retail and services"]),
    ("makers_workshop", "swemwbs", (7, 35), 36, 20.0, 3.9, 1.6, 2.9, "age_group", ["16-22", "23-27"]),
    ("traditional_provider", "swemwbs", (7, 35), 48, 19.8, 3.7, 0.9, 2.7, "cohort", ["2023-autumn", "2024-spring"]),
]


def make(rng: np.random.Generator, spec) -> list[dict]:
    stem, col, (lo, hi), n, mu, sd, change, sd_change, group_col, groups = spec
    pre = rng.normal(mu, sd, n)
    post = pre + rng.normal(change, sd_change, n)
    pre = np.clip(np.rint(pre), lo, hi).astype(int)
    post = np.clip(np.rint(post), lo, hi).astype(int)
    grp = rng.choice(groups, n)
    return [
        {"respondent": f"{stem[:3].upper()}-{i + 1:03d}", group_col: g, f"{col}_pre": a, f"{col}_post": b}
        for i, (g, a, b) in enumerate(zip(grp, pre, post))
    ]


def main(out_dir: Path | None = None) -> list[Path]:
    """Writes the CSVs into ``out_dir`` (default: surveys/ next to this script)."""
    out_dir = Path(out_dir) if out_dir is not None else Path(__file__).resolve().parent / "surveys"
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    written = []
    for spec in SURVEYS:
        rows = make(rng, spec)
        path = out_dir / f"{spec[0]}.csv"
        with path.open("w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
        written.append(path)
    return written


if __name__ == "__main__":
    for p in main():
        print(p)
