#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "impactchain/omega.hpp"
#include "impactchain/reliability.hpp"
#include "support.hpp"

using namespace impactchain;

namespace {

/// The correlation matrix of three items with correlations r12, r13, r23.
Eigen::MatrixXd omega_triad(double r12, double r13, double r23) {
  Eigen::MatrixXd r(3, 3);
  r << 1, r12, r13,
       r12, 1, r23,
       r13, r23, 1;
  return r;
}

OmegaOptions omega_with(FactorMethod method, bool standardised = false, OmegaVariance total = OmegaVariance::observed) {
  OmegaOptions o;
  o.method = method;
  o.standardised = standardised;
  o.total_variance = total;
  return o;
}

}  // namespace

TEST_CASE("omega: three items fit one factor exactly, by Spearman's triad formula") {
  // With three items a one-factor model has as many parameters as correlations: the loadings are
  // lambda_1 = sqrt(r12 r13 / r23), lambda_2 = sqrt(r12 r23 / r13), lambda_3 = sqrt(r13 r23 / r12),
  // and every residual is 0, whichever fit finds them.
  const Eigen::MatrixXd r = omega_triad(0.5, 0.4, 0.3);
  const double l1 = std::sqrt(0.5 * 0.4 / 0.3), l2 = std::sqrt(0.5 * 0.3 / 0.4), l3 = std::sqrt(0.4 * 0.3 / 0.5);
  const double sum = l1 + l2 + l3;
  // 1'R1 = 3 + 2 (0.5 + 0.4 + 0.3) = 5.4 = (sum of loadings)^2 + sum of (1 - lambda^2).
  const double omega = sum * sum / 5.4;
  for (FactorMethod m : {FactorMethod::ml, FactorMethod::minres})
    for (OmegaVariance v : {OmegaVariance::observed, OmegaVariance::model}) {
      CAPTURE(to_string(m));
      CAPTURE(to_string(v));
      const OmegaResult o = omega_from_covariance(r, omega_with(m, false, v));
      CHECK(o.converged);
      CHECK(o.loadings[0] == doctest::Approx(l1).epsilon(1e-9));
      CHECK(o.loadings[1] == doctest::Approx(l2).epsilon(1e-9));
      CHECK(o.loadings[2] == doctest::Approx(l3).epsilon(1e-9));
      CHECK(o.uniquenesses[2] == doctest::Approx(1 - 0.4 * 0.3 / 0.5).epsilon(1e-9));
      CHECK(o.observed_variance == doctest::Approx(5.4).epsilon(1e-14));
      CHECK(o.model_variance == doctest::Approx(5.4).epsilon(1e-9));
      CHECK(o.omega == doctest::Approx(omega).epsilon(1e-9));
      CHECK(o.rmsr < 1e-9);
      CHECK(o.warnings.empty());
    }
}

TEST_CASE("omega: congeneric items in their own units, and standardised") {
  // Standardised loadings 0.8, 0.7, 0.6, 0.5 (unique variances 0.36, 0.51, 0.64, 0.75) and item
  // SDs 1, 2, 0.5, 3: S = D (lambda lambda' + Psi) D fits one factor exactly.
  Eigen::VectorXd lambda(4), sd(4);
  lambda << 0.8, 0.7, 0.6, 0.5;
  sd << 1, 2, 0.5, 3;
  Eigen::MatrixXd r = lambda * lambda.transpose();
  r.diagonal().setOnes();
  const Eigen::MatrixXd s = sd.asDiagonal() * r * sd.asDiagonal();
  // Raw: loadings 0.8, 1.4, 0.3, 1.5 (sum 4.0); unique variances 0.36, 2.04, 0.16, 6.75 (sum
  // 9.31): omega = 16 / 25.31.
  // Standardised: sum of loadings 2.6, unique 0.36 + 0.51 + 0.64 + 0.75 = 2.26: omega = 6.76 / 9.02.
  for (FactorMethod m : {FactorMethod::ml, FactorMethod::minres}) {
    CAPTURE(to_string(m));
    const OmegaResult raw = omega_from_covariance(s, omega_with(m));
    CHECK(raw.loadings[1] == doctest::Approx(1.4).epsilon(1e-9));
    CHECK(raw.loadings[3] == doctest::Approx(1.5).epsilon(1e-9));
    CHECK(raw.uniquenesses[3] == doctest::Approx(6.75).epsilon(1e-9));
    CHECK(raw.standardised_loadings[2] == doctest::Approx(0.6).epsilon(1e-9));
    CHECK(raw.common_variance == doctest::Approx(16.0).epsilon(1e-9));
    CHECK(raw.unique_variance == doctest::Approx(9.31).epsilon(1e-9));
    CHECK(raw.omega == doctest::Approx(16.0 / 25.31).epsilon(1e-9));
    const OmegaResult standard = omega_from_covariance(s, omega_with(m, true));
    CHECK(standard.matrix(0, 1) == doctest::Approx(0.56).epsilon(1e-12));
    CHECK(standard.loadings[0] == doctest::Approx(0.8).epsilon(1e-9));
    CHECK(standard.omega == doctest::Approx(6.76 / 9.02).epsilon(1e-9));
  }
}

