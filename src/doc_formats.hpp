// Private to src/: the two parsers behind doc::parse. Each turns text (already
// checked for size and UTF-8) into a Doc through the shared Builder.
#pragma once

#include <string>

#include "doc.hpp"

namespace impactchain::io::doc {

Doc parse_json(const std::string& text, const Limits& limits);  // doc_json.cpp
Doc parse_yaml(const std::string& text, const Limits& limits);  // doc_yaml.cpp

}  // namespace impactchain::io::doc
