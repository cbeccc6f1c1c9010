// Composite rank uncertainty: scores X·W in blocks of draws (Eigen GEMM),
// ranks by a stable bucket sort on the order-preserving bit pattern of the
// scores, per-unit streamed histograms (updated once per block of draws) whose
// integer counts merge exactly, so results do not depend on the thread count.
#include "impactchain/rank_uncertainty.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>

#include "sampler.hpp"
#include "impactchain/detail/check.hpp"
#include "impactchain/error.hpp"
#include "impactchain/montecarlo.hpp"
#include "impactchain/detail/parallel.hpp"
#include "rank_choices.hpp"
#include "rank_sort.hpp"

namespace impactchain {
namespace {

using detail::num;
using detail::AlignedHistogram;
using detail::KeySorter;
using detail::parallel_items;
using detail::resolve_threads;
using detail::SortScratch;

constexpr std::size_t draw_block = 64;
constexpr std::size_t rank_cap = 4096;   // bins per unit before rank bins are widened
constexpr std::size_t score_cap = 1024;  // bins per unit for scores
constexpr int score_grid_bits = 24;      // finest score grid: (hi − lo)/2^24

constexpr std::size_t unit_chunk = 16;  // units per task of the per-unit pass (one cache line of each row of ranks)

using WeightFill = std::function<void(std::size_t draw, double* w)>;

/// Draws are processed in rounds: (1) blocks of 64 draws in parallel: scores by
/// GEMM, ranks by sorting, kept for the round as ranks and score-grid keys
/// (units × round); (2) units in parallel: extremes, top-k counts and both
/// histograms updated once per round. Every statistic is an integer count or an
/// extreme, so neither the round length nor the thread count changes a result.
template <class Count>
RankUncertaintyResult run_impl(const detail::ScoreMatrices& cons, std::size_t D, const WeightFill& fill,
                               const Eigen::VectorXd& mean_w, const RankUncertaintyOptions& o) {
  const Eigen::MatrixXd& X = cons.normalised[0];
  const auto U = static_cast<std::size_t>(X.rows()), I = static_cast<std::size_t>(X.cols()), K = o.top.size();
  const std::size_t C = cons.M.size();
  const unsigned threads = resolve_threads(o.threads);
  // Any weighted arithmetic or geometric mean of a unit's values lies within their range.
  Eigen::VectorXd lo = X.rowwise().minCoeff(), hi = X.rowwise().maxCoeff();
  for (const auto& N : cons.normalised) {
    lo = lo.cwiseMin(N.rowwise().minCoeff());
    hi = hi.cwiseMax(N.rowwise().maxCoeff());
  }
  const double grid = std::ldexp(1.0, score_grid_bits);
  Eigen::VectorXd inv_width(static_cast<Eigen::Index>(U));
  for (Eigen::Index u = 0; u < inv_width.size(); ++u) inv_width[u] = hi[u] > lo[u] ? grid / (hi[u] - lo[u]) : 0.0;
  std::vector<int> draw_choice(cons.active ? D : 0);

  const std::size_t nblocks = (D + draw_block - 1) / draw_block;
  // Round length: as many 64-draw blocks as fit 64 MiB of ranks + score keys (8 bytes per unit and draw), 1 to 16.
  const std::size_t round_blocks =
      std::min<std::size_t>({16, nblocks, std::max<std::size_t>(1, (std::size_t{64} << 20) / (8 * draw_block * U))});
  const std::size_t round_draws = round_blocks * draw_block;
  std::vector<std::uint32_t> R(U * round_draws), G(U * round_draws);  // [draw in round][unit]
  std::vector<double> block_sum(cons.active ? U * round_blocks : 0), score_sum(cons.active ? U : 0, 0.0);

  std::vector<AlignedHistogram<Count>> rank_h(U), score_h(U);
  std::vector<std::int32_t> best(U, std::numeric_limits<std::int32_t>::max()), worst(U, 0);
  std::vector<std::uint64_t> top_count(U * K, 0);
  std::vector<SortScratch> ss(threads);
  std::vector<std::vector<std::uint32_t>> tr(threads, std::vector<std::uint32_t>(2 * unit_chunk * round_draws));

  detail::CancelPoll poll(&o.cancelled);  // one clock for all rounds
  for (std::size_t b0 = 0; b0 < nblocks; b0 += round_blocks) {
    const std::size_t nbk = std::min(round_blocks, nblocks - b0);
    const std::size_t nd = std::min(D, (b0 + nbk) * draw_block) - b0 * draw_block;
    parallel_items(nbk, threads, [&](unsigned t, std::size_t ib) {
      SortScratch& w = ss[t];
      const std::size_t d0 = (b0 + ib) * draw_block, nb = std::min(draw_block, D - d0);
      w.Wb.resize(static_cast<Eigen::Index>(I), static_cast<Eigen::Index>(nb));
      for (std::size_t j = 0; j < nb; ++j) fill(d0 + j, w.Wb.col(static_cast<Eigen::Index>(j)).data());
      if (C == 1) {
        w.S.noalias() = cons.M[0] * w.Wb;  // U × nb scores
        if (cons.geometric[0]) w.S = w.S.array().exp().matrix();
      } else {
        // Draws of the block grouped by combination: one GEMM per combination present.
        w.S.resize(static_cast<Eigen::Index>(U), static_cast<Eigen::Index>(nb));
        std::vector<std::size_t> cj(nb);
        for (std::size_t j = 0; j < nb; ++j) draw_choice[d0 + j] = static_cast<int>(cj[j] = cons.choose(d0 + j));
        for (std::size_t c = 0; c < C; ++c) {
          std::vector<Eigen::Index> cols;
          for (std::size_t j = 0; j < nb; ++j)
            if (cj[j] == c) cols.push_back(static_cast<Eigen::Index>(j));
          if (cols.empty()) continue;
          Eigen::MatrixXd Wc(static_cast<Eigen::Index>(I), static_cast<Eigen::Index>(cols.size()));
          for (std::size_t i = 0; i < cols.size(); ++i) Wc.col(static_cast<Eigen::Index>(i)) = w.Wb.col(cols[i]);
          Eigen::MatrixXd Sc = cons.M[c] * Wc;
          if (cons.geometric[c]) Sc = Sc.array().exp().matrix();
          for (std::size_t i = 0; i < cols.size(); ++i) w.S.col(cols[i]) = Sc.col(static_cast<Eigen::Index>(i));
        }
      }
      if (cons.active) {
        Eigen::Map<Eigen::VectorXd>(block_sum.data() + ib * U, static_cast<Eigen::Index>(U)) = w.S.rowwise().sum();
      }
      for (std::size_t j = 0; j < nb; ++j) {
        const double* sc = w.S.col(static_cast<Eigen::Index>(j)).data();
        w.sorter.sort(sc, U);
        const std::size_t row = ib * draw_block + j;
        std::uint32_t* rj = R.data() + row * U;
        const auto* items = w.sorter.items.data();
        for (std::size_t pos = 0; pos < U; ++pos) rj[items[pos].unit] = static_cast<std::uint32_t>(pos + 1);
        std::uint32_t* gj = G.data() + row * U;
        for (std::size_t u = 0; u < U; ++u) {
          double g = (sc[u] - lo[static_cast<Eigen::Index>(u)]) * inv_width[static_cast<Eigen::Index>(u)];
          g = std::min(std::max(g, 0.0), grid - 1);
          gj[u] = static_cast<std::uint32_t>(g);
        }
      }
    }, poll);
    const std::size_t nchunks = (U + unit_chunk - 1) / unit_chunk;
    parallel_items(nchunks, threads, [&](unsigned t, std::size_t ic) {
      const std::size_t u0 = ic * unit_chunk, nu = std::min(unit_chunk, U - u0);
      if (cons.active)  // score sums in block order
        for (std::size_t v = 0; v < nu; ++v)
          for (std::size_t ib = 0; ib < nbk; ++ib) score_sum[u0 + v] += block_sum[ib * U + u0 + v];
      std::uint32_t* tr_r = tr[t].data();
      std::uint32_t* tr_g = tr_r + unit_chunk * round_draws;
      // Transpose the chunk's ranks and keys (one cache line per draw) to unit-major.
      constexpr std::size_t ahead = 16;  // rows are U·4 bytes apart: prefetch explicitly
      for (std::size_t j = 0; j < std::min(ahead, nd); ++j) {
        __builtin_prefetch(R.data() + j * U + u0);
        __builtin_prefetch(G.data() + j * U + u0);
      }
      for (std::size_t j = 0; j < nd; ++j) {
        if (j + ahead < nd) {
          __builtin_prefetch(R.data() + (j + ahead) * U + u0);
          __builtin_prefetch(G.data() + (j + ahead) * U + u0);
        }
        const std::uint32_t* rj = R.data() + j * U + u0;
        const std::uint32_t* gj = G.data() + j * U + u0;
        for (std::size_t v = 0; v < nu; ++v) {
          tr_r[v * round_draws + j] = rj[v];
          tr_g[v * round_draws + j] = gj[v];
        }
      }
      auto prefetch = [&](std::size_t u) {  // stream a unit's histograms in before they are needed
        for (const auto* h : {&rank_h[u].c, &score_h[u].c}) {
          const char* p = reinterpret_cast<const char*>(h->data());
          for (std::size_t off = 0; off < h->size() * sizeof(Count); off += 64) __builtin_prefetch(p + off, 1, 3);
        }
      };
      prefetch(u0);
      for (std::size_t v = 0; v < nu; ++v) {
        const std::size_t u = u0 + v;
        if (v + 1 < nu) prefetch(u + 1);
        const std::uint32_t* ru = tr_r + v * round_draws;
        std::uint32_t bmin = static_cast<std::uint32_t>(best[u]), bmax = static_cast<std::uint32_t>(worst[u]);
        for (std::size_t j = 0; j < nd; ++j) {
          bmin = std::min(bmin, ru[j]);
          bmax = std::max(bmax, ru[j]);
        }
        best[u] = static_cast<std::int32_t>(bmin);
        worst[u] = static_cast<std::int32_t>(bmax);
        for (std::size_t k = 0; k < K; ++k) {
          const auto top = static_cast<std::uint32_t>(o.top[k]);
          std::uint64_t c = 0;
          for (std::size_t j = 0; j < nd; ++j) c += ru[j] <= top;
          top_count[u * K + k] += c;
        }
        rank_h[u].add_batch(ru, nd, rank_cap);
        score_h[u].add_batch(tr_g + v * round_draws, nd, score_cap);
      }
    }, poll);
  }

  RankUncertaintyResult r;
  r.units = U; r.indicators = I; r.draws = D; r.seed = o.seed; r.top = o.top;
  r.mean_weights = mean_w;
  if (!cons.active) {
    r.reference_score = X * mean_w;
    r.score_mean = r.reference_score;
  } else {
    // Reference: the first listed treatment, normalisation and aggregation at the mean weights (aggregate.hpp).
    const Aggregation agg = o.choices.aggregations.empty() ? Aggregation::arithmetic : o.choices.aggregations[0];
    std::vector<double> wv(mean_w.data(), mean_w.data() + mean_w.size()), v(I);
    r.reference_score.resize(static_cast<Eigen::Index>(U));
    for (std::size_t u = 0; u < U; ++u) {
      for (std::size_t j = 0; j < I; ++j) v[j] = X(static_cast<Eigen::Index>(u), static_cast<Eigen::Index>(j));
      r.reference_score[static_cast<Eigen::Index>(u)] = weighted_mean(v, wv, agg, 1.0, "unit " + std::to_string(u));
    }
    r.score_mean = Eigen::Map<const Eigen::VectorXd>(score_sum.data(), static_cast<Eigen::Index>(U)) / static_cast<double>(D);
    for (auto n : o.choices.normalisations) r.normalisation_choices.push_back(to_string(n));
    for (auto a : o.choices.aggregations) r.aggregation_choices.push_back(to_string(a));
    for (auto t : o.choices.treatments) r.treatment_choices.push_back(to_string(t));
    r.choice_draws = Eigen::MatrixXi::Zero(static_cast<Eigen::Index>(cons.n_norm), static_cast<Eigen::Index>(cons.n_agg));
    if (!o.choices.treatments.empty()) r.treatment_draws = Eigen::VectorXi::Zero(static_cast<Eigen::Index>(cons.n_treat));
    r.draw_choice.resize(static_cast<Eigen::Index>(D));
    for (std::size_t d = 0; d < D; ++d) {
      const auto c = static_cast<std::size_t>(draw_choice[d]);
      r.draw_choice[static_cast<Eigen::Index>(d)] = draw_choice[d];
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
    for (std::size_t p = 0; p < U; ++p) r.reference_rank[static_cast<Eigen::Index>(ks.items[p].unit)] = static_cast<int>(p + 1);
  }
  const auto Ui = static_cast<Eigen::Index>(U);
  r.score_p05.resize(Ui); r.score_p50.resize(Ui); r.score_p95.resize(Ui);
  r.rank_p05.resize(Ui); r.rank_median.resize(Ui); r.rank_p95.resize(Ui);
  r.rank_best.resize(Ui); r.rank_worst.resize(Ui);
  r.p_top.resize(Ui, static_cast<Eigen::Index>(K));
  std::size_t binned = 0;
  const double levels[3] = {0.05, 0.5, 0.95};
  for (std::size_t u = 0; u < U; ++u) {
    const auto ui = static_cast<Eigen::Index>(u);
    r.rank_best[ui] = best[u];
    r.rank_worst[ui] = worst[u];
    for (std::size_t k = 0; k < K; ++k) r.p_top(ui, static_cast<Eigen::Index>(k)) = static_cast<double>(top_count[u * K + k]) / static_cast<double>(D);
    const auto& rh = rank_h[u];
    if (rh.shift > 0) ++binned;
    const auto& sh = score_h[u];
    const double width = hi[ui] - lo[ui];
    for (int l = 0; l < 3; ++l) {
      const auto rk = static_cast<std::uint64_t>(std::floor(levels[l] * static_cast<double>(D - 1)));
      auto [rb, rpos] = rh.locate(rk);
      (void)rpos;
      // Rank: exact order statistic at shift 0; else the middle of its bin, clamped to [best, worst].
      double rv = rh.shift == 0 ? static_cast<double>(rb)
                                : std::floor(std::ldexp(static_cast<double>(rb) + 0.5, rh.shift));
      rv = std::min(std::max(rv, static_cast<double>(best[u])), static_cast<double>(worst[u]));
      auto [sb, spos] = sh.locate(rk);
      // Score: position within the bin by rank (bin width (hi − lo)·2^(shift − 24)).
      const double sv = width > 0 ? lo[ui] + width * std::ldexp(static_cast<double>(sb) + spos, sh.shift) / grid : lo[ui];
      (l == 0 ? r.rank_p05 : l == 1 ? r.rank_median : r.rank_p95)[ui] = rv;
      (l == 0 ? r.score_p05 : l == 1 ? r.score_p50 : r.score_p95)[ui] = sv;
    }
  }
  if (binned > 0)
    r.warnings.push_back(Notice("rank_uncertainty.binned", {int_param("count", binned), int_param("units", U), int_param("places", rank_cap)}));
  return r;
}

RankUncertaintyResult run(const Eigen::Ref<const Eigen::MatrixXd>& X, std::size_t D, const WeightFill& fill,
                          const Eigen::VectorXd& mean_w, const RankUncertaintyOptions& o, const std::vector<bool>& active) {
  const detail::ScoreMatrices cons = detail::score_matrices(X, o, active);
  // Histogram counts never exceed D: 16-bit counters halve their memory traffic when D < 2^16.
  if (D < 65536) return run_impl<std::uint16_t>(cons, D, fill, mean_w, o);
  return run_impl<std::uint32_t>(cons, D, fill, mean_w, o);
}

void check_common(const Eigen::Ref<const Eigen::MatrixXd>& X, const RankUncertaintyOptions& o, detail::IssueList& is) {
  if (X.rows() < 1 || X.cols() < 1) is.add("X", "needs at least one unit (row) and one indicator (column), got " +
                                                std::to_string(X.rows()) + " x " + std::to_string(X.cols()));
  if (X.rows() > std::numeric_limits<std::int32_t>::max()) is.add("X", "too many units");
  for (Eigen::Index i = 0; i < X.rows(); ++i)
    for (Eigen::Index j = 0; j < X.cols(); ++j)
      if (!std::isfinite(X(i, j))) {
        is.add("X[" + std::to_string(i) + "][" + std::to_string(j) + "]", "must be finite (impute or drop missing values first), got " + num(X(i, j)));
        i = X.rows();
        break;
      }
  detail::check_seed(is, "seed", o.seed);
  detail::check_threads(is, "threads", o.threads);
  for (std::size_t k = 0; k < o.top.size(); ++k)
    if (o.top[k] < 1 || o.top[k] > static_cast<std::size_t>(X.rows()))
      is.add("top[" + std::to_string(k) + "]", "must be in [1, " + std::to_string(X.rows()) + "] (the number of units), got " + std::to_string(o.top[k]));
}

}  // namespace

RankUncertaintyResult rank_uncertainty(const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::VectorXd& weights,
                                       const RankUncertaintyOptions& o) {
  detail::IssueList is;
  check_common(X, o, is);
  detail::check_draw_count(is, "draws", o.draws, max_draws);
  if (weights.size() != X.cols())
    is.add("weights", "needs one weight per indicator (" + std::to_string(X.cols()) + "), got " + std::to_string(weights.size()));
  double total = 0;
  for (Eigen::Index j = 0; j < weights.size(); ++j) {
    if (detail::check_non_negative(is, detail::element("weights", static_cast<std::size_t>(j)), "", weights[j]))
      total += weights[j];
  }
  if (weights.size() > 0 && !(total > 0)) is.add("weights", "must not all be zero");
  if (o.weight_model == WeightModel::dirichlet && !(o.concentration > 0 && std::isfinite(o.concentration)))
    is.add("concentration", "must be > 0, got " + num(o.concentration));
  if (o.weight_model == WeightModel::uniform && !(o.perturbation >= 0 && o.perturbation < 1))
    is.add("perturbation", "must be in [0, 1), got " + num(o.perturbation));
  is.throw_if_any();
  const Eigen::VectorXd w = weights / total;
  const auto I = static_cast<std::size_t>(X.cols());
  const std::uint64_t seed = o.seed;
  WeightFill fill;
  if (o.weight_model == WeightModel::dirichlet) {
    // Dirichlet(c·w) = normalised independent Gamma(c·w_j) variates (e.g. Devroye 1986, XI.4); w_j = 0 stays 0.
    fill = [w, I, seed, c = o.concentration](std::size_t d, double* out) {
      double s = 0;
      for (std::size_t j = 0; j < I; ++j) {
        const double a = c * w[static_cast<Eigen::Index>(j)];
        if (a > 0) {
          detail::PhiloxStream rng(seed, d, j, detail::StreamDomain::rank_dirichlet);
          out[j] = detail::gamma_variate(a, rng);
        } else {
          out[j] = 0;
        }
        s += out[j];
      }
      for (std::size_t j = 0; j < I; ++j) out[j] /= s;
    };
  } else {
    fill = [w, I, seed, p = o.perturbation](std::size_t d, double* out) {
      double s = 0;
      for (std::size_t j = 0; j < I; ++j) {
        detail::PhiloxStream rng(seed, d, j, detail::StreamDomain::rank_uniform);
        out[j] = w[static_cast<Eigen::Index>(j)] * (1 + p * (2 * rng.uniform() - 1));
        s += out[j];
      }
      for (std::size_t j = 0; j < I; ++j) out[j] /= s;
    };
  }
  // Mean of the weight draws, summed in draw order (deterministic).
  Eigen::VectorXd mean_w = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(I)), tmp(static_cast<Eigen::Index>(I));
  for (std::size_t d = 0; d < o.draws; ++d) {
    fill(d, tmp.data());
    mean_w += tmp;
  }
  mean_w /= static_cast<double>(o.draws);
  std::vector<bool> active(I);
  for (std::size_t j = 0; j < I; ++j) active[j] = w[static_cast<Eigen::Index>(j)] > 0;
  auto r = run(X, o.draws, fill, mean_w, o, active);
  if (std::fabs(total - 1) > 1e-12) r.warnings.push_back(Notice("rank_uncertainty.weights_normalised", {real_param("sum", total)}));
  return r;
}

RankUncertaintyResult rank_uncertainty_given(const Eigen::Ref<const Eigen::MatrixXd>& X,
                                             const Eigen::Ref<const Eigen::MatrixXd>& W, const RankUncertaintyOptions& o) {
  detail::IssueList is;
  check_common(X, o, is);
  if (W.rows() != X.cols())
    is.add("W", "needs one row per indicator (" + std::to_string(X.cols()) + "), got " + std::to_string(W.rows()) + " rows");
  if (W.cols() < 1) is.add("W", "needs at least one weight draw (column), got 0");
  for (Eigen::Index d = 0; d < W.cols() && is.empty(); ++d) {
    double s = 0;
    for (Eigen::Index j = 0; j < W.rows(); ++j) {
      if (!detail::check_non_negative(is, "W[" + std::to_string(j) + "][" + std::to_string(d) + "]", "weights", W(j, d))) break;
      s += W(j, d);
    }
    if (is.empty() && std::fabs(s - 1) > 1e-9)
      is.add("W[:, " + std::to_string(d) + "]", "weights of a draw must sum to 1, got " + num(s));
  }
  is.throw_if_any();
  const auto I = static_cast<std::size_t>(W.rows());
  WeightFill fill = [&W, I](std::size_t d, double* out) {
    for (std::size_t j = 0; j < I; ++j) out[j] = W(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(d));
  };
  Eigen::VectorXd mean_w = W.rowwise().mean();
  std::vector<bool> active(I);
  for (std::size_t j = 0; j < I; ++j) active[j] = (W.row(static_cast<Eigen::Index>(j)).array() > 0).any();
  return run(X, static_cast<std::size_t>(W.cols()), fill, mean_w, o, active);
}

}  // namespace impactchain
