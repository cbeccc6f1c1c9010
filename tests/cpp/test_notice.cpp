// Notices: stable codes, typed params and one English template per code.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <string>

#include "impactchain/io.hpp"
#include "impactchain/notice.hpp"
#include "impactchain/reliability.hpp"
#include "impactchain/simulate.hpp"
#include "impactchain/value.hpp"
#include "support.hpp"

using namespace impactchain;

namespace {

const Notice* find(const std::vector<Notice>& v, const std::string& code, const std::string& outcome = "") {
  for (const auto& n : v)
    if (n.code == code && (outcome.empty() || (n.param("outcome") && n.param("outcome")->english() == outcome))) return &n;
  return nullptr;
}

}  // namespace

TEST_CASE("notice codes: unique, dotted lower-case identifiers, every {field} closed") {
  std::set<std::string> seen;
  for (const auto& c : notice_codes()) {
    const std::string code = c.code, tpl = c.english;
    CHECK(seen.insert(code).second);
    CHECK(code.find('.') != std::string::npos);
    CHECK(std::all_of(code.begin(), code.end(), [](char ch) { return std::islower(ch) || ch == '.' || ch == '_'; }));
    CHECK(std::count(tpl.begin(), tpl.end(), '{') == std::count(tpl.begin(), tpl.end(), '}'));
  }
}

TEST_CASE("notice: the English text is its template filled with the params") {
  const Notice n("value.no_drop_off", {text_param("outcome", "jobs"), real_param("years", 12.5)});
  CHECK(n.text == "outcome 'jobs': lasts 12.5 years with no drop-off");
  const Notice m("reliability.pairwise_n", {int_param("min_n", 7), int_param("n", 9)});
  CHECK(m.text == "pairwise: covariances rest on 7 to 9 respondents; the CI uses n = 9");  // a field used twice
  CHECK(m.param("n")->kind == ParamKind::integer);
  CHECK(std::get<long long>(m.param("n")->value) == 9);
  CHECK_THROWS_AS(Notice("value.no_such_code", {}), std::logic_error);
  CHECK_THROWS_AS(Notice("value.no_drop_off", {text_param("outcome", "jobs")}), std::logic_error);  // {years} missing
}

TEST_CASE("notice: a code that counts things has its own wording for a count of one") {
  CHECK(Notice("composite.winsorised", {int_param("count", 1)}).text == "1 value winsorised");
  CHECK(Notice("composite.winsorised", {int_param("count", 2)}).text == "2 values winsorised");
  CHECK(Notice("composite.winsorised", {int_param("count", 0)}).text == "0 values winsorised");
  const Notice one("scale.no_score", {int_param("count", 1), int_param("max_missing", 3)});
  CHECK(one.text == "1 respondent has no score (missing items: more than 3)");
  // Every singular counts: it has the {count} field, and the same fields as the code's template.
  auto fields = [](const std::string& t) {
    std::set<std::string> out;
    for (auto i = t.find('{'); i != std::string::npos; i = t.find('{', i + 1)) out.insert(t.substr(i, t.find('}', i) - i));
    return out;
  };
  int singulars = 0;
  for (const auto& c : notice_codes()) {
    if (!c.english_one) continue;
    CAPTURE(c.code);
    ++singulars;
    CHECK(fields(c.english_one).count("{count") == 1);
    CHECK(fields(c.english_one) == fields(c.english));
  }
  CHECK(singulars >= 14);
}

TEST_CASE("value(): assumptions and warnings carry codes and params (value_warnings.json)") {
  const auto r = value(golden("value_warnings.json"));
  // outcome 'jobs' gives no deadweight, displacement or attribution in the file.
  const Notice* dw = find(r.assumptions, "value.deadweight_default", "jobs");
  REQUIRE(dw);
  CHECK(dw->text == "outcome 'jobs': deadweight not given, taken as 0");
  // 'benefits' has a proxy without price year: taken as the model's 2024.
  const Notice* py = find(r.assumptions, "value.price_year_default", "benefits");
  REQUIRE(py);
  CHECK(std::get<long long>(py->param("price_year")->value) == 2024);
  // currency EUR and no discount section: the Dutch MKBA rate.
  const Notice* d = find(r.assumptions, "value.discount_default_eur");
  REQUIRE(d);
  CHECK(d->param("discount")->english() == "nl_2021 (2.25%)");
  CHECK(d->param("discount")->kind == ParamKind::discount);
  // 'jobs' lasts 5 years with no drop-off: a real-valued param.
  const Notice* lasts = find(r.warnings, "value.no_drop_off", "jobs");
  REQUIRE(lasts);
  CHECK(lasts->param("years")->kind == ParamKind::real);
  CHECK(std::get<double>(lasts->param("years")->value) == 5.0);
  // employed -> off_benefits in the chain: 'benefits' is downstream of 'jobs'.
  const Notice* dc = find(r.warnings, "value.double_counting_downstream", "jobs");
  REQUIRE(dc);
  CHECK(dc->param("node_b")->english() == "off_benefits");
  CHECK(find(r.warnings, "value.all_fixed"));
}

TEST_CASE("value(): a tiny investment's notice gives its amounts as money with the currency") {
  auto m = golden("value_warnings.json");
  m.valuation.investments[0].amount = Parameter::fixed(1e-9);
  const auto r = value(m);
  const Notice* t = find(r.warnings, "value.tiny_investment");
  REQUIRE(t);
  CHECK(t->param("investment_pv")->kind == ParamKind::money);
  CHECK(t->param("currency")->english() == "EUR");
}

TEST_CASE("simulate_model(): a tiny investment is said, as value() says it, with the central amounts") {
  // The investment 1e-9 is below kMinInvestmentForRatio (0.01): value() computes no ratio, and the
  // simulation, whose draws divide by it, says that its ratio means nothing.
  auto m = golden("value_warnings.json");
  m.valuation.investments[0].amount = Parameter::fixed(1e-9);
  SimulateOptions o;
  o.draws = 200;
  o.seed = 1;
  o.threads = 1;
  o.switching_values = false;
  const auto s = simulate_model(m, o);
  const Notice* t = find(s.result.warnings, "simulate.tiny_investment");
  REQUIRE(t);
  CHECK(std::get<double>(t->param("investment_pv")->value) == doctest::Approx(1e-9));
  CHECK(t->param("currency")->english() == "EUR");
  CHECK(!find(s.result.warnings, "simulate.no_positive_investment"));
  // The file's own investment of 50,000: no such warning.
  const auto plain = simulate_model(golden("value_warnings.json"), o);
  CHECK(!find(plain.result.warnings, "simulate.tiny_investment"));
}

TEST_CASE("cronbach_alpha: counts as integer params") {
  Eigen::MatrixXd x(4, 3);
  const double nan = std::nan("");
  x << 1, 2, 3, 2, nan, 4, 3, 4, 4, 4, 5, 5;
  const auto a = cronbach_alpha(x, MissingPolicy::listwise);
  REQUIRE(a.warnings.size() >= 1);
  CHECK(a.warnings[0].code == "reliability.listwise");
  CHECK(a.warnings[0].text == "listwise: 1 of 4 rows dropped for missing items");  // one row has a missing item
}
