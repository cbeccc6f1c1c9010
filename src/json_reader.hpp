// Private helper for the model loader: typed access into nlohmann::json that
// records every problem with its path and suggests the nearest known key.
#pragma once

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "impactchain/error.hpp"
#include "impactchain/parameter.hpp"

namespace impactchain::io::detail {

using json = nlohmann::ordered_json;

/// Name of a JSON value's type as users know it from YAML/JSON.
std::string type_name(const json& j);

class Reader {
 public:
  impactchain::detail::IssueList issues;

  void error(const std::string& path, const std::string& message) { issues.add(path, message); }

  /// True when j is an object; reports keys not in `known` with a suggestion.
  bool object(const json& j, const std::string& path, const std::vector<std::string>& known);

  std::string str(const json& obj, const std::string& path, const char* key, bool required = false);
  std::optional<double> number(const json& obj, const std::string& path, const char* key, bool required = false);
  std::optional<int> integer(const json& obj, const std::string& path, const char* key, bool required = false);
  std::optional<Parameter> param(const json& obj, const std::string& path, const char* key, bool required = false);
  /// A Parameter written as a number or a one-key mapping naming its distribution.
  std::optional<Parameter> param_value(const json& j, const std::string& path);

  /// Calls f(item, item_path) for each element of obj[key] (a list), if present.
  void list(const json& obj, const std::string& path, const char* key,
            const std::function<void(const json&, const std::string&)>& f, bool required = false);

  static std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }
};

/// JSON form of a Parameter: a number when fixed, else {distribution: args}.
json parameter_to_json(const Parameter& p);

}  // namespace impactchain::io::detail
