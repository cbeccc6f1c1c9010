// "Did you mean …?" for misspelt keys and ids (Levenshtein distance).
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "impactchain/detail/check.hpp"

namespace impactchain::detail {

/// Edit distance (Wagner–Fischer, two rows).
inline std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

/// The candidate nearest to `word` when it is close enough to be a likely
/// typo (distance at most a third of the length, at least 1); else the one candidate
/// that is `word` and more after an underscore (`volunteer` for `volunteer_time`: a name
/// cut short), when exactly one is; else "".
inline std::string nearest(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_d = std::max<std::size_t>(1, (word.size() + 2) / 3) + 1;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_d) best_d = d, best = c;
  }
  if (!best.empty() || word.size() < 3) return best;
  const std::string head = word + "_";
  for (const auto& c : candidates)
    if (c.compare(0, head.size(), head) == 0) {
      if (!best.empty()) return "";  // several: a guess, not a name cut short
      best = c;
    }
  return best;
}

/// " (did you mean 'x'?)" or "".
inline std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
  const std::string n = nearest(word, candidates);
  return n.empty() ? std::string() : " (did you mean " + quote(n) + "?)";
}

/// " (did you mean 'x'?)" for a name close to exactly one of `names` (detail::nearest's rule);
/// "" when none is, or when several are as close (q6 among q1 … q5: a guess, not a typo).
inline std::string did_you_mean_one(const std::string& word, const std::vector<std::string>& names) {
  const std::string near = nearest(word, names);
  if (near.empty()) return "";
  const std::size_t d = edit_distance(word, near);
  for (const auto& n : names)
    if (n != near && edit_distance(word, n) == d) return "";
  return " (did you mean " + quote(near) + "?)";
}
}  // namespace impactchain::detail
