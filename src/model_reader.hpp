// Private helper for the model loader: typed access into the document tree
// (doc.hpp) that records every problem with its path and suggests the nearest
// known key.
#pragma once

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "doc.hpp"
#include "impactchain/error.hpp"
#include "impactchain/notice.hpp"
#include "impactchain/parameter.hpp"
#include "impactchain/text.hpp"

namespace impactchain::io::detail {

/// A node of a parsed document, or nothing (a key that is absent).
class Ref {
 public:
  Ref() = default;
  Ref(const doc::Doc* d, doc::NodeId id) : d_(d), id_(id) {}

  explicit operator bool() const { return d_ != nullptr; }
  doc::Kind kind() const { return node().kind; }
  bool is_null() const { return kind() == doc::Kind::null; }
  bool is_map() const { return kind() == doc::Kind::map; }
  bool is_seq() const { return kind() == doc::Kind::seq; }
  bool is_string() const { return kind() == doc::Kind::string; }
  bool is_number() const { return kind() == doc::Kind::number; }
  bool is_boolean() const { return kind() == doc::Kind::boolean; }
  /// A number written without fraction or exponent.
  bool is_integer() const { return is_number() && node().integral; }

  double number() const { return node().number; }
  bool boolean() const { return node().boolean; }
  std::int64_t integer() const { return node().integer; }
  const std::string& str() const { return node().text; }
  /// Where the value is written in the file (line 0 when unknown).
  doc::Pos pos() const { return node().pos; }
  /// A number written like 150.000 (a Dutch thousands separator?); its text as written.
  bool dotted_thousands() const { return is_number() && node().dotted_thousands; }

  std::size_t size() const { return is_map() ? node().entries.size() : node().items.size(); }
  Ref operator[](std::size_t i) const { return Ref(d_, node().items[i]); }
  const std::vector<doc::Entry>& entries() const { return node().entries; }
  Ref value(const doc::Entry& e) const { return Ref(d_, e.value); }
  /// The value of `key` in a mapping; an empty Ref when absent (or not a mapping).
  Ref find(const std::string& key) const {
    const doc::Entry* e = d_->find(id_, key);
    return e ? Ref(d_, e->value) : Ref();
  }
  bool contains(const std::string& key) const { return static_cast<bool>(find(key)); }

 private:
  const doc::Node& node() const { return d_->at(id_); }
  const doc::Doc* d_ = nullptr;
  doc::NodeId id_ = 0;
};

/// Name of a value's type as users know it from YAML/JSON; a text in Dutch notation, a percentage or
/// money ("€ 150.000") with the number to write (for money only when `amount_number`).
std::string type_name(Ref j, bool amount_number = true);

class Reader {
 public:
  impactchain::detail::IssueList issues;
  /// A plausibility warning: the file is valid, but a value may not say what was
  /// meant. `code` is a notice code whose template starts with the path, line and
  /// column (filled in when the document's positions are known: read_doc).
  struct Warning {
    std::string path;
    std::string code;
    std::vector<NoticeParam> params;
  };
  std::vector<Warning> warnings;
  /// Paths of money texts that a flow mapping's comma cut short ({amount: € 12,50}): object() says the
  /// number to write, so the refusal of the text itself does not give the number of its first part.
  std::vector<std::string> cut_by_comma;

  void error(const std::string& path, const std::string& message) { issues.add(path, message); }

  /// True when j is an object; reports keys not in `known` with a suggestion.
  bool object(Ref j, const std::string& path, const std::vector<std::string>& known);

  /// The folder a price-index file (`price_index: {file: …}`) is read from: the model file's
  /// folder; empty for text without a file (then the working directory).
  std::string base_dir;
  /// Largest price-index file read (bytes).
  std::size_t max_file_bytes = std::size_t{16} << 20;

  /// The model's language (`language:`), read first: text fields given in several languages are read in it.
  std::string language;
  /// Text fields given in several languages, by path (Model::texts).
  Translations texts;

  std::string str(Ref obj, const std::string& path, const char* key, bool required = false);
  /// A text field: a string, or a mapping of language code to string (recorded in `texts`);
  /// the text in `language` (text_in).
  std::string text(Ref obj, const std::string& path, const char* key, bool required = false);
  std::optional<double> number(Ref obj, const std::string& path, const char* key, bool required = false);
  std::optional<int> integer(Ref obj, const std::string& path, const char* key, bool required = false);
  std::optional<Parameter> param(Ref obj, const std::string& path, const char* key, bool required = false);
  /// A Parameter written as a number or a one-key mapping naming its distribution.
  std::optional<Parameter> param_value(Ref j, const std::string& path);

  /// Warns about every amount of money in j (a number or a distribution's
  /// amounts) written like 150.000, which the file format reads as 150, or larger
  /// in size than implausible_magnitude.
  void money(Ref j, const std::string& path) { amounts(j, path, true); }
  /// Warns about every number of a quantity (a number or a distribution's values) larger in size than
  /// implausible_magnitude.
  void quantity(Ref j, const std::string& path) { amounts(j, path, false); }
  /// A trillion: larger than any municipal or fund budget or count of people a model of social impact holds, so
  /// an amount or quantity above it is most likely a typo (1e30 for 1e3) or a pasted cell.
  static constexpr double implausible_magnitude = 1e12;

  /// Calls f(item, item_path) for each element of obj[key] (a list), if present.
  void list(Ref obj, const std::string& path, const char* key,
            const std::function<void(Ref, const std::string&)>& f, bool required = false);

  void amounts(Ref j, const std::string& path, bool is_money);

  static std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }
};

}  // namespace impactchain::io::detail
