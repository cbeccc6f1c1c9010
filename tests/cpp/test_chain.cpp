// OutcomeChain: validation messages, queries and quantity flow.
#include <doctest/doctest.h>

#include "impactchain/chain.hpp"

using namespace impactchain;

namespace {
std::vector<Node> basic_nodes() {
  return {Node{"budget", "", Level::input, Parameter(10000), "EUR", ""},
          Node{"training", "", Level::activity, Parameter(40), "participants", ""},
          Node{"certified", "", Level::output, std::nullopt, "", ""},
          Node{"employed", "", Level::outcome, std::nullopt, "", ""},
          Node{"wellbeing", "", Level::outcome, std::nullopt, "", ""}};
}
std::vector<Edge> basic_edges() {
  return {Edge{"budget", "training", std::nullopt}, Edge{"training", "certified", Parameter(0.5)},
          Edge{"certified", "employed", Parameter::triangular(0.4, 0.6, 0.7)}, Edge{"training", "wellbeing", std::nullopt}};
}
std::string all_messages(const ValidationError& e) { return e.what(); }
}  // namespace

TEST_CASE("quantities flow down the chain: 40 trained × 0.5 × 0.6 = 12 employed") {
  OutcomeChain c(basic_nodes(), basic_edges());
  auto q = c.quantities();
  CHECK(*q["training"] == 40);
  CHECK(*q["certified"] == doctest::Approx(20));  // 40 × 0.5
  CHECK(*q["employed"] == doctest::Approx(12));   // 20 × 0.6 (triangular mode)
  CHECK(!q["wellbeing"].has_value());              // causal link only
  CHECK(c.topological_order() == std::vector<std::string>{"budget", "training", "certified", "employed", "wellbeing"});
  CHECK(c.paths("training", "employed") == std::vector<std::vector<std::string>>{{"training", "certified", "employed"}});
  CHECK(c.downstream("certified") == std::vector<std::string>{"employed"});
}

TEST_CASE("two inflows add up") {
  std::vector<Node> n{{"a", "", Level::activity, Parameter(10), "", ""},
                      {"b", "", Level::activity, Parameter(30), "", ""},
                      {"o", "", Level::outcome, std::nullopt, "", ""}};
  OutcomeChain c(n, {{"a", "o", Parameter(0.5)}, {"b", "o", Parameter(0.1)}});
  CHECK(*c.quantities()["o"] == doctest::Approx(10 * 0.5 + 30 * 0.1));
}

TEST_CASE("plan evaluates with drawn values") {
  OutcomeChain c(basic_nodes(), basic_edges());
  ParameterTable t;
  auto plan = c.compile(t);
  REQUIRE(t.size() == 4);  // budget, training quantities; two rates
  auto x = t.centrals();
  x[3] = 0.25;  // certified -> employed rate
  std::vector<double> q(c.nodes().size());
  plan.evaluate(x.data(), q.data());
  CHECK(q[3] == doctest::Approx(40 * 0.5 * 0.25));
  CHECK(t[3].name == "chain.edges[certified->employed].rate");
}

TEST_CASE("validation names every problem") {
  auto nodes = basic_nodes();
  nodes.push_back(Node{"employed", "", Level::outcome, std::nullopt, "", ""});   // duplicate
  nodes.push_back(Node{"orphan", "", Level::outcome, std::nullopt, "", ""});     // unreachable
  auto edges = basic_edges();
  edges.push_back(Edge{"employed", "training", std::nullopt});                   // back a level
  edges.push_back(Edge{"trainig", "employed", std::nullopt});                    // unknown id
  edges.push_back(Edge{"training", "employed", Parameter(1.5)});                 // rate out of range
  try {
    OutcomeChain c(nodes, edges);
    FAIL("expected ValidationError");
  } catch (const ValidationError& e) {
    const std::string m = all_messages(e);
    CHECK(m.find("nodes[5].id: duplicate node id 'employed' (first defined at nodes[3])") != std::string::npos);
    CHECK(m.find("outcome 'orphan' is not reachable from any activity") != std::string::npos);
    CHECK(m.find("edge 'employed' (outcome) -> 'training' (activity) goes back a level") != std::string::npos);
    CHECK(m.find("edges[5].from: unknown node 'trainig' (did you mean 'training'?)") != std::string::npos);
    CHECK(m.find("edges[6].rate: edge 'training' -> 'employed': rate must be in [0, 1], got 1.5") != std::string::npos);
    CHECK(e.issues().size() == 5);
  }
}

TEST_CASE("cycles within a level are named") {
  std::vector<Node> n{{"act", "", Level::activity, Parameter(1), "", ""},
                      {"x", "", Level::outcome, std::nullopt, "", ""},
                      {"y", "", Level::outcome, std::nullopt, "", ""}};
  std::vector<Edge> e{{"act", "x", std::nullopt}, {"x", "y", std::nullopt}, {"y", "x", std::nullopt}};
  CHECK_THROWS_WITH_AS(OutcomeChain(n, e), "nodes[1]: nodes form a cycle: 'x' -> 'y' -> 'x'", ValidationError);
}

TEST_CASE("negative quantity and self link") {
  std::vector<Node> n{{"act", "", Level::activity, Parameter(-3), "", ""}};
  CHECK_THROWS_WITH_AS(OutcomeChain(n, {}), "nodes[0].quantity: node 'act': quantity must be in [0, inf], got -3",
                       ValidationError);
  std::vector<Node> m{{"act", "", Level::activity, Parameter(3), "", ""}};
  CHECK_THROWS_WITH_AS(OutcomeChain(m, {{"act", "act", std::nullopt}}), "edges[0]: edge links node 'act' to itself",
                       ValidationError);
  OutcomeChain ok(m, {});
  CHECK_THROWS_AS(ok.index_of("nope"), std::invalid_argument);
}
