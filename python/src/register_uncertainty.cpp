// Uncertainty: Monte Carlo over a model (simulate_model) and composite rank
// uncertainty. Literal bindings returning plain dicts and numpy arrays; the
// result classes and pandas views live in python/impactchain/uncertainty.py.
#include "bindings.hpp"
#include "register.hpp"

#include "cancel_hook.hpp"
#include "value_options.hpp"
#include "impactchain/rank_uncertainty.hpp"
#include "impactchain/simulate.hpp"

namespace impactchain::python {

namespace {

using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

py::array_t<double> to_numpy(RowMajor&& m) {
  auto* heap = new RowMajor(std::move(m));
  py::capsule owner(heap, [](void* p) { delete static_cast<RowMajor*>(p); });
  return py::array_t<double>({heap->rows(), heap->cols()},
                             {static_cast<py::ssize_t>(sizeof(double) * heap->cols()), static_cast<py::ssize_t>(sizeof(double))},
                             heap->data(), owner);
}

py::dict summary_dict(const OutputSummary& s) {
  py::dict d;
  d["mean"] = s.mean;
  d["sd"] = s.sd;
  d["p05"] = s.p05;
  d["p50"] = s.p50;
  d["p95"] = s.p95;
  d["min"] = s.min;
  d["max"] = s.max;
  d["finite"] = s.finite;
  d["nonfinite"] = s.nonfinite;
  d["quantile_method"] = s.quantile_method;
  return d;
}

py::dict result_dict(SimulationResult& r) {
  py::dict d;
  d["draws"] = r.draws;
  d["seed"] = r.seed;
  d["threads"] = r.threads;
  d["outputs"] = r.output_names;
  py::dict summaries;
  for (const auto& s : r.summaries) summaries[py::str(s.name)] = summary_dict(s);
  d["summary"] = summaries;
  d["nonfinite_draws"] = r.nonfinite_draws;
  d["parameter_names"] = r.parameter_names;
  d["sampling_methods"] = r.sampling_methods;
  py::list tornado;
  for (const auto& t : r.tornado)
    for (const auto& row : t.rows) {
      py::dict x;
      x["output"] = t.output;
      x["name"] = row.name;
      x["low_value"] = row.low_value;
      x["high_value"] = row.high_value;
      x["output_low"] = row.output_low;
      x["output_high"] = row.output_high;
      x["swing"] = row.swing;
      x["base"] = t.base;
      tornado.append(x);
    }
  d["tornado"] = tornado;
  d["tornado_range"] = r.tornado.empty() ? std::string() : r.tornado[0].range;
  py::list sobol;
  for (const auto& t : r.sobol)
    for (const auto& row : t.rows) {
      py::dict x;
      x["output"] = t.output;
      x["name"] = row.name;
      x["first"] = row.first;
      x["first_se"] = row.first_se;
      x["total"] = row.total;
      x["total_se"] = row.total_se;
      x["base_draws"] = t.base_draws;
      x["used_rows"] = t.used_rows;
      sobol.append(x);
    }
  d["sobol"] = sobol;
  d["warnings"] = r.warnings;
  d["draws_array"] = r.output_draws.rows() > 0 ? py::object(to_numpy(std::move(r.output_draws))) : py::none();
  d["parameters_array"] = r.parameter_draws.rows() > 0 ? py::object(to_numpy(std::move(r.parameter_draws)))
                              : py::none();
  return d;
}

/// Progress from the calling thread: checks Ctrl-C and calls the user's callback, with the GIL.
std::function<void(std::size_t, std::size_t)> progress_hook(const py::object& cb) {
  return [cb](std::size_t done, std::size_t total) {
    py::gil_scoped_acquire gil;
    if (PyErr_CheckSignals() != 0) throw py::error_already_set();
    if (!cb.is_none()) cb(done, total);
  };
}

}  // namespace

void register_uncertainty(py::module_& m) {
  m.attr("exact_quantile_max_draws") = exact_quantile_max_draws;
  m.def(
      "simulate_model",
      [](const Model& model, std::size_t draws, std::uint64_t seed, unsigned threads, bool keep_draws,
         bool keep_parameters, const std::vector<std::vector<std::string>>& correlation_names,
         const std::vector<Eigen::MatrixXd>& correlation_matrices, const std::vector<double>& value_targets,
         const std::string& tornado_range, std::size_t sobol_draws, bool switching_values,
         const std::string& adjustments, bool discount_first_year, bool discount_investments,
         const std::string& drop_off_start, const py::object& progress) {
        SimulateOptions o;
        o.draws = draws;
        o.seed = seed;
        o.threads = threads;
        o.keep_draws = keep_draws;
        o.keep_parameters = keep_parameters;
        if (correlation_names.size() != correlation_matrices.size())
          throw std::invalid_argument("correlation: give one matrix per list of names, got " +
                                      std::to_string(correlation_names.size()) + " name lists and " +
                                      std::to_string(correlation_matrices.size()) + " matrices");
        for (std::size_t i = 0; i < correlation_names.size(); ++i)
          o.correlation.push_back(RankCorrelation{correlation_names[i], correlation_matrices[i]});
        o.value_targets = value_targets;
        o.tornado_range = from_string<TornadoRange>(tornado_range);
        o.sobol_draws = sobol_draws;
        o.switching_values = switching_values;
        o.value = make_value_options(adjustments, discount_first_year, discount_investments, drop_off_start,
                                     o.value.long_duration_years, o.value.switching_values);
        o.progress = progress_hook(progress);
        o.cancelled = python_cancel_hook();
        ModelSimulation s;
        {
          py::gil_scoped_release release;
          s = simulate_model(model, o);
        }
        py::dict d = result_dict(s.result);
        d["p_ratio_above_1"] = s.p_ratio_above_1;
        py::list targets;
        for (const auto& e : s.value_targets) {
          py::dict x;
          x["target"] = e.threshold;
          x["probability"] = e.probability;
          targets.append(x);
        }
        d["value_targets"] = targets;
        py::list sv;
        for (const auto& v : s.switching_values) {
          py::dict x;
          x["name"] = v.name;
          x["central"] = v.central;
          x["value"] = v.value ? py::object(py::float_(*v.value)) : py::none();
          x["domain_low"] = v.domain_low;
          x["domain_high"] = v.domain_high;
          x["note"] = v.note;  // why value is None ("none in range: ..."), "" when it is given
          sv.append(x);
        }
        d["switching_values"] = sv;
        d["central"] = totals_dict(s.central, {"present_value", "investment_pv", "npv", "sroi_ratio"});
        return d;
      },
      "model"_a, py::kw_only(), "draws"_a, "seed"_a, "threads"_a = 1, "keep_draws"_a = false,
      "keep_parameters"_a = false, "correlation_names"_a = std::vector<std::vector<std::string>>{},
      "correlation_matrices"_a = std::vector<Eigen::MatrixXd>{}, "value_targets"_a = std::vector<double>{},
      "tornado_range"_a = "p05_p95", "sobol_draws"_a = 0, "switching_values"_a = true,
      "adjustments"_a = "multiplicative", "discount_first_year"_a = true, "discount_investments"_a = false,
      "drop_off_start"_a = "second_year", "progress"_a = py::none(),
      R"doc(Monte Carlo over every Parameter of a model's valuation (literal binding; use impactchain.simulate).

Parameters
----------
model : Model
draws : int
    Number of draws, >= 1.
seed : int
    In [0, 2^63 - 1]. The same seed gives bit-identical results for any thread count.
threads : int, default 1
    Worker threads (0 = all hardware threads). The GIL is released during the run.
keep_draws, keep_parameters : bool
    Keep every draw's outputs (draws x 4) / sampled uncertain parameters (draws x k).
correlation_names, correlation_matrices : list
    Spearman rank correlation blocks over parameter slot names (Gaussian copula).
value_targets : list of float
    P(present_value > target) for each (model currency).
tornado_range : {"p05_p95", "p10_p90", "support"}
sobol_draws : int, default 0
    Base sample N of the Saltelli design (N (k + 2) model evaluations); 0 = no Sobol indices.
progress : callable(done, total) or None
    Called after each round of blocks from the calling thread.

Returns
-------
dict of plain values and numpy arrays.)doc");

  m.def(
      "rank_uncertainty",
      [](const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::Ref<const Eigen::MatrixXd>& weights, bool given,
         std::size_t draws, std::uint64_t seed, unsigned threads, const std::string& weight_model, double concentration,
         double perturbation, const std::vector<std::size_t>& top, const std::vector<std::string>& normalisations,
         const std::vector<std::string>& aggregations, const std::vector<int>& directions, double minmax_lower,
         double minmax_upper, const std::vector<std::string>& indicator_names) {
        RankUncertaintyOptions o;
        o.draws = draws;
        o.seed = seed;
        o.threads = threads;
        o.weight_model = from_string<WeightModel>(weight_model);
        o.concentration = concentration;
        o.perturbation = perturbation;
        o.top = top;
        for (const auto& n : normalisations) o.choices.normalisations.push_back(from_string<Normalisation>(n));
        for (const auto& a : aggregations) o.choices.aggregations.push_back(from_string<Aggregation>(a));
        o.choices.directions = directions;
        o.choices.normalisation.lower = minmax_lower;
        o.choices.normalisation.upper = minmax_upper;
        o.choices.indicator_names = indicator_names;
        o.cancelled = python_cancel_hook();
        RankUncertaintyResult r;
        {
          py::gil_scoped_release release;
          if (given) {
            r = rank_uncertainty_given(X, weights, o);
          } else {
            if (weights.cols() != 1)
              throw std::invalid_argument("weights: give a 1-D array of indicator weights, got " +
                                          std::to_string(weights.rows()) + " x " + std::to_string(weights.cols()));
            r = rank_uncertainty(X, Eigen::VectorXd(weights.col(0)), o);
          }
        }
        py::dict d;
        d["units"] = r.units;
        d["indicators"] = r.indicators;
        d["draws"] = r.draws;
        d["seed"] = r.seed;
        d["score_mean"] = r.score_mean;
        d["score_p05"] = r.score_p05;
        d["score_p50"] = r.score_p50;
        d["score_p95"] = r.score_p95;
        d["rank_best"] = r.rank_best;
        d["rank_worst"] = r.rank_worst;
        d["rank_p05"] = r.rank_p05;
        d["rank_median"] = r.rank_median;
        d["rank_p95"] = r.rank_p95;
        d["reference_score"] = r.reference_score;
        d["reference_rank"] = r.reference_rank;
        d["top"] = r.top;
        d["p_top"] = r.p_top;
        d["mean_weights"] = r.mean_weights;
        d["normalisation_choices"] = r.normalisation_choices;
        d["aggregation_choices"] = r.aggregation_choices;
        d["choice_draws"] = r.choice_draws.size() > 0 ? py::object(py::cast(std::move(r.choice_draws))) : py::none();
        d["draw_choice"] = r.draw_choice.size() > 0 ? py::object(py::cast(std::move(r.draw_choice))) : py::none();
        d["tie_rule"] = r.tie_rule;
        d["warnings"] = r.warnings;
        return d;
      },
      "X"_a, "weights"_a, py::kw_only(), "given"_a, "draws"_a = 1000, "seed"_a = 0, "threads"_a = 1,
      "weight_model"_a = "dirichlet", "concentration"_a = 100.0, "perturbation"_a = 0.25,
      "top"_a = std::vector<std::size_t>{10}, "normalisations"_a = std::vector<std::string>{},
      "aggregations"_a = std::vector<std::string>{}, "directions"_a = std::vector<int>{}, "minmax_lower"_a = 0.0,
      "minmax_upper"_a = 100.0, "indicator_names"_a = std::vector<std::string>{},
      R"doc(Score and rank intervals of a composite indicator under weight uncertainty and, optionally,
normalisation and aggregation choices (literal binding; use impactchain.rank_uncertainty).

Parameters
----------
X : ndarray (units x indicators)
    Normalised indicator values, finite.
weights : ndarray
    given=False: (indicators x 1) central weights (>= 0, normalised to sum 1);
    given=True: (indicators x draws) weight draws, each column >= 0 summing to 1.
draws, seed, threads : int
    Weight draws to generate (given=False), seed in [0, 2^63 - 1], threads (0 = all). GIL released.
weight_model : {"dirichlet", "uniform"}
concentration : float
    Dirichlet concentration c (> 0): Var(w_j) = w_j (1 - w_j) / (c + 1).
perturbation : float
    Uniform relative perturbation in [0, 1), renormalised.
top : list of int
    P(rank <= k) for each k.
normalisations : list of {"none", "minmax", "zscore", "rank"}
    Drawn uniformly per draw; empty: X is already normalised. Non-empty: X holds raw indicators.
aggregations : list of {"arithmetic", "geometric"}
    Drawn uniformly per draw; empty: arithmetic.
directions : list of int
    Per indicator +1 (higher is better) or -1 (empty: all +1); used with normalisations.
minmax_lower, minmax_upper : float
    Range of min-max normalisation (default 0 to 100; the geometric mean needs lower > 0).
indicator_names : list of str
    Names used in error messages.)doc");
}

}  // namespace impactchain::python
