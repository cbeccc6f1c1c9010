// McDonald's omega (one-factor reliability of a scale's total).
#include "bindings.hpp"
#include "register.hpp"
#include "bootstrap_options.hpp"
#include "impactchain/bootstrap.hpp"
#include "impactchain/omega.hpp"
#include "omega_options.hpp"

namespace impactchain::python {

namespace {

constexpr const char* options_doc =
    "method : {'ml', 'minres'}\n    maximum likelihood, or minimum residuals (unweighted least squares).\n"
    "standardised : bool\n    fit the correlations (each item standardised) instead of the covariances.\n"
    "total_variance : {'observed', 'model'}\n    omega's denominator: 1'S1, or (sum of loadings)^2 + sum of unique variances.\n"
    "max_iterations, tolerance\n    the fit stops when no unique variance moves more than tolerance (a share of its item's variance).";

}  // namespace

void register_omega(py::module_& m) {
  py::class_<OmegaResult>(m, "OmegaResult", "McDonald's omega with its one-factor fit.")
      .def_readonly("omega", &OmegaResult::omega)
      .def_property_readonly("method", [](const OmegaResult& r) { return std::string(to_string(r.options.method)); })
      .def_property_readonly("standardised", [](const OmegaResult& r) { return r.options.standardised; })
      .def_property_readonly("total_variance", [](const OmegaResult& r) { return std::string(to_string(r.options.total_variance)); })
      .def_property_readonly("missing", [](const OmegaResult& r) { return std::string(to_string(r.options.missing)); })
      .def_readonly("n", &OmegaResult::n)
      .def_readonly("n_rows", &OmegaResult::n_rows)
      .def_readonly("n_items", &OmegaResult::n_items)
      .def_readonly("min_pair_n", &OmegaResult::min_pair_n)
      .def_readonly("items", &OmegaResult::items)
      .def_readonly("matrix", &OmegaResult::matrix)
      .def_readonly("loadings", &OmegaResult::loadings)
      .def_readonly("uniquenesses", &OmegaResult::uniquenesses)
      .def_readonly("standardised_loadings", &OmegaResult::standardised_loadings)
      .def_readonly("common_variance", &OmegaResult::common_variance)
      .def_readonly("unique_variance", &OmegaResult::unique_variance)
      .def_readonly("observed_variance", &OmegaResult::observed_variance)
      .def_readonly("model_variance", &OmegaResult::model_variance)
      .def_readonly("rmsr", &OmegaResult::rmsr)
      .def_readonly("iterations", &OmegaResult::iterations)
      .def_readonly("converged", &OmegaResult::converged)
      .def_readonly("warnings", &OmegaResult::warnings);

  m.def("mcdonald_omega",
        [](const Eigen::MatrixXd& items, const std::string& method, bool standardised, const std::string& total_variance,
           const std::string& missing, int max_iterations, double tolerance, std::vector<std::string> names) {
          return mcdonald_omega(items, omega_options(method, standardised, total_variance, missing, max_iterations, tolerance),
                                std::move(names));
        },
        "items"_a, py::kw_only(), "method"_a = "ml", "standardised"_a = false, "total_variance"_a = "observed",
        "missing"_a = "pairwise", "max_iterations"_a = OmegaOptions{}.max_iterations, "tolerance"_a = OmegaOptions{}.tolerance,
        "names"_a = std::vector<std::string>{},
        (std::string("McDonald's omega of an (n respondents x k items) float array, NaN = missing (k >= 3).\n\n") + options_doc +
         "\nmissing : {'pairwise', 'listwise'}")
            .c_str());

  m.def("omega_from_covariance",
        [](const Eigen::MatrixXd& covariance, const std::string& method, bool standardised, const std::string& total_variance,
           int max_iterations, double tolerance, std::vector<std::string> names) {
          return omega_from_covariance(
              covariance, omega_options(method, standardised, total_variance, "pairwise", max_iterations, tolerance), std::move(names));
        },
        "covariance"_a, py::kw_only(), "method"_a = "ml", "standardised"_a = false, "total_variance"_a = "observed",
        "max_iterations"_a = OmegaOptions{}.max_iterations, "tolerance"_a = OmegaOptions{}.tolerance,
        "names"_a = std::vector<std::string>{},
        (std::string("McDonald's omega of a k x k item covariance matrix (k >= 3).\n\n") + options_doc).c_str());

  m.def("bootstrap_omega",
        [](const Eigen::Ref<const Eigen::MatrixXd>& items, int resamples, std::uint64_t seed, std::uint32_t stream, int threads,
           double level, const std::string& method, bool keep, const std::string& fit, bool standardised,
           const std::string& total_variance, int max_iterations, double tolerance, std::vector<std::string> names) {
          const BootstrapOptions o = make_options(resamples, seed, stream, threads, level, method, keep);
          const OmegaOptions f = omega_options(fit, standardised, total_variance, "listwise", max_iterations, tolerance);
          py::gil_scoped_release release;
          return bootstrap_omega(items, f, o, std::move(names));
        },
        "items"_a, py::kw_only(), "resamples"_a = 2000, "seed"_a, "stream"_a = 0, "threads"_a = 1, "level"_a = 0.95,
        "method"_a = "bca", "keep_replicates"_a = false, "fit"_a = "ml", "standardised"_a = false,
        "total_variance"_a = "observed", "max_iterations"_a = OmegaOptions{}.max_iterations,
        "tolerance"_a = OmegaOptions{}.tolerance, "names"_a = std::vector<std::string>{},
        (std::string("Bootstrap CI of McDonald's omega (listwise) of an (n x k) array.\n\n") + boot_doc + "\nfit" +
         (options_doc + std::string("method").size()))  // the factor method is `fit` here: `method` is the interval's
            .c_str());
}

}  // namespace impactchain::python
