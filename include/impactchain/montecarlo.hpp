// Monte Carlo uncertainty over a ParameterTable for any evaluation function:
// streamed summaries (mean, SD, quantiles, exceedance probabilities), optional
// kept draws, tornado (one-way) data and variance-based (Sobol) indices.
//
// Reproducibility: draws are cut into fixed blocks of 1024; parameter slot s of
// block b is sampled for the whole block from its own counter-based stream,
// named by (seed, b, s, domain), its words used in draw order. Stream version 2
// (the default) is Philox4x32-10 computed for many counters at once in vector
// lanes, the same words on every instruction set; version 1 (stream_version = 1,
// the numbers of impactchain 0.2 and earlier) is Random123 Philox4x64-10 (Salmon
// et al. 2011) with counter (b, s, k, domain) and key (seed, constant). Block
// summaries are merged in block order, so the results are bit-identical for every
// thread count. The streams stay private to src/ (src/philox_stream.hpp, where
// the domains are listed; docs/uncertainty.md, "Random streams").
#pragma once

#include "impactchain/detail/eigen.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "impactchain/defaults.hpp"
#include "impactchain/detail/enum_names.hpp"
#include "impactchain/cancel.hpp"
#include "impactchain/notice.hpp"
#include "impactchain/defaults.hpp"
#include "impactchain/limits.hpp"
#include "impactchain/parameter.hpp"

