"""Your first impact report from Python: load the minimal model, look at the
numbers, write the HTML/Markdown/JSON report.

Run from the repository root (or anywhere, the paths are relative to this file):

    python examples/python/first_report.py
"""

from pathlib import Path

import impactchain as ic

HERE = Path(__file__).resolve().parent
MODEL = HERE.parent / "data" / "minimal.yaml"
OUT = Path.cwd() / "first-report"

# 1. Load and validate the model file (every problem is reported with its line).
model = ic.load(MODEL)
print(f"Loaded '{model.name}' ({model.currency}, prices of {model.price_year})")

# 2. Compute everything the report needs: valuation, 2,000 Monte Carlo draws,
#    the soft outcome from its survey CSV. Same seed, same numbers.
report = ic.build_report([model], draws=2000, seed=2026)
for row in report.summary_rows():
    if row["sroi_ratio"] is not None:
        print(
            f"Social value per euro: {row['sroi_ratio']:.2f} "
            f"(95 % interval {row['ratio_lower']:.2f} to {row['ratio_upper']:.2f}), "
            f"P(ratio > 1) = {row['p_ratio_above_1']:.0%}"
        )
    for so in row["soft_outcomes"]:
        if so.get("error") is None:
            print(
                f"{so['name']}: mean change {so['mean_change']:+.2f} "
                f"(95 % CI {so['change_ci_low']:.2f} to {so['change_ci_high']:.2f})"
            )
for item in report.not_computed():
    print(f"not computed: {item['section']}: {item['reason']}")

# 3. The defaults the model left to the library: read them before you share the report.
for d in report.defaults():
    print("default:", d)

# 4. Write the three formats (the same content).
OUT.mkdir(exist_ok=True)
for suffix, text in (("html", report.to_html()), ("md", report.to_markdown()), ("json", report.to_json())):
    (OUT / f"report.{suffix}").write_text(text, encoding="utf-8")
print(f"Open {OUT / 'report.html'} in a browser.")
