// OutcomeChain: the theory of change as a validated DAG in which quantities
// flow from activities through outputs to outcomes and impact.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "impactchain/detail/enum_names.hpp"
#include "impactchain/error.hpp"
#include "impactchain/parameter.hpp"

namespace impactchain {

/// Levels of a results chain; edges never go to a lower level.
enum class Level { input = 0, activity = 1, output = 2, outcome = 3, impact = 4 };

template <>
struct EnumSpellings<Level> {
  static constexpr const char* field = "level";
  static constexpr std::pair<Level, const char*> names[] = {
      {Level::input, "input"},
      {Level::activity, "activity"},
      {Level::output, "output"},
      {Level::outcome, "outcome"},
      {Level::impact, "impact"}};
};
inline const char* to_string(Level v) { return detail::spelling(v); }

struct Node {
  std::string id;
  std::string name;
  Level level = Level::activity;
  std::optional<Parameter> quantity;  ///< counted or planned amount (e.g. 40 participants)
  std::string unit;
  std::string indicator;  ///< id of the Indicator that measures this node, or empty

  bool operator==(const Node& o) const {
    return id == o.id && name == o.name && level == o.level && quantity == o.quantity && unit == o.unit &&
           indicator == o.indicator;
  }
};

/// A causal link. With a rate, quantity flows: q(to) += rate · q(from)
/// (40 trained × 0.3 = 12 employed). Without a rate the link is causal only.
struct Edge {
  std::string from;
  std::string to;
  std::optional<Parameter> rate;  ///< conversion rate in [0, 1]

  bool operator==(const Edge& o) const { return from == o.from && to == o.to && rate == o.rate; }
};

/// Quantities of a chain compiled against a ParameterTable: evaluating the
/// plan with a vector of parameter values gives every node's quantity.
class ChainPlan {
 public:
  /// Quantity of each node (in chain order) for parameter values x; NaN for
  /// nodes without a quantity.
  void evaluate(const double* x, double* q) const;
  std::size_t size() const noexcept { return own_.size(); }
  bool has_quantity(std::size_t node) const { return known_[node]; }

 private:
  friend class OutcomeChain;
  struct Inflow {
    std::size_t from;
    std::size_t rate_slot;
  };
  std::vector<std::size_t> order_;               // topological order
  std::vector<std::optional<std::size_t>> own_;  // slot of the node's own quantity
  std::vector<std::vector<Inflow>> inflows_;
  std::vector<bool> known_;
};

/// "node '<id>': quantity <why>" when the node's quantity is outside [0, ∞), else empty.
std::string quantity_problem(const Node& n);
/// "edge '<from>' -> '<to>': rate <why>" when the edge's rate is outside [0, 1], else empty.
std::string rate_problem(const Edge& e);

class OutcomeChain {
 public:
  OutcomeChain() = default;
  /// Validates and builds the chain; throws ValidationError listing every
  /// problem (duplicate or unknown ids, cycles, edges going back a level,
  /// rates outside [0, 1], outcomes not reachable from any activity).
  OutcomeChain(std::vector<Node> nodes, std::vector<Edge> edges);

  /// Every problem of the given nodes and edges, paths like `nodes[3].id`.
  static std::vector<Issue> problems(const std::vector<Node>& nodes, const std::vector<Edge>& edges);

  const std::vector<Node>& nodes() const noexcept { return nodes_; }
  const std::vector<Edge>& edges() const noexcept { return edges_; }
  bool empty() const noexcept { return nodes_.empty(); }
  bool contains(const std::string& id) const { return index_.count(id) != 0; }
  /// Index of a node; throws std::invalid_argument naming the unknown id.
  std::size_t index_of(const std::string& id) const;
  const Node& node(const std::string& id) const { return nodes_[index_of(id)]; }

  /// Node ids such that every edge goes from an earlier to a later one
  /// (Kahn's algorithm, ties broken by order of appearance).
  std::vector<std::string> topological_order() const;
  /// Every path (list of node ids) from `from` to `to`.
  std::vector<std::vector<std::string>> paths(const std::string& from, const std::string& to) const;
  /// Ids of the nodes reachable from `id` (not including it).
  std::vector<std::string> downstream(const std::string& id) const;
  /// Central quantity of each node (nullopt when no quantity reaches it).
  std::map<std::string, std::optional<double>> quantities() const;

  /// Registers the chain's parameters (node quantities, edge rates) in `table`
  /// under `prefix` and returns the plan that evaluates quantities from them.
  ChainPlan compile(ParameterTable& table, const std::string& prefix = "chain") const;

  bool operator==(const OutcomeChain& o) const { return nodes_ == o.nodes_ && edges_ == o.edges_; }

 private:
  std::vector<Node> nodes_;
  std::vector<Edge> edges_;
  std::map<std::string, std::size_t> index_;
  std::vector<std::vector<std::size_t>> out_;  // adjacency by edge index
};

}  // namespace impactchain
