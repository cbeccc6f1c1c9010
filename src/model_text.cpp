// Text fields given in several languages: which fields they are, a model in
// another of its languages, and their validation.
#include "model_text.hpp"

#include <algorithm>

#include "impactchain/detail/check.hpp"

namespace impactchain {
namespace detail {

void for_each_text_field(Model& m, const std::function<void(const std::string&, std::string&)>& f) {
  f("name", m.info.name);
  f("organisation", m.info.organisation);
  f("description", m.info.description);
  f("notes", m.info.notes);
  for (std::size_t i = 0; i < m.stakeholders.size(); ++i) {
    const std::string p = element("stakeholders", i);
    f(p + ".name", m.stakeholders[i].name);
    f(p + ".description", m.stakeholders[i].description);
  }
  for (std::size_t i = 0; i < m.indicators.size(); ++i) {
    const std::string p = element("indicators", i);
    f(p + ".name", m.indicators[i].name);
    f(p + ".unit", m.indicators[i].unit);
    f(p + ".source", m.indicators[i].source);
  }
  if (!m.chain.empty()) {  // the chain's nodes are its own: edit a copy and rebuild (ids and edges unchanged)
    std::vector<Node> nodes = m.chain.nodes();
    bool changed = false;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      const std::string p = "chain." + element("nodes", i);
      for (auto [key, field] : {std::pair{".name", &nodes[i].name}, std::pair{".unit", &nodes[i].unit}}) {
        const std::string before = *field;
        f(p + key, *field);
        changed = changed || *field != before;
      }
    }
    if (changed) m.chain = OutcomeChain(std::move(nodes), m.chain.edges());
  }
  auto& v = m.valuation;
  for (std::size_t i = 0; i < v.investments.size(); ++i)
    f(element("investments", i) + ".description", v.investments[i].description);
  for (std::size_t i = 0; i < v.outcomes.size(); ++i) {
    const std::string p = element("outcomes", i);
    auto& o = v.outcomes[i];
    f(p + ".name", o.name);
    if (o.proxy) f(p + ".proxy.source", o.proxy->source);
    if (o.wellbeing) f(p + ".wellbeing.source", o.wellbeing->source);
  }
  for (std::size_t i = 0; i < m.soft_outcomes.size(); ++i) {
    f(element("soft_outcomes", i) + ".name", m.soft_outcomes[i].name);
    if (m.soft_outcomes[i].own_scale) f(element("soft_outcomes", i) + ".scale.name", m.soft_outcomes[i].own_scale->name);
  }
}

namespace {

std::vector<std::string> text_field_paths(const Model& m) {
  std::vector<std::string> fields;
  Model copy = m;
  for_each_text_field(copy, [&](const std::string& p, std::string&) { fields.push_back(p); });
  return fields;
}

}  // namespace

void drop_texts_without_field(Model& m) {
  if (m.texts.empty()) return;
  const std::vector<std::string> fields = text_field_paths(m);
  for (auto it = m.texts.begin(); it != m.texts.end();) {
    if (std::find(fields.begin(), fields.end(), it->first) == fields.end())
      it = m.texts.erase(it);
    else
      ++it;
  }
}

std::vector<Issue> text_problems(const Model& m) {
  IssueList out;
  if (!m.info.language.empty() && !is_language_code(m.info.language))
    out.add("language", "language must be a code such as 'nl' or 'en' (two or three lower-case letters, optionally "
                        "a region as in 'en-GB'), got " + quote(m.info.language));
  if (m.texts.empty()) return out.issues();
  const std::vector<std::string> fields = text_field_paths(m);
  for (const auto& [path, texts] : m.texts) {
    if (std::find(fields.begin(), fields.end(), path) == fields.end())
      out.add(path, "no text field of the model is at this path, so its texts in several languages belong to nothing");
    if (texts.empty()) out.add(path, "a text in several languages needs at least one language");
    for (const auto& [lang, text] : texts)
      if (!is_language_code(lang))
        out.add(path + "." + lang, "expected a language code such as 'nl' or 'en', got " + quote(lang));
  }
  return out.issues();
}

}  // namespace detail

Model localised(const Model& model, const std::string& lang) {
  Model m = model;
  m.info.language = lang;
  detail::for_each_text_field(m, [&](const std::string& path, std::string& field) {
    auto it = m.texts.find(path);
    if (it != m.texts.end() && !it->second.empty()) field = text_in(it->second, lang);
  });
  return m;
}

std::vector<std::string> model_languages(const Model& model) {
  std::vector<std::string> out;
  auto add = [&](const std::string& l) {
    if (!l.empty() && std::find(out.begin(), out.end(), l) == out.end()) out.push_back(l);
  };
  add(model.info.language);
  const std::size_t first = out.size();
  for (const auto& [path, texts] : model.texts)
    for (const auto& [lang, text] : texts) add(lang);
  std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
  return out;
}

}  // namespace impactchain
