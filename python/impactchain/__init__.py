"""impactchain: social impact measurement with a C++ core.

Hard (monetised) and soft (non-monetised) impact on one framework: outcome
chains, SROI and social cost-benefit, survey scales and composite scores,
Monte Carlo uncertainty, and comparison of interventions.

Importing the package loads the compiled core and the model-file layer only (the model
parts, the defaults, ``load``/``loads``/``save``); every other public name is imported on
first use (PEP 562), so that ``import impactchain`` and ``impactchain validate`` do not
load pandas, matplotlib or the report stack (docs/performance.md, "Start-up").
"""

from __future__ import annotations

import sys as _sys
import types as _types
import typing as _typing
from importlib import import_module as _import_module

# Lets a development build put the compiled `_core` in another directory on
# sys.path (e.g. build/dev/pkg/impactchain); harmless for an installed wheel.
__path__ = __import__("pkgutil").extend_path(__path__, __name__)

from impactchain._core import __version__  # noqa: E402
from impactchain._core import (  # noqa: E402
    Distribution,
    Edge,
    Indicator,
    Level,
    Model,
    Node,
    OutcomeChain,
    Parameter,
    Stakeholder,
    ValidationError,
)
from impactchain._defaults import DEFAULTS, Defaults  # noqa: E402
from impactchain.io import load, loads, save  # noqa: E402
from impactchain._model_view import install as _install_model_view  # noqa: E402

_install_model_view(Model)

#: The public names imported on first use, by the module that defines them (the same names as
#: the imports under TYPE_CHECKING below, which type checkers and editors read;
#: tests/python/test_import_graph.py checks that the two agree).
_LAZY_MODULES: dict[str, tuple[str, ...]] = {
    "impactchain._result_json": ("json_ready",),
    "impactchain._summary": ("Summary",),
    "impactchain._notice": ("Notice", "notice_codes", "notice_singulars"),
    "impactchain.value": (
        "DiscountBand",
        "DiscountSchedule",
        "ValueResult",
        "value",
        "value_parameters",
        "value_totals",
    ),
    "impactchain.soft": (
        "AlphaResult",
        "BootstrapCI",
        "DistanceTravelled",
        "EffectSizeResult",
        "HierarchicalOmegaResult",
        "OmegaResult",
        "ScaleDefinition",
        "ScaleScores",
        "SoftOutcomeSummary",
        "StreamingStats",
        "bootstrap_alpha",
        "bootstrap_hierarchical_omega",
        "bootstrap_mean",
        "bootstrap_omega",
        "builtin_scale",
        "builtin_scale_names",
        "cronbach_alpha",
        "distance_travelled",
        "effect_size",
        "hierarchical_omega",
        "mcdonald_omega",
        "score_scale",
        "soft_outcome_summary",
        "stream_csv",
        "swemwbs_metric",
    ),
    "impactchain.composite": (
        "AhpWeights",
        "CompositeResult",
        "PcaWeightsResult",
        "ahp_weights",
        "composite",
        "pca_weights",
    ),
    "impactchain.sustainability": (
        "RevenueProfileResult",
        "SocialCapitalResult",
        "revenue_profile",
        "social_capital_profile",
    ),
    "impactchain.uncertainty": (
        "OutputSummary",
        "RankUncertaintyResult",
        "SimulationResult",
        "SobolIndices",
        "Tornado",
        "rank_uncertainty",
        "simulate",
    ),
    "impactchain.compare": (
        "ComparisonResult",
        "LensResult",
        "PsaResult",
        "compare",
        "compare_cli_summary",
        "icers",
        "lenses",
        "net_benefit",
        "psa",
    ),
    "impactchain.voi": ("EvppiResult", "EvsiResult", "evppi", "evsi"),
    "impactchain.portfolio": (
        "Portfolio",
        "PortfolioResult",
        "check_portfolio",
        "evaluate_portfolio",
        "load_portfolio",
    ),
    "impactchain.report": ("Report", "build_report", "write_report"),
    "impactchain.demo": ("run_demo",),
}
_LAZY = {name: module for module, names in _LAZY_MODULES.items() for name in names}

