// Parameter: every numeric assumption, fixed or uncertain.
//
// A Parameter is a fixed value or a distribution with a central value that
// deterministic results use. Sampling goes through the inverse CDF
// (`quantile(u)`), so one uniform per parameter and draw suffices and a
// Gaussian copula can correlate parameters (Iman & Conover 1982 style).
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/normal.hpp>

#include "impactchain/detail/check.hpp"
#include "impactchain/detail/enum_names.hpp"
#include "impactchain/error.hpp"

namespace impactchain {

enum class Distribution { fixed, uniform, triangular, pert, normal, lognormal, beta, discrete };

template <>
struct EnumSpellings<Distribution> {
  static constexpr const char* field = "distribution";
  static constexpr std::pair<Distribution, const char*> names[] = {
      {Distribution::fixed, "fixed"},
      {Distribution::uniform, "uniform"},
      {Distribution::triangular, "triangular"},
      {Distribution::pert, "pert"},
      {Distribution::normal, "normal"},
      {Distribution::lognormal, "lognormal"},
      {Distribution::beta, "beta"},
      {Distribution::discrete, "discrete"}};
};
inline const char* to_string(Distribution v) { return detail::spelling(v); }

/// Names of the numbers that define each distribution, in `args()` order.
inline std::vector<std::string> arg_names(Distribution d) {
  switch (d) {
    case Distribution::fixed: return {"value"};
    case Distribution::uniform: return {"low", "high"};
    case Distribution::triangular: return {"low", "mode", "high"};
    case Distribution::pert: return {"low", "mode", "high", "lambda"};
    case Distribution::normal: return {"mean", "sd", "lower", "upper"};
    case Distribution::lognormal: return {"meanlog", "sdlog"};
    case Distribution::beta: return {"alpha", "beta", "low", "high"};
    case Distribution::discrete: return {};
  }
  return {};
}

class Parameter {
 public:
  static constexpr double inf = std::numeric_limits<double>::infinity();

  // Domains chosen so that sampling and the inverse CDF always terminate
  // quickly and stay finite (Boost's ibeta_inv takes about 0.1 ms per call at
  // shape 1e6 and does not return for shapes near 1e50).
  static constexpr double max_beta_shape = 1e6;   ///< beta alpha and beta in (0, 1e6]
  static constexpr double max_pert_lambda = 1e3;  ///< PERT lambda in (0, 1e3] (beta shapes <= 1001)
  static constexpr double max_sdlog = 10;         ///< lognormal sdlog in (0, 10]: exp(meanlog + sdlog^2/2) finite
  static constexpr double max_abs_meanlog = 500;  ///< lognormal |meanlog| <= 500: draws out to 13 sdlog stay finite

  /// A fixed value (implicit, so `outcome.deadweight = 0.25` reads naturally).
  Parameter(double value = 0.0) : kind_(Distribution::fixed), args_{value} {  // NOLINT
    if (!std::isfinite(value)) fail("fixed value must be finite, got " + detail::num(value));
  }

  static Parameter fixed(double value) { return Parameter(value); }

  static Parameter uniform(double low, double high) {
    Parameter p(Distribution::uniform, {low, high});
    if (!(low < high)) fail("uniform needs low < high, got low=" + detail::num(low) + ", high=" + detail::num(high));
    check_width("uniform", low, high);
    return p;
  }

  static Parameter triangular(double low, double mode, double high) {
    Parameter p(Distribution::triangular, {low, mode, high});
    if (!(low <= mode && mode <= high && low < high))
      fail("triangular needs low <= mode <= high and low < high, got " + detail::num(low) + ", " +
           detail::num(mode) + ", " + detail::num(high));
    check_width("triangular", low, high);
    return p;
  }

