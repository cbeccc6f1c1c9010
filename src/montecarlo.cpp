// Monte Carlo engine: Philox samplers, streamed summaries merged in block
// order, tornado and Sobol indices. Random123 stays private to src/.
#include "impactchain/montecarlo.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <map>
#include <numeric>
#include <set>
#include <thread>

#include "impactchain/detail/sampler.hpp"
#include "impactchain/error.hpp"

namespace impactchain {

// ---------------------------------------------------------------------------
// Normal quantile: Wichura (1988), Algorithm AS 241 (PPND16), Appl. Statist. 37, 477–484.
double normal_quantile(double p) {
  if (std::isnan(p) || p < 0 || p > 1) return std::numeric_limits<double>::quiet_NaN();
  if (p == 0) return -std::numeric_limits<double>::infinity();
  if (p == 1) return std::numeric_limits<double>::infinity();
  static constexpr double A[8] = {3.3871328727963666080e0, 1.3314166789178437745e+2, 1.9715909503065514427e+3,
                                  1.3731693765509461125e+4, 4.5921953931549871457e+4, 6.7265770927008700853e+4,
                                  3.3430575583588128105e+4, 2.5090809287301226727e+3};
  static constexpr double B[8] = {1.0, 4.2313330701600911252e+1, 6.8718700749205790830e+2, 5.3941960214247511077e+3,
                                  2.1213794301586595867e+4, 3.9307895800092710610e+4, 2.8729085735721942674e+4,
                                  5.2264952788528545610e+3};
  static constexpr double C[8] = {1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0,
                                  3.64784832476320460504e0, 1.27045825245236838258e0, 2.41780725177450611770e-1,
                                  2.27238449892691845833e-2, 7.74545014278341407640e-4};
  static constexpr double D[8] = {1.0, 2.05319162663775882187e0, 1.67638483018380384940e0, 6.89767334985100004550e-1,
                                  1.48103976427480074590e-1, 1.51986665636164571966e-2, 5.47593808499534494600e-4,
                                  1.05075007164441684324e-9};
  static constexpr double E[8] = {6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0,
                                  2.96560571828504891230e-1, 2.65321895265761230930e-2, 1.24266094738807843860e-3,
                                  2.71155556874348757815e-5, 2.01033439929228813265e-7};
  static constexpr double F[8] = {1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2,
                                  7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7,
                                  2.04426310338993978564e-15};
  auto horner = [](const double* c, double x) {
    double acc = c[7];
    for (int k = 6; k >= 0; --k) acc = acc * x + c[k];
    return acc;
  };
  const double q = p - 0.5;
  if (std::fabs(q) <= 0.425) {
    const double r = 0.180625 - q * q;
    return q * horner(A, r) / horner(B, r);
  }
  double r = std::sqrt(-std::log(q < 0 ? p : 1.0 - p));
  double val;
  if (r <= 5.0) {
    r -= 1.6;
    val = horner(C, r) / horner(D, r);
  } else {
    r -= 5.0;
    val = horner(E, r) / horner(F, r);
  }
  return q < 0 ? -val : val;
}

namespace detail {
namespace {
inline double phi(double z) { return 0.5 * std::erfc(-z * 0.70710678118654752440); }

}  // namespace

TableSampler::TableSampler(const ParameterTable& table, const std::vector<RankCorrelation>& correlation,
                           std::uint64_t seed)
    : table_(&table), n_(table.size()), seed_(seed), base_(table.centrals()), uncertain_slots_(table.uncertain()) {
  std::map<std::string, std::size_t> slot_of;
  for (std::size_t i = 0; i < n_; ++i) slot_of.emplace(table[i].name, i);
  std::map<std::size_t, std::size_t> pos_of;  // slot -> index in samplers_
  for (std::size_t j = 0; j < uncertain_slots_.size(); ++j) pos_of[uncertain_slots_[j]] = j;

  IssueList issues;
  // Correlated members, in the order the blocks list them.
  std::vector<std::size_t> members;
  std::vector<Eigen::MatrixXd> pearson_blocks;
  std::set<std::string> seen;
  for (std::size_t bi = 0; bi < correlation.size(); ++bi) {
    const auto& rc = correlation[bi];
    const std::string path = "correlation[" + std::to_string(bi) + "]";
    const auto m = rc.names.size();
    if (m < 2) issues.add(path + ".names", "needs at least 2 parameter names, got " + std::to_string(m));
    if (static_cast<std::size_t>(rc.matrix.rows()) != m || static_cast<std::size_t>(rc.matrix.cols()) != m) {
      issues.add(path + ".matrix", "must be " + std::to_string(m) + " x " + std::to_string(m) + " (one row per name), got " +
                                       std::to_string(rc.matrix.rows()) + " x " + std::to_string(rc.matrix.cols()));
      continue;
    }
    bool names_ok = true;
    for (std::size_t i = 0; i < m; ++i) {
      const auto& nm = rc.names[i];
      auto it = slot_of.find(nm);
      if (it == slot_of.end()) {
        issues.add(path + ".names[" + std::to_string(i) + "]", "unknown parameter '" + nm + "'");
        names_ok = false;
      } else if (table[it->second].parameter.is_fixed()) {
        issues.add(path + ".names[" + std::to_string(i) + "]",
                   "parameter '" + nm + "' is fixed and cannot be correlated");
        names_ok = false;
      } else if (!seen.insert(nm).second) {
        issues.add(path + ".names[" + std::to_string(i) + "]", "parameter '" + nm + "' appears more than once");
        names_ok = false;
      }
    }
    bool values_ok = true;
    for (std::size_t i = 0; i < m && values_ok; ++i)
      for (std::size_t j = 0; j < m; ++j) {
        const double v = rc.matrix(i, j);
        const std::string cell = path + ".matrix[" + std::to_string(i) + "][" + std::to_string(j) + "]";
        if (!std::isfinite(v) || v < -1 || v > 1) {
          issues.add(cell, "rank correlation must be in [-1, 1], got " + num(v));
          values_ok = false;
          break;
        }
        if (i == j && v != 1.0) {
          issues.add(cell, "diagonal must be 1, got " + num(v));
          values_ok = false;
          break;
        }
        if (std::fabs(v - rc.matrix(j, i)) > 1e-12) {
          issues.add(cell, "matrix must be symmetric, got " + num(v) + " here and " + num(rc.matrix(j, i)) +
                               " at [" + std::to_string(j) + "][" + std::to_string(i) + "]");
          values_ok = false;
          break;
        }
      }
    if (!values_ok || !names_ok) continue;
    const double tol = 1e-10;
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es_s(rc.matrix);
    if (es_s.eigenvalues().minCoeff() < -tol) {
      issues.add(path + ".matrix", "rank correlation matrix is not positive semi-definite (smallest eigenvalue " +
                                       num(es_s.eigenvalues().minCoeff()) + "); no joint distribution has these correlations");
      continue;
    }
    // Pearson correlation of the normal copula giving Spearman ρ: 2·sin(πρ/6) (Pearson 1907; Kruskal 1958).
    Eigen::MatrixXd pr = rc.matrix.unaryExpr([](double r) { return 2.0 * std::sin(M_PI * r / 6.0); });
    pr.diagonal().setOnes();
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(pr);
    if (es.eigenvalues().minCoeff() < -tol) {
      issues.add(path + ".matrix", "the implied normal-copula matrix 2*sin(pi*rho/6) is not positive semi-definite "
                                   "(smallest eigenvalue " + num(es.eigenvalues().minCoeff()) +
                                   "); reduce the correlations");
      continue;
    }
    for (const auto& nm : rc.names) members.push_back(pos_of.at(slot_of.at(nm)));
    // Factor A = V·diag(√λ⁺) so that A·Aᵀ = Pearson (works for singular PSD matrices too).
    Eigen::VectorXd sq = es.eigenvalues().cwiseMax(0.0).cwiseSqrt();
    pearson_blocks.push_back(es.eigenvectors() * sq.asDiagonal());
  }
  issues.throw_if_any();

  copula_n_ = members.size();
  copula_members_ = members;
  factor_ = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(copula_n_), static_cast<Eigen::Index>(copula_n_));
  {
    Eigen::Index off = 0;
    for (const auto& blk : pearson_blocks) {
      factor_.block(off, off, blk.rows(), blk.cols()) = blk;
      off += blk.rows();
    }
  }

