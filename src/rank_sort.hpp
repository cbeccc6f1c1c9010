// Private to src/: the sorting and histogram machinery of the composite rank
// uncertainty (rank_uncertainty.cpp): exact stable ranking of scores by their
// order-preserving bit patterns, and integer-count histograms that merge
// exactly whatever the thread count.
#pragma once

#include <Eigen/Dense>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace impactchain::detail {

/// Histogram over non-negative integer keys with bins [b·2^s, (b+1)·2^s) aligned
/// at 0; the shift s grows (pairs of bins merge) when the span exceeds `cap`.
/// Its state is the bins from the smallest to the largest key at the smallest
/// shift whose span fits, whatever the order and grouping of the additions, so
/// it does not depend on the thread count. Count: uint16 when draws < 65536.
template <class Count>
struct AlignedHistogram {
  std::int64_t lo = 0;  // first bin index
  int shift = 0;
  std::vector<Count> c;

  void coarsen(int to) {
    while (shift < to) {
      const std::int64_t nlo = lo >> 1, nhi = (lo + static_cast<std::int64_t>(c.size()) - 1) >> 1;
      std::vector<Count> n(static_cast<std::size_t>(nhi - nlo + 1), 0);
      for (std::size_t i = 0; i < c.size(); ++i) n[static_cast<std::size_t>(((lo + static_cast<std::int64_t>(i)) >> 1) - nlo)] += c[i];
      c.swap(n);
      lo = nlo;
      ++shift;
    }
  }
  void fit(std::int64_t nlo, std::int64_t nhi) {  // widen the bin range to [nlo, nhi] ⊇ the current one
    const std::int64_t hi = lo + static_cast<std::int64_t>(c.size()) - 1;
    if (nlo == lo && nhi == hi) return;
    std::vector<Count> n(static_cast<std::size_t>(nhi - nlo + 1), 0);
    std::copy(c.begin(), c.end(), n.begin() + (lo - nlo));
    c.swap(n);
    lo = nlo;
  }
  /// Adds the n ≥ 1 keys k[0 … n) (one count each), whose smallest is kmin and largest kmax.
  template <class Key>
  void add_batch(const Key* k, std::size_t n, std::size_t cap, std::int64_t kmin, std::int64_t kmax) {
    for (;;) {
      const std::int64_t bmin = kmin >> shift, bmax = kmax >> shift;
      if (c.empty()) {
        if (static_cast<std::size_t>(bmax - bmin + 1) <= cap) {
          lo = bmin;
          c.assign(static_cast<std::size_t>(bmax - bmin + 1), 0);
          break;
        }
        ++shift;
        continue;
      }
      const std::int64_t hi = lo + static_cast<std::int64_t>(c.size()) - 1;
      const std::int64_t nlo = std::min(lo, bmin), nhi = std::max(hi, bmax);
      if (static_cast<std::size_t>(nhi - nlo + 1) <= cap) {
        fit(nlo, nhi);
        break;
      }
      coarsen(shift + 1);
    }
    Count* cc = c.data();
    for (std::size_t i = 0; i < n; ++i) ++cc[static_cast<std::size_t>((static_cast<std::int64_t>(k[i]) >> shift) - lo)];
  }
  /// Adds the counts of `o` (another histogram of the same cap): the state adding o's keys one
  /// by one would give, since both states depend only on the keys added.
  template <class Other>
  void merge(const AlignedHistogram<Other>& o, std::size_t cap) {
    if (o.c.empty()) return;
    AlignedHistogram<Count> b;
    b.lo = o.lo;
    b.shift = o.shift;
    b.c.assign(o.c.begin(), o.c.end());
    if (c.empty()) {
      *this = std::move(b);
      return;
    }
    for (int s = std::max(shift, b.shift);; ++s) {
      coarsen(s);
      b.coarsen(s);
      const std::int64_t nlo = std::min(lo, b.lo);
      const std::int64_t nhi = std::max(lo + static_cast<std::int64_t>(c.size()), b.lo + static_cast<std::int64_t>(b.c.size())) - 1;
      if (static_cast<std::size_t>(nhi - nlo + 1) <= cap) {
        fit(nlo, nhi);
        for (std::size_t i = 0; i < b.c.size(); ++i) c[static_cast<std::size_t>(b.lo - lo) + i] += b.c[i];
        return;
      }
    }
  }
  /// For each 0-based rank r[j] (ascending), the bin holding that order statistic and the
  /// position within it; one walk over the bins.
  template <std::size_t N>
  std::array<std::pair<std::int64_t, double>, N> locate(const std::array<std::uint64_t, N>& r) const {
    std::array<std::pair<std::int64_t, double>, N> at{};
    std::uint64_t cum = 0;
    std::size_t i = 0;
    for (std::size_t j = 0; j < N; ++j) {
      while (i < c.size() && cum + c[i] <= r[j]) cum += c[i++];
      at[j] = i < c.size() ? std::pair{lo + static_cast<std::int64_t>(i), (static_cast<double>(r[j] - cum) + 0.5) / c[i]}
                           : std::pair{lo + static_cast<std::int64_t>(c.size()) - 1, 1.0};
    }
    return at;
  }
};

/// Units ordered by descending score, stable (equal scores keep index order,
/// as numpy's argsort(-score, kind="stable")). Each unit is one 64-bit item: the
/// order-preserving key less the smallest, cut to the bits left beside the unit's
/// index, above the index. A counting sort into buckets that are narrow where the
/// keys are crowded (the key range in 256 segments, each with about two buckets per
/// unit in it), then one insertion pass (items only move within their bucket),
/// orders the items by (cut key, index); a last pass puts each run of equal cut
/// keys (rare but for equal scores) in the order of the full keys, stable, when the
/// insertion pass saw two items with equal cut keys meet. Exact: the full 64-bit keys
/// decide, and 8-byte items halve the scatter's traffic.
struct KeySorter {
  std::vector<std::uint64_t> item;  // after sort(): the units in rank order, unit(pos) = item[pos] & unit_mask
  std::vector<std::uint64_t> key;   // the order-preserving key of each unit
  std::vector<std::uint32_t> count, bucket;    // per bucket; each unit's bucket
  std::vector<std::uint32_t> seg, seg_base;    // per segment of the key range: sampled units, first bucket
  std::vector<std::uint8_t> seg_shift;         // per segment: key bits below its buckets
  std::uint64_t unit_mask = 0;
  std::uint64_t bucket_limit = 0xFFFFFFFFULL;  // most buckets (32-bit bucket numbers; tests lower it)

  std::size_t unit(std::size_t pos) const { return static_cast<std::size_t>(item[pos] & unit_mask); }

  void sort(const double* score, std::size_t n);  // rank_sort.cpp
};

struct SortScratch {
  Eigen::MatrixXd Wb, S;
  KeySorter sorter;
};

}  // namespace impactchain::detail
