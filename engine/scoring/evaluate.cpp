#include "scoring/evaluate.h"

namespace jixiao::scoring {

namespace {

std::optional<expr::Value> eval(const Formula& f, const FormulaScope& s, std::string& error) {
  if (!f.expr) {
    error = "no formula";
    return std::nullopt;
  }
  expr::Scope scope(s.root);
  if (s.values) scope.push("values", expr::Value::of(*s.values));
  if (s.weight) {
    expr::Value w;
    w.kind = expr::Value::Kind::Float;
    w.number = *s.weight;
    scope.push("weight", w);
  }
  try {
    return expr::evaluate(*f.expr, scope);
  } catch (const expr::EvalError& e) {
    error = e.message;
    if (!e.expected.empty()) error += "; expected " + e.expected + (e.got.empty() ? "" : ", got " + e.got);
    return std::nullopt;
  }
}

}  // namespace

std::optional<double> eval_number(const Formula& f, const FormulaScope& s, std::string& error) {
  auto v = eval(f, s, error);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    error = "\"" + f.text + "\" is not a number";
    return std::nullopt;
  }
  return v->as_double();
}

std::optional<bool> eval_test(const Formula& f, const FormulaScope& s, std::string& error) {
  auto v = eval(f, s, error);
  if (!v) return std::nullopt;
  return expr::truthy(*v);
}

}  // namespace jixiao::scoring
