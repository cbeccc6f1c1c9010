// Adjustments against what SROI practice reports (practice.hpp): the lint and `defaults: practice`.
#include <doctest/doctest.h>

#include <string>

#include "impactchain/io.hpp"
#include "impactchain/practice.hpp"
#include "impactchain/value.hpp"
#include "support.hpp"

using namespace impactchain;

namespace {
Model model_with(const std::string& outcome, const std::string& top = "") {
  return io::parse_model("impactchain: 1\nname: p\ncurrency: EUR\nprice_year: 2024\ndiscount: {rate: 0}\n" + top +
                             "investments: [{funder: city, amount: 1000}]\noutcomes:\n  - {id: o, quantity: 10, "
                             "proxy: {value: 100, currency: EUR, source: s}" + outcome + "}\n",
                         io::Format::yaml);
}
}  // namespace

TEST_CASE("practice: the figures the docs cite, and a lint on stated adjustments") {
  const auto* dw = practice::figure("deadweight");
  REQUIRE(dw != nullptr);
  CHECK(dw->median == 0.20);
  CHECK(dw->p10 == 0.05);
  CHECK(dw->p90 == 0.50);
  CHECK(dw->reports == 154);
  CHECK(practice::figure("attribution")->reports == 216);
  CHECK(practice::figure("drop_off")->median == 0.215);
  CHECK(practice::figure("displacement") == nullptr);  // practice reports none
  // Deadweight 80 % is above the p90 of 50 %; attribution 30 % lies inside 10-53 %.
  const auto lint = practice::lints(model_with(", deadweight: 0.8, attribution: 0.3"));
  REQUIRE(lint.size() == 1);
  CHECK(lint.front().code == "practice.outside_band");
  CHECK(lint.front().text.find("deadweight 80% lies outside what SROI practice reports (the middle 80% of reports 5-50%") !=
        std::string::npos);
  // No adjustment at all: the lint says so, and value() repeats it among its warnings.
  CHECK(has_code(practice::lints(model_with("")), "practice.no_adjustments"));
  CHECK(has_code(value(model_with("")).warnings, "practice.no_adjustments"));
  // The edges of the band are inside it.
  CHECK(practice::lints(model_with(", deadweight: 0.05, attribution: 0.53, drop_off: 0.5")).empty());
}

TEST_CASE("practice: defaults: practice fills unstated adjustments with the practice distributions") {
  const Model m = model_with(", attribution: 0.3", "defaults: practice\n");
  CHECK(m.valuation.defaults == AdjustmentDefaults::practice);
  CHECK(io::parse_model(io::dump_model(m), io::Format::json) == m);  // written back
  const ValueResult r = value(m);
  // Deadweight is the practice beta's central value (its mean), attribution the stated 0.3,
  // displacement 0 (practice has no figure); one year, no drop-off applies in year 1.
  const auto& f = *practice::figure("deadweight");
  const double dw = f.low + (1 - f.low) * f.alpha / (f.alpha + f.beta);
  CHECK(r.outcomes.at(0).deadweight == doctest::Approx(dw).epsilon(1e-12));
  CHECK(r.present_value == doctest::Approx(1000 * (1 - dw) * (1 - 0.3)).epsilon(1e-12));
  CHECK(has_code(r.assumptions, "value.practice_default"));
  CHECK(has_code(r.assumptions, "value.practice_no_displacement"));
  CHECK_FALSE(has_code(r.assumptions, "value.deadweight_default"));
  CHECK_FALSE(has_code(r.warnings, "practice.no_adjustments"));  // filled, so not "none stated"
  CHECK_THROWS_WITH_AS(model_with("", "defaults: typical\n"), doctest::Contains("defaults"), ValidationError);
}
