// simulate_model: the value plan as an Evaluator for the Monte Carlo engine.
#include "impactchain/simulate.hpp"
#include "impactchain/practice.hpp"
#include "impactchain/switching.hpp"

#include <algorithm>
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
  std::vector<double> gains;  // the ledger's gains and pays of one draw
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

/// The value plan's four outputs, then (with the ledger) each party's gains, pays and net.
class PlanEvaluator final : public Evaluator, public detail::OneAtATime {
 public:
  PlanEvaluator(const ValuePlan& plan, bool ledger)
      : plan_(plan), parties_(ledger ? plan.ledger().parties.size() : 0) {}
  std::size_t outputs() const override { return 4 + 3 * parties_; }
  std::unique_ptr<EvaluatorWorkspace> workspace() const override {
    return std::make_unique<ScratchWorkspace>(plan_.chain_nodes());
  }
  void evaluate(const double* x, double* out, EvaluatorWorkspace* ws) const override {
    ValueTotals t;
    auto& scratch = static_cast<ScratchWorkspace*>(ws)->scratch;
    plan_.totals(x, t, scratch);
    plan_outputs(t.present_value, t.investment_pv, t.ok(), out);  // the npv and ratio totals() gives
    if (parties_ == 0) return;
    auto& g = static_cast<ScratchWorkspace*>(ws)->gains;
    g.resize(2 * parties_);
    plan_.ledger_totals(x, g.data(), g.data() + parties_, scratch);
    for (std::size_t p = 0; p < parties_; ++p) {
      out[4 + 3 * p] = g[p];
      out[5 + 3 * p] = g[parties_ + p];
      out[6 + 3 * p] = g[p] - g[parties_ + p];
    }
  }
  void evaluate_block(const double* cols, std::size_t, std::size_t stride, std::size_t n, double* out,
                      EvaluatorWorkspace* ws) const override {
    plan_.totals_block(cols, stride, n, out, static_cast<ScratchWorkspace*>(ws)->block,
                       parties_ ? out + 4 * stride : nullptr);
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
      if (terms_.scope[slot].single()) {  // the tornado reads the first four outputs only
        const auto t = terms_.one_term(x_.data(), slot);
        plan_outputs(t.pv, t.inv_pv, t.ok, out);
        std::fill(out + 4, out + f_.outputs(), std::numeric_limits<double>::quiet_NaN());
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
  std::size_t parties_;
};

/// Output names: model_outputs(), then ledger[<party>].gains, .pays and .net per party.
std::vector<std::string> output_names(const ValuePlan& plan, bool ledger) {
  std::vector<std::string> names = model_outputs();
  if (ledger)
    for (const auto& p : plan.ledger().parties)
      for (const char* q : {".gains", ".pays", ".net"}) names.push_back("ledger[" + p + "]" + q);
  return names;
}

/// Moves the ledger's outputs out of r (which keeps model_outputs()) into per-party lines.
std::vector<PartySimulation> take_ledger(SimulationResult& r, const ValuePlan& plan, std::size_t thresholds_before) {
  const auto& parties = plan.ledger().parties;
  std::vector<PartySimulation> out(parties.size());
  for (std::size_t p = 0; p < parties.size(); ++p) {
    out[p].party = parties[p];
    out[p].name = plan.ledger().names[p];
    out[p].gains = r.summaries[4 + 3 * p];
    out[p].pays = r.summaries[5 + 3 * p];
    out[p].net = r.summaries[6 + 3 * p];
    out[p].p_net_positive = r.exceedances[thresholds_before + p].probability;
  }
  r.summaries.resize(4);
  r.output_names.resize(4);
  r.exceedances.resize(thresholds_before);
  if (r.output_draws.cols() > 4) {
    const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> kept = r.output_draws.leftCols(4);
    r.output_draws = kept;
  }
  return out;
}

}  // namespace

namespace {

/// A model's run: its table, plan, evaluator and Monte Carlo options, compiled once.
struct ModelRun {
  ParameterTable table;
  ValuePlan plan;
  PlanEvaluator f;
  MonteCarloOptions mo;
  std::vector<std::string> names;
  std::size_t thresholds_before = 0;

