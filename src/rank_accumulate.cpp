// The running summaries of a composite rank uncertainty run (rank_accumulate.hpp): per round,
// blocks of draws in parallel (scores by the tiled kernel, ranks by sorting, score-grid keys),
// then units in parallel (extremes, top-k counts, both histograms), so that every statistic is
// an integer count or an extreme and no result depends on the round length or the thread count.
#include "rank_accumulate.hpp"

#include <algorithm>
#include <limits>

#include "impactchain/detail/parallel.hpp"
#include "impactchain/montecarlo.hpp"
#include "huge_buffer.hpp"
#include "rank_scores.hpp"
#include "simd_clones.hpp"

namespace impactchain::detail::ranks {

namespace {

/// The smallest and largest of k[0 … n), n ≥ 1 (vectorised: SSE2 has no unsigned 32-bit minimum).
IMPACTCHAIN_SIMD_CLONES
void key_extremes(const std::uint32_t* k, std::size_t n, std::uint32_t& lo, std::uint32_t& hi) {
  std::uint32_t a = k[0], b = k[0];
  for (std::size_t i = 1; i < n; ++i) {
    a = std::min(a, k[i]);
    b = std::max(b, k[i]);
  }
  lo = a;
  hi = b;
}

/// How many of k[0 … n) are ≤ top.
IMPACTCHAIN_SIMD_CLONES
std::uint64_t count_at_most(const std::uint32_t* k, std::size_t n, std::uint32_t top) {
  std::uint32_t c = 0;  // n: a round, at most 1,024 draws
  for (std::size_t i = 0; i < n; ++i) c += k[i] <= top;
  return c;
}

/// out[u]: the score-grid key of score s[u], (s[u] − lo[u])·inv_width[u] clamped to [0, top] and
/// truncated (top < 2^31: through a signed conversion, which every vector width has).
IMPACTCHAIN_SIMD_CLONES
void grid_keys(const double* s, const double* lo, const double* inv_width, std::size_t n, double top,
               std::uint32_t* out) {
  for (std::size_t u = 0; u < n; ++u) {
    const double g = std::min(std::max((s[u] - lo[u]) * inv_width[u], 0.0), top);
    out[u] = static_cast<std::uint32_t>(static_cast<std::int32_t>(g));
  }
}

}  // namespace

template <class Count>
Accumulator<Count> accumulate(const Setup& st, const RankUncertaintyOptions& o, std::size_t first, std::size_t n) {
  const detail::ScoreMatrices& cons = st.cons;
  const Eigen::MatrixXd& X = cons.normalised[0];
  const auto U = static_cast<std::size_t>(X.rows()), I = static_cast<std::size_t>(X.cols()), K = o.top.size();
  const std::size_t C = cons.M.size();
  const unsigned threads = resolve_threads(o.threads);
  const ScoreGrid sg(cons);
  const double grid = sg.grid;
  const std::size_t end = first + n;

  Accumulator<Count> a;
  a.first = first;
  a.draws = n;
  a.rank_h.resize(U);
  a.score_h.resize(U);
  a.best.assign(U, std::numeric_limits<std::int32_t>::max());
  a.worst.assign(U, 0);
  a.top_count.assign(U * K, 0);
  if (cons.active) a.draw_choice.resize(n);

  // Round length: as many 64-draw blocks as fit 64 MiB of ranks + score keys (8 bytes per unit and draw), 1 to 16.
  const std::size_t round_cap =
      std::min<std::size_t>(16, std::max<std::size_t>(1, (std::size_t{64} << 20) / (8 * draw_block * U)));
  const std::size_t round_draws = std::min(round_cap * draw_block, std::max<std::size_t>(n, 1));
  // Rows of ranks and keys padded to whole cache lines, so that a chunk of unit_chunk units is one
  // line of every row (unpadded, every other row's chunk would straddle two lines).
  const std::size_t row = (U + unit_chunk - 1) / unit_chunk * unit_chunk;
  HugeBuffer<std::uint32_t> R(row * round_draws), G(row * round_draws);  // [draw in round][unit]
  std::vector<double> block_sum(cons.active ? U * round_cap : 0), seg_sum(cons.active ? U : 0);
  std::vector<SortScratch> ss(threads);
  // Each thread's unit-major copy of a chunk's ranks and keys: one row per unit, rows a cache line
  // longer than a round, so that the 2·16 rows written at each draw are not a multiple of 4 KiB
  // apart (1,024 draws would put them all in one set of the L1 cache).
  const std::size_t tr_row = round_draws + 16;
  std::vector<std::vector<std::uint32_t>> tr(threads, std::vector<std::uint32_t>(2 * unit_chunk * tr_row));
  Eigen::VectorXd wsum(static_cast<Eigen::Index>(I)), tmp(static_cast<Eigen::Index>(I));

  detail::CancelPoll poll(&o.cancelled);  // one clock for all rounds
  for (std::size_t s0 = first; s0 < end; s0 += rank_segment_draws) {
    const std::size_t s1 = std::min(end, s0 + rank_segment_draws);
    const std::size_t nblocks = (s1 - s0 + draw_block - 1) / draw_block;
    std::fill(seg_sum.begin(), seg_sum.end(), 0.0);
    for (std::size_t b0 = 0; b0 < nblocks; b0 += round_cap) {
      const std::size_t nbk = std::min(round_cap, nblocks - b0);
      const std::size_t r0 = s0 + b0 * draw_block;  // the round's first draw
      const std::size_t nd = std::min(s1, r0 + nbk * draw_block) - r0;
      parallel_items(nbk, threads, [&](unsigned t, std::size_t ib) {
        SortScratch& w = ss[t];
        const std::size_t d0 = r0 + ib * draw_block, nb = std::min(draw_block, s1 - d0);
        w.Wb.resize(static_cast<Eigen::Index>(I), static_cast<Eigen::Index>(nb));
        for (std::size_t j = 0; j < nb; ++j) st.fill(d0 + j, w.Wb.col(static_cast<Eigen::Index>(j)).data());
        if (C == 1) {
          composite_scores(cons.M[0], w.Wb, w.S);  // U × nb scores
          if (cons.geometric[0]) w.S = w.S.array().exp().matrix();
        } else {
          // Draws of the block grouped by combination: one GEMM per combination present.
          w.S.resize(static_cast<Eigen::Index>(U), static_cast<Eigen::Index>(nb));
          std::vector<std::size_t> cj(nb);
          for (std::size_t j = 0; j < nb; ++j)
            a.draw_choice[d0 - first + j] = static_cast<std::int32_t>(cj[j] = cons.choose(d0 + j));
          for (std::size_t c = 0; c < C; ++c) {
            std::vector<Eigen::Index> cols;
            for (std::size_t j = 0; j < nb; ++j)
              if (cj[j] == c) cols.push_back(static_cast<Eigen::Index>(j));
            if (cols.empty()) continue;
            Eigen::MatrixXd Wc(static_cast<Eigen::Index>(I), static_cast<Eigen::Index>(cols.size()));
            for (std::size_t i = 0; i < cols.size(); ++i) Wc.col(static_cast<Eigen::Index>(i)) = w.Wb.col(cols[i]);
            Eigen::MatrixXd Sc;
            composite_scores(cons.M[c], Wc, Sc);
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
          const std::size_t at = (ib * draw_block + j) * row;
          std::uint32_t* rj = R.data() + at;
          const std::uint64_t* items = w.sorter.item.data();
          const std::uint64_t mask = w.sorter.unit_mask;
          for (std::size_t pos = 0; pos < U; ++pos) rj[items[pos] & mask] = static_cast<std::uint32_t>(pos + 1);
          grid_keys(sc, sg.lo.data(), sg.inv_width.data(), U, grid - 1, G.data() + at);
        }
      }, poll);
      const std::size_t nchunks = (U + unit_chunk - 1) / unit_chunk;
      parallel_items(nchunks, threads, [&](unsigned t, std::size_t ic) {
        const std::size_t u0 = ic * unit_chunk, nu = std::min(unit_chunk, U - u0);
        if (cons.active)  // score sums in block order
          for (std::size_t v = 0; v < nu; ++v)
            for (std::size_t ib = 0; ib < nbk; ++ib) seg_sum[u0 + v] += block_sum[ib * U + u0 + v];
        std::uint32_t* tr_r = tr[t].data();
        std::uint32_t* tr_g = tr_r + unit_chunk * tr_row;
        // Transpose the chunk's ranks and keys (one cache line per draw) to unit-major.
        constexpr std::size_t ahead = 16;  // rows are row·4 bytes apart: prefetch explicitly
        for (std::size_t j = 0; j < std::min(ahead, nd); ++j) {
          __builtin_prefetch(R.data() + j * row + u0);
          __builtin_prefetch(G.data() + j * row + u0);
        }
        for (std::size_t j = 0; j < nd; ++j) {
          if (j + ahead < nd) {
            __builtin_prefetch(R.data() + (j + ahead) * row + u0);
            __builtin_prefetch(G.data() + (j + ahead) * row + u0);
          }
          const std::uint32_t* rj = R.data() + j * row + u0;
          const std::uint32_t* gj = G.data() + j * row + u0;
          for (std::size_t v = 0; v < nu; ++v) {
            tr_r[v * tr_row + j] = rj[v];
            tr_g[v * tr_row + j] = gj[v];
          }
        }
        auto prefetch = [&](std::size_t u) {  // stream a unit's histograms in before they are needed
          for (const auto* h : {&a.rank_h[u].c, &a.score_h[u].c}) {
            const char* p = reinterpret_cast<const char*>(h->data());
            for (std::size_t off = 0; off < h->size() * sizeof(Count); off += 64) __builtin_prefetch(p + off, 1, 3);
          }
        };
        prefetch(u0);
        for (std::size_t v = 0; v < nu; ++v) {
          const std::size_t u = u0 + v;
          if (v + 1 < nu) prefetch(u + 1);
          const std::uint32_t* ru = tr_r + v * tr_row;
          const std::uint32_t* gu = tr_g + v * tr_row;
          std::uint32_t rmin, rmax, gmin, gmax;  // the round's
          key_extremes(ru, nd, rmin, rmax);
          key_extremes(gu, nd, gmin, gmax);
          a.best[u] = std::min(a.best[u], static_cast<std::int32_t>(rmin));
          a.worst[u] = std::max(a.worst[u], static_cast<std::int32_t>(rmax));
          for (std::size_t k = 0; k < K; ++k)
            a.top_count[u * K + k] += count_at_most(ru, nd, static_cast<std::uint32_t>(o.top[k]));
          a.rank_h[u].add_batch(ru, nd, rank_cap, rmin, rmax);
          a.score_h[u].add_batch(gu, nd, score_cap, gmin, gmax);
        }
      }, poll);
    }
    a.score_sums.insert(a.score_sums.end(), seg_sum.begin(), seg_sum.end());
    if (st.generated) {  // the segment's weight draws, summed in draw order
      wsum.setZero();
      for (std::size_t d = s0; d < s1; ++d) {
        st.fill(d, tmp.data());
        wsum += tmp;
      }
      a.weight_sums.insert(a.weight_sums.end(), wsum.data(), wsum.data() + I);
    }
  }
  return a;
}

template Accumulator<std::uint16_t> accumulate<std::uint16_t>(const Setup&, const RankUncertaintyOptions&, std::size_t,
                                                              std::size_t);
template Accumulator<std::uint32_t> accumulate<std::uint32_t>(const Setup&, const RankUncertaintyOptions&, std::size_t,
                                                              std::size_t);

}  // namespace impactchain::detail::ranks
