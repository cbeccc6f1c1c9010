// Composite rank uncertainty: the result from the running summaries (the summaries
// themselves: rank_accumulate.cpp; the checks and the weight draws: rank_setup.cpp), and runs
// in parts whose integer counts merge exactly, so results do not depend on the thread count.
#include "impactchain/rank_uncertainty.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>

#include "impactchain/detail/parallel.hpp"
#include "impactchain/error.hpp"
#include "impactchain/montecarlo.hpp"
#include "rank_accumulate.hpp"
#include "rank_choices.hpp"
#include "rank_setup.hpp"
#include "rank_sort.hpp"

namespace impactchain {
namespace {

using detail::AlignedHistogram;
using detail::KeySorter;
using detail::ranks::Accumulator;
using detail::ranks::accumulate;
using detail::ranks::rank_cap;
using detail::ranks::ScoreGrid;
using detail::ranks::score_cap;
using detail::ranks::Setup;
using detail::ranks::setup_generated;
using detail::ranks::setup_given;
using detail::ranks::with_top;

/// The result from the summaries of the whole run (draws 0 … D − 1).
template <class Count>
RankUncertaintyResult finish(const Setup& st, const RankUncertaintyOptions& o, const Accumulator<Count>& a) {
  const detail::ScoreMatrices& cons = st.cons;
  const Eigen::MatrixXd& X = cons.normalised[0];
  const auto U = static_cast<std::size_t>(X.rows()), I = static_cast<std::size_t>(X.cols()), K = o.top.size();
  const std::size_t D = st.draws;
  const ScoreGrid sg(cons);
  Eigen::VectorXd mean_w = st.given_mean;
  if (st.generated) {  // segment sums in segment order
    mean_w = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(I));
    for (std::size_t s = 0; s * I < a.weight_sums.size(); ++s)
      mean_w += Eigen::Map<const Eigen::VectorXd>(a.weight_sums.data() + s * I, static_cast<Eigen::Index>(I));
    mean_w /= static_cast<double>(D);
  }
  RankUncertaintyResult r;
  r.units = U; r.indicators = I; r.draws = D; r.seed = o.seed; r.top = o.top;
  r.mean_weights = mean_w;
  // The reference is the nominal composite: at the central weights when they are drawn around
  // them (the sample mean of the draws would move the reference with the seed and the draw
  // count), at the mean of the given draws otherwise.
  const Eigen::VectorXd& ref_w = st.generated ? st.central : mean_w;
  if (!cons.active) {
    r.reference_score = X * ref_w;
    r.score_mean = X * mean_w;
  } else {
    // Reference: the first listed treatment, normalisation and aggregation (aggregate.hpp).
    const Aggregation agg = o.choices.aggregations.empty() ? Aggregation::arithmetic : o.choices.aggregations[0];
    std::vector<double> wv(ref_w.data(), ref_w.data() + ref_w.size()), v(I);
    r.reference_score.resize(static_cast<Eigen::Index>(U));
    for (std::size_t u = 0; u < U; ++u) {
      for (std::size_t j = 0; j < I; ++j) v[j] = X(static_cast<Eigen::Index>(u), static_cast<Eigen::Index>(j));
      r.reference_score[static_cast<Eigen::Index>(u)] = weighted_mean(v, wv, agg, 1.0, o.choices.unit_label(u));
    }
    std::vector<double> score_sum(U, 0.0);  // segment sums in segment order
    for (std::size_t s = 0; s * U < a.score_sums.size(); ++s)
      for (std::size_t u = 0; u < U; ++u) score_sum[u] += a.score_sums[s * U + u];
    r.score_mean = Eigen::Map<const Eigen::VectorXd>(score_sum.data(), static_cast<Eigen::Index>(U)) / static_cast<double>(D);
    for (auto n : o.choices.normalisations) r.normalisation_choices.push_back(to_string(n));
    for (auto g : o.choices.aggregations) r.aggregation_choices.push_back(to_string(g));
    for (auto t : o.choices.treatments) r.treatment_choices.push_back(to_string(t));
    r.choice_draws = Eigen::MatrixXi::Zero(static_cast<Eigen::Index>(cons.n_norm), static_cast<Eigen::Index>(cons.n_agg));
    if (!o.choices.treatments.empty()) r.treatment_draws = Eigen::VectorXi::Zero(static_cast<Eigen::Index>(cons.n_treat));
    r.draw_choice.resize(static_cast<Eigen::Index>(D));
    for (std::size_t d = 0; d < D; ++d) {
      const auto c = static_cast<std::size_t>(a.draw_choice[d]);
      r.draw_choice[static_cast<Eigen::Index>(d)] = a.draw_choice[d];
      const std::size_t tn = c / cons.n_agg;  // t·N + n
      ++r.choice_draws(static_cast<Eigen::Index>(tn % cons.n_norm), static_cast<Eigen::Index>(c % cons.n_agg));
      if (r.treatment_draws.size()) ++r.treatment_draws[static_cast<Eigen::Index>(tn / cons.n_norm)];
    }
    if (cons.n_norm > 1)
      r.warnings.push_back(Notice("rank_uncertainty.mixed_scales", {}));
  }
  {
    KeySorter ks;
    ks.sort(r.reference_score.data(), U);
    r.reference_rank.resize(static_cast<Eigen::Index>(U));
    for (std::size_t p = 0; p < U; ++p) r.reference_rank[static_cast<Eigen::Index>(ks.unit(p))] = static_cast<int>(p + 1);
  }
  const auto Ui = static_cast<Eigen::Index>(U);
  r.score_p05.resize(Ui); r.score_p50.resize(Ui); r.score_p95.resize(Ui);
  r.rank_p05.resize(Ui); r.rank_median.resize(Ui); r.rank_p95.resize(Ui);
  r.rank_best.resize(Ui); r.rank_worst.resize(Ui);
  r.p_top.resize(Ui, static_cast<Eigen::Index>(K));
  // The 0-based order statistics of the 5th, 50th and 95th percentiles of D draws.
  std::array<std::uint64_t, 3> rk{};
  const double levels[3] = {0.05, 0.5, 0.95};
  for (int l = 0; l < 3; ++l) rk[l] = static_cast<std::uint64_t>(std::floor(levels[l] * static_cast<double>(D - 1)));
  // Each unit's quantiles from its histograms, units in parallel (each writes its own entries).
  std::vector<unsigned char> is_binned(U, 0);
  detail::parallel_items((U + 255) / 256, detail::resolve_threads(o.threads), [&](unsigned, std::size_t chunk) {
    for (std::size_t u = chunk * 256; u < std::min(U, chunk * 256 + 256); ++u) {
      const auto ui = static_cast<Eigen::Index>(u);
      r.rank_best[ui] = a.best[u];
      r.rank_worst[ui] = a.worst[u];
      for (std::size_t k = 0; k < K; ++k)
        r.p_top(ui, static_cast<Eigen::Index>(k)) = static_cast<double>(a.top_count[u * K + k]) / static_cast<double>(D);
      const auto& rh = a.rank_h[u];
      is_binned[u] = rh.shift > 0;
      const auto& sh = a.score_h[u];
      const double width = sg.hi[ui] - sg.lo[ui];
      const auto rank_at = rh.locate(rk), score_at = sh.locate(rk);
      for (int l = 0; l < 3; ++l) {
        const std::int64_t rb = rank_at[l].first;
        // Rank: exact order statistic at shift 0; else the middle of its bin, clamped to [best, worst].
        double rv = rh.shift == 0 ? static_cast<double>(rb)
                                  : std::floor(std::ldexp(static_cast<double>(rb) + 0.5, rh.shift));
        rv = std::min(std::max(rv, static_cast<double>(a.best[u])), static_cast<double>(a.worst[u]));
        const auto [sb, spos] = score_at[l];
        // Score: position within the bin by rank (bin width (hi − lo)·2^(shift − 24)).
        const double sv =
            width > 0 ? sg.lo[ui] + width * std::ldexp(static_cast<double>(sb) + spos, sh.shift) / sg.grid : sg.lo[ui];
        (l == 0 ? r.rank_p05 : l == 1 ? r.rank_median : r.rank_p95)[ui] = rv;
        (l == 0 ? r.score_p05 : l == 1 ? r.score_p50 : r.score_p95)[ui] = sv;
      }
    }
  });
  const auto binned = static_cast<std::size_t>(std::count(is_binned.begin(), is_binned.end(), 1));
  if (binned > 0)
    r.warnings.push_back(Notice("rank_uncertainty.binned", {int_param("count", binned), int_param("units", U), int_param("places", rank_cap)}));
  if (st.generated && std::fabs(st.weight_total - 1) > 1e-12)
    r.warnings.push_back(Notice("rank_uncertainty.weights_normalised", {real_param("sum", st.weight_total)}));
  return r;
}

/// Accumulator → part (histogram counts as 32 bits) and back.
template <class Count>
RankUncertaintyPart to_part(Accumulator<Count>&& a) {
  RankUncertaintyPart p;
  p.first_draw = a.first;
  p.draws = a.draws;
  p.score_sums = std::move(a.score_sums);
  p.weight_sums = std::move(a.weight_sums);
  auto out = [](const AlignedHistogram<Count>& h) {
    return RankHistogram{h.lo, h.shift, std::vector<std::uint32_t>(h.c.begin(), h.c.end())};
  };
  for (const auto& h : a.rank_h) p.ranks.push_back(out(h));
  for (const auto& h : a.score_h) p.scores.push_back(out(h));
  p.best = std::move(a.best);
  p.worst = std::move(a.worst);
  p.top_count = std::move(a.top_count);
  p.draw_choice = std::move(a.draw_choice);
  return p;
}

Accumulator<std::uint32_t> from_part(const RankUncertaintyPart& p) {
  Accumulator<std::uint32_t> a;
  a.first = p.first_draw;
  a.draws = p.draws;
  a.score_sums = p.score_sums;
  a.weight_sums = p.weight_sums;
  auto in = [](const RankHistogram& h) {
    AlignedHistogram<std::uint32_t> g;
    g.lo = h.lo;
    g.shift = h.shift;
    g.c = h.counts;
    return g;
  };
  for (const auto& h : p.ranks) a.rank_h.push_back(in(h));
  for (const auto& h : p.scores) a.score_h.push_back(in(h));
  a.best = p.best;
  a.worst = p.worst;
  a.top_count = p.top_count;
  a.draw_choice = p.draw_choice;
  return a;
}

/// Draws [first, first + n) as a part: `first` at a segment, the piece ending at a segment or at the run's end.
RankUncertaintyPart piece(const Setup& st, const RankUncertaintyOptions& o, std::size_t first, std::size_t n) {
  if (first % rank_segment_draws != 0)
    throw ValidationError("first_draw", "a part starts at a segment of " + std::to_string(rank_segment_draws) +
                                            " draws, got " + std::to_string(first));
  if (first > st.draws || n > st.draws - first)
    throw ValidationError("draws", "draws " + std::to_string(first) + " .. " + std::to_string(first + n) +
                                       " are not all within the run's " + std::to_string(st.draws));
  if (n % rank_segment_draws != 0 && first + n != st.draws)
    throw ValidationError("draws", "a part ends at a segment of " + std::to_string(rank_segment_draws) +
                                       " draws or at the run's end, got " + std::to_string(n) + " draws from " +
                                       std::to_string(first));
  // Histogram counts never exceed the piece's draws: 16-bit counters halve their memory traffic below 2^16.
  if (n < 65536) return to_part(accumulate<std::uint16_t>(st, o, first, n));
  return to_part(accumulate<std::uint32_t>(st, o, first, n));
}

RankUncertaintyResult run_whole(const Setup& st, const RankUncertaintyOptions& o) {
  if (st.draws < 65536) return finish(st, o, accumulate<std::uint16_t>(st, o, 0, st.draws));
  return finish(st, o, accumulate<std::uint32_t>(st, o, 0, st.draws));
}

/// Parts in draw order covering draws 0 … D − 1, each starting at a segment, joined.
RankUncertaintyPart join_checked(const std::vector<RankUncertaintyPart>& parts, std::size_t D) {
  std::size_t next = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].first_draw != next)
      throw ValidationError("parts[" + std::to_string(i) + "]",
                            "parts must cover the run's draws in order: expected draw " + std::to_string(next) +
                                " next, got " + std::to_string(parts[i].first_draw));
    next += parts[i].draws;
  }
  if (next != D)
    throw ValidationError("parts", "the parts cover " + std::to_string(next) + " draws, the run has " + std::to_string(D));
  return join_rank_uncertainty_parts(parts);
}

}  // namespace