TEST_CASE("omega: one factor that does not fit, by symmetry") {
  // Four items, two pairs more alike than one factor says: 1'R1 = 4 + 2 (0.6 + 0.3 + 0.3 + 0.3 +
  // 0.3 + 0.6) = 8.8.
  Eigen::MatrixXd r(4, 4);
  r << 1, 0.6, 0.3, 0.3,
       0.6, 1, 0.3, 0.3,
       0.3, 0.3, 1, 0.6,
       0.3, 0.3, 0.6, 1;
  const OmegaResult observed = omega_from_covariance(r, omega_with(FactorMethod::minres));
  const OmegaResult model = omega_from_covariance(r, omega_with(FactorMethod::minres, false, OmegaVariance::model));
  CHECK(observed.observed_variance == doctest::Approx(8.8).epsilon(1e-14));
  // By symmetry every loading is one value l; minres makes the off-diagonal residuals least:
  // 2 (0.6 - l^2)^2 + 4 (0.3 - l^2)^2 is least at l^2 = (2 * 0.6 + 4 * 0.3) / 6 = 0.4.
  CHECK(observed.loadings[0] == doctest::Approx(std::sqrt(0.4)).epsilon(1e-9));
  CHECK(observed.loadings[3] == doctest::Approx(std::sqrt(0.4)).epsilon(1e-9));
  // rmsr: residuals 0.2 (twice) and -0.1 (four times): sqrt((2 * 0.04 + 4 * 0.01) / 6).
  CHECK(observed.rmsr == doctest::Approx(std::sqrt(0.12 / 6)).epsilon(1e-9));
  // omega observed = (4 sqrt(0.4))^2 / 8.8 = 6.4 / 8.8; model = 6.4 / (6.4 + 4 * 0.6), the same
  // here, as these residuals sum to 0 (2 * 2 * 0.2 - 2 * 4 * 0.1).
  CHECK(observed.omega == doctest::Approx(6.4 / 8.8).epsilon(1e-9));
  CHECK(model.omega == doctest::Approx(6.4 / 8.8).epsilon(1e-9));
  // Maximum likelihood: by symmetry too every loading is one value.
  const OmegaResult ml = omega_from_covariance(r, omega_with(FactorMethod::ml, false, OmegaVariance::model));
  CHECK(ml.loadings[0] == doctest::Approx(ml.loadings[2]).epsilon(1e-9));
  CHECK(ml.omega == doctest::Approx(ml.common_variance / (ml.common_variance + ml.unique_variance)).epsilon(1e-14));
}

