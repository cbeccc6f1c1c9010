"""rank_uncertainty ranks exactly tied units by row order (docs/uncertainty.md: "the lower index
ranks first"), so two units with the same data get different rank intervals and P(rank <= k); the
audit's finding 6 asks at least for a warning naming them. The ranking itself is unchanged."""

from __future__ import annotations

import numpy as np
import pandas as pd

import impactchain as ic
from impactchain._i18n import words


def test_two_identical_rows_are_named_as_tied_and_still_ranked_by_row_order():
    # B and C hold the same data: score 0.5 * 3 + 0.5 * 4 = 3.5 each, the highest; A 1.5, D 2.5.
    df = pd.DataFrame({"a": [1.0, 3.0, 3.0, 0.0], "b": [2.0, 4.0, 4.0, 5.0]}, index=["A", "B", "C", "D"])
    r = ic.rank_uncertainty(df, [0.5, 0.5], draws=200, seed=1, threads=1)
    np.testing.assert_array_equal(r.reference_score, [1.5, 3.5, 3.5, 2.5])
    np.testing.assert_array_equal(r.reference_rank, [4, 1, 2, 3])  # the documented rule: B (row 2) before C
    assert (r.p_top[1, 0], r.p_top[2, 0]) == (1.0, 0.0)  # the same data, P(rank 1) 1 and 0: hence the warning
    (tie,) = [w for w in r.warnings if w.code == "rank_uncertainty.reference_ties"]
    assert tie == (
        "2 of 4 units tie exactly on their reference score ('B' = 'C'): ties are ranked by row order (the lower "
        "index first), so the rank intervals and P(rank <= k) of tied units differ only by their order in the data"
    )
    assert tie.params == {"count": 2, "units": 4, "groups": "'B' = 'C'"}
    assert tie.in_language(words("nl")).startswith("2 van de 4 eenheden hebben precies dezelfde referentiescore")


def test_no_tie_no_warning_and_groups_best_first_and_cut_after_five():
    X = np.array([[0.1, 0.5], [0.4, 0.2], [0.9, 0.7]])
    r = ic.rank_uncertainty(X, [0.5, 0.5], draws=50, seed=1, threads=1)
    assert [w for w in r.warnings if w.code == "rank_uncertainty.reference_ties"] == []
    # Seven pairs of equal rows (an array: units named by position), pair p scoring p + 1; -0 and +0 tie.
    rows = [[float(p), float(p + 2)] for p in range(7) for _ in range(2)]
    Y = np.array(rows + [[-0.0, -0.0], [0.0, 0.0]])  # scores -0 and +0
    t = ic.rank_uncertainty(Y, [0.5, 0.5], draws=50, seed=1, threads=1)
    (tie,) = [w for w in t.warnings if w.code == "rank_uncertainty.reference_ties"]
    assert tie.params["count"] == 16 and tie.params["units"] == 16
    # best score first: pair 6 (rows 12, 13), then 5, … ; the first five groups, then "…"
    assert tie.params["groups"] == "12 = 13, 10 = 11, 8 = 9, 6 = 7, 4 = 5, …"
