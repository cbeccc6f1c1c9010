// Reading model files: typed access with every problem collected, paths and suggestions.
#include <charconv>
#include <set>

#include "doc_builder.hpp"
#include "label_fold.hpp"
#include "model_json.hpp"
#include "model_reader_hints.hpp"
#include "model_text.hpp"

namespace impactchain::io::detail {

// A function's static, not a namespace-scope object: a program may load a model while its own
// globals are constructed, before this file's would be (the order across files is not defined).
static const std::vector<std::string>& top_keys() {
  static const std::vector<std::string> keys = {
      "impactchain", "language",    "name",     "organisation", "description", "period",      "currency",
      "price_year",  "role",        "notes",    "stakeholders", "indicators",  "chain",       "discount",
      "investments", "outcomes",    "price_index", "soft_outcomes", "defaults"};
  return keys;
}

/// The enum value spelt at `key`, from the enum's spelling table (EnumSpellings).
template <class E>
static std::optional<E> enum_of(Reader& r, Ref obj, const std::string& path, const char* key, bool required) {
  const std::string s = r.str(obj, path, key, required);
  if (s.empty()) return std::nullopt;
  for (const auto& [e, n] : EnumSpellings<E>::names)
    if (n == s) return e;
  const std::vector<std::string> known = impactchain::detail::spellings<E>();
  std::string list;
  for (std::size_t i = 0; i < known.size(); ++i) list += (i ? ", " : "") + known[i];
  r.error(Reader::join(path, key), "expected one of " + list + ", got '" + s + "'" +
                                       impactchain::detail::did_you_mean(s, known));
  return std::nullopt;
}

Stakeholder read_stakeholder(Reader& r, Ref j, const std::string& p) {
  Stakeholder s;
  if (j.is_string()) {
    s.id = s.name = j.str();
    return s;
  }
  if (!r.object(j, p, {"id", "name", "description"})) return s;
  s.id = r.str(j, p, "id", true);
  s.name = r.text(j, p, "name");
  if (s.name.empty()) s.name = s.id;
  s.description = r.text(j, p, "description");
  return s;
}

Indicator read_indicator(Reader& r, Ref j, const std::string& p) {
  Indicator i;
  if (!r.object(j, p, {"id", "name", "unit", "kind", "direction", "scale", "stakeholder", "source", "catalogue"}))
    return i;
  i.id = r.str(j, p, "id", true);
  i.name = r.text(j, p, "name");
  if (i.name.empty()) i.name = i.id;
  i.unit = r.text(j, p, "unit", true);
  if (auto k = enum_of<IndicatorKind>(r, j, p, "kind", true))
    i.kind = *k;
  if (auto d = enum_of<Direction>(r, j, p, "direction", false))
    i.direction = *d;
  if (Ref s = j.find("scale")) {
    const std::string sp = Reader::join(p, "scale");
    if (s.is_seq() && s.size() == 2 && s[0].is_number() && s[1].is_number()) {
      i.scale = ScaleBounds{s[0].number(), s[1].number()};
    } else if (s.is_map() && r.object(s, sp, {"min", "max"})) {
      auto lo = r.number(s, sp, "min", true), hi = r.number(s, sp, "max", true);
      if (lo && hi) i.scale = ScaleBounds{*lo, *hi};
    } else if (!s.is_map()) {
      r.error(sp, "expected [min, max] or {min: .., max: ..}, got " + detail::type_name(s));
    }
  }
  i.stakeholder = r.str(j, p, "stakeholder");
  i.source = r.text(j, p, "source");
  i.catalogue = r.str(j, p, "catalogue");
  return i;
}

Node read_node(Reader& r, Ref j, const std::string& p) {
  Node n;
  if (!r.object(j, p, {"id", "name", "level", "quantity", "unit", "indicator"})) return n;
  n.id = r.str(j, p, "id", true);
  n.name = r.text(j, p, "name");
  if (n.name.empty()) n.name = n.id;
  if (auto l = enum_of<Level>(r, j, p, "level", true)) n.level = *l;
  n.quantity = r.param(j, p, "quantity");
  r.quantity(j.find("quantity"), Reader::join(p, "quantity"));
  n.unit = r.text(j, p, "unit");
  n.indicator = r.str(j, p, "indicator");
  return n;
}

Edge read_edge(Reader& r, Ref j, const std::string& p) {
  Edge e;
  if (!r.object(j, p, {"from", "to", "rate"})) return e;
  e.from = r.str(j, p, "from", true);
  e.to = r.str(j, p, "to", true);
  e.rate = r.param(j, p, "rate");
  return e;
}

std::optional<OutcomeChain> read_chain(Reader& r, Ref j, const std::string& p) {
  if (!r.object(j, p, {"nodes", "edges"})) return std::nullopt;
  std::vector<Node> nodes;
  std::vector<Edge> edges;
  const std::size_t before = r.issues.issues().size();
  r.list(j, p, "nodes", [&](Ref x, const std::string& xp) { nodes.push_back(read_node(r, x, xp)); }, true);
  r.list(j, p, "edges", [&](Ref x, const std::string& xp) { edges.push_back(read_edge(r, x, xp)); });
  auto problems = OutcomeChain::problems(nodes, edges);
  r.issues.append_unrefused(problems, p);
  if (!problems.empty() || r.issues.issues().size() != before) return std::nullopt;
  return OutcomeChain(std::move(nodes), std::move(edges));
}

static void read_money_fields(Reader& r, Ref j, const std::string& p, std::string& currency,
                       std::optional<int>& price_year, std::string& source) {
  currency = r.str(j, p, "currency");
  price_year = r.integer(j, p, "price_year");
  source = r.text(j, p, "source");
}

// `beneficiaries: {stakeholder id: share, ...}`, in the file's order (shares checked by Model::problems).
static void read_beneficiaries(Reader& r, Ref b, const std::string& path, MonetisedOutcome& o) {
  if (!b.is_map()) {
    r.error(path, impactchain::detail::named("outcome", o.id) + ": expected a mapping of stakeholder: share (e.g. {municipality: 0.7, "
                  "insurer: 0.3}), got " + detail::type_name(b));
    return;
  }
  for (const auto& e : b.entries()) {
    Ref v = b.value(e);
    if (!v.is_number()) {
      r.error(path + "." + e.key, impactchain::detail::named("outcome", o.id) + ": the share of " + doc::excerpt(e.key) +
                                      " must be a number in [0, 1], got " + detail::type_name(v));
      continue;
    }
    o.beneficiaries.emplace_back(e.key, v.number());
  }
}

static MonetisedOutcome read_outcome(Reader& r, Ref j, const std::string& p) {
  MonetisedOutcome o;
  if (!r.object(j, p, {"id", "name", "node", "quantity", "stakeholder", "beneficiaries", "proxy", "wellbeing",
                       "deadweight", "displacement", "attribution", "drop_off", "leakage", "duration", "start"}))
    return o;
  o.id = r.str(j, p, "id", true);
  o.name = r.text(j, p, "name");
  if (o.name.empty()) o.name = o.id;
  o.node = r.str(j, p, "node");
  o.quantity = r.param(j, p, "quantity");
  r.quantity(j.find("quantity"), Reader::join(p, "quantity"));
  o.stakeholder = r.str(j, p, "stakeholder");
  if (Ref b = j.find("beneficiaries"); b && !b.is_null()) read_beneficiaries(r, b, Reader::join(p, "beneficiaries"), o);
  if (Ref x = j.find("proxy")) {
    const std::string pp = Reader::join(p, "proxy");
    if (r.object(x, pp, {"value", "currency", "price_year", "source", "licence"})) {
      Proxy px;
      if (auto v = r.param(x, pp, "value", true)) px.value = *v;
      r.money(x.find("value"), Reader::join(pp, "value"));
      read_money_fields(r, x, pp, px.currency, px.price_year, px.source);
      if (px.currency.empty()) r.error(Reader::join(pp, "currency"), impactchain::detail::named("outcome", o.id) + ": proxy currency is missing (e.g. currency: EUR)");
      px.licence = r.str(x, pp, "licence");
      o.proxy = px;
    }
  }
  if (Ref x = j.find("wellbeing")) {
    const std::string wp = Reader::join(p, "wellbeing");
    if (r.object(x, wp, {"life_satisfaction_change", "value_per_wellby", "currency", "price_year", "source"})) {
      WellbeingValuation w;
      if (auto v = r.param(x, wp, "life_satisfaction_change", true)) w.life_satisfaction_change = *v;
      w.value_per_wellby = r.param(x, wp, "value_per_wellby");
      r.money(x.find("value_per_wellby"), Reader::join(wp, "value_per_wellby"));
      read_money_fields(r, x, wp, w.currency, w.price_year, w.source);
      o.wellbeing = w;
    }
  }
  o.deadweight = r.param(j, p, "deadweight");
  o.displacement = r.param(j, p, "displacement");
  o.attribution = r.param(j, p, "attribution");
  o.drop_off = r.param(j, p, "drop_off");
  o.leakage = r.param(j, p, "leakage");
  o.duration = r.param(j, p, "duration");
  if (auto s = enum_of<OutcomeStart>(r, j, p, "start", false))
    o.start = *s;
  return o;
}

static std::optional<Discount> read_discount(Reader& r, Ref j, const std::string& p) {
  if (j.is_number()) {  // discount: 0.035, the rate without its key
    const double v = j.number();
    const bool percent = v >= 2 && v <= 100;
    using impactchain::detail::num;
    const std::string as_percent = percent ? "; " + num(v) + " % is " + num(v / 100) : std::string();
    r.error(p, "expected a mapping, got a number (a constant rate is written discount: {rate: " +
                   num(percent ? v / 100 : v) + "}" + as_percent + ")");
    return std::nullopt;
  }
  if (!r.object(j, p, {"rate", "schedule", "rates", "bands"})) return std::nullopt;
  Discount d;
  d.rate = r.param(j, p, "rate");
  d.schedule = r.str(j, p, "schedule");
  r.list(j, p, "rates", [&](Ref x, const std::string& xp) {
    if (x.is_number()) d.rates.push_back(x.number());
    else r.error(xp, "expected a number, got " + detail::type_name(x));
  });
  r.list(j, p, "bands", [&](Ref x, const std::string& xp) {
    if (!r.object(x, xp, {"from", "to", "rate"})) return;
    DiscountBand b;
    if (auto f = r.integer(x, xp, "from", true)) b.from = *f;
    b.to = r.integer(x, xp, "to");
    if (auto v = r.number(x, xp, "rate", true)) b.rate = *v;
    d.bands.push_back(b);
  });
  return d;
}

static Investment read_investment(Reader& r, Ref j, const std::string& p) {
  Investment inv;
  if (!r.object(j, p, {"funder", "kind", "amount", "hours", "hourly_value", "year", "currency", "price_year",
                       "description"}))
    return inv;
  inv.funder = r.str(j, p, "funder", true);
  const auto kind = enum_of<InvestmentKind>(r, j, p, "kind", false);
  if (kind) inv.kind = *kind;
  if (!kind && j.find("kind") && !j.find("kind").is_null()) {
    // A kind that was refused (a typo): what it takes is not known, so what was given is read and not judged.
    if (j.contains("amount")) inv.amount = r.param(j, p, "amount").value_or(Parameter(0.0));
    inv.hours = r.param(j, p, "hours");
    inv.hourly_value = r.param(j, p, "hourly_value");
    r.money(j.find("amount"), Reader::join(p, "amount"));
    r.quantity(j.find("hours"), Reader::join(p, "hours"));
    r.money(j.find("hourly_value"), Reader::join(p, "hourly_value"));
  } else if (inv.kind == InvestmentKind::volunteer_time) {
    if (j.contains("amount"))
      r.error(Reader::join(p, "amount"), "investment '" + inv.funder +
                                             "': volunteer time takes hours and an optional hourly_value, not an amount");
    inv.hours = r.param(j, p, "hours", true);
    r.quantity(j.find("hours"), Reader::join(p, "hours"));
    inv.hourly_value = r.param(j, p, "hourly_value");
    r.money(j.find("hourly_value"), Reader::join(p, "hourly_value"));
  } else {
    for (const char* key : {"hours", "hourly_value"})
      if (j.contains(key))
        r.error(Reader::join(p, key), "investment '" + inv.funder + "': " + key +
                                          " belongs to kind: volunteer_time; a " + to_string(inv.kind) +
                                          " investment takes an amount");
    if (auto a = r.param(j, p, "amount", true)) inv.amount = *a;
    r.money(j.find("amount"), Reader::join(p, "amount"));
  }
  inv.year = r.integer(j, p, "year").value_or(0);
  inv.currency = r.str(j, p, "currency");
  inv.price_year = r.integer(j, p, "price_year");
  inv.description = r.text(j, p, "description");
  return inv;
}

// A mapping of year: index at `path` (the keys are years, the values numbers).
static void read_year_map(Reader& r, Ref pi, const std::string& path, std::map<int, double>& out) {
  if (!pi.is_map()) {
    r.error(path, "expected a mapping of year: index, got " + detail::type_name(pi));
    return;
  }
  const auto& entries = pi.entries();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& e = entries[i];
    const std::string ep = path + "." + e.key;
    const std::string shown = doc::excerpt(e.key);
    int year = 0;
    const char* first = e.key.data();
    const char* last = e.key.data() + e.key.size();
    const auto res = std::from_chars(first, last, year);
    if (e.key.empty() || res.ptr != last || (e.key[0] != '-' && (e.key[0] < '0' || e.key[0] > '9'))) {
      r.error(ep, "price_index keys must be years, got '" + shown + "'");
      continue;
    }
    if (res.ec == std::errc::result_out_of_range || year < -9999 || year > 9999) {
      r.error(ep, "price_index keys must be years, got " + shown + " (outside -9999..9999)");
      continue;
    }
    Ref v = pi.value(e);
    if (!v.is_number()) {  // {2024: 104,1} reads as 2024: 104 and a year 1 without an index
      const std::string comma =
          v.is_null() && i > 0 ? decimal_comma_key(entries[i - 1].key, pi.value(entries[i - 1]), e.key) : std::string();
      r.error(ep, "expected a number, got " + detail::type_name(v) + comma);
      continue;
    }
    out[year] = v.number();
  }
}

