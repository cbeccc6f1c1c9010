// io::plain_json: a document read by the model files' parser (doc.hpp), as plain JSON text.
#include "doc.hpp"
#include "impactchain/io.hpp"
#include <nlohmann/json.hpp>

namespace impactchain::io {

namespace {

using json = nlohmann::ordered_json;

json to_plain(const doc::Doc& d, doc::NodeId id) {
  const doc::Node& n = d.at(id);
  switch (n.kind) {
    case doc::Kind::null: return nullptr;
    case doc::Kind::boolean: return n.boolean;
    case doc::Kind::number: return n.integral ? json(n.integer) : json(n.number);
    case doc::Kind::string: return n.text;
    case doc::Kind::seq: {
      json out = json::array();
      for (doc::NodeId item : n.items) out.push_back(to_plain(d, item));
      return out;
    }
    case doc::Kind::map: {
      json out = json::object();
      for (const auto& e : n.entries) out[e.key] = to_plain(d, e.value);
      return out;
    }
  }
  return nullptr;
}

}  // namespace

std::string plain_json(const std::string& text, Format format, const Limits& limits) {
  const doc::Doc d = doc::parse(text, format, limits);
  return to_plain(d, d.root).dump();
}

}  // namespace impactchain::io
