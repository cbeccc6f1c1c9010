// Private to src/: the moments of a Monte Carlo block's outputs (block_moments.cpp), the
// outputs side by side in vector lanes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "impactchain/detail/stats.hpp"

namespace impactchain::detail {

/// Adds a block's draws to the running moments of each output, draws in order: per output and
/// draw the operations of Moments::add in its order (the same numbers, bit for bit), a
/// non-finite value counted and left out. The outputs of one draw go through vector lanes
/// together (Welford's division cannot be shared between draws, but it can between outputs).
class BlockMoments {
 public:
  /// Output q's value of draw i at y[q·stride + i], for q < outputs and i < draws; updates m[q]
  /// and nonfinite[q] and returns how many draws had a non-finite value in some output.
  std::uint64_t add(const double* y, std::size_t stride, std::size_t draws, std::size_t outputs, Moments* m,
                    std::uint64_t* nonfinite);

 private:
  std::vector<double> rows_, state_;  // a chunk of draws draw-major; n, mean, m2, min, max, non-finite per output
};

}  // namespace impactchain::detail
