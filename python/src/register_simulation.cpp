// Monte Carlo over a model: the result structs of simulate_model bound as
// read-only classes (kept draws as numpy views of the result, no copy) and the
// literal binding, which takes one SimulateOptions (register_simulate_options.cpp).
// The frozen public results and pandas views live in python/impactchain/_uncertainty_result.py.
#include <cstring>

#include "bindings.hpp"
#include "register.hpp"

#include "cancel_hook.hpp"
#include "repr.hpp"
#include "impactchain/simulate.hpp"

namespace impactchain::python {

namespace {

using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// A read-only numpy view of a matrix held by `owner` (None when it has no rows):
/// the array keeps the owner alive, nothing is copied.
py::object matrix_view(const RowMajor& m, const py::handle& owner) {
  if (m.rows() == 0) return py::none();
  py::array_t<double> a({static_cast<py::ssize_t>(m.rows()), static_cast<py::ssize_t>(m.cols())},
                        {static_cast<py::ssize_t>(sizeof(double) * m.cols()), static_cast<py::ssize_t>(sizeof(double))},
                        m.data(), owner);
  a.attr("setflags")("write"_a = false);
  return a;  // a handle: copying it only adds a reference
}

/// Progress from the calling thread: checks Ctrl-C and calls the user's callback, with the GIL.
std::function<void(std::size_t, std::size_t)> progress_hook(const py::object& cb) {
  return [cb](std::size_t done, std::size_t total) {
    py::gil_scoped_acquire gil;
    if (PyErr_CheckSignals() != 0) throw py::error_already_set();
    if (!cb.is_none()) cb(done, total);
  };
}

void register_rows(py::module_& m) {
  py::class_<OutputSummary>(m, "OutputSummary", "Summary of one output over its finite draws.")
      .def_readonly("name", &OutputSummary::name)
      .def_readonly("finite", &OutputSummary::finite, "Draws with a finite value (the summary uses only these).")
      .def_readonly("nonfinite", &OutputSummary::nonfinite, "Draws with NaN or ±inf, counted and left out.")
      .def_readonly("mean", &OutputSummary::mean)
      .def_readonly("sd", &OutputSummary::sd, "Sample SD (n - 1).")
      .def_readonly("min", &OutputSummary::min)
      .def_readonly("max", &OutputSummary::max)
      .def_readonly("p05", &OutputSummary::p05)
      .def_readonly("p50", &OutputSummary::p50)
      .def_readonly("p95", &OutputSummary::p95)
      .def_readonly("level", &OutputSummary::level, "Level of the interval lower..upper (0.95: central 95 %).")
      .def_readonly("lower", &OutputSummary::lower, "The (1 - level) / 2 quantile.")
      .def_readonly("upper", &OutputSummary::upper, "The (1 + level) / 2 quantile.")
      .def_readonly("quantiles", &OutputSummary::quantiles)
      .def_readonly("quantile_method", &OutputSummary::quantile_method,
                    "'exact' (type 7, up to exact_quantile_max_draws draws) or 'sketch'.")
      .def("__repr__", [](const OutputSummary& s) {
        return angle_repr("OutputSummary", {{"name", quoted(s.name)}, {"mean", short_num(s.mean)},
                                            {"lower", short_num(s.lower)}, {"upper", short_num(s.upper)},
                                            {"level", short_num(s.level)}, {"finite", std::to_string(s.finite)}});
      });

  py::class_<Exceedance>(m, "Exceedance", "P(output > threshold) over the finite draws (a value target).")
      .def_readonly("output", &Exceedance::output)
      .def_readonly("threshold", &Exceedance::threshold)
      .def_readonly("probability", &Exceedance::probability, "NaN when no draw of the output is finite.")
      .def_readonly("finite", &Exceedance::finite)
      .def_readonly("below", &Exceedance::below, "True: the share of finite draws with output < threshold instead.")
      .def("__repr__", [](const Exceedance& e) {
        return angle_repr("Exceedance", {{"output", quoted(e.output)}, {"threshold", short_num(e.threshold)},
                                         {"probability", short_num(e.probability)}});
      });

  py::class_<TornadoRow>(m, "TornadoRow", "One parameter at its low and high value, the others central.")
      .def_readonly("name", &TornadoRow::name)
      .def_readonly("slot", &TornadoRow::slot)
      .def_readonly("low_value", &TornadoRow::low_value)
      .def_readonly("high_value", &TornadoRow::high_value)
      .def_readonly("output_low", &TornadoRow::output_low)
      .def_readonly("output_high", &TornadoRow::output_high)
      .def_readonly("swing", &TornadoRow::swing, "|output_high - output_low|.")
      .def("__repr__", [](const TornadoRow& r) {
        return angle_repr("TornadoRow", {{"name", quoted(r.name)}, {"swing", short_num(r.swing)}});
      });

  py::class_<TornadoTable>(m, "TornadoTable", "The tornado of one output (rows by swing, largest first).")
      .def_readonly("output", &TornadoTable::output)
      .def_readonly("base", &TornadoTable::base, "The output with every parameter at its central value.")
      .def_readonly("range", &TornadoTable::range, "'p05_p95', 'p10_p90' or 'support'.")
      .def_readonly("rows", &TornadoTable::rows)
      .def("__repr__", [](const TornadoTable& t) {
        return angle_repr("TornadoTable", {{"output", quoted(t.output)}, {"range", quoted(t.range)},
                                           {"rows", std::to_string(t.rows.size())}});
      });

  py::class_<SobolRow>(m, "SobolRow", "First-order (Saltelli 2010) and total (Jansen 1999) index of one parameter.")
      .def_readonly("name", &SobolRow::name)
      .def_readonly("slot", &SobolRow::slot)
      .def_readonly("first", &SobolRow::first)
      .def_readonly("first_se", &SobolRow::first_se)
      .def_readonly("total", &SobolRow::total)
      .def_readonly("total_se", &SobolRow::total_se)
      .def("__repr__", [](const SobolRow& r) {
        return angle_repr("SobolRow", {{"name", quoted(r.name)}, {"first", short_num(r.first)},
                                       {"total", short_num(r.total)}});
      });

  py::class_<SobolTable>(m, "SobolTable", "Sobol indices of one output.")
      .def_readonly("output", &SobolTable::output)
      .def_readonly("base_draws", &SobolTable::base_draws, "N of the Saltelli design.")
      .def_readonly("used_rows", &SobolTable::used_rows, "Rows with every evaluation finite.")
      .def_readonly("variance", &SobolTable::variance)
      .def_readonly("rows", &SobolTable::rows)
      .def("__repr__", [](const SobolTable& t) {
        return angle_repr("SobolTable", {{"output", quoted(t.output)}, {"base_draws", std::to_string(t.base_draws)},
                                         {"rows", std::to_string(t.rows.size())}});
      });
}

void register_results(py::module_& m) {
  py::class_<SimulationResult>(m, "SimulationResult", "Result of the Monte Carlo engine (read-only).")
      .def_readonly("draws", &SimulationResult::draws)
      .def_readonly("seed", &SimulationResult::seed)
      .def_readonly("stream_version", &SimulationResult::stream_version)
      .def_readonly("threads", &SimulationResult::threads)
      .def_readonly("output_names", &SimulationResult::output_names)
      .def_readonly("summaries", &SimulationResult::summaries, "One OutputSummary per output, in output order.")
      .def_readonly("exceedances", &SimulationResult::exceedances)
      .def_readonly("nonfinite_draws", &SimulationResult::nonfinite_draws, "Draws in which any output was not finite.")
      .def_readonly("parameter_names", &SimulationResult::parameter_names)
      .def_readonly("parameter_slots", &SimulationResult::parameter_slots)
      .def_readonly("sampling_methods", &SimulationResult::sampling_methods)
      .def_property_readonly(
          "output_draws", [](const py::object& self) { return matrix_view(self.cast<const SimulationResult&>().output_draws, self); },
          "draws x outputs (read-only view), None unless keep_draws.")
      .def_property_readonly(
          "parameter_draws",
          [](const py::object& self) { return matrix_view(self.cast<const SimulationResult&>().parameter_draws, self); },
          "draws x uncertain parameters (read-only view), None unless keep_parameters.")
      .def_readonly("tornado", &SimulationResult::tornado)
      .def_readonly("sobol", &SimulationResult::sobol)
      .def_readonly("warnings", &SimulationResult::warnings)
      .def("__repr__", [](const SimulationResult& r) {
        return angle_repr("SimulationResult", {{"draws", std::to_string(r.draws)}, {"seed", std::to_string(r.seed)},
                                               {"outputs", std::to_string(r.output_names.size())},
                                               {"nonfinite_draws", std::to_string(r.nonfinite_draws)}});
      });

  py::class_<SimulationPart>(m, "SimulationPart",
                             "A piece of a Monte Carlo run (blocks first_block .. first_block + blocks - 1) as "
                             "partial summaries that merge exactly (simulate_model_parts); picklable, to travel "
                             "between processes.")
      .def_readonly("first_block", &SimulationPart::first_block)
      .def_readonly("blocks", &SimulationPart::blocks)
      .def(
          "kept",
          [](const SimulationPart& p) {
            auto flat = [](const std::vector<double>& v) {
              py::array_t<double> a(static_cast<py::ssize_t>(v.size()));
              if (!v.empty()) std::memcpy(a.mutable_data(), v.data(), v.size() * sizeof(double));
              return a;
            };
            return py::make_tuple(flat(p.kept_outputs), flat(p.kept_parameters));
          },
          "The part's kept draws as two flat arrays (outputs and parameters, each draws × width, row-major; "
          "empty when not kept).")
      .def(
          "without_kept",
          [](const SimulationPart& p, bool outputs, bool parameters) {
            SimulationPart q = p;
            if (outputs) std::vector<double>().swap(q.kept_outputs);
            if (parameters) std::vector<double>().swap(q.kept_parameters);
            return q;
          },
          py::kw_only(), "outputs"_a = true, "parameters"_a = true,
          "A copy of the part without its kept outputs and/or parameters (summaries only).")
      .def("__repr__", [](const SimulationPart& p) {
        return angle_repr("SimulationPart", {{"first_block", std::to_string(p.first_block)},
                                             {"blocks", std::to_string(p.blocks)}});
      })
      .def(py::pickle(
          [](const SimulationPart& p) {
            auto raw = [](const std::vector<double>& v) {
              return py::bytes(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(double));
            };
            return py::make_tuple(1, p.first_block, p.blocks, raw(p.moments), p.nonfinite, p.above,
                                  p.nonfinite_draws, p.sketches, raw(p.kept_outputs), raw(p.kept_parameters));
          },
          [](const py::tuple& t) {
            if (t.size() != 10 || t[0].cast<int>() != 1)
              throw std::invalid_argument("SimulationPart: not a state this impactchain wrote");
            auto doubles = [](const py::handle& b) {
              const std::string s = b.cast<std::string>();
              if (s.size() % sizeof(double) != 0) throw std::invalid_argument("SimulationPart: a damaged state");
              std::vector<double> v(s.size() / sizeof(double));
              std::memcpy(v.data(), s.data(), s.size());
              return v;
            };
            SimulationPart p;
            p.first_block = t[1].cast<std::size_t>();
            p.blocks = t[2].cast<std::size_t>();
            p.moments = doubles(t[3]);
            p.nonfinite = t[4].cast<std::vector<std::uint64_t>>();
            p.above = t[5].cast<std::vector<std::uint64_t>>();
            p.nonfinite_draws = t[6].cast<std::uint64_t>();
            p.sketches = t[7].cast<std::vector<std::vector<std::int64_t>>>();
            p.kept_outputs = doubles(t[8]);
            p.kept_parameters = doubles(t[9]);
            return p;
          }));

  py::class_<PartySimulation>(m, "PartySimulation", "One party's ledger line under the Monte Carlo.")
      .def_readonly("party", &PartySimulation::party)
      .def_readonly("name", &PartySimulation::name, "As PartyLedger.name.")
      .def_readonly("gains", &PartySimulation::gains)
      .def_readonly("pays", &PartySimulation::pays)
      .def_readonly("net", &PartySimulation::net)
      .def_readonly("p_net_positive", &PartySimulation::p_net_positive, "P(net > 0) over the draws with a finite net.");

  py::class_<ModelSimulation>(m, "ModelSimulation", "Result of simulate_model (read-only).")
      .def_readonly("result", &ModelSimulation::result,
                    "SimulationResult over present_value, investment_pv, npv, sroi_ratio (in this order).")
      .def_readonly("p_ratio_above_1", &ModelSimulation::p_ratio_above_1,
                    "P(sroi_ratio > 1) over the draws with a finite ratio (NaN without investment).")
      .def_readonly("p_npv_below_0", &ModelSimulation::p_npv_below_0,
                    "P(npv < 0) over the draws with a finite NPV: the present value of the outcomes below the "
                    "investment's (NaN when no draw's NPV is finite).")
      .def_readonly("value_targets", &ModelSimulation::value_targets, "P(present_value > target), one per target.")
      .def_readonly("switching_values", &ModelSimulation::switching_values,
                    "value()'s switching values (empty when switching_values=False).")
      .def_readonly("ledger", &ModelSimulation::ledger, "Per party: gains, pays and net (empty when ledger=False).")
      .def_property_readonly("central", [](const ModelSimulation& s) {
        py::dict d;
        d["present_value"] = s.central.present_value;
        d["investment_pv"] = s.central.investment_pv;
        d["npv"] = s.central.npv;
        d["sroi_ratio"] = s.central.sroi_ratio;
        return d;
      }, "present_value, investment_pv, npv, sroi_ratio with every parameter at its central value.")
      .def("__repr__", [](const ModelSimulation& s) {
        return angle_repr("ModelSimulation", {{"draws", std::to_string(s.result.draws)},
                                              {"seed", std::to_string(s.result.seed)},
                                              {"p_ratio_above_1", short_num(s.p_ratio_above_1)},
                                              {"p_npv_below_0", short_num(s.p_npv_below_0)}});
      });
}

}  // namespace

void register_simulation(py::module_& m) {
  m.attr("exact_quantile_max_draws") = exact_quantile_max_draws;
  m.attr("segment_blocks") = segment_blocks;
  m.attr("simulation_block_draws") = simulation_block_draws;
  m.def("simulation_blocks", &simulation_blocks, "draws"_a, "Blocks of 1024 draws a run of `draws` draws has.");
  register_rows(m);
  register_results(m);
  m.def(
      "simulate_model",
      [](const Model& model, SimulateOptions options, const py::object& progress) {
        options.progress = progress_hook(progress);
        options.cancelled = python_cancel_hook();
        ModelSimulation s;
        {
          py::gil_scoped_release release;
          s = simulate_model(model, options);
        }
        return s;
      },
      "model"_a, py::arg_v("options", SimulateOptions{}, "SimulateOptions()"), py::kw_only(), "progress"_a = py::none(),
      R"doc(Monte Carlo over every Parameter of a model's valuation (literal binding; use impactchain.simulate).

Parameters
----------
model : Model
options : SimulateOptions
    Draws, seed, threads, level, kept arrays, correlation, value targets, tornado range,
    Sobol design, switching values and the valuation options (``options.value``).
progress : callable(done, total) or None
    Called after each round of blocks from the calling thread. The GIL is released during the run.

Returns
-------
ModelSimulation)doc");
  m.def(
      "simulate_model_part",
      [](const Model& model, SimulateOptions options, std::size_t first_block, std::size_t blocks) {
        options.cancelled = python_cancel_hook();
        py::gil_scoped_release release;
        return simulate_model_part(model, options, first_block, blocks);
      },
      "model"_a, "options"_a, "first_block"_a, "blocks"_a,
      "Blocks [first_block, first_block + blocks) of simulate_model's run, as a SimulationPart (a piece starts "
      "and ends at a segment of segment_blocks blocks, or at the run's end).");
  m.def(
      "join_parts",
      [](const std::vector<SimulationPart>& parts, double sketch_accuracy) {
        py::gil_scoped_release release;
        return join_parts(parts, sketch_accuracy);
      },
      "parts"_a, "sketch_accuracy"_a = MonteCarloOptions{}.sketch_accuracy,
      "Adjacent parts of one run (in block order) as one part (counts and sketches added up).");
  m.def(
      "simulate_model_parts",
      [](const Model& model, SimulateOptions options, const std::vector<SimulationPart>& parts) {
        options.cancelled = python_cancel_hook();
        py::gil_scoped_release release;
        return simulate_model_parts(model, options, parts);
      },
      "model"_a, "options"_a, "parts"_a,
      "simulate_model from the pieces of its run, in block order: bit for bit what simulate_model gives.");
}

}  // namespace impactchain::python
