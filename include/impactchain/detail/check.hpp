// How errors quote names and values, and the argument checks the core repeats
// (in [0, 1], finite, > 0, non-empty, sizes agree, at most a ceiling). Each
// check adds one Issue in the project's form: the path (an argument such as
// `level`, or a place in a model such as `outcomes[2].deadweight`) and a
// message that names what is checked, what was expected and what was given:
//   outcomes[2].deadweight: outcome 'employed': deadweight must be in [0, 1], got 1.3
//   level: must be in (0, 1), got 95
// `what` is the text before "must": empty for a bare argument (the path names it).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "impactchain/error.hpp"
#include "impactchain/limits.hpp"

namespace impactchain::detail {

/// `s` with its spaces other than the plain one (a no-break space U+00A0, U+202F, U+3000, …) shown as
/// `<U+00A0>`: in a message they look like a plain space, and "unknown node 'completed' (did you mean
/// 'completed '?)" explains nothing. (Zero-width and other format characters are shown that way where
/// messages are printed.)
inline std::string visible_spaces(const std::string& s) {
  if (s.find_first_of("\xC2\xE1\xE2\xE3") == std::string::npos) return s;
  const auto at = [&](std::size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0u; };
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned cp = 0;
    std::size_t n = 0;
    if (at(i) == 0xC2 && at(i + 1) == 0xA0) cp = 0xA0, n = 2;
    else if (at(i) == 0xE1 && at(i + 1) == 0x9A && at(i + 2) == 0x80) cp = 0x1680, n = 3;
    else if (at(i) == 0xE2 && at(i + 1) == 0x80 && (at(i + 2) <= 0x8A || at(i + 2) == 0xAF) && at(i + 2) >= 0x80)
      cp = 0x2000 + (at(i + 2) - 0x80), n = 3;  // U+2000 to U+200A, U+202F
    else if (at(i) == 0xE2 && at(i + 1) == 0x81 && at(i + 2) == 0x9F) cp = 0x205F, n = 3;
    else if (at(i) == 0xE3 && at(i + 1) == 0x80 && at(i + 2) == 0x80) cp = 0x3000, n = 3;
    if (n) {
      static const char hex[] = "0123456789ABCDEF";
      out += "<U+";
      for (int shift = 12; shift >= 0; shift -= 4) out += hex[(cp >> shift) & 0xF];
      out += '>';
      i += n;
    } else {
      out += s[i++];
    }
  }
  return out;
}

/// A name or text value as messages show it: 'employed' (spaces other than the plain one shown as <U+00A0>).
inline std::string quote(const std::string& s) { return "'" + visible_spaces(s) + "'"; }

/// An element as messages name it: "outcome 'employed'", or "outcome without an id" when its
/// name is missing (already refused on its own), never "outcome ''".
inline std::string named(const std::string& kind, const std::string& name, const char* missing = "an id") {
  return name.empty() ? kind + " without " + missing : kind + " " + quote(name);
}

/// Names as messages list them: 'a', 'b', 'c'.
inline std::string quoted_list(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + quote(names[i]);
  return out;
}

/// `list[i]`: the path of one element.
inline std::string element(const std::string& list, std::size_t i) { return list + "[" + std::to_string(i) + "]"; }

/// "what must …" or "must …" when what is empty.
inline std::string must(const std::string& what, const std::string& rest) {
  return (what.empty() ? std::string() : what + " ") + "must " + rest;
}

/// Adds "what must <expected>, got <v>" at path unless ok; returns ok.
inline bool check(IssueList& out, bool ok, const std::string& path, const std::string& what, const std::string& expected,
                  double v) {
  if (!ok) out.add(path, must(what, expected + ", got " + num(v)));
  return ok;
}

/// "be in <interval>, got v" for a v outside `interval` ("[0, 1]" or "(0, 1)"), with the hint
/// for a v from 2 to 100 that it is a percentage (100 only where 1 is in the interval).
inline std::string unit_interval_refusal(const char* interval, double v, bool one_included) {
  std::string why = std::string("be in ") + interval + ", got " + num(v);
  if (v >= 2 && (v < 100 || (one_included && v == 100)))
    why += " (a percentage? " + num(v) + " % is written " + num(v / 100) + ")";
  return why;
}

/// Why v is not a share or probability, after "must": "be in [0, 1], got 1.3"; "" when v is in
/// [0, 1]. A v from 2 to 100 is most likely a percentage, and said so: "be in [0, 1], got 25 (a
/// percentage? 25 % is written 0.25)" (1.3 is a slip, not a percentage). The one wording of a
/// share out of range, for check_unit_interval and for Parameter::check_within(0, 1).
inline std::string outside_unit_interval(double v) {
  if (v >= 0 && v <= 1) return {};
  return unit_interval_refusal("[0, 1]", v, true);
}

