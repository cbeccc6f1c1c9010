// io::plain_json, io::plain_document: a document read by the model files' parser (doc.hpp), as
// plain JSON text (and its numbers written like 150.000).
#include "doc.hpp"
#include "impactchain/io.hpp"
#include <nlohmann/json.hpp>

namespace impactchain::io {

namespace {

using json = nlohmann::ordered_json;

/// The node as plain JSON; a notice for each number written like 150.000 when `warnings` is given
/// (`path`: the node's, as the model reader names paths: `a.b[0].c`).
json to_plain(const doc::Doc& d, doc::NodeId id, const std::string& path, std::vector<Notice>* warnings) {
  const doc::Node& n = d.at(id);
  switch (n.kind) {
    case doc::Kind::null: return nullptr;
    case doc::Kind::boolean: return n.boolean;
    case doc::Kind::number:
      if (n.dotted_thousands && warnings) {
        std::string plain;
        for (char c : n.text)
          if (c != '.') plain += c;
        const doc::Pos at = d.position_of(path);  // where a model file's warnings point: the key
        warnings->push_back(Notice("model.dotted_thousands",
                                   {text_param("path", path), int_param("line", at.line),
                                    int_param("column", at.column), text_param("written", n.text),
                                    real_param("read", n.number), text_param("plain", plain)}));
      }
      return n.integral ? json(n.integer) : json(n.number);
    case doc::Kind::string: return n.text;
    case doc::Kind::seq: {
      json out = json::array();
      for (std::size_t i = 0; i < n.items.size(); ++i)
        out.push_back(to_plain(d, n.items[i], path + "[" + std::to_string(i) + "]", warnings));
      return out;
    }
    case doc::Kind::map: {
      json out = json::object();
      for (const auto& e : n.entries) out[e.key] = to_plain(d, e.value, path.empty() ? e.key : path + "." + e.key, warnings);
      return out;
    }
  }
  return nullptr;
}

}  // namespace

std::string plain_json(const std::string& text, Format format, const Limits& limits) {
  const doc::Doc d = doc::parse(text, format, limits);
  return to_plain(d, d.root, "", nullptr).dump();
}

PlainDocument plain_document(const std::string& text, Format format, const Limits& limits) {
  const doc::Doc d = doc::parse(text, format, limits);
  PlainDocument out;
  out.json = to_plain(d, d.root, "", &out.warnings).dump();  // maps in file order: the notices too
  return out;
}

std::vector<FieldPosition> field_positions(const std::string& text, Format format,
                                           const std::vector<std::string>& fields, const Limits& limits) {
  const doc::Doc d = doc::parse(text, format, limits);
  std::vector<FieldPosition> out;
  out.reserve(fields.size());
  for (const auto& f : fields) {
    const doc::Pos p = d.position_of(f);
    out.push_back(FieldPosition{p.line, p.column});
  }
  return out;
}

}  // namespace impactchain::io
