// Exact quantiles of a long Monte Carlo run without keeping its draws (streamed_quantiles.hpp).
#include "streamed_quantiles.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <utility>

#include "impactchain/detail/parallel.hpp"

namespace impactchain::detail {

StreamedQuantiles::StreamedQuantiles(std::size_t columns, std::size_t draws, std::size_t pilot,
                                     std::vector<double> levels)
    : columns_(columns),
      draws_(draws),
      pilot_(pilot),
      levels_(std::move(levels)),
      pilot_values_(pilot * columns),
      pilot_finite_(columns, 0) {}

void StreamedQuantiles::pilot_values(std::size_t c, std::size_t d0, const double* v, std::size_t n) {
  std::copy(v, v + n, pilot_values_.data() + c * pilot_ + d0);
}

void StreamedQuantiles::start(std::size_t workers, unsigned threads) {
  brackets_.resize(columns_);
  parallel_items(columns_, threads, [&](unsigned, std::size_t c) {
    double* v = pilot_values_.data() + c * pilot_;
    // The pilot's finite values (non-finite draws are left out of the quantiles) give the
    // brackets, made for the finite values the whole run is expected to have.
    auto is_finite = [](double x) { return std::isfinite(x); };
    const std::size_t finite = std::all_of(v, v + pilot_, is_finite)
                                   ? pilot_
                                   : static_cast<std::size_t>(std::stable_partition(v, v + pilot_, is_finite) - v);
    if (finite < min_finite_pilot_) {
      spoilt_ = true;
      return;
    }
    const auto expected = static_cast<std::size_t>(
        std::llround(static_cast<double>(draws_) * static_cast<double>(finite) / static_cast<double>(pilot_)));
    brackets_[c].emplace(std::vector<double>(v, v + finite), std::max(expected, finite), levels_, 5.0);
    pilot_finite_[c] = finite;
  });
  if (!spoilt_) {  // else the run goes on for its moments; its quantiles come from the run again
    shares_.assign(workers, std::vector<std::optional<QuantileBrackets>>(columns_));
    for (std::size_t c = 0; c < columns_; ++c) {
      for (auto& share : shares_) share[c].emplace(brackets_[c]->empty_copy());
      brackets_[c]->add(pilot_values_.data() + c * pilot_, pilot_finite_[c]);
    }
  }
  std::vector<double>().swap(pilot_values_);
}

void StreamedQuantiles::add(unsigned w, std::size_t c, const double* v, std::size_t n, bool finite) {
  if (spoilt_) return;  // no bracket is filled any more: the run will be computed again
  if (finite) {
    shares_[w][c]->add(v, n);
    return;
  }
  std::vector<double> kept;  // a block with non-finite draws (rare): its finite values
  kept.reserve(n);
  std::copy_if(v, v + n, std::back_inserter(kept), [](double x) { return std::isfinite(x); });
  shares_[w][c]->add(kept.data(), kept.size());
}

std::optional<std::vector<std::vector<double>>> StreamedQuantiles::quantiles(unsigned threads) {
  if (spoilt_) return std::nullopt;
  for (auto& share : shares_)
    for (std::size_t c = 0; c < columns_; ++c) brackets_[c]->merge(*share[c]);
  shares_.clear();
  std::vector<std::vector<double>> qs(columns_);
  std::atomic<bool> missed{false};
  parallel_items(columns_, threads, [&](unsigned, std::size_t c) {
    std::optional<std::vector<double>> v = brackets_[c]->quantiles_of_added();
    if (v) qs[c] = std::move(*v);
    else missed = true;
  });
  if (missed) return std::nullopt;
  return qs;
}

}  // namespace impactchain::detail
