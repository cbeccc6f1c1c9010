// numpy in and out for the PSA bindings (register_compare.cpp, register_psa_parts.cpp): the
// draws as a view without a copy, results as owned arrays, the options of a call.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "cancel_hook.hpp"
#include "impactchain/psa_draws.hpp"

namespace impactchain::python {

// C-contiguous float64 arrays pass through without a copy; anything else is converted once.
using Draws = pybind11::array_t<double, pybind11::array::c_style | pybind11::array::forcecast>;

inline pybind11::array_t<double> matrix(const std::vector<double>& v, std::size_t rows, std::size_t cols) {
  pybind11::array_t<double> a({rows, cols});
  std::copy(v.begin(), v.end(), a.mutable_data());
  return a;
}
inline pybind11::array_t<double> vector(const std::vector<double>& v) {
  pybind11::array_t<double> a(v.size());
  std::copy(v.begin(), v.end(), a.mutable_data());
  return a;
}

inline PsaDraws view(const Draws& costs, const Draws& effects, const std::optional<std::vector<std::string>>& strategies) {
  if (costs.ndim() != 2 || effects.ndim() != 2)
    throw ValidationError("psa", "costs and effects must be 2-D arrays (draws × strategies), got " +
                                     std::to_string(costs.ndim()) + "-D and " + std::to_string(effects.ndim()) + "-D");
  if (costs.shape(0) != effects.shape(0))
    throw ValidationError("psa", "mismatched draw counts: costs has " + std::to_string(costs.shape(0)) +
                                     " draws (rows), effects has " + std::to_string(effects.shape(0)));
  if (costs.shape(1) != effects.shape(1))
    throw ValidationError("psa", "mismatched strategy counts: costs has " + std::to_string(costs.shape(1)) +
                                     " strategies (columns), effects has " + std::to_string(effects.shape(1)));
  PsaDraws d{costs.data(), effects.data(), static_cast<std::size_t>(costs.shape(0)),
             static_cast<std::size_t>(costs.shape(1)), strategies.value_or(std::vector<std::string>{})};
  return d;
}

/// PSA options of a binding call: its threads, Ctrl-C checked between blocks.
inline PsaOptions psa_options(unsigned threads) {
  PsaOptions o;
  o.threads = threads;
  o.cancelled = python_cancel_hook();
  return o;
}

}  // namespace impactchain::python
