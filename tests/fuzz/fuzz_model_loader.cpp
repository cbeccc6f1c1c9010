// libFuzzer target for the model-file loader: any byte string given to
// impactchain::io::parse_model, as YAML or as JSON, must either parse into a
// valid Model or throw a std::exception (ValidationError, std::invalid_argument)
// — never crash, leak, overflow the stack, hang or hit undefined behaviour
// (built with ASan and UBSan).
//
// The first byte picks the format (even: JSON, odd: YAML); the rest is the
// file. Seeds in tests/fuzz/corpus carry that byte: '#' (0x23, odd) before
// YAML seeds and ' ' (0x20, even) before JSON seeds.
//
// Run: build/fuzz/tests/fuzz/fuzz_model_loader -max_total_time=60 tests/fuzz/corpus
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>

#include "impactchain/io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto format = (data[0] & 1) ? impactchain::io::Format::yaml : impactchain::io::Format::json;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    const impactchain::Model model = impactchain::io::parse_model(text, format);
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
