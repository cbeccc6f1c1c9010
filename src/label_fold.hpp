// A label as the survey data reader compares it: an answer label, a code of `missing`. The Python
// reader matches a cell to a label by its `label_key` (Unicode's compatibility forms read as their
// plain letters, every run of white space one space, none around it, case folded); the model checks
// (two answers that are one label, an answer that is also a code of missing) compare by this key,
// the same rule without the compatibility forms (they need Unicode's normalisation tables), so a
// pair the loader accepts differs beyond white space and case; one that differs only by
// compatibility forms (a full-width letter) is refused by the reader, naming both.
#pragma once

#include <cstddef>
#include <string>

namespace impactchain::detail {

/// `label` without white space around it (Python's str.strip: the Unicode white space), each run of
/// white space inside it one space (a no-break space or a tab too: Python's `" ".join(s.split())`),
/// and case folded as Python's str.casefold folds it (Unicode's full case folding: "Één" and
/// "één", "ß" and "ss" are one key). Bytes that are not UTF-8 are kept as they are.
std::string label_key(const std::string& label);

/// Code points `first`, `first + step`, … up to `last` that each fold to one code point, `delta` on.
struct FoldRun {
  char32_t first, last;
  int delta;
  int step;  ///< 1 or 2 (upper and lower case alternating)
};

/// A code point that folds to two or three code points (0 = none).
struct FoldWide {
  char32_t from;
  char32_t to[3];
};

/// Every code point above ASCII that case folding changes (label_fold_table.cpp): the runs, sorted
/// by `first` and not overlapping, and the wide folds, sorted by `from`, looked up first.
extern const FoldRun kFoldRuns[];
extern const std::size_t kFoldRunsSize;
extern const FoldWide kFoldWide[];
extern const std::size_t kFoldWideSize;

}  // namespace impactchain::detail
