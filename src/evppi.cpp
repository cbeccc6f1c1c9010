// EVPPI of single parameters (evppi.hpp): the checks, then one parameter per
// work item on the worker pool. The estimators: evppi_regression.cpp and
// evppi_binned.cpp.
#include "impactchain/evppi.hpp"

#include <cmath>
#include <cstddef>
#include <string>

#include "evppi_estimators.hpp"
#include "impactchain/detail/check.hpp"
#include "impactchain/detail/parallel.hpp"
#include "impactchain/error.hpp"

namespace impactchain {

namespace {

using Eigen::Index;

std::string parameter_name(const EvppiOptions& o, Index j) {
  return o.names.empty() ? std::to_string(j) : o.names[static_cast<std::size_t>(j)];
}

void check(const Eigen::Ref<const Eigen::MatrixXd>& nb, const Eigen::Ref<const Eigen::MatrixXd>& theta,
           const EvppiOptions& o) {
  detail::IssueList is;
  detail::check_count(is, "knots", "", o.knots, 2, 20);
  detail::check_count(is, "se_draws", "", o.se_draws, 2, 100000);
  detail::check_threads(is, "threads", o.threads);
  if (nb.cols() < 2)
    is.add("net_benefit", "needs the net benefit of at least 2 strategies (columns), got " + std::to_string(nb.cols()));
  if (nb.rows() < 2) is.add("net_benefit", "needs at least 2 draws (rows), got " + std::to_string(nb.rows()));
  if (theta.rows() != nb.rows())
    is.add("parameters", "has " + std::to_string(theta.rows()) + " draws (rows), net_benefit has " +
                             std::to_string(nb.rows()) + ": one row per draw in both");
  if (!o.names.empty() && static_cast<Index>(o.names.size()) != theta.cols())
    is.add("names", std::to_string(o.names.size()) + " names for " + std::to_string(theta.cols()) + " parameters");
  is.throw_if_any();
  for (Index d = 0; d < nb.cols(); ++d)
    for (Index i = 0; i < nb.rows(); ++i)
      if (!std::isfinite(nb(i, d)))
        throw ValidationError("net_benefit", "strategy " + std::to_string(d) + ", row " + std::to_string(i) +
                                                 ": must be finite, got " + detail::num(nb(i, d)));
  for (Index j = 0; j < theta.cols(); ++j)
    for (Index i = 0; i < theta.rows(); ++i)
      if (!std::isfinite(theta(i, j)))
        throw ValidationError("parameters", "parameter " + detail::quote(parameter_name(o, j)) + ", row " +
                                                std::to_string(i) + ": must be finite, got " +
                                                detail::num(theta(i, j)));
}

}  // namespace

EvppiResult evppi(const Eigen::Ref<const Eigen::MatrixXd>& net_benefit,
                  const Eigen::Ref<const Eigen::MatrixXd>& parameters, const EvppiOptions& o) {
  check(net_benefit, parameters, o);
  const Index P = parameters.cols();
  EvppiResult r;
  r.evppi.resize(P);
  r.se.resize(P);
  r.columns.resize(P);
  Eigen::MatrixXd inc;  // the regression's: each strategy minus the first, in every draw
  if (o.method == EvppiMethod::regression)
    inc = net_benefit.rightCols(net_benefit.cols() - 1).colwise() - net_benefit.col(0);
  // Eigen::Ref<const MatrixXd> is column-major with unit inner stride: each parameter's draws are contiguous.
  const Index stride = parameters.outerStride();
  const double* base = parameters.data();
  detail::parallel_items(
      static_cast<std::size_t>(P), detail::resolve_threads(o.threads),
      [&](unsigned, std::size_t j) {
        const double* x = base + static_cast<Index>(j) * stride;
        const detail::EvppiOne one = o.method == EvppiMethod::regression
                                         ? detail::evppi_regression(inc, x, o.knots, o.se_draws, o.seed, o.first_index + j)
                                         : detail::evppi_binned(net_benefit, x);
        const auto jj = static_cast<Index>(j);
        r.evppi[jj] = one.evppi;
        r.se[jj] = one.se;
        r.columns[jj] = one.columns;
      },
      &o.cancelled);
  return r;
}

}  // namespace impactchain
