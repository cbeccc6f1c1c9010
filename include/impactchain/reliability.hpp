// Reliability of a multi-item scale: Cronbach's alpha with listwise or pairwise
// missing data, Feldt confidence interval, alpha-if-item-dropped, item-total correlations.
#pragma once

#include "impactchain/detail/eigen.hpp"
#include <boost/math/distributions/fisher_f.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "impactchain/detail/enum_names.hpp"
#include "impactchain/defaults.hpp"
#include "impactchain/detail/check.hpp"
#include "impactchain/error.hpp"
#include "impactchain/notice.hpp"

namespace impactchain {

enum class MissingPolicy { pairwise, listwise };

template <>
struct EnumSpellings<MissingPolicy> {
  static constexpr const char* field = "missing";
  static constexpr std::pair<MissingPolicy, const char*> names[] = {
      {MissingPolicy::pairwise, "pairwise"},
      {MissingPolicy::listwise, "listwise"}};
};
inline const char* to_string(MissingPolicy v) { return detail::spelling(v); }


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

/// Cronbach's alpha of an (n respondents x k items) matrix, NaN = missing.
/// pairwise: each covariance from the rows where both items are present, with the means of
/// those rows (as pandas DataFrame.cov and R psych do); listwise: complete rows only.
inline AlphaResult cronbach_alpha(const Eigen::Ref<const Eigen::MatrixXd>& x,
                                  MissingPolicy missing = MissingPolicy::pairwise, double ci_level = defaults::level,
                                  std::vector<std::string> names = {}) {
  const Eigen::Index n = x.rows(), k = x.cols();
  if (names.empty())
    for (Eigen::Index j = 0; j < k; ++j) names.push_back("item " + std::to_string(j));
  if (static_cast<Eigen::Index>(names.size()) != k)
    throw ValidationError("items", "got " + std::to_string(names.size()) + " names for " + std::to_string(k) + " columns");
  if (k < 2) throw ValidationError("items", "Cronbach's alpha needs at least 2 items, got " + std::to_string(k));
  detail::require(detail::check_open_unit_interval, "ci_level", "", ci_level);
  detail::IssueList issues;
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < k; ++j)
      if (std::isinf(x(i, j))) issues.add("row " + std::to_string(i) + ", item '" + names[j] + "'", "response is infinite");
  for (Eigen::Index j = 0; j < k; ++j)
    if (n > 0 && x.col(j).array().isNaN().all()) issues.add("item '" + names[j] + "'", "all responses are missing");
  issues.throw_if_any();

  AlphaResult r;
  r.missing = missing;
  r.n_rows = static_cast<int>(n);
  r.n_items = static_cast<int>(k);
  r.items = names;
  r.ci_level = ci_level;
  Eigen::MatrixXd c(k, k);
  if (missing == MissingPolicy::listwise) {
    std::vector<Eigen::Index> rows;
    for (Eigen::Index i = 0; i < n; ++i)
      if (!x.row(i).array().isNaN().any()) rows.push_back(i);
    r.n = static_cast<int>(rows.size());
    r.min_pair_n = r.n;
    if (r.n < 2)
      throw ValidationError("items", std::string("listwise deletion leaves ") + (r.n ? "1 complete row" : "no complete row") +
                                         "; need at least 2");
    Eigen::MatrixXd y(r.n, k);
    for (std::size_t i = 0; i < rows.size(); ++i) y.row(static_cast<Eigen::Index>(i)) = x.row(rows[i]);
    const Eigen::MatrixXd centred = y.rowwise() - y.colwise().mean();
    c = centred.transpose() * centred / static_cast<double>(r.n - 1);
    if (r.n < n) r.warnings.push_back(Notice("reliability.listwise", {int_param("dropped", n - r.n), int_param("rows", n)}));
  } else {
    int used = 0;
    for (Eigen::Index i = 0; i < n; ++i) used += x.row(i).array().isNaN().all() ? 0 : 1;
    r.n = used;
    r.min_pair_n = static_cast<int>(n);
    for (Eigen::Index a = 0; a < k; ++a)
      for (Eigen::Index b = a; b < k; ++b) {
        double ma = 0, mb = 0;
        int m = 0;
        for (Eigen::Index i = 0; i < n; ++i)
          if (!std::isnan(x(i, a)) && !std::isnan(x(i, b))) { ma += x(i, a); mb += x(i, b); ++m; }
        if (m < 2) {
          const std::string who = m ? "only 1 respondent" : "no respondent";
          if (a == b)  // an item's variance: the diagonal "pair" is the item alone
            throw ValidationError("item '" + names[a] + "'", who + " answered it; its variance needs at least 2");
          throw ValidationError("items '" + names[a] + "', '" + names[b] + "'",
                                who + " answered both; pairwise covariance needs at least 2");
        }
        ma /= m;
        mb /= m;
        double s = 0;
        for (Eigen::Index i = 0; i < n; ++i)
          if (!std::isnan(x(i, a)) && !std::isnan(x(i, b))) s += (x(i, a) - ma) * (x(i, b) - mb);
        c(a, b) = c(b, a) = s / (m - 1);
        r.min_pair_n = std::min(r.min_pair_n, m);
      }
    if (r.n < n) r.warnings.push_back(Notice("reliability.pairwise_ignored", {int_param("count", n - r.n)}));
    if (r.min_pair_n < r.n)
      r.warnings.push_back(Notice("reliability.pairwise_n", {int_param("min_n", r.min_pair_n), int_param("n", r.n)}));
  }
  for (Eigen::Index j = 0; j < k; ++j)
    if (!(c(j, j) > 0)) issues.add("item '" + names[j] + "'", "is constant (variance 0): alpha and item-total correlations are undefined");
  issues.throw_if_any();
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
  if (missing == MissingPolicy::pairwise) {
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(c, Eigen::EigenvaluesOnly);
    if (es.eigenvalues()[0] < -1e-12 * std::abs(es.eigenvalues()[k - 1]))
      r.warnings.push_back(Notice("reliability.not_psd", {real_param("eigenvalue", es.eigenvalues()[0])}));
  }
  return r;
}

}  // namespace impactchain
