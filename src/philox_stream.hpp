// Private to src/: every random stream of the core, in one place. A stream is
// Philox (Salmon et al. 2011) keyed by the seed, with a counter that names the
// draw, the slot and the stream's domain, so a number depends only on (seed,
// domain, draw, slot) and never on the thread that asks for it. Includes
// Random123, so only src/*.cpp (and src/ headers) may include it.
//
// The Monte Carlo's parameter draws come in two stream versions
// (MonteCarloOptions::stream_version): version 1, Philox4x64-10 words; version 2
// (the default after 0.2), Philox4x32-10 words computed for many counters at once
// in vector registers (philox4x32_lanes), and the truncated normal's tail logarithms
// in vector lanes (docs/uncertainty.md, "Random streams"). A seed gives the same
// numbers in every release for each version.
#pragma once

#include <Random123/philox.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "impactchain/defaults.hpp"
#include "impactchain/limits.hpp"

namespace impactchain::detail {

/// What a stream is for: the last counter word. The values are part of the
/// reproducibility contract (a seed gives the same numbers in every release):
/// never renumber them, add new domains with new values.
///
/// The Philox4x64 streams (PhiloxStream, WordStream) use simulation … evppi_coefficients;
/// the bootstrap's Philox4x32 streams (Philox32Words, key = the seed's two halves)
/// use bootstrap_indices and bootstrap_counts. The two generators never share a
/// stream, so their values may repeat.
enum class StreamDomain : std::uint64_t {
  simulation = 0,          ///< Monte Carlo draws of a simulation (counter (block, slot, k, 0))
  sobol_a = 1,             ///< Saltelli design, matrix A
  sobol_b = 2,             ///< Saltelli design, matrix B
  rank_dirichlet = 3,      ///< rank uncertainty: Dirichlet weight draws (counter (draw, indicator, k, 3))
  rank_uniform = 4,        ///< rank uncertainty: uniformly perturbed weights
  rank_normalisation = 5,  ///< rank uncertainty: the normalisation chosen in a draw
  rank_aggregation = 6,    ///< rank uncertainty: the aggregation chosen in a draw
  rank_treatment = 7,      ///< rank uncertainty: the outlier treatment chosen in a draw
  evppi_coefficients = 8,  ///< EVPPI: regression coefficients redrawn for the SE (counter (parameter, redraw, k, 8))
  bootstrap_indices = 0,   ///< bootstrap (4x32): resampled indices (counter (k, replicate, stream, 0))
  bootstrap_counts = 1,    ///< bootstrap (4x32): bits of the multinomial counts (counter (k, replicate, stream, 1))
};

/// The counter word of a domain. `extra`: the stream of 53 more bits for a
/// far-tail draw of the same (block, slot), the domain with its top bit set.
constexpr std::uint64_t domain_word(StreamDomain d, bool extra = false) {
  return static_cast<std::uint64_t>(d) | (extra ? std::uint64_t{1} << 63 : 0);
}

/// Second key word of the Philox4x64 streams ("impactch").
inline constexpr std::uint64_t philox_key_constant = 0x696d706163746368ULL;

/// Uniform in the open interval (0, 1) from a 64-bit word: ((x >> 11) + 0.5)·2^−53.
/// (x >> 11 < 2^53 converts exactly through a signed integer, one instruction.)
inline double to_uniform(std::uint64_t x) {
  return (static_cast<double>(static_cast<std::int64_t>(x >> 11)) + 0.5) * 0x1.0p-53;
}

/// The stream versions of the Monte Carlo's parameter draws (MonteCarloOptions::stream_version).
inline constexpr unsigned stream_version_1 = 1, stream_version_2 = 2;
static_assert(stream_version_2 == newest_stream_version, "a new stream version needs its words here");
static_assert(defaults::stream_version >= 1 && defaults::stream_version <= newest_stream_version);

/// Key and counter of a Philox4x32-10 call.
struct Philox32Key {
  std::uint32_t k0, k1;
};
struct Philox32Counter {
  std::uint32_t c0, c1, c2, c3;
};

/// How philox4x32_lanes computes: `best` the widest the processor has (AVX-512, AVX2, SSE2 on
/// x86-64; scalar elsewhere); the others for the tests, which compare every path the processor
/// has. Every path gives the same words.
enum class PhiloxPath { best, avx512, avx2, sse2, scalar };
PhiloxPath philox_best_path();

/// Philox4x32-10 of the `count` counters (ctr.c0 + i, ctr.c1, ctr.c2, ctr.c3), i < count (no
/// wrap of c0): word j of counter i into out[j·stride + i]. The words of Random123's
/// r123::Philox4x32; computed in vector lanes (philox_lanes.cpp). The words are stored as bytes
/// (vector stores, memcpy), so `out` may point into the storage of 64-bit words.
void philox4x32_lanes(const Philox32Key& key, const Philox32Counter& ctr, std::uint32_t count, std::uint32_t* out,
                      std::size_t stride, PhiloxPath path = PhiloxPath::best);

/// Philox4x64-10 stream for one (draw, slot, domain): counter (draw, slot, k, domain),
/// key (seed, constant); 4 words per increment of k. Used where one stream per
/// draw is wanted (rank weights and choices, far-tail bits).
class PhiloxStream {
 public:
  PhiloxStream(std::uint64_t seed, std::uint64_t draw, std::uint64_t slot, StreamDomain domain, bool extra = false) {
    key_ = {{seed, philox_key_constant}};
    ctr_ = {{draw, slot, 0, domain_word(domain, extra)}};
  }
  std::uint64_t next() {
    if (pos_ == 4) {
      out_ = r123::Philox4x64()(ctr_, key_);
      ctr_.v[2] += 1;
      pos_ = 0;
    }
    return out_.v[pos_++];
  }
  double uniform() { return to_uniform(next()); }

