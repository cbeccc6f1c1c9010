// Monte Carlo engine: Philox block sampling, streamed summaries merged in block
// order, runs in parts. Checks of the options: montecarlo_checks.cpp; sampling:
// sampler.cpp; exact quantiles without kept draws: streamed_quantiles.cpp;
// quantile sketch: quantile_sketch.cpp; tornado and Sobol: sensitivity.cpp;
// random streams: philox_stream.hpp. Random123 stays private to src/.
#include "impactchain/montecarlo.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sampler.hpp"
#include "impactchain/detail/check.hpp"
#include "impactchain/error.hpp"
#include "impactchain/detail/stats.hpp"
#include "impactchain/detail/column_quantiles.hpp"
#include "kept_outputs.hpp"
#include "montecarlo_internal.hpp"
#include "streamed_quantiles.hpp"
#include "impactchain/detail/parallel.hpp"

namespace impactchain {

namespace detail {

std::size_t find_output(const std::vector<std::string>& names, const std::string& n) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == n) return i;
  return names.size();
}

}  // namespace detail

// --------------------------------------------------------------------------- engine
namespace {

using detail::block_size;
using detail::block_stride;
using detail::block_workers;
using detail::find_output;
using detail::Kept;
using detail::KeptBuffer;
using detail::moments_only;
using detail::Moments;
using detail::not_kept;
using detail::output_list;
using detail::parallel_items;
using detail::resolve_threads;
using detail::run_sobol;
using detail::run_tornado;
using detail::StreamDomain;
using detail::validate_run;

constexpr std::size_t round_blocks = 64;    // blocks per round merged in order before the next round
constexpr std::size_t pilot_draws = round_blocks * block_size;  // a streamed run's pilot: its first round
using ExactQuantiles = std::vector<std::vector<double>>;  // per output, at Run::levels (empty: none)
using impactchain::segment_blocks;          // blocks whose moments merge into one segment (montecarlo.hpp)

struct BlockStats {
  std::vector<Moments> m;               // per output
  std::vector<std::uint64_t> nonfinite;  // per output
  std::vector<std::uint64_t> above;      // per threshold
  std::uint64_t nonfinite_draws = 0;
};

struct WorkerState {
  std::vector<double> cols, y;  // slot-major block of parameters; output-major block of outputs
  detail::TableSampler::Scratch sc;
  std::unique_ptr<EvaluatorWorkspace> ws;
  std::vector<detail::QuantileSketch> sketch;
};

}  // namespace

const OutputSummary& SimulationResult::summary(const std::string& output) const {
  for (const auto& s : summaries)
    if (s.name == output) return s;
  throw std::invalid_argument("simulation result: unknown output '" + output + "' (outputs: " + output_list(output_names) + ")");
}

std::vector<double> sample_draw(const ParameterTable& table, const MonteCarloOptions& options, std::size_t draw) {
  detail::require(detail::check_seed, "seed", options.seed);
  detail::TableSampler sampler(table, options.correlation, options.seed);
  const auto& unc = sampler.uncertain_slots();
  std::vector<double> cols(unc.size() * block_size), x = sampler.centrals();
  auto sc = sampler.scratch();
  const std::size_t i = draw % block_size;
  sampler.sample_block(draw / block_size, detail::StreamDomain::simulation, i + 1, cols.data(), sc);
  for (std::size_t j = 0; j < unc.size(); ++j) x[unc[j]] = cols[j * block_size + i];
  return x;
}