if _typing.TYPE_CHECKING:
    from impactchain._result_json import json_ready
    from impactchain._summary import Summary
    from impactchain._notice import Notice, notice_codes, notice_singulars
    from impactchain.value import (
        DiscountBand,
        DiscountSchedule,
        ValueResult,
        value,
        value_parameters,
        value_totals,
    )
    from impactchain.soft import (
        AlphaResult,
        BootstrapCI,
        DistanceTravelled,
        EffectSizeResult,
        HierarchicalOmegaResult,
        OmegaResult,
        ScaleDefinition,
        ScaleScores,
        SoftOutcomeSummary,
        StreamingStats,
        bootstrap_alpha,
        bootstrap_hierarchical_omega,
        bootstrap_mean,
        bootstrap_omega,
        builtin_scale,
        builtin_scale_names,
        cronbach_alpha,
        distance_travelled,
        effect_size,
        hierarchical_omega,
        mcdonald_omega,
        score_scale,
        soft_outcome_summary,
        stream_csv,
        swemwbs_metric,
    )
    from impactchain.composite import (
        AhpWeights,
        CompositeResult,
        PcaWeightsResult,
        ahp_weights,
        composite,
        pca_weights,
    )
    from impactchain.sustainability import (
        RevenueProfileResult,
        SocialCapitalResult,
        revenue_profile,
        social_capital_profile,
    )
    from impactchain.uncertainty import (
        OutputSummary,
        RankUncertaintyResult,
        SimulationResult,
        SobolIndices,
        Tornado,
        rank_uncertainty,
        simulate,
    )
    from impactchain.compare import (
        ComparisonResult,
        LensResult,
        PsaResult,
        compare,
        compare_cli_summary,
        icers,
        lenses,
        net_benefit,
        psa,
    )
    from impactchain.voi import EvppiResult, EvsiResult, evppi, evsi
    from impactchain.portfolio import (
        Portfolio,
        PortfolioResult,
        check_portfolio,
        evaluate_portfolio,
        load_portfolio,
    )
    from impactchain.report import Report, build_report, write_report
    from impactchain.demo import run_demo


if not _typing.TYPE_CHECKING:  # type checkers read the imports above (and flag a mistyped name)

    def __getattr__(name: str) -> _typing.Any:
        """A public name of :data:`_LAZY`, imported from its module on first use."""
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        found = getattr(_import_module(module), name)
        globals()[name] = found  # later reads find it without calling this function
        return found


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(_types.ModuleType):
    """The package module. Importing a submodule binds it as an attribute of its package;
    ``value``, ``compare`` and ``composite`` are the names of public functions as well as of
    their modules, and the function keeps the name (as it did when every name was imported
    with the package)."""

    def __setattr__(self, name: str, value: _typing.Any) -> None:
        if isinstance(value, _types.ModuleType) and name in _LAZY:
            return
        super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _Package

# The public names, listed so that every re-export is explicit (docs/api.md documents each;
# tests/python/test_api_docs.py checks that this list, the names above and the page agree).
__all__ = [
    "__version__",
    # the defaults
    "DEFAULTS",
    "Defaults",
    # model files and their parts
    "Distribution",
    "Edge",
    "Indicator",
    "Level",
    "Model",
    "Node",
    "OutcomeChain",
    "Parameter",
    "Stakeholder",
    "ValidationError",
    "load",
    "loads",
    "save",
    # the result contract
    "Summary",
    "json_ready",
    "Notice",
    "notice_codes",
    "notice_singulars",
    # value
    "DiscountBand",
    "DiscountSchedule",
    "ValueResult",
    "value",
    "value_parameters",
    "value_totals",
    # soft outcomes
    "AlphaResult",
    "BootstrapCI",
    "DistanceTravelled",
    "EffectSizeResult",
    "HierarchicalOmegaResult",
    "OmegaResult",
    "ScaleDefinition",
    "ScaleScores",
    "SoftOutcomeSummary",
    "StreamingStats",
    "bootstrap_alpha",
    "bootstrap_hierarchical_omega",
    "bootstrap_mean",
    "bootstrap_omega",
    "builtin_scale",
    "builtin_scale_names",
    "cronbach_alpha",
    "distance_travelled",
    "effect_size",
    "hierarchical_omega",
    "mcdonald_omega",
    "score_scale",
    "soft_outcome_summary",
    "stream_csv",
    "swemwbs_metric",
    # composite scores
    "AhpWeights",
    "CompositeResult",
    "PcaWeightsResult",
    "ahp_weights",
    "composite",
    "pca_weights",
    # sustainability
    "RevenueProfileResult",
    "SocialCapitalResult",
    "revenue_profile",
    "social_capital_profile",
    # uncertainty
    "OutputSummary",
    "RankUncertaintyResult",
    "SimulationResult",
    "SobolIndices",
    "Tornado",
    "rank_uncertainty",
    "simulate",
    # comparison
    "ComparisonResult",
    "LensResult",
    "PsaResult",
    "compare",
    "compare_cli_summary",
    "icers",
    "lenses",
    "net_benefit",
    "psa",
    # value of information
    "EvppiResult",
    "EvsiResult",
    "evppi",
    "evsi",
    # portfolios
    "Portfolio",
    "PortfolioResult",
    "check_portfolio",
    "evaluate_portfolio",
    "load_portfolio",
    # report
    "Report",
    "build_report",
    "run_demo",
    "write_report",
]
