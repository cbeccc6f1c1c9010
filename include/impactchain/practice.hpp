// What SROI practice reports for the adjustments, in one place: the figures of
// a content analysis of 383 SROI reports from the Social Value International
// database (Muñoz-Mora, Measuring Without Accounting, 2026 working paper). They serve a plausibility
// lint (lints()) and the opt-in `defaults: practice` of a model file
// (default_parameter()). The figures were extracted from the reports with
// language models: plausibility bands, not ground truth (docs/value.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "impactchain/notice.hpp"
#include "impactchain/parameter.hpp"

namespace impactchain {
struct Model;
}

namespace impactchain::practice {

inline constexpr const char* kSource =
    "Mu\u00f1oz-Mora, Measuring Without Accounting (2026 working paper): 383 SROI reports from the Social Value "
    "International database";
inline constexpr int kReports = 383;
/// Share of the reports that apply none of deadweight, displacement, attribution and drop-off.
inline constexpr double kNoneShare = 0.87;
/// Median discount rate of the reports that state one (n = 246); no p10–p90 is reported. Not a
/// default: a model without a discount keeps its currency's documented default (docs/value.md).
inline constexpr double kDiscountMedian = 0.035;
inline constexpr int kDiscountReports = 246;

/// One adjustment as practice states it: median and p10–p90 over the `reports` that state it,
/// and the distribution `defaults: practice` gives an outcome that does not: a beta on
/// [low, 1] whose p10, median and p90 are the reported ones (alpha, beta, low solved for
/// that; tests/python/test_practice.py solves them again with scipy).
struct Figure {
  const char* adjustment;  ///< deadweight, attribution or drop_off
  double median, p10, p90;
  int reports;
  double alpha, beta, low;
};

inline constexpr Figure kFigures[] = {
    {"deadweight", 0.20, 0.05, 0.50, 154, 1.0017800429423724, 3.42642966950892, 0.020188977305512994},
    {"attribution", 0.255, 0.10, 0.53, 216, 1.2134343573863215, 3.732864509052621, 0.05752651791203984},
    {"drop_off", 0.215, 0.10, 0.50, 90, 0.7747461621185131, 3.2506199567727845, 0.08628430402307473},
};

/// The figure of an adjustment, or nullptr (displacement and leakage have none).
inline const Figure* figure(std::string_view adjustment) {
  for (const auto& f : kFigures)
    if (adjustment == f.adjustment) return &f;
  return nullptr;
}

/// The uncertain Parameter `defaults: practice` fills an unstated adjustment with.
inline Parameter default_parameter(const Figure& f) { return Parameter::beta(f.alpha, f.beta, f.low, 1.0); }

/// The plausibility lint of a model's monetised outcomes against practice:
/// `practice.outside_band` where a stated deadweight, attribution or drop-off has its
/// central value outside the reported p10–p90 (the band's edges are inside), and
/// `practice.no_adjustments` where an outcome states none of deadweight, displacement,
/// attribution and drop-off (not under `defaults: practice`, which fills them).
std::vector<Notice> lints(const Model& model);

}  // namespace impactchain::practice
