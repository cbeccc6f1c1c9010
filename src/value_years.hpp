// Private to src/: the years of one outcome over a chunk of draws, the innermost work of
// ValuePlan::totals_block, in vector lanes of the width the processor has.
#pragma once

#include <cstddef>

namespace impactchain::detail {

/// One outcome's years for m draws (arrays of m values unless said otherwise). Draw i counts
/// years t = 1 … T while dur[i] > t − 1; in year t its value is
/// impact[i]·w·keep·f, w = min(1, dur[i] − (t − 1)), added to pv[i] (and own[i] when own is not
/// null). keep starts at keep[i] and is multiplied by keep_rate[i] in each year t > 1 where
/// grow[t]; f starts at f[i] and, with an uncertain rate (`rate`), is multiplied by step[i] in
/// each year t > 1; with a fixed rate, years t > 1 take fixed_f[t] instead. grow and fixed_f have
/// T + 1 entries. The operations and their order are those of ValuePlan::totals for each draw.
struct OutcomeYears {
  std::size_t m = 0;
  int T = 0;
  bool rate = false;
  const char* grow = nullptr;
  const double* fixed_f = nullptr;
  const double *impact = nullptr, *dur = nullptr, *keep_rate = nullptr, *step = nullptr;
  const double *keep = nullptr, *f = nullptr;
  double* pv = nullptr;
  double* own = nullptr;
};

/// Which registers add_years uses: `best` the widest the processor has (AVX-512, AVX2, else
/// the baseline's); the others for the tests, which compare every path the processor has
/// (every path gives the same numbers: the same operations in each lane).
enum class YearsPath { best, avx512, avx2, baseline };
YearsPath years_best_path();

/// Adds the outcome's years to pv (and own), draws in groups of the registers' width, each
/// group's running sums, keep and f held in registers through all the years.
void add_years(const OutcomeYears& y, YearsPath path = YearsPath::best);

}  // namespace impactchain::detail
