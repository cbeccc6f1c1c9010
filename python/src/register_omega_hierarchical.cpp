// Hierarchical omega (general factor by Schmid–Leiman from oblimin-rotated group factors).
#include "bindings.hpp"
#include "register.hpp"
#include "bootstrap_options.hpp"
#include "impactchain/bootstrap.hpp"
#include "impactchain/omega_hierarchical.hpp"

namespace impactchain::python {

namespace {

constexpr const char* hierarchical_doc =
    "groups : int\n    group factors, >= 2 ((items - groups)^2 >= items + groups).\n"
    "max_iterations, tolerance\n    each factor fit stops when no communality moves more than tolerance.\n"
    "rotation_iterations, rotation_tolerance\n    the oblimin rotation stops when its projected gradient's norm is below rotation_tolerance.";

HierarchicalOmegaOptions hierarchical_options(int groups, const std::string& missing, int max_iterations, double tolerance, int rotation_iterations,
                                 double rotation_tolerance) {
  HierarchicalOmegaOptions o;
  o.groups = groups;
  o.missing = from_string<MissingPolicy>(missing);
  o.max_iterations = max_iterations;
  o.tolerance = tolerance;
  o.rotation_iterations = rotation_iterations;
  o.rotation_tolerance = rotation_tolerance;
  return o;
}

}  // namespace

void register_omega_hierarchical(py::module_& m) {
  using R = HierarchicalOmegaResult;
  py::class_<R>(m, "HierarchicalOmegaResult", "Hierarchical omega with its group factors and Schmid–Leiman general factor.")
      .def_readonly("omega_hierarchical", &R::omega_hierarchical)
      .def_readonly("omega_total", &R::omega_total)
      .def_readonly("omega_limit", &R::omega_limit)
      .def_readonly("explained_common_variance", &R::explained_common_variance)
      .def_property_readonly("groups", [](const R& r) { return r.options.groups; })
      .def_property_readonly("missing", [](const R& r) { return std::string(to_string(r.options.missing)); })
      .def_readonly("n", &R::n)
      .def_readonly("n_rows", &R::n_rows)
      .def_readonly("n_items", &R::n_items)
      .def_readonly("min_pair_n", &R::min_pair_n)
      .def_readonly("items", &R::items)
      .def_readonly("correlations", &R::correlations)
      .def_readonly("total_variance", &R::total_variance)
      .def_readonly("pattern", &R::pattern)
      .def_readonly("factor_correlations", &R::factor_correlations)
      .def_readonly("general_factor_loadings", &R::general_factor_loadings)
      .def_readonly("general_loadings", &R::general_loadings)
      .def_readonly("group_loadings", &R::group_loadings)
      .def_readonly("communalities", &R::communalities)
      .def_readonly("uniquenesses", &R::uniquenesses)
      .def_readonly("rmsr", &R::rmsr)
      .def_readonly("fit_iterations", &R::fit_iterations)
      .def_readonly("fit_converged", &R::fit_converged)
      .def_readonly("rotation_iterations", &R::rotation_iterations)
      .def_readonly("rotation_converged", &R::rotation_converged)
      .def_readonly("warnings", &R::warnings);

  const HierarchicalOmegaOptions d;
  m.def("hierarchical_omega",
        [](const Eigen::MatrixXd& items, int groups, const std::string& missing, int max_iterations, double tolerance,
           int rotation_iterations, double rotation_tolerance, std::vector<std::string> names) {
          return hierarchical_omega(items, hierarchical_options(groups, missing, max_iterations, tolerance, rotation_iterations, rotation_tolerance),
                                    std::move(names));
        },
        "items"_a, py::kw_only(), "groups"_a = d.groups, "missing"_a = "pairwise", "max_iterations"_a = d.max_iterations,
        "tolerance"_a = d.tolerance, "rotation_iterations"_a = d.rotation_iterations, "rotation_tolerance"_a = d.rotation_tolerance,
        "names"_a = std::vector<std::string>{},
        (std::string("Hierarchical omega of an (n respondents x k items) float array, NaN = missing.\n\n") + hierarchical_doc +
         "\nmissing : {'pairwise', 'listwise'}")
            .c_str());

  m.def("hierarchical_omega_from_covariance",
        [](const Eigen::MatrixXd& covariance, int groups, int max_iterations, double tolerance, int rotation_iterations,
           double rotation_tolerance, std::vector<std::string> names) {
          return hierarchical_omega_from_covariance(
              covariance, hierarchical_options(groups, "pairwise", max_iterations, tolerance, rotation_iterations, rotation_tolerance), std::move(names));
        },
        "covariance"_a, py::kw_only(), "groups"_a = d.groups, "max_iterations"_a = d.max_iterations, "tolerance"_a = d.tolerance,
        "rotation_iterations"_a = d.rotation_iterations, "rotation_tolerance"_a = d.rotation_tolerance,
        "names"_a = std::vector<std::string>{},
        (std::string("Hierarchical omega of a k x k item covariance or correlation matrix.\n\n") + hierarchical_doc).c_str());

  m.def("bootstrap_hierarchical_omega",
        [](const Eigen::Ref<const Eigen::MatrixXd>& items, int resamples, std::uint64_t seed, std::uint32_t stream, int threads,
           double level, const std::string& method, bool keep, int groups, int max_iterations, double tolerance, int rotation_iterations,
           double rotation_tolerance, std::vector<std::string> names) {
          const BootstrapOptions o = make_options(resamples, seed, stream, threads, level, method, keep);
          const HierarchicalOmegaOptions f = hierarchical_options(groups, "listwise", max_iterations, tolerance, rotation_iterations, rotation_tolerance);
          py::gil_scoped_release release;
          return bootstrap_hierarchical_omega(items, f, o, std::move(names));
        },
        "items"_a, py::kw_only(), "resamples"_a = 2000, "seed"_a, "stream"_a = 0, "threads"_a = 1, "level"_a = 0.95,
        "method"_a = "bca", "keep_replicates"_a = false, "groups"_a = d.groups, "max_iterations"_a = d.max_iterations,
        "tolerance"_a = d.tolerance, "rotation_iterations"_a = d.rotation_iterations, "rotation_tolerance"_a = d.rotation_tolerance,
        "names"_a = std::vector<std::string>{},
        (std::string("Bootstrap CI of hierarchical omega (listwise) of an (n x k) array.\n\n") + boot_doc + "\n" + hierarchical_doc).c_str());
}

}  // namespace impactchain::python
