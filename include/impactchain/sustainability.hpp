// Organisation sustainability profile (e.g. neighbourhood cooperatives): revenue mix ->
// diversification and dependence on the largest funder and the municipality; social
// capital indicators grouped as bonding, bridging and linking.
#pragma once

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "impactchain/detail/check.hpp"
#include "impactchain/error.hpp"
#include "impactchain/notice.hpp"

namespace impactchain {

struct RevenueSource {
  std::string name;  ///< funder or income stream, e.g. "Gemeente Utrecht", "room hire"
  std::string type;  ///< e.g. "municipality", "trading", "grant", "donations", "property"
  double amount = 0; ///< in one currency and price year (the caller's responsibility)
};

struct RevenueProfile {
  double total = 0;
  std::vector<std::string> sources;
  std::vector<double> shares;
  double hhi = 0;                      ///< Herfindahl-Hirschman index sum s_i^2 (1 = one source)
  double diversification = 0;          ///< 1 - HHI (Tuckman & Chang 1991 style revenue diversification)
  double diversification_normalised = 0;  ///< (1 - HHI)/(1 - 1/n), in [0, 1]; 0 when n = 1
  double effective_sources = 0;        ///< 1 / HHI
  std::string largest_source;
  double largest_share = 0;
  double municipality_share = 0;       ///< share of sources whose type is the municipality type
  std::map<std::string, double> share_by_type;
  std::vector<Notice> warnings;
};

/// Revenue mix profile. Amounts must be finite and >= 0 with a positive total; sources of
/// type `municipality_type` make up municipality_share.
inline RevenueProfile revenue_profile(const std::vector<RevenueSource>& sources, const std::string& municipality_type = "municipality") {
  detail::IssueList issues;
  if (sources.empty()) issues.add("revenue", "no revenue sources given");
  RevenueProfile p;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const auto& s = sources[i];
    detail::check_non_negative(issues, detail::element("revenue", i) + " " + detail::quote(s.name), "amount", s.amount);
    if (s.type.empty()) issues.add("revenue[" + std::to_string(i) + "] '" + s.name + "'", "type is empty");
    p.total += std::isfinite(s.amount) ? s.amount : 0;
  }
  issues.throw_if_any();
  if (!(p.total > 0)) throw ValidationError("revenue", "total revenue is 0: shares are undefined");
  bool any_municipality = false;
  for (const auto& s : sources) {
    const double sh = s.amount / p.total;
    p.sources.push_back(s.name);
    p.shares.push_back(sh);
    p.hhi += sh * sh;
    p.share_by_type[s.type] += sh;
    if (sh > p.largest_share) { p.largest_share = sh; p.largest_source = s.name; }
    if (s.type == municipality_type) { p.municipality_share += sh; any_municipality = true; }
  }
  const double n = static_cast<double>(sources.size());
  p.diversification = 1 - p.hhi;
  p.diversification_normalised = n > 1 ? p.diversification / (1 - 1 / n) : 0.0;
  p.effective_sources = 1 / p.hhi;
  if (!any_municipality) p.warnings.push_back(Notice("sustainability.no_municipality", {text_param("type", municipality_type)}));
  return p;
}

struct SocialCapitalIndicator {
  std::string name;
  std::string dimension;  ///< "bonding", "bridging" or "linking"
  double value = 0;
  double min = 0, max = 1;  ///< the indicator's scale
  bool higher_is_better = true;
};

struct SocialCapitalProfile {
  std::vector<std::string> indicators;
  std::vector<double> scores;                 ///< 0-100 on each indicator's own scale, direction applied
  std::map<std::string, double> dimension_score;  ///< equal-weight mean of the dimension's scores
  std::map<std::string, int> dimension_count;
  std::vector<Notice> warnings;
};

/// Social capital (Putnam 2000; Woolcock 2001): bonding (ties within the organisation),
/// bridging (other actors in the neighbourhood), linking (institutions: municipality,
/// housing associations, funds, banks). Each indicator is rescaled to 0-100 by its own
/// [min, max] (lower-is-better reversed) and averaged with equal weights per dimension.
inline SocialCapitalProfile social_capital_profile(const std::vector<SocialCapitalIndicator>& ind) {
  detail::IssueList issues;
  if (ind.empty()) issues.add("social_capital", "no indicators given");
  for (std::size_t i = 0; i < ind.size(); ++i) {
    const auto& s = ind[i];
    const std::string at = "social_capital[" + std::to_string(i) + "] '" + s.name + "'";
    if (s.dimension != "bonding" && s.dimension != "bridging" && s.dimension != "linking")
      issues.add(at, "dimension must be bonding, bridging or linking, got '" + s.dimension + "'");
    if (!(std::isfinite(s.min) && std::isfinite(s.max) && s.min < s.max)) issues.add(at, "needs finite min < max");
    else if (!(s.value >= s.min && s.value <= s.max))
      issues.add(at, "value " + detail::num(s.value) + " is outside [" + detail::num(s.min) + ", " + detail::num(s.max) + "]");
  }
  issues.throw_if_any();
  SocialCapitalProfile p;
  std::map<std::string, double> sum;
  for (const auto& s : ind) {
    double sc = (s.value - s.min) / (s.max - s.min) * 100;
    if (!s.higher_is_better) sc = 100 - sc;
    p.indicators.push_back(s.name);
    p.scores.push_back(sc);
    sum[s.dimension] += sc;
    ++p.dimension_count[s.dimension];
  }
  for (const char* d : {"bonding", "bridging", "linking"}) {
    if (!p.dimension_count.count(d)) { p.warnings.push_back(Notice("sustainability.no_dimension", {text_param("dimension", d)})); continue; }
    p.dimension_score[d] = sum[d] / p.dimension_count[d];
  }
  return p;
}

}  // namespace impactchain
