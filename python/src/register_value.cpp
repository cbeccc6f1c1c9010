// Monetised value (SROI): discount schedules, the deterministic result and totals.
#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "bindings.hpp"
#include "register.hpp"
#include "cancel_hook.hpp"

#include "impactchain/detail/suggest.hpp"
#include "impactchain/discount.hpp"
#include "impactchain/switching.hpp"
#include "impactchain/value.hpp"
#include "value_options.hpp"

namespace impactchain::python {

namespace {

py::dict options_dict(const ValueOptions& o) {
  py::dict d;
  d["adjustments"] = to_string(o.adjustments);
  d["discount_first_year"] = o.discount_first_year;
  d["discount_investments"] = o.discount_investments;
  d["drop_off_start"] = to_string(o.drop_off_start);
  d["long_duration_years"] = o.long_duration_years;
  d["switching_values"] = o.switching_values;
  return d;
}

constexpr const char* kOptionsDoc = R"doc(
adjustments : {"multiplicative", "additive"}, default "multiplicative"
    (1-DW)(1-DS)(1-AT), or 1-DW-DS-AT (refused when it is below 0).
discount_first_year : bool, default True
    True: a value in year y is discounted by D_y; False: by D_(y-1) (year 1 undiscounted).
discount_investments : bool, default False
    False: PV(investment) is the sum of the amounts; True: year-y amounts are discounted by D_y.
drop_off_start : {"second_year", "after_period"}, default "second_year"
    Drop-off from each outcome's 2nd year, or from the first year after the activity period.
long_duration_years : float, default 1.0
    Warn when an outcome lasts longer than this (years) with no drop-off.
switching_values : bool, default True
    Compute the value of each assumption at which the SROI ratio is 1.
)doc";

}  // namespace

