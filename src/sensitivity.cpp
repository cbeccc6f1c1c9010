// Sensitivity analyses run after the Monte Carlo summaries: one-at-a-time
// tornado swings and Sobol indices (Saltelli design, blocks merged in block
// order, so results do not depend on the thread count).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "one_at_a_time.hpp"
#include "sampler.hpp"
#include "impactchain/montecarlo.hpp"
#include "montecarlo_internal.hpp"
#include "impactchain/detail/parallel.hpp"

namespace impactchain::detail {

void run_tornado(const ParameterTable& table, const Evaluator& f, const std::vector<std::string>& out,
                 const MonteCarloOptions& o, SimulationResult& r) {
  if (o.tornado_outputs.empty()) return;
  const auto unc = table.uncertain();
  const auto centrals = table.centrals();
  double plo = 0.05, phi_ = 0.95;
  if (o.tornado_range == TornadoRange::p10_p90) { plo = 0.10; phi_ = 0.90; }
  if (o.tornado_range == TornadoRange::support) { plo = 0.0; phi_ = 1.0; }
  auto ws = f.workspace();
  std::vector<double> x = centrals, base(out.size());
  f.evaluate(x.data(), base.data(), ws.get());
  std::vector<std::vector<TornadoRow>> rows(o.tornado_outputs.size());
  std::vector<std::size_t> tk(o.tornado_outputs.size());
  for (std::size_t t = 0; t < tk.size(); ++t) tk[t] = find_output(out, o.tornado_outputs[t]);
  // Output q of slot s's low and high point at yl[q·step], yh[q·step].
  auto add_rows = [&](std::size_t s, double lo, double hi, const double* yl, const double* yh, std::size_t step) {
    for (std::size_t t = 0; t < tk.size(); ++t) {
      const double a = yl[tk[t] * step], b = yh[tk[t] * step];
      rows[t].push_back(TornadoRow{table[s].name, s, lo, hi, a, b, std::fabs(b - a)});
    }
  };
  auto range = [&](std::size_t s) {
    const auto& p = table[s].parameter;
    return std::make_pair(p.quantile(plo), p.quantile(phi_));
  };
  detail::CancelPoll poll(&o.cancelled);
  if (const auto* fast = dynamic_cast<const OneAtATime*>(&f)) {
    // The evaluator re-evaluates only what reads the slot (simulate_model: one term of the plan).
    const auto points = fast->around(centrals);
    std::vector<double> yl(out.size()), yh(out.size());
    for (const std::size_t s : unc) {
      poll();
      const auto [lo, hi] = range(s);
      points->at(s, lo, yl.data());
      points->at(s, hi, yh.data());
      add_rows(s, lo, hi, yl.data(), yh.data(), 1);
    }
  } else {
    // The 2k one-at-a-time points go through evaluate_block, T/2 parameters at
    // a time (point 2j: parameter j low, 2j + 1: high; the same numbers
    // evaluate() gives), with the cancellation hook asked between blocks. T is
    // the Monte Carlo's block stride (at least 2), so the columns take no more
    // memory than its blocks, whose size was checked.
    const std::size_t nslots = table.size(), nout = out.size();
    const std::size_t T = std::max<std::size_t>(2, block_stride(o.draws) / 2 * 2), per = T / 2;
    std::vector<double> cols(nslots * T), y(nout * T), lo(per), hi(per);
    for (std::size_t s = 0; s < nslots; ++s)
      std::fill_n(cols.begin() + static_cast<std::ptrdiff_t>(s * T), T, centrals[s]);
    for (std::size_t j0 = 0; j0 < unc.size(); j0 += per) {
      poll();
      const std::size_t m = std::min(per, unc.size() - j0);
      for (std::size_t j = 0; j < m; ++j) {
        const std::size_t s = unc[j0 + j];
        std::tie(lo[j], hi[j]) = range(s);
        cols[s * T + 2 * j] = lo[j];
        cols[s * T + 2 * j + 1] = hi[j];
      }
      f.evaluate_block(cols.data(), nslots, T, 2 * m, y.data(), ws.get());
      for (std::size_t j = 0; j < m; ++j) {
        const std::size_t s = unc[j0 + j];
        cols[s * T + 2 * j] = cols[s * T + 2 * j + 1] = centrals[s];
        add_rows(s, lo[j], hi[j], &y[2 * j], &y[2 * j + 1], T);
      }
    }
  }
  for (std::size_t t = 0; t < o.tornado_outputs.size(); ++t) {
    std::stable_sort(rows[t].begin(), rows[t].end(), [](const TornadoRow& a, const TornadoRow& b) {
      // NaN swings go last.
      if (std::isnan(a.swing) != std::isnan(b.swing)) return !std::isnan(a.swing);
      return a.swing > b.swing;
    });
    r.tornado.push_back(TornadoTable{o.tornado_outputs[t], base[tk[t]],
                                     to_string(o.tornado_range), std::move(rows[t])});
  }
}

// Sobol indices with the Saltelli et al. (2010) design (A, B, A_B^i): first order
// S_i = mean(f_B·(f_ABi − f_A))/V (Saltelli 2010, table 2 (b)), total
// ST_i = mean((f_A − f_ABi)²)/(2V) (Jansen 1999).
void run_sobol(const ParameterTable& table, const detail::TableSampler& sampler, const Evaluator& f,
               const std::vector<std::string>& out, const MonteCarloOptions& o, unsigned threads, SimulationResult& r) {
  if (o.sobol_draws == 0) return;
  std::vector<std::string> outs = o.sobol_outputs.empty() ? out : o.sobol_outputs;
  std::vector<std::size_t> oi;
  for (const auto& n : outs) oi.push_back(find_output(out, n));
  const auto& unc = sampler.uncertain_slots();
  const std::size_t k = unc.size(), no = outs.size(), N = o.sobol_draws, nout = out.size();
  if (sampler.correlated())
    r.warnings.push_back(Notice("sensitivity.sobol_independent", {}));
  // Shift by f(centrals) to limit cancellation (the estimators are shift-invariant in expectation).
  std::vector<double> shift(nout);
  {
    auto ws = f.workspace();
    const auto c = table.centrals();
    f.evaluate(c.data(), shift.data(), ws.get());
    for (auto& v : shift)
      if (!std::isfinite(v)) v = 0;
  }
  struct SBlock {
    std::vector<Moments> v;              // per output: f_A and f_B together
    std::vector<double> s1, s1q, st, stq;  // per (output, i)
    std::uint64_t used = 0;
  };
  const std::size_t sblock = block_size;
  const std::size_t nblocks = (N + sblock - 1) / sblock;
  std::vector<SBlock> blocks(nblocks);
  struct SState {
    std::vector<double> a, b, ca, cb, ya, yb, yab;
    detail::TableSampler::Scratch sc;
    std::unique_ptr<EvaluatorWorkspace> ws;
  };
  std::vector<SState> st(std::max(1u, threads));
  for (auto& s : st) {
    s.a = sampler.centrals(); s.b = sampler.centrals();
    s.ca.resize(k * sblock); s.cb.resize(k * sblock);
    s.sc = sampler.scratch();
    s.ya.resize(nout); s.yb.resize(nout); s.yab.resize(nout * std::max<std::size_t>(k, 1));
    s.ws = f.workspace();
  }
  parallel_items(nblocks, threads, [&](unsigned w, std::size_t bi) {
    auto& s = st[w];
    SBlock blk;
    blk.v.resize(no);
    blk.s1.assign(no * k, 0); blk.s1q.assign(no * k, 0); blk.st.assign(no * k, 0); blk.stq.assign(no * k, 0);
    const std::size_t j0 = bi * sblock, j1 = std::min(N, j0 + sblock);
    sampler.sample_block(bi, StreamDomain::sobol_a, j1 - j0, s.ca.data(), s.sc, true);
    sampler.sample_block(bi, StreamDomain::sobol_b, j1 - j0, s.cb.data(), s.sc, true);
    for (std::size_t j = j0; j < j1; ++j) {
      for (std::size_t i = 0; i < k; ++i) {
        s.a[unc[i]] = s.ca[i * sblock + (j - j0)];
        s.b[unc[i]] = s.cb[i * sblock + (j - j0)];
      }
      f.evaluate(s.a.data(), s.ya.data(), s.ws.get());
      f.evaluate(s.b.data(), s.yb.data(), s.ws.get());
      for (std::size_t i = 0; i < k; ++i) {
        const double keep = s.a[unc[i]];
        s.a[unc[i]] = s.b[unc[i]];
        f.evaluate(s.a.data(), s.yab.data() + i * nout, s.ws.get());
        s.a[unc[i]] = keep;
      }
      bool ok = true;
      for (auto q : oi) {
        ok = ok && std::isfinite(s.ya[q]) && std::isfinite(s.yb[q]);
        for (std::size_t i = 0; i < k && ok; ++i) ok = std::isfinite(s.yab[i * nout + q]);
      }
      if (!ok) continue;
      ++blk.used;
      for (std::size_t t = 0; t < no; ++t) {
        const auto q = oi[t];
        const double fa = s.ya[q] - shift[q], fb = s.yb[q] - shift[q];
        blk.v[t].add(fa);
        blk.v[t].add(fb);
        for (std::size_t i = 0; i < k; ++i) {
          const double fab = s.yab[i * nout + q] - shift[q];
          const double t1 = fb * (fab - fa), t2 = 0.5 * (fa - fab) * (fa - fab);
          blk.s1[t * k + i] += t1; blk.s1q[t * k + i] += t1 * t1;
          blk.st[t * k + i] += t2; blk.stq[t * k + i] += t2 * t2;
        }
      }
    }
    blocks[bi] = std::move(blk);
  }, &o.cancelled);
  // Merge in block order.
  std::vector<Moments> v(no);
  std::vector<double> s1(no * k, 0), s1q(no * k, 0), stt(no * k, 0), stq(no * k, 0);
  std::uint64_t used = 0;
  for (const auto& b : blocks) {
    used += b.used;
    for (std::size_t t = 0; t < no; ++t) v[t].merge(b.v[t]);
    for (std::size_t i = 0; i < no * k; ++i) { s1[i] += b.s1[i]; s1q[i] += b.s1q[i]; stt[i] += b.st[i]; stq[i] += b.stq[i]; }
  }
  if (used < N)
    r.warnings.push_back(Notice("sensitivity.sobol_nonfinite_rows", {int_param("count", N - used), int_param("rows", N)}));
  for (std::size_t t = 0; t < no; ++t) {
    SobolTable tab;
    tab.output = outs[t];
    tab.base_draws = N;
    tab.used_rows = used;
    const double nu = static_cast<double>(used);
    tab.variance = v[t].variance();
    for (std::size_t i = 0; i < k; ++i) {
      SobolRow row;
      row.name = table[unc[i]].name;
      row.slot = unc[i];
      const double m1 = s1[t * k + i] / nu, mt = stt[t * k + i] / nu;
      const double var1 = std::max(0.0, s1q[t * k + i] / nu - m1 * m1), vart = std::max(0.0, stq[t * k + i] / nu - mt * mt);
      row.first = m1 / tab.variance;
      row.total = mt / tab.variance;
      row.first_se = std::sqrt(var1 / nu) / tab.variance;
      row.total_se = std::sqrt(vart / nu) / tab.variance;
      tab.rows.push_back(row);
    }
    if (!(tab.variance > 0))
      r.warnings.push_back(Notice("sensitivity.sobol_zero_variance", {text_param("output", outs[t])}));
    r.sobol.push_back(std::move(tab));
  }
}

}  // namespace impactchain::detail
