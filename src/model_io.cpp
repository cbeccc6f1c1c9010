// Model files (JSON): reading with every problem reported at once, and writing.
#include <fstream>
#include <sstream>

#include "impactchain/io.hpp"
#include "json_reader.hpp"

namespace impactchain::io {

using detail::json;
using detail::parameter_to_json;
using detail::Reader;

namespace {

const std::vector<std::string> kTopKeys = {
    "impactchain", "name",       "organisation", "description", "period",      "currency",
    "price_year",  "role",       "notes",        "stakeholders", "indicators", "chain",
    "discount",    "investments", "outcomes",    "price_index", "soft_outcomes"};

template <class E>
std::optional<E> enum_of(Reader& r, const json& obj, const std::string& path, const char* key,
                         const std::vector<std::pair<std::string, E>>& names, bool required) {
  const std::string s = r.str(obj, path, key, required);
  if (s.empty()) return std::nullopt;
  std::vector<std::string> known;
  for (const auto& [n, e] : names) {
    if (n == s) return e;
    known.push_back(n);
  }
  std::string list;
  for (std::size_t i = 0; i < known.size(); ++i) list += (i ? ", " : "") + known[i];
  r.error(Reader::join(path, key), "expected one of " + list + ", got '" + s + "'" +
                                       impactchain::detail::did_you_mean(s, known));
  return std::nullopt;
}

const std::vector<std::pair<std::string, Level>> kLevels = {{"input", Level::input},     {"activity", Level::activity},
                                                            {"output", Level::output},   {"outcome", Level::outcome},
                                                            {"impact", Level::impact}};

Stakeholder read_stakeholder(Reader& r, const json& j, const std::string& p) {
  Stakeholder s;
  if (j.is_string()) {
    s.id = s.name = j.get<std::string>();
    return s;
  }
  if (!r.object(j, p, {"id", "name", "description"})) return s;
  s.id = r.str(j, p, "id", true);
  s.name = r.str(j, p, "name");
  if (s.name.empty()) s.name = s.id;
  s.description = r.str(j, p, "description");
  return s;
}

Indicator read_indicator(Reader& r, const json& j, const std::string& p) {
  Indicator i;
  if (!r.object(j, p, {"id", "name", "unit", "kind", "direction", "scale", "stakeholder", "source", "catalogue"}))
    return i;
  i.id = r.str(j, p, "id", true);
  i.name = r.str(j, p, "name");
  if (i.name.empty()) i.name = i.id;
  i.unit = r.str(j, p, "unit", true);
  if (auto k = enum_of<IndicatorKind>(r, j, p, "kind", {{"hard", IndicatorKind::hard}, {"soft", IndicatorKind::soft}}, true))
    i.kind = *k;
  if (auto d = enum_of<Direction>(r, j, p, "direction", {{"higher", Direction::higher}, {"lower", Direction::lower}}, false))
    i.direction = *d;
  if (j.contains("scale")) {
    const json& s = j["scale"];
    const std::string sp = Reader::join(p, "scale");
    if (s.is_array() && s.size() == 2 && s[0].is_number() && s[1].is_number()) {
      i.scale = ScaleBounds{s[0].get<double>(), s[1].get<double>()};
    } else if (s.is_object() && r.object(s, sp, {"min", "max"})) {
      auto lo = r.number(s, sp, "min", true), hi = r.number(s, sp, "max", true);
      if (lo && hi) i.scale = ScaleBounds{*lo, *hi};
    } else if (!s.is_object()) {
      r.error(sp, "expected [min, max] or {min: .., max: ..}, got " + detail::type_name(s));
    }
  }
  i.stakeholder = r.str(j, p, "stakeholder");
  i.source = r.str(j, p, "source");
  i.catalogue = r.str(j, p, "catalogue");
  return i;
}

Node read_node(Reader& r, const json& j, const std::string& p) {
  Node n;
  if (!r.object(j, p, {"id", "name", "level", "quantity", "unit", "indicator"})) return n;
  n.id = r.str(j, p, "id", true);
  n.name = r.str(j, p, "name");
  if (n.name.empty()) n.name = n.id;
  if (auto l = enum_of<Level>(r, j, p, "level", kLevels, true)) n.level = *l;
  n.quantity = r.param(j, p, "quantity");
  n.unit = r.str(j, p, "unit");
  n.indicator = r.str(j, p, "indicator");
  return n;
}

Edge read_edge(Reader& r, const json& j, const std::string& p) {
  Edge e;
  if (!r.object(j, p, {"from", "to", "rate"})) return e;
  e.from = r.str(j, p, "from", true);
  e.to = r.str(j, p, "to", true);
  e.rate = r.param(j, p, "rate");
  return e;
}

std::optional<OutcomeChain> read_chain(Reader& r, const json& j, const std::string& p) {
  if (!r.object(j, p, {"nodes", "edges"})) return std::nullopt;
  std::vector<Node> nodes;
  std::vector<Edge> edges;
  const std::size_t before = r.issues.issues().size();
  r.list(j, p, "nodes", [&](const json& x, const std::string& xp) { nodes.push_back(read_node(r, x, xp)); }, true);
  r.list(j, p, "edges", [&](const json& x, const std::string& xp) { edges.push_back(read_edge(r, x, xp)); });
  auto problems = OutcomeChain::problems(nodes, edges);
  r.issues.append(problems, p);
  if (!problems.empty() || r.issues.issues().size() != before) return std::nullopt;
  return OutcomeChain(std::move(nodes), std::move(edges));
}

void read_money_fields(Reader& r, const json& j, const std::string& p, std::string& currency,
                       std::optional<int>& price_year, std::string& source) {
  currency = r.str(j, p, "currency");
  price_year = r.integer(j, p, "price_year");
  source = r.str(j, p, "source");
}

MonetisedOutcome read_outcome(Reader& r, const json& j, const std::string& p) {
  MonetisedOutcome o;
  if (!r.object(j, p, {"id", "name", "node", "quantity", "stakeholder", "proxy", "wellbeing", "deadweight",
                       "displacement", "attribution", "drop_off", "duration", "start"}))
    return o;
  o.id = r.str(j, p, "id", true);
  o.name = r.str(j, p, "name");
  if (o.name.empty()) o.name = o.id;
  o.node = r.str(j, p, "node");
  o.quantity = r.param(j, p, "quantity");
  o.stakeholder = r.str(j, p, "stakeholder");
  if (j.contains("proxy")) {
    const std::string pp = Reader::join(p, "proxy");
    const json& x = j["proxy"];
    if (r.object(x, pp, {"value", "currency", "price_year", "source", "licence"})) {
      Proxy px;
      if (auto v = r.param(x, pp, "value", true)) px.value = *v;
      read_money_fields(r, x, pp, px.currency, px.price_year, px.source);
      if (px.currency.empty()) r.error(Reader::join(pp, "currency"), "outcome '" + o.id + "': proxy currency is missing (e.g. currency: EUR)");
      px.licence = r.str(x, pp, "licence");
      o.proxy = px;
    }
  }
  if (j.contains("wellbeing")) {
    const std::string wp = Reader::join(p, "wellbeing");
    const json& x = j["wellbeing"];
    if (r.object(x, wp, {"life_satisfaction_change", "value_per_wellby", "currency", "price_year", "source"})) {
      WellbeingValuation w;
      if (auto v = r.param(x, wp, "life_satisfaction_change", true)) w.life_satisfaction_change = *v;
      w.value_per_wellby = r.param(x, wp, "value_per_wellby");
      read_money_fields(r, x, wp, w.currency, w.price_year, w.source);
      o.wellbeing = w;
    }
  }
  o.deadweight = r.param(j, p, "deadweight");
  o.displacement = r.param(j, p, "displacement");
  o.attribution = r.param(j, p, "attribution");
  o.drop_off = r.param(j, p, "drop_off");
  o.duration = r.param(j, p, "duration");
  if (auto s = enum_of<OutcomeStart>(r, j, p, "start", {{"during", OutcomeStart::during}, {"after", OutcomeStart::after}}, false))
    o.start = *s;
  return o;
}

std::optional<Discount> read_discount(Reader& r, const json& j, const std::string& p) {
  if (!r.object(j, p, {"rate", "schedule", "rates", "bands"})) return std::nullopt;
  Discount d;
  d.rate = r.param(j, p, "rate");
  d.schedule = r.str(j, p, "schedule");
  r.list(j, p, "rates", [&](const json& x, const std::string& xp) {
    if (x.is_number()) d.rates.push_back(x.get<double>());
    else r.error(xp, "expected a number, got " + detail::type_name(x));
  });
  r.list(j, p, "bands", [&](const json& x, const std::string& xp) {
    if (!r.object(x, xp, {"from", "to", "rate"})) return;
    DiscountBand b;
    if (auto f = r.integer(x, xp, "from", true)) b.from = *f;
    b.to = r.integer(x, xp, "to");
    if (auto v = r.number(x, xp, "rate", true)) b.rate = *v;
    d.bands.push_back(b);
  });
  return d;
}

Investment read_investment(Reader& r, const json& j, const std::string& p) {
  Investment inv;
  if (!r.object(j, p, {"funder", "amount", "year", "currency", "price_year", "description"})) return inv;
  inv.funder = r.str(j, p, "funder", true);
  if (auto a = r.param(j, p, "amount", true)) inv.amount = *a;
  inv.year = r.integer(j, p, "year").value_or(0);
  inv.currency = r.str(j, p, "currency");
  inv.price_year = r.integer(j, p, "price_year");
  inv.description = r.str(j, p, "description");
  return inv;
}

SoftOutcome read_soft(Reader& r, const json& j, const std::string& p) {
  SoftOutcome s;
  if (!r.object(j, p, {"id", "name", "indicator", "scale", "data", "pre", "post", "group", "stakeholder", "reliability",
                       "id_column", "effect_size"}))
    return s;
  s.id = r.str(j, p, "id", true);
  s.name = r.str(j, p, "name");
  if (s.name.empty()) s.name = s.id;
  s.indicator = r.str(j, p, "indicator");
  s.scale = r.str(j, p, "scale");
  s.data = r.str(j, p, "data", true);
  s.pre = r.str(j, p, "pre", true);
  s.post = r.str(j, p, "post", true);
  s.group = r.str(j, p, "group");
  s.stakeholder = r.str(j, p, "stakeholder");
  if (auto v = r.number(j, p, "reliability")) s.reliability = *v;
  s.id_column = r.str(j, p, "id_column");
  s.effect_size = r.str(j, p, "effect_size");
  return s;
}

json parse_text(const std::string& text) {
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    // Byte offset → line and column for the message.
    std::size_t line = 1, col = 1;
    for (std::size_t i = 0; i + 1 < e.byte && i < text.size(); ++i) {
      if (text[i] == '\n') ++line, col = 1;
      else ++col;
    }
    std::string what = e.what();
    const auto cut = what.find("syntax error");
    throw ValidationError("", "line " + std::to_string(line) + ", column " + std::to_string(col) + ": " +
                                  (cut == std::string::npos ? what : what.substr(cut)));
  } catch (const json::exception& e) {
    // e.g. out_of_range.406: a number such as 1e999 that does not fit a double.
    std::string what = e.what();
    const auto cut = what.find("] ");
    throw ValidationError("", "the file could not be read: " + (cut == std::string::npos ? what : what.substr(cut + 2)));
  }
}

Model read_model(Reader& r, const json& j) {
  Model m;
  if (!r.object(j, "", kTopKeys)) return m;
  if (auto v = r.integer(j, "", "impactchain")) {
    if (*v < 1 || *v > model_schema_version)
      r.error("impactchain", "model file schema version " + std::to_string(*v) + " is not supported (this impactchain reads 1.." +
                                 std::to_string(model_schema_version) + ")");
  }
  m.info.name = r.str(j, "", "name", true);
  m.info.organisation = r.str(j, "", "organisation");
  m.info.description = r.str(j, "", "description");
  if (j.contains("period")) {
    const json& pj = j["period"];
    if (pj.is_number_integer()) {
      m.info.period_start = m.info.period_end = pj.get<int>();
    } else if (r.object(pj, "period", {"start", "end"})) {
      m.info.period_start = r.integer(pj, "period", "start", true);
      m.info.period_end = r.integer(pj, "period", "end");
      if (!m.info.period_end) m.info.period_end = m.info.period_start;
    }
  }
  m.info.currency = r.str(j, "", "currency");
  m.info.price_year = r.integer(j, "", "price_year");
  const std::string role = r.str(j, "", "role");
  if (!role.empty()) m.info.role = role;
  m.info.notes = r.str(j, "", "notes");
  r.list(j, "", "stakeholders", [&](const json& x, const std::string& p) { m.stakeholders.push_back(read_stakeholder(r, x, p)); });
  r.list(j, "", "indicators", [&](const json& x, const std::string& p) { m.indicators.push_back(read_indicator(r, x, p)); });
  bool chain_ok = true;
  if (j.contains("chain")) {
    auto c = read_chain(r, j["chain"], "chain");
    if (c) m.chain = std::move(*c);
    else chain_ok = false;
  }
  if (j.contains("discount")) m.valuation.discount = read_discount(r, j["discount"], "discount");
  r.list(j, "", "investments", [&](const json& x, const std::string& p) { m.valuation.investments.push_back(read_investment(r, x, p)); });
  r.list(j, "", "outcomes", [&](const json& x, const std::string& p) { m.valuation.outcomes.push_back(read_outcome(r, x, p)); });
  if (j.contains("price_index")) {
    const json& pi = j["price_index"];
    if (!pi.is_object()) {
      r.error("price_index", "expected a mapping of year: index, got " + detail::type_name(pi));
    } else {
      for (auto it = pi.begin(); it != pi.end(); ++it) {
        const std::string path = "price_index." + it.key();
        char* end = nullptr;
        const long year = std::strtol(it.key().c_str(), &end, 10);
        if (it.key().empty() || *end != '\0') {
          r.error(path, "price_index keys must be years, got '" + it.key() + "'");
          continue;
        }
        if (!it->is_number()) {
          r.error(path, "expected a number, got " + detail::type_name(*it));
          continue;
        }
        m.valuation.price_index[static_cast<int>(year)] = it->get<double>();
      }
    }
  }
  r.list(j, "", "soft_outcomes", [&](const json& x, const std::string& p) { m.soft_outcomes.push_back(read_soft(r, x, p)); });
  // Cross-references; references into a chain that failed to load are not judged.
  for (const auto& issue : m.problems())
    if (chain_ok || issue.path.size() < 5 || issue.path.compare(issue.path.size() - 5, 5, ".node") != 0)
      r.issues.append({issue});
  return m;
}

void put_if(json& j, const char* key, const std::string& v) {
  if (!v.empty()) j[key] = v;
}
void put_if(json& j, const char* key, const std::optional<Parameter>& v) {
  if (v) j[key] = parameter_to_json(*v);
}
void put_if(json& j, const char* key, const std::optional<int>& v) {
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

json to_json(const MonetisedOutcome& o) {
  json j = {{"id", o.id}};
  put_if(j, "name", o.name);
  put_if(j, "node", o.node);
  put_if(j, "quantity", o.quantity);
  put_if(j, "stakeholder", o.stakeholder);
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
  put_if(j, "duration", o.duration);
  if (o.start != OutcomeStart::during) j["start"] = to_string(o.start);
  return j;
}

json to_json(const Model& m) {
  json j;
  j["impactchain"] = model_schema_version;
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
    json ij = {{"funder", inv.funder}, {"amount", parameter_to_json(inv.amount)}, {"year", inv.year}};
    put_if(ij, "currency", inv.currency);
    put_if(ij, "price_year", inv.price_year);
    put_if(ij, "description", inv.description);
    j["investments"].push_back(ij);
  }
  for (const auto& o : v.outcomes) j["outcomes"].push_back(to_json(o));
  if (!v.price_index.empty()) {
    json pi = json::object();
    for (const auto& [year, value] : v.price_index) pi[std::to_string(year)] = value;
    j["price_index"] = pi;
  }
  for (const auto& s : m.soft_outcomes) {
    json sj = {{"id", s.id}};
    put_if(sj, "name", s.name);
    put_if(sj, "indicator", s.indicator);
    put_if(sj, "scale", s.scale);
    put_if(sj, "data", s.data);
    put_if(sj, "pre", s.pre);
    put_if(sj, "post", s.post);
    put_if(sj, "group", s.group);
    put_if(sj, "stakeholder", s.stakeholder);
    if (s.reliability) sj["reliability"] = *s.reliability;
    put_if(sj, "id_column", s.id_column);
    put_if(sj, "effect_size", s.effect_size);
    j["soft_outcomes"].push_back(sj);
  }
  return j;
}

template <class T, class F>
T parse_with(const std::string& text, F read) {
  const json j = parse_text(text);
  Reader r;
  T value = read(r, j);
  r.issues.throw_if_any();
  return value;
}

}  // namespace

