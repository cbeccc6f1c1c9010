#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <string>

#include "impactchain/error.hpp"
#include "impactchain/evppi.hpp"

using namespace impactchain;

namespace {

/// EVPPI of a decision between 0 and X ~ N(m, s²) when X becomes known:
/// E[max(X, 0)] − max(m, 0) = s·φ(m/s) + m·Φ(m/s) − max(m, 0).
double closed_form(double m, double s) {
  const double z = m / s;
  const double phi = std::exp(-z * z / 2) / std::sqrt(2 * M_PI);
  const double Phi = 0.5 * (1 + std::erf(z / std::sqrt(2.0)));
  return s * phi + m * Phi - std::max(m, 0.0);
}

/// Two strategies, nothing (0) or INB = m + θ1 + θ2 + 0·θ3, θ1 ~ N(0, 2²), θ2 ~ N(0, 1), θ3 ~ N(0, 1):
/// knowing θ1 leaves E[INB | θ1] = m + θ1 ~ N(m, 2²), knowing θ2 leaves m + θ2 ~ N(m, 1).
struct LinearInb {
  Eigen::MatrixXd nb, theta;
  double m = -0.5;
};

LinearInb linear_inb(Eigen::Index n) {
  LinearInb l;
  std::mt19937_64 g(20240601);
  std::normal_distribution<double> z;
  l.theta.resize(n, 3);
  l.nb.resize(n, 2);
  for (Eigen::Index i = 0; i < n; ++i) {
    l.theta(i, 0) = 2 * z(g);
    l.theta(i, 1) = z(g);
    l.theta(i, 2) = z(g);
    l.nb(i, 0) = 0;
    l.nb(i, 1) = l.m + l.theta(i, 0) + l.theta(i, 1) + 0 * l.theta(i, 2);
  }
  return l;
}

}  // namespace

TEST_CASE("evppi: single parameters of a normal-linear net benefit match the closed form") {
  const LinearInb l = linear_inb(20000);
  for (const EvppiMethod method : {EvppiMethod::regression, EvppiMethod::binned}) {
    CAPTURE(to_string(method));
    EvppiOptions o;
    o.method = method;
    const EvppiResult r = evppi(l.nb, l.theta, o);
    CHECK(std::abs(r.evppi[0] - closed_form(l.m, 2.0)) <= 3 * r.se[0]);
    CHECK(std::abs(r.evppi[1] - closed_form(l.m, 1.0)) <= 3 * r.se[1]);
    CHECK(r.se[0] > 0);
    CHECK(r.evppi[2] <= 3 * r.se[2]);  // an irrelevant parameter is worth (about) nothing
    CHECK(r.evppi[2] >= 0);
  }
}

TEST_CASE("evppi: the same numbers for 1 and 2 threads") {
  const LinearInb l = linear_inb(5000);
  for (const EvppiMethod method : {EvppiMethod::regression, EvppiMethod::binned}) {
    CAPTURE(to_string(method));
    EvppiOptions o;
    o.method = method;
    o.threads = 1;
    const EvppiResult a = evppi(l.nb, l.theta, o);
    o.threads = 2;
    const EvppiResult b = evppi(l.nb, l.theta, o);
    for (Eigen::Index j = 0; j < 3; ++j) {
      CHECK(a.evppi[j] == b.evppi[j]);
      CHECK(a.se[j] == b.se[j]);
    }
  }
}

TEST_CASE("evppi: columns computed in two calls with first_index give one call's numbers") {
  const LinearInb l = linear_inb(5000);
  EvppiOptions o;
  const EvppiResult whole = evppi(l.nb, l.theta, o);
  const EvppiResult head = evppi(l.nb, l.theta.leftCols(1), o);
  o.first_index = 1;
  const EvppiResult tail = evppi(l.nb, l.theta.rightCols(2), o);
  CHECK(head.se[0] == whole.se[0]);
  for (Eigen::Index j = 0; j < 2; ++j) {
    CHECK(tail.evppi[j] == whole.evppi[j + 1]);
    CHECK(tail.se[j] == whole.se[j + 1]);
  }
}

TEST_CASE("evppi: the seed keys the redraws of the standard error, not the estimate") {
  const LinearInb l = linear_inb(5000);
  EvppiOptions o;
  o.seed = 1;
  const EvppiResult a = evppi(l.nb, l.theta, o);
  o.seed = 2;
  const EvppiResult b = evppi(l.nb, l.theta, o);
  CHECK(a.evppi[0] == b.evppi[0]);
  CHECK(a.se[0] != b.se[0]);
}

TEST_CASE("evppi: a constant parameter is worth 0, and a two-valued one drops the dependent spline columns") {
  const Eigen::Index n = 4000;
  std::mt19937_64 g(7);
  std::bernoulli_distribution coin;
  std::normal_distribution<double> z;
  Eigen::MatrixXd theta(n, 2), nb(n, 2);
  for (Eigen::Index i = 0; i < n; ++i) {
    theta(i, 0) = 3.5;
    theta(i, 1) = coin(g) ? 1.0 : -1.0;
    nb(i, 0) = 0;
    nb(i, 1) = -0.5 + theta(i, 1) + 0.3 * z(g);
  }
  const EvppiResult r = evppi(nb, theta);
  CHECK(r.evppi[0] == 0.0);
  CHECK(r.se[0] == 0.0);
  // E[INB | θ] = −0.5 + θ, θ = ±1 with probability 1/2:
  // EVPPI = ½·max(0.5, 0) + ½·max(−1.5, 0) − max(−0.5, 0) = 0.25.
  CHECK(r.columns[1] == 2);  // the intercept and z: z², z³ and the knots' terms are functions of them
  CHECK(std::abs(r.evppi[1] - 0.25) <= 3 * r.se[1]);
}

TEST_CASE("evppi: bad input is refused naming the parameter and the row") {
  const LinearInb l = linear_inb(300);
  EvppiOptions o;
  o.names = {"t1", "t2", "t3"};
  Eigen::MatrixXd theta = l.theta;
  theta(5, 1) = std::nan("");
  CHECK_THROWS_WITH_AS(evppi(l.nb, theta, o), doctest::Contains("parameter 't2', row 5: must be finite"),
                       ValidationError);
  Eigen::MatrixXd nb = l.nb;
  nb(7, 1) = INFINITY;
  CHECK_THROWS_WITH_AS(evppi(nb, l.theta, o), doctest::Contains("strategy 1, row 7: must be finite"),
                       ValidationError);
  CHECK_THROWS_WITH_AS(evppi(l.nb, l.theta.topRows(299), o),
                       doctest::Contains("has 299 draws (rows), net_benefit has 300"), ValidationError);
  CHECK_THROWS_WITH_AS(evppi(l.nb.leftCols(1), l.theta, o), doctest::Contains("at least 2 strategies"),
                       ValidationError);
  o.knots = 1;
  CHECK_THROWS_WITH_AS(evppi(l.nb, l.theta, o), doctest::Contains("knots"), ValidationError);
  o.knots = 6;
  o.names = {"t1"};
  CHECK_THROWS_WITH_AS(evppi(l.nb, l.theta, o), doctest::Contains("1 names for 3 parameters"), ValidationError);
}
