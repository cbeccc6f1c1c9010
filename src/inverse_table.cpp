// Building detail::HalfInverse tables (see inverse_table.hpp).
#include "inverse_table.hpp"

#include <algorithm>
#include <cmath>

namespace impactchain::detail {

namespace {

struct Node {
  double y, d, s;  // Q, Q', Q'' at a grid point
};

/// Coefficients of the quintic Hermite interpolant on t in [0, 1] (slopes and
/// curvatures already scaled by the piece width h and h²).
void quintic(const Node& a, const Node& b, double h, double* c) {
  const double y0 = a.y, y1 = b.y, d0 = h * a.d, d1 = h * b.d, s0 = h * h * a.s, s1 = h * h * b.s;
  c[0] = y0;
  c[1] = d0;
  c[2] = 0.5 * s0;
  c[3] = 10 * (y1 - y0) - 6 * d0 - 4 * d1 - 1.5 * s0 + 0.5 * s1;
  c[4] = 15 * (y0 - y1) + 8 * d0 + 7 * d1 + 1.5 * s0 - s1;
  c[5] = 6 * (y1 - y0) - 3 * d0 - 3 * d1 - 0.5 * s0 + 0.5 * s1;
}

}  // namespace

bool InverseTable::build_half(const Functions& f, unsigned m, std::vector<double>& coef) {
  auto node = [&f](double v) {
    Node n;
    n.y = f.quantile(v);
    n.d = 1.0 / f.pdf(n.y);
    n.s = -f.dlogpdf(n.y) * n.d * n.d;
    return n;
  };
  const std::size_t n = std::size_t{1} << m;
  coef.assign(6 * n * octaves, 0.0);
  std::vector<Node> nodes(n + 1);
  for (int k = 0; k < octaves; ++k) {
    const double v0 = std::ldexp(1.0, -(k + 2));  // the octave is [v0, 2·v0)
    const double hv = v0 / static_cast<double>(n);
    for (std::size_t i = 0; i <= n; ++i) {
      nodes[i] = node(v0 + static_cast<double>(i) * hv);  // exact: dyadic
      if (!std::isfinite(nodes[i].y) || !std::isfinite(nodes[i].d) || !std::isfinite(nodes[i].s)) return false;
    }
    for (std::size_t i = 0; i < n; ++i) {
      double* p = coef.data() + 6 * ((static_cast<std::size_t>(k) << m) + i);
      quintic(nodes[i], nodes[i + 1], hv, p);
      for (double t : {0.1, 0.3, 0.5, 0.7, 0.9}) {
        const double v = v0 + (static_cast<double>(i) + t) * hv;
        if (!(std::fabs(f.cdf(eval(p, t)) - v) <= absolute_tolerance + relative_tolerance * v)) return false;
      }
    }
  }
  return true;
}

std::optional<InverseTable> InverseTable::build(const Functions& lower, const Functions& upper) {
  InverseTable h;
  h.exact_[0] = lower.quantile;
  h.exact_[1] = upper.quantile;
  for (unsigned m = min_level; m <= max_level; ++m) {
    if (build_half(lower, m, h.coef_[0]) && build_half(upper, m, h.coef_[1])) {
      h.level_ = m;
      return h;
    }
  }
  return std::nullopt;
}

}  // namespace impactchain::detail
