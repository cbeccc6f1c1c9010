// A probabilistic comparison in parts: the per-block partial results of a range of whole blocks
// of draws, and the folds that finish them in block order. psa.hpp's functions are a part over
// every block folded at once; a cluster computes parts over block ranges where the draws are and
// folds them the same way, so its numbers are the local ones bit for bit.
//
// A part reads the draws of its blocks only: a view whose row 0 is draw first_block·block_size of
// the run. Every part but the run's last holds whole blocks; a part may be empty.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "impactchain/detail/psa_parts.hpp"
#include "impactchain/psa_draws.hpp"

namespace impactchain {

/// Per-block sums of each strategy's cost and effect (pass 1 of psa_summary: psa_sums_part), or
/// of their squared deviations from the means (pass 2: psa_squares_part).
struct PsaSumsPart : PsaPartRange {
  std::vector<double> cost, effect;  ///< blocks × strategies, row-major
  std::optional<PsaBadDraw> bad;     ///< first non-finite draw of the part (pass 1)
};

/// acceptability() over a range of blocks, on the grid sorted ascending (stable).
struct PsaAcceptabilityPart : PsaPartRange {
  std::vector<double> wtp;              ///< the grid as given
  std::vector<std::int64_t> counts;     ///< sorted grid × strategies: draws in which the strategy is best
  std::vector<double> best_effect, best_cost;  ///< blocks × sorted grid: sums of E and C of each draw's best
};

/// rank_probabilities() over a range of blocks, for every willingness to pay of a grid.
struct PsaRanksPart : PsaPartRange {
  std::vector<double> wtp;           ///< the grid as given
  std::vector<std::int64_t> counts;  ///< wtp × strategies × ranks: draws with that rank
  std::optional<PsaBadDraw> bad;     ///< first draw with a non-finite net benefit
};

namespace detail {

/// The parts' per-block cost and effect sums added to `cost` and `effect`, block by block in order.
inline void add_block_sums(const std::vector<PsaSumsPart>& parts, std::vector<double>& cost, std::vector<double>& effect) {
  const std::size_t S = cost.size();
  for (const auto& p : parts)
    for (std::size_t b = 0; b < p.blocks; ++b)
      for (std::size_t j = 0; j < S; ++j) {
        cost[j] += p.cost[b * S + j];
        effect[j] += p.effect[b * S + j];
      }
}

/// A sums part of the draws' blocks, its per-block sums zero.
inline PsaSumsPart sums_part_of(const PsaDraws& d, std::size_t first_block, const PsaOptions& opt) {
  check_draws(d, false);
  auto p = part_of<PsaSumsPart>(d, first_block, opt);
  p.cost.assign(p.blocks * d.strategies, 0.0);
  p.effect.assign(p.blocks * d.strategies, 0.0);
  return p;
}

}  // namespace detail

/// Pass 1 of psa_summary over the blocks of a part: per-block sums of cost and effect, and the
/// first non-finite draw.
inline PsaSumsPart psa_sums_part(const PsaDraws& d, std::size_t first_block, const PsaOptions& opt = {}) {
  auto p = detail::sums_part_of(d, first_block, opt);
  const std::size_t S = d.strategies;
  std::vector<std::size_t> bad(p.blocks, d.draws);  // first non-finite draw per block
  detail::for_part_blocks(p, opt, [&](std::size_t lo, std::size_t hi, std::size_t b, unsigned) {
    double* c = &p.cost[b * S];
    double* e = &p.effect[b * S];
    for (std::size_t i = lo; i < hi; ++i)
      for (std::size_t j = 0; j < S; ++j) {
        const double cv = d.c(i, j), ev = d.e(i, j);
        if ((!std::isfinite(cv) || !std::isfinite(ev)) && bad[b] == d.draws) bad[b] = i;
        c[j] += cv;
        e[j] += ev;
      }
  });
  for (std::size_t b = 0; b < p.blocks && !p.bad; ++b)
    if (bad[b] != d.draws) p.bad = detail::first_bad_value(d, bad[b], first_block * p.block_size);
  return p;
}

/// Pass 2 of psa_summary over the blocks of a part: per-block sums of squared deviations from
/// the means of `means` (psa_means_from_parts).
inline PsaSumsPart psa_squares_part(const PsaDraws& d, std::size_t first_block, const PsaSummary& means,
                                    const PsaOptions& opt = {}) {
  auto p = detail::sums_part_of(d, first_block, opt);
  const std::size_t S = d.strategies;
  if (means.mean_cost.size() != S || means.mean_effect.size() != S)
    throw std::invalid_argument("psa_squares_part: means of " + std::to_string(means.mean_cost.size()) +
                                " strategies for draws of " + std::to_string(S));
  detail::for_part_blocks(p, opt, [&](std::size_t lo, std::size_t hi, std::size_t b, unsigned) {
    for (std::size_t i = lo; i < hi; ++i)
      for (std::size_t j = 0; j < S; ++j) {
        const double dc = d.c(i, j) - means.mean_cost[j], de = d.e(i, j) - means.mean_effect[j];
        p.cost[b * S + j] += dc * dc;
        p.effect[b * S + j] += de * de;
      }
  });
  return p;
}

/// Means from the pass-1 parts of a run (in block order): the block sums added in block order,
/// over the draws. The first non-finite draw of the run, if any, is thrown (ValidationError
/// naming the cell, strategy and draw). The SDs are NaN until psa_summary_from_parts.
inline PsaSummary psa_means_from_parts(const std::vector<PsaSumsPart>& parts, const std::vector<std::string>& names = {}) {
  const std::size_t N = detail::check_cover(parts, "psa_means_from_parts"), S = parts[0].strategies;
  if (!names.empty() && names.size() != S)
    throw ValidationError("psa.strategies", std::to_string(names.size()) + " names for " + std::to_string(S) +
                                                " strategies (columns)");
  for (const auto& p : parts)
    if (p.bad) throw detail::bad_draw_error(*p.bad, names);
  if (N < 1) throw ValidationError("psa", "at least 1 draw is needed, got 0");
  PsaSummary s;
  s.draws = N;
  s.names = names;
  s.mean_cost.assign(S, 0.0);
  s.mean_effect.assign(S, 0.0);
  detail::add_block_sums(parts, s.mean_cost, s.mean_effect);
  for (std::size_t j = 0; j < S; ++j) {
    s.mean_cost[j] /= static_cast<double>(N);
    s.mean_effect[j] /= static_cast<double>(N);
  }
  s.sd_cost.assign(S, std::numeric_limits<double>::quiet_NaN());
  s.sd_effect.assign(S, std::numeric_limits<double>::quiet_NaN());
  return s;
}

/// The summary from its means and the pass-2 parts of the same run: SD (n − 1) from the sums of
/// squared deviations added in block order (the two-pass formula); NaN for one draw.
inline PsaSummary psa_summary_from_parts(PsaSummary means, const std::vector<PsaSumsPart>& squares) {
  const std::size_t N = detail::check_cover(squares, "psa_summary_from_parts"), S = means.mean_cost.size();
  if (N != means.draws || squares[0].strategies != S)
    throw std::invalid_argument("psa_summary_from_parts: the means are of other draws (" + std::to_string(means.draws) +
                                " draws, " + std::to_string(S) + " strategies) than the parts (" + std::to_string(N) +
                                ", " + std::to_string(squares[0].strategies) + ")");
  if (N > 1) {
    std::fill(means.sd_cost.begin(), means.sd_cost.end(), 0.0);
    std::fill(means.sd_effect.begin(), means.sd_effect.end(), 0.0);
    detail::add_block_sums(squares, means.sd_cost, means.sd_effect);
    for (std::size_t j = 0; j < S; ++j) {
      means.sd_cost[j] = std::sqrt(means.sd_cost[j] / static_cast<double>(N - 1));
      means.sd_effect[j] = std::sqrt(means.sd_effect[j] / static_cast<double>(N - 1));
    }
  }
  return means;
}

/// acceptability() over the blocks of a part (draws already validated by psa_summary). Per draw
/// the winner along the sorted grid, walking its upper envelope (see acceptability in psa.hpp).
inline PsaAcceptabilityPart acceptability_part(const PsaDraws& d, std::size_t first_block, const std::vector<double>& wtp,
                                               const PsaOptions& opt = {}) {
  detail::check_draws(d, false);
  if (wtp.empty()) throw ValidationError("acceptability.wtp", "at least one willingness-to-pay value is needed");
  detail::check_wtp_grid("acceptability.wtp", wtp);
  auto p = detail::part_of<PsaAcceptabilityPart>(d, first_block, opt);
  const std::size_t S = d.strategies, W = wtp.size();
  const std::vector<double> g = detail::sorted_grid(wtp).g;
  p.wtp = wtp;
  p.best_effect.assign(p.blocks * W, 0.0);
  p.best_cost.assign(p.blocks * W, 0.0);
  std::vector<std::vector<std::int64_t>> counts(detail::thread_count(opt, p.blocks), std::vector<std::int64_t>(S * W, 0));
  detail::for_part_blocks(p, opt, [&](std::size_t lo, std::size_t hi, std::size_t b, unsigned t) {
    std::vector<std::int64_t> dn(S * (W + 1), 0);  // difference arrays over the sorted grid
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
      p.best_effect[b * W + w] = re;
      p.best_cost[b * W + w] = rc;
    }
  });
  p.counts = detail::add_counts(counts, S * W);
  return p;
}

