// Valuation options from their Python spelling, shared by the value and
// simulate bindings so both accept and reject the same strings.
#pragma once

#include <stdexcept>
#include <string>

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

}  // namespace impactchain::python
