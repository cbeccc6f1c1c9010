// The pieces psa_parts.hpp's parts and folds share: a part's place in its run, its blocks, the
// check that parts cover a run in order, the error a bad draw gives, the sorted grid.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "impactchain/psa_draws.hpp"

namespace impactchain {
namespace detail {

template <class Part>
Part part_of(const PsaDraws& d, std::size_t first_block, const PsaOptions& o) {
  Part p;
  p.first_block = first_block;
  p.block_size = std::max<std::size_t>(o.block_size, 1);
  p.draws = d.draws;
  p.blocks = (d.draws + p.block_size - 1) / p.block_size;
  p.strategies = d.strategies;
  return p;
}

/// Runs f(lo, hi, block, worker) over the part's blocks: draws [lo, hi) of the part's view.
template <class F>
void for_part_blocks(const PsaPartRange& p, const PsaOptions& o, F&& f) {
  for_blocks(p.blocks, o, [&](std::size_t b, unsigned t) {
    const std::size_t lo = b * p.block_size;
    f(lo, std::min(p.draws, lo + p.block_size), b, t);
  });
}

/// The first bad value of draw i of a part's view: the first strategy, its cost before its effect.
inline PsaBadDraw first_bad_value(const PsaDraws& d, std::size_t i, std::size_t first_draw) {
  for (std::size_t j = 0; j < d.strategies; ++j) {
    if (!std::isfinite(d.c(i, j))) return {first_draw + i, j, PsaBadDraw::Field::cost, d.c(i, j)};
    if (!std::isfinite(d.e(i, j))) return {first_draw + i, j, PsaBadDraw::Field::effect, d.e(i, j)};
  }
  return {first_draw + i, 0, PsaBadDraw::Field::cost, 0.0};  // not reached: draw i holds a non-finite value
}

/// The error a bad draw gives, naming the cell, the strategy and the draw.
inline ValidationError bad_draw_error(const PsaBadDraw& b, const std::vector<std::string>& names) {
  const std::string where = "strategy " + strategy_label(names, b.strategy) + " in draw " + std::to_string(b.draw);
  if (b.field == PsaBadDraw::Field::net_benefit)
    return ValidationError("rank_probabilities", "non-finite net benefit for " + where + " (draws must be finite)");
  const std::string cell = std::string(b.field == PsaBadDraw::Field::cost ? "psa.costs[" : "psa.effects[") +
                           std::to_string(b.draw) + ", " + std::to_string(b.strategy) + "]";
  return ValidationError(cell, "draws must be finite, got " + num(b.value) + " for " + where);
}

/// Parts cover the run's blocks in order from block 0, or adjacent blocks (empty parts anywhere, a
/// part ending inside a block only at the end), with one block size and strategy count: their draws.
template <class Part>
std::size_t check_cover(const std::vector<Part>& parts, const std::string& who, bool from_block_0 = true) {
  if (parts.empty()) throw std::invalid_argument(who + ": no parts given");
  std::size_t next = 0, draws = 0;
  if (!from_block_0)  // adjacent parts from anywhere in the run: from the first one's block
    for (const auto& p : parts)
      if (p.draws > 0) {
        next = p.first_block;
        break;
      }
  bool ended = false;  // a part ended inside a block: nothing may follow
  for (std::size_t k = 0; k < parts.size(); ++k) {
    const PsaPartRange& p = parts[k];
    if (p.block_size != parts[0].block_size || p.strategies != parts[0].strategies)
      throw std::invalid_argument(who + ": part " + std::to_string(k) + " has block size " + std::to_string(p.block_size) +
                                  " and " + std::to_string(p.strategies) + " strategies, part 0 " +
                                  std::to_string(parts[0].block_size) + " and " + std::to_string(parts[0].strategies));
    if (p.draws == 0) continue;
    if (p.first_block != next || ended)
      throw std::invalid_argument(who + ": part " + std::to_string(k) + " starts at block " + std::to_string(p.first_block) +
                                  ", expected " + std::to_string(next) + " (parts must cover the blocks in order)");
    next += p.blocks;
    draws += p.draws;
    ended = p.draws != p.blocks * p.block_size;
  }
  return draws;
}

template <class Part>
void check_grid(const std::vector<Part>& parts, const std::vector<double>& wtp, const std::string& who) {
  for (std::size_t k = 0; k < parts.size(); ++k)
    if (parts[k].draws > 0 && parts[k].wtp != wtp)
      throw std::invalid_argument(who + ": part " + std::to_string(k) + " was computed on another wtp grid");
}

struct SortedGrid {
  std::vector<std::size_t> perm;  ///< caller's index of each sorted value
  std::vector<double> g;          ///< the grid ascending (stable)
};

inline SortedGrid sorted_grid(const std::vector<double>& wtp) {
  SortedGrid s;
  s.perm.resize(wtp.size());
  std::iota(s.perm.begin(), s.perm.end(), std::size_t{0});
  std::stable_sort(s.perm.begin(), s.perm.end(), [&](std::size_t a, std::size_t b) { return wtp[a] < wtp[b]; });
  for (std::size_t i : s.perm) s.g.push_back(wtp[i]);
  return s;
}

/// Integer counts of a part: each thread's, added (exact in any order).
inline std::vector<std::int64_t> add_counts(const std::vector<std::vector<std::int64_t>>& per_thread, std::size_t size) {
  std::vector<std::int64_t> out(size, 0);
  for (const auto& c : per_thread)
    for (std::size_t x = 0; x < size; ++x) out[x] += c[x];
  return out;
}

}  // namespace detail
}  // namespace impactchain
