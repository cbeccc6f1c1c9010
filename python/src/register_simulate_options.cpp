// The options of a simulation as classes: ValueOptions (the valuation choices,
// nested in SimulateOptions as `value`), RankCorrelation and SimulateOptions.
// Every field defaults to the core's default (impactchain/defaults.hpp); enum
// fields take and give their Python spelling ("multiplicative", "p05_p95").
#include "bindings.hpp"
#include "register.hpp"

#include "repr.hpp"
#include "value_options.hpp"
#include "impactchain/simulate.hpp"

namespace impactchain::python {

namespace {

std::string bool_text(bool b) { return b ? "True" : "False"; }

}  // namespace

void register_simulate_options(py::module_& m) {
  py::class_<ValueOptions>(m, "ValueOptions", "Valuation choices (see impactchain.value for their meaning).")
      .def(py::init<>())
      .def_property(
          "adjustments", [](const ValueOptions& o) { return std::string(to_string(o.adjustments)); },
          [](ValueOptions& o, const std::string& s) { o.adjustments = from_string<Adjustments>(s); },
          "'multiplicative' or 'additive'.")
      .def_readwrite("discount_first_year", &ValueOptions::discount_first_year)
      .def_readwrite("discount_investments", &ValueOptions::discount_investments)
      .def_property(
          "drop_off_start", [](const ValueOptions& o) { return std::string(to_string(o.drop_off_start)); },
          [](ValueOptions& o, const std::string& s) { o.drop_off_start = from_string<DropOffStart>(s); },
          "'second_year' or 'after_period'.")
      .def_readwrite("long_duration_years", &ValueOptions::long_duration_years,
                     "Warn when an outcome lasts longer than this (years) with no drop-off.")
      .def_readwrite("switching_values", &ValueOptions::switching_values)
      .def("__eq__", [](const ValueOptions& a, const py::object& b) -> py::object {
        if (!py::isinstance<ValueOptions>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
        return py::bool_(a == b.cast<const ValueOptions&>());
      }, "other"_a, py::is_operator())
      .def("__repr__", [](const ValueOptions& o) {
        return angle_repr("ValueOptions", {{"adjustments", quoted(to_string(o.adjustments))},
                                           {"discount_first_year", bool_text(o.discount_first_year)},
                                           {"discount_investments", bool_text(o.discount_investments)},
                                           {"drop_off_start", quoted(to_string(o.drop_off_start))},
                                           {"long_duration_years", short_num(o.long_duration_years)},
                                           {"switching_values", bool_text(o.switching_values)}});
      });

  py::class_<RankCorrelation>(m, "RankCorrelation",
                              "Spearman rank correlations between named parameters (Gaussian copula, Iman & Conover 1982).")
      .def(py::init([](std::vector<std::string> names, Eigen::MatrixXd matrix) {
             return RankCorrelation{std::move(names), std::move(matrix)};
           }),
           "names"_a, "matrix"_a)
      .def_readonly("names", &RankCorrelation::names)
      .def_readonly("matrix", &RankCorrelation::matrix)
      .def("__repr__", [](const RankCorrelation& c) {
        return angle_repr("RankCorrelation", {{"parameters", std::to_string(c.names.size())}});
      });

  py::class_<SimulateOptions>(m, "SimulateOptions", R"doc(Options of simulate_model; each field starts at the core's default.

draws (>= 1), seed (in [0, 2^63 - 1]), stream_version (2, or 1: the random stream of
impactchain 0.2 and earlier), threads (0 = all hardware threads), level (of each
output's interval lower..upper, in (0, 1)), keep_draws, keep_parameters, correlation (a list
of RankCorrelation; assign a new list), value_targets (P(present_value > target) for each),
tornado_range ('p05_p95', 'p10_p90' or 'support'), sobol_draws (0 = no Sobol indices),
switching_values, ledger (simulate each party's gains, pays and net), ledger_quantiles (False:
the parties' quantiles and intervals are left NaN, quantile_method 'none', at less cost; means,
SDs and P(net > 0) stay), value (the ValueOptions of the valuation).)doc")
      .def(py::init<>())
      .def_readwrite("draws", &SimulateOptions::draws)
      .def_readwrite("seed", &SimulateOptions::seed)
      .def_readwrite("stream_version", &SimulateOptions::stream_version)
      .def_readwrite("threads", &SimulateOptions::threads)
      .def_readwrite("level", &SimulateOptions::level)
      .def_readwrite("keep_draws", &SimulateOptions::keep_draws)
      .def_readwrite("keep_parameters", &SimulateOptions::keep_parameters)
      .def_readwrite("correlation", &SimulateOptions::correlation)
      .def_readwrite("value_targets", &SimulateOptions::value_targets)
      .def_property(
          "tornado_range", [](const SimulateOptions& o) { return std::string(to_string(o.tornado_range)); },
          [](SimulateOptions& o, const std::string& s) { o.tornado_range = from_string<TornadoRange>(s); })
      .def_readwrite("sobol_draws", &SimulateOptions::sobol_draws)
      .def_readwrite("switching_values", &SimulateOptions::switching_values)
      .def_readwrite("ledger", &SimulateOptions::ledger)
      .def_readwrite("ledger_quantiles", &SimulateOptions::ledger_quantiles)
      .def_readwrite("value", &SimulateOptions::value)
      .def("__repr__", [](const SimulateOptions& o) {
        return angle_repr("SimulateOptions", {{"draws", std::to_string(o.draws)}, {"seed", std::to_string(o.seed)},
                                              {"threads", std::to_string(o.threads)}, {"level", short_num(o.level)},
                                              {"tornado_range", quoted(to_string(o.tornado_range))},
                                              {"sobol_draws", std::to_string(o.sobol_draws)}});
      });
}

}  // namespace impactchain::python
