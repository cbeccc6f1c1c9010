// The regression estimator of EVPPI for one parameter (Strong, Oakley & Brennan
// 2014), as python/impactchain/voi.py's numpy reference does it: a cubic
// regression spline of the standardised parameter, least squares per strategy,
// the standard error from coefficient redraws and the Monte Carlo error.
//
// The draws are read in chunks of rows, so nothing of size draws × redraws is
// ever held: (1) the least-squares fit by a QR decomposition updated chunk by
// chunk (the design and the net benefits side by side, so the residual sums of
// squares fall out of the same triangle), (2) one pass that evaluates the fitted
// values and every redraw of the coefficients on a chunk at a time.
#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include "evppi_estimators.hpp"
#include "impactchain/montecarlo.hpp"
#include "philox_stream.hpp"

namespace impactchain::detail {

namespace {

using Eigen::Index;

/// Rows per chunk of the passes over the draws (part of the numbers' reproducibility: it
/// fixes the blocking of the products, never the thread count).
constexpr Index chunk_rows = 256;

/// Columns of the design of a parameter: 1, z, z², z³, (z − k)³₊ for each knot k.
struct Spline {
  double mean = 0, sd = 0;
  std::vector<double> knots;
  Index cols() const { return 4 + static_cast<Index>(knots.size()); }
  double z(double v) const { return (v - mean) / sd; }
  void row(double v, double* out) const {
    const double t = z(v);
    out[0] = 1;
    out[1] = t;
    out[2] = t * t;
    out[3] = t * t * t;
    for (std::size_t k = 0; k < knots.size(); ++k) {
      const double u = std::max(t - knots[k], 0.0);
      out[4 + k] = u * u * u;
    }
  }
};

/// numpy.quantile(sorted, q) with the default ("linear") method, sorted ascending.
double quantile_linear(const std::vector<double>& sorted, double q) {
  const std::size_t n = sorted.size();
  const double vi = static_cast<double>(n - 1) * q;
  if (vi >= static_cast<double>(n - 1)) return sorted[n - 1];
  if (vi < 0) return sorted[0];
  const double lo = std::floor(vi);
  const auto i = static_cast<std::size_t>(lo);
  const double a = sorted[i], b = sorted[i + 1], t = vi - lo, diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/// The standardisation and the knots (at linspace(0, 1, knots + 2)[1:-1] quantiles of z, unique).
Spline make_spline(const double* x, Index n, int knots) {
  Spline s;
  double sum = 0;
  for (Index i = 0; i < n; ++i) sum += x[i];
  s.mean = sum / static_cast<double>(n);
  double ss = 0;
  for (Index i = 0; i < n; ++i) ss += (x[i] - s.mean) * (x[i] - s.mean);
  s.sd = std::sqrt(ss / static_cast<double>(n));
  std::vector<double> z(static_cast<std::size_t>(n));
  for (Index i = 0; i < n; ++i) z[static_cast<std::size_t>(i)] = s.z(x[i]);
  std::sort(z.begin(), z.end());
  const double step = 1.0 / static_cast<double>(knots + 1);
  for (int k = 1; k <= knots; ++k) s.knots.push_back(quantile_linear(z, static_cast<double>(k) * step));
  std::sort(s.knots.begin(), s.knots.end());
  s.knots.erase(std::unique(s.knots.begin(), s.knots.end()), s.knots.end());
  return s;
}

/// Sample variance (ddof = 1) of v, two passes.
double variance(const std::vector<double>& v) {
  double sum = 0;
  for (double a : v) sum += a;
  const double m = sum / static_cast<double>(v.size());
  double ss = 0;
  for (double a : v) ss += (a - m) * (a - m);
  return ss / static_cast<double>(v.size() - 1);
}

}  // namespace

EvppiOne evppi_regression(const Eigen::MatrixXd& inc, const double* x, int knots, int se_draws, std::uint64_t seed,
                          std::uint64_t index) {
  const Index n = inc.rows(), e = inc.cols();
  if (*std::min_element(x, x + n) == *std::max_element(x, x + n)) return {0.0, 0.0, 1};  // constant: the intercept
  const Spline spline = make_spline(x, n, knots);
  const Index p = spline.cols(), m = p + e;

  // (1) R of the QR decomposition of [X | inc], updated with each chunk of rows.
  Eigen::MatrixXd R = Eigen::MatrixXd::Zero(m, m);
  {
    Eigen::MatrixXd stack(m + chunk_rows, m);
    Eigen::HouseholderQR<Eigen::MatrixXd> qr(m + chunk_rows, m);
    std::vector<double> row(static_cast<std::size_t>(p));
    for (Index start = 0; start < n; start += chunk_rows) {
      const Index len = std::min(chunk_rows, n - start);
      stack.topRows(m) = R;
      for (Index i = 0; i < len; ++i) {
        spline.row(x[start + i], row.data());
        for (Index j = 0; j < p; ++j) stack(m + i, j) = row[static_cast<std::size_t>(j)];
        for (Index d = 0; d < e; ++d) stack(m + i, p + d) = inc(start + i, d);
      }
      qr.compute(stack.topRows(m + len));
      R = qr.matrixQR().topRows(m).triangularView<Eigen::Upper>();
    }
  }
  // Columns whose diagonal is negligible are linear in the ones before (numpy's rule in voi.py).
  double top = 1.0;
  for (Index j = 0; j < p; ++j) top = std::max(top, std::abs(R(j, j)));
  std::vector<Index> keep;
  for (Index j = 0; j < p; ++j)
    if (std::abs(R(j, j)) > 1e-10 * top) keep.push_back(j);
  const auto k = static_cast<Index>(keep.size());
  if (k < p) {  // [X_kept | inc] = Q · R[:, kept and inc]: re-triangularise those columns
    Eigen::MatrixXd sel(m, k + e);
    for (Index j = 0; j < k; ++j) sel.col(j) = R.col(keep[static_cast<std::size_t>(j)]);
    sel.rightCols(e) = R.rightCols(e);
    Eigen::HouseholderQR<Eigen::MatrixXd> qr(sel);
    R = qr.matrixQR().topRows(k + e).triangularView<Eigen::Upper>();
  }
  const Eigen::MatrixXd R11 = R.topLeftCorner(k, k);
  const Eigen::MatrixXd coef = R11.triangularView<Eigen::Upper>().solve(R.block(0, k, k, e));  // k × e
  Eigen::VectorXd sigma(e);
  for (Index d = 0; d < e; ++d)
    sigma[d] = std::sqrt(R.col(k + d).segment(k, d + 1).squaredNorm() / static_cast<double>(std::max<Index>(n - k, 1)));
  // A square root of (XᵀX)⁻¹ = R11⁻¹R11⁻ᵀ from its eigen decomposition, negative eigenvalues clipped.
  const Eigen::MatrixXd Rinv = R11.triangularView<Eigen::Upper>().solve(Eigen::MatrixXd::Identity(k, k));
  const Eigen::MatrixXd cov = Rinv * Rinv.transpose();
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig((cov + cov.transpose()) / 2);
  const Eigen::MatrixXd L = eig.eigenvectors() * eig.eigenvalues().cwiseMax(0.0).cwiseSqrt().asDiagonal();

  // Per strategy, one row of coefficients per column of fitted values: the fit, then each redraw.
  const Index S = se_draws;
  std::vector<Eigen::MatrixXd> B(static_cast<std::size_t>(e), Eigen::MatrixXd(S + 1, k));
  for (Index d = 0; d < e; ++d) B[static_cast<std::size_t>(d)].row(0) = coef.col(d).transpose();
  Eigen::VectorXd z(k);
  for (Index s = 0; s < S; ++s) {
    PhiloxStream rng(seed, index, static_cast<std::uint64_t>(s), StreamDomain::evppi_coefficients);
    for (Index d = 0; d < e; ++d) {
      for (Index j = 0; j < k; ++j) z[j] = normal_quantile(rng.uniform());
      B[static_cast<std::size_t>(d)].row(1 + s) = (coef.col(d) + sigma[d] * (L * z)).transpose();
    }
  }

  // (2) Fitted values and the redraws' sums over the draws, a chunk of rows at a time.
  Eigen::MatrixXd fitted(n, e);
  Eigen::VectorXd sum_best = Eigen::VectorXd::Zero(S), best(S);
  Eigen::MatrixXd sum_g = Eigen::MatrixXd::Zero(S, e);
  {
    Eigen::MatrixXd Xt(k, chunk_rows);  // one column per draw
    std::vector<Eigen::MatrixXd> G(static_cast<std::size_t>(e));
    std::vector<double> row(static_cast<std::size_t>(p));
    for (Index start = 0; start < n; start += chunk_rows) {
      const Index len = std::min(chunk_rows, n - start);
      for (Index i = 0; i < len; ++i) {
        spline.row(x[start + i], row.data());
        for (Index j = 0; j < k; ++j) Xt(j, i) = row[static_cast<std::size_t>(keep[static_cast<std::size_t>(j)])];
      }
      for (std::size_t d = 0; d < G.size(); ++d) G[d].noalias() = B[d] * Xt.leftCols(len);
      for (Index i = 0; i < len; ++i) {
        double* bs = best.data();
        std::fill(bs, bs + S, 0.0);  // the first strategy: 0
        for (Index d = 0; d < e; ++d) {
          const double* g = G[static_cast<std::size_t>(d)].col(i).data();
          fitted(start + i, d) = g[0];
          double* sg = sum_g.col(d).data();
          for (Index s = 0; s < S; ++s) {
            const double v = g[1 + s];
            bs[s] = v > bs[s] ? v : bs[s];
            sg[s] += v;
          }
        }
        sum_best += best;
      }
    }
  }

  const double nd = static_cast<double>(n);
  // EVPPI = mean_i max_d g_d − max_d mean_i g_d, with g_0 = 0.
  Eigen::VectorXd mean_fit(e);
  for (Index d = 0; d < e; ++d) {
    double sum = 0;
    for (Index i = 0; i < n; ++i) sum += fitted(i, d);
    mean_fit[d] = sum / nd;
  }
  Index chosen = 0;  // the decision without information: 0 = the first strategy
  double chosen_mean = 0;
  for (Index d = 0; d < e; ++d)
    if (mean_fit[d] > chosen_mean) chosen_mean = mean_fit[d], chosen = d + 1;
  std::vector<double> per_draw(static_cast<std::size_t>(n));
  double sum_max = 0;
  for (Index i = 0; i < n; ++i) {
    double mx = 0;
    for (Index d = 0; d < e; ++d) mx = std::max(mx, fitted(i, d));
    sum_max += mx;
    per_draw[static_cast<std::size_t>(i)] = mx - (chosen ? fitted(i, chosen - 1) : 0.0);
  }
  const double value = sum_max / nd - chosen_mean;
  // SE: the spread of the value over the redraws plus the Monte Carlo error of the mean over draws.
  std::vector<double> sims(static_cast<std::size_t>(S));
  for (Index s = 0; s < S; ++s) {
    double mx = 0;
    for (Index d = 0; d < e; ++d) mx = std::max(mx, sum_g(s, d) / nd);
    sims[static_cast<std::size_t>(s)] = sum_best[s] / nd - mx;
  }
  const double se = std::sqrt(variance(sims) + variance(per_draw) / nd);
  return {std::max(value, 0.0), se, static_cast<int>(k)};
}

}  // namespace impactchain::detail
