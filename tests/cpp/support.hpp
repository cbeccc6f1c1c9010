// Small things several test files use: a quiet NaN, a substring check for messages, a notice's
// code among notices and the test data's model files.
// Defined once here so the test files can also be compiled together (the `asan` preset's
// unity build).
#pragma once

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

#include "impactchain/io.hpp"

inline const double NaN = std::numeric_limits<double>::quiet_NaN();

// True when `text` contains `part` (error and notice messages).
inline bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The path of a file under tests/data ("model_basic.json", "model_files/x.json",
// "../../examples/data/x.json").
inline std::string test_data(const std::string& name) { return std::string(IMPACTCHAIN_TEST_DATA) + "/" + name; }

// True when one of the notices `v` has the code `code` ("value.no_investments").
inline bool has_code(const std::vector<impactchain::Notice>& v, const std::string& code) {
  return std::any_of(v.begin(), v.end(), [&](const impactchain::Notice& n) { return n.code == code; });
}

// A model file of tests/data, loaded by its name.
inline impactchain::Model golden(const std::string& name) { return impactchain::io::load_model(test_data(name)); }

// What refusing the YAML model text `text` says (its what()), or "" when it loads.
inline std::string yaml_refusal(const std::string& text) {
  try {
    impactchain::io::parse_model(text, impactchain::io::Format::yaml);
  } catch (const impactchain::ValidationError& e) {
    return e.what();
  }
  return {};
}
