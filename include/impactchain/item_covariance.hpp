// The item covariance matrix of a multi-item scale, with listwise or pairwise missing data:
// what Cronbach's alpha and McDonald's omega are computed from.
#pragma once

#include "impactchain/detail/eigen.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "impactchain/detail/check.hpp"
#include "impactchain/detail/enum_names.hpp"
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

struct ItemCovariance {
  Eigen::MatrixXd covariance;  ///< k x k, divisor n - 1 (of each pair's respondents when pairwise)
  /// k x k: pairwise, each pair's own correlation (the means and SDs of the rows where both are
  /// present, as pandas DataFrame.corr and R cor(use = "pairwise")); listwise, the covariances'.
  Eigen::MatrixXd correlation;
  int n = 0;                   ///< respondents used (listwise: complete rows; pairwise: rows with any response)
  int n_rows = 0;              ///< rows given
  int min_pair_n = 0;          ///< smallest number of respondents behind one covariance (pairwise)
  std::vector<Notice> warnings;  ///< rows dropped (listwise) or ignored (pairwise)
};

namespace detail {

/// The items' names: "item 0", "item 1", ... when none are given; refused when their number is
/// not the number of columns.
inline std::vector<std::string> item_names(Eigen::Index k, std::vector<std::string> names) {
  if (names.empty())
    for (Eigen::Index j = 0; j < k; ++j) names.push_back("item " + std::to_string(j));
  if (static_cast<Eigen::Index>(names.size()) != k)
    throw ValidationError("items", "got " + std::to_string(names.size()) + " names for " + std::to_string(k) + " columns");
  return names;
}

/// The rows of `x` with no missing item (NaN): the rows listwise deletion keeps.
inline std::vector<Eigen::Index> complete_rows(const Eigen::Ref<const Eigen::MatrixXd>& x) {
  std::vector<Eigen::Index> rows;
  for (Eigen::Index i = 0; i < x.rows(); ++i)
    if (!x.row(i).array().isNaN().any()) rows.push_back(i);
  return rows;
}

/// Adds reliability.not_psd when a (pairwise) covariance matrix has a negative eigenvalue
/// beyond rounding: no data set gives such a matrix, pairwise deletion can.
inline void note_not_psd(const Eigen::MatrixXd& c, std::vector<Notice>& warnings) {
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(c, Eigen::EigenvaluesOnly);
  const auto& e = es.eigenvalues();
  if (e[0] < -1e-12 * std::abs(e[e.size() - 1])) warnings.push_back(Notice("reliability.not_psd", {real_param("eigenvalue", e[0])}));
}


/// Refuses a covariance (or correlation) matrix given as such unless it is square and symmetric,
/// every entry finite and every variance > 0 (`undefined`: the reason, "omega is undefined").
inline void check_covariance(const Eigen::Ref<const Eigen::MatrixXd>& covariance, const std::vector<std::string>& names,
                             const std::string& undefined) {
  const Eigen::Index k = covariance.rows();
  IssueList issues;
  for (Eigen::Index i = 0; i < k; ++i)
    for (Eigen::Index j = 0; j < k; ++j) {
      const double v = covariance(i, j);
      if (!std::isfinite(v))
        issues.add("covariance[" + std::to_string(i) + "][" + std::to_string(j) + "]", "must be finite, got " + num(v));
      else if (j > i && v != covariance(j, i))
        issues.add("covariance[" + std::to_string(i) + "][" + std::to_string(j) + "]",
                   "must equal covariance[" + std::to_string(j) + "][" + std::to_string(i) + "] (a covariance matrix is symmetric), got " +
                       num(v) + " and " + num(covariance(j, i)));
    }
  for (Eigen::Index j = 0; j < k; ++j)
    if (std::isfinite(covariance(j, j)) && !(covariance(j, j) > 0))
      issues.add("item " + quote(names[static_cast<std::size_t>(j)]),
                 "its variance must be > 0, got " + num(covariance(j, j)) + ": " + undefined);
  issues.throw_if_any();
}

}  // namespace detail

