// detail::QuantileSketch: the mergeable DDSketch-style quantile sketch the
// Monte Carlo engine keeps per output when the draws are not kept.
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

#include "sampler.hpp"

namespace impactchain::detail {

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

std::vector<std::int64_t> QuantileSketch::state() const {
  std::vector<std::int64_t> out = {static_cast<std::int64_t>(n_), static_cast<std::int64_t>(zero_)};
  for (const Store* st : {&pos_, &neg_}) {
    const std::size_t at = out.size();
    out.push_back(0);
    for (std::size_t i = 0; i < st->counts.size(); ++i)
      if (st->counts[i]) {
        out.push_back(st->offset + static_cast<std::int64_t>(i));
        out.push_back(static_cast<std::int64_t>(st->counts[i]));
        ++out[at];
      }
  }
  return out;
}

QuantileSketch QuantileSketch::from_state(double alpha, const std::vector<std::int64_t>& state) {
  QuantileSketch s(alpha);
  auto bad = [] { throw std::invalid_argument("quantile sketch: the state is not one that state() wrote"); };
  if (state.size() < 4) bad();
  s.n_ = static_cast<std::uint64_t>(state[0]);
  s.zero_ = static_cast<std::uint64_t>(state[1]);
  std::size_t i = 2;
  std::uint64_t total = s.zero_;
  for (Store* st : {&s.pos_, &s.neg_}) {
    if (i >= state.size()) bad();
    const auto pairs = static_cast<std::size_t>(state[i++]);
    if (pairs > (state.size() - i) / 2) bad();
    for (std::size_t j = 0; j < pairs; ++j, i += 2) {
      if (state[i + 1] <= 0 || state[i] < std::numeric_limits<int>::min() / 2 || state[i] > std::numeric_limits<int>::max() / 2)
        bad();
      st->add(static_cast<int>(state[i]), static_cast<std::uint64_t>(state[i + 1]));
      total += static_cast<std::uint64_t>(state[i + 1]);
    }
  }
  if (i != state.size() || total != s.n_) bad();
  return s;
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

}  // namespace impactchain::detail
