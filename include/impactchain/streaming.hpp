// Streaming (chunked) summary statistics that can be merged across chunks, so large files
// need not fit in memory: weighted count, mean, variance, min, max and quantiles.
//
// Each chunk is summarised with Boost.Accumulators (weighted mean/variance, min, max);
// Boost.Accumulators has no merge, so the state kept between chunks is our own:
//   moments  - (sum of weights, mean, M2) merged with Chan, Golub & LeVeque (1979):
//              delta = mean_b - mean_a; mean = mean_a + delta W_b / W; M2 = M2_a + M2_b + delta^2 W_a W_b / W
//   quantiles - a histogram on a fixed grid (merge = add counts). On a discrete grid (one bin per
//              integer in [lo, hi], for item responses and scale totals) quantiles are exact; on a
//              continuous grid they are interpolated within a bin (error <= bin width).
// P-square quantile estimators (what Boost offers) are not mergeable, hence the histogram.
#pragma once

#include "impactchain/detail/eigen.hpp"
#include <boost/accumulators/accumulators.hpp>
#include <boost/accumulators/statistics/count.hpp>
#include <boost/accumulators/statistics/max.hpp>
#include <boost/accumulators/statistics/min.hpp>
#include <boost/accumulators/statistics/stats.hpp>
#include <boost/accumulators/statistics/sum.hpp>
#include <boost/accumulators/statistics/weighted_mean.hpp>
#include <boost/accumulators/statistics/weighted_variance.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "impactchain/detail/stats.hpp"
#include "impactchain/detail/check.hpp"
#include "impactchain/error.hpp"

namespace impactchain {

/// Most histogram bins a StreamingStats accepts (10^6), checked before the
/// counters are allocated. A summary holds one double per bin and add() builds
/// a second array of the same size per chunk, so 10^6 bins cost 16 MB at most;
/// a continuous grid of 10^6 bins already puts quantiles within a millionth of
/// [lo, hi] (far below the resolution of any survey score or measurement), and
/// a discrete grid of 10^6 integers covers every scale and score total.
inline constexpr long long max_histogram_bins = 1000000;

class StreamingStats {
 public:
  /// Exact quantiles for integer-valued data in [lo, hi] (one bin per integer,
  /// so hi − lo + 1 ≤ max_histogram_bins).
  static StreamingStats discrete(long long lo, long long hi) {
    if (!(lo < hi)) throw ValidationError("streaming", "discrete grid needs lo < hi, got [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    // hi − lo in double: exact up to 2^53 and free of overflow beyond (then far above the ceiling anyway)
    const double bins = static_cast<double>(hi) - static_cast<double>(lo) + 1.0;
    if (bins > static_cast<double>(max_histogram_bins))
      throw ValidationError("bins", "a discrete grid has one bin per integer in [lo, hi]: at most " + std::to_string(max_histogram_bins) +
                                        " bins are accepted, got " + detail::num(bins) + " for [" + std::to_string(lo) + ", " +
                                        std::to_string(hi) + "]");
    StreamingStats s(static_cast<double>(lo), static_cast<double>(hi), static_cast<long long>(bins));
    s.discrete_ = true;
    return s;
  }
  /// Interpolated quantiles on `bins` equal-width bins over [lo, hi], 1 ≤ bins ≤ max_histogram_bins.
  static StreamingStats continuous(double lo, double hi, long long bins) {
    if (!(std::isfinite(lo) && std::isfinite(hi) && lo < hi) || bins < 1)
      throw ValidationError("streaming", "continuous grid needs finite lo < hi and bins >= 1");
    if (bins > max_histogram_bins)
      throw ValidationError("bins", "at most " + std::to_string(max_histogram_bins) + " bins are accepted, got " + std::to_string(bins));
    return StreamingStats(lo, hi, bins);
  }

  /// Adds a chunk; weights (frequency weights, >= 0) may be empty (= 1 each). NaN values are
  /// skipped and counted; values outside [lo, hi] (or non-integers on a discrete grid) are errors.
  void add(const Eigen::Ref<const Eigen::VectorXd>& x, const Eigen::Ref<const Eigen::VectorXd>& w = Eigen::VectorXd()) {
    namespace acc = boost::accumulators;
    const bool weighted = w.size() > 0;
    if (weighted && w.size() != x.size())
      throw ValidationError("weights", "has " + std::to_string(w.size()) + " values for " + std::to_string(x.size()) + " data values");
    acc::accumulator_set<double, acc::stats<acc::tag::weighted_mean, acc::tag::weighted_variance, acc::tag::min, acc::tag::max,
                                            acc::tag::sum_of_weights>, double> a;
    std::vector<double> add_counts(counts_.size(), 0.0);
    long long missing = 0;
    bool any = false;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      const double v = x[i], wi = weighted ? w[i] : 1.0;
      auto at = [i] { return "chunk value [" + std::to_string(i) + "]"; };  // built only for an error
      if (!(std::isfinite(wi) && wi >= 0)) throw ValidationError(at(), "weight must be finite and >= 0, got " + detail::num(wi));
      if (std::isnan(v)) { ++missing; continue; }
      if (!(v >= lo_ && v <= hi_)) throw ValidationError(at(), "value " + detail::num(v) + " is outside the grid [" + detail::num(lo_) + ", " + detail::num(hi_) + "]");
      if (discrete_ && v != std::floor(v)) throw ValidationError(at(), "value " + detail::num(v) + " is not an integer (discrete grid)");
      if (wi == 0) continue;
      a(v, acc::weight = wi);
      add_counts[bin(v)] += wi;
      any = true;
    }
    // validated the whole chunk before changing the state
    n_missing_ += missing;
    if (!any) return;
    detail::Moments m{acc::sum_of_weights(a), acc::weighted_mean(a), acc::weighted_variance(a) * acc::sum_of_weights(a), acc::min(a), acc::max(a)};
    m_.merge(m);
    for (std::size_t b = 0; b < counts_.size(); ++b) counts_[b] += add_counts[b];
  }

