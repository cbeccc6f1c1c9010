// Private to src/: the text fields of a model, each with its path in the model
// file, for localised(), the model-file writer and validation.
#pragma once

#include <functional>
#include <string>

#include "impactchain/model.hpp"

namespace impactchain::detail {

/// Calls f(path, field) for every text field a model file may give in several
/// languages (names, descriptions, notes, units, sources), in file order.
void for_each_text_field(Model& m, const std::function<void(const std::string&, std::string&)>& f);

/// Problems of `language` and `texts`: language codes, and paths that are no
/// text field of the model.
std::vector<Issue> text_problems(const Model& m);

/// Drops the texts at paths where the model has no text field: the texts a reader kept from
/// a part of the file that failed to load (a chain with a wrong node or edge), whose own error
/// is the one to report.
void drop_texts_without_field(Model& m);

}  // namespace impactchain::detail
