// Survey scales: ScaleDefinition, score_scale, built-in scales, swemwbs_metric.
#include "bindings.hpp"
#include "register.hpp"
#include "impactchain/scale.hpp"

namespace impactchain::python {

void register_scale(py::module_& m) {
  py::class_<ScaleDefinition>(m, "ScaleDefinition", "A survey scale: items, item range, reverse keying, missing-item rule.")
      .def(py::init([](std::string id, std::vector<std::string> items, double item_min, double item_max,
                       std::vector<std::string> reverse_items, const std::string& scoring, int max_missing,
                       bool higher_is_better, std::string name, std::string conversion, std::string licence,
                       std::string licence_code, std::string source) {
             ScaleDefinition d;
             d.id = std::move(id);
             d.items = std::move(items);
             d.item_min = item_min;
             d.item_max = item_max;
             d.reverse_items = std::move(reverse_items);
             d.scoring = from_string<ScaleScoring>(scoring, "scale '" + d.id + "'.scoring");
             d.max_missing = max_missing;
             d.higher_is_better = higher_is_better;
             d.name = std::move(name);
             d.conversion = std::move(conversion);
             d.licence_code = std::move(licence_code);
             // a code alone gives its licence's text; a text alone is the scale's own
             d.licence = licence.empty() ? std::string(detail::scale_licence_text(d.licence_code)) : std::move(licence);
             d.source = std::move(source);
             d.validate();
             return d;
           }),
           "id"_a, "items"_a, py::kw_only(), "item_min"_a, "item_max"_a, "reverse_items"_a = std::vector<std::string>{},
           "scoring"_a = "sum", "max_missing"_a = 0, "higher_is_better"_a = true, "name"_a = "", "conversion"_a = "",
           "licence"_a = "", "licence_code"_a = "", "source"_a = "",
           "Parameters\n----------\nid : str\nitems : list of str\n    Item (column) names in order.\n"
           "item_min, item_max : float\n    Allowed response range of every item.\nreverse_items : list of str\n"
           "    Items rescored as item_min + item_max - x.\nscoring : {'sum', 'mean'}\nmax_missing : int\n"
           "    Respondents missing at most this many items are pro-rated; more -> missing score.\n"
           "conversion : {'', 'swemwbs_rasch'}\nlicence, source : str\nlicence_code : {'', 'warwick', 'ons_ogl'}\n"
           "    A built-in licence by its code (its text filled in, a report gives it in the reader's language);\n"
           "    '' for a licence given as text, shown as it is.")
      .def_readonly("id", &ScaleDefinition::id)
      .def_readonly("name", &ScaleDefinition::name)
      .def_readonly("items", &ScaleDefinition::items)
      .def_readonly("item_min", &ScaleDefinition::item_min)
      .def_readonly("item_max", &ScaleDefinition::item_max)
      .def_readonly("reverse_items", &ScaleDefinition::reverse_items)
      .def_property_readonly("scoring", [](const ScaleDefinition& d) { return std::string(to_string(d.scoring)); })
      .def_readonly("max_missing", &ScaleDefinition::max_missing)
      .def_readonly("higher_is_better", &ScaleDefinition::higher_is_better)
      .def_readonly("conversion", &ScaleDefinition::conversion)
      .def_readonly("licence", &ScaleDefinition::licence)
      .def_readonly("licence_code", &ScaleDefinition::licence_code,
                    "The licence's identity ('warwick', 'ons_ogl'; '' for a text of the scale's own): a report "
                    "gives a coded licence in its reader's language, any other text as it is.")
      .def_readonly("source", &ScaleDefinition::source)
      .def_property_readonly("score_range", &ScaleDefinition::score_range,
                             "(low, high) of a respondent's final score: the item range for a mean, k times it "
                             "for a sum.")
      .def("with_max_missing", [](const ScaleDefinition& d, int k) {
             ScaleDefinition c = d;
             c.max_missing = k;
             c.validate();
             return c;
           }, "max_missing"_a, "A copy allowing `max_missing` pro-rated items.")
      .def("__repr__", [](const ScaleDefinition& d) {
        return "ScaleDefinition(id='" + d.id + "', items=" + std::to_string(d.items.size()) + ", range=[" +
               detail::num(d.item_min) + ", " + detail::num(d.item_max) + "], scoring='" + to_string(d.scoring) +
               "', max_missing=" + std::to_string(d.max_missing) + ")";
      });

  py::class_<ScaleScores>(m, "ScaleScores", "Scores per respondent and what the missing-item rule did.")
      .def_readonly("score", &ScaleScores::score)
      .def_readonly("raw", &ScaleScores::raw)
      .def_readonly("n_missing", &ScaleScores::n_missing)
      .def_readonly("keyed", &ScaleScores::keyed,
                    "(n x k) the item scores the raw score is made of: each response as given, a reverse-keyed "
                    "item's as item_min + item_max - response; NaN = missing (not pro-rated).")
      .def_readonly("n_prorated", &ScaleScores::n_prorated)
      .def_readonly("n_missing_score", &ScaleScores::n_missing_score)
      .def_readonly("warnings", &ScaleScores::warnings);

  m.def("score_scale", &score_scale, "definition"_a, "responses"_a,
        "Scores an (n respondents x k items) float array, columns in definition.items order, NaN = missing.\n"
        "Responses outside the item range raise ValidationError naming row and item.");
  m.def("builtin_scale", &builtin_scale, "name"_a, "Built-in scale definition: see builtin_scale_names().");
  m.def("builtin_scale_names", &builtin_scale_names, "Names of the built-in scales.");
  m.def("swemwbs_metric", [](const Eigen::VectorXd& raw) { return swemwbs_metric(raw); }, "raw"_a,
        "SWEMWBS raw totals (integers 7-35; NaN passes through) -> Rasch metric scores\n"
        "(Stewart-Brown et al. 2009 conversion table).");
}

}  // namespace impactchain::python
