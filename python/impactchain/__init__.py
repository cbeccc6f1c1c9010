"""impactchain: social impact measurement with a C++ core.

Hard (monetised) and soft (non-monetised) impact on one framework: outcome
chains, SROI and social cost-benefit, survey scales and composite scores,
Monte Carlo uncertainty, and comparison of interventions.
"""

from __future__ import annotations

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

from impactchain._result import json_ready  # noqa: E402
from impactchain._summary import Summary  # noqa: E402
from impactchain._notice import Notice, notice_codes  # noqa: E402

from impactchain.value import (  # noqa: E402
    DiscountBand,
    DiscountSchedule,
    ValueResult,
    value,
    value_parameters,
    value_totals,
)
from impactchain.soft import (  # noqa: E402
    AlphaResult,
    BootstrapCI,
    DistanceTravelled,
    EffectSizeResult,
    ScaleDefinition,
    ScaleScores,
    SoftOutcomeSummary,
    StreamingStats,
    bootstrap_alpha,
    bootstrap_mean,
    builtin_scale,
    builtin_scale_names,
    cronbach_alpha,
    distance_travelled,
    effect_size,
    score_scale,
    soft_outcome_summary,
    stream_csv,
    swemwbs_metric,
)
from impactchain.composite import (  # noqa: E402
    AhpWeights,
    CompositeResult,
    PcaWeightsResult,
    ahp_weights,
    composite,
    pca_weights,
)
from impactchain.sustainability import (  # noqa: E402
    RevenueProfileResult,
    SocialCapitalResult,
    revenue_profile,
    social_capital_profile,
)
from impactchain.uncertainty import (  # noqa: E402
    OutputSummary,
    RankUncertaintyResult,
    SimulationResult,
    SobolIndices,
    Tornado,
    rank_uncertainty,
    simulate,
)

from impactchain.compare import (  # noqa: E402
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

from impactchain.report import Report, build_report, write_report  # noqa: E402
from impactchain.demo import run_demo  # noqa: E402

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
    "ScaleDefinition",
    "ScaleScores",
    "SoftOutcomeSummary",
    "StreamingStats",
    "bootstrap_alpha",
    "bootstrap_mean",
    "builtin_scale",
    "builtin_scale_names",
    "cronbach_alpha",
    "distance_travelled",
    "effect_size",
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
    # report
    "Report",
    "build_report",
    "run_demo",
    "write_report",
]