  /// PERT (Vose 2008): Beta(1 + λ(m−a)/(b−a), 1 + λ(b−m)/(b−a)) on [a, b]; λ = 4 classic.
  static Parameter pert(double low, double mode, double high, double lambda = 4.0) {
    Parameter p(Distribution::pert, {low, mode, high, lambda});
    if (!(low <= mode && mode <= high && low < high))
      fail("pert needs low <= mode <= high and low < high, got " + detail::num(low) + ", " +
           detail::num(mode) + ", " + detail::num(high));
    check_width("pert", low, high);
    if (!(lambda > 0 && lambda <= max_pert_lambda))
      fail("pert lambda must be in (0, " + detail::num(max_pert_lambda) + "], got " + detail::num(lambda));
    return p;
  }

  /// Normal, optionally truncated to [lower, upper].
  static Parameter normal(double mean, double sd, double lower = -inf, double upper = inf) {
    Parameter p(Distribution::normal, {mean, sd, lower, upper}, true);
    if (!(sd > 0)) fail("normal needs sd > 0, got " + detail::num(sd));
    if (!std::isfinite(std::fabs(mean) + 40.0 * sd))
      fail("normal mean and sd are too large: |mean| + 40*sd must be finite, got mean=" + detail::num(mean) +
           ", sd=" + detail::num(sd));
    if (!(lower < upper)) fail("normal needs lower < upper, got lower=" + detail::num(lower) + ", upper=" + detail::num(upper));
    if (std::isnan(lower) || std::isnan(upper)) fail("normal truncation bounds must not be NaN");
    if (p.normal_mass() < 1e-12)
      fail("normal truncated to [" + detail::num(lower) + ", " + detail::num(upper) + "] has no probability mass");
    return p;
  }

  /// Lognormal: log(X) ~ Normal(meanlog, sdlog).
  static Parameter lognormal(double meanlog, double sdlog) {
    Parameter p(Distribution::lognormal, {meanlog, sdlog});
    if (!(sdlog > 0 && sdlog <= max_sdlog))
      fail("lognormal sdlog must be in (0, " + detail::num(max_sdlog) + "], got " + detail::num(sdlog) +
           " (larger values give infinite means and draws)");
    if (!(std::fabs(meanlog) <= max_abs_meanlog))
      fail("lognormal meanlog must be in [-" + detail::num(max_abs_meanlog) + ", " + detail::num(max_abs_meanlog) +
           "], got " + detail::num(meanlog) + " (exp(meanlog) would overflow or underflow)");
    return p;
  }

  /// Lognormal given the mean and SD of X itself (moment matching).
  static Parameter lognormal_from_moments(double mean, double sd) {
    if (!(mean > 0) || !std::isfinite(mean)) fail("lognormal needs mean > 0, got " + detail::num(mean));
    if (!(sd > 0) || !std::isfinite(sd)) fail("lognormal needs sd > 0, got " + detail::num(sd));
    const double cv = sd / mean, s2 = std::log1p(cv * cv);
    if (!(std::sqrt(s2) <= max_sdlog))
      fail("lognormal needs sd/mean <= " + detail::num(std::sqrt(std::expm1(max_sdlog * max_sdlog)), 3) +
           " (sdlog <= " + detail::num(max_sdlog) + "), got mean=" + detail::num(mean) + ", sd=" + detail::num(sd));
    return lognormal(std::log(mean) - 0.5 * s2, std::sqrt(s2));
  }

  /// Beta(alpha, beta), optionally scaled to [low, high].
  static Parameter beta(double alpha, double beta, double low = 0.0, double high = 1.0) {
    Parameter p(Distribution::beta, {alpha, beta, low, high});
    if (!(alpha > 0 && alpha <= max_beta_shape))
      fail("beta alpha must be in (0, " + detail::num(max_beta_shape) + "], got " + detail::num(alpha));
    if (!(beta > 0 && beta <= max_beta_shape))
      fail("beta beta must be in (0, " + detail::num(max_beta_shape) + "], got " + detail::num(beta));
    if (!(low < high)) fail("beta needs low < high, got low=" + detail::num(low) + ", high=" + detail::num(high));
    check_width("beta", low, high);
    return p;
  }

