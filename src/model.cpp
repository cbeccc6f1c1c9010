// Model validation: per-object checks and cross-references, every problem at once
// (a soft outcome's own checks: model_soft_checks.cpp).
#include "impactchain/model.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <map>
#include <tuple>

#include "impactchain/detail/check.hpp"
#include "impactchain/price_series.hpp"
#include "model_soft_checks.hpp"
#include "model_text.hpp"

namespace impactchain {

namespace {

bool calendar_year_ok(int y) { return y >= kMinCalendarYear && y <= kMaxCalendarYear; }

std::string calendar_range() {
  return "[" + std::to_string(kMinCalendarYear) + ", " + std::to_string(kMaxCalendarYear) + "]";
}

/// A calendar year outside the accepted range, as an issue naming the field.
void check_calendar_year(const std::optional<int>& y, const std::string& path, const std::string& what,
                         detail::IssueList& out) {
  if (y && !calendar_year_ok(*y))
    out.add(path, what + " must be a year in " + calendar_range() + ", got " + std::to_string(*y));
}

bool is_currency_code(const std::string& c) {
  if (c.size() != 3) return false;
  for (char ch : c)
    if (!std::isupper(static_cast<unsigned char>(ch))) return false;
  return true;
}

/// Collects duplicate ids of a list of objects.
template <class T>
void check_unique(const std::vector<T>& items, const std::string& list, const char* what, detail::IssueList& out) {
  std::map<std::string, std::size_t> first;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].id.empty()) continue;
    auto [it, fresh] = first.emplace(items[i].id, i);
    if (!fresh)
      out.add(detail::element(list, i) + ".id", std::string("duplicate ") + what + " id " + detail::quote(items[i].id) + " (first at " +
                                        detail::element(list, it->second) + ")");
  }
}

template <class T>
std::vector<std::string> ids_of(const std::vector<T>& items) {
  std::vector<std::string> out;
  for (const auto& x : items) out.push_back(x.id);
  return out;
}

void check_param(const std::optional<Parameter>& p, double lo, double hi, const std::string& path,
                 const std::string& who, const char* field, detail::IssueList& out) {
  if (!p) return;
  const std::string why = p->check_within(lo, hi);
  if (!why.empty()) out.add(path + "." + field, who + ": " + field + " " + why);
}

/// A date written YYYY-MM-DD (month 1-12, day 1-31).
bool is_iso_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  const int month = std::stoi(s.substr(5, 2)), day = std::stoi(s.substr(8, 2));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

}  // namespace

std::vector<std::string> csv_encodings() {
  return {"utf-8", "utf-8-sig", "cp1252", "windows-1252", "latin-1", "iso-8859-1", "iso-8859-15"};
}

std::vector<Issue> Model::problems() const {
  return problems([](const std::string&) { return false; });
}

