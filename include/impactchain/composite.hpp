// Composite scores over units x indicators: imputation -> outlier treatment (quantile
// winsorising or COINr's skew/kurtosis rule, outliers.hpp) -> normalisation
// (direction handled) -> weighted aggregation over a hierarchy of levels. Every
// intermediate matrix and the options that produced it are kept in the result.
#pragma once

#include "impactchain/detail/eigen.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "impactchain/aggregate.hpp"
#include "impactchain/error.hpp"
#include "impactchain/normalise.hpp"
#include "impactchain/outliers.hpp"
#include "impactchain/notice.hpp"
#include "impactchain/weights.hpp"

namespace impactchain {

/// One aggregation level: the nodes of the level below (indicators for the first level)
/// are grouped under `parents` (one parent name per child, in child order).
struct CompositeLevel {
  std::string name;                  ///< e.g. "dimension", "index"
  std::vector<std::string> parents;  ///< parent of each child node
  std::vector<double> weights;       ///< weight of each child within its parent (sum 1 per parent); empty = equal
  Aggregation method = Aggregation::arithmetic;
  double power = 1;                  ///< generalised mean exponent
};

struct CompositeOptions {
  Imputation imputation = Imputation::none;
  std::vector<std::string> unit_groups;  ///< for group imputation
  bool winsorise = false;
  double winsor_lower = 0.05, winsor_upper = 0.95;
  OutlierTreatment outliers = OutlierTreatment::none;  ///< coinr: COINr's default treatment (not with winsorise)
  OutlierOptions outlier_options;
  NormalisationOptions normalisation;
  /// A child without a value: the aggregate is NaN (propagate), or the mean of the children there (available).
  MissingAggregation missing = MissingAggregation::propagate;
  /// With missing = available, COINr's dat_thresh: the share in (0, 1] of a node's children (counted, not
  /// weighted) a unit needs with a value, else its aggregate is NaN. Empty: no threshold; one share for
  /// every level, or one per level (none: no threshold at that level).
  std::vector<std::optional<double>> min_available;
};

struct CompositeResult {
  std::vector<std::string> units, indicators;
  Eigen::MatrixXd raw, imputed, treated, normalised;
  std::vector<std::string> level_names;
  std::vector<std::vector<std::string>> level_nodes;  ///< node names of each level
  std::vector<Eigen::MatrixXd> aggregated;             ///< units x nodes per level
  std::vector<std::vector<double>> level_weights;      ///< child weights used at each level
  int n_imputed = 0;
  Eigen::VectorXi n_clipped;                            ///< cells changed by winsorising, per indicator
  std::vector<IndicatorOutliers> outliers;              ///< COINr treatment table (outliers = coinr), per indicator
  std::vector<std::pair<std::string, std::string>> options;  ///< what produced each step
  std::vector<Notice> warnings;
};

/// Builds the composite. x: units x indicators (NaN = missing); direction: +1/-1 per indicator.
inline CompositeResult composite(const Eigen::MatrixXd& x, const std::vector<std::string>& units,
                                 const std::vector<std::string>& indicators, const std::vector<int>& direction,
                                 const std::vector<CompositeLevel>& levels, const CompositeOptions& o = {}) {
  detail::IssueList issues;
  if (static_cast<Eigen::Index>(units.size()) != x.rows())
    issues.add("units", "got " + std::to_string(units.size()) + " names for " + std::to_string(x.rows()) + " rows");
  if (static_cast<Eigen::Index>(indicators.size()) != x.cols())
    issues.add("indicators", "got " + std::to_string(indicators.size()) + " names for " + std::to_string(x.cols()) + " columns");
  if (levels.empty()) issues.add("levels", "at least one aggregation level is needed");
  const bool named = static_cast<Eigen::Index>(units.size()) == x.rows() && static_cast<Eigen::Index>(indicators.size()) == x.cols();
  for (Eigen::Index i = 0; named && i < x.rows(); ++i)  // cells are named only when every name is there
    for (Eigen::Index j = 0; j < x.cols(); ++j)
      if (std::isinf(x(i, j))) issues.add("unit '" + units[static_cast<std::size_t>(i)] + "', indicator '" + indicators[static_cast<std::size_t>(j)] + "'", "is infinite");
  const std::size_t n_shares = o.min_available.size();
  if (n_shares > 1 && n_shares != levels.size())
    issues.add("min_available", "needs one share for every level or one per level (" + std::to_string(levels.size()) +
                                    "), got " + std::to_string(n_shares));
  for (std::size_t l = 0; l < n_shares; ++l) {
    const std::optional<double>& t = o.min_available[l];
    const std::string field = n_shares == 1 ? "min_available" : "min_available[" + std::to_string(l) + "]";
    if (t && !(*t > 0 && *t <= 1))
      issues.add(field, "must be a share of the children in (0, 1], got " + detail::num(*t));
    else if (t && o.missing != MissingAggregation::available)
      issues.add(field,
                 "applies only to missing = available (with propagate a unit missing any child has no aggregate)");
  }
  issues.throw_if_any();
  CompositeResult r;
  r.units = units;
  r.indicators = indicators;
  r.raw = x;
  r.imputed = impute(x, o.imputation, o.unit_groups, indicators, r.warnings, r.n_imputed);
  r.options.emplace_back("imputation", to_string(o.imputation));
  if (r.n_imputed) r.warnings.push_back(Notice("composite.imputed", {int_param("count", r.n_imputed), text_param("method", to_string(o.imputation))}));
  if (o.winsorise && o.outliers != OutlierTreatment::none)
    throw ValidationError("outliers", "quantile winsorising and COINr's outlier treatment exclude each other: choose one");
  if (o.outliers == OutlierTreatment::coinr) {
    OutlierTreatmentResult t = treat_outliers_coinr(r.imputed, indicators, o.outlier_options);
    r.treated = std::move(t.treated);
    r.outliers = std::move(t.indicators);
    r.n_clipped = Eigen::VectorXi::Zero(x.cols());
    for (std::size_t j = 0; j < r.outliers.size(); ++j) r.n_clipped[static_cast<Eigen::Index>(j)] = static_cast<int>(r.outliers[j].points.size());
    r.options.emplace_back("outliers", "COINr: fails when |skewness| >= " + detail::num(o.outlier_options.skew_threshold) +
                                           " and kurtosis >= " + detail::num(o.outlier_options.kurtosis_threshold) +
                                           "; winsorise up to " + std::to_string(o.outlier_options.max_points) +
                                           " points, else log(x - min + 0.01 (max - min))");
  } else if (o.winsorise) {
    r.treated = winsorise(r.imputed, o.winsor_lower, o.winsor_upper, r.n_clipped);
    r.options.emplace_back("winsorise", "quantiles [" + detail::num(o.winsor_lower) + ", " + detail::num(o.winsor_upper) + "] (type 7)");
    if (r.n_clipped.sum()) r.warnings.push_back(Notice("composite.winsorised", {int_param("count", r.n_clipped.sum())}));
  } else {
    r.treated = r.imputed;
    r.n_clipped = Eigen::VectorXi::Zero(x.cols());
    r.options.emplace_back("winsorise", "none");
  }
  r.normalised = normalise(r.treated, direction, o.normalisation, indicators);
  std::string nopt = to_string(o.normalisation.method);
  if (o.normalisation.method == Normalisation::minmax) nopt += " to [" + detail::num(o.normalisation.lower) + ", " + detail::num(o.normalisation.upper) + "]";
  if (o.normalisation.method == Normalisation::zscore) nopt += " mean " + detail::num(o.normalisation.z_mean) + ", sd " + detail::num(o.normalisation.z_sd);
  if (o.normalisation.method == Normalisation::goalposts) nopt += " scaled to [0, " + detail::num(o.normalisation.goal_scale) + "]";
  if (o.normalisation.method == Normalisation::distance_to_target) nopt += o.normalisation.cap_at_target ? " capped at 1" : " uncapped";
  r.options.emplace_back("normalisation", nopt);
  std::string dirs;
  for (std::size_t j = 0; j < direction.size(); ++j) dirs += (j ? ", " : "") + indicators[j] + (direction[j] > 0 ? " +1" : " -1");
  r.options.emplace_back("direction", dirs);
  const bool available = o.missing == MissingAggregation::available;
  r.options.emplace_back("missing", available
                                        ? "available: each aggregate over the children a unit has, weights re-normalised"
                                        : "propagate: a missing child makes the aggregate missing");
  const Eigen::Index nan_cells = r.normalised.array().isNaN().count();
  if (nan_cells)
    r.warnings.push_back(Notice(available ? "composite.missing_available" : "composite.missing_after_imputation",
                                {int_param("count", nan_cells), text_param("method", to_string(o.imputation))}));

  Eigen::MatrixXd below = r.normalised;
  std::vector<std::string> below_names = indicators;
  for (std::size_t l = 0; l < levels.size(); ++l) {
    const CompositeLevel& lv = levels[l];
    const std::string lname = "levels[" + std::to_string(l) + "] '" + lv.name + "'";
    if (lv.parents.size() != below_names.size())
      throw ValidationError(lname + ".parents", "needs one parent per node below (" + std::to_string(below_names.size()) + "), got " +
                                                    std::to_string(lv.parents.size()));
    std::vector<std::string> nodes;
    std::map<std::string, std::vector<std::size_t>> children;
    for (std::size_t c = 0; c < lv.parents.size(); ++c) {
      if (!children.count(lv.parents[c])) nodes.push_back(lv.parents[c]);
      children[lv.parents[c]].push_back(c);
    }
    std::vector<double> w = lv.weights;
    if (w.empty()) {
      w.resize(below_names.size());
      for (const auto& kv : children)
        for (auto c : kv.second) w[c] = 1.0 / static_cast<double>(kv.second.size());
      r.options.emplace_back(lname + " weights", "equal within each parent");
    } else {
      if (w.size() != below_names.size())
        throw ValidationError(lname + ".weights", "needs one weight per node below (" + std::to_string(below_names.size()) + "), got " +
                                                      std::to_string(w.size()));
      for (const auto& node : nodes) {
        std::vector<double> sub;
        for (auto c : children[node]) sub.push_back(w[c]);
        check_weights(sub, lname + ".weights of '" + node + "'");
      }
      r.options.emplace_back(lname + " weights", "user");
    }
    r.options.emplace_back(lname + " aggregation",
                           std::string(to_string(lv.method)) + (lv.method == Aggregation::generalised ? " p = " + detail::num(lv.power) : ""));
    const std::optional<double>* given = n_shares == 0 ? nullptr : &o.min_available[n_shares == 1 ? 0 : l];
    const bool has_share = given && given->has_value();
    const double share = has_share ? given->value() : 0.0;  // the share a unit needs at this level
    if (has_share) r.options.emplace_back(lname + " min_available", detail::num(share) + " of the children");
    Eigen::MatrixXd agg(x.rows(), static_cast<Eigen::Index>(nodes.size()));
    // missing = available: aggregates over fewer than all children, below min_available, with no weighted child.
    enum Outcome { partial, below_threshold, no_child, outcomes };
    int count[outcomes] = {0, 0, 0};
    std::vector<std::vector<bool>> unit_had(outcomes, std::vector<bool>(static_cast<std::size_t>(x.rows()), false));
    for (std::size_t p = 0; p < nodes.size(); ++p) {
      const auto& ch = children[nodes[p]];
      std::vector<double> ww;
      for (auto c : ch) ww.push_back(w[c]);
      for (Eigen::Index i = 0; i < x.rows(); ++i) {
        std::vector<double> v;
        std::size_t there = 0;
        for (auto c : ch) {
          v.push_back(below(i, static_cast<Eigen::Index>(c)));
          there += std::isnan(v.back()) ? 0 : 1;
        }
        const std::string where = "unit '" + units[static_cast<std::size_t>(i)] + "', node '" + nodes[p] + "'";
        double& out = agg(i, static_cast<Eigen::Index>(p));
        if (!available || there == ch.size()) {
          out = weighted_mean(v, ww, lv.method, lv.power, where);
          continue;
        }
        // COINr's Aggregate(): NA when sum(!is.na(x)) / length(x) < dat_thresh (a share equal to it is kept)
        const bool short_of = has_share && static_cast<double>(there) / static_cast<double>(ch.size()) < share;
        out = short_of ? std::numeric_limits<double>::quiet_NaN() : available_mean(v, ww, lv.method, lv.power, where);
        const Outcome k = short_of ? below_threshold : std::isnan(out) ? no_child : partial;
        ++count[k];
        unit_had[k][static_cast<std::size_t>(i)] = true;
      }
    }
    const char* codes[outcomes] = {"composite.available_partial", "composite.available_below",
                                   "composite.available_none"};
    for (int k = 0; k < outcomes; ++k) {
      if (!count[k]) continue;
      std::vector<NoticeParam> params{text_param("level", lv.name), int_param("count", count[k]),
                                      int_param("units", std::count(unit_had[k].begin(), unit_had[k].end(), true))};
      if (k == below_threshold) params.push_back(real_param("min_available", share));
      r.warnings.push_back(Notice(codes[k], std::move(params)));
    }
    r.level_names.push_back(lv.name);
    r.level_nodes.push_back(nodes);
    r.level_weights.push_back(w);
    r.aggregated.push_back(agg);
    below = agg;
    below_names = nodes;
  }
  return r;
}

}  // namespace impactchain
