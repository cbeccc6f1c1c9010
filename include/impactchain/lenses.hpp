// Agreement between lenses: do SROI ratio, cost per outcome, composite score and net
// benefit (or any other per-strategy measures) pick the same winner?
//
// Each lens ranks the strategies (1 = best; average ranks for ties, oriented by
// `higher_is_better`); agreement is measured by Spearman's rho (Pearson correlation of
// the average ranks, as scipy.stats.spearmanr) and Kendall's tau-b (as
// scipy.stats.kendalltau), and the winner under each lens is reported with every
// lens whose winner differs from the first lens's.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <set>
#include <string>
#include <vector>

#include "impactchain/error.hpp"
#include "impactchain/notice.hpp"

namespace impactchain {

struct LensAgreement {
  std::vector<std::string> strategies;
  std::vector<std::string> lenses;
  std::vector<bool> higher_is_better;
  std::vector<double> ranks;                      ///< row-major strategies × lenses, 1 = best, ties averaged
  std::vector<std::vector<std::string>> winners;  ///< per lens: the best strategy (several when tied)
  std::vector<double> spearman;                   ///< lenses × lenses; NaN where undefined (see warnings)
  std::vector<double> kendall;                    ///< lenses × lenses, tau-b; NaN where undefined (see warnings)
  bool agree = true;                              ///< every lens has the same single winner
  std::vector<std::string> changes;               ///< "winner changes from ... to ..." messages
  std::vector<Notice> warnings;
};

namespace detail {

/// Average ranks (1 = best) of x; the best is the largest when higher_is_better.
inline std::vector<double> average_ranks(const std::vector<double>& x, bool higher_is_better) {
  const std::size_t n = x.size();
  std::vector<std::size_t> o(n);
  std::iota(o.begin(), o.end(), std::size_t{0});
  std::stable_sort(o.begin(), o.end(), [&](std::size_t a, std::size_t b) {
    return higher_is_better ? x[a] > x[b] : x[a] < x[b];
  });
  std::vector<double> r(n);
  for (std::size_t a = 0; a < n;) {
    std::size_t b = a;
    while (b + 1 < n && x[o[b + 1]] == x[o[a]]) ++b;
    const double avg = (static_cast<double>(a) + static_cast<double>(b)) / 2.0 + 1.0;
    for (std::size_t k = a; k <= b; ++k) r[o[k]] = avg;
    a = b + 1;
  }
  return r;
}

inline double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n, my = std::accumulate(y.begin(), y.end(), 0.0) / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  if (sxx == 0.0 || syy == 0.0) return std::numeric_limits<double>::quiet_NaN();
  return sxy / std::sqrt(sxx * syy);
}

/// Kendall's tau-b (Kendall 1945): (nc − nd) / sqrt((n0 − n1)(n0 − n2)).
inline double kendall_tau_b(const std::vector<double>& x, const std::vector<double>& y) {
  double con = 0, dis = 0, tx = 0, ty = 0;
  const std::size_t n = x.size();
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      const double a = x[i] - x[j], b = y[i] - y[j];
      if (a == 0 && b == 0) continue;  // tied in both: counts in neither
      if (a == 0) { tx += 1; continue; }
      if (b == 0) { ty += 1; continue; }
      if ((a > 0) == (b > 0)) con += 1; else dis += 1;
    }
  const double den = std::sqrt((con + dis + tx) * (con + dis + ty));
  if (den == 0.0) return std::numeric_limits<double>::quiet_NaN();
  return (con - dis) / den;
}

inline std::string join_names(const std::vector<std::string>& v) {
  std::string s;
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", '" : "'") + v[i] + "'";
  return s;
}

}  // namespace detail

