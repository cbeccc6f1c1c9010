// Discount schedules against hand calculations of the published rates
// (HM Treasury Green Book 2022 Annex A6 bands; Dutch MKBA 2.25 %).
#include <doctest/doctest.h>

#include <cmath>

#include "impactchain/discount.hpp"

using namespace impactchain;

TEST_CASE("discount: constant rate is (1+r)^-t") {
  const auto s = DiscountSchedule::constant(0.05);
  CHECK(s.factor(0) == 1.0);
  CHECK(s.factor(1) == doctest::Approx(1 / 1.05).epsilon(1e-14));
  CHECK(s.factor(3) == doctest::Approx(1 / (1.05 * 1.05 * 1.05)).epsilon(1e-14));
  const auto f = s.factors(2);
  REQUIRE(f.size() == 3);
  CHECK(f[2] == doctest::Approx(1 / 1.1025).epsilon(1e-14));
  CHECK(s.describe() == "constant 5%");
}

TEST_CASE("discount: Green Book standard STPR is cumulative across bands") {
  const auto g = DiscountSchedule::green_book();
  // Years 1-30 at 3.5 %: D_30 = 1.035^-30.
  CHECK(g.rate(30) == 0.035);
  CHECK(g.rate(31) == 0.030);
  CHECK(g.factor(1) == doctest::Approx(1 / 1.035).epsilon(1e-14));
  CHECK(g.factor(30) == doctest::Approx(std::pow(1.035, -30)).epsilon(1e-13));
  // Year 31 is the first at 3.0 %: D_31 = 1.035^-30 · 1.03^-1.
  CHECK(g.factor(31) == doctest::Approx(std::pow(1.035, -30) / 1.03).epsilon(1e-13));
  // Year 76 is the first at 2.5 %: D_76 = 1.035^-30 · 1.03^-45 · 1.025^-1.
  CHECK(g.factor(76) == doctest::Approx(std::pow(1.035, -30) * std::pow(1.03, -45) / 1.025).epsilon(1e-12));
  // Year 126 (2.0 %), 201 (1.5 %) and 301 (1.0 %).
  const double d125 = std::pow(1.035, -30) * std::pow(1.03, -45) * std::pow(1.025, -50);
  CHECK(g.factor(126) == doctest::Approx(d125 / 1.02).epsilon(1e-12));
  const double d300 = d125 * std::pow(1.02, -75) * std::pow(1.015, -100);
  CHECK(g.factor(300) == doctest::Approx(d300).epsilon(1e-12));
  CHECK(g.factor(301) == doctest::Approx(d300 / 1.01).epsilon(1e-12));
  // By hand: ln 1.035 = 0.0344014, × 30 = 1.032042, e^1.032042 = 2.806794, 1/2.806794 = 0.356278;
  // 0.356278 / 1.03 = 0.345901. To four decimals (the precision of the Annex A6 table):
  CHECK(std::round(g.factor(30) * 1e4) / 1e4 == doctest::Approx(0.3563));
  CHECK(std::round(g.factor(31) * 1e4) / 1e4 == doctest::Approx(0.3459));
}

TEST_CASE("discount: Green Book health schedule") {
  const auto h = DiscountSchedule::green_book_health();
  CHECK(h.factor(30) == doctest::Approx(std::pow(1.015, -30)).epsilon(1e-13));
  CHECK(h.factor(31) == doctest::Approx(std::pow(1.015, -30) / 1.0129).epsilon(1e-13));
  CHECK(h.factor(76) == doctest::Approx(std::pow(1.015, -30) * std::pow(1.0129, -45) / 1.0107).epsilon(1e-12));
  CHECK(h.rate(126) == 0.0086);
  CHECK(h.rate(201) == 0.0064);
  CHECK(h.rate(400) == 0.0043);
}

TEST_CASE("discount: Dutch 2.25 % and presets by name") {
  const auto nl = DiscountSchedule::named("nl_2021");
  CHECK(nl.factor(10) == doctest::Approx(std::pow(1.0225, -10)).epsilon(1e-13));
  CHECK(DiscountSchedule::named("green_book").name() == "green_book");
  CHECK_THROWS_WITH_AS(DiscountSchedule::named("greenbook"), doctest::Contains("unknown discount schedule 'greenbook'"),
                       ValidationError);
}

