// Shared by the value and simulate bindings: valuation options from their
// Python spelling (so both accept and reject the same strings) and totals as
// a dict.
#pragma once

#include <pybind11/pybind11.h>

#include <initializer_list>
#include <stdexcept>
#include <string>
#include <utility>

#include "impactchain/value_result.hpp"

namespace impactchain::python {

inline ValueOptions make_value_options(const std::string& adjustments, bool discount_first_year,
                                       bool discount_investments, const std::string& drop_off_start,
                                       double long_duration_years, bool switching) {
  ValueOptions o;
  if (adjustments == "multiplicative") o.adjustments = Adjustments::multiplicative;
  else if (adjustments == "additive") o.adjustments = Adjustments::additive;
  else throw std::invalid_argument("adjustments must be 'multiplicative' or 'additive', got '" + adjustments + "'");
  if (drop_off_start == "second_year") o.drop_off_start = DropOffStart::second_year;
  else if (drop_off_start == "after_period") o.drop_off_start = DropOffStart::after_period;
  else throw std::invalid_argument("drop_off_start must be 'second_year' or 'after_period', got '" + drop_off_start + "'");
  o.discount_first_year = discount_first_year;
  o.discount_investments = discount_investments;
  o.long_duration_years = long_duration_years;
  o.switching_values = switching;
  return o;
}

/// The totals as a dict (all of them, or the keys given, in that order).
inline pybind11::dict totals_dict(const ValueTotals& t, std::initializer_list<const char*> keys = {}) {
  const std::pair<const char*, double> all[] = {
      {"present_value", t.present_value}, {"investment_pv", t.investment_pv},
      {"npv", t.npv},                     {"sroi_ratio", t.sroi_ratio},
      {"net_sroi", t.net_sroi},           {"first_year_impact", t.first_year_impact},
      {"investment_total", t.investment_total}};
  pybind11::dict d;
  if (keys.size() == 0) {
    for (const auto& [k, v] : all) d[k] = v;
    return d;
  }
  for (const char* key : keys)
    for (const auto& [k, v] : all)
      if (std::string(k) == key) d[k] = v;
  return d;
}

}  // namespace impactchain::python
