// libFuzzer target for the model-file loader: any byte string given to
// impactchain::io::parse_model must either parse into a valid Model or throw a
// std::exception (ValidationError, std::invalid_argument) — never crash, leak,
// overflow or hit undefined behaviour (built with ASan and UBSan).
//
// Run: build/fuzz/tests/fuzz/fuzz_model_loader -max_total_time=60 tests/fuzz/corpus
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>

#include "impactchain/io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const impactchain::Model model = impactchain::io::parse_model(text);
    // A model that parsed must survive the round trip and its own checks.
    const std::string dumped = impactchain::io::dump_model(model);
    const impactchain::Model again = impactchain::io::parse_model(dumped);
    if (!(again == model)) __builtin_trap();  // round trip must be lossless
    (void)model.chain.quantities();
    (void)model.chain.topological_order();
  } catch (const std::exception&) {
    // Rejected input is the expected outcome for most fuzz inputs.
  }
  return 0;
}
