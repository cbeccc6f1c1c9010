// A Monte Carlo run in parts (montecarlo.hpp): a part computes a range of blocks
// (simulate_part), parts join (join_parts), and a run is finished from its parts
// with the numbers simulate gives (simulate_parts).
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "impactchain/detail/check.hpp"
#include "impactchain/error.hpp"
#include "impactchain/montecarlo.hpp"
#include "montecarlo_run.hpp"

namespace impactchain {
namespace {

using detail::Kept;
using detail::KeptBuffer;
using detail::Moments;
using detail::validate_run;
using detail::mc::ExactQuantiles;
using detail::mc::PartSink;
using detail::mc::Run;
using detail::mc::Tally;
using detail::mc::Totals;

}  // namespace

SimulationPart simulate_part(const ParameterTable& table, const Evaluator& f, const std::vector<std::string>& out,
                             const MonteCarloOptions& o, std::size_t first_block, std::size_t blocks) {
  // The part holds its own draws only: the ceilings on kept draws apply to those (a range
  // outside the run holds none; it is refused after the run's own checks).
  const std::size_t run_blocks = simulation_blocks(o.draws);
  const bool in_run = blocks > 0 && first_block <= run_blocks && blocks <= run_blocks - first_block;
  const std::size_t d0 = first_block * detail::block_size;
  const std::size_t draws = in_run ? std::min(o.draws, (first_block + blocks) * detail::block_size) - d0 : 0;
  validate_run(table, f, out, o, draws);
  if (!in_run)
    throw ValidationError("blocks", "a part covers blocks [first_block, first_block + blocks) of the run's " +
                                        std::to_string(run_blocks) + ", got [" + std::to_string(first_block) +
                                        ", " + std::to_string(first_block + blocks) + ")");
  const Run run(table, f, out, o);
  const std::size_t end = first_block + blocks;
  if (first_block % segment_blocks != 0 || (end % segment_blocks != 0 && end != run.blocks()))
    throw ValidationError("blocks", "a part starts and ends at a segment of " + std::to_string(segment_blocks) +
                                        " blocks (or the run's end), got [" + std::to_string(first_block) + ", " +
                                        std::to_string(end) + ")");
  SimulationPart p;
  p.first_block = first_block;
  p.blocks = blocks;
  if (run.keep) p.kept_outputs.resize(draws * run.nkeep);
  if (o.keep_parameters) p.kept_parameters.resize(draws * run.k);
  std::vector<detail::QuantileSketch> sketch;
  if (!run.exact) sketch.assign(run.nout, detail::QuantileSketch(run.o.sketch_accuracy));
  PartSink sink(p, run.nout, run.nthr, run.blocks());
  run.run_blocks(first_block, blocks, sink, Kept{p.kept_outputs.data(), run.nkeep, 1, run.column},
                 o.keep_parameters ? p.kept_parameters.data() : nullptr, sketch);
  p.nonfinite = sink.nonfinite;
  p.above = sink.above;
  p.nonfinite_draws = sink.nonfinite_draws;
  for (const auto& sk : sketch) p.sketches.push_back(sk.state());
  return p;
}

SimulationPart join_parts(const std::vector<SimulationPart>& parts, double sketch_accuracy) {
  if (parts.empty()) throw ValidationError("parts", "at least one part is needed");
  SimulationPart j;
  j.first_block = parts.front().first_block;
  j.nonfinite.assign(parts.front().nonfinite.size(), 0);
  j.above.assign(parts.front().above.size(), 0);
  std::vector<detail::QuantileSketch> sketch;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const SimulationPart& p = parts[i];
    const std::string where = detail::element("parts", i);
    if (p.first_block != j.first_block + j.blocks)
      throw ValidationError(where, "parts are joined in block order without gaps: expected block " +
                                       std::to_string(j.first_block + j.blocks) + ", got " + std::to_string(p.first_block));
    if (p.nonfinite.size() != j.nonfinite.size() || p.above.size() != j.above.size() ||
        p.sketches.size() != parts.front().sketches.size())
      throw ValidationError(where, "this part belongs to another run (its sizes differ)");
    j.blocks += p.blocks;
    j.moments.insert(j.moments.end(), p.moments.begin(), p.moments.end());
    for (std::size_t q = 0; q < p.nonfinite.size(); ++q) j.nonfinite[q] += p.nonfinite[q];
    for (std::size_t t = 0; t < p.above.size(); ++t) j.above[t] += p.above[t];
    j.nonfinite_draws += p.nonfinite_draws;
    if (sketch.empty()) sketch.assign(p.sketches.size(), detail::QuantileSketch(sketch_accuracy));
    for (std::size_t q = 0; q < p.sketches.size(); ++q)
      sketch[q].merge(detail::QuantileSketch::from_state(sketch_accuracy, p.sketches[q]));
    j.kept_outputs.insert(j.kept_outputs.end(), p.kept_outputs.begin(), p.kept_outputs.end());
    j.kept_parameters.insert(j.kept_parameters.end(), p.kept_parameters.begin(), p.kept_parameters.end());
  }
  for (const auto& sk : sketch) j.sketches.push_back(sk.state());
  return j;
}

