// Plain-data inputs and outputs of the monetised valuation (value.hpp).
#pragma once

#include <cstddef>
#include <limits>
#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "impactchain/detail/enum_names.hpp"
#include "impactchain/notice.hpp"

namespace impactchain {

/// How deadweight (DW), displacement (DS), attribution (AT) and leakage (LK) combine.
enum class Adjustments {
  multiplicative,  ///< (1−DW)(1−DS)(1−AT)(1−LK): order-free (SROI Guide 2012) — default
  additive         ///< 1−DW−DS−AT−LK: found in practice; refused when it is negative
};
/// When drop-off starts.
enum class DropOffStart {
  second_year,  ///< V_t = V_{t−1}(1−DO) from the outcome's 2nd year — default
  after_period  ///< from the first year after the activity period (an outcome that starts
                ///< after the period drops off already in its first year)
};

template <>
struct EnumSpellings<Adjustments> {
  static constexpr const char* field = "adjustments";
  static constexpr std::pair<Adjustments, const char*> names[] = {
      {Adjustments::multiplicative, "multiplicative"},
      {Adjustments::additive, "additive"}};
};
inline const char* to_string(Adjustments v) { return detail::spelling(v); }
template <>
struct EnumSpellings<DropOffStart> {
  static constexpr const char* field = "drop_off_start";
  static constexpr std::pair<DropOffStart, const char*> names[] = {
      {DropOffStart::second_year, "second_year"},
      {DropOffStart::after_period, "after_period"}};
};
inline const char* to_string(DropOffStart v) { return detail::spelling(v); }

/// Every choice the method leaves open; the result records the values used.
struct ValueOptions {
  Adjustments adjustments = Adjustments::multiplicative;
  /// true: a value in year y is discounted by D_y (year 1 discounted once);
  /// false: by D_{y−1} (year-1 values undiscounted).
  bool discount_first_year = true;
  /// false: PV(investment) = the sum of the amounts (price-indexed, not discounted);
  /// true: an amount in year y (0 = start of the activity period) is discounted by D_y.
  bool discount_investments = false;
  DropOffStart drop_off_start = DropOffStart::second_year;
  /// Warn when an outcome lasts longer than this many years with no drop-off.
  double long_duration_years = 1.0;
  /// Compute switching values in value() (one root search per parameter).
  bool switching_values = true;

