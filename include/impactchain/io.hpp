// Model files: JSON in and out, validated with every problem reported at once.
//
// The schema is documented in docs/model-file.md and docs/model.schema.json.
// Python reads YAML too and hands the same JSON text to `parse_model`, so both
// languages accept and reject exactly the same files.
#pragma once

#include <string>

#include "impactchain/chain.hpp"
#include "impactchain/indicator.hpp"
#include "impactchain/model.hpp"
#include "impactchain/parameter.hpp"

namespace impactchain::io {

/// Parses and validates a model from JSON text. Throws ValidationError whose
/// issues carry paths such as `chain.nodes[3].rate.triangular`; a syntax
/// error names the line and column.
Model parse_model(const std::string& json_text);

/// Reads and parses a JSON model file; throws std::invalid_argument when it
/// cannot be read.
Model load_model(const std::string& path);

/// The model in model-file form (JSON text), round-tripping through parse_model.
std::string dump_model(const Model& model, int indent = 2);

/// JSON form of one value type, and back (used by bindings for to_dict, pickle).
/// Specialised for Parameter, Stakeholder, Indicator, Node, Edge, OutcomeChain, Model.
template <class T>
std::string dump(const T& value);
template <class T>
T parse(const std::string& json_text);

}  // namespace impactchain::io
