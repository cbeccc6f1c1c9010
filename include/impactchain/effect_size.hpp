// Standardised effect sizes with the convention named in every result:
// Cohen's d (pooled SD), Hedges' g, paired d_z and d_av.
#pragma once

#include "impactchain/detail/eigen.hpp"
#include <boost/math/distributions/normal.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "impactchain/detail/enum_names.hpp"
#include "impactchain/defaults.hpp"
#include "impactchain/detail/check.hpp"
#include "impactchain/detail/stats.hpp"
#include "impactchain/error.hpp"
#include "impactchain/notice.hpp"

namespace impactchain {

namespace detail {
/// |r| within this of 1 counts as a perfect correlation: the rounding of r computed from data
/// on a straight line (exactly 1 in arithmetic) stays far below it.
inline constexpr double kPerfectCorrelation = 1e-10;
}  // namespace detail

enum class EffectSizeKind { d, g, dz, dav };

template <>
struct EnumSpellings<EffectSizeKind> {
  static constexpr const char* field = "kind";
  static constexpr std::pair<EffectSizeKind, const char*> names[] = {
      {EffectSizeKind::d, "d"},
      {EffectSizeKind::g, "g"},
      {EffectSizeKind::dz, "dz"},
      {EffectSizeKind::dav, "dav"}};
};
inline const char* to_string(EffectSizeKind v) { return detail::spelling(v); }

/// Whether a and b are two measurements of the same people (paired: element i of both is one
/// person) or two independent groups. The paired kinds (dz, dav) are paired whatever it says; d
/// and g of paired measurements keep their value and take the paired interval (Borenstein et
/// al. 2009 eq 4.28, with the correlation of a and b), not the independent groups' one.
enum class EffectSizeDesign { independent, paired };

template <>
struct EnumSpellings<EffectSizeDesign> {
  static constexpr const char* field = "design";
  static constexpr std::pair<EffectSizeDesign, const char*> names[] = {{EffectSizeDesign::independent, "independent"},
                                                                       {EffectSizeDesign::paired, "paired"}};
};
inline const char* to_string(EffectSizeDesign v) { return detail::spelling(v); }


/// The formula behind each kind, as reported in results.
inline const char* effect_size_convention(EffectSizeKind k) {
  switch (k) {
    case EffectSizeKind::d:
      return "Cohen's d: (mean(a) - mean(b)) / pooled SD, pooled SD = sqrt(((n_a-1)s_a^2 + (n_b-1)s_b^2)/(n_a+n_b-2))";
    case EffectSizeKind::g:
      return "Hedges' g: Cohen's d * J, J = 1 - 3/(4(n_a+n_b) - 9)";
    case EffectSizeKind::dz:
      return "paired d_z: mean(a - b) / SD(a - b)";
    case EffectSizeKind::dav:
      return "paired d_av: (mean(a) - mean(b)) / sqrt((s_a^2 + s_b^2)/2) (Cumming 2012; pingouin's paired 'cohen')";
  }
  return "?";
}

/// The kind as the notices write it: d, g, d_z, d_av.
inline const char* effect_size_symbol(EffectSizeKind k) {
  switch (k) {
    case EffectSizeKind::d: return "d";
    case EffectSizeKind::g: return "g";
    case EffectSizeKind::dz: return "d_z";
    case EffectSizeKind::dav: return "d_av";
  }
  return "?";
}

struct EffectSize {
  double value = 0;
  EffectSizeKind kind = EffectSizeKind::d;
  std::string convention;
  double ci_low = 0, ci_high = 0, ci_level = 0.95;
  std::string ci_method;
  double se = 0;
  bool paired = false;
  int n_a = 0, n_b = 0;   ///< values used
  int n_dropped = 0;      ///< values (independent) or pairs (paired) dropped for NaN
  double mean_a = 0, mean_b = 0, sd_a = 0, sd_b = 0;
  double r = 0;           ///< correlation of a and b (paired kinds only)
  std::vector<Notice> warnings;
};

/// What the caller calls a and b, for the messages of bad input ({"post", "pre"} for a change,
/// {"treatment", "control"} for two groups).
struct EffectSizeNames {
  std::string a = "a", b = "b";
};

/// Effect size of a versus b: positive when mean(a) > mean(b) (the sign convention of
/// scipy.stats.ttest_ind(a, b) and pingouin.compute_effsize(a, b)). For pre/post change
/// pass a = post, b = pre. NaN values are dropped (pairs, for the paired kinds) and counted.
/// CI: normal approximation with the large-sample variance of Borenstein et al. (2009,
/// Introduction to Meta-Analysis, eqs 4.20, 4.25, 4.28) and Hedges & Olkin (1985); for d and g of
/// paired measurements (`design` paired) the matched groups' variance of eq 4.28, as for d_av, the
/// pairs with a missing value dropped. d_av (and paired d or g) of a and b that are perfectly
/// correlated (|r| within 1e-10 of 1, as any 2 pairs that both vary are) has no interval: se and
/// the bounds are NaN, with the notice effect_size.dav_perfect_correlation naming the kind.
/// Errors name a and b as `names` does.
inline EffectSize effect_size(const Eigen::Ref<const Eigen::VectorXd>& a, const Eigen::Ref<const Eigen::VectorXd>& b,
                              EffectSizeKind kind = EffectSizeKind::d, double ci_level = defaults::level,
                              const EffectSizeNames& names = {},
                              EffectSizeDesign design = EffectSizeDesign::independent) {
  detail::require(detail::check_open_unit_interval, "ci_level", "", ci_level);
  const std::string &name_a = names.a, &name_b = names.b;  // not na, nb: the counts below
  auto both = [&] { return name_a + ", " + name_b; };      // made for an error only
  EffectSize e;
  e.kind = kind;
  e.ci_level = ci_level;
  e.paired = kind == EffectSizeKind::dz || kind == EffectSizeKind::dav || design == EffectSizeDesign::paired;
  // d and g of paired measurements: the interval of eq 4.28 (below), which takes the correlation.
  const bool paired_d = e.paired && (kind == EffectSizeKind::d || kind == EffectSizeKind::g);
  for (Eigen::Index i = 0; i < a.size(); ++i)
    if (std::isinf(a[i])) throw ValidationError(name_a + "[" + std::to_string(i) + "]", "is infinite");
  for (Eigen::Index i = 0; i < b.size(); ++i)
    if (std::isinf(b[i])) throw ValidationError(name_b + "[" + std::to_string(i) + "]", "is infinite");
  std::vector<double> va, vb;
  if (e.paired) {
    if (a.size() != b.size())
      throw ValidationError(name_b, std::string("paired effect size '") + to_string(kind) + "' needs " + name_a + " and " + name_b +
                                     " of equal length, got " + std::to_string(a.size()) + " and " + std::to_string(b.size()));
    for (Eigen::Index i = 0; i < a.size(); ++i) {
      if (std::isnan(a[i]) || std::isnan(b[i])) { ++e.n_dropped; continue; }
      va.push_back(a[i]);
      vb.push_back(b[i]);
    }
  } else {
    for (Eigen::Index i = 0; i < a.size(); ++i) std::isnan(a[i]) ? ++e.n_dropped : (va.push_back(a[i]), 0);
    for (Eigen::Index i = 0; i < b.size(); ++i) std::isnan(b[i]) ? ++e.n_dropped : (vb.push_back(b[i]), 0);
  }
  e.n_a = static_cast<int>(va.size());
  e.n_b = static_cast<int>(vb.size());
  if (e.n_a < 2 || e.n_b < 2)
    throw ValidationError(both(), std::string("effect size '") + to_string(kind) + "' needs at least 2 non-missing values in each, got " +
                                      std::to_string(e.n_a) + " and " + std::to_string(e.n_b));
  if (e.n_dropped)
    e.warnings.push_back(Notice(e.paired ? "effect_size.pairs_dropped" : "effect_size.values_dropped", {int_param("count", e.n_dropped)}));
  detail::mean_sd(va, e.mean_a, e.sd_a);
  detail::mean_sd(vb, e.mean_b, e.sd_b);
  const double na = e.n_a, nb = e.n_b, diff = e.mean_a - e.mean_b;
  double v = 0;       // sampling variance of the estimate
  double d = 0, j = 1;  // d and g: Cohen's d and Hedges' J (1 for d)
  switch (kind) {
    case EffectSizeKind::d:
    case EffectSizeKind::g: {
      const double sp = std::sqrt(((na - 1) * e.sd_a * e.sd_a + (nb - 1) * e.sd_b * e.sd_b) / (na + nb - 2));
      if (!(sp > 0) || (detail::sd_is_rounding(e.sd_a, va) && detail::sd_is_rounding(e.sd_b, vb)))
        throw ValidationError(both(), "pooled standard deviation is 0: effect size is undefined");
      d = diff / sp;
      v = (na + nb) / (na * nb) + d * d / (2 * (na + nb));                  // Borenstein eq 4.20
      if (kind == EffectSizeKind::d) {
        e.value = d;
        e.convention = effect_size_convention(kind);
      } else {
        j = 1 - 3 / (4 * (na + nb) - 9);                                    // Hedges (1981) approximation
        e.value = d * j;
        v *= j * j;                                                          // Borenstein eq 4.25
        e.convention = effect_size_convention(kind);
      }
      e.ci_method = (paired_d ? std::string("normal approximation for paired measurements, var = (1/n + d^2/(2n)) * 2(1 - r) "
                                            "(Borenstein et al. 2009 eq 4.28)")
                              : std::string("normal approximation, var = (n_a+n_b)/(n_a n_b) + d^2/(2(n_a+n_b))")) +
                    std::string(kind == EffectSizeKind::g ? ", times J^2" : "");
      break;
    }
    case EffectSizeKind::dz: {
      std::vector<double> dd(va.size());
      for (std::size_t i = 0; i < va.size(); ++i) dd[i] = va[i] - vb[i];
      double md, sd;
      detail::mean_sd(dd, md, sd);
      if (detail::sd_is_rounding(sd, dd))
        throw ValidationError(both(), "the differences " + name_a + " - " + name_b + " are constant (SD 0): d_z is undefined");
      e.value = md / sd;
      v = 1 / na + e.value * e.value / (2 * na);                             // one-sample d (Hedges & Olkin 1985)
      e.convention = effect_size_convention(kind);
      e.ci_method = "normal approximation, var = 1/n + d_z^2/(2n)";
      break;
    }
    case EffectSizeKind::dav: {
      const double sav = std::sqrt((e.sd_a * e.sd_a + e.sd_b * e.sd_b) / 2);
      if (!(sav > 0) || (detail::sd_is_rounding(e.sd_a, va) && detail::sd_is_rounding(e.sd_b, vb))) throw ValidationError(both(), "both standard deviations are 0: d_av is undefined");
      e.value = diff / sav;
      e.convention = effect_size_convention(kind);
      e.ci_method = "normal approximation, var = (1/n + d_av^2/(2n)) * 2(1 - r) (Borenstein et al. 2009 eq 4.28)";
      break;
    }
  }
  if (e.paired) {
    double sab = 0;
    for (std::size_t i = 0; i < va.size(); ++i) sab += (va[i] - e.mean_a) * (vb[i] - e.mean_b);
    e.r = (e.sd_a > 0 && e.sd_b > 0) ? sab / (na - 1) / (e.sd_a * e.sd_b) : 0.0;
    // Both constant cannot reach here: each kind refuses it above.
    if (!(e.sd_a > 0 && e.sd_b > 0))
      e.warnings.push_back(Notice("effect_size.constant", {text_param("name", e.sd_a > 0 ? name_b : name_a)}));
    if (kind == EffectSizeKind::dav) v = (1 / na + e.value * e.value / (2 * na)) * 2 * (1 - e.r);
    if (paired_d) v = (1 / na + d * d / (2 * na)) * 2 * (1 - e.r) * j * j;  // eq 4.28 of d, times J^2 for g
  }
  // d_av (or paired d, g) of perfectly correlated a and b (|r| = 1 up to rounding; any 2 pairs
  // that both vary): eq 4.28 gives a variance of 0 (r = 1), an interval of zero width from as few
  // as 2 people, and the normal approximation does not hold at r = -1 either. No interval, and a
  // notice why.
  if ((kind == EffectSizeKind::dav || paired_d) && 1 - std::abs(e.r) <= detail::kPerfectCorrelation) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    e.se = e.ci_low = e.ci_high = nan;
    e.warnings.push_back(Notice("effect_size.dav_perfect_correlation",
                                {text_param("kind", effect_size_symbol(kind)), text_param("a", name_a),
                                 text_param("b", name_b), int_param("pairs", e.n_a),
                                 real_param("r", e.r > 0 ? 1.0 : -1.0)}));
    return e;
  }
  e.se = std::sqrt(v);
  const double z = boost::math::quantile(boost::math::normal_distribution<double>(), 1 - (1 - ci_level) / 2);
  e.ci_low = e.value - z * e.se;
  e.ci_high = e.value + z * e.se;
  return e;
}

}  // namespace impactchain
