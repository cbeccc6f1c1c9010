// The quote scanning behind the YAML reader's hints (see yaml_mistakes.hpp).
#include "yaml_mistakes.hpp"

#include <algorithm>
#include <cstring>
#include <optional>
#include <sstream>
#include <utility>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "doc_builder.hpp"

namespace impactchain::io::doc {

std::size_t closing_quote(std::string_view text, std::size_t open) {
  const char q = text[open];
  for (std::size_t i = open + 1; i < text.size(); ++i) {
    if (q == '"' && text[i] == '\\') {
      ++i;  // an escape: \" or \\ or an escaped line break
    } else if (text[i] == q) {
      if (q == '\'' && i + 1 < text.size() && text[i + 1] == '\'')
        ++i;  // '' is a quote in a '…' text
      else
        return i;
    }
  }
  return std::string_view::npos;
}

std::size_t past_properties(std::string_view text, std::size_t at) {
  while (at < text.size() && (text[at] == '&' || text[at] == '!')) {
    while (at < text.size() && !std::strchr(" \t\r\n", text[at])) ++at;
    while (at < text.size() && std::strchr(" \t\r\n#", text[at])) {
      if (text[at] == '#')
        while (at < text.size() && text[at] != '\n') ++at;
      else
        ++at;
    }
  }
  return at;
}

std::string never_closed(std::string_view text, std::size_t open) {
  const std::size_t eol = text.find_first_of("\r\n", open);
  std::string shown = excerpt(std::string(text.substr(open, eol == std::string_view::npos ? eol : eol - open)), 32);
  if (shown.size() >= 3 && shown.compare(shown.size() - 3, 3, "…") == 0) shown.resize(shown.size() - 3);
  while (!shown.empty() && shown.back() == ' ') shown.pop_back();
  shown += "…";  // the text runs on
  return std::string("a quoted text (") + shown + ") is never closed: its closing " + text[open] + " is missing";
}

std::string syntax_hint(std::string_view text, std::size_t at) {
  at = std::min(at, text.size());
  const std::size_t here = at == 0 ? 0 : text.rfind('\n', at - 1) + 1;  // npos + 1 is 0
  const std::size_t before = here <= 1 ? 0 : text.rfind('\n', here - 2) + 1;
  std::string hint;
  for (std::size_t start : {here, before}) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    const std::size_t indent = line.find_first_not_of(" \t");
    const std::size_t tab = line.find('\t');
    const auto line_no =
        static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(start), '\n')) + 1;
    if (tab != std::string_view::npos && indent != std::string_view::npos && tab < indent)
      hint = "a tab is used for indentation on line " + std::to_string(line_no) + "; YAML indents with spaces";
    else if (line.find(":\xC2\xA0") != std::string_view::npos)
      hint = "a no-break space (U+00A0) after ':' on line " + std::to_string(line_no) + "; use a plain space";
    if (!hint.empty() || start == before) break;
  }
  return hint;
}

namespace {

// Finds the first quoted text never closed in a second reading, after the first stopped at an
// error (a rule of this reader, or yaml-cpp's syntax) before its checks met that text: a quote that
// swallowed the rest of the file is then the cause to name.
class UnclosedQuote : public YAML::EventHandler {
 public:
  struct TooDeep {};  // thrown past the depth the first reading allows: it refused the file for that
  UnclosedQuote(const std::string& text, std::size_t max_depth)
      : text_(text), bom_(text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0), max_depth_(max_depth) {}
  /// Where the node starts and the offset of its opening quote.
  std::optional<std::pair<Pos, std::size_t>> found;

  /// Checks the node at `mark` (a quoted scalar's, or a token yaml-cpp stopped at).
  void check(const YAML::Mark& mark) {
    if (found || mark.is_null()) return;
    const std::size_t at = past_properties(text_, bom_ + static_cast<std::size_t>(mark.pos));
    if (at < text_.size() && (text_[at] == '"' || text_[at] == '\'') &&
        closing_quote(text_, at) == std::string_view::npos)
      found.emplace(Cursor(text_).at(bom_ + static_cast<std::size_t>(mark.pos)), at);  // the column in characters
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t, const std::string&) override {
    if (tag == "!") check(mark);
  }
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    deeper();
  }
  void OnSequenceEnd() override { --depth_; }
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    deeper();
  }
  void OnMapEnd() override { --depth_; }

 private:
  void deeper() {
    if (++depth_ > max_depth_) throw TooDeep{};
  }
  std::string_view text_;
  std::size_t bom_;
  std::size_t max_depth_;
  std::size_t depth_ = 0;
};

}  // namespace

void refuse_unclosed_quote(const std::string& text, const Limits& limits) {
  std::istringstream in(text);
  UnclosedQuote finder(text, limits.max_depth);
  try {
    YAML::Parser parser(in);
    parser.HandleNextDocument(finder);
  } catch (const YAML::Exception& e) {
    finder.check(e.mark);
  } catch (const UnclosedQuote::TooDeep&) {
  }
  if (finder.found) fail(finder.found->first, never_closed(text, finder.found->second));
}

}  // namespace impactchain::io::doc
