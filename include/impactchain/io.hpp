// Model files: YAML or JSON in, JSON out, validated with every problem
// reported at once.
//
// The schema is documented in docs/model-file.md and docs/model.schema.json.
// Both formats are read by one bounded parser (limits in limits.hpp) into the
// same checks, and Python calls these same functions, so C++ and Python accept
// and reject exactly the same files with the same messages.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "impactchain/chain.hpp"
#include "impactchain/detail/enum_names.hpp"
#include "impactchain/indicator.hpp"
#include "impactchain/limits.hpp"
#include "impactchain/model.hpp"
#include "impactchain/notice.hpp"
#include "impactchain/parameter.hpp"

namespace impactchain::io {

enum class Format { json, yaml };

}  // namespace impactchain::io

namespace impactchain {
template <>
struct EnumSpellings<io::Format> {
  static constexpr const char* field = "format";
  static constexpr std::pair<io::Format, const char*> names[] = {{io::Format::json, "json"}, {io::Format::yaml, "yaml"}};
};
}  // namespace impactchain

namespace impactchain::io {

inline const char* to_string(Format v) { return impactchain::detail::spelling(v); }

/// The format of a model file: from the extension (.json, .yaml, .yml), else
/// JSON when the text starts with '{' and YAML otherwise.
Format format_of(const std::string& path, const std::string& text);

/// Parses and validates a model from JSON text (same as parse_model(text, Format::json)); text
/// that does not start as JSON does ('{') is refused with a hint to give the format.
Model parse_model(const std::string& json_text);

/// Parses and validates a model from YAML or JSON text. Throws ValidationError
/// whose issues carry paths such as `chain.nodes[3].rate.triangular` and the
/// line and column in the text; a syntax error or a limit reached is one issue
/// with its line and column.
Model parse_model(const std::string& text, Format format, const Limits& limits = {});
/// As above; a price-index file (`price_index: {file: …}`) is read from `base_dir` (the folder
/// the text's model file is in; empty: the working directory). The overload without it reads from
/// the working directory; load_model reads from the model file's folder.
Model parse_model(const std::string& text, Format format, const Limits& limits, const std::string& base_dir);

/// Reads and parses a model file, the format given or taken from the
/// extension. Refuses what is not a regular file (a directory, device, pipe)
/// and files over limits.max_file_bytes before reading them. Throws
/// std::invalid_argument when the file cannot be read, ValidationError when
/// its content is refused.
Model load_model(const std::string& path, const Limits& limits = {});
Model load_model(const std::string& path, std::optional<Format> format, const Limits& limits = {});

/// A document that accompanies model files (a portfolio, a file of actuals) as plain
/// JSON text: read by the model files' parser under the same rules and limits (plain
/// data only, JSON's numbers, no duplicate keys, bounded size and depth); whole numbers
/// stay integers. Throws ValidationError with the line and column of the first problem.
std::string plain_json(const std::string& text, Format format, const Limits& limits = {});

/// plain_json's text with a notice for every number written like 150.000 (code
/// model.dotted_thousands: path, line, column, written, read, plain), in file order: read as a
/// decimal point as JSON and YAML read it, perhaps meant as a thousands separator (the Dutch
/// way of writing 150 thousand). A model file says this of its amounts; a document beside the
/// model files (a file of actuals) says it of every such number.
struct PlainDocument {
  std::string json;
  std::vector<Notice> warnings;
};
PlainDocument plain_document(const std::string& text, Format format, const Limits& limits = {});

/// Where each of `fields` is in `text` (a model file, a file of actuals, a portfolio), read by
/// the model files' parser: the 1-based line and column the loader gives a problem at that
/// field (`outcomes[1]`: where the entry begins; `soft_outcomes[0].data`: the key), or, for a
/// field the text does not hold, of the longest part of it that it holds (the entry a missing
/// key belongs in). For a tool that names a place in a file the loader accepted (an unknown id,
/// a data file that is not there). Throws ValidationError as plain_json does.
struct FieldPosition {
  std::size_t line = 0;
  std::size_t column = 0;
};
std::vector<FieldPosition> field_positions(const std::string& text, Format format,
                                           const std::vector<std::string>& fields, const Limits& limits = {});

/// The model in model-file form (JSON text). A model read from a file or text round-trips through
/// parse_model to an equal model; one built in code is written as it is, unchecked: the reader
/// fills what a file may leave out (a node's or outcome's empty name with its id) and refuses what
/// a file may not (no price_year for money), so check such a model with Model::problems first.
std::string dump_model(const Model& model, int indent = 2);

/// JSON form of one value type, and back (used by bindings for to_dict, pickle).
/// Specialised for Parameter, Stakeholder, Indicator, Node, Edge, OutcomeChain, Model.
template <class T>
std::string dump(const T& value);
template <class T>
T parse(const std::string& json_text);

}  // namespace impactchain::io
