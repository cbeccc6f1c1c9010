// ValidationError → impactchain.ValidationError (a ValueError) carrying every issue and their count.
#include "bindings.hpp"
#include "register.hpp"

#include <algorithm>

namespace impactchain::python {

namespace {

/// `count`: how many problems the error stands for, the listed ones and those only counted. Set by
/// the core where it names the first of many (score_scale: "and 190 more …"), or by whoever raises
/// one; else the number of its ``issues`` (1 without them).
py::object count_property() {
  py::cpp_function get([](py::object self) -> py::object {
    py::dict own = self.attr("__dict__");
    if (own.contains("_count")) return own["_count"];
    if (own.contains("issues") && !own["issues"].is_none())
      return py::int_(std::max<std::size_t>(1, py::len(own["issues"])));
    return py::int_(1);
  });
  py::cpp_function set([](py::object self, py::object value) {
    if (!py::isinstance<py::int_>(value) || py::isinstance<py::bool_>(value) || value.cast<long long>() < 1)
      throw py::value_error("ValidationError.count must be a whole number of at least 1, got " +
                            py::repr(value).cast<std::string>());
    py::dict own = self.attr("__dict__");
    own["_count"] = value;
  });
  return py::module_::import("builtins")
      .attr("property")(get, set, py::none(),
                        "How many problems the error stands for: the listed ones (``issues``) and those only "
                        "counted (\"and 190 more …\"); the number of issues (1 without them) unless set.");
}

}  // namespace

void register_errors(py::module_& m) {
  // The type lives as long as the interpreter (held by the module; the extra
  // reference kept here is never released, so the translator can use it).
  static PyObject* type = PyErr_NewExceptionWithDoc(
      "impactchain._core.ValidationError",
      "Invalid input. ``issues`` lists every problem as (path, message) pairs; ``lines`` and ``columns`` "
      "give each one's 1-based position in the text read (None where unknown); ``count`` is how many problems "
      "it stands for, the listed ones and those only counted (\"and 190 more …\").",
      PyExc_ValueError, nullptr);
  py::setattr(type, "count", count_property());
  m.attr("ValidationError") = py::handle(type);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const ValidationError& e) {
      py::list issues, lines, columns;
      const auto known = [](std::size_t v) { return v ? py::object(py::int_(v)) : py::object(py::none()); };
      for (const auto& i : e.issues()) {
        issues.append(py::make_tuple(i.path, i.message));
        lines.append(known(i.line));
        columns.append(known(i.column));
      }
      py::object inst = py::reinterpret_borrow<py::object>(type)(py::str(e.what()));
      inst.attr("issues") = issues;
      inst.attr("lines") = lines;
      inst.attr("columns") = columns;
      inst.attr("count") = py::int_(e.count());
      PyErr_SetObject(type, inst.ptr());
    }
  });
}

}  // namespace impactchain::python
