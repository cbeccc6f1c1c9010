// Private to src/: Philox-driven samplers for the parameters of a
// ParameterTable and a mergeable quantile sketch. Includes Random123 (through
// philox_stream.hpp), so it must be included only from src/*.cpp (never from
// a public header).
#pragma once

#include <Eigen/Dense>

#include <array>
#include <cmath>
#include <cstring>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "impactchain/montecarlo.hpp"
#include "impactchain/parameter.hpp"
#include "inverse_table.hpp"
#include "lane_math.hpp"
#include "philox_stream.hpp"

namespace impactchain::detail {

/// Draws per sampling block: parameter slot s of block b reads the Philox
/// stream (b, s, ·, domain) in draw order. Part of the reproducibility contract.
inline constexpr std::size_t sample_block_size = 1024;

/// Uniform in the open interval (0, 1) from 32 bits: (h + 0.5)·2^−32. Used for
/// inverse-CDF sampling of bounded distributions, two variates per Philox word.
inline double to_uniform32(std::uint32_t h) { return (static_cast<double>(h) + 0.5) * 0x1.0p-32; }

/// x with its sign flipped when bit 8 of w is set (branch-free).
inline double flip_sign(double x, std::uint64_t w) {
  std::uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  b ^= (w & 0x100) << 55;
  std::memcpy(&x, &b, sizeof b);
  return x;
}

/// Draws per block that take the low halves of the words: draw i < H uses the
/// low half of word i, draw i ≥ H the high half of word i − H (fixed, so the
/// first n draws of a block are the same for any n ≤ sample_block_size).
inline constexpr std::size_t half_block = sample_block_size / 2;

/// Words a block of n draws needs for 32-bit variates.
inline std::size_t half_words(std::size_t n) { return n < half_block ? n : half_block; }

/// The 32-bit half-word of draw i.
inline std::uint32_t half_word(const std::uint64_t* words, std::size_t i) {
  return i < half_block ? static_cast<std::uint32_t>(words[i]) : static_cast<std::uint32_t>(words[i - half_block] >> 32);
}

/// out[i] = f(half_word(words, i)) for i < n: two contiguous loops (low halves,
/// then high halves), so they vectorise where f does.
template <class F>
inline void for_halves(const std::uint64_t* words, std::size_t n, double* __restrict out, F f) {
  const std::size_t m = half_words(n);
  for (std::size_t i = 0; i < m; ++i) out[i] = f(static_cast<std::uint32_t>(words[i]));
  for (std::size_t i = m; i < n; ++i) out[i] = f(static_cast<std::uint32_t>(words[i - m] >> 32));
}

/// Standard normal variates by the ziggurat method (Marsaglia & Tsang 2000,
/// J. Stat. Softw. 5(8)) with 256 layers, r = 3.6541528853610088, one 64-bit
/// word per variate on the fast path: 8 bits choose the layer, 1 bit the sign,
/// 52 bits the abscissa (the bit layout numpy's Generator uses). Exact: the
/// wedge and tail tests complete every rejected attempt.
class Ziggurat {
 public:
  Ziggurat();
  template <class Stream>
  double operator()(Stream& s) const {
    const std::uint64_t w = s.next();
    const unsigned idx = static_cast<unsigned>(w & 0xff);
    const std::uint64_t rabs = w >> 12;  // 52 bits
    const double x0 = static_cast<double>(static_cast<std::int64_t>(rabs)) * w_[idx];
    if (rabs < k_[idx]) return flip_sign(x0, w);  // inside the layer's rectangle (~99% of words)
    return finish(w, s);
  }

 private:
  /// Completes an attempt whose word fell outside the rectangles, then starts over.
  template <class Stream>
#if defined(__GNUC__)
  __attribute__((noinline))
#endif
  double finish(std::uint64_t w, Stream& s) const {
    for (;;) {
      const unsigned idx = static_cast<unsigned>(w & 0xff);
      const std::uint64_t rabs = w >> 12;
      const double x0 = static_cast<double>(static_cast<std::int64_t>(rabs)) * w_[idx];
      const double x = flip_sign(x0, w);
      if (rabs < k_[idx]) return x;
      if (idx == 0) {  // base strip: the tail beyond r (Marsaglia 1964)
        for (;;) {
          const double xx = -std::log(s.uniform()) / r_;
          const double yy = -std::log(s.uniform());
          if (yy + yy > xx * xx) return (w >> 8) & 1 ? -(r_ + xx) : r_ + xx;
        }
      }
      // wedge between layers idx − 1 and idx
      if (f_[idx] + s.uniform() * (f_[idx - 1] - f_[idx]) < std::exp(-0.5 * x0 * x0)) return x;
      w = s.next();
    }
  }