TEST_CASE("omega: maximum likelihood of equal loadings, by hand") {
  // Compound symmetry, correlations rho among k items: the likelihood's one factor has every
  // loading sqrt(rho) and fits exactly; omega = (k sqrt(rho))^2 / (k + k (k - 1) rho).
  const int k = 5;
  const double rho = 0.35;
  Eigen::MatrixXd r = Eigen::MatrixXd::Constant(k, k, rho);
  r.diagonal().setOnes();
  const OmegaResult o = omega_from_covariance(r, omega_with(FactorMethod::ml));
  CHECK(o.converged);
  for (int j = 0; j < k; ++j) CHECK(o.loadings[j] == doctest::Approx(std::sqrt(rho)).epsilon(1e-9));
  CHECK(o.omega == doctest::Approx(k * k * rho / (k + k * (k - 1) * rho)).epsilon(1e-9));
  // With equal loadings omega is alpha (Spearman-Brown of the mean correlation).
  const double alpha = k * rho / (1 + (k - 1) * rho);
  CHECK(o.omega == doctest::Approx(alpha).epsilon(1e-9));
}

TEST_CASE("omega: a Heywood case and a reversed item are warned of") {
  // lambda_1^2 = r12 r13 / r23 = 0.64 / 0.5 = 1.28 > 1: no proper solution.
  const Eigen::MatrixXd heywood = omega_triad(0.8, 0.8, 0.5);
  const OmegaResult ml = omega_from_covariance(heywood, omega_with(FactorMethod::ml));
  REQUIRE(has_code(ml.warnings, "reliability.heywood"));
  CHECK(ml.uniquenesses[0] == doctest::Approx(0.005).epsilon(1e-12));  // at the likelihood's bound
  const OmegaResult minres = omega_from_covariance(heywood, omega_with(FactorMethod::minres));
  CHECK(has_code(minres.warnings, "reliability.heywood"));
  CHECK(minres.uniquenesses[0] == doctest::Approx(1 - 1.28).epsilon(1e-9));  // exact, and negative
  CHECK(ml.warnings.front().text.find("item 'item 0'") != std::string::npos);

  // Item 0 reversed: its loading is negative, the others positive (their sum is not negative).
  const OmegaResult reversed = omega_from_covariance(omega_triad(-0.5, -0.4, 0.3), omega_with(FactorMethod::ml));
  CHECK(reversed.loadings[0] == doctest::Approx(-std::sqrt(0.5 * 0.4 / 0.3)).epsilon(1e-9));
  CHECK(reversed.loadings[1] > 0);
  REQUIRE(reversed.warnings.size() == 1);
  CHECK(reversed.warnings[0].code == "reliability.negative_loading");
}

TEST_CASE("omega: from data, listwise is the complete rows' covariance, pairwise names its notices") {
  Eigen::MatrixXd x(7, 3);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  x << 1, 2, 2,
       2, 2, 3,
       3, 4, 3,
       4, 4, 5,
       5, 6, 4,
       2, nan, 1,
       nan, nan, nan;
  OmegaOptions o = omega_with(FactorMethod::ml);
  o.missing = MissingPolicy::listwise;
  const OmegaResult listwise = mcdonald_omega(x, o, {"a", "b", "c"});
  const Eigen::MatrixXd complete = x.topRows(5);
  const Eigen::MatrixXd centred = complete.rowwise() - complete.colwise().mean();
  const OmegaResult direct = omega_from_covariance(centred.transpose() * centred / 4.0, o, {"a", "b", "c"});
  CHECK(listwise.omega == doctest::Approx(direct.omega).epsilon(1e-12));
  CHECK(listwise.n == 5);
  CHECK(listwise.n_rows == 7);
  CHECK(has_code(listwise.warnings, "reliability.listwise"));
  o.missing = MissingPolicy::pairwise;
  // Pairwise covariances no data set could give (the correlations' smallest eigenvalue is
  // negative): the likelihood refuses them, minres fits them and says so.
  CHECK_THROWS_WITH_AS(mcdonald_omega(x, o, {"a", "b", "c"}),
                       doctest::Contains("items: the pairwise covariance matrix is not positive definite"), ValidationError);
  o.method = FactorMethod::minres;
  const OmegaResult pairwise = mcdonald_omega(x, o, {"a", "b", "c"});
  CHECK(has_code(pairwise.warnings, "reliability.not_psd"));
  CHECK(pairwise.n == 6);
  CHECK(pairwise.min_pair_n == 5);
  CHECK(has_code(pairwise.warnings, "reliability.pairwise_ignored"));
  // Alpha's covariances are the same matrix.
  const AlphaResult alpha = cronbach_alpha(x, MissingPolicy::pairwise);
  CHECK((alpha.covariance - pairwise.matrix).cwiseAbs().maxCoeff() == 0.0);
}

