// The units of one draw in rank order (rank_sort.hpp): keys, a counting sort into buckets
// shaped by the scores' spread, an insertion pass within buckets and, where cut keys may tie, a
// pass over those ties. The passes that do not depend on earlier items (the keys and the
// buckets' starts) are vectorised.
#include "rank_sort.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "simd_clones.hpp"

namespace impactchain::detail {

namespace {

/// key[i]: the order-preserving bit pattern of score[i], complemented (ascending key = descending
/// score); −0 counts as +0, so that equal scores tie as numpy's comparison does. lo, hi: the
/// smallest and largest key.
IMPACTCHAIN_SIMD_CLONES
void descending_keys(const double* score, std::size_t n, std::uint64_t* key, std::uint64_t& lo, std::uint64_t& hi) {
  constexpr std::uint64_t sign = 0x8000000000000000ULL;
  std::uint64_t a = ~std::uint64_t{0}, b = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double s = score[i] + 0.0;  // −0 → +0
    std::uint64_t x;
    std::memcpy(&x, &s, sizeof x);
    // Negative: x itself (complemented twice); otherwise: the complement of x with its sign bit set.
    const auto neg = static_cast<std::uint64_t>(static_cast<std::int64_t>(x) >> 63);
    const std::uint64_t k = ~(x ^ (neg | sign));
    key[i] = k;
    a = std::min(a, k);
    b = std::max(b, k);
  }
  lo = a;
  hi = b;
}

#if defined(__clang__) || (defined(__GNUC__) && __GNUC__ >= 12)  // __builtin_shufflevector
#define IMPACTCHAIN_COUNTS8 1
typedef std::uint32_t Counts8 __attribute__((vector_size(32)));
#endif

/// c[b] ← c[0] + … + c[b − 1] (the buckets' starts); eight counts at a time where vectors exist.
IMPACTCHAIN_SIMD_CLONES
void exclusive_sums(std::uint32_t* c, std::size_t n) {
  std::size_t b = 0;
#if defined(IMPACTCHAIN_COUNTS8)
  const Counts8 zero = {};
  Counts8 before = {};  // the sum of all earlier counts, in every lane
  for (; b + 8 <= n; b += 8) {
    Counts8 x;
    std::memcpy(&x, c + b, sizeof x);
    // Inclusive sums within the eight lanes: add the lanes shifted up by 1, 2 and 4.
    Counts8 y = x + __builtin_shufflevector(zero, x, 0, 8, 9, 10, 11, 12, 13, 14);
    y = y + __builtin_shufflevector(zero, y, 0, 0, 8, 9, 10, 11, 12, 13);
    y = y + __builtin_shufflevector(zero, y, 0, 0, 0, 0, 8, 9, 10, 11);
    const Counts8 e = y - x + before;
    std::memcpy(c + b, &e, sizeof e);
    before = before + __builtin_shufflevector(y, y, 7, 7, 7, 7, 7, 7, 7, 7);  // one add on the carried chain
  }
  std::uint32_t sum = before[0];
#else
  std::uint32_t sum = 0;
#endif
  for (; b < n; ++b) {
    const std::uint32_t x = c[b];
    c[b] = sum;
    sum += x;
  }
}

}  // namespace

void KeySorter::sort(const double* score, std::size_t n) {
  key.resize(n);
  item.resize(n);
  int unit_bits = 0;
  while ((std::size_t{1} << unit_bits) < n) ++unit_bits;
  unit_mask = (std::uint64_t{1} << unit_bits) - 1;
  std::uint64_t kmin = 0, kmax = 0;
  if (n > 0) descending_keys(score, n, key.data(), kmin, kmax);
  if (kmin == kmax) {
    for (std::size_t i = 0; i < n; ++i) item[i] = i;
    return;
  }
  const std::uint64_t range = kmax - kmin;
  int bits = 64;
  while (!((range >> (bits - 1)) & 1)) --bits;
  const int cut = std::max(0, bits + unit_bits - 64);  // low key bits that do not fit beside the index
  // Buckets: the key range cut into at most 256 equal segments, each with 2^f buckets for an
  // estimated m units (every fourth unit counted), 2^f ≥ 2m: crowded parts of the range get
  // narrow buckets, so few units share one and the insertion pass has little to do. A poor
  // estimate costs time, never order. Fewer than 4(n + 3) + 256 buckets; beyond bucket_limit
  // (2^32 − 1: more than about 2^30 units) every segment gets half as many, until they fit.
  constexpr int seg_bits = 8;
  const int cshift = std::max(0, bits - seg_bits);
  const std::size_t ns = static_cast<std::size_t>((range >> cshift) + 1);
  seg.assign(ns, 0);
  for (std::size_t i = 0; i < n; i += 4) ++seg[static_cast<std::size_t>((key[i] - kmin) >> cshift)];
  seg_base.resize(ns);
  seg_shift.resize(ns);
  std::uint64_t total = 0;
  for (int fewer = 0; fewer == 0 || total > bucket_limit; ++fewer) {
    total = 0;
    for (std::size_t s = 0; s < ns; ++s) {
      const std::uint64_t m = 4 * std::uint64_t{seg[s]};
      int f = 0;
      while (f < cshift && (std::uint64_t{1} << f) < 2 * m) ++f;
      f = std::max(0, f - fewer);
      seg_base[s] = static_cast<std::uint32_t>(total);
      seg_shift[s] = static_cast<std::uint8_t>(cshift - f);
      total += std::uint64_t{1} << f;
    }
  }
  const std::uint64_t cmask = (std::uint64_t{1} << cshift) - 1;
  bucket.resize(n);
  count.assign(static_cast<std::size_t>(total), 0);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t k = key[i] - kmin;
    const auto s = static_cast<std::size_t>(k >> cshift);
    const auto b = seg_base[s] + static_cast<std::uint32_t>((k & cmask) >> seg_shift[s]);
    bucket[i] = b;
    ++count[b];
  }
  exclusive_sums(count.data(), count.size());
  for (std::size_t i = 0; i < n; ++i) item[count[bucket[i]]++] = (((key[i] - kmin) >> cut) << unit_bits) | i;
  // Insertion within buckets. Two items whose cut keys are equal end up side by side, and were
  // side by side when the later of them was placed: `tied` notes every such pair (and a few
  // pairs that later part), so the pass over ties runs only when there may be one.
  bool tied = false;
  auto same_cut = [unit_bits](std::uint64_t a, std::uint64_t b) { return ((a ^ b) >> unit_bits) == 0; };
  for (std::size_t i = 1; i < n; ++i) {
    const std::uint64_t v = item[i];
    tied |= same_cut(v, item[i - 1]);
    if (v > item[i - 1]) continue;
    std::size_t j = i;
    do {
      item[j] = item[j - 1];
      --j;
    } while (j > 0 && item[j - 1] > v);
    item[j] = v;
    tied |= same_cut(v, item[j + 1]) || (j > 0 && same_cut(v, item[j - 1]));
  }
  if (cut == 0 || !tied) return;
  // Runs of equal cut keys (in index order): insertion by the full key, stable.
  for (std::size_t i = 1; i < n; ++i) {
    if (!same_cut(item[i], item[i - 1])) continue;
    const std::uint64_t v = item[i], kv = key[v & unit_mask];
    std::size_t j = i;
    while (j > 0 && same_cut(item[j - 1], v) && key[item[j - 1] & unit_mask] > kv) {
      item[j] = item[j - 1];
      --j;
    }
    item[j] = v;
  }
}

}  // namespace impactchain::detail
