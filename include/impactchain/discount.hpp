// Discount schedules: a constant rate, rates by year, or bands of years, with
// the published presets (HM Treasury Green Book 2022 Annex A6; Dutch MKBA 2.25 %).
//
// Year k (k = 1, 2, …) is discounted at rate r_k; the factor of time index t is
//   D_t = Π_{k=1..t} 1 / (1 + r_k),   D_0 = 1          (constant r: (1 + r)^−t)
// so factors are cumulative across bands (Green Book 2022, Annex A6).
// The convention option maps a value's year to its time index:
//   discount_first_year = true  (default): year y → t = y      (year 1 discounted once)
//   discount_first_year = false:           year y → t = y − 1  (year 1 undiscounted)
#pragma once

#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "impactchain/detail/check.hpp"
#include "impactchain/error.hpp"
#include "impactchain/valuation.hpp"

namespace impactchain {

/// Accepted discount rates: [kMinDiscountRate, kMaxDiscountRate] (a fraction;
/// negative rates are not accepted; checked with detail::check_unit_interval). Time indices of factors: [0, kMaxDiscountYear]
/// (a model needs at most period + duration + 1 ≤ 601 years).
inline constexpr double kMinDiscountRate = 0.0;
inline constexpr double kMaxDiscountRate = 1.0;
inline constexpr int kMaxDiscountYear = 1000;

/// A band built from loose values (e.g. a binding's constructor), checked on its own:
/// rate in [0, 1], from in [0, kMaxDiscountYear], to (if given) in [from, kMaxDiscountYear].
/// `from_name` is what messages call the first year: "from", or the caller's own name for it.
/// DiscountSchedule::from_bands checks how bands fit together.
inline DiscountBand make_discount_band(int from, std::optional<int> to, double rate, const std::string& from_name = "from") {
  detail::IssueList issues;
  const std::string yr = "[0, " + std::to_string(kMaxDiscountYear) + "]";
  detail::check_unit_interval(issues, "rate", "discount rate", rate);
  if (from < 0 || from > kMaxDiscountYear) issues.add(from_name, "must be a year in " + yr + ", got " + std::to_string(from));
  if (to && (*to < from || *to > kMaxDiscountYear))
    issues.add("to", "must be a year in [" + from_name + ", " + std::to_string(kMaxDiscountYear) +
                         "], or no year for an open-ended band, got " + std::to_string(*to));
  issues.throw_if_any();
  return DiscountBand{from, to, rate};
}

class DiscountSchedule {
 public:
  /// One rate for every year, in [0, 1].
  static DiscountSchedule constant(double rate) {
    check_rate(rate, "rate");
    return DiscountSchedule("constant " + percent(rate), {DiscountBand{0, std::nullopt, rate}});
  }

  /// HM Treasury Green Book (2022) Annex A6, standard STPR: 3.5 % years 0–30,
  /// 3.0 % 31–75, 2.5 % 76–125, 2.0 % 126–200, 1.5 % 201–300, 1.0 % 301+.
  static DiscountSchedule green_book() {
    return DiscountSchedule("green_book", {{0, 30, 0.035}, {31, 75, 0.030}, {76, 125, 0.025},
                                           {126, 200, 0.020}, {201, 300, 0.015}, {301, std::nullopt, 0.010}});
  }

  /// Green Book (2022) Annex A6 health schedule (STPR without wealth effect):
  /// 1.5 % years 0–30, 1.29 % 31–75, 1.07 % 76–125, 0.86 % 126–200, 0.64 % 201–300, 0.43 % 301+.
  static DiscountSchedule green_book_health() {
    return DiscountSchedule("green_book_health", {{0, 30, 0.015}, {31, 75, 0.0129}, {76, 125, 0.0107},
                                                  {126, 200, 0.0086}, {201, 300, 0.0064}, {301, std::nullopt, 0.0043}});
  }

  /// Netherlands, MKBA guidance since 2021: 2.25 % standard (−1 % risk-free + 3.25 % risk premium).
  static DiscountSchedule nl_2021() { return DiscountSchedule("nl_2021", {{0, std::nullopt, 0.0225}}); }

  /// A preset by name: green_book, green_book_health, nl_2021.
  static DiscountSchedule named(const std::string& name) {
    if (name == "green_book") return green_book();
    if (name == "green_book_health") return green_book_health();
    if (name == "nl_2021") return nl_2021();
    throw ValidationError("schedule", "unknown discount schedule '" + name +
                                          "'; known: green_book, green_book_health, nl_2021");
  }

  /// Rates r_1, r_2, … for years 1, 2, …; the last rate repeats for later years.
  static DiscountSchedule from_rates(const std::vector<double>& rates) {
    if (rates.empty()) throw ValidationError("rates", "give at least one discount rate");
    std::vector<DiscountBand> bands;
    for (std::size_t i = 0; i < rates.size(); ++i) {
      check_rate(rates[i], "rates[" + std::to_string(i) + "]");
      const int year = static_cast<int>(i) + 1;
      bands.push_back({i == 0 ? 0 : year, i + 1 == rates.size() ? std::nullopt : std::optional<int>(year), rates[i]});
    }
    return DiscountSchedule("rates by year", std::move(bands));
  }

