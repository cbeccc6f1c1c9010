// The binned estimator of EVPPI for one parameter (Sadatsafavi et al. 2013), as
// python/impactchain/voi.py's numpy reference does it: the draws in a stable
// order of the parameter, cut into ⌊√n⌋ bins the way numpy.array_split cuts
// (the first n mod bins bins one draw larger), the bins' means of the full net
// benefit as the conditional expectations. The full net benefit, not the
// incremental one: the value would be the same, but each bin's term would
// shift by the bin's mean net benefit of the first strategy, and so would the
// standard error, the SD of those terms.
#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <vector>

#include "evppi_estimators.hpp"

namespace impactchain::detail {

EvppiOne evppi_binned(const Eigen::Ref<const Eigen::MatrixXd>& nb, const double* x) {
  using Eigen::Index;
  const Index n = nb.rows(), strategies = nb.cols();
  std::vector<Index> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), Index{0});
  std::stable_sort(order.begin(), order.end(), [x](Index a, Index b) { return x[a] < x[b]; });
  const Index bins = std::max<Index>(static_cast<Index>(std::sqrt(static_cast<double>(n))), 2);
  const double nd = static_cast<double>(n);
  double best = -INFINITY;  // max_d mean NB_d
  for (Index d = 0; d < strategies; ++d) {
    double sum = 0;
    for (Index i = 0; i < n; ++i) sum += nb(i, d);
    best = std::max(best, sum / nd);
  }
  std::vector<double> contrib(static_cast<std::size_t>(bins));
  double value = 0;
  Index start = 0;
  for (Index b = 0; b < bins; ++b) {
    const Index size = n / bins + (b < n % bins ? 1 : 0);
    double top = -INFINITY;
    for (Index d = 0; d < strategies; ++d) {
      double sum = 0;
      for (Index r = start; r < start + size; ++r) sum += nb(order[static_cast<std::size_t>(r)], d);
      top = std::max(top, sum / static_cast<double>(size));
    }
    contrib[static_cast<std::size_t>(b)] = top - best;
    value += (top - best) * static_cast<double>(size);
    start += size;
  }
  double sum = 0;
  for (double c : contrib) sum += c;
  const double mean = sum / static_cast<double>(bins);
  double ss = 0;
  for (double c : contrib) ss += (c - mean) * (c - mean);
  const double se = std::sqrt(ss / static_cast<double>(bins - 1)) / std::sqrt(static_cast<double>(bins));
  return {std::max(value / nd, 0.0), se, static_cast<int>(bins)};
}

}  // namespace impactchain::detail