Model parse_model(const std::string& json_text) {
  return parse_with<Model>(json_text, [](Reader& r, const json& j) { return read_model(r, j); });
}

Model load_model(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument("cannot read model file '" + path + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_model(ss.str());
}

std::string dump_model(const Model& model, int indent) { return to_json(model).dump(indent); }

template <> std::string dump(const Parameter& v) { return parameter_to_json(v).dump(); }
template <> std::string dump(const Stakeholder& v) { return to_json(v).dump(); }
template <> std::string dump(const Indicator& v) { return to_json(v).dump(); }
template <> std::string dump(const Node& v) { return to_json(v).dump(); }
template <> std::string dump(const Edge& v) { return to_json(v).dump(); }
template <> std::string dump(const OutcomeChain& v) { return to_json(v).dump(); }
template <> std::string dump(const Model& v) { return to_json(v).dump(); }

template <> Parameter parse(const std::string& t) {
  return parse_with<Parameter>(t, [](Reader& r, const json& j) { return r.param_value(j, "").value_or(Parameter()); });
}
template <> Stakeholder parse(const std::string& t) {
  return parse_with<Stakeholder>(t, [](Reader& r, const json& j) {
    auto s = read_stakeholder(r, j, "");
    r.issues.append(s.problems());
    return s;
  });
}
template <> Indicator parse(const std::string& t) {
  return parse_with<Indicator>(t, [](Reader& r, const json& j) {
    auto i = read_indicator(r, j, "");
    r.issues.append(i.problems());
    return i;
  });
}
template <> Node parse(const std::string& t) {
  return parse_with<Node>(t, [](Reader& r, const json& j) { return read_node(r, j, ""); });
}
template <> Edge parse(const std::string& t) {
  return parse_with<Edge>(t, [](Reader& r, const json& j) { return read_edge(r, j, ""); });
}
template <> OutcomeChain parse(const std::string& t) {
  return parse_with<OutcomeChain>(t, [](Reader& r, const json& j) { return read_chain(r, j, "").value_or(OutcomeChain()); });
}
template <> Model parse(const std::string& t) { return parse_model(t); }

}  // namespace impactchain::io