  bool operator==(const ValueOptions& o) const {
    return adjustments == o.adjustments && discount_first_year == o.discount_first_year &&
           discount_investments == o.discount_investments && drop_off_start == o.drop_off_start &&
           long_duration_years == o.long_duration_years && switching_values == o.switching_values;
  }
};

/// What ValuePlan::totals computes for one vector of parameter values.
struct ValueTotals {
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  double present_value = 0;   ///< Σ discounted outcome values
  double investment_pv = 0;   ///< PV(investment) under the options
  double npv = 0;             ///< present_value − investment_pv
  double sroi_ratio = 0;      ///< present_value / investment_pv (NaN when investment_pv == 0)
  double net_sroi = 0;        ///< npv / investment_pv (NaN when investment_pv == 0)
  double first_year_impact = 0;  ///< Σ over outcomes of the first valued year's value, undiscounted
  double investment_total = 0;   ///< Σ amounts, price-indexed, undiscounted
  /// Index (in model order) of the first outcome whose additive adjustments
  /// exceed 1; every number above is then NaN. npos when all is well.
  std::size_t invalid_outcome = npos;
  bool ok() const noexcept { return invalid_outcome == npos; }
};

/// One outcome in one valuation year (year 1 = first year of the activity period).
struct ValueYear {
  std::string outcome;
  std::string stakeholder;
  int year = 0;
  double gross = 0;               ///< Q · P · w_t (w_t < 1 only in a fractional last year)
  double after_deadweight = 0;
  double after_displacement = 0;
  double after_attribution = 0;
  double after_leakage = 0;       ///< the impact of the year before drop-off
  double after_drop_off = 0;
  double discount_factor = 0;
  double discounted = 0;
};

/// One Value Map row with its central numbers.
struct OutcomeValue {
  std::string id;
  std::string name;
  std::string stakeholder;           ///< the one beneficiary, or empty (none, or split: beneficiaries)
  std::vector<std::pair<std::string, double>> beneficiaries;  ///< (stakeholder, share) when the value is split
  std::string node;                  ///< chain node giving the quantity, or empty
  std::string valuation;             ///< "proxy" or "wellby" (wellbeing valuation, a proxy)
  double quantity = 0;
  double unit_proxy = 0;             ///< per unit per year, model currency and price year
  std::string proxy_source;
  double deadweight = 0, displacement = 0, attribution = 0, drop_off = 0, duration = 0;
  double leakage = 0;
  int first_year = 1;                ///< first valuation year (1, or period + 1 when start = after)
  double impact = 0;                 ///< I = Q · P · adjustments (a full year, before drop-off)
  double undiscounted = 0;           ///< Σ_t V_t
  double present_value = 0;          ///< Σ_t V_t D_t
  bool negative = false;             ///< a disbenefit (present value < 0), shown as such
};

struct StakeholderValue {
  std::string stakeholder;  ///< "(none)" for outcomes without a stakeholder
  double undiscounted = 0;
  double present_value = 0;
  double share = 0;         ///< present_value / total present value (NaN when the total is 0)
};

struct FunderValue {
  std::string funder;
  double amount = 0;         ///< Σ amounts, price-indexed, undiscounted
  double present_value = 0;  ///< as counted in PV(investment)
  double share = 0;          ///< present_value / PV(investment)
};

/// One party's line of the ledger "who pays, who gains" (ValuePlan::Ledger): a
/// stakeholder of the model, a funder, or both (a funder named like a stakeholder id).
struct PartyLedger {
  std::string party;            ///< stakeholder id or funder name; "(none)": outcomes without a stakeholder
  std::string name;             ///< a stakeholder's name in the model's language (its id without one), else `party`
  bool stakeholder = false;     ///< one of the model's stakeholders
  bool funder = false;          ///< pays at least one investment
  double pays = 0;              ///< its investments as counted in PV(investment)
  double gains = 0;             ///< present value of its shares of the outcomes
  double net = 0;               ///< gains − pays
  double volunteer_hours = 0;   ///< volunteer hours it gives (valued or not)
  double unvalued_hours = 0;    ///< of those, hours without an hourly value (in no money figure)
};

/// The value of one parameter at which the SROI ratio is 1, others at their
/// central values; `value` empty when no value in the domain gets there.
struct SwitchingValue {
  std::string name;
  double central = 0;
  std::optional<double> value;
  double domain_low = 0, domain_high = 0;  ///< the parameter's natural bounds searched
  Notice note;                             ///< why `value` is empty (no code when it is given)
};

/// Below this investment PV (in currency units), or below kMinInvestmentShare
/// of |present value|, value() does not compute the SROI ratio and net SROI:
/// they would be meaningless (e.g. a 300-digit ratio) and a warning says so.
inline constexpr double kMinInvestmentForRatio = 0.01;
inline constexpr double kMinInvestmentShare = 1e-9;

/// Whether an investment PV other than 0 is too small, by the two limits above, for an SROI ratio
/// of `present_value` over it to mean anything (value() and the simulation's warning use it).
inline bool investment_too_small_for_ratio(double investment_pv, double present_value) {
  return investment_pv != 0 &&
         (investment_pv < kMinInvestmentForRatio || investment_pv < kMinInvestmentShare * std::abs(present_value));
}

struct ValueResult {
  std::string currency;
  int price_year = 0;
  double present_value = 0;
  double investment = 0;      ///< Σ amounts, undiscounted
  double investment_pv = 0;
  double npv = 0;
  std::optional<double> sroi_ratio;      ///< empty without investment, or with an investment of ~0
  std::optional<double> net_sroi;
  Notice sroi_note;                      ///< why sroi_ratio is empty (no code when it is given)
  /// The SROI Guide's simple payback: the months at the first year's pace (payback_method). Empty
  /// without investment, with first-year impact <= 0, or not finite. Where the effects end or fade
  /// before they bring the investment back, it never comes: see payback_reached.
  std::optional<double> payback_months;
  std::string payback_method;            ///< which variant payback_months is
  /// Whether the outcomes over every year they last bring the investment back at all:
  /// payback_effects >= investment. Empty where payback_months is; false means the payback never
  /// comes, whatever payback_months says.
  std::optional<bool> payback_reached;
  /// Σ over the yearly rows of after_drop_off: the outcomes after the adjustments and drop-off,
  /// undiscounted, over every year they last (compensated sum), which payback_reached weighs.
  double payback_effects = 0;
  std::string discount;                  ///< the schedule used, described
  int period_years = 1;
  std::vector<OutcomeValue> outcomes;
  std::vector<ValueYear> yearly;
  std::vector<StakeholderValue> by_stakeholder;
  std::vector<FunderValue> by_funder;
  std::vector<PartyLedger> ledger;       ///< who pays, who gains: one line per party
  std::vector<SwitchingValue> switching_values;
  std::vector<Notice> warnings;     ///< possible over-claiming, in plain words
  std::vector<Notice> assumptions;  ///< every default the valuation filled in
  ValueOptions options;                  ///< the options used
};

}  // namespace impactchain
