// The units of one draw in rank order (rank_sort.hpp): keys, a counting sort on their leading
// bits, an insertion pass within buckets and a pass over ties of the cut keys. The two passes
// that do not depend on earlier items (the keys and the buckets' starts) are vectorised.
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

#if defined(__GNUC__)
typedef std::uint32_t Counts8 __attribute__((vector_size(32)));
#endif

/// c[b] ← c[0] + … + c[b − 1] (the buckets' starts); eight counts at a time where vectors exist.
IMPACTCHAIN_SIMD_CLONES
void exclusive_sums(std::uint32_t* c, std::size_t n) {
  std::uint32_t sum = 0;
  std::size_t b = 0;
#if defined(__GNUC__)
  const Counts8 zero = {};
  for (; b + 8 <= n; b += 8) {
    Counts8 x;
    std::memcpy(&x, c + b, sizeof x);
    // Inclusive sums within the eight lanes: add the lanes shifted up by 1, 2 and 4.
    Counts8 y = x + __builtin_shuffle(zero, x, Counts8{0, 8, 9, 10, 11, 12, 13, 14});
    y = y + __builtin_shuffle(zero, y, Counts8{0, 0, 8, 9, 10, 11, 12, 13});
    y = y + __builtin_shuffle(zero, y, Counts8{0, 0, 0, 0, 8, 9, 10, 11});
    const Counts8 e = y - x + sum;
    std::memcpy(c + b, &e, sizeof e);
    sum += y[7];
  }
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
  const int log2b = unit_bits + 1;  // 2^log2b ≥ 2n buckets
  const int shift = std::max(0, bits - log2b);
  const int cut = std::max(0, bits + unit_bits - 64);  // low key bits that do not fit beside the index
  const std::size_t nb = static_cast<std::size_t>((range >> shift) + 1);
  count.assign(nb, 0);
  for (std::size_t i = 0; i < n; ++i) ++count[(key[i] - kmin) >> shift];
  exclusive_sums(count.data(), nb);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t k = key[i] - kmin;
    item[count[k >> shift]++] = ((k >> cut) << unit_bits) | i;
  }
  for (std::size_t i = 1; i < n; ++i) {
    if (item[i] > item[i - 1]) continue;
    const std::uint64_t v = item[i];
    std::size_t j = i;
    do {
      item[j] = item[j - 1];
      --j;
    } while (j > 0 && item[j - 1] > v);
    item[j] = v;
  }
  if (cut == 0) return;
  // Runs of equal cut keys (in index order): insertion by the full key, stable.
  for (std::size_t i = 1; i < n; ++i) {
    if ((item[i] >> unit_bits) != (item[i - 1] >> unit_bits)) continue;
    const std::uint64_t v = item[i], kv = key[v & unit_mask];
    std::size_t j = i;
    while (j > 0 && (item[j - 1] >> unit_bits) == (v >> unit_bits) && key[item[j - 1] & unit_mask] > kv) {
      item[j] = item[j - 1];
      --j;
    }
    item[j] = v;
  }
}

}  // namespace impactchain::detail
