// Price indices read from the publishers' own downloads (CBS StatLine 83131NED, ONS time
// series CSV) and through the model loader (`price_index: {file, series}`). The figures in
// these files are made up for the test; the layouts are the publishers'.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "impactchain/io.hpp"
#include "impactchain/price_series.hpp"
#include "impactchain/value.hpp"
#include "support.hpp"

using namespace impactchain;
namespace fs = std::filesystem;

namespace {


// StatLine's table download: labels, ';', decimal commas, a provisional year, months,
// another category, a year without a figure and the source line at the foot.
const std::string kStatLine =
    "\xEF\xBB\xBF\"Bestedingscategorie\xC3\xABn\";\"Perioden\";\"CPI (2015=100)\";\"CPI afgeleid (2015=100)\"\r\n"
    "\"000000 Alle bestedingen\";\"2020\";\"108,75\";\"108,80\"\r\n"
    "\"000000 Alle bestedingen\";\"2020 januari\";\"107,10\";\"107,20\"\r\n"
    "\"000000 Alle bestedingen\";\"2023\";\"128,00\";\"128,10\"\r\n"
    "\"000000 Alle bestedingen\";\"2024*\";\"132,00\";\"132,10\"\r\n"
    "\"000000 Alle bestedingen\";\"2025*\";\".\";\".\"\r\n"
    "\"011000 Voedingsmiddelen\";\"2023\";\"140,00\";\"140,00\"\r\n"
    "\"Bron: CBS\"\r\n";

// The open-data typed CSV (as cbsodata writes it): codes, ',' and decimal points.
const std::string kTyped =
    "ID,Bestedingscategorieen,Perioden,CPI_1,CPIAfgeleid_2,MaandmutatieCPI_3\n"
    "0,T001112  ,2020JJ00,108.75,108.8,\n"
    "1,T001112  ,2020MM01,107.1,107.2,0.1\n"
    "2,T001112  ,2023JJ00,128.0,128.1,\n"
    "3,CPI011000,2023JJ00,140.0,140.0,\n";

// An ONS time series download: metadata rows, then years, quarters and months.
const std::string kOns =
    "\"Title\",\"Gross Domestic Product at market prices: Implied deflator: SA\"\n"
    "\"CDID\",\"YBGB\"\n"
    "\"Source dataset ID\",\"UKEA\"\n"
    "\"PreUnit\",\"\"\n"
    "\"Unit\",\"2019=100\"\n"
    "\"Release date\",\"30-09-2025\"\n"
    "\"Next release\",\"\"\n"
    "\"Important notes\",\"\"\n"
    "\"2019\",\"100.0\"\n"
    "\"2023\",\"120.5\"\n"
    "\"2023 Q1\",\"119.0\"\n"
    "\"2023 JAN\",\"118.0\"\n";

}  // namespace

TEST_CASE("a CBS StatLine download gives the yearly index of all items") {
  const auto info = price_series_info("CBS 83131NED");
  CHECK(info.table == "83131NED");
  CHECK(info.licence == "CC BY 4.0");
  const PriceSeriesRead r = parse_price_series(kStatLine, info, "cpi.csv");
  CHECK(r.index == std::map<int, double>{{2020, 108.75}, {2023, 128.0}, {2024, 132.0}});
  CHECK(r.provisional == std::vector<int>{2024});
  CHECK(r.base == "2015=100");
  CHECK(r.rows_used == 3);
  CHECK(r.rows_other == 3);  // the month, the other category, the source line
  CHECK(r.skipped == std::vector<std::string>{"2025: '.'"});

  const PriceSeriesRead t = parse_price_series(kTyped, info, "cpi.csv");
  CHECK(t.index == std::map<int, double>{{2020, 108.75}, {2023, 128.0}});
  CHECK(t.provisional.empty());
  CHECK(t.rows_other == 2);
}

TEST_CASE("an ONS time series download gives the yearly figures of its series") {
  const auto info = price_series_info("ONS YBGB");
  CHECK(info.licence == "Open Government Licence v3.0");
  const PriceSeriesRead r = parse_price_series(kOns, info, "ybgb.csv");
  CHECK(r.index == std::map<int, double>{{2019, 100.0}, {2023, 120.5}});
  CHECK(r.base == "2019=100");
  CHECK(r.rows_other == 2);
  CHECK_THROWS_WITH_AS(parse_price_series(kOns, price_series_info("ONS L8GG"), "ybgb.csv"),
                       doctest::Contains("the file holds ONS series 'YBGB', the model names 'L8GG'"), ValidationError);
}