  static constexpr double r_ = 3.6541528853610088;
  std::array<std::uint64_t, 256> k_{};
  std::array<double, 256> w_{}, f_{};
};

inline Ziggurat::Ziggurat() {
  // Marsaglia & Tsang (2000), zigset for 256 layers with 52-bit abscissae.
  // v: the common layer area r·f(r) + ∫_r^∞ f, f(x) = exp(−x²/2).
  const double m = 0x1.0p52, r = r_;
  const double v = r * std::exp(-0.5 * r * r) + std::sqrt(M_PI / 2) * std::erfc(r / std::sqrt(2.0));
  double dn = r, tn = r;
  const double q = v / std::exp(-0.5 * dn * dn);
  k_[0] = static_cast<std::uint64_t>(dn / q * m);
  k_[1] = 0;
  w_[0] = q / m;
  w_[255] = dn / m;
  f_[0] = 1.0;
  f_[255] = std::exp(-0.5 * dn * dn);
  for (int i = 254; i >= 1; --i) {
    dn = std::sqrt(-2.0 * std::log(v / dn + std::exp(-0.5 * dn * dn)));
    k_[static_cast<std::size_t>(i + 1)] = static_cast<std::uint64_t>(dn / tn * m);
    tn = dn;
    f_[static_cast<std::size_t>(i)] = std::exp(-0.5 * dn * dn);
    w_[static_cast<std::size_t>(i)] = dn / m;
  }
}

/// normal_quantile of p[0, n) into z[0, n) (not overlapping p): AS241's central region
/// (|p − 1/2| ≤ 0.425, about 85 % of uniform draws) vectorised (run-time dispatch, no
/// contraction: the same operations as the scalar function), then the tails. Stream version 1:
/// the tails' logarithm by the C library, one by one (the same numbers as normal_quantile, bit
/// for bit); version 2: by log_lanes, in vector lanes (within one unit in the last place of the
/// library's, so within a few units of normal_quantile; lane_math.hpp).
void normal_quantile_block(const double* p, double* z, std::size_t n, unsigned stream_version = stream_version_1);

/// Marsaglia & Tsang (2000, ACM TOMS 26) gamma variate with normals from the
/// AS241 normal quantile (one stream per draw; rank weights); for shape a < 1,
/// Gamma(a) = Gamma(a + 1)·U^{1/a} (their section 6).
inline double gamma_variate(double shape, PhiloxStream& rng) {
  const double a = shape < 1 ? shape + 1 : shape, d = a - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double z, v;
    do {
      z = normal_quantile(rng.uniform());
      v = 1.0 + c * z;
    } while (v <= 0);
    v = v * v * v;
    const double u = rng.uniform();
    const double z2 = z * z;
    if (u < 1.0 - 0.0331 * z2 * z2 || std::log(u) < 0.5 * z2 + d * (1.0 - v + std::log(v))) {
      const double g = d * v;
      return shape < 1 ? g * std::pow(rng.uniform(), 1.0 / shape) : g;
    }
  }
}

enum class SampleMethod { fixed, uniform, triangular, normal, truncated_normal, inversion_table, exact_inverse, discrete, copula };

inline const char* describe(SampleMethod m) {
  switch (m) {
    case SampleMethod::fixed: return "fixed value";
    case SampleMethod::uniform: return "inverse CDF (closed form)";
    case SampleMethod::triangular: return "inverse CDF (closed form)";
    case SampleMethod::normal: return "ziggurat normal (Marsaglia-Tsang 2000)";
    case SampleMethod::truncated_normal: return "inverse CDF (AS241 normal quantile)";
    case SampleMethod::inversion_table:
      return "numerical inversion: quintic Hermite table of the exact quantile, u-error <= 1e-14 + 2e-10*tail probability";
    case SampleMethod::exact_inverse: return "inverse CDF (exact, Parameter::quantile)";
    case SampleMethod::discrete: return "inverse CDF (cumulative weights)";
    case SampleMethod::copula: return "Gaussian copula + exact inverse CDF (Parameter::quantile)";
  }
  return "?";
}

struct SlotSampler {
  std::size_t slot = 0;
  SampleMethod method = SampleMethod::fixed;
  double a = 0, b = 0, c = 0, d = 0;  // method-specific constants
  // inversion_table: index into tables_; a variate is a + b·y (lower half) or
  // c − b·y (upper half), y from the table's half
  std::size_t table = 0;
  std::vector<double> values, cum;  // discrete
  std::size_t copula_index = 0;
};

/// Samples the uncertain slots of a table block by block: parameter j of the
/// draws of block b (draws b·1024 … b·1024 + 1023) comes from the Philox stream
/// (b, slot, ·, domain), consumed in draw order, so a block's values depend only
/// on (seed, block, domain) and never on the thread that samples it.
class TableSampler {
 public:
  /// `stream_version`: stream_version_1 or stream_version_2 (philox_stream.hpp).
  TableSampler(const ParameterTable& table, const std::vector<RankCorrelation>& correlation, std::uint64_t seed,
               unsigned stream_version = stream_version_1);

