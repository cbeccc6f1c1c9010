// Parameter sampling: detail::TableSampler (Philox streams per block and slot,
// Gaussian copula for rank correlation). The normal quantile it draws truncated
// normals by: normal_quantile.cpp. Random123 stays private to src/.
#include "sampler.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "impactchain/error.hpp"
#include "impactchain/montecarlo.hpp"
#include "simd_clones.hpp"

namespace impactchain {

namespace detail {
namespace {

inline double phi(double z) { return 0.5 * std::erfc(-z * 0.70710678118654752440); }

/// Sample from table `tab`, or by the exact inverse CDF where no table met the tolerance.
void use_table(SlotSampler& s, std::optional<std::size_t> tab) {
  s.method = tab ? SampleMethod::inversion_table : SampleMethod::exact_inverse;
  s.table = tab.value_or(0);
}

}  // namespace

TableSampler::TableSampler(const ParameterTable& table, const std::vector<RankCorrelation>& correlation,
                           std::uint64_t seed, unsigned stream_version)
    : table_(&table), n_(table.size()), seed_(seed), stream_version_(stream_version), base_(table.centrals()),
      uncertain_slots_(table.uncertain()) {
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
      case Distribution::lognormal: {
        // exp(μ)·e^{σZ} from the table of e^{σZ}: x = exp(μ)·y in the lower half,
        // x = −exp(μ)·y in the upper half (y from the lower half of −e^{σZ}).
        s.a = 0; s.b = std::exp(a[0]); s.c = 0;
        use_table(s, inverse_table(1, a[1], 0));
        break;
      }
      case Distribution::pert:
      case Distribution::beta: {
        // lo + (hi − lo)·Beta(α, β): the lower half from the table of Beta(α, β),
        // the upper half as hi − (hi − lo)·(lower half of Beta(β, α)).
        double al, be;
        if (p.kind() == Distribution::pert) {
          const double r = a[2] - a[0];
          al = 1 + a[3] * (a[1] - a[0]) / r;
          be = 1 + a[3] * (a[2] - a[1]) / r;
          s.a = a[0]; s.b = r; s.c = a[2];
        } else {
          al = a[0]; be = a[1]; s.a = a[2]; s.b = a[3] - a[2]; s.c = a[3];
        }
        use_table(s, inverse_table(0, al, be));
        break;
      }
      case Distribution::discrete: {
        s.method = SampleMethod::discrete;
        s.values = a;
        double cum = 0;
        for (double w : p.relative_weights()) { cum += w; s.cum.push_back(cum); }  // never overflows
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

namespace {

/// Pass 1 of table sampling at the table's level (constant shifts in each).
/// Returns the number of far-tail draws.
IMPACTCHAIN_SIMD_CLONES
std::size_t locate(unsigned level, const std::uint64_t* words, std::size_t n, std::size_t m, const double* lower,
                   const double* upper, const double* zero, std::uint64_t* piece, double* t) {
  static_assert(InverseTable::min_level == 3 && InverseTable::max_level == 8, "one case per level");
  switch (level) {
    case 3: return locate_halves<3>(words, n, m, lower, upper, zero, piece, t);
    case 4: return locate_halves<4>(words, n, m, lower, upper, zero, piece, t);
    case 5: return locate_halves<5>(words, n, m, lower, upper, zero, piece, t);
    case 6: return locate_halves<6>(words, n, m, lower, upper, zero, piece, t);
    case 7: return locate_halves<7>(words, n, m, lower, upper, zero, piece, t);
    default: return locate_halves<8>(words, n, m, lower, upper, zero, piece, t);
  }
}

/// Triangular(lo, m, hi) by its inverse CDF (the formula of Parameter::quantile), d = (m − lo)/(hi − lo):
/// one square root and selects instead of a branch that goes either way. Compiled for AVX2 and
/// AVX-512 too (4 or 8 square roots per instruction instead of 2); a square root is correctly
/// rounded on every instruction set, so every version gives the same numbers.
IMPACTCHAIN_SIMD_CLONES
void triangular_halves(const std::uint64_t* words, std::size_t n, double* out, double lo, double m, double hi,
                       double d) {
  for_halves(words, n, out, [=](std::uint32_t h) {
    const double u = to_uniform32(h);
    const bool left = u < d;
    const double r = std::sqrt(left ? u * (hi - lo) * (m - lo) : (1 - u) * (hi - lo) * (hi - m));
    return left ? lo + r : hi - r;
  });
}

/// The uniform's inverse a + u·b of each half-word, in vector lanes (sample_block itself is
/// compiled for the baseline only).
IMPACTCHAIN_SIMD_CLONES
void uniform_halves(const std::uint64_t* words, std::size_t n, double* out, double a, double b) {
  for_halves(words, n, out, [=](std::uint32_t h) { return a + to_uniform32(h) * b; });
}

/// x[i] = min(max(mean + sd·x[i], lo), hi): the truncated normal's quantiles scaled and held to
/// its bounds, in vector lanes.
IMPACTCHAIN_SIMD_CLONES
void scale_and_clamp(double* x, std::size_t n, double mean, double sd, double lo, double hi) {
  for (std::size_t i = 0; i < n; ++i) x[i] = std::min(std::max(mean + sd * x[i], lo), hi);
}

/// p[i] = c + to_uniform(words[i])·d for i < n, the same numbers as that expression: the 53-bit
/// integer converted in two exact halves (x >> 43 and the 32 bits below it, each through the
/// exponent 2^52), which vectorises on every instruction set (a 64-bit integer conversion needs
/// AVX-512DQ).
IMPACTCHAIN_SIMD_CLONES
void uniforms_between(const std::uint64_t* words, std::size_t n, double c, double d, double* __restrict p) {
  constexpr std::uint64_t exponent52 = 0x4330000000000000ULL;  // the bits of 2^52
  constexpr double two52 = 0x1.0p52;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t x = words[i];
    const double high = bits_to_double(exponent52 | (x >> 43)) - two52;                 // < 2^21, exact
    const double low = bits_to_double(exponent52 | ((x >> 11) & 0xFFFFFFFFULL)) - two52;  // < 2^32, exact
    p[i] = c + ((high * 0x1.0p32 + low) + 0.5) * 0x1.0p-53 * d;  // the sum is x >> 11, exact (< 2^53)
  }
}

}  // namespace

TableSampler::Scratch TableSampler::scratch() const {
  Scratch s;
  s.eps.assign(copula_n_ * sample_block_size, 0.0);
  s.z.assign(copula_n_, 0.0);
  return s;
}

void TableSampler::sample_block(std::uint64_t block, StreamDomain domain, std::size_t n, double* cols, Scratch& sc,
                                bool independent, const std::size_t* column, std::size_t stride) const {
  const bool cop = copula_n_ > 0 && !independent;
  WordStream& ws = sc.stream;
  std::uint64_t* words = sc.words.data();
  const Ziggurat& zig = zig_;
  for (std::size_t j = 0; j < samplers_.size(); ++j) {
    const SlotSampler& s = samplers_[j];
    double* out = cols + (column ? column[j] : j) * stride;
    ws.reset(seed_, block, s.slot, domain, stream_version_);
    switch (s.method) {
      case SampleMethod::uniform: {
        ws.fill(words, half_words(n));
        uniform_halves(words, n, out, s.a, s.b);
        break;
      }
      case SampleMethod::triangular:
        ws.fill(words, half_words(n));
        triangular_halves(words, n, out, s.a, s.b, s.c, s.d);
        break;
      case SampleMethod::normal:
        for (std::size_t i = 0; i < n; ++i) out[i] = s.a + s.b * zig(ws);
        break;
      case SampleMethod::truncated_normal: {
        // Inversion: the uniforms drawn in order, their quantiles for the whole block at once.
        double* p = sc.t.data();
        ws.fill(words, n);
        uniforms_between(words, n, s.c, s.d, p);
        normal_quantile_block(p, out, n, stream_version_);
        scale_and_clamp(out, n, s.a, s.b, s.values[0], s.values[1]);
        break;
      }
      case SampleMethod::inversion_table: {
        // Half-word h: bit 31 the half (x = a + b·y or c − b·y), the low 31 bits r,
        // tail probability v = (r + 1/2)·2^−32. Where r < 2^11 (v < 2^−21, the far
        // tails) 53 more bits come from a second stream of the same (block, slot),
        // so the tails keep full resolution. Two passes (locate, then evaluate)
        // keep each loop short, so consecutive lookups overlap.
        ws.fill(words, half_words(n));
        const InverseTable& tab = tables_[s.table];
        const double base[2] = {s.a, s.c}, scale[2] = {s.b, -s.b};  // indexed, not branched on
        static constexpr double zero_piece[6] = {0, 0, 0, 0, 0, 0};  // far-tail draws, redone below
        std::uint64_t* piece = sc.piece.data();
        double* t = sc.t.data();
        const std::size_t far =
            locate(tab.level(), words, n, half_words(n), tab.coefficients(0), tab.coefficients(1), zero_piece, piece, t);
        const std::size_t m = half_words(n);
        auto value = [&](std::size_t i, std::uint32_t half) {
          const unsigned up = half >> 31;
          out[i] = base[up] + scale[up] * InverseTable::eval(reinterpret_cast<const double*>(piece[i]), t[i]);
        };
        for (std::size_t i = 0; i < m; ++i) value(i, static_cast<std::uint32_t>(words[i]));
        for (std::size_t i = m; i < n; ++i) value(i, static_cast<std::uint32_t>(words[i - m] >> 32));
        if (far > 0) {
          PhiloxStream extra(seed_, block, s.slot, domain, /*extra=*/true);
          for (std::size_t i = 0; i < n; ++i) {
            const std::uint32_t w = half_word(words, i), r = w & 0x7fffffffU;
            if (r >= (1U << 11)) continue;
            const double v = (static_cast<double>(r) + extra.uniform()) * 0x1.0p-32;
            const unsigned up = w >> 31;
            out[i] = base[up] + scale[up] * tab(up, v);
          }
        }
        break;
      }
      case SampleMethod::exact_inverse: {
        const Parameter& p = (*table_)[s.slot].parameter;
        for (std::size_t i = 0; i < n; ++i) out[i] = p.quantile(ws.uniform());
        break;
      }
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
        cols[(column ? column[j] : j) * stride + i] =
            (*table_)[samplers_[j].slot].parameter.quantile(phi(sc.z[m]));
      }
    }
  }
}

}  // namespace detail
}  // namespace impactchain
