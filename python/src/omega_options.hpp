// OmegaOptions from the keyword arguments the bindings take.
#pragma once

#include <string>

#include "bindings.hpp"
#include "impactchain/omega.hpp"

namespace impactchain::python {

inline OmegaOptions omega_options(const std::string& method, bool standardised, const std::string& total_variance,
                                  const std::string& missing, int max_iterations, double tolerance) {
  OmegaOptions o;
  o.method = from_string<FactorMethod>(method);
  o.standardised = standardised;
  o.total_variance = from_string<OmegaVariance>(total_variance);
  o.missing = from_string<MissingPolicy>(missing);
  o.max_iterations = max_iterations;
  o.tolerance = tolerance;
  return o;
}

}  // namespace impactchain::python
