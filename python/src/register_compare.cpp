// Bindings for comparing interventions: icer.hpp, psa.hpp, lenses.hpp.
// Literal: pandas views, coercion and friendly results live in impactchain/compare.py.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include "notice_caster.hpp"
#include "impactchain/icer.hpp"
#include "impactchain/lenses.hpp"
#include "impactchain/psa.hpp"
#include "psa_arrays.hpp"
#include "register.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace impactchain::python {

void register_compare(py::module_& m) {
  py::class_<IcerRow>(m, "IcerRow", "One strategy of an ICER table (dampack conventions).")
      .def_readonly("strategy", &IcerRow::strategy)
      .def_readonly("cost", &IcerRow::cost)
      .def_readonly("effect", &IcerRow::effect)
      .def_readonly("inc_cost", &IcerRow::inc_cost, "Against the previous ND strategy; None for the first ND and D/ED.")
      .def_readonly("inc_effect", &IcerRow::inc_effect)
      .def_readonly("icer", &IcerRow::icer, "inc_cost / inc_effect; None when undefined (see note).")
      .def_property_readonly("status", [](const IcerRow& r) { return std::string(to_string(r.status)); },
                             "'ND' (non-dominated), 'ED' (extendedly dominated) or 'D' (strongly dominated).")
      .def_readonly("note", &IcerRow::note)
      .def("__repr__", [](const IcerRow& r) {
        return "IcerRow(strategy=" + py::repr(py::str(r.strategy)).cast<std::string>() + ", status='" + to_string(r.status) + "')";
      });

  py::class_<IcerTable>(m, "IcerTable", "Result of icers(): rows ND, ED, D (each by cost) and warnings.")
      .def_readonly("rows", &IcerTable::rows)
      .def_readonly("warnings", &IcerTable::warnings)
      .def("frontier", &IcerTable::frontier, "Names of the non-dominated strategies in order of cost.");

  m.def("icers", &icers, "strategies"_a, "costs"_a, "effects"_a,
        R"doc(Incremental cost-effectiveness ratios with strong (D) and extended (ED) dominance.

Parameters
----------
strategies : list of str
    Unique names, at least two.
costs, effects : list of float
    Finite; same length as ``strategies``. Any money unit / any effect unit.

Returns
-------
IcerTable
    dampack's calculate_icers() conventions: ordered by cost; equal effect at a
    higher cost is D; ED removed iteratively; first ND row has no ICER.
)doc");

  py::class_<NetBenefitRow>(m, "NetBenefitRow", "Net monetary benefit and cost per unit of outcome of one strategy.")
      .def_readonly("strategy", &NetBenefitRow::strategy)
      .def_readonly("cost", &NetBenefitRow::cost)
      .def_readonly("effect", &NetBenefitRow::effect)
      .def_readonly("nmb", &NetBenefitRow::nmb)
      .def_readonly("cost_per_effect", &NetBenefitRow::cost_per_effect)
      .def_readonly("note", &NetBenefitRow::note);
  m.attr("max_wtp_grid") = max_wtp_grid;
  m.def("net_benefit", &net_benefit, "strategies"_a, "costs"_a, "effects"_a, "wtp"_a,
        R"doc(NMB = wtp·effect − cost and cost per unit of outcome (None when effect <= 0).

Parameters
----------
wtp : float
    Willingness to pay, money per unit of effect (finite).
)doc");

  py::class_<PsaSummary>(m, "PsaSummary", "Means and SDs (n − 1) of cost and effect per strategy.")
      .def_readonly("draws", &PsaSummary::draws)
      .def_readonly("names", &PsaSummary::names)
      .def_property_readonly("mean_cost", [](const PsaSummary& s) { return vector(s.mean_cost); })
      .def_property_readonly("mean_effect", [](const PsaSummary& s) { return vector(s.mean_effect); })
      .def_property_readonly("sd_cost", [](const PsaSummary& s) { return vector(s.sd_cost); })
      .def_property_readonly("sd_effect", [](const PsaSummary& s) { return vector(s.sd_effect); });

  m.def(
      "psa_summary",
      [](const Draws& costs, const Draws& effects, const std::optional<std::vector<std::string>>& strategies,
         unsigned threads) {
        const PsaDraws d = view(costs, effects, strategies);
        py::gil_scoped_release release;
        return psa_summary(d, psa_options(threads));
      },
      "costs"_a, "effects"_a, py::kw_only(), "strategies"_a = py::none(), "threads"_a = 0u,
      R"doc(Validates draws (finite, equal shapes, >= 2 strategies) and returns means and SDs.

Parameters
----------
costs, effects : ndarray, shape (draws, strategies)
    float64 C-contiguous arrays are read without a copy.
strategies : list of str, optional
    Names used in messages.
threads : int
    0 = all hardware threads. Results do not depend on it.
)doc");

  py::class_<Acceptability>(m, "Acceptability", "CEAC, CEAF and EVPI on a willingness-to-pay grid.")
      .def_property_readonly("wtp", [](const Acceptability& a) { return vector(a.wtp); })
      .def_property_readonly("ceac", [](const Acceptability& a) { return matrix(a.ceac, a.wtp.size(), a.strategies); },
                             "Share of draws in which each strategy has the highest NMB, shape (wtp, strategies).")
      .def_property_readonly("expected_nmb",
                             [](const Acceptability& a) { return matrix(a.expected_nmb, a.wtp.size(), a.strategies); })
      .def_property_readonly("optimal", [](const Acceptability& a) { return a.optimal; },
                             "Index of the strategy with the highest expected NMB at each wtp.")
      .def_property_readonly("frontier_probability", [](const Acceptability& a) { return vector(a.frontier_probability); })
      .def_property_readonly("evpi", [](const Acceptability& a) { return vector(a.evpi); });

  m.def(
      "acceptability",
      [](const Draws& costs, const Draws& effects, const std::vector<double>& wtp, const PsaSummary& summary,
         unsigned threads) {
        const PsaDraws d = view(costs, effects, std::nullopt);
        py::gil_scoped_release release;
        return acceptability(d, summary, wtp, psa_options(threads));
      },
      "costs"_a, "effects"_a, "wtp"_a, py::kw_only(), "summary"_a, "threads"_a = 0u,
      R"doc(Acceptability curve, frontier and EVPI in one pass over the draws.

Parameters
----------
costs, effects : ndarray, shape (draws, strategies)
wtp : list of float
    Willingness-to-pay values (money per unit of effect), any order, finite.
summary : PsaSummary
    From psa_summary() on the same draws (it validated them).
threads : int
    0 = all hardware threads; results identical for any value.
)doc");

  m.def(
      "rank_probabilities",
      [](const Draws& costs, const Draws& effects, double wtp, unsigned threads,
         const std::optional<std::vector<std::string>>& strategies) {
        const PsaDraws d = view(costs, effects, strategies);
        std::vector<double> r;
        {
          py::gil_scoped_release release;
          r = rank_probabilities(d, wtp, psa_options(threads));
        }
        return matrix(r, d.strategies, d.strategies);
      },
      "costs"_a, "effects"_a, "wtp"_a, py::kw_only(), "threads"_a = 0u, "strategies"_a = py::none(),
      "Probability of each rank (columns, 0 = best NMB) for each strategy (rows) at one wtp; strategies "
      "names them in messages.");

  py::class_<IncrementalRow>(m, "IncrementalRow", "One strategy against the reference on mean cost and effect.")
      .def_readonly("strategy", &IncrementalRow::strategy)
      .def_readonly("inc_cost", &IncrementalRow::inc_cost)
      .def_readonly("inc_effect", &IncrementalRow::inc_effect)
      .def_readonly("icer", &IncrementalRow::icer)
      .def_readonly("status", &IncrementalRow::status);
  m.def("versus_reference", &versus_reference, "summary"_a, "reference"_a,
        "ICER of each strategy against the reference (index) on means; None with a status when undefined.");
  m.def(
      "expected_incremental_benefit",
      [](const PsaSummary& s, std::size_t reference, const std::vector<double>& wtp) {
        return matrix(expected_incremental_benefit(s, reference, wtp), wtp.size(), s.mean_cost.size());
      },
      "summary"_a, "reference"_a, "wtp"_a, "EIB(k) = E[NMB_j] − E[NMB_ref], shape (wtp, strategies).");

  py::class_<LensAgreement>(m, "LensAgreement", "Ranks, winners and rank correlations across lenses.")
      .def_readonly("strategies", &LensAgreement::strategies)
      .def_readonly("lenses", &LensAgreement::lenses)
      .def_readonly("higher_is_better", &LensAgreement::higher_is_better)
      .def_property_readonly("ranks", [](const LensAgreement& a) { return matrix(a.ranks, a.strategies.size(), a.lenses.size()); })
      .def_readonly("winners", &LensAgreement::winners)
      .def_property_readonly("spearman", [](const LensAgreement& a) { return matrix(a.spearman, a.lenses.size(), a.lenses.size()); })
      .def_property_readonly("kendall", [](const LensAgreement& a) { return matrix(a.kendall, a.lenses.size(), a.lenses.size()); })
      .def_readonly("agree", &LensAgreement::agree)
      .def_readonly("changes", &LensAgreement::changes)
      .def_readonly("warnings", &LensAgreement::warnings);
  m.def(
      "lens_agreement",
      [](const std::vector<std::string>& strategies, const std::vector<std::string>& lenses,
         const py::array_t<double, py::array::c_style | py::array::forcecast>& values,
         const std::vector<bool>& higher_is_better) {
        if (values.ndim() != 2)
          throw ValidationError("lenses.values", "expected a 2-D array (strategies × lenses), got " +
                                                     std::to_string(values.ndim()) + "-D");
        std::vector<double> v(values.data(), values.data() + values.size());
        return lens_agreement(strategies, lenses, v, higher_is_better);
      },
      "strategies"_a, "lenses"_a, "values"_a, "higher_is_better"_a,
      R"doc(Do the lenses pick the same winner? Spearman and Kendall tau-b between lenses.

Parameters
----------
values : ndarray, shape (strategies, lenses)
    Finite values of each measure (e.g. SROI ratio, cost per outcome, composite, NMB).
higher_is_better : list of bool
    One per lens (False for cost per outcome).
)doc");
}

}  // namespace impactchain::python
