// Monte Carlo engine: validation, Philox block sampling, streamed summaries
// merged in block order. Sampling: sampler.cpp; quantile sketch:
// quantile_sketch.cpp; tornado and Sobol: sensitivity.cpp; random streams:
// philox_stream.hpp. Random123 stays private to src/.
#include "impactchain/montecarlo.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <cstdlib>
#include <memory>
#include <new>
#include <optional>
#include <set>
#include <string>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "sampler.hpp"
#include "impactchain/detail/check.hpp"
#include "impactchain/error.hpp"
#include "impactchain/detail/stats.hpp"
#include "impactchain/detail/column_quantiles.hpp"
#include "montecarlo_internal.hpp"
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

using detail::IssueList;
using detail::num;
using detail::block_size;
using detail::block_stride;
using detail::find_output;
using detail::Moments;
using detail::parallel_items;
using detail::resolve_threads;
using detail::run_sobol;
using detail::run_tornado;
using detail::StreamDomain;

constexpr std::size_t round_blocks = 64;    // blocks per round merged in order before the next round
using impactchain::segment_blocks;          // blocks whose moments merge into one segment (montecarlo.hpp)

std::string list(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

std::string gib(double bytes) { return num(bytes / double(std::size_t{1} << 30), 3) + " GiB"; }

/// The workers that get a block (no more than there are blocks).
unsigned block_workers(unsigned threads, std::size_t draws) {
  return static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(threads, (draws + block_size - 1) / block_size)));
}

/// Memory for a run's kept outputs (up to max_memory_bytes): uninitialised, since the run writes
/// every element (its pages are first touched on the run's threads), and on Linux in 2 MiB pages
/// where the kernel offers them on request, which spares ~500 page faults per MiB.
struct KeptBuffer {
  struct Free {
    void operator()(double* p) const { std::free(p); }
  };
  std::unique_ptr<double[], Free> data;
  explicit KeptBuffer(std::size_t count) {
    constexpr std::size_t page = std::size_t{2} << 20;
    const std::size_t bytes = (count * sizeof(double) + page - 1) / page * page;
    data.reset(static_cast<double*>(std::aligned_alloc(page, bytes)));
    if (!data) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    madvise(data.get(), bytes, MADV_HUGEPAGE);  // a hint: without it the pages are 4 KiB
#endif
  }
};

/// An output the options summarise without quantiles.
bool moments_only(const MonteCarloOptions& o, const std::string& name) {
  return std::find(o.moments_only_outputs.begin(), o.moments_only_outputs.end(), name) != o.moments_only_outputs.end();
}

