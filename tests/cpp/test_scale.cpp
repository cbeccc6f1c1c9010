#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "impactchain/scale.hpp"
#include "support.hpp"

using namespace impactchain;

TEST_CASE("swemwbs_metric matches the published Warwick conversion table for every raw total") {
  // Stewart-Brown et al. (2009); Warwick Medical School SWEMWBS raw -> metric conversion table.
  const double published[29] = {7.00,  9.51,  11.25, 12.40, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36,
                                16.88, 17.43, 17.98, 18.59, 19.25, 19.98, 20.73, 21.54, 22.35, 23.21,
                                24.11, 25.03, 26.02, 27.03, 28.13, 29.31, 30.70, 32.55, 35.00};
  Eigen::VectorXd raw(29);
  for (int i = 0; i < 29; ++i) raw[i] = 7 + i;
  const Eigen::VectorXd m = swemwbs_metric(raw);
  for (int i = 0; i < 29; ++i) CHECK(m[i] == doctest::Approx(published[i]).epsilon(1e-15));
  Eigen::VectorXd with_nan(2);
  with_nan << NaN, 20;
  const Eigen::VectorXd m2 = swemwbs_metric(with_nan);
  CHECK(std::isnan(m2[0]));
  CHECK(m2[1] == doctest::Approx(18.59));
}

TEST_CASE("swemwbs_metric rejects raw totals outside 7-35 and non-integers") {
  Eigen::VectorXd r(1);
  r << 6;
  CHECK_THROWS_WITH_AS(swemwbs_metric(r), doctest::Contains("integer in [7, 35], got 6"), ValidationError);
  r << 36;
  CHECK_THROWS_AS(swemwbs_metric(r), ValidationError);
  r << 20.5;
  CHECK_THROWS_WITH_AS(swemwbs_metric(r), doctest::Contains("raw[0]"), ValidationError);
}

TEST_CASE("score_scale: reverse keying, sum and mean") {
  ScaleDefinition d;
  d.id = "toy";
  d.items = {"a", "b", "c"};
  d.item_min = 1;
  d.item_max = 5;
  d.reverse_items = {"b"};
  Eigen::MatrixXd x(2, 3);
  x << 1, 2, 3,   // b reversed: 1+5-2 = 4 -> 1 + 4 + 3 = 8
       5, 5, 5;   // 5 + 1 + 5 = 11
  ScaleScores s = score_scale(d, x);
  CHECK(s.score[0] == 8);
  CHECK(s.score[1] == 11);
  d.scoring = ScaleScoring::mean;
  s = score_scale(d, x);
  CHECK(s.score[0] == doctest::Approx(8.0 / 3));
  CHECK(s.score[1] == doctest::Approx(11.0 / 3));
}

TEST_CASE("score_scale: the keyed item scores are the score's terms, a missing answer missing") {
  ScaleDefinition d;
  d.id = "toy";
  d.items = {"a", "b", "c"};
  d.item_min = 1;
  d.item_max = 5;
  d.reverse_items = {"b"};
  d.max_missing = 1;
  Eigen::MatrixXd x(3, 3);
  x << 1, 2, 3,    // b reversed: 1 + 5 - 2 = 4
       5, 1, NaN,  // b reversed: 1 + 5 - 1 = 5; c not answered
       2, 5, 4;    // b reversed: 1 + 5 - 5 = 1
  const ScaleScores s = score_scale(d, x);
  REQUIRE(s.keyed.rows() == 3);
  REQUIRE(s.keyed.cols() == 3);
  CHECK(s.keyed(0, 0) == 1);
  CHECK(s.keyed(0, 1) == 4);
  CHECK(s.keyed(0, 2) == 3);
  CHECK(s.keyed(1, 0) == 5);
  CHECK(s.keyed(1, 1) == 5);
  CHECK(std::isnan(s.keyed(1, 2)));  // not pro-rated: the answer that was not given
  CHECK(s.keyed(2, 1) == 1);
  CHECK(s.raw[0] == 1 + 4 + 3);
  CHECK(s.raw[1] == doctest::Approx((5.0 + 5.0) / 2 * 3));  // pro-rated: the mean of the two answers, times 3
  CHECK(s.raw[2] == 2 + 1 + 4);
}

