// McDonald's omega (total) of a multi-item scale: the reliability of its unweighted total
// under a one-factor model, fitted by maximum likelihood or minimum residuals (unweighted
// least squares), on the items' covariances or correlations, with listwise or pairwise missing
// data. omega = (sum of loadings)^2 / total variance, the total variance observed (1'S1) or
// implied by the model ((sum of loadings)^2 + sum of unique variances): McDonald (1999),
// "Test theory: a unified treatment", ch. 6.
#pragma once

#include "impactchain/detail/eigen.hpp"

#include <string>
#include <vector>

#include "impactchain/detail/enum_names.hpp"
#include "impactchain/item_covariance.hpp"
#include "impactchain/notice.hpp"

namespace impactchain {

/// How the one-factor model is fitted.
enum class FactorMethod {
  ml,      ///< maximum likelihood (Lawley and Maxwell 1971; R factanal, lavaan); scale-free
  minres,  ///< minimum residuals: unweighted least squares of the off-diagonal residuals (R psych::fa's default)
};

template <>
struct EnumSpellings<FactorMethod> {
  static constexpr const char* field = "method";
  static constexpr std::pair<FactorMethod, const char*> names[] = {{FactorMethod::ml, "ml"},
                                                                    {FactorMethod::minres, "minres"}};
};
inline const char* to_string(FactorMethod v) { return detail::spelling(v); }

/// omega's denominator, the variance of the total score.
enum class OmegaVariance {
  observed,  ///< the observed variance of the total, 1'S1 (R semTools::compRelSEM's default)
  model,     ///< implied by the model: (sum of loadings)^2 + sum of unique variances (McDonald 1999)
};

template <>
struct EnumSpellings<OmegaVariance> {
  static constexpr const char* field = "total_variance";
  static constexpr std::pair<OmegaVariance, const char*> names[] = {{OmegaVariance::observed, "observed"},
                                                                     {OmegaVariance::model, "model"}};
};
inline const char* to_string(OmegaVariance v) { return detail::spelling(v); }

struct OmegaOptions {
  FactorMethod method = FactorMethod::ml;
  /// false: the items as scored (covariances: the reliability of their raw total); true: each
  /// item standardised (correlations, as R psych::omega by default).
  bool standardised = false;
  OmegaVariance total_variance = OmegaVariance::observed;
  MissingPolicy missing = MissingPolicy::pairwise;
  int max_iterations = 10000;
  /// The fit stops when no unique variance (as a share of its item's variance) moves more than this.
  double tolerance = 1e-12;
};

struct OmegaResult {
  double omega = 0;
  OmegaOptions options;
  int n = 0;           ///< respondents used (as item_covariance counts them)
  int n_rows = 0;      ///< rows given
  int n_items = 0;
  int min_pair_n = 0;  ///< smallest number of respondents behind one covariance (pairwise)
  std::vector<std::string> items;
  Eigen::MatrixXd matrix;        ///< what the model was fitted to: covariances, or correlations when standardised
  Eigen::VectorXd loadings;      ///< in the units of `matrix`; signed so that their sum is not negative
  Eigen::VectorXd uniquenesses;  ///< unique variances, in the units of `matrix`
  Eigen::VectorXd standardised_loadings;  ///< loadings / item SD: each item's correlation with the factor
  double common_variance = 0;    ///< (sum of loadings)^2
  double unique_variance = 0;    ///< sum of unique variances
  double observed_variance = 0;  ///< 1' matrix 1, the observed variance of the total
  double model_variance = 0;     ///< common_variance + unique_variance
  double rmsr = 0;  ///< root mean square of the off-diagonal residual correlations (how well one factor fits)
  int iterations = 0;
  bool converged = false;
  std::vector<Notice> warnings;
};

/// McDonald's omega of an (n respondents x k items) matrix, NaN = missing; k >= 3 (a one-factor
/// model of 2 items is not identified). Items are named in errors and warnings by `names`.
OmegaResult mcdonald_omega(const Eigen::Ref<const Eigen::MatrixXd>& x, const OmegaOptions& options = {},
                           std::vector<std::string> names = {});

/// McDonald's omega from an item covariance matrix (symmetric, k >= 3): the fit and omega alone;
/// `n` and the missing-value counts are left 0.
OmegaResult omega_from_covariance(const Eigen::Ref<const Eigen::MatrixXd>& covariance, const OmegaOptions& options = {},
                                  std::vector<std::string> names = {});

}  // namespace impactchain
