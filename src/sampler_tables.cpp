// TableSampler's numerical-inversion tables (inverse_table.hpp): the exact
// functions of each family's tail halves from Boost.Math, and one table per
// distinct shape.
#include <cmath>
#include <exception>
#include <tuple>
#include <utility>

#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/erf.hpp>

#include "sampler.hpp"

namespace impactchain::detail {

namespace {

using Pol = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

/// The lower tail half of Beta(p, q). Double-precision internals (no promotion
/// to long double): about ten times faster to build, far inside the tolerance.
InverseTable::Functions beta_half(double p, double q) {
  InverseTable::Functions f;
  f.quantile = [p, q](double v) { return boost::math::ibeta_inv(p, q, v, Pol()); };
  f.cdf = [p, q](double y) { return boost::math::ibeta(p, q, y, Pol()); };
  f.pdf = [p, q](double y) { return boost::math::ibeta_derivative(p, q, y, Pol()); };
  f.dlogpdf = [p, q](double y) { return (p - 1) / y - (q - 1) / (1 - y); };
  return f;
}

/// The lower tail half of Y = g·e^{g·σZ}, g = ±1 (g = −1: the lower half of
/// −e^{σZ}). Q(v) = g·exp(g·σ·Φ⁻¹(v)); with L = log(g·y): F(y) = Φ(g·L/σ),
/// f(y) = φ(L/σ)/(σ·|y|), f'/f = −(1 + L/σ²)/y.
InverseTable::Functions exp_normal_half(double g, double sd) {
  InverseTable::Functions f;
  f.quantile = [g, sd](double v) { return g * std::exp(g * sd * -M_SQRT2 * boost::math::erfc_inv(2 * v, Pol())); };
  f.cdf = [g, sd](double y) { return 0.5 * boost::math::erfc(-g * std::log(g * y) / sd * M_SQRT1_2, Pol()); };
  f.pdf = [g, sd](double y) {
    const double z = std::log(g * y) / sd;
    return std::exp(-0.5 * z * z) / (std::sqrt(2 * M_PI) * sd * std::fabs(y));
  };
  f.dlogpdf = [g, sd](double y) { return -(1 + std::log(g * y) / (sd * sd)) / y; };
  return f;
}

}  // namespace

std::optional<std::size_t> TableSampler::inverse_table(int family, double p, double q) {
  const auto key = std::make_tuple(family, p, q);
  if (auto it = table_index_.find(key); it != table_index_.end()) return it->second;
  // A special-function error while tabulating means no table: the draws then
  // go through Parameter::quantile, which reports such errors with the parameter named.
  std::optional<InverseTable> t;
  try {
    t = family == 0 ? InverseTable::build(beta_half(p, q), beta_half(q, p))
                    : InverseTable::build(exp_normal_half(1, p), exp_normal_half(-1, p));
  } catch (const std::exception&) {
    t.reset();
  }
  std::optional<std::size_t> index;
  if (t) {
    index = tables_.size();
    tables_.push_back(std::move(*t));
  }
  table_index_.emplace(key, index);
  return index;
}

}  // namespace impactchain::detail
