// Building the document tree from parser events, within the limits.
#include "doc_builder.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "impactchain/error.hpp"

namespace impactchain::io::doc {

void fail(Pos pos, const std::string& message) {
  throw ValidationError(std::vector<Issue>{Issue{"", message, pos.line, pos.column}});
}

std::string excerpt(const std::string& text, std::size_t max) {
  std::string out;
  std::size_t i = 0;
  for (; i < text.size() && out.size() < max; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  // Do not cut a multi-byte character in half.
  while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) out += text[i++];
  if (i < text.size()) out += "…";
  return out;
}

std::optional<CommaSplit> decimal_comma_split(const std::string& text, std::size_t first, std::size_t end) {
  auto digit = [&](std::size_t i) { return i < text.size() && text[i] >= '0' && text[i] <= '9'; };
  if (end > text.size() || end < first + 2 || first < 2 || text[first] != '0') return std::nullopt;
  for (std::size_t i = first; i < end; ++i)
    if (!digit(i)) return std::nullopt;
  if (text[first - 1] != ',' || !digit(first - 2)) return std::nullopt;
  std::size_t whole = first - 1;  // back over the digits before the comma, and their sign
  while (whole > 0 && digit(whole - 1)) --whole;
  if (whole > 0 && text[whole - 1] == '-') --whole;
  return CommaSplit{text.substr(whole, first - 1 - whole), text.substr(first, end - first)};
}

namespace {

// Length of the valid UTF-8 sequence at text[i], or 0 when it is not valid
// (overlong forms, surrogates and code points above U+10FFFF are not).
std::size_t utf8_length(const std::string& text, std::size_t i) {
  const auto b = [&](std::size_t k) { return k < text.size() ? static_cast<unsigned char>(text[k]) : 0u; };
  const unsigned c = b(i);
  if (c < 0x80) return 1;
  const auto cont = [&](std::size_t k) { return (b(k) & 0xC0u) == 0x80u; };
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    const unsigned c1 = b(i + 1);
    if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
    if (c == 0xED && c1 >= 0xA0) return 0;  // UTF-16 surrogate
    return cont(i + 1) && cont(i + 2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    const unsigned c1 = b(i + 1);
    if (c == 0xF0 && c1 < 0x90) return 0;
    if (c == 0xF4 && c1 >= 0x90) return 0;
    return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  }
  return 0;
}

bool valid_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_length(s, i);
    if (!n) return false;
    i += n;
  }
  return true;
}

// A file saved as UTF-16 ("Unicode" in Notepad and Excel): it starts with the byte order mark FF FE or FE FF,
// or most of its first characters are ASCII written as two bytes, one of them 0 (LE or BE without the mark).
// Asked only of text that is not UTF-8 without control characters, so it words a refusal, never makes one.
bool utf16(const std::string& text) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  if (text.size() >= 2 && ((b(0) == 0xFF && b(1) == 0xFE) || (b(0) == 0xFE && b(1) == 0xFF))) return true;
  const std::size_t pairs = std::min<std::size_t>(text.size() / 2, 64);
  std::size_t le = 0, be = 0;
  for (std::size_t k = 0; k < pairs; ++k) {
    le += b(2 * k) != 0 && b(2 * k + 1) == 0;
    be += b(2 * k) == 0 && b(2 * k + 1) != 0;
  }
  return pairs > 0 && 2 * std::max(le, be) > pairs;
}

}  // namespace

void check_text(const std::string& text) {
  Cursor cur(text);
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t n = utf8_length(text, i);
    const bool control = n && c < 0x20 && c != '\t' && c != '\n' && c != '\r';
    if ((!n || control) && utf16(text))
      fail(Pos{}, "the file is UTF-16 ('Unicode' in Notepad/Excel): save it as UTF-8");
    if (!n) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "0x%02X", c);
      fail(cur.at(i), std::string("the file is not valid UTF-8 (byte ") + buf + "); save it as UTF-8 text");
    }
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      char buf[8];
      std::snprintf(buf, sizeof buf, "%02X", c);
      fail(cur.at(i), std::string("control character U+00") + buf + " is not allowed in a model file");
    }
    i += n;
  }
}

Pos Cursor::at(std::size_t offset) {
  if (offset < offset_ || offset_ == 0) {  // from the start (going back is not expected)
    offset_ = text_.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;  // a byte order mark is no character
    pos_ = Pos{1, 1};
  }
  for (; offset_ < offset && offset_ < text_.size(); ++offset_) {
    const auto c = static_cast<unsigned char>(text_[offset_]);
    if (c == '\n') {
      ++pos_.line;
      pos_.column = 1;
    } else if ((c & 0xC0) != 0x80) {  // count characters, not bytes
      ++pos_.column;
    }
  }
  return pos_;
}

Builder::Builder(const Limits& limits) : limits_(limits) {}

std::string Builder::path(const std::string& key) const {
  std::string out;
  const auto join = [&](const std::string& k) { out += (out.empty() ? "" : ".") + k; };
  for (const Frame& f : frames_) {
    const Node& n = doc_.nodes[f.node];
    if (n.kind == Kind::seq) out += "[" + std::to_string(n.items.size()) + "]";
    else if (f.has_key) join(f.key);
    else if (&f == &frames_.back() && !key.empty()) join(key);
  }
  return out;
}

void Builder::fail_at_path(Pos pos, const std::string& message, const std::string& key) const {
  throw ValidationError(std::vector<Issue>{Issue{path(key), message, pos.line, pos.column}});
}

bool Builder::expecting_key() const {
  return !frames_.empty() && doc_.nodes[frames_.back().node].kind == Kind::map && !frames_.back().has_key;
}

