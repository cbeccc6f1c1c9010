// One registration function per concept, each defined in register_<concept>.cpp.
#pragma once

#include <pybind11/pybind11.h>

namespace impactchain::python {
void register_errors(pybind11::module_& m);
void register_parameter(pybind11::module_& m);
void register_indicator(pybind11::module_& m);
void register_chain(pybind11::module_& m);
void register_model(pybind11::module_& m);
void register_value(pybind11::module_& m);
void register_sustainability(pybind11::module_& m);
void register_streaming(pybind11::module_& m);
void register_outliers(pybind11::module_& m);
void register_composite(pybind11::module_& m);
void register_scale(pybind11::module_& m);
void register_reliability(pybind11::module_& m);
void register_omega(pybind11::module_& m);
void register_omega_hierarchical(pybind11::module_& m);
void register_change(pybind11::module_& m);
void register_defaults(pybind11::module_& m);
void register_simulate_options(pybind11::module_& m);
void register_simulation(pybind11::module_& m);
void register_rank_uncertainty(pybind11::module_& m);
void register_rank_uncertainty_parts(pybind11::module_& m);
void register_evppi(pybind11::module_& m);
void register_compare(pybind11::module_& m);
void register_psa_parts(pybind11::module_& m);
void register_notice(pybind11::module_& m);
}  // namespace impactchain::python