/// The covariance matrix of an (n respondents x k items) matrix, NaN = missing. pairwise: each
/// covariance from the rows where both items are present, with the means of those rows (as
/// pandas DataFrame.cov and R psych do); listwise: complete rows only. Infinite responses, items
/// nobody answered, pairs fewer than 2 answered and constant items are refused, the last with
/// `undefined` ("omega is undefined") as the reason.
inline ItemCovariance item_covariance(const Eigen::Ref<const Eigen::MatrixXd>& x, MissingPolicy missing,
                                      const std::vector<std::string>& names, const std::string& undefined) {
  const Eigen::Index n = x.rows(), k = x.cols();
  detail::IssueList issues;
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < k; ++j)
      if (std::isinf(x(i, j))) issues.add("row " + std::to_string(i) + ", item '" + names[j] + "'", "response is infinite");
  for (Eigen::Index j = 0; j < k; ++j)
    if (n > 0 && x.col(j).array().isNaN().all()) issues.add("item '" + names[j] + "'", "all responses are missing");
  issues.throw_if_any();

  ItemCovariance r;
  r.n_rows = static_cast<int>(n);
  Eigen::MatrixXd c(k, k), rho(k, k);
  if (missing == MissingPolicy::listwise) {
    const std::vector<Eigen::Index> rows = detail::complete_rows(x);
    r.n = static_cast<int>(rows.size());
    r.min_pair_n = r.n;
    if (r.n < 2)
      throw ValidationError("items", std::string("listwise deletion leaves ") + (r.n ? "1 complete row" : "no complete row") +
                                         "; need at least 2");
    Eigen::MatrixXd y(r.n, k);
    for (std::size_t i = 0; i < rows.size(); ++i) y.row(static_cast<Eigen::Index>(i)) = x.row(rows[i]);
    const Eigen::MatrixXd centred = y.rowwise() - y.colwise().mean();
    c = centred.transpose() * centred / static_cast<double>(r.n - 1);
    const Eigen::VectorXd sd = c.diagonal().cwiseSqrt();
    rho = sd.cwiseInverse().asDiagonal() * c * sd.cwiseInverse().asDiagonal();
    rho.diagonal().setOnes();
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
        double s = 0, sa = 0, sb = 0;
        for (Eigen::Index i = 0; i < n; ++i)
          if (!std::isnan(x(i, a)) && !std::isnan(x(i, b))) {
            s += (x(i, a) - ma) * (x(i, b) - mb);
            sa += (x(i, a) - ma) * (x(i, a) - ma);
            sb += (x(i, b) - mb) * (x(i, b) - mb);
          }
        c(a, b) = c(b, a) = s / (m - 1);
        rho(a, b) = rho(b, a) = a == b ? 1.0 : s / std::sqrt(sa * sb);
        r.min_pair_n = std::min(r.min_pair_n, m);
      }
    if (r.n < n) r.warnings.push_back(Notice("reliability.pairwise_ignored", {int_param("count", n - r.n)}));
  }
  for (Eigen::Index j = 0; j < k; ++j)
    if (!(c(j, j) > 0)) issues.add("item '" + names[j] + "'", "is constant (variance 0): " + undefined);
  issues.throw_if_any();
  r.covariance = std::move(c);
  r.correlation = std::move(rho);
  return r;
}

namespace detail {

/// A reliability result fitted to the matrix of `c`: its respondent counts set, and the
/// covariances' own warnings (`notes`) put before the fit's.
template <class Result>
void with_counts(Result& r, const ItemCovariance& c, std::vector<Notice> notes) {
  r.n = c.n;
  r.n_rows = c.n_rows;
  r.min_pair_n = c.min_pair_n;
  notes.insert(notes.end(), r.warnings.begin(), r.warnings.end());
  r.warnings = std::move(notes);
}

/// Refuses a matrix given as a covariance or correlation matrix that is not square.
inline void check_square(const Eigen::Ref<const Eigen::MatrixXd>& m) {
  if (m.cols() != m.rows())
    throw ValidationError("covariance", "must be square, got " + std::to_string(m.rows()) + " x " + std::to_string(m.cols()));
}

}  // namespace detail

}  // namespace impactchain
