// Monte Carlo over every Parameter of a model's monetised valuation: the value
// plan (value.hpp) evaluated by the generic engine (montecarlo.hpp), with the
// tornado on sroi_ratio and present_value, optional Sobol indices and the
// deterministic switching values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

#include "impactchain/defaults.hpp"
#include "impactchain/model.hpp"
#include "impactchain/montecarlo.hpp"
#include "impactchain/value.hpp"

namespace impactchain {

struct SimulateOptions {
  std::size_t draws = defaults::draws;   ///< ≥ 1
  std::uint64_t seed = defaults::seed;   ///< in [0, 2^63 − 1]
  unsigned threads = defaults::threads;  ///< 0 = all hardware threads
  unsigned stream_version = defaults::stream_version;  ///< 2 or 1 (MonteCarloOptions::stream_version)
  bool keep_draws = false;       ///< return the outputs of every draw (quantiles: exact_quantile_max_draws)
  bool keep_parameters = false;  ///< keep the sampled parameters of every draw (audit)
  std::vector<RankCorrelation> correlation;  ///< Spearman matrices over slot names (`outcomes[a].deadweight`, …)
  std::vector<double> value_targets;         ///< P(present_value > target) for each
  TornadoRange tornado_range = TornadoRange::p05_p95;
  std::size_t sobol_draws = 0;   ///< base sample of the Sobol design (0 = none); N·(k+2) model evaluations
  /// Level of each output's interval (OutputSummary::lower/upper): the central `level` of the draws, in (0, 1).
  double level = defaults::level;
  bool switching_values = true;  ///< compute the deterministic switching values (value(), one root search each)
  /// Simulate each party's gains, pays and net (ModelSimulation::ledger). Three
  /// outputs per party are summarised (and kept, up to exact_quantile_max_draws draws).
  bool ledger = true;
  /// With the ledger: summarise each party's gains, pays and net with their quantiles (p05, p50,
  /// p95, the interval). false leaves those NaN (quantile_method "none") and keeps the means,
  /// SDs and P(net > 0): for callers that report no ledger intervals (portfolios), at less cost.
  bool ledger_quantiles = true;
  ValueOptions value;            ///< valuation choices (adjustments, discounting, …)
  std::function<void(std::size_t, std::size_t)> progress;  ///< (draws done, total), from the calling thread
  CancelHook cancelled;  ///< asked from the calling thread between blocks; true stops the run (Cancelled)
};

/// One party's ledger line under the Monte Carlo (PartyLedger's quantities).
struct PartySimulation {
  std::string party;
  std::string name;  ///< as PartyLedger::name
  OutputSummary gains, pays, net;
  double p_net_positive = 0;  ///< P(net > 0) over the draws with a finite net
};

struct ModelSimulation {
  /// Outputs: present_value, investment_pv, npv, sroi_ratio (in this order).
  SimulationResult result;
  /// P(sroi_ratio > 1) over the draws with a finite ratio (NaN without investment).
  double p_ratio_above_1 = 0;
  /// P(npv < 0) over the draws with a finite NPV: the present value of the outcomes below the
  /// investment's (NaN when no draw's NPV is finite).
  double p_npv_below_0 = std::numeric_limits<double>::quiet_NaN();
  std::vector<Exceedance> value_targets;     ///< P(present_value > target)
  std::vector<SwitchingValue> switching_values;
  ValueTotals central;                       ///< every parameter at its central value
  std::vector<PartySimulation> ledger;       ///< per party, in ValuePlan::Ledger order (SimulateOptions::ledger)
};

/// Output names of simulate_model, in order.
inline const std::vector<std::string>& model_outputs() {
  static const std::vector<std::string> names = {"present_value", "investment_pv", "npv", "sroi_ratio"};
  return names;
}

/// Runs the Monte Carlo over the model's valuation. Throws ValidationError for
/// an invalid model or options.
ModelSimulation simulate_model(const Model& model, const SimulateOptions& options = {});

/// A piece of simulate_model's run (blocks [first_block, first_block + blocks), see
/// SimulationPart), for running one simulation on several machines.
SimulationPart simulate_model_part(const Model& model, const SimulateOptions& options, std::size_t first_block,
                                   std::size_t blocks);

/// simulate_model from the pieces of its run (covering every block in order): bit for bit the
/// result simulate_model gives with the same model and options.
ModelSimulation simulate_model_parts(const Model& model, const SimulateOptions& options,
                                     const std::vector<SimulationPart>& parts);

}  // namespace impactchain
