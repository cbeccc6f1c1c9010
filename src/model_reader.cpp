// Typed, path-tracking access into the document tree for the model loader.
#include "model_reader.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <tuple>

#include "doc_builder.hpp"
#include "impactchain/detail/suggest.hpp"
#include "model_reader_hints.hpp"

namespace impactchain::io::detail {

namespace {
std::string doc_excerpt(const std::string& s) { return doc::excerpt(s); }
}  // namespace

std::string type_name(Ref j, bool amount_number) {
  switch (j.kind()) {
    case doc::Kind::null: return "null";
    case doc::Kind::map: return "a mapping";
    case doc::Kind::seq: return "a list";
    case doc::Kind::string: {
      const std::string plain = from_dutch_notation(j.str());
      if (!plain.empty())
        return "the text '" + doc::excerpt(j.str()) + "' (numbers take no thousands separators and a decimal point: write " +
               plain + ")";
      const std::string share = percent_as_share(j.str());
      if (!share.empty())
        return "the text '" + doc::excerpt(j.str()) + "' (a share is written as a number: " + doc::excerpt(j.str()) +
               " is " + share + ")";
      if (const auto amount = plain_amount(j.str()))
        return "the text " + impactchain::detail::quote(doc::excerpt(j.str())) + ": write an amount as a plain number" +
               (amount->empty() || !amount_number ? std::string() : ": " + *amount);
      const std::string alone = number_with_words(j.str());
      if (!alone.empty())
        return "the text " + impactchain::detail::quote(doc::excerpt(j.str())) + " (write the number alone: " + alone +
               "; a note goes after a # in YAML)";
      return "a string";
    }
    case doc::Kind::boolean: return "a boolean";
    case doc::Kind::number: return "a number";
  }
  return "an unsupported value";
}

bool Reader::object(Ref j, const std::string& path, const std::vector<std::string>& known) {
  if (!j.is_map()) {
    error(path, "expected a mapping, got " + type_name(j));
    return false;
  }
  const auto& entries = j.entries();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const doc::Entry& e = entries[i];
    bool ok = false;
    for (const auto& k : known) ok = ok || e.key == k;
    if (!ok) {
      std::string msg = "unknown key " + impactchain::detail::quote(doc_excerpt(e.key)) + impactchain::detail::did_you_mean(e.key, known);
      // {amount: 0,35} in a flow mapping reads as amount: 0 and a key 35 without a value.
      const bool digits =
          !e.key.empty() && e.key.size() <= 20 && e.key.find_first_not_of("0123456789") == std::string::npos;
      const Ref before = i > 0 && j.value(e).is_null() ? j.value(entries[i - 1]) : Ref();
      // A value that the comma of a flow mapping cut short: {amount: € 12,50} reads as amount: € 12 and a key
      // 50; {amount: € 150.000,-} and {amount: 150.000,-} read as the amount and a key -. Its text as written.
      const bool dash = e.key == "-" || e.key == "--";
      std::string cut_text;
      if (before && before.is_string() && (digits || dash) && plain_amount(before.str()))
        cut_text = before.str();
      else if (before && dash && before.dotted_thousands())
        cut_text = before.str();
      else if (before && dash && before.is_integer())
        cut_text = std::to_string(before.integer());
      const auto cut_amount = cut_text.empty() ? std::nullopt : plain_amount(cut_text + "," + e.key);
      if (const std::string comma = i > 0 ? decimal_comma_key(entries[i - 1].key, before, e.key) : std::string();
          !comma.empty()) {
        msg += comma;
      } else if (cut_amount) {
        const std::string written = cut_text + "," + e.key;
        msg += " (after " + entries[i - 1].key + ": " + impactchain::detail::quote(doc_excerpt(cut_text)) + "; " +
               impactchain::detail::quote(doc_excerpt(written)) +
               " was cut at its comma: write an amount as a plain number" +
               (cut_amount->empty() ? std::string() : ": " + *cut_amount) + ")";
        cut_by_comma.push_back(join(path, entries[i - 1].key));
      } else if (impactchain::detail::nearest(e.key, known).empty()) {
        msg += "; known keys: ";
        for (std::size_t i = 0; i < known.size(); ++i) msg += (i ? ", " : "") + known[i];
      }
      error(join(path, e.key), msg);
    }
  }
  return true;
}

std::string Reader::str(Ref obj, const std::string& path, const char* key, bool required) {
  Ref it = obj.find(key);
  if (!it || it.is_null()) {
    if (required) error(join(path, key), std::string("required key '") + key + "' is missing");
    return {};
  }
  if (it.is_string()) return it.str();
  if (it.is_integer()) return std::to_string(it.integer());  // ids like 2024 written bare
  error(join(path, key), "expected a string, got " + type_name(it));
  return {};
}