RankUncertaintyResult rank_uncertainty(const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::VectorXd& weights,
                                       const RankUncertaintyOptions& o) {
  const RankUncertaintyOptions oo = with_top(o, X.rows());
  return run_whole(setup_generated(X, weights, oo), oo);
}

RankUncertaintyResult rank_uncertainty_given(const Eigen::Ref<const Eigen::MatrixXd>& X,
                                             const Eigen::Ref<const Eigen::MatrixXd>& W, const RankUncertaintyOptions& o) {
  const RankUncertaintyOptions oo = with_top(o, X.rows());
  return run_whole(setup_given(X, W, oo), oo);
}

RankUncertaintyPart rank_uncertainty_part(const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::VectorXd& weights,
                                          const RankUncertaintyOptions& o, std::size_t first_draw, std::size_t draws) {
  const RankUncertaintyOptions oo = with_top(o, X.rows());
  return piece(setup_generated(X, weights, oo), oo, first_draw, draws);
}

RankUncertaintyPart rank_uncertainty_given_part(const Eigen::Ref<const Eigen::MatrixXd>& X,
                                                const Eigen::Ref<const Eigen::MatrixXd>& W,
                                                const RankUncertaintyOptions& o, std::size_t first_draw,
                                                std::size_t draws) {
  const RankUncertaintyOptions oo = with_top(o, X.rows());
  return piece(setup_given(X, W, oo), oo, first_draw, draws);
}

