// impactchain::Notice <-> impactchain._notice.Notice, a str subclass (the English
// text) with .code, .params and .kinds: results keep giving Python lists of str.
#pragma once

#include <pybind11/pybind11.h>

#include <string>

#include "impactchain/notice.hpp"

namespace impactchain::python {

inline const char* kind_name(ParamKind k) {
  switch (k) {
    case ParamKind::integer: return "integer";
    case ParamKind::real: return "real";
    case ParamKind::money: return "money";
    case ParamKind::discount: return "discount";
    case ParamKind::text: break;
  }
  return "text";
}

}  // namespace impactchain::python

namespace pybind11::detail {

template <>
struct type_caster<impactchain::Notice> {
  PYBIND11_TYPE_CASTER(impactchain::Notice, const_name("impactchain._notice.Notice"));

  /// Notices only go out to Python (results); no function takes one.
  bool load(handle, bool) { return false; }

  static handle cast(const impactchain::Notice& n, return_value_policy, handle) {
    dict params, kinds;
    for (const auto& p : n.params) {
      const auto key = pybind11::str(p.name);
      if (const auto* s = std::get_if<std::string>(&p.value)) params[key] = pybind11::str(*s);
      else if (const auto* i = std::get_if<long long>(&p.value)) params[key] = pybind11::int_(*i);
      else params[key] = pybind11::float_(std::get<double>(p.value));
      kinds[key] = pybind11::str(impactchain::python::kind_name(p.kind));
    }
    const auto cls = module_::import("impactchain._notice").attr("Notice");
    return cls(n.text, n.code, params, kinds).release();
  }
};

}  // namespace pybind11::detail