/// The ceilings of montecarlo.hpp, checked before anything is allocated.
void check_sizes(const ParameterTable& table, const std::vector<std::string>& out, const MonteCarloOptions& o,
                 IssueList& is) {
  const double N = static_cast<double>(o.draws), nout = static_cast<double>(out.size());
  const double k = static_cast<double>(table.uncertain().size()), slots = static_cast<double>(table.size());
  const double limit = static_cast<double>(max_memory_bytes);
  const double threads = static_cast<double>(resolve_threads(o.threads));
  detail::check_at_most(is, "draws", "", o.draws, max_draws);
  std::size_t quantiled = 0;  // outputs whose draws exact quantiles keep during the run
  for (const auto& name : out) quantiled += moments_only(o, name) ? 0 : 1;
  const double nq = static_cast<double>(quantiled);
  if (o.keep_draws && N * nout * 8 > limit)
    is.add("keep_draws", "keeping " + std::to_string(o.draws) + " draws of " + std::to_string(out.size()) +
                             " outputs needs " + gib(N * nout * 8) + ", more than the ceiling of " + gib(limit) +
                             "; do not keep the draws or use fewer draws");
  else if (!o.keep_draws && o.draws <= o.exact_quantile_draws && N * nq * 8 > limit)
    is.add("draws", "exact quantiles (up to " + std::to_string(o.exact_quantile_draws) +
                        " draws) keep the outputs during the run: " + std::to_string(o.draws) + " draws of " +
                        std::to_string(quantiled) + " outputs need " + gib(N * nq * 8) +
                        ", more than the ceiling of " + gib(limit) + "; use fewer outputs per run or fewer draws");
  if (o.keep_parameters && N * k * 8 > limit)
    is.add("keep_parameters", "keeping " + std::to_string(o.draws) + " draws of " + num(k) +
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

void validate(const ParameterTable& table, const Evaluator& f, const std::vector<std::string>& out,
              const MonteCarloOptions& o) {
  IssueList is;
  detail::check_at_least(is, "draws", "", o.draws, 1);
  detail::check_seed(is, "seed", o.seed);
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
    if (find_output(out, n) == out.size()) is.add(path, "unknown output '" + n + "' (outputs: " + list(out) + ")");
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
  check_sizes(table, out, o, is);
  if (!o.tornado_outputs.empty() && o.tornado_range == TornadoRange::support)
    for (auto s : table.uncertain()) {
      const auto& p = table[s].parameter;
      if (!std::isfinite(p.lower()) || !std::isfinite(p.upper()))
        is.add("tornado_range", "'support' needs bounded parameters; '" + table[s].name + "' (" + to_string(p.kind()) +
                                    ") is unbounded — use p05_p95 or p10_p90");
    }
  is.throw_if_any();
}

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
  throw std::invalid_argument("simulation result: unknown output '" + output + "' (outputs: " + list(output_names) + ")");
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

constexpr std::size_t npos = static_cast<std::size_t>(-1);

/// Where a run's kept outputs live: draw d of output q at base[d·row_stride + column[q]·col_stride]
/// (column[q] = npos: not kept). The result's draws × outputs when it returns them, else one
/// contiguous column per output, which the quantiles read in one pass.
struct Kept {
  double* base = nullptr;
  std::size_t row_stride = 0, col_stride = 0;
  std::vector<std::size_t> column;
};

/// Exact quantiles without keeping every draw (simulate, draws not returned, at least four
/// rounds): the first round's draws (the pilot, 65,536 draws in random order) are kept, and
/// give each output with quantiles its brackets (detail::QuantileBrackets, 5 binomial SDs);
/// every later block adds its outputs to its worker's copy of the brackets, and the pilot is
/// added once. The result is the kept draws' exact quantiles; when a bracket misses or an
/// output has non-finite draws, simulate computes the run again keeping its outputs.
struct Streamed {
  static constexpr std::size_t pilot = round_blocks * block_size;
  std::vector<double> pilot_values;                                   // pilot × kept outputs, column by column
  std::vector<std::optional<detail::QuantileBrackets>> brackets;      // per kept output
  std::vector<std::vector<std::optional<detail::QuantileBrackets>>> shares;  // [worker][kept output]
  std::atomic<bool> spoilt{false};                                    // a non-finite output draw after the pilot
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
  std::vector<std::size_t> column;  // per output: its column among the kept outputs, or npos
  std::size_t nkeep = 0;            // outputs kept: every one with keep_draws, else those with exact quantiles
  bool keep;

  Run(const ParameterTable& t, const Evaluator& fn, const std::vector<std::string>& names, const MonteCarloOptions& opt)
      : table(t), f(fn), out(names), o(opt), sampler(t, opt.correlation, opt.seed), threads(resolve_threads(opt.threads)),
        nout(names.size()), N(opt.draws), nthr(opt.thresholds.size()), k(sampler.uncertain_slots().size()),
        thr_out(nthr), exact(opt.draws <= opt.exact_quantile_draws), quantiled(nout), column(nout, npos) {
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
  /// when the pointers are given; the sketches of the outputs (when not exact) merged into sketch.
  /// The levels of every output's quantiles: p05, p50, p95, the interval's ends, `quantiles`.
  std::vector<double> levels() const {
    std::vector<double> l = {0.05, 0.5, 0.95, (1 - o.level) / 2, (1 + o.level) / 2};
    l.insert(l.end(), o.quantiles.begin(), o.quantiles.end());
    return l;
  }

  void run_blocks(std::size_t first, std::size_t count, BlockSink& sink, const Kept& kept_out, double* kept_par,
                  std::vector<detail::QuantileSketch>& sketch, Streamed* streamed = nullptr) const {
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
        if (streamed) {
          for (std::size_t q = 0; q < nout; ++q) {
            if (column[q] == npos) continue;
            const double* from = st.y.data() + q * B;
            if (d1 <= Streamed::pilot) {
              std::copy(from, from + (d1 - d0), streamed->pilot_values.data() + column[q] * Streamed::pilot + d0);
            } else if (streamed->spoilt || bs.nonfinite[q] > 0) {
              streamed->spoilt = true;  // no brackets are filled any more: the run will be computed again
            } else {
              streamed->shares[w][column[q]]->add(from, d1 - d0);
            }
          }
        }
        if (kept_out.base)
          for (std::size_t q = 0; q < nout; ++q)
            if (kept_out.column[q] != npos) {
              double* to = kept_out.base + (d0 - d_first) * kept_out.row_stride + kept_out.column[q] * kept_out.col_stride;
              const double* from = st.y.data() + q * B;
              for (std::size_t i = 0; i < d1 - d0; ++i) to[i * kept_out.row_stride] = from[i];
            }
      }, poll);
      for (std::size_t ib = 0; ib < nb; ++ib) sink.block(b0 + ib, round[ib]);
      if (streamed && b0 == 0) pilot_brackets(*streamed, ws.size());
      if (o.progress) o.progress(std::min(N, (b0 + nb) * block_size), N);
    }
    if (streamed && !streamed->spoilt)
      for (auto& share : streamed->shares)
        for (std::size_t c = 0; c < nkeep; ++c) streamed->brackets[c]->merge(*share[c]);
    if (!exact) {
      if (sketch.empty()) sketch.assign(nout, detail::QuantileSketch(o.sketch_accuracy));
      for (auto& w : ws)
        for (std::size_t q = 0; q < nout; ++q) sketch[q].merge(w.sketch[q]);  // integer counts: order-free
    }
  }

  /// After the pilot round: each kept output's brackets from its pilot draws (the pilot added
  /// to them) and an empty copy per worker. A pilot with a non-finite draw spoils the run.
  void pilot_brackets(Streamed& s, std::size_t workers) const {
    const std::vector<double> l = levels();
    s.brackets.resize(nkeep);
    parallel_items(nkeep, threads, [&](unsigned, std::size_t c) {
      const double* v = s.pilot_values.data() + c * Streamed::pilot;
      for (std::size_t i = 0; i < Streamed::pilot; ++i)
        if (!std::isfinite(v[i])) {
          s.spoilt = true;
          return;
        }
      s.brackets[c].emplace(std::vector<double>(v, v + Streamed::pilot), N, l, 5.0);
    });
    if (s.spoilt) {  // the run goes on for its moments; its quantiles come from the run again
      std::vector<double>().swap(s.pilot_values);
      return;
    }
    s.shares.assign(workers, std::vector<std::optional<detail::QuantileBrackets>>(nkeep));
    for (std::size_t c = 0; c < nkeep; ++c) {
      for (auto& share : s.shares) share[c].emplace(s.brackets[c]->empty_copy());
      s.brackets[c]->add(s.pilot_values.data() + c * Streamed::pilot, Streamed::pilot);
    }
    std::vector<double>().swap(s.pilot_values);
  }

  /// The exact quantiles of each output from a streamed run, or nothing when it must run again.
  std::optional<std::vector<std::vector<double>>> streamed_quantiles(Streamed& s, const std::vector<Moments>& total) const {
    if (s.spoilt) return std::nullopt;
    for (std::size_t q = 0; q < nout; ++q)
      if (column[q] != npos && static_cast<std::size_t>(total[q].n) != N) return std::nullopt;
    std::vector<std::vector<double>> qs(nout);
    std::atomic<bool> missed{false};
    parallel_items(nout, threads, [&](unsigned, std::size_t q) {
      if (column[q] == npos) return;
      std::optional<std::vector<double>> v = s.brackets[column[q]]->quantiles();
      if (v) qs[q] = std::move(*v);
      else missed = true;
    });
    if (missed) return std::nullopt;
    return qs;
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

  /// The summaries, exceedances, tornado and Sobol indices from the run's merged sums and its
  /// kept outputs (the exact quantiles, one output per task on the run's threads).
  void finish(SimulationResult& r, const std::vector<Moments>& total, const std::vector<std::uint64_t>& nonfinite,
              const std::vector<std::uint64_t>& above, std::uint64_t nonfinite_draws,
              const std::vector<detail::QuantileSketch>& sketch, const Kept& kept,
              std::vector<std::vector<double>> exact_qs = {}) const {
    r.nonfinite_draws = nonfinite_draws;
    const std::vector<double> levels = this->levels();
    if (exact_qs.empty()) {  // not found during the run (streamed): from the kept outputs
      exact_qs.resize(nout);
      if (exact)
        parallel_items(nout, threads, [&](unsigned, std::size_t q) {
          if (!quantiled[q]) return;
          // type 7 (Hyndman & Fan 1996) of the finite draws, by bracketing and selection: no sort, no copy
          exact_qs[q] = detail::quantiles_type7_column(kept.base + kept.column[q] * kept.col_stride, N,
                                                       kept.row_stride, levels, static_cast<std::size_t>(total[q].n));
        });
    }
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
      if (e.finite > 0) e.probability = static_cast<double>(above[t]) / static_cast<double>(e.finite);
      r.exceedances.push_back(e);
    }
    run_tornado(table, f, out, o, r);
    run_sobol(table, sampler, f, out, o, threads, r);
  }
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

}  // namespace