TEST_CASE("score_scale: pro-rating up to max_missing, else missing and counted") {
  ScaleDefinition d;
  d.id = "toy";
  d.items = {"a", "b", "c", "d"};
  d.max_missing = 1;
  Eigen::MatrixXd x(3, 4);
  x << 1, 2, 3, NaN,    // mean of answered (2) * 4 = 8
       1, NaN, NaN, 4,  // 2 missing > 1 -> missing
       1, 1, 1, 1;
  const ScaleScores s = score_scale(d, x);
  CHECK(s.score[0] == doctest::Approx(8.0));
  CHECK(std::isnan(s.score[1]));
  CHECK(s.score[2] == 4);
  CHECK(s.n_prorated == 1);
  CHECK(s.n_missing_score == 1);
  CHECK(s.n_missing[1] == 2);
  CHECK(s.warnings.size() == 2);
}

TEST_CASE("score_scale: SWEMWBS built-in sums then converts, and pro-rated totals are rounded and reported") {
  ScaleDefinition d = builtin_scale("swemwbs");
  CHECK(d.items.size() == 7);
  CHECK(d.licence.find("non-commercial") != std::string::npos);
  Eigen::MatrixXd x(2, 7);
  x << 3, 3, 3, 3, 3, 3, 3,      // raw 21 -> 19.25
       4, 4, 4, 4, 4, 4, NaN;    // pro-rated 28 -> 25.03 (needs max_missing 1)
  d.max_missing = 1;
  const ScaleScores s = score_scale(d, x);
  CHECK(s.raw[0] == 21);
  CHECK(s.score[0] == doctest::Approx(19.25));
  CHECK(s.score[1] == doctest::Approx(25.03));
  Eigen::MatrixXd y(2, 7);
  y << 3, 3, 3, 3, 3, 4, NaN,    // mean 19/6 * 7 = 22.1667 -> 22 -> 19.98
       1, 1, 1, 1, 1, 1, 1;      // 7 -> 7.00
  const ScaleScores t = score_scale(d, y);
  CHECK(t.raw[0] == doctest::Approx(19.0 / 6 * 7));
  CHECK(t.score[0] == doctest::Approx(19.98));
  CHECK(t.score[1] == doctest::Approx(7.0));
  CHECK(t.warnings.front().text.find("rounded") != std::string::npos);
}

TEST_CASE("built-in definitions: WEMWBS 14 items, ONS4 anxiety lower is better") {
  const auto w = builtin_scale("wemwbs");
  CHECK(w.items.size() == 14);
  CHECK(w.item_min == 1);
  CHECK(w.item_max == 5);
  CHECK_FALSE(w.licence.empty());
  const auto a = builtin_scale("ons4_anxiety");
  CHECK(a.item_min == 0);
  CHECK(a.item_max == 10);
  CHECK_FALSE(a.higher_is_better);
  CHECK(builtin_scale("ons4_life_satisfaction").higher_is_better);
  CHECK_THROWS_WITH_AS(builtin_scale("phq9"), doctest::Contains("unknown scale 'phq9'; known: wemwbs"), ValidationError);
  // A typo gets the nearest name.
  CHECK_THROWS_WITH_AS(builtin_scale("swembws"),
                       "scale: unknown scale 'swembws'; did you mean 'swemwbs'? known: wemwbs, swemwbs, "
                       "ons4_life_satisfaction, ons4_worthwhile, ons4_happiness, ons4_anxiety",
                       ValidationError);
}

TEST_CASE("scale: score range of sum, mean and the SWEMWBS metric") {
  // SWEMWBS: 7 items 1-5 summed -> 7..35 (the Rasch metric keeps 7.00-35.00).
  CHECK(builtin_scale("swemwbs").score_range() == std::pair<double, double>{7.0, 35.0});
  // WEMWBS: 14 items 1-5 summed -> 14..70.
  CHECK(builtin_scale("wemwbs").score_range() == std::pair<double, double>{14.0, 70.0});
  CHECK(builtin_scale("ons4_anxiety").score_range() == std::pair<double, double>{0.0, 10.0});
  ScaleDefinition d;
  d.items = {"a", "b", "c"};
  d.item_min = 0;
  d.item_max = 4;
  d.scoring = ScaleScoring::mean;
  CHECK(d.score_range() == std::pair<double, double>{0.0, 4.0});
}