namespace impactchain {

/// Ceilings on sizes derived from the options, checked before anything is
/// allocated (ValidationError naming the option).
inline constexpr std::size_t max_draws = 1000000000;  ///< draws per run (10^9)
/// Largest memory for kept draws (draws × outputs × 8 bytes, and draws × k × 8
/// bytes for kept parameters) and for the working arrays of the sampling
/// blocks and the Sobol design: 2 GiB.
inline constexpr std::size_t max_memory_bytes = std::size_t{2} << 30;
inline constexpr std::size_t max_sobol_evaluations = 1000000000;  ///< N·(k + 2) model evaluations (10^9)

/// The quantile rule, which depends only on the number of draws: up to this
/// many draws the outputs are kept during the run (whether or not keep_draws
/// is set) and the quantiles are exact (type 7, numpy's default linear
/// interpolation); above it they come from the mergeable streamed sketch.
/// SimulationResult's OutputSummary::quantile_method says which ("exact" or
/// "sketch").
inline constexpr std::size_t exact_quantile_max_draws = 1000000;  ///< 10^6

/// Rank (Spearman) correlation between named parameters, imposed with a
/// Gaussian copula whose Pearson matrix is 2·sin(πρ/6) (Iman & Conover 1982).
struct RankCorrelation {
  std::vector<std::string> names;  ///< parameter names as in the ParameterTable
  Eigen::MatrixXd matrix;          ///< symmetric, unit diagonal, entries in [−1, 1]
};

/// P(output > threshold), strictly greater, over the draws where the output is finite; with
/// `below`, P(output < threshold), strictly less (P(NPV < 0): the chance of a loss).
struct Threshold {
  std::string output;
  double value = 0;
  bool below = false;
};

/// Where the tornado puts each parameter's low and high value.
enum class TornadoRange { p05_p95, p10_p90, support };

template <>
struct EnumSpellings<TornadoRange> {
  static constexpr const char* field = "tornado_range";
  static constexpr std::pair<TornadoRange, const char*> names[] = {
      {TornadoRange::p05_p95, "p05_p95"},
      {TornadoRange::p10_p90, "p10_p90"},
      {TornadoRange::support, "support"}};
};
inline const char* to_string(TornadoRange v) { return detail::spelling(v); }

struct MonteCarloOptions {
  std::size_t draws = defaults::draws;     ///< ≥ 1
  std::uint64_t seed = defaults::seed;     ///< in [0, max_seed]
  unsigned threads = defaults::threads;    ///< 0 = all hardware threads; at most max_threads
  /// Random stream of the parameter draws: 2 (the default) or 1, the stream of impactchain 0.2
  /// and earlier (a seed gives the same draws in every release for each version;
  /// docs/uncertainty.md, "Random streams").
  unsigned stream_version = defaults::stream_version;
  bool keep_draws = false;            ///< return every draw's outputs (draws × outputs) in output_draws
  bool keep_parameters = false;       ///< keep every draw's sampled uncertain parameters (draws × k), for audit
  std::vector<RankCorrelation> correlation;  ///< at most one block is typical; blocks must not share names
  std::vector<Threshold> thresholds;  ///< extra P(output > value), or P(output < value) where `below`
  std::vector<double> quantiles = {0.05, 0.5, 0.95};  ///< levels reported in OutputSummary::quantiles
  /// Level of the interval OutputSummary::lower/upper: the central `level` of
  /// the draws, from the (1 − level)/2 and (1 + level)/2 quantiles; in (0, 1).
  double level = defaults::level;
  std::vector<std::string> tornado_outputs;  ///< outputs to run the tornado on (empty = none)
  /// Outputs summarised without quantiles: count, mean, SD, extremes and exceedances only; their
  /// p05, p50, p95, interval and `quantiles` are NaN and OutputSummary::quantile_method is
  /// "none". Spares the selection (or sketch) for outputs whose intervals nobody reads, and
  /// their draws are not kept during the run (unless keep_draws returns them).
  std::vector<std::string> moments_only_outputs;
  TornadoRange tornado_range = TornadoRange::p05_p95;
  std::vector<std::string> sobol_outputs;    ///< outputs for Sobol indices (empty = none)
  std::size_t sobol_draws = 0;        ///< base sample N of the Saltelli design (N·(k+2) evaluations); 0 = no Sobol
  double sketch_accuracy = 5e-4;      ///< relative accuracy α of the streamed quantile sketch, in (0, 0.1]
  /// Exact type-7 quantiles up to this many draws, the sketch above (see
  /// exact_quantile_max_draws). Leave the default except to test the sketch
  /// path on a small run.
  std::size_t exact_quantile_draws = exact_quantile_max_draws;
  /// Called from the calling thread after each round of blocks with (draws done, total); may throw to cancel.
  std::function<void(std::size_t, std::size_t)> progress;
  /// Asked from the calling thread between blocks (at most every 20 ms); true
  /// stops the run with Cancelled (cancel.hpp). Draws and results do not depend on it.
  CancelHook cancelled;
};

/// Per-thread workspace an Evaluator may need (created once per worker thread).
struct EvaluatorWorkspace {
  virtual ~EvaluatorWorkspace() = default;
};

/// A function of the parameter vector x (one value per ParameterTable slot)
/// giving `outputs()` values. `evaluate` is called concurrently from several
/// threads, each with its own workspace: it must not modify shared state.
class Evaluator {
 public:
  virtual ~Evaluator() = default;
  virtual std::size_t outputs() const = 0;
  virtual std::unique_ptr<EvaluatorWorkspace> workspace() const { return nullptr; }
  virtual void evaluate(const double* x, double* out, EvaluatorWorkspace* ws) const = 0;
  /// The outputs of n draws (n ≤ stride) in column layout: slot s of draw i at
  /// cols[s·stride + i] (s < slots), output q of draw i to out[q·stride + i].
  /// The Monte Carlo engine calls this; the default calls evaluate() draw by
  /// draw. Override it where the draws can be evaluated together faster; it
  /// must give each draw the numbers evaluate() gives.
  virtual void evaluate_block(const double* cols, std::size_t slots, std::size_t stride, std::size_t n, double* out,
                              EvaluatorWorkspace* ws) const {
    std::vector<double> x(slots), y(outputs());
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t s = 0; s < slots; ++s) x[s] = cols[s * stride + i];
      evaluate(x.data(), y.data(), ws);
      for (std::size_t q = 0; q < y.size(); ++q) out[q * stride + i] = y[q];
    }
  }
};

/// An Evaluator from a callable f(const double* x, double* out).
class FunctionEvaluator final : public Evaluator {
 public:
  FunctionEvaluator(std::size_t n_outputs, std::function<void(const double*, double*)> f)
      : n_(n_outputs), f_(std::move(f)) {}
  std::size_t outputs() const override { return n_; }
  void evaluate(const double* x, double* out, EvaluatorWorkspace*) const override { f_(x, out); }