/// v in [0, 1] (a share or probability), worded by outside_unit_interval.
inline bool check_unit_interval(IssueList& out, const std::string& path, const std::string& what, double v) {
  const std::string why = outside_unit_interval(v);
  if (!why.empty()) out.add(path, must(what, why));
  return why.empty();
}

/// v in (0, 1) (an interval level, a reliability).
inline bool check_open_unit_interval(IssueList& out, const std::string& path, const std::string& what, double v) {
  const bool ok = v > 0 && v < 1;
  if (!ok) out.add(path, must(what, unit_interval_refusal("(0, 1)", v, false)));  // 95 for 0.95: said so
  return ok;
}

/// v finite.
inline bool check_finite(IssueList& out, const std::string& path, const std::string& what, double v) {
  return check(out, std::isfinite(v), path, what, "be finite", v);
}

/// v > 0 (a concentration, an SD, a threshold).
inline bool check_positive(IssueList& out, const std::string& path, const std::string& what, double v) {
  return check(out, v > 0, path, what, "be > 0", v);
}

/// v finite and ≥ 0: the test of check_non_negative, for loops that name a value only when it fails.
inline bool is_non_negative(double v) { return std::isfinite(v) && v >= 0; }

/// v finite and ≥ 0 (a weight, an amount).
inline bool check_non_negative(IssueList& out, const std::string& path, const std::string& what, double v) {
  return check(out, is_non_negative(v), path, what, "be finite and >= 0", v);
}

/// A name or id that must be given: "what must not be empty".
inline bool check_non_empty(IssueList& out, const std::string& path, const std::string& what, const std::string& s) {
  if (s.empty()) out.add(path, must(what, "not be empty"));
  return !s.empty();
}

/// A count n in [lo, hi]: "what must be in [lo, hi], got n".
inline bool check_count(IssueList& out, const std::string& path, const std::string& what, long long n, long long lo,
                        long long hi) {
  const bool ok = n >= lo && n <= hi;
  if (!ok) out.add(path, must(what, "be in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got " + std::to_string(n)));
  return ok;
}

/// A count n ≤ ceiling: "what must be at most ceiling, got n".
inline bool check_at_most(IssueList& out, const std::string& path, const std::string& what, std::size_t n,
                          std::size_t ceiling) {
  if (n > ceiling) out.add(path, must(what, "be at most " + std::to_string(ceiling) + ", got " + std::to_string(n)));
  return n <= ceiling;
}

/// A count n ≥ floor: "what must be at least floor, got n".
inline bool check_at_least(IssueList& out, const std::string& path, const std::string& what, std::size_t n,
                           std::size_t floor) {
  if (n < floor) out.add(path, must(what, "be at least " + std::to_string(floor) + ", got " + std::to_string(n)));
  return n >= floor;
}

/// A number of draws in [1, ceiling].
inline bool check_draw_count(IssueList& out, const std::string& path, std::size_t draws, std::size_t ceiling) {
  return check_at_least(out, path, "", draws, 1) && check_at_most(out, path, "", draws, ceiling);
}

/// A seed in [0, max_seed].
inline bool check_seed(IssueList& out, const std::string& path, std::uint64_t seed) {
  if (seed > max_seed)
    out.add(path, "must be in [0, 2^63-1] (" + std::to_string(max_seed) + "), got " + std::to_string(seed));
  return seed <= max_seed;
}

/// A random stream version of the Monte Carlo: 1 to newest_stream_version (MonteCarloOptions::stream_version).
inline bool check_stream_version(IssueList& out, const std::string& path, unsigned version) {
  const bool ok = version >= 1 && version <= newest_stream_version;
  if (!ok)
    out.add(path, "must be in [1, " + std::to_string(newest_stream_version) +
                      "] (1: the stream of impactchain 0.2 and earlier), got " + std::to_string(version));
  return ok;
}

/// A thread count in [0, max_threads] (0 = all hardware threads).
inline bool check_threads(IssueList& out, const std::string& path, unsigned threads) {
  if (threads > max_threads)
    out.add(path, "must be in [0, " + std::to_string(max_threads) + "] (0 = all hardware threads), got " +
                      std::to_string(threads));
  return threads <= max_threads;
}

/// Two sizes that must agree: "what: <a_name> has <a>, <b_name> has <b>".
inline bool check_same_size(IssueList& out, const std::string& path, const std::string& a_name, std::size_t a,
                            const std::string& b_name, std::size_t b) {
  if (a != b)
    out.add(path, "sizes must agree: " + a_name + " has " + std::to_string(a) + ", " + b_name + " has " + std::to_string(b));
  return a == b;
}

/// Throws the issues of one check at once (for a check of a single argument).
template <class Check, class... Args>
void require(Check check_fn, Args&&... args) {
  IssueList out;
  check_fn(out, std::forward<Args>(args)...);
  out.throw_if_any();
}

}  // namespace impactchain::detail