std::string Reader::text(Ref obj, const std::string& path, const char* key, bool required) {
  Ref it = obj.find(key);
  if (!it || !it.is_map()) return str(obj, path, key, required);
  const std::string p = join(path, key);
  LanguageTexts given;
  for (const auto& e : it.entries()) {
    const std::string lp = join(p, e.key);
    if (!is_language_code(e.key)) {
      error(lp, "expected a language code such as nl or en (two or three lower-case letters, optionally a region "
                "as in en-GB) for a text in several languages, got '" + doc_excerpt(e.key) + "'");
      continue;
    }
    Ref v = it.value(e);
    if (!v.is_string()) {
      error(lp, "expected a string, got " + type_name(v));
      continue;
    }
    given.emplace_back(e.key, v.str());
  }
  if (given.empty()) {
    if (it.entries().empty())
      error(p, "expected a string or a mapping of language: text (e.g. {nl: ..., en: ...}), got an empty mapping");
    return {};
  }
  texts[p] = given;
  return text_in(given, language);
}

std::optional<double> Reader::number(Ref obj, const std::string& path, const char* key, bool required) {
  Ref it = obj.find(key);
  if (!it || it.is_null()) {
    if (required) error(join(path, key), std::string("required key '") + key + "' is missing");
    return std::nullopt;
  }
  if (!it.is_number()) {
    error(join(path, key), "expected a number, got " + type_name(it));
    return std::nullopt;
  }
  const double v = it.number();
  if (!std::isfinite(v)) {
    error(join(path, key), "expected a finite number");
    return std::nullopt;
  }
  return v;
}

