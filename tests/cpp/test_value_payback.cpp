// The payback of a valuation: the SROI Guide's simple months at the first year's pace, and whether
// the outcomes over every year they last bring the investment back at all (payback_reached).
// tests/python/test_value_payback.py mirrors these.
#include <doctest/doctest.h>

#include <string>

#include "impactchain/io.hpp"
#include "impactchain/value.hpp"

using namespace impactchain;

namespace {

ValueResult valued_for_years(int years) {
  return value(io::parse_model("name: x\ncurrency: EUR\nprice_year: 2024\ndiscount: {rate: 0}\n"
                               "investments: [{funder: city, amount: 100000}]\n"
                               "outcomes:\n  - {id: employed, quantity: 5, proxy: {value: 10000, currency: EUR}, "
                               "deadweight: 0.2, duration: " +
                                   std::to_string(years) + "}\n",
                               io::Format::yaml));
}

}  // namespace

TEST_CASE("a payback at the first year's pace that the outcomes never reach says so") {
  // 5 × 10,000 × (1 − 0.2) = 40,000 a year. At that pace 100,000 takes 100,000 / (40,000 / 12) =
  // 30 months; over one year the outcomes bring back 40,000 < 100,000: the payback never comes.
  const ValueResult one = valued_for_years(1);
  REQUIRE(one.payback_months);
  CHECK(*one.payback_months == doctest::Approx(30.0).epsilon(1e-14));
  CHECK(one.payback_effects == doctest::Approx(40000.0).epsilon(1e-14));
  REQUIRE(one.payback_reached);
  CHECK_FALSE(*one.payback_reached);
  // Over three years, 120,000 >= 100,000: reached, at the same 30 months.
  const ValueResult three = valued_for_years(3);
  CHECK(three.payback_effects == doctest::Approx(120000.0).epsilon(1e-14));
  REQUIRE(three.payback_reached);
  CHECK(*three.payback_reached);
  CHECK(*three.payback_months == doctest::Approx(30.0).epsilon(1e-14));
  // No investment: no payback, so nothing reached or not.
  const ValueResult none = value(io::parse_model(
      "name: x\ncurrency: EUR\nprice_year: 2024\noutcomes:\n  - {id: o, quantity: 5, proxy: {value: 10, currency: EUR}}\n",
      io::Format::yaml));
  CHECK_FALSE(none.payback_months);
  CHECK_FALSE(none.payback_reached);
}
