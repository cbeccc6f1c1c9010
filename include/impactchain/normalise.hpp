// Composite indicators, step 1-3: imputation, winsorising and normalisation of a
// units x indicators matrix (OECD/JRC Handbook on Constructing Composite Indicators, 2008).
#pragma once

#include "impactchain/detail/eigen.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "impactchain/detail/enum_names.hpp"
#include "impactchain/detail/stats.hpp"
#include "impactchain/error.hpp"
#include "impactchain/notice.hpp"

namespace impactchain {

enum class Imputation { none, mean, median, group_mean, group_median };
enum class Normalisation { none, minmax, zscore, rank, distance_to_target, goalposts };

template <>
struct EnumSpellings<Imputation> {
  static constexpr const char* field = "imputation";
  static constexpr std::pair<Imputation, const char*> names[] = {
      {Imputation::none, "none"},
      {Imputation::mean, "mean"},
      {Imputation::median, "median"},
      {Imputation::group_mean, "group_mean"},
      {Imputation::group_median, "group_median"}};
};
inline const char* to_string(Imputation v) { return detail::spelling(v); }
template <>
struct EnumSpellings<Normalisation> {
  static constexpr const char* field = "normalisation";
  static constexpr std::pair<Normalisation, const char*> names[] = {
      {Normalisation::none, "none"},
      {Normalisation::minmax, "minmax"},
      {Normalisation::zscore, "zscore"},
      {Normalisation::rank, "rank"},
      {Normalisation::distance_to_target, "distance_to_target"},
      {Normalisation::goalposts, "goalposts"}};
};
inline const char* to_string(Normalisation v) { return detail::spelling(v); }

namespace detail {

inline std::vector<double> present(const Eigen::MatrixXd& x, Eigen::Index j, const std::vector<Eigen::Index>* rows = nullptr) {
  std::vector<double> v;
  if (rows) {
    for (auto i : *rows)
      if (!std::isnan(x(i, j))) v.push_back(x(i, j));
  } else {
    for (Eigen::Index i = 0; i < x.rows(); ++i)
      if (!std::isnan(x(i, j))) v.push_back(x(i, j));
  }
  return v;
}

}  // namespace detail

/// Imputes missing cells per indicator with the mean or median of the observed units, or of
/// the observed units in the same group (falling back to all units when a group has none,
/// reported). Returns the count of imputed cells in `n_imputed`.
inline Eigen::MatrixXd impute(const Eigen::MatrixXd& x, Imputation m, const std::vector<std::string>& unit_groups,
                              const std::vector<std::string>& indicators, std::vector<Notice>& warnings, int& n_imputed) {
  n_imputed = 0;
  Eigen::MatrixXd out = x;
  if (m == Imputation::none) return out;
  const bool by_group = m == Imputation::group_mean || m == Imputation::group_median;
  const bool use_median = m == Imputation::median || m == Imputation::group_median;
  if (by_group && static_cast<Eigen::Index>(unit_groups.size()) != x.rows())
    throw ValidationError("unit_groups", "group imputation needs one group per unit: got " + std::to_string(unit_groups.size()) +
                                             " for " + std::to_string(x.rows()) + " units");
  std::map<std::string, std::vector<Eigen::Index>> members;
  if (by_group)
    for (Eigen::Index i = 0; i < x.rows(); ++i) members[unit_groups[static_cast<std::size_t>(i)]].push_back(i);
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    const auto all = detail::present(x, j);
    if (all.empty()) throw ValidationError("indicator '" + indicators[static_cast<std::size_t>(j)] + "'", "all values are missing; cannot impute");
    double overall = 0;
    if (use_median) overall = detail::median(all);
    else overall = detail::mean(all);
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      if (!std::isnan(x(i, j))) continue;
      double fill = overall;
      if (by_group) {
        const auto& g = unit_groups[static_cast<std::size_t>(i)];
        const auto v = detail::present(x, j, &members[g]);
        if (v.empty()) {
          warnings.push_back(Notice(use_median ? "normalise.group_no_value_median" : "normalise.group_no_value_mean",
                                    {text_param("indicator", indicators[static_cast<std::size_t>(j)]), text_param("group", g)}));
        } else if (use_median) {
          fill = detail::median(v);
        } else {
          fill = detail::mean(v);
        }
      }
      out(i, j) = fill;
      ++n_imputed;
    }
  }
  return out;
}

