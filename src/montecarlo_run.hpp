// Private to src/: the Monte Carlo run shared by simulate (montecarlo.cpp) and the
// runs in parts (montecarlo_parts.cpp): the block runner (montecarlo_run.cpp), the
// sinks that merge the blocks' moments in block order, and the summaries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "impactchain/detail/parallel.hpp"
#include "impactchain/detail/stats.hpp"
#include "impactchain/montecarlo.hpp"
#include "block_moments.hpp"
#include "kept_outputs.hpp"
#include "montecarlo_internal.hpp"
#include "sampler.hpp"
#include "streamed_quantiles.hpp"

namespace impactchain::detail::mc {

using impactchain::segment_blocks;  // blocks whose moments merge into one segment (montecarlo.hpp)

constexpr std::size_t round_blocks = 64;    // blocks per round merged in order before the next round
constexpr std::size_t pilot_draws = round_blocks * block_size;  // a streamed run's pilot: its first round
using ExactQuantiles = std::vector<std::vector<double>>;  // per output, at Run::levels (empty: none)

struct BlockStats {
  std::vector<Moments> m;               // per output
  std::vector<std::uint64_t> nonfinite;  // per output
  std::vector<std::uint64_t> above;      // per threshold
  std::uint64_t nonfinite_draws = 0;
};

struct WorkerState {
  std::vector<double> cols, y;  // slot-major block of parameters; output-major block of outputs
  TableSampler::Scratch sc;
  std::unique_ptr<EvaluatorWorkspace> ws;
  std::vector<QuantileSketch> sketch;
  BlockMoments moments;
};

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
  TableSampler sampler;
  unsigned threads;
  std::size_t nout, N, nthr, k;
  std::vector<std::size_t> thr_out;
  bool exact;
  std::vector<char> quantiled;      // per output: its quantiles are reported (not moments-only)
  std::vector<std::size_t> column;  // per output: its column among the kept outputs, or not_kept
  std::size_t nkeep = 0;            // outputs kept: every one with keep_draws, else those with exact quantiles
  bool keep;

  Run(const ParameterTable& t, const Evaluator& fn, const std::vector<std::string>& names, const MonteCarloOptions& opt)
      : table(t), f(fn), out(names), o(opt), sampler(t, opt.correlation, opt.seed, opt.stream_version),
        threads(resolve_threads(opt.threads)), nout(names.size()), N(opt.draws), nthr(opt.thresholds.size()), k(sampler.uncertain_slots().size()),
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

  /// The levels of every output's quantiles: p05, p50, p95, the interval's ends, `quantiles`.
  std::vector<double> levels() const {
    std::vector<double> l = {0.05, 0.5, 0.95, (1 - o.level) / 2, (1 + o.level) / 2};
    l.insert(l.end(), o.quantiles.begin(), o.quantiles.end());
    return l;
  }

  /// Blocks [first, first + count): each block's stats to sink in block order; kept outputs
  /// (rows from the first draw of block `first`, draws × outputs) and parameters (draws × k)
  /// when the pointers are given; when not exact, the outputs' sketches merged into `sketch`
  /// (one per output); a streamed run's kept outputs to `streamed`.
  void run_blocks(std::size_t first, std::size_t count, BlockSink& sink, const Kept& kept_out, double* kept_par,
                  std::vector<QuantileSketch>& sketch, StreamedQuantiles* streamed = nullptr) const;

  /// The result before the run: names, sampling methods, room for the draws it returns.
  SimulationResult start() const;



  /// The exact quantiles of each quantiled output from the kept outputs, one output per task:
  /// type 7 (Hyndman & Fan 1996) of the finite draws, by bracketing and selection (no sort, no copy).
  ExactQuantiles kept_quantiles(const Kept& kept, const std::vector<Moments>& total) const;


  /// The exact quantiles per output from a streamed run's columns, or nothing when it must run again.
  /// (A non-finite draw of a kept output has spoilt `s`, so its quantiles are over all N draws.)
  std::optional<ExactQuantiles> streamed_quantiles(StreamedQuantiles& s) const;


  /// The summaries, exceedances, tornado and Sobol indices from the run's merged sums and, for
  /// an exact run, each quantiled output's exact quantiles (kept_quantiles, streamed_quantiles).
  void finish(SimulationResult& r, const Totals& totals, const std::vector<QuantileSketch>& sketch,
              ExactQuantiles exact_qs) const;
};

/// What a run builds as its blocks come in: the result, the totals in block order and, above
/// the exact-quantile limit, the outputs' sketches.
struct Tally {
  SimulationResult r;
  Totals totals;
  std::vector<QuantileSketch> sketch;
  explicit Tally(const Run& run) : r(run.start()), totals(run.nout, run.nthr, run.blocks()) {
    if (!run.exact) sketch.assign(run.nout, QuantileSketch(run.o.sketch_accuracy));
  }
};

}  // namespace impactchain::detail::mc
