// Cancelling long computations: a hook the caller passes in the options of
// every long computation (Monte Carlo, switching values in simulate and value,
// bootstrap, distance travelled, rank uncertainty, PSA). It is asked between pieces of work, at most about every
// 20 ms and only on the calling thread, so it may talk to an interpreter that
// only that thread may use (Python's signal check). The core keeps no state
// of its own: no signal handler, no global flag.
#pragma once

#include <chrono>
#include <functional>
#include <stdexcept>

namespace impactchain {

/// Thrown by a computation whose cancellation hook returned true.
class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("the computation was cancelled") {}
};

/// Returns true to stop the computation (it then throws Cancelled); it may also
/// throw an exception of its own, which the computation passes on unchanged.
using CancelHook = std::function<bool()>;

namespace detail {

/// Asks a CancelHook at most once per `interval` (a steady-clock read per
/// call otherwise), and throws Cancelled when it says stop.
class CancelPoll {
 public:
  explicit CancelPoll(const CancelHook* hook, std::chrono::milliseconds interval = std::chrono::milliseconds(20))
      : hook_(hook && *hook ? hook : nullptr), interval_(interval), last_(std::chrono::steady_clock::now()) {}
  bool active() const noexcept { return hook_ != nullptr; }
  void operator()() {
    if (!hook_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < interval_) return;
    last_ = now;
    if ((*hook_)()) throw Cancelled();
  }
  /// Asks the hook now, whatever the time since the last question.
  void now() {
    if (!hook_) return;
    last_ = std::chrono::steady_clock::now();
    if ((*hook_)()) throw Cancelled();
  }

 private:
  const CancelHook* hook_;
  std::chrono::milliseconds interval_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace detail
}  // namespace impactchain