  /// Merges another summary on the same grid (Chan et al. 1979 for the moments).
  void merge(const StreamingStats& o) {
    if (o.lo_ != lo_ || o.hi_ != hi_ || o.counts_.size() != counts_.size() || o.discrete_ != discrete_)
      throw ValidationError("streaming", "cannot merge summaries on different grids");
    n_missing_ += o.n_missing_;
    m_.merge(o.m_);
    for (std::size_t b = 0; b < counts_.size(); ++b) counts_[b] += o.counts_[b];
  }

  double sum_of_weights() const { return m_.n; }
  long long n_missing() const { return n_missing_; }
  double mean() const { need(1); return m_.mean; }
  /// Frequency-weight (sample) variance M2 / (W - 1).
  double variance() const { need(2); return m_.variance(); }
  double population_variance() const { need(1); return m_.m2 / m_.n; }
  double sd() const { return std::sqrt(variance()); }
  double min() const { need(1); return m_.min; }
  double max() const { need(1); return m_.max; }
  bool is_discrete() const { return discrete_; }
  double lo() const { return lo_; }
  double hi() const { return hi_; }
  const std::vector<double>& counts() const { return counts_; }

  /// Quantile p in [0, 1]. Discrete grid: the smallest value v with F(v) >= p (inverse CDF,
  /// Hyndman & Fan type 1, exact). Continuous grid: linear interpolation within the bin.
  double quantile(double p) const {
    need(1);
    detail::require(detail::check_unit_interval, "quantile", "p", p);
    if (p == 0) return m_.min;
    if (p == 1) return m_.max;
    const double target = p * m_.n;
    double cum = 0;
    for (std::size_t b = 0; b < counts_.size(); ++b) {
      if (counts_[b] <= 0) continue;
      if (cum + counts_[b] >= target * (1 - 1e-15)) {
        if (discrete_) return lo_ + static_cast<double>(b);
        const double width = (hi_ - lo_) / static_cast<double>(counts_.size());
        const double left = lo_ + width * static_cast<double>(b);
        return std::min(m_.max, std::max(m_.min, left + width * (target - cum) / counts_[b]));
      }
      cum += counts_[b];
    }
    return m_.max;
  }

 private:
  StreamingStats(double lo, double hi, long long bins) : lo_(lo), hi_(hi), counts_(static_cast<std::size_t>(bins), 0.0) {}
  std::size_t bin(double v) const {
    if (discrete_) return static_cast<std::size_t>(v - lo_);
    const auto b = static_cast<std::size_t>((v - lo_) / (hi_ - lo_) * static_cast<double>(counts_.size()));
    return std::min(b, counts_.size() - 1);
  }
  void need(double w) const {
    if (!(m_.n >= w))
      throw ValidationError("streaming", "needs a total weight of at least " + detail::num(w) + ", have " + detail::num(m_.n));
  }
  double lo_, hi_;
  std::vector<double> counts_;
  bool discrete_ = false;
  detail::Moments m_;  ///< n = total weight
  long long n_missing_ = 0;
};

}  // namespace impactchain
