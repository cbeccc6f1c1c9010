// A C++ tool that works on numbers it holds itself, without a model file: ICERs of three
// strategies, a probabilistic comparison over draws the tool owns (PsaDraws only points at them),
// an effect size and Cronbach's alpha of survey answers, and a discount factor.
//   compare_soft
#include <impactchain/discount.hpp>
#include <impactchain/effect_size.hpp>
#include <impactchain/icer.hpp>
#include <impactchain/psa.hpp>
#include <impactchain/reliability.hpp>

#include <cmath>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

namespace ic = impactchain;

int main() {
  try {
    // Deterministic: the efficiency frontier, dampack's conventions (money per unit of effect).
    const ic::IcerTable t = ic::icers({"usual care", "coaching", "workshop"}, {5000, 12000, 10000}, {1.0, 1.5, 2.0});
    for (const ic::IcerRow& r : t.rows) {
      std::printf("%-10s %-2s", r.strategy.c_str(), ic::to_string(r.status));
      if (r.icer) std::printf("  ICER %.0f per unit of effect", *r.icer);  // empty: first on the frontier, D, ED
      std::printf("  %s\n", r.note.text.c_str());                           // why (empty on an ND row with an ICER)
    }
    try {
      t.at("coching");  // a lookup by name: std::invalid_argument, not ValidationError
    } catch (const std::invalid_argument& e) {
      std::printf("lookup: %s\n", e.what());
    }

    // Under uncertainty: draws × strategies, row-major, in vectors this program owns. PsaDraws
    // borrows them (raw pointers): they must outlive every call that is given `d`.
    const std::size_t draws = 1000, strategies = 2;
    std::vector<double> cost(draws * strategies), effect(draws * strategies);
    for (std::size_t i = 0; i < draws; ++i) {
      const double u = (static_cast<double>(i) + 0.5) / static_cast<double>(draws);  // a fixed grid, not random
      cost[i * strategies + 0] = 5000;  // strategy 0 in draw i
      effect[i * strategies + 0] = 1.0;
      cost[i * strategies + 1] = 9000 + 2000 * u;
      effect[i * strategies + 1] = 1.2 + 0.4 * std::sin(6.28 * u);
    }
    const ic::PsaDraws d{cost.data(), effect.data(), draws, strategies, {"usual care", "coaching"}};
    const ic::PsaSummary s = ic::psa_summary(d);
    const ic::Acceptability a = ic::acceptability(d, s, {0, 20000, 50000});
    for (std::size_t w = 0; w < a.wtp.size(); ++w)
      std::printf("wtp %6.0f: P(coaching best) %.3f, EVPI %.2f\n", a.wtp[w], a.ceac[w * strategies + 1], a.evpi[w]);

    // Soft outcomes: change post − pre as a paired effect size; alpha of 4 respondents × 3 items.
    const Eigen::VectorXd pre = (Eigen::VectorXd(6) << 20, 22, 19, 25, 21, 18).finished();
    const Eigen::VectorXd post = (Eigen::VectorXd(6) << 23, 24, 19, 28, 25, 20).finished();
    const ic::EffectSize es = ic::effect_size(post, pre, ic::EffectSizeKind::dz, 0.95, {"post", "pre"});
    std::printf("d_z %.3f, 95%% CI [%.3f, %.3f] (%s)\n", es.value, es.ci_low, es.ci_high, es.convention.c_str());
    Eigen::MatrixXd items(4, 3);
    items << 3, 4, 3, 2, 2, 3, 4, 5, 4, 1, 2, 2;
    const ic::AlphaResult alpha = ic::cronbach_alpha(items, ic::MissingPolicy::listwise);
    std::printf("Cronbach's alpha %.3f (%d respondents, %d items)\n", alpha.alpha, alpha.n, alpha.n_items);

    // Discounting: the Dutch 2.25 % over 10 years. Rates are fractions (0.0225), never percentages.
    const ic::DiscountSchedule nl = ic::DiscountSchedule::nl_2021();
    std::printf("%s: D_10 = %.6f\n", nl.describe().c_str(), nl.factor(10));
  } catch (const ic::ValidationError& e) {  // bad input: every problem at once
    for (const ic::Issue& i : e.issues()) std::fprintf(stderr, "%s: %s\n", i.path.c_str(), i.message.c_str());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  return 0;
}
