#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "impactchain/reliability.hpp"
#include "soft_csv.hpp"
#include "support.hpp"

using namespace impactchain;

TEST_CASE("cronbach_alpha: hand calculation on a 4 x 3 example") {
  Eigen::MatrixXd x(4, 3);
  x << 1, 2, 3,
       2, 2, 4,
       3, 4, 4,
       4, 5, 5;
  // item variances 5/3, 9/4, 2/3 (sum 55/12); totals 6, 8, 11, 14 -> variance 147/12;
  // alpha = 3/2 * (1 - (55/12)/(147/12)) = 3/2 * 92/147 = 46/49.
  const AlphaResult r = cronbach_alpha(x, MissingPolicy::listwise);
  CHECK(r.alpha == doctest::Approx(46.0 / 49).epsilon(1e-12));
  CHECK(r.n == 4);
  // drop item 0: items (2,2,4,5), (3,4,4,5): vars 9/4, 2/3; totals 5,6,8,10 var 29/6 (mean 7.25, ss 14.75 -> /3)
  // alpha = 2 * (1 - (9/4 + 2/3)/(59/12)) = 2 * (1 - 35/59) = 48/59
  CHECK(r.alpha_if_dropped[0] == doctest::Approx(48.0 / 59).epsilon(1e-12));
  // item-rest r for item 2 (c): rest = a+b = 3,4,7,9; c = 3,4,4,5.
  // cov = sum((c-4)(rest-5.75))/3 = ((-1)(-2.75) + 0 + 0 + (1)(3.25))/3 = 6/3 = 2; var(rest) = (7.5625+3.0625+1.5625+10.5625)/3 = 22.75/3
  // r = 2 / sqrt(2/3 * 22.75/3)
  CHECK(r.item_rest_r[2] == doctest::Approx(2.0 / std::sqrt(2.0 / 3 * 22.75 / 3)).epsilon(1e-12));
  // Feldt CI contains alpha, lower < alpha < upper
  CHECK(r.ci_low < r.alpha);
  CHECK(r.ci_high > r.alpha);
  CHECK(r.ci_high < 1);
}

TEST_CASE("cronbach_alpha agrees with pingouin's documented values (cronbach_wide_missing)") {
  // pingouin.cronbach_alpha docstring (v0.5.x), which states R psych::alpha gives the same:
  //   pairwise  -> (0.732660835214447, [0.435, 0.909])
  //   listwise  -> (0.8016949152542373, [0.581, 0.933])
  const auto csv = soft_test::read_csv(std::string(IMPACTCHAIN_PEERS_DATA) + "/pingouin/cronbach_wide_missing.csv");
  if (csv.values.size() == 0) {
    MESSAGE("skipped: peers data set pingouin/cronbach_wide_missing.csv not found");
    return;
  }
  const AlphaResult p = cronbach_alpha(csv.values, MissingPolicy::pairwise, 0.95, csv.header);
  CHECK(p.alpha == doctest::Approx(0.732660835214447).epsilon(1e-12));
  CHECK(p.ci_low == doctest::Approx(0.435).epsilon(1.2e-3));
  CHECK(p.ci_high == doctest::Approx(0.909).epsilon(6e-4));
  CHECK(p.n == 12);
  CHECK(p.missing == MissingPolicy::pairwise);
  const AlphaResult l = cronbach_alpha(csv.values, MissingPolicy::listwise, 0.95, csv.header);
  CHECK(l.alpha == doctest::Approx(0.8016949152542373).epsilon(1e-12));
  CHECK(l.n == 9);  // rows 2, 5, 9 have missing cells
  // pingouin's listwise CI [0.581, 0.933] uses n = 12 (the rows before deletion); we use the
  // 9 rows alpha rests on. Feldt with df1 = 8, df2 = 80; F quantiles from scipy.stats.f.isf:
  // F_{0.025}(8, 80) upper = 2.354941128642467, F_{0.975} = 0.26621623307675507.
  CHECK(l.ci_low == doctest::Approx(1 - (1 - 0.8016949152542373) * 2.354941128642467).epsilon(1e-12));
  CHECK(l.ci_high == doctest::Approx(1 - (1 - 0.8016949152542373) * 0.26621623307675507).epsilon(1e-12));
}

TEST_CASE("cronbach_alpha bad input: constant item, all-missing item, one item, bad option") {
  Eigen::MatrixXd x(3, 3);
  x << 1, 2, 3,
       1, 3, 4,
       1, 4, 4;
  CHECK_THROWS_WITH_AS(cronbach_alpha(x, MissingPolicy::pairwise, 0.95, {"a", "b", "c"}),
                       doctest::Contains("item 'a': is constant (variance 0)"), ValidationError);
  x << NaN, 2, 3,
       NaN, 3, 4,
       NaN, 4, 4;
  CHECK_THROWS_WITH_AS(cronbach_alpha(x), doctest::Contains("item 0': all responses are missing"), ValidationError);
  CHECK_THROWS_WITH_AS(cronbach_alpha(Eigen::MatrixXd::Ones(3, 1)), doctest::Contains("at least 2 items"), ValidationError);
  CHECK_THROWS_WITH_AS(from_string<MissingPolicy>("mean"), "missing: must be one of 'pairwise', 'listwise', got 'mean'", ValidationError);
  Eigen::MatrixXd y(3, 2);
  y << 1, NaN, 2, 3, NaN, 4;
  CHECK_THROWS_WITH_AS(cronbach_alpha(y, MissingPolicy::pairwise, 0.95, {"a", "b"}),
                       "items 'a', 'b': only 1 respondent answered both; pairwise covariance needs at least 2",
                       ValidationError);
  CHECK_THROWS_WITH_AS(cronbach_alpha(y, MissingPolicy::listwise),
                       "items: listwise deletion leaves 1 complete row; need at least 2", ValidationError);
  y << 1, NaN, 2, NaN, NaN, 4;  // no row answers both
  CHECK_THROWS_WITH_AS(cronbach_alpha(y, MissingPolicy::pairwise, 0.95, {"a", "b"}),
                       "items 'a', 'b': no respondent answered both; pairwise covariance needs at least 2",
                       ValidationError);
  CHECK_THROWS_WITH_AS(cronbach_alpha(y, MissingPolicy::listwise),
                       "items: listwise deletion leaves no complete row; need at least 2", ValidationError);
  y << 1, 2, NaN, 3, NaN, 4;  // the first item's variance (the diagonal "pair") rests on one answer
  CHECK_THROWS_WITH_AS(cronbach_alpha(y, MissingPolicy::pairwise, 0.95, {"a", "b"}),
                       "item 'a': only 1 respondent answered it; its variance needs at least 2", ValidationError);
}

TEST_CASE("cronbach_alpha reports a negative alpha") {
  Eigen::MatrixXd x(4, 2);
  x << 1, 4, 2, 2, 3, 3, 4, 1;  // cov -4/3, variances 5/3: alpha = 2 (1 - (10/3)/(2/3)) = -8
  const AlphaResult r = cronbach_alpha(x, MissingPolicy::listwise);
  CHECK(r.alpha == doctest::Approx(-8.0));
  bool warned = false;
  for (const auto& w : r.warnings) warned = warned || w.text.find("negative") != std::string::npos;
  CHECK(warned);
}