std::vector<Issue> Model::problems(const std::function<bool(const std::string&)>& unread) const {
  detail::IssueList out;
  const auto& v = valuation;
  const bool has_money = !v.outcomes.empty() || !v.investments.empty();

  // Metadata.
  if (!unread("name")) detail::check_non_empty(out, "name", "model name", info.name);
  out.append(detail::text_problems(*this));
  if (info.role != "intervention" && info.role != "comparator")
    out.add("role", "role must be 'intervention' or 'comparator', got " + detail::quote(info.role));
  check_calendar_year(info.period_start, "period.start", "period start", out);
  check_calendar_year(info.period_end, "period.end", "period end", out);
  check_calendar_year(info.price_year, "price_year", "price_year", out);
  if (info.period_start && info.period_end && calendar_year_ok(*info.period_start) &&
      calendar_year_ok(*info.period_end)) {
    if (*info.period_end < *info.period_start)
      out.add("period", "period end " + std::to_string(*info.period_end) + " is before its start " +
                            std::to_string(*info.period_start));
    else if (*info.period_end - *info.period_start + 1 > kMaxPeriodYears)
      out.add("period", "the activity period may last at most " + std::to_string(kMaxPeriodYears) + " years, got " +
                            std::to_string(*info.period_end - *info.period_start + 1));
  }
  if (!info.currency.empty() && !is_currency_code(info.currency))
    out.add("currency", "currency must be an ISO 4217 code such as 'EUR', got " + detail::quote(info.currency));
  if (has_money && info.currency.empty())
    out.add("currency", "a model with monetised outcomes or investments needs a currency (e.g. currency: EUR)");
  if (has_money && !info.price_year)
    out.add("price_year", "a model with monetised outcomes or investments needs a price_year (e.g. price_year: 2024)");

  // Stakeholders and indicators.
  check_unique(stakeholders, "stakeholders", "stakeholder", out);
  for (std::size_t i = 0; i < stakeholders.size(); ++i) out.append(stakeholders[i].problems(), detail::element("stakeholders", i));
  const auto sids = ids_of(stakeholders);
  // A stakeholder referred to by its name, not its id: say which one (a name is no id).
  auto named_so = [&](const std::string& sid) -> std::string {
    for (std::size_t i = 0; i < stakeholders.size(); ++i) {
      const auto& s = stakeholders[i];
      if (s.name != sid) continue;
      if (s.id.empty())
        return "; " + detail::element("stakeholders", i) + " is named " + detail::quote(sid) +
               " but has no id (give it one and refer to it by that id)";
      return "; that is the name of stakeholder " + detail::quote(s.id) + ": refer to it by its id";
    }
    return detail::did_you_mean(sid, sids);
  };
  auto check_stakeholder = [&](const std::string& sid, const std::string& path, const std::string& who) {
    if (!sid.empty() && !find_stakeholder(sid))
      out.add(path, who + ": unknown stakeholder " + detail::quote(sid) + named_so(sid));
  };
  check_unique(indicators, "indicators", "indicator", out);
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    out.append(indicators[i].problems(), detail::element("indicators", i));
    check_stakeholder(indicators[i].stakeholder, detail::element("indicators", i) + ".stakeholder",
                      "indicator " + detail::quote(indicators[i].id));
  }
  const auto iids = ids_of(indicators);
  auto check_indicator = [&](const std::string& iid, const std::string& path, const std::string& who) {
    if (!iid.empty() && !find_indicator(iid))
      out.add(path, who + ": unknown indicator " + detail::quote(iid) + detail::did_you_mean(iid, iids));
  };
  for (std::size_t i = 0; i < chain.nodes().size(); ++i)
    check_indicator(chain.nodes()[i].indicator, "chain." + detail::element("nodes", i) + ".indicator",
                    "node " + detail::quote(chain.nodes()[i].id));

  // Money: one currency, price years that can be indexed.
  auto check_money = [&](const std::string& currency, const std::optional<int>& year, const std::string& path,
                         const std::string& who) {
    if (currency.empty()) {
      out.add(path + ".currency", who + ": currency is missing (the model reports in " +
                                      (info.currency.empty() ? std::string("no currency yet") : info.currency) + ")");
    } else if (!info.currency.empty() && currency != info.currency) {
      out.add(path + ".currency", who + ": currency " + currency + " differs from the model currency " +
                                      info.currency + "; convert it first (values in different currencies are not added)");
    }
    check_calendar_year(year, path + ".price_year", who + ": price_year", out);
    if (year && info.price_year && *year != *info.price_year &&
        (!v.price_index.count(*year) || !v.price_index.count(*info.price_year)))
      out.add(path + ".price_year", who + ": price year " + std::to_string(*year) + " differs from the model's " +
                                        std::to_string(*info.price_year) +
                                        " and price_index has no entry for " +
                                        (v.price_index.count(*year) ? std::to_string(*info.price_year) : std::to_string(*year)));
  };
  if (const auto& src = v.price_index_source) {
    if (src->file.empty()) out.add("price_index.file", "price_index.file (the publisher's download) is missing");
    try {
      price_series_info(src->series);
    } catch (const ValidationError& e) {
      out.add("price_index.series", e.issues().front().message);
    }
    for (const auto& [key, date] : {std::pair{"retrieved", &src->retrieved}, std::pair{"file_date", &src->file_date}})
      if (!date->empty() && !is_iso_date(*date))
        out.add(std::string("price_index.") + key, std::string(key) + " must be a date written YYYY-MM-DD, got " +
                                                       detail::quote(*date));
    if (v.price_index.empty() && !src->file.empty())
      out.add("price_index.index", "no yearly figures were read from " + detail::quote(src->file));
  }
  for (const auto& [year, value] : v.price_index)
    if (!calendar_year_ok(year))
      out.add("price_index." + std::to_string(year), "price index year must be in " + calendar_range() + ", got " +
                                                        std::to_string(year));
    else if (!(value > 0) || !std::isfinite(value))
      out.add("price_index." + std::to_string(year), "price index must be a positive number, got " + detail::num(value));

  // Monetised outcomes (Value Map rows).
  check_unique(v.outcomes, "outcomes", "outcome", out);
  // The chain's quantities, computed once (per outcome it would make validation
  // quadratic in the size of the model).
  std::optional<std::map<std::string, std::optional<double>>> node_quantities;
  for (std::size_t i = 0; i < v.outcomes.size(); ++i) {
    const auto& o = v.outcomes[i];
    const std::string path = detail::element("outcomes", i), who = detail::named("outcome", o.id);
    detail::check_non_empty(out, path + ".id", "outcome id", o.id);
    // Neither is said at the quantity, so a quantity the reader refused is not refused again as missing.
    const bool node_given = !o.node.empty() || unread(path + ".node");
    if (node_given == (o.quantity || unread(path + ".quantity")))
      out.add(node_given ? path : path + ".quantity", who + ": give exactly one of 'node' (a chain node) and 'quantity'");
    if (!o.node.empty() && !chain.contains(o.node)) {
      std::vector<std::string> nids;
      for (const auto& n : chain.nodes()) nids.push_back(n.id);
      out.add(path + ".node", who + ": unknown chain node " + detail::quote(o.node) + detail::did_you_mean(o.node, nids));
    } else if (!o.node.empty() && !(node_quantities ? *node_quantities : node_quantities.emplace(chain.quantities())).at(o.node)) {
      out.add(path + ".node", who + ": chain node " + detail::quote(o.node) +
                                  " has no quantity (give it a quantity or an incoming edge with a rate)");
    }
    check_param(o.quantity, 0.0, Parameter::inf, path, who, "quantity", out);
    check_stakeholder(o.stakeholder, path + ".stakeholder", who);
    if (!o.beneficiaries.empty()) {
      if (!o.stakeholder.empty())
        out.add(path + ".beneficiaries", who + ": give either 'stakeholder' (one beneficiary) or 'beneficiaries' "
                                               "(shares of several), not both");
      double sum = 0;
      std::vector<std::string> seen;
      for (const auto& [sid, share] : o.beneficiaries) {
        const std::string bp = path + ".beneficiaries." + sid;
        check_stakeholder(sid, bp, who);
        if (std::find(seen.begin(), seen.end(), sid) != seen.end())
          out.add(bp, who + ": stakeholder " + detail::quote(sid) + " is listed twice in beneficiaries");
        seen.push_back(sid);
        if (!(share >= 0 && share <= 1))
          out.add(bp, who + ": the share of " + detail::quote(sid) + " must " + detail::outside_unit_interval(share));
        sum += share;
      }
      if (std::isfinite(sum) && std::abs(sum - 1.0) > 1e-9)
        out.add(path + ".beneficiaries", who + ": beneficiaries' shares must sum to 1, got " + detail::num(sum) +
                                             (std::abs(sum - 100.0) <= 1e-7 ? " (percentages? write each as a share: 70 % is 0.7)"
                                                                            : ""));
    }
    if ((o.proxy || unread(path + ".proxy")) == (o.wellbeing || unread(path + ".wellbeing")))
      out.add(path, who + ": give exactly one of 'proxy' and 'wellbeing'");
    if (o.proxy) check_money(o.proxy->currency, o.proxy->price_year, path + ".proxy", who);
    if (o.wellbeing) {
      const auto& w = *o.wellbeing;
      const std::string why = w.life_satisfaction_change.check_within(-10.0, 10.0);
      if (!why.empty())
        out.add(path + ".wellbeing.life_satisfaction_change", who + ": life_satisfaction_change " + why);
      if (w.value_per_wellby) {
        const std::string why2 = w.value_per_wellby->check_within(0.0, Parameter::inf);
        if (!why2.empty()) out.add(path + ".wellbeing.value_per_wellby", who + ": value_per_wellby " + why2);
        check_money(w.currency, w.price_year, path + ".wellbeing", who);
      } else if (!info.currency.empty() && info.currency != "GBP") {
        out.add(path + ".wellbeing.value_per_wellby",
                who + ": the default value per WELLBY is GBP 13,000 (2019 prices); give value_per_wellby in " +
                    info.currency + " with its price_year and source");
      } else if (info.price_year && *info.price_year != 2019 &&
                 (!v.price_index.count(2019) || !v.price_index.count(*info.price_year))) {
        out.add(path + ".wellbeing.value_per_wellby",
                who + ": the default value per WELLBY is in 2019 prices; add price_index entries for 2019 and " +
                    std::to_string(*info.price_year) + ", or give value_per_wellby in " +
                    std::to_string(*info.price_year) + " prices");
      }
    }
    check_param(o.deadweight, 0, 1, path, who, "deadweight", out);
    check_param(o.displacement, 0, 1, path, who, "displacement", out);
    check_param(o.attribution, 0, 1, path, who, "attribution", out);
    check_param(o.drop_off, 0, 1, path, who, "drop_off", out);
    check_param(o.leakage, 0, 1, path, who, "leakage", out);
    if (o.duration) {  // (0, 300] years: check_within tests a closed range, so 0 is refused here
      const Parameter& d = *o.duration;
      std::string why = d.check_within(0, 300);
      const std::string closed = "must be in [0, 300]", open = "must be in (0, 300] years";
      if (why.compare(0, closed.size(), closed) == 0) why = open + why.substr(closed.size());
      else if (why.empty() && d.lower() <= 0)
        why = open + (d.is_fixed() ? ", got " + detail::num(d.lower())
                                   : ", but the " + std::string(to_string(d.kind())) + " distribution reaches [" +
                                         detail::num(d.lower()) + ", " + detail::num(d.upper()) + "]");
      if (!why.empty()) out.add(path + ".duration", who + ": duration " + why);
    }
  }

  // Discounting.
  if (v.discount) {
    const auto& d = *v.discount;
    const auto given_or_unread = [&](bool given, const char* key) {
      return given || unread(std::string("discount.") + key) ? 1 : 0;
    };
    const int given = given_or_unread(d.rate.has_value(), "rate") + given_or_unread(!d.schedule.empty(), "schedule") +
                      given_or_unread(!d.rates.empty(), "rates") + given_or_unread(!d.bands.empty(), "bands");
    if (given != 1) out.add("discount", "give exactly one of rate, schedule, rates and bands");
    if (d.rate) {
      const std::string why = d.rate->check_within(0.0, 1.0);
      if (!why.empty()) out.add("discount.rate", "discount rate " + why);
    }
    if (!d.schedule.empty() && d.schedule != "green_book" && d.schedule != "green_book_health" && d.schedule != "nl_2021")
      out.add("discount.schedule", "unknown discount schedule " + detail::quote(d.schedule) +
                                       detail::did_you_mean(d.schedule, {"green_book", "green_book_health", "nl_2021"}) +
                                       "; known: green_book, green_book_health, nl_2021");
    for (std::size_t i = 0; i < d.rates.size(); ++i)
      detail::check_unit_interval(out, "discount." + detail::element("rates", i), "discount rate", d.rates[i]);
    int expect = d.bands.empty() ? 0 : d.bands.front().from;
    for (std::size_t i = 0; i < d.bands.size(); ++i) {
      const auto& b = d.bands[i];
      const std::string path = "discount." + detail::element("bands", i);
      detail::check_unit_interval(out, path + ".rate", "discount rate", b.rate);
      if (i == 0 && (b.from < 0 || b.from > 1))
        out.add(path + ".from", "the first band must start at year 0 or 1, got " + std::to_string(b.from));
      if (b.from != expect)
        out.add(path + ".from", "bands leave a gap or overlap: expected a band starting at year " +
                                    std::to_string(expect) + ", got " + std::to_string(b.from));
      if (b.to && *b.to < b.from)
        out.add(path + ".to", "band ends (" + std::to_string(*b.to) + ") before it starts (" + std::to_string(b.from) + ")");
      if (!b.to && i + 1 != d.bands.size()) out.add(path + ".to", "only the last band may be open-ended");
      expect = b.to ? *b.to + 1 : expect;
    }
  }

  // Investments.
  for (std::size_t i = 0; i < v.investments.size(); ++i) {
    const auto& inv = v.investments[i];
    const std::string path = detail::element("investments", i), who = detail::named("investment", inv.funder, "a funder");
    if (inv.funder.empty()) out.add(path + ".funder", "investment funder must not be empty (e.g. municipality)");
    if (inv.kind == InvestmentKind::volunteer_time) {
      if (!inv.hours) out.add(path + ".hours", who + ": volunteer time needs hours (e.g. hours: 1200)");
      check_param(inv.hours, 0.0, Parameter::inf, path, who, "hours", out);
      check_param(inv.hourly_value, 0.0, Parameter::inf, path, who, "hourly_value", out);
    } else {
      const std::string why = inv.amount.check_within(0.0, Parameter::inf);
      if (!why.empty()) out.add(path + ".amount", who + ": amount " + why);
    }
    if (inv.year < 0 || inv.year > kMaxInvestmentYear)
      out.add(path + ".year", who + ": year must be in [0, " + std::to_string(kMaxInvestmentYear) +
                                  "] (years after the start of the activity period), got " + std::to_string(inv.year));
    check_money(inv.currency.empty() ? info.currency : inv.currency, inv.price_year, path, who);
  }

  // Soft outcomes.
  check_unique(soft_outcomes, "soft_outcomes", "soft outcome", out);
  for (std::size_t i = 0; i < soft_outcomes.size(); ++i) {
    const auto& s = soft_outcomes[i];
    const std::string path = detail::element("soft_outcomes", i), who = detail::named("soft outcome", s.id);
    detail::check_non_empty(out, path + ".id", "soft outcome id", s.id);
    check_indicator(s.indicator, path + ".indicator", who);
    detail::check_soft_scale(s, path, who, out);
    check_stakeholder(s.stakeholder, path + ".stakeholder", who);
    detail::check_soft_data(s, path, who, out);
  }
  return out.issues();
}

}  // namespace impactchain