std::optional<int> Reader::integer(Ref obj, const std::string& path, const char* key, bool required) {
  auto v = number(obj, path, key, required);
  if (!v) return std::nullopt;
  if (std::floor(*v) != *v || std::fabs(*v) > 1e9) {
    error(join(path, key), "expected a whole number, got " + impactchain::detail::num(*v));
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

std::optional<Parameter> Reader::param(Ref obj, const std::string& path, const char* key, bool required) {
  Ref it = obj.find(key);
  if (!it || it.is_null()) {
    if (required) error(join(path, key), std::string("required key '") + key + "' is missing");
    return std::nullopt;
  }
  return param_value(it, join(path, key));
}

void Reader::amounts(Ref j, const std::string& path, bool is_money) {
  if (!j) return;
  if (is_money && j.dotted_thousands()) {
    const std::string& w = j.str();
    std::string plain;
    for (char c : w)
      if (c != '.') plain += c;
    warnings.push_back(Warning{path, "model.dotted_thousands",
                               {text_param("written", w), real_param("read", j.number()), text_param("plain", plain)}});
    return;
  }
  if (j.is_number() && std::isfinite(j.number()) && std::fabs(j.number()) > implausible_magnitude) {
    warnings.push_back(Warning{path, "model.implausible_magnitude", {text_param("value", impactchain::detail::num(j.number()))}});
    return;
  }
  if (j.is_seq()) {
    for (std::size_t i = 0; i < j.size(); ++i) amounts(j[i], path + "[" + std::to_string(i) + "]", is_money);
  } else if (j.is_map()) {
    // Amounts of a distribution; not its shape, log-scale or probability parameters.
    static const std::vector<std::string> not_money = {"meanlog", "sdlog", "alpha", "beta", "lambda", "p",
                                                       "probabilities", "weights"};
    for (const auto& e : j.entries())
      if (std::find(not_money.begin(), not_money.end(), e.key) == not_money.end())
        amounts(j.value(e), join(path, e.key), is_money);
  }
}

namespace {

// A function's static: see top_keys() in model_read.cpp.
const std::vector<std::string>& distributions() {
  static const std::vector<std::string> names = {"fixed",     "uniform", "triangular", "pert",     "normal",
                                                 "lognormal", "beta",    "discrete",   "empirical"};
  return names;
}

// Positional or named arguments: returns the values for `names` (NaN where
// absent), recording problems; `needed` is how many leading names are required.
std::optional<std::vector<double>> args_of(Reader& r, Ref a, const std::string& path,
                                           const std::vector<std::string>& names, std::size_t needed) {
  std::vector<double> out(names.size(), std::nan(""));
  if (a.is_seq()) {
    if (a.size() < needed || a.size() > names.size()) {
      std::string list;
      for (std::size_t i = 0; i < names.size(); ++i) list += (i ? ", " : "") + names[i];
      r.error(path, "expected " + std::to_string(needed) +
                        (names.size() > needed ? " to " + std::to_string(names.size()) : "") + " numbers [" + list +
                        "], got " + std::to_string(a.size()) + decimal_commas(a, needed, names.size()));
      return std::nullopt;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!a[i].is_number()) {
        r.error(path + "[" + std::to_string(i) + "]", "expected a number for " + names[i] + ", got " + type_name(a[i]));
        return std::nullopt;
      }
      out[i] = a[i].number();
    }
    return out;
  }
  if (a.is_map()) {
    if (!r.object(a, path, names)) return std::nullopt;
    bool ok = true;
    for (std::size_t i = 0; i < names.size(); ++i) {
      auto v = r.number(a, path, names[i].c_str(), i < needed);
      if (v) out[i] = *v;
      else if (i < needed) ok = false;
    }
    return ok ? std::optional<std::vector<double>>(out) : std::nullopt;
  }
  r.error(path, "expected a list or mapping of numbers, got " + param_type_name(a));
  return std::nullopt;
}

double or_default(double v, double d) { return std::isnan(v) ? d : v; }

}  // namespace

std::optional<Parameter> Reader::param_value(Ref j, const std::string& path) {
  if (j.is_number()) {
    const double v = j.number();
    if (!std::isfinite(v)) {
      error(path, "expected a finite number");
      return std::nullopt;
    }
    return Parameter(v);
  }
  if (!j.is_map() || j.size() != 1) {
    // A text cut at a flow mapping's comma gets the number to write where the comma is named (object).
    const bool cut = std::find(cut_by_comma.begin(), cut_by_comma.end(), path) != cut_by_comma.end();
    error(path, std::string("expected a number or a one-key mapping naming a distribution (e.g. ") + example_for(path) +
                    "), got " +
                    (j.is_map() ? "a mapping with " + std::to_string(j.size()) + " keys" : param_type_name(j, !cut)));
    return std::nullopt;
  }
  const std::string dist = j.entries()[0].key;
  Ref a = j.value(j.entries()[0]);
  const std::string p = join(path, dist);
  // A list of a count that fits but read wrongly: {beta: [2,5, 5,5]} is alpha 2, beta 5, low 5, high 5. When
  // the distribution refuses what it read, the decimal commas are said after its reason (so are those of
  // discrete weights, with their count).
  std::string hint;
  bool count_fits = false;
  for (const auto& [name, least, most] : {std::tuple<const char*, std::size_t, std::size_t>{"uniform", 2, 2},
                                          {"triangular", 3, 3},
                                          {"pert", 3, 4},
                                          {"normal", 2, 4},
                                          {"lognormal", 2, 2},
                                          {"beta", 2, 4}})
    if (dist == name && a.is_seq()) {
      hint = decimal_commas(a, least, most);
      count_fits = a.size() >= least && a.size() <= most;
    }
  // A count that fits may be accepted: {normal: [0,5, 0,1]} would be mean 0, sd 5, bounds [0, 1]. Written in
  // pairs with decimal commas, it is refused (as are discrete values, and weights of the values' count); a count
  // that does not fit is refused with the hint above.
  const auto decimal_pairs = [&](Ref list, const std::string& lp) {
    if (!written_with_decimal_commas(list)) return false;
    std::string read;
    for (std::size_t i = 0; i < list.size(); ++i) read += (i ? ", " : "") + integer_text(list[i]);
    std::string meant = decimal_commas(list, 1, list.size());  // " (decimal commas? write [0.5, 0.1])"
    meant.pop_back();
    error(lp, "the list " + list_as_written(list) + " reads as " + std::to_string(list.size()) + " numbers: " + read +
                  meant + "; for " + std::to_string(list.size()) + " numbers, put a space after every comma: [" + read +
                  "])");
    return true;
  };
  const bool discrete = dist == "discrete" || dist == "empirical";
  if (a.is_seq() && (count_fits || discrete) && decimal_pairs(a, p)) return std::nullopt;
  if (a.is_map() && discrete) {
    const Ref values = a.find("values"), weights = a.find("weights");
    bool refused = values && values.is_seq() && decimal_pairs(values, join(p, "values"));
    if (weights && weights.is_seq() && (!values || !values.is_seq() || weights.size() == values.size()))
      refused = decimal_pairs(weights, join(p, "weights")) || refused;
    if (refused) return std::nullopt;
  }
  try {
    if (dist == "fixed") {
      if (!a.is_number()) return error(p, "expected a number, got " + type_name(a)), std::nullopt;
      return Parameter(a.number());
    }
    if (dist == "uniform") {
      auto v = args_of(*this, a, p, {"low", "high"}, 2);
      return v ? std::optional<Parameter>(Parameter::uniform((*v)[0], (*v)[1])) : std::nullopt;
    }
    if (dist == "triangular") {
      auto v = args_of(*this, a, p, {"low", "mode", "high"}, 3);
      return v ? std::optional<Parameter>(Parameter::triangular((*v)[0], (*v)[1], (*v)[2])) : std::nullopt;
    }
    if (dist == "pert") {
      auto v = args_of(*this, a, p, {"low", "mode", "high", "lambda"}, 3);
      return v ? std::optional<Parameter>(Parameter::pert((*v)[0], (*v)[1], (*v)[2], or_default((*v)[3], 4.0)))
               : std::nullopt;
    }
    if (dist == "normal") {
      auto v = args_of(*this, a, p, {"mean", "sd", "lower", "upper"}, 2);
      return v ? std::optional<Parameter>(Parameter::normal((*v)[0], (*v)[1], or_default((*v)[2], -Parameter::inf),
                                                            or_default((*v)[3], Parameter::inf)))
               : std::nullopt;
    }
    if (dist == "lognormal") {
      if (a.is_map() && (a.contains("mean") || a.contains("sd"))) {
        auto v = args_of(*this, a, p, {"mean", "sd"}, 2);
        return v ? std::optional<Parameter>(Parameter::lognormal_from_moments((*v)[0], (*v)[1])) : std::nullopt;
      }
      auto v = args_of(*this, a, p, {"meanlog", "sdlog"}, 2);
      return v ? std::optional<Parameter>(Parameter::lognormal((*v)[0], (*v)[1])) : std::nullopt;
    }
    if (dist == "beta") {
      auto v = args_of(*this, a, p, {"alpha", "beta", "low", "high"}, 2);
      return v ? std::optional<Parameter>(Parameter::beta((*v)[0], (*v)[1], or_default((*v)[2], 0.0), or_default((*v)[3], 1.0)))
               : std::nullopt;
    }
    if (dist == "discrete" || dist == "empirical") {
      std::vector<double> values, weights;
      auto numbers = [&](Ref arr, const std::string& ap, std::vector<double>& dst) {
        if (!arr.is_seq()) return error(ap, "expected a list of numbers, got " + type_name(arr)), false;
        for (std::size_t i = 0; i < arr.size(); ++i) {
          if (!arr[i].is_number())
            return error(ap + "[" + std::to_string(i) + "]", "expected a number, got " + type_name(arr[i])), false;
          dst.push_back(arr[i].number());
        }
        return true;
      };
      if (a.is_seq()) {
        if (!numbers(a, p, values)) return std::nullopt;
      } else if (a.is_map()) {
        if (!object(a, p, {"values", "weights"})) return std::nullopt;
        if (!a.contains("values")) return error(join(p, "values"), "required key 'values' is missing"), std::nullopt;
        if (!numbers(a.find("values"), join(p, "values"), values)) return std::nullopt;
        if (a.contains("weights") && !numbers(a.find("weights"), join(p, "weights"), weights)) return std::nullopt;
      } else {
        return error(p, "expected a list of values or {values: [...], weights: [...]}, got " + type_name(a)), std::nullopt;
      }
      if (!weights.empty() && weights.size() == 2 * values.size())
        hint = decimal_commas(a.find("weights"), values.size(), values.size());
      return Parameter::discrete(values, weights);  // refuses the count of weights first
    }
  } catch (const ValidationError& e) {
    // Parameter::discrete words its refusals for "discrete"; an empirical distribution is named as written.
    for (const auto& i : e.issues())
      error(p, (dist == "empirical" && i.message.rfind("discrete ", 0) == 0 ? "empirical" + i.message.substr(8)
                                                                            : i.message) +
                   hint);
    return std::nullopt;
  }
  error(path, "unknown distribution '" + dist + "'" + impactchain::detail::did_you_mean(dist, distributions()) +
                  "; known: fixed, uniform, triangular, pert, normal, lognormal, beta, discrete, empirical");
  return std::nullopt;
}

void Reader::list(Ref obj, const std::string& path, const char* key,
                  const std::function<void(Ref, const std::string&)>& f, bool required) {
  Ref it = obj.find(key);
  const std::string p = join(path, key);
  if (!it || it.is_null()) {
    if (required) error(p, std::string("required key '") + key + "' is missing");
    return;
  }
  if (!it.is_seq()) {
    error(p, "expected a list, got " + type_name(it));
    return;
  }
  for (std::size_t i = 0; i < it.size(); ++i) f(it[i], p + "[" + std::to_string(i) + "]");
}


}  // namespace impactchain::io::detail