 private:
  std::size_t n_;
  std::function<void(const double*, double*)> f_;
};

struct OutputSummary {
  std::string name;
  std::size_t finite = 0;      ///< draws with a finite value (the summaries use only these)
  std::size_t nonfinite = 0;   ///< draws with NaN or ±inf, counted and left out
  double mean = std::numeric_limits<double>::quiet_NaN();
  double sd = std::numeric_limits<double>::quiet_NaN();  ///< sample SD (n − 1)
  double min = std::numeric_limits<double>::quiet_NaN();
  double max = std::numeric_limits<double>::quiet_NaN();
  double p05 = std::numeric_limits<double>::quiet_NaN();
  double p50 = std::numeric_limits<double>::quiet_NaN();
  double p95 = std::numeric_limits<double>::quiet_NaN();
  /// The central `level` interval of the finite draws: the (1 − level)/2 and
  /// (1 + level)/2 quantiles by the same rule as p05/p50/p95 (MonteCarloOptions::level).
  double level = std::numeric_limits<double>::quiet_NaN();
  double lower = std::numeric_limits<double>::quiet_NaN();
  double upper = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> quantiles;  ///< at MonteCarloOptions::quantiles
  /// "exact" (draws ≤ exact_quantile_draws: linear interpolation of order statistics, numpy's default)
  /// or "sketch" (more draws: relative error ≤ sketch_accuracy of the order statistic x_(⌊q(n−1)⌋)),
  /// or "none" (the output is one of MonteCarloOptions::moments_only_outputs: the quantiles are NaN).
  std::string quantile_method;
};

struct Exceedance {
  std::string output;
  double threshold = 0;
  double probability = std::numeric_limits<double>::quiet_NaN();  ///< share of finite draws with output > threshold
  std::size_t finite = 0;
  bool below = false;  ///< the share with output < threshold instead (Threshold::below)
};

struct TornadoRow {
  std::string name;
  std::size_t slot = 0;
  double low_value = 0, high_value = 0;      ///< the parameter at its low / high
  double output_low = 0, output_high = 0;    ///< the output with the parameter there, others central
  double swing = 0;                          ///< |output_high − output_low|
};

struct TornadoTable {
  std::string output;
  double base = 0;  ///< output with every parameter at its central value
  std::string range;
  std::vector<TornadoRow> rows;  ///< sorted by swing, largest first (ties: table order)
};

struct SobolRow {
  std::string name;
  std::size_t slot = 0;
  double first = 0, first_se = 0;  ///< Saltelli et al. (2010) first-order estimator and its MC standard error
  double total = 0, total_se = 0;  ///< Jansen (1999) total-effect estimator and its MC standard error
};

struct SobolTable {
  std::string output;
  std::size_t base_draws = 0;     ///< N of the design
  std::size_t used_rows = 0;      ///< rows with every evaluation finite
  double variance = 0;            ///< output variance from the A and B samples
  std::vector<SobolRow> rows;     ///< in table order (sort as you like)
};

struct SimulationResult {
  std::size_t draws = 0;
  std::uint64_t seed = 0;
  unsigned threads = 1;
  unsigned stream_version = defaults::stream_version;  ///< the random stream the draws came from
  std::vector<std::string> output_names;
  std::vector<OutputSummary> summaries;
  std::vector<Exceedance> exceedances;
  std::size_t nonfinite_draws = 0;  ///< draws in which any output was not finite
  std::vector<std::string> parameter_names;  ///< the uncertain parameters (columns of parameter_draws)
  std::vector<std::size_t> parameter_slots;
  std::vector<std::string> sampling_methods;  ///< per uncertain parameter: how it is sampled
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> output_draws;     ///< draws × outputs when kept
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> parameter_draws;  ///< draws × k when kept
  std::vector<TornadoTable> tornado;
  std::vector<SobolTable> sobol;
  std::vector<Notice> warnings;

  const OutputSummary& summary(const std::string& output) const;
};

