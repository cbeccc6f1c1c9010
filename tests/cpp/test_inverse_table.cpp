// Sampling by numerical inversion (src/inverse_table.hpp, private to the
// library): the tabulated quantile against Boost.Math's exact CDF at points the
// build never checked, and the fast lookup against the general one.
#include <doctest/doctest.h>

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/special_functions/beta.hpp>

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "inverse_table.hpp"

using impactchain::detail::InverseTable;
using impactchain::detail::locate_halves;

namespace {

// Exact functions with Boost's default (long double internal) policy: an oracle
// independent of the double-precision policy the sampler builds its tables with.
InverseTable::Functions beta_half(double p, double q) {
  InverseTable::Functions f;
  f.quantile = [p, q](double v) { return boost::math::ibeta_inv(p, q, v); };
  f.cdf = [p, q](double y) { return boost::math::ibeta(p, q, y); };
  f.pdf = [p, q](double y) { return boost::math::ibeta_derivative(p, q, y); };
  f.dlogpdf = [p, q](double y) { return (p - 1) / y - (q - 1) / (1 - y); };
  return f;
}

// Lower half of e^{σZ} (g = 1) and of −e^{σZ} (g = −1).
InverseTable::Functions exp_normal_half(double g, double sd) {
  boost::math::normal_distribution<double> z;
  InverseTable::Functions f;
  f.quantile = [=](double v) { return g * std::exp(g * sd * boost::math::quantile(z, v)); };
  f.cdf = [=](double y) { return boost::math::cdf(z, g * std::log(g * y) / sd); };
  f.pdf = [=](double y) { return boost::math::pdf(z, std::log(g * y) / sd) / (sd * std::fabs(y)); };
  f.dlogpdf = [=](double y) { return -(1 + std::log(g * y) / (sd * sd)) / y; };
  return f;
}

// The u-error bound the table promises, at 20,000 log-uniform points per half in
// (2^−21, 1/2) and in the far tail, where the exact quantile is used.
void check_accuracy(const InverseTable& t, const InverseTable::Functions& lower, const InverseTable::Functions& upper) {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> e(-21.0, -1.0);
  const InverseTable::Functions* half[2] = {&lower, &upper};
  double worst = 0;
  for (unsigned h = 0; h < 2; ++h)
    for (int i = 0; i < 20000; ++i) {
      const double v = std::exp2(e(rng));
      const double err = std::fabs(half[h]->cdf(t(h, v)) - v);
      const double bound = InverseTable::absolute_tolerance + InverseTable::relative_tolerance * v;
      worst = std::max(worst, err / bound);
      if (!(err <= bound)) {
        INFO("half " << h << ", v = " << v << ": |F(Q(v)) - v| = " << err << " > " << bound);
        CHECK(false);
        return;
      }
    }
  MESSAGE("largest u-error / bound: " << worst);
  for (unsigned h = 0; h < 2; ++h)
    for (double v : {1e-7, 3e-9, 1e-12}) CHECK(t(h, v) == half[h]->quantile(v));  // exact below 2^−21
}

}  // namespace

TEST_CASE("inverse table: beta and PERT shapes meet the u-error bound") {
  // PERT(lo, mode, hi) is lo + (hi − lo)·Beta(1 + 4(mode − lo)/r, 1 + 4(hi − mode)/r): shapes in [1, 5].
  const double shapes[][2] = {{1.6, 3.4}, {3.4, 1.6}, {1, 3}, {3, 1}, {1, 1}, {2, 2}, {5, 1}, {0.7, 3.5}, {0.5, 0.5}, {20, 1.2}};
  for (const auto& s : shapes) {
    INFO("Beta(" << s[0] << ", " << s[1] << ")");
    const auto lower = beta_half(s[0], s[1]), upper = beta_half(s[1], s[0]);
    const auto t = InverseTable::build(lower, upper);
    REQUIRE(t.has_value());
    check_accuracy(*t, lower, upper);
  }
}

TEST_CASE("inverse table: lognormal shapes meet the u-error bound") {
  for (double sd : {0.05, 0.25, 1.0, 2.5}) {
    INFO("sigma = " << sd);
    const auto lower = exp_normal_half(1, sd), upper = exp_normal_half(-1, sd);
    const auto t = InverseTable::build(lower, upper);
    REQUIRE(t.has_value());
    check_accuracy(*t, lower, upper);
  }
}

TEST_CASE("inverse table: the fast lookup from 32 bits is the general lookup, bit for bit") {
  const auto t = InverseTable::build(beta_half(1.6, 3.4), beta_half(3.4, 1.6));
  REQUIRE(t.has_value());
  REQUIRE(t->level() == 4);  // the instantiation below
  std::mt19937_64 rng(11);
  std::vector<std::uint64_t> words(4096);
  for (auto& w : words) w = rng();
  words[0] = 0x000003ff80000400ULL;  // draw 0: r = 1024 (table, upper half); draw m: r = 1023 (far tail)
  const std::size_t n = 2 * words.size() - 1;  // odd: the last word's high half unused
  static constexpr double zero[6] = {0, 0, 0, 0, 0, 0};
  std::vector<std::uint64_t> piece(n);
  std::vector<double> pos(n);
  // Draw i < m takes the low half of word i, draw i ≥ m the high half of word i − m.
  const std::size_t m = words.size();
  const std::size_t counted =
      locate_halves<4>(words.data(), n, m, t->coefficients(0), t->coefficients(1), zero, piece.data(), pos.data());
  std::size_t far = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto w = static_cast<std::uint32_t>(i < m ? words[i] : words[i - m] >> 32);
    const std::uint32_t r = w & 0x7fffffffU;
    const double v = (r + 0.5) * 0x1.0p-32;
    const auto* p = reinterpret_cast<const double*>(piece[i]);
    if (r < (1U << 11)) {
      CHECK(p == zero);
      ++far;
      continue;
    }
    CHECK(InverseTable::eval(p, pos[i]) == (*t)(w >> 31, v));
  }
  CHECK(far >= 1);  // the planted one
  CHECK(counted == far);
}

TEST_CASE("inverse table: impossible functions give no table") {
  InverseTable::Functions bad = beta_half(2, 2);
  bad.pdf = [](double) { return 0.0; };  // slopes 1/0: not finite
  CHECK_FALSE(InverseTable::build(bad, beta_half(2, 2)).has_value());
}
