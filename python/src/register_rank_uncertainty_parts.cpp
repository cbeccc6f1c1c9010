// A rank-uncertainty run in parts (rank_uncertainty.hpp), for running one run on several
// machines: RankUncertaintyPart (picklable, to travel between processes), the part of a
// range of draws, the join of adjacent parts and the result from the parts.
#include "bindings.hpp"
#include "register.hpp"

#include "cancel_hook.hpp"
#include "raw_state.hpp"
#include "repr.hpp"
#include "impactchain/rank_uncertainty.hpp"

namespace impactchain::python {

namespace {

using Matrix = Eigen::Ref<const Eigen::MatrixXd>;

Eigen::VectorXd central(const Matrix& weights) {
  if (weights.cols() != 1)
    throw std::invalid_argument("weights: give a 1-D array of indicator weights, got " +
                                std::to_string(weights.rows()) + " x " + std::to_string(weights.cols()));
  return Eigen::VectorXd(weights.col(0));
}

py::tuple histograms_state(const std::vector<RankHistogram>& hs) {
  py::list out;
  for (const auto& h : hs) out.append(py::make_tuple(h.lo, h.shift, raw(h.counts)));
  return py::tuple(out);
}

std::vector<RankHistogram> histograms_from(const py::handle& t) {
  std::vector<RankHistogram> out;
  for (const auto& item : t.cast<py::tuple>()) {
    const auto h = item.cast<py::tuple>();
    out.push_back(RankHistogram{h[0].cast<std::int64_t>(), h[1].cast<int>(), unraw<std::uint32_t>(h[2], "RankUncertaintyPart")});
  }
  return out;
}

}  // namespace

void register_rank_uncertainty_parts(py::module_& m) {
  m.attr("rank_segment_draws") = rank_segment_draws;
  py::class_<RankUncertaintyPart>(m, "RankUncertaintyPart",
                                  "Draws first_draw .. first_draw + draws - 1 of a rank-uncertainty run as partial "
                                  "summaries that merge exactly (rank_uncertainty_from_parts); picklable, to travel "
                                  "between processes.")
      .def_readonly("first_draw", &RankUncertaintyPart::first_draw)
      .def_readonly("draws", &RankUncertaintyPart::draws)
      .def("__repr__", [](const RankUncertaintyPart& p) {
        return angle_repr("RankUncertaintyPart",
                          {{"first_draw", std::to_string(p.first_draw)}, {"draws", std::to_string(p.draws)}});
      })
      .def(py::pickle(
          [](const RankUncertaintyPart& p) {
            return py::make_tuple(1, p.first_draw, p.draws, raw(p.score_sums), raw(p.weight_sums),
                                  histograms_state(p.ranks), histograms_state(p.scores), raw(p.best), raw(p.worst),
                                  raw(p.top_count), raw(p.draw_choice));
          },
          [](const py::tuple& t) {
            if (t.size() != 11 || t[0].cast<int>() != 1)
              throw std::invalid_argument("RankUncertaintyPart: not a state this impactchain wrote");
            RankUncertaintyPart p;
            p.first_draw = t[1].cast<std::size_t>();
            p.draws = t[2].cast<std::size_t>();
            p.score_sums = unraw<double>(t[3], "RankUncertaintyPart");
            p.weight_sums = unraw<double>(t[4], "RankUncertaintyPart");
            p.ranks = histograms_from(t[5]);
            p.scores = histograms_from(t[6]);
            p.best = unraw<std::int32_t>(t[7], "RankUncertaintyPart");
            p.worst = unraw<std::int32_t>(t[8], "RankUncertaintyPart");
            p.top_count = unraw<std::uint64_t>(t[9], "RankUncertaintyPart");
            p.draw_choice = unraw<std::int32_t>(t[10], "RankUncertaintyPart");
            return p;
          }));
  m.def(
      "rank_uncertainty_part",
      [](const Matrix& X, const Matrix& weights, bool given, RankUncertaintyOptions options, std::size_t first_draw,
         std::size_t draws) {
        options.cancelled = python_cancel_hook();
        py::gil_scoped_release release;
        if (given) return rank_uncertainty_given_part(X, weights, options, first_draw, draws);
        return rank_uncertainty_part(X, central(weights), options, first_draw, draws);
      },
      "X"_a, "weights"_a, py::kw_only(), "given"_a, "options"_a, "first_draw"_a, "draws"_a,
      "Draws [first_draw, first_draw + draws) of rank_uncertainty's run as a RankUncertaintyPart (a part starts "
      "at a segment of rank_segment_draws draws and ends at one or at the run's end). The GIL is released.");
  m.def(
      "join_rank_uncertainty_parts",
      [](const std::vector<RankUncertaintyPart>& parts) {
        py::gil_scoped_release release;
        return join_rank_uncertainty_parts(parts);
      },
      "parts"_a, "Adjacent parts of one run, in draw order, as one part.");
  m.def(
      "rank_uncertainty_from_parts",
      [](const Matrix& X, const Matrix& weights, bool given, RankUncertaintyOptions options,
         const std::vector<RankUncertaintyPart>& parts) {
        options.cancelled = python_cancel_hook();
        py::gil_scoped_release release;
        if (given) return rank_uncertainty_given_from_parts(X, weights, options, parts);
        return rank_uncertainty_from_parts(X, central(weights), options, parts);
      },
      "X"_a, "weights"_a, py::kw_only(), "given"_a, "options"_a, "parts"_a,
      "rank_uncertainty's result from the parts of its run (covering every draw in order): bit for bit the "
      "result of the whole run.");
}

}  // namespace impactchain::python