TEST_CASE("discount: first-year convention") {
  const auto s = DiscountSchedule::constant(0.1);
  // Default: year 1 is discounted once.
  CHECK(s.factor_for_year(1) == doctest::Approx(1 / 1.1));
  CHECK(s.factor_for_year(2, true) == doctest::Approx(1 / 1.21));
  // Year-1 values undiscounted: year y uses D_{y-1}.
  CHECK(s.factor_for_year(1, false) == 1.0);
  CHECK(s.factor_for_year(2, false) == doctest::Approx(1 / 1.1));
  CHECK_THROWS_AS(s.factor_for_year(0), std::invalid_argument);
}

TEST_CASE("discount: rates by year, the last repeating") {
  const auto s = DiscountSchedule::from_rates({0.05, 0.04});
  CHECK(s.rate(1) == 0.05);
  CHECK(s.rate(2) == 0.04);
  CHECK(s.rate(9) == 0.04);
  CHECK(s.factor(3) == doctest::Approx(1 / (1.05 * 1.04 * 1.04)).epsilon(1e-14));
}

TEST_CASE("discount: bands") {
  const auto s = DiscountSchedule::from_bands({{1, 2, 0.10}, {3, std::nullopt, 0.0}});
  CHECK(s.factor(2) == doctest::Approx(1 / 1.21));
  CHECK(s.factor(5) == doctest::Approx(1 / 1.21));
  // A closed last band's rate continues.
  const auto c = DiscountSchedule::from_bands({{0, 1, 0.10}, {2, 2, 0.20}});
  CHECK(c.factor(3) == doctest::Approx(1 / (1.1 * 1.2 * 1.2)));
}

TEST_CASE("discount: bad input names the field") {
  CHECK_THROWS_WITH_AS(DiscountSchedule::constant(1.5), "rate: discount rate must be in [0, 1], got 1.5", ValidationError);
  CHECK_THROWS_WITH_AS(DiscountSchedule::constant(-0.01), doctest::Contains("must be in [0, 1]"), ValidationError);
  CHECK_THROWS_WITH_AS(DiscountSchedule::from_rates({0.03, 2.0}), doctest::Contains("rates[1]"), ValidationError);
  CHECK_THROWS_AS(DiscountSchedule::from_rates({}), ValidationError);
  CHECK_THROWS_WITH_AS(DiscountSchedule::from_bands({{0, 30, 0.035}, {32, std::nullopt, 0.03}}),
                       doctest::Contains("bands[1].from: bands leave a gap or overlap: expected a band starting at year 31, got 32"),
                       ValidationError);
  CHECK_THROWS_WITH_AS(DiscountSchedule::from_bands({{0, std::nullopt, 0.035}, {31, std::nullopt, 0.03}}),
                       doctest::Contains("bands[0].to: only the last band may be open-ended"), ValidationError);
  CHECK_THROWS_WITH_AS(DiscountSchedule::from_bands({{5, 9, 0.035}}), doctest::Contains("start at year 0 or 1"),
                       ValidationError);
  CHECK_THROWS_AS(DiscountSchedule::constant(0.1).factor(-1), std::invalid_argument);
}

TEST_CASE("discount: time indices and loose bands outside the documented range are refused") {
  const auto s = DiscountSchedule::constant(0.1);
  // factors(n) allocates n + 1 numbers: n is capped at kMaxDiscountYear (1000).
  CHECK_THROWS_WITH_AS(s.factors(999999999), "n must be a time index in [0, 1000] years, got 999999999", std::invalid_argument);
  CHECK_THROWS_WITH_AS(s.factor(1001), "t must be a time index in [0, 1000] years, got 1001", std::invalid_argument);
  CHECK_THROWS_WITH_AS(s.factor_for_year(0), "year must be in [1, 1000], got 0", std::invalid_argument);
  CHECK(s.factors(1000).size() == 1001);
  CHECK(s.factor(2) == doctest::Approx(1.0 / (1.1 * 1.1)));
  CHECK_THROWS_WITH_AS(make_discount_band(0, 30, -0.99), doctest::Contains("rate: discount rate must be in [0, 1], got -0.99"),
                       ValidationError);
  CHECK_THROWS_WITH_AS(make_discount_band(-1, 30, 0.03), doctest::Contains("from: must be a year in [0, 1000], got -1"),
                       ValidationError);
  CHECK_THROWS_WITH_AS(make_discount_band(10, 5, 0.03), doctest::Contains("to: must be a year in [from, 1000], or no year for an open-ended band, got 5"),
                       ValidationError);
  const auto b = make_discount_band(0, std::nullopt, 0.035);
  CHECK(b.from == 0);
  CHECK_FALSE(b.to.has_value());
  CHECK(b.rate == 0.035);
}