void register_value(py::module_& m) {
  py::class_<DiscountBand>(m, "DiscountBand", "Years from..to (inclusive; to None = open-ended) at one rate.")
      .def(py::init([](int from, std::optional<int> to, double rate) { return make_discount_band(from, to, rate, "from_"); }),
           "from_"_a, "to"_a, "rate"_a,
           "rate in [0, 1]; from_ and to (None = open-ended) in [0, 1000], to >= from_.")
      .def_readonly("from_", &DiscountBand::from)
      .def_readonly("to", &DiscountBand::to)
      .def_readonly("rate", &DiscountBand::rate)
      .def("__repr__", [](const DiscountBand& b) {
        return "DiscountBand(from_=" + std::to_string(b.from) + ", to=" + (b.to ? std::to_string(*b.to) : "None") +
               ", rate=" + detail::num(b.rate) + ")";
      });

  py::class_<DiscountSchedule>(m, "DiscountSchedule", R"doc(
Discount rates by year and cumulative factors D_t = prod_{k=1..t} 1/(1+r_k), D_0 = 1.
Presets: green_book() and green_book_health() (HM Treasury Green Book 2022 Annex A6),
nl_2021() (Dutch MKBA 2.25 %); or constant(rate), from_rates([...]), from_bands([...]).
)doc")
      .def_static("constant", &DiscountSchedule::constant, "rate"_a, "One rate in [0, 1] for every year.")
      .def_static("green_book", &DiscountSchedule::green_book, "Green Book STPR: 3.5 % years 0-30, 3 % 31-75, ...")
      .def_static("green_book_health", &DiscountSchedule::green_book_health, "Green Book health: 1.5 % years 0-30, ...")
      .def_static("nl_2021", &DiscountSchedule::nl_2021, "Netherlands MKBA since 2021: 2.25 %.")
      .def_static("named", &DiscountSchedule::named, "name"_a, "green_book, green_book_health or nl_2021.")
      .def_static("from_rates", &DiscountSchedule::from_rates, "rates"_a, "Rates r_1, r_2, ...; the last repeats.")
      .def_static("from_bands", &DiscountSchedule::from_bands, "bands"_a,
                  "Bands of years without gaps; the first starts at year 0 or 1.")
      .def_property_readonly("name", &DiscountSchedule::name)
      .def_property_readonly("bands", &DiscountSchedule::bands)
      .def("rate", &DiscountSchedule::rate, "year"_a, "Rate of year `year` (fraction, e.g. 0.035).")
      .def("factor", &DiscountSchedule::factor, "t"_a, "Cumulative factor D_t (t >= 0 years).")
      .def("factors", [](const DiscountSchedule& s, int n) {
        const auto f = s.factors(n);
        return py::array_t<double>(static_cast<py::ssize_t>(f.size()), f.data());
      }, "n"_a, "D_0 ... D_n as a numpy array.")
      .def("factor_for_year", &DiscountSchedule::factor_for_year, "year"_a, py::kw_only(), "discount_first_year"_a = true,
           "Factor of a value in year `year` (>= 1): D_year, or D_(year-1) when discount_first_year is False.")
      .def("describe", &DiscountSchedule::describe)
      .def("__repr__", [](const DiscountSchedule& s) { return "<DiscountSchedule " + s.describe() + ">"; });

  py::class_<ValueYear>(m, "ValueYear", "One outcome in one valuation year (year 1 = first year of the activity period).")
      .def_readonly("outcome", &ValueYear::outcome)
      .def_readonly("stakeholder", &ValueYear::stakeholder)
      .def_readonly("year", &ValueYear::year)
      .def_readonly("gross", &ValueYear::gross)
      .def_readonly("after_deadweight", &ValueYear::after_deadweight)
      .def_readonly("after_displacement", &ValueYear::after_displacement)
      .def_readonly("after_attribution", &ValueYear::after_attribution)
      .def_readonly("after_leakage", &ValueYear::after_leakage)
      .def_readonly("after_drop_off", &ValueYear::after_drop_off)
      .def_readonly("discount_factor", &ValueYear::discount_factor)
      .def_readonly("discounted", &ValueYear::discounted);

  py::class_<OutcomeValue>(m, "OutcomeValue", "One Value Map row with its central numbers.")
      .def_readonly("id", &OutcomeValue::id)
      .def_readonly("name", &OutcomeValue::name)
      .def_readonly("stakeholder", &OutcomeValue::stakeholder)
      .def_readonly("beneficiaries", &OutcomeValue::beneficiaries, "(stakeholder, share) when the value is split.")
      .def_readonly("node", &OutcomeValue::node)
      .def_readonly("valuation", &OutcomeValue::valuation, "'proxy' or 'wellby' (wellbeing valuation).")
      .def_readonly("quantity", &OutcomeValue::quantity)
      .def_readonly("unit_proxy", &OutcomeValue::unit_proxy, "Money per unit per year, model currency and price year.")
      .def_readonly("proxy_source", &OutcomeValue::proxy_source)
      .def_readonly("deadweight", &OutcomeValue::deadweight)
      .def_readonly("displacement", &OutcomeValue::displacement)
      .def_readonly("attribution", &OutcomeValue::attribution)
      .def_readonly("leakage", &OutcomeValue::leakage)
      .def_readonly("drop_off", &OutcomeValue::drop_off)
      .def_readonly("duration", &OutcomeValue::duration)
      .def_readonly("first_year", &OutcomeValue::first_year)
      .def_readonly("impact", &OutcomeValue::impact)
      .def_readonly("undiscounted", &OutcomeValue::undiscounted)
      .def_readonly("present_value", &OutcomeValue::present_value)
      .def_readonly("negative", &OutcomeValue::negative);

  py::class_<StakeholderValue>(m, "StakeholderValue")
      .def_readonly("stakeholder", &StakeholderValue::stakeholder)
      .def_readonly("undiscounted", &StakeholderValue::undiscounted)
      .def_readonly("present_value", &StakeholderValue::present_value)
      .def_readonly("share", &StakeholderValue::share);

  py::class_<FunderValue>(m, "FunderValue")
      .def_readonly("funder", &FunderValue::funder)
      .def_readonly("amount", &FunderValue::amount)
      .def_readonly("present_value", &FunderValue::present_value)
      .def_readonly("share", &FunderValue::share);

  py::class_<PartyLedger>(m, "PartyLedger", "One party's line of the ledger: who pays, who gains (central values).")
      .def_readonly("party", &PartyLedger::party)
      .def_readonly("name", &PartyLedger::name, "A stakeholder's name in the model's language (its id without one), else party.")
      .def_readonly("stakeholder", &PartyLedger::stakeholder, "One of the model's stakeholders.")
      .def_readonly("funder", &PartyLedger::funder, "Pays at least one investment.")
      .def_readonly("pays", &PartyLedger::pays, "Its investments as counted in PV(investment).")
      .def_readonly("gains", &PartyLedger::gains, "Present value of its shares of the outcomes.")
      .def_readonly("net", &PartyLedger::net, "gains - pays.")
      .def_readonly("volunteer_hours", &PartyLedger::volunteer_hours)
      .def_readonly("unvalued_hours", &PartyLedger::unvalued_hours, "Volunteer hours without an hourly value.");

  py::class_<SwitchingValue>(m, "SwitchingValue", "Value of one assumption at which the SROI ratio is 1 (None: never).")
      .def_readonly("name", &SwitchingValue::name)
      .def_readonly("central", &SwitchingValue::central)
      .def_readonly("value", &SwitchingValue::value)
      .def_readonly("domain_low", &SwitchingValue::domain_low)
      .def_readonly("domain_high", &SwitchingValue::domain_high)
      .def_readonly("note", &SwitchingValue::note, "Why value is None ('' when it is given).");

  py::class_<ValueResult>(m, "ValueResult", "Deterministic monetised value (use impactchain.value for tables).")
      .def_readonly("currency", &ValueResult::currency)
      .def_readonly("price_year", &ValueResult::price_year)
      .def_readonly("present_value", &ValueResult::present_value)
      .def_readonly("investment", &ValueResult::investment)
      .def_readonly("investment_pv", &ValueResult::investment_pv)
      .def_readonly("npv", &ValueResult::npv)
      .def_readonly("sroi_ratio", &ValueResult::sroi_ratio)
      .def_readonly("net_sroi", &ValueResult::net_sroi)
      .def_readonly("sroi_note", &ValueResult::sroi_note, "Why sroi_ratio is None ('' when it is given).")
      .def_readonly("payback_months", &ValueResult::payback_months)
      .def_readonly("payback_reached", &ValueResult::payback_reached)
      .def_readonly("payback_effects", &ValueResult::payback_effects)
      .def_readonly("payback_method", &ValueResult::payback_method)
      .def_readonly("discount", &ValueResult::discount)
      .def_readonly("period_years", &ValueResult::period_years)
      .def_readonly("outcomes", &ValueResult::outcomes)
      .def_readonly("yearly", &ValueResult::yearly)
      .def_readonly("by_stakeholder", &ValueResult::by_stakeholder)
      .def_readonly("by_funder", &ValueResult::by_funder)
      .def_readonly("ledger", &ValueResult::ledger)
      .def_readonly("switching_values", &ValueResult::switching_values)
      .def_readonly("warnings", &ValueResult::warnings)
      .def_readonly("assumptions", &ValueResult::assumptions)
      .def_property_readonly("options", [](const ValueResult& r) { return options_dict(r.options); });

  m.def("value", [](const Model& model, const std::string& adjustments, bool discount_first_year, bool discount_investments,
                    const std::string& drop_off_start, double long_duration_years, bool switching_values) {
        const auto opt = make_value_options(adjustments, discount_first_year, discount_investments, drop_off_start,
                                      long_duration_years, switching_values);
        py::gil_scoped_release release;
        return value(model, opt, python_cancel_hook());
      }, "model"_a, py::kw_only(), "adjustments"_a = "multiplicative", "discount_first_year"_a = true,
      "discount_investments"_a = false, "drop_off_start"_a = "second_year", "long_duration_years"_a = 1.0,
      "switching_values"_a = true,
      (std::string("Deterministic SROI / social cost-benefit of a model at central values.\n\nParameters\n----------\n"
                   "model : Model\n") + kOptionsDoc + "\nReturns\n-------\nValueResult (money in the model's currency and price year)").c_str());

  m.def("value_totals", [](const Model& model, const std::map<std::string, double>& values, const std::string& adjustments,
                           bool discount_first_year, bool discount_investments, const std::string& drop_off_start) {
        const auto opt = make_value_options(adjustments, discount_first_year, discount_investments, drop_off_start, 1.0, false);
        ParameterTable table;
        const ValuePlan plan = compile_value(model, table, opt);
        auto x = table.centrals();
        std::vector<std::string> names;
        for (const auto& e : table.entries()) names.push_back(e.name);
        for (const auto& [name, v] : values) {
          const auto it = std::find(names.begin(), names.end(), name);
          if (it == names.end())
            throw std::invalid_argument("value_totals: the model has no parameter '" + name + "'" +
                                        detail::did_you_mean(name, names));
          const auto [lo, hi] = natural_domain(name);
          if (!std::isfinite(v) || v < lo || v > hi)
            throw ValidationError("values['" + name + "']", "must be a finite number in [" + detail::num(lo) + ", " +
                                                                detail::num(hi) + "], got " + detail::num(v));
          x[static_cast<std::size_t>(it - names.begin())] = v;
        }
        ValueTotals t;
        plan.totals(x.data(), t);
        if (!t.ok())
          throw std::invalid_argument("value_totals: additive adjustments of outcome '" +
                                      plan.outcome_terms()[t.invalid_outcome].id + "' exceed 1");
        const std::pair<const char*, double> checked[] = {{"present_value", t.present_value},
                                                          {"investment_pv", t.investment_pv},
                                                          {"npv", t.npv},
                                                          {"first_year_impact", t.first_year_impact},
                                                          {"investment_total", t.investment_total}};
        for (const auto& [key, val] : checked)
          if (!std::isfinite(val))
            throw ValidationError(key, std::string("value_totals: ") + key +
                                           " is not a finite number (it exceeds the range of floating point); check "
                                           "the largest quantities, proxies and amounts");
        py::dict d = totals_dict(t);
        // Ratios of an investment of ~0 mean nothing (value() warns): None, like value()'s.
        if (t.investment_pv == 0 || t.investment_pv < kMinInvestmentForRatio ||
            t.investment_pv < kMinInvestmentShare * std::abs(t.present_value)) {
          d["sroi_ratio"] = py::none();
          d["net_sroi"] = py::none();
        }
        return d;
      }, "model"_a, py::kw_only(), "values"_a = std::map<std::string, double>{}, "adjustments"_a = "multiplicative",
      "discount_first_year"_a = true, "discount_investments"_a = false, "drop_off_start"_a = "second_year",
      R"doc(Totals (present_value, investment_pv, npv, sroi_ratio, net_sroi, first_year_impact,
investment_total) with some parameters set to other values; sroi_ratio and net_sroi are
None when the investment PV is 0 or ~0 (below 0.01, or below 1e-9 of the present value).
Each value must be finite and within the parameter's natural domain (adjustments and
rates [0, 1], durations (0, 300], quantities and amounts >= 0).

Parameters
----------
model : Model
values : dict[str, float]
    Parameter name (as in ``value_parameters``) -> value; the others keep their central values.
)doc");

  m.def("value_parameters", [](const Model& model) {
        ParameterTable table;
        compile_value(model, table, {});
        std::vector<std::string> names;
        for (const auto& e : table.entries()) names.push_back(e.name);
        return names;
      }, "model"_a, "Names of the parameter slots the valuation reads, in slot order.");
}

}  // namespace impactchain::python
