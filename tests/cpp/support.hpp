// Small things several test files use: a quiet NaN and a substring check for messages.
// Defined once here so the test files can also be compiled together (the `asan` preset's
// unity build).
#pragma once

#include <limits>
#include <string>

inline const double NaN = std::numeric_limits<double>::quiet_NaN();

// True when `text` contains `part` (error and notice messages).
inline bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