 private:
  r123::Philox4x64::ctr_type ctr_;
  r123::Philox4x64::key_type key_;
  r123::Philox4x64::ctr_type out_{};
  int pos_ = 4;
};

/// The 64-bit words of the stream of one (seed, block b, slot s, domain), in order.
///
/// Version 1: Philox4x64-10 with counter (b, s, k, domain) and key (seed, constant),
/// k = 0, 1, …, each call's four words in order; generated 32 at a time (eight
/// independent Philox calls per refill, so they overlap in the pipeline).
///
/// Version 2: Philox4x32-10 with key (low half of the seed, high half with its top bit
/// set: no bootstrap stream shares a key with it) and counter (k, s, low 32 bits of b,
/// bits 32–51 of b | domain << 24). Its 32-bit words W[t], t = 0, 1, …, come in chunks
/// of 1,024 from 256 counters: W[t] = word (t mod 1024) div 256 of counter
/// 256·(t div 1024) + t mod 256; 64-bit word p is W[2p] | W[2p + 1] << 32. So the first
/// n ≤ 256 words of a chunk need only n counters, and a chunk is the four state words
/// of its 256 counters one after the other, as the vector lanes leave them.
class WordStream {
 public:
  void reset(std::uint64_t seed, std::uint64_t b, std::uint64_t s, StreamDomain domain,
             unsigned version = stream_version_1) {
    version_ = version;
    key_ = {{seed, philox_key_constant}};
    ctr_ = {{b, s, 0, domain_word(domain)}};
    key32_ = {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32) | 0x80000000u};
    ctr32_ = {0, static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(b),
              static_cast<std::uint32_t>((b >> 32) & 0xFFFFFu) | static_cast<std::uint32_t>(domain_word(domain)) << 24};
    pos_ = len_;
    pos2_ = chunk64;
  }
  std::uint64_t next() {
    if (version_ != stream_version_1) {
      if (pos2_ == chunk64) refill2();
      return chunk_[pos2_++];
    }
    if (pos_ == len_) refill();
    return buf_[pos_++];
  }
  double uniform() { return to_uniform(next()); }
  /// The stream's first m words (the words next() would give), into dst; call
  /// right after reset.
  void fill(std::uint64_t* dst, std::size_t m) {
    if (version_ != stream_version_1) {
      for (std::size_t done = 0; done < m;) {
        const std::size_t words = std::min<std::size_t>(chunk64, m - done);
        if (words == chunk64 && lanes_are_words) {
          // A whole chunk: its lanes are its 64-bit words as they are, so they go straight to dst.
          philox4x32_lanes(key32_, ctr32_, chunk_counters, reinterpret_cast<std::uint32_t*>(dst + done),
                           chunk_counters);
          ctr32_.c0 += chunk_counters;
        } else {
          compute_chunk(2 * words);
          pair_words(dst + done, words);
        }
        done += words;
      }
      return;
    }
    r123::Philox4x64 philox;
    for (std::size_t i = 0; i < m; i += 4) {
      const auto out = philox(ctr_, key_);
      ctr_.v[2] += 1;
      for (std::size_t j = 0; j < 4 && i + j < m; ++j) dst[i + j] = out.v[j];
    }
  }

