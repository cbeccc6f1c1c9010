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

/// For n half-words h_i (words[i/2], low half first) and a table of level L:
/// the piece piece[i] and position t[i] of v = (r + 1/2)·2^−32 in half h_i >> 31
/// (r = h_i mod 2^31), so InverseTable::eval(piece[i], t[i]) is the table's
/// value, as operator() gives it. For r < 2^11 (far tails, v < 2^−21) piece[i]
/// is `zero` and the caller redoes the draw. Constant shifts and no branches.
/// For n half-words h_i (words[i/2], low half first) and a table of level L:
/// the piece piece[i] and position t[i] of v = (r + 1/2)·2^−32 in half h_i >> 31
/// (r = h_i mod 2^31), so InverseTable::eval(piece[i], t[i]) is the table's
/// value, as operator() gives it. For r < 2^11 (far tails, v < 2^−21) piece[i]
/// is `zero` and the caller redoes the draw. Constant shifts and no branches.
template <unsigned L>
inline bool locate_half(std::uint32_t w, const double* lower, const double* upper, const double* zero,
                        const double*& piece, double& t) {
  const std::uint32_t r = w & 0x7fffffffU;
  // v = (r + 1/2)·2^−32 = (2r + 1)·2^−33: the mantissa of the double 2r + 1
  // (exact), and its exponent minus 33.
  const double odd = static_cast<double>(static_cast<std::int64_t>(2 * static_cast<std::uint64_t>(r) + 1));
  std::uint64_t bits;
  std::memcpy(&bits, &odd, sizeof bits);
  const std::uint64_t k = 1054 - (bits >> 52);  // octave: v's biased exponent is (bits >> 52) − 33
  const std::uint64_t frac = bits & ((std::uint64_t{1} << 52) - 1);
  const std::uint64_t j = (k << L) + (frac >> (52 - L));
  t = static_cast<double>(static_cast<std::int64_t>(frac & ((std::uint64_t{1} << (52 - L)) - 1))) *
      (1.0 / static_cast<double>(std::uint64_t{1} << (52 - L)));
  const double* c = ((w >> 31) ? upper : lower) + 6 * j;
  const bool far = r < (1U << 11);
  piece = far ? zero : c;
  return far;
}

/// Returns the number of far-tail half-words.
template <unsigned L>
std::size_t locate_halves(const std::uint64_t* words, std::size_t n, const double* lower, const double* upper,
                          const double* zero, const double** __restrict piece, double* __restrict t) {
  std::size_t far = 0;
  const std::size_t pairs = n / 2;
  for (std::size_t p = 0; p < pairs; ++p) {
    const std::uint64_t w = words[p];
    far += locate_half<L>(static_cast<std::uint32_t>(w), lower, upper, zero, piece[2 * p], t[2 * p]);
    far += locate_half<L>(static_cast<std::uint32_t>(w >> 32), lower, upper, zero, piece[2 * p + 1], t[2 * p + 1]);
  }
  if (n % 2)
    far += locate_half<L>(static_cast<std::uint32_t>(words[pairs]), lower, upper, zero, piece[n - 1], t[n - 1]);
  return far;
}

}  // namespace impactchain::detail