std::size_t simulation_blocks(std::size_t draws) { return (draws + detail::block_size - 1) / detail::block_size; }

SimulationResult simulate(const ParameterTable& table, const Evaluator& f, const std::vector<std::string>& out,
                          const MonteCarloOptions& o) {
  validate(table, f, out, o);
  const Run run(table, f, out, o);
  if (run.exact && run.keep && !o.keep_draws && run.N >= 4 * Streamed::pilot) {
    SimulationResult r = run.start();
    Totals totals(run.nout, run.nthr, run.blocks());
    std::vector<detail::QuantileSketch> sketch;
    Streamed streamed;
    streamed.pilot_values.resize(Streamed::pilot * run.nkeep);
    run.run_blocks(0, run.blocks(), totals, Kept{}, o.keep_parameters ? r.parameter_draws.data() : nullptr, sketch,
                   &streamed);
    if (auto qs = run.streamed_quantiles(streamed, totals.m)) {
      run.finish(r, totals.m, totals.nonfinite, totals.above, totals.nonfinite_draws, sketch, Kept{}, std::move(*qs));
      return r;
    }
    // A bracket missed (or non-finite draws): the same run again, keeping its outputs.
  }
  SimulationResult r = run.start();
  Totals totals(run.nout, run.nthr, run.blocks());
  std::vector<detail::QuantileSketch> sketch;
  // The kept outputs when the result does not return them, column by column; left
  // uninitialised (every element is written by the run, its pages first touched on its threads).
  std::optional<KeptBuffer> columns;
  Kept kept = run.returned(r);
  if (!o.keep_draws && run.keep) {
    columns.emplace(run.N * run.nkeep);
    kept = Kept{columns->data.get(), 1, run.N, run.column};
  }
  run.run_blocks(0, run.blocks(), totals, kept, o.keep_parameters ? r.parameter_draws.data() : nullptr, sketch);
  run.finish(r, totals.m, totals.nonfinite, totals.above, totals.nonfinite_draws, sketch, kept);
  return r;
}

