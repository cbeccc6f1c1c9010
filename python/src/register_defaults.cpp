// _core.defaults: the core's defaults (impactchain/defaults.hpp) as read-only
// module attributes, so that impactchain.DEFAULTS reads the same values.
#include "bindings.hpp"
#include "register.hpp"

#include "impactchain/defaults.hpp"
#include "impactchain/limits.hpp"

namespace impactchain::python {

void register_defaults(py::module_& m) {
  auto d = m.def_submodule("defaults", "The core's defaults (impactchain/defaults.hpp): seed, draws, threads, level, stream_version.");
  d.attr("seed") = defaults::seed;
  d.attr("draws") = defaults::draws;
  d.attr("threads") = defaults::threads;
  d.attr("level") = defaults::level;
  d.attr("stream_version") = defaults::stream_version;
  m.attr("newest_stream_version") = newest_stream_version;  // stream_version is 1 to this
}

}  // namespace impactchain::python
