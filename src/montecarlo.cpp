// Monte Carlo engine: simulate, and one draw's parameters. The run itself (block
// sampling, summaries merged in block order): montecarlo_run.cpp; runs in parts:
// montecarlo_parts.cpp; checks of the options: montecarlo_checks.cpp; sampling:
// sampler.cpp; exact quantiles without kept draws: streamed_quantiles.cpp;
// quantile sketch: quantile_sketch.cpp; tornado and Sobol: sensitivity.cpp;
// random streams: philox_stream.hpp. Random123 stays private to src/.
#include "impactchain/montecarlo.hpp"

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "impactchain/detail/check.hpp"
#include "montecarlo_run.hpp"

namespace impactchain {

namespace detail {

std::size_t find_output(const std::vector<std::string>& names, const std::string& n) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == n) return i;
  return names.size();
}

}  // namespace detail

namespace {

using detail::block_size;
using detail::Kept;
using detail::output_list;
using detail::KeptBuffer;
using detail::validate_run;
using detail::mc::ExactQuantiles;
using detail::mc::pilot_draws;
using detail::mc::Run;
using detail::mc::Tally;

}  // namespace

const OutputSummary& SimulationResult::summary(const std::string& output) const {
  for (const auto& s : summaries)
    if (s.name == output) return s;
  throw std::invalid_argument("simulation result: unknown output '" + output + "' (outputs: " + output_list(output_names) + ")");
}

std::vector<double> sample_draw(const ParameterTable& table, const MonteCarloOptions& options, std::size_t draw) {
  detail::require(detail::check_seed, "seed", options.seed);
  detail::require(detail::check_stream_version, "stream_version", options.stream_version);
  detail::TableSampler sampler(table, options.correlation, options.seed, options.stream_version);
  const auto& unc = sampler.uncertain_slots();
  std::vector<double> cols(unc.size() * block_size), x = sampler.centrals();
  auto sc = sampler.scratch();
  const std::size_t i = draw % block_size;
  sampler.sample_block(draw / block_size, detail::StreamDomain::simulation, i + 1, cols.data(), sc);
  for (std::size_t j = 0; j < unc.size(); ++j) x[unc[j]] = cols[j * block_size + i];
  return x;
}
std::size_t simulation_blocks(std::size_t draws) { return (draws + detail::block_size - 1) / detail::block_size; }

SimulationResult simulate(const ParameterTable& table, const Evaluator& f, const std::vector<std::string>& out,
                          const MonteCarloOptions& o) {
  validate_run(table, f, out, o);
  const Run run(table, f, out, o);
  double* kept_parameters = nullptr;
  if (run.exact && run.keep && !o.keep_draws && run.N >= 4 * pilot_draws) {
    Tally t(run);
    detail::StreamedQuantiles streamed(run.nkeep, run.N, pilot_draws, run.levels());
    if (o.keep_parameters) kept_parameters = t.r.parameter_draws.data();
    run.run_blocks(0, run.blocks(), t.totals, Kept{}, kept_parameters, t.sketch, &streamed);
    if (auto qs = run.streamed_quantiles(streamed)) {
      run.finish(t.r, t.totals, t.sketch, std::move(*qs));
      return std::move(t.r);
    }
    // A bracket missed (or a pilot had fewer than 4,096 finite draws of an output): the same run
    // again, keeping its outputs.
  }
  Tally t(run);
  // The kept outputs when the result does not return them, column by column; left
  // uninitialised (every element is written by the run, its pages first touched on its threads).
  std::optional<KeptBuffer> columns;
  Kept kept = run.returned(t.r);
  if (!o.keep_draws && run.keep) {
    columns.emplace(run.N * run.nkeep);
    kept = Kept{columns->data(), 1, run.N, run.column};
  }
  if (o.keep_parameters) kept_parameters = t.r.parameter_draws.data();
  run.run_blocks(0, run.blocks(), t.totals, kept, kept_parameters, t.sketch);
  run.finish(t.r, t.totals, t.sketch, run.exact ? run.kept_quantiles(kept, t.totals.m) : ExactQuantiles{});
  return std::move(t.r);
}

}  // namespace impactchain
