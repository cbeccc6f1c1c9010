// Monte Carlo: the options, output names and memory ceilings of a run, checked before
// anything is allocated (montecarlo_internal.hpp).
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "impactchain/detail/check.hpp"
#include "impactchain/detail/parallel.hpp"
#include "impactchain/error.hpp"
#include "montecarlo_internal.hpp"

namespace impactchain::detail {

namespace {

std::string gib(double bytes) { return num(bytes / double(std::size_t{1} << 30), 3) + " GiB"; }

/// The ceilings of montecarlo.hpp, checked before anything is allocated; the kept draws are
/// those `held` draws a call holds (the run's, or one part's).
void check_sizes(const ParameterTable& table, const std::vector<std::string>& out, const MonteCarloOptions& o,
                 std::size_t held, IssueList& is) {
  const double N = static_cast<double>(held), nout = static_cast<double>(out.size());
  const double k = static_cast<double>(table.uncertain().size()), slots = static_cast<double>(table.size());
  const double limit = static_cast<double>(max_memory_bytes);
  const double threads = static_cast<double>(resolve_threads(o.threads));
  detail::check_at_most(is, "draws", "", o.draws, max_draws);
  std::size_t quantiled = 0;  // outputs whose draws exact quantiles keep during the run
  for (const auto& name : out) quantiled += moments_only(o, name) ? 0 : 1;
  const double nq = static_cast<double>(quantiled);
  if (o.keep_draws && N * nout * 8 > limit)
    is.add("keep_draws", "keeping " + std::to_string(held) + " draws of " + std::to_string(out.size()) +
                             " outputs needs " + gib(N * nout * 8) + ", more than the ceiling of " + gib(limit) +
                             "; do not keep the draws or use fewer draws");
  else if (!o.keep_draws && o.draws <= o.exact_quantile_draws && N * nq * 8 > limit)
    is.add("draws", "exact quantiles (up to " + std::to_string(o.exact_quantile_draws) +
                        " draws) keep the outputs during the run: " + std::to_string(held) + " draws of " +
                        std::to_string(quantiled) + " outputs need " + gib(N * nq * 8) +
                        ", more than the ceiling of " + gib(limit) + "; use fewer outputs per run or fewer draws");
  if (o.keep_parameters && N * k * 8 > limit)
    is.add("keep_parameters", "keeping " + std::to_string(held) + " draws of " + num(k) +
                                  " uncertain parameters needs " + gib(N * k * 8) + ", more than the ceiling of " +
                                  gib(limit) + "; do not keep the parameters or use fewer draws");
  const double workers = static_cast<double>(block_workers(resolve_threads(o.threads), o.draws));
  const double stride = static_cast<double>(block_stride(o.draws));
  const double work = workers * (slots + nout) * stride * 8;
  if (work > limit)
    is.add("threads", "sampling blocks of " + num(stride) + " draws over " + num(slots) + " parameters on " +
                          num(workers) + " threads need " + gib(work) + ", more than the ceiling of " + gib(limit) +
                          (workers > 1 ? "; use fewer threads" : "; the model has too many parameters for a Monte Carlo run"));
  if (o.sobol_draws > 0) {
    const double S = static_cast<double>(o.sobol_draws), no = static_cast<double>(o.sobol_outputs.empty() ? out.size() : o.sobol_outputs.size());
    if (S * (k + 2) > static_cast<double>(max_sobol_evaluations))
      is.add("sobol_draws", "the Sobol design needs sobol_draws x (k + 2) = " + num(S) + " x " + num(k + 2) +
                                " model evaluations, more than the ceiling of " + std::to_string(max_sobol_evaluations) +
                                "; use fewer sobol_draws");
    const double blocks = std::ceil(S / static_cast<double>(block_size));
    const double sobol_bytes = (blocks * (4 * no * k + 3 * no) + threads * 2 * k * static_cast<double>(block_size)) * 8;
    if (sobol_bytes > limit)
      is.add("sobol_draws", "the Sobol design over " + num(k) + " parameters needs " + gib(sobol_bytes) +
                                " of working memory, more than the ceiling of " + gib(limit) +
                                "; use fewer sobol_draws or fewer threads");
  }
}

}  // namespace

void validate_run(const ParameterTable& table, const Evaluator& f, const std::vector<std::string>& out,
              const MonteCarloOptions& o, std::optional<std::size_t> part_draws) {
  IssueList is;
  detail::check_at_least(is, "draws", "", o.draws, 1);
  detail::check_seed(is, "seed", o.seed);
  detail::check_stream_version(is, "stream_version", o.stream_version);
  detail::check_threads(is, "threads", o.threads);
  if (out.empty()) is.add("outputs", "at least one output is needed");
  if (out.size() != f.outputs())
    is.add("outputs", "the evaluator gives " + std::to_string(f.outputs()) + " outputs but " + std::to_string(out.size()) +
                          " names were given");
  std::set<std::string> names;
  for (std::size_t i = 0; i < out.size(); ++i) {
    detail::check_non_empty(is, detail::element("outputs", i), "output name", out[i]);
    if (!names.insert(out[i]).second) is.add(detail::element("outputs", i), "duplicate output name " + detail::quote(out[i]));
  }
  for (std::size_t i = 0; i < o.quantiles.size(); ++i)
    detail::check_unit_interval(is, detail::element("quantiles", i), "", o.quantiles[i]);
  if (!(o.level > 0 && o.level < 1)) is.add("level", "must be in (0, 1) (0.95: the central 95 % of the draws), got " + num(o.level));
  if (!(o.sketch_accuracy > 0 && o.sketch_accuracy <= 0.1))
    is.add("sketch_accuracy", "must be in (0, 0.1], got " + num(o.sketch_accuracy));
  auto check_out = [&](const std::string& path, const std::string& n) {
    if (find_output(out, n) == out.size()) is.add(path, "unknown output '" + n + "' (outputs: " + output_list(out) + ")");
  };
  for (std::size_t i = 0; i < o.thresholds.size(); ++i) {
    check_out("thresholds[" + std::to_string(i) + "].output", o.thresholds[i].output);
    detail::check_finite(is, detail::element("thresholds", i) + ".value", "", o.thresholds[i].value);
  }
  for (std::size_t i = 0; i < o.moments_only_outputs.size(); ++i)
    check_out("moments_only_outputs[" + std::to_string(i) + "]", o.moments_only_outputs[i]);
  for (std::size_t i = 0; i < o.tornado_outputs.size(); ++i) check_out("tornado_outputs[" + std::to_string(i) + "]", o.tornado_outputs[i]);
  for (std::size_t i = 0; i < o.sobol_outputs.size(); ++i) check_out("sobol_outputs[" + std::to_string(i) + "]", o.sobol_outputs[i]);
  if (!o.sobol_outputs.empty() && o.sobol_draws == 0)
    is.add("sobol_draws", "must be at least 1 when sobol_outputs are given, got 0");
  if (o.sobol_draws == 1) is.add("sobol_draws", "must be at least 2 (the variance needs two draws), got 1");
  check_sizes(table, out, o, part_draws.value_or(o.draws), is);
  if (!o.tornado_outputs.empty() && o.tornado_range == TornadoRange::support)
    for (auto s : table.uncertain()) {
      const auto& p = table[s].parameter;
      if (!std::isfinite(p.lower()) || !std::isfinite(p.upper()))
        is.add("tornado_range", "'support' needs bounded parameters; '" + table[s].name + "' (" + to_string(p.kind()) +
                                    ") is unbounded — use p05_p95 or p10_p90");
    }
  is.throw_if_any();
}


}  // namespace impactchain::detail
