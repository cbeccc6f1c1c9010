// Private to src/: sampling by fast numerical inversion. The quantile function
// of one tail half of a continuous distribution is tabulated as quintic Hermite
// pieces on a dyadic grid of tail probabilities, so one uniform gives one
// variate with a table lookup and a quintic, and the accuracy is checked when the
// table is built (Hörmann & Leydold's criterion of a bounded u-error, as in
// UNU.RAN's PINV and scipy.stats.sampling.NumericalInversePolynomial).
#pragma once

#include <cstdint>
#include <cmath>
#include <cstring>
#include <functional>
#include <optional>
#include <vector>

namespace impactchain::detail {

/// The quantile function of a continuous distribution, tabulated for fast
/// sampling. Half 0 is the lower tail half: y = Q(v), v = u in (0, 1/2), and
/// x = y; half 1 is the lower tail half of −X: y = −Q(1 − v), so x = −y. Each
/// half is given by its own functions (quantile, cdf, pdf, f'/f).
///
/// Octave k (k = 0 … octaves−1) of a half covers v in [2^−(k+2), 2^−(k+1)) and
/// is cut into 2^m equal pieces; on each piece Q is the quintic Hermite
/// interpolant of the exact quantiles, slopes Q' = 1/f(Q) and curvatures
/// Q'' = −(f'/f)(Q)·Q'² at the piece's ends. The level m is the same for both
/// halves and every octave, so a lookup is bit arithmetic with constant shifts;
/// it is the smallest at which the u-error |F(Q̃(v)) − v| is at most
/// absolute_tolerance + relative_tolerance·v at five interior points of every
/// piece (so at most about 1e-10 anywhere). Below 2^−(octaves+1) the exact
/// quantile is used.
class InverseTable {
 public:
  struct Functions {
    std::function<double(double)> quantile;  ///< exact Q(v)
    std::function<double(double)> cdf;       ///< F(y) = v
    std::function<double(double)> pdf;       ///< f(y) = F'(y)
    std::function<double(double)> dlogpdf;   ///< f'(y)/f(y)
  };
  static constexpr int octaves = 20;  // v ≥ 2^−21: the v = (r + 1/2)·2^−32 with r ≥ 2^11
  static constexpr unsigned min_level = 3, max_level = 8;
  static constexpr double relative_tolerance = 2e-10;
  static constexpr double absolute_tolerance = 1e-14;

  /// The table, or nothing where no level up to max_level meets the tolerance
  /// (or the functions give non-finite values); the caller then inverts exactly.
  static std::optional<InverseTable> build(const Functions& lower, const Functions& upper);

  unsigned level() const { return level_; }
  /// The pieces of half h, octave-major: piece (k << level) + j, 6 coefficients each.
  const double* coefficients(unsigned h) const { return coef_[h].data(); }
  std::size_t pieces() const { return coef_[0].size() / 6; }

  /// Q̃(v) of half h for any v in (0, 1/2) (the exact quantile below 2^−21).
  double operator()(unsigned h, double v) const {
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    // v in [2^−(k+2), 2^−(k+1)) has biased exponent 1023 − (k + 2).
    const auto k = static_cast<unsigned>(1021 - static_cast<int>(bits >> 52));
    if (k >= static_cast<unsigned>(octaves)) return exact_[h](v);
    const std::uint64_t frac = bits & ((std::uint64_t{1} << 52) - 1);
    const unsigned rest = 52 - level_;
    const std::uint64_t piece = (std::uint64_t{k} << level_) + (frac >> rest);
    const double t = static_cast<double>(static_cast<std::int64_t>(frac & ((std::uint64_t{1} << rest) - 1))) *
                     std::ldexp(1.0, -static_cast<int>(rest));
    return eval(coefficients(h) + 6 * piece, t);
  }

  /// The piece polynomial c0 + c1·t + … + c5·t⁵ (Estrin's scheme: a short
  /// dependency chain, so consecutive lookups overlap).
  static double eval(const double* c, double t) {
    const double t2 = t * t;
    const double a = c[0] + c[1] * t, b = c[2] + c[3] * t, d = c[4] + c[5] * t;
    return a + t2 * (b + t2 * d);
  }

