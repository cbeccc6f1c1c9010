// The core reads and writes numbers the same whatever the program's locale: a Dutch C++ tool that
// calls std::locale::global(std::locale("")) or setlocale(LC_ALL, "") keeps a decimal point in
// messages and notes (150000.5, not 150.000,5) and reads a CBS price-index file it was given.
// tests/python/test_locale_independence.py mirrors these under a real nl_NL locale.
#include <doctest/doctest.h>

#include <clocale>
#include <locale>
#include <sstream>
#include <string>

#include "impactchain/error.hpp"
#include "impactchain/icer.hpp"
#include "impactchain/price_series.hpp"

using namespace impactchain;

namespace {

// Numbers as a Dutch locale writes them: a decimal comma, a thousands dot, groups of three.
struct DecimalCommaPunct : std::numpunct<char> {
  char do_decimal_point() const override { return ','; }
  char do_thousands_sep() const override { return '.'; }
  std::string do_grouping() const override { return "\3"; }
};

// The program's C++ locale for one test case, the one before restored after it.
struct ScopedGlobalLocale {
  std::locale before;
  explicit ScopedGlobalLocale(const std::locale& l) : before(std::locale::global(l)) {}
  ~ScopedGlobalLocale() { std::locale::global(before); }
  ScopedGlobalLocale(const ScopedGlobalLocale&) = delete;
  ScopedGlobalLocale& operator=(const ScopedGlobalLocale&) = delete;
};

}  // namespace

TEST_CASE("numbers in messages and notes keep a decimal point under a program locale with a decimal comma") {
  const ScopedGlobalLocale dutch(std::locale(std::locale::classic(), new DecimalCommaPunct));
  std::ostringstream plain;  // the locale is in force: a stream made now writes Dutch numbers
  plain << 1234.5;
  REQUIRE(plain.str() == "1.234,5");
  CHECK(detail::num(150000.5) == "150000.5");
  CHECK(detail::num(0.0225) == "0.0225");
  const ValidationError e(std::vector<Issue>{Issue{"outcomes[0].quantity", "expected a number", 1234, 5}});
  CHECK(std::string(e.what()) == "line 1234, column 5: outcomes[0].quantity: expected a number");
  // A (0, 0), B (12345.678, 1), C (14000, 3): B's ICER against A is 12345.678, C's against B
  // (14000 - 12345.678) / 2 = 827.161, less: B is extendedly dominated, its note gives both to six
  // digits, 12345.7 and 827.161 (read back as 12 when the note's text was read in the locale).
  const IcerTable t = icers({"A", "B", "C"}, {0, 12345.678, 14000}, {0, 1, 3});
  const IcerRow* b = nullptr;
  for (const auto& r : t.rows)
    if (r.strategy == "B") b = &r;
  REQUIRE(b != nullptr);
  CHECK(b->status == DominanceStatus::ED);
  REQUIRE(b->note.param("icer") != nullptr);
  CHECK(std::get<double>(b->note.param("icer")->value) == 12345.7);
  CHECK(std::get<double>(b->note.param("icer_b")->value) == 827.161);
  CHECK(b->note.text.find("(12345.7)") != std::string::npos);
}

TEST_CASE("a price-index file reads the same under a C locale with a decimal comma, where the system has one") {
  // setlocale changes what strtod takes for a decimal point; nl_NL is not on every system (a
  // minimal one has only C and C.UTF-8): without it the case says so and checks the C locale.
  const std::string file =
      "\"Bestedingscategorie\xC3\xABn\";\"Perioden\";\"CPI (2015=100)\";\"CPI afgeleid (2015=100)\"\r\n"
      "\"000000 Alle bestedingen\";\"2020\";\"108,75\";\"108,80\"\r\n"
      "\"000000 Alle bestedingen\";\"2024\";\"132,00\";\"132,10\"\r\n";
  const std::string before = std::setlocale(LC_NUMERIC, nullptr);
  const char* set = nullptr;
  for (const char* name : {"nl_NL.UTF-8", "nl_NL.utf8", "nl_NL"})
    if (!set) set = std::setlocale(LC_NUMERIC, name);
  if (!set) MESSAGE("no nl_NL locale on this system: the price file is read under the C locale only");
  const PriceSeriesRead r = parse_price_series(file, price_series_info("CBS 83131NED"), "cpi.csv");
  std::setlocale(LC_NUMERIC, before.c_str());
  CHECK(r.index == std::map<int, double>{{2020, 108.75}, {2024, 132.0}});
}