TEST_CASE("omega: maximum likelihood does not depend on the items' units") {
  Eigen::MatrixXd x(8, 4);
  x << 1, 2, 1, 3,
       2, 3, 2, 3,
       3, 3, 4, 4,
       4, 5, 3, 5,
       2, 1, 2, 2,
       5, 4, 5, 4,
       3, 4, 2, 4,
       4, 4, 4, 5;
  Eigen::MatrixXd scaled = x;
  scaled.col(1) *= 10;
  scaled.col(3) = scaled.col(3).array() * 0.1 + 7;
  const OmegaOptions o = omega_with(FactorMethod::ml, true);
  const OmegaResult a = mcdonald_omega(x, o), b = mcdonald_omega(scaled, o);
  CHECK(a.omega == doctest::Approx(b.omega).epsilon(1e-10));
  for (int j = 0; j < 4; ++j) CHECK(a.standardised_loadings[j] == doctest::Approx(b.standardised_loadings[j]).epsilon(1e-9));
}

TEST_CASE("omega: bad input is refused, naming what") {
  using Catch = ValidationError;
  CHECK_THROWS_WITH_AS(omega_from_covariance(Eigen::MatrixXd::Identity(2, 2)),
                       "items: McDonald's omega needs at least 3 items (a one-factor model of 2 is not identified), got 2", Catch);
  Eigen::MatrixXd asymmetric = omega_triad(0.5, 0.4, 0.3);
  asymmetric(0, 1) = 0.45;
  CHECK_THROWS_WITH_AS(omega_from_covariance(asymmetric),
                       "covariance[0][1]: must equal covariance[1][0] (a covariance matrix is symmetric), got 0.45 and 0.5", Catch);
  Eigen::MatrixXd zero = omega_triad(0, 0, 0);
  zero(2, 2) = 0;
  CHECK_THROWS_WITH_AS(omega_from_covariance(zero, {}, {"a", "b", "c"}), "item 'c': its variance must be > 0, got 0: omega is undefined",
                       Catch);
  // Not positive definite (no data set has these correlations): the likelihood cannot fit it.
  const Eigen::MatrixXd indefinite = omega_triad(0.9, 0.9, -0.9);
  CHECK_THROWS_WITH_AS(omega_from_covariance(indefinite),
                       doctest::Contains("covariance matrix is not positive definite (smallest eigenvalue of the correlations"), Catch);
  OmegaOptions o;
  o.max_iterations = 0;
  o.tolerance = -1;
  CHECK_THROWS_WITH_AS(omega_from_covariance(omega_triad(0.5, 0.4, 0.3), o),
                       "max_iterations: must be >= 1, got 0\ntolerance: must be finite and > 0, got -1", Catch);
  Eigen::MatrixXd constant(4, 3);
  constant << 1, 2, 3, 2, 2, 4, 3, 2, 4, 4, 2, 5;
  CHECK_THROWS_WITH_AS(mcdonald_omega(constant, {}, {"a", "b", "c"}), "item 'b': is constant (variance 0): omega is undefined", Catch);
}

TEST_CASE("omega: a fit stopped short says so") {
  OmegaOptions o = omega_with(FactorMethod::minres);
  o.max_iterations = 2;
  Eigen::MatrixXd r(4, 4);
  r << 1, 0.6, 0.3, 0.3,
       0.6, 1, 0.3, 0.3,
       0.3, 0.3, 1, 0.6,
       0.3, 0.3, 0.6, 1;
  const OmegaResult stopped = omega_from_covariance(r, o);
  CHECK_FALSE(stopped.converged);
  CHECK(stopped.iterations == 2);
  CHECK(has_code(stopped.warnings, "reliability.not_converged"));
}
