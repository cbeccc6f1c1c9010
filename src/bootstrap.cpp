// Bootstrap driver: Philox index draws per replicate, statistics from sufficient
// statistics, percentile and BCa intervals. Streams: philox_stream.hpp.
#include "impactchain/bootstrap.hpp"

#include <boost/math/distributions/normal.hpp>
#include <boost/random/binomial_distribution.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "impactchain/detail/check.hpp"
#include "impactchain/detail/stats.hpp"
#include "impactchain/error.hpp"
#include "impactchain/detail/parallel.hpp"
#include "philox_stream.hpp"

namespace impactchain {

namespace {

/// Uniform indices in [0, n) for one replicate from the stream (replicate, stream,
/// StreamDomain::bootstrap_indices): Lemire (2019) multiply-shift with rejection,
/// so the draws are exactly uniform and depend only on (seed, replicate, stream).
class IndexStream {
 public:
  IndexStream(std::uint64_t seed, std::uint32_t replicate, std::uint32_t stream, std::uint32_t n)
      : words_(seed, replicate, stream, detail::StreamDomain::bootstrap_indices), n_(n),
        threshold_(static_cast<std::uint32_t>(-n) % n) {}
  std::uint32_t next() {
    for (;;) {
      const std::uint64_t m = static_cast<std::uint64_t>(words_()) * n_;
      if (static_cast<std::uint32_t>(m) >= threshold_) return static_cast<std::uint32_t>(m >> 32);
    }
  }

