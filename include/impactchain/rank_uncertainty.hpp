// Rank uncertainty of a composite indicator under uncertain weights and,
// optionally, uncertain normalisation and aggregation choices (OECD/JRC
// Handbook 2008, step 7): score = X·w for each weight draw w (or the weighted
// geometric mean); per unit the score interval and the rank interval, streamed
// over blocks of draws without storing all scores. Ranks: 1 = highest score;
// ties go to the unit that comes first (the order numpy's argsort(-score,
// kind="stable") gives).
#pragma once

#include "impactchain/detail/eigen.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "impactchain/detail/enum_names.hpp"
#include "impactchain/defaults.hpp"
#include "impactchain/cancel.hpp"
#include "impactchain/notice.hpp"
#include "impactchain/aggregate.hpp"
#include "impactchain/normalise.hpp"
#include "impactchain/outliers.hpp"

namespace impactchain {

/// How weight draws are generated around the given weights w (normalised to sum 1).
enum class WeightModel {
  dirichlet,  ///< w_d ~ Dirichlet(concentration · w): mean w, Var(w_j) = w_j(1 − w_j)/(concentration + 1)
  uniform     ///< w_dj = w_j · (1 + U(−perturbation, +perturbation)), then renormalised to sum 1
};

template <>
struct EnumSpellings<WeightModel> {
  static constexpr const char* field = "weight_model";
  static constexpr std::pair<WeightModel, const char*> names[] = {
      {WeightModel::dirichlet, "dirichlet"},
      {WeightModel::uniform, "uniform"}};
};
inline const char* to_string(WeightModel v) { return detail::spelling(v); }

/// Construction choices drawn per draw, each uniformly among the listed ones
/// (a discrete uncertain choice, as in OECD/JRC 2008 step 7).
struct CompositeChoices {
  /// none / coinr (outliers.hpp), applied to X before normalising. Empty: none only.
  std::vector<OutlierTreatment> treatments;
  OutlierOptions outliers;                    ///< thresholds and point limit of the coinr treatment
  /// none / minmax / zscore / rank (normalise.hpp). Empty: X is used as given (already
  /// normalised). Non-empty: X holds the raw indicators, normalised once per method.
  std::vector<Normalisation> normalisations;
  /// arithmetic / geometric (aggregate.hpp). Empty: arithmetic only. Geometric needs
  /// positive normalised values for every indicator that can get weight.
  std::vector<Aggregation> aggregations;
  NormalisationOptions normalisation;         ///< minmax range, z-score scale (`method` is set per choice)
  std::vector<int> directions;                ///< per indicator: +1 higher is better, −1 lower is better (empty: all +1)
  std::vector<std::string> indicator_names;   ///< for messages (empty: "0", "1", …)
  std::vector<std::string> unit_names;        ///< for messages: "unit 'Noord'" (empty: "unit 0", "unit 1", …)
  /// How messages name unit u: "unit 'Noord'" from unit_names, else "unit 3" (from 0).
  std::string unit_label(std::size_t u) const {
    return u < unit_names.size() ? "unit '" + unit_names[u] + "'" : "unit " + std::to_string(u);
  }
  bool active() const { return !treatments.empty() || !normalisations.empty() || !aggregations.empty(); }
};

struct RankUncertaintyOptions {
  std::size_t draws = defaults::draws;   ///< weight draws to generate (ignored when W is given); ≥ 1
  std::uint64_t seed = defaults::seed;   ///< in [0, 2^63 − 1]
  unsigned threads = defaults::threads;  ///< 0 = all hardware threads
  WeightModel weight_model = WeightModel::dirichlet;
  double concentration = 100;   ///< Dirichlet concentration, > 0
  double perturbation = 0.25;   ///< uniform relative perturbation, in [0, 1)
  /// P(rank ≤ k) for each k in [1, units]. Empty (the default): each of 1, 3 and 10 below the
  /// number of units, as the Python API's default; the result's `top` gives the ks used.
  std::vector<std::size_t> top;
  CompositeChoices choices;     ///< normalisation / aggregation uncertainty (default: none)
  CancelHook cancelled;         ///< asked from the calling thread between blocks; true stops with Cancelled
};

struct RankUncertaintyResult {
  std::size_t units = 0, indicators = 0, draws = 0;
  std::uint64_t seed = 0;
  Eigen::VectorXd score_mean;                        ///< X · mean(w) (exact by linearity); with choices: mean of the drawn scores
  Eigen::VectorXd score_p05, score_p50, score_p95;   ///< within 1/1024 of each unit's score spread
  Eigen::VectorXi rank_best, rank_worst;             ///< exact
  Eigen::VectorXd rank_p05, rank_median, rank_p95;   ///< lower order statistics; exact when a unit's ranks span ≤ 4096 places
  Eigen::VectorXd reference_score;                   ///< X · w at the central weights (generated) or mean(W) (given); with choices: first treatment, normalisation and aggregation
  Eigen::VectorXi reference_rank;                    ///< rank by reference_score (same tie rule)
  std::vector<std::size_t> top;
  Eigen::MatrixXd p_top;                             ///< units × top.size(): P(rank ≤ k)
  Eigen::VectorXd mean_weights;                      ///< mean of the weight draws
  std::vector<std::string> normalisation_choices;    ///< as listed in the options (empty without choices)
  std::vector<std::string> aggregation_choices;
  std::vector<std::string> treatment_choices;
  Eigen::MatrixXi choice_draws;                      ///< normalisations × aggregations: draws that used each pair (over all treatments)
  Eigen::VectorXi treatment_draws;                   ///< per treatment choice: draws that used it (empty without treatment choices)
  /// per draw: (treatment index · normalisations + normalisation index) · aggregations + aggregation index
  Eigen::VectorXi draw_choice;
  std::string tie_rule = "rank 1 = highest score; equal scores: the unit with the lower index ranks first";
  std::vector<Notice> warnings;
};

/// Draws per segment of a run (2^16, 1,024 blocks of 64): a piece of a run (RankUncertaintyPart)
/// starts at a segment. Score and weight sums add up in draw order within a segment and segment
/// by segment, so a run's numbers do not depend on how its segments are shared out.
inline constexpr std::size_t rank_segment_draws = std::size_t{1} << 16;

/// Integer-count histogram of a piece: bins [b·2^shift, (b+1)·2^shift) for b = lo, lo + 1, ….
struct RankHistogram {
  std::int64_t lo = 0;
  int shift = 0;
  std::vector<std::uint32_t> counts;  ///< runs have at most max_draws (10^9) draws
};

/// A piece of a run, draws [first_draw, first_draw + draws), as partial summaries that merge
/// exactly: integer counts and extremes (which add up in any order), and each segment's score
/// and weight sums side by side (merged in segment order when the run is finished). Its size
/// does not grow with its draws, except the per-draw choice index when choices are drawn.
struct RankUncertaintyPart {
  std::size_t first_draw = 0, draws = 0;
  std::vector<double> score_sums;    ///< segments × units: each segment's summed scores (with choices)
  std::vector<double> weight_sums;   ///< segments × indicators: each segment's summed weight draws (generated weights)
  std::vector<RankHistogram> ranks, scores;  ///< per unit: rank and score-grid histograms
  std::vector<std::int32_t> best, worst;     ///< per unit
  std::vector<std::uint64_t> top_count;      ///< units × top: draws with rank ≤ k
  std::vector<std::int32_t> draw_choice;     ///< per draw of the piece (with choices)
};

/// Generated weight draws around `weights` (one per column of X; ≥ 0, not all 0;
/// normalised to sum 1). Throws ValidationError on bad input.
RankUncertaintyResult rank_uncertainty(const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::VectorXd& weights,
                                       const RankUncertaintyOptions& options = {});

/// User-given weight draws W (indicators × draws), each column ≥ 0 and summing
/// to 1 (within 1e-9). `options.draws`, weight_model and its parameters are ignored.
RankUncertaintyResult rank_uncertainty_given(const Eigen::Ref<const Eigen::MatrixXd>& X,
                                             const Eigen::Ref<const Eigen::MatrixXd>& W,
                                             const RankUncertaintyOptions& options = {});

/// Draws [first_draw, first_draw + draws) of rank_uncertainty(X, weights, options) as a part:
/// first_draw a multiple of rank_segment_draws, the range within options.draws.
RankUncertaintyPart rank_uncertainty_part(const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::VectorXd& weights,
                                          const RankUncertaintyOptions& options, std::size_t first_draw,
                                          std::size_t draws);

/// Draws [first_draw, first_draw + draws) of rank_uncertainty_given(X, W, options) as a part.
RankUncertaintyPart rank_uncertainty_given_part(const Eigen::Ref<const Eigen::MatrixXd>& X,
                                                const Eigen::Ref<const Eigen::MatrixXd>& W,
                                                const RankUncertaintyOptions& options, std::size_t first_draw,
                                                std::size_t draws);

/// Adjacent parts of one run (in draw order) as one part (for reducing parts where they were
/// computed: one part of constant size travels).
RankUncertaintyPart join_rank_uncertainty_parts(const std::vector<RankUncertaintyPart>& parts);

/// rank_uncertainty from the parts of its run, which cover every draw in order: bit for bit the
/// result rank_uncertainty gives with the same input.
RankUncertaintyResult rank_uncertainty_from_parts(const Eigen::Ref<const Eigen::MatrixXd>& X,
                                                  const Eigen::VectorXd& weights, const RankUncertaintyOptions& options,
                                                  const std::vector<RankUncertaintyPart>& parts);

/// rank_uncertainty_given from the parts of its run (as rank_uncertainty_from_parts).
RankUncertaintyResult rank_uncertainty_given_from_parts(const Eigen::Ref<const Eigen::MatrixXd>& X,
                                                        const Eigen::Ref<const Eigen::MatrixXd>& W,
                                                        const RankUncertaintyOptions& options,
                                                        const std::vector<RankUncertaintyPart>& parts);

}  // namespace impactchain
