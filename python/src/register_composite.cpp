// Composite scores: imputation, outlier treatment, normalisation, weights (user, AHP, PCA), aggregation.
#include "bindings.hpp"
#include "register.hpp"
#include "impactchain/composite.hpp"

namespace impactchain::python {

void register_composite(py::module_& m) {
  py::class_<CompositeLevel>(m, "CompositeLevel", "One aggregation level of a composite hierarchy.")
      .def(py::init([](std::string name, std::vector<std::string> parents, std::vector<double> weights,
                       const std::string& method, double power) {
             return CompositeLevel{std::move(name), std::move(parents), std::move(weights), from_string<Aggregation>(method), power};
           }),
           "name"_a, "parents"_a, py::kw_only(), "weights"_a = std::vector<double>{}, "method"_a = "arithmetic", "power"_a = 1.0,
           "Parameters\n----------\nname : str\nparents : list of str\n    Parent node of each node of the level below.\n"
           "weights : list of float\n    Weight of each child within its parent (sum 1 per parent); empty = equal.\n"
           "method : {'arithmetic', 'geometric', 'harmonic', 'generalised'}\npower : float\n    Generalised-mean exponent.")
      .def_readonly("name", &CompositeLevel::name)
      .def_readonly("parents", &CompositeLevel::parents)
      .def_readonly("weights", &CompositeLevel::weights)
      .def_property_readonly("method", [](const CompositeLevel& l) { return std::string(to_string(l.method)); })
      .def_readonly("power", &CompositeLevel::power);

  py::class_<CompositeResult>(m, "CompositeResult", "Every step of a composite score.")
      .def_readonly("units", &CompositeResult::units)
      .def_readonly("indicators", &CompositeResult::indicators)
      .def_readonly("raw", &CompositeResult::raw)
      .def_readonly("imputed", &CompositeResult::imputed)
      .def_readonly("treated", &CompositeResult::treated)
      .def_readonly("normalised", &CompositeResult::normalised)
      .def_readonly("level_names", &CompositeResult::level_names)
      .def_readonly("level_nodes", &CompositeResult::level_nodes)
      .def_readonly("aggregated", &CompositeResult::aggregated)
      .def_readonly("level_weights", &CompositeResult::level_weights)
      .def_readonly("n_imputed", &CompositeResult::n_imputed)
      .def_readonly("n_clipped", &CompositeResult::n_clipped)
      .def_readonly("outliers", &CompositeResult::outliers, "COINr treatment table rows (outliers='coinr'), one per indicator.")
      .def_readonly("options", &CompositeResult::options)
      .def_readonly("warnings", &CompositeResult::warnings);

  m.def("composite",
        [](const Eigen::MatrixXd& x, const std::vector<std::string>& units, const std::vector<std::string>& indicators,
           const std::vector<int>& direction, const std::vector<CompositeLevel>& levels, const std::string& imputation,
           const std::vector<std::string>& unit_groups, bool winsorise, double winsor_lower, double winsor_upper,
           const std::string& outliers, const OutlierOptions& outlier_options,
           const std::string& normalisation, double lower, double upper, double z_mean, double z_sd,
           const std::vector<double>& targets, bool cap_at_target, const std::vector<double>& goal_low,
           const std::vector<double>& goal_high, double goal_scale, const std::string& missing,
           const std::vector<std::optional<double>>& min_available) {
          CompositeOptions o;
          o.imputation = from_string<Imputation>(imputation);
          o.unit_groups = unit_groups;
          o.winsorise = winsorise;
          o.winsor_lower = winsor_lower;
          o.winsor_upper = winsor_upper;
          o.outliers = from_string<OutlierTreatment>(outliers);
          o.outlier_options = outlier_options;
          o.normalisation.method = from_string<Normalisation>(normalisation);
          o.normalisation.lower = lower;
          o.normalisation.upper = upper;
          o.normalisation.z_mean = z_mean;
          o.normalisation.z_sd = z_sd;
          o.normalisation.targets = targets;
          o.normalisation.cap_at_target = cap_at_target;
          o.normalisation.goal_low = goal_low;
          o.normalisation.goal_high = goal_high;
          o.normalisation.goal_scale = goal_scale;
          o.missing = from_string<MissingAggregation>(missing);
          o.min_available = min_available;
          return composite(x, units, indicators, direction, levels, o);
        },
        "x"_a, "units"_a, "indicators"_a, "direction"_a, "levels"_a, py::kw_only(), "imputation"_a = "none",
        "unit_groups"_a = std::vector<std::string>{}, "winsorise"_a = false, "winsor_lower"_a = 0.05, "winsor_upper"_a = 0.95,
        "outliers"_a = "none", "outlier_options"_a = OutlierOptions{},
        "normalisation"_a = "minmax", "lower"_a = 0.0, "upper"_a = 100.0, "z_mean"_a = 0.0, "z_sd"_a = 1.0,
        "targets"_a = std::vector<double>{}, "cap_at_target"_a = true, "goal_low"_a = std::vector<double>{},
        "goal_high"_a = std::vector<double>{}, "goal_scale"_a = 100.0, "missing"_a = "propagate",
        "min_available"_a = std::vector<std::optional<double>>{},
        "Composite score of a units x indicators array (NaN = missing); see impactchain.composite for the friendly form.");

  py::class_<AhpResult>(m, "AhpResult", "AHP weights and consistency.")
      .def_readonly("weights", &AhpResult::weights)
      .def_readonly("lambda_max", &AhpResult::lambda_max)
      .def_readonly("consistency_index", &AhpResult::consistency_index)
      .def_readonly("random_index", &AhpResult::random_index)
      .def_readonly("consistency_ratio", &AhpResult::consistency_ratio)
      .def_readonly("consistent", &AhpResult::consistent)
      .def_readonly("warnings", &AhpResult::warnings);
  m.def("ahp_weights", &ahp_weights, "matrix"_a, py::kw_only(), "names"_a = std::vector<std::string>{},
        "AHP (Saaty 1980) weights: principal eigenvector of a positive reciprocal comparison matrix,\n"
        "CI = (lambda_max - n)/(n - 1), CR = CI/RI (Saaty's random index, n <= 10).");

  py::class_<PcaWeights>(m, "PcaWeights", "PCA-based weights.")
      .def_readonly("weights", &PcaWeights::weights)
      .def_readonly("eigenvalues", &PcaWeights::eigenvalues)
      .def_readonly("n_components", &PcaWeights::n_components)
      .def_readonly("loadings", &PcaWeights::loadings)
      .def_readonly("component", &PcaWeights::component)
      .def_readonly("method", &PcaWeights::method);
  m.def("pca_weights", &pca_weights, "x"_a, "PCA-based weights from a complete units x indicators array (method in the result).");
  m.def("check_weights", &check_weights, "weights"_a, "where"_a = "weights",
        "Raises ValidationError unless the weights are finite, >= 0 and sum to 1.");
}

}  // namespace impactchain::python