/// Winsorises each indicator to its [lower_q, upper_q] quantiles (type 7); counts clipped cells.
inline Eigen::MatrixXd winsorise(const Eigen::MatrixXd& x, double lower_q, double upper_q, Eigen::VectorXi& n_clipped) {
  if (!(lower_q >= 0 && lower_q < upper_q && upper_q <= 1))
    throw ValidationError("winsorise", "quantiles must satisfy 0 <= lower < upper <= 1, got [" + detail::num(lower_q) + ", " +
                                           detail::num(upper_q) + "]");
  Eigen::MatrixXd out = x;
  n_clipped = Eigen::VectorXi::Zero(x.cols());
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    const auto v = detail::present(x, j);
    if (v.empty()) continue;
    const double lo = detail::quantile_type7(v, lower_q), hi = detail::quantile_type7(v, upper_q);
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      double& c = out(i, j);
      if (std::isnan(c)) continue;
      if (c < lo) { c = lo; ++n_clipped[j]; }
      else if (c > hi) { c = hi; ++n_clipped[j]; }
    }
  }
  return out;
}

/// Parameters of the normalisation; per-indicator vectors are in indicator order.
struct NormalisationOptions {
  Normalisation method = Normalisation::minmax;
  double lower = 0, upper = 100;          ///< minmax output range
  double z_mean = 0, z_sd = 1;            ///< zscore output mean and SD
  std::vector<double> targets;            ///< distance_to_target: per indicator (in the raw direction)
  bool cap_at_target = true;              ///< distance_to_target: values beyond the target score 1
  std::vector<double> goal_low, goal_high;  ///< goalposts per indicator (raw units)
  double goal_scale = 100;                ///< goalposts output: 0..goal_scale
};