  /// Discrete / empirical: values with weights (equal weights when none are given).
  static Parameter discrete(std::vector<double> values, std::vector<double> weights = {}) {
    if (values.empty()) fail("discrete needs at least one value");
    if (weights.empty()) weights.assign(values.size(), 1.0);
    if (weights.size() != values.size())
      fail("discrete needs one weight per value, got " + std::to_string(values.size()) + " values and " +
           std::to_string(weights.size()) + " weights");
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (!std::isfinite(values[i])) fail("discrete values[" + std::to_string(i) + "] must be finite, got " + detail::num(values[i]));
      if (!(weights[i] >= 0) || !std::isfinite(weights[i]))
        fail("discrete weights[" + std::to_string(i) + "] must be finite and >= 0, got " + detail::num(weights[i]));
    }
    // Weights count in proportion only, so the arithmetic uses them scaled by a power of two that
    // brings the largest into [1, 2): exact (no rounding), and a sum that cannot overflow however
    // large the weights are (1e308 and 1e308 sum to infinity as given).
    const double largest = *std::max_element(weights.begin(), weights.end());
    if (!(largest > 0)) fail("discrete weights must not all be zero");
    const int shift = std::ilogb(largest);
    std::vector<double> relative(weights.size());
    for (std::size_t i = 0; i < weights.size(); ++i) relative[i] = std::ldexp(weights[i], -shift);
    const double total = std::accumulate(relative.begin(), relative.end(), 0.0);
    // Sort by value so the quantile function is monotone.
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return values[a] < values[b]; });
    Parameter p(Distribution::discrete, {});
    for (auto i : order) {
      p.args_.push_back(values[i]);
      p.weights_.push_back(weights[i]);
      p.relative_weights_.push_back(relative[i]);
    }
    p.total_weight_ = total;
    return p;
  }

  Distribution kind() const noexcept { return kind_; }
  bool is_fixed() const noexcept { return kind_ == Distribution::fixed; }
  /// Defining numbers in `arg_names(kind())` order; for discrete: the sorted values.
  const std::vector<double>& args() const noexcept { return args_; }
  /// Weights of a discrete parameter as given, in sorted-value order (empty otherwise).
  const std::vector<double>& weights() const noexcept { return weights_; }
  /// The weights of a discrete parameter scaled by one power of two so the largest is in [1, 2): the
  /// same proportions, exactly, and sums that stay finite. Means and quantiles are taken with these.
  const std::vector<double>& relative_weights() const noexcept { return relative_weights_; }

  /// The value deterministic results use: the mode for triangular and PERT
  /// (the analyst's "most likely"), the mean for every other distribution.
  double central() const {
    switch (kind_) {
      case Distribution::triangular:
      case Distribution::pert: return args_[1];
      default: return mean();
    }
  }

  double mean() const {
    const auto& a = args_;
    switch (kind_) {
      case Distribution::fixed: return a[0];
      case Distribution::uniform: return 0.5 * (a[0] + a[1]);
      case Distribution::triangular: return (a[0] + a[1] + a[2]) / 3.0;
      case Distribution::pert: return (a[0] + a[3] * a[1] + a[2]) / (a[3] + 2.0);
      case Distribution::normal: {
        if (!std::isfinite(a[2]) && !std::isfinite(a[3])) return a[0];
        boost::math::normal_distribution<double> z;
        const double al = (a[2] - a[0]) / a[1], be = (a[3] - a[0]) / a[1];
        const double pa = std::isfinite(al) ? boost::math::pdf(z, al) : 0.0;
        const double pb = std::isfinite(be) ? boost::math::pdf(z, be) : 0.0;
        return a[0] + a[1] * (pa - pb) / normal_mass();
      }
      case Distribution::lognormal: return std::exp(a[0] + 0.5 * a[1] * a[1]);
      case Distribution::beta: return a[2] + (a[3] - a[2]) * a[0] / (a[0] + a[1]);
      case Distribution::discrete: {
        double m = 0;
        for (std::size_t i = 0; i < a.size(); ++i) m += a[i] * relative_weights_[i];
        return m / total_weight_;
      }
    }
    return a[0];
  }

  /// Smallest and largest value the parameter can take (may be infinite).
  double lower() const {
    const auto& a = args_;
    switch (kind_) {
      case Distribution::fixed: return a[0];
      case Distribution::normal: return a[2];
      case Distribution::lognormal: return 0.0;
      case Distribution::beta: return a[2];
      case Distribution::discrete: return a.front();
      default: return a[0];
    }
  }
  double upper() const {
    const auto& a = args_;
    switch (kind_) {
      case Distribution::fixed: return a[0];
      case Distribution::uniform: return a[1];
      case Distribution::triangular:
      case Distribution::pert: return a[2];
      case Distribution::normal: return a[3];
      case Distribution::lognormal: return inf;
      case Distribution::beta: return a[3];
      case Distribution::discrete: return a.back();
    }
    return a[0];
  }

  /// Inverse CDF at u in [0, 1]; u = 0 and u = 1 give the support bounds.
  /// An error of the special functions comes out as ValidationError naming
  /// the distribution and its arguments (never as a Boost exception).
  double quantile(double u) const {
    try {
      return quantile_unchecked(u);
    } catch (const ValidationError&) {
      throw;
    } catch (const std::exception& e) {
      fail(describe() + ": the inverse CDF at u=" + detail::num(u) + " failed (" + e.what() + ")");
    }
  }

  /// `beta(alpha=2, beta=5, low=0, high=1)`: the distribution and its arguments.
  std::string describe() const {
    std::string s = std::string(to_string(kind_)) + "(";
    if (kind_ == Distribution::discrete) return s + std::to_string(args_.size()) + " values)";
    const auto names = arg_names(kind_);
    for (std::size_t i = 0; i < args_.size(); ++i) s += (i ? ", " : "") + names[i] + "=" + detail::num(args_[i]);
    return s + ")";
  }

 private:
  double quantile_unchecked(double u) const {
    const auto& a = args_;
    if (kind_ == Distribution::fixed) return a[0];
    if (!(u > 0)) return lower();
    if (!(u < 1)) return upper();
    switch (kind_) {
      case Distribution::uniform: return a[0] + u * (a[1] - a[0]);
      case Distribution::triangular: {
        const double lo = a[0], m = a[1], hi = a[2], fc = (m - lo) / (hi - lo);
        return u < fc ? lo + std::sqrt(u * (hi - lo) * (m - lo)) : hi - std::sqrt((1 - u) * (hi - lo) * (hi - m));
      }
      case Distribution::pert: {
        const double r = a[2] - a[0];
        const double al = 1 + a[3] * (a[1] - a[0]) / r, be = 1 + a[3] * (a[2] - a[1]) / r;
        return a[0] + r * boost::math::ibeta_inv(al, be, u);
      }
      case Distribution::normal: {
        boost::math::normal_distribution<double> z;
        const double lo = std::isfinite(a[2]) ? boost::math::cdf(z, (a[2] - a[0]) / a[1]) : 0.0;
        const double hi = std::isfinite(a[3]) ? boost::math::cdf(z, (a[3] - a[0]) / a[1]) : 1.0;
        const double x = a[0] + a[1] * boost::math::quantile(z, lo + u * (hi - lo));
        return std::min(std::max(x, a[2]), a[3]);
      }
      case Distribution::lognormal: {
        boost::math::normal_distribution<double> z;
        return std::exp(a[0] + a[1] * boost::math::quantile(z, u));
      }
      case Distribution::beta: return a[2] + (a[3] - a[2]) * boost::math::ibeta_inv(a[0], a[1], u);
      case Distribution::discrete: {
        double cum = 0;
        const double target = u * total_weight_;
        for (std::size_t i = 0; i < a.size(); ++i) {
          cum += relative_weights_[i];
          if (target <= cum) return a[i];
        }
        return a.back();
      }
      default: return a[0];
    }
  }

 public:
  /// Checks that every value the parameter can take lies in [lo, hi];
  /// returns an empty string when it does, else the reason.
  std::string check_within(double lo, double hi) const {
    const double l = lower(), h = upper();
    if (l >= lo && h <= hi) return {};
    auto bound = [](double v) { return std::isinf(v) ? (v > 0 ? std::string("inf") : std::string("-inf")) : detail::num(v); };
    if (is_fixed() && lo == 0 && hi == 1) return detail::must("", detail::outside_unit_interval(args_[0]));
    if (is_fixed()) return "must be in [" + bound(lo) + ", " + bound(hi) + "], got " + detail::num(args_[0]);
    // A share written in percentages ({uniform: [10, 30]}): said as for a fixed 30.
    const bool percentages = lo == 0 && hi == 1 && l >= 0 && h >= 2 && h <= 100;
    return "must be in [" + bound(lo) + ", " + bound(hi) + "], but the " + to_string(kind_) +
           " distribution reaches [" + bound(l) + ", " + bound(h) + "]" +
           (kind_ == Distribution::normal ? " (truncate it with lower/upper)" : "") +
           (percentages ? " (percentages? write its numbers as shares: " + detail::num(h) + " % is " +
                              detail::num(h / 100) + ")"
                        : "");
  }

  bool operator==(const Parameter& o) const { return kind_ == o.kind_ && args_ == o.args_ && weights_ == o.weights_; }
  bool operator!=(const Parameter& o) const { return !(*this == o); }

 private:
  Parameter(Distribution k, std::vector<double> a, bool allow_inf = false) : kind_(k), args_(std::move(a)) {
    for (std::size_t i = 0; i < args_.size(); ++i)
      if (std::isnan(args_[i]) || (!allow_inf && std::isinf(args_[i])))
        fail(std::string(to_string(k)) + " " + arg_names(k)[i] + " must be finite, got " + detail::num(args_[i]));
    if (allow_inf && (std::isinf(args_[0]) || std::isinf(args_[1])))
      fail(std::string(to_string(k)) + " mean and sd must be finite");
  }

  double normal_mass() const {
    boost::math::normal_distribution<double> z;
    const double lo = std::isfinite(args_[2]) ? boost::math::cdf(z, (args_[2] - args_[0]) / args_[1]) : 0.0;
    const double hi = std::isfinite(args_[3]) ? boost::math::cdf(z, (args_[3] - args_[0]) / args_[1]) : 1.0;
    return hi - lo;
  }

  [[noreturn]] static void fail(const std::string& message) { throw ValidationError("", message); }

  /// high - low must be a finite number, so draws and means do not overflow.
  static void check_width(const char* kind, double low, double high) {
    if (!std::isfinite(high - low))
      fail(std::string(kind) + " range is too wide: high - low must be finite, got low=" + detail::num(low) +
           ", high=" + detail::num(high));
  }

  Distribution kind_;
  std::vector<double> args_;
  std::vector<double> weights_;
  std::vector<double> relative_weights_;  // weights_ · 2^-k, the largest in [1, 2)
  double total_weight_ = 1.0;             // the sum of relative_weights_
};

/// A parameter with the place it comes from (`outcomes[employed].deadweight`).
struct NamedParameter {
  std::string name;
  Parameter parameter;
};

/// The ordered list of a model's parameters that an evaluation plan refers to
/// by index: deterministic runs fill slot i with `central()`, Monte Carlo with a draw.
class ParameterTable {
 public:
  /// Adds a parameter and returns its slot.
  std::size_t add(std::string name, const Parameter& p) {
    entries_.push_back(NamedParameter{std::move(name), p});
    return entries_.size() - 1;
  }
  std::size_t size() const noexcept { return entries_.size(); }
  const NamedParameter& operator[](std::size_t i) const { return entries_[i]; }
  const std::vector<NamedParameter>& entries() const noexcept { return entries_; }
  std::vector<double> centrals() const {
    std::vector<double> x(entries_.size());
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = entries_[i].parameter.central();
    return x;
  }
  /// Slots of the parameters that are not fixed.
  std::vector<std::size_t> uncertain() const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < entries_.size(); ++i)
      if (!entries_[i].parameter.is_fixed()) out.push_back(i);
    return out;
  }

 private:
  std::vector<NamedParameter> entries_;
};

}  // namespace impactchain
