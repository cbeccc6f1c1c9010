// Private to src/: every random stream of the core, in one place. A stream is
// Philox (Salmon et al. 2011) keyed by the seed, with a counter that names the
// draw, the slot and the stream's domain, so a number depends only on (seed,
// domain, draw, slot) and never on the thread that asks for it. Includes
// Random123, so only src/*.cpp (and src/ headers) may include it.
#pragma once

#include <Random123/philox.h>

#include <cstddef>
#include <cstdint>

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

/// The words of one Philox4x64-10 stream (counter (b, s, k, domain), key
/// (seed, constant), k = 0, 1, …) in order, generated 32 at a time (eight
/// independent Philox calls per refill, so they overlap in the pipeline).
class WordStream {
 public:
  void reset(std::uint64_t seed, std::uint64_t b, std::uint64_t s, StreamDomain domain) {
    key_ = {{seed, philox_key_constant}};
    ctr_ = {{b, s, 0, domain_word(domain)}};
    pos_ = len_;
  }
  std::uint64_t next() {
    if (pos_ == len_) refill();
    return buf_[pos_++];
  }
  double uniform() { return to_uniform(next()); }
  /// The stream's first m words (the words next() would give), into dst; call
  /// right after reset.
  void fill(std::uint64_t* dst, std::size_t m) {
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
  r123::Philox4x64::ctr_type ctr_{};
  r123::Philox4x64::key_type key_{};
  std::uint64_t buf_[len_] = {};
  int pos_ = len_;
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
