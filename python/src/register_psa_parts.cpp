// A probabilistic comparison in parts (psa_parts.hpp), for computing one over the draws where they
// are (the workers of a cluster): the parts (picklable, to travel between processes), the part of
// a range of blocks, the join of adjacent parts and the folds that finish them in block order.
#include "bindings.hpp"
#include "register.hpp"

#include "psa_arrays.hpp"
#include "raw_state.hpp"
#include "repr.hpp"
#include "impactchain/psa_parts.hpp"

namespace impactchain::python {

namespace {

using Wtp = std::vector<double>;

py::tuple range_state(const PsaPartRange& p) {
  return py::make_tuple(p.first_block, p.blocks, p.draws, p.block_size, p.strategies);
}

void range_from(PsaPartRange& p, const py::handle& h) {
  const auto t = h.cast<py::tuple>();
  if (t.size() != 5) throw std::invalid_argument("PSA part: a damaged state");
  p.first_block = t[0].cast<std::size_t>();
  p.blocks = t[1].cast<std::size_t>();
  p.draws = t[2].cast<std::size_t>();
  p.block_size = t[3].cast<std::size_t>();
  p.strategies = t[4].cast<std::size_t>();
}

py::object bad_state(const std::optional<PsaBadDraw>& b) {
  if (!b) return py::none();
  return py::make_tuple(b->draw, b->strategy, static_cast<int>(b->field), b->value);
}

std::optional<PsaBadDraw> bad_from(const py::handle& h) {
  if (h.is_none()) return std::nullopt;
  const auto t = h.cast<py::tuple>();
  const int field = t.size() == 4 ? t[2].cast<int>() : -1;
  if (field < 0 || field > 2) throw std::invalid_argument("PSA part: a damaged state");
  return PsaBadDraw{t[0].cast<std::size_t>(), t[1].cast<std::size_t>(), static_cast<PsaBadDraw::Field>(field),
                    t[3].cast<double>()};
}

/// The tuple a part pickles to: (1, its range, its fields...); `read` fills the fields back. The
/// range's fields and repr come from the bound base class PsaPartRange.
template <class Part, class Write, class Read>
void part_class(py::module_& m, const char* name, const char* doc, Write write, Read read) {
  py::class_<Part, PsaPartRange>(m, name, doc)
      .def(py::pickle([write](const Part& p) { return py::make_tuple(1, range_state(p), write(p)); },
                      [read, name](const py::tuple& t) {
                        if (t.size() != 3 || t[0].cast<int>() != 1)
                          throw std::invalid_argument(std::string(name) + ": not a state this impactchain wrote");
                        Part p;
                        range_from(p, t[1]);
                        read(p, t[2].cast<py::tuple>());
                        return p;
                      }));
}

/// The binding of a part on a wtp grid: the arrays viewed, the GIL released, `part` called.
template <class F>
auto on_grid(F part) {
  return [part](const Draws& costs, const Draws& effects, const Wtp& wtp, std::size_t first_block, unsigned threads) {
    const PsaDraws d = view(costs, effects, std::nullopt);
    py::gil_scoped_release release;
    return part(d, first_block, wtp, psa_options(threads));
  };
}

}  // namespace

void register_psa_parts(py::module_& m) {
  m.attr("psa_block_draws") = PsaOptions{}.block_size;
  py::class_<PsaPartRange>(m, "PsaPartRange", "Where a part of a PSA lies in its run: its first block, blocks and draws.")
      .def_readonly("first_block", &PsaPartRange::first_block)
      .def_readonly("blocks", &PsaPartRange::blocks)
      .def_readonly("draws", &PsaPartRange::draws)
      .def("__repr__", [](py::object self) {
        const auto& p = self.cast<const PsaPartRange&>();
        return angle_repr(py::str(py::type::of(self).attr("__name__")).cast<std::string>(),
                          {{"first_block", std::to_string(p.first_block)},
                           {"blocks", std::to_string(p.blocks)},
                           {"draws", std::to_string(p.draws)}});
      });
  const char* state = "PsaSumsPart";
  part_class<PsaSumsPart>(
      m, "PsaSumsPart",
      "Per-block sums of cost and effect (or of their squared deviations) over a range of blocks of a PSA's draws, "
      "and its first non-finite draw; picklable, to travel between processes.",
      [](const PsaSumsPart& p) { return py::make_tuple(raw(p.cost), raw(p.effect), bad_state(p.bad)); },
      [state](PsaSumsPart& p, const py::tuple& t) {
        p.cost = unraw<double>(t[0], state);
        p.effect = unraw<double>(t[1], state);
        p.bad = bad_from(t[2]);
      });
  const char* acc = "PsaAcceptabilityPart";
  part_class<PsaAcceptabilityPart>(
      m, "PsaAcceptabilityPart",
      "Acceptability over a range of blocks of a PSA's draws on a wtp grid: counts of the best strategy and "
      "per-block sums of the best strategy's effect and cost; picklable.",
      [](const PsaAcceptabilityPart& p) {
        return py::make_tuple(raw(p.wtp), raw(p.counts), raw(p.best_effect), raw(p.best_cost));
      },
      [acc](PsaAcceptabilityPart& p, const py::tuple& t) {
        p.wtp = unraw<double>(t[0], acc);
        p.counts = unraw<std::int64_t>(t[1], acc);
        p.best_effect = unraw<double>(t[2], acc);
        p.best_cost = unraw<double>(t[3], acc);
      });
  const char* ranks = "PsaRanksPart";
  part_class<PsaRanksPart>(
      m, "PsaRanksPart",
      "Rank counts over a range of blocks of a PSA's draws for each wtp of a grid, and its first non-finite net "
      "benefit; picklable.",
      [](const PsaRanksPart& p) { return py::make_tuple(raw(p.wtp), raw(p.counts), bad_state(p.bad)); },
      [ranks](PsaRanksPart& p, const py::tuple& t) {
        p.wtp = unraw<double>(t[0], ranks);
        p.counts = unraw<std::int64_t>(t[1], ranks);
        p.bad = bad_from(t[2]);
      });

// What every part function's docstring says after its first words.
#define IMPACTCHAIN_PSA_PART_DOC                                                                             \
  " over the blocks of `costs` and `effects` (the run's draws from block first_block on, whole blocks of " \
  "psa_block_draws draws but in the run's last part). The GIL is released."
  m.def(
      "psa_sums_part",
      [](const Draws& costs, const Draws& effects, std::size_t first_block, unsigned threads) {
        const PsaDraws d = view(costs, effects, std::nullopt);
        py::gil_scoped_release release;
        return psa_sums_part(d, first_block, psa_options(threads));
      },
      "costs"_a, "effects"_a, py::kw_only(), "first_block"_a, "threads"_a = 1u,
      "Pass 1 of psa_summary (block sums, first non-finite draw)" IMPACTCHAIN_PSA_PART_DOC);
  m.def(
      "psa_squares_part",
      [](const Draws& costs, const Draws& effects, std::size_t first_block, const std::vector<double>& mean_cost,
         const std::vector<double>& mean_effect, unsigned threads) {
        const PsaDraws d = view(costs, effects, std::nullopt);
        PsaSummary means;
        means.mean_cost = mean_cost;
        means.mean_effect = mean_effect;
        py::gil_scoped_release release;
        return psa_squares_part(d, first_block, means, psa_options(threads));
      },
      "costs"_a, "effects"_a, py::kw_only(), "first_block"_a, "mean_cost"_a, "mean_effect"_a, "threads"_a = 1u,
      "Pass 2 of psa_summary (block sums of squared deviations from the means of psa_means_from_parts)"
      IMPACTCHAIN_PSA_PART_DOC);
  m.def(
      "acceptability_part",
      on_grid([](const PsaDraws& d, std::size_t b, const Wtp& wtp, const PsaOptions& o) {
        return acceptability_part(d, b, wtp, o);
      }),
      "costs"_a, "effects"_a, "wtp"_a, py::kw_only(), "first_block"_a, "threads"_a = 1u,
      "acceptability() on grid wtp" IMPACTCHAIN_PSA_PART_DOC);
  m.def(
      "rank_probabilities_part",
      on_grid([](const PsaDraws& d, std::size_t b, const Wtp& wtp, const PsaOptions& o) {
        return rank_probabilities_part(d, b, wtp, o);
      }),
      "costs"_a, "effects"_a, "wtp"_a, py::kw_only(), "first_block"_a, "threads"_a = 1u,
      "rank_probabilities() for each wtp of a grid" IMPACTCHAIN_PSA_PART_DOC);

  const char* join_doc = "Adjacent parts of one run, in block order, as one part.";
  m.def("join_psa_parts", &join_psa_parts<PsaSumsPart>, "parts"_a, join_doc);
  m.def("join_psa_parts", &join_psa_parts<PsaAcceptabilityPart>, "parts"_a, join_doc);
  m.def("join_psa_parts", &join_psa_parts<PsaRanksPart>, "parts"_a, join_doc);
  m.def("psa_means_from_parts", &psa_means_from_parts, "parts"_a, py::kw_only(),
        "strategies"_a = std::vector<std::string>{},
        "Means of the run from its pass-1 parts in block order (SDs NaN); its first non-finite draw is raised "
        "(ValidationError naming the cell, strategy and draw).");
  m.def("psa_summary_from_parts", &psa_summary_from_parts, "means"_a, "parts"_a,
        "The run's PsaSummary from its means and pass-2 parts: bit for bit psa_summary() of all the draws.");
  m.def("acceptability_from_parts", &acceptability_from_parts, "summary"_a, "wtp"_a, "parts"_a,
        "Acceptability of the run from its parts on grid wtp: bit for bit acceptability() of all the draws.");
  m.def(
      "rank_probabilities_from_parts",
      [](const std::vector<PsaRanksPart>& parts, const Wtp& wtp, const std::vector<std::string>& strategies) {
        const std::vector<double> r = rank_probabilities_from_parts(parts, wtp, strategies);
        const std::size_t S = parts.empty() ? 0 : parts[0].strategies;
        py::array_t<double> a({wtp.size(), S, S});
        std::copy(r.begin(), r.end(), a.mutable_data());
        return a;
      },
      "parts"_a, "wtp"_a, py::kw_only(), "strategies"_a = std::vector<std::string>{},
      "Rank probabilities of the run from its parts, shape (wtp, strategies, ranks): bit for bit "
      "rank_probabilities() of all the draws at each wtp; its first non-finite net benefit is raised "
      "(naming the strategy by its name in strategies, when given).");
}
#undef IMPACTCHAIN_PSA_PART_DOC

}  // namespace impactchain::python
