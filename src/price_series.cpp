// Reading the publishers' own downloads of yearly price indices (see price_series.hpp).
#include "impactchain/price_series.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <system_error>
#include <utility>

#include "impactchain/detail/check.hpp"
#include "impactchain/error.hpp"

namespace impactchain {

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

bool all_digits(const std::string& s, std::size_t from, std::size_t n) {
  if (s.size() < from + n) return false;
  for (std::size_t i = from; i < from + n; ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

struct Row {
  std::vector<std::string> cells;
  int line = 0;  ///< line of the file the row starts on (1-based)
};

// Rows of a CSV text: `sep` between fields, fields in double quotes may hold separators,
// line breaks and "" for a quote.
std::vector<Row> split_rows(const std::string& text, char sep) {
  std::vector<Row> rows;
  Row row;
  std::string cell;
  bool quoted = false, any = false;
  int line = 1;
  row.line = 1;
  std::size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;  // a UTF-8 byte-order mark
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
    } else if (c == '"') {
      quoted = any = true;
    } else if (c == sep) {
      row.cells.push_back(std::move(cell));
      cell.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (any || !cell.empty()) {
        row.cells.push_back(std::move(cell));
        rows.push_back(std::move(row));
      }
      row = Row();
      cell.clear();
      any = false;
      row.line = ++line;
    } else {
      cell += c;
    }
  }
  if (any || !cell.empty()) {
    row.cells.push_back(std::move(cell));
    rows.push_back(std::move(row));
  }
  return rows;
}

// The separator of a CSV: ';' when the first line has one outside quotes, else ','.
char separator(const std::string& text) {
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    else if (!quoted && c == ';') return ';';
    else if (!quoted && c == '\n') break;
  }
  return ',';
}

struct Reading {
  const std::string& label;
  const std::string& path;
  PriceSeriesRead out;

  [[noreturn]] void fail(const std::string& message) const { throw ValidationError(path, label + ": " + message); }

  // A year's figure as publishers write it (a decimal point or comma); a blank or a publisher's
  // "no figure" mark (".", "..", "x", "-") is listed in `skipped`.
  void add(int year, const std::string& cell, int line, bool provisional) {
    const std::string where = "line " + std::to_string(line) + ", year " + std::to_string(year);
    std::string s = trim(cell);
    if (s.empty() || s == "." || s == ".." || s == "x" || s == "-") {
      out.skipped.push_back(std::to_string(year) + ": " + detail::quote(s));
      return;
    }
    std::replace(s.begin(), s.end(), ',', '.');
    // from_chars, not strtod: the C locale of the program (a Dutch one reads '.' as no decimal
    // point) must not decide whether a published figure is a number.
    const char* first = s.data() + (s[0] == '+' ? 1 : 0);
    double v = 0;
    const auto read = std::from_chars(first, s.data() + s.size(), v);
    if (read.ec != std::errc() || read.ptr != s.data() + s.size() || !std::isfinite(v))
      fail(where + ": expected a number, got " + detail::quote(trim(cell)));
    if (!(v > 0)) fail(where + ": a price index must be above 0, got " + detail::num(v));
    if (out.index.count(year)) fail(where + ": the year appears twice");
    out.index[year] = v;
    ++out.rows_used;
    if (provisional) out.provisional.push_back(year);
  }
};

// CBS StatLine 83131NED/ENG: the table's own CSV (Perioden as "2015" or "2024*", a column
// "CPI (2015=100)"), or the open-data typed CSV (Perioden as "2015JJ00", a column CPI_1);
// separator ';' or ','. Rows of all items only (category 000000 or T001112) when the file
// has a category column.
PriceSeriesRead read_cbs(const std::vector<Row>& rows, Reading& rd) {
  std::size_t h = 0;
  int period = -1, category = -1, value = -1;
  for (; h < rows.size() && period < 0; ++h) {
    const auto& cells = rows[h].cells;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::string name = lower(trim(cells[c]));
      if (name == "perioden" || name == "periods") period = static_cast<int>(c);
      else if (starts_with(name, "bestedingscategorie") || starts_with(name, "expenditure categor") ||
               starts_with(name, "expenditurecategor"))
        category = static_cast<int>(c);
      else if (value < 0 && starts_with(name, "cpi") && name.find("afgeleid") == std::string::npos &&
               name.find("derived") == std::string::npos && name.find("mutatie") == std::string::npos &&
               name.find("change") == std::string::npos && name.find("weging") == std::string::npos &&
               name.find("weight") == std::string::npos)
        value = static_cast<int>(c);
    }
    if (period >= 0 && value < 0)
      rd.fail("line " + std::to_string(rows[h].line) +
              ": no CPI column (expected 'CPI_1' or 'CPI (2015=100)' beside 'Perioden')");
  }
  if (period < 0)
    rd.fail("not a CBS StatLine download of " + std::string("the table: no column 'Perioden' (or 'Periods')"));
  const std::string header = trim(rows[h - 1].cells[static_cast<std::size_t>(value)]);
  const auto open = header.find('('), close = header.find(')');
  rd.out.base = open != std::string::npos && close != std::string::npos && close > open
                    ? header.substr(open + 1, close - open - 1)
                    : "2015=100";
  for (; h < rows.size(); ++h) {
    const Row& row = rows[h];
    const auto at = [&](int c) { return c >= 0 && static_cast<std::size_t>(c) < row.cells.size() ? trim(row.cells[static_cast<std::size_t>(c)]) : std::string(); };
    const std::string p = at(period);
    if (category >= 0) {
      const std::string code = at(category).substr(0, at(category).find(' '));
      if (code != "000000" && code != "T001112") {
        ++rd.out.rows_other;
        continue;
      }
    }
    const bool code_year = p.size() == 8 && all_digits(p, 0, 4) && p.compare(4, 4, "JJ00") == 0;
    const std::size_t stars = p.size() >= 4 ? p.find_first_not_of('*', 4) : 0;
    const bool label_year = p.size() >= 4 && all_digits(p, 0, 4) && stars == std::string::npos;
    if (!code_year && !label_year) {
      ++rd.out.rows_other;  // months, quarters, a footer such as "Bron: CBS"
      continue;
    }
    rd.add(std::stoi(p.substr(0, 4)), at(value), row.line, label_year && p.size() > 4);
  }
  return rd.out;
}

