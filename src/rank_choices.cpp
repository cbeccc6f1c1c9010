// The score matrices of composite rank uncertainty (rank_choices.hpp):
// treated and normalised indicators per (treatment, normalisation) choice, their logarithms for the
// geometric mean, and the choice of each draw from its own Philox stream.
#include "rank_choices.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "impactchain/aggregate.hpp"
#include "impactchain/error.hpp"
#include "impactchain/normalise.hpp"
#include "impactchain/outliers.hpp"
#include "sampler.hpp"

namespace impactchain::detail {

std::size_t ScoreMatrices::choose(std::size_t d) const {
  if (!active) return 0;
  std::size_t t = 0, n = 0, a = 0;
  if (n_treat > 1) {
    detail::PhiloxStream rng(seed, d, 0, StreamDomain::rank_treatment);
    t = std::min(n_treat - 1, static_cast<std::size_t>(rng.uniform() * static_cast<double>(n_treat)));
  }
  if (n_norm > 1) {
    detail::PhiloxStream rng(seed, d, 0, StreamDomain::rank_normalisation);
    n = std::min(n_norm - 1, static_cast<std::size_t>(rng.uniform() * static_cast<double>(n_norm)));
  }
  if (n_agg > 1) {
    detail::PhiloxStream rng(seed, d, 0, StreamDomain::rank_aggregation);
    a = std::min(n_agg - 1, static_cast<std::size_t>(rng.uniform() * static_cast<double>(n_agg)));
  }
  return (t * n_norm + n) * n_agg + a;
}

ScoreMatrices score_matrices(const Eigen::Ref<const Eigen::MatrixXd>& X, const RankUncertaintyOptions& o,
                             const std::vector<bool>& active) {
  ScoreMatrices c;
  const auto& ch = o.choices;
  c.seed = o.seed;
  c.active = ch.active();
  if (!c.active) {
    c.normalised = {X};
    c.M = {c.normalised[0]};
    c.geometric = {0};
    return c;
  }
  const auto I = static_cast<std::size_t>(X.cols());
  detail::IssueList is;
  for (std::size_t i = 0; i < ch.treatments.size(); ++i)
    for (std::size_t k = 0; k < i; ++k)
      if (ch.treatments[k] == ch.treatments[i])
        is.add("choices.treatments[" + std::to_string(i) + "]", std::string("'") + to_string(ch.treatments[i]) + "' is listed twice");
  for (std::size_t i = 0; i < ch.normalisations.size(); ++i) {
    const auto n = ch.normalisations[i];
    if (n != Normalisation::none && n != Normalisation::minmax && n != Normalisation::zscore && n != Normalisation::rank)
      is.add("choices.normalisations[" + std::to_string(i) + "]",
             std::string("'") + to_string(n) + "' is not supported as an uncertain choice (it needs per-indicator "
             "targets or goalposts); use none, minmax, zscore or rank");
    for (std::size_t k = 0; k < i; ++k)
      if (ch.normalisations[k] == n)
        is.add("choices.normalisations[" + std::to_string(i) + "]", std::string("'") + to_string(n) + "' is listed twice");
  }
  for (std::size_t i = 0; i < ch.aggregations.size(); ++i) {
    const auto a = ch.aggregations[i];
    if (a != Aggregation::arithmetic && a != Aggregation::geometric)
      is.add("choices.aggregations[" + std::to_string(i) + "]",
             std::string("'") + to_string(a) + "' is not supported as an uncertain choice; use arithmetic or geometric");
    for (std::size_t k = 0; k < i; ++k)
      if (ch.aggregations[k] == a)
        is.add("choices.aggregations[" + std::to_string(i) + "]", std::string("'") + to_string(a) + "' is listed twice");
  }
  if (!ch.directions.empty() && ch.directions.size() != I)
    is.add("choices.directions", "needs one direction per indicator (" + std::to_string(I) + "), got " + std::to_string(ch.directions.size()));
  if (!ch.indicator_names.empty() && ch.indicator_names.size() != I)
    is.add("choices.indicator_names", "needs one name per indicator (" + std::to_string(I) + "), got " +
                                          std::to_string(ch.indicator_names.size()));
  if (!ch.unit_names.empty() && ch.unit_names.size() != static_cast<std::size_t>(X.rows()))
    is.add("choices.unit_names", "needs one name per unit (" + std::to_string(X.rows()) + "), got " +
                                     std::to_string(ch.unit_names.size()));
  is.throw_if_any();
  if (!ch.treatments.empty()) check_outlier_options(ch.outliers, "choices.outliers");
  std::vector<std::string> names = ch.indicator_names;
  if (names.empty())
    for (std::size_t j = 0; j < I; ++j) names.push_back(std::to_string(j));
  const std::vector<int> dir = ch.directions.empty() ? std::vector<int>(I, 1) : ch.directions;
  const std::vector<Normalisation> norms = ch.normalisations.empty() ? std::vector<Normalisation>{Normalisation::none} : ch.normalisations;
  const std::vector<Aggregation> aggs = ch.aggregations.empty() ? std::vector<Aggregation>{Aggregation::arithmetic} : ch.aggregations;
  const std::vector<OutlierTreatment> treats = ch.treatments.empty() ? std::vector<OutlierTreatment>{OutlierTreatment::none} : ch.treatments;
  c.n_treat = treats.size();
  c.n_norm = norms.size();
  c.n_agg = aggs.size();
  for (auto t : treats) {
    const Eigen::MatrixXd raw = t == OutlierTreatment::coinr ? treat_outliers_coinr(X, names, ch.outliers).treated : Eigen::MatrixXd(X);
    for (auto n : norms) {
      if (n == Normalisation::none) {
        Eigen::MatrixXd N = raw;
        for (std::size_t j = 0; j < I; ++j) N.col(static_cast<Eigen::Index>(j)) *= dir[j];
        c.normalised.push_back(std::move(N));
      } else {
        NormalisationOptions no = ch.normalisation;
        no.method = n;
        c.normalised.push_back(normalise(raw, dir, no, names));  // throws for constant indicators, bad ranges, …
      }
    }
  }
  for (std::size_t ni = 0; ni < c.normalised.size(); ++ni)
    for (auto a : aggs) {
      const Eigen::MatrixXd& N = c.normalised[ni];
      if (a == Aggregation::arithmetic) {
        c.M.push_back(N);
        c.geometric.push_back(0);
        continue;
      }
      // Geometric: every value that can get weight must be > 0 (aggregate.hpp's rule).
      Eigen::MatrixXd L = Eigen::MatrixXd::Zero(N.rows(), N.cols());
      for (Eigen::Index j = 0; j < N.cols(); ++j) {
        if (!active[static_cast<std::size_t>(j)]) continue;  // never weighted: contributes 0·log(·) = 0
        for (Eigen::Index u = 0; u < N.rows(); ++u) {
          if (!(N(u, j) > 0))
            throw ValidationError("choices.aggregations", std::string("geometric aggregation after '") + to_string(norms[ni % norms.size()]) +
                                                 "' normalisation is undefined: " + ch.unit_label(static_cast<std::size_t>(u)) + ", indicator '" +
                                                 names[static_cast<std::size_t>(j)] + "' is " + num(N(u, j)) +
                                                 " (<= 0); use minmax with a positive lower bound (e.g. [1, 100]) or rank");
          L(u, j) = std::log(N(u, j));
        }
      }
      c.M.push_back(std::move(L));
      c.geometric.push_back(1);
    }
  return c;
}

}  // namespace impactchain::detail
