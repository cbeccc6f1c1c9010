#include <doctest/doctest.h>

#include "impactchain/sustainability.hpp"

using namespace impactchain;

TEST_CASE("revenue profile: hand calculation") {
  // 50 municipality, 30 room hire, 20 fund: shares .5 .3 .2; HHI = .25 + .09 + .04 = .38
  const RevenueProfile p = revenue_profile({{"Gemeente", "municipality", 50}, {"room hire", "trading", 30}, {"Oranje Fonds", "grant", 20}});
  CHECK(p.total == 100);
  CHECK(p.hhi == doctest::Approx(0.38));
  CHECK(p.diversification == doctest::Approx(0.62));
  CHECK(p.diversification_normalised == doctest::Approx(0.62 / (2.0 / 3)));
  CHECK(p.effective_sources == doctest::Approx(1 / 0.38));
  CHECK(p.largest_source == "Gemeente");
  CHECK(p.largest_share == doctest::Approx(0.5));
  CHECK(p.municipality_share == doctest::Approx(0.5));
  CHECK(p.share_by_type.at("trading") == doctest::Approx(0.3));
}

TEST_CASE("revenue profile bad input") {
  CHECK_THROWS_WITH_AS(revenue_profile({{"a", "grant", -1}}), doctest::Contains("amount must be finite and >= 0"), ValidationError);
  CHECK_THROWS_WITH_AS(revenue_profile({{"a", "grant", 0}}), doctest::Contains("total revenue is 0"), ValidationError);
  CHECK_THROWS_AS(revenue_profile({}), ValidationError);
  const RevenueProfile p = revenue_profile({{"a", "grant", 1}});
  CHECK(p.warnings.size() == 1);
}

TEST_CASE("social capital profile: grouped bonding, bridging, linking") {
  const SocialCapitalProfile p = social_capital_profile({
      {"active volunteers per board member", "bonding", 6, 0, 10, true},       // 60
      {"board turnover", "bonding", 0.2, 0, 1, false},                         // 80
      {"partner organisations", "bridging", 15, 0, 20, true},                  // 75
      {"contact with municipality (1-5)", "linking", 4, 1, 5, true}});         // 75
  CHECK(p.dimension_score.at("bonding") == doctest::Approx(70));
  CHECK(p.dimension_score.at("bridging") == doctest::Approx(75));
  CHECK(p.dimension_score.at("linking") == doctest::Approx(75));
  CHECK(p.dimension_count.at("bonding") == 2);
  CHECK_THROWS_WITH_AS(social_capital_profile({{"x", "civic", 1, 0, 2, true}}), doctest::Contains("bonding, bridging or linking"), ValidationError);
  CHECK_THROWS_WITH_AS(social_capital_profile({{"x", "bonding", 3, 0, 2, true}}), doctest::Contains("outside [0, 2]"), ValidationError);
}
