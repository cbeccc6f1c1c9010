// JSON into the document tree: nlohmann_json's SAX parser (iterative, so deep
// nesting cannot exhaust the stack), fed through an iterator that records how
// far the parser has read, which gives every value its line and column.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <iterator>
#include <limits>

#include <nlohmann/json.hpp>

#include "doc_builder.hpp"
#include "doc_formats.hpp"

namespace impactchain::io::doc {

namespace {

using json = nlohmann::json;

// A character iterator that reports the furthest byte read to `*reached`.
struct TrackingIterator {
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  const char* p = nullptr;
  const char** reached = nullptr;

  reference operator*() const { return *p; }
  TrackingIterator& operator++() {
    *reached = ++p;
    return *this;
  }
  TrackingIterator operator++(int) {
    TrackingIterator t = *this;
    ++*this;
    return t;
  }
  bool operator==(const TrackingIterator& o) const { return p == o.p; }
  bool operator!=(const TrackingIterator& o) const { return p != o.p; }
};

class JsonHandler {
 public:
  JsonHandler(const std::string& text, const Limits& limits) : text_(text), cursor_(text), b_(limits), reached_(text.data()) {}

  const char** reached() { return &reached_; }
  Doc finish() { return b_.finish(); }

  bool null() {
    b_.null(here());
    return true;
  }
  bool boolean(bool v) {
    b_.boolean(v, here());
    return true;
  }
  bool number_integer(json::number_integer_t v) {
    const Pos p = here();
    b_.integer(v, p, start_ < text_.size() && text_[start_] == '-');  // -0 keeps its sign
    return true;
  }
  bool number_unsigned(json::number_unsigned_t v) {
    const Pos p = here();
    if (v > static_cast<json::number_unsigned_t>(std::numeric_limits<std::int64_t>::max()))
      too_large_integer(p, std::to_string(v));
    b_.integer(static_cast<std::int64_t>(v), p);
    return true;
  }
  bool number_float(json::number_float_t v, const std::string& written) {
    const Pos p = here();
    // An integer too large for 64 bits arrives here as a double.
    if (written.find_first_of(".eE") == std::string::npos) too_large_integer(p, written);
    b_.number(v, p, written);
    return true;
  }
  bool string(std::string& v) {
    b_.string(std::move(v), here());
    return true;
  }
  bool binary(json::binary_t&) { return true; }  // not produced by the JSON parser
  bool start_object(std::size_t) {
    b_.start(Kind::map, here());
    return true;
  }
  bool key(std::string& k) {
    b_.key(std::move(k), here());
    return true;
  }
  bool end_object() {
    last_ = offset();
    b_.end();
    return true;
  }
  bool start_array(std::size_t) {
    b_.start(Kind::seq, here());
    return true;
  }
  bool end_array() {
    last_ = offset();
    b_.end();
    return true;
  }
  bool parse_error(std::size_t position, const std::string& /*last_token*/, const nlohmann::detail::exception& e) {
    // position counts the characters read; the offending one is the last.
    Cursor c(text_);
    const Pos p = c.at(position ? position - 1 : 0);
    std::string what = e.what();
    if (e.id == 406) {  // a number that does not fit a double
      const std::size_t end = std::min(position, text_.size());
      std::size_t start = end;
      while (start > 0 && std::strchr("0123456789+-.eE", text_[start - 1]) && text_[start - 1] != '\0') --start;
      fail(cursor_at(start), "the file could not be read: the number " + excerpt(text_.substr(start, end - start)) +
                                 " is too large (not a finite number)");
    }
    const auto cut = what.find("syntax error");
    fail(p, (cut == std::string::npos ? what : what.substr(cut)) + decimal_comma_hint(position ? position - 1 : 0));
  }

 private:
  // [0,05] reads as 0 and then 05, which JSON refuses (no number starts with 0): when the digits at `at` start
  // with 0 right after other digits and a comma, says the number meant.
  std::string decimal_comma_hint(std::size_t at) const {
    auto digit = [&](std::size_t i) { return i < text_.size() && text_[i] >= '0' && text_[i] <= '9'; };
    std::size_t first = at, end = at;
    while (first > 0 && digit(first - 1)) --first;
    while (digit(end)) ++end;
    const auto split = digit(at) ? decimal_comma_split(text_, first, end) : std::nullopt;
    if (!split) return {};
    const auto& [before, after] = *split;
    return " (`" + before + "," + after + "` reads as " + before + " and `" + after +
           "`, which is not a number in JSON: a decimal comma? write " + before + "." + after + ")";
  }
  Pos cursor_at(std::size_t offset) const {
    Cursor c(text_);
    return c.at(offset);
  }
  std::size_t offset() const { return static_cast<std::size_t>(reached_ - text_.data()); }
  // Where the value just read starts: after the previous one, past
  // whitespace and separators.
  Pos here() {
    std::size_t i = last_;
    while (i < text_.size() && (text_[i] == ' ' || text_[i] == '\t' || text_[i] == '\n' || text_[i] == '\r' ||
                                text_[i] == ',' || text_[i] == ':'))
      ++i;
    last_ = offset();
    start_ = i;
    return cursor_.at(i);
  }
  [[noreturn]] void too_large_integer(Pos p, const std::string& written) {
    b_.fail_at_path(p, "integer " + excerpt(written) + " is outside ±" + std::to_string(b_.limits().max_integer) +
                " (limit max_integer); quote it if it is text");
  }

  const std::string& text_;
  Cursor cursor_;
  Builder b_;
  const char* reached_;
  std::size_t last_ = 0;
  std::size_t start_ = 0;  // where the value just read starts (here())
};

}  // namespace

Doc parse_json(const std::string& text, const Limits& limits) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) fail(Pos{}, "the file is empty");
  JsonHandler h(text, limits);
  TrackingIterator first{text.data(), h.reached()};
  TrackingIterator last{text.data() + text.size(), h.reached()};
  json::sax_parse(first, last, &h, nlohmann::detail::input_format_t::json, true, false);
  return h.finish();
}

}  // namespace impactchain::io::doc