/// Acceptability from the parts of a run on grid `wtp` and the run's summary: counts added,
/// the sums of each draw's best E and C added in block order. EVPI(k) = (k·ΣE_best − ΣC_best)/N −
/// max_j(k·Ē_j − C̄_j) (Felli & Hazen 1998; BCEA, dampack); exactly 0 when the optimal strategy
/// is best in every draw.
inline Acceptability acceptability_from_parts(const PsaSummary& s, const std::vector<double>& wtp,
                                              const std::vector<PsaAcceptabilityPart>& parts) {
  const std::size_t N = detail::check_cover(parts, "acceptability_from_parts"), S = s.mean_cost.size(), W = wtp.size();
  if (N != s.draws || parts[0].strategies != S)
    throw std::invalid_argument("acceptability: the summary was computed from other draws (" + std::to_string(s.draws) +
                                " draws, " + std::to_string(S) + " strategies) than given (" + std::to_string(N) +
                                ", " + std::to_string(parts[0].strategies) + ")");
  detail::check_grid(parts, wtp, "acceptability_from_parts");
  const detail::SortedGrid grid = detail::sorted_grid(wtp);
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
    const std::size_t ow = grid.perm[w];  // caller's index
    const double k = grid.g[w];
    std::size_t opt_j = 0;
    for (std::size_t j = 0; j < S; ++j) {
      std::int64_t cnt = 0;
      for (const auto& p : parts)
        if (p.draws > 0) cnt += p.counts[w * S + j];
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
      for (const auto& p : parts)
        for (std::size_t b = 0; b < p.blocks; ++b) {
          se += p.best_effect[b * W + w];
          sc += p.best_cost[b * W + w];
        }
      out.evpi[ow] = (k * se - sc) / n - out.expected_nmb[ow * S + opt_j];
    }
  }
  return out;
}