/// Normalises each indicator after multiplying by its direction (+1: higher is better, -1:
/// lower is better; targets and goalposts are mirrored the same way), so that higher
/// normalised values are always better.
///   minmax:  lower + (x - min)/(max - min) * (upper - lower)
///   zscore:  z_mean + z_sd * (x - mean)/sd (sd with n-1)
///   rank:    rank of x among units, ties get the average rank (1 = worst)
///   distance_to_target: (x - min)/(target - min), capped at 1 when cap_at_target
///   goalposts: clamp((x - low)/(high - low), 0, 1) * goal_scale
inline Eigen::MatrixXd normalise(const Eigen::MatrixXd& x, const std::vector<int>& direction, const NormalisationOptions& o,
                                 const std::vector<std::string>& indicators) {
  const Eigen::Index k = x.cols();
  detail::IssueList issues;
  if (static_cast<Eigen::Index>(direction.size()) != k)
    issues.add("direction", "needs one value per indicator (" + std::to_string(k) + "), got " + std::to_string(direction.size()));
  for (std::size_t j = 0; j < direction.size(); ++j)
    if (direction[j] != 1 && direction[j] != -1)
      issues.add("direction[" + (j < indicators.size() ? indicators[j] : std::to_string(j)) + "]",
                 "must be 1 or -1, got " + std::to_string(direction[j]));
  if (o.method == Normalisation::distance_to_target && static_cast<Eigen::Index>(o.targets.size()) != k)
    issues.add("targets", "distance_to_target needs one target per indicator (" + std::to_string(k) + "), got " + std::to_string(o.targets.size()));
  if (o.method == Normalisation::goalposts &&
      (static_cast<Eigen::Index>(o.goal_low.size()) != k || static_cast<Eigen::Index>(o.goal_high.size()) != k))
    issues.add("goalposts", "need one low and one high goalpost per indicator (" + std::to_string(k) + ")");
  if (o.method == Normalisation::minmax && !(o.lower < o.upper)) issues.add("minmax", "lower must be < upper");
  if (o.method == Normalisation::zscore && !(o.z_sd > 0)) issues.add("zscore", "z_sd must be > 0");
  issues.throw_if_any();
  Eigen::MatrixXd out(x.rows(), k);
  for (Eigen::Index j = 0; j < k; ++j) {
    const std::string name = "indicator '" + indicators[static_cast<std::size_t>(j)] + "'";
    const double dir = direction[static_cast<std::size_t>(j)];
    Eigen::VectorXd c = x.col(j) * dir;
    const auto v = detail::present(c, 0);
    if (v.empty()) throw ValidationError(name, "all values are missing");
    const double mn = *std::min_element(v.begin(), v.end()), mx = *std::max_element(v.begin(), v.end());
    switch (o.method) {
      case Normalisation::none: out.col(j) = c; break;
      case Normalisation::minmax:
        if (!(mx > mn)) throw ValidationError(name, "is constant across units: min-max normalisation is undefined");
        if (std::isfinite(mx - mn)) {
          out.col(j) = (o.lower + (c.array() - mn) / (mx - mn) * (o.upper - o.lower)).matrix();
        } else {  // a range beyond double (-1e308 to 1e308): the same shares from values scaled by the largest
          const double sc = std::max(std::abs(mn), std::abs(mx));
          out.col(j) = (o.lower + (c.array() / sc - mn / sc) / (mx / sc - mn / sc) * (o.upper - o.lower)).matrix();
        }
        break;
      case Normalisation::zscore: {
        double m, sd;
        detail::mean_sd(v, m, sd);  // sd NaN for one value
        double sc = 1;               // values so large that their sum or squares pass double's range: scaled
        if (v.size() > 1 && !(std::isfinite(m) && std::isfinite(sd))) {
          sc = std::max(std::abs(mn), std::abs(mx));
          std::vector<double> scaled(v.size());
          for (std::size_t i = 0; i < v.size(); ++i) scaled[i] = v[i] / sc;
          detail::mean_sd(scaled, m, sd);
        }
        if (!(sd > 0)) throw ValidationError(name, "has zero standard deviation: z-score is undefined");
        out.col(j) = (o.z_mean + o.z_sd * (c.array() / sc - m) / sd).matrix();
        break;
      }
      case Normalisation::rank: {
        // Average rank of ties from a sorted copy: below + (equal + 1) / 2, O(n log n).
        std::vector<double> sorted = v;
        std::sort(sorted.begin(), sorted.end());
        for (Eigen::Index i = 0; i < c.size(); ++i) {
          if (std::isnan(c[i])) { out(i, j) = c[i]; continue; }
          const auto lo = std::lower_bound(sorted.begin(), sorted.end(), c[i]);
          const auto hi = std::upper_bound(lo, sorted.end(), c[i]);
          const double below = static_cast<double>(lo - sorted.begin()), equal = static_cast<double>(hi - lo);
          out(i, j) = below + (equal + 1) / 2;
        }
        break;
      }
      case Normalisation::distance_to_target: {
        const double t = o.targets[static_cast<std::size_t>(j)] * dir;
        if (!(t > mn)) throw ValidationError(name, "target " + detail::num(o.targets[static_cast<std::size_t>(j)]) + " is not better than the worst value");
        for (Eigen::Index i = 0; i < c.size(); ++i) {
          double s = (c[i] - mn) / (t - mn);
          if (o.cap_at_target && s > 1) s = 1;
          out(i, j) = s;
        }
        break;
      }
      case Normalisation::goalposts: {
        double lo = o.goal_low[static_cast<std::size_t>(j)] * dir, hi = o.goal_high[static_cast<std::size_t>(j)] * dir;
        if (dir < 0) std::swap(lo, hi);
        if (!(hi > lo)) throw ValidationError(name, "goalposts must have low < high (in the indicator's own direction)");
        for (Eigen::Index i = 0; i < c.size(); ++i)
          out(i, j) = std::isnan(c[i]) ? c[i] : std::min(1.0, std::max(0.0, (c[i] - lo) / (hi - lo))) * o.goal_scale;
        break;
      }
    }
  }
  return out;
}

}  // namespace impactchain
