// OutcomeChain, Node, Edge, Level.
#include "bindings.hpp"
#include "register.hpp"

#include "impactchain/chain.hpp"

namespace impactchain::python {

namespace {

Level level_from(const py::object& o) {
  if (py::isinstance<Level>(o)) return o.cast<Level>();
  return from_string<Level>(o.cast<std::string>());
}

std::optional<Parameter> opt_param(const py::object& o) {
  if (o.is_none()) return std::nullopt;
  return o.cast<Parameter>();
}

py::object param_or_none(const std::optional<Parameter>& p) { return p ? py::cast(*p) : py::none(); }

}  // namespace

void register_chain(py::module_& m) {
  py::enum_<Level>(m, "Level", "Levels of a results chain, in order.")
      .value("input", Level::input)
      .value("activity", Level::activity)
      .value("output", Level::output)
      .value("outcome", Level::outcome)
      .value("impact", Level::impact);

  py::class_<Node> node(m, "Node", "A step of the outcome chain (input, activity, output, outcome or impact).");
  node.def(py::init([](std::string id, const py::object& level, std::string name, const py::object& quantity,
                       std::string unit, std::string indicator) {
             Node n;
             n.id = std::move(id);
             n.level = level_from(level);
             n.name = name.empty() ? n.id : std::move(name);
             n.quantity = opt_param(quantity);
             n.unit = std::move(unit);
             n.indicator = std::move(indicator);
             if (n.id.empty()) throw ValidationError("id", "node id must not be empty");
             if (auto why = quantity_problem(n); !why.empty()) throw ValidationError("quantity", why);
             return n;
           }),
           "id"_a, "level"_a, "name"_a = "", "quantity"_a = py::none(), "unit"_a = "", "indicator"_a = "",
           "quantity: a number or Parameter (amount of the node, e.g. 40 participants; >= 0).")
      .def_readonly("id", &Node::id)
      .def_readonly("name", &Node::name)
      .def_property_readonly("level", [](const Node& n) { return to_string(n.level); })
      .def_property_readonly("quantity", [](const Node& n) { return param_or_none(n.quantity); })
      .def_readonly("unit", &Node::unit)
      .def_readonly("indicator", &Node::indicator)
      .def("__repr__", [](const Node& n) {
        py::dict d = json_loads(io::dump(n)).cast<py::dict>();
        if (n.quantity) d["quantity"] = py::cast(*n.quantity);
        return kwargs_repr("Node", d);
      });
  def_value_semantics<Node>(node);

  py::class_<Edge> edge(m, "Edge", "A causal link; with a rate in [0, 1], quantity flows: q(target) += rate * q(source).");
  edge.def(py::init([](std::string source, std::string target, const py::object& rate) {
             Edge e{std::move(source), std::move(target), opt_param(rate)};
             if (auto why = rate_problem(e); !why.empty()) throw ValidationError("rate", why);
             return e;
           }),
           "source"_a, "target"_a, "rate"_a = py::none(),
           "source, target: node ids (the model file calls them `from` and `to`).")
      .def_readonly("source", &Edge::from)
      .def_readonly("target", &Edge::to)
      .def_property_readonly("rate", [](const Edge& e) { return param_or_none(e.rate); })
      .def("__repr__", [](const Edge& e) {
        std::string s = "Edge(" + py::repr(py::str(e.from)).cast<std::string>() + ", " +
                        py::repr(py::str(e.to)).cast<std::string>();
        if (e.rate) s += ", rate=" + py::repr(py::cast(*e.rate)).cast<std::string>();
        return s + ")";
      });
  def_value_semantics<Edge>(edge);

  py::class_<OutcomeChain> chain(m, "OutcomeChain", R"doc(
The theory of change: nodes at levels input -> activity -> output -> outcome ->
impact, validated as a DAG whose edges never go back a level and in which every
outcome is reachable from an activity. Quantities flow along edges with rates.
)doc");
  chain.def(py::init<>())
      .def(py::init<std::vector<Node>, std::vector<Edge>>(), "nodes"_a, "edges"_a = std::vector<Edge>{})
      .def_property_readonly("nodes", &OutcomeChain::nodes)
      .def_property_readonly("edges", &OutcomeChain::edges)
      .def("node", &OutcomeChain::node, "id"_a)
      .def("__contains__", &OutcomeChain::contains, "id"_a)
      .def("__len__", [](const OutcomeChain& c) { return c.nodes().size(); })
      .def("topological_order", &OutcomeChain::topological_order,
           "Node ids in an order where every edge points forward (Kahn; ties by file order).")
      .def("paths", &OutcomeChain::paths, "source"_a, "target"_a, "Every path (list of ids) from source to target.")
      .def("downstream", &OutcomeChain::downstream, "id"_a, "Ids of the nodes reachable from id.")
      .def("quantities", &OutcomeChain::quantities,
           "Central quantity of each node (None where no quantity reaches it).")
      .def("__repr__", [](const OutcomeChain& c) {
        return "OutcomeChain(nodes=" + py::repr(py::cast(c.nodes())).cast<std::string>() +
               ", edges=" + py::repr(py::cast(c.edges())).cast<std::string>() + ")";
      });
  def_value_semantics<OutcomeChain>(chain);
}

}  // namespace impactchain::python