  ModelRun(const Model& model, const SimulateOptions& o)
      : plan(compile_value(model, table, o.value)), f(plan, o.ledger), names(output_names(plan, o.ledger)) {
    mo.draws = o.draws;
    mo.seed = o.seed;
    mo.stream_version = o.stream_version;
    mo.threads = o.threads;
    mo.keep_draws = o.keep_draws;
    mo.keep_parameters = o.keep_parameters;
    mo.correlation = o.correlation;
    mo.thresholds.push_back({"sroi_ratio", 1.0});
    mo.thresholds.push_back({"npv", 0.0, true});  // the chance of a loss, counted on every draw
    for (double t : o.value_targets) mo.thresholds.push_back({"present_value", t});
    thresholds_before = mo.thresholds.size();
    if (o.ledger)
      for (const auto& p : plan.ledger().parties) mo.thresholds.push_back({"ledger[" + p + "].net", 0.0});
    if (o.ledger && !o.ledger_quantiles)
      mo.moments_only_outputs.assign(names.begin() + static_cast<std::ptrdiff_t>(model_outputs().size()), names.end());
    mo.tornado_outputs = {"sroi_ratio", "present_value"};
    mo.tornado_range = o.tornado_range;
    mo.level = o.level;
    if (o.sobol_draws > 0) {
      mo.sobol_draws = o.sobol_draws;
      mo.sobol_outputs = {"sroi_ratio", "present_value"};
    }
    mo.progress = o.progress;
    mo.cancelled = o.cancelled;
  }

  /// The model's result around the engine's.
  ModelSimulation finish(const Model& model, const SimulateOptions& o, SimulationResult r) const {
    ModelSimulation s;
    s.result = std::move(r);
    if (o.ledger) s.ledger = take_ledger(s.result, plan, thresholds_before);
    const auto read = model.read_warning_texts();
    s.result.warnings.insert(s.result.warnings.begin(), read.begin(), read.end());
    const auto lint = practice::lints(model);  // stated adjustments against what practice reports
    s.result.warnings.insert(s.result.warnings.end(), lint.begin(), lint.end());
    s.p_ratio_above_1 = s.result.exceedances[0].probability;
    s.p_npv_below_0 = s.result.exceedances[1].probability;
    s.value_targets.assign(s.result.exceedances.begin() + 2, s.result.exceedances.end());
    {
      const auto x = table.centrals();
      ValueScratch scratch(plan.chain_nodes());
      plan.totals(x.data(), s.central, scratch);
    }
    // The plan and table above are the ones value(model, o.value) compiles, so
    // these are value()'s switching values, searched on the simulation's threads.
    if (o.switching_values) s.switching_values = switching_values(plan, table, o.threads, o.cancelled);
    if (model.valuation.outcomes.empty())  // as value() says: every draw's ratio is the formula's 0
      s.result.warnings.push_back(Notice("value.no_outcomes", {}));
    if (!(s.central.investment_pv > 0))
      s.result.warnings.push_back(Notice("simulate.no_positive_investment", {}));
    else if (investment_too_small_for_ratio(s.central.investment_pv, s.central.present_value))
      s.result.warnings.push_back(Notice(  // as value() refuses the ratio: the draws' ratios divide by ~0
          "simulate.tiny_investment",
          {money_param("investment_pv", s.central.investment_pv), money_param("present_value", s.central.present_value),
           money_param("min_investment", kMinInvestmentForRatio), real_param("min_share", kMinInvestmentShare),
           text_param("currency", model.info.currency)}));
    return s;
  }
};

}  // namespace

ModelSimulation simulate_model(const Model& model, const SimulateOptions& o) {
  const ModelRun run(model, o);
  return run.finish(model, o, simulate(run.table, run.f, run.names, run.mo));
}

SimulationPart simulate_model_part(const Model& model, const SimulateOptions& o, std::size_t first_block,
                                   std::size_t blocks) {
  const ModelRun run(model, o);
  return simulate_part(run.table, run.f, run.names, run.mo, first_block, blocks);
}

ModelSimulation simulate_model_parts(const Model& model, const SimulateOptions& o,
                                     const std::vector<SimulationPart>& parts) {
  const ModelRun run(model, o);
  return run.finish(model, o, simulate_parts(run.table, run.f, run.names, run.mo, parts));
}

}  // namespace impactchain
