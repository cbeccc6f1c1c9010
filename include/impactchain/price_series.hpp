// Yearly price indices read from the files official publishers let you download:
// CBS StatLine table 83131NED/83131ENG (consumer prices, 2015 = 100) and ONS time
// series CSVs (such as YBGB, the GDP deflator at market prices). The model file
// names the file and the series (`price_index: {file: cpi.csv, series: "CBS 83131NED"}`);
// the loader reads it through parse_price_series and keeps where the numbers came from.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace impactchain {

/// A series the loader knows how to read, with what a report must say of its source.
struct PriceSeriesInfo {
  std::string series;     ///< as written in a model file: "CBS 83131NED", "ONS YBGB"
  std::string publisher;  ///< "CBS" (Statistics Netherlands), "ONS" (Office for National Statistics)
  std::string table;      ///< CBS table id or ONS series id (CDID)
  std::string title;      ///< the publisher's name of the table or series
  std::string licence;    ///< the publisher's licence of the figures
  std::string url;        ///< where to download it
};

/// The series a model file may name: CBS 83131NED and 83131ENG, and "ONS <CDID>" for any
/// ONS time series (four capitals or digits, e.g. ONS YBGB). Throws ValidationError at `path`
/// for another name.
PriceSeriesInfo price_series_info(const std::string& series, const std::string& path = "price_index.series");

/// The CBS tables a model file may name (for messages and docs).
std::vector<std::string> price_series_examples();

/// What a series file gave: the yearly index and what was read about it.
struct PriceSeriesRead {
  std::map<int, double> index;       ///< year -> index
  std::vector<int> provisional;      ///< years the publisher marks provisional (CBS: a `*` after the year)
  std::string base;                  ///< the index base as the file states it ("2015=100"), or empty
  int rows_used = 0;                 ///< data rows that gave a year's index
  int rows_other = 0;                ///< data rows of months, quarters or other categories (not used)
  std::vector<std::string> skipped;  ///< years without a figure in the file ("2026: '.'")
};

/// Reads the text of a series file in the publisher's own download layout. `label` names the
/// file in messages. Throws ValidationError at `path` naming the line and what was expected.
PriceSeriesRead parse_price_series(const std::string& text, const PriceSeriesInfo& info, const std::string& label,
                                   const std::string& path = "price_index.file");

}  // namespace impactchain
