// ValuePlan::totals_block: the Monte Carlo outputs of a block of draws, with
// the loops over draws innermost so they vectorise (an outcome's years: groups
// of draws in vector registers through all the years, value_years.cpp). Per
// draw the operations and their order are those of ValuePlan::totals
// (value_plan.cpp), so both give identical numbers; keep the two in step.
#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

#include "impactchain/value.hpp"
#include "simd_clones.hpp"
#include "value_arith.hpp"
#include "value_years.hpp"

namespace impactchain {

using detail::drop_exponent;
using detail::int_pow;

IMPACTCHAIN_SIMD_CLONES
void ValuePlan::totals_block(const double* cols, std::size_t B, std::size_t n, double* out, ValueBlockScratch& sc,
                             double* ledger_out) const {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  const double* qn = nullptr;  // chain node v of draw i at qn[v·B + i]
  if (uses_chain_) {
    const std::size_t nodes = chain_.size();
    sc.qn_.resize(nodes * B);
    sc.x_.resize(slots_);
    ValueScratch vs(nodes);
    double* q = vs.data(nodes);
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t s = 0; s < slots_; ++s) sc.x_[s] = cols[s * B + i];
      chain_.evaluate(sc.x_.data(), q);
      for (std::size_t v = 0; v < nodes; ++v) sc.qn_[v * B + i] = q[v];
    }
    qn = sc.qn_.data();
  }
  // Draws in chunks of C, so the work arrays and the columns read stay in L1.
  constexpr std::size_t C = 256;
  sc.work_.resize(9 * C);
  double* pv = sc.work_.data();
  double* inv_pv = pv + C;
  double* bad = pv + 2 * C;
  double* impact = pv + 3 * C;
  double* keep_rate = pv + 4 * C;
  double* keep = pv + 5 * C;
  double* step = pv + 6 * C;
  double* tau_f = pv + 7 * C;  // factor(τ₀) of the last τ₀ (outcomes mostly share it)
  double* inv_f = pv + 8 * C;
  const bool additive = options_.adjustments == Adjustments::additive;
  const int shift = options_.discount_first_year ? 0 : 1;
  const std::size_t np = ledger_out ? ledger_.parties.size() : 0;
  if (ledger_out) sc.own_.resize(C);
  if (sc.ones_.size() != C) sc.ones_.assign(C, 1.0);
  const double* ones = sc.ones_.data();  // year 1's keep where the drop-off has not started
  double* own = ledger_out ? sc.own_.data() : nullptr;  // the outcome's own present value (ledger_totals' sum)
  const detail::YearsPath years_path = detail::years_best_path();

  for (std::size_t c0 = 0; c0 < n; c0 += C) {
    const std::size_t m = std::min(C, n - c0);
    auto col = [&](std::size_t slot) { return cols + slot * B + c0; };
    std::fill(pv, pv + m, 0.0);
    std::fill(inv_pv, inv_pv + m, 0.0);
    std::fill(bad, bad + m, 0.0);
    for (std::size_t r = 0; r < 3 * np; ++r) std::fill(ledger_out + r * B + c0, ledger_out + r * B + c0 + m, 0.0);
    const double* rate = rate_slot_ ? col(*rate_slot_) : nullptr;
    for (std::size_t i = 0; i < m; ++i) step[i] = 1.0 / (1.0 + (rate ? rate[i] : 0.0));
    // factor(t) of every draw, as ValuePlan::factor gives it.
    auto factors_at = [&](int t, double* dst) {
      if (rate && t == 0)
        std::fill(dst, dst + m, 1.0);
      else if (rate)
        for (std::size_t i = 0; i < m; ++i) dst[i] = int_pow(1.0 + rate[i], -t);
      else
        std::fill(dst, dst + m, factors_[static_cast<std::size_t>(t)]);
    };

    int last_tau = std::numeric_limits<int>::min();
    for (std::size_t k = 0; k < outcomes_.size(); ++k) {
      const OutcomeTerm& o = outcomes_[k];
      const double* qty = o.node ? qn + *o.node * B + c0 : col(o.quantity);
      const double* prx = col(o.proxy);
      const double* ls = o.life_satisfaction ? col(*o.life_satisfaction) : nullptr;
      const double *dw = col(o.deadweight), *ds = col(o.displacement), *at = col(o.attribution);
      const double* lk = o.leakage ? col(*o.leakage) : nullptr;
      const double *dur = col(o.duration), *drop = col(o.drop_off);
      const double pf = o.price_factor;
      // Branch-free loops (one per case) so they vectorise.
      if (ls)
        for (std::size_t i = 0; i < m; ++i) impact[i] = qty[i] * ((ls[i] * prx[i]) * pf);
      else
        for (std::size_t i = 0; i < m; ++i) impact[i] = qty[i] * (prx[i] * pf);
      // The same arithmetic as add_outcome (a leakage of 0 when the outcome has none).
      if (additive && lk) {
        for (std::size_t i = 0; i < m; ++i) {
          const double adj = 1.0 - dw[i] - ds[i] - at[i] - lk[i];
          bad[i] = adj < 0 ? 1.0 : bad[i];
          impact[i] *= adj;
        }
      } else if (additive) {
        for (std::size_t i = 0; i < m; ++i) {
          const double adj = 1.0 - dw[i] - ds[i] - at[i];
          bad[i] = adj < 0 ? 1.0 : bad[i];
          impact[i] *= adj;
        }
      } else if (lk) {
        for (std::size_t i = 0; i < m; ++i) impact[i] *= (1.0 - dw[i]) * (1.0 - ds[i]) * (1.0 - at[i]) * (1.0 - lk[i]);
      } else {
        for (std::size_t i = 0; i < m; ++i) impact[i] *= (1.0 - dw[i]) * (1.0 - ds[i]) * (1.0 - at[i]);
      }
      for (std::size_t i = 0; i < m; ++i) keep_rate[i] = 1.0 - drop[i];
      int e = drop_exponent(options_.drop_off_start, 1, o.offset + 1, period_);
      // Year 1's keep: 1, keep_rate itself, or its power (read, not changed, by add_years).
      const double* keep_first = e == 0 ? ones : e == 1 ? keep_rate : keep;
      if (keep_first == keep)
        for (std::size_t i = 0; i < m; ++i) keep[i] = std::pow(keep_rate[i], e);
      int tau = o.offset + 1 - shift;
      if (tau != last_tau) {
        last_tau = tau;
        factors_at(tau, tau_f);
      }
      // The years to run: ⌈max duration⌉ over the chunk (draw i has year t while
      // dur > t − 1; NaN durations have none). Four running maxima, no serial chain.
      double m0 = 0, m1 = 0, m2 = 0, m3 = 0;
      std::size_t i4 = 0;
      for (; i4 + 4 <= m; i4 += 4) {
        m0 = dur[i4] > m0 ? dur[i4] : m0;
        m1 = dur[i4 + 1] > m1 ? dur[i4 + 1] : m1;
        m2 = dur[i4 + 2] > m2 ? dur[i4 + 2] : m2;
        m3 = dur[i4 + 3] > m3 ? dur[i4 + 3] : m3;
      }
      for (; i4 < m; ++i4) m0 = dur[i4] > m0 ? dur[i4] : m0;
      const double years = std::max(std::max(m0, m1), std::max(m2, m3));
      const int T = static_cast<int>(std::ceil(years));
      if (own) std::fill(own, own + m, 0.0);
      // What changes from year to year but not from draw to draw: whether the drop-off
      // exponent grows in year t, and the fixed rate's discount factor of year t.
      sc.year_grow_.assign(static_cast<std::size_t>(std::max(T, 1)) + 1, 0);
      sc.year_f_.assign(static_cast<std::size_t>(std::max(T, 1)) + 1, 0.0);
      for (int t = 2; t <= T; ++t) {
        const int e2 = drop_exponent(options_.drop_off_start, t, o.offset + t, period_);
        sc.year_grow_[static_cast<std::size_t>(t)] = e2 > e;
        e = e2;
        ++tau;
        if (!rate) sc.year_f_[static_cast<std::size_t>(t)] = factors_[static_cast<std::size_t>(tau)];
      }
      detail::OutcomeYears y;
      y.m = m;
      y.T = T;
      y.rate = rate != nullptr;
      y.grow = sc.year_grow_.data();
      y.fixed_f = sc.year_f_.data();
      y.impact = impact;
      y.dur = dur;
      y.keep_rate = keep_rate;
      y.step = step;
      y.keep = keep_first;
      y.f = tau_f;  // read, not changed
      y.pv = pv;
      y.own = own;
      detail::add_years(y, years_path);
      if (own)
        for (const auto& [p, share] : ledger_.gains[k]) {
          double* g = ledger_out + 3 * p * B + c0;
          for (std::size_t i = 0; i < m; ++i) g[i] += share * own[i];
        }
    }
    for (std::size_t j = 0; j < investments_.size(); ++j) {
      const InvestmentTerm& inv = investments_[j];
      if (!inv.valued) continue;
      const double* a = col(inv.amount);
      double* amount = keep;  // free here: the amount of every draw, as investment_amount gives it
      if (inv.hourly) {
        const double* h = col(*inv.hourly);
        for (std::size_t i = 0; i < m; ++i) amount[i] = a[i] * h[i] * inv.price_factor;
      } else {
        for (std::size_t i = 0; i < m; ++i) amount[i] = a[i] * inv.price_factor;
      }
      if (options_.discount_investments) {
        factors_at(inv.year, inv_f);
        for (std::size_t i = 0; i < m; ++i) amount[i] *= inv_f[i];
      }
      for (std::size_t i = 0; i < m; ++i) inv_pv[i] += amount[i];
      if (ledger_out) {
        double* pays = ledger_out + (3 * ledger_.pays[j] + 1) * B + c0;
        for (std::size_t i = 0; i < m; ++i) pays[i] += amount[i];
      }
    }
    double *o_pv = out + c0, *o_inv = out + B + c0, *o_npv = out + 2 * B + c0, *o_ratio = out + 3 * B + c0;
    for (std::size_t i = 0; i < m; ++i) {
      const bool b = bad[i] != 0;
      o_pv[i] = b ? nan : pv[i];
      o_inv[i] = b ? nan : inv_pv[i];
      o_npv[i] = b ? nan : pv[i] - inv_pv[i];
      o_ratio[i] = b || inv_pv[i] == 0 ? nan : pv[i] / inv_pv[i];
    }
    for (std::size_t p = 0; p < np; ++p) {
      double *g = ledger_out + 3 * p * B + c0, *y = g + B, *net = g + 2 * B;
      for (std::size_t i = 0; i < m; ++i) {
        const bool b = bad[i] != 0;
        g[i] = b ? nan : g[i];
        y[i] = b ? nan : y[i];
        net[i] = b ? nan : g[i] - y[i];
      }
    }
  }
}

}  // namespace impactchain
