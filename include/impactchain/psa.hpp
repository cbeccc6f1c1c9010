// Probabilistic comparison of strategies from draws (probabilistic sensitivity
// analysis as post-processing, as R BCEA and dampack do): acceptability curves
// (CEAC) and frontier (CEAF), expected value of perfect information (EVPI),
// expected incremental benefit (EIB), ICER of each strategy against a reference,
// rank probabilities and cost-effectiveness plane data.
//
// Draws are a non-owning row-major view (draws × strategies) of costs and effects,
// so numpy arrays and Eigen row-major matrices are used without a copy. Nothing
// here is random; results do not depend on the thread count: draws are cut into
// fixed blocks, each block is summed in order, and blocks are combined in order.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "impactchain/defaults.hpp"
#include "impactchain/detail/parallel.hpp"
#include "impactchain/detail/check.hpp"
#include "impactchain/error.hpp"

namespace impactchain {

/// Row-major view of draws: cost[i * strategies + j] is the cost of strategy j in draw i.
struct PsaDraws {
  const double* cost = nullptr;
  const double* effect = nullptr;
  std::size_t draws = 0;
  std::size_t strategies = 0;
  std::vector<std::string> names;  ///< one per strategy (used in messages and results)

  double c(std::size_t i, std::size_t j) const { return cost[i * strategies + j]; }
  double e(std::size_t i, std::size_t j) const { return effect[i * strategies + j]; }
};

/// Longest willingness-to-pay grid acceptability() and expected_incremental_benefit()
/// accept (10^5 values), checked before their wtp × strategies arrays are allocated.
inline constexpr std::size_t max_wtp_grid = 100000;

struct PsaOptions {
  unsigned threads = defaults::threads;  ///< 0: all hardware threads
  std::size_t block_size = 32768; ///< draws per block; results depend on it only in the last bits, never on threads
  CancelHook cancelled = {};      ///< asked from the calling thread between blocks; true stops with Cancelled
};

/// Means and standard deviations (n − 1) of each strategy's cost and effect.
struct PsaSummary {
  std::size_t draws = 0;
  std::vector<std::string> names;
  std::vector<double> mean_cost, mean_effect, sd_cost, sd_effect;
};

/// Acceptability results on a willingness-to-pay grid (in the caller's order).
/// Matrices are row-major wtp × strategies.
struct Acceptability {
  std::vector<double> wtp;
  std::size_t strategies = 0;
  std::vector<double> ceac;          ///< share of draws in which the strategy has the highest NMB
  std::vector<double> expected_nmb;  ///< mean over draws of k·E − C
  std::vector<std::size_t> optimal;  ///< strategy with the highest expected NMB (the CEAF strategy)
  std::vector<double> frontier_probability;  ///< ceac of the optimal strategy (the CEAF curve)
  std::vector<double> evpi;          ///< E[max_j NMB_j] − max_j E[NMB_j]
};

/// One strategy against the reference, on mean cost and effect.
struct IncrementalRow {
  std::string strategy;
  double inc_cost = 0.0;
  double inc_effect = 0.0;
  std::optional<double> icer;  ///< empty when the mean effects are equal (ICER undefined)
  std::string status;          ///< reference, NE, SE (dominant), NW (dominated), SW, or "undefined: ..."
};

namespace detail {

inline void check_draws(const PsaDraws& d) {
  IssueList issues;
  if (d.strategies < 2)
    issues.add("psa", "at least 2 strategies are needed to compare, got " + std::to_string(d.strategies));
  if (d.draws < 1) issues.add("psa", "at least 1 draw is needed, got 0");
  if (!d.names.empty() && d.names.size() != d.strategies)
    issues.add("psa.strategies", std::to_string(d.names.size()) + " names for " + std::to_string(d.strategies) +
                                     " strategies (columns)");
  if (d.draws > 0 && d.strategies > 0 && (d.cost == nullptr || d.effect == nullptr))
    issues.add("psa", "cost and effect draws must both be given");
  issues.throw_if_any();
}

/// A willingness-to-pay grid: at most max_wtp_grid values, each finite (`field` names it in errors).
inline void check_wtp_grid(const std::string& field, const std::vector<double>& wtp) {
  if (wtp.size() > max_wtp_grid)
    throw ValidationError(field, "at most " + std::to_string(max_wtp_grid) + " willingness-to-pay values are accepted, got " +
                                     std::to_string(wtp.size()));
  for (std::size_t w = 0; w < wtp.size(); ++w) require(check_finite, element(field, w), "willingness to pay", wtp[w]);
}

inline std::string strategy_label(const PsaDraws& d, std::size_t j) {
  return d.names.empty() ? "column " + std::to_string(j) : "'" + d.names[j] + "'";
}

/// Runs f(block, worker) over all blocks on the PSA's threads (parallel.hpp's pool).
template <class F>
void for_blocks(std::size_t blocks, const PsaOptions& o, F&& f) {
  parallel_items(blocks, resolve_threads(o.threads), [&](unsigned worker, std::size_t b) { f(b, worker); },
                 &o.cancelled);
}

/// Workers for_blocks uses (at most one per block).
inline unsigned thread_count(const PsaOptions& o, std::size_t blocks) {
  return static_cast<unsigned>(std::min<std::size_t>(resolve_threads(o.threads), std::max<std::size_t>(blocks, 1)));
}

/// Index of the largest k·e_j − c_j in draw i; the first index wins ties (as numpy.argmax).
inline std::size_t best_at(const PsaDraws& d, std::size_t i, double k) {
  const double* c = d.cost + i * d.strategies;
  const double* e = d.effect + i * d.strategies;
  std::size_t b = 0;
  double m = k * e[0] - c[0];
  for (std::size_t j = 1; j < d.strategies; ++j) {
    const double v = k * e[j] - c[j];
    if (v > m) { m = v; b = j; }
  }
  return b;
}

}  // namespace detail

/// Validates the draws (finite, shapes) and returns means and SDs; block sums combined
/// in block order, SD by the two-pass formula.
inline PsaSummary psa_summary(const PsaDraws& d, const PsaOptions& opt = {}) {
  detail::check_draws(d);
  const std::size_t S = d.strategies, N = d.draws, B = std::max<std::size_t>(opt.block_size, 1);
  const std::size_t blocks = (N + B - 1) / B;
  // Pass 1: finiteness and block sums.
  std::vector<double> sc(blocks * S, 0.0), se(blocks * S, 0.0);
  std::vector<std::size_t> bad(blocks, N);  // first non-finite draw per block
  detail::for_blocks(blocks, opt, [&](std::size_t b, unsigned) {
    const std::size_t lo = b * B, hi = std::min(N, lo + B);
    double* c = &sc[b * S];
    double* e = &se[b * S];
    for (std::size_t i = lo; i < hi; ++i)
      for (std::size_t j = 0; j < S; ++j) {
        const double cv = d.c(i, j), ev = d.e(i, j);
        if (!std::isfinite(cv) || !std::isfinite(ev)) {
          if (bad[b] == N) bad[b] = i;
        }
        c[j] += cv;
        e[j] += ev;
      }
  });
  for (std::size_t b = 0; b < blocks; ++b)
    if (bad[b] != N) {
      const std::size_t i = bad[b];
      for (std::size_t j = 0; j < S; ++j) {
        if (!std::isfinite(d.c(i, j)))
          throw ValidationError("psa.costs[" + std::to_string(i) + ", " + std::to_string(j) + "]",
                                "draws must be finite, got " + detail::num(d.c(i, j)) + " for strategy " +
                                    detail::strategy_label(d, j) + " in draw " + std::to_string(i));
        if (!std::isfinite(d.e(i, j)))
          throw ValidationError("psa.effects[" + std::to_string(i) + ", " + std::to_string(j) + "]",
                                "draws must be finite, got " + detail::num(d.e(i, j)) + " for strategy " +
                                    detail::strategy_label(d, j) + " in draw " + std::to_string(i));
      }
    }
  PsaSummary s;
  s.draws = N;
  s.names = d.names;
  s.mean_cost.assign(S, 0.0);
  s.mean_effect.assign(S, 0.0);
  for (std::size_t b = 0; b < blocks; ++b)
    for (std::size_t j = 0; j < S; ++j) {
      s.mean_cost[j] += sc[b * S + j];
      s.mean_effect[j] += se[b * S + j];
    }
  for (std::size_t j = 0; j < S; ++j) {
    s.mean_cost[j] /= static_cast<double>(N);
    s.mean_effect[j] /= static_cast<double>(N);
  }
  // Pass 2: sums of squared deviations.
  std::fill(sc.begin(), sc.end(), 0.0);
  std::fill(se.begin(), se.end(), 0.0);
  detail::for_blocks(blocks, opt, [&](std::size_t b, unsigned) {
    const std::size_t lo = b * B, hi = std::min(N, lo + B);
    for (std::size_t i = lo; i < hi; ++i)
      for (std::size_t j = 0; j < S; ++j) {
        const double dc = d.c(i, j) - s.mean_cost[j], de = d.e(i, j) - s.mean_effect[j];
        sc[b * S + j] += dc * dc;
        se[b * S + j] += de * de;
      }
  });
  s.sd_cost.assign(S, std::numeric_limits<double>::quiet_NaN());
  s.sd_effect.assign(S, std::numeric_limits<double>::quiet_NaN());
  if (N > 1) {
    std::fill(s.sd_cost.begin(), s.sd_cost.end(), 0.0);
    std::fill(s.sd_effect.begin(), s.sd_effect.end(), 0.0);
    for (std::size_t b = 0; b < blocks; ++b)
      for (std::size_t j = 0; j < S; ++j) {
        s.sd_cost[j] += sc[b * S + j];
        s.sd_effect[j] += se[b * S + j];
      }
    for (std::size_t j = 0; j < S; ++j) {
      s.sd_cost[j] = std::sqrt(s.sd_cost[j] / static_cast<double>(N - 1));
      s.sd_effect[j] = std::sqrt(s.sd_effect[j] / static_cast<double>(N - 1));
    }
  }
  return s;
}

/// CEAC, CEAF and EVPI on a grid of willingness-to-pay values in one pass over the draws.
/// Algorithm: NMB_j(k) = k·E_j − C_j is linear in k, so in each draw the best strategy
/// changes only where its line is overtaken by a steeper one (the per-draw upper envelope,
/// i.e. that draw's efficiency frontier). Walking the sorted grid, the winner at a grid
/// point is found directly (first index wins ties), the next crossing
/// t* = min_{E_j > E_b} (C_j − C_b)/(E_j − E_b) is found, and all grid points below t*
/// are credited at once through difference arrays. Cost per draw O(S·changes + log W),
/// memory O(W·S) per thread; no draws × wtp × strategies array is ever formed.
/// EVPI(k) = (k·ΣE_best − ΣC_best)/N − max_j(k·Ē_j − C̄_j) (Felli & Hazen 1998; BCEA, dampack);
/// exactly 0 when the optimal strategy is best in every draw.
inline Acceptability acceptability(const PsaDraws& d, const PsaSummary& s, const std::vector<double>& wtp,
                                   const PsaOptions& opt = {}) {
  detail::check_draws(d);
  if (s.draws != d.draws || s.mean_cost.size() != d.strategies)
    throw std::invalid_argument("acceptability: the summary was computed from other draws (" +
                                std::to_string(s.draws) + " draws, " + std::to_string(s.mean_cost.size()) +
                                " strategies) than given (" + std::to_string(d.draws) + ", " +
                                std::to_string(d.strategies) + ")");
  if (wtp.empty()) throw ValidationError("acceptability.wtp", "at least one willingness-to-pay value is needed");
  detail::check_wtp_grid("acceptability.wtp", wtp);
  const std::size_t S = d.strategies, N = d.draws, W = wtp.size(), B = std::max<std::size_t>(opt.block_size, 1);
  const std::size_t blocks = (N + B - 1) / B;

  // Sort the grid (stable); results are mapped back to the caller's order at the end.
  std::vector<std::size_t> perm(W);
  std::iota(perm.begin(), perm.end(), std::size_t{0});
  std::stable_sort(perm.begin(), perm.end(), [&](std::size_t a, std::size_t b) { return wtp[a] < wtp[b]; });
  std::vector<double> g(W);
  for (std::size_t w = 0; w < W; ++w) g[w] = wtp[perm[w]];

  const unsigned threads = detail::thread_count(opt, blocks);
  std::vector<std::vector<std::int64_t>> counts(threads, std::vector<std::int64_t>(S * W, 0));  // exact integers
  std::vector<double> block_e(blocks * W, 0.0), block_c(blocks * W, 0.0);  // per-block sums of E_best, C_best

  detail::for_blocks(blocks, opt, [&](std::size_t b, unsigned t) {
    const std::size_t lo = b * B, hi = std::min(N, lo + B);
    std::vector<std::int64_t> dn(S * (W + 1), 0);
    std::vector<double> de(W + 1, 0.0), dc(W + 1, 0.0);
    for (std::size_t i = lo; i < hi; ++i) {
      const double* c = d.cost + i * S;
      const double* e = d.effect + i * S;
      std::size_t pos = 0;
      while (pos < W) {
        const std::size_t best = detail::best_at(d, i, g[pos]);
        double tstar = std::numeric_limits<double>::infinity();
        for (std::size_t j = 0; j < S; ++j)
          if (e[j] > e[best]) tstar = std::min(tstar, (c[j] - c[best]) / (e[j] - e[best]));
        std::size_t next = W;
        if (tstar < std::numeric_limits<double>::infinity())
          next = static_cast<std::size_t>(std::lower_bound(g.begin() + static_cast<std::ptrdiff_t>(pos + 1), g.end(), tstar) - g.begin());
        dn[best * (W + 1) + pos] += 1;
        dn[best * (W + 1) + next] -= 1;
        de[pos] += e[best];
        de[next] -= e[best];
        dc[pos] += c[best];
        dc[next] -= c[best];
        pos = next;
      }
    }
    std::int64_t* cnt = counts[t].data();
    for (std::size_t j = 0; j < S; ++j) {
      std::int64_t run = 0;
      for (std::size_t w = 0; w < W; ++w) {
        run += dn[j * (W + 1) + w];
        cnt[w * S + j] += run;
      }
    }
    double re = 0.0, rc = 0.0;
    for (std::size_t w = 0; w < W; ++w) {
      re += de[w];
      rc += dc[w];
      block_e[b * W + w] = re;
      block_c[b * W + w] = rc;
    }
  });

  Acceptability out;
  out.wtp = wtp;
  out.strategies = S;
  out.ceac.assign(W * S, 0.0);
  out.expected_nmb.assign(W * S, 0.0);
  out.optimal.assign(W, 0);
  out.frontier_probability.assign(W, 0.0);
  out.evpi.assign(W, 0.0);
  const double n = static_cast<double>(N);
  for (std::size_t w = 0; w < W; ++w) {
    const std::size_t ow = perm[w];  // caller's index
    const double k = g[w];
    std::size_t opt_j = 0;
    for (std::size_t j = 0; j < S; ++j) {
      std::int64_t cnt = 0;
      for (unsigned t = 0; t < threads; ++t) cnt += counts[t][w * S + j];
      out.ceac[ow * S + j] = static_cast<double>(cnt) / n;
      out.expected_nmb[ow * S + j] = k * s.mean_effect[j] - s.mean_cost[j];
      if (out.expected_nmb[ow * S + j] > out.expected_nmb[ow * S + opt_j]) opt_j = j;
    }
    out.optimal[ow] = opt_j;
    out.frontier_probability[ow] = out.ceac[ow * S + opt_j];
    if (out.ceac[ow * S + opt_j] == 1.0) {
      out.evpi[ow] = 0.0;  // the optimal strategy is best in every draw: no loss anywhere
    } else {
      double se = 0.0, sc = 0.0;
      for (std::size_t b = 0; b < blocks; ++b) {
        se += block_e[b * W + w];
        sc += block_c[b * W + w];
      }
      out.evpi[ow] = (k * se - sc) / n - out.expected_nmb[ow * S + opt_j];
    }
  }
  return out;
}

inline Acceptability acceptability(const PsaDraws& d, const std::vector<double>& wtp, const PsaOptions& opt = {}) {
  return acceptability(d, psa_summary(d, opt), wtp, opt);
}

/// Probability of each rank at willingness to pay k: row-major strategies × ranks,
/// rank 0 = highest NMB. Rank of j = #{l: NMB_l > NMB_j} + #{l < j: NMB_l = NMB_j}
/// (ties go to the first strategy, as in the acceptability curve).
inline std::vector<double> rank_probabilities(const PsaDraws& d, double wtp, const PsaOptions& opt = {}) {
  detail::check_draws(d);
  detail::require(detail::check_finite, "rank_probabilities.wtp", "willingness to pay", wtp);
  const std::size_t S = d.strategies, N = d.draws, B = std::max<std::size_t>(opt.block_size, 1);
  const std::size_t blocks = (N + B - 1) / B;
  const unsigned threads = detail::thread_count(opt, blocks);
  std::vector<std::vector<std::int64_t>> counts(threads, std::vector<std::int64_t>(S * S, 0));
  detail::for_blocks(blocks, opt, [&](std::size_t b, unsigned t) {
    const std::size_t lo = b * B, hi = std::min(N, lo + B);
    std::vector<double> v(S);
    for (std::size_t i = lo; i < hi; ++i) {
      for (std::size_t j = 0; j < S; ++j) {
        v[j] = wtp * d.e(i, j) - d.c(i, j);
        if (!std::isfinite(v[j]))
          throw ValidationError("rank_probabilities", "non-finite net benefit for strategy " + detail::strategy_label(d, j) +
                                                          " in draw " + std::to_string(i) + " (draws must be finite)");
      }
      for (std::size_t j = 0; j < S; ++j) {
        std::size_t r = 0;
        for (std::size_t l = 0; l < S; ++l) r += (v[l] > v[j]) || (l < j && v[l] == v[j]);
        counts[t][j * S + r] += 1;
      }
    }
  });
  std::vector<double> out(S * S, 0.0);
  for (std::size_t x = 0; x < S * S; ++x) {
    std::int64_t c = 0;
    for (unsigned t = 0; t < threads; ++t) c += counts[t][x];
    out[x] = static_cast<double>(c) / static_cast<double>(N);
  }
  return out;
}

/// Each strategy against the reference on mean cost and effect; ICER = ΔC̄/ΔĒ (as BCEA's
/// summary). Equal mean effects: no ICER and status "undefined: ...", never a division by zero.
inline std::vector<IncrementalRow> versus_reference(const PsaSummary& s, std::size_t reference) {
  const std::size_t S = s.mean_cost.size();
  if (reference >= S)
    throw ValidationError("psa.reference", "reference index " + std::to_string(reference) + " out of range for " +
                                               std::to_string(S) + " strategies");
  std::vector<IncrementalRow> out;
  for (std::size_t j = 0; j < S; ++j) {
    IncrementalRow r;
    r.strategy = s.names.empty() ? std::to_string(j) : s.names[j];
    r.inc_cost = s.mean_cost[j] - s.mean_cost[reference];
    r.inc_effect = s.mean_effect[j] - s.mean_effect[reference];
    if (j == reference) {
      r.status = "reference";
    } else if (r.inc_effect == 0.0) {
      r.status = r.inc_cost == 0.0 ? "undefined: same mean cost and effect as the reference"
                                   : "undefined: same mean effect as the reference (zero effect difference)";
    } else {
      r.icer = r.inc_cost / r.inc_effect;
      if (r.inc_effect > 0.0)
        r.status = r.inc_cost > 0.0 ? "NE" : "SE";  // SE: cheaper (or equal) and more effective: dominant
      else
        r.status = r.inc_cost >= 0.0 ? "NW" : "SW";  // NW: costlier (or equal) and less effective: dominated
    }
    out.push_back(std::move(r));
  }
  return out;
}

/// Expected incremental benefit EIB(k) = E[NMB_j] − E[NMB_ref], row-major wtp × strategies.
inline std::vector<double> expected_incremental_benefit(const PsaSummary& s, std::size_t reference,
                                                        const std::vector<double>& wtp) {
  const std::size_t S = s.mean_cost.size();
  if (reference >= S)
    throw ValidationError("psa.reference", "reference index " + std::to_string(reference) + " out of range for " +
                                               std::to_string(S) + " strategies");
  detail::check_wtp_grid("eib.wtp", wtp);
  std::vector<double> out(wtp.size() * S);
  for (std::size_t w = 0; w < wtp.size(); ++w) {
    for (std::size_t j = 0; j < S; ++j)
      out[w * S + j] = wtp[w] * (s.mean_effect[j] - s.mean_effect[reference]) - (s.mean_cost[j] - s.mean_cost[reference]);
  }
  return out;
}

/// Cost-effectiveness plane: per-draw ΔE and ΔC of every strategy against the reference
/// (row-major draws × strategies; the reference column is zero).
struct CePlane {
  std::vector<double> inc_effect, inc_cost;
};

inline CePlane ce_plane(const PsaDraws& d, std::size_t reference) {
  detail::check_draws(d);
  if (reference >= d.strategies)
    throw ValidationError("psa.reference", "reference index " + std::to_string(reference) + " out of range for " +
                                               std::to_string(d.strategies) + " strategies");
  CePlane p;
  p.inc_effect.resize(d.draws * d.strategies);
  p.inc_cost.resize(d.draws * d.strategies);
  for (std::size_t i = 0; i < d.draws; ++i)
    for (std::size_t j = 0; j < d.strategies; ++j) {
      p.inc_effect[i * d.strategies + j] = d.e(i, j) - d.e(i, reference);
      p.inc_cost[i * d.strategies + j] = d.c(i, j) - d.c(i, reference);
    }
  return p;
}

}  // namespace impactchain
