// Small things several test files use: a quiet NaN, a substring check for messages and the
// test data's model files.
// Defined once here so the test files can also be compiled together (the `asan` preset's
// unity build).
#pragma once

#include <limits>
#include <string>

#include "impactchain/io.hpp"

inline const double NaN = std::numeric_limits<double>::quiet_NaN();

// True when `text` contains `part` (error and notice messages).
inline bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A model file of tests/data, loaded by its name.
inline impactchain::Model golden(const char* name) {
  return impactchain::io::load_model(std::string(IMPACTCHAIN_TEST_DATA) + "/" + name);
}
