// The Monte Carlo run's block runner and summaries (montecarlo_run.hpp): blocks in
// rounds on the run's threads, each block's moments merged in block order by the
// sink, the outputs kept or streamed for the exact quantiles.
#include "montecarlo_run.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "impactchain/detail/column_quantiles.hpp"
#include "impactchain/detail/parallel.hpp"

namespace impactchain::detail::mc {

void Run::run_blocks(std::size_t first, std::size_t count, BlockSink& sink, const Kept& kept_out, double* kept_par,
                     std::vector<QuantileSketch>& sketch, StreamedQuantiles* streamed) const {
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
    if (!exact) w.sketch.assign(nout, QuantileSketch(o.sketch_accuracy));
  }
  std::vector<BlockStats> round(round_blocks);
  constexpr double infinity = std::numeric_limits<double>::infinity();
  CancelPoll poll(&o.cancelled);  // one clock for all rounds
  const std::size_t last = first + count;
  for (std::size_t b0 = first; b0 < last; b0 += round_blocks) {
    const std::size_t nb = std::min(round_blocks, last - b0);
    parallel_items(nb, threads, [&](unsigned w, std::size_t ib) {
      auto& st = ws[w];
      BlockStats& bs = round[ib];
      bs.m.assign(nout, Moments{});
      bs.nonfinite.assign(nout, 0);
      bs.above.assign(nthr, 0);
      const std::size_t d0 = (b0 + ib) * block_size, d1 = std::min(N, d0 + block_size);
      sampler.sample_block(b0 + ib, StreamDomain::simulation, d1 - d0, st.cols.data(), st.sc, false, unc.data(), B);
      f.evaluate_block(st.cols.data(), nslots, B, d1 - d0, st.y.data(), st.ws.get());
      bs.nonfinite_draws = st.moments.add(st.y.data(), B, d1 - d0, nout, bs.m.data(), bs.nonfinite.data());
      if (kept_par)
        for (std::size_t d = d0; d < d1; ++d) {
          const std::size_t i = d - d0, row = d - d_first;
          for (std::size_t j = 0; j < k; ++j) kept_par[row * k + j] = st.cols[unc[j] * B + i];
        }
      for (std::size_t t = 0; t < nthr; ++t) {  // the draws above each threshold, one output at a time
        const double* y = st.y.data() + thr_out[t] * B;
        const double value = o.thresholds[t].value;
        std::uint64_t above = 0;
        // Finite and above: v > value and v < ∞ (a NaN fails both), whatever the threshold; finite
        // and below (Threshold::below): v < value and v > −∞.
        if (o.thresholds[t].below)
          for (std::size_t i = 0; i < d1 - d0; ++i) above += y[i] < value && y[i] > -infinity ? 1 : 0;
        else
          for (std::size_t i = 0; i < d1 - d0; ++i) above += y[i] > value && y[i] < infinity ? 1 : 0;
        bs.above[t] += above;
      }
      if (!exact)  // the finite draws of each output, a block at a time
        for (std::size_t q = 0; q < nout; ++q)
          if (quantiled[q]) st.sketch[q].add_block(st.y.data() + q * B, d1 - d0);
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

SimulationResult Run::start() const {
  SimulationResult r;
  r.draws = N;
  r.seed = o.seed;
  r.stream_version = o.stream_version;
  r.threads = threads;
  r.output_names = out;
  const auto& unc = sampler.uncertain_slots();
  for (std::size_t j = 0; j < k; ++j) {
    r.parameter_names.push_back(table[unc[j]].name);
    r.parameter_slots.push_back(unc[j]);
    r.sampling_methods.push_back(describe(sampler.samplers()[j].method));
  }
  if (o.keep_draws) r.output_draws.resize(static_cast<Eigen::Index>(N), static_cast<Eigen::Index>(nout));
  if (o.keep_parameters) r.parameter_draws.resize(static_cast<Eigen::Index>(N), static_cast<Eigen::Index>(k));
  return r;
}

ExactQuantiles Run::kept_quantiles(const Kept& kept, const std::vector<Moments>& total) const {
  ExactQuantiles qs(nout);
  const std::vector<double> l = levels();
  parallel_items(nout, threads, [&](unsigned, std::size_t q) {
    if (!quantiled[q]) return;
    qs[q] = quantiles_type7_column(kept.base + kept.column[q] * kept.col_stride, N, kept.row_stride, l,
                                           static_cast<std::size_t>(total[q].n));
  });
  return qs;
}

std::optional<ExactQuantiles> Run::streamed_quantiles(StreamedQuantiles& s) const {
  std::optional<ExactQuantiles> by_column = s.quantiles(threads);
  if (!by_column) return std::nullopt;
  ExactQuantiles qs(nout);
  for (std::size_t q = 0; q < nout; ++q)
    if (column[q] != not_kept) qs[q] = std::move((*by_column)[column[q]]);
  return qs;
}

void Run::finish(SimulationResult& r, const Totals& totals, const std::vector<QuantileSketch>& sketch,
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
    e.below = o.thresholds[t].below;
    e.finite = r.summaries[thr_out[t]].finite;
    if (e.finite > 0) e.probability = static_cast<double>(totals.above[t]) / static_cast<double>(e.finite);
    r.exceedances.push_back(e);
  }
  run_tornado(table, f, out, o, r);
  run_sobol(table, sampler, f, out, o, threads, r);
}

}  // namespace impactchain::detail::mc