// ONS time series CSV: rows "Title", "CDID", "Unit", "Release date", ... then "1955","5.9" for
// years, "1955 Q1" and "1955 JAN" for quarters and months.
PriceSeriesRead read_ons(const std::vector<Row>& rows, Reading& rd, const std::string& cdid) {
  std::string found;
  for (const Row& row : rows) {
    if (row.cells.size() < 2) continue;
    const std::string key = trim(row.cells[0]);
    if (lower(key) == "cdid") found = trim(row.cells[1]);
    else if (lower(key) == "unit" && trim(row.cells[1]).find("=100") != std::string::npos) rd.out.base = trim(row.cells[1]);
    else if (key.size() >= 4 && all_digits(key, 0, 4)) {
      if (key.size() == 4) rd.add(std::stoi(key), row.cells[1], row.line, false);
      else ++rd.out.rows_other;
    }
  }
  if (found.empty()) rd.fail("not an ONS time series download: no 'CDID' row naming the series");
  if (lower(found) != lower(cdid))
    rd.fail("the file holds ONS series " + detail::quote(found) + ", the model names " + detail::quote(cdid));
  return rd.out;
}

}  // namespace

std::vector<std::string> price_series_examples() { return {"CBS 83131NED", "CBS 83131ENG", "ONS YBGB"}; }

PriceSeriesInfo price_series_info(const std::string& series, const std::string& path) {
  const std::string s = trim(series);
  if (s == "CBS 83131NED" || s == "CBS 83131ENG") {
    const bool nl = s.back() == 'D';
    return {s,
            "CBS",
            s.substr(4),
            nl ? "Consumentenprijzen; prijsindex 2015=100" : "Consumer prices; price index 2015=100",
            "CC BY 4.0",
            "https://opendata.cbs.nl/statline/#/CBS/" + std::string(nl ? "nl" : "en") + "/dataset/" + s.substr(4) +
                "/table"};
  }
  if (starts_with(s, "ONS ") && s.size() == 8) {
    const std::string cdid = s.substr(4);
    if (std::all_of(cdid.begin(), cdid.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)); }))
      return {s, "ONS", cdid,
              cdid == "YBGB" ? "Gross Domestic Product at market prices: implied deflator: SA" : "ONS time series " + cdid,
              "Open Government Licence v3.0",
              cdid == "YBGB" ? "https://www.ons.gov.uk/economy/grossdomesticproductgdp/timeseries/ybgb/ukea"
                             : "https://www.ons.gov.uk/search?q=" + cdid};
  }
  throw ValidationError(path, "series must be one of " + detail::quoted_list(std::vector<std::string>{"CBS 83131NED", "CBS 83131ENG"}) +
                                  " or 'ONS <series id>' (four capitals or digits, e.g. 'ONS YBGB'), got " +
                                  detail::quote(series));
}

PriceSeriesRead parse_price_series(const std::string& text, const PriceSeriesInfo& info, const std::string& label,
                                   const std::string& path) {
  Reading rd{label, path, {}};
  const std::vector<Row> rows = split_rows(text, separator(text));
  PriceSeriesRead out = starts_with(info.series, "ONS ") ? read_ons(rows, rd, info.table) : read_cbs(rows, rd);
  if (out.index.empty())
    rd.fail("no yearly figure found (" + std::to_string(out.rows_other) +
            " rows of months, quarters or other categories; yearly rows are what the model needs)");
  return out;
}

}  // namespace impactchain