// `price_index`: a mapping of year: index, or a publisher's file
// {file, series, retrieved} (a written model also carries what was read: file_date, base,
// provisional and the numbers as `index`, so it loads without the file).
static void read_price_index(Reader& r, Ref pi, Valuation& v) {
  if (!pi.is_map() || !pi.contains("file")) {
    read_year_map(r, pi, "price_index", v.price_index);
    return;
  }
  if (!r.object(pi, "price_index", {"file", "series", "retrieved", "file_date", "base", "provisional", "index"})) return;
  PriceIndexSource src;
  src.file = r.str(pi, "price_index", "file", true);
  src.series = r.str(pi, "price_index", "series", true);
  src.retrieved = r.str(pi, "price_index", "retrieved");
  src.file_date = r.str(pi, "price_index", "file_date");
  src.base = r.str(pi, "price_index", "base");
  if (Ref pv = pi.find("provisional"); pv && !pv.is_null()) {
    if (!pv.is_seq()) r.error("price_index.provisional", "expected a list of years, got " + detail::type_name(pv));
    else
      for (std::size_t i = 0; i < pv.size(); ++i) {
        if (pv[i].is_integer()) src.provisional.push_back(static_cast<int>(pv[i].integer()));
        else r.error(impactchain::detail::element("price_index.provisional", i), "expected a year, got " + detail::type_name(pv[i]));
      }
  }
  if (Ref idx = pi.find("index"); idx && !idx.is_null()) read_year_map(r, idx, "price_index.index", v.price_index);
  else if (!src.file.empty() && !src.series.empty()) read_price_file(r, src, v.price_index);
  v.price_index_source = std::move(src);
}

