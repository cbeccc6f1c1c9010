// Organisation sustainability profile: revenue mix and social capital.
#include "bindings.hpp"
#include "register.hpp"
#include "impactchain/sustainability.hpp"

namespace impactchain::python {

void register_sustainability(py::module_& m) {
  py::class_<RevenueProfile>(m, "RevenueProfile", "Revenue mix: diversification and dependence.")
      .def_readonly("total", &RevenueProfile::total)
      .def_readonly("sources", &RevenueProfile::sources)
      .def_readonly("shares", &RevenueProfile::shares)
      .def_readonly("hhi", &RevenueProfile::hhi)
      .def_readonly("diversification", &RevenueProfile::diversification)
      .def_readonly("diversification_normalised", &RevenueProfile::diversification_normalised)
      .def_readonly("effective_sources", &RevenueProfile::effective_sources)
      .def_readonly("largest_source", &RevenueProfile::largest_source)
      .def_readonly("largest_share", &RevenueProfile::largest_share)
      .def_readonly("municipality_share", &RevenueProfile::municipality_share)
      .def_readonly("share_by_type", &RevenueProfile::share_by_type)
      .def_readonly("warnings", &RevenueProfile::warnings);
  m.def("revenue_profile",
        [](const std::vector<std::string>& names, const std::vector<std::string>& types, const std::vector<double>& amounts,
           const std::string& municipality_type) {
          if (names.size() != types.size() || names.size() != amounts.size())
            throw ValidationError("revenue", "names, types and amounts must have the same length");
          std::vector<RevenueSource> s;
          for (std::size_t i = 0; i < names.size(); ++i) s.push_back({names[i], types[i], amounts[i]});
          return revenue_profile(s, municipality_type);
        },
        "names"_a, "types"_a, "amounts"_a, py::kw_only(), "municipality_type"_a = "municipality",
        "Revenue mix profile: HHI, 1 - HHI, normalised diversification, largest source and municipality share.");

  py::class_<SocialCapitalProfile>(m, "SocialCapitalProfile", "Social capital scores by dimension.")
      .def_readonly("indicators", &SocialCapitalProfile::indicators)
      .def_readonly("scores", &SocialCapitalProfile::scores)
      .def_readonly("dimension_score", &SocialCapitalProfile::dimension_score)
      .def_readonly("dimension_count", &SocialCapitalProfile::dimension_count)
      .def_readonly("warnings", &SocialCapitalProfile::warnings);
  m.def("social_capital_profile",
        [](const std::vector<std::string>& names, const std::vector<std::string>& dimensions, const std::vector<double>& values,
           const std::vector<double>& mins, const std::vector<double>& maxs, const std::vector<bool>& higher_is_better) {
          const std::size_t n = names.size();
          if (dimensions.size() != n || values.size() != n || mins.size() != n || maxs.size() != n || higher_is_better.size() != n)
            throw ValidationError("social_capital", "all columns must have the same length");
          std::vector<SocialCapitalIndicator> v;
          for (std::size_t i = 0; i < n; ++i) v.push_back({names[i], dimensions[i], values[i], mins[i], maxs[i], higher_is_better[i]});
          return social_capital_profile(v);
        },
        "names"_a, "dimensions"_a, "values"_a, "mins"_a, "maxs"_a, "higher_is_better"_a,
        "Social capital indicators rescaled to 0-100 by their own range, averaged per bonding/bridging/linking.");
}

}  // namespace impactchain::python