namespace {

/// What every block of a run adds, in block order: its moments per output (merged in block
/// order by the caller, the only sums whose rounding depends on an order) and its counts.
struct BlockSink {
  virtual ~BlockSink() = default;
  virtual void block(std::size_t b, const BlockStats& s) = 0;
};

/// Merges the blocks' moments in block order within each segment of segment_blocks blocks, and
/// the segments' in segment order; adds up the counts. The one order of every run (simulate,
/// simulate_parts), so a run computed in pieces gives its numbers bit for bit.
struct Segments : BlockSink {
  std::size_t last_block;   // the run's last block (its segment may be short)
  std::vector<Moments> seg;  // the current segment's moments
  std::vector<std::uint64_t> nonfinite, above;
  std::uint64_t nonfinite_draws = 0;
  Segments(std::size_t nout, std::size_t nthr, std::size_t blocks)
      : last_block(blocks - 1), seg(nout), nonfinite(nout, 0), above(nthr, 0) {}
  virtual void segment(const std::vector<Moments>& m) = 0;
  void block(std::size_t b, const BlockStats& s) override {
    for (std::size_t q = 0; q < seg.size(); ++q) {
      seg[q].merge(s.m[q]);
      nonfinite[q] += s.nonfinite[q];
    }
    for (std::size_t t = 0; t < above.size(); ++t) above[t] += s.above[t];
    nonfinite_draws += s.nonfinite_draws;
    if ((b + 1) % segment_blocks == 0 || b == last_block) {
      segment(seg);
      seg.assign(seg.size(), Moments{});
    }
  }
};

/// The run's totals (simulate).
struct Totals final : Segments {
  std::vector<Moments> m;
  Totals(std::size_t nout, std::size_t nthr, std::size_t blocks) : Segments(nout, nthr, blocks), m(nout) {}
  void segment(const std::vector<Moments>& s) override {
    for (std::size_t q = 0; q < m.size(); ++q) m[q].merge(s[q]);
  }
};

/// A piece's segments, kept (simulate_part).
struct PartSink final : Segments {
  SimulationPart& p;
  PartSink(SimulationPart& part, std::size_t nout, std::size_t nthr, std::size_t blocks)
      : Segments(nout, nthr, blocks), p(part) {}
  void segment(const std::vector<Moments>& s) override {
    for (const auto& m : s) p.moments.insert(p.moments.end(), {m.n, m.mean, m.m2, m.min, m.max});
  }
};

/// The run's parameters the block runner and the summaries share.
struct Run {
  const ParameterTable& table;
  const Evaluator& f;
  const std::vector<std::string>& out;
  const MonteCarloOptions& o;
  detail::TableSampler sampler;
  unsigned threads;
  std::size_t nout, N, nthr, k;
  std::vector<std::size_t> thr_out;
  bool exact;
  std::vector<char> quantiled;      // per output: its quantiles are reported (not moments-only)
  std::vector<std::size_t> column;  // per output: its column among the kept outputs, or not_kept
  std::size_t nkeep = 0;            // outputs kept: every one with keep_draws, else those with exact quantiles
  bool keep;

  Run(const ParameterTable& t, const Evaluator& fn, const std::vector<std::string>& names, const MonteCarloOptions& opt)
      : table(t), f(fn), out(names), o(opt), sampler(t, opt.correlation, opt.seed), threads(resolve_threads(opt.threads)),
        nout(names.size()), N(opt.draws), nthr(opt.thresholds.size()), k(sampler.uncertain_slots().size()),
        thr_out(nthr), exact(opt.draws <= opt.exact_quantile_draws), quantiled(nout), column(nout, not_kept) {
    for (std::size_t i = 0; i < nthr; ++i) thr_out[i] = find_output(out, o.thresholds[i].output);
    for (std::size_t q = 0; q < nout; ++q) {
      quantiled[q] = !moments_only(o, out[q]);
      if (o.keep_draws || (exact && quantiled[q])) column[q] = nkeep++;
    }
    keep = nkeep > 0;
  }
  /// The kept outputs as the result returns them (keep_draws): draws × outputs, row-major.
  Kept returned(SimulationResult& r) const { return Kept{r.output_draws.data(), nout, 1, column}; }
  std::size_t blocks() const { return (N + block_size - 1) / block_size; }

  /// Blocks [first, first + count): each block's stats to sink in block order; kept outputs
  /// (rows from the first draw of block `first`, draws × outputs) and parameters (draws × k)
  /// when the pointers are given; when not exact, the outputs' sketches merged into `sketch` (one per output).
  /// The levels of every output's quantiles: p05, p50, p95, the interval's ends, `quantiles`.
  std::vector<double> levels() const {
    std::vector<double> l = {0.05, 0.5, 0.95, (1 - o.level) / 2, (1 + o.level) / 2};
    l.insert(l.end(), o.quantiles.begin(), o.quantiles.end());
    return l;
  }