  /// Bands of years (inclusive; the first starts at year 0 or 1, no gap or
  /// overlap, only the last may be open-ended; a closed last band's rate
  /// continues for later years).
  static DiscountSchedule from_bands(std::vector<DiscountBand> bands) {
    detail::IssueList issues;
    if (bands.empty()) issues.add("bands", "give at least one discount band");
    int expect = bands.empty() ? 0 : bands.front().from;
    for (std::size_t i = 0; i < bands.size(); ++i) {
      const auto& b = bands[i];
      const std::string p = "bands[" + std::to_string(i) + "]";
      detail::check_unit_interval(issues, p + ".rate", "discount rate", b.rate);
      if (i == 0 && (b.from < 0 || b.from > 1))
        issues.add(p + ".from", "the first band must start at year 0 or 1, got " + std::to_string(b.from));
      if (b.from != expect)
        issues.add(p + ".from", "bands leave a gap or overlap: expected a band starting at year " +
                                    std::to_string(expect) + ", got " + std::to_string(b.from));
      if (b.to && *b.to < b.from)
        issues.add(p + ".to", "band ends (" + std::to_string(*b.to) + ") before it starts (" + std::to_string(b.from) + ")");
      if (!b.to && i + 1 != bands.size()) issues.add(p + ".to", "only the last band may be open-ended");
      expect = b.to ? *b.to + 1 : expect;
    }
    issues.throw_if_any();
    if (bands.front().from == 1) bands.front().from = 0;  // year 0 is never discounted
    return DiscountSchedule("bands", std::move(bands));
  }

  /// The schedule a model's `discount` section asks for (validated by Model::problems).
  /// A constant `rate` uses its central value.
  static DiscountSchedule from_model(const Discount& d) {
    if (d.rate) return constant(d.rate->central());
    if (!d.schedule.empty()) return named(d.schedule);
    if (!d.rates.empty()) return from_rates(d.rates);
    return from_bands(d.bands);
  }

  const std::string& name() const noexcept { return name_; }
  const std::vector<DiscountBand>& bands() const noexcept { return bands_; }
  bool is_constant() const noexcept { return bands_.size() == 1; }

  /// Rate r_k of year k (k >= 0); past a closed last band its rate continues.
  double rate(int year) const {
    for (const auto& b : bands_)
      if (year >= b.from && (!b.to || year <= *b.to)) return b.rate;
    return bands_.back().rate;
  }

  /// Cumulative factor D_t = Π_{k=1..t} 1/(1+r_k); D_0 = 1 (t outside [0, kMaxDiscountYear] is refused).
  double factor(int t) const {
    check_index(t, "t");
    double f = 1.0;
    for (int k = 1; k <= t; ++k) f /= 1.0 + rate(k);
    return f;
  }

  /// D_0 … D_n (n in [0, kMaxDiscountYear]).
  std::vector<double> factors(int n) const {
    check_index(n, "n");
    std::vector<double> out(static_cast<std::size_t>(n) + 1, 1.0);
    for (int k = 1; k <= n; ++k) out[k] = out[k - 1] / (1.0 + rate(k));
    return out;
  }

  /// Factor of a value in year `year` (in [1, kMaxDiscountYear]) under the first-year convention.
  double factor_for_year(int year, bool discount_first_year = true) const {
    if (year < 1 || year > kMaxDiscountYear)
      throw std::invalid_argument("year must be in [1, " + std::to_string(kMaxDiscountYear) + "], got " +
                                  std::to_string(year));
    return factor(discount_first_year ? year : year - 1);
  }

  /// Human-readable rates, e.g. "green_book: 3.5% years 0-30, 3% years 31-75, …".
  std::string describe() const {
    std::string s = name_;
    if (bands_.size() == 1) return name_.rfind("constant", 0) == 0 ? name_ : name_ + " (" + percent(bands_[0].rate) + ")";
    s += ":";
    for (std::size_t i = 0; i < bands_.size(); ++i) {
      const auto& b = bands_[i];
      s += (i ? ", " : " ") + percent(b.rate) + " years " + std::to_string(b.from) +
           (b.to ? "-" + std::to_string(*b.to) : std::string("+"));
    }
    return s;
  }

 private:
  DiscountSchedule(std::string name, std::vector<DiscountBand> bands) : name_(std::move(name)), bands_(std::move(bands)) {}

  static void check_index(int t, const char* name) {
    if (t < 0 || t > kMaxDiscountYear)
      throw std::invalid_argument(std::string(name) + " must be a time index in [0, " + std::to_string(kMaxDiscountYear) +
                                  "] years, got " + std::to_string(t));
  }

  static void check_rate(double r, const std::string& path) {
    detail::require(detail::check_unit_interval, path, "discount rate", r);
  }
  static std::string percent(double r) { return detail::num(r * 100.0) + "%"; }

  std::string name_;
  std::vector<DiscountBand> bands_;
};

}  // namespace impactchain
