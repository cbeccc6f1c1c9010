// Private to src/: the quote scanning behind doc_yaml.cpp's hints for YAML
// mistakes. yaml-cpp reads a quoted text that is never closed as running on to
// the end of the file, and words a syntax error without its likely cause; these
// functions read the text itself to name the cause (a missing closing quote, a
// tab in the indentation, a no-break space after ':').
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "doc.hpp"

namespace impactchain::io::doc {

/// Where the quoted scalar whose opening quote is text[open] closes: the offset of its closing
/// quote, or npos when it runs on to the end of the text (yaml-cpp reads that as the scalar's
/// text, so a forgotten closing quote would swallow the rest of the file without a word).
std::size_t closing_quote(std::string_view text, std::size_t open);

/// The offset of the first character of the node at `at`, past its anchor and tag (&a !!str "…").
std::size_t past_properties(std::string_view text, std::size_t at);

/// "a quoted text ("Illustrative figures, not real…) is never closed: its closing " is missing".
std::string never_closed(std::string_view text, std::size_t open);

/// What yaml-cpp's words ("illegal map value") leave unsaid, when the line of a syntax error at
/// text[at] (or else the line before) shows it: a tab in the indentation, a no-break space after a ':'
/// (which makes `key:\u00A0value` one plain text, so the error comes a line later). Empty otherwise.
std::string syntax_hint(std::string_view text, std::size_t at);

/// Refuses the text for a quoted text never closed, if it has one: a second reading, after the
/// first stopped at an error (a rule of the reader, or yaml-cpp's syntax) before its checks met
/// that text, since a quote that swallowed the rest of the file is then the cause to name.
void refuse_unclosed_quote(const std::string& text, const Limits& limits);

}  // namespace impactchain::io::doc
