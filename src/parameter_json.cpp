// The model-file (JSON) form of a Parameter, for writing models.
#include <cmath>

#include "model_json.hpp"

namespace impactchain::io::detail {

json parameter_to_json(const Parameter& p) {
  const auto& a = p.args();
  switch (p.kind()) {
    case Distribution::fixed: return a[0];
    case Distribution::uniform: return {{"uniform", {a[0], a[1]}}};
    case Distribution::triangular: return {{"triangular", {a[0], a[1], a[2]}}};
    case Distribution::pert:
      if (a[3] == 4.0) return {{"pert", {a[0], a[1], a[2]}}};
      return {{"pert", {{"low", a[0]}, {"mode", a[1]}, {"high", a[2]}, {"lambda", a[3]}}}};
    case Distribution::normal: {
      if (std::isinf(a[2]) && std::isinf(a[3])) return {{"normal", {a[0], a[1]}}};
      json n = {{"mean", a[0]}, {"sd", a[1]}};
      if (!std::isinf(a[2])) n["lower"] = a[2];
      if (!std::isinf(a[3])) n["upper"] = a[3];
      return {{"normal", n}};
    }
    case Distribution::lognormal: return {{"lognormal", {{"meanlog", a[0]}, {"sdlog", a[1]}}}};
    case Distribution::beta:
      if (a[2] == 0.0 && a[3] == 1.0) return {{"beta", {a[0], a[1]}}};
      return {{"beta", {{"alpha", a[0]}, {"beta", a[1]}, {"low", a[2]}, {"high", a[3]}}}};
    case Distribution::discrete: return {{"discrete", {{"values", a}, {"weights", p.weights()}}}};
  }
  return a[0];
}

}  // namespace impactchain::io::detail