 private:
  static bool build_half(const Functions& f, unsigned m, std::vector<double>& coef);
  unsigned level_ = 0;
  std::vector<double> coef_[2];
  std::function<double(double)> exact_[2];
};

/// The table piece and position of one draw from its half-word w (bit 31: the
/// half; r = w mod 2^31; tail probability v = (r + 1/2)·2^−32) for a table of
/// level L: eval(piece, t) is the table's value, as operator() gives it. Far
/// tails (r < 2^11, v < 2^−21) get `zero` and count 1, and the caller redoes
/// them. Integer and bit operations and two exact floating-point subtractions:
/// no conversions and no branches, so loops over draws vectorise.
/// Bit casts between double and its 64 bits (__builtin_bit_cast where the
/// compiler has it: unlike memcpy, it leaves loops vectorisable).
#if defined(__has_builtin)
#if __has_builtin(__builtin_bit_cast)
#define IMPACTCHAIN_HAS_BIT_CAST 1
#endif
#endif
inline double double_of(std::uint64_t b) {
#ifdef IMPACTCHAIN_HAS_BIT_CAST
  return __builtin_bit_cast(double, b);
#else
  double d;
  std::memcpy(&d, &b, sizeof d);
  return d;
#endif
}
inline std::uint64_t bits_of(double d) {
#ifdef IMPACTCHAIN_HAS_BIT_CAST
  return __builtin_bit_cast(std::uint64_t, d);
#else
  std::uint64_t b;
  std::memcpy(&b, &d, sizeof b);
  return b;
#endif
}

template <unsigned L>
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
inline std::uint64_t locate_half(std::uint64_t w, std::uint64_t lower, std::uint64_t upper, std::uint64_t zero,
                                 std::uint64_t& piece, double& t) {
  constexpr std::uint64_t mant = (std::uint64_t{1} << 52) - 1, exp52 = std::uint64_t{0x433} << 52;
  const std::uint64_t r = w & 0x7fffffffU;
  // The double 2r + 1 (exact, < 2^32) as 2^52 + (2r + 1) minus 2^52; v = (2r + 1)·2^−33.
  const std::uint64_t bits = bits_of(double_of((2 * r + 1) | exp52) - 0x1.0p52);
  const std::uint64_t k = 1054 - (bits >> 52);  // octave: v's biased exponent is (bits >> 52) − 33
  const std::uint64_t frac = bits & mant;
  const std::uint64_t j = (k << L) + (frac >> (52 - L));
  // t: the bits below the piece index as the mantissa of a number in [1, 2), minus 1 (exact).
  t = double_of(((frac << L) & mant) | (std::uint64_t{0x3ff} << 52)) - 1.0;
  const std::uint64_t up_mask = std::uint64_t{0} - ((w >> 31) & 1);
  const std::uint64_t c = ((lower & ~up_mask) | (upper & up_mask)) + 6 * sizeof(double) * j;
  const std::uint64_t far = r < (1U << 11) ? 1 : 0;
  const std::uint64_t far_mask = std::uint64_t{0} - far;
  piece = (c & ~far_mask) | (zero & far_mask);
  return far;
}

/// locate_half for n draws: draw i < m from the low half of words[i], draw
/// i ≥ m from the high half of words[i − m]. Table addresses go to piece[i] (as
/// integers), positions to t[i]; returns the far-tail count.
template <unsigned L>
#if defined(__GNUC__)
__attribute__((always_inline))  // into the caller, so its SIMD clones vectorise the loops
#endif
inline std::size_t locate_halves(const std::uint64_t* words, std::size_t n, std::size_t m, const double* lower,
                                 const double* upper, const double* zero, std::uint64_t* __restrict piece,
                                 double* __restrict t) {
  const auto lo = reinterpret_cast<std::uint64_t>(lower), up = reinterpret_cast<std::uint64_t>(upper);
  const auto zr = reinterpret_cast<std::uint64_t>(zero);
  std::uint64_t far = 0;
  for (std::size_t i = 0; i < m; ++i) far += locate_half<L>(words[i] & 0xffffffffU, lo, up, zr, piece[i], t[i]);
  for (std::size_t i = m; i < n; ++i) far += locate_half<L>(words[i - m] >> 32, lo, up, zr, piece[i], t[i]);
  return static_cast<std::size_t>(far);
}

}  // namespace impactchain::detail
