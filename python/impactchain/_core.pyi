"""
impactchain C++ core (use the impactchain package, which re-exports this).
"""
from __future__ import annotations
import collections.abc
import impactchain._notice
import numpy
import numpy.typing
import typing
__all__: list[str] = ['Acceptability', 'AhpResult', 'AlphaResult', 'BootstrapResult', 'CompositeChoices', 'CompositeLevel', 'CompositeResult', 'DiscountBand', 'DiscountSchedule', 'DistanceTravelled', 'Distribution', 'Edge', 'EffectSize', 'Exceedance', 'FunderValue', 'GroupChange', 'HierarchicalOmegaResult', 'IcerRow', 'IcerTable', 'IncrementalRow', 'Indicator', 'IndicatorOutliers', 'LensAgreement', 'Level', 'Model', 'ModelSimulation', 'NetBenefitRow', 'Node', 'OmegaResult', 'OutcomeChain', 'OutcomeValue', 'OutlierOptions', 'OutputSummary', 'Parameter', 'PcaWeights', 'PsaAcceptabilityPart', 'PsaPartRange', 'PsaRanksPart', 'PsaSummary', 'PsaSumsPart', 'RankCorrelation', 'RankUncertaintyOptions', 'RankUncertaintyPart', 'RankUncertaintyResult', 'RevenueProfile', 'ScaleDefinition', 'ScaleScores', 'SimulateOptions', 'SimulationResult', 'SobolRow', 'SobolTable', 'SocialCapitalProfile', 'Stakeholder', 'StakeholderValue', 'StreamingStats', 'SwitchingValue', 'TornadoRow', 'TornadoTable', 'ValidationError', 'ValueOptions', 'ValueResult', 'ValueYear', 'WinsorisedPoint', 'acceptability', 'acceptability_from_parts', 'acceptability_part', 'ahp_weights', 'bootstrap_alpha', 'bootstrap_hierarchical_omega', 'bootstrap_mean', 'bootstrap_omega', 'builtin_scale', 'builtin_scale_names', 'check_weights', 'composite', 'cronbach_alpha', 'defaults', 'distance_travelled', 'effect_size', 'expected_incremental_benefit', 'hierarchical_omega', 'hierarchical_omega_from_covariance', 'icers', 'join_psa_parts', 'join_rank_uncertainty_parts', 'lens_agreement', 'load_model', 'load_model_json', 'max_histogram_bins', 'max_wtp_grid', 'mcdonald_omega', 'model_file_limits', 'model_schema_version', 'net_benefit', 'notice_codes', 'notice_singulars', 'omega_from_covariance', 'parse_model', 'pca_weights', 'psa_block_draws', 'psa_means_from_parts', 'psa_squares_part', 'psa_summary', 'psa_summary_from_parts', 'psa_sums_part', 'rank_probabilities', 'rank_probabilities_from_parts', 'rank_probabilities_part', 'rank_segment_draws', 'rank_uncertainty', 'rank_uncertainty_from_parts', 'rank_uncertainty_part', 'revenue_profile', 'score_scale', 'simulate_model', 'social_capital_profile', 'swemwbs_metric', 'treat_outliers_coinr', 'value', 'value_parameters', 'value_totals', 'versus_reference']
class ValidationError(ValueError):
    """
    Invalid input. ``issues`` lists every problem as (path, message) pairs; ``lines`` and ``columns`` give each one's 1-based position in the text read (None where unknown); ``count`` is how many problems it stands for, the listed ones and those only counted ("and 190 more …").
    """
    issues: list[tuple[str, str]]
    lines: list[int | None]
    columns: list[int | None]
    count: int
class Distribution:
    """
    Kinds of Parameter.
    
    Members:
    
      fixed
    
      uniform
    
      triangular
    
      pert
    
      normal
    
      lognormal
    
      beta
    
      discrete
    """
    __members__: typing.ClassVar[dict[str, Distribution]]
    beta: typing.ClassVar[Distribution]
    discrete: typing.ClassVar[Distribution]
    fixed: typing.ClassVar[Distribution]
    lognormal: typing.ClassVar[Distribution]
    normal: typing.ClassVar[Distribution]
    pert: typing.ClassVar[Distribution]
    triangular: typing.ClassVar[Distribution]
    uniform: typing.ClassVar[Distribution]
    @typing.overload
    def __eq__(self, other: Distribution) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: Distribution) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class Parameter:
    """
    A numeric assumption: a fixed value or a distribution with a central value.
    
    Deterministic results use ``central`` (the mode for triangular and PERT, the
    mean otherwise); the uncertainty engine samples through ``quantile``.
    Build with ``Parameter(0.25)`` or the named constructors, e.g.
    ``Parameter.triangular(low=0.2, mode=0.3, high=0.45)``.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def beta(alpha: typing.SupportsFloat | typing.SupportsIndex, beta: typing.SupportsFloat | typing.SupportsIndex, low: typing.SupportsFloat | typing.SupportsIndex = 0.0, high: typing.SupportsFloat | typing.SupportsIndex = 1.0) -> Parameter:
        """
        Beta(alpha, beta) scaled to [low, high].
        """
    @staticmethod
    def discrete(values: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], weights: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] = []) -> Parameter:
        """
        Discrete / empirical values with weights (equal when omitted).
        """
    @staticmethod
    def fixed(value: typing.SupportsFloat | typing.SupportsIndex) -> Parameter:
        ...
    @staticmethod
    def from_dict(data: typing.Any) -> Parameter:
        """
        Builds the object from its model-file form, validating it.
        """
    @staticmethod
    def lognormal(meanlog: typing.SupportsFloat | typing.SupportsIndex, sdlog: typing.SupportsFloat | typing.SupportsIndex) -> Parameter:
        """
        log(X) ~ Normal(meanlog, sdlog).
        """
    @staticmethod
    def lognormal_from_moments(mean: typing.SupportsFloat | typing.SupportsIndex, sd: typing.SupportsFloat | typing.SupportsIndex) -> Parameter:
        """
        Lognormal with the given mean and SD of X.
        """
    @staticmethod
    def normal(mean: typing.SupportsFloat | typing.SupportsIndex, sd: typing.SupportsFloat | typing.SupportsIndex, lower: typing.SupportsFloat | typing.SupportsIndex = ..., upper: typing.SupportsFloat | typing.SupportsIndex = ...) -> Parameter:
        """
        Normal, optionally truncated to [lower, upper].
        """
    @staticmethod
    def pert(low: typing.SupportsFloat | typing.SupportsIndex, mode: typing.SupportsFloat | typing.SupportsIndex, high: typing.SupportsFloat | typing.SupportsIndex, lambda_: typing.SupportsFloat | typing.SupportsIndex = 4.0) -> Parameter:
        """
        PERT (beta) on [low, high] with the given mode; central value = mode.
        """
    @staticmethod
    def triangular(low: typing.SupportsFloat | typing.SupportsIndex, mode: typing.SupportsFloat | typing.SupportsIndex, high: typing.SupportsFloat | typing.SupportsIndex) -> Parameter:
        """
        Triangular with low <= mode <= high; central value = mode.
        """
    @staticmethod
    def uniform(low: typing.SupportsFloat | typing.SupportsIndex, high: typing.SupportsFloat | typing.SupportsIndex) -> Parameter:
        """
        Uniform on [low, high], low < high.
        """
    def __copy__(self) -> Parameter:
        ...
    def __deepcopy__(self, memo: dict) -> Parameter:
        ...
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> tuple[int, typing.Any]:
        ...
    def __init__(self, value: typing.SupportsFloat | typing.SupportsIndex) -> None:
        """
        A fixed value (finite).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def check_within(self, low: typing.SupportsFloat | typing.SupportsIndex, high: typing.SupportsFloat | typing.SupportsIndex) -> str:
        """
        Empty string when every possible value lies in [low, high], else the reason.
        """
    @typing.overload
    def quantile(self, u: typing.SupportsFloat | typing.SupportsIndex) -> float:
        """
        Inverse CDF at probability u in [0, 1].
        """
    @typing.overload
    def quantile(self, u: typing.Annotated[numpy.typing.ArrayLike, numpy.float64]) -> numpy.typing.NDArray[numpy.float64]:
        """
        Inverse CDF at each probability of an array.
        """
    def to_dict(self) -> typing.Any:
        """
        The object as plain dicts, lists and numbers (the model-file form).
        """
    @property
    def arg_names(self) -> list[str]:
        ...
    @property
    def args(self) -> list[float]:
        """
        Defining numbers (names: see arg_names).
        """
    @property
    def central(self) -> float:
        """
        Value used by deterministic results.
        """
    @property
    def is_fixed(self) -> bool:
        ...
    @property
    def kind(self) -> Distribution:
        ...
    @property
    def lower(self) -> float:
        """
        Smallest possible value (may be -inf).
        """
    @property
    def mean(self) -> float:
        ...
    @property
    def upper(self) -> float:
        """
        Largest possible value (may be inf).
        """
    @property
    def weights(self) -> list[float]:
        ...