 private:
  detail::Philox32Words words_;
  std::uint32_t n_, threshold_;
};

/// 32-bit uniform random bit generator for Boost.Random's binomial (BTRD algorithm of
/// Hormann 1993): the stream (replicate, stream, StreamDomain::bootstrap_counts).
class PhiloxBits : public detail::Philox32Words {
 public:
  PhiloxBits(std::uint64_t seed, std::uint32_t replicate, std::uint32_t stream)
      : Philox32Words(seed, replicate, stream, detail::StreamDomain::bootstrap_counts) {}
};

void check_options(const BootstrapOptions& o, Eigen::Index n) {
  detail::IssueList issues;
  detail::check_count(issues, "resamples", "", o.resamples, 100, max_resamples);
  detail::check_open_unit_interval(issues, "level", "", o.level);
  if (o.threads < 0) issues.add("threads", "must be >= 0 (0 = all hardware threads), got " + std::to_string(o.threads));
  if (n < 2) issues.add("data", "the bootstrap needs at least 2 observations, got " + std::to_string(n));
  if (n > static_cast<Eigen::Index>(0xFFFFFFFFu)) issues.add("data", "more than 2^32-1 observations are not supported");
  issues.throw_if_any();
}

/// Runs fn(b) for b in [0, B) on `threads` threads (detail::parallel_items); fn writes only
/// slot b, so the output does not depend on the thread count.
template <class F>
void parallel_for(int B, int threads, const F& fn, const CancelHook& cancelled) {
  detail::parallel_items(static_cast<std::size_t>(B), detail::resolve_threads(static_cast<unsigned>(threads)),
                         [&](unsigned, std::size_t b) { fn(static_cast<int>(b)); }, &cancelled);
}

/// Percentile or BCa interval (Efron 1987; Efron & Tibshirani 1993 ch. 14) from the
/// replicates and the jackknife (leave-one-out) estimates.
void finish(BootstrapResult& r, std::vector<double> reps, const std::vector<double>& jack, const BootstrapOptions& o) {
  const double B = static_cast<double>(reps.size());
  double m;
  detail::mean_sd(reps, m, r.se);  // the SE is the SD of the replicates
  if (o.keep_replicates) r.replicates = Eigen::Map<const Eigen::VectorXd>(reps.data(), static_cast<Eigen::Index>(reps.size()));
  std::sort(reps.begin(), reps.end());
  const double alpha = (1 - o.level) / 2;
  double plo = alpha, phi = 1 - alpha;
  if (o.method == BootstrapCi::bca) {
    const boost::math::normal_distribution<double> nd;
    // z0 from the share of replicates below the estimate, ties counted half (as scipy.stats.bootstrap).
    const auto below = std::lower_bound(reps.begin(), reps.end(), r.estimate) - reps.begin();
    const auto upto = std::upper_bound(reps.begin(), reps.end(), r.estimate) - reps.begin();
    const double share = (static_cast<double>(below) + static_cast<double>(upto)) / (2 * B);
    if (share <= 0 || share >= 1)
      throw ValidationError("bootstrap", "BCa is undefined: all " + std::to_string(reps.size()) +
                                             " replicates lie on one side of the estimate; use method='percentile'");
    r.z0 = boost::math::quantile(nd, share);
    const double jm = detail::mean(jack);
    double num = 0, den = 0;
    for (double v : jack) {
      const double d = jm - v;
      num += d * d * d;
      den += d * d;
    }
    if (den > 0) {
      r.acceleration = num / (6 * std::pow(den, 1.5));
    } else {
      r.acceleration = 0;
      r.warnings.push_back(Notice("bootstrap.jackknife_equal", {}));
    }
    auto adj = [&](double p) {
      const double zp = boost::math::quantile(nd, p);
      return boost::math::cdf(nd, r.z0 + (r.z0 + zp) / (1 - r.acceleration * (r.z0 + zp)));
    };
    plo = adj(alpha);
    phi = adj(1 - alpha);
    const double edge = 1 / B;
    if (plo < edge || phi > 1 - edge)
      r.warnings.push_back(Notice("bootstrap.bca_tail", {real_param("p_low", plo), real_param("p_high", phi)}));
  }
  r.ci_low = detail::quantile_type7_sorted(reps, plo);
  r.ci_high = detail::quantile_type7_sorted(reps, phi);
}

BootstrapResult start(const std::string& stat, Eigen::Index n, const BootstrapOptions& o) {
  BootstrapResult r;
  r.statistic = stat;
  r.level = o.level;
  r.method = o.method;
  r.resamples = o.resamples;
  r.n = static_cast<int>(n);
  r.seed = o.seed;
  r.stream = o.stream;
  return r;
}

/// How a resample's fit came out.
enum FitOutcome : char { fitted, not_converged, no_fit };

/// What the bootstrap of a fitted reliability calls itself in its messages.
struct FitWords {
  std::string statistic;  ///< "omega"
  std::string fit;        ///< "the one-factor fit"
  std::string failed;     ///< what resamples without a fit hold: "a constant item or covariances the fit cannot take"
  std::string advice;     ///< "too few respondents for these items; give more, fit by minres, or allow more iterations"
};

/// The bootstrap of a reliability fitted to the covariances of the complete rows of `items`
/// (`stat`, its `estimate` and `warnings` on those rows): each resample's covariances from its
/// counts of the rows, centred first so that no precision is lost, and `fit_of(covariances,
/// outcome)` its value; for BCa, the same without each row in turn. A resample or a leave-one-out
/// sample without a fitted value refuses the run, with the counts, rather than give an interval
/// of the others.
template <class FitOf>
BootstrapResult resample_fits(const std::string& stat, double estimate, std::vector<Notice> warnings,
                              const Eigen::Ref<const Eigen::MatrixXd>& items, const FitOf& fit_of, const FitWords& words,
                              int max_iterations, const BootstrapOptions& o) {
  const std::vector<Eigen::Index> rows = detail::complete_rows(items);
  const Eigen::Index k = items.cols();
  const auto n = static_cast<Eigen::Index>(rows.size());
  check_options(o, n);
  BootstrapResult r = start(stat, n, o);
  r.estimate = estimate;
  r.warnings = std::move(warnings);
  Eigen::MatrixXd y(n, k);
  for (Eigen::Index i = 0; i < n; ++i) y.row(i) = items.row(rows[static_cast<std::size_t>(i)]);
  y.rowwise() -= y.colwise().mean();
  // the value of the covariances (cross-products cp, sums s, m rows); its outcome in `why`.
  auto value_of = [&](const Eigen::MatrixXd& cp, const Eigen::VectorXd& s, double m, char& why) {
    Eigen::MatrixXd cov = (cp - s * s.transpose() / m) / (m - 1);
    cov = (0.5 * (cov + cov.transpose())).eval();  // a product's rounding need not be symmetric
    try {
      return fit_of(cov, why);
    } catch (const ValidationError&) {
      why = no_fit;
      return std::numeric_limits<double>::quiet_NaN();
    }
  };
  std::vector<double> reps(static_cast<std::size_t>(o.resamples));
  std::vector<char> outcome(static_cast<std::size_t>(o.resamples), fitted);
  const auto un = static_cast<std::uint32_t>(n);
  parallel_for(o.resamples, o.threads, [&](int b) {
    IndexStream s(o.seed, static_cast<std::uint32_t>(b), o.stream, un);
    Eigen::VectorXd counts = Eigen::VectorXd::Zero(n);
    for (Eigen::Index i = 0; i < n; ++i) counts[s.next()] += 1;
    const Eigen::MatrixXd cp = y.transpose() * counts.asDiagonal() * y;
    const Eigen::VectorXd sums = y.transpose() * counts;
    reps[static_cast<std::size_t>(b)] = value_of(cp, sums, static_cast<double>(n), outcome[static_cast<std::size_t>(b)]);
  }, o.cancelled);
  std::vector<double> jack;
  if (o.method == BootstrapCi::bca) {
    const Eigen::MatrixXd cp = y.transpose() * y;
    const Eigen::VectorXd sums = y.colwise().sum().transpose();
    jack.resize(static_cast<std::size_t>(n));
    for (Eigen::Index i = 0; i < n; ++i) {
      char why = fitted;
      jack[static_cast<std::size_t>(i)] =
          value_of(cp - y.row(i).transpose() * y.row(i), sums - y.row(i).transpose(), static_cast<double>(n - 1), why);
      if (why != fitted)
        throw ValidationError("bootstrap", "BCa needs " + words.statistic + " without each respondent in turn, and without row " +
                                               std::to_string(rows[static_cast<std::size_t>(i)]) + " " + words.fit + " " +
                                               (why == no_fit ? "fails" : "does not converge") + "; use method='percentile'");
    }
  }
  const auto failed = std::count(outcome.begin(), outcome.end(), no_fit);
  const auto stopped = std::count(outcome.begin(), outcome.end(), not_converged);
  if (failed || stopped) {
    std::string why;
    if (failed) why = std::to_string(failed) + " hold " + words.failed;
    if (stopped)
      why += (failed ? "; " : "") + std::to_string(stopped) + " did not converge in " + std::to_string(max_iterations) + " iterations";
    throw ValidationError("bootstrap", std::to_string(failed + stopped) + " of " + std::to_string(o.resamples) + " resamples have no " +
                                           words.statistic + " (" + why + "): " + words.advice);
  }
  finish(r, std::move(reps), jack, o);
  return r;
}

}  // namespace

BootstrapResult bootstrap_mean(const Eigen::Ref<const Eigen::VectorXd>& x, const BootstrapOptions& o) {
  const Eigen::Index n = x.size();
  check_options(o, n);
  for (Eigen::Index i = 0; i < n; ++i)
    if (!std::isfinite(x[i])) throw ValidationError("x[" + std::to_string(i) + "]", "must be finite, got " + detail::num(x[i]));
  BootstrapResult r = start("mean", n, o);
  // Centre first so that replicate sums do not lose precision.
  const double centre = x.mean();
  const Eigen::VectorXd xc = x.array() - centre;
  const double* px = xc.data();
  r.estimate = centre + xc.mean();
  std::vector<double> reps(static_cast<std::size_t>(o.resamples));
  const auto un = static_cast<std::uint32_t>(n);
  // Few distinct values (scale totals, their changes): a resample is a multinomial draw of
  // counts over the m distinct values, drawn as m-1 conditional binomials -- the same
  // distribution as n index draws at O(m) cost per replicate.
  std::vector<double> sorted(xc.data(), xc.data() + n);
  std::sort(sorted.begin(), sorted.end());
  std::vector<double> values;
  std::vector<long long> counts;
  for (double v : sorted) {
    if (values.empty() || v != values.back()) { values.push_back(v); counts.push_back(0); }
    ++counts.back();
  }
  std::vector<double>().swap(sorted);
  if (static_cast<Eigen::Index>(values.size()) * 64 <= n) {
    r.warnings.push_back(Notice("bootstrap.multinomial", {int_param("count", values.size())}));
    parallel_for(o.resamples, o.threads, [&](int b) {
      PhiloxBits bits(o.seed, static_cast<std::uint32_t>(b), o.stream);
      long long left = n, rest = n;
      double sum = 0;
      for (std::size_t v = 0; v + 1 < values.size() && left > 0; ++v) {
        const double p = static_cast<double>(counts[v]) / static_cast<double>(rest);
        const long long c = boost::random::binomial_distribution<long long, double>(left, std::min(1.0, p))(bits);
        sum += static_cast<double>(c) * values[v];
        left -= c;
        rest -= counts[v];
      }
      sum += static_cast<double>(left) * values.back();
      reps[static_cast<std::size_t>(b)] = centre + sum / static_cast<double>(n);
    }, o.cancelled);
  } else {
    parallel_for(o.resamples, o.threads, [&](int b) {
      IndexStream s(o.seed, static_cast<std::uint32_t>(b), o.stream, un);
      double sum = 0;
      for (Eigen::Index i = 0; i < n; ++i) sum += px[s.next()];
      reps[static_cast<std::size_t>(b)] = centre + sum / static_cast<double>(n);
    }, o.cancelled);
  }
  std::vector<double> jack;
  if (o.method == BootstrapCi::bca) {
    const double total = xc.sum();
    jack.resize(static_cast<std::size_t>(n));
    for (Eigen::Index i = 0; i < n; ++i) jack[static_cast<std::size_t>(i)] = centre + (total - px[i]) / static_cast<double>(n - 1);
  }
  finish(r, std::move(reps), jack, o);
  return r;
}

BootstrapResult bootstrap_alpha(const Eigen::Ref<const Eigen::MatrixXd>& items, const BootstrapOptions& o) {
  const Eigen::Index k = items.cols();
  if (k < 2) throw ValidationError("items", "Cronbach's alpha needs at least 2 items, got " + std::to_string(k));
  std::vector<Eigen::Index> rows;
  for (Eigen::Index i = 0; i < items.rows(); ++i) {
    bool ok = true;
    for (Eigen::Index j = 0; j < k; ++j) {
      const double v = items(i, j);
      if (std::isinf(v)) throw ValidationError("row " + std::to_string(i) + ", item " + std::to_string(j), "response is infinite");
      ok = ok && !std::isnan(v);
    }
    if (ok) rows.push_back(i);
  }
  const auto n = static_cast<Eigen::Index>(rows.size());
  check_options(o, n);
  BootstrapResult r = start("cronbach_alpha (listwise)", n, o);
  if (n < items.rows())
    r.warnings.push_back(Notice("reliability.listwise", {int_param("dropped", items.rows() - n), int_param("rows", items.rows())}));
  // Packed centred rows: k items, then q = sum of squared items, then T^2 (T = row total).
  const Eigen::Index w = k + 2;
  Eigen::RowVectorXd mean = Eigen::RowVectorXd::Zero(k);
  for (auto i : rows) mean += items.row(i);
  mean /= static_cast<double>(n);
  std::vector<double> pack(static_cast<std::size_t>(n * w));
  for (Eigen::Index r_ = 0; r_ < n; ++r_) {
    double* p = pack.data() + r_ * w;
    double q = 0, t = 0;
    for (Eigen::Index j = 0; j < k; ++j) {
      const double v = items(rows[static_cast<std::size_t>(r_)], j) - mean[j];
      p[j] = v;
      q += v * v;
      t += v;
    }
    p[k] = q;
    p[k + 1] = t * t;
  }
  const double kd = static_cast<double>(k);
  // alpha = k/(k-1) (1 - sum_j var_j / var_T); the (n-1) divisors cancel.
  auto alpha_from = [&](const double* s, double q, double tt, double nn) {
    double s2 = 0, st = 0;
    for (Eigen::Index j = 0; j < k; ++j) {
      s2 += s[j] * s[j];
      st += s[j];
    }
    const double sum_var = q - s2 / nn, var_t = tt - st * st / nn;
    return kd / (kd - 1) * (1 - sum_var / var_t);
  };
  std::vector<double> full(static_cast<std::size_t>(w), 0.0);
  for (Eigen::Index r_ = 0; r_ < n; ++r_)
    for (Eigen::Index j = 0; j < w; ++j) full[static_cast<std::size_t>(j)] += pack[static_cast<std::size_t>(r_ * w + j)];
  const double nn = static_cast<double>(n);
  {
    double st = 0;
    for (Eigen::Index j = 0; j < k; ++j) st += full[static_cast<std::size_t>(j)];
    const double var_t = full[static_cast<std::size_t>(k + 1)] - st * st / nn;
    if (!(var_t > 0)) throw ValidationError("items", "the variance of the total score is 0: alpha is undefined");
    for (Eigen::Index j = 0; j < k; ++j) {
      double v = 0;
      for (Eigen::Index r_ = 0; r_ < n; ++r_) v += pack[static_cast<std::size_t>(r_ * w + j)] * pack[static_cast<std::size_t>(r_ * w + j)];
      if (!(v > 0)) throw ValidationError("item " + std::to_string(j), "is constant (variance 0): alpha is undefined");
    }
  }
  r.estimate = alpha_from(full.data(), full[static_cast<std::size_t>(k)], full[static_cast<std::size_t>(k + 1)], nn);
  std::vector<double> reps(static_cast<std::size_t>(o.resamples));
  const auto un = static_cast<std::uint32_t>(n);
  int degenerate = 0;
  parallel_for(o.resamples, o.threads, [&](int b) {
    IndexStream s(o.seed, static_cast<std::uint32_t>(b), o.stream, un);
    std::vector<double> acc(static_cast<std::size_t>(w), 0.0);
    for (Eigen::Index i = 0; i < n; ++i) {
      const double* p = pack.data() + static_cast<std::size_t>(s.next()) * static_cast<std::size_t>(w);
      for (Eigen::Index j = 0; j < w; ++j) acc[static_cast<std::size_t>(j)] += p[j];
    }
    reps[static_cast<std::size_t>(b)] = alpha_from(acc.data(), acc[static_cast<std::size_t>(k)], acc[static_cast<std::size_t>(k + 1)], nn);
  }, o.cancelled);
  for (double v : reps) degenerate += std::isfinite(v) ? 0 : 1;
  if (degenerate)
    throw ValidationError("bootstrap", std::to_string(degenerate) +
                                           " replicates have a total-score variance of 0 (alpha undefined); too few distinct respondents");
  std::vector<double> jack;
  if (o.method == BootstrapCi::bca) {
    jack.resize(static_cast<std::size_t>(n));
    std::vector<double> loo(static_cast<std::size_t>(w));
    for (Eigen::Index r_ = 0; r_ < n; ++r_) {
      for (Eigen::Index j = 0; j < w; ++j)
        loo[static_cast<std::size_t>(j)] = full[static_cast<std::size_t>(j)] - pack[static_cast<std::size_t>(r_ * w + j)];
      jack[static_cast<std::size_t>(r_)] = alpha_from(loo.data(), loo[static_cast<std::size_t>(k)], loo[static_cast<std::size_t>(k + 1)], nn - 1);
    }
  }
  finish(r, std::move(reps), jack, o);
  return r;
}

BootstrapResult bootstrap_omega(const Eigen::Ref<const Eigen::MatrixXd>& items, const OmegaOptions& fit, const BootstrapOptions& o,
                                std::vector<std::string> names) {
  OmegaOptions f = fit;
  f.missing = MissingPolicy::listwise;
  const OmegaResult point = mcdonald_omega(items, f, std::move(names));  // names every input error
  return resample_fits(
      std::string("mcdonald_omega (listwise, ") + to_string(f.method) + (f.standardised ? ", standardised" : "") + ")", point.omega,
      point.warnings, items,
      [&](const Eigen::MatrixXd& cov, char& why) {
        const OmegaResult q = omega_from_covariance(cov, f, point.items);
        why = q.converged ? fitted : not_converged;
        return q.omega;
      },
      {"omega", "the one-factor fit", "a constant item or covariances the fit cannot take",
       "too few respondents for these items; give more, fit by minres, or allow more iterations"},
      f.max_iterations, o);
}

BootstrapResult bootstrap_hierarchical_omega(const Eigen::Ref<const Eigen::MatrixXd>& items, const HierarchicalOmegaOptions& fit,
                                             const BootstrapOptions& o, std::vector<std::string> names) {
  HierarchicalOmegaOptions f = fit;
  f.missing = MissingPolicy::listwise;
  const HierarchicalOmegaResult point = hierarchical_omega(items, f, std::move(names));  // names every input error
  return resample_fits(
      "hierarchical_omega (listwise, " + std::to_string(f.groups) + " groups)", point.omega_hierarchical, point.warnings, items,
      [&](const Eigen::MatrixXd& cov, char& why) {
        const HierarchicalOmegaResult q = hierarchical_omega_from_covariance(cov, f, point.items);
        why = q.fit_converged && q.rotation_converged ? fitted : not_converged;
        return q.omega_hierarchical;
      },
      {"omega hierarchical", "the factor fit", "a constant item or group factors that share no general factor",
       "the general factor is too weak, or the respondents too few, for this model; give more respondents or fewer group "
       "factors, or allow more iterations"},
      std::max(f.max_iterations, f.rotation_iterations), o);
}

}  // namespace impactchain