TEST_CASE("score_scale bad input: out-of-range response, all-missing item, bad definition") {
  ScaleDefinition d;
  d.id = "toy";
  d.items = {"a", "b"};
  Eigen::MatrixXd x(2, 2);
  x << 1, 6, 2, 2;
  CHECK_THROWS_WITH_AS(score_scale(d, x), doctest::Contains("row 0, item 'b': response 6 is outside the item range [1, 5]"),
                       ValidationError);
  x << 1, NaN, 2, NaN;
  CHECK_THROWS_WITH_AS(score_scale(d, x), doctest::Contains("item 'b': all responses are missing"), ValidationError);
  Eigen::MatrixXd three(1, 3);
  three << 1, 1, 1;
  CHECK_THROWS_WITH_AS(score_scale(d, three), doctest::Contains("expected 2 item columns, got 3"), ValidationError);
  d.reverse_items = {"z"};
  CHECK_THROWS_WITH_AS(d.validate(), doctest::Contains("'z' is not one of the scale's items"), ValidationError);
  d.reverse_items = {};
  d.max_missing = 2;
  CHECK_THROWS_WITH_AS(d.validate(), doctest::Contains("max_missing"), ValidationError);
  d.max_missing = 0;
  d.item_min = 5;
  CHECK_THROWS_AS(d.validate(), ValidationError);
}

TEST_CASE("score_scale: answers outside the item range named row by row, the first 20, the rest counted") {
  ScaleDefinition d;
  d.id = "s";
  d.items = {"a", "b", "c"};
  d.item_min = 1;
  d.item_max = 5;
  Eigen::MatrixXd x = Eigen::MatrixXd::Constant(10, 3, 9.0);  // 30 answers of 9
  x(0, 1) = 3;
  try {
    score_scale(d, x);
    FAIL("refused");
  } catch (const ValidationError& e) {
    REQUIRE(e.issues().size() == 21);
    CHECK(e.issues()[0].path == "row 0, item 'a'");
    CHECK(e.issues()[1].path == "row 0, item 'c'");  // row 0's b is in range
    CHECK(e.issues()[2].path == "row 1, item 'a'");
    CHECK(e.issues()[20].message == "and 9 more responses outside the item range [1, 5] (29 in all)");
    // 10 rows x 3 items = 30 answers of 9, but row 0's b (3): 29 outside, 20 listed and 9 counted
    CHECK(e.count() == 29);
  }
}

TEST_CASE("score_scale counts each answer outside the range and each item nobody answered") {
  ScaleDefinition d;
  d.id = "s";
  d.items = {"a", "b", "c"};
  Eigen::MatrixXd x(2, 3);
  x << 0, NaN, 6,
       2, NaN, 3;  // a's 0 and c's 6 outside [1, 5]; b unanswered: 3 problems, all listed
  try {
    score_scale(d, x);
    FAIL("refused");
  } catch (const ValidationError& e) {
    CHECK(e.issues().size() == 3);
    CHECK(e.count() == 3);
  }
}

TEST_CASE("built-in scales name their licence by a code, and a definition's code and text agree") {
  CHECK(builtin_scale("wemwbs").licence_code == "warwick");
  CHECK(builtin_scale("swemwbs").licence_code == "warwick");
  CHECK(builtin_scale("ons4_anxiety").licence_code == "ons_ogl");
  CHECK(builtin_scale("swemwbs").licence.find("https://warwick.ac.uk/wemwbs") != std::string::npos);
  ScaleDefinition d;
  d.id = "own";
  d.items = {"a", "b"};
  d.licence = "Free to use.";
  d.validate();  // a text of one's own needs no code
  d.licence_code = "cc0";
  CHECK_THROWS_WITH_AS(d.validate(), doctest::Contains("scale 'own'.licence_code: unknown licence code 'cc0'"),
                       ValidationError);
  d.licence_code = "warwick";
  CHECK_THROWS_WITH_AS(d.validate(), doctest::Contains("scale 'own'.licence: licence code 'warwick' stands for"),
                       ValidationError);
}

TEST_CASE("a reverse item that is not an item gets a suggestion only for one clearly nearest item") {
  ScaleDefinition d;
  d.id = "v";
  d.items = {"q1", "q2", "q3", "q4", "q5"};
  d.reverse_items = {"q6"};  // as near to q1 as to q5: no guess
  CHECK_THROWS_WITH_AS(d.validate(), "scale 'v'.reverse_items: 'q6' is not one of the scale's items", ValidationError);
  d.items = {"optimistic", "useful", "relaxed"};
  d.reverse_items = {"usefull"};  // one letter from one item only
  CHECK_THROWS_WITH_AS(d.validate(),
                       "scale 'v'.reverse_items: 'usefull' is not one of the scale's items (did you mean 'useful'?)",
                       ValidationError);
}
