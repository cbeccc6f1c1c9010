// Monetised value (SROI, social cost–benefit): options, the compiled plan the
// uncertainty engine evaluates, and the deterministic full result.
//
// Method (SROI Guide 2012, stage 5; docs/value.md):
//   impact   I   = Q · P · (1−DW)(1−DS)(1−AT)        (option: additive 1−DW−DS−AT, refused if < 0)
//   year t   V_t = I · w_t · (1−DO)^(t−1)             w_t = min(1, D − (t−1)): a fractional last year
//   PV       = Σ V_t · D_τ  (discount.hpp; τ = valuation year, or year − 1 when the first year is not discounted)
//   NPV = PV − PV(inv),  SROI = PV / PV(inv),  net SROI = NPV / PV(inv)
#pragma once

#include <array>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "impactchain/cancel.hpp"
#include "impactchain/chain.hpp"
#include "impactchain/discount.hpp"
#include "impactchain/model.hpp"
#include "impactchain/parameter.hpp"
#include "impactchain/value_result.hpp"

namespace impactchain {

/// Compiles the model's valuation against `table`: registers every number
/// that enters the value as a named slot and returns the plan evaluating it.
/// Slot names: `chain.nodes[<id>].quantity`, `chain.edges[<a>-><b>].rate`
/// (OutcomeChain::compile), `outcomes[<id>].quantity`, `outcomes[<id>].proxy.value`,
/// `outcomes[<id>].wellbeing.life_satisfaction_change`,
/// `outcomes[<id>].wellbeing.value_per_wellby`, `outcomes[<id>].deadweight`
/// (…displacement, attribution, drop_off, duration), `investments[<i>].amount`
/// (volunteer time: `investments[<i>].hours` and `.hourly_value`, when it is valued),
/// `discount.rate` (only for a constant rate given as `discount: {rate: …}`).
/// Adjustments and durations the model leaves out are registered as fixed
/// 0 (duration 1) so their switching values can be reported.
/// Throws ValidationError for an invalid model (Model::problems) and for what
/// only the valuation can see (e.g. a default WELLBY value that needs indexing).
class ValuePlan;
ValuePlan compile_value(const Model& model, ParameterTable& table, const ValueOptions& options = {});

/// Per-call working memory for ValuePlan::totals: chain node quantities.
/// Inline storage for chains up to `inline_nodes` nodes (no heap use); larger
/// chains allocate once here, so reuse one scratch per thread.
class ValueScratch {
 public:
  static constexpr std::size_t inline_nodes = 128;
  explicit ValueScratch(std::size_t nodes = 0) { reserve(nodes); }
  void reserve(std::size_t nodes) {
    if (nodes > inline_nodes && heap_.size() < nodes) heap_.resize(nodes);
  }
  double* data(std::size_t nodes) {
    if (nodes <= inline_nodes) return inline_.data();
    reserve(nodes);
    return heap_.data();
  }

 private:
  std::array<double, inline_nodes> inline_{};
  std::vector<double> heap_;
};

/// Per-thread working memory for ValuePlan::totals_block (reused across calls).
class ValueBlockScratch {
 private:
  friend class ValuePlan;
  std::vector<double> work_;   // per-draw arrays of the block
  std::vector<double> own_;    // one outcome's present value per draw (the ledger)
  std::vector<double> ones_;   // 1.0 per draw of a chunk: year 1's keep before the drop-off starts
  std::vector<double> x_;      // one draw's parameters (chain models)
  std::vector<double> qn_;     // chain node quantities, node-major
  std::vector<double> year_f_;    // one outcome's discount factor of each year (a fixed rate)
  std::vector<char> year_grow_;   // whether its drop-off exponent grows in that year
};

class ValuePlan {
 public:
  /// Totals for parameter values x (x[i] = value of table slot i). Allocates
  /// nothing for chains up to ValueScratch::inline_nodes nodes; const and
  /// free of shared mutable state, so one plan serves many threads.
  void totals(const double* x, ValueTotals& out) const {
    ValueScratch scratch;
    totals(x, out, scratch);
  }
  void totals(const double* x, ValueTotals& out, ValueScratch& scratch) const;

  /// The four Monte Carlo outputs of n draws at once (n ≤ stride). Parameters
  /// in columns: slot s of draw i at cols[s·stride + i]. Writes present value,
  /// investment PV, NPV and SROI ratio of draw i to out[q·stride + i], q = 0…3.
  /// Each draw gets the same arithmetic in the same order as totals(), so the
  /// numbers are identical; the loops run over draws so they vectorise.
  /// With `ledger_out`, also each party's gains, pays and net (ledger_totals'
  /// numbers) to ledger_out[(3p + j)·stride + i], j = 0, 1, 2.
  void totals_block(const double* cols, std::size_t stride, std::size_t n, double* out, ValueBlockScratch& scratch,
                    double* ledger_out = nullptr) const;

