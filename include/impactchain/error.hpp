// Errors: every rejection names the object, the field and what was expected.
#pragma once

#include <algorithm>
#include <cstddef>
#include <locale>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace impactchain {

/// One problem found while validating input: where (a path such as
/// `chain.nodes[3].rate.triangular` and, for input read from a file, the
/// 1-based line and column; 0 = unknown) and what is wrong.
struct Issue {
  std::string path;
  std::string message;
  std::size_t line = 0;
  std::size_t column = 0;

  bool operator==(const Issue& o) const { return path == o.path && message == o.message; }
};

/// Thrown when input cannot be honoured. Derives from std::invalid_argument
/// (Python: ValueError); `issues()` lists every problem found, not only the first, and
/// `count()` how many problems the error stands for: its issues, or more where an issue names
/// the first of many and counts the rest ("and 190 more …", score_scale).
class ValidationError : public std::invalid_argument {
 public:
  explicit ValidationError(std::vector<Issue> issues, std::size_t count = 0)
      : std::invalid_argument(format(issues)), issues_(std::move(issues)), count_(count) {}
  ValidationError(std::string path, std::string message)
      : ValidationError(std::vector<Issue>{Issue{std::move(path), std::move(message)}}) {}

  const std::vector<Issue>& issues() const noexcept { return issues_; }
  /// The problems the error stands for: the count given when it was thrown, else its issues (at
  /// least 1).
  std::size_t count() const noexcept { return count_ ? count_ : std::max<std::size_t>(1, issues_.size()); }

  static std::string format(const std::vector<Issue>& issues) {
    std::ostringstream os;
    os.imbue(std::locale::classic());  // line 1234, not 1.234, whatever the program's locale
    for (std::size_t i = 0; i < issues.size(); ++i) {
      if (i) os << '\n';
      if (issues[i].line) {
        os << "line " << issues[i].line;
        if (issues[i].column) os << ", column " << issues[i].column;
        os << ": ";
      }
      if (!issues[i].path.empty()) os << issues[i].path << ": ";
      os << issues[i].message;
    }
    return os.str();
  }

 private:
  std::vector<Issue> issues_;
  std::size_t count_;  ///< 0: as many as the issues
};

namespace detail {

/// Formats a number the way messages show it (up to `digits` significant digits): a decimal
/// point and no grouping, whatever the program's locale (a Dutch one would write 150.000,5).
inline std::string num(double v, int digits = 15) {
  std::ostringstream os;
  os.imbue(std::locale::classic());
  os.precision(digits);
  os << v;
  return os.str();
}

/// Collects issues during validation and throws them together.
class IssueList {
 public:
  void add(std::string path, std::string message) {
    issues_.push_back(Issue{std::move(path), std::move(message), 0, 0});
  }
  void add(Issue issue) { issues_.push_back(std::move(issue)); }
  std::vector<Issue>& mutable_issues() noexcept { return issues_; }
  void append(const std::vector<Issue>& more, const std::string& prefix = {}) {
    for (const auto& i : more) add(Issue{joined(prefix, i.path), i.message, i.line, i.column});
  }
  /// As append, leaving out an issue whose field (path) already has one: a later check of a
  /// value the reader could not read (a required key missing, say) would refuse the same field
  /// again for the empty value it was left with.
  void append_unrefused(const std::vector<Issue>& more, const std::string& prefix = {}) {
    std::unordered_set<std::string> refused;
    for (const auto& i : issues_) refused.insert(i.path);
    for (const auto& i : more) {
      std::string p = joined(prefix, i.path);
      if (!refused.count(p)) add(Issue{std::move(p), i.message, i.line, i.column});
    }
  }
  bool empty() const noexcept { return issues_.empty(); }
  const std::vector<Issue>& issues() const noexcept { return issues_; }
  void throw_if_any() const {
    if (!issues_.empty()) throw ValidationError(issues_);
  }

 private:
  static std::string joined(const std::string& prefix, const std::string& path) {
    if (path.empty()) return prefix;
    return prefix + (prefix.empty() || path[0] == '[' ? "" : ".") + path;
  }
  std::vector<Issue> issues_;
};

}  // namespace detail
}  // namespace impactchain
