// Shared by the value and simulate bindings: valuation options from their
// Python spelling (the core's from_string, so both accept and reject the same
// strings) and totals as a dict.
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
  o.adjustments = from_string<Adjustments>(adjustments);
  o.drop_off_start = from_string<DropOffStart>(drop_off_start);
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
