// ValidationError → impactchain.ValidationError (a ValueError) carrying every issue.
#include "bindings.hpp"
#include "register.hpp"

namespace impactchain::python {

void register_errors(py::module_& m) {
  // The type lives as long as the interpreter (held by the module; the extra
  // reference kept here is never released, so the translator can use it).
  static PyObject* type = PyErr_NewExceptionWithDoc(
      "impactchain._core.ValidationError",
      "Invalid input. ``issues`` lists every problem as (path, message) pairs; ``lines`` and ``columns`` "
      "give each one's 1-based position in the text read (None where unknown).", PyExc_ValueError, nullptr);
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
      PyErr_SetObject(type, inst.ptr());
    }
  });
}

}  // namespace impactchain::python
