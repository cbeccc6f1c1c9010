// Private to src/: the checks of one soft outcome that Model::problems runs (model_soft_checks.cpp).
#pragma once

#include <string>

#include "impactchain/detail/check.hpp"
#include "impactchain/model.hpp"

namespace impactchain::detail {

/// The soft outcome's scale: its own scale's fields, or a built-in scale's name.
void check_soft_scale(const SoftOutcome& s, const std::string& path, const std::string& who, IssueList& out);
/// The rest of a soft outcome: data and columns, analysis options, effect size, reliability and data source.
void check_soft_data(const SoftOutcome& s, const std::string& path, const std::string& who, IssueList& out);

}  // namespace impactchain::detail
