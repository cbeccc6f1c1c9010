// A program may load a model while its own globals are constructed (a plugin registry, a
// configuration object): before main, and before or after the library's own files are
// initialised, in an order C++ leaves open. The reader's key tables must exist then. This file's
// global is built before main runs; with the tables as namespace-scope objects of the library
// (initialised after this test file's objects, which the linker places first) it was refused with
// "unknown key 'impactchain'; known keys: " (an empty list), every key of a valid file.
#include <doctest/doctest.h>

#include <string>

#include "impactchain/error.hpp"
#include "impactchain/io.hpp"

namespace {

std::string loaded_before_main() {
  try {
    const auto m = impactchain::io::parse_model(
        "impactchain: 1\nname: At start-up\ncurrency: EUR\nprice_year: 2024\n"
        "outcomes: [{id: o, quantity: 3, proxy: {value: {triangular: [1, 2, 4]}, currency: EUR, source: s}}]\n",
        impactchain::io::Format::yaml);
    return m.info.name;
  } catch (const std::exception& e) {
    return std::string("refused: ") + e.what();
  }
}

const std::string kLoadedAtStartup = loaded_before_main();

}  // namespace

TEST_CASE("a model loaded while the program's globals are constructed reads as it does in main") {
  CHECK(kLoadedAtStartup == "At start-up");
  CHECK(loaded_before_main() == "At start-up");
}
