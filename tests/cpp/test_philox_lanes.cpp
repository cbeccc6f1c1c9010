// philox_stream.hpp: the vector-lane Philox4x32-10 of stream version 2 against Random123's
// r123::Philox4x32 (the reference implementation), and the word layout version 2 promises.
#include <doctest/doctest.h>

#include <Random123/philox.h>

#include <cstdint>
#include <vector>

#include "philox_stream.hpp"

using namespace impactchain;

namespace {
r123::Philox4x32::ctr_type reference(std::uint32_t k0, std::uint32_t k1, std::uint32_t c0, std::uint32_t c1,
                                     std::uint32_t c2, std::uint32_t c3) {
  return r123::Philox4x32()({{c0, c1, c2, c3}}, {{k0, k1}});
}
}  // namespace

/// The paths this processor can run: the best one and every narrower one.
static std::vector<detail::PhiloxPath> paths_here() {
  using P = detail::PhiloxPath;
  const std::vector<P> order = {P::avx512, P::avx2, P::sse2, P::scalar};
  std::vector<P> here = {P::best};
  bool reached = false;
  for (P p : order) {
    reached = reached || p == detail::philox_best_path();
    if (reached) here.push_back(p);
  }
  return here;
}

TEST_CASE("philox4x32_lanes gives Random123's Philox4x32-10 words for every counter, any count, every path") {
  // Keys and counters with high bits set (the multiplications' high halves), a counter run that
  // crosses a 2^16 boundary, and counts that are not multiples of the lanes (16, 8, 4).
  const std::uint32_t keys[][2] = {{0, 0}, {20241204, 0x80000000u}, {0xFFFFFFFFu, 0xDEADBEEFu}};
  CHECK(paths_here().size() >= 3);  // best, at least SSE2 on x86-64 (or scalar elsewhere)
  for (detail::PhiloxPath path : paths_here())
  for (const auto& key : keys)
    for (std::uint32_t count : {1u, 3u, 15u, 16u, 17u, 256u}) {
      CAPTURE(static_cast<int>(path));
      const detail::Philox32Counter ctr{0xFFF0u, 7, 0xCAFEBABEu, 0x08000003u};
      const std::size_t stride = 300;
      std::vector<std::uint32_t> out(4 * stride, 0);
      detail::philox4x32_lanes({key[0], key[1]}, ctr, count, out.data(), stride, path);
      std::size_t differ = 0;
      for (std::uint32_t i = 0; i < count; ++i) {
        const auto want = reference(key[0], key[1], ctr.c0 + i, ctr.c1, ctr.c2, ctr.c3);
        for (std::size_t j = 0; j < 4; ++j) differ += out[j * stride + i] != want.v[j];
      }
      CAPTURE(count);
      CHECK(differ == 0);
      // Nothing written beyond the count.
      std::size_t beyond = 0;
      for (std::size_t j = 0; j < 4; ++j)
        for (std::size_t i = count; i < stride; ++i) beyond += out[j * stride + i] != 0;
      CHECK(beyond == 0);
    }
}

TEST_CASE("stream version 2: the words of (seed, block, slot, domain) in the documented layout") {
  // Key (low half of the seed, high half | 2^31), counter (k, slot, block low, block high | domain << 24);
  // 32-bit word t of a chunk is word (t mod 1024) div 256 of counter 256·chunk + t mod 256; 64-bit
  // word p joins W[2p] (low) and W[2p + 1] (high).
  const std::uint64_t seed = 0x123456789ABCDEFULL, block = 0x5'0000'0007ULL, slot = 41;
  const auto domain = detail::StreamDomain::sobol_b;
  const std::uint32_t k0 = 0x89ABCDEFu, k1 = 0x01234567u | 0x80000000u;
  const std::uint32_t c3 = 0x5u | (static_cast<std::uint32_t>(domain) << 24);
  auto W = [&](std::size_t t) {
    const auto chunk = static_cast<std::uint32_t>(t / 1024), in = static_cast<std::uint32_t>(t % 1024);
    return reference(k0, k1, 256 * chunk + in % 256, static_cast<std::uint32_t>(slot), 7, c3).v[in / 256];
  };
  for (std::size_t m : {std::size_t{1}, std::size_t{100}, std::size_t{512}, std::size_t{1300}}) {
    CAPTURE(m);
    detail::WordStream filled, one_by_one;
    filled.reset(seed, block, slot, domain, detail::stream_version_2);
    one_by_one.reset(seed, block, slot, domain, detail::stream_version_2);
    std::vector<std::uint64_t> words(m);
    filled.fill(words.data(), m);
    std::size_t differ = 0, differ_next = 0;
    for (std::size_t p = 0; p < m; ++p) {
      const std::uint64_t want = W(2 * p) | std::uint64_t{W(2 * p + 1)} << 32;
      differ += words[p] != want;
      differ_next += one_by_one.next() != want;
    }
    CHECK(differ == 0);
    CHECK(differ_next == 0);
  }
}

TEST_CASE("stream versions 1 and 2 differ, and version 1 is the Philox4x64 stream") {
  detail::WordStream v1, v2;
  v1.reset(2026, 3, 5, detail::StreamDomain::simulation, detail::stream_version_1);
  v2.reset(2026, 3, 5, detail::StreamDomain::simulation, detail::stream_version_2);
  const auto want = r123::Philox4x64()({{3, 5, 0, 0}}, {{2026, detail::philox_key_constant}});
  for (int j = 0; j < 4; ++j) CHECK(v1.next() == want.v[j]);
  CHECK(v2.next() != want.v[0]);
}
