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
// Each function here is one part over every block (psa_parts.hpp) folded at once: the
// same code a cluster runs over block ranges, hence the same numbers.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "impactchain/psa_draws.hpp"
#include "impactchain/psa_parts.hpp"

namespace impactchain {

/// One strategy against the reference, on mean cost and effect.
struct IncrementalRow {
  std::string strategy;
  double inc_cost = 0.0;
  double inc_effect = 0.0;
  std::optional<double> icer;  ///< empty when the mean effects are equal (ICER undefined)
  std::string status;          ///< reference, NE, SE (dominant), NW (dominated), SW, or "undefined: ..."
};

/// Validates the draws (finite, shapes) and returns means and SDs; block sums combined
/// in block order, SD by the two-pass formula.
inline PsaSummary psa_summary(const PsaDraws& d, const PsaOptions& opt = {}) {
  detail::check_draws(d);
  PsaSummary means = psa_means_from_parts({psa_sums_part(d, 0, opt)}, d.names);
  PsaSumsPart squares = psa_squares_part(d, 0, means, opt);
  return psa_summary_from_parts(std::move(means), {std::move(squares)});
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
  return acceptability_from_parts(s, wtp, {acceptability_part(d, 0, wtp, opt)});
}

inline Acceptability acceptability(const PsaDraws& d, const std::vector<double>& wtp, const PsaOptions& opt = {}) {
  return acceptability(d, psa_summary(d, opt), wtp, opt);
}

/// Probability of each rank at willingness to pay k: row-major strategies × ranks,
/// rank 0 = highest NMB. Rank of j = #{l: NMB_l > NMB_j} + #{l < j: NMB_l = NMB_j}
/// (ties go to the first strategy, as in the acceptability curve).
inline std::vector<double> rank_probabilities(const PsaDraws& d, double wtp, const PsaOptions& opt = {}) {
  detail::check_draws(d);
  return rank_probabilities_from_parts({rank_probabilities_part(d, 0, {wtp}, opt)}, {wtp}, d.names);
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
