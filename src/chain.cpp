// OutcomeChain validation, queries and quantity plans.
#include "impactchain/chain.hpp"

#include <cmath>
#include <deque>
#include <functional>
#include <limits>
#include <set>
#include <stdexcept>

#include "impactchain/detail/check.hpp"
#include "impactchain/detail/suggest.hpp"

namespace impactchain {

std::string quantity_problem(const Node& n) {
  if (!n.quantity) return {};
  const std::string why = n.quantity->check_within(0.0, Parameter::inf);
  return why.empty() ? why : "node " + detail::quote(n.id) + ": quantity " + why;
}

std::string rate_problem(const Edge& e) {
  if (!e.rate) return {};
  const std::string why = e.rate->check_within(0.0, 1.0);
  return why.empty() ? why : "edge " + detail::quote(e.from) + " -> " + detail::quote(e.to) + ": rate " + why;
}

std::vector<Issue> OutcomeChain::problems(const std::vector<Node>& nodes, const std::vector<Edge>& edges) {
  std::vector<Issue> out;
  std::map<std::string, std::size_t> index;
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const Node& n = nodes[i];
    if (n.id.empty()) {
      out.push_back({detail::element("nodes", i) + ".id", "node id must not be empty"});
      continue;
    }
    auto [it, fresh] = index.emplace(n.id, i);
    if (!fresh)
      out.push_back({detail::element("nodes", i) + ".id", "duplicate node id " + detail::quote(n.id) + " (first defined at nodes[" +
                                                 std::to_string(it->second) + "])"});
    ids.push_back(n.id);
    if (auto why = quantity_problem(n); !why.empty()) out.push_back({detail::element("nodes", i) + ".quantity", why});
  }

  // Edges: endpoints, self-links, duplicates, levels, rates.
  std::vector<std::vector<std::size_t>> succ(nodes.size());
  std::set<std::pair<std::size_t, std::size_t>> seen;
  for (std::size_t e = 0; e < edges.size(); ++e) {
    const Edge& ed = edges[e];
    bool ok = true;
    for (auto [field, id] : {std::pair<const char*, const std::string*>{"from", &ed.from}, {"to", &ed.to}}) {
      if (!index.count(*id)) {
        out.push_back({detail::element("edges", e) + "." + field,
                       "unknown node " + detail::quote(*id) + detail::did_you_mean(*id, ids)});
        ok = false;
      }
    }
    if (auto why = rate_problem(ed); !why.empty()) out.push_back({detail::element("edges", e) + ".rate", why});
    if (!ok) continue;
    const std::size_t a = index[ed.from], b = index[ed.to];
    if (a == b) {
      out.push_back({detail::element("edges", e), "edge links node " + detail::quote(ed.from) + " to itself"});
      continue;
    }
    if (!seen.insert({a, b}).second) {
      out.push_back({detail::element("edges", e), "duplicate edge " + detail::quote(ed.from) + " -> " + detail::quote(ed.to)});
      continue;
    }
    if (nodes[b].level < nodes[a].level) {
      out.push_back({detail::element("edges", e), "edge " + detail::quote(ed.from) + " (" + to_string(nodes[a].level) + ") -> " + detail::quote(ed.to) +
                                          " (" + to_string(nodes[b].level) + ") goes back a level"});
      continue;
    }
    succ[a].push_back(b);
  }

  // Cycles (only possible within a level): colour DFS, report each cycle once.
  std::vector<int> colour(nodes.size(), 0);
  std::vector<std::size_t> stack;
  std::set<std::set<std::size_t>> reported;
  std::function<void(std::size_t)> dfs = [&](std::size_t v) {
    colour[v] = 1;
    stack.push_back(v);
    for (auto w : succ[v]) {
      if (colour[w] == 1) {
        auto it = std::find(stack.begin(), stack.end(), w);
        std::set<std::size_t> members(it, stack.end());
        if (reported.insert(members).second) {
          std::string path;
          for (auto k = it; k != stack.end(); ++k) path += detail::quote(nodes[*k].id) + " -> ";
          out.push_back({detail::element("nodes", w), "nodes form a cycle: " + path + detail::quote(nodes[w].id)});
        }
      } else if (colour[w] == 0) {
        dfs(w);
      }
    }
    stack.pop_back();
    colour[v] = 2;
  };
  for (std::size_t v = 0; v < nodes.size(); ++v)
    if (colour[v] == 0 && index.count(nodes[v].id) && index[nodes[v].id] == v) dfs(v);

  // Every outcome and impact must be traceable to an activity.
  std::vector<bool> reach(nodes.size(), false);
  std::deque<std::size_t> todo;
  for (std::size_t v = 0; v < nodes.size(); ++v)
    if (nodes[v].level == Level::activity) reach[v] = true, todo.push_back(v);
  while (!todo.empty()) {
    auto v = todo.front();
    todo.pop_front();
    for (auto w : succ[v])
      if (!reach[w]) reach[w] = true, todo.push_back(w);
  }
  for (std::size_t v = 0; v < nodes.size(); ++v)
    if ((nodes[v].level == Level::outcome || nodes[v].level == Level::impact) && !reach[v] && !nodes[v].id.empty() &&
        index[nodes[v].id] == v)  // a duplicate is reported once, as a duplicate
      out.push_back({detail::element("nodes", v), std::string(to_string(nodes[v].level)) + " " + detail::quote(nodes[v].id) +
                                         " is not reachable from any activity"});
  return out;
}

