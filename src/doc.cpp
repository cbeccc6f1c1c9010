// The document tree: key look-up, issue path → position, and the entry point
// that checks what both formats share before their parsers run.
#include "doc.hpp"

#include "doc_builder.hpp"
#include "doc_formats.hpp"

namespace impactchain::io::doc {

const Entry* Doc::find(NodeId map, std::string_view key) const {
  const Node& n = nodes[map];
  if (n.kind != Kind::map) return nullptr;
  constexpr std::size_t kScan = 32;
  if (n.entries.size() <= kScan) {
    for (const auto& e : n.entries)
      if (e.key == key) return &e;
    return nullptr;
  }
  auto& idx = index_[map];
  if (idx.empty())
    for (std::size_t i = 0; i < n.entries.size(); ++i) idx.emplace(n.entries[i].key, i);
  auto it = idx.find(key);
  return it == idx.end() ? nullptr : &n.entries[it->second];
}

bool looks_like_dotted_thousands(std::string_view s) {
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) s.remove_prefix(1);
  const auto dot = s.find('.');
  if (dot == std::string_view::npos || dot < 1 || dot > 3 || s.size() != dot + 4 || s.front() == '0') return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (i != dot && (s[i] < '0' || s[i] > '9')) return false;
  return true;
}

Pos Doc::position_of(const std::string& path) const {
  NodeId cur = root;
  Pos best = nodes[root].pos;
  std::size_t i = 0;
  while (i < path.size()) {
    const Node& n = nodes[cur];
    if (path[i] == '[') {
      const std::size_t close = path.find(']', i);
      if (close == std::string::npos || n.kind != Kind::seq) break;
      std::size_t k = 0;
      bool digits = close > i + 1;
      for (std::size_t j = i + 1; j < close; ++j) {
        if (path[j] < '0' || path[j] > '9' || k > n.items.size()) {
          digits = false;
          break;
        }
        k = k * 10 + static_cast<std::size_t>(path[j] - '0');
      }
      if (!digits || k >= n.items.size()) break;
      cur = n.items[k];
      best = nodes[cur].pos;
      i = close + 1;
      continue;
    }
    if (path[i] == '.') ++i;
    if (n.kind != Kind::map) break;
    // The key runs to the next '.' or '['; keys that contain those characters
    // are tried whole first.
    const Entry* hit = nullptr;
    std::size_t end = path.size();
    for (;;) {
      hit = find(cur, std::string_view(path).substr(i, end - i));
      if (hit || end == i) break;
      const std::size_t cut = path.find_last_of(".[", end - 1);
      if (cut == std::string::npos || cut < i) break;
      end = cut;
    }
    if (!hit) break;
    best = hit->pos;
    cur = hit->value;
    i = end;
  }
  return best;
}

Doc parse(const std::string& text, Format format, const Limits& limits) {
  if (text.size() > limits.max_file_bytes)
    fail(Pos{}, "the file is larger than " + std::to_string(limits.max_file_bytes) + " bytes (limit max_file_bytes), got " +
                    std::to_string(text.size()));
  check_text(text);
  Doc d = format == Format::json ? parse_json(text, limits) : parse_yaml(text, limits);
  if (d.nodes[d.root].kind == Kind::null) fail(Pos{}, "the file is empty");
  return d;
}

}  // namespace impactchain::io::doc