  samplers_.resize(uncertain_slots_.size());
  for (std::size_t j = 0; j < uncertain_slots_.size(); ++j) {
    auto& s = samplers_[j];
    s.slot = uncertain_slots_[j];
    const Parameter& p = table[s.slot].parameter;
    const auto& a = p.args();
    switch (p.kind()) {
      case Distribution::uniform: s.method = SampleMethod::uniform; s.a = a[0]; s.b = a[1] - a[0]; break;
      case Distribution::triangular:
        s.method = SampleMethod::triangular;
        s.a = a[0]; s.b = a[1]; s.c = a[2]; s.d = (a[1] - a[0]) / (a[2] - a[0]);
        break;
      case Distribution::normal: {
        s.method = std::isfinite(a[2]) || std::isfinite(a[3]) ? SampleMethod::truncated_normal : SampleMethod::normal;
        s.a = a[0]; s.b = a[1];
        s.c = std::isfinite(a[2]) ? phi((a[2] - a[0]) / a[1]) : 0.0;
        s.d = (std::isfinite(a[3]) ? phi((a[3] - a[0]) / a[1]) : 1.0) - s.c;
        s.values = {a[2], a[3]};
        break;
      }
      case Distribution::lognormal: s.method = SampleMethod::lognormal; s.a = a[0]; s.b = a[1]; break;
      case Distribution::pert:
      case Distribution::beta: {
        s.method = SampleMethod::gamma_ratio;
        if (p.kind() == Distribution::pert) {
          const double r = a[2] - a[0];
          s.ga = 1 + a[3] * (a[1] - a[0]) / r;
          s.gb = 1 + a[3] * (a[2] - a[1]) / r;
          s.a = a[0]; s.b = r;
        } else {
          s.ga = a[0]; s.gb = a[1]; s.a = a[2]; s.b = a[3] - a[2];
        }
        const double sa = s.ga < 1 ? s.ga + 1 : s.ga, sb = s.gb < 1 ? s.gb + 1 : s.gb;
        s.da = sa - 1.0 / 3.0; s.ca = 1.0 / std::sqrt(9.0 * s.da);
        s.db = sb - 1.0 / 3.0; s.cb = 1.0 / std::sqrt(9.0 * s.db);
        break;
      }
      case Distribution::discrete: {
        s.method = SampleMethod::discrete;
        s.values = a;
        double cum = 0;
        for (double w : p.weights()) { cum += w; s.cum.push_back(cum); }
        s.a = cum;
        break;
      }
      case Distribution::fixed: s.method = SampleMethod::fixed; break;
    }
  }
  for (std::size_t m = 0; m < copula_members_.size(); ++m) {
    samplers_[copula_members_[m]].method = SampleMethod::copula;
    samplers_[copula_members_[m]].copula_index = m;
  }
}

TableSampler::Scratch TableSampler::scratch() const {
  Scratch s;
  s.eps.assign(copula_n_ * sample_block_size, 0.0);
  s.z.assign(copula_n_, 0.0);
  return s;
}

void TableSampler::sample_block(std::uint64_t block, std::uint64_t domain, std::size_t n, double* cols, Scratch& sc,
                                bool independent) const {
  const bool cop = copula_n_ > 0 && !independent;
  WordStream& ws = sc.stream;
  const Ziggurat& zig = zig_;
  for (std::size_t j = 0; j < samplers_.size(); ++j) {
    const SlotSampler& s = samplers_[j];
    double* out = cols + j * sample_block_size;
    ws.reset(seed_, block, s.slot, domain);
    switch (s.method) {
      case SampleMethod::uniform:
        for (std::size_t i = 0; i < n; ++i) out[i] = s.a + ws.uniform() * s.b;
        break;
      case SampleMethod::triangular:
        // Inverse CDF of the triangular distribution (same formula as Parameter::quantile).
        for (std::size_t i = 0; i < n; ++i) {
          const double u = ws.uniform(), lo = s.a, m = s.b, hi = s.c;
          out[i] = u < s.d ? lo + std::sqrt(u * (hi - lo) * (m - lo)) : hi - std::sqrt((1 - u) * (hi - lo) * (hi - m));
        }
        break;
      case SampleMethod::normal:
        for (std::size_t i = 0; i < n; ++i) out[i] = s.a + s.b * zig(ws);
        break;
      case SampleMethod::truncated_normal:
        for (std::size_t i = 0; i < n; ++i) {
          const double x = s.a + s.b * normal_quantile(s.c + ws.uniform() * s.d);
          out[i] = std::min(std::max(x, s.values[0]), s.values[1]);
        }
        break;
      case SampleMethod::lognormal:
        for (std::size_t i = 0; i < n; ++i) out[i] = std::exp(s.a + s.b * zig(ws));
        break;
      case SampleMethod::gamma_ratio:
        // Beta(α, β) = X/(X+Y), X ~ Gamma(α), Y ~ Gamma(β) (e.g. Devroye 1986, IX.4).
        for (std::size_t i = 0; i < n; ++i) {
          const double x = gamma_mt(s.ga, s.da, s.ca, zig, ws);
          const double y = gamma_mt(s.gb, s.db, s.cb, zig, ws);
          out[i] = s.a + s.b * (x / (x + y));
        }
        break;
      case SampleMethod::discrete:
        for (std::size_t i = 0; i < n; ++i) {
          const double target = ws.uniform() * s.a;
          auto it = std::lower_bound(s.cum.begin(), s.cum.end(), target);  // first cum ≥ target
          out[i] = it == s.cum.end() ? s.values.back() : s.values[static_cast<std::size_t>(it - s.cum.begin())];
        }
        break;
      case SampleMethod::copula: {
        const Parameter& p = (*table_)[s.slot].parameter;
        if (cop) {
          double* e = sc.eps.data() + s.copula_index * sample_block_size;
          for (std::size_t i = 0; i < n; ++i) e[i] = zig(ws);
        } else {
          for (std::size_t i = 0; i < n; ++i) out[i] = p.quantile(phi(zig(ws)));
        }
        break;
      }
      case SampleMethod::fixed:
        for (std::size_t i = 0; i < n; ++i) out[i] = base_[s.slot];
        break;
    }
  }
  if (cop) {
    // z = A·ε per draw, u = Φ(z), x = quantile(u).
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t m = 0; m < copula_n_; ++m) {
        double zz = 0;
        for (std::size_t l = 0; l < copula_n_; ++l)
          zz += factor_(static_cast<Eigen::Index>(m), static_cast<Eigen::Index>(l)) * sc.eps[l * sample_block_size + i];
        sc.z[m] = zz;
      }
      for (std::size_t m = 0; m < copula_n_; ++m) {
        const std::size_t j = copula_members_[m];
        cols[j * sample_block_size + i] = (*table_)[samplers_[j].slot].parameter.quantile(phi(sc.z[m]));
      }
    }
  }
}

