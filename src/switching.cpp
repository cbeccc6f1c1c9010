// Switching values: grid scan for a sign change of SROI − 1, refined with
// TOMS 748 (Alefeld, Potra & Shi 1995; boost::math::tools::toms748_solve).
#include "impactchain/switching.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <boost/math/tools/roots.hpp>

namespace impactchain {

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kTinyDuration = 1e-9;  // durations are > 0

}  // namespace

std::pair<double, double> natural_domain(const std::string& name) {
  for (const char* s : {".deadweight", ".displacement", ".attribution", ".drop_off", ".rate"})
    if (ends_with(name, s)) return {0.0, 1.0};
  if (ends_with(name, ".duration")) return {kTinyDuration, 300.0};
  for (const char* s : {".quantity", ".amount", ".value_per_wellby"})
    if (ends_with(name, s)) return {0.0, kInf};
  if (ends_with(name, ".life_satisfaction_change")) return {-10.0, 10.0};
  return {-kInf, kInf};
}

std::optional<double> switching_value(const ValuePlan& plan, const std::vector<double>& x0, std::size_t slot,
                                      double lo, double hi) {
  if (slot >= x0.size()) throw std::invalid_argument("switching_value: slot " + std::to_string(slot) + " out of range");
  std::vector<double> x = x0;
  ValueScratch scratch(plan.chain_nodes());
  ValueTotals t;
  // g(v) = SROI(v) − 1, NaN where the ratio is undefined (no investment, invalid additive draw).
  auto g = [&](double v) {
    x[slot] = v;
    plan.totals(x.data(), t, scratch);
    return t.ok() ? t.sroi_ratio - 1.0 : std::numeric_limits<double>::quiet_NaN();
  };
  const double c = std::min(std::max(x0[slot], lo), hi);
  const double gc = g(c);
  if (gc == 0) return c;

  // Grid: linear over the finite part around the central value, geometric on an unbounded side.
  std::vector<double> grid{c};
  const double s = std::max(std::abs(c), 1.0);
  const double a = std::isfinite(lo) ? lo : c - s, b = std::isfinite(hi) ? hi : c + s;
  constexpr int kLinear = 600;
  for (int i = 0; i <= kLinear; ++i) grid.push_back(a + (b - a) * i / kLinear);
  for (int k = 1; k <= 80; ++k) {
    const double step = s * std::ldexp(1.0, k);
    if (!std::isfinite(hi)) grid.push_back(c + step);
    if (!std::isfinite(lo)) grid.push_back(c - step);
  }
  std::sort(grid.begin(), grid.end());
  grid.erase(std::unique(grid.begin(), grid.end()), grid.end());
  std::vector<double> gv(grid.size());
  for (std::size_t i = 0; i < grid.size(); ++i) gv[i] = g(grid[i]);

  // The bracket nearest to the central value.
  std::optional<std::pair<std::size_t, double>> best;
  for (std::size_t i = 0; i + 1 < grid.size(); ++i) {
    const double ga = gv[i], gb = gv[i + 1];
    if (std::isnan(ga) || std::isnan(gb)) continue;
    if (!((ga <= 0 && gb >= 0) || (ga >= 0 && gb <= 0))) continue;
    if (ga == 0 && gb == 0) continue;
    const double dist = c < grid[i] ? grid[i] - c : (c > grid[i + 1] ? c - grid[i + 1] : 0.0);
    if (!best || dist < best->second) best = std::make_pair(i, dist);
  }
  if (!best) return std::nullopt;
  const std::size_t i = best->first;
  if (gv[i] == 0) return grid[i];
  if (gv[i + 1] == 0) return grid[i + 1];
  boost::uintmax_t iters = 200;
  const auto root = boost::math::tools::toms748_solve(g, grid[i], grid[i + 1], gv[i], gv[i + 1],
                                                      boost::math::tools::eps_tolerance<double>(52), iters);
  return 0.5 * (root.first + root.second);
}

std::vector<SwitchingValue> switching_values(const ValuePlan& plan, const ParameterTable& table) {
  if (table.size() != plan.parameters())
    throw std::invalid_argument("switching_values: the table has " + std::to_string(table.size()) +
                                " slots but the plan was compiled with " + std::to_string(plan.parameters()));
  const auto x = table.centrals();
  std::vector<SwitchingValue> out;
  for (std::size_t i = 0; i < table.size(); ++i) {
    SwitchingValue sv;
    sv.name = table[i].name;
    sv.central = x[i];
    std::tie(sv.domain_low, sv.domain_high) = natural_domain(sv.name);
    sv.value = switching_value(plan, x, i, sv.domain_low, sv.domain_high);
    out.push_back(std::move(sv));
  }
  return out;
}

}  // namespace impactchain