  /// Who pays and who gains: the parties (the model's stakeholders in order, then
  /// funders that are not a stakeholder, in the order they first invest, then
  /// "(none)" when an outcome has no stakeholder), the share of each outcome's
  /// value each party receives, and the party each investment is paid by.
  struct Ledger {
    std::vector<std::string> parties;
    std::vector<std::string> names;    ///< per party: a stakeholder's name (its id without one), else the party
    std::vector<char> is_stakeholder;  ///< per party: one of the model's stakeholders
    std::vector<char> is_funder;       ///< per party: pays at least one investment
    std::vector<std::vector<std::pair<std::size_t, double>>> gains;  ///< per outcome: (party, share)
    std::vector<std::size_t> pays;     ///< per investment: party
  };
  const Ledger& ledger() const noexcept { return ledger_; }
  /// Present value each party gains (its shares of the outcomes' present values)
  /// and pays (its investments as counted in PV(investment)) at x, into
  /// gains[p] and pays[p]; false (both NaN) when an outcome's additive adjustments exceed 1.
  bool ledger_totals(const double* x, double* gains, double* pays, ValueScratch& scratch) const;

  /// Number of table slots the plan reads (the table size at compile time).
  std::size_t parameters() const noexcept { return slots_; }
  std::size_t chain_nodes() const noexcept { return chain_.size(); }
  const ValueOptions& options() const noexcept { return options_; }
  /// Length of the activity period in years (period_end − period_start + 1, default 1).
  int period_years() const noexcept { return period_; }
  const DiscountSchedule& discount() const noexcept { return schedule_; }
  /// Slot of `discount.rate` when the model gives a constant rate Parameter.
  std::optional<std::size_t> discount_rate_slot() const noexcept { return rate_slot_; }

  /// One outcome's terms (slots into the parameter vector); public for the
  /// result builder, not needed by callers of totals().
  struct OutcomeTerm {
    std::string id;
    std::optional<std::size_t> node;  // chain node index giving the quantity
    std::size_t quantity = 0;         // slot (when no node)
    std::size_t proxy = 0;            // proxy value, or value per WELLBY
    std::optional<std::size_t> life_satisfaction;  // WELLBY: points of change
    double price_factor = 1.0;        // index[model year] / index[proxy year]
    std::size_t deadweight = 0, displacement = 0, attribution = 0, drop_off = 0, duration = 0;
    std::optional<std::size_t> leakage;  // slot when the outcome has a leakage (stated or a practice default)
    int offset = 0;                   // 0 (during) or period length (after)
  };
  struct InvestmentTerm {
    std::size_t amount = 0;              // the amount, or the hours of volunteer time
    std::optional<std::size_t> hourly;   // volunteer time: the hourly value
    bool valued = true;                  // false: volunteer time without an hourly value (counts 0)
    int year = 0;
    double price_factor = 1.0;
  };
  /// Investment i's amount at x: price-indexed, undiscounted (hours × hourly value for volunteer time).
  double investment_amount(std::size_t i, const double* x) const {
    const InvestmentTerm& t = investments_[i];
    if (!t.valued) return 0.0;
    return (t.hourly ? x[t.amount] * x[*t.hourly] : x[t.amount]) * t.price_factor;
  }
  const std::vector<OutcomeTerm>& outcome_terms() const noexcept { return outcomes_; }
  const std::vector<InvestmentTerm>& investment_terms() const noexcept { return investments_; }

  /// Year-by-year values of one outcome for parameter values x (the result's table).
  std::vector<ValueYear> years(std::size_t outcome, const double* x, const double* node_quantities) const;
  /// Unit proxy (per unit of quantity per year, model currency and price year).
  double unit_proxy(std::size_t outcome, const double* x) const;
  /// Discount factor of time index t for parameter values x.
  double factor(int t, const double* x) const;

  /// The last first-year discount factor add_outcome computed (outcomes mostly share it).
  struct FactorMemo {
    bool valid = false;
    int tau = 0;
    double f = 0;
  };
  /// totals()' step for outcome k: adds its discounted values to pv and its
  /// first-year value to first (node quantities qn when the plan has a chain);
  /// false, adding nothing, when its additive adjustments exceed 1.
  bool add_outcome(std::size_t k, const double* x, const double* qn, double& pv, double& first, FactorMemo& memo) const;
  /// totals()' investment step: present value and undiscounted total of the investments.
  void investment_totals(const double* x, double& pv, double& total) const;
  /// Whether the plan's chain computes outcome quantities (then add_outcome needs qn).
  bool uses_chain() const noexcept { return uses_chain_; }
  /// The chain's node quantities for parameter values x, into qn (chain_nodes() values).
  void chain_quantities(const double* x, double* qn) const { chain_.evaluate(x, qn); }

 private:
  friend ValuePlan compile_value(const Model&, ParameterTable&, const ValueOptions&);
  ValuePlan() : schedule_(DiscountSchedule::constant(0)) {}

  ValueOptions options_;
  std::size_t slots_ = 0;
  int period_ = 1;
  ChainPlan chain_;
  bool uses_chain_ = false;
  std::vector<OutcomeTerm> outcomes_;
  std::vector<InvestmentTerm> investments_;
  Ledger ledger_;
  DiscountSchedule schedule_;
  std::optional<std::size_t> rate_slot_;
  std::vector<double> factors_;  // D_0..D_H of the schedule (unused with rate_slot_)
};

/// The deterministic result (central values): totals, tables per outcome,
/// year, stakeholder and funder, warnings, assumptions and switching values.
/// `cancelled` is asked between the switching-value searches (the long part);
/// true stops the call with Cancelled.
ValueResult value(const Model& model, const ValueOptions& options = {}, const CancelHook& cancelled = {});

}  // namespace impactchain
