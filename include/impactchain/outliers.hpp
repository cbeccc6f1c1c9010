// Outlier treatment of composite indicators as COINr's default Treat() (Becker et al.,
// COINr 1.x: check_SkewKurt, winsorise, log_CT; docs/soft.md "Outlier treatment"): per
// indicator, a skewness/kurtosis check; on failure the most extreme value is winsorised
// one at a time on the side of the skew, re-checking after each, up to a point limit;
// if the indicator still fails, the winsorising is undone and the log transform
// log(x − min + 0.01·(max − min)) is applied to the untreated values instead.
#pragma once

#include "impactchain/detail/eigen.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "impactchain/detail/enum_names.hpp"
#include "impactchain/detail/stats.hpp"
#include "impactchain/error.hpp"

namespace impactchain {

/// Outlier treatment of a composite step: none, or COINr's default.
enum class OutlierTreatment { none, coinr };

template <>
struct EnumSpellings<OutlierTreatment> {
  static constexpr const char* field = "outliers";
  static constexpr std::pair<OutlierTreatment, const char*> names[] = {{OutlierTreatment::none, "none"},
                                                                      {OutlierTreatment::coinr, "coinr"}};
};
inline const char* to_string(OutlierTreatment v) { return detail::spelling(v); }

/// What happened to one indicator.
enum class OutlierDecision {
  pass,        ///< passed the check as it was: unchanged
  winsorised,  ///< passed after winsorising `points`
  log,         ///< still failed after winsorising up to the limit: log transform of the untreated values
  undefined    ///< skewness or kurtosis undefined (< 4 observed values, or no spread, also after a winsorising step): unchanged
};

template <>
struct EnumSpellings<OutlierDecision> {
  static constexpr const char* field = "decision";
  static constexpr std::pair<OutlierDecision, const char*> names[] = {{OutlierDecision::pass, "pass"},
                                                                     {OutlierDecision::winsorised, "winsorised"},
                                                                     {OutlierDecision::log, "log"},
                                                                     {OutlierDecision::undefined, "undefined"}};
};
inline const char* to_string(OutlierDecision v) { return detail::spelling(v); }

/// COINr's defaults (Treat's global_specs: skew_thresh 2, kurt_thresh 3.5, winmax 5).
struct OutlierOptions {
  double skew_threshold = 2;        ///< an indicator fails when |skewness| >= this …
  double kurtosis_threshold = 3.5;  ///< … and (excess) kurtosis >= this
  int max_points = 5;               ///< winsorising stops once this many points are winsorised (ties may pass it)
};

/// One winsorised cell of the treated data.
struct WinsorisedPoint {
  std::size_t unit = 0;  ///< row of the unit
  double value = 0;      ///< before treatment
  double winsorised_to = 0;
  bool high = true;      ///< true: the high end (positive skew), false: the low end
};

/// The treatment table row of one indicator (COINr's Dets_Table: check 0, winsorise, check 1,
/// check 2). Skewness and kurtosis: detail::sample_skewness / sample_kurtosis of the observed values.
struct IndicatorOutliers {
  std::string indicator;
  OutlierDecision decision = OutlierDecision::pass;
  double skew_before = 0, kurtosis_before = 0;
  int points_tried = 0;  ///< points the winsorising reached (COINr's nwin); 0 when not tried
  double skew_winsorised = std::numeric_limits<double>::quiet_NaN();      ///< after the winsorising (NaN: not tried)
  double kurtosis_winsorised = std::numeric_limits<double>::quiet_NaN();
  std::vector<WinsorisedPoint> points;  ///< winsorised cells kept in the treated data (decision winsorised)
  bool log_transform = false;
  double skew_after = 0, kurtosis_after = 0;  ///< of the treated values
  bool passes_after = true;                   ///< the check on the treated values (false: fails after the log, or undefined)
};

struct OutlierTreatmentResult {
  Eigen::MatrixXd treated;
  std::vector<IndicatorOutliers> indicators;  ///< one per column
};

/// The check COINr's check_SkewKurt makes: pass when |skew| < skew_threshold or
/// kurtosis < kurtosis_threshold (so failing needs both at or above their thresholds).
inline bool passes_skew_kurtosis(double skew, double kurtosis, const OutlierOptions& o) {
  return std::abs(skew) < o.skew_threshold || kurtosis < o.kurtosis_threshold;
}

namespace detail {

/// Sums of the 2nd, 3rd and 4th powers of the deviations from the mean.
struct CentralSums {
  double s2 = 0, s3 = 0, s4 = 0;
};
inline CentralSums central_sums(const std::vector<double>& v) {
  const double m = mean(v);
  CentralSums c;
  for (double x : v) {
    const double d = x - m, d2 = d * d;
    c.s2 += d2;
    c.s3 += d2 * d;
    c.s4 += d2 * d2;
  }
  return c;
}

/// Sample skewness G1 = g1·√(n(n − 1))/(n − 2), g1 = √n·Σd³/(Σd²)^{3/2}, d = x − x̄
/// (Joanes & Gill 1998 type 2; e1071::skewness(type = 2), Excel SKEW, COINr skew()).
/// NaN for fewer than 3 values or no spread.
inline double sample_skewness(const std::vector<double>& v) {
  if (v.size() < 3) return std::numeric_limits<double>::quiet_NaN();
  const double n = static_cast<double>(v.size());
  const CentralSums c = central_sums(v);
  if (!(c.s2 > 0)) return std::numeric_limits<double>::quiet_NaN();
  return std::sqrt(n) * c.s3 / std::pow(c.s2, 1.5) * std::sqrt(n * (n - 1)) / (n - 2);
}

/// Sample excess kurtosis G2 = ((n + 1)·g2 + 6)(n − 1)/((n − 2)(n − 3)), g2 = n·Σd⁴/(Σd²)² − 3
/// (Joanes & Gill 1998 type 2; e1071::kurtosis(type = 2), Excel KURT, COINr kurt()); a
/// normal sample has G2 near 0. NaN for fewer than 4 values or no spread.
inline double sample_kurtosis(const std::vector<double>& v) {
  if (v.size() < 4) return std::numeric_limits<double>::quiet_NaN();
  const double n = static_cast<double>(v.size());
  const CentralSums c = central_sums(v);
  if (!(c.s2 > 0)) return std::numeric_limits<double>::quiet_NaN();
  const double g2 = n * c.s4 / (c.s2 * c.s2) - 3;
  return ((n + 1) * g2 + 6) * (n - 1) / ((n - 2) * (n - 3));
}

inline void skew_kurtosis(const Eigen::VectorXd& c, double& skew, double& kurt) {
  std::vector<double> v;
  for (Eigen::Index i = 0; i < c.size(); ++i)
    if (!std::isnan(c[i])) v.push_back(c[i]);
  skew = sample_skewness(v);
  kurt = sample_kurtosis(v);
}

/// COINr's winsorising step on the side of the skew: every cell equal to the extreme gets the
/// most extreme value among the other cells; `at` becomes those cells. False when no other value exists.
inline bool winsorise_extreme(Eigen::VectorXd& c, bool high, std::vector<Eigen::Index>& at) {
  double ext = std::numeric_limits<double>::quiet_NaN();
  for (Eigen::Index i = 0; i < c.size(); ++i)
    if (!std::isnan(c[i]) && (std::isnan(ext) || (high ? c[i] > ext : c[i] < ext))) ext = c[i];
  double next = std::numeric_limits<double>::quiet_NaN();
  at.clear();
  for (Eigen::Index i = 0; i < c.size(); ++i) {
    if (std::isnan(c[i])) continue;
    if (c[i] == ext) at.push_back(i);
    else if (std::isnan(next) || (high ? c[i] > next : c[i] < next)) next = c[i];
  }
  if (std::isnan(next)) return false;
  for (auto i : at) c[i] = next;
  return true;
}

}  // namespace detail

/// COINr's default treatment of one indicator column (NaN cells are left alone and ignored).
/// `col` is replaced by the treated values; the row of the treatment table is returned.
inline IndicatorOutliers treat_outliers_coinr(Eigen::Ref<Eigen::VectorXd> col, const std::string& indicator,
                                             const OutlierOptions& o) {
  IndicatorOutliers r;
  r.indicator = indicator;
  const Eigen::VectorXd x = col;
  detail::skew_kurtosis(x, r.skew_before, r.kurtosis_before);
  r.skew_after = r.skew_before;
  r.kurtosis_after = r.kurtosis_before;
  if (std::isnan(r.skew_before) || std::isnan(r.kurtosis_before)) {
    r.decision = OutlierDecision::undefined;
    r.passes_after = false;
    return r;
  }
  if (passes_skew_kurtosis(r.skew_before, r.kurtosis_before, o)) return r;

  // Winsorise: COINr counts the cells of the last high step plus those of the last low step
  // (a later step on a side includes the cells of the earlier ones, now tied at the extreme).
  Eigen::VectorXd w = x;
  std::vector<Eigen::Index> hi_at, lo_at;
  double s = r.skew_before, k = r.kurtosis_before;
  bool pass = false;
  while (!pass && r.points_tried < o.max_points) {
    const bool high = s >= 0;
    if (!detail::winsorise_extreme(w, high, high ? hi_at : lo_at)) { s = k = std::numeric_limits<double>::quiet_NaN(); break; }
    r.points_tried = static_cast<int>(hi_at.size() + lo_at.size());
    detail::skew_kurtosis(w, s, k);
    if (std::isnan(s) || std::isnan(k)) break;
    pass = passes_skew_kurtosis(s, k, o);
  }
  r.skew_winsorised = s;
  r.kurtosis_winsorised = k;
  if (std::isnan(s) || std::isnan(k)) {  // COINr stops with an error and keeps the indicator untreated
    r.decision = OutlierDecision::undefined;
    r.passes_after = false;
    return r;
  }
  if (pass) {
    r.decision = OutlierDecision::winsorised;
    for (Eigen::Index i = 0; i < x.size(); ++i)
      if (!std::isnan(x[i]) && w[i] != x[i]) r.points.push_back({static_cast<std::size_t>(i), x[i], w[i], w[i] < x[i]});
    col = w;
    r.skew_after = s;
    r.kurtosis_after = k;
    return r;
  }
  // log_CT on the untreated values (COINr's combine_treat = FALSE).
  double mn = std::numeric_limits<double>::infinity(), mx = -mn;
  for (Eigen::Index i = 0; i < x.size(); ++i)
    if (!std::isnan(x[i])) { mn = std::min(mn, x[i]); mx = std::max(mx, x[i]); }
  const double a = 0.01 * (mx - mn);
  for (Eigen::Index i = 0; i < x.size(); ++i) col[i] = std::isnan(x[i]) ? x[i] : std::log(x[i] - mn + a);
  r.decision = OutlierDecision::log;
  r.log_transform = true;
  detail::skew_kurtosis(col, r.skew_after, r.kurtosis_after);
  r.passes_after = passes_skew_kurtosis(r.skew_after, r.kurtosis_after, o);
  return r;
}

/// Checks the options: thresholds finite (skewness > 0), point limit >= 0.
inline void check_outlier_options(const OutlierOptions& o, const std::string& where = "outliers") {
  detail::IssueList is;
  if (!(std::isfinite(o.skew_threshold) && o.skew_threshold > 0))
    is.add(where + ".skew_threshold", "must be a finite number > 0, got " + detail::num(o.skew_threshold));
  if (!std::isfinite(o.kurtosis_threshold))
    is.add(where + ".kurtosis_threshold", "must be a finite number, got " + detail::num(o.kurtosis_threshold));
  if (o.max_points < 0) is.add(where + ".max_points", "must be >= 0, got " + std::to_string(o.max_points));
  is.throw_if_any();
}

/// COINr's default treatment of every column of x (units x indicators).
inline OutlierTreatmentResult treat_outliers_coinr(const Eigen::MatrixXd& x, const std::vector<std::string>& indicators,
                                                  const OutlierOptions& o = {}) {
  check_outlier_options(o);
  if (static_cast<Eigen::Index>(indicators.size()) != x.cols())
    throw ValidationError("indicators", "got " + std::to_string(indicators.size()) + " names for " + std::to_string(x.cols()) + " columns");
  OutlierTreatmentResult r;
  r.treated = x;
  for (Eigen::Index j = 0; j < x.cols(); ++j)
    r.indicators.push_back(treat_outliers_coinr(r.treated.col(j), indicators[static_cast<std::size_t>(j)], o));
  return r;
}

}  // namespace impactchain
