// Reliability of a multi-item scale: Cronbach's alpha with listwise or pairwise
// missing data, Feldt confidence interval, alpha-if-item-dropped, item-total correlations.
#pragma once

#include "impactchain/detail/eigen.hpp"
#include <boost/math/distributions/fisher_f.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "impactchain/defaults.hpp"
#include "impactchain/detail/check.hpp"
#include "impactchain/error.hpp"
#include "impactchain/item_covariance.hpp"
#include "impactchain/notice.hpp"

namespace impactchain {

struct AlphaResult {
  double alpha = 0;
  double ci_low = 0, ci_high = 0, ci_level = 0.95;
  std::string ci_method = "Feldt (1965) F distribution, df1 = n-1, df2 = (n-1)(k-1)";
  MissingPolicy missing = MissingPolicy::pairwise;
  int n = 0;           ///< respondents used (listwise: complete rows; pairwise: rows with any response)
  int n_rows = 0;      ///< rows given
  int n_items = 0;
  int min_pair_n = 0;  ///< smallest number of respondents behind one covariance (pairwise)
  std::vector<std::string> items;
  Eigen::VectorXd alpha_if_dropped;  ///< alpha of the other k-1 items (same missing policy)
  Eigen::VectorXd item_total_r;      ///< correlation of item with the total (item included)
  Eigen::VectorXd item_rest_r;       ///< corrected item-total: item with the sum of the other items
  Eigen::MatrixXd covariance;        ///< the item covariance matrix alpha was computed from
  std::vector<Notice> warnings;
};

namespace detail {

/// alpha = k/(k-1) * (1 - trace(C)/sum(C)) (Cronbach 1951) from an item covariance matrix.
inline double alpha_from_cov(const Eigen::MatrixXd& c) {
  const double k = static_cast<double>(c.rows());
  return k / (k - 1.0) * (1.0 - c.trace() / c.sum());
}

inline Eigen::MatrixXd drop_index(const Eigen::MatrixXd& c, Eigen::Index d) {
  const Eigen::Index k = c.rows();
  Eigen::MatrixXd out(k - 1, k - 1);
  for (Eigen::Index i = 0, ii = 0; i < k; ++i) {
    if (i == d) continue;
    for (Eigen::Index j = 0, jj = 0; j < k; ++j) {
      if (j == d) continue;
      out(ii, jj++) = c(i, j);
    }
    ++ii;
  }
  return out;
}

}  // namespace detail

/// Cronbach's alpha of an (n respondents x k items) matrix, NaN = missing, from the items'
/// covariances (item_covariance: pairwise or listwise).
inline AlphaResult cronbach_alpha(const Eigen::Ref<const Eigen::MatrixXd>& x,
                                  MissingPolicy missing = MissingPolicy::pairwise, double ci_level = defaults::level,
                                  std::vector<std::string> names = {}) {
  const Eigen::Index k = x.cols();
  names = detail::item_names(k, std::move(names));
  if (k < 2) throw ValidationError("items", "Cronbach's alpha needs at least 2 items, got " + std::to_string(k));
  detail::require(detail::check_open_unit_interval, "ci_level", "", ci_level);
  ItemCovariance ic = item_covariance(x, missing, names, "alpha and item-total correlations are undefined");
  AlphaResult r;
  r.missing = missing;
  r.n_rows = ic.n_rows;
  r.n_items = static_cast<int>(k);
  r.items = names;
  r.ci_level = ci_level;
  r.n = ic.n;
  r.min_pair_n = ic.min_pair_n;
  r.warnings = std::move(ic.warnings);
  if (missing == MissingPolicy::pairwise && r.min_pair_n < r.n)
    r.warnings.push_back(Notice("reliability.pairwise_n", {int_param("min_n", r.min_pair_n), int_param("n", r.n)}));
  const Eigen::MatrixXd c = std::move(ic.covariance);
  if (!(c.sum() > 0)) throw ValidationError("items", "the variance of the total score is 0: alpha is undefined");
  r.covariance = c;
  r.alpha = detail::alpha_from_cov(c);
  // Feldt (1965): (1 - alpha_hat)/(1 - alpha) ~ F(n-1, (n-1)(k-1)).
  const double df1 = r.n - 1.0, df2 = (r.n - 1.0) * (k - 1.0);
  const boost::math::fisher_f_distribution<double> f(df1, df2);
  const double tail = (1 - ci_level) / 2;
  r.ci_low = 1 - (1 - r.alpha) * boost::math::quantile(boost::math::complement(f, tail));
  r.ci_high = 1 - (1 - r.alpha) * boost::math::quantile(f, tail);

  r.alpha_if_dropped.resize(k);
  r.item_total_r.resize(k);
  r.item_rest_r.resize(k);
  const double total_var = c.sum();
  for (Eigen::Index j = 0; j < k; ++j) {
    const Eigen::MatrixXd sub = detail::drop_index(c, j);
    r.alpha_if_dropped[j] = k > 2 ? detail::alpha_from_cov(sub) : std::numeric_limits<double>::quiet_NaN();
    const double cov_total = c.row(j).sum();
    r.item_total_r[j] = cov_total / std::sqrt(c(j, j) * total_var);
    const double rest_var = sub.sum();
    r.item_rest_r[j] = (cov_total - c(j, j)) / std::sqrt(c(j, j) * rest_var);
  }
  if (k == 2) r.warnings.push_back(Notice("reliability.two_items", {}));
  if (r.alpha < 0) r.warnings.push_back(Notice("reliability.negative_alpha", {}));
  if (missing == MissingPolicy::pairwise) detail::note_not_psd(c, r.warnings);
  return r;
}

}  // namespace impactchain
