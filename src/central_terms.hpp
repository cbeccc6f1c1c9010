// Private to src/: a value plan's terms at the central values, shared by the
// switching-value search (switching.cpp) and simulate_model's tornado
// (simulate.cpp). Both move one slot away from the central values at a time;
// most slots are read by one term of the plan (one outcome or one
// investment), so the other terms are summed once here and only that term is
// re-evaluated per point: all slots together take time linear in the model.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "impactchain/value.hpp"

namespace impactchain::detail {

/// The one term of the plan that reads a slot, when there is one (neither
/// for chain slots, the discount rate and slots read by several terms).
struct Scope {
  std::optional<std::size_t> outcome, investment;
  bool single() const { return outcome.has_value() || investment.has_value(); }
};

/// Computed once in O(outcomes + slots): the node quantities and each
/// outcome's present value at the central values x0, prefix and suffix sums of
/// those, the investments' present value and the term that reads each slot.
struct CentralTerms {
  const ValuePlan* plan;
  std::vector<double> qn;                   // node quantities at x0
  std::vector<double> pv_before, pv_after;  // sum of outcome PVs before / after outcome k (x0)
  std::vector<char> ok;                     // outcome k is valid at x0
  std::size_t bad = 0;                      // outcomes not valid at x0
  double inv_pv0 = 0, inv_total = 0;
  std::vector<Scope> scope;                 // per slot

  CentralTerms(const ValuePlan& plan, const std::vector<double>& x0);

  double pv_rest(std::size_t k) const { return pv_before[k] + pv_after[k + 1]; }
  bool rest_ok(std::size_t k) const { return bad == (ok[k] ? 0u : 1u); }

  /// Present value of the outcomes and of the investments at x, where x equals
  /// x0 except in `slot`, a slot with scope(slot).single(): only the term that
  /// reads it is evaluated (the same steps as ValuePlan::totals, summed in
  /// another order, so the totals may differ from it in the last bits).
  struct Totals {
    double pv = 0, inv_pv = 0;
    bool ok = false;  ///< false when an outcome's additive adjustments exceed 1 (totals() gives NaN)
  };
  Totals one_term(const double* x, std::size_t slot) const;
};

}  // namespace impactchain::detail
