// simulate_model: the value plan as an Evaluator for the Monte Carlo engine.
#include "impactchain/simulate.hpp"
#include "impactchain/practice.hpp"
#include "impactchain/switching.hpp"

#include <cmath>
#include <limits>
#include <memory>
#include <vector>

#include "central_terms.hpp"
#include "one_at_a_time.hpp"

namespace impactchain {
namespace {

struct ScratchWorkspace final : EvaluatorWorkspace {
  explicit ScratchWorkspace(std::size_t nodes) : scratch(nodes) {}
  ValueScratch scratch;
  ValueBlockScratch block;
};

/// Outputs 0-3 of PlanEvaluator: present value, investment PV, NPV, SROI ratio
/// (ValuePlan::totals' definitions; all NaN when an outcome is invalid).
void plan_outputs(double pv, double inv_pv, bool ok, double* out) {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  out[0] = ok ? pv : nan;
  out[1] = ok ? inv_pv : nan;
  out[2] = ok ? pv - inv_pv : nan;
  out[3] = ok && inv_pv != 0 ? pv / inv_pv : nan;
}

class PlanEvaluator final : public Evaluator, public detail::OneAtATime {
 public:
  explicit PlanEvaluator(const ValuePlan& plan) : plan_(plan) {}
  std::size_t outputs() const override { return 4; }
  std::unique_ptr<EvaluatorWorkspace> workspace() const override {
    return std::make_unique<ScratchWorkspace>(plan_.chain_nodes());
  }
  void evaluate(const double* x, double* out, EvaluatorWorkspace* ws) const override {
    ValueTotals t;
    plan_.totals(x, t, static_cast<ScratchWorkspace*>(ws)->scratch);
    plan_outputs(t.present_value, t.investment_pv, t.ok(), out);  // the npv and ratio totals() gives
  }
  void evaluate_block(const double* cols, std::size_t, std::size_t stride, std::size_t n, double* out,
                      EvaluatorWorkspace* ws) const override {
    plan_.totals_block(cols, stride, n, out, static_cast<ScratchWorkspace*>(ws)->block);
  }

  /// The tornado's points: a slot read by one outcome or one investment re-evaluates
  /// that term only (detail::CentralTerms, as the switching values do); a slot read
  /// by the chain, the discount rate or several terms gets a full evaluation.
  class Points final : public detail::OneAtATime::Points {
   public:
    Points(const PlanEvaluator& f, const std::vector<double>& x0)
        : f_(f), terms_(f.plan_, x0), x_(x0), ws_(f.plan_.chain_nodes()) {}
    void at(std::size_t slot, double v, double* out) override {
      const double keep = x_[slot];
      x_[slot] = v;
      if (terms_.scope[slot].single()) {
        const auto t = terms_.one_term(x_.data(), slot);
        plan_outputs(t.pv, t.inv_pv, t.ok, out);
      } else {
        f_.evaluate(x_.data(), out, &ws_);
      }
      x_[slot] = keep;
    }

   private:
    const PlanEvaluator& f_;
    detail::CentralTerms terms_;
    std::vector<double> x_;
    ScratchWorkspace ws_;
  };
  std::unique_ptr<detail::OneAtATime::Points> around(const std::vector<double>& x0) const override {
    return std::make_unique<Points>(*this, x0);
  }

 private:
  const ValuePlan& plan_;
};

}  // namespace

ModelSimulation simulate_model(const Model& model, const SimulateOptions& o) {
  ParameterTable table;
  const ValuePlan plan = compile_value(model, table, o.value);
  PlanEvaluator f(plan);

  MonteCarloOptions mo;
  mo.draws = o.draws;
  mo.seed = o.seed;
  mo.threads = o.threads;
  mo.keep_draws = o.keep_draws;
  mo.keep_parameters = o.keep_parameters;
  mo.correlation = o.correlation;
  mo.thresholds.push_back({"sroi_ratio", 1.0});
  for (double t : o.value_targets) mo.thresholds.push_back({"present_value", t});
  mo.tornado_outputs = {"sroi_ratio", "present_value"};
  mo.tornado_range = o.tornado_range;
  mo.level = o.level;
  if (o.sobol_draws > 0) {
    mo.sobol_draws = o.sobol_draws;
    mo.sobol_outputs = {"sroi_ratio", "present_value"};
  }
  mo.progress = o.progress;
  mo.cancelled = o.cancelled;

  ModelSimulation s;
  s.result = simulate(table, f, model_outputs(), mo);
  const auto read = model.read_warning_texts();
  s.result.warnings.insert(s.result.warnings.begin(), read.begin(), read.end());
  const auto lint = practice::lints(model);  // stated adjustments against what practice reports
  s.result.warnings.insert(s.result.warnings.end(), lint.begin(), lint.end());
  s.p_ratio_above_1 = s.result.exceedances[0].probability;
  s.value_targets.assign(s.result.exceedances.begin() + 1, s.result.exceedances.end());
  {
    const auto x = table.centrals();
    ValueScratch scratch(plan.chain_nodes());
    plan.totals(x.data(), s.central, scratch);
  }
  // The plan and table above are the ones value(model, o.value) compiles, so
  // these are value()'s switching values, searched on the simulation's threads.
  if (o.switching_values) s.switching_values = switching_values(plan, table, o.threads, o.cancelled);
  if (!(s.central.investment_pv > 0))
    s.result.warnings.push_back(Notice("simulate.no_positive_investment", {}));
  return s;
}

}  // namespace impactchain
