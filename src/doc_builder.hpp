// Private to src/: builds a Doc from parser events (YAML or JSON) and enforces
// the limits and the rules both formats share: nesting depth, the expansion
// budget, string length, duplicate keys, valid UTF-8 in every string.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "doc.hpp"

namespace impactchain::io::doc {

/// Throws ValidationError with one issue at `pos`.
[[noreturn]] void fail(Pos pos, const std::string& message);

/// A short, printable excerpt of user text for messages (never the whole text).
std::string excerpt(const std::string& text, std::size_t max = 40);

/// A number written with a decimal comma that the format splits at the comma:
/// the digits `text[first, end)` start with 0 right after other digits (with
/// their sign) and a comma, as in `[0,05]`. Gives "0" and "05" then; nothing
/// when the digits are not so placed. Both readers word their refusal with it.
struct CommaSplit {
  std::string before, after;
};
std::optional<CommaSplit> decimal_comma_split(const std::string& text, std::size_t first, std::size_t end);

/// Checks that `text` is UTF-8 without control characters other than tab,
/// line feed and carriage return; refuses with the line and column of the
/// first offending byte.
void check_text(const std::string& text);

/// Line and column of byte offsets, for offsets that only grow: the column in characters (UTF-8
/// code points), a byte order mark not counted.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}
  Pos at(std::size_t offset);

 private:
  std::string_view text_;
  std::size_t offset_ = 0;
  Pos pos_{1, 1};
};

class Builder {
 public:
  explicit Builder(const Limits& limits);

  /// True when the next value is a mapping key.
  bool expecting_key() const;
  /// A mapping key (text as written).
  void key(std::string text, Pos pos);

  NodeId null(Pos pos);
  NodeId boolean(bool v, Pos pos);
  /// `written` is the number's text in the file (kept only when it looks like
  /// a dotted thousands separator).
  NodeId number(double v, Pos pos, std::string_view written = {});
  /// A whole number; `minus` keeps the sign of a -0 as written (its number is -0.0).
  NodeId integer(std::int64_t v, Pos pos, bool minus = false);
  NodeId string(std::string v, Pos pos);
  NodeId start(Kind kind, Pos pos);  // Kind::map or Kind::seq
  void end();
  /// A second reference to a finished node (YAML alias).
  void alias(NodeId target, Pos pos, const std::string& name);

  const Limits& limits() const { return limits_; }
  /// The path of the value read next, as the model reader names it (`outcomes[0].drop_off`); with `key`,
  /// of that key in the innermost mapping (a key not yet taken).
  std::string path(const std::string& key = {}) const;
  /// Throws ValidationError with one issue at `pos` that names path(key): a refusal of a value the
  /// file states under a known key (a duplicate key, an integer out of range, `yes`).
  [[noreturn]] void fail_at_path(Pos pos, const std::string& message, const std::string& key = {}) const;
  Doc finish();

 private:
  struct Frame {
    NodeId node = 0;
    std::uint64_t weight = 1;
    bool has_key = false;
    std::string key;
    Pos key_pos;
    std::unordered_map<std::string, Pos> seen;  // only for large mappings
  };
  NodeId add(Node n);
  NodeId leaf(Node n, Pos pos);
  void attach(NodeId id, std::uint64_t weight, Pos pos);
  void count(std::uint64_t weight, Pos pos);

  Limits limits_;
  Doc doc_;
  std::vector<Frame> frames_;
  std::uint64_t total_ = 0;
  std::size_t aliases_ = 0;
  bool has_root_ = false;
};

}  // namespace impactchain::io::doc
