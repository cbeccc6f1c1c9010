// The fixed point of a map, accelerated by SQUAREM: what the factor fits iterate (omega's
// one-factor fits, the group factors of hierarchical omega).
#pragma once

#include "impactchain/detail/eigen.hpp"

#include <algorithm>
#include <utility>

namespace impactchain::detail {

struct FixedPoint {
  Eigen::VectorXd x;    ///< the last state
  int iterations = 0;   ///< steps of the map taken
  bool converged = false;
  double change = 0;    ///< the last step's largest move, as a share of the coordinate's scale
};

/// The fixed point of `step` from x, accelerated by SQUAREM (Varadhan and Roland 2008, scheme
/// S3, its step length at most -1): from x, two steps give r = F(x) - x and v = F(F(x)) - F(x)
/// - r; the point x - 2 a r + a^2 v with a = -|r| / |v|, kept within [lo, hi], takes one more
/// step. Stops where one step moves no coordinate j more than tolerance * scale_j, or after
/// max_iterations steps.
template <class Step>
FixedPoint squarem(const Step& step, Eigen::VectorXd x, double lo, double hi, const Eigen::VectorXd& scale, int max_iterations,
                   double tolerance) {
  FixedPoint f;
  auto moved = [&](const Eigen::VectorXd& a, const Eigen::VectorXd& b) { return ((a - b).array() / scale.array()).abs().maxCoeff(); };
  while (f.iterations < max_iterations) {
    const Eigen::VectorXd x1 = step(x);
    ++f.iterations;
    f.change = moved(x1, x);
    if (f.change <= tolerance) {
      f.converged = true;
      x = x1;
      break;
    }
    if (f.iterations == max_iterations) {
      x = x1;
      break;
    }
    const Eigen::VectorXd x2 = step(x1);
    ++f.iterations;
    const Eigen::VectorXd r = x1 - x, v = x2 - x1 - r;
    const double nv = v.norm();
    if (!(nv > 0)) {
      x = x2;
      continue;
    }
    const double a = std::min(-r.norm() / nv, -1.0);
    x = (x - 2 * a * r + a * a * v).cwiseMax(lo).cwiseMin(hi);
  }
  f.x = std::move(x);
  return f;
}

}  // namespace impactchain::detail
