// Shared helpers for the binding files: value semantics (==, copy, versioned
// pickle, to_dict, evaluable repr) in one place so every value type behaves alike.
#pragma once

#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>

#include "impactchain/io.hpp"
#include "notice_caster.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace impactchain::python {

/// Version of the pickled state; bump when the layout changes and keep
/// reading the old ones (tests/python keep old pickles).
/// 1: (1, model-file dict). 2: (2, model-file dict, how-it-was-read dict or None).
inline constexpr int pickle_version = 2;

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

/// What a value carries besides its model-file form (None for most types):
/// a Model's source path and read warnings, so that copies and pickles keep them.
template <class T>
py::object read_state(const T&) { return py::none(); }
template <class T>
void restore_read_state(T&, const py::handle&) {}

template <>
inline py::object read_state(const Model& m) {
  py::list warnings;  // each (code, [(name, value, kind), …]): the notice is made again on restore
  for (const auto& w : m.read_warnings) {
    py::list params;
    for (const auto& p : w.params) {
      py::object v;
      if (const auto* s = std::get_if<std::string>(&p.value)) v = py::str(*s);
      else if (const auto* i = std::get_if<long long>(&p.value)) v = py::int_(*i);
      else v = py::float_(std::get<double>(p.value));
      params.append(py::make_tuple(p.name, v, static_cast<int>(p.kind)));
    }
    warnings.append(py::make_tuple(w.code, params));
  }
  return py::dict("source_path"_a = m.source_path, "read_warnings"_a = warnings);
}
template <>
inline void restore_read_state(Model& m, const py::handle& state) {
  if (state.is_none()) return;
  const auto d = py::reinterpret_borrow<py::dict>(state);
  m.source_path = d["source_path"].cast<std::string>();
  for (auto w : d["read_warnings"]) {
    const auto t = py::reinterpret_borrow<py::tuple>(w);
    std::vector<NoticeParam> params;
    for (auto p : t[1]) {
      const auto q = py::reinterpret_borrow<py::tuple>(p);
      const auto kind = static_cast<ParamKind>(q[2].cast<int>());
      NoticeParam np{q[0].cast<std::string>(), std::string(), kind};
      if (py::isinstance<py::str>(q[1])) np.value = q[1].cast<std::string>();
      else if (kind == ParamKind::integer) np.value = q[1].cast<long long>();
      else np.value = q[1].cast<double>();
      params.push_back(std::move(np));
    }
    m.read_warnings.push_back(Notice(t[0].cast<std::string>(), std::move(params)));
  }
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
      [](const T& self) { return py::make_tuple(pickle_version, json_loads(io::dump(self)), read_state(self)); },
      [](const py::tuple& state) {
        if (state.size() < 2) throw std::invalid_argument("pickle: expected (version, data, ...), got a tuple of " + std::to_string(state.size()));
        const int v = state[0].cast<int>();
        if (v < 1 || v > pickle_version)
          throw std::invalid_argument("pickle: state version " + std::to_string(v) + " is newer than this impactchain reads (" + std::to_string(pickle_version) + ")");
        if (state.size() != (v == 1 ? 2u : 3u))
          throw std::invalid_argument("pickle: a version " + std::to_string(v) + " state has " + (v == 1 ? "2" : "3") +
                                      " items, got " + std::to_string(state.size()));
        T value = io::parse<T>(json_dumps(state[1]));
        if (v >= 2) restore_read_state(value, state[2]);
        return value;
      }));
}

}  // namespace impactchain::python
