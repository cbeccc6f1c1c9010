// Writing model files: the model-file form of each type, keys in file order.
#include "model_json.hpp"

namespace impactchain::io::detail {

static void put_if(json& j, const char* key, const std::string& v) {
  if (!v.empty()) j[key] = v;
}
static void put_if(json& j, const char* key, const std::optional<Parameter>& v) {
  if (v) j[key] = parameter_to_json(*v);
}
static void put_if(json& j, const char* key, const std::optional<int>& v) {
  if (v) j[key] = *v;
}

json to_json(const Stakeholder& s) {
  json j = {{"id", s.id}};
  put_if(j, "name", s.name);
  put_if(j, "description", s.description);
  return j;
}

json to_json(const Indicator& i) {
  json j = {{"id", i.id}};
  put_if(j, "name", i.name);
  j["unit"] = i.unit;
  j["kind"] = to_string(i.kind);
  j["direction"] = to_string(i.direction);
  if (i.scale) j["scale"] = {{"min", i.scale->min}, {"max", i.scale->max}};
  put_if(j, "stakeholder", i.stakeholder);
  put_if(j, "source", i.source);
  put_if(j, "catalogue", i.catalogue);
  return j;
}

json to_json(const Node& n) {
  json j = {{"id", n.id}};
  put_if(j, "name", n.name);
  j["level"] = to_string(n.level);
  put_if(j, "quantity", n.quantity);
  put_if(j, "unit", n.unit);
  put_if(j, "indicator", n.indicator);
  return j;
}

json to_json(const Edge& e) {
  json j = {{"from", e.from}, {"to", e.to}};
  put_if(j, "rate", e.rate);
  return j;
}

json to_json(const OutcomeChain& c) {
  json j = {{"nodes", json::array()}, {"edges", json::array()}};
  for (const auto& n : c.nodes()) j["nodes"].push_back(to_json(n));
  for (const auto& e : c.edges()) j["edges"].push_back(to_json(e));
  return j;
}

static json to_json(const MonetisedOutcome& o) {
  json j = {{"id", o.id}};
  put_if(j, "name", o.name);
  put_if(j, "node", o.node);
  put_if(j, "quantity", o.quantity);
  put_if(j, "stakeholder", o.stakeholder);
  if (!o.beneficiaries.empty()) {
    json b = json::object();
    for (const auto& [id, share] : o.beneficiaries) b[id] = share;
    j["beneficiaries"] = b;
  }
  if (o.proxy) {
    json p = {{"value", parameter_to_json(o.proxy->value)}};
    put_if(p, "currency", o.proxy->currency);
    put_if(p, "price_year", o.proxy->price_year);
    put_if(p, "source", o.proxy->source);
    put_if(p, "licence", o.proxy->licence);
    j["proxy"] = p;
  }
  if (o.wellbeing) {
    json w = {{"life_satisfaction_change", parameter_to_json(o.wellbeing->life_satisfaction_change)}};
    put_if(w, "value_per_wellby", o.wellbeing->value_per_wellby);
    put_if(w, "currency", o.wellbeing->currency);
    put_if(w, "price_year", o.wellbeing->price_year);
    put_if(w, "source", o.wellbeing->source);
    j["wellbeing"] = w;
  }
  put_if(j, "deadweight", o.deadweight);
  put_if(j, "displacement", o.displacement);
  put_if(j, "attribution", o.attribution);
  put_if(j, "drop_off", o.drop_off);
  put_if(j, "leakage", o.leakage);
  put_if(j, "duration", o.duration);
  if (o.start != OutcomeStart::during) j["start"] = to_string(o.start);
  return j;
}

/// The JSON value at a path as the loader names fields ("outcomes[0].proxy.source"), the last key
/// created when its object exists (an empty text is not written otherwise); null when absent.
static json* at_path(json& j, const std::string& path) {
  json* node = &j;
  std::size_t i = 0;
  while (i < path.size() && node) {
    const std::size_t end = path.find_first_of(".[", i);
    const std::string key = path.substr(i, end == std::string::npos ? std::string::npos : end - i);
    const bool last = end == std::string::npos;
    node = node->is_object() && (last || node->contains(key)) ? &(*node)[key] : nullptr;
    i = end == std::string::npos ? path.size() : end;
    while (node && i < path.size() && path[i] == '[') {
      const std::size_t close = path.find(']', i);
      const std::size_t k = std::stoul(path.substr(i + 1, close - i - 1));
      node = node->is_array() && k < node->size() ? &(*node)[k] : nullptr;
      i = close + 1;
    }
    if (i < path.size() && path[i] == '.') ++i;
  }
  return node;
}

json to_json(const Model& m) {
  json j;
  j["impactchain"] = model_schema_version;
  put_if(j, "language", m.info.language);
  j["name"] = m.info.name;
  put_if(j, "organisation", m.info.organisation);
  put_if(j, "description", m.info.description);
  if (m.info.period_start) {
    j["period"] = {{"start", *m.info.period_start}};
    if (m.info.period_end) j["period"]["end"] = *m.info.period_end;
  }
  put_if(j, "currency", m.info.currency);
  put_if(j, "price_year", m.info.price_year);
  if (m.info.role != "intervention") j["role"] = m.info.role;
  put_if(j, "notes", m.info.notes);
  if (!m.stakeholders.empty())
    for (const auto& s : m.stakeholders) j["stakeholders"].push_back(to_json(s));
  if (!m.indicators.empty())
    for (const auto& i : m.indicators) j["indicators"].push_back(to_json(i));
  if (!m.chain.empty()) j["chain"] = to_json(m.chain);
  const auto& v = m.valuation;
  if (v.discount) {
    json d = json::object();
    put_if(d, "rate", v.discount->rate);
    put_if(d, "schedule", v.discount->schedule);
    if (!v.discount->rates.empty()) d["rates"] = v.discount->rates;
    for (const auto& b : v.discount->bands) {
      json bj = {{"from", b.from}, {"rate", b.rate}};
      put_if(bj, "to", b.to);
      d["bands"].push_back(bj);
    }
    j["discount"] = d;
  }
  for (const auto& inv : v.investments) {
    json ij = {{"funder", inv.funder}};
    if (inv.kind != InvestmentKind::cash) ij["kind"] = to_string(inv.kind);
    if (inv.kind == InvestmentKind::volunteer_time) {
      put_if(ij, "hours", inv.hours);
      put_if(ij, "hourly_value", inv.hourly_value);
    } else {
      ij["amount"] = parameter_to_json(inv.amount);
    }
    ij["year"] = inv.year;
    put_if(ij, "currency", inv.currency);
    put_if(ij, "price_year", inv.price_year);
    put_if(ij, "description", inv.description);
    j["investments"].push_back(ij);
  }
  for (const auto& o : v.outcomes) j["outcomes"].push_back(to_json(o));
  if (!v.price_index.empty() || v.price_index_source) {
    json pi = json::object();
    for (const auto& [year, value] : v.price_index) pi[std::to_string(year)] = value;
    if (const auto& src = v.price_index_source) {  // the file and what was read from it: loads without the file
      json sj = {{"file", src->file}, {"series", src->series}};
      put_if(sj, "retrieved", src->retrieved);
      put_if(sj, "file_date", src->file_date);
      put_if(sj, "base", src->base);
      if (!src->provisional.empty()) sj["provisional"] = src->provisional;
      sj["index"] = pi;
      pi = sj;
    }
    j["price_index"] = pi;
  }
  if (v.defaults != AdjustmentDefaults::none) j["defaults"] = to_string(v.defaults);
  for (const auto& s : m.soft_outcomes) {
    json sj = {{"id", s.id}};
    put_if(sj, "name", s.name);
    put_if(sj, "indicator", s.indicator);
    put_if(sj, "scale", s.scale);
    if (s.own_scale) {
      const SoftScale& sc = *s.own_scale;
      json scj = {{"id", sc.id}};
      put_if(scj, "name", sc.name);
      scj["items"] = sc.items;
      if (sc.item_min) scj["item_min"] = *sc.item_min;
      if (sc.item_max) scj["item_max"] = *sc.item_max;
      if (!sc.reverse_items.empty()) scj["reverse_items"] = sc.reverse_items;
      put_if(scj, "scoring", sc.scoring);
      sj["scale"] = scj;
    }
    put_if(sj, "data", s.data);
    put_if(sj, "data_post", s.data_post);
    if (!s.skip_rows.empty()) sj["skip_rows"] = s.skip_rows;
    if (s.header_row) sj["header_row"] = *s.header_row;
    if (s.wave) sj["wave"] = json{{"column", s.wave->column}, {"pre", s.wave->pre}, {"post", s.wave->post}};
    if (s.pre_items.empty()) put_if(sj, "pre", s.pre);
    else sj["pre"] = s.pre_items;
    if (s.post_items.empty()) put_if(sj, "post", s.post);
    else sj["post"] = s.post_items;
    put_if(sj, "group", s.group);
    if (!s.group_names.empty()) {
      json gj = json::object();
      for (const auto& [lang, named] : s.group_names) {
        json lj = json::object();
        for (const auto& [label, name] : named) lj[label] = name;
        gj[lang] = lj;
      }
      sj["group_names"] = gj;
    }
    put_if(sj, "stakeholder", s.stakeholder);
    if (s.reliability) sj["reliability"] = *s.reliability;
    put_if(sj, "id_column", s.id_column);
    if (!s.missing.empty()) sj["missing"] = s.missing;
    if (!s.answers.empty()) {
      json aj = json::object();
      for (const auto& [label, number] : s.answers) aj[label] = number;
      sj["answers"] = aj;
    }
    put_if(sj, "effect_size", s.effect_size);
    put_if(sj, "sheet", s.sheet);
    if (s.sheet_index) sj["sheet"] = *s.sheet_index;
    if (!s.csv.empty()) {
      json cj = json::object();
      put_if(cj, "sep", s.csv.sep);
      put_if(cj, "decimal", s.csv.decimal);
      put_if(cj, "encoding", s.csv.encoding);
      sj["csv"] = cj;
    }
    if (s.max_missing) sj["max_missing"] = *s.max_missing;
    if (s.sd_pre) sj["sd_pre"] = *s.sd_pre;
    if (s.higher_is_better) sj["higher_is_better"] = *s.higher_is_better;
    if (s.resamples) sj["resamples"] = *s.resamples;
    if (s.seed) sj["seed"] = *s.seed;
    put_if(sj, "method", s.method);
    if (s.level) sj["level"] = *s.level;
    j["soft_outcomes"].push_back(sj);
  }
  // Text fields given in several languages, written as the mapping they were given as.
  for (const auto& [path, texts] : m.texts) {
    if (json* field = at_path(j, path)) {
      json given = json::object();
      for (const auto& [lang, text] : texts) given[lang] = text;
      *field = given;
    }
  }
  return j;
}

}  // namespace impactchain::io::detail
