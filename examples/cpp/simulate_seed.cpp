// A C++ tool that values a model and simulates it: the central SROI ratio, then the Monte Carlo
// with a seed, run twice at the same time on other threads (one worker, two workers), which give
// the same numbers to the last bit. Each warning is printed with its code and parameters.
//   simulate_seed examples/data/market_cleaning.yaml 20000 1
// Includes only the headers it uses (simulate.hpp includes value.hpp): faster to compile than
// the umbrella header impactchain.hpp.
#include <impactchain/io.hpp>
#include <impactchain/simulate.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <future>
#include <string>
#include <vector>

namespace ic = impactchain;

static void print_notices(const char* kind, const std::vector<ic::Notice>& notices) {
  for (const ic::Notice& n : notices) {
    std::printf("%s [%s]: %s\n", kind, n.code.c_str(), n.text.c_str());
    for (const ic::NoticeParam& p : n.params) std::printf("    %s = %s\n", p.name.c_str(), p.english().c_str());
  }
}

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s MODEL.yaml|MODEL.json DRAWS SEED\n", argv[0]);
    return 2;
  }
  try {
    const ic::Model model = ic::io::load_model(argv[1]);
    const ic::ValueResult v = ic::value(model);
    if (v.sroi_ratio)
      std::printf("central SROI ratio %.4f : 1 (%s, price year %d)\n", *v.sroi_ratio, v.currency.c_str(), v.price_year);
    else
      std::printf("no SROI ratio: %s\n", v.sroi_note.text.c_str());

    ic::SimulateOptions options;
    options.draws = static_cast<std::size_t>(std::strtoull(argv[2], nullptr, 10));
    options.seed = std::strtoull(argv[3], nullptr, 10);
    options.switching_values = false;  // value() above has them
    ic::SimulateOptions two = options;
    options.threads = 1;
    two.threads = 2;
    // Independent runs may share one const Model: the core keeps no global state.
    auto first = std::async(std::launch::async, [&] { return ic::simulate_model(model, options); });
    auto second = std::async(std::launch::async, [&] { return ic::simulate_model(model, two); });
    const ic::ModelSimulation a = first.get(), b = second.get();

    std::printf("%zu draws, seed %llu, random stream version %u\n", a.result.draws,
                static_cast<unsigned long long>(a.result.seed), a.result.stream_version);
    const auto eq = [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); };
    bool same = eq(a.p_ratio_above_1, b.p_ratio_above_1);
    for (const std::string& name : ic::model_outputs()) {
      const ic::OutputSummary& s = a.result.summary(name);  // std::invalid_argument for an unknown name
      const ic::OutputSummary& t = b.result.summary(name);
      same = same && eq(s.mean, t.mean) && eq(s.sd, t.sd) && eq(s.lower, t.lower) && eq(s.upper, t.upper);
      std::printf("%-14s mean %14.4f  %.0f%% interval [%.4f, %.4f]  (%s quantiles)\n", name.c_str(), s.mean,
                  100 * s.level, s.lower, s.upper, s.quantile_method.c_str());
    }
    std::printf("P(ratio > 1) %.4f\n", a.p_ratio_above_1);
    std::printf("1 thread and 2 threads: %s\n", same ? "identical" : "DIFFERENT");
    print_notices("warning", a.result.warnings);
    return same ? 0 : 1;
  } catch (const std::exception& e) {  // ValidationError, std::invalid_argument, ... (see errors.cpp)
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}