class Stakeholder:
    """
    A group that experiences outcomes or pays for them.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_dict(data: typing.Any) -> Stakeholder:
        """
        Builds the object from its model-file form, validating it.
        """
    def __copy__(self) -> Stakeholder:
        ...
    def __deepcopy__(self, memo: dict) -> Stakeholder:
        ...
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> tuple[int, typing.Any]:
        ...
    def __init__(self, id: str, name: str = '', description: str = '') -> None:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def to_dict(self) -> typing.Any:
        """
        The object as plain dicts, lists and numbers (the model-file form).
        """
    @property
    def description(self) -> str:
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
class Indicator:
    """
    What is measured.
    
    Parameters
    ----------
    id : str
    unit : str
        Unit of measurement, e.g. ``'persons'``, ``'EUR'``, ``'points (0-10)'``.
    name : str
    kind : {'hard', 'soft'}
        Hard: counted or monetised. Soft: wellbeing, social capital, liveability.
    direction : {'higher', 'lower'}
        Whether a higher value is better.
    scale : (min, max) or {'min': .., 'max': ..}, optional
        Bounds of a rating scale.
    stakeholder, source, catalogue : str
        Stakeholder id, data source or method, catalogue code (e.g. IRIS+).
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_dict(data: typing.Any) -> Indicator:
        """
        Builds the object from its model-file form, validating it.
        """
    def __copy__(self) -> Indicator:
        ...
    def __deepcopy__(self, memo: dict) -> Indicator:
        ...
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> tuple[int, typing.Any]:
        ...
    def __init__(self, id: str, unit: str, name: str = '', kind: str = 'hard', direction: str = 'higher', scale: typing.Any = None, stakeholder: str = '', source: str = '', catalogue: str = '') -> None:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def to_dict(self) -> typing.Any:
        """
        The object as plain dicts, lists and numbers (the model-file form).
        """
    @property
    def catalogue(self) -> str:
        ...
    @property
    def direction(self) -> str:
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def iris_metric(self) -> str | None:
        """
        The IRIS+ metric id of ``catalogue`` ('IRIS+ PI4060' -> 'PI4060'), or None when it names no IRIS+ metric.
        """
    @property
    def kind(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def scale(self) -> typing.Any:
        ...
    @property
    def source(self) -> str:
        ...
    @property
    def stakeholder(self) -> str:
        ...
    @property
    def unit(self) -> str:
        ...
class Level:
    """
    Levels of a results chain, in order.
    
    Members:
    
      input
    
      activity
    
      output
    
      outcome
    
      impact
    """
    __members__: typing.ClassVar[dict[str, Level]]
    activity: typing.ClassVar[Level]
    impact: typing.ClassVar[Level]
    input: typing.ClassVar[Level]
    outcome: typing.ClassVar[Level]
    output: typing.ClassVar[Level]
    @typing.overload
    def __eq__(self, other: Level) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: Level) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class Node:
    """
    A step of the outcome chain (input, activity, output, outcome or impact).
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_dict(data: typing.Any) -> Node:
        """
        Builds the object from its model-file form, validating it.
        """
    def __copy__(self) -> Node:
        ...
    def __deepcopy__(self, memo: dict) -> Node:
        ...
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> tuple[int, typing.Any]:
        ...
    def __init__(self, id: str, level: typing.Any, name: str = '', quantity: typing.Any = None, unit: str = '', indicator: str = '') -> None:
        """
        quantity: a number or Parameter (amount of the node, e.g. 40 participants; >= 0).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def to_dict(self) -> typing.Any:
        """
        The object as plain dicts, lists and numbers (the model-file form).
        """
    @property
    def id(self) -> str:
        ...
    @property
    def indicator(self) -> str:
        ...
    @property
    def level(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def quantity(self) -> typing.Any:
        ...
    @property
    def unit(self) -> str:
        ...
class Edge:
    """
    A causal link; with a rate in [0, 1], quantity flows: q(target) += rate * q(source).
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_dict(data: typing.Any) -> Edge:
        """
        Builds the object from its model-file form, validating it.
        """
    def __copy__(self) -> Edge:
        ...
    def __deepcopy__(self, memo: dict) -> Edge:
        ...
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> tuple[int, typing.Any]:
        ...
    def __init__(self, source: str, target: str, rate: typing.Any = None) -> None:
        """
        source, target: node ids (the model file calls them `from` and `to`).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def to_dict(self) -> typing.Any:
        """
        The object as plain dicts, lists and numbers (the model-file form).
        """
    @property
    def rate(self) -> typing.Any:
        ...
    @property
    def source(self) -> str:
        ...
    @property
    def target(self) -> str:
        ...
class OmegaResult:
    """
    McDonald's omega with its one-factor fit.
    """
    @property
    def common_variance(self) -> float:
        ...
    @property
    def converged(self) -> bool:
        ...
    @property
    def items(self) -> list[str]:
        ...
    @property
    def iterations(self) -> int:
        ...
    @property
    def loadings(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def matrix(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
        ...
    @property
    def method(self) -> str:
        ...
    @property
    def min_pair_n(self) -> int:
        ...
    @property
    def missing(self) -> str:
        ...
    @property
    def model_variance(self) -> float:
        ...
    @property
    def n(self) -> int:
        ...
    @property
    def n_items(self) -> int:
        ...
    @property
    def n_rows(self) -> int:
        ...
    @property
    def observed_variance(self) -> float:
        ...
    @property
    def omega(self) -> float:
        ...
    @property
    def rmsr(self) -> float:
        ...
    @property
    def standardised(self) -> bool:
        ...
    @property
    def standardised_loadings(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def total_variance(self) -> str:
        ...
    @property
    def unique_variance(self) -> float:
        ...
    @property
    def uniquenesses(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def warnings(self) -> list[impactchain._notice.Notice]:
        ...
class HierarchicalOmegaResult:
    """
    Hierarchical omega with its group factors and Schmid–Leiman general factor.
    """
    @property
    def communalities(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def correlations(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
        ...
    @property
    def explained_common_variance(self) -> float:
        ...
    @property
    def factor_correlations(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
        ...
    @property
    def fit_converged(self) -> bool:
        ...
    @property
    def fit_iterations(self) -> int:
        ...
    @property
    def general_factor_loadings(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def general_loadings(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def group_loadings(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
        ...
    @property
    def groups(self) -> int:
        ...
    @property
    def items(self) -> list[str]:
        ...
    @property
    def min_pair_n(self) -> int:
        ...
    @property
    def missing(self) -> str:
        ...
    @property
    def n(self) -> int:
        ...
    @property
    def n_items(self) -> int:
        ...
    @property
    def n_rows(self) -> int:
        ...
    @property
    def omega_hierarchical(self) -> float:
        ...
    @property
    def omega_limit(self) -> float:
        ...
    @property
    def omega_total(self) -> float:
        ...
    @property
    def pattern(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
        ...
    @property
    def rmsr(self) -> float:
        ...
    @property
    def rotation_converged(self) -> bool:
        ...
    @property
    def rotation_iterations(self) -> int:
        ...
    @property
    def total_variance(self) -> float:
        ...
    @property
    def uniquenesses(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def warnings(self) -> list[impactchain._notice.Notice]:
        ...
class OutcomeChain:
    """
    The theory of change: nodes at levels input -> activity -> output -> outcome ->
    impact, validated as a DAG whose edges never go back a level and in which every
    outcome is reachable from an activity. Quantities flow along edges with rates.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_dict(data: typing.Any) -> OutcomeChain:
        """
        Builds the object from its model-file form, validating it.
        """
    def __contains__(self, id: str) -> bool:
        ...
    def __copy__(self) -> OutcomeChain:
        ...
    def __deepcopy__(self, memo: dict) -> OutcomeChain:
        ...
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> tuple[int, typing.Any]:
        ...
    @typing.overload
    def __init__(self) -> None:
        ...
    @typing.overload
    def __init__(self, nodes: collections.abc.Sequence[Node], edges: collections.abc.Sequence[Edge] = []) -> None:
        ...
    def __len__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def downstream(self, id: str) -> list[str]:
        """
        Ids of the nodes reachable from id.
        """
    def node(self, id: str) -> Node:
        ...
    def paths(self, source: str, target: str) -> list[list[str]]:
        """
        Every path (list of ids) from source to target.
        """
    def quantities(self) -> dict[str, float | None]:
        """
        Central quantity of each node (None where no quantity reaches it).
        """
    def to_dict(self) -> typing.Any:
        """
        The object as plain dicts, lists and numbers (the model-file form).
        """
    def topological_order(self) -> list[str]:
        """
        Node ids in an order where every edge points forward (Kahn; ties by file order).
        """
    @property
    def edges(self) -> list[Edge]:
        ...
    @property
    def nodes(self) -> list[Node]:
        ...
class Model:
    """
    One intervention or organisation: metadata, stakeholders, indicators, the
    outcome chain, monetised outcomes (Value Map), investments, discounting and
    soft outcomes. Load with ``impactchain.load(path)`` or ``Model.from_dict(d)``.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_dict(data: typing.Any) -> Model:
        """
        Builds the object from its model-file form, validating it.
        """
    def __copy__(self) -> Model:
        ...
    def __deepcopy__(self, memo: dict) -> Model:
        ...
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> tuple[int, typing.Any]:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def to_dict(self) -> typing.Any:
        """
        The object as plain dicts, lists and numbers (the model-file form).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        """
        The model as model-file JSON text.
        """
    def localised(self, lang: str) -> Model:
        """
        The same model with `lang` as its language: each text given in several languages in `lang` (else in the same language of another region, else English, else the first given); nothing is dropped.
        """
    @property
    def language(self) -> str | None:
        """
        Language of the model's own text (the file's `language:`), or None when not given.
        """
    @property
    def languages(self) -> list[str]:
        """
        Languages the model's text is given in: `language` first, then every other language of a text given in several languages, alphabetically.
        """
    @property
    def texts(self) -> dict:
        """
        Text fields given in several languages: {path in the model file: {language: text}}, e.g. {'outcomes[0].name': {'nl': 'Werk', 'en': 'Work'}}.
        """
    @property
    def chain(self) -> OutcomeChain:
        ...
    @property
    def currency(self) -> str:
        ...
    @property
    def description(self) -> str:
        ...
    @property
    def indicators(self) -> list[Indicator]:
        ...
    @property
    def investments(self) -> typing.Any:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def notes(self) -> str:
        ...
    @property
    def organisation(self) -> str:
        ...
    @property
    def outcomes(self) -> typing.Any:
        """
        Monetised outcomes (Value Map rows) in model-file form.
        """
    @property
    def period(self) -> typing.Any:
        """
        (first year, last year) of the activity period, or None.
        """
    @property
    def price_year(self) -> int | None:
        ...
    @property
    def read_warnings(self) -> list[impactchain._notice.Notice]:
        """
        Plausibility warnings from reading the model file, as 'path (line L, column C): message' (e.g. an amount written 150.000, read as 150). value() and simulate() repeat them; they are not part of the model (not in to_json or pickles).
        """
    @property
    def role(self) -> str:
        """
        'intervention' or 'comparator'.
        """
    @property
    def soft_outcomes(self) -> typing.Any:
        ...
    @property
    def source_path(self) -> str | None:
        """
        Absolute path of the file the model was read from (data paths are relative to its folder), or None.
        """
    @property
    def stakeholders(self) -> list[Stakeholder]:
        ...
class DiscountBand:
    """
    Years from..to (inclusive; to None = open-ended) at one rate.
    """
    def __init__(self, from_: typing.SupportsInt | typing.SupportsIndex, to: typing.SupportsInt | typing.SupportsIndex | None, rate: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def from_(self) -> int:
        ...
    @property
    def rate(self) -> float:
        ...
    @property
    def to(self) -> int | None:
        ...
class DiscountSchedule:
    """
    Discount rates by year and cumulative factors D_t = prod_{k=1..t} 1/(1+r_k), D_0 = 1.
    Presets: green_book() and green_book_health() (HM Treasury Green Book 2022 Annex A6),
    nl_2021() (Dutch MKBA 2.25 %); or constant(rate), from_rates([...]), from_bands([...]).
    """
    @staticmethod
    def constant(rate: typing.SupportsFloat | typing.SupportsIndex) -> DiscountSchedule:
        """
        One rate in [0, 1] for every year.
        """
    @staticmethod
    def from_bands(bands: collections.abc.Sequence[DiscountBand]) -> DiscountSchedule:
        """
        Bands of years without gaps; the first starts at year 0 or 1.
        """
    @staticmethod
    def from_rates(rates: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]) -> DiscountSchedule:
        """
        Rates r_1, r_2, ...; the last repeats.
        """
    @staticmethod
    def green_book() -> DiscountSchedule:
        """
        Green Book STPR: 3.5 % years 0-30, 3 % 31-75, ...
        """
    @staticmethod
    def green_book_health() -> DiscountSchedule:
        """
        Green Book health: 1.5 % years 0-30, ...
        """
    @staticmethod
    def named(name: str) -> DiscountSchedule:
        """
        green_book, green_book_health or nl_2021.
        """
    @staticmethod
    def nl_2021() -> DiscountSchedule:
        """
        Netherlands MKBA since 2021: 2.25 %.
        """
    def __repr__(self) -> str:
        ...
    def describe(self) -> str:
        ...
    def factor(self, t: typing.SupportsInt | typing.SupportsIndex) -> float:
        """
        Cumulative factor D_t (t >= 0 years).
        """
    def factor_for_year(self, year: typing.SupportsInt | typing.SupportsIndex, *, discount_first_year: bool = True) -> float:
        """
        Factor of a value in year `year` (>= 1): D_year, or D_(year-1) when discount_first_year is False.
        """
    def factors(self, n: typing.SupportsInt | typing.SupportsIndex) -> numpy.typing.NDArray[numpy.float64]:
        """
        D_0 ... D_n as a numpy array.
        """
    def rate(self, year: typing.SupportsInt | typing.SupportsIndex) -> float:
        """
        Rate of year `year` (fraction, e.g. 0.035).
        """
    @property
    def bands(self) -> list[DiscountBand]:
        ...
    @property
    def name(self) -> str:
        ...
class ValueYear:
    """
    One outcome in one valuation year (year 1 = first year of the activity period).
    """
    @property
    def after_attribution(self) -> float:
        ...
    @property
    def after_leakage(self) -> float:
        ...
    @property
    def after_deadweight(self) -> float:
        ...
    @property
    def after_displacement(self) -> float:
        ...
    @property
    def after_drop_off(self) -> float:
        ...
    @property
    def discount_factor(self) -> float:
        ...
    @property
    def discounted(self) -> float:
        ...
    @property
    def gross(self) -> float:
        ...
    @property
    def outcome(self) -> str:
        ...
    @property
    def stakeholder(self) -> str:
        ...
    @property
    def year(self) -> int:
        ...
class OutcomeValue:
    """
    One Value Map row with its central numbers.
    """
    @property
    def beneficiaries(self) -> list[tuple[str, float]]:
        """
        (stakeholder, share) when the value is split.
        """
    @property
    def attribution(self) -> float:
        ...
    @property
    def leakage(self) -> float:
        ...
    @property
    def deadweight(self) -> float:
        ...
    @property
    def displacement(self) -> float:
        ...
    @property
    def drop_off(self) -> float:
        ...
    @property
    def duration(self) -> float:
        ...
    @property
    def first_year(self) -> int:
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def impact(self) -> float:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def negative(self) -> bool:
        ...
    @property
    def node(self) -> str:
        ...
    @property
    def present_value(self) -> float:
        ...
    @property
    def proxy_source(self) -> str:
        ...
    @property
    def quantity(self) -> float:
        ...
    @property
    def stakeholder(self) -> str:
        ...
    @property
    def undiscounted(self) -> float:
        ...
    @property
    def unit_proxy(self) -> float:
        """
        Money per unit per year, model currency and price year.
        """
    @property
    def valuation(self) -> str:
        """
        'proxy' or 'wellby' (wellbeing valuation).
        """
class StakeholderValue:
    @property
    def present_value(self) -> float:
        ...
    @property
    def share(self) -> float:
        ...
    @property
    def stakeholder(self) -> str:
        ...
    @property
    def undiscounted(self) -> float:
        ...
class FunderValue:
    @property
    def amount(self) -> float:
        ...
    @property
    def funder(self) -> str:
        ...
    @property
    def present_value(self) -> float:
        ...
    @property
    def share(self) -> float:
        ...
class PartyLedger:
    """
    One party's line of the ledger: who pays, who gains (central values).
    """
    @property
    def funder(self) -> bool:
        """
        Pays at least one investment.
        """
    @property
    def gains(self) -> float:
        """
        Present value of its shares of the outcomes.
        """
    @property
    def name(self) -> str:
        """
        A stakeholder's name in the model's language (its id without one), else party.
        """
    @property
    def net(self) -> float:
        """
        gains - pays.
        """
    @property
    def party(self) -> str:
        ...
    @property
    def pays(self) -> float:
        """
        Its investments as counted in PV(investment).
        """
    @property
    def stakeholder(self) -> bool:
        """
        One of the model's stakeholders.
        """
    @property
    def unvalued_hours(self) -> float:
        """
        Volunteer hours without an hourly value.
        """
    @property
    def volunteer_hours(self) -> float:
        ...
class SwitchingValue:
    """
    Value of one assumption at which the SROI ratio is 1 (None: never).
    """
    @property
    def central(self) -> float:
        ...
    @property
    def domain_high(self) -> float:
        ...
    @property
    def domain_low(self) -> float:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def note(self) -> impactchain._notice.Notice:
        """
        Why value is None ('' when it is given).
        """
    @property
    def value(self) -> float | None:
        ...
class ValueResult:
    """
    Deterministic monetised value (use impactchain.value for tables).
    """
    @property
    def assumptions(self) -> list[impactchain._notice.Notice]:
        ...
    @property
    def by_funder(self) -> list[FunderValue]:
        ...
    @property
    def by_stakeholder(self) -> list[StakeholderValue]:
        ...
    @property
    def currency(self) -> str:
        ...
    @property
    def discount(self) -> str:
        ...
    @property
    def investment(self) -> float:
        ...
    @property
    def investment_pv(self) -> float:
        ...
    @property
    def ledger(self) -> list[PartyLedger]:
        ...
    @property
    def net_sroi(self) -> float | None:
        ...
    @property
    def npv(self) -> float:
        ...
    @property
    def options(self) -> dict:
        ...
    @property
    def outcomes(self) -> list[OutcomeValue]:
        ...
    @property
    def payback_method(self) -> str:
        ...
    @property
    def payback_effects(self) -> float:
        ...
    @property
    def payback_months(self) -> float | None:
        ...
    @property
    def payback_reached(self) -> bool | None:
        ...
    @property
    def period_years(self) -> int:
        ...
    @property
    def present_value(self) -> float:
        ...
    @property
    def price_year(self) -> int:
        ...
    @property
    def sroi_note(self) -> impactchain._notice.Notice:
        """
        Why sroi_ratio is None ('' when it is given).
        """
    @property
    def sroi_ratio(self) -> float | None:
        ...
    @property
    def switching_values(self) -> list[SwitchingValue]:
        ...
    @property
    def warnings(self) -> list[impactchain._notice.Notice]:
        ...
    @property
    def yearly(self) -> list[ValueYear]:
        ...
class RevenueProfile:
    """
    Revenue mix: diversification and dependence.
    """
    @property
    def diversification(self) -> float:
        ...
    @property
    def diversification_normalised(self) -> float:
        ...
    @property
    def effective_sources(self) -> float:
        ...
    @property
    def hhi(self) -> float:
        ...
    @property
    def largest_share(self) -> float:
        ...
    @property
    def largest_source(self) -> str:
        ...
    @property
    def municipality_share(self) -> float:
        ...
    @property
    def share_by_type(self) -> dict[str, float]:
        ...
    @property
    def shares(self) -> list[float]:
        ...
    @property
    def sources(self) -> list[str]:
        ...
    @property
    def total(self) -> float:
        ...
    @property
    def warnings(self) -> list[impactchain._notice.Notice]:
        ...
class SocialCapitalProfile:
    """
    Social capital scores by dimension.
    """
    @property
    def dimension_count(self) -> dict[str, int]:
        ...
    @property
    def dimension_score(self) -> dict[str, float]:
        ...
    @property
    def indicators(self) -> list[str]:
        ...
    @property
    def scores(self) -> list[float]:
        ...
    @property
    def warnings(self) -> list[impactchain._notice.Notice]:
        ...
class StreamingStats:
    """
    Mergeable weighted count, mean, variance, min, max and quantiles over chunks of data.
    Moments: Boost.Accumulators per chunk, merged with Chan et al. (1979); quantiles from a
    fixed-grid histogram (exact on a discrete grid).
    """
    @staticmethod
    def continuous(lo: typing.SupportsFloat | typing.SupportsIndex, hi: typing.SupportsFloat | typing.SupportsIndex, bins: typing.SupportsInt | typing.SupportsIndex) -> StreamingStats:
        """
        Quantiles interpolated within `bins` equal-width bins over [lo, hi] (error <= bin width);
        1 <= bins <= max_histogram_bins (10^6).
        """
    @staticmethod
    def discrete(lo: typing.SupportsInt | typing.SupportsIndex, hi: typing.SupportsInt | typing.SupportsIndex) -> StreamingStats:
        """
        Exact quantiles for integer values in [lo, hi] (hi - lo + 1 <= max_histogram_bins, 10^6).
        """
    def add(self, x: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, 1]"], *, weights: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, 1]"] | None = None) -> None:
        """
        Adds a chunk (NaN skipped and counted; frequency weights >= 0). A rejected chunk changes nothing.
        """
    def merge(self, other: StreamingStats) -> None:
        """
        Adds another summary on the same grid.
        """
    def quantile(self, p: typing.SupportsFloat | typing.SupportsIndex) -> float:
        """
        Quantile p in [0, 1] (discrete grid: inverse CDF, exact).
        """
    @property
    def counts(self) -> list[float]:
        ...
    @property
    def is_discrete(self) -> bool:
        ...
    @property
    def max(self) -> float:
        ...
    @property
    def mean(self) -> float:
        ...
    @property
    def min(self) -> float:
        ...
    @property
    def n_missing(self) -> int:
        ...
    @property
    def population_variance(self) -> float:
        ...
    @property
    def sd(self) -> float:
        ...
    @property
    def sum_of_weights(self) -> float:
        ...
    @property
    def variance(self) -> float:
        """
        Frequency-weight sample variance M2/(W-1).
        """
class OutlierOptions:
    """
    Thresholds and point limit of COINr's outlier treatment.
    """
    def __init__(self, *, skew_threshold: typing.SupportsFloat | typing.SupportsIndex = 2.0, kurtosis_threshold: typing.SupportsFloat | typing.SupportsIndex = 3.5, max_points: typing.SupportsInt | typing.SupportsIndex = 5) -> None:
        """
        An indicator fails when |skewness| >= skew_threshold and kurtosis >= kurtosis_threshold;
        winsorising stops once max_points points are winsorised.
        """
    @property
    def kurtosis_threshold(self) -> float:
        ...
    @property
    def max_points(self) -> int:
        ...
    @property
    def skew_threshold(self) -> float:
        ...
class WinsorisedPoint:
    """
    One winsorised cell: unit row, value before and after, side.
    """
    @property
    def high(self) -> bool:
        ...
    @property
    def unit(self) -> int:
        ...
    @property
    def value(self) -> float:
        ...
    @property
    def winsorised_to(self) -> float:
        ...
class IndicatorOutliers:
    """
    The outlier treatment of one indicator (one row of the table).
    """
    @property
    def decision(self) -> str:
        """
        'pass', 'winsorised', 'log' or 'undefined'.
        """
    @property
    def indicator(self) -> str:
        ...
    @property
    def kurtosis_after(self) -> float:
        ...
    @property
    def kurtosis_before(self) -> float:
        ...
    @property
    def kurtosis_winsorised(self) -> float:
        ...
    @property
    def log_transform(self) -> bool:
        ...
    @property
    def passes_after(self) -> bool:
        ...
    @property
    def points(self) -> list[WinsorisedPoint]:
        ...
    @property
    def points_tried(self) -> int:
        ...
    @property
    def skew_after(self) -> float:
        ...
    @property
    def skew_before(self) -> float:
        ...
    @property
    def skew_winsorised(self) -> float:
        ...
class CompositeLevel:
    """
    One aggregation level of a composite hierarchy.
    """
    def __init__(self, name: str, parents: collections.abc.Sequence[str], *, weights: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] = [], method: str = 'arithmetic', power: typing.SupportsFloat | typing.SupportsIndex = 1.0) -> None:
        """
        Parameters
        ----------
        name : str
        parents : list of str
            Parent node of each node of the level below.
        weights : list of float
            Weight of each child within its parent (sum 1 per parent); empty = equal.
        method : {'arithmetic', 'geometric', 'harmonic', 'generalised'}
        power : float
            Generalised-mean exponent.
        """
    @property
    def method(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def parents(self) -> list[str]:
        ...
    @property
    def power(self) -> float:
        ...
    @property
    def weights(self) -> list[float]:
        ...
class CompositeResult:
    """
    Every step of a composite score.
    """
    @property
    def aggregated(self) -> list[typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]]:
        ...
    @property
    def imputed(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
        ...
    @property
    def indicators(self) -> list[str]:
        ...
    @property
    def level_names(self) -> list[str]:
        ...
    @property
    def level_nodes(self) -> list[list[str]]:
        ...
    @property
    def level_weights(self) -> list[list[float]]:
        ...
    @property
    def n_clipped(self) -> typing.Annotated[numpy.typing.NDArray[numpy.int32], "[m, 1]"]:
        ...
    @property
    def n_imputed(self) -> int:
        ...
    @property
    def normalised(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
        ...
    @property
    def options(self) -> list[tuple[str, str]]:
        ...
    @property
    def outliers(self) -> list[IndicatorOutliers]:
        """
        COINr treatment table rows (outliers='coinr'), one per indicator.
        """
    @property
    def raw(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
        ...
    @property
    def treated(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
        ...
    @property
    def units(self) -> list[str]:
        ...
    @property
    def warnings(self) -> list[impactchain._notice.Notice]:
        ...
class AhpResult:
    """
    AHP weights and consistency.
    """
    @property
    def consistency_index(self) -> float:
        ...
    @property
    def consistency_ratio(self) -> float:
        ...
    @property
    def consistent(self) -> bool:
        ...
    @property
    def lambda_max(self) -> float:
        ...
    @property
    def random_index(self) -> float:
        ...
    @property
    def warnings(self) -> list[impactchain._notice.Notice]:
        ...
    @property
    def weights(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
class PcaWeights:
    """
    PCA-based weights.
    """
    @property
    def component(self) -> list[int]:
        ...
    @property
    def eigenvalues(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def loadings(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
        ...
    @property
    def method(self) -> str:
        ...
    @property
    def n_components(self) -> int:
        ...
    @property
    def weights(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
class ScaleDefinition:
    """
    A survey scale: items, item range, reverse keying, missing-item rule.
    """
    def __init__(self, id: str, items: collections.abc.Sequence[str], *, item_min: typing.SupportsFloat | typing.SupportsIndex, item_max: typing.SupportsFloat | typing.SupportsIndex, reverse_items: collections.abc.Sequence[str] = [], scoring: str = 'sum', max_missing: typing.SupportsInt | typing.SupportsIndex = 0, higher_is_better: bool = True, name: str = '', conversion: str = '', licence: str = '', licence_code: str = '', source: str = '') -> None:
        """
        Parameters
        ----------
        id : str
        items : list of str
            Item (column) names in order.
        item_min, item_max : float
            Allowed response range of every item.
        reverse_items : list of str
            Items rescored as item_min + item_max - x.
        scoring : {'sum', 'mean'}
        max_missing : int
            Respondents missing at most this many items are pro-rated; more -> missing score.
        conversion : {'', 'swemwbs_rasch'}
        licence, source : str
        licence_code : {'', 'warwick', 'ons_ogl'}
            A built-in licence by its code (its text filled in, a report gives it in the reader's language);
            '' for a licence given as text, shown as it is.
        """
    def __repr__(self) -> str:
        ...
    def with_max_missing(self, max_missing: typing.SupportsInt | typing.SupportsIndex) -> ScaleDefinition:
        """
        A copy allowing `max_missing` pro-rated items.
        """
    @property
    def conversion(self) -> str:
        ...
    @property
    def higher_is_better(self) -> bool:
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def item_max(self) -> float:
        ...
    @property
    def item_min(self) -> float:
        ...
    @property
    def items(self) -> list[str]:
        ...
    @property
    def licence(self) -> str:
        ...
    @property
    def licence_code(self) -> str:
        """
        The licence's identity ('warwick', 'ons_ogl'; '' for a text of the scale's own): a report gives a coded licence in its reader's language, any other text as it is.
        """
    @property
    def max_missing(self) -> int:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def reverse_items(self) -> list[str]:
        ...
    @property
    def score_range(self) -> tuple[float, float]:
        """
        (low, high) of a respondent's final score: the item range for a mean, k times it for a sum.
        """
    @property
    def scoring(self) -> str:
        ...
    @property
    def source(self) -> str:
        ...
class ScaleScores:
    """
    Scores per respondent and what the missing-item rule did.
    """
    @property
    def keyed(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
        """
        (n x k) the item scores the raw score is made of: each response as given, a reverse-keyed item's as item_min + item_max - response; NaN = missing (not pro-rated).
        """
    @property
    def n_missing(self) -> typing.Annotated[numpy.typing.NDArray[numpy.int32], "[m, 1]"]:
        ...
    @property
    def n_missing_score(self) -> int:
        ...
    @property
    def n_prorated(self) -> int:
        ...
    @property
    def raw(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def score(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def warnings(self) -> list[impactchain._notice.Notice]:
        ...
class AlphaResult:
    """
    Cronbach's alpha with its Feldt CI and item statistics.
    """
    @property
    def alpha(self) -> float:
        ...
    @property
    def alpha_if_dropped(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def ci_high(self) -> float:
        ...
    @property
    def ci_level(self) -> float:
        ...
    @property
    def ci_low(self) -> float:
        ...
    @property
    def ci_method(self) -> str:
        ...
    @property
    def covariance(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
        ...
    @property
    def item_rest_r(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def item_total_r(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def items(self) -> list[str]:
        ...
    @property
    def min_pair_n(self) -> int:
        ...
    @property
    def missing(self) -> str:
        ...
    @property
    def n(self) -> int:
        ...
    @property
    def n_items(self) -> int:
        ...
    @property
    def n_rows(self) -> int:
        ...
    @property
    def warnings(self) -> list[impactchain._notice.Notice]:
        ...
class EffectSize:
    """
    A standardised effect size with its convention and CI.
    """
    @property
    def ci_high(self) -> float:
        ...
    @property
    def ci_level(self) -> float:
        ...
    @property
    def ci_low(self) -> float:
        ...
    @property
    def ci_method(self) -> str:
        ...
    @property
    def convention(self) -> str:
        ...
    @property
    def kind(self) -> str:
        ...
    @property
    def mean_a(self) -> float:
        ...
    @property
    def mean_b(self) -> float:
        ...
    @property
    def n_a(self) -> int:
        ...
    @property
    def n_b(self) -> int:
        ...
    @property
    def n_dropped(self) -> int:
        ...
    @property
    def paired(self) -> bool:
        ...
    @property
    def r(self) -> float:
        ...
    @property
    def sd_a(self) -> float:
        ...
    @property
    def sd_b(self) -> float:
        ...
    @property
    def se(self) -> float:
        ...
    @property
    def value(self) -> float:
        ...
    @property
    def warnings(self) -> list[impactchain._notice.Notice]:
        ...
class BootstrapResult:
    """
    A bootstrap confidence interval.
    """
    @property
    def acceleration(self) -> float:
        ...
    @property
    def ci_high(self) -> float:
        ...
    @property
    def ci_low(self) -> float:
        ...
    @property
    def estimate(self) -> float:
        ...
    @property
    def level(self) -> float:
        ...
    @property
    def method(self) -> str:
        ...
    @property
    def n(self) -> int:
        ...
    @property
    def replicates(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def resamples(self) -> int:
        ...
    @property
    def se(self) -> float:
        ...
    @property
    def seed(self) -> int:
        ...
    @property
    def statistic(self) -> str:
        ...
    @property
    def stream(self) -> int:
        ...
    @property
    def warnings(self) -> list[impactchain._notice.Notice]:
        ...
    @property
    def z0(self) -> float:
        ...
class GroupChange:
    """
    Change statistics of one group.
    """
    @property
    def change_ci(self) -> BootstrapResult:
        ...
    @property
    def effect(self) -> EffectSize:
        ...
    @property
    def group(self) -> str:
        ...
    @property
    def has_bootstrap(self) -> bool:
        ...
    @property
    def has_rci(self) -> bool:
        ...
    @property
    def mean_change(self) -> float:
        ...
    @property
    def mean_post(self) -> float:
        ...
    @property
    def mean_pre(self) -> float:
        ...
    @property
    def n(self) -> int:
        ...
    @property
    def n_deteriorated(self) -> int:
        ...
    @property
    def n_improved(self) -> int:
        ...
    @property
    def n_incomplete(self) -> int:
        ...
    @property
    def n_unchanged(self) -> int:
        ...
    @property
    def sd_change(self) -> float:
        ...
    @property
    def share_deteriorated(self) -> float:
        ...
    @property
    def share_improved(self) -> float:
        ...
    @property
    def share_unchanged(self) -> float:
        ...
class DistanceTravelled:
    """
    Paired pre/post change per person and per group.
    """
    @property
    def change(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def groups(self) -> list[GroupChange]:
        ...
    @property
    def rci(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def reliability(self) -> float:
        ...
    @property
    def sd_pre(self) -> float:
        ...
    @property
    def se_difference(self) -> float:
        ...
    @property
    def warnings(self) -> list[impactchain._notice.Notice]:
        ...
class IcerRow:
    """
    One strategy of an ICER table (dampack conventions).
    """
    def __repr__(self) -> str:
        ...
    @property
    def cost(self) -> float:
        ...
    @property
    def effect(self) -> float:
        ...
    @property
    def icer(self) -> float | None:
        """
        inc_cost / inc_effect; None when undefined (see note).
        """
    @property
    def inc_cost(self) -> float | None:
        """
        Against the previous ND strategy; None for the first ND and D/ED.
        """
    @property
    def inc_effect(self) -> float | None:
        ...
    @property
    def note(self) -> impactchain._notice.Notice:
        ...
    @property
    def status(self) -> str:
        """
        'ND' (non-dominated), 'ED' (extendedly dominated) or 'D' (strongly dominated).
        """
    @property
    def strategy(self) -> str:
        ...
class IcerTable:
    """
    Result of icers(): rows ND, ED, D (each by cost) and warnings.
    """
    def frontier(self) -> list[str]:
        """
        Names of the non-dominated strategies in order of cost.
        """
    @property
    def rows(self) -> list[IcerRow]:
        ...
    @property
    def warnings(self) -> list[impactchain._notice.Notice]:
        ...
class NetBenefitRow:
    """
    Net monetary benefit and cost per unit of outcome of one strategy.
    """
    @property
    def cost(self) -> float:
        ...
    @property
    def cost_per_effect(self) -> float | None:
        ...
    @property
    def effect(self) -> float:
        ...
    @property
    def nmb(self) -> float:
        ...
    @property
    def note(self) -> impactchain._notice.Notice:
        ...
    @property
    def strategy(self) -> str:
        ...
class PsaSummary:
    """
    Means and SDs (n − 1) of cost and effect per strategy.
    """
    @property
    def draws(self) -> int:
        ...
    @property
    def mean_cost(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def mean_effect(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def names(self) -> list[str]:
        ...
    @property
    def sd_cost(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def sd_effect(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
class Acceptability:
    """
    CEAC, CEAF and EVPI on a willingness-to-pay grid.
    """
    @property
    def ceac(self) -> numpy.typing.NDArray[numpy.float64]:
        """
        Share of draws in which each strategy has the highest NMB, shape (wtp, strategies).
        """
    @property
    def evpi(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def expected_nmb(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def frontier_probability(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def optimal(self) -> list[int]:
        """
        Index of the strategy with the highest expected NMB at each wtp.
        """
    @property
    def wtp(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
class IncrementalRow:
    """
    One strategy against the reference on mean cost and effect.
    """
    @property
    def icer(self) -> float | None:
        ...
    @property
    def inc_cost(self) -> float:
        ...
    @property
    def inc_effect(self) -> float:
        ...
    @property
    def status(self) -> str:
        ...
    @property
    def strategy(self) -> str:
        ...
class LensAgreement:
    """
    Ranks, winners and rank correlations across lenses.
    """
    @property
    def agree(self) -> bool:
        ...
    @property
    def changes(self) -> list[str]:
        ...
    @property
    def higher_is_better(self) -> list[bool]:
        ...
    @property
    def kendall(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def lenses(self) -> list[str]:
        ...
    @property
    def ranks(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def spearman(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def strategies(self) -> list[str]:
        ...
    @property
    def warnings(self) -> list[impactchain._notice.Notice]:
        ...
    @property
    def winners(self) -> list[list[str]]:
        ...
class CompositeChoices:
    """
    Outlier treatment, normalisation and aggregation drawn uniformly per draw (OECD/JRC 2008, step 7).
    """
    def __init__(self) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def aggregations(self) -> list[str]:
        """
        Subset of 'arithmetic', 'geometric'; empty: arithmetic.
        """
    @aggregations.setter
    def aggregations(self, arg1: collections.abc.Sequence[str]) -> None:
        ...
    @property
    def directions(self) -> list[int]:
        """
        Per indicator +1 or -1 (empty: all +1).
        """
    @directions.setter
    def directions(self, arg0: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]) -> None:
        ...
    @property
    def indicator_names(self) -> list[str]:
        """
        Names used in messages.
        """
    @indicator_names.setter
    def indicator_names(self, arg0: collections.abc.Sequence[str]) -> None:
        ...
    @property
    def minmax_lower(self) -> float:
        """
        Lower end of min-max normalisation.
        """
    @minmax_lower.setter
    def minmax_lower(self, arg1: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def minmax_upper(self) -> float:
        """
        Upper end of min-max normalisation.
        """
    @minmax_upper.setter
    def minmax_upper(self, arg1: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def normalisations(self) -> list[str]:
        """
        Subset of 'none', 'minmax', 'zscore', 'rank'; empty: X is already normalised.
        """
    @normalisations.setter
    def normalisations(self, arg1: collections.abc.Sequence[str]) -> None:
        ...
    @property
    def outliers(self) -> OutlierOptions:
        """
        OutlierOptions of the 'coinr' treatment.
        """
    @outliers.setter
    def outliers(self, arg0: OutlierOptions) -> None:
        ...
    @property
    def treatments(self) -> list[str]:
        """
        Subset of 'none', 'coinr' (COINr's outlier treatment, applied before normalising); empty: none.
        """
    @treatments.setter
    def treatments(self, arg1: collections.abc.Sequence[str]) -> None:
        ...
    @property
    def unit_names(self) -> list[str]:
        """
        Names of the units (rows) used in messages.
        """
    @unit_names.setter
    def unit_names(self, arg0: collections.abc.Sequence[str]) -> None:
        ...
class Exceedance:
    """
    P(output > threshold) over the finite draws (a value target).
    """
    def __repr__(self) -> str:
        ...
    @property
    def below(self) -> bool:
        """
        True: the share of finite draws with output < threshold instead.
        """
    @property
    def finite(self) -> int:
        ...
    @property
    def output(self) -> str:
        ...
    @property
    def probability(self) -> float:
        """
        NaN when no draw of the output is finite.
        """
    @property
    def threshold(self) -> float:
        ...
class SimulationPart:
    """
    A piece of a Monte Carlo run (blocks first_block .. first_block + blocks - 1) as partial summaries that merge exactly (simulate_model_parts); picklable, to travel between processes.
    """
    def __getstate__(self) -> tuple[int, int, int, bytes, list[int], list[int], int, list[list[int]], bytes, bytes]:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def kept(self) -> tuple[numpy.typing.NDArray[numpy.float64], numpy.typing.NDArray[numpy.float64]]:
        """
        The part's kept draws as two flat arrays (outputs and parameters, each draws × width, row-major; empty when not kept).
        """
    def without_kept(self, *, outputs: bool = True, parameters: bool = True) -> SimulationPart:
        """
        A copy of the part without its kept outputs and/or parameters (summaries only).
        """
    @property
    def blocks(self) -> int:
        ...
    @property
    def first_block(self) -> int:
        ...
class PartySimulation:
    """
    One party's ledger line under the Monte Carlo.
    """
    @property
    def gains(self) -> OutputSummary:
        ...
    @property
    def name(self) -> str:
        """
        As PartyLedger.name.
        """
    @property
    def net(self) -> OutputSummary:
        ...
    @property
    def p_net_positive(self) -> float:
        """
        P(net > 0) over the draws with a finite net.
        """
    @property
    def party(self) -> str:
        ...
    @property
    def pays(self) -> OutputSummary:
        ...
class ModelSimulation:
    """
    Result of simulate_model (read-only).
    """
    def __repr__(self) -> str:
        ...
    @property
    def central(self) -> dict:
        """
        present_value, investment_pv, npv, sroi_ratio with every parameter at its central value.
        """
    @property
    def ledger(self) -> list[PartySimulation]:
        """
        Per party: gains, pays and net (empty when ledger=False).
        """
    @property
    def p_npv_below_0(self) -> float:
        """
        P(npv < 0) over the draws with a finite NPV: the present value of the outcomes below the investment's (NaN when no draw's NPV is finite).
        """
    @property
    def p_ratio_above_1(self) -> float:
        """
        P(sroi_ratio > 1) over the draws with a finite ratio (NaN without investment).
        """
    @property
    def result(self) -> SimulationResult:
        """
        SimulationResult over present_value, investment_pv, npv, sroi_ratio (in this order).
        """
    @property
    def switching_values(self) -> list[SwitchingValue]:
        """
        value()'s switching values (empty when switching_values=False).
        """
    @property
    def value_targets(self) -> list[Exceedance]:
        """
        P(present_value > target), one per target.
        """
class OutputSummary:
    """
    Summary of one output over its finite draws.
    """
    def __repr__(self) -> str:
        ...
    @property
    def finite(self) -> int:
        """
        Draws with a finite value (the summary uses only these).
        """
    @property
    def level(self) -> float:
        """
        Level of the interval lower..upper (0.95: central 95 %).
        """
    @property
    def lower(self) -> float:
        """
        The (1 - level) / 2 quantile.
        """
    @property
    def max(self) -> float:
        ...
    @property
    def mean(self) -> float:
        ...
    @property
    def min(self) -> float:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def nonfinite(self) -> int:
        """
        Draws with NaN or ±inf, counted and left out.
        """
    @property
    def p05(self) -> float:
        ...
    @property
    def p50(self) -> float:
        ...
    @property
    def p95(self) -> float:
        ...
    @property
    def quantile_method(self) -> str:
        """
        'exact' (type 7, up to exact_quantile_max_draws draws) or 'sketch'.
        """
    @property
    def quantiles(self) -> list[float]:
        ...
    @property
    def sd(self) -> float:
        """
        Sample SD (n - 1).
        """
    @property
    def upper(self) -> float:
        """
        The (1 + level) / 2 quantile.
        """
class PsaPartRange:
    """
    Where a part of a PSA lies in its run: its first block, blocks and draws.
    """
    def __repr__(self) -> str:
        ...
    @property
    def blocks(self) -> int:
        ...
    @property
    def draws(self) -> int:
        ...
    @property
    def first_block(self) -> int:
        ...
class PsaAcceptabilityPart(PsaPartRange):
    """
    Acceptability over a range of blocks of a PSA's draws on a wtp grid: counts of the best strategy and per-block sums of the best strategy's effect and cost; picklable.
    """
    def __getstate__(self) -> tuple[int, tuple, tuple[bytes, bytes, bytes, bytes]]:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
class PsaRanksPart(PsaPartRange):
    """
    Rank counts over a range of blocks of a PSA's draws for each wtp of a grid, and its first non-finite net benefit; picklable.
    """
    def __getstate__(self) -> tuple[int, tuple, tuple[bytes, bytes, typing.Any]]:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
class PsaSumsPart(PsaPartRange):
    """
    Per-block sums of cost and effect (or of their squared deviations) over a range of blocks of a PSA's draws, and its first non-finite draw; picklable, to travel between processes.
    """
    def __getstate__(self) -> tuple[int, tuple, tuple[bytes, bytes, typing.Any]]:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
class RankCorrelation:
    """
    Spearman rank correlations between named parameters (Gaussian copula, Iman & Conover 1982).
    """
    def __init__(self, names: collections.abc.Sequence[str], matrix: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"]) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def matrix(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
        ...
    @property
    def names(self) -> list[str]:
        ...
class RankUncertaintyOptions:
    """
    Options of rank_uncertainty.
    
    draws (generated weight draws, >= 1), seed (in [0, 2^63 - 1]), threads (0 = all), weight_model
    ('dirichlet' or 'uniform'), concentration (Dirichlet c > 0: Var(w_j) = w_j (1 - w_j) / (c + 1)),
    perturbation (uniform relative, in [0, 1)), top (P(rank <= k) for each k), choices (CompositeChoices).
    """
    choices: CompositeChoices
    weight_model: str
    def __init__(self) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def concentration(self) -> float:
        ...
    @concentration.setter
    def concentration(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def draws(self) -> int:
        ...
    @draws.setter
    def draws(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def perturbation(self) -> float:
        ...
    @perturbation.setter
    def perturbation(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def seed(self) -> int:
        ...
    @seed.setter
    def seed(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def threads(self) -> int:
        ...
    @threads.setter
    def threads(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def top(self) -> list[int]:
        ...
    @top.setter
    def top(self, arg0: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]) -> None:
        ...
class RankUncertaintyPart:
    """
    Draws first_draw .. first_draw + draws - 1 of a rank-uncertainty run as partial summaries that merge exactly (rank_uncertainty_from_parts); picklable, to travel between processes.
    """
    def __getstate__(self) -> tuple[int, int, int, bytes, bytes, tuple, tuple, bytes, bytes, bytes, bytes]:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def draws(self) -> int:
        ...
    @property
    def first_draw(self) -> int:
        ...
class RankUncertaintyResult:
    """
    Per-unit score and rank intervals (read-only; arrays are views of the result).
    """
    def __repr__(self) -> str:
        ...
    @property
    def aggregation_choices(self) -> list[str]:
        ...
    @property
    def choice_draws(self) -> typing.Annotated[numpy.typing.NDArray[numpy.int32], "[m, n]"]:
        """
        normalisations x aggregations: draws per pair (0 x 0 without choices).
        """
    @property
    def draw_choice(self) -> typing.Annotated[numpy.typing.NDArray[numpy.int32], "[m, 1]"]:
        """
        Per draw: (treatment index * normalisations + normalisation index) * aggregations + aggregation index.
        """
    @property
    def draws(self) -> int:
        ...
    @property
    def indicators(self) -> int:
        ...
    @property
    def mean_weights(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def normalisation_choices(self) -> list[str]:
        ...
    @property
    def p_top(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
        """
        units x len(top): P(rank <= k).
        """
    @property
    def rank_best(self) -> typing.Annotated[numpy.typing.NDArray[numpy.int32], "[m, 1]"]:
        ...
    @property
    def rank_median(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def rank_p05(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def rank_p95(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def rank_worst(self) -> typing.Annotated[numpy.typing.NDArray[numpy.int32], "[m, 1]"]:
        ...
    @property
    def reference_rank(self) -> typing.Annotated[numpy.typing.NDArray[numpy.int32], "[m, 1]"]:
        ...
    @property
    def reference_score(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def score_mean(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def score_p05(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def score_p50(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def score_p95(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def seed(self) -> int:
        ...
    @property
    def tie_rule(self) -> str:
        ...
    @property
    def top(self) -> list[int]:
        ...
    @property
    def treatment_choices(self) -> list[str]:
        ...
    @property
    def treatment_draws(self) -> typing.Annotated[numpy.typing.NDArray[numpy.int32], "[m, 1]"]:
        """
        Per treatment choice: draws that used it (empty without treatment choices).
        """
    @property
    def units(self) -> int:
        ...
    @property
    def warnings(self) -> list[impactchain._notice.Notice]:
        ...
class SimulateOptions:
    """
    Options of simulate_model; each field starts at the core's default.
    
    draws (>= 1), seed (in [0, 2^63 - 1]), stream_version (2, or 1: the random stream of
    impactchain 0.2 and earlier), threads (0 = all hardware threads), level (of each
    output's interval lower..upper, in (0, 1)), keep_draws, keep_parameters, correlation (a list
    of RankCorrelation; assign a new list), value_targets (P(present_value > target) for each),
    tornado_range ('p05_p95', 'p10_p90' or 'support'), sobol_draws (0 = no Sobol indices),
    switching_values, ledger (simulate each party's gains, pays and net), ledger_quantiles (False:
    the parties' quantiles and intervals are left NaN, quantile_method 'none', at less cost; means,
    SDs and P(net > 0) stay), value (the ValueOptions of the valuation).
    """
    keep_draws: bool
    keep_parameters: bool
    switching_values: bool
    tornado_range: str
    value: ValueOptions
    def __init__(self) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def correlation(self) -> list[RankCorrelation]:
        ...
    @correlation.setter
    def correlation(self, arg0: collections.abc.Sequence[RankCorrelation]) -> None:
        ...
    @property
    def draws(self) -> int:
        ...
    @draws.setter
    def draws(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def ledger(self) -> bool:
        ...
    @ledger.setter
    def ledger(self, arg0: bool) -> None:
        ...
    @property
    def ledger_quantiles(self) -> bool:
        ...
    @ledger_quantiles.setter
    def ledger_quantiles(self, arg0: bool) -> None:
        ...
    @property
    def level(self) -> float:
        ...
    @level.setter
    def level(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def seed(self) -> int:
        ...
    @seed.setter
    def seed(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def stream_version(self) -> int:
        ...
    @stream_version.setter
    def stream_version(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def sobol_draws(self) -> int:
        ...
    @sobol_draws.setter
    def sobol_draws(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def threads(self) -> int:
        ...
    @threads.setter
    def threads(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def value_targets(self) -> list[float]:
        ...
    @value_targets.setter
    def value_targets(self, arg0: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]) -> None:
        ...
class SimulationResult:
    """
    Result of the Monte Carlo engine (read-only).
    """
    def __repr__(self) -> str:
        ...
    @property
    def draws(self) -> int:
        ...
    @property
    def exceedances(self) -> list[Exceedance]:
        ...
    @property
    def nonfinite_draws(self) -> int:
        """
        Draws in which any output was not finite.
        """
    @property
    def output_draws(self) -> typing.Any:
        """
        draws x outputs (read-only view), None unless keep_draws.
        """
    @property
    def output_names(self) -> list[str]:
        ...
    @property
    def parameter_draws(self) -> typing.Any:
        """
        draws x uncertain parameters (read-only view), None unless keep_parameters.
        """
    @property
    def parameter_names(self) -> list[str]:
        ...
    @property
    def parameter_slots(self) -> list[int]:
        ...
    @property
    def sampling_methods(self) -> list[str]:
        ...
    @property
    def seed(self) -> int:
        ...
    @property
    def stream_version(self) -> int:
        ...
    @property
    def sobol(self) -> list[SobolTable]:
        ...
    @property
    def summaries(self) -> list[OutputSummary]:
        """
        One OutputSummary per output, in output order.
        """
    @property
    def threads(self) -> int:
        ...
    @property
    def tornado(self) -> list[TornadoTable]:
        ...
    @property
    def warnings(self) -> list[impactchain._notice.Notice]:
        ...
class SobolRow:
    """
    First-order (Saltelli 2010) and total (Jansen 1999) index of one parameter.
    """
    def __repr__(self) -> str:
        ...
    @property
    def first(self) -> float:
        ...
    @property
    def first_se(self) -> float:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def slot(self) -> int:
        ...
    @property
    def total(self) -> float:
        ...
    @property
    def total_se(self) -> float:
        ...
class SobolTable:
    """
    Sobol indices of one output.
    """
    def __repr__(self) -> str:
        ...
    @property
    def base_draws(self) -> int:
        """
        N of the Saltelli design.
        """
    @property
    def output(self) -> str:
        ...
    @property
    def rows(self) -> list[SobolRow]:
        ...
    @property
    def used_rows(self) -> int:
        """
        Rows with every evaluation finite.
        """
    @property
    def variance(self) -> float:
        ...
class TornadoRow:
    """
    One parameter at its low and high value, the others central.
    """
    def __repr__(self) -> str:
        ...
    @property
    def high_value(self) -> float:
        ...
    @property
    def low_value(self) -> float:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def output_high(self) -> float:
        ...
    @property
    def output_low(self) -> float:
        ...
    @property
    def slot(self) -> int:
        ...
    @property
    def swing(self) -> float:
        """
        |output_high - output_low|.
        """
class TornadoTable:
    """
    The tornado of one output (rows by swing, largest first).
    """
    def __repr__(self) -> str:
        ...
    @property
    def base(self) -> float:
        """
        The output with every parameter at its central value.
        """
    @property
    def output(self) -> str:
        ...
    @property
    def range(self) -> str:
        """
        'p05_p95', 'p10_p90' or 'support'.
        """
    @property
    def rows(self) -> list[TornadoRow]:
        ...
class ValueOptions:
    """
    Valuation choices (see impactchain.value for their meaning).
    """
    __hash__: typing.ClassVar[None] = None
    discount_first_year: bool
    discount_investments: bool
    switching_values: bool
    def __eq__(self, other: typing.Any) -> typing.Any:
        ...
    def __init__(self) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def adjustments(self) -> str:
        """
        'multiplicative' or 'additive'.
        """
    @adjustments.setter
    def adjustments(self, arg1: str) -> None:
        ...
    @property
    def drop_off_start(self) -> str:
        """
        'second_year' or 'after_period'.
        """
    @drop_off_start.setter
    def drop_off_start(self, arg1: str) -> None:
        ...
    @property
    def long_duration_years(self) -> float:
        """
        Warn when an outcome lasts longer than this (years) with no drop-off.
        """
    @long_duration_years.setter
    def long_duration_years(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
class defaults:
    """
    The submodule _core.defaults: the core's defaults (impactchain/defaults.hpp), read by impactchain.DEFAULTS.
    """
    draws: typing.ClassVar[int] = 5000
    level: typing.ClassVar[float] = 0.95
    seed: typing.ClassVar[int] = 2026
    stream_version: typing.ClassVar[int] = 2
    threads: typing.ClassVar[int] = 0
def acceptability(costs: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], effects: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], wtp: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], *, summary: PsaSummary, threads: typing.SupportsInt | typing.SupportsIndex = 0) -> Acceptability:
    """
    Acceptability curve, frontier and EVPI in one pass over the draws.
    
    Parameters
    ----------
    costs, effects : ndarray, shape (draws, strategies)
    wtp : list of float
        Willingness-to-pay values (money per unit of effect), any order, finite.
    summary : PsaSummary
        From psa_summary() on the same draws (it validated them).
    threads : int
        0 = all hardware threads; results identical for any value.
    """
def acceptability_from_parts(summary: PsaSummary, wtp: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], parts: collections.abc.Sequence[PsaAcceptabilityPart]) -> Acceptability:
    """
    Acceptability of the run from its parts on grid wtp: bit for bit acceptability() of all the draws.
    """
def acceptability_part(costs: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], effects: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], wtp: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], *, first_block: typing.SupportsInt | typing.SupportsIndex, threads: typing.SupportsInt | typing.SupportsIndex = 1) -> PsaAcceptabilityPart:
    """
    acceptability() on grid wtp over the blocks of `costs` and `effects` (the run's draws from block first_block on, whole blocks of psa_block_draws draws but in the run's last part). The GIL is released.
    """
def ahp_weights(matrix: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], *, names: collections.abc.Sequence[str] = []) -> AhpResult:
    """
    AHP (Saaty 1980) weights: principal eigenvector of a positive reciprocal comparison matrix,
    CI = (lambda_max - n)/(n - 1), CR = CI/RI (Saaty's random index, n <= 10).
    """
def bootstrap_alpha(items: typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]", "flags.f_contiguous"], *, resamples: typing.SupportsInt | typing.SupportsIndex = 2000, seed: typing.SupportsInt | typing.SupportsIndex, stream: typing.SupportsInt | typing.SupportsIndex = 0, threads: typing.SupportsInt | typing.SupportsIndex = 1, level: typing.SupportsFloat | typing.SupportsIndex = 0.95, method: str = 'bca', keep_replicates: bool = False) -> BootstrapResult:
    """
    Bootstrap CI of Cronbach's alpha (listwise) of an (n x k) array.
    
    resamples : int >= 100
    seed : int (required)
        Philox key; same seed -> same result for any thread count.
    stream : int
        Independent sub-stream.
    threads : int
        0 = all hardware threads.
    level : float in (0, 1)
    method : {'bca', 'percentile'}
    keep_replicates : bool
    """
def bootstrap_hierarchical_omega(items: typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]", "flags.f_contiguous"], *, resamples: typing.SupportsInt | typing.SupportsIndex = 2000, seed: typing.SupportsInt | typing.SupportsIndex, stream: typing.SupportsInt | typing.SupportsIndex = 0, threads: typing.SupportsInt | typing.SupportsIndex = 1, level: typing.SupportsFloat | typing.SupportsIndex = 0.95, method: str = 'bca', keep_replicates: bool = False, groups: typing.SupportsInt | typing.SupportsIndex = 3, max_iterations: typing.SupportsInt | typing.SupportsIndex = 10000, tolerance: typing.SupportsFloat | typing.SupportsIndex = 1e-12, rotation_iterations: typing.SupportsInt | typing.SupportsIndex = 10000, rotation_tolerance: typing.SupportsFloat | typing.SupportsIndex = 1e-08, names: collections.abc.Sequence[str] = []) -> BootstrapResult:
    """
    Bootstrap CI of hierarchical omega (listwise) of an (n x k) array.
    
    resamples : int in [100, 10^7]
    seed : int (required)
        Philox key; same seed -> same result for any thread count.
    stream : int
        Independent sub-stream.
    threads : int
        0 = all hardware threads.
    level : float in (0, 1)
    method : {'bca', 'percentile'}
    keep_replicates : bool
    groups : int
        group factors, >= 2 ((items - groups)^2 >= items + groups).
    max_iterations, tolerance
        each factor fit stops when no communality moves more than tolerance.
    rotation_iterations, rotation_tolerance
        the oblimin rotation stops when its projected gradient's norm is below rotation_tolerance.
    """
def bootstrap_mean(x: typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"], *, resamples: typing.SupportsInt | typing.SupportsIndex = 2000, seed: typing.SupportsInt | typing.SupportsIndex, stream: typing.SupportsInt | typing.SupportsIndex = 0, threads: typing.SupportsInt | typing.SupportsIndex = 1, level: typing.SupportsFloat | typing.SupportsIndex = 0.95, method: str = 'bca', keep_replicates: bool = False) -> BootstrapResult:
    """
    Bootstrap CI of the mean of x (finite values).
    
    resamples : int >= 100
    seed : int (required)
        Philox key; same seed -> same result for any thread count.
    stream : int
        Independent sub-stream.
    threads : int
        0 = all hardware threads.
    level : float in (0, 1)
    method : {'bca', 'percentile'}
    keep_replicates : bool
    """
def builtin_scale(name: str) -> ScaleDefinition:
    """
    Built-in scale definition: see builtin_scale_names().
    """
def builtin_scale_names() -> list[str]:
    """
    Names of the built-in scales.
    """
def check_weights(weights: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], where: str = 'weights') -> None:
    """
    Raises ValidationError unless the weights are finite, >= 0 and sum to 1.
    """
def composite(x: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], units: collections.abc.Sequence[str], indicators: collections.abc.Sequence[str], direction: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], levels: collections.abc.Sequence[CompositeLevel], *, imputation: str = 'none', unit_groups: collections.abc.Sequence[str] = [], winsorise: bool = False, winsor_lower: typing.SupportsFloat | typing.SupportsIndex = 0.05, winsor_upper: typing.SupportsFloat | typing.SupportsIndex = 0.95, outliers: str = 'none', outlier_options: OutlierOptions = ..., normalisation: str = 'minmax', lower: typing.SupportsFloat | typing.SupportsIndex = 0.0, upper: typing.SupportsFloat | typing.SupportsIndex = 100.0, z_mean: typing.SupportsFloat | typing.SupportsIndex = 0.0, z_sd: typing.SupportsFloat | typing.SupportsIndex = 1.0, targets: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] = [], cap_at_target: bool = True, goal_low: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] = [], goal_high: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] = [], goal_scale: typing.SupportsFloat | typing.SupportsIndex = 100.0, missing: str = 'propagate', min_available: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex | None] = []) -> CompositeResult:
    """
    Composite score of a units x indicators array (NaN = missing); see impactchain.composite for the friendly form.
    """
def cronbach_alpha(items: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], *, missing: str = 'pairwise', ci_level: typing.SupportsFloat | typing.SupportsIndex = 0.95, names: collections.abc.Sequence[str] = []) -> AlphaResult:
    """
    Cronbach's alpha of an (n respondents x k items) float array, NaN = missing.
    
    missing : {'pairwise', 'listwise'}
        pairwise: covariances from pairwise-complete rows (R psych, pandas);
        listwise: complete rows only.
    ci_level : float in (0, 1)
        Feldt (1965) interval.
    """
def distance_travelled(pre: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, 1]"], post: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, 1]"], *, groups: collections.abc.Sequence[str] = [], kind: str = 'dz', ci_level: typing.SupportsFloat | typing.SupportsIndex = 0.95, higher_is_better: bool = True, reliability: typing.SupportsFloat | typing.SupportsIndex = ..., sd_pre: typing.SupportsFloat | typing.SupportsIndex = ..., rci_threshold: typing.SupportsFloat | typing.SupportsIndex = 1.96, resamples: typing.SupportsInt | typing.SupportsIndex = 2000, seed: typing.SupportsInt | typing.SupportsIndex, threads: typing.SupportsInt | typing.SupportsIndex = 1, method: str = 'bca') -> DistanceTravelled:
    """
    Paired change post - pre per person and group (NaN = missing, counted).
    
    reliability : float in (0, 1) or NaN
        r_xx for the reliable change index (Jacobson & Truax 1991).
    sd_pre : float or NaN
        SD for the RCI; NaN = SD of the pre scores (reported).
    resamples : int
        0 = no bootstrap, else >= 100.
    """
def effect_size(a: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, 1]"], b: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, 1]"], *, kind: str = 'd', ci_level: typing.SupportsFloat | typing.SupportsIndex = 0.95, names: tuple[str, str] = ('a', 'b'), design: str = 'independent') -> EffectSize:
    """
    Effect size of a versus b (positive when mean(a) > mean(b)); NaN dropped and counted; errors name a and b as
    names does (('post', 'pre'), ('treatment', 'control')).
    
    kind : {'d', 'g', 'dz', 'dav'}
        d: Cohen's d, pooled SD; g: Hedges' g; dz: paired, SD of differences;
        dav: paired, sqrt of the mean of the two variances.
    design : {'independent', 'paired'}
        paired: a and b are the same people measured twice (dz and dav always
        are): d and g take the paired interval (Borenstein et al. 2009 eq 4.28), incomplete pairs dropped.
    """
def evppi(net_benefit: typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]", "flags.f_contiguous"], parameters: typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]", "flags.f_contiguous"], *, method: str = 'regression', knots: typing.SupportsInt | typing.SupportsIndex = 6, se_draws: typing.SupportsInt | typing.SupportsIndex = 200, seed: typing.SupportsInt | typing.SupportsIndex, threads: typing.SupportsInt | typing.SupportsIndex = 0, names: collections.abc.Sequence[str] = [], first_index: typing.SupportsInt | typing.SupportsIndex = 0) -> tuple[typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"], typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"], typing.Annotated[numpy.typing.NDArray[numpy.int32], "[m, 1]"]]:
    """
    EVPPI of each single parameter (literal binding; use impactchain.evppi).
    
    Parameters
    ----------
    net_benefit : ndarray (draws x strategies), float64
        Finite; at least 2 strategies. Fortran-ordered arrays are read without a copy.
    parameters : ndarray (draws x parameters), float64
        Finite; one row per draw. Fortran-ordered arrays are read without a copy.
    method : {'regression', 'binned'}
    knots : int in [2, 20]
        Regression: interior knots of the cubic spline at the parameter's quantiles.
    se_draws : int in [2, 100000]
        Regression: coefficient redraws for the standard error.
    seed : int
        Key of the redraws' counter-based stream (with the parameter's index).
    threads : int
        0 = all hardware threads; results are identical for any value. The GIL is released.
    names : list of str
        Parameter names for messages.
    
    Returns
    -------
    (evppi, se, columns) : three arrays, one value per parameter (columns: the regression design's
    columns kept, the intercept included, or the binned estimator's bins).
    """
def expected_incremental_benefit(summary: PsaSummary, reference: typing.SupportsInt | typing.SupportsIndex, wtp: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]) -> numpy.typing.NDArray[numpy.float64]:
    """
    EIB(k) = E[NMB_j] − E[NMB_ref], shape (wtp, strategies).
    """
def icers(strategies: collections.abc.Sequence[str], costs: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], effects: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]) -> IcerTable:
    """
    Incremental cost-effectiveness ratios with strong (D) and extended (ED) dominance.
    
    Parameters
    ----------
    strategies : list of str
        Unique names, at least two.
    costs, effects : list of float
        Finite; same length as ``strategies``. Any money unit / any effect unit.
    
    Returns
    -------
    IcerTable
        dampack's calculate_icers() conventions: ordered by cost; equal effect at a
        higher cost is D; ED removed iteratively; first ND row has no ICER.
    """
@typing.overload
def join_psa_parts(parts: collections.abc.Sequence[PsaSumsPart]) -> PsaSumsPart:
    """
    Adjacent parts of one run, in block order, as one part.
    """
@typing.overload
def join_psa_parts(parts: collections.abc.Sequence[PsaAcceptabilityPart]) -> PsaAcceptabilityPart:
    """
    Adjacent parts of one run, in block order, as one part.
    """
@typing.overload
def join_psa_parts(parts: collections.abc.Sequence[PsaRanksPart]) -> PsaRanksPart:
    """
    Adjacent parts of one run, in block order, as one part.
    """
def join_rank_uncertainty_parts(parts: collections.abc.Sequence[RankUncertaintyPart]) -> RankUncertaintyPart:
    """
    Adjacent parts of one run, in draw order, as one part.
    """
def lens_agreement(strategies: collections.abc.Sequence[str], lenses: collections.abc.Sequence[str], values: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], higher_is_better: collections.abc.Sequence[bool]) -> LensAgreement:
    """
    Do the lenses pick the same winner? Spearman and Kendall tau-b between lenses.
    
    Parameters
    ----------
    values : ndarray, shape (strategies, lenses)
        Finite values of each measure (e.g. SROI ratio, cost per outcome, composite, NMB).
    higher_is_better : list of bool
        One per lens (False for cost per outcome).
    """
def hierarchical_omega(items: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], *, groups: typing.SupportsInt | typing.SupportsIndex = 3, missing: str = 'pairwise', max_iterations: typing.SupportsInt | typing.SupportsIndex = 10000, tolerance: typing.SupportsFloat | typing.SupportsIndex = 1e-12, rotation_iterations: typing.SupportsInt | typing.SupportsIndex = 10000, rotation_tolerance: typing.SupportsFloat | typing.SupportsIndex = 1e-08, names: collections.abc.Sequence[str] = []) -> HierarchicalOmegaResult:
    """
    Hierarchical omega of an (n respondents x k items) float array, NaN = missing.
    
    groups : int
        group factors, >= 2 ((items - groups)^2 >= items + groups).
    max_iterations, tolerance
        each factor fit stops when no communality moves more than tolerance.
    rotation_iterations, rotation_tolerance
        the oblimin rotation stops when its projected gradient's norm is below rotation_tolerance.
    missing : {'pairwise', 'listwise'}
    """
def hierarchical_omega_from_covariance(covariance: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], *, groups: typing.SupportsInt | typing.SupportsIndex = 3, max_iterations: typing.SupportsInt | typing.SupportsIndex = 10000, tolerance: typing.SupportsFloat | typing.SupportsIndex = 1e-12, rotation_iterations: typing.SupportsInt | typing.SupportsIndex = 10000, rotation_tolerance: typing.SupportsFloat | typing.SupportsIndex = 1e-08, names: collections.abc.Sequence[str] = []) -> HierarchicalOmegaResult:
    """
    Hierarchical omega of a k x k item covariance or correlation matrix.
    
    groups : int
        group factors, >= 2 ((items - groups)^2 >= items + groups).
    max_iterations, tolerance
        each factor fit stops when no communality moves more than tolerance.
    rotation_iterations, rotation_tolerance
        the oblimin rotation stops when its projected gradient's norm is below rotation_tolerance.
    """
def mcdonald_omega(items: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], *, method: str = 'ml', standardised: bool = False, total_variance: str = 'observed', missing: str = 'pairwise', max_iterations: typing.SupportsInt | typing.SupportsIndex = 10000, tolerance: typing.SupportsFloat | typing.SupportsIndex = 1e-12, names: collections.abc.Sequence[str] = []) -> OmegaResult:
    """
    McDonald's omega of an (n respondents x k items) float array, NaN = missing (k >= 3).
    
    method : {'ml', 'minres'}
        maximum likelihood, or minimum residuals (unweighted least squares).
    standardised : bool
        fit the correlations (each item standardised) instead of the covariances.
    total_variance : {'observed', 'model'}
        omega's denominator: 1'S1, or (sum of loadings)^2 + sum of unique variances.
    max_iterations, tolerance
        the fit stops when no unique variance moves more than tolerance (a share of its item's variance).
    missing : {'pairwise', 'listwise'}
    """
def omega_from_covariance(covariance: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], *, method: str = 'ml', standardised: bool = False, total_variance: str = 'observed', max_iterations: typing.SupportsInt | typing.SupportsIndex = 10000, tolerance: typing.SupportsFloat | typing.SupportsIndex = 1e-12, names: collections.abc.Sequence[str] = []) -> OmegaResult:
    """
    McDonald's omega of a k x k item covariance matrix (k >= 3).
    
    method : {'ml', 'minres'}
        maximum likelihood, or minimum residuals (unweighted least squares).
    standardised : bool
        fit the correlations (each item standardised) instead of the covariances.
    total_variance : {'observed', 'model'}
        omega's denominator: 1'S1, or (sum of loadings)^2 + sum of unique variances.
    max_iterations, tolerance
        the fit stops when no unique variance moves more than tolerance (a share of its item's variance).
    """
def bootstrap_omega(items: typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]", "flags.f_contiguous"], *, resamples: typing.SupportsInt | typing.SupportsIndex = 2000, seed: typing.SupportsInt | typing.SupportsIndex, stream: typing.SupportsInt | typing.SupportsIndex = 0, threads: typing.SupportsInt | typing.SupportsIndex = 1, level: typing.SupportsFloat | typing.SupportsIndex = 0.95, method: str = 'bca', keep_replicates: bool = False, fit: str = 'ml', standardised: bool = False, total_variance: str = 'observed', max_iterations: typing.SupportsInt | typing.SupportsIndex = 10000, tolerance: typing.SupportsFloat | typing.SupportsIndex = 1e-12, names: collections.abc.Sequence[str] = []) -> BootstrapResult:
    """
    Bootstrap CI of McDonald's omega (listwise) of an (n x k) array.
    
    resamples : int in [100, 10^7]
    seed : int (required)
        Philox key; same seed -> same result for any thread count.
    stream : int
        Independent sub-stream.
    threads : int
        0 = all hardware threads.
    level : float in (0, 1)
    method : {'bca', 'percentile'}
    keep_replicates : bool
    fit : {'ml', 'minres'}
        maximum likelihood, or minimum residuals (unweighted least squares).
    standardised : bool
        fit the correlations (each item standardised) instead of the covariances.
    total_variance : {'observed', 'model'}
        omega's denominator: 1'S1, or (sum of loadings)^2 + sum of unique variances.
    max_iterations, tolerance
        the fit stops when no unique variance moves more than tolerance (a share of its item's variance).
    """
def psa_means_from_parts(parts: collections.abc.Sequence[PsaSumsPart], *, strategies: collections.abc.Sequence[str] = []) -> PsaSummary:
    """
    Means of the run from its pass-1 parts in block order (SDs NaN); its first non-finite draw is raised (ValidationError naming the cell, strategy and draw).
    """
def psa_squares_part(costs: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], effects: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], *, first_block: typing.SupportsInt | typing.SupportsIndex, mean_cost: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], mean_effect: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], threads: typing.SupportsInt | typing.SupportsIndex = 1) -> PsaSumsPart:
    """
    Pass 2 of psa_summary (block sums of squared deviations from the means of psa_means_from_parts) over the blocks of `costs` and `effects` (the run's draws from block first_block on, whole blocks of psa_block_draws draws but in the run's last part). The GIL is released.
    """
def psa_summary_from_parts(means: PsaSummary, parts: collections.abc.Sequence[PsaSumsPart]) -> PsaSummary:
    """
    The run's PsaSummary from its means and pass-2 parts: bit for bit psa_summary() of all the draws.
    """
def psa_sums_part(costs: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], effects: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], *, first_block: typing.SupportsInt | typing.SupportsIndex, threads: typing.SupportsInt | typing.SupportsIndex = 1) -> PsaSumsPart:
    """
    Pass 1 of psa_summary (block sums, first non-finite draw) over the blocks of `costs` and `effects` (the run's draws from block first_block on, whole blocks of psa_block_draws draws but in the run's last part). The GIL is released.
    """
def rank_probabilities_from_parts(parts: collections.abc.Sequence[PsaRanksPart], wtp: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], *, strategies: collections.abc.Sequence[str] = []) -> numpy.typing.NDArray[numpy.float64]:
    """
    Rank probabilities of the run from its parts, shape (wtp, strategies, ranks): bit for bit rank_probabilities() of all the draws at each wtp; its first non-finite net benefit is raised (naming the strategy by its name in strategies, when given).
    """
def rank_probabilities_part(costs: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], effects: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], wtp: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], *, first_block: typing.SupportsInt | typing.SupportsIndex, threads: typing.SupportsInt | typing.SupportsIndex = 1) -> PsaRanksPart:
    """
    rank_probabilities() for each wtp of a grid over the blocks of `costs` and `effects` (the run's draws from block first_block on, whole blocks of psa_block_draws draws but in the run's last part). The GIL is released.
    """
def text_in(texts: collections.abc.Sequence[tuple[str, str]], lang: str) -> str:
    """
    The text of a field in `lang` from its (language, text) pairs in file order: that language, else the same language of another region, else English, else the first given (the loader's rule).
    """
def load_model(path: str, format: str | None = None) -> Model:
    """
    Reads a YAML or JSON model file (format from the extension unless given); use impactchain.load.
    """
def load_model_json(path: str) -> Model:
    """
    Reads a JSON model file (use impactchain.load for YAML too).
    """
def net_benefit(strategies: collections.abc.Sequence[str], costs: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], effects: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], wtp: typing.SupportsFloat | typing.SupportsIndex) -> list[NetBenefitRow]:
    """
    NMB = wtp·effect − cost and cost per unit of outcome (None when effect <= 0).
    
    Parameters
    ----------
    wtp : float
        Willingness to pay, money per unit of effect (finite).
    """
def notice_codes() -> dict[str, str]:
    """
    Every notice code of the core -> its English template ('{name}' fields are the notice's params).
    """
def notice_singulars() -> dict[str, str]:
    """
    The codes that count things -> their English template for a count of one (the integer param 'count' is 1).
    """
def plain_json(text: str | bytes, format: str = 'yaml') -> str:
    """
    A document that accompanies model files (a portfolio, a file of actuals) as plain JSON
    text, read by the model files' parser under the same rules and limits; raises
    ValidationError with the line and column of the first problem.
    """
def field_positions(text: str | bytes, format: str, fields: list[str]) -> list[tuple[int, int] | None]:
    """
    Where each of ``fields`` (``outcomes[1]``, ``soft_outcomes[0].data``) is in ``text``, read by the
    model files' parser: (line, column), 1-based, as the loader places a problem at that field; for a
    field the text does not hold, the longest part of it that it holds; None where nothing is known.
    Raises ValidationError for text the parser refuses.
    """
def plain_document(text: str | bytes, format: str = 'yaml') -> tuple[str, list[impactchain._notice.Notice]]:
    """
    plain_json's text and a notice (model.dotted_thousands: path, line, column, written, read,
    plain) for every number written like 150.000 (read as 150 with a decimal point), in file order.
    """
def parse_model(text: str | bytes, format: str = 'json', source_path: str = '') -> Model:
    """
    Parses and validates model-file text (``str`` or UTF-8 ``bytes``) in the
    given format ('json' or 'yaml'); raises ValidationError listing every
    problem, with its line and column in the text. ``source_path`` names the
    file the text was read from (the model's ``source_path``; data paths are
    relative to its folder).
    """
def pca_weights(x: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"]) -> PcaWeights:
    """
    PCA-based weights from a complete units x indicators array (method in the result).
    """
def psa_summary(costs: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], effects: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], *, strategies: collections.abc.Sequence[str] | None = None, threads: typing.SupportsInt | typing.SupportsIndex = 0) -> PsaSummary:
    """
    Validates draws (finite, equal shapes, >= 2 strategies) and returns means and SDs.
    
    Parameters
    ----------
    costs, effects : ndarray, shape (draws, strategies)
        float64 C-contiguous arrays are read without a copy.
    strategies : list of str, optional
        Names used in messages.
    threads : int
        0 = all hardware threads. Results do not depend on it.
    """
def rank_probabilities(costs: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], effects: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], wtp: typing.SupportsFloat | typing.SupportsIndex, *, threads: typing.SupportsInt | typing.SupportsIndex = 0, strategies: collections.abc.Sequence[str] | None = None) -> numpy.typing.NDArray[numpy.float64]:
    """
    Probability of each rank (columns, 0 = best NMB) for each strategy (rows) at one wtp; strategies names them in messages.
    """
def rank_uncertainty(X: typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]", "flags.f_contiguous"], weights: typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]", "flags.f_contiguous"], *, given: bool, options: RankUncertaintyOptions = ...) -> RankUncertaintyResult:
    """
    Score and rank intervals of a composite indicator under weight uncertainty and, optionally,
    normalisation and aggregation choices (literal binding; use impactchain.rank_uncertainty).
    
    Parameters
    ----------
    X : ndarray (units x indicators)
        Normalised indicator values, finite (raw indicators when options.choices lists normalisations).
    weights : ndarray
        given=False: (indicators x 1) central weights (>= 0, normalised to sum 1);
        given=True: (indicators x draws) weight draws, each column >= 0 summing to 1.
    given : bool
    options : RankUncertaintyOptions
        The GIL is released during the run.
    
    Returns
    -------
    RankUncertaintyResult
    """
def rank_uncertainty_from_parts(X: typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]", "flags.f_contiguous"], weights: typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]", "flags.f_contiguous"], *, given: bool, options: RankUncertaintyOptions, parts: collections.abc.Sequence[RankUncertaintyPart]) -> RankUncertaintyResult:
    """
    rank_uncertainty's result from the parts of its run (covering every draw in order): bit for bit the result of the whole run.
    """
def rank_uncertainty_part(X: typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]", "flags.f_contiguous"], weights: typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]", "flags.f_contiguous"], *, given: bool, options: RankUncertaintyOptions, first_draw: typing.SupportsInt | typing.SupportsIndex, draws: typing.SupportsInt | typing.SupportsIndex) -> RankUncertaintyPart:
    """
    Draws [first_draw, first_draw + draws) of rank_uncertainty's run as a RankUncertaintyPart (a part starts at a segment of rank_segment_draws draws and ends at one or at the run's end). The GIL is released.
    """
def revenue_profile(names: collections.abc.Sequence[str], types: collections.abc.Sequence[str], amounts: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], *, municipality_type: str = 'municipality') -> RevenueProfile:
    """
    Revenue mix profile: HHI, 1 - HHI, normalised diversification, largest source and municipality share.
    """
def score_scale(definition: ScaleDefinition, responses: typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]", "flags.f_contiguous"]) -> ScaleScores:
    """
    Scores an (n respondents x k items) float array, columns in definition.items order, NaN = missing.
    Responses outside the item range raise ValidationError naming row and item.
    """
def join_parts(parts: collections.abc.Sequence[SimulationPart], sketch_accuracy: typing.SupportsFloat | typing.SupportsIndex = 0.0005) -> SimulationPart:
    """
    Adjacent parts of one run (in block order) as one part (counts and sketches added up).
    """
def simulate_model_part(model: Model, options: SimulateOptions, first_block: typing.SupportsInt | typing.SupportsIndex, blocks: typing.SupportsInt | typing.SupportsIndex) -> SimulationPart:
    """
    Blocks [first_block, first_block + blocks) of simulate_model's run, as a SimulationPart (a piece starts and ends at a segment of segment_blocks blocks, or at the run's end).
    """
def simulate_model_parts(model: Model, options: SimulateOptions, parts: collections.abc.Sequence[SimulationPart]) -> ModelSimulation:
    """
    simulate_model from the pieces of its run, in block order: bit for bit what simulate_model gives.
    """
def simulation_blocks(draws: typing.SupportsInt | typing.SupportsIndex) -> int:
    """
    Blocks of 1024 draws a run of `draws` draws has.
    """
def simulate_model(model: Model, options: SimulateOptions = ..., *, progress: typing.Any = None) -> ModelSimulation:
    """
    Monte Carlo over every Parameter of a model's valuation (literal binding; use impactchain.simulate).
    
    Parameters
    ----------
    model : Model
    options : SimulateOptions
        Draws, seed, threads, level, kept arrays, correlation, value targets, tornado range,
        Sobol design, switching values and the valuation options (``options.value``).
    progress : callable(done, total) or None
        Called after each round of blocks from the calling thread. The GIL is released during the run.
    
    Returns
    -------
    ModelSimulation
    """
def social_capital_profile(names: collections.abc.Sequence[str], dimensions: collections.abc.Sequence[str], values: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], mins: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], maxs: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], higher_is_better: collections.abc.Sequence[bool]) -> SocialCapitalProfile:
    """
    Social capital indicators rescaled to 0-100 by their own range, averaged per bonding/bridging/linking.
    """
def swemwbs_metric(raw: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, 1]"]) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
    """
    SWEMWBS raw totals (integers 7-35; NaN passes through) -> Rasch metric scores
    (Stewart-Brown et al. 2009 conversion table).
    """
def value(model: Model, *, adjustments: str = 'multiplicative', discount_first_year: bool = True, discount_investments: bool = False, drop_off_start: str = 'second_year', long_duration_years: typing.SupportsFloat | typing.SupportsIndex = 1.0, switching_values: bool = True) -> ValueResult:
    """
    Deterministic SROI / social cost-benefit of a model at central values.
    
    Parameters
    ----------
    model : Model
    
    adjustments : {"multiplicative", "additive"}, default "multiplicative"
        (1-DW)(1-DS)(1-AT), or 1-DW-DS-AT (refused when it is below 0).
    discount_first_year : bool, default True
        True: a value in year y is discounted by D_y; False: by D_(y-1) (year 1 undiscounted).
    discount_investments : bool, default False
        False: PV(investment) is the sum of the amounts; True: year-y amounts are discounted by D_y.
    drop_off_start : {"second_year", "after_period"}, default "second_year"
        Drop-off from each outcome's 2nd year, or from the first year after the activity period.
    long_duration_years : float, default 1.0
        Warn when an outcome lasts longer than this (years) with no drop-off.
    switching_values : bool, default True
        Compute the value of each assumption at which the SROI ratio is 1.
    
    Returns
    -------
    ValueResult (money in the model's currency and price year)
    """
def value_parameters(model: Model) -> list[str]:
    """
    Names of the parameter slots the valuation reads, in slot order.
    """
def value_totals(model: Model, *, values: collections.abc.Mapping[str, typing.SupportsFloat | typing.SupportsIndex] = {}, adjustments: str = 'multiplicative', discount_first_year: bool = True, discount_investments: bool = False, drop_off_start: str = 'second_year') -> dict:
    """
    Totals (present_value, investment_pv, npv, sroi_ratio, net_sroi, first_year_impact,
    investment_total) with some parameters set to other values.
    
    Parameters
    ----------
    model : Model
    values : dict[str, float]
        Parameter name (as in ``value_parameters``) -> value; the others keep their central values.
    """
def treat_outliers_coinr(x: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], indicators: collections.abc.Sequence[str], options: OutlierOptions = ...) -> tuple:
    """
    COINr's default outlier treatment of each column of a units x indicators array (NaN ignored):
    (treated array, list of IndicatorOutliers).
    """
def versus_reference(summary: PsaSummary, reference: typing.SupportsInt | typing.SupportsIndex) -> list[IncrementalRow]:
    """
    ICER of each strategy against the reference (index) on means; None with a status when undefined.
    """
__version__: str = '0.3.0.dev0'
newest_stream_version: int = 2  # a simulation's stream_version is 1 to this
exact_quantile_max_draws: int = 1000000  # simulations up to this many draws give exact type-7 quantiles, above: the sketch
segment_blocks: int = 1024  # blocks whose moments merge into one segment (the one order of every run)
simulation_block_draws: int = 1024  # draws of one Monte Carlo block (block b holds draws b*1024 .. b*1024 + 1023)
rank_segment_draws: int = 65536  # draws of one rank-uncertainty segment: sums fold within it, then segments in order (a task on a cluster)
max_histogram_bins: int = 1000000  # most bins of a StreamingStats histogram (continuous bins, discrete hi - lo + 1)
max_wtp_grid: int = 100000  # most willingness-to-pay values of one grid (acceptability, eib, compare)
psa_block_draws: int = 32768  # draws of one PSA block: a part on a cluster covers whole blocks, folded in block order
model_file_limits: dict[str, int]  # the default io::Limits: max_file_bytes, max_depth, max_aliases, max_values, max_string_bytes, max_integer
model_schema_version: int = 1
calendar_years: tuple[int, int]  # (first, last): the years a model file's calendar years (period, price year) lie in
