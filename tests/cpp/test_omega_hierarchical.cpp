#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "impactchain/omega_hierarchical.hpp"
#include "support.hpp"

using namespace impactchain;

namespace {

/// Each item's loading on its own group factor (three items per group) and each group factor's
/// loading on the general factor.
const double oh_lambda[9] = {0.8, 0.7, 0.6, 0.75, 0.65, 0.55, 0.7, 0.6, 0.5};
const double oh_gamma[3] = {0.9, 0.8, 0.7};

/// The correlations of the higher-order model: lambda_i lambda_j within a group factor,
/// lambda_i lambda_j gamma_f gamma_g across group factors f and g, 1 on the diagonal.
Eigen::MatrixXd oh_population() {
  Eigen::MatrixXd r = Eigen::MatrixXd::Ones(9, 9);
  for (int i = 0; i < 9; ++i)
    for (int j = 0; j < 9; ++j)
      if (i != j) r(i, j) = oh_lambda[i] * oh_lambda[j] * (i / 3 == j / 3 ? 1.0 : oh_gamma[i / 3] * oh_gamma[j / 3]);
  return r;
}

HierarchicalOmegaOptions oh_groups(int groups) {
  HierarchicalOmegaOptions o;
  o.groups = groups;
  return o;
}

}  // namespace

TEST_CASE("hierarchical omega: a population with a known general factor, by hand") {
  const HierarchicalOmegaResult r = hierarchical_omega_from_covariance(oh_population());
  // Item i of group f loads lambda_i gamma_f on the general factor, lambda_i sqrt(1 - gamma_f^2)
  // on its group factor; sum of general loadings = 0.9 * 2.1 + 0.8 * 1.95 + 0.7 * 1.8 = 4.71; the
  // communalities are lambda_i^2, summing to 3.8775.
  const double total = oh_population().sum();
  CHECK(r.omega_hierarchical == doctest::Approx(4.71 * 4.71 / total).epsilon(1e-7));
  CHECK(r.omega_total == doctest::Approx(1 - (9 - 3.8775) / total).epsilon(1e-7));
  CHECK(r.omega_limit == doctest::Approx(r.omega_hierarchical / r.omega_total).epsilon(1e-12));
  double g2 = 0;
  for (int j = 0; j < 9; ++j) {
    const double g = oh_lambda[j] * oh_gamma[j / 3];
    g2 += g * g;
    CHECK(r.general_loadings[j] == doctest::Approx(g).epsilon(1e-7));
    CHECK(r.group_loadings(j, j / 3) == doctest::Approx(oh_lambda[j] * std::sqrt(1 - oh_gamma[j / 3] * oh_gamma[j / 3])).epsilon(1e-7));
    CHECK(r.pattern(j, j / 3) == doctest::Approx(oh_lambda[j]).epsilon(1e-7));
    CHECK(r.communalities[j] == doctest::Approx(oh_lambda[j] * oh_lambda[j]).epsilon(1e-7));
  }
  CHECK(r.explained_common_variance == doctest::Approx(g2 / 3.8775).epsilon(1e-7));
  for (int f = 0; f < 3; ++f) CHECK(r.general_factor_loadings[f] == doctest::Approx(oh_gamma[f]).epsilon(1e-7));
  CHECK(r.factor_correlations(0, 1) == doctest::Approx(0.72).epsilon(1e-7));
  CHECK(r.factor_correlations(1, 2) == doctest::Approx(0.56).epsilon(1e-7));
  CHECK(r.rmsr < 1e-9);
  CHECK(r.fit_converged);
  CHECK(r.rotation_converged);
  CHECK(r.warnings.empty());
}

TEST_CASE("hierarchical omega: two group factors load the general factor equally, with a warning") {
  // Six items of the model above's first two groups: the general factor's loading on each group
  // factor is sqrt(phi_12) = sqrt(0.72), whatever gamma_1 and gamma_2 were.
  const Eigen::MatrixXd r = oh_population().topLeftCorner(6, 6);
  const HierarchicalOmegaResult h = hierarchical_omega_from_covariance(r, oh_groups(2));
  CHECK(h.general_factor_loadings[0] == doctest::Approx(std::sqrt(0.72)).epsilon(1e-7));
  CHECK(h.general_factor_loadings[1] == doctest::Approx(std::sqrt(0.72)).epsilon(1e-7));
  REQUIRE(h.warnings.size() == 1);
  CHECK(h.warnings[0].code == "reliability.two_groups");
  // sum of general loadings sqrt(0.72) (2.1 + 1.95) over 1'R1
  CHECK(h.omega_hierarchical == doctest::Approx(0.72 * 4.05 * 4.05 / r.sum()).epsilon(1e-7));
}

