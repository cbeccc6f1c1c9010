// The worker pool of every threaded computation (Monte Carlo, rank
// uncertainty, bootstrap, switching values, PSA): work items on a few threads,
// the first error rethrown after the others stop, cancellation asked between items.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <thread>
#include <utility>
#include <vector>

#include "impactchain/cancel.hpp"

namespace impactchain::detail {

/// Worker count for a `threads` option: 0 means all hardware threads (at least 1).
inline unsigned resolve_threads(unsigned t) {
  if (t == 0) {
    const unsigned h = std::thread::hardware_concurrency();
    return h ? h : 1;
  }
  return t;
}

/// Runs f(worker, item) for items [0, count) on `threads` workers (the caller is worker 0).
/// With a cancellation hook, the calling thread asks it between its items (at
/// most every 20 ms); when it stops the run, the other workers finish the item
/// they hold, take no more, and the hook's exception (or Cancelled) is thrown.
template <class F>
void parallel_items(std::size_t count, unsigned threads, F&& f, CancelPoll& poll) {
  const unsigned t = static_cast<unsigned>(std::min<std::size_t>(threads, count));
  if (t <= 1) {
    for (std::size_t i = 0; i < count; ++i) {
      poll();
      f(0u, i);
    }
    return;
  }
  std::atomic<std::size_t> next{0};
  std::vector<std::exception_ptr> errors(t);
  auto work = [&](unsigned w) {
    try {
      for (std::size_t i; (i = next.fetch_add(1)) < count;) {
        if (w == 0) poll();
        f(w, i);
      }
    } catch (...) {
      errors[w] = std::current_exception();
      next.store(count);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned w = 1; w < t; ++w) pool.emplace_back(work, w);
  work(0);
  for (auto& th : pool) th.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

/// parallel_items asking `cancel` (when given and set) at most every 20 ms.
template <class F>
void parallel_items(std::size_t count, unsigned threads, F&& f, const CancelHook* cancel = nullptr) {
  CancelPoll poll(cancel);
  parallel_items(count, threads, std::forward<F>(f), poll);
}

}  // namespace impactchain::detail