  void run_blocks(std::size_t first, std::size_t count, BlockSink& sink, const Kept& kept_out, double* kept_par,
                  std::vector<detail::QuantileSketch>& sketch, detail::StreamedQuantiles* streamed = nullptr) const {
    const auto& unc = sampler.uncertain_slots();
    const std::size_t nslots = table.size(), B = block_stride(N), d_first = first * block_size;
    std::vector<WorkerState> ws(block_workers(threads, std::min(N - d_first, count * block_size)));
    for (auto& w : ws) {
      // Fixed slots keep their value in every block; the sampler fills the others.
      w.cols.resize(nslots * B);
      for (std::size_t sl = 0; sl < nslots; ++sl)
        std::fill_n(w.cols.begin() + static_cast<std::ptrdiff_t>(sl * B), B, sampler.centrals()[sl]);
      w.sc = sampler.scratch();
      w.y.resize(nout * B);
      w.ws = f.workspace();
      if (!exact) w.sketch.assign(nout, detail::QuantileSketch(o.sketch_accuracy));
    }
    std::vector<BlockStats> round(round_blocks);
    detail::CancelPoll poll(&o.cancelled);  // one clock for all rounds
    const std::size_t last = first + count;
    for (std::size_t b0 = first; b0 < last; b0 += round_blocks) {
      const std::size_t nb = std::min(round_blocks, last - b0);
      parallel_items(nb, threads, [&](unsigned w, std::size_t ib) {
        auto& st = ws[w];
        BlockStats& bs = round[ib];
        bs.m.assign(nout, Moments{});
        bs.nonfinite.assign(nout, 0);
        bs.above.assign(nthr, 0);
        bs.nonfinite_draws = 0;
        const std::size_t d0 = (b0 + ib) * block_size, d1 = std::min(N, d0 + block_size);
        sampler.sample_block(b0 + ib, StreamDomain::simulation, d1 - d0, st.cols.data(), st.sc, false, unc.data(), B);
        f.evaluate_block(st.cols.data(), nslots, B, d1 - d0, st.y.data(), st.ws.get());
        for (std::size_t d = d0; d < d1; ++d) {
          const std::size_t i = d - d0, row = d - d_first;
          if (kept_par)
            for (std::size_t j = 0; j < k; ++j) kept_par[row * k + j] = st.cols[unc[j] * B + i];
          bool bad = false;
          for (std::size_t q = 0; q < nout; ++q) {
            const double v = st.y[q * B + i];
            if (!std::isfinite(v)) {
              ++bs.nonfinite[q];
              bad = true;
              continue;
            }
            bs.m[q].add(v);
            if (!exact && quantiled[q]) st.sketch[q].add(v);
          }
          for (std::size_t t = 0; t < nthr; ++t) {
            const double v = st.y[thr_out[t] * B + i];
            if (std::isfinite(v) && v > o.thresholds[t].value) ++bs.above[t];
          }
          if (bad) ++bs.nonfinite_draws;
        }
        if (streamed)
          for (std::size_t q = 0; q < nout; ++q) {
            if (column[q] == not_kept) continue;
            const double* from = st.y.data() + q * B;
            if (d1 <= streamed->pilot())
              streamed->pilot_values(column[q], d0, from, d1 - d0);
            else
              streamed->add(w, column[q], from, d1 - d0, bs.nonfinite[q] == 0);
          }
        if (kept_out.base)
          for (std::size_t q = 0; q < nout; ++q)
            if (kept_out.column[q] != not_kept) {
              double* to = kept_out.base + (d0 - d_first) * kept_out.row_stride + kept_out.column[q] * kept_out.col_stride;
              const double* from = st.y.data() + q * B;
              for (std::size_t i = 0; i < d1 - d0; ++i) to[i * kept_out.row_stride] = from[i];
            }
      }, poll);
      for (std::size_t ib = 0; ib < nb; ++ib) sink.block(b0 + ib, round[ib]);
      if (streamed && b0 == 0) streamed->start(ws.size(), threads);
      if (o.progress) o.progress(std::min(N, (b0 + nb) * block_size), N);
    }
    if (!exact) {
      for (auto& w : ws)
        for (std::size_t q = 0; q < nout; ++q) sketch[q].merge(w.sketch[q]);  // integer counts: order-free
    }
  }

