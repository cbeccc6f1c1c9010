// Private to src/: reading the model-file sections from the document tree
// (YAML or JSON) and writing them as JSON.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "impactchain/model.hpp"
#include "model_reader.hpp"

namespace impactchain::io::detail {

using json = nlohmann::ordered_json;

// Reading (model_read.cpp): every problem goes to the Reader's issue list.
Stakeholder read_stakeholder(Reader& r, Ref j, const std::string& path);
Indicator read_indicator(Reader& r, Ref j, const std::string& path);
Node read_node(Reader& r, Ref j, const std::string& path);
Edge read_edge(Reader& r, Ref j, const std::string& path);
std::optional<OutcomeChain> read_chain(Reader& r, Ref j, const std::string& path);
Model read_model(Reader& r, Ref j);
/// One entry of `soft_outcomes:` (model_read_soft.cpp).
SoftOutcome read_soft(Reader& r, Ref j, const std::string& path);
/// Reads the publisher's file of `src` (relative to r.base_dir, inside it) into `index`, and what
/// it says of itself into `src` (file_date, base, provisional); problems go to r at price_index.file.
void read_price_file(Reader& r, PriceIndexSource& src, std::map<int, double>& index);

// Writing (model_write.cpp): the model-file form, keys in file order.
json to_json(const Stakeholder& s);
json to_json(const Indicator& i);
json to_json(const Node& n);
json to_json(const Edge& e);
json to_json(const OutcomeChain& c);
json to_json(const Model& m);
/// JSON form of a Parameter: a number when fixed, else {distribution: args} (parameter_json.cpp).
json parameter_to_json(const Parameter& p);

}  // namespace impactchain::io::detail
