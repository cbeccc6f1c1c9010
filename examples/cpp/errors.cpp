// A C++ tool's error handling: loads a model file, or model text from standard input ("-"),
// and says what is wrong with it, each problem with its line and column.
//   errors examples/data/minimal.yaml    -> ok: Market cleaning (minimal)              exit 0
//   errors tests/data/model_errors.json  -> every problem, as FILE:LINE:COLUMN: ...   exit 1
//   errors no-such-file.yaml             -> cannot read model file '...': no such file exit 1
//   errors - < examples/data/minimal.yaml
// ValidationError derives from std::invalid_argument, so it is caught first.
#include <impactchain/io.hpp>

#include <cstdio>
#include <exception>
#include <iostream>
#include <iterator>
#include <stdexcept>
#include <string>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s MODEL.yaml|MODEL.json|-\n", argv[0]);
    return 2;
  }
  const std::string path = argv[1];
  const std::string where = path == "-" ? "<stdin>" : path;
  try {
    impactchain::Model model;
    if (path == "-") {
      // Text the tool read itself: say which format it is. parse_model(text) alone reads JSON;
      // format_of with no file name takes JSON when the text starts with '{', else YAML.
      const std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
      model = impactchain::io::parse_model(text, impactchain::io::format_of("", text));
    } else {
      model = impactchain::io::load_model(path);  // the format from the extension (.json, .yaml, .yml)
    }
    std::printf("ok: %s\n", model.info.name.c_str());
    for (const impactchain::Notice& w : model.read_warnings)  // valid, but perhaps not what was meant
      std::printf("warning [%s]: %s\n", w.code.c_str(), w.text.c_str());
    return 0;
  } catch (const impactchain::ValidationError& e) {  // the content is refused: every problem at once
    std::fprintf(stderr, "%zu problem(s) in %s:\n", e.issues().size(), where.c_str());
    for (const impactchain::Issue& i : e.issues()) {
      if (i.line)  // 1-based; 0 when the problem has no place in the text
        std::fprintf(stderr, "%s:%zu:%zu: ", where.c_str(), i.line, i.column);
      else
        std::fprintf(stderr, "%s: ", where.c_str());
      if (!i.path.empty()) std::fprintf(stderr, "%s: ", i.path.c_str());
      std::fprintf(stderr, "%s\n", i.message.c_str());
    }
  } catch (const std::invalid_argument& e) {  // the file cannot be read: missing, a directory, a device
    std::fprintf(stderr, "%s\n", e.what());
  } catch (const std::exception& e) {  // anything else (std::bad_alloc, ...)
    std::fprintf(stderr, "error: %s\n", e.what());
  }
  return 1;
}
