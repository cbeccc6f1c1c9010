// rank_scores.hpp: the composite's scores of a block of weight draws, against the sum written
// out here (indicators in order from 0, a multiply then an add), bit for bit, on sizes that
// leave edges in both tile directions.
#include <doctest/doctest.h>

#include <cstring>
#include <random>

#include "rank_scores.hpp"

using namespace impactchain;

TEST_CASE("composite scores: every score is the indicators' sum in order") {
  std::mt19937_64 gen(17);
  std::uniform_real_distribution<double> u(-1.0, 2.0);
  for (auto [U, I, nb] : {std::tuple{1, 1, 1}, std::tuple{7, 3, 3}, std::tuple{8, 40, 4}, std::tuple{1003, 40, 67},
                          std::tuple{16, 1, 9}}) {
    CAPTURE(U);
    CAPTURE(nb);
    Eigen::MatrixXd M(U, I), W(I, nb), S;
    for (Eigen::Index i = 0; i < M.size(); ++i) M.data()[i] = u(gen);
    for (Eigen::Index i = 0; i < W.size(); ++i) W.data()[i] = u(gen);
    M(0, 0) = -0.0;  // a signed zero among the values
    detail::composite_scores(M, W, S);
    REQUIRE(S.rows() == U);
    REQUIRE(S.cols() == nb);
    std::size_t differ = 0;
    for (int j = 0; j < nb; ++j)
      for (int r = 0; r < U; ++r) {
        double a = 0;
        for (int k = 0; k < I; ++k) a = a + M(r, k) * W(k, j);
        differ += std::memcmp(&a, &S(r, j), sizeof a) != 0;
      }
    CHECK(differ == 0);
  }
}
