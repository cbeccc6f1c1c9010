// The composite's scores of a block of weight draws (rank_scores.hpp). Compiled with
// -ffp-contract=off (CMakeLists): a multiply and an add are never fused.
#include "rank_scores.hpp"

#include <cstddef>
#include <cstring>

#include "simd_clones.hpp"

namespace impactchain::detail {

namespace {

/// One score, the indicators in order from 0: the order every tile below keeps.
inline void score(const double* M, std::size_t U, std::size_t I, const double* W, std::size_t u, std::size_t j,
                  double* S) {
  double a = 0;
  for (std::size_t k = 0; k < I; ++k) a = a + M[k * U + u] * W[j * I + k];
  S[j * U + u] = a;
}

#if defined(__GNUC__)
/// Four doubles in one vector register (two SSE2 registers in the baseline build).
typedef double V4 __attribute__((vector_size(32)));

/// S[j·U + u] = Σ_k M[k·U + u]·W[j·I + k] for u < U, j < nb: tiles of 8 units × 4 draws whose
/// sums stay in registers over all k (a multiply, then an add, per k, in order), the units' tile
/// of M kept in the L1 cache over every draw of the block; the edges one score at a time in the
/// same order.
IMPACTCHAIN_SIMD_CLONES
void scores(const double* M, std::size_t U, std::size_t I, const double* W, std::size_t nb, double* S) {
  constexpr std::size_t TJ = 4;
  std::size_t u0 = 0;
  for (; u0 + 8 <= U; u0 += 8) {
    std::size_t j0 = 0;
    for (; j0 + TJ <= nb; j0 += TJ) {
      V4 a0 = {}, a1 = {}, b0 = {}, b1 = {}, c0 = {}, c1 = {}, d0 = {}, d1 = {};
      const double* w = W + j0 * I;
      for (std::size_t k = 0; k < I; ++k) {
        V4 m0, m1;
        std::memcpy(&m0, M + k * U + u0, sizeof m0);
        std::memcpy(&m1, M + k * U + u0 + 4, sizeof m1);
        const double wa = w[k], wb = w[I + k], wc = w[2 * I + k], wd = w[3 * I + k];
        a0 = a0 + m0 * wa;
        a1 = a1 + m1 * wa;
        b0 = b0 + m0 * wb;
        b1 = b1 + m1 * wb;
        c0 = c0 + m0 * wc;
        c1 = c1 + m1 * wc;
        d0 = d0 + m0 * wd;
        d1 = d1 + m1 * wd;
      }
      double* s = S + j0 * U + u0;
      std::memcpy(s, &a0, 32);
      std::memcpy(s + 4, &a1, 32);
      std::memcpy(s + U, &b0, 32);
      std::memcpy(s + U + 4, &b1, 32);
      std::memcpy(s + 2 * U, &c0, 32);
      std::memcpy(s + 2 * U + 4, &c1, 32);
      std::memcpy(s + 3 * U, &d0, 32);
      std::memcpy(s + 3 * U + 4, &d1, 32);
    }
    for (; j0 < nb; ++j0)
      for (std::size_t u = u0; u < u0 + 8; ++u) score(M, U, I, W, u, j0, S);
  }
  for (; u0 < U; ++u0)
    for (std::size_t j = 0; j < nb; ++j) score(M, U, I, W, u0, j, S);
}
#else
void scores(const double* M, std::size_t U, std::size_t I, const double* W, std::size_t nb, double* S) {
  for (std::size_t j = 0; j < nb; ++j)
    for (std::size_t u = 0; u < U; ++u) score(M, U, I, W, u, j, S);
}
#endif

}  // namespace

void composite_scores(const Eigen::MatrixXd& M, const Eigen::MatrixXd& W, Eigen::MatrixXd& S) {
  S.resize(M.rows(), W.cols());
  scores(M.data(), static_cast<std::size_t>(M.rows()), static_cast<std::size_t>(M.cols()), W.data(),
         static_cast<std::size_t>(W.cols()), S.data());
}

}  // namespace impactchain::detail
