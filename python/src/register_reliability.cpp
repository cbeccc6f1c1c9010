// Reliability (Cronbach's alpha) and effect sizes.
#include "bindings.hpp"
#include "register.hpp"
#include "impactchain/effect_size.hpp"
#include "impactchain/reliability.hpp"

namespace impactchain::python {

void register_reliability(py::module_& m) {
  py::class_<AlphaResult>(m, "AlphaResult", "Cronbach's alpha with its Feldt CI and item statistics.")
      .def_readonly("alpha", &AlphaResult::alpha)
      .def_readonly("ci_low", &AlphaResult::ci_low)
      .def_readonly("ci_high", &AlphaResult::ci_high)
      .def_readonly("ci_level", &AlphaResult::ci_level)
      .def_readonly("ci_method", &AlphaResult::ci_method)
      .def_property_readonly("missing", [](const AlphaResult& r) { return std::string(to_string(r.missing)); })
      .def_readonly("n", &AlphaResult::n)
      .def_readonly("n_rows", &AlphaResult::n_rows)
      .def_readonly("n_items", &AlphaResult::n_items)
      .def_readonly("min_pair_n", &AlphaResult::min_pair_n)
      .def_readonly("items", &AlphaResult::items)
      .def_readonly("alpha_if_dropped", &AlphaResult::alpha_if_dropped)
      .def_readonly("item_total_r", &AlphaResult::item_total_r)
      .def_readonly("item_rest_r", &AlphaResult::item_rest_r)
      .def_readonly("covariance", &AlphaResult::covariance)
      .def_readonly("warnings", &AlphaResult::warnings);

  m.def("cronbach_alpha",
        [](const Eigen::MatrixXd& items, const std::string& missing, double ci_level, std::vector<std::string> names) {
          return cronbach_alpha(items, from_string<MissingPolicy>(missing), ci_level, std::move(names));
        },
        "items"_a, py::kw_only(), "missing"_a = "pairwise", "ci_level"_a = 0.95, "names"_a = std::vector<std::string>{},
        "Cronbach's alpha of an (n respondents x k items) float array, NaN = missing.\n\n"
        "missing : {'pairwise', 'listwise'}\n    pairwise: covariances from pairwise-complete rows (R psych, pandas);\n"
        "    listwise: complete rows only.\nci_level : float in (0, 1)\n    Feldt (1965) interval.");

  py::class_<EffectSize>(m, "EffectSize", "A standardised effect size with its convention and CI.")
      .def_readonly("value", &EffectSize::value)
      .def_property_readonly("kind", [](const EffectSize& e) { return std::string(to_string(e.kind)); })
      .def_readonly("convention", &EffectSize::convention)
      .def_readonly("ci_low", &EffectSize::ci_low)
      .def_readonly("ci_high", &EffectSize::ci_high)
      .def_readonly("ci_level", &EffectSize::ci_level)
      .def_readonly("ci_method", &EffectSize::ci_method)
      .def_readonly("se", &EffectSize::se)
      .def_readonly("paired", &EffectSize::paired)
      .def_readonly("n_a", &EffectSize::n_a)
      .def_readonly("n_b", &EffectSize::n_b)
      .def_readonly("n_dropped", &EffectSize::n_dropped)
      .def_readonly("mean_a", &EffectSize::mean_a)
      .def_readonly("mean_b", &EffectSize::mean_b)
      .def_readonly("sd_a", &EffectSize::sd_a)
      .def_readonly("sd_b", &EffectSize::sd_b)
      .def_readonly("r", &EffectSize::r)
      .def_readonly("warnings", &EffectSize::warnings);

  m.def("effect_size",
        [](const Eigen::VectorXd& a, const Eigen::VectorXd& b, const std::string& kind, double ci_level,
           const std::pair<std::string, std::string>& names, const std::string& design) {
          return effect_size(a, b, from_string<EffectSizeKind>(kind), ci_level, EffectSizeNames{names.first, names.second},
                             from_string<EffectSizeDesign>(design));
        },
        "a"_a, "b"_a, py::kw_only(), "kind"_a = "d", "ci_level"_a = 0.95, "names"_a = std::pair<std::string, std::string>{"a", "b"},
        "design"_a = "independent",
        "Effect size of a versus b (positive when mean(a) > mean(b)); NaN dropped and counted; errors name a and b as\n"
        "names does (('post', 'pre'), ('treatment', 'control')).\n\n"
        "kind : {'d', 'g', 'dz', 'dav'}\n    d: Cohen's d, pooled SD; g: Hedges' g; dz: paired, SD of differences;\n"
        "    dav: paired, sqrt of the mean of the two variances.\n"
        "design : {'independent', 'paired'}\n    paired: a and b are the same people measured twice (dz and dav always\n"
        "    are): d and g take the paired interval (Borenstein et al. 2009 eq 4.28), incomplete pairs dropped.");
}

}  // namespace impactchain::python
