// value_years.hpp: one outcome's years over a chunk of draws, on every vector path the
// processor has, against the loop of ValuePlan::totals written out here draw by draw.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "value_years.hpp"

using namespace impactchain::detail;

// Names unique to this file: the unity build (the sanitizer job) puts the test files into
// one translation unit, where anonymous namespaces meet.
namespace {

std::vector<YearsPath> years_paths() {
  const std::vector<YearsPath> order = {YearsPath::avx512, YearsPath::avx2, YearsPath::baseline};
  std::vector<YearsPath> here = {YearsPath::best};
  bool reached = false;
  for (YearsPath p : order) {
    reached = reached || p == years_best_path();
    if (reached) here.push_back(p);
  }
  return here;
}

/// Draw i's years as ValuePlan::totals takes them: keep and f first, then impact·w·keep·f.
void years_reference(const OutcomeYears& y, std::vector<double>& pv, std::vector<double>& own) {
  for (std::size_t i = 0; i < y.m; ++i) {
    double keep = y.keep[i], f = y.f[i];
    for (int t = 1; t <= y.T; ++t) {
      const double tm1 = t - 1;
      if (t > 1 && y.grow[t]) keep *= y.keep_rate[i];
      if (t > 1 && y.rate) f *= y.step[i];
      const double factor = t == 1 || y.rate ? f : y.fixed_f[t];
      const double w = std::min(1.0, y.dur[i] - tm1);
      const double c = y.impact[i] * w * keep * factor;
      pv[i] += y.dur[i] > tm1 ? c : 0.0;
      own[i] += y.dur[i] > tm1 ? c : 0.0;
    }
  }
}

bool years_identical(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

/// The per-draw inputs of m draws and the per-year ones of T years, and their view.
struct YearsInputs {
  YearsInputs(std::size_t m, int T) : impact(m), dur(m), keep_rate(m), step(m), keep(m), f(m), grow(T + 1), fixed_f(T + 1) {}
  std::vector<double> impact, dur, keep_rate, step, keep, f;
  std::vector<char> grow;
  std::vector<double> fixed_f;
  OutcomeYears view(bool rate) const {
    OutcomeYears y;
    y.m = impact.size();
    y.T = static_cast<int>(grow.size()) - 1;
    y.rate = rate;
    y.grow = grow.data();
    y.fixed_f = fixed_f.data();
    y.impact = impact.data();
    y.dur = dur.data();
    y.keep_rate = keep_rate.data();
    y.step = step.data();
    y.keep = keep.data();
    y.f = f.data();
    return y;
  }
};

}  // namespace

TEST_CASE("add_years: every path gives each draw the years of ValuePlan::totals, bit for bit") {
  std::uint64_t state = 0x9E3779B97F4A7C15ull;  // xorshift64: inputs at random
  auto next = [&] {
    state ^= state << 13, state ^= state >> 7, state ^= state << 17;
    return static_cast<double>(state >> 11) * 0x1p-53;
  };
  CHECK(years_paths().size() >= 2);  // best and at least the baseline
  for (std::size_t m : {1u, 7u, 8u, 9u, 17u, 256u}) {  // around the widths (2, 4, 8 lanes)
    for (int variant = 0; variant < 4; ++variant) {
      const bool rate = variant & 1, with_own = variant & 2;
      const int T = 7;
      YearsInputs in(m, T);
      auto &impact = in.impact, &dur = in.dur, &keep_rate = in.keep_rate, &step = in.step, &keep = in.keep, &f = in.f;
      std::vector<double> pv0(m), own0(m);
      for (std::size_t i = 0; i < m; ++i) {
        impact[i] = 1000 * next() - 100;  // some negative
        // Whole, fractional, zero, negative and NaN durations.
        dur[i] = 7 * next();
        if (i % 11 == 3) dur[i] = 0.0;
        if (i % 13 == 5) dur[i] = std::numeric_limits<double>::quiet_NaN();
        if (i % 17 == 2) dur[i] = -1.0;
        if (i % 5 == 0) dur[i] = std::floor(dur[i]);
        keep_rate[i] = 1 - 0.4 * next();
        step[i] = 1 / (1 + 0.1 * next());
        keep[i] = next();
        f[i] = 0.5 + next();
        pv0[i] = i % 4 == 1 ? -0.0 : 100 * next();  // a negative zero: +0.0 added keeps nothing else
        own0[i] = 10 * next();
      }
      for (int t = 0; t <= T; ++t) {
        in.grow[static_cast<std::size_t>(t)] = t % 3 != 0;
        in.fixed_f[static_cast<std::size_t>(t)] = std::pow(1.035, -t);
      }
      OutcomeYears y = in.view(rate);
      std::vector<double> want_pv = pv0, want_own = own0;
      years_reference(y, want_pv, want_own);
      const std::vector<double> keep_before = keep, f_before = f;
      for (YearsPath path : years_paths()) {
        CAPTURE(static_cast<int>(path));
        CAPTURE(m);
        CAPTURE(variant);
        std::vector<double> pv = pv0, own = own0;
        y.pv = pv.data();
        y.own = with_own ? own.data() : nullptr;
        add_years(y, path);
        std::size_t differ = 0;
        for (std::size_t i = 0; i < m; ++i) {
          differ += !years_identical(pv[i], want_pv[i]);
          differ += with_own ? !years_identical(own[i], want_own[i]) : !years_identical(own[i], own0[i]);
        }
        CHECK(differ == 0);
        CHECK((keep == keep_before && f == f_before));  // read, not written
      }
    }
  }
}

TEST_CASE("add_years: a draw worked out by hand") {
  // Impact 2, duration 2.5, keep 1 and rate of keeping 0.9, a fixed rate's factors 1 (year 1's
  // f), 0.95, 0.9; the drop-off grows in years 2 and 3. Year 1: 2·1·1·1 = 2; year 2:
  // 2·1·0.9·0.95 = 1.71; year 3 (half a year): 2·0.5·0.81·0.9 = 0.729. Total 4.439.
  YearsInputs in(9, 3);  // nine draws alike: every group width and the rest
  in.impact.assign(9, 2.0);
  in.dur.assign(9, 2.5);
  in.keep_rate.assign(9, 0.9);
  in.step.assign(9, 1.0);
  in.keep.assign(9, 1.0);
  in.f.assign(9, 1.0);
  in.grow = {0, 0, 1, 1};
  in.fixed_f = {0, 0, 0.95, 0.9};
  for (YearsPath path : years_paths()) {
    CAPTURE(static_cast<int>(path));
    std::vector<double> pv(9, 0.0);
    OutcomeYears y = in.view(false);
    y.pv = pv.data();
    add_years(y, path);
    for (double v : pv) CHECK(v == doctest::Approx(4.439).epsilon(1e-15));
  }
}