SimulationPart simulate_part(const ParameterTable& table, const Evaluator& f, const std::vector<std::string>& out,
                             const MonteCarloOptions& o, std::size_t first_block, std::size_t blocks) {
  validate(table, f, out, o);
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
  validate(table, f, out, o);
  const Run run(table, f, out, o);
  SimulationResult r = run.start();
  Totals totals(run.nout, run.nthr, run.blocks());
  std::vector<detail::QuantileSketch> sketch;
  if (!run.exact) sketch.assign(run.nout, detail::QuantileSketch(o.sketch_accuracy));
  // Parts keep the outputs this run keeps, or every output (computed with keep_draws, whose
  // summaries are finished without it): their width says which.
  std::size_t width = run.nkeep;
  if (run.keep && !parts.empty() && parts[0].blocks > 0) {
    const std::size_t d0 = parts[0].first_block * detail::block_size;
    const std::size_t draws = std::min(run.N, (parts[0].first_block + parts[0].blocks) * detail::block_size) - d0;
    if (d0 < run.N && parts[0].kept_outputs.size() == draws * run.nout) width = run.nout;
  }
  std::optional<KeptBuffer> rows;  // the parts' kept outputs when the result does not return them
  Kept kept = run.returned(r);
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
      std::copy(p.kept_parameters.begin(), p.kept_parameters.end(), r.parameter_draws.data() + d0 * run.k);
    if (!run.exact)
      for (std::size_t q = 0; q < run.nout; ++q) sketch[q].merge(detail::QuantileSketch::from_state(o.sketch_accuracy, p.sketches[q]));
    next = p.first_block + p.blocks;
  }
  if (next != run.blocks())
    throw ValidationError("parts", "the parts cover blocks 0 to " + std::to_string(next) + " of the run's " +
                                       std::to_string(run.blocks()));
  run.finish(r, totals.m, totals.nonfinite, totals.above, totals.nonfinite_draws, sketch, kept);
  return r;
}

}  // namespace impactchain
