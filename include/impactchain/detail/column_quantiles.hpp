// Exact type-7 quantiles of a column of kept draws (every `stride`-th value,
// non-finite values skipped) in about one pass and without copying the column:
// a strided sample brackets each needed order statistic between two of its
// values, one pass counts the values below each bracket and collects the few
// inside, and a selection within those places the order statistics. The
// brackets only narrow the search: the counts decide, and where a bracket
// misses its order statistic (an unrepresentative sample) the column is copied
// and selected whole. The numbers are those of quantiles_type7 bit for bit.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

#include "impactchain/detail/bracket_pass.hpp"
#include "impactchain/detail/stats.hpp"

namespace impactchain::detail {

/// Columns of up to this many finite values are copied and selected whole.
inline constexpr std::size_t column_quantiles_small = std::size_t{1} << 17;

/// The finite values among x[0], x[stride], …, x[(n − 1)·stride], in order.
inline std::vector<double> finite_column(const double* x, std::size_t n, std::size_t stride) {
  std::vector<double> v;
  v.reserve(n);
  for (std::size_t i = 0; i < n; ++i)
    if (std::isfinite(x[i * stride])) v.push_back(x[i * stride]);
  return v;
}

/// Type-7 quantiles at `levels` of m finite values that arrive in pieces (add), found with
/// brackets from a sample of them: the needed order statistics (type7_order_statistics), one
/// bracket of sample ranks around each (`sigmas` binomial SDs, √(s·p(1 − p)), on each side, 8
/// more), brackets that overlap or lie within 1/16 of the sample merged into groups (one pass per
/// group over the values costs more than selecting among a few more). The brackets only narrow
/// the search: quantiles() says when one missed its order statistic (a sample not representative
/// of the values), and the caller then selects among all the values. Pieces and merges in any
/// order give the same result (counts add up; the values inside are only selected among).
class QuantileBrackets;

/// The values of the order statistics `ranks` (0-based, ascending, distinct) of v. Up to
/// column_quantiles_small values by selection (v reordered); above, by brackets from a strided
/// sub-sample of v (QuantileBrackets: one pass counts and collects, a selection among the few
/// collected places them), v unchanged unless a bracket misses and the selection takes v whole.
/// The values do not depend on the way: the same as selection bit for bit.
inline std::vector<double> ranked_values(std::vector<double>& v, const std::vector<std::size_t>& ranks, double sigmas);

class QuantileBrackets {
 public:
  /// Brackets for the type-7 quantiles at `levels` of m values, from `sample` (finite values
  /// in random order, drawn from the m).
  QuantileBrackets(std::vector<double> sample, std::size_t m, const std::vector<double>& levels, double sigmas)
      : QuantileBrackets(std::move(sample), m, type7_order_statistics(m, levels), sigmas) {
    levels_ = levels;
  }