/// A funder that is no stakeholder id is a party of its own (an outside fund); one that is a
/// stakeholder id in other capitals or with white space around it (`Municipality`, a no-break space
/// after `municipality`) was most likely meant as that stakeholder, so the loader says so.
static void warn_funders_like_stakeholders(Reader& r, const Model& m) {
  const auto& investments = m.valuation.investments;
  for (std::size_t i = 0; i < investments.size(); ++i) {
    const std::string& funder = investments[i].funder;
    if (funder.empty()) continue;
    const auto same = [&](const Stakeholder& s) { return s.id == funder; };
    if (std::any_of(m.stakeholders.begin(), m.stakeholders.end(), same)) continue;
    const std::string key = impactchain::detail::label_key(funder);
    for (const auto& s : m.stakeholders)
      if (!s.id.empty() && impactchain::detail::label_key(s.id) == key) {
        r.warnings.push_back(Reader::Warning{
            impactchain::detail::element("investments", i) + ".funder", "model.funder_like_stakeholder",
            {text_param("funder", impactchain::detail::visible_spaces(funder)),
             text_param("stakeholder", impactchain::detail::visible_spaces(s.id))}});
        break;
      }
  }
}

Model read_model(Reader& r, Ref j) {
  Model m;
  if (!r.object(j, "", top_keys())) return m;
  if (auto v = r.integer(j, "", "impactchain")) {
    if (*v > model_schema_version)
      r.error("impactchain", "this file needs impactchain format " + std::to_string(*v) + "; this version reads " +
                                 (model_schema_version == 1 ? std::string("1") : "1 to " + std::to_string(model_schema_version)));
    else if (*v < 1)
      r.error("impactchain", "the format version must be 1 or more, got " + std::to_string(*v));
  }
  m.info.language = r.str(j, "", "language");
  r.language = m.info.language;
  m.info.name = r.text(j, "", "name", true);
  m.info.organisation = r.text(j, "", "organisation");
  m.info.description = r.text(j, "", "description");
  if (Ref pj = j.find("period")) {
    if (pj.is_number()) {
      m.info.period_start = m.info.period_end = r.integer(j, "", "period");
    } else if (r.object(pj, "period", {"start", "end"})) {
      m.info.period_start = r.integer(pj, "period", "start", true);
      m.info.period_end = r.integer(pj, "period", "end");
      if (!m.info.period_end) m.info.period_end = m.info.period_start;
    }
  }
  m.info.currency = r.str(j, "", "currency");
  m.info.price_year = r.integer(j, "", "price_year");
  // An absent role is the default; a role written as "" is refused by validation.
  if (Ref role = j.find("role"); role && !role.is_null()) m.info.role = r.str(j, "", "role");
  m.info.notes = r.text(j, "", "notes");
  r.list(j, "", "stakeholders", [&](Ref x, const std::string& p) { m.stakeholders.push_back(read_stakeholder(r, x, p)); });
  r.list(j, "", "indicators", [&](Ref x, const std::string& p) { m.indicators.push_back(read_indicator(r, x, p)); });
  bool chain_ok = true;
  if (Ref cj = j.find("chain")) {
    auto c = read_chain(r, cj, "chain");
    if (c) m.chain = std::move(*c);
    else chain_ok = false;
  }
  if (Ref dj = j.find("discount")) m.valuation.discount = read_discount(r, dj, "discount");
  r.list(j, "", "investments", [&](Ref x, const std::string& p) { m.valuation.investments.push_back(read_investment(r, x, p)); });
  r.list(j, "", "outcomes", [&](Ref x, const std::string& p) { m.valuation.outcomes.push_back(read_outcome(r, x, p)); });
  if (Ref pi = j.find("price_index")) read_price_index(r, pi, m.valuation);
  if (auto d = enum_of<AdjustmentDefaults>(r, j, "", "defaults", false)) m.valuation.defaults = *d;
  r.list(j, "", "soft_outcomes", [&](Ref x, const std::string& p) { m.soft_outcomes.push_back(read_soft(r, x, p)); });
  warn_funders_like_stakeholders(r, m);
  m.texts = r.texts;
  // A part that failed to load (reported) leaves its texts without a field; they are not
  // reported once more as texts that belong to nothing. Without errors every text has its
  // field, and the check below still guards that.
  if (!r.issues.empty()) impactchain::detail::drop_texts_without_field(m);
  // Cross-references; references into a chain that failed to load are not judged, and a field
  // the reader already refused (a required key missing, say) is not refused a second time for
  // the value it was left without.
  // A field is unread when the reader refused it or a part of it (name.NL refuses the name written {NL: …}).
  std::set<std::string> unread;
  for (const auto& issue : r.issues.issues())
    for (std::size_t end = issue.path.size(); end != std::string::npos && end > 0;
         end = issue.path.find_last_of(".[", end - 1))
      unread.insert(issue.path.substr(0, end));
  std::vector<impactchain::Issue> checked;
  for (const auto& issue : m.problems([&](const std::string& path) { return unread.count(path) > 0; }))
    if (chain_ok || issue.path.size() < 5 || issue.path.compare(issue.path.size() - 5, 5, ".node") != 0)
      checked.push_back(issue);
  r.issues.append_unrefused(checked);
  return m;
}

}  // namespace impactchain::io::detail