  SimulationResult start() const {
    SimulationResult r;
    r.draws = N;
    r.seed = o.seed;
    r.threads = threads;
    r.output_names = out;
    const auto& unc = sampler.uncertain_slots();
    for (std::size_t j = 0; j < k; ++j) {
      r.parameter_names.push_back(table[unc[j]].name);
      r.parameter_slots.push_back(unc[j]);
      r.sampling_methods.push_back(detail::describe(sampler.samplers()[j].method));
    }
    if (o.keep_draws) r.output_draws.resize(static_cast<Eigen::Index>(N), static_cast<Eigen::Index>(nout));
    if (o.keep_parameters) r.parameter_draws.resize(static_cast<Eigen::Index>(N), static_cast<Eigen::Index>(k));
    return r;
  }

  /// The exact quantiles of each quantiled output from the kept outputs, one output per task:
  /// type 7 (Hyndman & Fan 1996) of the finite draws, by bracketing and selection (no sort, no copy).
  ExactQuantiles kept_quantiles(const Kept& kept, const std::vector<Moments>& total) const {
    ExactQuantiles qs(nout);
    const std::vector<double> l = levels();
    parallel_items(nout, threads, [&](unsigned, std::size_t q) {
      if (!quantiled[q]) return;
      qs[q] = detail::quantiles_type7_column(kept.base + kept.column[q] * kept.col_stride, N, kept.row_stride, l,
                                             static_cast<std::size_t>(total[q].n));
    });
    return qs;
  }

  /// The exact quantiles per output from a streamed run's columns, or nothing when it must run again.
  /// (A non-finite draw of a kept output has spoilt `s`, so its quantiles are over all N draws.)
  std::optional<ExactQuantiles> streamed_quantiles(detail::StreamedQuantiles& s) const {
    std::optional<ExactQuantiles> by_column = s.quantiles(threads);
    if (!by_column) return std::nullopt;
    ExactQuantiles qs(nout);
    for (std::size_t q = 0; q < nout; ++q)
      if (column[q] != not_kept) qs[q] = std::move((*by_column)[column[q]]);
    return qs;
  }

