// Short reprs of bound result and option classes: `<Name key=value ...>` with
// numbers in 6 significant digits, so a repr stays one line whatever it holds.
#pragma once

#include <cstddef>
#include <locale>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace impactchain::python {

inline std::string short_num(double x) {
  std::ostringstream s;
  s.imbue(std::locale::classic());  // a decimal point whatever the program's C++ locale
  s.precision(6);
  s << x;
  return s.str();
}

/// `<Name k1=v1 k2=v2>` from already formatted values.
inline std::string angle_repr(const std::string& name, const std::vector<std::pair<std::string, std::string>>& kv) {
  std::string out = "<" + name;
  for (const auto& [k, v] : kv) out += " " + k + "=" + v;
  return out + ">";
}

inline std::string quoted(const std::string& s) { return "'" + s + "'"; }

}  // namespace impactchain::python
