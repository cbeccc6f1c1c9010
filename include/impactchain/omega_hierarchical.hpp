// Hierarchical omega (omega_h) of a multi-item scale: the share of its total score's variance
// due to one general factor, beside the group factors that subsets of the items share. The
// items' correlations are fitted with `groups` factors by minimum residuals, rotated by oblimin
// (quartimin: oblique, without Kaiser normalisation), and the general factor is found from the
// group factors' correlations by the Schmid–Leiman transformation (Schmid and Leiman 1957;
// McDonald 1999, ch. 6; Zinbarg, Revelle, Yovel and Li 2005), as R psych::omega does by default.
#pragma once

#include "impactchain/detail/eigen.hpp"

#include <string>
#include <vector>

#include "impactchain/item_covariance.hpp"
#include "impactchain/notice.hpp"

namespace impactchain {

struct HierarchicalOmegaOptions {
  int groups = 3;  ///< group factors, >= 2, at most what the items can identify (see hierarchical_omega)
  MissingPolicy missing = MissingPolicy::pairwise;
  int max_iterations = 10000;  ///< of each factor fit
  /// A factor fit stops when no communality moves more than this.
  double tolerance = 1e-12;
  int rotation_iterations = 10000;
  /// The rotation stops when the norm of its projected gradient is below this (GPArotation's `eps`,
  /// there 1e-5), or below 100 times this where rounding stops every step of it.
  double rotation_tolerance = 1e-8;
};

struct HierarchicalOmegaResult {
  double omega_hierarchical = 0;  ///< (sum of general loadings)^2 / total variance
  double omega_total = 0;         ///< 1 - sum of uniquenesses / total variance
  double omega_limit = 0;         ///< omega_hierarchical / omega_total: the general factor's share of the common variance of the total
  double explained_common_variance = 0;  ///< sum of squared general loadings / sum of communalities (ECV)
  HierarchicalOmegaOptions options;
  int n = 0;        ///< respondents used (as item_covariance counts them)
  int n_rows = 0;   ///< rows given
  int n_items = 0;
  int min_pair_n = 0;
  std::vector<std::string> items;
  Eigen::MatrixXd correlations;          ///< what the factors were fitted to
  double total_variance = 0;             ///< 1' correlations 1, the variance of the standardised total
  Eigen::MatrixXd pattern;               ///< items x groups: the oblimin pattern loadings
  Eigen::MatrixXd factor_correlations;   ///< groups x groups, of the rotated group factors
  Eigen::VectorXd general_factor_loadings;  ///< per group factor, its loading on the general factor
  Eigen::VectorXd general_loadings;      ///< per item, on the general factor (Schmid–Leiman)
  Eigen::MatrixXd group_loadings;        ///< items x groups, on the group factors once the general factor is taken out
  Eigen::VectorXd communalities;         ///< general_loadings^2 + row sums of group_loadings^2
  Eigen::VectorXd uniquenesses;          ///< 1 - communalities
  double rmsr = 0;  ///< root mean square of the off-diagonal residual correlations of the group-factor fit
  int fit_iterations = 0;
  bool fit_converged = false;
  int rotation_iterations = 0;
  bool rotation_converged = false;
  std::vector<Notice> warnings;
};

/// Hierarchical omega of an (n respondents x k items) matrix, NaN = missing (pairwise: each
/// correlation from the rows where both items are present, as R cor(use = "pairwise") and
/// pandas; listwise: complete rows only). The `groups`-factor
/// model must not have more parameters than the items have correlations (Ledermann's bound,
/// (k - groups)^2 >= k + groups: 5 items for 2 groups, 6 for 3, 8 for 4). With 2 groups the
/// general factor loads equally on both, sqrt of their correlation (a second-order factor of two
/// is not identified; a warning says so). Items are named in errors and warnings by `names`.
HierarchicalOmegaResult hierarchical_omega(const Eigen::Ref<const Eigen::MatrixXd>& x, const HierarchicalOmegaOptions& options = {},
                                           std::vector<std::string> names = {});

/// Hierarchical omega from an item covariance or correlation matrix (symmetric, positive
/// diagonal): a published correlation table suffices. `n` and the missing-value counts are left 0.
HierarchicalOmegaResult hierarchical_omega_from_covariance(const Eigen::Ref<const Eigen::MatrixXd>& covariance,
                                                           const HierarchicalOmegaOptions& options = {},
                                                           std::vector<std::string> names = {});

}  // namespace impactchain
