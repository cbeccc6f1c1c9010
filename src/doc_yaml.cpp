// YAML into the document tree through yaml-cpp's event parser, so that this
// file decides what anchors, aliases, tags and plain scalars mean:
//   * an alias shares the node it refers to (never a copy); each use counts
//     against the expansion budget, an alias inside its own anchor is refused;
//   * no tags (plain data only), no merge keys, one document per file;
//   * a plain scalar is a number only in JSON's number form, true/false are
//     booleans, null/~/empty are null; forms that YAML 1.1 or 1.2 read as
//     numbers or booleans otherwise (1:30, 0x1F, .5, yes, …) are refused
//     with the reason, rather than silently read one way or the other.
// The hints that name the cause of a syntax error (a quote never closed, a tab
// in the indentation) read the text itself: yaml_mistakes.cpp.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <optional>
#include <sstream>
#include <string_view>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "doc_builder.hpp"
#include "doc_formats.hpp"
#include "yaml_mistakes.hpp"

namespace impactchain::io::doc {

namespace {

bool all_of(std::string_view s, const char* allowed) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::strchr(allowed, c) || c == '\0') return false;
  return true;
}

bool digits(std::string_view s) { return all_of(s, "0123456789"); }

/// Length of the JSON number at the start of s (0 when there is none).
std::size_t json_number_length(std::string_view s) {
  std::size_t i = 0;
  const auto digit = [&](std::size_t k) { return k < s.size() && s[k] >= '0' && s[k] <= '9'; };
  if (i < s.size() && s[i] == '-') ++i;
  if (!digit(i)) return 0;
  if (s[i] == '0') ++i;
  else
    while (digit(i)) ++i;
  if (i < s.size() && s[i] == '.') {
    if (!digit(i + 1)) return 0;
    ++i;
    while (digit(i)) ++i;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t k = i + 1;
    if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
    if (!digit(k)) return 0;
    i = k;
    while (digit(i)) ++i;
  }
  return i;
}

bool is_json_number(std::string_view s) { return !s.empty() && json_number_length(s) == s.size(); }

/// The decimal exponent of a JSON number's first significant digit: 2 for 123.4, -3 for 0.00123,
/// 400 for 1e400 (saturating far beyond any double's range); 0 for a zero.
long long decimal_magnitude(std::string_view s) {
  constexpr long long kFar = 1'000'000;  // beyond ±400, the edge of a double's range either way
  if (!s.empty() && s[0] == '-') s.remove_prefix(1);
  const std::size_t e = s.find_first_of("eE");
  const std::string_view mant = s.substr(0, e);
  long long exponent = 0;
  if (e != std::string_view::npos) {
    std::string_view ex = s.substr(e + 1);
    const bool negative = !ex.empty() && ex[0] == '-';
    if (!ex.empty() && (ex[0] == '-' || ex[0] == '+')) ex.remove_prefix(1);
    for (char c : ex) exponent = std::min(exponent * 10 + (c - '0'), kFar);
    if (negative) exponent = -exponent;
  }
  const std::size_t dot = mant.find('.');
  const std::size_t point = dot == std::string_view::npos ? mant.size() : dot;  // digits before the point
  for (std::size_t i = 0; i < mant.size(); ++i) {
    if (mant[i] == '.' || mant[i] == '0') continue;
    // The first significant digit stands for 10^(point - i - 1), or 10^(point - i) after the point.
    const long long place = i < point ? static_cast<long long>(point - i - 1) : -static_cast<long long>(i - point);
    return exponent + place;
  }
  return 0;
}

std::string quoted(std::string_view s) { return "`" + excerpt(std::string(s)) + "`"; }