  /// Brackets for the order statistics `need` (0-based ranks, ascending, distinct) of m values.
  QuantileBrackets(std::vector<double> sample, std::size_t m, std::vector<std::size_t> need, double sigmas)
      : m_(m), need_(std::move(need)), sigmas_(sigmas) {
    const auto s = static_cast<double>(sample.size());
    const auto last = static_cast<std::ptrdiff_t>(sample.size()) - 1;
    for (std::size_t k = 0; k < need_.size(); ++k) {
      const double p = m > 1 ? static_cast<double>(need_[k]) / static_cast<double>(m - 1) : 0.0;
      const double at = p * (s - 1), half = sigmas * std::sqrt(s * p * (1 - p)) + 8;
      const auto a = std::max<std::ptrdiff_t>(-1, static_cast<std::ptrdiff_t>(std::floor(at - half)));
      const auto b = std::min<std::ptrdiff_t>(last + 1, static_cast<std::ptrdiff_t>(std::ceil(at + half)));
      if (!groups_.empty() && a <= groups_.back().b + static_cast<std::ptrdiff_t>(sample.size() / 16)) {
        groups_.back().b = std::max(groups_.back().b, b);
      } else {
        Group g;
        g.a = a;
        g.b = b;
        groups_.push_back(std::move(g));
      }
    }
    // The ends' values: those order statistics of the sample only.
    std::vector<std::size_t> ends;
    for (const auto& g : groups_)
      for (std::ptrdiff_t e : {g.a, g.b})
        if (e >= 0 && e <= last) ends.push_back(static_cast<std::size_t>(e));
    std::sort(ends.begin(), ends.end());
    ends.erase(std::unique(ends.begin(), ends.end()), ends.end());
    const std::vector<double> end_values = ranked_values(sample, ends, sigmas);
    auto end_value = [&](std::ptrdiff_t e) {
      return end_values[static_cast<std::size_t>(std::lower_bound(ends.begin(), ends.end(), static_cast<std::size_t>(e)) - ends.begin())];
    };
    // Room for the values inside: the bracket's share of the sample, a quarter more, grown as needed.
    const double per_sample_value = static_cast<double>(m) / std::max(s, 1.0);
    for (auto& g : groups_) {
      if (g.a >= 0) g.lo = end_value(g.a);
      if (g.b <= last) g.hi = end_value(g.b);
      if (g.lo < g.hi) g.inside.reserve(static_cast<std::size_t>(1.25 * per_sample_value * static_cast<double>(g.b - g.a)) + 64);
    }
#if defined(IMPACTCHAIN_BRACKET_AVX2)
    avx2_ = __builtin_cpu_supports("avx2");
#endif
  }

  /// The same brackets without values (for a thread's share of the pieces, merged after).
  QuantileBrackets empty_copy() const {
    QuantileBrackets e = *this;
    for (auto& g : e.groups_) {
      g.counts = BracketCounts{};
      g.inside.clear();
    }
    e.added_ = 0;
    return e;
  }

  /// The number of values added (with the merged shares' values).
  std::size_t added() const { return added_; }

  /// Adds the values c[0, len), all finite, in chunks that stay in the L1 cache: per group, the
  /// values below its lower end and at its ends counted and those inside appended.
  void add(const double* c, std::size_t len) {
    constexpr std::size_t chunk = 512;
    added_ += len;
    for (std::size_t i0 = 0; i0 < len; i0 += chunk) {
      const std::size_t n = std::min(chunk, len - i0);
      for (auto& g : groups_) {
        if (!(g.lo < g.hi)) {
          point_chunk(c + i0, n, g.lo, g.counts);
          continue;
        }
        double* in = g.inside.room(n);
#if defined(IMPACTCHAIN_BRACKET_AVX2)
        const std::size_t kept = avx2_ ? bracket_chunk_avx2(c + i0, n, g.lo, g.hi, g.counts, in)
                                       : bracket_chunk(c + i0, n, g.lo, g.hi, g.counts, in);
#else
        const std::size_t kept = bracket_chunk(c + i0, n, g.lo, g.hi, g.counts, in);
#endif
        g.inside.commit(kept);
      }
    }
  }

  /// Adds the counts and values of `o`, an empty_copy of the same brackets that values were added to.
  void merge(const QuantileBrackets& o) {
    added_ += o.added_;
    for (std::size_t i = 0; i < groups_.size(); ++i) {
      Group& g = groups_[i];
      const Group& h = o.groups_[i];
      g.counts.below += h.counts.below;
      g.counts.at_lo += h.counts.at_lo;
      g.counts.at_hi += h.counts.at_hi;
      std::copy(h.inside.data(), h.inside.data() + h.inside.size(), g.inside.room(h.inside.size()));
      g.inside.commit(h.inside.size());
    }
  }

  /// The values of the order statistics (need, or those the levels' quantiles need), or nothing
  /// when the values added are not m or a bracket missed its order statistic.
  std::optional<std::vector<double>> order_statistics() {
    if (added_ != m_) return std::nullopt;
    return covered(need_);
  }

