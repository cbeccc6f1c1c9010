// Test helper (soft tests): reads a numeric CSV with a header; empty cells are NaN.
#pragma once

#include <Eigen/Dense>

#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

namespace soft_test {

struct Csv {
  std::vector<std::string> header;
  Eigen::MatrixXd values;
};

inline Csv read_csv(const std::string& path) {
  std::ifstream in(path);
  Csv out;
  if (!in) return out;
  std::string line;
  std::getline(in, line);
  {
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) out.header.push_back(cell);
  }
  std::vector<std::vector<double>> rows;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<double> r;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) r.push_back(cell.empty() ? std::numeric_limits<double>::quiet_NaN() : std::stod(cell));
    while (r.size() < out.header.size()) r.push_back(std::numeric_limits<double>::quiet_NaN());
    rows.push_back(r);
  }
  out.values.resize(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(out.header.size()));
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (std::size_t j = 0; j < out.header.size(); ++j)
      out.values(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = rows[i][j];
  return out;
}

}  // namespace soft_test
