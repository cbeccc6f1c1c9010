// The compiled module impactchain._core: creates nothing but registers each concept.
#include "bindings.hpp"
#include "register.hpp"
#include "impactchain/version.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "impactchain C++ core (use the impactchain package, which re-exports this).";
  m.attr("__version__") = impactchain::version;
  namespace icp = impactchain::python;
  icp::register_errors(m);
  icp::register_notice(m);
  icp::register_defaults(m);
  icp::register_parameter(m);
  icp::register_indicator(m);
  icp::register_chain(m);
  icp::register_model(m);
  icp::register_value(m);
  icp::register_sustainability(m);
  icp::register_streaming(m);
  icp::register_outliers(m);
  icp::register_composite(m);
  icp::register_scale(m);
  icp::register_reliability(m);
  icp::register_change(m);
  icp::register_omega(m);  // after register_change: bootstrap_omega returns its BootstrapResult
  icp::register_omega_hierarchical(m);
  icp::register_simulate_options(m);
  icp::register_simulation(m);
  icp::register_rank_uncertainty(m);
  icp::register_rank_uncertainty_parts(m);
  icp::register_evppi(m);
  icp::register_compare(m);
  icp::register_psa_parts(m);
}
