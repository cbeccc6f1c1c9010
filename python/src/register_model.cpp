// Model and the model-file functions.
#include "bindings.hpp"
#include "register.hpp"

#include <filesystem>
#include <optional>

#include "impactchain/io.hpp"
#include "impactchain/limits.hpp"
#include "impactchain/model.hpp"

namespace impactchain::python {

namespace {
// A section in model-file form, each text in the model's language (to_dict keeps every language).
py::object section(const Model& m, const char* key) {
  Model one = m;
  one.texts.clear();
  py::dict d = json_loads(io::dump(one)).cast<py::dict>();
  return d.contains(key) ? py::object(d[key]) : py::object(py::list());
}
}  // namespace

void register_model(py::module_& m) {
  py::class_<Model> model(m, "Model", R"doc(
One intervention or organisation: metadata, stakeholders, indicators, the
outcome chain, monetised outcomes (Value Map), investments, discounting and
soft outcomes. Load with ``impactchain.load(path)`` or ``Model.from_dict(d)``.
)doc");
  model.def_property_readonly("name", [](const Model& x) { return x.info.name; })
      .def_property_readonly("organisation", [](const Model& x) { return x.info.organisation; })
      .def_property_readonly("description", [](const Model& x) { return x.info.description; })
      .def_property_readonly("period", [](const Model& x) -> py::object {
        if (!x.info.period_start) return py::none();
        return py::make_tuple(*x.info.period_start, x.info.period_end.value_or(*x.info.period_start));
      }, "(first year, last year) of the activity period, or None.")
      .def_property_readonly("currency", [](const Model& x) { return x.info.currency; })
      .def_property_readonly("price_year", [](const Model& x) { return x.info.price_year; })
      .def_property_readonly("role", [](const Model& x) { return x.info.role; }, "'intervention' or 'comparator'.")
      .def_property_readonly("notes", [](const Model& x) { return x.info.notes; })
      .def_property_readonly("language", [](const Model& x) -> py::object {
        return x.info.language.empty() ? py::none() : py::object(py::str(x.info.language));
      }, "Language of the model's own text (the file's `language:`), or None when not given.")
      .def_property_readonly("languages", &model_languages,
                             "Languages the model's text is given in: `language` first, then every other language "
                             "of a text given in several languages, alphabetically.")
      .def_property_readonly("texts", [](const Model& x) {
        py::dict out;
        for (const auto& [path, texts] : x.texts) {
          py::dict by_lang;
          for (const auto& [lang, text] : texts) by_lang[py::str(lang)] = text;
          out[py::str(path)] = by_lang;
        }
        return out;
      }, "Text fields given in several languages: {path in the model file: {language: text}}, e.g. "
         "{'outcomes[0].name': {'nl': 'Werk', 'en': 'Work'}}.")
      .def("localised", [](const Model& x, const std::string& lang) { return localised(x, lang); }, "lang"_a,
           "The same model with `lang` as its language: each text given in several languages in `lang` (else in "
           "the same language of another region, else English, else the first given); nothing is dropped.")
      .def_readonly("stakeholders", &Model::stakeholders)
      .def_readonly("indicators", &Model::indicators)
      .def_readonly("chain", &Model::chain)
      .def_property_readonly("outcomes", [](const Model& x) { return section(x, "outcomes"); },
                             "Monetised outcomes (Value Map rows) in model-file form, each text in the model's language.")
      .def_property_readonly("investments", [](const Model& x) { return section(x, "investments"); })
      .def_property_readonly("soft_outcomes", [](const Model& x) { return section(x, "soft_outcomes"); })
      .def_property_readonly("read_warnings", &Model::read_warning_texts,
                             "Plausibility warnings from reading the model file, as 'path (line L, column C): "
                             "message' (e.g. an amount written 150.000, read as 150). value() and simulate() "
                             "repeat them; they are not part of the model (not in to_json or pickles).")
      .def_property_readonly("source_path", [](const Model& x) -> py::object {
        return x.source_path.empty() ? py::none() : py::object(py::str(x.source_path));
      }, "Absolute path of the file the model was read from (data paths are relative to its folder), or None.")
      .def("to_json", [](const Model& x, int indent) { return io::dump_model(x, indent); }, "indent"_a = 2,
           "The model as model-file JSON text.")
      .def("__repr__", [](const Model& x) {
        return "Model.from_dict(" + py::repr(json_loads(io::dump(x))).cast<std::string>() + ")";
      });
  def_value_semantics<Model>(model);

  m.def(
      "plain_json",
      [](const std::string& text, const std::string& format) {
        const io::Format f = from_string<io::Format>(format);
        py::gil_scoped_release release;
        return io::plain_json(text, f);
      },
      "text"_a, "format"_a = "yaml", R"doc(
A document that accompanies model files (a portfolio, a file of actuals) as plain JSON
text, read by the model files' parser under the same rules and limits; raises
ValidationError with the line and column of the first problem.
)doc");
  m.def(
      "plain_document",
      [](const std::string& text, const std::string& format) {
        const io::Format f = from_string<io::Format>(format);
        io::PlainDocument d;
        {
          py::gil_scoped_release release;
          d = io::plain_document(text, f);
        }
        return py::make_tuple(d.json, d.warnings);
      },
      "text"_a, "format"_a = "yaml", R"doc(
plain_json's text and a notice (model.dotted_thousands: path, line, column, written, read,
plain) for every number written like 150.000 (read as 150 with a decimal point), in file order.
)doc");
  m.def(
      "field_positions",
      [](const std::string& text, const std::string& format, const std::vector<std::string>& fields) {
        const io::Format f = from_string<io::Format>(format);
        std::vector<io::FieldPosition> at;
        {
          py::gil_scoped_release release;
          at = io::field_positions(text, f, fields);
        }
        py::list out;
        for (const auto& p : at) out.append(p.line ? py::object(py::make_tuple(p.line, p.column)) : py::object(py::none()));
        return out;
      },
      "text"_a, "format"_a, "fields"_a, R"doc(
Where each of ``fields`` (``outcomes[1]``, ``soft_outcomes[0].data``) is in ``text``, read by the
model files' parser: (line, column), 1-based, as the loader places a problem at that field; for a
field the text does not hold, the longest part of it that it holds; None where nothing is known.
Raises ValidationError for text the parser refuses.
)doc");
  m.def(
      "parse_model",
      [](const std::string& text, const std::string& format, const std::string& source_path) {
        const io::Format f = from_string<io::Format>(format);
        py::gil_scoped_release release;
        const std::string base_dir =
            source_path.empty() ? std::string() : std::filesystem::path(source_path).parent_path().string();
        Model model = io::parse_model(text, f, io::Limits{}, base_dir);
        model.source_path = source_path;
        return model;
      },
      "text"_a, "format"_a = "json", "source_path"_a = "", R"doc(
Parses and validates model-file text (``str`` or UTF-8 ``bytes``) in the
given format ('json' or 'yaml'); raises ValidationError listing every
problem, with its line and column in the text. ``source_path`` names the
file the text was read from (the model's ``source_path``; data paths and a
``price_index`` file are relative to its folder; without it a price-index file
is read from the working directory).
)doc");
  m.def(
      "load_model",
      [](const std::string& path, const std::optional<std::string>& format) {
        const std::optional<io::Format> f = format ? std::optional<io::Format>(from_string<io::Format>(*format)) : std::nullopt;
        py::gil_scoped_release release;
        return io::load_model(path, f);
      },
      "path"_a, "format"_a = py::none(),
      "Reads a YAML or JSON model file (format from the extension unless given); use impactchain.load.");
  m.def(
      "load_model_json", [](const std::string& path) { return io::load_model(path, io::Format::json); }, "path"_a,
      "Reads a JSON model file (use impactchain.load for YAML too).");
  m.def(
      "text_in",
      [](const std::vector<std::pair<std::string, std::string>>& texts, const std::string& lang) {
        if (texts.empty()) throw std::invalid_argument("text_in: give at least one (language, text) pair");
        return text_in(texts, lang);
      },
      "texts"_a, "lang"_a,
      "The text of a field in `lang` from its (language, text) pairs in file order: that language, else the "
      "same language of another region, else English, else the first given (the loader's rule).");
  const io::Limits limits;
  py::dict lim;
  lim["max_file_bytes"] = limits.max_file_bytes;
  lim["max_depth"] = limits.max_depth;
  lim["max_aliases"] = limits.max_aliases;
  lim["max_values"] = limits.max_values;
  lim["max_string_bytes"] = limits.max_string_bytes;
  lim["max_integer"] = limits.max_integer;
  m.attr("model_file_limits") = lim;
  m.attr("model_schema_version") = model_schema_version;
  // The years a model file's calendar years (period, price year) must lie in.
  m.attr("calendar_years") = py::make_tuple(kMinCalendarYear, kMaxCalendarYear);
}

}  // namespace impactchain::python
