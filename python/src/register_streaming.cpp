// Streaming (chunked, mergeable) summary statistics.
#include "bindings.hpp"
#include "register.hpp"
#include "impactchain/streaming.hpp"

#include <optional>

namespace impactchain::python {

void register_streaming(py::module_& m) {
  m.attr("max_histogram_bins") = max_histogram_bins;
  py::class_<StreamingStats>(m, "StreamingStats",
                             "Mergeable weighted count, mean, variance, min, max and quantiles over chunks of data.\n"
                             "Moments: Boost.Accumulators per chunk, merged with Chan et al. (1979); quantiles from a\n"
                             "fixed-grid histogram (exact on a discrete grid).")
      .def_static("discrete", &StreamingStats::discrete, "lo"_a, "hi"_a, "Exact quantiles for integer values in [lo, hi] (hi - lo + 1 <= max_histogram_bins, 10^6).")
      .def_static("continuous", &StreamingStats::continuous, "lo"_a, "hi"_a, "bins"_a,
                  "Quantiles interpolated within `bins` equal-width bins over [lo, hi] (error <= bin width);\n"
                  "1 <= bins <= max_histogram_bins (10^6).")
      .def("add",
           [](StreamingStats& s, const Eigen::VectorXd& x, const std::optional<Eigen::VectorXd>& w) {
             if (w) s.add(x, *w);
             else s.add(x);
           },
           "x"_a, py::kw_only(), "weights"_a = py::none(),
           "Adds a chunk (NaN skipped and counted; frequency weights >= 0). A rejected chunk changes nothing.")
      .def("merge", &StreamingStats::merge, "other"_a, "Adds another summary on the same grid.")
      .def_property_readonly("sum_of_weights", &StreamingStats::sum_of_weights)
      .def_property_readonly("n_missing", &StreamingStats::n_missing)
      .def_property_readonly("mean", &StreamingStats::mean)
      .def_property_readonly("variance", &StreamingStats::variance, "Frequency-weight sample variance M2/(W-1).")
      .def_property_readonly("population_variance", &StreamingStats::population_variance)
      .def_property_readonly("sd", &StreamingStats::sd)
      .def_property_readonly("min", &StreamingStats::min)
      .def_property_readonly("max", &StreamingStats::max)
      .def_property_readonly("is_discrete", &StreamingStats::is_discrete)
      .def_property_readonly("counts", &StreamingStats::counts)
      .def("quantile", &StreamingStats::quantile, "p"_a, "Quantile p in [0, 1] (discrete grid: inverse CDF, exact).");
}

}  // namespace impactchain::python