RankUncertaintyPart join_rank_uncertainty_parts(const std::vector<RankUncertaintyPart>& parts) {
  if (parts.empty()) throw ValidationError("parts", "at least one part is needed");
  Accumulator<std::uint32_t> a = from_part(parts[0]);
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const RankUncertaintyPart& p = parts[i];
    const std::string field = "parts[" + std::to_string(i) + "]";
    if (p.first_draw != a.first + a.draws)
      throw ValidationError(field, "parts are joined in draw order: expected draw " + std::to_string(a.first + a.draws) +
                                       " next, got " + std::to_string(p.first_draw));
    if (p.ranks.size() != a.rank_h.size() || p.scores.size() != a.score_h.size() || p.top_count.size() != a.top_count.size())
      throw ValidationError(field, "is a part of another run (units or top differ)");
    a.draws += p.draws;
    a.score_sums.insert(a.score_sums.end(), p.score_sums.begin(), p.score_sums.end());
    a.weight_sums.insert(a.weight_sums.end(), p.weight_sums.begin(), p.weight_sums.end());
    for (std::size_t u = 0; u < a.rank_h.size(); ++u) {
      AlignedHistogram<std::uint32_t> h;
      h.lo = p.ranks[u].lo; h.shift = p.ranks[u].shift; h.c = p.ranks[u].counts;
      a.rank_h[u].merge(h, rank_cap);
      h.lo = p.scores[u].lo; h.shift = p.scores[u].shift; h.c = p.scores[u].counts;
      a.score_h[u].merge(h, score_cap);
      a.best[u] = std::min(a.best[u], p.best[u]);
      a.worst[u] = std::max(a.worst[u], p.worst[u]);
    }
    for (std::size_t k = 0; k < a.top_count.size(); ++k) a.top_count[k] += p.top_count[k];
    a.draw_choice.insert(a.draw_choice.end(), p.draw_choice.begin(), p.draw_choice.end());
  }
  return to_part(std::move(a));
}

RankUncertaintyResult rank_uncertainty_from_parts(const Eigen::Ref<const Eigen::MatrixXd>& X,
                                                  const Eigen::VectorXd& weights, const RankUncertaintyOptions& o,
                                                  const std::vector<RankUncertaintyPart>& parts) {
  const RankUncertaintyOptions oo = with_top(o, X.rows());
  const Setup st = setup_generated(X, weights, oo);
  return finish(st, oo, from_part(join_checked(parts, st.draws)));
}

RankUncertaintyResult rank_uncertainty_given_from_parts(const Eigen::Ref<const Eigen::MatrixXd>& X,
                                                        const Eigen::Ref<const Eigen::MatrixXd>& W,
                                                        const RankUncertaintyOptions& o,
                                                        const std::vector<RankUncertaintyPart>& parts) {
  const RankUncertaintyOptions oo = with_top(o, X.rows());
  const Setup st = setup_given(X, W, oo);
  return finish(st, oo, from_part(join_checked(parts, st.draws)));
}

}  // namespace impactchain
