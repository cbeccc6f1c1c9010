// Composite indicators: weighted aggregation (arithmetic, geometric, harmonic,
// generalised mean) of child nodes into parent nodes.
#pragma once

#include "impactchain/detail/eigen.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "impactchain/detail/enum_names.hpp"
#include "impactchain/error.hpp"

namespace impactchain {

enum class Aggregation { arithmetic, geometric, harmonic, generalised };

template <>
struct EnumSpellings<Aggregation> {
  static constexpr const char* field = "aggregation";
  static constexpr std::pair<Aggregation, const char*> names[] = {
      {Aggregation::arithmetic, "arithmetic"},
      {Aggregation::geometric, "geometric"},
      {Aggregation::harmonic, "harmonic"},
      {Aggregation::generalised, "generalised"},
      {Aggregation::generalised, "generalized"}};
};
inline const char* to_string(Aggregation v) { return detail::spelling(v); }

/// What an aggregate does with a child that has no value (NaN after imputation):
///   propagate  the aggregate is NaN (reported);
///   available  the mean of the children the unit has, their weights re-normalised to sum 1
///              (COINr's default, its a_amean/a_gmean/a_hmean: R's weighted.mean(x, w, na.rm = TRUE)).
enum class MissingAggregation { propagate, available };

template <>
struct EnumSpellings<MissingAggregation> {
  static constexpr const char* field = "missing";
  static constexpr std::pair<MissingAggregation, const char*> names[] = {{MissingAggregation::propagate, "propagate"},
                                                                         {MissingAggregation::available, "available"}};
};
inline const char* to_string(MissingAggregation v) { return detail::spelling(v); }

/// Weighted mean of values v with weights w (sum 1):
///   arithmetic  sum w v;  geometric  prod v^w (v > 0);  harmonic  1 / sum(w / v) (v > 0);
///   generalised (sum w v^p)^(1/p), p != 0: the power mean of non-negative values. With p = 1 it is
///   the arithmetic mean, and any values are allowed; otherwise a negative value is an error (with
///   p = 2 its sign would be lost, with p = 3 the root of a negative sum is no number), and so is 0
///   when p < 0.
/// `where` names the unit and node for errors. NaN in -> NaN out (the caller reports it).
inline double weighted_mean(const std::vector<double>& v, const std::vector<double>& w, Aggregation a, double p,
                            const std::string& where) {
  for (double x : v)
    if (std::isnan(x)) return x;
  double s = 0;
  switch (a) {
    case Aggregation::arithmetic:
      for (std::size_t i = 0; i < v.size(); ++i) s += w[i] * v[i];
      return s;
    case Aggregation::geometric:
    case Aggregation::harmonic:
      for (std::size_t i = 0; i < v.size(); ++i)
        if (!(v[i] > 0) && w[i] > 0)
          throw ValidationError(where, std::string(to_string(a)) + " mean is undefined for values <= 0, got " + detail::num(v[i]) +
                                           " (use a normalisation with a positive range, e.g. minmax to [1, 100])");
      if (a == Aggregation::geometric) {
        for (std::size_t i = 0; i < v.size(); ++i) s += w[i] > 0 ? w[i] * std::log(v[i]) : 0.0;
        return std::exp(s);
      }
      for (std::size_t i = 0; i < v.size(); ++i) s += w[i] > 0 ? w[i] / v[i] : 0.0;
      return 1 / s;
    case Aggregation::generalised:
      if (p == 0 || !std::isfinite(p)) throw ValidationError(where, "generalised mean needs a finite power p != 0 (p = 0 is the geometric mean)");
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (p != 1 && w[i] > 0 && (v[i] < 0 || (p < 0 && v[i] == 0)))
          throw ValidationError(where, "generalised mean with p = " + detail::num(p) + " is undefined for values " +
                                           (p < 0 ? "<= 0" : "< 0") + ", got " + detail::num(v[i]) +
                                           " (use a normalisation with a positive range, e.g. minmax to [1, 100])");
        s += w[i] * std::pow(v[i], p);
      }
      return std::pow(s, 1 / p);
  }
  return s;
}

/// weighted_mean over the values of v that are not NaN, their weights re-normalised to sum 1: the
/// available-case mean (COINr's a_amean, a_gmean, a_hmean). NaN when no value with a weight above 0 is there.
inline double available_mean(const std::vector<double>& v, const std::vector<double>& w, Aggregation a, double p,
                             const std::string& where) {
  std::vector<double> vv, ww;
  double sum = 0;
  for (std::size_t i = 0; i < v.size(); ++i)
    if (!std::isnan(v[i])) {
      vv.push_back(v[i]);
      ww.push_back(w[i]);
      sum += w[i];
    }
  if (!(sum > 0)) return std::numeric_limits<double>::quiet_NaN();
  for (double& x : ww) x /= sum;
  return weighted_mean(vv, ww, a, p, where);
}

}  // namespace impactchain
