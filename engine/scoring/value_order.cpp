#include "scoring/value_order.h"

#include <functional>
#include <queue>
#include <unordered_map>

#include "expr/expr.h"

namespace jixiao::scoring {

namespace {

// Names x of values.x (and values['x']) in e, without recursion: expressions are shallow
// (limits::kExprDepth) but an explicit stack costs nothing.
void used_values(const expr::Expr& root, std::vector<std::string>& out) {
  std::vector<const expr::Expr*> stack{&root};
  auto is_values = [](const expr::Expr* e) {
    return e && e->kind == expr::ExprKind::Name && e->name == "values";
  };
  while (!stack.empty()) {
    const expr::Expr* e = stack.back();
    stack.pop_back();
    if (e->kind == expr::ExprKind::Member && is_values(e->a.get())) out.push_back(e->name);
    if (e->kind == expr::ExprKind::Index && is_values(e->a.get()) && e->b &&
        e->b->kind == expr::ExprKind::Literal && e->b->literal == expr::LiteralKind::String)
      out.push_back(e->b->name);
    for (const expr::Expr* child : {e->a.get(), e->b.get()})
      if (child) stack.push_back(child);
    for (const auto& arg : e->args) stack.push_back(arg.get());
  }
}

}  // namespace

std::vector<NamedFormula> order_values(std::vector<NamedFormula> values, const std::string& file,
                                       DiagnosticSink& sink) {
  const std::size_t n = values.size();
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < n; ++i) index.emplace(values[i].name, i);
  // Kahn's algorithm; the smallest file index first among the ready ones.
  std::vector<std::vector<std::size_t>> users(n);
  std::vector<std::size_t> waiting(n, 0);
  std::vector<std::string> names;
  for (std::size_t i = 0; i < n; ++i) {
    if (!values[i].formula.expr) continue;
    names.clear();
    used_values(*values[i].formula.expr, names);
    for (const auto& name : names) {
      auto it = index.find(name);
      if (it == index.end()) continue;  // an unknown value fails when evaluated, with its name
      users[it->second].push_back(i);
      ++waiting[i];
    }
  }
  std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
  for (std::size_t i = 0; i < n; ++i)
    if (waiting[i] == 0) ready.push(i);
  std::vector<NamedFormula> out;
  out.reserve(n);
  std::vector<bool> placed(n, false);
  while (!ready.empty()) {
    const std::size_t i = ready.top();
    ready.pop();
    placed[i] = true;
    for (std::size_t u : users[i])
      if (--waiting[u] == 0) ready.push(u);
    out.push_back(std::move(values[i]));
  }
  if (out.size() < n) {
    std::string cycle;
    for (std::size_t i = 0; i < n; ++i)
      if (!placed[i]) cycle += (cycle.empty() ? "" : ", ") + values[i].name;
    sink.error("rules.value-cycle", file, "/values",
               "values that depend on each other in a cycle (or on one): " + cycle,
               "each value computed from data and values that do not use it");
  }
  return out;
}

}  // namespace jixiao::scoring