void Builder::key(std::string text, Pos pos) {
  if (text.size() > limits_.max_string_bytes)
    fail(pos, "a key is longer than " + std::to_string(limits_.max_string_bytes) + " bytes (limit max_string_bytes)");
  if (!valid_utf8(text)) fail(pos, "a key is not valid Unicode text (an escape gives a lone surrogate)");
  Frame& f = frames_.back();
  Node& map = doc_.nodes[f.node];
  // Duplicate keys: a scan for small mappings, a hash set once they grow.
  constexpr std::size_t kScan = 16;
  if (map.entries.size() < kScan) {
    for (const auto& e : map.entries)
      if (e.key == text)
        fail_at_path(pos, "duplicate key '" + excerpt(text) + "' (first on line " + std::to_string(e.pos.line) + ")", text);
  } else {
    if (f.seen.empty())
      for (const auto& e : map.entries) f.seen.emplace(e.key, e.pos);
    auto [it, fresh] = f.seen.emplace(text, pos);
    if (!fresh)
      fail_at_path(pos, "duplicate key '" + excerpt(text) + "' (first on line " + std::to_string(it->second.line) + ")",
                   text);
  }
  f.has_key = true;
  f.key = std::move(text);
  f.key_pos = pos;
}

void Builder::count(std::uint64_t weight, Pos pos) {
  total_ += weight;
  if (total_ > limits_.max_values)
    fail(pos, "the file expands to more than " + std::to_string(limits_.max_values) +
                  " values (limit max_values; an alias counts as every value it refers to)");
}

NodeId Builder::add(Node n) {
  doc_.nodes.push_back(std::move(n));
  return static_cast<NodeId>(doc_.nodes.size() - 1);
}

void Builder::attach(NodeId id, std::uint64_t weight, Pos pos) {
  if (frames_.empty()) {
    if (has_root_) fail(pos, "more than one value at the top level");
    has_root_ = true;
    doc_.root = id;
    return;
  }
  Frame& f = frames_.back();
  f.weight += weight;
  Node& parent = doc_.nodes[f.node];
  if (parent.kind == Kind::seq) {
    parent.items.push_back(id);
  } else {
    parent.entries.push_back(Entry{std::move(f.key), f.key_pos, id});
    f.has_key = false;
    f.key.clear();
  }
}

// A scalar: counted against the expansion budget, stored, attached to its parent.
NodeId Builder::leaf(Node n, Pos pos) {
  count(n.weight, pos);
  n.pos = pos;
  n.complete = true;
  const std::uint64_t weight = n.weight;
  const NodeId id = add(std::move(n));
  attach(id, weight, pos);
  return id;
}

NodeId Builder::null(Pos pos) { return leaf(Node{}, pos); }

NodeId Builder::boolean(bool v, Pos pos) {
  Node n;
  n.kind = Kind::boolean;
  n.boolean = v;
  return leaf(std::move(n), pos);
}

NodeId Builder::number(double v, Pos pos, std::string_view written) {
  Node n;
  n.kind = Kind::number;
  n.number = v;
  if (looks_like_dotted_thousands(written)) {
    n.dotted_thousands = true;
    n.text = std::string(written);
  }
  return leaf(std::move(n), pos);
}

NodeId Builder::integer(std::int64_t v, Pos pos, bool minus) {
  if (v > limits_.max_integer || v < -limits_.max_integer)
    fail_at_path(pos, "integer " + std::to_string(v) + " is outside ±" + std::to_string(limits_.max_integer) +
                  " (limit max_integer); quote it if it is text");
  Node n;
  n.kind = Kind::number;
  n.integral = true;
  n.integer = v;
  n.number = v == 0 && minus ? -0.0 : static_cast<double>(v);
  return leaf(std::move(n), pos);
}

NodeId Builder::string(std::string v, Pos pos) {
  if (v.size() > limits_.max_string_bytes)
    fail(pos, "a string is longer than " + std::to_string(limits_.max_string_bytes) + " bytes (limit max_string_bytes)");
  if (!valid_utf8(v)) fail(pos, "a string is not valid Unicode text (an escape gives a lone surrogate)");
  Node n;
  n.kind = Kind::string;
  // A long string counts as one value per 16 bytes, so that aliases of one
  // cannot make the reader copy gigabytes.
  n.weight = 1 + v.size() / 16;
  n.text = std::move(v);
  return leaf(std::move(n), pos);
}

NodeId Builder::start(Kind kind, Pos pos) {
  if (frames_.size() + 1 > limits_.max_depth)
    fail(pos, "the file nests mappings and lists deeper than " + std::to_string(limits_.max_depth) +
                  " levels (limit max_depth)");
  count(1, pos);
  Node n;
  n.kind = kind;
  n.pos = pos;
  const NodeId id = add(std::move(n));
  Frame f;
  f.node = id;
  frames_.push_back(std::move(f));
  return id;
}

void Builder::end() {
  Frame f = std::move(frames_.back());
  frames_.pop_back();
  Node& n = doc_.nodes[f.node];
  n.weight = f.weight;
  n.complete = true;
  attach(f.node, f.weight, n.pos);
}

void Builder::alias(NodeId target, Pos pos, const std::string& name) {
  const Node& t = doc_.nodes[target];
  if (!t.complete) fail(pos, "alias *" + excerpt(name) + " refers to a node that contains it");
  if (++aliases_ > limits_.max_aliases)
    fail(pos, "the file has more than " + std::to_string(limits_.max_aliases) + " aliases (limit max_aliases)");
  count(t.weight, pos);
  attach(target, t.weight, pos);
}

Doc Builder::finish() {
  if (!has_root_) {
    Node n;
    n.complete = true;
    doc_.root = add(std::move(n));
  }
  return std::move(doc_);
}

}  // namespace impactchain::io::doc