// Why a plain scalar that is not a JSON number would be a number to some YAML
// reader; empty when it is ordinary text.
std::string not_a_number_reason(std::string_view s) {
  std::string_view body = s;
  char sign = 0;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) sign = body[0], body.remove_prefix(1);
  const std::string is_not = quoted(s) + " is not a number";
  if (body == ".inf" || body == ".Inf" || body == ".INF")
    return is_not + " in a model file (infinite values are not allowed); quote it if it is text";
  if (!sign && (body == ".nan" || body == ".NaN" || body == ".NAN"))
    return is_not + " in a model file (not-a-number values are not allowed); quote it if it is text";
  if (body.size() > 2 && body[0] == '0') {
    const char b = body[1];
    const std::string_view rest = body.substr(2);
    if ((b == 'x' || b == 'X') && all_of(rest, "0123456789abcdefABCDEF_"))
      return is_not + " (hexadecimal); write it in decimal or quote it";
    if ((b == 'o' || b == 'O') && all_of(rest, "01234567_")) return is_not + " (octal); write it in decimal or quote it";
    if ((b == 'b' || b == 'B') && all_of(rest, "01_")) return is_not + " (binary); write it in decimal or quote it";
  }
  // Sexagesimal (YAML 1.1): 1:30 is 90, 1:30:00 is 5400.
  if (body.find(':') != std::string_view::npos) {
    std::string_view r = body;
    const std::size_t dot = r.find('.');
    const std::string_view frac = dot == std::string_view::npos ? std::string_view() : r.substr(dot + 1);
    if (dot != std::string_view::npos) r = r.substr(0, dot);
    bool ok = frac.empty() || all_of(frac, "0123456789_");
    double value = 0;
    std::size_t k = 0;
    for (std::size_t part = 0; ok && k <= r.size(); ++part) {
      std::size_t colon = r.find(':', k);
      if (colon == std::string_view::npos) colon = r.size();
      const std::string_view seg = r.substr(k, colon - k);
      if (part == 0) ok = !seg.empty() && seg[0] >= '0' && seg[0] <= '9' && all_of(seg, "0123456789_");
      else ok = (seg.size() == 1 && digits(seg)) || (seg.size() == 2 && digits(seg) && seg[0] <= '5');
      if (ok) {
        double v = 0;
        for (char c : seg)
          if (c != '_') v = v * 10 + (c - '0');
        value = part == 0 ? v : value * 60 + v;
      }
      if (part == 0 && colon == r.size()) ok = false;  // needs at least one ':'
      k = colon + 1;
    }
    if (ok) {
      if (!frac.empty() || value > 1e15) return is_not + " (YAML 1.1 sexagesimal); write it in base 10 or quote it";
      return is_not + " (YAML 1.1 sexagesimal); write " + (sign == '-' ? "-" : "") +
             std::to_string(static_cast<long long>(value)) + " or quote it";
    }
  }
  const std::string plain = std::string(sign == '-' ? "-" : "") + std::string(body);
  if (body.find('_') != std::string_view::npos && all_of(body, "0123456789_.eE+-") && body[0] != '_') {
    std::string without;
    for (char c : plain)
      if (c != '_') without += c;
    if (is_json_number(without)) return is_not + " (digit separators _ are not allowed); write " + without + " or quote it";
    return is_not + " (digit separators _ are not allowed); quote it if it is text";
  }
  if (body.size() > 1 && body[0] == '0' && digits(body))
    return is_not + " (a leading zero: YAML 1.1 reads it as octal); write " + plain.substr(0, plain.size() - body.size()) +
           std::string(body.substr(body.find_first_not_of('0') == std::string_view::npos ? body.size() - 1 : body.find_first_not_of('0'))) +
           " or quote it";
  if (sign == '+' && is_json_number(body))
    return is_not + " (a leading + is not allowed); write " + std::string(body) + " or quote it";
  // .5, 1., -.5e3: YAML floats that JSON does not allow.
  {
    std::string_view m = body;
    std::size_t e = m.find_first_of("eE");
    std::string_view mant = m.substr(0, e), ex = e == std::string_view::npos ? std::string_view() : m.substr(e + 1);
    if (!ex.empty() && (ex[0] == '+' || ex[0] == '-')) ex.remove_prefix(1);
    const std::size_t dot = mant.find('.');
    const bool exp_ok = e == std::string_view::npos || digits(ex);
    if (dot != std::string_view::npos && exp_ok && mant.size() > 1 && mant.find('.', dot + 1) == std::string_view::npos) {
      const std::string_view whole = mant.substr(0, dot), frac = mant.substr(dot + 1);
      if ((whole.empty() || digits(whole)) && (frac.empty() || digits(frac))) {
        std::string fixed = std::string(sign == '-' ? "-" : "") + (whole.empty() ? "0" : std::string(whole)) + "." +
                            (frac.empty() ? "0" : std::string(frac)) +
                            (e == std::string_view::npos ? "" : std::string(m.substr(e)));
        if (is_json_number(fixed)) return is_not + " in the form model files use; write " + fixed + " or quote it";
      }
    }
  }
  return {};
}