// --------------------------------------------------------------------------- sketch
QuantileSketch::QuantileSketch(double alpha) {
  gamma_ = (1 + alpha) / (1 - alpha);
  log_gamma_ = std::log(gamma_);
  inv_log_gamma_ = 1.0 / log_gamma_;
}

void QuantileSketch::Store::add(int k, std::uint64_t c) {
  if (counts.empty()) {
    offset = k - 64;
    counts.assign(129, 0);
  }
  if (k < offset) {
    const int grow = (offset - k) + 64 + static_cast<int>(counts.size() / 2);
    counts.insert(counts.begin(), static_cast<std::size_t>(grow), 0);
    offset -= grow;
  } else if (k >= offset + static_cast<int>(counts.size())) {
    counts.resize(static_cast<std::size_t>(k - offset) + 64 + counts.size() / 2, 0);
  }
  counts[static_cast<std::size_t>(k - offset)] += c;
}

void QuantileSketch::add(double x) {
  ++n_;
  const double a = std::fabs(x);
  if (a < 1e-290) {
    ++zero_;
    return;
  }
  (x > 0 ? pos_ : neg_).add(key(a));
}

void QuantileSketch::merge(const QuantileSketch& o) {
  n_ += o.n_;
  zero_ += o.zero_;
  for (std::size_t i = 0; i < o.pos_.counts.size(); ++i)
    if (o.pos_.counts[i]) pos_.add(o.pos_.offset + static_cast<int>(i), o.pos_.counts[i]);
  for (std::size_t i = 0; i < o.neg_.counts.size(); ++i)
    if (o.neg_.counts[i]) neg_.add(o.neg_.offset + static_cast<int>(i), o.neg_.counts[i]);
}

