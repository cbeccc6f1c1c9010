// label_key: Python's " ".join(s.split()).casefold() for UTF-8 text (the table: label_fold_table.cpp).
#include "label_fold.hpp"

#include <algorithm>
#include <vector>

namespace impactchain::detail {

namespace {

/// Python's str.isspace: the white space str.strip removes and str.split splits on.
bool is_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

/// The code point at s[i] and its length in bytes; a byte that does not start valid UTF-8 is
/// returned as itself (above 0x10FFFF, so it folds to nothing and is written back as the byte).
std::pair<char32_t, std::size_t> decode(const std::string& s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  const char32_t raw = 0x110000 + c;
  if (c < 0x80) return {c, 1};
  const std::size_t n = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
  if (n == 0 || i + n > s.size()) return {raw, 1};
  char32_t cp = c & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return {raw, 1};
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  const bool overlong = (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
  if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {raw, 1};
  return {cp, n};
}

void encode(char32_t cp, std::string& out) {
  if (cp > 0x10FFFF) {  // a byte that was not UTF-8: as it was
    out += static_cast<char>(cp - 0x110000);
  } else if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

void fold(char32_t cp, std::string& out) {
  if (cp >= 'A' && cp <= 'Z') return encode(cp + 32, out);
  const FoldWide* wend = kFoldWide + kFoldWideSize;
  const FoldWide* w = std::lower_bound(kFoldWide, wend, cp, [](const FoldWide& f, char32_t c) { return f.from < c; });
  if (w != wend && w->from == cp) {
    for (char32_t to : w->to)
      if (to != 0) encode(to, out);
    return;
  }
  const FoldRun* rend = kFoldRuns + kFoldRunsSize;
  const FoldRun* r = std::upper_bound(kFoldRuns, rend, cp, [](char32_t c, const FoldRun& f) { return c < f.first; });
  if (r != kFoldRuns) {
    --r;  // the last run starting at or below cp
    if (cp <= r->last && (cp - r->first) % static_cast<char32_t>(r->step) == 0)
      return encode(static_cast<char32_t>(static_cast<long>(cp) + r->delta), out);
  }
  encode(cp, out);
}

}  // namespace

std::string label_key(const std::string& label) {
  std::vector<char32_t> cps;
  for (std::size_t i = 0; i < label.size();) {
    const auto [cp, n] = decode(label, i);
    cps.push_back(cp);
    i += n;
  }
  std::size_t first = 0, last = cps.size();
  while (first < last && is_space(cps[first])) ++first;
  while (last > first && is_space(cps[last - 1])) --last;
  std::string out;
  out.reserve(label.size());
  for (std::size_t k = first; k < last; ++k) {
    if (!is_space(cps[k])) {
      fold(cps[k], out);
      continue;
    }
    out += ' ';  // a run of white space inside the label is one space
    while (k + 1 < last && is_space(cps[k + 1])) ++k;
  }
  return out;
}

}  // namespace impactchain::detail
