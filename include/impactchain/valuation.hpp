// The monetised-value section of a model: outcomes with financial proxies and
// the SROI adjustments (Value Map columns), discounting and investments.
// The computation lives in value.hpp; this header holds only the inputs.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "impactchain/detail/enum_names.hpp"
#include "impactchain/parameter.hpp"

namespace impactchain {

/// Limits the model validation enforces (Model::problems), so that no year of a
/// model sizes an allocation or a loop before it is checked:
///   calendar years (price_year, period start/end, price_index years, price
///   years of proxies, WELLBY values and investments) in [kMinCalendarYear, kMaxCalendarYear];
///   an activity period of at most kMaxPeriodYears years;
///   investment years (0 = start of the activity period) in [0, kMaxInvestmentYear].
inline constexpr int kMinCalendarYear = 1900;
inline constexpr int kMaxCalendarYear = 2200;
inline constexpr int kMaxPeriodYears = 300;
inline constexpr int kMaxInvestmentYear = 300;

/// A financial proxy: money per unit of outcome per year.
struct Proxy {
  Parameter value;
  std::string currency;             ///< ISO 4217 code, e.g. "EUR"
  std::optional<int> price_year;    ///< prices of which year; the model's price year when absent
  std::string source;               ///< where the figure comes from
  std::string licence;              ///< licence of the proxy set, if any

  bool operator==(const Proxy& o) const {
    return value == o.value && currency == o.currency && price_year == o.price_year && source == o.source &&
           licence == o.licence;
  }
};

/// Wellbeing valuation (HM Treasury Wellbeing Guidance for Appraisal, 2021):
/// a change in life satisfaction (0–10) per person per year times a value per
/// WELLBY becomes the proxy. Used only where the model asks for it.
struct WellbeingValuation {
  Parameter life_satisfaction_change;          ///< points on the 0–10 scale
  std::optional<Parameter> value_per_wellby;   ///< default: £13,000 (2019 prices), range 10,000–16,000
  std::string currency;                        ///< currency of value_per_wellby (GBP for the default)
  std::optional<int> price_year;               ///< price year of value_per_wellby (2019 for the default)
  std::string source;

  bool operator==(const WellbeingValuation& o) const {
    return life_satisfaction_change == o.life_satisfaction_change && value_per_wellby == o.value_per_wellby &&
           currency == o.currency && price_year == o.price_year && source == o.source;
  }
};

/// When an outcome starts: within the activity period, or after it (then
/// the first valued year is the year after the period).
enum class OutcomeStart { during, after };

template <>
struct EnumSpellings<OutcomeStart> {
  static constexpr const char* field = "start";
  static constexpr std::pair<OutcomeStart, const char*> names[] = {
      {OutcomeStart::during, "during"},
      {OutcomeStart::after, "after"}};
};
inline const char* to_string(OutcomeStart v) { return detail::spelling(v); }

/// One row of the Value Map. Adjustments the user did not give stay empty:
/// the valuation then assumes 0 (duration: 1 year) and reports the assumption.
struct MonetisedOutcome {
  std::string id;
  std::string name;
  std::string node;                     ///< chain node giving the quantity, or empty
  std::optional<Parameter> quantity;    ///< quantity when no node is given
  std::string stakeholder;
  std::optional<Proxy> proxy;           ///< exactly one of proxy and wellbeing
  std::optional<WellbeingValuation> wellbeing;
  std::optional<Parameter> deadweight;
  std::optional<Parameter> displacement;
  std::optional<Parameter> attribution;
  std::optional<Parameter> drop_off;
  std::optional<Parameter> leakage;     ///< share of the benefit reaching people outside the target group
  std::optional<Parameter> duration;    ///< years > 0; a fractional last year counts in proportion
  OutcomeStart start = OutcomeStart::during;
  /// Who receives the value, when it is split among stakeholders: (stakeholder id, share) in the
  /// file's order, shares in [0, 1] summing to 1. Empty: `stakeholder` receives all of it.
  std::vector<std::pair<std::string, double>> beneficiaries;

  bool operator==(const MonetisedOutcome& o) const {
    return id == o.id && name == o.name && node == o.node && quantity == o.quantity && stakeholder == o.stakeholder &&
           proxy == o.proxy && wellbeing == o.wellbeing && deadweight == o.deadweight &&
           displacement == o.displacement && attribution == o.attribution && drop_off == o.drop_off &&
           leakage == o.leakage && duration == o.duration && start == o.start && beneficiaries == o.beneficiaries;
  }
};

/// A band of a discount schedule: `rate` applies to years from..to (inclusive;
/// `to` empty = every later year).
struct DiscountBand {
  int from = 0;
  std::optional<int> to;
  double rate = 0;
  bool operator==(const DiscountBand& o) const { return from == o.from && to == o.to && rate == o.rate; }
};

/// Discounting: exactly one of a constant rate, a named schedule
/// (green_book, green_book_health, nl_2021), explicit rates for years 1, 2, …,
/// or bands of years (which must leave no gap).
struct Discount {
  std::optional<Parameter> rate;
  std::string schedule;
  std::vector<double> rates;  ///< r_1, r_2, … for years 1, 2, … (the last repeats)
  std::vector<DiscountBand> bands;

