// Model files (YAML and JSON): the public entry points of io.hpp.
#include <algorithm>
#include <cctype>
#include <tuple>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "doc.hpp"
#include "impactchain/io.hpp"
#include "model_json.hpp"

namespace impactchain::io {

using namespace detail;  // Ref, Reader, read_*, to_json, parameter_to_json

namespace {

// Reads a parsed document with `read`; every issue found after parsing gets
// the line and column of its path in the file when `positions` is set.
// Plausibility warnings go to *warnings (with positions) when it is given.
template <class T, class F>
T read_doc(const doc::Doc& d, F read, bool positions, std::vector<Notice>* warnings = nullptr) {
  Reader r;
  T value = read(r, Ref(&d, d.root));
  if (!r.issues.empty()) {
    if (positions)
      for (auto& issue : r.issues.mutable_issues()) {
        const doc::Pos p = d.position_of(issue.path);
        issue.line = p.line;
        issue.column = p.column;
      }
    r.issues.throw_if_any();
  }
  if (warnings) {
    // In file order, whatever order the sections are read in.
    std::vector<std::pair<doc::Pos, const Reader::Warning*>> at;
    for (const auto& w : r.warnings) at.emplace_back(d.position_of(w.path), &w);
    std::stable_sort(at.begin(), at.end(), [](const auto& a, const auto& b) {
      return std::tie(a.first.line, a.first.column) < std::tie(b.first.line, b.first.column);
    });
    for (const auto& [pos, w] : at) {
      std::vector<NoticeParam> params{text_param("path", w->path), int_param("line", pos.line),
                                      int_param("column", pos.column)};
      params.insert(params.end(), w->params.begin(), w->params.end());
      warnings->push_back(Notice(w->code, std::move(params)));
    }
  }
  return value;
}

// Text made by dump()/the bindings (to_dict, pickles): JSON, no positions, since
// the text is not a file the user wrote.
template <class T, class F>
T parse_with(const std::string& text, F read) {
  return read_doc<T>(doc::parse(text, Format::json, Limits{}), read, false);
}

std::string extension(const std::string& path) {
  const auto slash = path.find_last_of("/\\");
  const auto dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return {};
  std::string ext = path.substr(dot + 1);
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

}  // namespace

Format format_of(const std::string& path, const std::string& text) {
  const std::string ext = extension(path);
  if (ext == "json") return Format::json;
  if (ext == "yaml" || ext == "yml") return Format::yaml;
  const auto first = text.find_first_not_of(" \t\r\n");
  return first != std::string::npos && text[first] == '{' ? Format::json : Format::yaml;
}

Model parse_model(const std::string& json_text) {
  try {
    return parse_model(json_text, Format::json);
  } catch (const ValidationError& e) {
    // Text that does not open as JSON does (a YAML file read by the tool itself): say which reader ran.
    std::size_t first = json_text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    first = json_text.find_first_not_of(" \t\r\n", first);
    if (first == std::string::npos || json_text[first] == '{' || json_text[first] == '[' || e.issues().empty()) throw;
    std::vector<Issue> issues = e.issues();
    issues.front().message +=
        " (parse_model(text) reads JSON; for YAML give the format: parse_model(text, Format::yaml), or "
        "format_of(path, text))";
    throw ValidationError(std::move(issues));
  }
}

Model parse_model(const std::string& text, Format format, const Limits& limits) {
  return parse_model(text, format, limits, std::string());
}

Model parse_model(const std::string& text, Format format, const Limits& limits, const std::string& base_dir) {
  const doc::Doc d = doc::parse(text, format, limits);
  std::vector<Notice> warnings;
  Model m = read_doc<Model>(
      d,
      [&](Reader& r, Ref j) {
        r.base_dir = base_dir;
        return read_model(r, j);
      },
      true, &warnings);
  m.read_warnings = std::move(warnings);
  return m;
}

Model load_model(const std::string& path, const Limits& limits) {
  return load_model(path, std::nullopt, limits);
}

Model load_model(const std::string& path, std::optional<Format> format, const Limits& limits) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) throw std::invalid_argument("cannot read model file '" + path + "': no such file");
  if (!std::filesystem::is_regular_file(status))
    throw std::invalid_argument("cannot read model file '" + path + "': not a regular file (a directory, device or pipe)");
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) throw std::invalid_argument("cannot read model file '" + path + "'");
  if (size > limits.max_file_bytes)
    throw ValidationError("", "the file is larger than " + std::to_string(limits.max_file_bytes) +
                                  " bytes (limit max_file_bytes), got " + std::to_string(size));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument("cannot read model file '" + path + "'");
  // Read at most one byte past the limit, in case the file grew meanwhile.
  std::string text(static_cast<std::size_t>(size), '\0');
  in.read(text.data(), static_cast<std::streamsize>(size));
  text.resize(static_cast<std::size_t>(in.gcount()));
  char extra = 0;
  if (in.read(&extra, 1) && in.gcount() == 1)
    throw std::invalid_argument("cannot read model file '" + path + "': it changed while being read");
  const auto abs = std::filesystem::absolute(path, ec);
  Model m = parse_model(text, format ? *format : format_of(path, text), limits,
                        (ec ? std::filesystem::path(path) : abs).parent_path().string());
  m.source_path = ec ? path : abs.lexically_normal().string();
  return m;
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
  return parse_with<Parameter>(t, [](Reader& r, Ref j) { return r.param_value(j, "").value_or(Parameter()); });
}
template <> Stakeholder parse(const std::string& t) {
  return parse_with<Stakeholder>(t, [](Reader& r, Ref j) {
    auto s = read_stakeholder(r, j, "");
    r.issues.append(s.problems());
    return s;
  });
}
template <> Indicator parse(const std::string& t) {
  return parse_with<Indicator>(t, [](Reader& r, Ref j) {
    auto i = read_indicator(r, j, "");
    r.issues.append(i.problems());
    return i;
  });
}
template <> Node parse(const std::string& t) {
  return parse_with<Node>(t, [](Reader& r, Ref j) { return read_node(r, j, ""); });
}
template <> Edge parse(const std::string& t) {
  return parse_with<Edge>(t, [](Reader& r, Ref j) { return read_edge(r, j, ""); });
}
template <> OutcomeChain parse(const std::string& t) {
  return parse_with<OutcomeChain>(t, [](Reader& r, Ref j) { return read_chain(r, j, "").value_or(OutcomeChain()); });
}
template <> Model parse(const std::string& t) {
  return parse_with<Model>(t, [](Reader& r, Ref j) { return read_model(r, j); });
}

}  // namespace impactchain::io