/// rank_probabilities() over the blocks of a part, for each willingness to pay of `wtp`; the
/// first draw (then grid value, then strategy) with a non-finite net benefit is recorded.
inline PsaRanksPart rank_probabilities_part(const PsaDraws& d, std::size_t first_block, const std::vector<double>& wtp,
                                            const PsaOptions& opt = {}) {
  detail::check_draws(d, false);
  for (double k : wtp) detail::require(detail::check_finite, "rank_probabilities.wtp", "willingness to pay", k);
  auto p = detail::part_of<PsaRanksPart>(d, first_block, opt);
  const std::size_t S = d.strategies, W = wtp.size();
  p.wtp = wtp;
  std::vector<std::vector<std::int64_t>> counts(detail::thread_count(opt, p.blocks), std::vector<std::int64_t>(W * S * S, 0));
  std::vector<std::optional<PsaBadDraw>> bad(p.blocks);
  detail::for_part_blocks(p, opt, [&](std::size_t lo, std::size_t hi, std::size_t b, unsigned t) {
    std::vector<double> v(S);
    for (std::size_t i = lo; i < hi && !bad[b]; ++i)
      for (std::size_t w = 0; w < W && !bad[b]; ++w) {
        for (std::size_t j = 0; j < S; ++j) {
          v[j] = wtp[w] * d.e(i, j) - d.c(i, j);
          if (!std::isfinite(v[j])) {
            bad[b] = PsaBadDraw{first_block * p.block_size + i, j, PsaBadDraw::Field::net_benefit, v[j]};
            break;
          }
        }
        if (bad[b]) break;
        std::int64_t* cnt = counts[t].data() + w * S * S;
        for (std::size_t j = 0; j < S; ++j) {
          std::size_t r = 0;
          for (std::size_t l = 0; l < S; ++l) r += (v[l] > v[j]) || (l < j && v[l] == v[j]);
          cnt[j * S + r] += 1;
        }
      }
  });
  for (std::size_t b = 0; b < p.blocks && !p.bad; ++b) p.bad = bad[b];
  p.counts = detail::add_counts(counts, W * S * S);
  return p;
}