TEST_CASE("hierarchical omega: responses whose covariances are the population's, in other units") {
  // 40 rows whose sample covariance matrix is exactly 4 R (every item's SD 2): centred columns
  // made orthonormal (QR) and scaled, so their covariance is I, then times U with 4 R = U'U.
  Eigen::MatrixXd z(40, 9);
  for (int i = 0; i < 40; ++i)
    for (int j = 0; j < 9; ++j) z(i, j) = std::sin(1.0 + i * 9 + j * 1.7) + std::cos(i * 0.37 * (j + 1));
  z = z.rowwise() - z.colwise().mean();
  const Eigen::MatrixXd q = Eigen::HouseholderQR<Eigen::MatrixXd>(z).householderQ() * Eigen::MatrixXd::Identity(40, 9);
  Eigen::LLT<Eigen::MatrixXd> llt(oh_population() * 4.0);
  REQUIRE(llt.info() == Eigen::Success);
  const Eigen::MatrixXd x = (q * std::sqrt(39.0)) * Eigen::MatrixXd(llt.matrixU());
  const HierarchicalOmegaResult a = hierarchical_omega(x);
  CHECK(a.n == 40);
  CHECK(a.omega_hierarchical == doctest::Approx(4.71 * 4.71 / oh_population().sum()).epsilon(1e-7));
  CHECK(a.omega_total == doctest::Approx(1 - (9 - 3.8775) / oh_population().sum()).epsilon(1e-7));
}

TEST_CASE("hierarchical omega: a general loading beyond 1 is kept at 1, with a warning") {
  // Group factor correlations 0.8, 0.8 and 0.55 (positive definite: determinant 0.1215): one
  // factor of three fits them exactly with gamma_1 = sqrt(0.8 * 0.8 / 0.55) = 1.08 > 1. Kept at
  // 1, F1's items lose their group loadings.
  const double phi[3][3] = {{1, 0.8, 0.8}, {0.8, 1, 0.55}, {0.8, 0.55, 1}};
  Eigen::MatrixXd r = Eigen::MatrixXd::Ones(9, 9);
  for (int i = 0; i < 9; ++i)
    for (int j = 0; j < 9; ++j)
      if (i != j) r(i, j) = oh_lambda[i] * oh_lambda[j] * phi[i / 3][j / 3];
  const HierarchicalOmegaResult h = hierarchical_omega_from_covariance(r);
  REQUIRE(h.warnings.size() == 1);
  CHECK(h.warnings[0].code == "reliability.general_heywood");
  CHECK(h.general_factor_loadings[0] == 1.0);
  for (int j = 0; j < 3; ++j) CHECK(h.group_loadings(j, 0) == 0.0);
  CHECK(h.omega_hierarchical < h.omega_total);
}

TEST_CASE("hierarchical omega: bad input is named") {
  CHECK_THROWS_WITH_AS(hierarchical_omega_from_covariance(oh_population(), oh_groups(1)),
                       doctest::Contains("groups: must be >= 2"), ValidationError);
  CHECK_THROWS_WITH_AS(hierarchical_omega_from_covariance(oh_population().topLeftCorner(5, 5), oh_groups(3)),
                       doctest::Contains("items: hierarchical omega with 3 group factors needs at least 6 items"), ValidationError);
  CHECK_THROWS_WITH_AS(hierarchical_omega_from_covariance(oh_population().topLeftCorner(7, 7), oh_groups(4)),
                       doctest::Contains("needs at least 8 items"), ValidationError);
  Eigen::MatrixXd bad = oh_population();
  bad(2, 4) += 0.01;
  CHECK_THROWS_WITH_AS(hierarchical_omega_from_covariance(bad), doctest::Contains("must equal covariance[4][2]"), ValidationError);
  HierarchicalOmegaOptions o;
  o.rotation_tolerance = 0;
  CHECK_THROWS_WITH_AS(hierarchical_omega_from_covariance(oh_population(), o), doctest::Contains("rotation_tolerance: must be finite and > 0"),
                       ValidationError);
}
