// Bootstrap CIs and distance travelled (paired pre/post change).
#include "bindings.hpp"
#include "register.hpp"
#include "impactchain/bootstrap.hpp"
#include "impactchain/change.hpp"
#include "bootstrap_options.hpp"

namespace impactchain::python {

namespace {

/// Binds a bootstrap of `Data` (statistic `fn`) with the shared options, the GIL released while it runs.
template <class Data, class Fn>
void def_bootstrap(py::module_& m, const char* name, const char* data_name, const char* what, Fn fn) {
  m.def(name,
        [fn](const Eigen::Ref<const Data>& data, int resamples, std::uint64_t seed, std::uint32_t stream, int threads,
             double level, const std::string& method, bool keep) {
          const BootstrapOptions o = make_options(resamples, seed, stream, threads, level, method, keep);
          py::gil_scoped_release release;
          return fn(data, o);
        },
        py::arg(data_name), py::kw_only(), "resamples"_a = 2000, "seed"_a, "stream"_a = 0, "threads"_a = 1,
        "level"_a = 0.95, "method"_a = "bca", "keep_replicates"_a = false,
        (std::string(what) + "\n\n" + boot_doc).c_str());
}

}  // namespace

void register_change(py::module_& m) {
  py::class_<BootstrapResult>(m, "BootstrapResult", "A bootstrap confidence interval.")
      .def_readonly("statistic", &BootstrapResult::statistic)
      .def_readonly("estimate", &BootstrapResult::estimate)
      .def_readonly("ci_low", &BootstrapResult::ci_low)
      .def_readonly("ci_high", &BootstrapResult::ci_high)
      .def_readonly("level", &BootstrapResult::level)
      .def_property_readonly("method", [](const BootstrapResult& r) { return std::string(to_string(r.method)); })
      .def_readonly("resamples", &BootstrapResult::resamples)
      .def_readonly("n", &BootstrapResult::n)
      .def_readonly("seed", &BootstrapResult::seed)
      .def_readonly("stream", &BootstrapResult::stream)
      .def_readonly("se", &BootstrapResult::se)
      .def_readonly("z0", &BootstrapResult::z0)
      .def_readonly("acceleration", &BootstrapResult::acceleration)
      .def_readonly("replicates", &BootstrapResult::replicates)
      .def_readonly("warnings", &BootstrapResult::warnings);

  def_bootstrap<Eigen::VectorXd>(
      m, "bootstrap_mean", "x", "Bootstrap CI of the mean of x (finite values).",
      [](const Eigen::Ref<const Eigen::VectorXd>& x, const BootstrapOptions& o) { return bootstrap_mean(x, o); });
  def_bootstrap<Eigen::MatrixXd>(
      m, "bootstrap_alpha", "items", "Bootstrap CI of Cronbach's alpha (listwise) of an (n x k) array.",
      [](const Eigen::Ref<const Eigen::MatrixXd>& items, const BootstrapOptions& o) { return bootstrap_alpha(items, o); });

  py::class_<GroupChange>(m, "GroupChange", "Change statistics of one group.")
      .def_readonly("group", &GroupChange::group)
      .def_readonly("n", &GroupChange::n)
      .def_readonly("n_incomplete", &GroupChange::n_incomplete)
      .def_readonly("mean_pre", &GroupChange::mean_pre)
      .def_readonly("mean_post", &GroupChange::mean_post)
      .def_readonly("mean_change", &GroupChange::mean_change)
      .def_readonly("sd_change", &GroupChange::sd_change)
      .def_readonly("effect", &GroupChange::effect)
      .def_readonly("has_bootstrap", &GroupChange::has_bootstrap)
      .def_readonly("change_ci", &GroupChange::change_ci)
      .def_readonly("has_rci", &GroupChange::has_rci)
      .def_readonly("n_improved", &GroupChange::n_improved)
      .def_readonly("n_deteriorated", &GroupChange::n_deteriorated)
      .def_readonly("n_unchanged", &GroupChange::n_unchanged)
      .def_readonly("share_improved", &GroupChange::share_improved)
      .def_readonly("share_deteriorated", &GroupChange::share_deteriorated)
      .def_readonly("share_unchanged", &GroupChange::share_unchanged);

  py::class_<DistanceTravelled>(m, "DistanceTravelled", "Paired pre/post change per person and per group.")
      .def_readonly("change", &DistanceTravelled::change)
      .def_readonly("rci", &DistanceTravelled::rci)
      .def_readonly("groups", &DistanceTravelled::groups)
      .def_readonly("reliability", &DistanceTravelled::reliability)
      .def_readonly("sd_pre", &DistanceTravelled::sd_pre)
      .def_readonly("se_difference", &DistanceTravelled::se_difference)
      .def_readonly("warnings", &DistanceTravelled::warnings);

  m.def("distance_travelled",
        [](const Eigen::VectorXd& pre, const Eigen::VectorXd& post, const std::vector<std::string>& groups,
           const std::string& kind, double ci_level, bool higher_is_better, double reliability, double sd_pre,
           double rci_threshold, int resamples, std::uint64_t seed, int threads, const std::string& method) {
          ChangeOptions o;
          o.kind = from_string<EffectSizeKind>(kind);
          o.ci_level = ci_level;
          o.higher_is_better = higher_is_better;
          o.reliability = reliability;
          o.sd_pre = sd_pre;
          o.rci_threshold = rci_threshold;
          o.resamples = resamples;
          o.seed = seed;
          o.threads = threads;
          o.method = from_string<BootstrapCi>(method);
          o.cancelled = python_cancel_hook();
          py::gil_scoped_release release;
          return distance_travelled(pre, post, groups, o);
        },
        "pre"_a, "post"_a, py::kw_only(), "groups"_a = std::vector<std::string>{}, "kind"_a = "dz", "ci_level"_a = 0.95,
        "higher_is_better"_a = true, "reliability"_a = std::numeric_limits<double>::quiet_NaN(),
        "sd_pre"_a = std::numeric_limits<double>::quiet_NaN(), "rci_threshold"_a = 1.96, "resamples"_a = 2000, "seed"_a,
        "threads"_a = 1, "method"_a = "bca",
        "Paired change post - pre per person and group (NaN = missing, counted).\n\n"
        "reliability : float in (0, 1) or NaN\n    r_xx for the reliable change index (Jacobson & Truax 1991).\n"
        "sd_pre : float or NaN\n    SD for the RCI; NaN = SD of the pre scores (reported).\n"
        "resamples : int\n    0 = no bootstrap, else >= 100.");
}

}  // namespace impactchain::python
