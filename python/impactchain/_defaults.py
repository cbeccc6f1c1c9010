"""The defaults, in one place: every public function, the command line and the
report take an omitted seed, number of draws, thread count, interval level or
effect-size kind from here, and a result that used one names it in its
``assumptions`` (``default_note``).

The seed, draws, threads and level are the C++ core's (``include/impactchain/defaults.hpp``,
read here through ``_core.defaults``): one source for C++ tools, Python, the command line
and the report. Why each value (docs/defaults.md has the table, CHANGELOG.md what changed
in 0.2.0):

- ``seed = 2026`` and ``draws = 5000``: what the command line's ``report`` and
  ``demo`` and ``build_report`` always used, so published reports keep their numbers.
- ``threads = 0`` (all cores): results are bit-identical for every thread count
  (Philox counter streams, blocks merged in order), so the fastest choice is safe.
- ``level = 0.95``: the level of every interval: confidence intervals of estimates
  (bootstrap, effect size, Cronbach's alpha, distance travelled), the convention of
  scipy, pingouin and BCEA, and the Monte Carlo interval of a simulation's outputs
  (``lower``/``upper``: the central 95 % of the draws) that the summary and the report show.
- ``effect_size_paired = "dz"`` (mean change / SD of the change, the pre/post
  kind ``distance_travelled`` and model files used) and
  ``effect_size_independent = "d"`` (Cohen's d with the pooled SD, pingouin's
  default and what ``effect_size(a, b)`` always computed).
- ``higher_is_better = True``: the direction of a scale when it is not given.
- Quantiles of a simulation: exact (type 7, numpy's default) up to
  ``exact_quantile_max_draws`` = 10^6 draws, the mergeable sketch above; the rule
  depends only on the number of draws (the C++ constant
  ``impactchain::exact_quantile_max_draws``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from impactchain import _core
from impactchain._notice import Notice, notice

__all__ = ["Defaults", "DEFAULTS", "default_note", "pick"]


@dataclass(frozen=True)
class Defaults:
    """The values used when an argument is not given (read-only; ``impactchain.DEFAULTS``)."""

    seed: int = int(_core.defaults.seed)
    draws: int = int(_core.defaults.draws)
    threads: int = int(_core.defaults.threads)
    level: float = float(_core.defaults.level)
    #: The random stream of a simulation's parameter draws: 2, or 1 for the numbers of
    #: impactchain 0.2 and earlier (docs/uncertainty.md, "Random streams").
    stream_version: int = int(_core.defaults.stream_version)
    effect_size_paired: str = "dz"
    effect_size_independent: str = "d"
    higher_is_better: bool = True
    exact_quantile_max_draws: int = int(_core.exact_quantile_max_draws)

    def quantile_method(self, draws: int) -> str:
        """ "exact" (type-7 quantiles of the kept outputs) up to ``exact_quantile_max_draws``
        draws, "sketch" (the mergeable streamed sketch) above: the rule of every simulation."""
        return "exact" if int(draws) <= self.exact_quantile_max_draws else "sketch"

    def to_dict(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "draws": self.draws,
            "threads": self.threads,
            "level": self.level,
            "stream_version": self.stream_version,
            "effect_size_paired": self.effect_size_paired,
            "effect_size_independent": self.effect_size_independent,
            "higher_is_better": self.higher_is_better,
            "exact_quantile_max_draws": self.exact_quantile_max_draws,
        }


DEFAULTS = Defaults()


def default_note(name: str, value: Any, field: str | None = None) -> Notice:
    """How a result states a default it used, in the words of ValueResult's assumptions:
    ``"seed: not given, taken as 2026 (impactchain.DEFAULTS.seed)"``. ``field`` names the
    attribute of DEFAULTS when it is not ``name`` (``kind`` -> ``effect_size_paired``)."""
    shown = repr(value) if isinstance(value, str) else str(value)
    code = "defaults.taken_threads" if name == "threads" else "defaults.taken"
    return notice(code, name=name, value=shown, field=field or name)


def pick(name: str, value: Any, used: list[str], field: str | None = None) -> Any:
    """``value``, or when it is None the default ``DEFAULTS.<field or name>``, noted in ``used``
    (the result's assumptions): the one way every entry point fills in a default."""
    if value is not None:
        return value
    default = getattr(DEFAULTS, field or name)
    used.append(default_note(name, default, field))
    return default