  bool operator==(const Discount& o) const {
    return rate == o.rate && schedule == o.schedule && rates == o.rates && bands == o.bands;
  }
};

/// What an investment is: money, goods and services given in kind (valued at
/// their market price), or volunteers' time (hours, valued only with an hourly value).
enum class InvestmentKind { cash, in_kind, volunteer_time };

template <>
struct EnumSpellings<InvestmentKind> {
  static constexpr const char* field = "kind";
  static constexpr std::pair<InvestmentKind, const char*> names[] = {
      {InvestmentKind::cash, "cash"},
      {InvestmentKind::in_kind, "in_kind"},
      {InvestmentKind::volunteer_time, "volunteer_time"}};
};
inline const char* to_string(InvestmentKind v) { return detail::spelling(v); }

/// What is put in, by funder and year (year 0 = the start of the activity period):
/// an `amount` of money (cash, or in kind), or volunteer `hours`, valued at
/// `hourly_value` when one is given and reported unvalued otherwise.
struct Investment {
  std::string funder;         ///< municipality, foundation, own revenue … (a stakeholder id makes it that party)
  InvestmentKind kind = InvestmentKind::cash;
  Parameter amount;           ///< cash and in_kind
  std::optional<Parameter> hours;         ///< volunteer_time: hours given
  std::optional<Parameter> hourly_value;  ///< volunteer_time: money per hour (model currency unless `currency`)
  int year = 0;
  std::string currency;       ///< the model's currency when empty
  std::optional<int> price_year;
  std::string description;

  /// Volunteer time without an hourly value: reported, not counted as money.
  bool valued() const { return kind != InvestmentKind::volunteer_time || hourly_value.has_value(); }
  bool operator==(const Investment& o) const {
    return funder == o.funder && kind == o.kind && amount == o.amount && hours == o.hours &&
           hourly_value == o.hourly_value && year == o.year && currency == o.currency &&
           price_year == o.price_year && description == o.description;
  }
};

/// Where a model's price index came from when it was read from a publisher's download
/// (`price_index: {file: cpi.csv, series: "CBS 83131NED"}`; see price_series.hpp).
struct PriceIndexSource {
  std::string file;              ///< as written in the model, relative to the model file's folder
  std::string series;            ///< "CBS 83131NED", "CBS 83131ENG", "ONS YBGB", …
  std::string retrieved;         ///< the download date as given (YYYY-MM-DD), or empty
  std::string file_date;         ///< the file's modification date (YYYY-MM-DD) when the loader read it
  std::string base;              ///< the index base the file states ("2015=100")
  std::vector<int> provisional;  ///< years the publisher marks provisional

  bool operator==(const PriceIndexSource& o) const {
    return file == o.file && series == o.series && retrieved == o.retrieved && file_date == o.file_date &&
           base == o.base && provisional == o.provisional;
  }
};
/// What an adjustment an outcome does not state becomes (the model's `defaults:` key):
/// 0, reported (`none`, the default), or the practice figures of practice.hpp (`practice`).
enum class AdjustmentDefaults { none, practice };

template <>
struct EnumSpellings<AdjustmentDefaults> {
  static constexpr const char* field = "defaults";
  static constexpr std::pair<AdjustmentDefaults, const char*> names[] = {
      {AdjustmentDefaults::none, "none"},
      {AdjustmentDefaults::practice, "practice"}};
};
inline const char* to_string(AdjustmentDefaults v) { return detail::spelling(v); }

/// Everything the monetised valuation needs besides the chain.
struct Valuation {
  std::optional<Discount> discount;        ///< none given: the valuation's default, reported
  std::vector<Investment> investments;
  std::vector<MonetisedOutcome> outcomes;
  std::map<int, double> price_index;        ///< year -> index (any base), to bring money to the model's price year
  std::optional<PriceIndexSource> price_index_source;  ///< set when the index was read from a publisher's file
  AdjustmentDefaults defaults = AdjustmentDefaults::none;

  bool empty() const {
    return !discount && investments.empty() && outcomes.empty() && price_index.empty() &&
           defaults == AdjustmentDefaults::none;
  }
  bool operator==(const Valuation& o) const {
    return discount == o.discount && investments == o.investments && outcomes == o.outcomes &&
           price_index == o.price_index && price_index_source == o.price_index_source && defaults == o.defaults;
  }
};

}  // namespace impactchain
