// detail/check.hpp and each enum's to_string/from_string: the message form of
// the argument checks, and the accepted spellings listed when one is wrong.
#include <doctest/doctest.h>

#include <limits>
#include <string>

#include "impactchain/aggregate.hpp"
#include "impactchain/detail/check.hpp"
#include "impactchain/montecarlo.hpp"
#include "impactchain/normalise.hpp"
#include "impactchain/parameter.hpp"
#include "impactchain/rank_uncertainty.hpp"
#include "impactchain/value_result.hpp"

using namespace impactchain;

namespace {
std::string message(const detail::IssueList& is) { return ValidationError::format(is.issues()); }
}  // namespace

TEST_CASE("argument checks: one message form, naming the place, the field, what was expected and what was given") {
  detail::IssueList is;
  CHECK_FALSE(detail::check_unit_interval(is, "outcomes[2].deadweight", "outcome 'employed': deadweight", 1.3));
  CHECK(message(is) == "outcomes[2].deadweight: outcome 'employed': deadweight must be in [0, 1], got 1.3");
  detail::IssueList bare;  // a bare argument: the path names it
  CHECK_FALSE(detail::check_open_unit_interval(bare, "level", "", 95));
  CHECK(message(bare) == "level: must be in (0, 1), got 95 (a percentage? 95 % is written 0.95)");
  detail::IssueList whole;  // 100 % is no level of an interval: no hint that would suggest 1
  CHECK_FALSE(detail::check_open_unit_interval(whole, "level", "", 100));
  CHECK(message(whole) == "level: must be in (0, 1), got 100");
  detail::IssueList more;
  CHECK(detail::check_unit_interval(more, "p", "", 0));
  CHECK(detail::check_unit_interval(more, "p", "", 1));
  CHECK_FALSE(detail::check_unit_interval(more, "p", "", std::numeric_limits<double>::quiet_NaN()));
  CHECK_FALSE(detail::check_finite(more, "x[3]", "", std::numeric_limits<double>::infinity()));
  CHECK_FALSE(detail::check_positive(more, "sd_pre", "", 0));
  CHECK_FALSE(detail::check_non_negative(more, "weights[1]", "weight", -0.5));
  CHECK_FALSE(detail::check_non_empty(more, "outcomes[0].id", "outcome id", ""));
  CHECK_FALSE(detail::check_count(more, "resamples", "", 5, 100, 10000000));
  CHECK_FALSE(detail::check_at_most(more, "draws", "", 11, 10));
  CHECK_FALSE(detail::check_at_least(more, "draws", "", 0, 1));
  CHECK_FALSE(detail::check_seed(more, "seed", max_seed + 1));
  CHECK_FALSE(detail::check_threads(more, "threads", 1025));
  CHECK_FALSE(detail::check_same_size(more, "post", "pre", 3, "post", 4));
  CHECK(message(more) ==
        "p: must be in [0, 1], got nan\n"
        "x[3]: must be finite, got inf\n"
        "sd_pre: must be > 0, got 0\n"
        "weights[1]: weight must be finite and >= 0, got -0.5\n"
        "outcomes[0].id: outcome id must not be empty\n"
        "resamples: must be in [100, 10000000], got 5\n"
        "draws: must be at most 10, got 11\n"
        "draws: must be at least 1, got 0\n"
        "seed: must be in [0, 2^63-1] (9223372036854775807), got 9223372036854775808\n"
        "threads: must be in [0, 1024] (0 = all hardware threads), got 1025\n"
        "post: sizes must agree: pre has 3, post has 4");
  CHECK_THROWS_WITH_AS(detail::require(detail::check_finite, "wtp", "willingness to pay", std::numeric_limits<double>::infinity()),
                       "wtp: willingness to pay must be finite, got inf", ValidationError);
  CHECK(detail::quote("employed") == "'employed'");
  CHECK(detail::quoted_list({"a", "b"}) == "'a', 'b'");
}

TEST_CASE("a share out of range: one wording with the percentage hint, for a checked number and a fixed parameter") {
  // 25 from 2 to 100 reads as a percentage: 25 / 100 = 0.25; 2 / 100 = 0.02; 100 / 100 = 1; 3.5 / 100 = 0.035.
  CHECK(detail::outside_unit_interval(25) == "be in [0, 1], got 25 (a percentage? 25 % is written 0.25)");
  CHECK(detail::outside_unit_interval(2) == "be in [0, 1], got 2 (a percentage? 2 % is written 0.02)");
  CHECK(detail::outside_unit_interval(100) == "be in [0, 1], got 100 (a percentage? 100 % is written 1)");
  // Outside 2 to 100 only the range is said: a slip (1.3), no share as a percentage (150, -25).
  CHECK(detail::outside_unit_interval(1.3) == "be in [0, 1], got 1.3");
  CHECK(detail::outside_unit_interval(150) == "be in [0, 1], got 150");
  CHECK(detail::outside_unit_interval(-25) == "be in [0, 1], got -25");
  CHECK(detail::outside_unit_interval(0).empty());
  CHECK(detail::outside_unit_interval(1).empty());
  // Both checks of a share say it in that wording.
  detail::IssueList is;
  CHECK_FALSE(detail::check_unit_interval(is, "discount.rates[0]", "discount rate", 3.5));
  CHECK(message(is) ==
        "discount.rates[0]: discount rate must be in [0, 1], got 3.5 (a percentage? 3.5 % is written 0.035)");
  CHECK(Parameter(3.5).check_within(0, 1) == "must be in [0, 1], got 3.5 (a percentage? 3.5 % is written 0.035)");
  CHECK(Parameter(1.3).check_within(0, 1) == "must be in [0, 1], got 1.3");
  // Another range is no share: no hint.
  CHECK(Parameter(25).check_within(0, 10) == "must be in [0, 10], got 25");
}

TEST_CASE("to_string and from_string: one spelling table per enum, errors list the accepted spellings") {
  CHECK(from_string<TornadoRange>("p10_p90") == TornadoRange::p10_p90);
  CHECK(std::string(to_string(TornadoRange::support)) == "support");
  CHECK_THROWS_WITH_AS(from_string<TornadoRange>("p5"), "tornado_range: must be one of 'p05_p95', 'p10_p90', 'support', got 'p5'",
                       ValidationError);
  CHECK_THROWS_WITH_AS(from_string<WeightModel>("dirichlett"),
                       "weight_model: must be one of 'dirichlet', 'uniform', got 'dirichlett' (did you mean 'dirichlet'?)",
                       ValidationError);
  CHECK(from_string<Aggregation>("generalized") == Aggregation::generalised);  // an alias, not listed
  CHECK_THROWS_WITH_AS(from_string<Aggregation>("mean"),
                       "aggregation: must be one of 'arithmetic', 'geometric', 'harmonic', 'generalised', got 'mean'",
                       ValidationError);
  CHECK_THROWS_WITH_AS(from_string<Normalisation>("softmax", "normalisations[1]"),
                       doctest::Contains("normalisations[1]: must be one of 'none', 'minmax', 'zscore', 'rank'"), ValidationError);
  CHECK(from_string<Adjustments>("additive") == Adjustments::additive);
  CHECK(from_string<DropOffStart>(to_string(DropOffStart::after_period)) == DropOffStart::after_period);
  CHECK_THROWS_WITH_AS(from_string<Adjustments>("sum"), "adjustments: must be one of 'multiplicative', 'additive', got 'sum'",
                       ValidationError);
}