  std::size_t size() const { return n_; }
  const std::vector<double>& centrals() const { return base_; }
  const std::vector<std::size_t>& uncertain_slots() const { return uncertain_slots_; }
  const std::vector<SlotSampler>& samplers() const { return samplers_; }
  bool correlated() const { return copula_n_ > 0; }
  std::size_t copula_size() const { return copula_n_; }

  /// Per-thread scratch for sample_block.
  struct Scratch {
    WordStream stream;
    std::vector<std::uint64_t> words = std::vector<std::uint64_t>(sample_block_size);  // 64-bit: one per draw
    std::vector<std::uint64_t> piece = std::vector<std::uint64_t>(sample_block_size);  // table lookups: addresses
    std::vector<double> t = std::vector<double>(sample_block_size);
    std::vector<double> eps;  // copula normals, copula_size() × sample_block_size
    std::vector<double> z;
  };
  Scratch scratch() const;

  /// Samples the first n (≤ stride ≤ sample_block_size) draws of block `block`
  /// in stream `domain` into cols: uncertain parameter j of draw i at
  /// cols[c_j·stride + i], with c_j = column[j] (default: j). With
  /// `independent` the copula is ignored (Sobol designs).
  void sample_block(std::uint64_t block, StreamDomain domain, std::size_t n, double* cols, Scratch& s,
                    bool independent = false, const std::size_t* column = nullptr,
                    std::size_t stride = sample_block_size) const;

 private:
  const ParameterTable* table_;
  std::size_t n_ = 0;
  std::uint64_t seed_ = 0;
  unsigned stream_version_ = stream_version_1;
  std::vector<double> base_;  // centrals (fixed values stay)
  std::vector<std::size_t> uncertain_slots_;
  std::vector<SlotSampler> samplers_;  // one per uncertain slot
  std::size_t copula_n_ = 0;
  std::vector<std::size_t> copula_members_;  // index into samplers_
  Eigen::MatrixXd factor_;                   // A with A·Aᵀ = Pearson matrix
  std::vector<InverseTable> tables_;  // shared by parameters of the same shape
  // (family, shape, shape) → index into tables_, or nothing where no table met the tolerance
  std::map<std::tuple<int, double, double>, std::optional<std::size_t>> table_index_;
  /// Index of the table of Beta(p, q) (family 0) or of e^{σZ} (family 1,
  /// σ = p), built on first use.
  std::optional<std::size_t> inverse_table(int family, double p, double q);
  Ziggurat zig_;
};

/// Mergeable quantile sketch with relative accuracy α (DDSketch, Masson,
/// Rim & Lee 2019): logarithmic buckets of integer counts, so merging is exact
/// and independent of order.
class QuantileSketch {
 public:
  explicit QuantileSketch(double alpha = 5e-4);
  void add(double x);
  /// add(x[i]) for every finite x[i], i < n (the others are skipped): the same counts, with the
  /// keys' logarithms taken in vector lanes and the library's where a key could differ.
  void add_block(const double* x, std::size_t n);
  /// add(x) c times for a finite x (nothing for another): the counts of c equal values at once.
  void add_same(double x, std::uint64_t c);
  void merge(const QuantileSketch& o);
  std::uint64_t count() const { return n_; }
  /// Estimate of the order statistic x_(⌊q(n−1)⌋) (0-based), relative error ≤ α.
  double quantile(double q) const;
  /// The counts as plain integers (n, zeros, then key/count pairs of the positive and of the
  /// negative values, each list led by its length), for a sketch computed elsewhere;
  /// from_state(α, state()) merges and answers as the sketch itself.
  std::vector<std::int64_t> state() const;
  static QuantileSketch from_state(double alpha, const std::vector<std::int64_t>& state);

 private:
  struct Store {
    std::vector<std::uint64_t> counts;
    int offset = 0;
    void add(int key, std::uint64_t c = 1);
    /// Makes room for the keys lo … hi (then counts[key − offset] may be incremented directly).
    void cover(int lo, int hi);
  };
  /// Values of smaller magnitude are counted as zero.
  static constexpr double zero_below = 1e-290;
  int key(double a) const { return static_cast<int>(std::ceil(std::log(a) * inv_log_gamma_)); }
  double value(int k) const { return 2.0 * std::exp(k * log_gamma_) / (gamma_ + 1.0); }
  double gamma_, log_gamma_, inv_log_gamma_;
  Store pos_, neg_;
  std::uint64_t zero_ = 0, n_ = 0;
};

}  // namespace impactchain::detail