NodeId plain_scalar(Builder& b, const std::string& v, Pos p) {
  if (v == "true" || v == "True" || v == "TRUE") return b.boolean(true, p);
  if (v == "false" || v == "False" || v == "FALSE") return b.boolean(false, p);
  if (v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL") return b.null(p);
  for (const char* w : {"yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"})
    if (v == w)
      b.fail_at_path(p, "`" + v + "` is ambiguous (YAML 1.1 reads it as a boolean, YAML 1.2 as text): write true or false, "
                         "or quote it for text");
  if (is_json_number(v)) {
    if (v.find_first_of(".eE") == std::string::npos) {
      std::int64_t i = 0;
      const auto r = std::from_chars(v.data(), v.data() + v.size(), i);
      if (r.ec != std::errc() || r.ptr != v.data() + v.size())
        b.fail_at_path(p, "integer " + excerpt(v) + " is outside ±" + std::to_string(b.limits().max_integer) +
                    " (limit max_integer); quote it if it is text");
      return b.integer(i, p, v[0] == '-');
    }
    double d = 0;
    const auto r = std::from_chars(v.data(), v.data() + v.size(), d);
    // Out of range is either way: from_chars leaves d as it was, so the
    // written magnitude decides. Underflow reads as 0, as JSON's reader does.
    if (r.ec == std::errc::result_out_of_range && decimal_magnitude(v) < 0)
      return b.number(v[0] == '-' ? -0.0 : 0.0, p, v);
    if (r.ec != std::errc() || !std::isfinite(d))
      fail(p, "the number " + excerpt(v) + " is too large (not a finite number)");
    return b.number(d, p, v);
  }
  const std::string why = not_a_number_reason(v);
  if (!why.empty()) fail(p, why);
  return b.string(v, p);
}

// How the user wrote a tag: yaml-cpp expands !!x to tag:yaml.org,2002:x.
std::string written_tag(const std::string& tag) {
  const std::string core = "tag:yaml.org,2002:";
  if (tag.compare(0, core.size(), core) == 0) return "!!" + tag.substr(core.size());
  return tag;
}

class YamlHandler : public YAML::EventHandler {
 public:
  YamlHandler(const std::string& text, const Limits& limits)
      : text_(text), bom_(text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0), marks_(text), closes_(text), b_(limits) {}

  /// The multi-line quoted text read last, when nothing has been read since: a syntax error right
  /// after it may be a closing quote missing where it starts, which a later quote stood in for.
  struct Quoted {
    Pos start, end;
    char quote = 0;
  };
  const std::optional<Quoted>& last_multiline_quoted() const { return multiline_; }

  /// The offset in the text of a mark (yaml-cpp counts bytes after a UTF-8 byte order mark).
  std::size_t offset(const YAML::Mark& m) const { return bom_ + static_cast<std::size_t>(m.pos); }
  /// Refuses a quoted scalar that opens at `at` (past any properties) and is never closed.
  void check_closed(std::size_t at, Pos p) {
    multiline_.reset();
    at = past_properties(text_, at);
    if (at >= text_.size() || (text_[at] != '"' && text_[at] != '\'')) return;
    const std::size_t close = closing_quote(text_, at);
    if (close == std::string_view::npos) fail(p, never_closed(text_, at));
    if (std::memchr(text_.data() + at, '\n', close - at))  // within the text only: linear in the file
      multiline_ = Quoted{p, closes_.at(close), text_[at]};  // closes_ moves forward through the file
  }
  Doc finish() { return b_.finish(); }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnAnchor(const YAML::Mark&, const std::string& name) override { pending_name_ = name; }

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const Pos p = pos(mark);
    multiline_.reset();
    if (b_.expecting_key()) fail(p, "a key must be text, got null");
    remember(anchor, b_.null(p));
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const Pos p = pos(mark);
    multiline_.reset();
    const std::string name = anchor < names_.size() ? names_[anchor] : std::string("?");
    if (b_.expecting_key()) fail(p, "a key must be text, got the alias *" + excerpt(name));
    if (anchor >= nodes_.size() || !has_node_[anchor]) fail(p, "alias *" + excerpt(name) + " refers to a node that contains it");
    b_.alias(nodes_[anchor], p, name);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, const std::string& value) override {
    const Pos p = pos(mark);
    if (tag == "!" && !mark.is_null()) check_closed(offset(mark), p);  // quoted (or a block scalar)
    else multiline_.reset();
    check_tag(tag, p);
    if (b_.expecting_key()) {
      if (tag == "?" && value == "<<") fail(p, "merge keys (<<) are not supported: write the keys out");
      if (anchor) remember(anchor, NodeId(0), false);  // an anchored key cannot be used as a value
      b_.key(value, p);
      return;
    }
    if (tag != "!") check_decimal_comma(value, mark, p);
    if (tag == "!") remember(anchor, b_.string(value, p));  // quoted or block: always text
    else remember(anchor, plain_scalar(b_, value, p));
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
    start(mark, tag, anchor, Kind::seq);
  }
  void OnSequenceEnd() override { end(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
    start(mark, tag, anchor, Kind::map);
  }
  void OnMapEnd() override { end(); }

 private:
  /// A mark's line and column, the column in characters as JSON's reader and an editor count it
  /// (yaml-cpp's counts bytes: "café €" would move a column 4 places right); the marks move
  /// forward through the text, and so does the cursor that counts them.
  Pos pos(const YAML::Mark& m) { return m.is_null() ? Pos{} : marks_.at(offset(m)); }
  // [0,05, 0,1]: a list's comma splits 0,05 into 0 and 05, refused below for its leading zero ("write 5").
  // Written right after digits and a comma, 05 is the fraction of a decimal comma: says what to write.
  void check_decimal_comma(const std::string& value, const YAML::Mark& mark, Pos p) const {
    if (mark.is_null()) return;
    const std::size_t at = offset(mark);
    const auto split = decimal_comma_split(text_, at, at + value.size());
    if (!split || text_.compare(at, value.size(), value) != 0) return;
    const auto& [before, after] = *split;
    fail(p, "`" + excerpt(before + "," + after) + "` in a list reads as " + before + " and `" + after +
                "`, which is not a number (a leading zero); a decimal comma? write " + before + "." + after);
  }
  void check_tag(const std::string& tag, Pos p) {
    if (tag.empty() || tag == "?" || tag == "!") return;
    fail(p, "tag " + excerpt(written_tag(tag)) + " is not allowed in model files (plain data only)");
  }
  void remember(YAML::anchor_t anchor, NodeId id, bool usable = true) {
    if (!anchor) return;
    if (nodes_.size() <= anchor) {
      nodes_.resize(anchor + 1);
      has_node_.resize(anchor + 1);
      names_.resize(anchor + 1);
    }
    nodes_[anchor] = id;
    has_node_[anchor] = usable;
    names_[anchor] = pending_name_;
  }
  void start(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, Kind kind) {
    const Pos p = pos(mark);
    multiline_.reset();
    check_tag(tag, p);
    if (b_.expecting_key())
      fail(p, std::string("a key must be text, got ") + (kind == Kind::map ? "a mapping" : "a list"));
    const NodeId id = b_.start(kind, p);
    // The anchor is known now but usable only once the node is complete.
    if (anchor) {
      remember(anchor, id, false);
      open_.push_back(anchor);
    } else {
      open_.push_back(0);
    }
  }
  void end() {
    const YAML::anchor_t a = open_.back();
    open_.pop_back();
    b_.end();
    if (a) has_node_[a] = true;
  }

  const std::string& text_;
  std::size_t bom_;
  Cursor marks_;  // pos()
  Cursor closes_;
  std::optional<Quoted> multiline_;
  Builder b_;
  std::vector<NodeId> nodes_;
  std::vector<bool> has_node_;
  std::vector<std::string> names_;
  std::vector<YAML::anchor_t> open_;
  std::string pending_name_;
};

// Refuses a second document without reading it.
class SecondDocument : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override {
    fail(Pos{static_cast<std::uint32_t>(mark.line + 1), static_cast<std::uint32_t>(mark.column + 1)},  // "---": ASCII
         "the file holds more than one YAML document (---); a model file holds one");
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

}  // namespace

Doc parse_yaml(const std::string& text, const Limits& limits) {
  std::istringstream in(text);
  YamlHandler h(text, limits);
  try {
    YAML::Parser parser(in);
    if (!parser.HandleNextDocument(h)) fail(Pos{}, "the file is empty");
    SecondDocument second;
    parser.HandleNextDocument(second);
  } catch (const YAML::Exception& e) {
    const Pos p = e.mark.is_null() ? Pos{} : Cursor(text).at(h.offset(e.mark));
    refuse_unclosed_quote(text, limits);  // it may have swallowed what yaml-cpp missed
    std::string msg = e.msg.empty() ? std::string("the YAML could not be read") : e.msg;
    if (!e.mark.is_null())
      if (const std::string hint = syntax_hint(text, h.offset(e.mark)); !hint.empty()) msg += ": " + hint;
    if (const auto& q = h.last_multiline_quoted(); q && p.line >= q->end.line)
      msg += std::string(" (the quoted text that starts at line ") + std::to_string(q->start.line) + ", column " +
             std::to_string(q->start.column) + " runs on to line " + std::to_string(q->end.line) +
             ": is its closing " + q->quote + " missing?)";
    fail(p, msg);
  } catch (const ValidationError&) {
    refuse_unclosed_quote(text, limits);  // the cause, when a rule broke in what the quote swallowed
    throw;
  }
  return h.finish();
}

}  // namespace impactchain::io::doc