/// Rank probabilities from the parts of a run on grid `wtp`: wtp × strategies × ranks, row-major
/// (rank 0 = highest NMB). The run's first non-finite net benefit, if any, is thrown.
inline std::vector<double> rank_probabilities_from_parts(const std::vector<PsaRanksPart>& parts, const std::vector<double>& wtp,
                                                         const std::vector<std::string>& names = {}) {
  const std::size_t N = detail::check_cover(parts, "rank_probabilities_from_parts"), S = parts[0].strategies;
  detail::check_grid(parts, wtp, "rank_probabilities_from_parts");
  for (const auto& p : parts)
    if (p.bad) throw detail::bad_draw_error(*p.bad, names);
  if (N < 1) throw ValidationError("psa", "at least 1 draw is needed, got 0");
  std::vector<double> out(wtp.size() * S * S, 0.0);
  for (std::size_t x = 0; x < out.size(); ++x) {
    std::int64_t c = 0;
    for (const auto& p : parts)
      if (p.draws > 0) c += p.counts[x];
    out[x] = static_cast<double>(c) / static_cast<double>(N);
  }
  return out;
}

/// Adjacent parts of one run, in block order, as one part (a cluster joins parts where they were
/// computed, so one part travels to the caller): per-block arrays concatenated, counts added.
template <class Part>
Part join_psa_parts(const std::vector<Part>& parts) {
  detail::check_cover(parts, "join_psa_parts", false);
  Part out = parts[0];
  for (std::size_t k = 1; k < parts.size(); ++k) {
    const Part& p = parts[k];
    if (p.draws == 0) continue;
    if (out.draws == 0) {
      out = p;
      continue;
    }
    out.blocks += p.blocks;
    out.draws += p.draws;
    if constexpr (std::is_same_v<Part, PsaSumsPart>) {
      out.cost.insert(out.cost.end(), p.cost.begin(), p.cost.end());
      out.effect.insert(out.effect.end(), p.effect.begin(), p.effect.end());
    } else {
      if (p.wtp != out.wtp) throw std::invalid_argument("join_psa_parts: part " + std::to_string(k) + " was computed on another wtp grid");
      for (std::size_t x = 0; x < out.counts.size(); ++x) out.counts[x] += p.counts[x];
    }
    if constexpr (std::is_same_v<Part, PsaAcceptabilityPart>) {
      out.best_effect.insert(out.best_effect.end(), p.best_effect.begin(), p.best_effect.end());
      out.best_cost.insert(out.best_cost.end(), p.best_cost.begin(), p.best_cost.end());
    } else {
      if (!out.bad) out.bad = p.bad;
    }
  }
  return out;
}

}  // namespace impactchain
