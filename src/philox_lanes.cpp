// Philox4x32-10 (Salmon et al. 2011) for many counters at once: the generator of
// the random stream version 2. Counters go through the ten rounds side by side in
// vector registers: 16 at a time with AVX-512, 8 with AVX2, 4 with SSE2 (every
// x86-64 processor), chosen at run time; one at a time elsewhere. Integer
// arithmetic, so every path gives the same words, those of Random123's
// r123::Philox4x32 (tests/cpp/test_philox_lanes.cpp checks each path the
// processor has). A 32 x 32 -> 64-bit multiply of the even lanes is the one
// vector multiply every instruction set has: the odd lanes are shifted down and
// multiplied the same way, and the halves put back in their lanes.
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "philox_stream.hpp"

#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#define IMPACTCHAIN_PHILOX_X86 1
#endif

namespace impactchain::detail {

namespace {

constexpr std::uint32_t m0 = 0xD2511F53u, m1 = 0xCD9E8D57u;  // Philox4x32's multipliers
constexpr std::uint32_t w0 = 0x9E3779B9u, w1 = 0xBB67AE85u;  // its Weyl key schedule

/// Counters [from, count) one at a time: the reference formula.
void philox_scalar(const Philox32Key& key, const Philox32Counter& ctr, std::uint32_t from, std::uint32_t count,
                   std::uint32_t* out, std::size_t stride) {
  for (std::uint32_t i = from; i < count; ++i) {
    std::uint32_t x0 = ctr.c0 + i, x1 = ctr.c1, x2 = ctr.c2, x3 = ctr.c3, k0 = key.k0, k1 = key.k1;
    for (int round = 0; round < 10; ++round) {
      const std::uint64_t p0 = std::uint64_t{m0} * x0, p1 = std::uint64_t{m1} * x2;
      const auto y0 = static_cast<std::uint32_t>(p1 >> 32) ^ x1 ^ k0;
      const auto y2 = static_cast<std::uint32_t>(p0 >> 32) ^ x3 ^ k1;
      x1 = static_cast<std::uint32_t>(p1);
      x3 = static_cast<std::uint32_t>(p0);
      x0 = y0;
      x2 = y2;
      k0 += w0;
      k1 += w1;
    }
    std::memcpy(out + i, &x0, sizeof x0);  // as bytes: out may be the storage of 64-bit words
    std::memcpy(out + stride + i, &x1, sizeof x1);
    std::memcpy(out + 2 * stride + i, &x2, sizeof x2);
    std::memcpy(out + 3 * stride + i, &x3, sizeof x3);
  }
}

#ifdef IMPACTCHAIN_PHILOX_X86

// One body for the three widths: V is the register type, the macros' arguments its intrinsics.
// (A template cannot carry the target attribute each width needs.) U registers of counters go
// through the rounds together: one register's rounds are a chain of dependent multiplies, and
// U independent chains keep the multiplier busy (4 with AVX2 and AVX-512: with AVX2, 8 % fewer
// cycles per counter than 2 on an AMD EPYC, docs/performance.md). HI(e, o) and LO(e, o) put the
// high and the low halves of the even and odd lanes' 64-bit products e and o back in their
// 32-bit lanes, XOR3 is a three-way exclusive or: AVX2 and AVX-512 do each in one or two
// instructions (a blend, a three-input logic instruction), SSE2 by masks. LEAVE clears the upper
// halves of the vector registers (vzeroupper) before the SSE2 code of the callers runs: GCC
// inserts none here, and without it their SSE2 loops ran at half speed.
#define IMPACTCHAIN_PHILOX_BODY(V, LANES, U, SET1, ADD, MUL, SRLI, HI, LO, XOR3, STOREU, SETR_STEP, LEAVE) \
  const V mul0 = SET1(static_cast<int>(m0)), mul1 = SET1(static_cast<int>(m1));                        \
  const V step = SETR_STEP;                                                                            \
  std::uint32_t i = 0;                                                                                 \
  for (; i + U * LANES <= count; i += U * LANES) {                                                     \
    V x0[U], x1[U], x2[U], x3[U];                                                                      \
    for (int u = 0; u < U; ++u) {                                                                      \
      x0[u] = ADD(SET1(static_cast<int>(ctr.c0 + i + static_cast<std::uint32_t>(u) * LANES)), step);   \
      x1[u] = SET1(static_cast<int>(ctr.c1));                                                          \
      x2[u] = SET1(static_cast<int>(ctr.c2));                                                          \
      x3[u] = SET1(static_cast<int>(ctr.c3));                                                          \
    }                                                                                                  \
    std::uint32_t k0 = key.k0, k1 = key.k1;                                                            \
    for (int round = 0; round < 10; ++round) {                                                        \
      const V key0 = SET1(static_cast<int>(k0)), key1 = SET1(static_cast<int>(k1));                    \
      for (int u = 0; u < U; ++u) {                                                                    \
        const V e0 = MUL(x0[u], mul0), o0 = MUL(SRLI(x0[u], 32), mul0);                                \
        const V e1 = MUL(x2[u], mul1), o1 = MUL(SRLI(x2[u], 32), mul1);                                \
        const V hi0 = HI(e0, o0), lo0 = LO(e0, o0);                                                    \
        const V hi1 = HI(e1, o1), lo1 = LO(e1, o1);                                                    \
        x0[u] = XOR3(hi1, x1[u], key0);                                                                \
        x2[u] = XOR3(hi0, x3[u], key1);                                                                \
        x1[u] = lo1;                                                                                   \
        x3[u] = lo0;                                                                                   \
      }                                                                                                \
      k0 += w0;                                                                                        \
      k1 += w1;                                                                                        \
    }                                                                                                  \
    for (int u = 0; u < U; ++u) {                                                                      \
      const std::uint32_t at = i + static_cast<std::uint32_t>(u) * LANES;                               \
      STOREU(reinterpret_cast<V*>(out + at), x0[u]);                                                   \
      STOREU(reinterpret_cast<V*>(out + stride + at), x1[u]);                                          \
      STOREU(reinterpret_cast<V*>(out + 2 * stride + at), x2[u]);                                      \
      STOREU(reinterpret_cast<V*>(out + 3 * stride + at), x3[u]);                                      \
    }                                                                                                  \
  }                                                                                                    \
  LEAVE;                                                                                               \
  philox_scalar(key, ctr, i, count, out, stride);

// GCC 12's avx512fintrin.h starts _mm512_mul_epu32's result from an undefined register, which
// -Wmaybe-uninitialized reports at every call; the instruction writes every lane.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
// The halves in 32-bit lanes, one masked shuffle each: the high halves are e's odd 32-bit
// elements moved down into the even lanes (0xF5: element 1 to 0, 3 to 2), o's odd elements left
// in place; the low halves, o's even elements moved up into the odd lanes (0xA0: 0 to 1, 2 to 3),
// e's even elements left in place.
#define IMPACTCHAIN_HI512(e, o) _mm512_mask_shuffle_epi32(o, 0x5555, e, static_cast<_MM_PERM_ENUM>(0xF5))
#define IMPACTCHAIN_LO512(e, o) _mm512_mask_shuffle_epi32(e, 0xAAAA, o, static_cast<_MM_PERM_ENUM>(0xA0))
#define IMPACTCHAIN_XOR3_512(a, b, c) _mm512_ternarylogic_epi32(a, b, c, 0x96)  // a ^ b ^ c
__attribute__((target("avx512f"))) void philox_avx512(const Philox32Key& key, const Philox32Counter& ctr,
                                                      std::uint32_t count, std::uint32_t* out, std::size_t stride) {
  IMPACTCHAIN_PHILOX_BODY(__m512i, 16, 4, _mm512_set1_epi32, _mm512_add_epi32, _mm512_mul_epu32, _mm512_srli_epi64,
                          IMPACTCHAIN_HI512, IMPACTCHAIN_LO512, IMPACTCHAIN_XOR3_512, _mm512_storeu_si512,
                          _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), _mm256_zeroupper())
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#define IMPACTCHAIN_HI256(e, o) _mm256_blend_epi32(_mm256_srli_epi64(e, 32), o, 0xAA)
#define IMPACTCHAIN_LO256(e, o) _mm256_blend_epi32(e, _mm256_slli_epi64(o, 32), 0xAA)
#define IMPACTCHAIN_XOR3_256(a, b, c) _mm256_xor_si256(_mm256_xor_si256(a, b), c)
__attribute__((target("avx2"))) void philox_avx2(const Philox32Key& key, const Philox32Counter& ctr,
                                                 std::uint32_t count, std::uint32_t* out, std::size_t stride) {
  IMPACTCHAIN_PHILOX_BODY(__m256i, 8, 4, _mm256_set1_epi32, _mm256_add_epi32, _mm256_mul_epu32, _mm256_srli_epi64,
                          IMPACTCHAIN_HI256, IMPACTCHAIN_LO256, IMPACTCHAIN_XOR3_256, _mm256_storeu_si256,
                          _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7), _mm256_zeroupper())
}

// SSE2 has no 32-bit blend: the halves by masks of the high and the low 32 bits of each 64.
#define IMPACTCHAIN_HI128(e, o) \
  _mm_or_si128(_mm_srli_epi64(e, 32), _mm_and_si128(o, _mm_slli_epi64(_mm_set1_epi32(-1), 32)))
#define IMPACTCHAIN_LO128(e, o) \
  _mm_or_si128(_mm_and_si128(e, _mm_srli_epi64(_mm_set1_epi32(-1), 32)), _mm_slli_epi64(o, 32))
#define IMPACTCHAIN_XOR3_128(a, b, c) _mm_xor_si128(_mm_xor_si128(a, b), c)
void philox_sse2(const Philox32Key& key, const Philox32Counter& ctr, std::uint32_t count, std::uint32_t* out,
                 std::size_t stride) {
  IMPACTCHAIN_PHILOX_BODY(__m128i, 4, 2, _mm_set1_epi32, _mm_add_epi32, _mm_mul_epu32, _mm_srli_epi64,
                          IMPACTCHAIN_HI128, IMPACTCHAIN_LO128, IMPACTCHAIN_XOR3_128, _mm_storeu_si128,
                          _mm_setr_epi32(0, 1, 2, 3), (void)0)
}

#undef IMPACTCHAIN_PHILOX_BODY
#undef IMPACTCHAIN_HI512
#undef IMPACTCHAIN_LO512
#undef IMPACTCHAIN_XOR3_512
#undef IMPACTCHAIN_HI256
#undef IMPACTCHAIN_LO256
#undef IMPACTCHAIN_XOR3_256
#undef IMPACTCHAIN_HI128
#undef IMPACTCHAIN_LO128
#undef IMPACTCHAIN_XOR3_128

#endif

}  // namespace

void philox4x32_lanes(const Philox32Key& key, const Philox32Counter& ctr, std::uint32_t count, std::uint32_t* out,
                      std::size_t stride, PhiloxPath path) {
#ifdef IMPACTCHAIN_PHILOX_X86
  if (path == PhiloxPath::best) path = philox_best_path();
  switch (path) {
    case PhiloxPath::avx512: return philox_avx512(key, ctr, count, out, stride);
    case PhiloxPath::avx2: return philox_avx2(key, ctr, count, out, stride);
    case PhiloxPath::sse2: return philox_sse2(key, ctr, count, out, stride);
    default: break;
  }
#else
  (void)path;
#endif
  philox_scalar(key, ctr, 0, count, out, stride);
}

PhiloxPath philox_best_path() {
#ifdef IMPACTCHAIN_PHILOX_X86
  if (__builtin_cpu_supports("avx512f")) return PhiloxPath::avx512;
  if (__builtin_cpu_supports("avx2")) return PhiloxPath::avx2;
  return PhiloxPath::sse2;
#else
  return PhiloxPath::scalar;
#endif
}

}  // namespace impactchain::detail
