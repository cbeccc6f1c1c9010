// label_key: a label as the survey reader compares it, Python's " ".join(s.split()).casefold(); the
// cases by hand here, every code point against Python in tests/python/test_label_fold.py.
#include <doctest/doctest.h>

#include <string>

#include "label_fold.hpp"

using impactchain::detail::label_key;

TEST_CASE("label_key: spaces around a label and its case aside") {
  CHECK(label_key("  Nooit\t") == "nooit");
  CHECK(label_key("WEET NIET") == "weet niet");
  CHECK(label_key("n.v.t.") == "n.v.t.");
  CHECK(label_key("") == "");
  CHECK(label_key(" \t ") == "");
}

TEST_CASE("label_key: letters beyond ASCII fold as Unicode folds them") {
  CHECK(label_key("\xC3\x89\xC3\xA9n keer") == "\xC3\xA9\xC3\xA9n keer");  // Één keer: É (U+00C9) -> é (U+00E9)
  CHECK(label_key("\xC3\x89\xC3\x89N KEER") == label_key("\xC3\xA9\xC3\xA9n keer"));
  CHECK(label_key("Stra\xC3\x9F" "e") == "strasse");                            // ß (U+00DF) -> ss
  CHECK(label_key("\xC4\xB0") == "i\xCC\x87");                                // İ (U+0130) -> i + U+0307
  CHECK(label_key("\xCE\xA3") == label_key("\xCF\x82"));                      // Σ and final ς -> σ
  CHECK(label_key("\xD0\x94\xD0\x90") == "\xD0\xB4\xD0\xB0");                 // ДА -> да
  CHECK(label_key("\xC5\xB8") == "\xC3\xBF");                                 // Ÿ (U+0178) -> ÿ (U+00FF)
  CHECK(label_key("\xF0\x90\x90\x80") == "\xF0\x90\x90\xA8");                 // Deseret U+10400 -> U+10428
  CHECK(label_key("\xC4\x80\xC4\x81") == "\xC4\x81\xC4\x81");  // Āā: the capital folds, the small letter between stays
  CHECK(label_key("\xC5\x89") == "\xCA\xBC" "n");                  // ŉ (U+0149) -> ʼn: two code points
}

TEST_CASE("label_key: Unicode white space around a label dropped, a run inside it one space") {
  CHECK(label_key("\xC2\xA0nooit\xC2\xA0") == "nooit");                      // no-break space (U+00A0)
  CHECK(label_key("\xE2\x80\xAFnooit\xE3\x80\x80") == "nooit");              // U+202F, U+3000
  CHECK(label_key("heel\xC2\xA0vaak") == "heel vaak");                         // U+00A0 inside: one space
  CHECK(label_key("Mee \t\xE2\x80\x83 eens") == "mee eens");                  // space, tab, em space (U+2003), space
  CHECK(label_key("a  b   c") == "a b c");
  CHECK(label_key("\xE2\x80\x8Bnooit") == "\xE2\x80\x8Bnooit");              // a zero-width space is no white space
}

TEST_CASE("label_key: bytes that are not UTF-8 are kept") {
  CHECK(label_key("caf\xE9") == "caf\xE9");        // Latin-1 é alone: not UTF-8
  CHECK(label_key("A\xC3") == "a\xC3");            // a sequence cut short
  CHECK(label_key("\xE0\x80\xAF") == "\xE0\x80\xAF");  // an overlong '/'
}
