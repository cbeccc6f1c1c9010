// Private to src/: reading and writing the model-file sections (JSON).
#pragma once

#include <optional>
#include <string>

#include "impactchain/model.hpp"
#include "json_reader.hpp"

namespace impactchain::io::detail {

// Reading (model_read.cpp): every problem goes to the Reader's issue list.
Stakeholder read_stakeholder(Reader& r, const json& j, const std::string& path);
Indicator read_indicator(Reader& r, const json& j, const std::string& path);
Node read_node(Reader& r, const json& j, const std::string& path);
Edge read_edge(Reader& r, const json& j, const std::string& path);
std::optional<OutcomeChain> read_chain(Reader& r, const json& j, const std::string& path);
Model read_model(Reader& r, const json& j);

// Writing (model_write.cpp): the model-file form, keys in file order.
json to_json(const Stakeholder& s);
json to_json(const Indicator& i);
json to_json(const Node& n);
json to_json(const Edge& e);
json to_json(const OutcomeChain& c);
json to_json(const Model& m);

}  // namespace impactchain::io::detail
