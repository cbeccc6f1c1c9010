// Distance travelled: paired pre/post change per person and per group, effect size
// (convention named), reliable change index and bootstrap CI of the mean change.
#pragma once

#include "impactchain/detail/eigen.hpp"

#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "impactchain/bootstrap.hpp"
#include "impactchain/cancel.hpp"
#include "impactchain/defaults.hpp"
#include "impactchain/detail/check.hpp"
#include "impactchain/detail/stats.hpp"
#include "impactchain/effect_size.hpp"
#include "impactchain/error.hpp"
#include "impactchain/notice.hpp"

namespace impactchain {

struct ChangeOptions {
  EffectSizeKind kind = EffectSizeKind::dz;
  double ci_level = defaults::level;  ///< of the effect size's and the bootstrap's intervals
  bool higher_is_better = true;
  /// Reliability r_xx of the measure for the RCI (e.g. Cronbach's alpha or a published
  /// test-retest value). NaN = RCI not computed (reported in warnings).
  double reliability = std::numeric_limits<double>::quiet_NaN();
  /// SD of pre scores for the RCI; NaN = SD of all pre scores in the data (reported).
  double sd_pre = std::numeric_limits<double>::quiet_NaN();
  double rci_threshold = 1.96;
  /// Bootstrap CI of the mean change; resamples = 0 skips it.
  int resamples = 2000;
  std::uint64_t seed = defaults::seed;
  int threads = static_cast<int>(defaults::threads);  ///< 0 = all hardware threads
  BootstrapCi method = BootstrapCi::bca;
  /// Asked from the calling thread between groups, while grouping people and
  /// inside each group's bootstrap (at most every 20 ms); true stops the call
  /// with Cancelled. Not kept in the result's options.
  CancelHook cancelled;
};

struct GroupChange {
  std::string group;
  int n = 0;              ///< people with both pre and post
  int n_incomplete = 0;   ///< people missing pre or post (not used, counted)
  double mean_pre = 0, mean_post = 0, mean_change = 0, sd_change = 0;
  EffectSize effect;      ///< effect_size(post, pre, kind): positive = scores went up
  bool has_bootstrap = false;
  BootstrapResult change_ci;
  bool has_rci = false;
  int n_improved = 0, n_deteriorated = 0, n_unchanged = 0;
  double share_improved = 0, share_deteriorated = 0, share_unchanged = 0;
};

struct DistanceTravelled {
  Eigen::VectorXd change;  ///< post - pre per person (NaN where either is missing)
  Eigen::VectorXd rci;     ///< reliable change index per person (empty without reliability)
  std::vector<GroupChange> groups;  ///< "all" first, then each group in order of first appearance
  double reliability = std::numeric_limits<double>::quiet_NaN();
  double sd_pre = std::numeric_limits<double>::quiet_NaN();
  double se_difference = std::numeric_limits<double>::quiet_NaN();  ///< SD_pre * sqrt(2) * sqrt(1 - r_xx)
  ChangeOptions options;
  std::vector<Notice> warnings;
};

/// Paired change post - pre. RCI (Jacobson & Truax 1991): (post - pre) / (SD_pre sqrt(2) sqrt(1 - r_xx));
/// |RCI| > threshold is reliable, and improvement is RCI > threshold when higher_is_better
/// (RCI < -threshold otherwise). groups: one label per person, or empty for one group; a person
/// whose label is empty ("") is in no group but counted in "all" (a respondent whose group is not
/// known: in one survey file only, the group column in the other).
inline DistanceTravelled distance_travelled(const Eigen::Ref<const Eigen::VectorXd>& pre,
                                            const Eigen::Ref<const Eigen::VectorXd>& post,
                                            const std::vector<std::string>& groups = {},
                                            const ChangeOptions& opt = {}) {
  const Eigen::Index n = pre.size();
  detail::IssueList issues;
  if (post.size() != n)
    issues.add("post", "has " + std::to_string(post.size()) + " values, pre has " + std::to_string(n));
  if (!groups.empty() && static_cast<Eigen::Index>(groups.size()) != n)
    issues.add("groups", "has " + std::to_string(groups.size()) + " labels for " + std::to_string(n) + " people");
  // "all" names everyone together (the first group of the result): a group of that name would be a second "all".
  for (std::size_t i = 0; i < groups.size(); ++i)
    if (groups[i] == "all") {
      issues.add("groups[" + std::to_string(i) + "]",
                 "'all' is the name of everyone together; give this group another label");
      break;
    }
  if (!std::isnan(opt.reliability)) detail::check_open_unit_interval(issues, "reliability", "", opt.reliability);
  if (!std::isnan(opt.sd_pre)) detail::check_positive(issues, "sd_pre", "", opt.sd_pre);
  detail::check_positive(issues, "rci_threshold", "", opt.rci_threshold);
  if (opt.resamples != 0 && opt.resamples < 100) issues.add("resamples", "must be 0 (no bootstrap) or >= 100, got " + std::to_string(opt.resamples));
  issues.throw_if_any();
  for (Eigen::Index i = 0; i < n; ++i) {
    if (std::isinf(pre[i])) issues.add("pre[" + std::to_string(i) + "]", "is infinite");
    if (std::isinf(post[i])) issues.add("post[" + std::to_string(i) + "]", "is infinite");
  }
  issues.throw_if_any();

  detail::CancelPoll poll(&opt.cancelled);
  DistanceTravelled out;
  out.options = opt;
  out.options.cancelled = nullptr;
  out.change = post - pre;
  out.reliability = opt.reliability;
  const bool rci_on = !std::isnan(opt.reliability);
  if (rci_on) {
    if (!std::isnan(opt.sd_pre)) {
      out.sd_pre = opt.sd_pre;
    } else {
      std::vector<double> v;
      for (Eigen::Index i = 0; i < n; ++i)
        if (!std::isnan(pre[i])) v.push_back(pre[i]);
      const auto c = v.size();
      if (c < 2) throw ValidationError("pre", "need at least 2 pre scores for the SD used by the RCI");
      double m;
      detail::mean_sd(v, m, out.sd_pre);
      if (!(out.sd_pre > 0)) throw ValidationError("pre", "all pre scores are equal: the RCI is undefined (give sd_pre)");
      out.warnings.push_back(Notice("change.rci_sample_sd", {int_param("count", c), real_param("sd", out.sd_pre)}));
    }
    out.se_difference = out.sd_pre * std::sqrt(2.0) * std::sqrt(1 - opt.reliability);
    out.rci = out.change / out.se_difference;
  } else {
    out.warnings.push_back(Notice("change.no_reliability", {}));
  }

  std::vector<std::string> labels{"all"};
  std::map<std::string, std::size_t> index;
  std::vector<std::vector<Eigen::Index>> members(1);
  for (Eigen::Index i = 0; i < n; ++i) members[0].push_back(i);
  if (!groups.empty()) {
    for (Eigen::Index i = 0; i < n; ++i) {
      if ((i & 4095) == 0) poll();
      const auto& g = groups[static_cast<std::size_t>(i)];
      if (g.empty()) continue;  // in "all" only
      auto it = index.find(g);
      if (it == index.end()) {
        it = index.emplace(g, labels.size()).first;
        labels.push_back(g);
        members.emplace_back();
      }
      members[it->second].push_back(i);
    }
  }
  for (std::size_t gi = 0; gi < labels.size(); ++gi) {
    poll();
    GroupChange g;
    g.group = labels[gi];
    std::vector<double> a, b, d, rc;
    for (auto i : members[gi]) {
      if (std::isnan(pre[i]) || std::isnan(post[i])) { ++g.n_incomplete; continue; }
      b.push_back(pre[i]);
      a.push_back(post[i]);
      d.push_back(post[i] - pre[i]);
      if (rci_on) rc.push_back(out.rci[i]);
    }
    g.n = static_cast<int>(a.size());
    if (g.n_incomplete)
      out.warnings.push_back(Notice("change.incomplete", {text_param("group", g.group), int_param("count", g.n_incomplete)}));
    const double nan = std::numeric_limits<double>::quiet_NaN();
    // An effect size that is not defined: NaN with its interval, never a 0 that reads as "no effect".
    auto no_effect = [&] {
      g.effect.kind = opt.kind;
      g.effect.convention = effect_size_convention(opt.kind);
      g.effect.value = g.effect.ci_low = g.effect.ci_high = g.effect.se = nan;
      g.effect.ci_level = opt.ci_level;
      g.effect.paired = opt.kind == EffectSizeKind::dz || opt.kind == EffectSizeKind::dav;
      g.effect.n_a = g.effect.n_b = g.n;
    };
    if (g.n < 2) {
      // One pair has its means (and no spread); none has neither.
      g.mean_pre = g.n == 1 ? b[0] : nan;
      g.mean_post = g.n == 1 ? a[0] : nan;
      g.mean_change = g.n == 1 ? d[0] : nan;
      g.sd_change = nan;
      no_effect();
      out.warnings.push_back(Notice("change.too_few_pairs", {text_param("group", g.group), int_param("count", g.n)}));
      out.groups.push_back(g);
      continue;
    }
    const Eigen::Map<const Eigen::VectorXd> ea(a.data(), g.n), eb(b.data(), g.n), ed(d.data(), g.n);
    g.mean_pre = detail::mean(b);
    g.mean_post = detail::mean(a);
    detail::mean_sd(d, g.mean_change, g.sd_change);
    try {
      g.effect = effect_size(ea, eb, opt.kind, opt.ci_level, {"post", "pre"}, EffectSizeDesign::paired);
    } catch (const ValidationError&) {
      // With n >= 2 finite pairs the one refusal left is a spread of 0 to divide by (everyone
      // changed by the same amount, or every score is the same): the effect size is not defined,
      // the mean change and its interval are.
      no_effect();
      out.warnings.push_back(Notice("change.effect_size_undefined",
                                    {text_param("group", g.group), text_param("kind", std::string(to_string(opt.kind)))}));
    }
    for (const auto& w : g.effect.warnings)  // said of the group too: a group's interval that is not there
      if (w.code == "effect_size.dav_perfect_correlation")
        out.warnings.push_back(Notice("change.dav_perfect_correlation", {text_param("group", g.group), *w.param("kind"),
                                                                         *w.param("pairs"), *w.param("r")}));
    if (opt.resamples > 0) {
      BootstrapOptions bo;
      bo.resamples = opt.resamples;
      bo.seed = opt.seed;
      bo.stream = static_cast<std::uint32_t>(gi);
      bo.threads = opt.threads;
      bo.level = opt.ci_level;
      bo.method = opt.method;
      bo.cancelled = opt.cancelled;
      g.change_ci = bootstrap_mean(ed, bo);
      g.has_bootstrap = true;
    }
    if (rci_on) {
      g.has_rci = true;
      for (double v : rc) {
        const double s = opt.higher_is_better ? v : -v;
        if (s > opt.rci_threshold) ++g.n_improved;
        else if (s < -opt.rci_threshold) ++g.n_deteriorated;
        else ++g.n_unchanged;
      }
      g.share_improved = static_cast<double>(g.n_improved) / g.n;
      g.share_deteriorated = static_cast<double>(g.n_deteriorated) / g.n;
      g.share_unchanged = static_cast<double>(g.n_unchanged) / g.n;
    }
    out.groups.push_back(g);
  }
  return out;
}

}  // namespace impactchain