  /// The quantiles at the levels (brackets made for levels), or nothing as order_statistics says.
  std::optional<std::vector<double>> quantiles() {
    if (added_ != m_) return std::nullopt;
    return quantiles_of_added();
  }

  /// The quantiles at the levels of the values added, however many (brackets made for levels
  /// of about m values: a run whose non-finite draws are left out), or nothing when no value was
  /// added or a bracket does not hold an order statistic those need.
  std::optional<std::vector<double>> quantiles_of_added() {
    if (added_ == 0) return std::nullopt;
    const std::vector<std::size_t> need = type7_order_statistics(added_, levels_);
    std::optional<std::vector<double>> value = covered(need);
    if (!value) return std::nullopt;
    return type7_from_order_statistics(added_, levels_, [&](std::size_t r) {
      return (*value)[static_cast<std::size_t>(std::lower_bound(need.begin(), need.end(), r) - need.begin())];
    });
  }

 private:
  /// The values of the order statistics `need` (0-based ranks of the values added, ascending),
  /// each from the group whose values hold its rank, or nothing when one lies in no group. Sorted,
  /// a group's values are: `below` values < lo, at_lo equal to lo, the inside, at_hi equal to hi;
  /// a selection among the inside places the order statistics (bracketed again where it is long).
  std::optional<std::vector<double>> covered(const std::vector<std::size_t>& need) {
    std::vector<double> value(need.size());
    std::vector<char> found(need.size(), 0);
    for (auto& g : groups_) {
      const BracketCounts& n = g.counts;
      const std::size_t first = n.below + n.at_lo, after = first + g.inside.size(), end = after + n.at_hi;
      std::vector<std::size_t> local, where;
      for (std::size_t k = 0; k < need.size(); ++k) {
        if (found[k] || need[k] < n.below || need[k] >= end) continue;
        found[k] = 1;
        if (need[k] < first) value[k] = g.lo;
        else if (need[k] >= after) value[k] = g.hi;
        else {
          local.push_back(need[k] - first);
          where.push_back(k);
        }
      }
      if (local.empty()) continue;
      std::vector<double> inside = g.inside.take();
      const std::vector<double> placed = ranked_values(inside, local, sigmas_);
      for (std::size_t j = 0; j < local.size(); ++j) value[where[j]] = placed[j];
    }
    if (std::find(found.begin(), found.end(), 0) != found.end()) return std::nullopt;
    return value;
  }

  static constexpr double inf = std::numeric_limits<double>::infinity();
  /// Values appended in chunks without zeroing the room first (a chunk's pass writes every
  /// value after the last one kept, and keeps some).
  class Inside {
   public:
    Inside() = default;
    Inside(const Inside& o) : Inside() { reserve(o.cap_); }  // the room, not the values
    Inside& operator=(const Inside& o) {
      if (this != &o) *this = Inside(o);
      return *this;
    }
    Inside(Inside&&) noexcept = default;
    Inside& operator=(Inside&&) noexcept = default;
    void reserve(std::size_t cap) {
      if (cap <= cap_) return;
      std::unique_ptr<double[]> v(new double[cap]);
      std::copy(v_.get(), v_.get() + n_, v.get());
      v_ = std::move(v);
      cap_ = cap;
    }
    /// Room for `more` values after the last one kept.
    double* room(std::size_t more) {
      if (n_ + more > cap_) reserve(std::max(2 * cap_, n_ + more));
      return v_.get() + n_;
    }
    void commit(std::size_t kept) { n_ += kept; }
    void clear() { n_ = 0; }
    std::size_t size() const { return n_; }
    const double* data() const { return v_.get(); }
    std::vector<double> take() const { return std::vector<double>(v_.get(), v_.get() + n_); }

