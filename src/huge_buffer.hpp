// Private to src/: a large array placed on transparent huge pages where Linux offers them for the
// asking (madvise; /sys/kernel/mm/transparent_hugepage/enabled = madvise): a run's kept outputs,
// and the rank rounds' buffers, whose pass reads one element from each of many rows far apart.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <new>
#include <type_traits>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace impactchain::detail {

/// n values of a trivial type T, uninitialised; on Linux 2 MiB-aligned and advised onto huge pages
/// when at least 2 MiB.
template <class T>
class HugeBuffer {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);
  static constexpr std::size_t page = std::size_t{2} << 20;

 public:
  explicit HugeBuffer(std::size_t n) : n_(n) {
    const std::size_t bytes = n * sizeof(T);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (bytes >= page) {
      const std::size_t rounded = (bytes + page - 1) / page * page;
      p_ = static_cast<T*>(std::aligned_alloc(page, rounded));
      if (p_) madvise(p_, rounded, MADV_HUGEPAGE);  // advice only: a refusal leaves ordinary pages
    }
#endif
    if (!p_) p_ = static_cast<T*>(std::malloc(bytes > 0 ? bytes : 1));
    if (!p_) throw std::bad_alloc();
  }
  ~HugeBuffer() { std::free(p_); }
  HugeBuffer(const HugeBuffer&) = delete;
  HugeBuffer& operator=(const HugeBuffer&) = delete;

  T* data() { return p_; }
  const T* data() const { return p_; }
  std::size_t size() const { return n_; }

 private:
  T* p_ = nullptr;
  std::size_t n_ = 0;
};

}  // namespace impactchain::detail
