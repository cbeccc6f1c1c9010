"""An outcome that names no stakeholder (nor beneficiaries) is credited to the party "(none)"; the
valuation's assumptions say so for each such outcome (its ``outcome`` param, so that a report names
it by its name), for ``ic.value``, the command line and the API alike."""

from __future__ import annotations

import impactchain as ic
from impactchain._i18n import words
from impactchain.cli import main
from small_models import MONEY_HEAD

PROXY = "proxy: {value: 10, currency: EUR}"


def _model(tmp_path, outcomes: str):
    path = tmp_path / "m.yaml"
    path.write_text(MONEY_HEAD + "stakeholders: [city, insurer]\noutcomes:\n" + outcomes, encoding="utf-8")
    return path


def test_each_outcome_without_a_stakeholder_is_named_in_an_assumption(tmp_path, capsys):
    path = _model(
        tmp_path,
        f"  - {{id: o1, quantity: 2, {PROXY}}}\n"
        f"  - {{id: o2, quantity: 3, stakeholder: city, {PROXY}}}\n"
        f"  - {{id: o3, quantity: 4, beneficiaries: {{city: 0.5, insurer: 0.5}}, {PROXY}}}\n"
        f"  - {{id: o4, quantity: 5, {PROXY}}}\n",
    )
    r = ic.value(ic.load(path))
    said = [f"outcome '{o}': no stakeholder given; its value is shown under '(none)'" for o in ("o1", "o4")]
    assert [str(a) for a in r.assumptions if a.code.startswith("value.no_stakeholder")] == said
    assert [a.params["outcome"] for a in r.assumptions if a.code == "value.no_stakeholder"] == ["o1", "o4"]
    # The party it names: o1 and o4, 2 x 10 + 5 x 10 = 70 before discounting (one year, no adjustments).
    none = r.by_stakeholder.set_index("stakeholder").loc["(none)"]
    assert none["undiscounted"] == 70
    # The command line says it too.
    assert main(["value", str(path)]) == 0
    out = capsys.readouterr().out
    assert all(line in out for line in said)


def test_the_assumption_in_english_and_dutch(tmp_path):
    r = ic.value(ic.load(_model(tmp_path, f"  - {{id: o1, quantity: 2, {PROXY}}}\n")))
    (a,) = [a for a in r.assumptions if a.code.startswith("value.no_stakeholder")]
    assert a.code == "value.no_stakeholder"
    assert a.params["outcome"] == "o1"
    assert str(a) == "outcome 'o1': no stakeholder given; its value is shown under '(none)'"
    assert a.in_language(words("nl")) == (
        "effect 'o1': geen belanghebbende opgegeven; de waarde staat onder '(geen belanghebbende opgegeven)'"
    )


def test_every_outcome_with_a_party_says_nothing(tmp_path):
    r = ic.value(ic.load(_model(tmp_path, f"  - {{id: o2, quantity: 3, stakeholder: city, {PROXY}}}\n")))
    assert [a for a in r.assumptions if a.code.startswith("value.no_stakeholder")] == []
