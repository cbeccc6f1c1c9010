// EVPPI of single parameters (evppi.hpp): the literal binding. The public
// function, its checks and its result live in python/impactchain/voi.py.
#include "bindings.hpp"
#include "register.hpp"

#include "cancel_hook.hpp"
#include "impactchain/evppi.hpp"

namespace impactchain::python {

void register_evppi(py::module_& m) {
  m.def(
      "evppi",
      [](const Eigen::Ref<const Eigen::MatrixXd>& net_benefit, const Eigen::Ref<const Eigen::MatrixXd>& parameters,
         const std::string& method, int knots, int se_draws, std::uint64_t seed, unsigned threads,
         std::vector<std::string> names, std::uint64_t first_index) {
        EvppiOptions o;
        o.method = from_string<EvppiMethod>(method);
        o.knots = knots;
        o.se_draws = se_draws;
        o.seed = seed;
        o.threads = threads;
        o.names = std::move(names);
        o.first_index = first_index;
        o.cancelled = python_cancel_hook();
        EvppiResult r;
        {
          py::gil_scoped_release release;
          r = evppi(net_benefit, parameters, o);
        }
        return py::make_tuple(r.evppi, r.se, r.columns);
      },
      "net_benefit"_a, "parameters"_a, py::kw_only(), "method"_a = "regression", "knots"_a = 6, "se_draws"_a = 200,
      "seed"_a, "threads"_a = 0u, "names"_a = std::vector<std::string>{}, "first_index"_a = 0u,
      R"doc(EVPPI of each single parameter (literal binding; use impactchain.evppi).

Parameters
----------
net_benefit : ndarray (draws x strategies), float64
    Finite; at least 2 strategies. Fortran-ordered arrays are read without a copy.
parameters : ndarray (draws x parameters), float64
    Finite; one row per draw. Fortran-ordered arrays are read without a copy.
method : {'regression', 'binned'}
knots : int in [2, 20]
    Regression: interior knots of the cubic spline at the parameter's quantiles.
se_draws : int in [2, 100000]
    Regression: coefficient redraws for the standard error.
seed : int
    Key of the redraws' counter-based stream (with the parameter's index).
threads : int
    0 = all hardware threads; results are identical for any value. The GIL is released.
names : list of str
    Parameter names for messages.

Returns
-------
(evppi, se, columns) : three arrays, one value per parameter (columns: the regression design's
columns kept, the intercept included, or the binned estimator's bins).)doc");
}

}  // namespace impactchain::python
