// Reading a model's price-index file (`price_index: {file, series}`) from the model file's folder.
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "impactchain/price_series.hpp"
#include "model_json.hpp"

namespace impactchain::io::detail {

namespace fs = std::filesystem;

namespace {

// The file's modification date, YYYY-MM-DD (UTC); empty when it cannot be read.
std::string modified_date(const fs::path& p) {
  std::error_code ec;
  const auto ft = fs::last_write_time(p, ec);
  if (ec) return {};
  const auto sys = std::chrono::time_point_cast<std::chrono::system_clock::duration>(
      ft - fs::file_time_type::clock::now() + std::chrono::system_clock::now());
  const std::time_t t = std::chrono::system_clock::to_time_t(sys);
  std::tm tm{};
  if (!gmtime_r(&t, &tm)) return {};
  char buf[11];
  return std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm) == 10 ? std::string(buf) : std::string();
}

}  // namespace

void read_price_file(Reader& r, PriceIndexSource& src, std::map<int, double>& index) {
  const std::string path = "price_index.file";
  const fs::path rel = fs::path(src.file).lexically_normal();
  if (rel.is_absolute() || rel.empty() || *rel.begin() == "..") {
    r.error(path, "the price index file must lie in the model file's folder (a relative path without '..'), got " +
                      impactchain::detail::quote(src.file));
    return;
  }
  PriceSeriesInfo info;
  try {
    info = price_series_info(src.series);
  } catch (const ValidationError&) {
    return;  // Model::problems names the series
  }
  const fs::path full = r.base_dir.empty() ? rel : fs::path(r.base_dir) / rel;
  std::error_code ec;
  const auto status = fs::status(full, ec);
  if (ec || !fs::exists(status)) {
    r.error(path, "cannot read the price index file " + impactchain::detail::quote(src.file) + ": no such file in " +
                      (r.base_dir.empty() ? std::string("the working directory") : impactchain::detail::quote(r.base_dir)));
    return;
  }
  if (!fs::is_regular_file(status)) {
    r.error(path, impactchain::detail::quote(src.file) + " is not a regular file (a directory, device or pipe)");
    return;
  }
  const auto size = fs::file_size(full, ec);
  if (ec || size > r.max_file_bytes) {
    r.error(path, impactchain::detail::quote(src.file) + " is larger than " + std::to_string(r.max_file_bytes) +
                      " bytes, more than a yearly price series needs");
    return;
  }
  std::ifstream in(full, std::ios::binary);
  std::string text(static_cast<std::size_t>(size), '\0');
  in.read(text.data(), static_cast<std::streamsize>(size));
  text.resize(static_cast<std::size_t>(in.gcount()));
  try {
    PriceSeriesRead got = parse_price_series(text, info, src.file, path);
    index = std::move(got.index);
    if (src.base.empty()) src.base = got.base;
    src.provisional = std::move(got.provisional);
    src.file_date = modified_date(full);
  } catch (const ValidationError& e) {
    for (const auto& issue : e.issues()) r.error(issue.path, issue.message);
  }
}

}  // namespace impactchain::io::detail
