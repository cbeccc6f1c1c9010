// A rank-uncertainty run checked and set up: the options' default ks, the checks of the scores
// and weights, and the weight draws (generated around given weights, or given as a matrix).
#include "rank_setup.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "impactchain/detail/check.hpp"
#include "impactchain/error.hpp"
#include "impactchain/montecarlo.hpp"
#include "rank_choices.hpp"
#include "sampler.hpp"

namespace impactchain::detail::ranks {

namespace {

using detail::num;

void check_common(const Eigen::Ref<const Eigen::MatrixXd>& X, const RankUncertaintyOptions& o, detail::IssueList& is) {
  if (X.rows() < 1 || X.cols() < 1) is.add("X", "needs at least one unit (row) and one indicator (column), got " +
                                                std::to_string(X.rows()) + " x " + std::to_string(X.cols()));
  if (X.rows() > std::numeric_limits<std::int32_t>::max()) is.add("X", "too many units");
  for (Eigen::Index i = 0; i < X.rows(); ++i)
    for (Eigen::Index j = 0; j < X.cols(); ++j)
      if (!std::isfinite(X(i, j))) {
        is.add("X[" + std::to_string(i) + "][" + std::to_string(j) + "]", "must be finite (impute or drop missing values first), got " + num(X(i, j)));
        i = X.rows();
        break;
      }
  detail::check_seed(is, "seed", o.seed);
  detail::check_threads(is, "threads", o.threads);
  for (std::size_t k = 0; k < o.top.size(); ++k)
    if (o.top[k] < 1 || o.top[k] > static_cast<std::size_t>(X.rows()))
      is.add("top[" + std::to_string(k) + "]", "must be in [1, " + std::to_string(X.rows()) + "] (the number of units), got " + std::to_string(o.top[k]));
}

}  // namespace

RankUncertaintyOptions with_top(const RankUncertaintyOptions& o, Eigen::Index units) {
  if (!o.top.empty()) return o;
  RankUncertaintyOptions r = o;
  for (std::size_t k : {std::size_t{1}, std::size_t{3}, std::size_t{10}})
    if (static_cast<Eigen::Index>(k) < units) r.top.push_back(k);
  return r;
}

/// Validated generated-weights run: the weight draws around `weights` (normalised to sum 1).
Setup setup_generated(const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::VectorXd& weights,
                      const RankUncertaintyOptions& o) {
  detail::IssueList is;
  check_common(X, o, is);
  detail::check_draw_count(is, "draws", o.draws, max_draws);
  if (weights.size() != X.cols())
    is.add("weights", "needs one weight per indicator (" + std::to_string(X.cols()) + "), got " + std::to_string(weights.size()));
  double total = 0;
  for (Eigen::Index j = 0; j < weights.size(); ++j) {
    if (detail::check_non_negative(is, detail::element("weights", static_cast<std::size_t>(j)), "", weights[j]))
      total += weights[j];
  }
  if (weights.size() > 0 && !(total > 0)) is.add("weights", "must not all be zero");
  if (o.weight_model == WeightModel::dirichlet && !(o.concentration > 0 && std::isfinite(o.concentration)))
    is.add("concentration", "must be > 0, got " + num(o.concentration));
  if (o.weight_model == WeightModel::uniform && !(o.perturbation >= 0 && o.perturbation < 1))
    is.add("perturbation", "must be in [0, 1), got " + num(o.perturbation));
  is.throw_if_any();
  const Eigen::VectorXd w = weights / total;
  const auto I = static_cast<std::size_t>(X.cols());
  const std::uint64_t seed = o.seed;
  WeightFill fill;
  if (o.weight_model == WeightModel::dirichlet) {
    // Dirichlet(c·w) = normalised independent Gamma(c·w_j) variates (e.g. Devroye 1986, XI.4); w_j = 0 stays 0.
    fill = [w, I, seed, c = o.concentration](std::size_t d, double* out) {
      double s = 0;
      for (std::size_t j = 0; j < I; ++j) {
        const double a = c * w[static_cast<Eigen::Index>(j)];
        if (a > 0) {
          detail::PhiloxStream rng(seed, d, j, detail::StreamDomain::rank_dirichlet);
          out[j] = detail::gamma_variate(a, rng);
        } else {
          out[j] = 0;
        }
        s += out[j];
      }
      for (std::size_t j = 0; j < I; ++j) out[j] /= s;
    };
  } else {
    fill = [w, I, seed, p = o.perturbation](std::size_t d, double* out) {
      double s = 0;
      for (std::size_t j = 0; j < I; ++j) {
        detail::PhiloxStream rng(seed, d, j, detail::StreamDomain::rank_uniform);
        out[j] = w[static_cast<Eigen::Index>(j)] * (1 + p * (2 * rng.uniform() - 1));
        s += out[j];
      }
      for (std::size_t j = 0; j < I; ++j) out[j] /= s;
    };
  }
  std::vector<bool> active(I);
  for (std::size_t j = 0; j < I; ++j) active[j] = w[static_cast<Eigen::Index>(j)] > 0;
  Setup st;
  st.cons = detail::score_matrices(X, o, active);
  st.draws = o.draws;
  st.fill = std::move(fill);
  st.weight_total = total;
  st.central = w;
  return st;
}

/// Validated given-weights run (the Setup reads W, which must outlive it).
Setup setup_given(const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::Ref<const Eigen::MatrixXd>& W,
                  const RankUncertaintyOptions& o) {
  detail::IssueList is;
  check_common(X, o, is);
  if (W.rows() != X.cols())
    is.add("W", "needs one row per indicator (" + std::to_string(X.cols()) + "), got " + std::to_string(W.rows()) + " rows");
  if (W.cols() < 1) is.add("W", "needs at least one weight draw (column), got 0");
  for (Eigen::Index d = 0; d < W.cols() && is.empty(); ++d) {
    double s = 0;
    for (Eigen::Index j = 0; j < W.rows(); ++j) {
      const double w = W(j, d);
      if (!detail::is_non_negative(w)) {  // the entry's name is built only for its message
        detail::check_non_negative(is, "W[" + std::to_string(j) + "][" + std::to_string(d) + "]", "weights", w);
        break;
      }
      s += w;
    }
    if (is.empty() && std::fabs(s - 1) > 1e-9)
      is.add("W[:, " + std::to_string(d) + "]", "weights of a draw must sum to 1, got " + num(s));
  }
  is.throw_if_any();
  const auto I = static_cast<std::size_t>(W.rows());
  WeightFill fill = [&W, I](std::size_t d, double* out) {
    for (std::size_t j = 0; j < I; ++j) out[j] = W(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(d));
  };
  std::vector<bool> active(I);
  for (std::size_t j = 0; j < I; ++j) active[j] = (W.row(static_cast<Eigen::Index>(j)).array() > 0).any();
  Setup st;
  st.cons = detail::score_matrices(X, o, active);
  st.draws = static_cast<std::size_t>(W.cols());
  st.fill = std::move(fill);
  st.generated = false;
  st.given_mean = W.rowwise().mean();
  return st;
}

}  // namespace impactchain::detail::ranks
