// The worker pool of every threaded computation (Monte Carlo, rank
// uncertainty, bootstrap, switching values, PSA): work items on a few threads,
// the first error rethrown after the others stop.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

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
template <class F>
void parallel_items(std::size_t count, unsigned threads, F&& f) {
  const unsigned t = static_cast<unsigned>(std::min<std::size_t>(threads, count));
  if (t <= 1) {
    for (std::size_t i = 0; i < count; ++i) f(0u, i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::vector<std::exception_ptr> errors(t);
  auto work = [&](unsigned w) {
    try {
      for (std::size_t i; (i = next.fetch_add(1)) < count;) f(w, i);
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

}  // namespace impactchain::detail
