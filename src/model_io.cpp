// Model files (JSON): the public entry points of io.hpp.
#include <fstream>
#include <sstream>

#include "impactchain/io.hpp"
#include "model_json.hpp"

namespace impactchain::io {

using namespace detail;  // json, Reader, read_*, to_json, parameter_to_json

namespace {

json parse_text(const std::string& text) {
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    // Byte offset → line and column for the message.
    std::size_t line = 1, col = 1;
    for (std::size_t i = 0; i + 1 < e.byte && i < text.size(); ++i) {
      if (text[i] == '\n') ++line, col = 1;
      else ++col;
    }
    std::string what = e.what();
    const auto cut = what.find("syntax error");
    throw ValidationError("", "line " + std::to_string(line) + ", column " + std::to_string(col) + ": " +
                                  (cut == std::string::npos ? what : what.substr(cut)));
  } catch (const json::exception& e) {
    // e.g. out_of_range.406: a number such as 1e999 that does not fit a double.
    std::string what = e.what();
    const auto cut = what.find("] ");
    throw ValidationError("", "the file could not be read: " + (cut == std::string::npos ? what : what.substr(cut + 2)));
  }
}

template <class T, class F>
T parse_with(const std::string& text, F read) {
  const json j = parse_text(text);
  Reader r;
  T value = read(r, j);
  r.issues.throw_if_any();
  return value;
}

}  // namespace

Model parse_model(const std::string& json_text) {
  return parse_with<Model>(json_text, [](Reader& r, const json& j) { return read_model(r, j); });
}

Model load_model(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument("cannot read model file '" + path + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_model(ss.str());
}

std::string dump_model(const Model& model, int indent) { return to_json(model).dump(indent); }

template <> std::string dump(const Parameter& v) { return parameter_to_json(v).dump(); }
template <> std::string dump(const Stakeholder& v) { return to_json(v).dump(); }
template <> std::string dump(const Indicator& v) { return to_json(v).dump(); }
template <> std::string dump(const Node& v) { return to_json(v).dump(); }
template <> std::string dump(const Edge& v) { return to_json(v).dump(); }
template <> std::string dump(const OutcomeChain& v) { return to_json(v).dump(); }
template <> std::string dump(const Model& v) { return to_json(v).dump(); }

template <> Parameter parse(const std::string& t) {
  return parse_with<Parameter>(t, [](Reader& r, const json& j) { return r.param_value(j, "").value_or(Parameter()); });
}
template <> Stakeholder parse(const std::string& t) {
  return parse_with<Stakeholder>(t, [](Reader& r, const json& j) {
    auto s = read_stakeholder(r, j, "");
    r.issues.append(s.problems());
    return s;
  });
}
template <> Indicator parse(const std::string& t) {
  return parse_with<Indicator>(t, [](Reader& r, const json& j) {
    auto i = read_indicator(r, j, "");
    r.issues.append(i.problems());
    return i;
  });
}
template <> Node parse(const std::string& t) {
  return parse_with<Node>(t, [](Reader& r, const json& j) { return read_node(r, j, ""); });
}
template <> Edge parse(const std::string& t) {
  return parse_with<Edge>(t, [](Reader& r, const json& j) { return read_edge(r, j, ""); });
}
template <> OutcomeChain parse(const std::string& t) {
  return parse_with<OutcomeChain>(t, [](Reader& r, const json& j) { return read_chain(r, j, "").value_or(OutcomeChain()); });
}
template <> Model parse(const std::string& t) { return parse_model(t); }

}  // namespace impactchain::io
