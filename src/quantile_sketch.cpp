// detail::QuantileSketch: the mergeable DDSketch-style quantile sketch the
// Monte Carlo engine keeps per output when the draws are not kept.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <vector>

#include "sampler.hpp"
#include "simd_clones.hpp"

namespace impactchain::detail {

QuantileSketch::QuantileSketch(double alpha) {
  gamma_ = (1 + alpha) / (1 - alpha);
  log_gamma_ = std::log(gamma_);
  inv_log_gamma_ = 1.0 / log_gamma_;
}

void QuantileSketch::Store::cover(int lo, int hi) {
  if (counts.empty()) {
    offset = lo - 64;
    counts.assign(static_cast<std::size_t>(hi - lo) + 129, 0);
  }
  if (lo < offset) {
    const int grow = (offset - lo) + 64 + static_cast<int>(counts.size() / 2);
    counts.insert(counts.begin(), static_cast<std::size_t>(grow), 0);
    offset -= grow;
  }
  if (hi >= offset + static_cast<int>(counts.size()))
    counts.resize(static_cast<std::size_t>(hi - offset) + 64 + counts.size() / 2, 0);
}

void QuantileSketch::Store::add(int k, std::uint64_t c) {
  cover(k, k);
  counts[static_cast<std::size_t>(k - offset)] += c;
}

namespace {

/// Where each value of a block goes (classify writes the numbers).
enum Where : int { positive = 0, negative = 1, zero = 2, skipped = 3 };

/// Each value's place and, where it is counted, its key ⌈log(|x|)·c⌉ estimated with log_lanes;
/// check[i] = 1 where the estimate lies within `margin` of an integer (the key is then the
/// library's, QuantileSketch::key). In vector lanes: a lane whose value is not counted computes
/// and discards its key.
IMPACTCHAIN_SIMD_CLONES
void classify(const double* __restrict x, std::size_t n, double c, double tiny, double margin, int* __restrict keys,
              int* __restrict where, int* __restrict check) {
  constexpr double largest = std::numeric_limits<double>::max();
  for (std::size_t i = 0; i < n; ++i) {
    const double v = x[i], a = std::fabs(v);
    const double t = log_lanes(std::max(a, tiny)) * c, up = std::ceil(t), frac = up - t;
    // Bitwise, not short-circuit, so that the loop has no branch: positive 0, negative 1, zero 2, skipped 3.
    const int finite = a <= largest, counted = finite & (a >= tiny), sign = !(v > 0);
    const int near = !((frac > margin) & (frac < 1 - margin));
    keys[i] = static_cast<int>(counted & !near ? up : 0.0);
    where[i] = counted ? sign : 3 - finite;
    check[i] = counted & near;
  }
}

/// Whether x[0, n) are one value, bit for bit (−0 and 0 differ; so do NaNs of other bits).
IMPACTCHAIN_SIMD_CLONES
bool all_same(const double* x, std::size_t n) {
  std::uint64_t first, differ = 0;
  std::memcpy(&first, x, sizeof first);
  for (std::size_t i = 1; i < n; ++i) {
    std::uint64_t b;
    std::memcpy(&b, x + i, sizeof b);
    differ |= b ^ first;
  }
  return differ == 0;
}

}  // namespace

void QuantileSketch::add_block(const double* x, std::size_t n) {
  // A key is ⌈log(a)·c⌉ with the library's log. log_lanes is within a few units in the last
  // place of it, so its product with c is within about 1e−9 of the library's (|log(a)·c| is
  // below 10^6): where that lies more than 1e−6 from an integer both have the same ceiling, and
  // the few that lie closer are keyed by key() itself. The counts are those add() gives.
  constexpr std::size_t chunk = 256;
  constexpr double margin = 1e-6;
  int keys[chunk], where[chunk], check[chunk];  // of the width of the keys: no packing in the lanes
  Store* stores[2] = {&pos_, &neg_};
  for (std::size_t i0 = 0; i0 < n; i0 += chunk) {
    const std::size_t m = std::min(chunk, n - i0);
    const double* xs = x + i0;
    if (all_same(xs, m)) {  // one value m times (a party that never pays, a fixed amount): one key
      add_same(xs[0], m);
      continue;
    }
    classify(xs, m, inv_log_gamma_, zero_below, margin, keys, where, check);
    int lo[2] = {std::numeric_limits<int>::max(), std::numeric_limits<int>::max()};
    int hi[2] = {std::numeric_limits<int>::min(), std::numeric_limits<int>::min()};
    for (std::size_t i = 0; i < m; ++i) {
      if (check[i]) keys[i] = key(std::fabs(xs[i]));  // rare: next to a bucket edge
      const int k = keys[i];
      const bool p = where[i] == positive, q = where[i] == negative;
      lo[0] = p && k < lo[0] ? k : lo[0];
      hi[0] = p && k > hi[0] ? k : hi[0];
      lo[1] = q && k < lo[1] ? k : lo[1];
      hi[1] = q && k > hi[1] ? k : hi[1];
    }
    for (int side : {positive, negative})
      if (lo[side] <= hi[side]) stores[side]->cover(lo[side], hi[side]);
    for (std::size_t i = 0; i < m; ++i) {
      if (where[i] == skipped) continue;
      ++n_;
      if (where[i] == zero) {
        ++zero_;
        continue;
      }
      Store& st = *stores[where[i]];
      ++st.counts[static_cast<std::size_t>(keys[i] - st.offset)];
    }
  }
}

void QuantileSketch::add_same(double x, std::uint64_t c) {
  if (!std::isfinite(x)) return;  // skipped, as add_block skips it
  n_ += c;
  const double a = std::fabs(x);
  if (a < zero_below) {
    zero_ += c;
    return;
  }
  (x > 0 ? pos_ : neg_).add(key(a), c);
}

void QuantileSketch::add(double x) {
  ++n_;
  const double a = std::fabs(x);
  if (a < zero_below) {
    ++zero_;
    return;
  }
  (x > 0 ? pos_ : neg_).add(key(a));
}

void QuantileSketch::merge(const QuantileSketch& o) {
  n_ += o.n_;
  zero_ += o.zero_;
  for (std::size_t i = 0; i < o.pos_.counts.size(); ++i)
    if (o.pos_.counts[i]) pos_.add(o.pos_.offset + static_cast<int>(i), o.pos_.counts[i]);
  for (std::size_t i = 0; i < o.neg_.counts.size(); ++i)
    if (o.neg_.counts[i]) neg_.add(o.neg_.offset + static_cast<int>(i), o.neg_.counts[i]);
}

std::vector<std::int64_t> QuantileSketch::state() const {
  std::vector<std::int64_t> out = {static_cast<std::int64_t>(n_), static_cast<std::int64_t>(zero_)};
  for (const Store* st : {&pos_, &neg_}) {
    const std::size_t at = out.size();
    out.push_back(0);
    for (std::size_t i = 0; i < st->counts.size(); ++i)
      if (st->counts[i]) {
        out.push_back(st->offset + static_cast<std::int64_t>(i));
        out.push_back(static_cast<std::int64_t>(st->counts[i]));
        ++out[at];
      }
  }
  return out;
}

QuantileSketch QuantileSketch::from_state(double alpha, const std::vector<std::int64_t>& state) {
  QuantileSketch s(alpha);
  auto bad = [] { throw std::invalid_argument("quantile sketch: the state is not one that state() wrote"); };
  if (state.size() < 4) bad();
  s.n_ = static_cast<std::uint64_t>(state[0]);
  s.zero_ = static_cast<std::uint64_t>(state[1]);
  std::size_t i = 2;
  std::uint64_t total = s.zero_;
  for (Store* st : {&s.pos_, &s.neg_}) {
    if (i >= state.size()) bad();
    const auto pairs = static_cast<std::size_t>(state[i++]);
    if (pairs > (state.size() - i) / 2) bad();
    for (std::size_t j = 0; j < pairs; ++j, i += 2) {
      if (state[i + 1] <= 0 || state[i] < std::numeric_limits<int>::min() / 2 || state[i] > std::numeric_limits<int>::max() / 2)
        bad();
      st->add(static_cast<int>(state[i]), static_cast<std::uint64_t>(state[i + 1]));
      total += static_cast<std::uint64_t>(state[i + 1]);
    }
  }
  if (i != state.size() || total != s.n_) bad();
  return s;
}

double QuantileSketch::quantile(double q) const {
  if (n_ == 0) return std::numeric_limits<double>::quiet_NaN();
  const auto rank = static_cast<std::uint64_t>(std::floor(q * static_cast<double>(n_ - 1)));
  std::uint64_t cum = 0;
  for (std::size_t i = neg_.counts.size(); i-- > 0;) {
    cum += neg_.counts[i];
    if (cum > rank) return -value(neg_.offset + static_cast<int>(i));
  }
  cum += zero_;
  if (cum > rank) return 0.0;
  for (std::size_t i = 0; i < pos_.counts.size(); ++i) {
    cum += pos_.counts[i];
    if (cum > rank) return value(pos_.offset + static_cast<int>(i));
  }
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace impactchain::detail
