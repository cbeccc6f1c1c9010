// Text a model file gives in several languages: any text field may be a plain
// string or a mapping of language code to text (`name: {nl: Schoonmaak, en: Cleaning}`).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace impactchain {

/// The texts of one field, in the order the file gives them: (language, text).
using LanguageTexts = std::vector<std::pair<std::string, std::string>>;

/// Every text field given in several languages: its path in the model file
/// (as errors name it, e.g. "outcomes[0].name") -> its texts.
using Translations = std::map<std::string, LanguageTexts>;

/// A language code as model files write it: two or three lower-case letters,
/// optionally a region of two upper-case letters ("nl", "fy", "en-GB").
inline bool is_language_code(const std::string& s) {
  auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  std::size_t n = 0;
  while (n < s.size() && lower(s[n])) ++n;
  if (n < 2 || n > 3) return false;
  if (n == s.size()) return true;
  return s.size() == n + 3 && s[n] == '-' && upper(s[n + 1]) && upper(s[n + 2]);
}

/// The text of a field in `lang`: the text given in exactly that language, else
/// one in the same language without or with another region ("nl" for "nl-BE"),
/// else English, else the first given. `texts` must not be empty.
inline const std::string& text_in(const LanguageTexts& texts, const std::string& lang) {
  auto base = [](const std::string& l) { return l.substr(0, l.find('-')); };
  for (const auto& [l, t] : texts)
    if (l == lang) return t;
  for (const auto& [l, t] : texts)
    if (!lang.empty() && base(l) == base(lang)) return t;
  for (const auto& [l, t] : texts)
    if (base(l) == "en") return t;
  return texts.front().second;
}

}  // namespace impactchain