SimulationResult simulate_parts(const ParameterTable& table, const Evaluator& f, const std::vector<std::string>& out,
                                const MonteCarloOptions& o, const std::vector<SimulationPart>& parts) {
  validate_run(table, f, out, o);
  const Run run(table, f, out, o);
  Tally t(run);
  Totals& totals = t.totals;
  // Parts keep the outputs this run keeps, or every output (computed with keep_draws, whose
  // summaries are finished without it): their width says which.
  std::size_t width = run.nkeep;
  if (run.keep && !parts.empty() && parts[0].blocks > 0) {
    const std::size_t d0 = parts[0].first_block * detail::block_size;
    const std::size_t draws = std::min(run.N, (parts[0].first_block + parts[0].blocks) * detail::block_size) - d0;
    if (d0 < run.N && parts[0].kept_outputs.size() == draws * run.nout) width = run.nout;
  }
  std::optional<KeptBuffer> rows;  // the parts' kept outputs when the result does not return them
  Kept kept = run.returned(t.r);
  if (!o.keep_draws && run.keep) {
    rows.emplace(run.N * width);
    kept = Kept{rows->data(), width, 1, run.column};
    if (width != run.nkeep)
      for (std::size_t q = 0; q < run.nout; ++q) kept.column[q] = q;
  }
  std::size_t next = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const SimulationPart& p = parts[i];
    const std::string where = detail::element("parts", i);
    if (p.first_block != next)
      throw ValidationError(where, "parts must cover the run's blocks in order without gaps: expected block " +
                                       std::to_string(next) + ", got " + std::to_string(p.first_block));
    const std::size_t d0 = p.first_block * detail::block_size;
    const std::size_t draws = std::min(run.N, (p.first_block + p.blocks) * detail::block_size) - d0;
    const std::size_t segments = (p.blocks + segment_blocks - 1) / segment_blocks;
    const bool sizes_ok = p.moments.size() == segments * run.nout * 5 && p.nonfinite.size() == run.nout &&
                          p.above.size() == run.nthr && (!run.keep || p.kept_outputs.size() == draws * width) &&
                          (!o.keep_parameters || p.kept_parameters.size() == draws * run.k) &&
                          (run.exact || p.sketches.size() == run.nout);
    if (!sizes_ok)
      throw ValidationError(where, "this part does not belong to this run (its sizes differ: another model, options "
                                   "or number of draws)");
    std::vector<Moments> seg(run.nout);
    for (std::size_t g = 0; g < segments; ++g) {
      for (std::size_t q = 0; q < run.nout; ++q) {
        const double* m = &p.moments[(g * run.nout + q) * 5];
        seg[q].n = m[0];
        seg[q].mean = m[1];
        seg[q].m2 = m[2];
        seg[q].min = m[3];
        seg[q].max = m[4];
      }
      totals.segment(seg);  // in segment order, as simulate merges them
    }
    for (std::size_t q = 0; q < run.nout; ++q) totals.nonfinite[q] += p.nonfinite[q];
    for (std::size_t t = 0; t < run.nthr; ++t) totals.above[t] += p.above[t];
    totals.nonfinite_draws += p.nonfinite_draws;
    if (run.keep) std::copy(p.kept_outputs.begin(), p.kept_outputs.end(), kept.base + d0 * width);
    if (o.keep_parameters)
      std::copy(p.kept_parameters.begin(), p.kept_parameters.end(), t.r.parameter_draws.data() + d0 * run.k);
    if (!run.exact)
      for (std::size_t q = 0; q < run.nout; ++q) t.sketch[q].merge(detail::QuantileSketch::from_state(o.sketch_accuracy, p.sketches[q]));
    next = p.first_block + p.blocks;
  }
  if (next != run.blocks())
    throw ValidationError("parts", "the parts cover blocks 0 to " + std::to_string(next) + " of the run's " +
                                       std::to_string(run.blocks()));
  run.finish(t.r, totals, t.sketch, run.exact ? run.kept_quantiles(kept, totals.m) : ExactQuantiles{});
  return std::move(t.r);
}

}  // namespace impactchain