OutcomeChain::OutcomeChain(std::vector<Node> nodes, std::vector<Edge> edges) {
  auto issues = problems(nodes, edges);
  if (!issues.empty()) throw ValidationError(std::move(issues));
  nodes_ = std::move(nodes);
  edges_ = std::move(edges);
  out_.assign(nodes_.size(), {});
  for (std::size_t i = 0; i < nodes_.size(); ++i) index_[nodes_[i].id] = i;
  for (std::size_t e = 0; e < edges_.size(); ++e) out_[index_[edges_[e].from]].push_back(e);
}

std::size_t OutcomeChain::index_of(const std::string& id) const {
  auto it = index_.find(id);
  if (it == index_.end()) {
    std::vector<std::string> ids;
    for (const auto& n : nodes_) ids.push_back(n.id);
    throw std::invalid_argument("outcome chain has no node " + detail::quote(id) + detail::did_you_mean(id, ids));
  }
  return it->second;
}

std::vector<std::string> OutcomeChain::topological_order() const {
  std::vector<std::size_t> indeg(nodes_.size(), 0);
  for (const auto& e : edges_) ++indeg[index_.at(e.to)];
  std::set<std::size_t> ready;  // smallest index first: stable, deterministic
  for (std::size_t v = 0; v < nodes_.size(); ++v)
    if (indeg[v] == 0) ready.insert(v);
  std::vector<std::string> order;
  while (!ready.empty()) {
    const std::size_t v = *ready.begin();
    ready.erase(ready.begin());
    order.push_back(nodes_[v].id);
    for (auto e : out_[v]) {
      const std::size_t w = index_.at(edges_[e].to);
      if (--indeg[w] == 0) ready.insert(w);
    }
  }
  return order;
}

std::vector<std::vector<std::string>> OutcomeChain::paths(const std::string& from, const std::string& to) const {
  const std::size_t a = index_of(from), b = index_of(to);
  std::vector<std::vector<std::string>> result;
  std::vector<std::string> path{nodes_[a].id};
  std::function<void(std::size_t)> walk = [&](std::size_t v) {
    if (v == b) {
      result.push_back(path);
      return;
    }
    for (auto e : out_[v]) {
      const std::size_t w = index_.at(edges_[e].to);
      path.push_back(nodes_[w].id);
      walk(w);
      path.pop_back();
    }
  };
  walk(a);
  return result;
}

std::vector<std::string> OutcomeChain::downstream(const std::string& id) const {
  std::vector<bool> seen(nodes_.size(), false);
  std::deque<std::size_t> todo{index_of(id)};
  std::vector<std::string> out;
  while (!todo.empty()) {
    auto v = todo.front();
    todo.pop_front();
    for (auto e : out_[v]) {
      const std::size_t w = index_.at(edges_[e].to);
      if (!seen[w]) seen[w] = true, out.push_back(nodes_[w].id), todo.push_back(w);
    }
  }
  return out;
}

ChainPlan OutcomeChain::compile(ParameterTable& table, const std::string& prefix) const {
  ChainPlan plan;
  const std::size_t n = nodes_.size();
  plan.own_.assign(n, std::nullopt);
  plan.inflows_.assign(n, {});
  plan.known_.assign(n, false);
  for (std::size_t i = 0; i < n; ++i)
    if (nodes_[i].quantity) plan.own_[i] = table.add(prefix + ".nodes[" + nodes_[i].id + "].quantity", *nodes_[i].quantity);
  for (std::size_t e = 0; e < edges_.size(); ++e) {
    if (!edges_[e].rate) continue;
    const std::size_t slot =
        table.add(prefix + ".edges[" + edges_[e].from + "->" + edges_[e].to + "].rate", *edges_[e].rate);
    plan.inflows_[index_.at(edges_[e].to)].push_back({index_.at(edges_[e].from), slot});
  }
  for (const auto& id : topological_order()) {
    const std::size_t v = index_.at(id);
    plan.order_.push_back(v);
    bool known = plan.own_[v].has_value();
    for (const auto& f : plan.inflows_[v]) known = known || plan.known_[f.from];
    plan.known_[v] = known;
  }
  return plan;
}

// A node's own quantity wins; otherwise it is the sum of rate · quantity over
// incoming edges with a rate whose source has a quantity.
void ChainPlan::evaluate(const double* x, double* q) const {
  for (auto v : order_) {
    if (own_[v]) {
      q[v] = x[*own_[v]];
      continue;
    }
    if (!known_[v]) {
      q[v] = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    double s = 0;
    for (const auto& f : inflows_[v])
      if (known_[f.from]) s += x[f.rate_slot] * q[f.from];
    q[v] = s;
  }
}

std::map<std::string, std::optional<double>> OutcomeChain::quantities() const {
  ParameterTable table;
  const ChainPlan plan = compile(table);
  const auto x = table.centrals();
  std::vector<double> qv(nodes_.size());
  plan.evaluate(x.data(), qv.data());
  std::map<std::string, std::optional<double>> out;
  for (std::size_t i = 0; i < nodes_.size(); ++i)
    out[nodes_[i].id] = plan.has_quantity(i) ? std::optional<double>(qv[i]) : std::nullopt;
  return out;
}

}  // namespace impactchain
