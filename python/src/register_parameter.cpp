// Parameter: fixed values and distributions of every numeric assumption.
#include "bindings.hpp"
#include "register.hpp"

#include "impactchain/parameter.hpp"

namespace impactchain::python {

namespace {
std::string parameter_repr(const Parameter& p) {
  if (p.is_fixed()) return "Parameter(" + py::repr(py::float_(p.args()[0])).cast<std::string>() + ")";
  py::dict kw;
  if (p.kind() == Distribution::discrete) {
    kw["values"] = p.args();
    kw["weights"] = p.weights();
  } else {
    const auto names = arg_names(p.kind());
    for (std::size_t i = 0; i < names.size(); ++i) {
      const double v = p.args()[i];
      if (p.kind() == Distribution::normal && i >= 2 && std::isinf(v)) continue;
      kw[py::str(names[i] == "lambda" ? "lambda_" : names[i])] = v;
    }
  }
  return kwargs_repr(std::string("Parameter.") + to_string(p.kind()), kw);
}
}  // namespace

void register_parameter(py::module_& m) {
  py::enum_<Distribution>(m, "Distribution", "Kinds of Parameter.")
      .value("fixed", Distribution::fixed)
      .value("uniform", Distribution::uniform)
      .value("triangular", Distribution::triangular)
      .value("pert", Distribution::pert)
      .value("normal", Distribution::normal)
      .value("lognormal", Distribution::lognormal)
      .value("beta", Distribution::beta)
      .value("discrete", Distribution::discrete);

  py::class_<Parameter> cls(m, "Parameter", R"doc(
A numeric assumption: a fixed value or a distribution with a central value.

Deterministic results use ``central`` (the mode for triangular and PERT, the
mean otherwise); the uncertainty engine samples through ``quantile``.
Build with ``Parameter(0.25)`` or the named constructors, e.g.
``Parameter.triangular(low=0.2, mode=0.3, high=0.45)``.
)doc");
  cls.def(py::init<double>(), "value"_a, "A fixed value (finite).")
      .def_static("fixed", &Parameter::fixed, "value"_a)
      .def_static("uniform", &Parameter::uniform, "low"_a, "high"_a, "Uniform on [low, high], low < high.")
      .def_static("triangular", &Parameter::triangular, "low"_a, "mode"_a, "high"_a,
                  "Triangular with low <= mode <= high; central value = mode.")
      .def_static("pert", &Parameter::pert, "low"_a, "mode"_a, "high"_a, "lambda_"_a = 4.0,
                  "PERT (beta) on [low, high] with the given mode; central value = mode.")
      .def_static("normal", &Parameter::normal, "mean"_a, "sd"_a, "lower"_a = -Parameter::inf,
                  "upper"_a = Parameter::inf, "Normal, optionally truncated to [lower, upper].")
      .def_static("lognormal", &Parameter::lognormal, "meanlog"_a, "sdlog"_a, "log(X) ~ Normal(meanlog, sdlog).")
      .def_static("lognormal_from_moments", &Parameter::lognormal_from_moments, "mean"_a, "sd"_a,
                  "Lognormal with the given mean and SD of X.")
      .def_static("beta", &Parameter::beta, "alpha"_a, "beta"_a, "low"_a = 0.0, "high"_a = 1.0,
                  "Beta(alpha, beta) scaled to [low, high].")
      .def_static("discrete", &Parameter::discrete, "values"_a, "weights"_a = std::vector<double>{},
                  "Discrete / empirical values with weights (equal when omitted).")
      .def_property_readonly("kind", &Parameter::kind)
      .def_property_readonly("is_fixed", &Parameter::is_fixed)
      .def_property_readonly("args", &Parameter::args, "Defining numbers (names: see arg_names).")
      .def_property_readonly("arg_names", [](const Parameter& p) { return arg_names(p.kind()); })
      .def_property_readonly("weights", &Parameter::weights)
      .def_property_readonly("central", &Parameter::central, "Value used by deterministic results.")
      .def_property_readonly("mean", &Parameter::mean)
      .def_property_readonly("lower", &Parameter::lower, "Smallest possible value (may be -inf).")
      .def_property_readonly("upper", &Parameter::upper, "Largest possible value (may be inf).")
      .def("quantile", [](const Parameter& p, double u) { return p.quantile(u); }, "u"_a,
           "Inverse CDF at probability u in [0, 1].")
      .def("quantile", [](const Parameter& p, const py::array_t<double, py::array::c_style | py::array::forcecast>& u) {
             py::array_t<double> out(u.request().shape);
             auto in = u.unchecked();
             double* o = out.mutable_data();
             const double* src = u.data();
             for (py::ssize_t i = 0; i < in.size(); ++i) o[i] = p.quantile(src[i]);
             return out;
           }, "u"_a, "Inverse CDF at each probability of an array.")
      .def("check_within", &Parameter::check_within, "low"_a, "high"_a,
           "Empty string when every possible value lies in [low, high], else the reason.")
      .def("__repr__", &parameter_repr);
  def_value_semantics<Parameter>(cls);
  py::implicitly_convertible<double, Parameter>();
  py::implicitly_convertible<int, Parameter>();
}

}  // namespace impactchain::python
