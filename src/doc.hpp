// Private to src/: the document tree that YAML and JSON model files are read
// into before the model reader sees them. Plain data only (null, boolean,
// number, string, mapping, list), each node with its line and column in the
// file. A YAML alias shares the node it refers to (one node, several parents).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "impactchain/io.hpp"
#include "impactchain/limits.hpp"

namespace impactchain::io::doc {

/// 1-based line and column (0 = unknown).
struct Pos {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

enum class Kind : std::uint8_t { null, boolean, number, string, map, seq };

using NodeId = std::uint32_t;

/// One key of a mapping: its text, where the key is written, and its value.
struct Entry {
  std::string key;
  Pos pos;
  NodeId value = 0;
};

struct Node {
  Kind kind = Kind::null;
  bool boolean = false;
  bool integral = false;   // a number written without fraction or exponent
  bool complete = false;   // false while a mapping or list is still being read
  bool dotted_thousands = false;  // a number written like 150.000 (see looks_like_dotted_thousands)
  Pos pos;
  double number = 0;
  std::int64_t integer = 0;           // the value when integral
  std::uint64_t weight = 1;           // values this node expands to (itself included)
  std::string text;                   // a string's value; a dotted_thousands number's text as written
  std::vector<Entry> entries;         // a mapping's keys, in file order
  std::vector<NodeId> items;          // a list's items
};

/// A parsed file: the nodes and the root (a null root for an empty file).
class Doc {
 public:
  std::vector<Node> nodes;
  NodeId root = 0;

  const Node& at(NodeId id) const { return nodes[id]; }
  /// The value of `key` in mapping `map`, or nullptr.
  const Entry* find(NodeId map, std::string_view key) const;
  /// Position of the longest prefix of an issue path (`outcomes[0].proxy.value`)
  /// that names a node: a key's own position for a mapping key.
  Pos position_of(const std::string& path) const;

 private:
  mutable std::unordered_map<NodeId, std::unordered_map<std::string_view, std::size_t>> index_;
};

/// True for a number written as 1-3 digits (the first not 0), a point and
/// exactly three digits (`150.000`, `-2.500`): in Dutch notation the point
/// separates thousands, so the writer may have meant 150000, not 150.
bool looks_like_dotted_thousands(std::string_view written);

/// Parse text into a Doc; throws ValidationError (one issue with its line and
/// column) on a syntax error, a broken rule of the model-file format or a limit.
Doc parse(const std::string& text, Format format, const Limits& limits);

}  // namespace impactchain::io::doc
