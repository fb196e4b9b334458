#include "scoring/evaluate.h"

#include <algorithm>
#include <cmath>

#include "expr/number_format.h"

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
  // inf or NaN (a division by zero) would saturate to full marks further on; a figure no
  // form has (1e300) would saturate in hundredths.
  if (!std::isfinite(v->as_double())) {
    error = "\"" + f.text + "\" gives no finite number (a division by zero?)";
    return std::nullopt;
  }
  if (!expr::printable(v->as_double())) {
    error = "\"" + f.text + "\" gives " + expr::format_brief(v->as_double()) +
            ", beyond any figure of a form (magnitude below 10^16)";
    return std::nullopt;
  }
  return v->as_double();
}

std::optional<bool> eval_test(const Formula& f, const FormulaScope& s, std::string& error) {
  auto v = eval(f, s, error);
  if (!v) return std::nullopt;
  return expr::truthy(*v);
}

void out_of_weight(const RuleSet& rules, const Formula& f, const IndicatorScore& is, Centi raw,
                   std::vector<Finding>& findings) {
  Finding w{Severity::Warning, "scoring.formula-range", is.pointer,
            "the rule for " + is.name + " (" + rule_place(rules, f) + ") gives a score outside 0 to its 分值; scored " +
                centi_text(std::clamp<Centi>(raw, 0, is.weight), -1),
            centi_text(raw, -1), centi_text(is.weight, -1)};
  w.declared_as = "分值";
  findings.push_back(std::move(w));
}

std::string rule_place(const RuleSet& rules, const Formula& f) {
  return rules.file + " " + f.pointer;
}

}  // namespace jixiao::scoring
