// The plausibility lint against practice (practice.hpp).
#include "impactchain/practice.hpp"

#include "impactchain/model.hpp"

namespace impactchain::practice {

std::vector<Notice> lints(const Model& model) {
  std::vector<Notice> out;
  const bool filled = model.valuation.defaults == AdjustmentDefaults::practice;
  for (const auto& o : model.valuation.outcomes) {
    const auto who = text_param("outcome", o.id);
    const std::pair<const char*, const std::optional<Parameter>*> stated[] = {
        {"deadweight", &o.deadweight}, {"attribution", &o.attribution}, {"drop_off", &o.drop_off}};
    for (const auto& [name, p] : stated) {
      if (!*p) continue;
      const Figure& f = *figure(name);
      const double c = (*p)->central();
      if (c < f.p10 || c > f.p90)
        out.push_back(Notice("practice.outside_band",
                             {who, text_param("adjustment", name), real_param("value", c * 100),
                              real_param("p10", f.p10 * 100), real_param("p90", f.p90 * 100),
                              real_param("median", f.median * 100), int_param("reports", f.reports)}));
    }
    if (!filled && !o.deadweight && !o.displacement && !o.attribution && !o.drop_off)
      out.push_back(Notice("practice.no_adjustments", {who, real_param("share", kNoneShare * 100),
                                                       int_param("reports", kReports)}));
  }
  return out;
}

}  // namespace impactchain::practice
