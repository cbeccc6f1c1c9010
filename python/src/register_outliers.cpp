// Outlier treatment of composite indicators (COINr's default): the options, the
// treatment table rows and the winsorised points as read-only classes, and the
// treatment of a units x indicators array.
#include "bindings.hpp"
#include "register.hpp"
#include "impactchain/outliers.hpp"

namespace impactchain::python {

void register_outliers(py::module_& m) {
  py::class_<OutlierOptions>(m, "OutlierOptions", "Thresholds and point limit of COINr's outlier treatment.")
      .def(py::init([](double skew_threshold, double kurtosis_threshold, int max_points) {
             OutlierOptions o{skew_threshold, kurtosis_threshold, max_points};
             check_outlier_options(o);
             return o;
           }),
           py::kw_only(), "skew_threshold"_a = 2.0, "kurtosis_threshold"_a = 3.5, "max_points"_a = 5,
           "An indicator fails when |skewness| >= skew_threshold and kurtosis >= kurtosis_threshold;\n"
           "winsorising stops once max_points points are winsorised.")
      .def_readonly("skew_threshold", &OutlierOptions::skew_threshold)
      .def_readonly("kurtosis_threshold", &OutlierOptions::kurtosis_threshold)
      .def_readonly("max_points", &OutlierOptions::max_points);

  py::class_<WinsorisedPoint>(m, "WinsorisedPoint", "One winsorised cell: unit row, value before and after, side.")
      .def_readonly("unit", &WinsorisedPoint::unit)
      .def_readonly("value", &WinsorisedPoint::value)
      .def_readonly("winsorised_to", &WinsorisedPoint::winsorised_to)
      .def_readonly("high", &WinsorisedPoint::high);

  py::class_<IndicatorOutliers>(m, "IndicatorOutliers", "The outlier treatment of one indicator (one row of the table).")
      .def_readonly("indicator", &IndicatorOutliers::indicator)
      .def_property_readonly("decision", [](const IndicatorOutliers& r) { return std::string(to_string(r.decision)); },
                             "'pass', 'winsorised', 'log' or 'undefined'.")
      .def_readonly("skew_before", &IndicatorOutliers::skew_before)
      .def_readonly("kurtosis_before", &IndicatorOutliers::kurtosis_before)
      .def_readonly("points_tried", &IndicatorOutliers::points_tried)
      .def_readonly("skew_winsorised", &IndicatorOutliers::skew_winsorised)
      .def_readonly("kurtosis_winsorised", &IndicatorOutliers::kurtosis_winsorised)
      .def_readonly("points", &IndicatorOutliers::points)
      .def_readonly("log_transform", &IndicatorOutliers::log_transform)
      .def_readonly("skew_after", &IndicatorOutliers::skew_after)
      .def_readonly("kurtosis_after", &IndicatorOutliers::kurtosis_after)
      .def_readonly("passes_after", &IndicatorOutliers::passes_after);

  m.def("treat_outliers_coinr",
        [](const Eigen::MatrixXd& x, const std::vector<std::string>& indicators, const OutlierOptions& options) {
          OutlierTreatmentResult r = treat_outliers_coinr(x, indicators, options);
          return py::make_tuple(std::move(r.treated), std::move(r.indicators));
        },
        "x"_a, "indicators"_a, "options"_a = OutlierOptions{},
        "COINr's default outlier treatment of each column of a units x indicators array (NaN ignored):\n"
        "(treated array, list of IndicatorOutliers).");
}

}  // namespace impactchain::python
