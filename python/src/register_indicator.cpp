// Indicator and Stakeholder.
#include "bindings.hpp"
#include "register.hpp"

#include "impactchain/indicator.hpp"

namespace impactchain::python {

namespace {

std::optional<ScaleBounds> scale_from(const py::object& o) {
  if (o.is_none()) return std::nullopt;
  if (py::isinstance<py::dict>(o)) {
    auto d = o.cast<py::dict>();
    return ScaleBounds{d["min"].cast<double>(), d["max"].cast<double>()};
  }
  auto t = o.cast<std::pair<double, double>>();
  return ScaleBounds{t.first, t.second};
}

}  // namespace

void register_indicator(py::module_& m) {
  py::class_<Stakeholder> st(m, "Stakeholder", "A group that experiences outcomes or pays for them.");
  st.def(py::init([](std::string id, std::string name, std::string description) {
           Stakeholder s{std::move(id), std::move(name), std::move(description)};
           if (s.name.empty()) s.name = s.id;
           s.validate();
           return s;
         }),
         "id"_a, "name"_a = "", "description"_a = "")
      .def_readonly("id", &Stakeholder::id)
      .def_readonly("name", &Stakeholder::name)
      .def_readonly("description", &Stakeholder::description)
      .def("__repr__", [](const Stakeholder& s) {
        return kwargs_repr("Stakeholder", json_loads(io::dump(s)).cast<py::dict>());
      });
  def_value_semantics<Stakeholder>(st);

  py::class_<Indicator> ind(m, "Indicator", R"doc(
What is measured.

Parameters
----------
id : str
unit : str
    Unit of measurement, e.g. ``'persons'``, ``'EUR'``, ``'points (0-10)'``.
name : str
kind : {'hard', 'soft'}
    Hard: counted or monetised. Soft: wellbeing, social capital, liveability.
direction : {'higher', 'lower'}
    Whether a higher value is better.
scale : (min, max) or {'min': .., 'max': ..}, optional
    Bounds of a rating scale.
stakeholder, source, catalogue : str
    Stakeholder id, data source or method, catalogue code (e.g. IRIS+).
)doc");
  ind.def(py::init([](std::string id, std::string unit, std::string name, const std::string& kind,
                      const std::string& direction, const py::object& scale, std::string stakeholder,
                      std::string source, std::string catalogue) {
            Indicator i;
            i.id = std::move(id);
            i.unit = std::move(unit);
            i.name = name.empty() ? i.id : std::move(name);
            i.kind = from_string<IndicatorKind>(kind);
            i.direction = from_string<Direction>(direction);
            i.scale = scale_from(scale);
            i.stakeholder = std::move(stakeholder);
            i.source = std::move(source);
            i.catalogue = std::move(catalogue);
            i.validate();
            return i;
          }),
          "id"_a, "unit"_a, "name"_a = "", "kind"_a = "hard", "direction"_a = "higher", "scale"_a = py::none(),
          "stakeholder"_a = "", "source"_a = "", "catalogue"_a = "")
      .def_readonly("id", &Indicator::id)
      .def_readonly("name", &Indicator::name)
      .def_readonly("unit", &Indicator::unit)
      .def_property_readonly(
          "iris_metric",
          [](const Indicator& i) -> py::object {
            const IrisReference ref = iris_reference(i.catalogue);
            return ref.metric.empty() ? py::none() : py::object(py::str(ref.metric));
          },
          "The IRIS+ metric id of ``catalogue`` ('IRIS+ PI4060' -> 'PI4060'), or None when it names no IRIS+ metric.")
      .def_property_readonly("kind", [](const Indicator& i) { return to_string(i.kind); })
      .def_property_readonly("direction", [](const Indicator& i) { return to_string(i.direction); })
      .def_property_readonly("scale", [](const Indicator& i) -> py::object {
        if (!i.scale) return py::none();
        return py::make_tuple(i.scale->min, i.scale->max);
      })
      .def_readonly("stakeholder", &Indicator::stakeholder)
      .def_readonly("source", &Indicator::source)
      .def_readonly("catalogue", &Indicator::catalogue)
      .def("__repr__", [](const Indicator& i) {
        return kwargs_repr("Indicator", json_loads(io::dump(i)).cast<py::dict>());
      });
  def_value_semantics<Indicator>(ind);
}

}  // namespace impactchain::python
