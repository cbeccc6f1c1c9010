// Private to src/: the two EVPPI estimators for one parameter (evppi.hpp). Each
// runs on one thread from start to end and reads nothing but its arguments.
#pragma once

#include <Eigen/Dense>

#include <cstdint>

namespace impactchain::detail {

/// EVPPI of one parameter, its standard error and the design columns (or bins) used.
struct EvppiOne {
  double evppi = 0;
  double se = 0;
  int columns = 0;
};

/// The regression estimator: `inc` is the incremental net benefit (draws × (strategies − 1),
/// each strategy minus the first), `x` the parameter's draws (inc.rows() of them). The
/// coefficient redraws read the stream (seed, parameter = index, redraw, k).
EvppiOne evppi_regression(const Eigen::MatrixXd& inc, const double* x, int knots, int se_draws, std::uint64_t seed,
                          std::uint64_t index);

/// The binned estimator: `nb` is the full net benefit (draws × strategies).
EvppiOne evppi_binned(const Eigen::Ref<const Eigen::MatrixXd>& nb, const double* x);

}  // namespace impactchain::detail