TEST_CASE("a series file that is not what it should be is refused with its line") {
  const auto cbs = price_series_info("CBS 83131NED");
  const std::pair<std::string, std::string> refused[] = {
      {"a;b\n1;2\n", "no column 'Perioden'"},
      {"Perioden;Waarde\n2020;1\n", "line 1: no CPI column"},
      {"Perioden;CPI_1\n2020;100\n2021;honderd\n", "cpi.csv: line 3, year 2021: expected a number, got 'honderd'"},
      {"Perioden;CPI_1\n2020;100\n2020JJ00;101\n", "line 3, year 2020: the year appears twice"},
      {"Perioden;CPI_1\n2020;0\n", "a price index must be above 0, got 0"},
      {"Perioden;CPI_1\n2020MM01;100\n", "no yearly figure found"},
  };
  for (const auto& [text, message] : refused) {
    CAPTURE(text);
    CHECK_THROWS_WITH_AS(parse_price_series(text, cbs, "cpi.csv"), doctest::Contains(message.c_str()), ValidationError);
  }
  CHECK_THROWS_WITH_AS(parse_price_series("\"Title\",\"x\"\n\"2020\",\"1\"\n", price_series_info("ONS YBGB"), "y.csv"),
                       doctest::Contains("no 'CDID' row"), ValidationError);
  CHECK_THROWS_WITH_AS(price_series_info("CBS 99999NED"), doctest::Contains("series must be one of"), ValidationError);
}

TEST_CASE("a model reads its price index from the publisher's file beside it") {
  const fs::path dir = fs::temp_directory_path() / "impactchain_price_series_test";
  fs::create_directories(dir);
  std::ofstream(dir / "cpi.csv", std::ios::binary) << kStatLine;
  const std::string model =
      "impactchain: 1\nname: x\ncurrency: EUR\nprice_year: 2024\n"
      "chain:\n  nodes:\n    - {id: a, level: activity, quantity: 10, unit: people}\n"
      "    - {id: b, level: outcome, unit: people}\n  edges: [{from: a, to: b, rate: 1}]\n"
      "outcomes:\n  - {id: o, node: b, proxy: {value: 100, currency: EUR, price_year: 2020, source: s}}\n"
      "investments: [{funder: city, amount: 1000}]\ndiscount: {rate: 0}\n"
      "price_index: {file: cpi.csv, series: CBS 83131NED, retrieved: 2026-11-30}\n";
  std::ofstream(dir / "model.yaml", std::ios::binary) << model;
  const Model m = io::load_model((dir / "model.yaml").string());
  REQUIRE(m.valuation.price_index_source.has_value());
  CHECK(m.valuation.price_index.at(2024) == 132.0);
  CHECK(m.valuation.price_index_source->provisional == std::vector<int>{2024});
  CHECK(m.valuation.price_index_source->file_date.size() == 10);
  // 10 people x 100 in 2020 prices x 132 / 108.75 (to 2024 prices), one year, discount rate 0.
  const ValueResult v = value(m);
  CHECK(v.present_value == doctest::Approx(10 * 100 * 132.0 / 108.75).epsilon(1e-12));
  std::string said;
  for (const auto& a : v.assumptions) said += a.text + "\n";
  CHECK(has(said, "price index: CBS 83131NED (CBS: 'Consumentenprijzen; prijsindex "
                  "2015=100', 2015=100), read from cpi.csv, retrieved 2026-11-30; licence CC BY 4.0"));
  CHECK(has(said, "the figures for 2024 are provisional"));
  // The written model carries the figures: it loads without the file and is the same model.
  const std::string dumped = io::dump_model(m);
  fs::remove(dir / "cpi.csv");
  CHECK(io::parse_model(dumped, io::Format::json) == m);
  // Without the file, the model file is refused at price_index.file.
  try {
    io::load_model((dir / "model.yaml").string());
    FAIL("a missing price index file was accepted");
  } catch (const ValidationError& e) {
    CHECK(e.issues().front().path == "price_index.file");
    CHECK(has(e.issues().front().message, "cannot read the price index file 'cpi.csv': no such file"));
  }
  // A path out of the model's folder is refused before anything is read.
  const std::string outside = model.substr(0, model.find("price_index")) +
                              "price_index: {file: ../cpi.csv, series: CBS 83131NED}\n";
  CHECK_THROWS_WITH_AS(io::parse_model(outside, io::Format::yaml, {}, dir.string()),
                       doctest::Contains("must lie in the model file's folder"), ValidationError);
  CHECK_THROWS_WITH_AS(io::parse_model(model.substr(0, model.find("price_index")) +
                                           "price_index: {file: cpi.csv, series: CBS 83131NED, retrieved: 30-11-2026, "
                                           "index: {2020: 1}}\n",
                                       io::Format::yaml),
                       doctest::Contains("retrieved must be a date written YYYY-MM-DD"), ValidationError);
  fs::remove_all(dir);
}
