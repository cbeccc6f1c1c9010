// Shared helpers for the binding files: value semantics (==, copy, versioned
// pickle, to_dict, evaluable repr) in one place so every value type behaves alike.
#pragma once

#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>

#include "impactchain/io.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace impactchain::python {

/// Version of the pickled state; bump when the dict layout changes and keep
/// reading the old ones (tests/python keep old pickles).
inline constexpr int pickle_version = 1;

inline py::object json_loads(const std::string& s) { return py::module_::import("json").attr("loads")(s); }
inline std::string json_dumps(const py::handle& o) {
  return py::module_::import("json").attr("dumps")(o).cast<std::string>();
}

/// `Name(key=value, ...)` from a dict, so that eval(repr(x)) == x when the
/// class takes the dict's keys as keyword arguments.
inline std::string kwargs_repr(const std::string& name, const py::dict& d) {
  std::string out = name + "(";
  bool first = true;
  for (auto item : d) {
    if (!first) out += ", ";
    first = false;
    out += py::str(item.first).cast<std::string>() + "=" + py::repr(item.second).cast<std::string>();
  }
  return out + ")";
}

/// Adds ==, __copy__, __deepcopy__, to_dict, from_dict and a versioned pickle
/// to a bound value type whose JSON form is given by io::dump / io::parse.
template <class T, class Cls>
void def_value_semantics(Cls& cls) {
  cls.def("__eq__", [](const T& a, const py::object& b) -> py::object {
    if (!py::isinstance<T>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
    return py::bool_(a == b.cast<const T&>());
  }, py::is_operator());
  cls.def("__copy__", [](const T& self) { return T(self); });
  cls.def("__deepcopy__", [](const T& self, const py::dict&) { return T(self); }, "memo"_a);
  cls.def("to_dict", [](const T& self) { return json_loads(io::dump(self)); },
          "The object as plain dicts, lists and numbers (the model-file form).");
  cls.def_static("from_dict", [](const py::object& d) { return io::parse<T>(json_dumps(d)); }, "data"_a,
                 "Builds the object from its model-file form, validating it.");
  cls.def(py::pickle(
      [](const T& self) { return py::make_tuple(pickle_version, json_loads(io::dump(self))); },
      [](const py::tuple& state) {
        if (state.size() != 2) throw std::invalid_argument("pickle: expected (version, data), got a tuple of " + std::to_string(state.size()));
        const int v = state[0].cast<int>();
        if (v < 1 || v > pickle_version)
          throw std::invalid_argument("pickle: state version " + std::to_string(v) + " is newer than this impactchain reads (" + std::to_string(pickle_version) + ")");
        return io::parse<T>(json_dumps(state[1]));
      }));
}

}  // namespace impactchain::python