/// Ranks, winners and rank correlations of the strategies under several lenses.
/// `values` is row-major strategies × lenses; `higher_is_better[l]` orients lens l
/// (false for cost per outcome). Needs ≥ 2 strategies, ≥ 2 lenses, finite values.
inline LensAgreement lens_agreement(const std::vector<std::string>& strategies, const std::vector<std::string>& lenses,
                                    const std::vector<double>& values, const std::vector<bool>& higher_is_better) {
  const std::size_t S = strategies.size(), L = lenses.size();
  detail::IssueList issues;
  if (S < 2) issues.add("lenses.strategies", "at least 2 strategies are needed, got " + std::to_string(S));
  if (L < 2) issues.add("lenses.lenses", "at least 2 lenses are needed to compare, got " + std::to_string(L));
  if (values.size() != S * L)
    issues.add("lenses.values", "expected " + std::to_string(S) + " × " + std::to_string(L) + " values, got " +
                                    std::to_string(values.size()));
  if (higher_is_better.size() != L)
    issues.add("lenses.higher_is_better", "one flag per lens expected (" + std::to_string(L) + "), got " +
                                              std::to_string(higher_is_better.size()));
  std::set<std::string> seen_s, seen_l;
  for (const auto& s : strategies)
    if (!seen_s.insert(s).second) issues.add("lenses.strategies", "strategy '" + s + "' appears more than once");
  for (const auto& l : lenses)
    if (!seen_l.insert(l).second) issues.add("lenses.lenses", "lens '" + l + "' appears more than once");
  issues.throw_if_any();
  for (std::size_t i = 0; i < S; ++i)
    for (std::size_t l = 0; l < L; ++l)
      if (!std::isfinite(values[i * L + l]))
        issues.add("lenses['" + strategies[i] + "', '" + lenses[l] + "']",
                   "value must be finite, got " + detail::num(values[i * L + l]) +
                       " (an undefined measure, e.g. cost per outcome at zero outcome, cannot be ranked)");
  issues.throw_if_any();

  LensAgreement out;
  out.strategies = strategies;
  out.lenses = lenses;
  out.higher_is_better = higher_is_better;
  out.ranks.assign(S * L, 0.0);
  std::vector<std::vector<double>> r(L);
  for (std::size_t l = 0; l < L; ++l) {
    std::vector<double> x(S);
    for (std::size_t i = 0; i < S; ++i) x[i] = values[i * L + l];
    r[l] = detail::average_ranks(x, higher_is_better[l]);
    const double best = *std::min_element(r[l].begin(), r[l].end());
    std::vector<std::string> w;
    for (std::size_t i = 0; i < S; ++i) {
      out.ranks[i * L + l] = r[l][i];
      if (r[l][i] == best) w.push_back(strategies[i]);
    }
    if (w.size() > 1)
      out.warnings.push_back(Notice("lenses.tie", {text_param("lens", lenses[l]), text_param("strategies", detail::join_names(w))}));
    out.winners.push_back(std::move(w));
  }
  out.spearman.assign(L * L, 1.0);
  out.kendall.assign(L * L, 1.0);
  for (std::size_t a = 0; a < L; ++a)
    for (std::size_t b = 0; b < L; ++b) {
      if (a == b && std::set<double>(r[a].begin(), r[a].end()).size() > 1) continue;
      const double rho = detail::pearson(r[a], r[b]), tau = detail::kendall_tau_b(r[a], r[b]);
      out.spearman[a * L + b] = rho;
      out.kendall[a * L + b] = tau;
      if (a < b && std::isnan(rho))
        out.warnings.push_back(Notice("lenses.correlation_undefined", {text_param("lens", lenses[a]), text_param("lens_b", lenses[b])}));
    }
  for (std::size_t l = 0; l < L; ++l) {
    if (out.winners[l].size() != 1) out.agree = false;
    if (l > 0 && out.winners[l] != out.winners[0]) {
      out.agree = false;
      out.changes.push_back("winner changes from " + detail::join_names(out.winners[0]) + " under '" + lenses[0] +
                            "' to " + detail::join_names(out.winners[l]) + " under '" + lenses[l] + "'");
    }
  }
  return out;
}

}  // namespace impactchain
