// Switching values: for each assumption, the value at which the SROI ratio
// reaches 1 while every other assumption keeps its central value.
//
// Algorithm: scan the parameter's natural domain on a grid (linear on a bounded
// domain, geometric on an unbounded side), take the sign change of
// SROI(x) − 1 nearest to the central value, and refine it with TOMS 748
// (Alefeld, Potra & Shi 1995; boost::math::tools::toms748_solve).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "impactchain/cancel.hpp"
#include "impactchain/defaults.hpp"
#include "impactchain/parameter.hpp"
#include "impactchain/value.hpp"

namespace impactchain {

/// Natural bounds of a valuation parameter, from its slot name: rates and
/// adjustments [0, 1], durations (0, 300], quantities, amounts and WELLBY
/// values [0, ∞), life-satisfaction change [−10, 10], proxy values (−∞, ∞).
std::pair<double, double> natural_domain(const std::string& slot_name);

/// The value of slot `slot` in [lo, hi] at which the SROI ratio equals 1, with
/// the other slots at `x`; empty when the ratio does not reach 1 in the domain
/// (or there is no investment).
std::optional<double> switching_value(const ValuePlan& plan, const std::vector<double>& x, std::size_t slot,
                                      double lo, double hi);

/// Switching values of every slot of `table` at its natural domain, others at
/// central values; slots are searched on `threads` workers (0 = all hardware
/// threads) and the result does not depend on their number. Where no value is
/// found, `note` says why ("none in range: …"); the value is never NaN. Time
/// is linear in the number of slots and outcomes. `cancelled` is asked between
/// slots on the calling thread (true: Cancelled is thrown).
std::vector<SwitchingValue> switching_values(const ValuePlan& plan, const ParameterTable& table,
                                             unsigned threads = defaults::threads,
                                             const CancelHook& cancelled = {});

}  // namespace impactchain