  /// The summaries, exceedances, tornado and Sobol indices from the run's merged sums and, for
  /// an exact run, each quantiled output's exact quantiles (kept_quantiles, streamed_quantiles).
  void finish(SimulationResult& r, const Totals& totals, const std::vector<detail::QuantileSketch>& sketch,
              ExactQuantiles exact_qs) const {
    const std::vector<Moments>& total = totals.m;
    const std::vector<std::uint64_t>& nonfinite = totals.nonfinite;
    r.nonfinite_draws = totals.nonfinite_draws;
    const std::vector<double> levels = this->levels();
    for (std::size_t q = 0; q < nout; ++q) {
      OutputSummary s;
      s.name = out[q];
      s.finite = static_cast<std::size_t>(total[q].n);
      s.nonfinite = nonfinite[q];
      if (s.finite > 0) {
        s.mean = total[q].mean;
        s.sd = total[q].sd();
        s.min = total[q].min;
        s.max = total[q].max;
      }
      std::vector<double> qs(levels.size(), std::numeric_limits<double>::quiet_NaN());
      if (!quantiled[q]) {
        s.quantile_method = "none";  // asked for: the quantiles stay NaN
      } else if (exact) {
        s.quantile_method = "exact";
        qs = std::move(exact_qs[q]);
      } else {
        s.quantile_method = "sketch";
        for (std::size_t l = 0; l < levels.size(); ++l) qs[l] = sketch[q].quantile(levels[l]);
        // The sketch's bucket value can fall just outside the observed range: clamp.
        for (auto& v : qs)
          if (std::isfinite(v)) v = std::min(std::max(v, s.min), s.max);
      }
      s.p05 = qs[0];
      s.p50 = qs[1];
      s.p95 = qs[2];
      s.level = o.level;
      s.lower = qs[3];
      s.upper = qs[4];
      s.quantiles.assign(qs.begin() + 5, qs.end());
      if (nonfinite[q] > 0)
        r.warnings.push_back(Notice("montecarlo.nonfinite_draws",
                                    {text_param("output", out[q]), int_param("count", nonfinite[q]), int_param("draws", N)}));
      r.summaries.push_back(std::move(s));
    }
    for (std::size_t t = 0; t < nthr; ++t) {
      Exceedance e;
      e.output = o.thresholds[t].output;
      e.threshold = o.thresholds[t].value;
      e.finite = r.summaries[thr_out[t]].finite;
      if (e.finite > 0) e.probability = static_cast<double>(totals.above[t]) / static_cast<double>(e.finite);
      r.exceedances.push_back(e);
    }
    run_tornado(table, f, out, o, r);
    run_sobol(table, sampler, f, out, o, threads, r);
  }
};

/// What a run builds as its blocks come in: the result, the totals in block order and, above
/// the exact-quantile limit, the outputs' sketches.
struct Tally {
  SimulationResult r;
  Totals totals;
  std::vector<detail::QuantileSketch> sketch;
  explicit Tally(const Run& run) : r(run.start()), totals(run.nout, run.nthr, run.blocks()) {
    if (!run.exact) sketch.assign(run.nout, detail::QuantileSketch(run.o.sketch_accuracy));
  }
};

}  // namespace

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
    // A bracket missed (or non-finite draws): the same run again, keeping its outputs.
  }
  Tally t(run);
  // The kept outputs when the result does not return them, column by column; left
  // uninitialised (every element is written by the run, its pages first touched on its threads).
  std::optional<KeptBuffer> columns;
  Kept kept = run.returned(t.r);
  if (!o.keep_draws && run.keep) {
    columns.emplace(run.N * run.nkeep);
    kept = Kept{columns->data.get(), 1, run.N, run.column};
  }
  if (o.keep_parameters) kept_parameters = t.r.parameter_draws.data();
  run.run_blocks(0, run.blocks(), t.totals, kept, kept_parameters, t.sketch);
  run.finish(t.r, t.totals, t.sketch, run.exact ? run.kept_quantiles(kept, t.totals.m) : ExactQuantiles{});
  return std::move(t.r);
}

SimulationPart simulate_part(const ParameterTable& table, const Evaluator& f, const std::vector<std::string>& out,
                             const MonteCarloOptions& o, std::size_t first_block, std::size_t blocks) {
  validate_run(table, f, out, o);
  const Run run(table, f, out, o);
  if (blocks == 0 || first_block > run.blocks() || blocks > run.blocks() - first_block)
    throw ValidationError("blocks", "a part covers blocks [first_block, first_block + blocks) of the run's " +
                                        std::to_string(run.blocks()) + ", got [" + std::to_string(first_block) +
                                        ", " + std::to_string(first_block + blocks) + ")");
  const std::size_t end = first_block + blocks;
  if (first_block % segment_blocks != 0 || (end % segment_blocks != 0 && end != run.blocks()))
    throw ValidationError("blocks", "a part starts and ends at a segment of " + std::to_string(segment_blocks) +
                                        " blocks (or the run's end), got [" + std::to_string(first_block) + ", " +
                                        std::to_string(end) + ")");
  SimulationPart p;
  p.first_block = first_block;
  p.blocks = blocks;
  const std::size_t d0 = first_block * detail::block_size;
  const std::size_t draws = std::min(run.N, (first_block + blocks) * detail::block_size) - d0;
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
    kept = Kept{rows->data.get(), width, 1, run.column};
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
