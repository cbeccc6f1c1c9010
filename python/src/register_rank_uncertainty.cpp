// Rank uncertainty of a composite indicator: the options (RankUncertaintyOptions
// with its nested CompositeChoices), the result as a read-only class (vectors
// and matrices as numpy views of the result, no copy) and the literal binding.
// The frozen public result lives in python/impactchain/_uncertainty_ranks.py.
#include "bindings.hpp"
#include "register.hpp"

#include "cancel_hook.hpp"
#include "repr.hpp"
#include "impactchain/rank_uncertainty.hpp"

namespace impactchain::python {

namespace {

template <class E>
std::vector<E> enums_from(const std::vector<std::string>& names) {
  std::vector<E> out;
  for (const auto& n : names) out.push_back(from_string<E>(n));
  return out;
}

template <class E>
std::vector<std::string> names_of(const std::vector<E>& values) {
  std::vector<std::string> out;
  for (const auto v : values) out.emplace_back(to_string(v));
  return out;
}

void register_options(py::module_& m) {
  py::class_<CompositeChoices>(m, "CompositeChoices",
                               "Outlier treatment, normalisation and aggregation drawn uniformly per draw (OECD/JRC 2008, step 7).")
      .def(py::init<>())
      .def_property(
          "treatments", [](const CompositeChoices& c) { return names_of(c.treatments); },
          [](CompositeChoices& c, const std::vector<std::string>& v) { c.treatments = enums_from<OutlierTreatment>(v); },
          "Subset of 'none', 'coinr' (COINr's outlier treatment, applied before normalising); empty: none.")
      .def_readwrite("outliers", &CompositeChoices::outliers, "OutlierOptions of the 'coinr' treatment.")
      .def_property(
          "normalisations", [](const CompositeChoices& c) { return names_of(c.normalisations); },
          [](CompositeChoices& c, const std::vector<std::string>& v) {
            c.normalisations = enums_from<Normalisation>(v);
          },
          "Subset of 'none', 'minmax', 'zscore', 'rank'; empty: X is already normalised.")
      .def_property(
          "aggregations", [](const CompositeChoices& c) { return names_of(c.aggregations); },
          [](CompositeChoices& c, const std::vector<std::string>& v) {
            c.aggregations = enums_from<Aggregation>(v);
          },
          "Subset of 'arithmetic', 'geometric'; empty: arithmetic.")
      .def_readwrite("directions", &CompositeChoices::directions, "Per indicator +1 or -1 (empty: all +1).")
      .def_property(
          "minmax_lower", [](const CompositeChoices& c) { return c.normalisation.lower; },
          [](CompositeChoices& c, double v) { c.normalisation.lower = v; }, "Lower end of min-max normalisation.")
      .def_property(
          "minmax_upper", [](const CompositeChoices& c) { return c.normalisation.upper; },
          [](CompositeChoices& c, double v) { c.normalisation.upper = v; }, "Upper end of min-max normalisation.")
      .def_readwrite("indicator_names", &CompositeChoices::indicator_names, "Names used in messages.")
      .def_readwrite("unit_names", &CompositeChoices::unit_names, "Names of the units (rows) used in messages.")
      .def("__repr__", [](const CompositeChoices& c) {
        return angle_repr("CompositeChoices", {{"normalisations", std::to_string(c.normalisations.size())},
                                               {"aggregations", std::to_string(c.aggregations.size())}});
      });

  py::class_<RankUncertaintyOptions>(m, "RankUncertaintyOptions", R"doc(Options of rank_uncertainty.

draws (generated weight draws, >= 1), seed (in [0, 2^63 - 1]), threads (0 = all), weight_model
('dirichlet' or 'uniform'), concentration (Dirichlet c > 0: Var(w_j) = w_j (1 - w_j) / (c + 1)),
perturbation (uniform relative, in [0, 1)), top (P(rank <= k) for each k), choices (CompositeChoices).)doc")
      .def(py::init<>())
      .def_readwrite("draws", &RankUncertaintyOptions::draws)
      .def_readwrite("seed", &RankUncertaintyOptions::seed)
      .def_readwrite("threads", &RankUncertaintyOptions::threads)
      .def_property(
          "weight_model", [](const RankUncertaintyOptions& o) { return std::string(to_string(o.weight_model)); },
          [](RankUncertaintyOptions& o, const std::string& s) { o.weight_model = from_string<WeightModel>(s); })
      .def_readwrite("concentration", &RankUncertaintyOptions::concentration)
      .def_readwrite("perturbation", &RankUncertaintyOptions::perturbation)
      .def_readwrite("top", &RankUncertaintyOptions::top)
      .def_readwrite("choices", &RankUncertaintyOptions::choices)
      .def("__repr__", [](const RankUncertaintyOptions& o) {
        return angle_repr("RankUncertaintyOptions", {{"draws", std::to_string(o.draws)}, {"seed", std::to_string(o.seed)},
                                                     {"weight_model", quoted(to_string(o.weight_model))}});
      });
}

void register_result(py::module_& m) {
  using R = RankUncertaintyResult;
  py::class_<R>(m, "RankUncertaintyResult",
                "Per-unit score and rank intervals (read-only; arrays are views of the result).")
      .def_readonly("units", &R::units)
      .def_readonly("indicators", &R::indicators)
      .def_readonly("draws", &R::draws)
      .def_readonly("seed", &R::seed)
      .def_readonly("score_mean", &R::score_mean)
      .def_readonly("score_p05", &R::score_p05)
      .def_readonly("score_p50", &R::score_p50)
      .def_readonly("score_p95", &R::score_p95)
      .def_readonly("rank_best", &R::rank_best)
      .def_readonly("rank_worst", &R::rank_worst)
      .def_readonly("rank_p05", &R::rank_p05)
      .def_readonly("rank_median", &R::rank_median)
      .def_readonly("rank_p95", &R::rank_p95)
      .def_readonly("reference_score", &R::reference_score)
      .def_readonly("reference_rank", &R::reference_rank)
      .def_readonly("top", &R::top)
      .def_readonly("p_top", &R::p_top, "units x len(top): P(rank <= k).")
      .def_readonly("mean_weights", &R::mean_weights)
      .def_readonly("normalisation_choices", &R::normalisation_choices)
      .def_readonly("aggregation_choices", &R::aggregation_choices)
      .def_readonly("treatment_choices", &R::treatment_choices)
      .def_readonly("treatment_draws", &R::treatment_draws, "Per treatment choice: draws that used it (empty without treatment choices).")
      .def_readonly("choice_draws", &R::choice_draws, "normalisations x aggregations: draws per pair (0 x 0 without choices).")
      .def_readonly("draw_choice", &R::draw_choice,
                    "Per draw: (treatment index * normalisations + normalisation index) * aggregations + aggregation index.")
      .def_readonly("tie_rule", &R::tie_rule)
      .def_readonly("warnings", &R::warnings)
      .def("__repr__", [](const R& r) {
        return angle_repr("RankUncertaintyResult", {{"units", std::to_string(r.units)},
                                                    {"indicators", std::to_string(r.indicators)},
                                                    {"draws", std::to_string(r.draws)}, {"seed", std::to_string(r.seed)}});
      });
}

}  // namespace

void register_rank_uncertainty(py::module_& m) {
  register_options(m);
  register_result(m);
  m.def(
      "rank_uncertainty",
      [](const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::Ref<const Eigen::MatrixXd>& weights, bool given,
         RankUncertaintyOptions options) {
        options.cancelled = python_cancel_hook();
        RankUncertaintyResult r;
        {
          py::gil_scoped_release release;
          if (given) {
            r = rank_uncertainty_given(X, weights, options);
          } else {
            if (weights.cols() != 1)
              throw std::invalid_argument("weights: give a 1-D array of indicator weights, got " +
                                          std::to_string(weights.rows()) + " x " + std::to_string(weights.cols()));
            r = rank_uncertainty(X, Eigen::VectorXd(weights.col(0)), options);
          }
        }
        return r;
      },
      "X"_a, "weights"_a, py::kw_only(), "given"_a, py::arg_v("options", RankUncertaintyOptions{}, "RankUncertaintyOptions()"),
      R"doc(Score and rank intervals of a composite indicator under weight uncertainty and, optionally,
normalisation and aggregation choices (literal binding; use impactchain.rank_uncertainty).

Parameters
----------
X : ndarray (units x indicators)
    Normalised indicator values, finite (raw indicators when options.choices lists normalisations).
weights : ndarray
    given=False: (indicators x 1) central weights (>= 0, normalised to sum 1);
    given=True: (indicators x draws) weight draws, each column >= 0 summing to 1.
given : bool
options : RankUncertaintyOptions
    The GIL is released during the run.

Returns
-------
RankUncertaintyResult)doc");
}

}  // namespace impactchain::python
