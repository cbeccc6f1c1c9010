// Expected value of partial perfect information (EVPPI) of single parameters
// from probabilistic-analysis draws, model-agnostic: the net benefit of every
// draw and strategy and the parameters of every draw (docs/voi.md). Each
// parameter is computed wholly by one thread, so the numbers are the same for
// any thread count; the coefficient redraws of the standard error come from a
// counter-based stream keyed by the seed and the parameter's index.
#pragma once

#include "impactchain/detail/eigen.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include "impactchain/cancel.hpp"
#include "impactchain/defaults.hpp"
#include "impactchain/detail/enum_names.hpp"

namespace impactchain {

/// How the conditional expected net benefit given one parameter is estimated.
enum class EvppiMethod {
  /// Strong, Oakley & Brennan (2014): the net benefit of each strategy relative to the
  /// first regressed on a cubic regression spline of the standardised parameter
  /// (truncated-power basis z, z², z³, (z − k)³₊, knots at its quantiles, intercept).
  regression,
  /// Sadatsafavi et al. (2013): the draws sorted by the parameter and cut into ⌊√n⌋
  /// bins of (nearly) equal size; the bins' means are the conditional expectations.
  binned
};

template <>
struct EnumSpellings<EvppiMethod> {
  static constexpr const char* field = "method";
  static constexpr std::pair<EvppiMethod, const char*> names[] = {{EvppiMethod::regression, "regression"},
                                                                  {EvppiMethod::binned, "binned"}};
};
inline const char* to_string(EvppiMethod v) { return detail::spelling(v); }

struct EvppiOptions {
  EvppiMethod method = EvppiMethod::regression;
  int knots = 6;         ///< regression: interior knots at the parameter's quantiles, in [2, 20]
  int se_draws = 200;    ///< regression: coefficient redraws for the standard error, in [2, 100000]
  std::uint64_t seed = defaults::seed;   ///< key of the redraws' stream (with the parameter's index)
  unsigned threads = defaults::threads;  ///< 0 = all hardware threads; results do not depend on it
  std::vector<std::string> names;        ///< parameter names for messages (empty: "0", "1", …)
  /// Index of the first column in the whole set of parameters (the redraws' stream is keyed by
  /// first_index + column): columns computed in several calls (on several machines) get the
  /// numbers one call gives.
  std::uint64_t first_index = 0;
  CancelHook cancelled;  ///< asked from the calling thread between parameters; true stops with Cancelled
};

struct EvppiResult {
  Eigen::VectorXd evppi;  ///< per parameter, in the unit of the net benefit, per decision (≥ 0)
  Eigen::VectorXd se;     ///< its standard error
  /// regression: columns of the spline design kept (the intercept included; columns a
  /// discrete or constant parameter makes linearly dependent are dropped); binned: the bins.
  Eigen::VectorXi columns;
};

/// EVPPI of each column of `parameters` (draws × parameters) for the decision among the
/// strategies whose net benefit is `net_benefit` (draws × strategies, at least 2; the first
/// is the reference of the regression's incremental net benefits). Both must be finite and
/// have one row per draw (at least 2 draws). A constant parameter is worth 0 (SE 0).
///
/// regression: EVPPI = mean_i max_d g_d(θ_i) − max_d mean_i g_d(θ_i), g_d the fitted
/// incremental net benefit (g_0 = 0); its SE combines the spread of that value over
/// `se_draws` redraws of the coefficients (coef_d + σ_d·L·z, L·Lᵀ = (XᵀX)⁻¹) and the Monte
/// Carlo variance of the mean over draws. binned: EVPPI = Σ_b n_b (max_d mean_b NB_d −
/// max_d mean NB_d) / n, SE = SD of the bins' terms / √bins.
/// Throws ValidationError naming the argument, the row and the parameter or strategy.
EvppiResult evppi(const Eigen::Ref<const Eigen::MatrixXd>& net_benefit,
                  const Eigen::Ref<const Eigen::MatrixXd>& parameters, const EvppiOptions& options = {});

}  // namespace impactchain