   private:
    std::unique_ptr<double[]> v_;
    std::size_t n_ = 0, cap_ = 0;
  };
  struct Group {
    std::ptrdiff_t a = -1, b = 0;       // sample ranks of the ends (−1, s: unbounded)
    double lo = -inf, hi = inf;         // the ends' values
    BracketCounts counts;               // values below lo, equal to lo, equal to hi
    Inside inside;                      // the values in (lo, hi)
  };
  std::vector<double> levels_;  // empty for brackets made for order statistics
  std::size_t m_;
  std::vector<std::size_t> need_;
  double sigmas_;
  std::vector<Group> groups_;
  std::size_t added_ = 0;
  bool avx2_ = false;
};

inline std::vector<double> ranked_values(std::vector<double>& v, const std::vector<std::size_t>& ranks, double sigmas) {
  std::vector<double> out(ranks.size());
  if (v.size() > column_quantiles_small / 8) {
    // Every step-th value: about 4,096, in random order as the values are.
    const std::size_t step = v.size() / 4096;
    std::vector<double> sub;
    sub.reserve(v.size() / step + 1);
    for (std::size_t i = 0; i < v.size(); i += step) sub.push_back(v[i]);
    QuantileBrackets br(std::move(sub), v.size(), ranks, sigmas);
    br.add(v.data(), v.size());
    if (std::optional<std::vector<double>> got = br.order_statistics()) return std::move(*got);
  }
  select_order_statistics(v, 0, v.size(), ranks, 0, ranks.size());
  for (std::size_t i = 0; i < ranks.size(); ++i) out[i] = v[ranks[i]];
  return out;
}

/// Type-7 quantiles at `levels` (each in [0, 1]) of the finite values among x[0], x[stride],
/// …, x[(n − 1)·stride]; NaN for no finite values. x is not changed. Equal to
/// quantiles_type7(finite_column(x, n, stride), levels) bit for bit. `finite`: the number of
/// finite values when the caller knows it (a run's moments count them; it must be right), else
/// counted here.
inline std::vector<double> quantiles_type7_column(const double* x, std::size_t n, std::size_t stride,
                                                  const std::vector<double>& levels,
                                                  std::size_t finite = static_cast<std::size_t>(-1)) {
  std::size_t m = finite;
  if (m == static_cast<std::size_t>(-1)) {
    m = 0;
    for (std::size_t i = 0; i < n; ++i) m += std::isfinite(x[i * stride]) ? 1 : 0;
  }
  auto whole = [&] {
    std::vector<double> v = finite_column(x, n, stride);
    return quantiles_type7(v, levels);
  };
  // Non-finite values (rare: a run warns of them) take the copy, so the pass compares finite values only.
  if (m <= column_quantiles_small || m != n) return whole();

  // A sample of runs of 64 neighbouring values (eight cache lines, which the processor fetches
  // ahead) spread evenly over the column: the rank of an order statistic among it is about
  // r·s/m, within a few binomial SDs when the draws are in random order, as a run's draws are.
  constexpr std::size_t target = std::size_t{1} << 15, run = 64;
  const std::size_t step = std::max<std::size_t>(run, n / target * run);
  std::vector<double> sample;
  sample.reserve(n / step * run + run);
  for (std::size_t i = 0; i < n; i += step)
    for (std::size_t j = i; j < std::min(n, i + run); ++j) sample.push_back(x[j * stride]);
  QuantileBrackets br(std::move(sample), m, levels, 3.5);
  constexpr std::size_t chunk = 512;
  std::vector<double> buf(stride == 1 ? 0 : chunk);
  for (std::size_t i0 = 0; i0 < n; i0 += chunk) {
    const std::size_t len = std::min(chunk, n - i0);
    const double* c = x + i0 * stride;
    if (stride != 1) {  // a column of a row-major matrix: gathered once per chunk
      for (std::size_t i = 0; i < len; ++i) buf[i] = c[i * stride];
      c = buf.data();
    }
    br.add(c, len);
  }
  std::optional<std::vector<double>> q = br.quantiles();
  return q ? std::move(*q) : whole();
}

}  // namespace impactchain::detail
