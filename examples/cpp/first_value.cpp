// A C++ tool built against the installed library: loads a model file (YAML or
// JSON, by its extension), prints the outcome chain's quantities and the SROI
// result with its warnings.
//   first_value examples/data/market_cleaning.yaml
#include <impactchain/io.hpp>
#include <impactchain/value.hpp>
#include <impactchain/version.hpp>

#include <cstdio>
#include <exception>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s MODEL.yaml|MODEL.json\n", argv[0]);
    return 2;
  }
  try {
    const impactchain::Model model = impactchain::io::load_model(argv[1]);
    std::printf("%s (impactchain %s)\n", model.info.name.c_str(), impactchain::version);
    for (const auto& [id, q] : model.chain.quantities())
      if (q) std::printf("  %-16s %10.1f\n", id.c_str(), *q);
    const impactchain::ValueResult v = impactchain::value(model);
    std::printf("present value %.2f %s, investment %.2f, NPV %.2f\n", v.present_value, v.currency.c_str(),
                v.investment_pv, v.npv);
    if (v.sroi_ratio) std::printf("SROI ratio %.2f : 1\n", *v.sroi_ratio);
    for (const auto& w : v.warnings) std::printf("warning [%s]: %s\n", w.code.c_str(), w.text.c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  return 0;
}