 private:
  static constexpr int len_ = 32;
#if defined(__GNUC__)
  __attribute__((noinline))
#endif
  void refill() {
    r123::Philox4x64 philox;
    for (int c = 0; c < len_ / 4; ++c) {
      const auto out = philox(ctr_, key_);
      ctr_.v[2] += 1;
      for (int j = 0; j < 4; ++j) buf_[4 * c + j] = out.v[j];
    }
    pos_ = 0;
  }
  /// Version 2: the next chunk's first n32 32-bit words into lanes_ (counters
  /// ctr32_.c0 … ctr32_.c0 + min(n32, 256) − 1), then ctr32_.c0 moves to the next chunk.
  void compute_chunk(std::size_t n32) {
    const auto counters = static_cast<std::uint32_t>(std::min<std::size_t>(n32, chunk_counters));
    philox4x32_lanes(key32_, ctr32_, counters, lanes_, chunk_counters);
    ctr32_.c0 += chunk_counters;
  }
#if defined(__GNUC__)
  __attribute__((noinline))
#endif
  void refill2() {
    compute_chunk(2 * chunk64);
    pair_words(chunk_, chunk64);
    pos2_ = 0;
  }
  /// 64-bit words p < m of the chunk in lanes_: W[2p] | W[2p + 1] << 32 (on a little-endian
  /// processor the bytes as they are; the same words on every byte order).
  void pair_words(std::uint64_t* dst, std::size_t m) const {
    if (lanes_are_words) {
      std::memcpy(dst, lanes_, m * sizeof(std::uint64_t));
      return;
    }
    for (std::size_t p = 0; p < m; ++p) dst[p] = lanes_[2 * p] | std::uint64_t{lanes_[2 * p + 1]} << 32;
  }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  static constexpr bool lanes_are_words = true;  // W[2p] | W[2p + 1] << 32 is the bytes of W[2p], W[2p + 1]
#else
  static constexpr bool lanes_are_words = false;
#endif
  static constexpr std::size_t chunk_counters = 256, chunk64 = 2 * chunk_counters;  // 1,024 words of 32 bits
  unsigned version_ = stream_version_1;
  r123::Philox4x64::ctr_type ctr_{};
  r123::Philox4x64::key_type key_{};
  std::uint64_t buf_[len_] = {};
  int pos_ = len_;
  Philox32Key key32_{};
  Philox32Counter ctr32_{};
  std::uint32_t lanes_[4 * chunk_counters] = {};
  std::uint64_t chunk_[chunk64] = {};
  std::size_t pos2_ = chunk64;
};

/// 32-bit words of one Philox4x32-10 stream: key = the seed's low and high
/// halves, counter (k, replicate, stream, domain), k = 0, 1, …. A uniform
/// random bit generator (for Boost.Random) as well as a word source.
class Philox32Words {
 public:
  using result_type = std::uint32_t;
  Philox32Words(std::uint64_t seed, std::uint32_t replicate, std::uint32_t stream, StreamDomain domain) {
    key_ = {{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
    ctr_ = {{0, replicate, stream, static_cast<std::uint32_t>(domain_word(domain))}};
  }
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return 0xFFFFFFFFu; }
  result_type operator()() {
    if (pos_ == 4) {
      out_ = gen_(ctr_, key_);
      ++ctr_.v[0];
      pos_ = 0;
    }
    return out_.v[pos_++];
  }

 private:
  r123::Philox4x32 gen_;
  r123::Philox4x32::key_type key_;
  r123::Philox4x32::ctr_type ctr_;
  r123::Philox4x32::ctr_type out_{};
  int pos_ = 4;
};

}  // namespace impactchain::detail
