// _core.notice_codes: the table of every code the core writes in a warning or
// an assumption, with its English template (impactchain/notice.hpp);
// _core.notice_singulars: the templates of counting codes for a count of one.
#include "bindings.hpp"
#include "register.hpp"

#include "impactchain/notice.hpp"

namespace impactchain::python {

void register_notice(py::module_& m) {
  m.def(
      "notice_codes",
      [] {
        py::dict out;
        for (const auto& c : impactchain::notice_codes()) out[py::str(c.code)] = py::str(c.english);
        return out;
      },
      "Every notice code of the core -> its English template ('{name}' fields are the notice's params).");
  m.def(
      "notice_singulars",
      [] {
        py::dict out;
        for (const auto& c : impactchain::notice_codes())
          if (c.english_one) out[py::str(c.code)] = py::str(c.english_one);
        return out;
      },
      "The codes that count things -> their English template for a count of one (the integer param 'count' is 1).");
}

}  // namespace impactchain::python
