// The cancellation hook of the bindings: Ctrl-C during a long computation that
// released the GIL. The core asks the hook on the calling thread (the thread
// that released the GIL), so it may take the GIL briefly and let Python run its
// signal handlers; the handler's exception (KeyboardInterrupt for Ctrl-C) is
// raised as it is.
#pragma once

#include <pybind11/pybind11.h>

#include "impactchain/cancel.hpp"

namespace impactchain::python {

inline CancelHook python_cancel_hook() {
  return [] {
    pybind11::gil_scoped_acquire gil;
    if (PyErr_CheckSignals() != 0) throw pybind11::error_already_set();
    return false;
  };
}

}  // namespace impactchain::python
