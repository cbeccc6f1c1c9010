// _core.notice_codes: the table of every code the core writes in a warning or
// an assumption, with its English template (impactchain/notice.hpp).
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
}

}  // namespace impactchain::python
