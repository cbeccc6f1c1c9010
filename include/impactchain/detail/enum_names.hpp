// One spelling table per enum, from which its to_string and from_string come:
// the header of each enum specialises EnumSpellings with the enum's values and
// names (the first name of a value is its spelling; later ones are accepted
// aliases) and the option name used in messages.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "impactchain/detail/check.hpp"
#include "impactchain/detail/suggest.hpp"
#include "impactchain/error.hpp"

namespace impactchain {

/// Specialised next to each enum:
///   static constexpr const char* field;                     // option name in messages
///   static constexpr std::pair<E, const char*> names[] = …;  // value, spelling (aliases after)
template <class E>
struct EnumSpellings;

namespace detail {

/// The spelling of e (its first name in the table).
template <class E>
const char* spelling(E e) {
  for (const auto& [v, n] : EnumSpellings<E>::names)
    if (v == e) return n;
  return "?";
}

/// The spellings of every value, without aliases, in table order.
template <class E>
std::vector<std::string> spellings() {
  std::vector<std::string> out;
  for (const auto& [v, n] : EnumSpellings<E>::names)
    if (std::string(spelling(v)) == n) out.emplace_back(n);
  return out;
}

}  // namespace detail

/// The value of E spelt s. Throws ValidationError at `field` (default: the
/// enum's option name) listing the accepted spellings:
///   tornado_range: must be one of 'p05_p95', 'p10_p90', 'support', got 'p5'
template <class E>
E from_string(const std::string& s, const std::string& field = EnumSpellings<E>::field) {
  for (const auto& [v, n] : EnumSpellings<E>::names)
    if (s == n) return v;
  const auto known = detail::spellings<E>();
  const std::string shown = s.size() > 40 ? s.substr(0, 40) + "..." : s;  // input of any length
  throw ValidationError(field, "must be one of " + detail::quoted_list(known) + ", got " + detail::quote(shown) +
                                   detail::did_you_mean(shown, known));
}

}  // namespace impactchain
