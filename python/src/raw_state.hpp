// Vectors of plain numbers as bytes and back, for the pickled states of the parts a run in parts
// sends between processes (rank uncertainty, PSA).
#pragma once

#include <pybind11/pybind11.h>

#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

namespace impactchain::python {

template <class T>
pybind11::bytes raw(const std::vector<T>& v) {
  return pybind11::bytes(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

/// The vector `raw` wrote; `type` names the state's class in the error for bytes of the wrong size.
template <class T>
std::vector<T> unraw(const pybind11::handle& b, const char* type) {
  const std::string s = b.cast<std::string>();
  if (s.size() % sizeof(T) != 0) throw std::invalid_argument(std::string(type) + ": a damaged state");
  std::vector<T> v(s.size() / sizeof(T));
  if (!v.empty()) std::memcpy(v.data(), s.data(), s.size());
  return v;
}

}  // namespace impactchain::python
