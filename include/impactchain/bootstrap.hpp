// Nonparametric bootstrap confidence intervals (percentile and BCa) for the mean,
// Cronbach's alpha, McDonald's omega and hierarchical omega, reproducible for any thread count.
// The resampling driver (Random123 Philox) lives in src/bootstrap.cpp.
#pragma once

#include "impactchain/detail/eigen.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "impactchain/defaults.hpp"
#include "impactchain/detail/enum_names.hpp"
#include "impactchain/cancel.hpp"
#include "impactchain/notice.hpp"
#include "impactchain/omega.hpp"
#include "impactchain/omega_hierarchical.hpp"

namespace impactchain {

enum class BootstrapCi { percentile, bca };

template <>
struct EnumSpellings<BootstrapCi> {
  static constexpr const char* field = "method";
  static constexpr std::pair<BootstrapCi, const char*> names[] = {
      {BootstrapCi::percentile, "percentile"},
      {BootstrapCi::bca, "bca"},
      {BootstrapCi::bca, "BCa"}};
};
inline const char* to_string(BootstrapCi v) { return detail::spelling(v); }

/// Most resamples a bootstrap accepts (10^7): checked before the replicates are allocated.
inline constexpr int max_resamples = 10000000;

struct BootstrapOptions {
  int resamples = 2000;           ///< B, in [100, max_resamples]
  std::uint64_t seed = defaults::seed;  ///< Philox key: same seed -> same numbers for any thread count
  std::uint32_t stream = 0;       ///< independent sub-stream (e.g. one per group)
  int threads = static_cast<int>(defaults::threads);  ///< 0 = std::thread::hardware_concurrency()
  double level = defaults::level;
  BootstrapCi method = BootstrapCi::bca;
  bool keep_replicates = false;   ///< return the B replicate statistics
  /// Asked from the calling thread between resamples (at most every 20 ms);
  /// true stops the run with Cancelled (cancel.hpp).
  CancelHook cancelled;
};

struct BootstrapResult {
  std::string statistic;          ///< "mean", "cronbach_alpha (listwise)", "mcdonald_omega (listwise, ml)", "hierarchical_omega (listwise, 3 groups)"
  double estimate = 0;
  double ci_low = 0, ci_high = 0, level = 0.95;
  BootstrapCi method = BootstrapCi::bca;
  int resamples = 0;
  int n = 0;                      ///< observations resampled
  std::uint64_t seed = 0;
  std::uint32_t stream = 0;
  double se = 0;                  ///< SD of the replicates
  double z0 = std::numeric_limits<double>::quiet_NaN();            ///< BCa bias correction
  double acceleration = std::numeric_limits<double>::quiet_NaN();  ///< BCa acceleration (jackknife)
  Eigen::VectorXd replicates;     ///< empty unless keep_replicates
  std::vector<Notice> warnings;
};

/// Bootstrap CI of the mean of x (NaN not allowed: the caller decides what missing means).
/// Resamples are index draws (Philox4x32-10 keyed by seed, counter = (draw block, replicate,
/// stream)); no resampled copy of the data is made. BCa: Efron (1987), jackknife acceleration.
BootstrapResult bootstrap_mean(const Eigen::Ref<const Eigen::VectorXd>& x, const BootstrapOptions& options);

/// Bootstrap CI of Cronbach's alpha of an (n x k) item matrix. Rows with a missing item are
/// dropped (listwise; counted in warnings). Each replicate's alpha comes from resampled
/// sufficient statistics (item sums, sum of squared items, sum of squared totals).
BootstrapResult bootstrap_alpha(const Eigen::Ref<const Eigen::MatrixXd>& items, const BootstrapOptions& options);

/// Bootstrap CI of McDonald's omega of an (n x k) item matrix, fitted as `fit` says (its
/// `missing` is taken as listwise: rows with a missing item are dropped and counted in
/// warnings, as bootstrap_alpha does). The estimate and its warnings are mcdonald_omega's on
/// the complete rows; each replicate refits the resampled rows' covariances. A resample whose
/// fit fails (a constant item, a covariance matrix maximum likelihood cannot take) or does not
/// converge has no omega: the run is refused, with the counts, rather than an interval of the
/// others.
BootstrapResult bootstrap_omega(const Eigen::Ref<const Eigen::MatrixXd>& items, const OmegaOptions& fit,
                                const BootstrapOptions& options, std::vector<std::string> names = {});

/// Bootstrap CI of hierarchical omega of an (n x k) item matrix, fitted as `fit` says (its
/// `missing` taken as listwise, as bootstrap_omega). Each replicate refits the group factors,
/// the rotation and the general factor to the resampled rows' correlations (a Heywood case kept
/// at its bound, as hierarchical_omega does); a resample whose fit fails (two group factors that
/// do not correlate positively, a constant item) or does not converge refuses the run, with the
/// counts.
BootstrapResult bootstrap_hierarchical_omega(const Eigen::Ref<const Eigen::MatrixXd>& items, const HierarchicalOmegaOptions& fit,
                                             const BootstrapOptions& options, std::vector<std::string> names = {});

}  // namespace impactchain