/// Blocks whose moments merge into one segment: every run merges its blocks' moments (mean and
/// sum of squares, Chan et al.'s pairwise update) in block order within each segment of this many
/// blocks (1,048,576 draws), and the segments' in segment order — the one order of summation, so a
/// run computed in pieces gives the same numbers.
inline constexpr std::size_t segment_blocks = 1024;

/// Draws of one block (the last block of a run may hold fewer): block b holds draws
/// [b · simulation_block_draws, (b + 1) · simulation_block_draws).
inline constexpr std::size_t simulation_block_draws = 1024;

/// A piece of a run, for computing one run on several machines: blocks [first_block,
/// first_block + blocks) of the run `options` describes (blocks of 1024 draws,
/// simulation_blocks(draws) of them; a piece starts and ends at a segment, or at the run's end),
/// as partial summaries that merge exactly: each segment's moments, kept for simulate_parts to
/// merge in order; counts and the quantile sketch's counts, which add up in any order; the
/// outputs (and parameters) of the piece's draws when the run keeps them (exact quantiles, or
/// keep_draws / keep_parameters). Its size does not grow with its draws otherwise.
struct SimulationPart {
  std::size_t first_block = 0, blocks = 0;
  std::vector<double> moments;            ///< segments × outputs × (n, mean, M2, min, max), segment-major
  std::vector<std::uint64_t> nonfinite;   ///< per output
  std::vector<std::uint64_t> above;       ///< per threshold
  std::uint64_t nonfinite_draws = 0;
  std::vector<std::vector<std::int64_t>> sketches;  ///< per output, when the quantiles are sketched
  /// draws × kept outputs of the piece, row-major: every output with keep_draws, else the
  /// outputs whose exact quantiles are reported (not moments_only_outputs), in output order
  std::vector<double> kept_outputs;
  std::vector<double> kept_parameters;    ///< draws × uncertain parameters, row-major
};

/// Adjacent parts of one run (in block order) as one part: the segments' moments side by side,
/// the counts and sketches added up (the run's sketch_accuracy), the kept draws joined. For
/// reducing many parts where they were computed, so that one part of constant size travels.
SimulationPart join_parts(const std::vector<SimulationPart>& parts, double sketch_accuracy);

/// Blocks a run of `draws` draws has: ⌈draws / 1024⌉.
std::size_t simulation_blocks(std::size_t draws);

/// One piece of the run (see SimulationPart); the same threads, seed and options as simulate().
/// The ceiling on kept draws (max_memory_bytes) applies to the piece's own draws.
SimulationPart simulate_part(const ParameterTable& table, const Evaluator& f, const std::vector<std::string>& output_names,
                             const MonteCarloOptions& options, std::size_t first_block, std::size_t blocks);

/// The run from its pieces, which must cover every block in order: the result simulate()
/// gives with the same table, evaluator, names and options, bit for bit (the tornado and Sobol
/// indices are computed here, on this machine's threads).
SimulationResult simulate_parts(const ParameterTable& table, const Evaluator& f,
                                const std::vector<std::string>& output_names, const MonteCarloOptions& options,
                                const std::vector<SimulationPart>& parts);

/// Runs the Monte Carlo. Throws ValidationError for bad options (zero draws,
/// seed out of range, unknown names, correlation not PSD, …).
SimulationResult simulate(const ParameterTable& table, const Evaluator& f, const std::vector<std::string>& output_names,
                          const MonteCarloOptions& options);

/// Convenience for a plain callable f(x, out).
inline SimulationResult simulate(const ParameterTable& table, std::function<void(const double*, double*)> f,
                                 const std::vector<std::string>& output_names, const MonteCarloOptions& options) {
  FunctionEvaluator e(output_names.size(), std::move(f));
  return simulate(table, e, output_names, options);
}

/// The parameter values of draw `draw` exactly as simulate() uses them (all
/// slots), for auditing a single draw without keeping all of them (replays the
/// draw's block of 1024 up to it).
std::vector<double> sample_draw(const ParameterTable& table, const MonteCarloOptions& options, std::size_t draw);

/// Standard normal inverse CDF, Wichura (1988) AS241 PPND16 (about 1e-16 relative).
double normal_quantile(double p);

}  // namespace impactchain