double QuantileSketch::quantile(double q) const {
  if (n_ == 0) return std::numeric_limits<double>::quiet_NaN();
  const auto rank = static_cast<std::uint64_t>(std::floor(q * static_cast<double>(n_ - 1)));
  std::uint64_t cum = 0;
  for (std::size_t i = neg_.counts.size(); i-- > 0;) {
    cum += neg_.counts[i];
    if (cum > rank) return -value(neg_.offset + static_cast<int>(i));
  }
  cum += zero_;
  if (cum > rank) return 0.0;
  for (std::size_t i = 0; i < pos_.counts.size(); ++i) {
    cum += pos_.counts[i];
    if (cum > rank) return value(pos_.offset + static_cast<int>(i));
  }
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace detail

// --------------------------------------------------------------------------- engine
namespace {

using detail::IssueList;
using detail::num;

constexpr std::size_t block_size = detail::sample_block_size;  // draws per block (fixed: part of the reproducibility contract)
constexpr std::size_t round_blocks = 64;    // blocks per round merged in order before the next round

// Welford (1962) running moments; Chan, Golub & LeVeque (1979) pairwise merge.
struct Moments {
  double n = 0, mean = 0, m2 = 0;
  double min = std::numeric_limits<double>::infinity(), max = -std::numeric_limits<double>::infinity();
  void add(double x) {
    n += 1;
    const double d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
    min = std::min(min, x);
    max = std::max(max, x);
  }
  void merge(const Moments& o) {
    if (o.n == 0) return;
    if (n == 0) { *this = o; return; }
    const double nn = n + o.n, d = o.mean - mean;
    mean += d * o.n / nn;
    m2 += o.m2 + d * d * n * o.n / nn;
    n = nn;
    min = std::min(min, o.min);
    max = std::max(max, o.max);
  }
  double sd() const { return n > 1 ? std::sqrt(m2 / (n - 1)) : std::numeric_limits<double>::quiet_NaN(); }
};

unsigned resolve_threads(unsigned t) {
  if (t == 0) {
    const unsigned h = std::thread::hardware_concurrency();
    return h ? h : 1;
  }
  return t;
}

/// Runs f(worker, item) for items [0, count) on `threads` workers (the caller is worker 0).
template <class F>
void parallel_items(std::size_t count, unsigned threads, F&& f) {
  const unsigned t = static_cast<unsigned>(std::min<std::size_t>(threads, count));
  if (t <= 1) {
    for (std::size_t i = 0; i < count; ++i) f(0u, i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::vector<std::exception_ptr> errors(t);
  auto work = [&](unsigned w) {
    try {
      for (std::size_t i; (i = next.fetch_add(1)) < count;) f(w, i);
    } catch (...) {
      errors[w] = std::current_exception();
      next.store(count);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned w = 1; w < t; ++w) pool.emplace_back(work, w);
  work(0);
  for (auto& th : pool) th.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

std::size_t find_output(const std::vector<std::string>& names, const std::string& n) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == n) return i;
  return names.size();
}

std::string list(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

void validate(const ParameterTable& table, const Evaluator& f, const std::vector<std::string>& out,
              const MonteCarloOptions& o) {
  IssueList is;
  if (o.draws < 1) is.add("draws", "must be at least 1, got 0");
  if (o.seed > max_seed) is.add("seed", "must be in [0, 2^63-1] (9223372036854775807), got " + std::to_string(o.seed));
  if (o.threads > 1024) is.add("threads", "must be in [0, 1024] (0 = all hardware threads), got " + std::to_string(o.threads));
  if (out.empty()) is.add("outputs", "at least one output is needed");
  if (out.size() != f.outputs())
    is.add("outputs", "the evaluator gives " + std::to_string(f.outputs()) + " outputs but " + std::to_string(out.size()) +
                          " names were given");
  std::set<std::string> names;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i].empty()) is.add("outputs[" + std::to_string(i) + "]", "output name must not be empty");
    if (!names.insert(out[i]).second) is.add("outputs[" + std::to_string(i) + "]", "duplicate output name '" + out[i] + "'");
  }
  for (std::size_t i = 0; i < o.quantiles.size(); ++i)
    if (!(o.quantiles[i] >= 0 && o.quantiles[i] <= 1))
      is.add("quantiles[" + std::to_string(i) + "]", "must be in [0, 1], got " + num(o.quantiles[i]));
  if (!(o.sketch_accuracy > 0 && o.sketch_accuracy <= 0.1))
    is.add("sketch_accuracy", "must be in (0, 0.1], got " + num(o.sketch_accuracy));
  auto check_out = [&](const std::string& path, const std::string& n) {
    if (find_output(out, n) == out.size()) is.add(path, "unknown output '" + n + "' (outputs: " + list(out) + ")");
  };
  for (std::size_t i = 0; i < o.thresholds.size(); ++i) {
    check_out("thresholds[" + std::to_string(i) + "].output", o.thresholds[i].output);
    if (!std::isfinite(o.thresholds[i].value))
      is.add("thresholds[" + std::to_string(i) + "].value", "must be finite, got " + num(o.thresholds[i].value));
  }
  for (std::size_t i = 0; i < o.tornado_outputs.size(); ++i) check_out("tornado_outputs[" + std::to_string(i) + "]", o.tornado_outputs[i]);
  for (std::size_t i = 0; i < o.sobol_outputs.size(); ++i) check_out("sobol_outputs[" + std::to_string(i) + "]", o.sobol_outputs[i]);
  if (!o.sobol_outputs.empty() && o.sobol_draws == 0)
    is.add("sobol_draws", "must be at least 1 when sobol_outputs are given, got 0");
  if (o.sobol_draws == 1) is.add("sobol_draws", "must be at least 2 (the variance needs two draws), got 1");
  if (!o.tornado_outputs.empty() && o.tornado_range == TornadoRange::support)
    for (auto s : table.uncertain()) {
      const auto& p = table[s].parameter;
      if (!std::isfinite(p.lower()) || !std::isfinite(p.upper()))
        is.add("tornado_range", "'support' needs bounded parameters; '" + table[s].name + "' (" + to_string(p.kind()) +
                                    ") is unbounded — use p05_p95 or p10_p90");
    }
  is.throw_if_any();
}

// Type 7 quantile (linear interpolation between order statistics; Hyndman & Fan 1996) of sorted v.
double type7(const std::vector<double>& v, double q) {
  if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double h = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const auto hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

struct BlockStats {
  std::vector<Moments> m;               // per output
  std::vector<std::uint64_t> nonfinite;  // per output
  std::vector<std::uint64_t> above;      // per threshold
  std::uint64_t nonfinite_draws = 0;
};

struct WorkerState {
  std::vector<double> x, y, cols;
  detail::TableSampler::Scratch sc;
  std::unique_ptr<EvaluatorWorkspace> ws;
  std::vector<detail::QuantileSketch> sketch;
};

void run_tornado(const ParameterTable& table, const Evaluator& f, const std::vector<std::string>& out,
                 const MonteCarloOptions& o, SimulationResult& r) {
  if (o.tornado_outputs.empty()) return;
  const auto unc = table.uncertain();
  const auto centrals = table.centrals();
  double plo = 0.05, phi_ = 0.95;
  if (o.tornado_range == TornadoRange::p10_p90) { plo = 0.10; phi_ = 0.90; }
  if (o.tornado_range == TornadoRange::support) { plo = 0.0; phi_ = 1.0; }
  auto ws = f.workspace();
  std::vector<double> x = centrals, base(out.size()), ylo(out.size()), yhi(out.size());
  f.evaluate(x.data(), base.data(), ws.get());
  std::vector<std::vector<TornadoRow>> rows(o.tornado_outputs.size());
  for (auto s : unc) {
    const auto& p = table[s].parameter;
    const double lo = p.quantile(plo), hi = p.quantile(phi_);
    x[s] = lo;
    f.evaluate(x.data(), ylo.data(), ws.get());
    x[s] = hi;
    f.evaluate(x.data(), yhi.data(), ws.get());
    x[s] = centrals[s];
    for (std::size_t t = 0; t < o.tornado_outputs.size(); ++t) {
      const auto k = find_output(out, o.tornado_outputs[t]);
      TornadoRow row{table[s].name, s, lo, hi, ylo[k], yhi[k], std::fabs(yhi[k] - ylo[k])};
      rows[t].push_back(row);
    }
  }
  for (std::size_t t = 0; t < o.tornado_outputs.size(); ++t) {
    std::stable_sort(rows[t].begin(), rows[t].end(), [](const TornadoRow& a, const TornadoRow& b) {
      // NaN swings go last.
      if (std::isnan(a.swing) != std::isnan(b.swing)) return !std::isnan(a.swing);
      return a.swing > b.swing;
    });
    r.tornado.push_back(TornadoTable{o.tornado_outputs[t], base[find_output(out, o.tornado_outputs[t])],
                                     to_string(o.tornado_range), std::move(rows[t])});
  }
}

// Sobol indices with the Saltelli et al. (2010) design (A, B, A_B^i): first order
// S_i = mean(f_B·(f_ABi − f_A))/V (Saltelli 2010, table 2 (b)), total
// ST_i = mean((f_A − f_ABi)²)/(2V) (Jansen 1999).
void run_sobol(const ParameterTable& table, const detail::TableSampler& sampler, const Evaluator& f,
               const std::vector<std::string>& out, const MonteCarloOptions& o, unsigned threads, SimulationResult& r) {
  if (o.sobol_draws == 0) return;
  std::vector<std::string> outs = o.sobol_outputs.empty() ? out : o.sobol_outputs;
  std::vector<std::size_t> oi;
  for (const auto& n : outs) oi.push_back(find_output(out, n));
  const auto& unc = sampler.uncertain_slots();
  const std::size_t k = unc.size(), no = outs.size(), N = o.sobol_draws, nout = out.size();
  if (sampler.correlated())
    r.warnings.push_back("Sobol indices use independent inputs: the rank correlation is ignored for them "
                         "(variance-based indices assume independent inputs)");
  // Shift by f(centrals) to limit cancellation (the estimators are shift-invariant in expectation).
  std::vector<double> shift(nout);
  {
    auto ws = f.workspace();
    const auto c = table.centrals();
    f.evaluate(c.data(), shift.data(), ws.get());
    for (auto& v : shift)
      if (!std::isfinite(v)) v = 0;
  }
  struct SBlock {
    std::vector<Moments> v;              // per output: f_A and f_B together
    std::vector<double> s1, s1q, st, stq;  // per (output, i)
    std::uint64_t used = 0;
  };
  const std::size_t sblock = block_size;
  const std::size_t nblocks = (N + sblock - 1) / sblock;
  std::vector<SBlock> blocks(nblocks);
  struct SState {
    std::vector<double> a, b, ca, cb, ya, yb, yab;
    detail::TableSampler::Scratch sc;
    std::unique_ptr<EvaluatorWorkspace> ws;
  };
  std::vector<SState> st(std::max(1u, threads));
  for (auto& s : st) {
    s.a = sampler.centrals(); s.b = sampler.centrals();
    s.ca.resize(k * sblock); s.cb.resize(k * sblock);
    s.sc = sampler.scratch();
    s.ya.resize(nout); s.yb.resize(nout); s.yab.resize(nout * std::max<std::size_t>(k, 1));
    s.ws = f.workspace();
  }
  parallel_items(nblocks, threads, [&](unsigned w, std::size_t bi) {
    auto& s = st[w];
    SBlock blk;
    blk.v.resize(no);
    blk.s1.assign(no * k, 0); blk.s1q.assign(no * k, 0); blk.st.assign(no * k, 0); blk.stq.assign(no * k, 0);
    const std::size_t j0 = bi * sblock, j1 = std::min(N, j0 + sblock);
    sampler.sample_block(bi, 1, j1 - j0, s.ca.data(), s.sc, true);
    sampler.sample_block(bi, 2, j1 - j0, s.cb.data(), s.sc, true);
    for (std::size_t j = j0; j < j1; ++j) {
      for (std::size_t i = 0; i < k; ++i) {
        s.a[unc[i]] = s.ca[i * sblock + (j - j0)];
        s.b[unc[i]] = s.cb[i * sblock + (j - j0)];
      }
      f.evaluate(s.a.data(), s.ya.data(), s.ws.get());
      f.evaluate(s.b.data(), s.yb.data(), s.ws.get());
      for (std::size_t i = 0; i < k; ++i) {
        const double keep = s.a[unc[i]];
        s.a[unc[i]] = s.b[unc[i]];
        f.evaluate(s.a.data(), s.yab.data() + i * nout, s.ws.get());
        s.a[unc[i]] = keep;
      }
      bool ok = true;
      for (auto q : oi) {
        ok = ok && std::isfinite(s.ya[q]) && std::isfinite(s.yb[q]);
        for (std::size_t i = 0; i < k && ok; ++i) ok = std::isfinite(s.yab[i * nout + q]);
      }
      if (!ok) continue;
      ++blk.used;
      for (std::size_t t = 0; t < no; ++t) {
        const auto q = oi[t];
        const double fa = s.ya[q] - shift[q], fb = s.yb[q] - shift[q];
        blk.v[t].add(fa);
        blk.v[t].add(fb);
        for (std::size_t i = 0; i < k; ++i) {
          const double fab = s.yab[i * nout + q] - shift[q];
          const double t1 = fb * (fab - fa), t2 = 0.5 * (fa - fab) * (fa - fab);
          blk.s1[t * k + i] += t1; blk.s1q[t * k + i] += t1 * t1;
          blk.st[t * k + i] += t2; blk.stq[t * k + i] += t2 * t2;
        }
      }
    }
    blocks[bi] = std::move(blk);
  });
  // Merge in block order.
  std::vector<Moments> v(no);
  std::vector<double> s1(no * k, 0), s1q(no * k, 0), stt(no * k, 0), stq(no * k, 0);
  std::uint64_t used = 0;
  for (const auto& b : blocks) {
    used += b.used;
    for (std::size_t t = 0; t < no; ++t) v[t].merge(b.v[t]);
    for (std::size_t i = 0; i < no * k; ++i) { s1[i] += b.s1[i]; s1q[i] += b.s1q[i]; stt[i] += b.st[i]; stq[i] += b.stq[i]; }
  }
  if (used < N)
    r.warnings.push_back("Sobol: " + std::to_string(N - used) + " of " + std::to_string(N) +
                         " design rows gave a non-finite output and were left out");
  for (std::size_t t = 0; t < no; ++t) {
    SobolTable tab;
    tab.output = outs[t];
    tab.base_draws = N;
    tab.used_rows = used;
    const double nu = static_cast<double>(used);
    tab.variance = v[t].n > 1 ? v[t].m2 / (v[t].n - 1) : std::numeric_limits<double>::quiet_NaN();
    for (std::size_t i = 0; i < k; ++i) {
      SobolRow row;
      row.name = table[unc[i]].name;
      row.slot = unc[i];
      const double m1 = s1[t * k + i] / nu, mt = stt[t * k + i] / nu;
      const double var1 = std::max(0.0, s1q[t * k + i] / nu - m1 * m1), vart = std::max(0.0, stq[t * k + i] / nu - mt * mt);
      row.first = m1 / tab.variance;
      row.total = mt / tab.variance;
      row.first_se = std::sqrt(var1 / nu) / tab.variance;
      row.total_se = std::sqrt(vart / nu) / tab.variance;
      tab.rows.push_back(row);
    }
    if (!(tab.variance > 0))
      r.warnings.push_back("Sobol: output '" + outs[t] + "' has zero variance; its indices are undefined (NaN)");
    r.sobol.push_back(std::move(tab));
  }
}

}  // namespace

const OutputSummary& SimulationResult::summary(const std::string& output) const {
  for (const auto& s : summaries)
    if (s.name == output) return s;
  throw std::invalid_argument("simulation result: unknown output '" + output + "' (outputs: " + list(output_names) + ")");
}

std::vector<double> sample_draw(const ParameterTable& table, const MonteCarloOptions& options, std::size_t draw) {
  if (options.seed > max_seed)
    throw ValidationError("seed", "must be in [0, 2^63-1] (9223372036854775807), got " + std::to_string(options.seed));
  detail::TableSampler sampler(table, options.correlation, options.seed);
  const auto& unc = sampler.uncertain_slots();
  std::vector<double> cols(unc.size() * block_size), x = sampler.centrals();
  auto sc = sampler.scratch();
  const std::size_t i = draw % block_size;
  sampler.sample_block(draw / block_size, 0, i + 1, cols.data(), sc);
  for (std::size_t j = 0; j < unc.size(); ++j) x[unc[j]] = cols[j * block_size + i];
  return x;
}

SimulationResult simulate(const ParameterTable& table, const Evaluator& f, const std::vector<std::string>& out,
                          const MonteCarloOptions& o) {
  validate(table, f, out, o);
  detail::TableSampler sampler(table, o.correlation, o.seed);
  const unsigned threads = resolve_threads(o.threads);
  const std::size_t nout = out.size(), N = o.draws, nthr = o.thresholds.size();
  const auto& unc = sampler.uncertain_slots();
  const std::size_t k = unc.size();

  SimulationResult r;
  r.draws = N;
  r.seed = o.seed;
  r.threads = threads;
  r.output_names = out;
  for (std::size_t j = 0; j < k; ++j) {
    r.parameter_names.push_back(table[unc[j]].name);
    r.parameter_slots.push_back(unc[j]);
    r.sampling_methods.push_back(detail::describe(sampler.samplers()[j].method));
  }
  std::vector<std::size_t> thr_out(nthr);
  for (std::size_t t = 0; t < nthr; ++t) thr_out[t] = find_output(out, o.thresholds[t].output);
  if (o.keep_draws) r.output_draws.resize(static_cast<Eigen::Index>(N), static_cast<Eigen::Index>(nout));
  if (o.keep_parameters) r.parameter_draws.resize(static_cast<Eigen::Index>(N), static_cast<Eigen::Index>(k));

  std::vector<WorkerState> ws(threads);
  for (auto& w : ws) {
    w.x = sampler.centrals();
    w.cols.resize(k * block_size);
    w.sc = sampler.scratch();
    w.y.resize(nout);
    w.ws = f.workspace();
    if (!o.keep_draws) w.sketch.assign(nout, detail::QuantileSketch(o.sketch_accuracy));
  }
  const std::size_t nblocks = (N + block_size - 1) / block_size;
  std::vector<Moments> total(nout);
  std::vector<std::uint64_t> nonfinite(nout, 0), above(nthr, 0);
  std::uint64_t nonfinite_draws = 0;
  std::vector<BlockStats> round(round_blocks);

  for (std::size_t b0 = 0; b0 < nblocks; b0 += round_blocks) {
    const std::size_t nb = std::min(round_blocks, nblocks - b0);
    parallel_items(nb, threads, [&](unsigned w, std::size_t ib) {
      auto& s = ws[w];
      BlockStats& bs = round[ib];
      bs.m.assign(nout, Moments{});
      bs.nonfinite.assign(nout, 0);
      bs.above.assign(nthr, 0);
      bs.nonfinite_draws = 0;
      const std::size_t d0 = (b0 + ib) * block_size, d1 = std::min(N, d0 + block_size);
      sampler.sample_block(b0 + ib, 0, d1 - d0, s.cols.data(), s.sc);
      for (std::size_t d = d0; d < d1; ++d) {
        const std::size_t i = d - d0;
        for (std::size_t j = 0; j < k; ++j) s.x[unc[j]] = s.cols[j * block_size + i];
        if (o.keep_parameters)
          for (std::size_t j = 0; j < k; ++j) r.parameter_draws(static_cast<Eigen::Index>(d), static_cast<Eigen::Index>(j)) = s.x[unc[j]];
        f.evaluate(s.x.data(), s.y.data(), s.ws.get());
        bool bad = false;
        for (std::size_t q = 0; q < nout; ++q) {
          const double v = s.y[q];
          if (o.keep_draws) r.output_draws(static_cast<Eigen::Index>(d), static_cast<Eigen::Index>(q)) = v;
          if (!std::isfinite(v)) {
            ++bs.nonfinite[q];
            bad = true;
            continue;
          }
          bs.m[q].add(v);
          if (!o.keep_draws) s.sketch[q].add(v);
        }
        for (std::size_t t = 0; t < nthr; ++t) {
          const double v = s.y[thr_out[t]];
          if (std::isfinite(v) && v > o.thresholds[t].value) ++bs.above[t];
        }
        if (bad) ++bs.nonfinite_draws;
      }
    });
    for (std::size_t ib = 0; ib < nb; ++ib) {
      for (std::size_t q = 0; q < nout; ++q) {
        total[q].merge(round[ib].m[q]);
        nonfinite[q] += round[ib].nonfinite[q];
      }
      for (std::size_t t = 0; t < nthr; ++t) above[t] += round[ib].above[t];
      nonfinite_draws += round[ib].nonfinite_draws;
    }
    if (o.progress) o.progress(std::min(N, (b0 + nb) * block_size), N);
  }

  r.nonfinite_draws = nonfinite_draws;
  for (std::size_t q = 0; q < nout; ++q) {
    OutputSummary s;
    s.name = out[q];
    s.finite = static_cast<std::size_t>(total[q].n);
    s.nonfinite = nonfinite[q];
    if (s.finite > 0) {
      s.mean = total[q].mean;
      s.sd = total[q].sd();
      s.min = total[q].min;
      s.max = total[q].max;
    }
    std::vector<double> levels = {0.05, 0.5, 0.95};
    levels.insert(levels.end(), o.quantiles.begin(), o.quantiles.end());
    std::vector<double> qs(levels.size(), std::numeric_limits<double>::quiet_NaN());
    if (o.keep_draws) {
      s.quantile_method = "exact";
      std::vector<double> v;
      v.reserve(s.finite);
      for (std::size_t d = 0; d < N; ++d) {
        const double y = r.output_draws(static_cast<Eigen::Index>(d), static_cast<Eigen::Index>(q));
        if (std::isfinite(y)) v.push_back(y);
      }
      std::sort(v.begin(), v.end());
      for (std::size_t l = 0; l < levels.size(); ++l) qs[l] = type7(v, levels[l]);
    } else {
      s.quantile_method = "sketch";
      detail::QuantileSketch sk(o.sketch_accuracy);
      for (auto& w : ws) sk.merge(w.sketch[q]);  // integer counts: order-free
      for (std::size_t l = 0; l < levels.size(); ++l) qs[l] = sk.quantile(levels[l]);
      // The sketch's bucket value can fall just outside the observed range: clamp.
      for (auto& v : qs)
        if (std::isfinite(v)) v = std::min(std::max(v, s.min), s.max);
    }
    s.p05 = qs[0];
    s.p50 = qs[1];
    s.p95 = qs[2];
    s.quantiles.assign(qs.begin() + 3, qs.end());
    if (nonfinite[q] > 0)
      r.warnings.push_back("output '" + out[q] + "': " + std::to_string(nonfinite[q]) + " of " + std::to_string(N) +
                           " draws were not finite and are left out of its summary");
    r.summaries.push_back(std::move(s));
  }
  for (std::size_t t = 0; t < nthr; ++t) {
    Exceedance e;
    e.output = o.thresholds[t].output;
    e.threshold = o.thresholds[t].value;
    e.finite = r.summaries[thr_out[t]].finite;
    if (e.finite > 0) e.probability = static_cast<double>(above[t]) / static_cast<double>(e.finite);
    r.exceedances.push_back(e);
  }
  run_tornado(table, f, out, o, r);
  run_sobol(table, sampler, f, out, o, threads, r);
  return r;
}

}  // namespace impactchain
