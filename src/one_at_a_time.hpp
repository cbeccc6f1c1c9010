// Private to src/: what an Evaluator of the library's own may add so the
// tornado (sensitivity.cpp) need not evaluate the whole function for each
// one-at-a-time point. A user's Evaluator cannot know its own structure and
// gets the generic path (every point a full evaluation).
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace impactchain::detail {

class OneAtATime {
 public:
  /// Points around the central values x0 (which must outlive them).
  class Points {
   public:
    virtual ~Points() = default;
    /// The outputs (Evaluator::outputs() values) with slot `slot` at v and every
    /// other slot at x0: the numbers Evaluator::evaluate gives, to rounding.
    virtual void at(std::size_t slot, double v, double* out) = 0;
  };
  virtual ~OneAtATime() = default;
  virtual std::unique_ptr<Points> around(const std::vector<double>& x0) const = 0;
};

}  // namespace impactchain::detail
